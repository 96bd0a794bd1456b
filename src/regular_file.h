/* regular_file: opens a file that staff or an option named, for reading, without ever blocking.
 * Only regular files open: a FIFO, a device or a directory is refused instead of waited on. */
#ifndef REGULAR_FILE_H
#define REGULAR_FILE_H

#include <stdio.h>

/* Opens path for reading in binary mode. Returns a stream the caller closes with fclose(); or
 * NULL with errno set, and *not_regular 1 when path exists but is not a regular file (a FIFO,
 * a device, a socket, a directory), 0 for every other failure. Opening never waits for a
 * writer or a device: the file is opened non-blocking, checked, then read normally. */
FILE *regular_file_open(const char *path, int *not_regular);

#endif
