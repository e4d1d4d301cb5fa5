#ifndef BMRS_CCURL_SHIM_H
#define BMRS_CCURL_SHIM_H
/* libcurl, loaded with dlopen on first use rather than linked: linking it makes the dynamic loader map and bind
   libcurl and the ~25 libraries it needs (TLS, HTTP/2, LDAP, Kerberos, IDN, ...) at every start, including the
   many starts (`bmrs query`, `bmrs --version`) that never fetch anything. Only the types and constants of
   <curl/curl.h> are used at compile time; every call goes through the table `bmrs_curl_load` fills. */
#include <curl/curl.h>
#include <dlfcn.h>
#include <stddef.h>

/* The libcurl functions bmrs calls. */
struct bmrs_curl_api {
    CURLcode (*global_init)(long flags);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *handle);
    void (*easy_reset)(CURL *handle);
    CURLcode (*easy_setopt)(CURL *handle, CURLoption option, ...);
    CURLcode (*easy_getinfo)(CURL *handle, CURLINFO info, ...);
    CURLcode (*easy_perform)(CURL *handle);
    const char *(*easy_strerror)(CURLcode code);
    struct curl_slist *(*slist_append)(struct curl_slist *list, const char *text);
    void (*slist_free_all)(struct curl_slist *list);
    char *(*version)(void);
};

/* Opens `library` (e.g. "libcurl.so.4") and fills `api`; returns NULL, or dlerror's text when the library or one
   of its functions is missing. Not thread-safe: call it once (the Swift side does, from a lazy global). */
static inline const char *bmrs_curl_load(const char *library, struct bmrs_curl_api *api) {
    void *handle = dlopen(library, RTLD_LAZY | RTLD_LOCAL);
    if (handle == NULL) return dlerror();
#define BMRS_CURL_SYMBOL(field, name)                        \
    do {                                                     \
        void *symbol = dlsym(handle, name);                  \
        if (symbol == NULL) return dlerror();                \
        *(void **)&api->field = symbol;                      \
    } while (0)
    BMRS_CURL_SYMBOL(global_init, "curl_global_init");
    BMRS_CURL_SYMBOL(easy_init, "curl_easy_init");
    BMRS_CURL_SYMBOL(easy_cleanup, "curl_easy_cleanup");
    BMRS_CURL_SYMBOL(easy_reset, "curl_easy_reset");
    BMRS_CURL_SYMBOL(easy_setopt, "curl_easy_setopt");
    BMRS_CURL_SYMBOL(easy_getinfo, "curl_easy_getinfo");
    BMRS_CURL_SYMBOL(easy_perform, "curl_easy_perform");
    BMRS_CURL_SYMBOL(easy_strerror, "curl_easy_strerror");
    BMRS_CURL_SYMBOL(slist_append, "curl_slist_append");
    BMRS_CURL_SYMBOL(slist_free_all, "curl_slist_free_all");
    BMRS_CURL_SYMBOL(version, "curl_version");
#undef BMRS_CURL_SYMBOL
    return NULL;
}

/* curl_easy_setopt and curl_easy_getinfo are variadic: one typed wrapper per argument kind, so C passes each
   argument the way a variadic callee expects. */
typedef size_t (*bmrs_curl_write_callback)(char *, size_t, size_t, void *);
static inline CURLcode bmrs_curl_setopt_long(const struct bmrs_curl_api *api, CURL *h, CURLoption o, long v) {
    return api->easy_setopt(h, o, v);
}
static inline CURLcode bmrs_curl_setopt_string(const struct bmrs_curl_api *api, CURL *h, CURLoption o,
                                               const char *v) {
    return api->easy_setopt(h, o, v);
}
static inline CURLcode bmrs_curl_setopt_pointer(const struct bmrs_curl_api *api, CURL *h, CURLoption o, void *v) {
    return api->easy_setopt(h, o, v);
}
static inline CURLcode bmrs_curl_setopt_slist(const struct bmrs_curl_api *api, CURL *h, CURLoption o,
                                              struct curl_slist *v) {
    return api->easy_setopt(h, o, v);
}
static inline CURLcode bmrs_curl_setopt_write_function(const struct bmrs_curl_api *api, CURL *h, CURLoption o,
                                                       bmrs_curl_write_callback f) {
    return api->easy_setopt(h, o, f);
}
static inline CURLcode bmrs_curl_getinfo_long(const struct bmrs_curl_api *api, CURL *h, CURLINFO i, long *v) {
    return api->easy_getinfo(h, i, v);
}
static inline CURLcode bmrs_curl_getinfo_double(const struct bmrs_curl_api *api, CURL *h, CURLINFO i, double *v) {
    return api->easy_getinfo(h, i, v);
}
#endif
