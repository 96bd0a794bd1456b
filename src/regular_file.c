/* regular_file: open(O_NONBLOCK), fstat, then an ordinary blocking stream over a regular file. */
#include "regular_file.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

FILE *regular_file_open(const char *path, int *not_regular)
{
    /* O_NONBLOCK: a FIFO opens at once without waiting for a writer, a device without waiting
     * for carrier. O_NOCTTY: a terminal named by mistake never becomes ours. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    struct stat st;
    FILE *f;
    int saved;

    *not_regular = 0;
    if (fd < 0) {
        *not_regular = errno == ENXIO;     /* a socket, or a device that is not there */
        return NULL;
    }
    if (fstat(fd, &st) != 0)
        goto fail;
    if (!S_ISREG(st.st_mode)) {
        *not_regular = 1;
        errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
        goto fail;
    }
    if (fcntl(fd, F_SETFL, 0) != 0)
        goto fail;
    f = fdopen(fd, "rb");
    if (f)
        return f;
fail:
    saved = errno;
    close(fd);
    errno = saved;
    return NULL;
}
