/* export: CSV and JSON Lines writers and safe export of batches (see export.h). */
#include "export.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---------------------------------------------------------------- defines */

#define LINE_BUF    8192        /* a typical row fits several times over; a longer one goes in pieces */
#define SINK_BUF    (1 << 20)   /* stdio's buffer for an export file: a write(2) a megabyte */

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
    FILE *f;
    char *buf;                      /* f's buffer when it is a file (NULL: stdio's own); the sink's */
    char path[EXPORT_PATH_MAX];     /* the final name; "" for a stream */
    char tmp[EXPORT_PATH_MAX + 16]; /* the temporary file while writing; "" once renamed or removed */
    int published;                  /* renamed to path */
};

const char *const export_columns[] = {
    "batch_id", "uuid", "ref", "created_utc", "kiosk_id", "treatment_id", "name", "phone", "email",
    "contact_time", "screening", "answers", "consent_contact", "consent_share_answers", "notice_version",
    NULL
};

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
    line_bytes(l, &c, 1);
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
 * front when a spreadsheet would run it as a formula (= + - @ TAB CR at the start). */
static void csv_text(struct line *l, const char *s)
{
    int formula = s[0] && strchr("=+-@\t\r", s[0]);
    int quote = strpbrk(s, ",\"\r\n") != NULL;

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
}

static void csv_row(struct line *l, const struct queue_row *r)
{
    const char *text[] = { r->uuid, r->ref, r->created_utc, r->req.kiosk_id, r->req.treatment_id,
                           r->req.name, r->req.phone, r->req.email, r->req.contact_time,
                           r->req.screening, r->req.answers ? r->req.answers : "" };

    line_int(l, r->batch_id);
    for (size_t i = 0; i < sizeof text / sizeof *text; i++) {
        line_char(l, ',');
        csv_text(l, text[i]);
    }
    line_str(l, r->req.consent_contact ? ",yes" : ",no");
    line_str(l, r->req.consent_share_answers ? ",yes," : ",no,");
    csv_text(l, r->req.notice_version);
    line_str(l, "\r\n");
}

/* ---------------------------------------------------------------- JSON Lines */

/* Writes s as a JSON string: " and \ escaped, control characters as \u00XX, UTF-8 as it is. */
static void json_text(struct line *l, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    const char *run = s;

    line_char(l, '"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        line_bytes(l, run, (size_t)(s - run));
        run = s + 1;
        if (c == '"' || c == '\\') {
            line_char(l, '\\');
            line_char(l, (char)c);
        } else {
            char escape[] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
            line_bytes(l, escape, sizeof escape);
        }
    }
    line_bytes(l, run, (size_t)(s - run));
    line_char(l, '"');
}

/* Writes the name of member i, export_columns[i], and what comes before it: {"batch_id": for the
 * first, ,"uuid": and so on for the others. */
static void json_name(struct line *l, int i)
{
    line_str(l, i ? ",\"" : "{\"");
    line_str(l, export_columns[i]);
    line_str(l, "\":");
}

/* answers is JSON already (the queue stores and returns it minified), so it goes in as an object. */
static void json_row(struct line *l, const struct queue_row *r)
{
    const char *text[] = { r->uuid, r->ref, r->created_utc, r->req.kiosk_id, r->req.treatment_id,
                           r->req.name, r->req.phone, r->req.email, r->req.contact_time, r->req.screening };
    int i = 0;

    json_name(l, i++);
    line_int(l, r->batch_id);
    for (size_t t = 0; t < sizeof text / sizeof *text; t++) {
        json_name(l, i++);
        json_text(l, text[t]);
    }
    json_name(l, i++);
    line_str(l, r->req.answers ? r->req.answers : "null");
    json_name(l, i++);
    line_str(l, r->req.consent_contact ? "true" : "false");
    json_name(l, i++);
    line_str(l, r->req.consent_share_answers ? "true" : "false");
    json_name(l, i);
    json_text(l, r->req.notice_version);
    line_str(l, "}\n");
}

/* ---------------------------------------------------------------- writers */

int export_write_header(FILE *f, enum export_format fmt)
{
    if (fmt == EXPORT_JSONL)
        return ferror(f) ? -1 : 0;
    if (fmt == EXPORT_CSV_EXCEL)
        fputs("\xef\xbb\xbf", f);
    for (int i = 0; export_columns[i]; i++) {
        if (i)
            putc(',', f);
        fputs(export_columns[i], f);
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

/* ---------------------------------------------------------------- sinks */

static int sink_error(const struct sink *s, char *err, size_t errlen)
{
    if (s->path[0])
        snprintf(err, errlen, "cannot write '%s': %s", s->path, strerror(errno));
    else
        snprintf(err, errlen, "cannot write the output: %s", strerror(errno));
    return -1;
}

/* Opens a temporary file (mode 0600) next to s->path. Returns 0, or -1 with err. */
static int sink_open(struct sink *s, char *err, size_t errlen)
{
    int fd;

    snprintf(s->tmp, sizeof s->tmp, "%s.tmp-XXXXXX", s->path);
    fd = mkstemp(s->tmp);
    if (fd < 0) {
        s->tmp[0] = '\0';
        return sink_error(s, err, errlen);
    }
    s->f = fdopen(fd, "w");
    if (!s->f) {
        sink_error(s, err, errlen);
        close(fd);
        return -1;
    }
    s->buf = malloc(SINK_BUF);
    if (s->buf)
        setvbuf(s->f, s->buf, _IOFBF, SINK_BUF);    /* else stdio's own smaller buffer does */
    return 0;
}

/* Closes the file and frees its buffer, zeroed: it held the clients' details. Returns fclose's result. */
static int sink_close(struct sink *s)
{
    int rc = fclose(s->f);

    s->f = NULL;
    if (s->buf)
        explicit_bzero(s->buf, SINK_BUF);
    free(s->buf);
    s->buf = NULL;
    return rc;
}

/* Opens the directory holding path and fsyncs it, so a rename in it is durable. */
static int sync_parent(const char *path)
{
    char dir[EXPORT_PATH_MAX];
    char *slash;
    int fd, rc;

    snprintf(dir, sizeof dir, "%s", path);
    slash = strrchr(dir, '/');
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else if (slash == dir)
        slash[1] = '\0';
    else
        *slash = '\0';
    fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    rc = fsync(fd);
    close(fd);
    return rc;
}

/* Makes the temporary file durable and renames it to its final name. Returns 0, or -1 with err. */
static int sink_publish(struct sink *s, char *err, size_t errlen)
{
    if (fflush(s->f) != 0 || ferror(s->f) || fsync(fileno(s->f)) != 0) {
        int saved = errno;
        sink_close(s);
        errno = saved;
        return sink_error(s, err, errlen);
    }
    if (sink_close(s) != 0 || rename(s->tmp, s->path) != 0 || sync_parent(s->path) != 0)
        return sink_error(s, err, errlen);
    s->tmp[0] = '\0';
    s->published = 1;
    return 0;
}

/* Removes what a failed export left: the temporary file, or the published file the batch never got. */
static void sink_discard(struct sink *s)
{
    if (s->f)
        sink_close(s);
    if (s->tmp[0])
        unlink(s->tmp);
    if (s->published)
        unlink(s->path);
    s->tmp[0] = '\0';
    s->published = 0;
}

/* Writes the header and every row of the export under way to each sink. Returns 0, or -1 with err. */
static int write_rows(struct queue *q, struct sink *s, int n, char *err, size_t errlen)
{
    struct queue_row row;
    int rc;

    for (int i = 0; i < n; i++)
        if (export_write_header(s[i].f, s[i].fmt) != 0)
            return sink_error(&s[i], err, errlen);
    while ((rc = queue_export_next(q, &row, err, errlen)) == 1) {
        for (int i = 0; i < n; i++)
            if (export_write_row(s[i].f, s[i].fmt, &row) != 0)
                return sink_error(&s[i], err, errlen);
    }
    return rc;
}

/* Opens, fills and publishes every file sink, then marks the batch. On failure, cancels the export,
 * removes every file and returns -1 with err. */
static int export_files(struct queue *q, struct sink *s, int n, char *err, size_t errlen)
{
    int rc = 0;

    for (int i = 0; i < n && rc == 0; i++)
        rc = sink_open(&s[i], err, errlen);
    if (rc == 0)
        rc = write_rows(q, s, n, err, errlen);
    for (int i = 0; i < n && rc == 0; i++)
        rc = sink_publish(&s[i], err, errlen);
    if (rc != 0)
        queue_export_cancel(q);
    else
        rc = queue_export_finish(q, err, errlen);
    for (int i = 0; i < n && rc != 0; i++)
        sink_discard(&s[i]);
    return rc;
}

/* ---------------------------------------------------------------- public */

int export_to_stream(struct queue *q, long long batch, enum export_format fmt, FILE *out,
                     struct queue_batch *b, char *err, size_t errlen)
{
    struct sink s = { .fmt = fmt, .f = out };
    struct stat sb;
    int rc;

    if (queue_export_begin(q, batch, b, err, errlen) != 0)
        return -1;
    rc = write_rows(q, &s, 1, err, errlen);
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

int export_to_path(struct queue *q, long long batch, enum export_format fmt, const char *path,
                   struct queue_batch *b, char *err, size_t errlen)
{
    struct sink s = { .fmt = fmt };

    if (strlen(path) >= sizeof s.path) {
        snprintf(err, errlen, "cannot write '%s': path too long", path);
        return -1;
    }
    snprintf(s.path, sizeof s.path, "%s", path);
    if (queue_export_begin(q, batch, b, err, errlen) != 0)
        return -1;
    return export_files(q, &s, 1, err, errlen);
}

int export_to_dir(struct queue *q, const char *dir, struct export_result *res, char *err, size_t errlen)
{
    struct sink s[2] = { { .fmt = EXPORT_CSV_EXCEL }, { .fmt = EXPORT_JSONL } };
    char stamp[20];
    time_t now = time(NULL);
    struct tm tm;
    int rc;

    memset(res, 0, sizeof *res);
    if (strlen(dir) > QUEUE_PATH_MAX) {
        snprintf(err, errlen, "cannot write to '%s': path too long", dir);
        return -1;
    }
    if (queue_export_begin(q, 0, &res->batch, err, errlen) != 0)
        return -1;
    if (res->batch.count == 0) {
        queue_export_cancel(q);
        return 0;
    }
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
    snprintf(s[0].path, sizeof s[0].path, "%s/enquiries-%lld-%s.csv", dir, res->batch.id, stamp);
    snprintf(s[1].path, sizeof s[1].path, "%s/enquiries-%lld-%s.jsonl", dir, res->batch.id, stamp);
    rc = export_files(q, s, 2, err, errlen);
    if (rc == 0) {
        snprintf(res->csv_path, sizeof res->csv_path, "%s", s[0].path);
        snprintf(res->jsonl_path, sizeof res->jsonl_path, "%s", s[1].path);
    }
    return rc;
}
