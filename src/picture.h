/* picture: what the kiosk knows about a picture file without decoding it, and the pure steps of
 * showing one: its header (type and size), the limits, the monogram's initials, fitting a box. */
#ifndef PICTURE_H
#define PICTURE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "frame.h"

#define PICTURE_MAX_BYTES  (20LL * 1000 * 1000)   /* 20 MB: a camera's photo fits, a film does not */
#define PICTURE_MAX_PIXELS (24LL * 1000 * 1000)   /* 24 megapixels: decoding one needs ~100 MB at most */
#define PICTURE_NAME_MAX   255                    /* bytes of a file name as written in content */

enum picture_type { PICTURE_UNKNOWN, PICTURE_PNG, PICTURE_JPEG, PICTURE_WEBP };

/* Why a picture file cannot be used. */
enum picture_problem {
    PICTURE_OK,
    PICTURE_MISSING,        /* no such file */
    PICTURE_NOT_REGULAR,    /* a directory, FIFO, device or socket: never opened for reading */
    PICTURE_UNREADABLE,     /* it exists but cannot be opened or read (see errno in why) */
    PICTURE_TOO_LARGE,      /* more than PICTURE_MAX_BYTES */
    PICTURE_NOT_PICTURE,    /* not a PNG, JPEG or WebP file */
    PICTURE_BAD_HEADER,     /* one of those, but its size cannot be read from it */
    PICTURE_TOO_MANY_PIXELS,/* more than PICTURE_MAX_PIXELS */
    PICTURE_ANIMATED        /* an animated WebP */
};

/* A picture file as its header describes it, and which file it is (for the cache). */
struct picture_info {
    enum picture_type type;
    int w, h;
    long long bytes;
    uint64_t dev, ino;
    int64_t mtime_ns;
};

/* Opens path for reading without ever waiting (regular_file_open: a FIFO or device is refused, not
 * opened for good). Returns a stream the caller closes, or NULL with *problem (MISSING,
 * NOT_REGULAR, UNREADABLE) and errno set. */
FILE *picture_open(const char *path, enum picture_problem *problem);

/* Reads the header of the file at path into *info. Returns PICTURE_OK or the problem, with a
 * message in why (what is wrong, in words for staff, without the file's name). */
enum picture_problem picture_probe(const char *path, struct picture_info *info, char *why, size_t whylen);

/* The same over a file already open (fd is read from its start and left open). */
enum picture_problem picture_probe_fd(int fd, struct picture_info *info, char *why, size_t whylen);

/* The type and size from the first n bytes of a file (no seeking: enough for PNG and WebP, and for
 * a JPEG whose size comes early). Returns PICTURE_OK, NOT_PICTURE, BAD_HEADER or ANIMATED. */
enum picture_problem picture_parse_header(const unsigned char *buf, size_t n, struct picture_info *info);

/* Whether name may name a picture in content: not empty, not absolute, no "..", at most
 * PICTURE_NAME_MAX bytes. */
int picture_name_ok(const char *name);

/* A hex key of 16 digits for the file's identity (path, device, inode, size, time), used to name
 * its scaled copies in the cache. out holds 17 bytes. */
void picture_key(const char *path, const struct picture_info *info, char out[17]);

/* The initials of a name for a monogram: "Dr Nicole Smith" -> "NS", "Dr Nicole" -> "N". Titles
 * (Dr, Prof, Mr, Mrs, Ms, Miss, Mx) are skipped; the first and last words give one letter each,
 * upper-cased where ASCII. out holds at least 16 bytes; it is "" when name has no letter. */
void picture_initials(const char *name, char *out, size_t outlen);

/* The largest rectangle of the aspect pw:ph that fits box, centred in it (at least 1 x 1). */
struct rect picture_fit(struct rect box, int pw, int ph);

#endif
