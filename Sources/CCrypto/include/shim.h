#ifndef BMRS_CCRYPTO_SHIM_H
#define BMRS_CCRYPTO_SHIM_H
/* libcrypto, opened with dlopen the first time a hash or a signature is needed rather than linked: linking it makes
   the dynamic loader map and relocate OpenSSL's 4.7 MB library at every start of bmrs, including the many starts
   (`bmrs query`, `bmrs --version`) that never hash anything. Only the types and constants of <openssl/evp.h> are used
   at compile time; every call goes through the table `bmrs_crypto_load` fills. */
#include <dlfcn.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <unistd.h>

/* The libcrypto functions bmrs calls. */
struct bmrs_crypto_api {
    EVP_MD_CTX *(*_Nonnull md_ctx_new)(void);
    void (*_Nonnull md_ctx_free)(EVP_MD_CTX *ctx);
    const EVP_MD *(*_Nonnull sha256)(void);
    int (*_Nonnull digest_init_ex)(EVP_MD_CTX *ctx, const EVP_MD *type, ENGINE *impl);
    int (*_Nonnull digest_update)(EVP_MD_CTX *ctx, const void *data, size_t count);
    int (*_Nonnull digest_final_ex)(EVP_MD_CTX *ctx, unsigned char *md, unsigned int *size);
    EVP_PKEY *(*_Nonnull d2i_auto_private_key)(EVP_PKEY **a, const unsigned char **pp, long length);
    int (*_Nonnull pkey_get_base_id)(const EVP_PKEY *pkey);
    void (*_Nonnull pkey_free)(EVP_PKEY *pkey);
    int (*_Nonnull digest_sign_init)(EVP_MD_CTX *ctx, EVP_PKEY_CTX **pctx, const EVP_MD *type, ENGINE *e, EVP_PKEY *pkey);
    int (*_Nonnull digest_sign)(EVP_MD_CTX *ctx, unsigned char *sig, size_t *siglen, const unsigned char *tbs, size_t tbslen);
};

/* Opens libcrypto.so.3 (Debian's libssl3) and fills `api`; returns NULL, or dlerror's text when the library or one of
   its functions is missing. Not thread-safe: call it once (the Swift side does, from a lazy global). */
static inline const char *bmrs_crypto_load(struct bmrs_crypto_api *api) {
    void *handle = dlopen("libcrypto.so.3", RTLD_LAZY | RTLD_LOCAL);
    if (handle == NULL) return dlerror();
#define BMRS_CRYPTO_SYMBOL(field, name)                      \
    do {                                                     \
        void *symbol = dlsym(handle, name);                  \
        if (symbol == NULL) return dlerror();                \
        *(void **)&api->field = symbol;                      \
    } while (0)
    BMRS_CRYPTO_SYMBOL(md_ctx_new, "EVP_MD_CTX_new");
    BMRS_CRYPTO_SYMBOL(md_ctx_free, "EVP_MD_CTX_free");
    BMRS_CRYPTO_SYMBOL(sha256, "EVP_sha256");
    BMRS_CRYPTO_SYMBOL(digest_init_ex, "EVP_DigestInit_ex");
    BMRS_CRYPTO_SYMBOL(digest_update, "EVP_DigestUpdate");
    BMRS_CRYPTO_SYMBOL(digest_final_ex, "EVP_DigestFinal_ex");
    BMRS_CRYPTO_SYMBOL(d2i_auto_private_key, "d2i_AutoPrivateKey");
    BMRS_CRYPTO_SYMBOL(pkey_get_base_id, "EVP_PKEY_get_base_id");
    BMRS_CRYPTO_SYMBOL(pkey_free, "EVP_PKEY_free");
    BMRS_CRYPTO_SYMBOL(digest_sign_init, "EVP_DigestSignInit");
    BMRS_CRYPTO_SYMBOL(digest_sign, "EVP_DigestSign");
#undef BMRS_CRYPTO_SYMBOL
    return NULL;
}

/* Ends the process as the dynamic loader does when a linked library is missing: its message on standard error and
   status 127. bmrs cannot hash without libcrypto, and libssl3 is one of its runtime packages. */
__attribute__((noreturn)) static inline void bmrs_crypto_missing(const char *failure) {
    dprintf(2, "bmrs: error while loading shared libraries: %s (install libssl3)\n", failure);
    _exit(127);
}
#endif
