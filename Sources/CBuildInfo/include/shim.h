#ifndef BMRS_BUILD_INFO_H
#define BMRS_BUILD_INFO_H
/* What the binary was built from and against, fixed at compile time. `make release` passes
   -Xcc -DBMRS_GIT_DESCRIBE="..." -Xcc -DBMRS_GIT_COMMIT="..."; a plain `swift build` says "unknown". */
#include <sqlite3.h>
#include <curl/curlver.h>
#include <zstd.h>

#ifndef BMRS_GIT_DESCRIBE
#define BMRS_GIT_DESCRIBE "unknown"
#endif
#ifndef BMRS_GIT_COMMIT
#define BMRS_GIT_COMMIT "unknown"
#endif

static inline const char *bmrs_build_git_describe(void) { return BMRS_GIT_DESCRIBE; }
static inline const char *bmrs_build_git_commit(void) { return BMRS_GIT_COMMIT; }
static inline const char *bmrs_build_sqlite_version(void) { return SQLITE_VERSION; }
static inline const char *bmrs_build_curl_version(void) { return LIBCURL_VERSION; }
static inline unsigned bmrs_build_zstd_version(void) { return ZSTD_VERSION_NUMBER; }
#endif
