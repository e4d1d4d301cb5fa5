#ifndef BMRS_CZLIB_SHIM_H
#define BMRS_CZLIB_SHIM_H
#include <zlib.h>
/// inflateInit2 is a macro Swift cannot import.
static inline int bmrs_inflate_init_gzip(z_stream *s) {
    return inflateInit2(s, 15 + 32); /* 32: detect gzip or zlib header */
}
#endif
