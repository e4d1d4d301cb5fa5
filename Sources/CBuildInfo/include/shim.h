#ifndef BMRS_BUILD_INFO_H
#define BMRS_BUILD_INFO_H
/* What the binary was built from and against, fixed at build time. `make release` and `make dist` link in an
   object (Tools/build-info.sh) that defines the two strings below; they are weak, so a plain `swift build`, which
   links no such object, says "unknown". */
#include <sqlite3.h>
#include <curl/curlver.h>
#include <zstd.h>

extern const char bmrs_build_git_describe_text[] __attribute__((weak));
extern const char bmrs_build_git_commit_text[] __attribute__((weak));

static inline const char *bmrs_build_git_describe(void) {
    return bmrs_build_git_describe_text ? bmrs_build_git_describe_text : "unknown";
}
static inline const char *bmrs_build_git_commit(void) {
    return bmrs_build_git_commit_text ? bmrs_build_git_commit_text : "unknown";
}
static inline const char *bmrs_build_sqlite_version(void) { return SQLITE_VERSION; }
static inline const char *bmrs_build_curl_version(void) { return LIBCURL_VERSION; }
static inline unsigned bmrs_build_zstd_version(void) { return ZSTD_VERSION_NUMBER; }
#endif
