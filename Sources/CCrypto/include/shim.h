#ifndef BMRS_CCRYPTO_SHIM_H
#define BMRS_CCRYPTO_SHIM_H
#include <openssl/evp.h>
#endif
