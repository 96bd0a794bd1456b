/* wal_log: an SQLite write-ahead log read without SQLite (see wal_log.h), after SQLite's own
 * description of the format (fileformat2.html, "The Write-Ahead Log") and its wal.c.
 *
 * A log is a 32-byte header then frames: a 24-byte header and one database page each. Every frame
 * carries the log's two salts and a checksum that runs on from the frame before (from the header
 * for the first). When SQLite opens the database after an unclean stop it reads the frames in
 * order and keeps them up to the last transaction's end (a frame whose commit field is set) before
 * the first frame that does not check out; it drops the rest. A write cut short (a crash, a power
 * cut) leaves at most the transaction in flight unfinished or garbled: only its frames are
 * dropped, and it was never confirmed. When a committed transaction is dropped and another one
 * followed it, its frames had been written and synced whole before the next began: bytes changed
 * afterwards. That is damage, and what this module calls it. Frames left from an earlier round of
 * the log (SQLite starts it again from the top with new salts) are not ours, and are ignored. */
#include "wal_log.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "fd_io.h"

/* ---------------------------------------------------------------- defines */

#define WAL_MAGIC           0x377f0682u     /* | 1: checksums of big-endian words */
#define WAL_VERSION         3007000u
#define WAL_HEADER          32
#define FRAME_HEADER        24
#define SHM_DMS_OFFSET      128     /* the byte of the -shm every connection holds a read lock on */

/* ---------------------------------------------------------------- helpers */

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

/* SQLite's log checksum over n bytes (a multiple of 8), running on from s. */
static void checksum(int big, const unsigned char *p, size_t n, uint32_t s[2])
{
    for (size_t i = 0; i + 8 <= n; i += 8) {
        s[0] += (big ? be32(p + i) : le32(p + i)) + s[1];
        s[1] += (big ? be32(p + i + 4) : le32(p + i + 4)) + s[0];
    }
}

/* ---------------------------------------------------------------- reading */

int wal_log_read(const char *path, struct wal_verdict *v, wal_frame_fn fn, void *ctx, char *err, size_t errlen)
{
    unsigned char hdr[WAL_HEADER], fh[FRAME_HEADER], *page = NULL;
    uint32_t salt[2] = { 0, 0 }, run[2] = { 0, 0 }, stored[2], s[2];
    long long size, last_ours = 0, first_bad = 0;
    int fd, big = 0, header_ok, chain = 1, rc = 0;
    struct stat sb;

    memset(v, 0, sizeof *v);
    fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);    /* a FIFO must not make us wait */
    if (fd < 0 && errno == ENOENT)
        return 0;
    if (fd < 0 || fstat(fd, &sb) != 0) {
        snprintf(err, errlen, "cannot read '%s': %s", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    if (!S_ISREG(sb.st_mode)) {
        snprintf(err, errlen, "cannot read '%s': not a regular file", path);
        close(fd);
        return -1;
    }
    size = (long long)sb.st_size;
    if (size < WAL_HEADER || fd_read_at(fd, hdr, sizeof hdr, 0) != 0) {
        close(fd);
        return 0;   /* nothing SQLite would read */
    }
    big = (int)(be32(hdr) & 1);
    v->page_size = be32(hdr + 8);
    stored[0] = 0;
    stored[1] = 0;
    checksum(big, hdr, 24, stored);
    header_ok = (be32(hdr) & ~1u) == WAL_MAGIC && be32(hdr + 4) == WAL_VERSION && stored[0] == be32(hdr + 24) &&
                stored[1] == be32(hdr + 28);
    if (v->page_size < 512 || v->page_size > 65536 || (v->page_size & (v->page_size - 1)))
        v->page_size = 4096;    /* garbled: frames are most likely of the usual size */
    v->frames = (size - WAL_HEADER) / (FRAME_HEADER + v->page_size);
    page = malloc(v->page_size);
    if (!page) {
        close(fd);
        snprintf(err, errlen, "cannot read '%s': out of memory", path);
        return -1;
    }
    run[0] = stored[0] = be32(hdr + 24);
    run[1] = stored[1] = be32(hdr + 28);
    salt[0] = be32(hdr + 16);
    salt[1] = be32(hdr + 20);
    chain = header_ok;
    for (long long i = 1; i <= v->frames && rc == 0; i++) {
        long long off = WAL_HEADER + (i - 1) * (FRAME_HEADER + (long long)v->page_size);
        struct wal_frame f = { .index = i, .offset = off + FRAME_HEADER };
        if (fd_read_at(fd, fh, sizeof fh, off) != 0 || fd_read_at(fd, page, v->page_size, off + FRAME_HEADER) != 0)
            break;
        if (i == 1 && !header_ok) {     /* SQLite reads none; ours are the first frame's */
            salt[0] = be32(fh + 8);
            salt[1] = be32(fh + 12);
        }
        f.pgno = be32(fh);
        f.commit = be32(fh + 4);
        f.ours = be32(fh + 8) == salt[0] && be32(fh + 12) == salt[1];
        /* sound: from the checksum stored before it, whatever came before that */
        s[0] = stored[0];
        s[1] = stored[1];
        checksum(big, fh, 8, s);
        checksum(big, page, v->page_size, s);
        f.sound = f.ours && f.pgno != 0 && s[0] == be32(fh + 16) && s[1] == be32(fh + 20);
        /* chained: as SQLite reads it, from the checksum it computed */
        checksum(big, fh, 8, run);
        checksum(big, page, v->page_size, run);
        chain = chain && f.ours && f.pgno != 0 && run[0] == be32(fh + 16) && run[1] == be32(fh + 20);
        f.chained = chain;
        if (!chain && !first_bad)
            first_bad = i;
        if (chain && f.commit)
            v->kept = i;
        if (f.ours) {
            last_ours = i;
            if (f.commit)
                v->last_commit = i;
        }
        stored[0] = be32(fh + 16);
        stored[1] = be32(fh + 20);
        if (fn)
            rc = fn(ctx, &f);
    }
    /* Which of ours SQLite drops: every commit after the last it keeps. */
    for (long long i = v->kept + 1; i <= v->frames && i <= last_ours; i++) {
        long long off = WAL_HEADER + (i - 1) * (FRAME_HEADER + (long long)v->page_size);
        if (fd_read_at(fd, fh, sizeof fh, off) != 0)
            break;
        if (be32(fh + 8) != salt[0] || be32(fh + 12) != salt[1] || be32(fh + 4) == 0)
            continue;
        v->dropped_commits++;
        if (i < last_ours)
            v->damaged = 1;     /* committed, and more was written after it */
    }
    if (v->damaged)
        snprintf(v->why, sizeof v->why, "its write-ahead log is damaged from frame %lld of %lld: SQLite would drop "
                 "%lld committed transaction%s after it", first_bad ? first_bad : 1, v->frames, v->dropped_commits,
                 v->dropped_commits == 1 ? "" : "s");
    free(page);
    close(fd);
    return 0;
}

/* ---------------------------------------------------------------- in use */

int wal_log_in_use(const char *db_path)
{
    char shm[4096 + 8], line[256];
    struct stat sb;
    FILE *f;
    int used = 0;

    snprintf(shm, sizeof shm, "%s-shm", db_path);
    if (stat(shm, &sb) != 0)
        return 0;           /* no connection in WAL mode without one */
    f = fopen("/proc/locks", "r");
    if (!f)
        return 0;
    while (!used && fgets(line, sizeof line, f)) {
        /* "1: POSIX  ADVISORY  READ 4242 08:01:1234567 128 128" (device numbers in hex) */
        char kind[16], mode[16], type[16], end[32];
        unsigned maj, min;
        unsigned long long ino, start;
        long pid;
        if (sscanf(line, "%*[^:]: %15s %15s %15s %ld %x:%x:%llu %llu %31s", kind, mode, type, &pid, &maj, &min, &ino,
                   &start, end) != 9)
            continue;
        if (ino != (unsigned long long)sb.st_ino || maj != major(sb.st_dev) || min != minor(sb.st_dev))
            continue;
        used = start <= SHM_DMS_OFFSET && (strcmp(end, "EOF") == 0 || strtoull(end, NULL, 10) >= SHM_DMS_OFFSET);
    }
    fclose(f);
    return used;
}
