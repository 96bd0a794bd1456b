/* export: the CSV and JSON Lines writers, the columns every format shares, and safe export of a batch
 * to several files at once (see export.h). The spreadsheet writer is export_xlsx.c. */
#define _GNU_SOURCE     /* statx, AT_NO_AUTOMOUNT */
#include "export.h"
#include "json.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "export_xlsx.h"

/* ---------------------------------------------------------------- defines */

#define LINE_BUF    8192        /* a typical row fits several times over; a longer one goes in pieces */
#define SINK_BUF    (1 << 20)   /* stdio's buffer for an export file: a write(2) a megabyte */
#define TMP_MARK    ".kiosk-tmp-"   /* temporary files are .NAME.kiosk-tmp-XXXXXX beside NAME */
#define TMP_SUFFIX  (sizeof TMP_MARK - 1 + 6)

/* ---------------------------------------------------------------- types */

/* One row being formatted. It reaches stdio in one piece (or a few for a huge row), not as the
 * forty-odd small pieces it is made of: every stdio call takes the stream's lock, and at 100,000
 * rows that was most of the time spent formatting. */
struct line {
    FILE *f;
    size_t n;
    char buf[LINE_BUF];
};

/* One output of an export: a stream, or a file written through a temporary one. */
struct sink {
    enum export_format fmt;
    FILE *f;                        /* CSV and JSON Lines */
    struct export_xlsx *xlsx;       /* a spreadsheet */
    int fd;                         /* the temporary file, locked while it is written (-1: none) */
    char *buf;                      /* f's buffer when it is a file (NULL: stdio's own); the sink's */
    char path[EXPORT_PATH_MAX];     /* the final name; "" for a stream */
    char tmp[EXPORT_PATH_MAX + 32]; /* the temporary file while writing; "" once renamed or removed */
    int published;                  /* renamed to path */
};

/* ---------------------------------------------------------------- columns */

#define ROW(field) offsetof(struct queue_row, field)
#define EVERYONE    0   /* in every format */
#define SYSTEMS     1   /* in CSV and JSON Lines, not the spreadsheet */
#define COLUMN(name, title, kind, field, who) { name, title, kind, ROW(field), who, ",\"" name "\":" }

/* The columns of every format, in order. Adding one is one line here (and its field in struct
 * queue_row); the golden files of tests/cli then gain it. */
const struct export_column export_columns[] = {
    COLUMN("batch_id", "Batch", EXPORT_KIND_BATCH, batch_id, SYSTEMS),     /* the sheet says it once, in its properties */
    COLUMN("uuid", "Request ID", EXPORT_KIND_TEXT, uuid, SYSTEMS),
    COLUMN("ref", "Reference", EXPORT_KIND_TEXT, ref, EVERYONE),
    COLUMN("created_utc", "Submitted", EXPORT_KIND_TIME, created_utc, EVERYONE),
    COLUMN("kiosk_id", "Kiosk", EXPORT_KIND_TEXT, req.kiosk_id, EVERYONE),
    COLUMN("treatment_id", "Treatment", EXPORT_KIND_TEXT, req.treatment_id, EVERYONE),
    COLUMN("name", "Name", EXPORT_KIND_TEXT, req.name, EVERYONE),
    COLUMN("phone", "Phone", EXPORT_KIND_TEXT, req.phone, EVERYONE),
    COLUMN("email", "Email", EXPORT_KIND_TEXT, req.email, EVERYONE),
    COLUMN("contact_time", "Best time to call", EXPORT_KIND_TEXT, req.contact_time, EVERYONE),
    COLUMN("screening", "Checklist result", EXPORT_KIND_TEXT, req.screening, EVERYONE),
    COLUMN("answers", "Checklist answers", EXPORT_KIND_ANSWERS, req.answers, EVERYONE),
    COLUMN("consent_contact", "Agreed to be contacted", EXPORT_KIND_YES_NO, req.consent_contact, EVERYONE),
    COLUMN("consent_share_answers", "Agreed to share answers", EXPORT_KIND_YES_NO, req.consent_share_answers, EVERYONE),
    COLUMN("notice_version", "Privacy notice version", EXPORT_KIND_TEXT, req.notice_version, SYSTEMS),
    COLUMN("language", "Language", EXPORT_KIND_TEXT, req.language, EVERYONE),
    { NULL, NULL, EXPORT_KIND_TEXT, 0, EVERYONE, NULL }
};

static const char *const format_names[] = {
    [EXPORT_CSV] = "csv", [EXPORT_CSV_EXCEL] = "csv", [EXPORT_JSONL] = "jsonl", [EXPORT_XLSX] = "xlsx"
};

const char *export_column_text(const struct export_column *c, const struct queue_row *row)
{
    return *(const char *const *)(const void *)((const char *)row + c->offset);
}

long long export_column_number(const struct export_column *c, const struct queue_row *row)
{
    const char *field = (const char *)row + c->offset;

    if (c->kind == EXPORT_KIND_BATCH)
        return *(const long long *)(const void *)field;
    return *(const int *)(const void *)field;
}

const char *export_format_name(enum export_format fmt)
{
    return format_names[fmt];
}

int export_format_of_path(const char *path, enum export_format *fmt)
{
    const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');

    if (!dot || (slash && dot < slash))
        return -1;
    if (strcasecmp(dot, ".xlsx") == 0)
        *fmt = EXPORT_XLSX;
    else if (strcasecmp(dot, ".csv") == 0)
        *fmt = EXPORT_CSV;
    else if (strcasecmp(dot, ".jsonl") == 0)
        *fmt = EXPORT_JSONL;
    else
        return -1;
    return 0;
}

/* ---------------------------------------------------------------- lines */

/* Hands what is gathered to stdio, and zeroes it: it is a client's details. */
static void line_flush(struct line *l)
{
    fwrite(l->buf, 1, l->n, l->f);
    explicit_bzero(l->buf, l->n);
    l->n = 0;
}

static void line_bytes(struct line *l, const char *p, size_t n)
{
    if (n > sizeof l->buf - l->n) {
        line_flush(l);
        if (n > sizeof l->buf) {
            fwrite(p, 1, n, l->f);
            return;
        }
    }
    memcpy(l->buf + l->n, p, n);
    l->n += n;
}

static void line_str(struct line *l, const char *s)
{
    line_bytes(l, s, strlen(s));
}

static void line_char(struct line *l, char c)
{
    if (l->n == sizeof l->buf)
        line_flush(l);
    l->buf[l->n++] = c;
}

/* Writes v in decimal, as "%lld" would. */
static void line_int(struct line *l, long long v)
{
    char digits[24];
    int i = (int)sizeof digits;
    unsigned long long u = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;

    do
        digits[--i] = (char)('0' + u % 10);
    while ((u /= 10) > 0);
    if (v < 0)
        digits[--i] = '-';
    line_bytes(l, digits + i, sizeof digits - (size_t)i);
}

/* ---------------------------------------------------------------- CSV */

/* Writes one CSV field: quoted when it holds , " CR or LF (quotes doubled), and with a ' put in
 * front when a spreadsheet would run it as a formula (= + - @ TAB CR at the start). A missing
 * value is an empty field. */
static void csv_text(struct line *l, const char *s)
{
    size_t n, room;
    int formula, quote;
    char *o;

    if (!s)
        return;
    formula = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r';
    quote = strpbrk(s, ",\"\r\n") != NULL;
    n = strlen(s);
    if (!quote && !formula) {
        line_bytes(l, s, n);
        return;
    }
    room = 2 * n + 3;   /* every byte a quote, doubled; the quotes around; the ' */
    if (room > sizeof l->buf - l->n)
        line_flush(l);
    if (room > sizeof l->buf) {     /* a huge value: in pieces through line_bytes */
        if (quote)
            line_char(l, '"');
        if (formula)
            line_char(l, '\'');
        for (const char *q = quote ? strchr(s, '"') : NULL; q; q = strchr(q + 1, '"')) {
            line_bytes(l, s, (size_t)(q - s) + 1);
            s = q;      /* this quote starts the next piece too: it is doubled */
        }
        line_str(l, s);
        if (quote)
            line_char(l, '"');
        return;
    }
    /* the usual case (the checklist's answers, quoted): straight into the line */
    o = l->buf + l->n;
    if (quote)
        *o++ = '"';
    if (formula)
        *o++ = '\'';
    for (const char *q = quote ? strchr(s, '"') : NULL; q; q = strchr(q + 1, '"')) {
        memcpy(o, s, (size_t)(q - s) + 1);
        o += q - s + 1;
        s = q;
    }
    n = strlen(s);
    memcpy(o, s, n);
    o += n;
    if (quote)
        *o++ = '"';
    l->n = (size_t)(o - l->buf);
}

static void csv_row(struct line *l, const struct queue_row *r)
{
    for (const struct export_column *c = export_columns; c->name; c++) {
        if (c != export_columns)
            line_char(l, ',');
        if (c->kind == EXPORT_KIND_BATCH)
            line_int(l, export_column_number(c, r));
        else if (c->kind == EXPORT_KIND_YES_NO)
            line_str(l, export_column_number(c, r) ? "yes" : "no");
        else
            csv_text(l, export_column_text(c, r));
    }
    line_str(l, "\r\n");
}

/* ---------------------------------------------------------------- JSON Lines */

/* s as a JSON string (json.c); a missing value as null. */
static void line_put(void *l, const char *p, size_t n)
{
    line_bytes(l, p, n);
}

static void json_text(struct line *l, const char *s)
{
    if (s)
        json_string(s, line_put, l);
    else
        line_str(l, "null");
}

/* Each member's name goes with what comes before it: {"batch_id": for the first, ,"uuid": and so
 * on, in one piece. answers is JSON already (the queue stores and returns it minified), so it goes
 * in as it is. */
static void json_row(struct line *l, const struct queue_row *r)
{
    for (const struct export_column *c = export_columns; c->name; c++) {
        const char *text;
        if (c == export_columns)
            line_char(l, '{');
        line_str(l, c == export_columns ? c->member + 1 : c->member);
        switch (c->kind) {
        case EXPORT_KIND_BATCH:
            line_int(l, export_column_number(c, r));
            break;
        case EXPORT_KIND_YES_NO:
            line_str(l, export_column_number(c, r) ? "true" : "false");
            break;
        case EXPORT_KIND_ANSWERS:
            text = export_column_text(c, r);
            line_str(l, text ? text : "null");
            break;
        case EXPORT_KIND_TEXT:
        case EXPORT_KIND_TIME:
            json_text(l, export_column_text(c, r));
            break;
        }
    }
    line_str(l, "}\n");
}

/* ---------------------------------------------------------------- writers */

int export_write_header(FILE *f, enum export_format fmt)
{
    if (fmt == EXPORT_JSONL)
        return ferror(f) ? -1 : 0;
    if (fmt == EXPORT_CSV_EXCEL)
        fputs("\xef\xbb\xbf", f);
    for (const struct export_column *c = export_columns; c->name; c++) {
        if (c != export_columns)
            putc(',', f);
        fputs(c->name, f);
    }
    fputs("\r\n", f);
    return ferror(f) ? -1 : 0;
}

int export_write_row(FILE *f, enum export_format fmt, const struct queue_row *row)
{
    struct line l;     /* not initialised: zeroing its buffer for every row would cost more than the row */

    l.f = f;
    l.n = 0;
    if (fmt == EXPORT_JSONL)
        json_row(&l, row);
    else
        csv_row(&l, row);
    line_flush(&l);
    return ferror(f) ? -1 : 0;
}

/* ---------------------------------------------------------------- temporary files */

/* Splits path into its directory (into dir, "." when it has none) and returns its last part. */
static const char *split_path(const char *path, char *dir, size_t len)
{
    const char *slash = strrchr(path, '/');

    if (!slash)
        snprintf(dir, len, ".");
    else if (slash == path)
        snprintf(dir, len, "/");
    else
        snprintf(dir, len, "%.*s", (int)(slash - path), path);
    return slash ? slash + 1 : path;
}

/* Whether name is one of our temporary files: .NAME.kiosk-tmp-XXXXXX. */
static int is_temporary(const char *name)
{
    size_t n = strlen(name);

    return name[0] == '.' && n > TMP_SUFFIX + 1 && strncmp(name + n - TMP_SUFFIX, TMP_MARK, sizeof TMP_MARK - 1) == 0;
}

int export_remove_stale(const char *dir)
{
    DIR *d;
    struct dirent *e;
    int removed = 0;

    d = opendir(dir);
    if (!d)
        return 0;
    while ((e = readdir(d)) != NULL) {
        struct stat st;
        int fd;
        if (!is_temporary(e->d_name))
            continue;
        fd = openat(dirfd(d), e->d_name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0)
            continue;
        /* a live export holds a lock on its own; only a dead one's can be taken */
        if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (st.st_uid == geteuid() || geteuid() == 0) &&
            flock(fd, LOCK_EX | LOCK_NB) == 0 && unlinkat(dirfd(d), e->d_name, 0) == 0)
            removed++;
        close(fd);
    }
    closedir(d);
    return removed;
}

int export_remove_stale_at_start(const char *dir)
{
    struct statx sx;
    int removed;

    /* an automount point not mounted yet (no stick): looking inside would wait for one */
    if (statx(AT_FDCWD, dir, AT_NO_AUTOMOUNT, STATX_TYPE, &sx) != 0 ||
        ((sx.stx_attributes_mask & STATX_ATTR_AUTOMOUNT) && (sx.stx_attributes & STATX_ATTR_AUTOMOUNT)))
        return 0;
    removed = export_remove_stale(dir);
    if (removed > 0)
        fprintf(stderr, "kiosk: removed %d temporary file%s of an interrupted export from '%s'\n", removed,
                removed == 1 ? "" : "s", dir);
    return removed;
}

/* ---------------------------------------------------------------- sinks */

static int sink_error(const struct sink *s, char *err, size_t errlen)
{
    if (s->path[0])
        snprintf(err, errlen, "cannot write '%s': %s", s->path, strerror(errno));
    else
        snprintf(err, errlen, "cannot write the output: %s", strerror(errno));
    return -1;
}

/* Opens a temporary file (mode 0600, locked) next to s->path, and its writer. Returns 0, or -1 with err. */
static int sink_open(struct sink *s, long long batch, time_t now, char *err, size_t errlen)
{
    const char *slash = strrchr(s->path, '/');
    const char *base = slash ? slash + 1 : s->path;

    snprintf(s->tmp, sizeof s->tmp, "%.*s.%s" TMP_MARK "XXXXXX", (int)(base - s->path), s->path, base);
    s->fd = mkstemp(s->tmp);    /* mode 0600 */
    if (s->fd >= 0)
        fcntl(s->fd, F_SETFD, FD_CLOEXEC);
    if (s->fd < 0) {
        s->tmp[0] = '\0';
        return sink_error(s, err, errlen);
    }
    if (flock(s->fd, LOCK_EX | LOCK_NB) != 0 && errno != ENOLCK && errno != EOPNOTSUPP)
        return sink_error(s, err, errlen);
    if (s->fmt == EXPORT_XLSX) {
        s->xlsx = export_xlsx_open(s->tmp, batch, now, err, errlen);
        return s->xlsx ? 0 : -1;
    }
    s->f = fdopen(dup(s->fd), "w");
    if (!s->f)
        return sink_error(s, err, errlen);
    s->buf = malloc(SINK_BUF);
    if (s->buf)
        setvbuf(s->f, s->buf, _IOFBF, SINK_BUF);    /* else stdio's own smaller buffer does */
    return 0;
}

/* Closes the stream and frees its buffer, zeroed: it held the clients' details. Returns fclose's result. */
static int sink_close_stream(struct sink *s)
{
    int rc = s->f ? fclose(s->f) : 0;

    s->f = NULL;
    if (s->buf)
        explicit_bzero(s->buf, SINK_BUF);
    free(s->buf);
    s->buf = NULL;
    return rc;
}

static int sink_header(struct sink *s, char *err, size_t errlen)
{
    if (s->xlsx)
        return 0;
    return export_write_header(s->f, s->fmt) == 0 ? 0 : sink_error(s, err, errlen);
}

static int sink_row(struct sink *s, const struct queue_row *row, char *err, size_t errlen)
{
    if (s->xlsx)
        return export_xlsx_row(s->xlsx, row, err, errlen);
    return export_write_row(s->f, s->fmt, row) == 0 ? 0 : sink_error(s, err, errlen);
}

/* Opens the directory holding path and fsyncs it, so a rename in it is durable. */
static int sync_parent(const char *path)
{
    char dir[EXPORT_PATH_MAX];
    int fd, rc;

    split_path(path, dir, sizeof dir);
    fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    rc = fsync(fd);
    close(fd);
    return rc;
}

/* Finishes the temporary file, makes it durable and renames it to its final name. Returns 0, or
 * -1 with err. */
static int sink_publish(struct sink *s, char *err, size_t errlen)
{
    if (s->xlsx) {
        struct export_xlsx *x = s->xlsx;
        s->xlsx = NULL;
        if (export_xlsx_close(x, err, errlen) != 0)
            return -1;
    } else if (fflush(s->f) != 0 || ferror(s->f) || sink_close_stream(s) != 0) {
        int saved = errno;
        sink_close_stream(s);
        errno = saved;
        return sink_error(s, err, errlen);
    }
    if (fsync(s->fd) != 0 || rename(s->tmp, s->path) != 0 || sync_parent(s->path) != 0)
        return sink_error(s, err, errlen);
    close(s->fd);
    s->fd = -1;
    s->tmp[0] = '\0';
    s->published = 1;
    return 0;
}

/* Removes what a failed export left: the temporary file, or the published file the batch never got. */
static void sink_discard(struct sink *s)
{
    sink_close_stream(s);
    export_xlsx_abort(s->xlsx);
    s->xlsx = NULL;
    if (s->tmp[0])
        unlink(s->tmp);
    if (s->published)
        unlink(s->path);
    if (s->fd >= 0)
        close(s->fd);
    s->fd = -1;
    s->tmp[0] = '\0';
    s->published = 0;
}

/* Writes the header and every row of the export under way to each sink, counting the rows into
 * b->count. Returns 0, or -1 with err. */
static int write_rows(struct queue *q, struct sink *s, int n, struct queue_batch *b, char *err, size_t errlen)
{
    struct queue_row row;
    long long rows = 0;
    int rc;

    for (int i = 0; i < n; i++)
        if (sink_header(&s[i], err, errlen) != 0)
            return -1;
    while ((rc = queue_export_next(q, &row, err, errlen)) == 1) {
        for (int i = 0; i < n; i++)
            if (sink_row(&s[i], &row, err, errlen) != 0)
                return -1;
        rows++;
    }
    if (rc == 0)
        b->count = rows;    /* what the files hold, as the batch will record (queue_export_finish) */
    return rc;
}

/* Opens, fills and publishes every file sink of the export begun, then marks the batch. Stale
 * temporary files in their directories go once ours are locked. On failure, cancels the export,
 * removes every file and returns -1 with err. */
static int export_files(struct queue *q, struct queue_batch *b, struct sink *s, int n,
                        char *err, size_t errlen)
{
    time_t now = time(NULL);
    int rc = 0;

    for (int i = 0; i < n && rc == 0; i++)
        rc = sink_open(&s[i], b->id, now, err, errlen);
    for (int i = 0; i < n && rc == 0; i++) {
        char dir[EXPORT_PATH_MAX];
        split_path(s[i].path, dir, sizeof dir);
        export_remove_stale(dir);
    }
    if (rc == 0)
        rc = write_rows(q, s, n, b, err, errlen);
    for (int i = 0; i < n && rc == 0; i++)
        rc = sink_publish(&s[i], err, errlen);
    if (rc != 0)
        queue_export_cancel(q);
    else
        rc = queue_export_finish(q, err, errlen);
    for (int i = 0; i < n; i++) {
        if (rc != 0)
            sink_discard(&s[i]);
        else if (s[i].fd >= 0)
            close(s[i].fd);
    }
    return rc;
}

/* ---------------------------------------------------------------- protected files */

/* The directory of path (device and inode) and its last part. Returns 0, or -1 when the directory
 * cannot be read. */
static int parent_of(const char *path, struct stat *dir_st, const char **base)
{
    char dir[EXPORT_PATH_MAX];

    *base = split_path(path, dir, sizeof dir);
    return stat(dir, dir_st);
}

/* Whether out and file are the same file, or would be once out is written. */
static int same_file(const char *out, const char *file)
{
    struct stat a, b;
    const char *abase, *bbase;

    if (stat(out, &a) == 0 && stat(file, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino)
        return 1;
    if (parent_of(out, &a, &abase) != 0 || parent_of(file, &b, &bbase) != 0)
        return 0;
    return a.st_dev == b.st_dev && a.st_ino == b.st_ino && strcmp(abase, bbase) == 0;
}

int export_path_protected(const char *path, const char *db_path, const char *config_path, char *err, size_t errlen)
{
    static const struct { const char *suffix, *what; } db_files[] = {
        { "", "the database" }, { "-wal", "the database's write-ahead log" },
        { "-shm", "the database's shared memory file" }, { "-journal", "the database's journal" },
    };
    char file[EXPORT_PATH_MAX + 16], real[PATH_MAX];
    /* SQLite follows a symlink named as the database: its -wal and -shm are beside the target. */
    const char *names[2] = { db_path, db_path && realpath(db_path, real) ? real : NULL };

    for (int n = 0; n < 2; n++) {
        for (size_t i = 0; names[n] && i < sizeof db_files / sizeof *db_files; i++) {
            snprintf(file, sizeof file, "%s%s", names[n], db_files[i].suffix);
            if (same_file(path, file)) {
                snprintf(err, errlen, "refusing to write '%s': it is %s, '%s'", path, db_files[i].what, file);
                return 1;
            }
        }
    }
    if (config_path && same_file(path, config_path)) {
        snprintf(err, errlen, "refusing to write '%s': it is the config file, '%s'", path, config_path);
        return 1;
    }
    return 0;
}

/* ---------------------------------------------------------------- public */

int export_to_stream(struct queue *q, long long batch, enum export_format fmt, FILE *out,
                     struct queue_batch *b, char *err, size_t errlen)
{
    struct sink s = { .fmt = fmt, .f = out, .fd = -1 };
    struct stat sb;
    int rc;

    if (fmt == EXPORT_XLSX) {
        snprintf(err, errlen, "a spreadsheet cannot be written to a stream");
        return -1;
    }
    if (queue_export_begin(q, batch, b, err, errlen) != 0)
        return -1;
    rc = write_rows(q, &s, 1, b, err, errlen);
    if (rc == 0 && (fflush(out) != 0 || ferror(out)))
        rc = sink_error(&s, err, errlen);
    if (rc == 0 && fstat(fileno(out), &sb) == 0 && S_ISREG(sb.st_mode) && fsync(fileno(out)) != 0)
        rc = sink_error(&s, err, errlen);
    if (rc != 0) {
        queue_export_cancel(q);
        return -1;
    }
    return queue_export_finish(q, err, errlen);
}

int export_to_files(struct queue *q, long long batch, const struct export_file *files, int n,
                    struct queue_batch *b, char *err, size_t errlen)
{
    struct sink s[EXPORT_FILES_MAX];

    memset(b, 0, sizeof *b);
    if (n < 1 || n > EXPORT_FILES_MAX) {
        snprintf(err, errlen, "cannot export to %d files at once (1 to %d)", n, EXPORT_FILES_MAX);
        return -1;
    }
    for (int i = 0; i < n; i++) {
        if (strlen(files[i].path) >= sizeof s[i].path) {
            snprintf(err, errlen, "cannot write '%s': path too long", files[i].path);
            return -1;
        }
        s[i] = (struct sink){ .fmt = files[i].fmt, .fd = -1 };
        snprintf(s[i].path, sizeof s[i].path, "%s", files[i].path);
    }
    if (queue_export_begin(q, batch, b, err, errlen) != 0)
        return -1;
    return export_files(q, b, s, n, err, errlen);
}

int export_to_path(struct queue *q, long long batch, enum export_format fmt, const char *path,
                   struct queue_batch *b, char *err, size_t errlen)
{
    struct export_file f = { .fmt = fmt, .path = path };

    return export_to_files(q, batch, &f, 1, b, err, errlen);
}

int export_to_dir(struct queue *q, const char *dir, long long batch, unsigned formats,
                  struct export_result *res, char *err, size_t errlen)
{
    static const enum export_format order[] = { EXPORT_XLSX, EXPORT_JSONL, EXPORT_CSV };
    struct sink s[EXPORT_FILES_MAX];
    char stamp[20];
    time_t now = time(NULL);
    struct tm tm;
    int n = 0, rc;

    memset(res, 0, sizeof *res);
    if (strlen(dir) > QUEUE_PATH_MAX) {
        snprintf(err, errlen, "cannot write to '%s': path too long", dir);
        return -1;
    }
    if (!(formats & (EXPORT_SET(EXPORT_XLSX) | EXPORT_SET(EXPORT_JSONL) | EXPORT_SET(EXPORT_CSV)))) {
        snprintf(err, errlen, "no export format chosen");
        return -1;
    }
    if (queue_export_begin(q, batch, &res->batch, err, errlen) != 0)
        return -1;
    if (res->batch.id == 0) {     /* nothing pending */
        queue_export_cancel(q);
        return 0;
    }
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
    for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
        if (!(formats & EXPORT_SET(order[i])))
            continue;
        s[n] = (struct sink){ .fmt = order[i], .fd = -1 };
        snprintf(s[n].path, sizeof s[n].path, "%s/enquiries-%lld-%s.%s", dir, res->batch.id, stamp,
                 export_format_name(order[i]));
        n++;
    }
    rc = export_files(q, &res->batch, s, n, err, errlen);
    if (rc == 0) {
        res->nfiles = n;
        for (int i = 0; i < n; i++)
            snprintf(res->paths[i], sizeof res->paths[i], "%s", s[i].path);
    }
    return rc;
}

const char *export_files_named(const struct export_result *res, char *out, size_t len)
{
    size_t used = 0;

    out[0] = '\0';
    for (int i = 0; i < res->nfiles && used < len; i++) {
        const char *slash = strrchr(res->paths[i], '/'), *dot = strrchr(res->paths[i], '.');
        const char *sep = i == 0 ? "" : i + 1 < res->nfiles ? ", " : " and ";
        used += (size_t)snprintf(out + used, len - used, "%s%s", sep, i == 0 ? (slash ? slash + 1 : res->paths[i]) : dot);
    }
    return out;
}
