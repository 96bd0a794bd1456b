/* memscan: looks for strings in the writable private memory of a live process (the memory-wipe test).
 * Usage: memscan [--present] PID STRING...
 * Reads /proc/PID/maps and, through /proc/PID/mem, every rw-p mapping. Prints where each string
 * lies. Exit 0 when none was found (with --present: when each was found at least once), 1 when
 * not so, 2 when the process could not be read. */
#define _GNU_SOURCE     /* memmem */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define WINDOW (1 << 20)    /* bytes a match may start in, per read */
#define NEEDLE_MAX 256

struct needle {
    const char *s;
    size_t len;
    long hits;
};

/* Scans [start, end) through fd, reading windows that overlap by NEEDLE_MAX bytes so that a string
 * across two windows is found, once. Returns the bytes read. */
static unsigned long scan_range(int fd, unsigned long start, unsigned long end, const char *name,
                                struct needle *nd, int n, char *buf)
{
    unsigned long total = 0;

    for (unsigned long at = start; at < end; at += WINDOW) {
        size_t want = end - at < WINDOW + NEEDLE_MAX ? end - at : WINDOW + NEEDLE_MAX;
        ssize_t got = pread(fd, buf, want, (off_t)at);

        if (got <= 0)
            break;      /* a guard page or the like: the rest of this mapping cannot be read */
        total += (unsigned long)got < WINDOW ? (unsigned long)got : WINDOW;
        for (int i = 0; i < n; i++) {
            const char *from = buf, *stop = buf + got, *hit;
            while ((hit = memmem(from, (size_t)(stop - from), nd[i].s, nd[i].len)) != NULL &&
                   hit - buf < WINDOW) {
                printf("found \"%s\" at 0x%lx in %s\n", nd[i].s, at + (unsigned long)(hit - buf), name);
                nd[i].hits++;
                from = hit + 1;
            }
        }
    }
    return total;
}

int main(int argc, char **argv)
{
    int present = argc > 1 && strcmp(argv[1], "--present") == 0;
    int first = 1 + present, n = argc - first - 1, fd = -1, status = 2;
    struct needle *nd = NULL;
    char path[64], line[4096], *buf = NULL;
    unsigned long scanned = 0;
    FILE *maps = NULL;

    if (n < 1) {
        fprintf(stderr, "usage: memscan [--present] PID STRING...\n");
        return 2;
    }
    nd = calloc((size_t)n, sizeof *nd);
    buf = malloc(WINDOW + NEEDLE_MAX);
    if (!nd || !buf)
        goto out;
    for (int i = 0; i < n; i++) {
        nd[i].s = argv[first + 1 + i];
        nd[i].len = strlen(nd[i].s);
        if (nd[i].len == 0 || nd[i].len > NEEDLE_MAX) {
            fprintf(stderr, "memscan: strings are 1 to %d bytes\n", NEEDLE_MAX);
            goto out;
        }
    }
    snprintf(path, sizeof path, "/proc/%s/maps", argv[first]);
    maps = fopen(path, "r");
    if (!maps) {
        fprintf(stderr, "memscan: cannot open '%s': %s\n", path, strerror(errno));
        goto out;
    }
    snprintf(path, sizeof path, "/proc/%s/mem", argv[first]);
    fd = open(path, O_RDONLY);
    if (fd < 0) {
        fprintf(stderr, "memscan: cannot open '%s': %s\n", path, strerror(errno));
        goto out;
    }
    while (fgets(line, sizeof line, maps)) {
        unsigned long start, end;
        char perms[8], name[4096] = "[anonymous]";

        if (sscanf(line, "%lx-%lx %7s %*s %*s %*s %4095[^\n]", &start, &end, perms, name) < 3)
            continue;
        if (strcmp(perms, "rw-p") == 0)
            scanned += scan_range(fd, start, end, name, nd, n, buf);
    }
    if (scanned == 0) {
        fprintf(stderr, "memscan: could not read any memory of process %s\n", argv[first]);
        goto out;
    }
    status = 0;
    for (int i = 0; i < n; i++)
        if (present ? nd[i].hits == 0 : nd[i].hits > 0)
            status = 1;
    printf("memscan: %lu KiB scanned, %s\n", scanned / 1024,
           status ? (present ? "a string is missing" : "found") : (present ? "all present" : "none found"));
out:
    if (fd >= 0)
        close(fd);
    if (maps)
        fclose(maps);
    free(buf);
    free(nd);
    return status;
}
