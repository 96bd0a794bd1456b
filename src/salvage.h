/* salvage: the records of an SQLite database read straight from its pages, without SQLite and
 * without following its b-trees: what is still readable of a damaged file, even where the pages
 * that led to it are lost. Each page is taken as its last committed version in the -wal, if any. */
#ifndef SALVAGE_H
#define SALVAGE_H

#include <stddef.h>

#define SALVAGE_MAX_COLUMNS 32

enum salvage_type { SALVAGE_NULL, SALVAGE_INT, SALVAGE_REAL, SALVAGE_TEXT, SALVAGE_BLOB };

/* One column of a record. p points into the scan's buffers: valid during the callback only. */
struct salvage_value {
    enum salvage_type type;
    long long i;                /* SALVAGE_INT */
    double r;                   /* SALVAGE_REAL */
    const unsigned char *p;     /* SALVAGE_TEXT, SALVAGE_BLOB: n bytes, not terminated */
    size_t n;
};

/* Called for each record of a table (a row) found whole: its rowid and first ncols columns. A
 * non-zero return stops the scan and is returned by salvage_scan(). */
typedef int (*salvage_fn)(void *ctx, long long rowid, int ncols, const struct salvage_value *cols);

struct salvage_stats {
    long long pages;            /* pages read */
    long long leaves;           /* of them, leaves of a table */
    long long records;          /* records handed to fn */
    long long broken;           /* cells that could not be read whole */
};

/* Scans every page of the database at path (and of path-wal: frames of committed transactions
 * whose own checksum checks out, the last version of each page winning), calling fn for each
 * record. *st (may be NULL) counts what was seen. Returns 0, fn's non-zero return, or -1 with
 * err when the file cannot be read at all. */
int salvage_scan(const char *path, salvage_fn fn, void *ctx, struct salvage_stats *st, char *err, size_t errlen);

#endif
