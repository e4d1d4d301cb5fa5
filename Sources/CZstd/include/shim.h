#ifndef BMRS_CZSTD_SHIM_H
#define BMRS_CZSTD_SHIM_H
#include <zstd.h>
#endif
