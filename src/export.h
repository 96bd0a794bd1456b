/* export: writes queued requests out for staff as CSV (RFC 4180, safe to open in a spreadsheet) or JSON Lines.
 * A new batch is marked exported only after its output is safely written, so a failed write leaves the requests pending. */
#ifndef EXPORT_H
#define EXPORT_H

#include <stdio.h>

#include "queue.h"

#define EXPORT_PATH_MAX (QUEUE_PATH_MAX + 64)

enum export_format {
    EXPORT_CSV,             /* CSV, UTF-8, CRLF line ends, a header row */
    EXPORT_CSV_EXCEL,       /* the same with a UTF-8 byte-order mark, so Excel reads the accents right */
    EXPORT_JSONL            /* one JSON object a line */
};

/* What export_to_dir() wrote. */
struct export_result {
    struct queue_batch batch;               /* batch.count == 0: nothing was pending, no file written */
    char csv_path[EXPORT_PATH_MAX];         /* DIR/enquiries-<batch>-<UTC time>.csv */
    char jsonl_path[EXPORT_PATH_MAX];       /* DIR/enquiries-<batch>-<UTC time>.jsonl */
};

/* The column names, in order, of both formats. NULL-terminated; static. */
extern const char *const export_columns[];

/* Writes what comes before the rows: the CSV header (after a byte-order mark for EXPORT_CSV_EXCEL),
 * nothing for JSON Lines. Returns 0, or -1 when f has an error. */
int export_write_header(FILE *f, enum export_format fmt);

/* Writes one request as a CSV record or a JSON line. Returns 0, or -1 when f has an error. */
int export_write_row(FILE *f, enum export_format fmt, const struct queue_row *row);

/* Exports batch (0: every pending request, as a new batch) to out, which stays open. The new batch
 * is marked exported only when everything reached out without error. Returns 0 with the batch in
 * *b, or -1 with err. */
int export_to_stream(struct queue *q, long long batch, enum export_format fmt, FILE *out,
                     struct queue_batch *b, char *err, size_t errlen);

/* Like export_to_stream() into the file path, written atomically: a temporary file in the same
 * directory, fsync, rename, fsync of the directory; then the batch is marked. On any failure no
 * file appears at path (an earlier one stays) and nothing is marked. */
int export_to_path(struct queue *q, long long batch, enum export_format fmt, const char *path,
                   struct queue_batch *b, char *err, size_t errlen);

/* "Export to USB": every pending request as a new batch into dir, as enquiries-<batch>-<time>.csv
 * (with a byte-order mark) and .jsonl, both written atomically before the batch is marked. Nothing
 * pending writes nothing. Returns 0 with *res filled, or -1 with err and nothing marked. */
int export_to_dir(struct queue *q, const char *dir, struct export_result *res, char *err, size_t errlen);

#endif
