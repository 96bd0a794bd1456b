/* fd_io: whole reads and writes on a file descriptor, through short counts and EINTR. */
#ifndef FD_IO_H
#define FD_IO_H

#include <stddef.h>

/* Reads exactly n bytes at offset off (pread). Returns 0, or -1 (an error or the file ends first). */
int fd_read_at(int fd, void *buf, size_t n, long long off);
/* Reads exactly n bytes from where fd stands. Returns 0, or -1 (an error or the file ends first). */
int fd_read_all(int fd, void *buf, size_t n);
/* Writes all n bytes. Returns 0, or -1 with errno. */
int fd_write_all(int fd, const void *buf, size_t n);

#endif
