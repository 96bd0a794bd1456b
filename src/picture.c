/* picture: headers of PNG, JPEG and WebP files read without decoding, the limits, initials, fitting.
 * Sizes come from the formats' own fields: PNG's IHDR, JPEG's SOF segment, WebP's VP8/VP8L/VP8X chunk. */
#include "picture.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "regular_file.h"

#define HEAD_BYTES    64        /* enough for the PNG and WebP headers */
#define JPEG_SEGMENTS 4096      /* segments looked through for the size, at most */

/* ---------------------------------------------------------------- opening */

FILE *picture_open(const char *path, enum picture_problem *problem)
{
    int not_regular = 0;
    FILE *f = regular_file_open(path, &not_regular);

    *problem = f ? PICTURE_OK : not_regular ? PICTURE_NOT_REGULAR
             : errno == ENOENT || errno == ENOTDIR ? PICTURE_MISSING : PICTURE_UNREADABLE;
    return f;
}

/* ---------------------------------------------------------------- headers */

static unsigned be16(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }
static unsigned long be32(const unsigned char *p) { return (unsigned long)be16(p) << 16 | be16(p + 2); }
static unsigned le16(const unsigned char *p) { return (unsigned)p[1] << 8 | p[0]; }
static unsigned long le24(const unsigned char *p) { return (unsigned long)p[2] << 16 | le16(p); }

static enum picture_problem png_header(const unsigned char *b, size_t n, struct picture_info *info)
{
    unsigned long w, h;

    /* The signature, then the IHDR chunk: length 13, "IHDR", width, height (big-endian). */
    if (n < 24 || be32(b + 8) != 13 || memcmp(b + 12, "IHDR", 4) != 0)
        return PICTURE_BAD_HEADER;
    w = be32(b + 16);
    h = be32(b + 20);
    if (w == 0 || h == 0 || w > 0x7FFFFFFF || h > 0x7FFFFFFF)
        return PICTURE_BAD_HEADER;
    info->w = (int)w;
    info->h = (int)h;
    return PICTURE_OK;
}

static enum picture_problem webp_header(const unsigned char *b, size_t n, struct picture_info *info)
{
    const unsigned char *c = b + 12;        /* the first chunk after "RIFF" size "WEBP" */

    if (n < 30)
        return PICTURE_BAD_HEADER;
    if (memcmp(c, "VP8 ", 4) == 0) {
        /* A lossy frame: 3 bytes of frame tag, the start code 9D 01 2A, 14-bit width and height. */
        if (c[11] != 0x9D || c[12] != 0x01 || c[13] != 0x2A)
            return PICTURE_BAD_HEADER;
        info->w = (int)(le16(c + 14) & 0x3FFF);
        info->h = (int)(le16(c + 16) & 0x3FFF);
    } else if (memcmp(c, "VP8L", 4) == 0) {
        /* Lossless: the signature 0x2F, then width - 1 and height - 1 in 14 bits each. */
        unsigned long bits = le24(c + 9) | (unsigned long)c[12] << 24;
        if (c[8] != 0x2F)
            return PICTURE_BAD_HEADER;
        info->w = (int)(bits & 0x3FFF) + 1;
        info->h = (int)((bits >> 14) & 0x3FFF) + 1;
    } else if (memcmp(c, "VP8X", 4) == 0) {
        /* Extended: flags (0x02 is animation), 3 reserved bytes, canvas width - 1 and height - 1 in 24 bits. */
        if (c[8] & 0x02)
            return PICTURE_ANIMATED;
        info->w = (int)le24(c + 12) + 1;
        info->h = (int)le24(c + 15) + 1;
    } else {
        return PICTURE_BAD_HEADER;
    }
    return info->w > 0 && info->h > 0 ? PICTURE_OK : PICTURE_BAD_HEADER;
}

static enum picture_type sniff(const unsigned char *b, size_t n)
{
    if (n >= 8 && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0)
        return PICTURE_PNG;
    if (n >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF)
        return PICTURE_JPEG;
    if (n >= 12 && memcmp(b, "RIFF", 4) == 0 && memcmp(b + 8, "WEBP", 4) == 0)
        return PICTURE_WEBP;
    return PICTURE_UNKNOWN;
}

/* Reads len bytes at off of the file or of the buffer: returns 0, or -1 past its end. */
struct source {
    int fd;                     /* -1: the buffer */
    const unsigned char *buf;
    size_t n;
};

static int read_at(const struct source *s, long long off, unsigned char *out, size_t len)
{
    if (s->fd < 0) {
        if (off < 0 || (size_t)off > s->n || s->n - (size_t)off < len)
            return -1;
        memcpy(out, s->buf + off, len);
        return 0;
    }
    for (size_t got = 0; got < len;) {
        ssize_t r = pread(s->fd, out + got, len - got, (off_t)(off + (long long)got));
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        got += (size_t)r;
    }
    return 0;
}

/* Walks a JPEG's segments to its frame header (SOFn), which holds the size. */
static enum picture_problem jpeg_size(const struct source *s, struct picture_info *info)
{
    long long off = 2;          /* after SOI */
    unsigned char m[9];

    for (int i = 0; i < JPEG_SEGMENTS; i++) {
        unsigned marker, len;

        if (read_at(s, off, m, 2) != 0 || m[0] != 0xFF)
            return PICTURE_BAD_HEADER;
        marker = m[1];
        if (marker == 0xFF) {   /* fill byte */
            off++;
            continue;
        }
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
            off += 2;           /* standalone markers */
            continue;
        }
        if (marker == 0xD9 || marker == 0xDA)
            return PICTURE_BAD_HEADER;      /* the image or its scan began before any size */
        if (read_at(s, off + 2, m, 2) != 0 || (len = be16(m)) < 2)
            return PICTURE_BAD_HEADER;
        if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
            /* SOFn: length, precision, height, width. */
            if (len < 8 || read_at(s, off + 4, m, 5) != 0)
                return PICTURE_BAD_HEADER;
            info->h = (int)be16(m + 1);
            info->w = (int)be16(m + 3);
            return info->w > 0 && info->h > 0 ? PICTURE_OK : PICTURE_BAD_HEADER;
        }
        off += 2 + (long long)len;
    }
    return PICTURE_BAD_HEADER;
}

static enum picture_problem parse(const struct source *s, const unsigned char *head, size_t n,
                                  struct picture_info *info)
{
    info->type = sniff(head, n);
    info->w = info->h = 0;
    switch (info->type) {
    case PICTURE_PNG:
        return png_header(head, n, info);
    case PICTURE_WEBP:
        return webp_header(head, n, info);
    case PICTURE_JPEG:
        return jpeg_size(s, info);
    case PICTURE_UNKNOWN:
        break;
    }
    return PICTURE_NOT_PICTURE;
}

enum picture_problem picture_parse_header(const unsigned char *buf, size_t n, struct picture_info *info)
{
    struct source s = { -1, buf, n };

    return parse(&s, buf, n < HEAD_BYTES ? n : HEAD_BYTES, info);
}

static enum picture_problem explain(enum picture_problem pr, const struct picture_info *info, char *why,
                                    size_t whylen)
{
    switch (pr) {
    case PICTURE_OK:
        snprintf(why, whylen, "is good");
        break;
    case PICTURE_MISSING:
        snprintf(why, whylen, "is not there");
        break;
    case PICTURE_NOT_REGULAR:
        snprintf(why, whylen, "is not a regular file");
        break;
    case PICTURE_UNREADABLE:
        snprintf(why, whylen, "cannot be read: %s", strerror(errno));
        break;
    case PICTURE_TOO_LARGE:
        snprintf(why, whylen, "is %.1f MB, larger than the %lld MB a picture may have: save it smaller",
                 (double)info->bytes / 1e6, PICTURE_MAX_BYTES / 1000000);
        break;
    case PICTURE_NOT_PICTURE:
        snprintf(why, whylen, "is not a PNG, JPEG or WebP picture");
        break;
    case PICTURE_BAD_HEADER:
        snprintf(why, whylen, "is damaged: its size cannot be read");
        break;
    case PICTURE_TOO_MANY_PIXELS:
        snprintf(why, whylen, "has %.1f megapixels (%dx%d), more than the %lld a picture may have: make it smaller",
                 (double)info->w * info->h / 1e6, info->w, info->h, PICTURE_MAX_PIXELS / 1000000);
        break;
    case PICTURE_ANIMATED:
        snprintf(why, whylen, "is an animated WebP: save it as a still picture");
        break;
    }
    return pr;
}

enum picture_problem picture_probe_fd(int fd, struct picture_info *info, char *why, size_t whylen)
{
    unsigned char head[HEAD_BYTES];
    struct source s = { fd, NULL, 0 };
    struct stat st;
    ssize_t n = 0;
    enum picture_problem pr;

    memset(info, 0, sizeof *info);
    if (fstat(fd, &st) != 0)
        return explain(PICTURE_UNREADABLE, info, why, whylen);
    if (!S_ISREG(st.st_mode))
        return explain(PICTURE_NOT_REGULAR, info, why, whylen);
    info->bytes = (long long)st.st_size;
    info->dev = (uint64_t)st.st_dev;
    info->ino = (uint64_t)st.st_ino;
    info->mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
    if (info->bytes > PICTURE_MAX_BYTES)
        return explain(PICTURE_TOO_LARGE, info, why, whylen);
    do
        n = pread(fd, head, sizeof head, 0);
    while (n < 0 && errno == EINTR);
    if (n < 0)
        return explain(PICTURE_UNREADABLE, info, why, whylen);
    pr = parse(&s, head, (size_t)n, info);
    if (pr == PICTURE_OK && (long long)info->w * info->h > PICTURE_MAX_PIXELS)
        pr = PICTURE_TOO_MANY_PIXELS;
    return explain(pr, info, why, whylen);
}

enum picture_problem picture_probe(const char *path, struct picture_info *info, char *why, size_t whylen)
{
    enum picture_problem pr;
    FILE *f = picture_open(path, &pr);

    if (!f) {
        memset(info, 0, sizeof *info);
        return explain(pr, info, why, whylen);
    }
    pr = picture_probe_fd(fileno(f), info, why, whylen);
    fclose(f);
    return pr;
}

/* ---------------------------------------------------------------- names and keys */

int picture_name_ok(const char *name)
{
    size_t n = strlen(name);

    if (n == 0 || n > PICTURE_NAME_MAX || name[0] == '/')
        return 0;
    for (const char *s = name; *s;) {
        size_t part = strcspn(s, "/");
        if (part == 2 && s[0] == '.' && s[1] == '.')
            return 0;
        s += part;
        if (*s == '/')
            s++;
    }
    return 1;
}

void picture_key(const char *path, const struct picture_info *info, char out[17])
{
    uint64_t h = 0xcbf29ce484222325ULL;     /* FNV-1a over the path and the file's identity */
    uint64_t parts[5] = { info->dev, info->ino, (uint64_t)info->bytes, (uint64_t)info->mtime_ns, 1 /* format */ };
    const unsigned char *p = (const unsigned char *)parts;

    for (const unsigned char *s = (const unsigned char *)path; *s; s++)
        h = (h ^ *s) * 0x100000001b3ULL;
    for (size_t i = 0; i < sizeof parts; i++)
        h = (h ^ p[i]) * 0x100000001b3ULL;
    snprintf(out, 17, "%016llx", (unsigned long long)h);
}

/* ---------------------------------------------------------------- monogram and fitting */

static int is_title(const char *word, size_t n)
{
    /* as the shipped languages write them before or after a name: "dr Nicole", "الدكتورة نيكول",
     * "Nicole 医生" */
    static const char *const titles[] = { "dr", "prof", "mr", "mrs", "ms", "miss", "mx", "doctor", "professor",
                                          "pan", "pani", "د", "الدكتور", "الدكتورة", "دكتور", "دكتورة",
                                          "الأستاذ", "الأستاذة", "医生", "博士", "教授", "先生", "女士" };

    if (n > 0 && word[n - 1] == '.')
        n--;
    for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++)
        if (strlen(titles[i]) == n && strncasecmp(word, titles[i], n) == 0)
            return 1;
    return 0;
}

/* Appends the first character of word (upper-cased when ASCII) to out. */
static void add_initial(const char *word, size_t n, char *out, size_t outlen)
{
    size_t have = strlen(out), len = 1;

    /* The first character alone: a lead byte and its continuation bytes. */
    while (len < n && ((unsigned char)word[len] & 0xC0) == 0x80)
        len++;
    if (have + len + 1 > outlen)
        return;
    memcpy(out + have, word, len);
    if (len == 1 && out[have] >= 'a' && out[have] <= 'z')
        out[have] = (char)(out[have] - 'a' + 'A');
    out[have + len] = '\0';
}

void picture_initials(const char *name, char *out, size_t outlen)
{
    const char *first = NULL, *last = NULL, *s = name;
    size_t first_n = 0, last_n = 0;

    out[0] = '\0';
    while (*s) {
        size_t n;
        while (*s == ' ' || *s == '-')
            s++;
        n = strcspn(s, " -");
        if (n == 0)
            break;
        if (!is_title(s, n) && ((unsigned char)*s >= 0x80 || (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'))) {
            if (!first) {
                first = s;
                first_n = n;
            } else {
                last = s;
                last_n = n;
            }
        }
        s += n;
    }
    if (first)
        add_initial(first, first_n, out, outlen);
    if (last)
        add_initial(last, last_n, out, outlen);
}

struct rect picture_fit(struct rect box, int pw, int ph)
{
    struct rect r = box;

    if (pw <= 0 || ph <= 0 || box.w <= 0 || box.h <= 0)
        return (struct rect){ box.x, box.y, box.w > 0 ? box.w : 1, box.h > 0 ? box.h : 1 };
    if ((long long)box.w * ph <= (long long)box.h * pw) {
        r.h = (int)((long long)box.w * ph / pw);    /* as wide as the box */
    } else {
        r.w = (int)((long long)box.h * pw / ph);    /* as tall as the box */
    }
    if (r.w < 1)
        r.w = 1;
    if (r.h < 1)
        r.h = 1;
    r.x = box.x + (box.w - r.w) / 2;
    r.y = box.y + (box.h - r.h) / 2;
    return r;
}
