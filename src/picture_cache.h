/* picture_cache: scaled copies of pictures kept as files, so that a restart shows them at once.
 * A copy is KEY-WxH.kpx in the cache directory: a 16-byte header and w x h ARGB8888 words. */
#ifndef PICTURE_CACHE_H
#define PICTURE_CACHE_H

#include <stddef.h>
#include <stdint.h>

#define PICTURE_CACHE_MAX_SIDE 8192     /* a scaled copy is never larger than a screen */

/* DIR/KEY-WxH.kpx into out. Returns 0, or -1 when it does not fit. */
int picture_cache_path(const char *dir, const char *key, int w, int h, char *out, size_t len);

/* Writes w x h pixels (pitch in pixels) to path, through a temporary file renamed into place,
 * so that a reader never sees half a copy. Returns 0, or -1 with err. */
int picture_cache_write(const char *path, const uint32_t *px, int w, int h, int pitch, int opaque,
                        char *err, size_t errlen);

/* Reads the copy at path into px (pitch in bytes), which holds w x h. Returns 0 with *opaque set,
 * or -1 when there is no copy of that size or it is damaged (then px may be partly written). */
int picture_cache_read(const char *path, int w, int h, void *px, int pitch, int *opaque);

/* 1 when a copy of that size is at path. */
int picture_cache_has(const char *path, int w, int h);

/* Removes from dir every copy whose key is not among keys (n of them, 17 bytes each), and any
 * temporary file left behind. Returns how many files it removed. */
int picture_cache_prune(const char *dir, const char (*keys)[17], int n);

#endif
