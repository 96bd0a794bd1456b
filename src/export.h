/* export: writes queued requests out for staff: a spreadsheet for people (.xlsx), JSON Lines and CSV
 * for systems. One batch may go to several files at once, all or none; a new batch is marked exported
 * only after every file is safely written, so a failed or killed export leaves the requests pending. */
#ifndef EXPORT_H
#define EXPORT_H

#include <stddef.h>
#include <stdio.h>

#include "queue.h"

#define EXPORT_PATH_MAX (QUEUE_PATH_MAX + 64)
#define EXPORT_FILES_MAX 8      /* files of one export */

enum export_format {
    EXPORT_CSV,             /* CSV (RFC 4180), UTF-8, CRLF line ends, a header row, formulas neutralised */
    EXPORT_CSV_EXCEL,       /* the same with a UTF-8 byte-order mark, for Excel's "Open" */
    EXPORT_JSONL,           /* one JSON object a line, stable member names */
    EXPORT_XLSX             /* a workbook: text cells, a date-time, a bold frozen header (export_xlsx.c) */
};

/* The formats "Export to USB" and `kioskctl export --dir` write, as bits (config key export-formats). */
#define EXPORT_SET(fmt)     (1u << (fmt))
#define EXPORT_SET_DEFAULT  (EXPORT_SET(EXPORT_XLSX) | EXPORT_SET(EXPORT_JSONL))

/* What a column holds, and so how each format writes it. */
enum export_kind {
    EXPORT_KIND_TEXT,       /* a string (NULL: missing, written empty, or null in JSON) */
    EXPORT_KIND_BATCH,      /* the batch number */
    EXPORT_KIND_TIME,       /* a UTC time "YYYY-MM-DDTHH:MM:SSZ"; a date-time in the clinic's local time in .xlsx */
    EXPORT_KIND_YES_NO,     /* 0 or 1: yes/no in CSV and .xlsx, false/true in JSON */
    EXPORT_KIND_ANSWERS     /* the checklist answers, JSON or NULL: as they are in JSON Lines and CSV,
                             * as "Question? no; Question? yes" in .xlsx */
};

/* One column of every format. To add a column, add one line to export_columns[] in export.c. */
struct export_column {
    const char *name;       /* the CSV header and JSON member: stable, for systems */
    const char *title;      /* the spreadsheet's header: plain English, for people */
    enum export_kind kind;
    size_t offset;          /* of the field in struct queue_row (a const char *, int or long long) */
    int systems_only;       /* left out of the spreadsheet: of no use to a person (ids, hashes) */
    const char *member;     /* ,"name": as JSON Lines puts it before the value (the first without the ,) */
};

/* Every column, in order, ending with one whose name is NULL; static. */
extern const struct export_column export_columns[];

/* The text of a TEXT, TIME or JSON column of row: NULL when the value is missing. */
const char *export_column_text(const struct export_column *c, const struct queue_row *row);
/* The number of a BATCH or YES_NO column of row. */
long long export_column_number(const struct export_column *c, const struct queue_row *row);

/* The format a file name's extension asks for (.xlsx, .csv, .jsonl, in any case). Returns 0 with
 * *fmt set, or -1 when the name has none of these. */
int export_format_of_path(const char *path, enum export_format *fmt);
/* "xlsx", "csv" or "jsonl": the extension and the word for fmt. */
const char *export_format_name(enum export_format fmt);

/* Writes what comes before the rows of a CSV or JSON Lines stream: the CSV header (after a
 * byte-order mark for EXPORT_CSV_EXCEL), nothing for JSON Lines. Returns 0, or -1 when f has an error. */
int export_write_header(FILE *f, enum export_format fmt);

/* Writes one request as a CSV record or a JSON line. Returns 0, or -1 when f has an error. */
int export_write_row(FILE *f, enum export_format fmt, const struct queue_row *row);

/* One file of an export. */
struct export_file {
    enum export_format fmt;
    const char *path;       /* the caller's; kept only during the call */
};

/* Exports batch (0: every pending request, as a new batch) to out (CSV or JSON Lines), which stays
 * open. The new batch is marked exported only when everything reached out without error. Returns 0
 * with the batch in *b, or -1 with err. */
int export_to_stream(struct queue *q, long long batch, enum export_format fmt, FILE *out,
                     struct queue_batch *b, char *err, size_t errlen);

/* Exports batch (0: every pending request, as a new batch) to the n files, in any formats, each
 * written atomically (a temporary file, mode 0600, in the same directory; fsync; rename; fsync of
 * the directory) and the batch marked only once all of them are in place. On any failure no file
 * appears (an earlier one of the same name stays), every file already renamed is removed again,
 * and nothing is marked. Temporary files a killed export left in those directories are removed
 * first. Nothing pending still writes each file, with its header alone. Returns 0 with the batch
 * in *b, or -1 with err. */
int export_to_files(struct queue *q, long long batch, const struct export_file *files, int n,
                    struct queue_batch *b, char *err, size_t errlen);

/* export_to_files() for one file. */
int export_to_path(struct queue *q, long long batch, enum export_format fmt, const char *path,
                   struct queue_batch *b, char *err, size_t errlen);

/* What export_to_dir() wrote. */
struct export_result {
    struct queue_batch batch;                   /* batch.count == 0: nothing was pending, no file written */
    int nfiles;
    char paths[EXPORT_FILES_MAX][EXPORT_PATH_MAX];  /* DIR/enquiries-<batch>-<UTC time>.<format> */
};

/* "Export to USB", the nightly export: batch (0: every pending request, as a new batch) into dir, one file
 * enquiries-<batch>-<UTC time>.<ext> for each format in the set formats (EXPORT_SET bits), in the
 * order xlsx, jsonl, csv, all written as export_to_files() does. Nothing pending writes nothing.
 * Returns 0 with *res filled, or -1 with err and nothing marked. */
int export_to_dir(struct queue *q, const char *dir, long long batch, unsigned formats,
                  struct export_result *res, char *err, size_t errlen);

/* "enquiries-1-20261125T150405Z.xlsx and .jsonl": the files of res, for a person, into out. Returns out. */
const char *export_files_named(const struct export_result *res, char *out, size_t len);

/* Removes from dir the temporary files that an export killed half way left there (they hold
 * clients' details); a live export's own are left alone. Returns how many were removed. */
int export_remove_stale(const char *dir);

/* export_remove_stale() at a program's start, saying on stderr what it removed; an automount point
 * that is not mounted (no USB stick) is left alone rather than waited for. Returns how many went. */
int export_remove_stale_at_start(const char *dir);

/* Whether writing to path would overwrite the database at db_path, its -wal, -shm or -journal, or
 * the config file (either may be NULL): the same file (device and inode, whatever the path's
 * spelling), or the same name in the same directory (for a file that does not exist yet). Returns 0 when path is safe, or 1 with "refusing to write 'path': it is ..." in err. */
int export_path_protected(const char *path, const char *db_path, const char *config_path, char *err, size_t errlen);

#endif
