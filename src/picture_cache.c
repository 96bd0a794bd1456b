/* picture_cache: one file per scaled copy, written whole or not at all (temporary file, rename). */
#include "picture_cache.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fd_io.h"

#define MAGIC 0x3158504BU          /* "KPX1" read as a native word: another machine's file fails */
#define HEADER_WORDS 4              /* magic, width, height, flags */
#define FLAG_OPAQUE 1U

int picture_cache_path(const char *dir, const char *key, int w, int h, char *out, size_t len)
{
    int n = snprintf(out, len, "%s/%s-%dx%d.kpx", dir, key, w, h);

    return n > 0 && (size_t)n < len ? 0 : -1;
}

int picture_cache_write(const char *path, const uint32_t *px, int w, int h, int pitch, int opaque,
                        char *err, size_t errlen)
{
    uint32_t head[HEADER_WORDS] = { MAGIC, (uint32_t)w, (uint32_t)h, opaque ? FLAG_OPAQUE : 0 };
    char tmp[4200];
    int fd, ok;

    if (snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid()) >= (int)sizeof tmp) {
        snprintf(err, errlen, "cannot write '%s': %s", path, strerror(ENAMETOOLONG));
        return -1;
    }
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        snprintf(err, errlen, "cannot write '%s': %s", tmp, strerror(errno));
        return -1;
    }
    ok = fd_write_all(fd, head, sizeof head) == 0;
    for (int y = 0; ok && y < h; y++)
        ok = fd_write_all(fd, px + (size_t)y * (size_t)pitch, (size_t)w * 4) == 0;
    if (close(fd) != 0)
        ok = 0;
    if (!ok || rename(tmp, path) != 0) {
        snprintf(err, errlen, "cannot write '%s': %s", path, strerror(errno));
        unlink(tmp);
        return -1;
    }
    return 0;
}

/* Opens the copy at path when it is one of w x h; returns the descriptor (at the pixels) or -1. */
static int open_copy(const char *path, int w, int h, int *opaque)
{
    uint32_t head[HEADER_WORDS];
    struct stat st;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);

    if (fd < 0)
        return -1;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
        st.st_size != (off_t)(sizeof head + (size_t)w * (size_t)h * 4) || fd_read_all(fd, head, sizeof head) != 0 ||
        head[0] != MAGIC || head[1] != (uint32_t)w || head[2] != (uint32_t)h) {
        close(fd);
        return -1;
    }
    *opaque = (head[3] & FLAG_OPAQUE) != 0;
    return fd;
}

int picture_cache_has(const char *path, int w, int h)
{
    int opaque, fd = open_copy(path, w, h, &opaque);

    if (fd < 0)
        return 0;
    close(fd);
    return 1;
}

int picture_cache_read(const char *path, int w, int h, void *px, int pitch, int *opaque)
{
    int fd, ok = 1;

    if (w <= 0 || h <= 0 || w > PICTURE_CACHE_MAX_SIDE || h > PICTURE_CACHE_MAX_SIDE)
        return -1;
    fd = open_copy(path, w, h, opaque);
    if (fd < 0)
        return -1;
    if (pitch == w * 4) {
        ok = fd_read_all(fd, px, (size_t)w * (size_t)h * 4) == 0;
    } else {
        for (int y = 0; ok && y < h; y++)
            ok = fd_read_all(fd, (char *)px + (size_t)y * (size_t)pitch, (size_t)w * 4) == 0;
    }
    close(fd);
    return ok ? 0 : -1;
}

int picture_cache_prune(const char *dir, const char (*keys)[17], int n)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int removed = 0;

    if (!d)
        return 0;
    while ((e = readdir(d)) != NULL) {
        const char *name = e->d_name;
        size_t len = strlen(name);
        int keep = 0;
        char path[4200];

        if (name[0] == '.')
            continue;
        if (len > 4 && strcmp(name + len - 4, ".kpx") == 0 && !strstr(name, ".tmp."))
            for (int i = 0; i < n && !keep; i++)
                keep = strncmp(name, keys[i], 16) == 0 && name[16] == '-';
        else if (!strstr(name, ".kpx.tmp."))
            continue;           /* not ours */
        if (keep || snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path)
            continue;
        if (unlink(path) == 0)
            removed++;
    }
    closedir(d);
    return removed;
}
