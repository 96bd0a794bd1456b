/* salvage: records read straight from the pages of an SQLite file (see salvage.h), after SQLite's
 * description of the file format (fileformat2.html: the database header, b-tree pages, cell
 * payloads and overflow pages, the record format). Nothing here trusts a byte it has not checked:
 * every offset is bounded by the page, every length by what is left. */
#include "salvage.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fd_io.h"
#include "wal_log.h"

/* ---------------------------------------------------------------- defines */

#define LEAF_TABLE      0x0d        /* the page type of a table's leaf */
#define PAYLOAD_MAX     (256 * 1024)    /* a request is a few KiB: a longer record is someone else's */
#define PAGES_MAX       (1LL << 31)

/* ---------------------------------------------------------------- types */

/* Where each page's last version is: in the database file, or a frame of the -wal. */
struct pages {
    int db, wal;                /* file descriptors; wal is -1 without a -wal */
    unsigned size;              /* page size */
    unsigned usable;            /* page size less the bytes reserved at each page's end */
    long long count;            /* pages */
    long long *in_wal;          /* [pgno - 1]: offset of its page in the -wal, 0 for the file's */
    unsigned char *buf;         /* one page */
    unsigned char *overflow;    /* one page, for overflow chains */
    unsigned char *payload;     /* PAYLOAD_MAX */
};

/* ---------------------------------------------------------------- helpers */

static unsigned be16(const unsigned char *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* SQLite's varint at p (at most end - p bytes). Returns its length, or 0 when cut off. */
static size_t varint(const unsigned char *p, const unsigned char *end, uint64_t *v)
{
    uint64_t x = 0;

    for (size_t i = 0; i < 9; i++) {
        if (p + i >= end)
            return 0;
        if (i == 8) {
            *v = x << 8 | p[i];
            return 9;
        }
        x = x << 7 | (p[i] & 0x7f);
        if (!(p[i] & 0x80)) {
            *v = x;
            return i + 1;
        }
    }
    return 0;
}

/* Reads page pgno (1-based) as last committed into buf. Returns 0, or -1. */
static int page_read(const struct pages *pg, long long pgno, unsigned char *buf)
{
    if (pgno < 1 || pgno > pg->count)
        return -1;
    if (pg->in_wal[pgno - 1])
        return fd_read_at(pg->wal, buf, pg->size, pg->in_wal[pgno - 1]);
    return fd_read_at(pg->db, buf, pg->size, (pgno - 1) * (long long)pg->size);
}

/* ---------------------------------------------------------------- the page map */

struct wal_pick {
    struct pages *pg;
    long long last_commit;
    int failed;
};

/* Frames of committed transactions that check out by themselves: SQLite's own choice, and beyond
 * it, those committed transactions a damaged frame before them made it drop. */
static int pick_frame(void *ctx, const struct wal_frame *f)
{
    struct wal_pick *w = ctx;
    struct pages *pg = w->pg;

    if (!f->sound || f->index > w->last_commit || f->pgno == 0 || f->pgno > PAGES_MAX)
        return 0;
    if ((long long)f->pgno > pg->count) {
        long long *grown = realloc(pg->in_wal, (size_t)f->pgno * sizeof *grown);
        if (!grown) {
            w->failed = 1;
            return 1;
        }
        memset(grown + pg->count, 0, (size_t)(f->pgno - pg->count) * sizeof *grown);
        pg->in_wal = grown;
        pg->count = f->pgno;
    }
    pg->in_wal[f->pgno - 1] = f->offset;
    return 0;
}

static int pages_open(struct pages *pg, const char *path, char *err, size_t errlen)
{
    char wal[4096 + 8];
    unsigned char hdr[100];
    struct wal_verdict v = { 0 };
    struct stat sb;

    memset(pg, 0, sizeof *pg);
    pg->wal = -1;
    pg->db = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (pg->db < 0 || fstat(pg->db, &sb) != 0) {
        snprintf(err, errlen, "cannot read '%s': %s", path, strerror(errno));
        return -1;
    }
    snprintf(wal, sizeof wal, "%s-wal", path);
    if (wal_log_read(wal, &v, NULL, NULL, err, errlen) != 0)
        return -1;
    /* The page size from the header, else the -wal's, else SQLite's usual one. */
    pg->size = 0;
    if (fd_read_at(pg->db, hdr, sizeof hdr, 0) == 0 && memcmp(hdr, "SQLite format 3", 16) == 0) {
        unsigned s = be16(hdr + 16);
        pg->size = s == 1 ? 65536 : s;
        pg->usable = pg->size - hdr[20];
    }
    if (pg->size < 512 || pg->size > 65536 || (pg->size & (pg->size - 1))) {
        pg->size = v.frames ? v.page_size : 4096;
        pg->usable = pg->size;
    }
    if (pg->usable < 480 || pg->usable > pg->size)
        pg->usable = pg->size;
    pg->count = (long long)sb.st_size / pg->size;
    pg->in_wal = calloc((size_t)(pg->count ? pg->count : 1), sizeof *pg->in_wal);
    pg->buf = malloc(pg->size);
    pg->overflow = malloc(pg->size);
    pg->payload = malloc(PAYLOAD_MAX);
    if (!pg->in_wal || !pg->buf || !pg->overflow || !pg->payload) {
        snprintf(err, errlen, "cannot read '%s': out of memory", path);
        return -1;
    }
    if (v.frames && v.page_size == pg->size) {
        struct wal_pick w = { pg, v.last_commit, 0 };
        if (wal_log_read(wal, &v, pick_frame, &w, err, errlen) != 0)
            return -1;
        if (w.failed) {
            snprintf(err, errlen, "cannot read '%s': out of memory", wal);
            return -1;
        }
        pg->wal = open(wal, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
        if (pg->wal < 0)
            memset(pg->in_wal, 0, (size_t)pg->count * sizeof *pg->in_wal);
    }
    return 0;
}

static void pages_close(struct pages *pg)
{
    if (pg->db >= 0)
        close(pg->db);
    if (pg->wal >= 0)
        close(pg->wal);
    free(pg->in_wal);
    if (pg->payload)
        memset(pg->payload, 0, PAYLOAD_MAX);   /* it held clients' details */
    free(pg->payload);
    free(pg->buf);
    free(pg->overflow);
}

/* ---------------------------------------------------------------- records */

/* Decodes the record of n bytes at p into cols. Returns the number of columns, or -1 when the
 * record does not hang together. */
static int record(const unsigned char *p, size_t n, struct salvage_value *cols)
{
    const unsigned char *end = p + n, *h = p, *body;
    uint64_t hsize, type;
    size_t len = varint(h, end, &hsize);
    int ncols = 0;

    if (!len || hsize < len || hsize > n)
        return -1;
    body = p + hsize;
    for (h += len; h < p + hsize; h += len) {
        struct salvage_value v = { .type = SALVAGE_NULL };
        size_t size;
        len = varint(h, p + hsize, &type);
        if (!len)
            return -1;
        if (type == 10 || type == 11)
            return -1;      /* reserved */
        size = type <= 4 ? (size_t)type : type == 5 ? 6 : type <= 7 ? 8 : type <= 9 ? 0 : (size_t)(type - 12) / 2;
        if (size > (size_t)(end - body))
            return -1;
        if (type >= 1 && type <= 6) {
            int64_t x = (signed char)body[0];
            for (size_t i = 1; i < size; i++)
                x = (int64_t)((uint64_t)x << 8 | body[i]);
            v.type = SALVAGE_INT;
            v.i = x;
        } else if (type == 7) {
            uint64_t bits = 0;
            for (size_t i = 0; i < 8; i++)
                bits = bits << 8 | body[i];
            v.type = SALVAGE_REAL;
            memcpy(&v.r, &bits, sizeof v.r);
        } else if (type == 8 || type == 9) {
            v.type = SALVAGE_INT;
            v.i = type == 9;
        } else if (type >= 12) {
            v.type = type & 1 ? SALVAGE_TEXT : SALVAGE_BLOB;
            v.p = body;
            v.n = size;
        }
        if (ncols < SALVAGE_MAX_COLUMNS)
            cols[ncols++] = v;
        body += size;
    }
    return body == end ? ncols : -1;
}

/* Gathers the payload of the cell at c (in the page in pg->buf) into pg->payload. Returns its
 * length, or -1 when it cannot be read whole. */
static long long payload(struct pages *pg, const unsigned char *c, const unsigned char *end, uint64_t size)
{
    unsigned u = pg->usable, max_local = u - 35, min_local = (u - 12) * 32 / 255 - 23, local;
    size_t got;
    uint32_t next;

    if (size > PAYLOAD_MAX)
        return -1;
    local = (unsigned)size;
    if (size > max_local) {
        unsigned k = min_local + (unsigned)((size - min_local) % (u - 4));
        local = k <= max_local ? k : min_local;
    }
    if ((size_t)(end - c) < local + (local < size ? 4u : 0u))
        return -1;
    memcpy(pg->payload, c, local);
    got = local;
    next = local < size ? be32(c + local) : 0;
    for (long long hops = 0; got < size; hops++) {
        size_t take = size - got < u - 4 ? (size_t)(size - got) : u - 4;
        if (next == 0 || hops > pg->count || page_read(pg, next, pg->overflow) != 0)
            return -1;
        memcpy(pg->payload + got, pg->overflow + 4, take);
        got += take;
        next = be32(pg->overflow);
    }
    return (long long)size;
}

/* Hands every record of the table leaf in pg->buf (page pgno) to fn. */
static int leaf(struct pages *pg, long long pgno, salvage_fn fn, void *ctx, struct salvage_stats *st)
{
    unsigned char *b = pg->buf, *end = pg->buf + pg->usable, *h = b + (pgno == 1 ? 100 : 0);
    struct salvage_value cols[SALVAGE_MAX_COLUMNS];
    unsigned n = be16(h + 3);

    if (h + 8 + 2 * (size_t)n > end)
        return 0;
    for (unsigned i = 0; i < n; i++) {
        unsigned at = be16(h + 8 + 2 * i);
        const unsigned char *c = b + at;
        uint64_t size, rowid;
        size_t a, r;
        long long got;
        int ncols, rc;
        if (at < (unsigned)(h + 8 + 2 * n - b) || c >= end || !(a = varint(c, end, &size)) ||
            !(r = varint(c + a, end, &rowid)) || (got = payload(pg, c + a + r, end, size)) < 0 ||
            (ncols = record(pg->payload, (size_t)got, cols)) < 0) {
            st->broken++;
            continue;
        }
        st->records++;
        rc = fn(ctx, (long long)rowid, ncols, cols);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* ---------------------------------------------------------------- global functions */

int salvage_scan(const char *path, salvage_fn fn, void *ctx, struct salvage_stats *st, char *err, size_t errlen)
{
    struct salvage_stats mine = { 0 };
    struct pages pg;
    int rc = 0;

    if (!st)
        st = &mine;
    memset(st, 0, sizeof *st);
    if (pages_open(&pg, path, err, errlen) != 0) {
        pages_close(&pg);
        return -1;
    }
    for (long long pgno = 1; pgno <= pg.count && rc == 0; pgno++) {
        if (page_read(&pg, pgno, pg.buf) != 0)
            continue;
        st->pages++;
        if (pg.buf[pgno == 1 ? 100 : 0] != LEAF_TABLE)
            continue;
        st->leaves++;
        rc = leaf(&pg, pgno, fn, ctx, st);
    }
    pages_close(&pg);
    return rc;
}
