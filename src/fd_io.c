/* fd_io: whole reads and writes on a file descriptor, through short counts and EINTR. */
#define _POSIX_C_SOURCE 200809L     /* pread */
#include "fd_io.h"

#include <errno.h>
#include <sys/types.h>
#include <unistd.h>

int fd_read_at(int fd, void *buf, size_t n, long long off)
{
    unsigned char *p = buf;

    while (n > 0) {
        ssize_t got = pread(fd, p, n, (off_t)off);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return -1;
        p += got;
        n -= (size_t)got;
        off += got;
    }
    return 0;
}

int fd_read_all(int fd, void *buf, size_t n)
{
    unsigned char *p = buf;

    while (n > 0) {
        ssize_t got = read(fd, p, n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return -1;
        p += got;
        n -= (size_t)got;
    }
    return 0;
}

int fd_write_all(int fd, const void *buf, size_t n)
{
    const unsigned char *p = buf;

    while (n > 0) {
        ssize_t put = write(fd, p, n);
        if (put < 0 && errno == EINTR)
            continue;
        if (put <= 0) {
            if (put == 0)
                errno = EIO;
            return -1;
        }
        p += put;
        n -= (size_t)put;
    }
    return 0;
}
