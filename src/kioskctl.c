/* kioskctl: the staff command line of the clinic kiosk: status, list, export, ack and purge of the
 * request queue, the staff PIN, and the content check. Safe to run while the kiosk runs. */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "age.h"
#include "config.h"
#include "content.h"
#include "export.h"
#include "platform.h"
#include "queue.h"
#include "staff.h"
#include "sync.h"
#include "utf8.h"

#ifndef KIOSK_VERSION
#define KIOSK_VERSION "dev"
#endif
#ifndef KIOSK_SYSCONFDIR
#define KIOSK_SYSCONFDIR "/etc"
#endif

#define DEFAULT_CONFIG  KIOSK_SYSCONFDIR "/kiosk/kiosk.conf"
#define EXIT_USAGE      2
#define SHORT_NAME_MAX  48

/* ---------------------------------------------------------------- types */

/* What every command gets: the global options and the configuration they lead to. */
struct ctl {
    const char *db_path;            /* --db, else the config's database */
    const char *config_path;        /* --config, else DEFAULT_CONFIG */
    struct config cfg;
};

struct command;

/* A command's body: argv[0] is the command's name; returns the exit status. */
typedef int (*command_fn)(const struct command *cmd, struct ctl *c, int argc, char **argv);

struct command {
    const char *name;
    command_fn run;
    const char *usage;              /* after "kioskctl " */
    const char *help;               /* what it does, for 'kioskctl COMMAND --help' */
};

/* ---------------------------------------------------------------- messages */

static const char global_help[] =
    "usage: kioskctl [--db FILE] [--config FILE] COMMAND [ARGS]\n"
    "\n"
    "The clinic kiosk's staff tool: export, acknowledge and purge the consultation\n"
    "requests queued on the tablet, set the staff PIN, check the content files.\n"
    "Safe to run while the kiosk runs.\n"
    "\n"
    "Commands:\n"
    "  status                    the queue's figures and the database's health\n"
    "  check                     read the whole database to check it now\n"
    "  list                      one line a request, with no more personal data than needed\n"
    "  export                    write the pending requests out as a new batch\n"
    "  ack BATCH                 mark a batch as received into the clinic's own system\n"
    "  purge                     delete acknowledged requests past the retention time\n"
    "  set-pin                   set the PIN of the kiosk's staff screen\n"
    "  check-content DIR         check the clinic's and treatments' text files\n"
    "  clear-warning             forget the damaged-database warning once dealt with\n"
    "  recover FILE              copy the readable requests of a damaged database into the queue\n"
    "  sync                      deliver the requests to the clinic's system (sync-url)\n"
    "\n"
    "Options:\n"
    "  --db FILE       the database (default: the config's, /var/lib/kiosk/kiosk.db)\n"
    "  --config FILE   the configuration (default: " DEFAULT_CONFIG ", when it exists)\n"
    "  --help          this help; 'kioskctl COMMAND --help' for one command\n"
    "  --version       the version\n"
    "\n"
    "Exit status: 0 ok, 1 error, 2 usage error.\n";

/* Prints "kioskctl: message" on stderr and returns 1 (an error's exit code). */
static int fail(const char *fmt, const char *arg)
{
    fputs("kioskctl: ", stderr);
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    return 1;
}

/* Prints a usage error for cmd and returns EXIT_USAGE. */
static int usage_error(const struct command *cmd, const char *problem, const char *arg)
{
    fputs("kioskctl: ", stderr);
    fprintf(stderr, problem, arg);
    fprintf(stderr, "\nusage: kioskctl %s\n", cmd->usage);
    return EXIT_USAGE;
}

/* ---------------------------------------------------------------- argument helpers */

/* When argv[*i] is option name, as "--name VALUE" or "--name=VALUE", stores VALUE in *value,
 * moves *i past it and returns 1; returns 0 for any other argument, -1 when VALUE is missing. */
static int option_value(int argc, char **argv, int *i, const char *name, const char **value)
{
    size_t len = strlen(name);

    if (strncmp(argv[*i], name, len) != 0)
        return 0;
    if (argv[*i][len] == '=') {
        *value = argv[*i] + len + 1;
        return 1;
    }
    if (argv[*i][len] != '\0')
        return 0;
    if (*i + 1 >= argc)
        return -1;
    *value = argv[++*i];
    return 1;
}

/* The arguments of a command whose only one is the option name (with a value, which goes into
 * *value when given). Returns 0, or EXIT_USAGE after saying what is wrong. */
static int only_option(const struct command *cmd, int argc, char **argv, const char *name, const char **value)
{
    for (int i = 1; i < argc; i++) {
        int rc = option_value(argc, argv, &i, name, value);
        if (rc == 0)
            return usage_error(cmd, "unexpected argument '%s'", argv[i]);
        if (rc < 0)
            return usage_error(cmd, "%s needs a value", argv[i]);
    }
    return 0;
}

/* Parses a whole decimal number in [min, max]. Returns 0, or -1 when s is anything else. */
static int parse_number(const char *s, long long min, long long max, long long *out)
{
    char *end;
    long long v;

    if (*s < '0' || *s > '9')
        return -1;
    errno = 0;
    v = strtoll(s, &end, 10);
    if (errno || *end || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

/* ---------------------------------------------------------------- shared steps */

static struct queue *open_queue(const struct ctl *c)
{
    struct queue_options o = { 0 };    /* never create: a missing file is a wrong path, not a new kiosk */
    char err[QUEUE_PATH_MAX + 256];
    struct queue *q = queue_open(c->db_path, &o, err, sizeof err);

    if (!q)
        fail("%s", err);
    return q;
}

/* "2 h 5 min" and the like, in the units of the staff screen (age.c). */
static void format_age(long long s, char *out, size_t len)
{
    struct age a = age_of(s);

    if (a.unit == AGE_MINUTES && a.minutes == 0)
        snprintf(out, len, "less than a minute");
    else if (a.unit == AGE_MINUTES)
        snprintf(out, len, "%lld min", a.minutes);
    else if (a.unit == AGE_HOURS)
        snprintf(out, len, "%lld h %lld min", a.hours, a.minutes);
    else
        snprintf(out, len, "%lld d %lld h", a.days, a.hours);
}

static void format_size(long long bytes, char *out, size_t len)
{
    if (bytes < 1024)
        snprintf(out, len, "%lld bytes", bytes);
    else if (bytes < 1024 * 1024)
        snprintf(out, len, "%.1f KiB", bytes / 1024.0);
    else
        snprintf(out, len, "%.1f MiB", bytes / (1024.0 * 1024.0));
}

/* Appends the n bytes of UTF-8 at s to out (holding *o of room bytes), control characters (C0 and
 * C1, which a terminal could obey) as spaces, stopping before a character that does not fit or is
 * not well-formed. */
static void append_printable(const char *s, size_t n, char *out, size_t *o, size_t room)
{
    while (n > 0) {
        uint32_t cp;
        size_t len = utf8_decode(s, n, &cp);
        if (len == 0 || *o + len >= room)
            break;
        if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
            out[(*o)++] = ' ';
        } else {
            memcpy(out + *o, s, len);
            *o += len;
        }
        s += len;
        n -= len;
    }
    out[*o] = '\0';
}

/* Spaces and control characters separate the words of a name. */
static int is_separator(char ch)
{
    return (unsigned char)ch <= ' ' || ch == 0x7f;
}

/* "Ann E." from "Ann Bea Example": the first word and the initial of the last, enough to recognise
 * a request in a list without showing the whole name. */
static void short_name(const char *name, char *out, size_t len)
{
    const char *end = name + strlen(name), *first_end, *last = NULL;
    size_t o = 0;
    uint32_t cp;

    while (name < end && is_separator(*name))
        name++;
    for (first_end = name; first_end < end && !is_separator(*first_end);)
        first_end++;
    for (const char *p = first_end; p + 1 < end; p++)
        if (is_separator(p[0]) && !is_separator(p[1]))
            last = p + 1;
    out[0] = '\0';
    append_printable(name, (size_t)(first_end - name), out, &o, len);
    if (last && o + 6 < len) {
        out[o++] = ' ';
        append_printable(last, utf8_decode(last, (size_t)(end - last), &cp), out, &o, len - 1);
        out[o++] = '.';
        out[o] = '\0';
    }
}

/* ---------------------------------------------------------------- status */

/* The delivery lines of status, when sync-url is set. */
static void print_delivery(const struct ctl *c, const struct queue_delivery_status *d)
{
    char where[256], age[64];

    sync_describe(c->cfg.sync_url, where, sizeof where);
    printf("delivery to:            %s%s\n", where, c->cfg.delete_after_delivery ? " (deleted once delivered)" : "");
    printf("waiting for delivery:   %lld\n", d->waiting);
    if (d->oldest_waiting_age_s >= 0) {
        format_age(d->oldest_waiting_age_s, age, sizeof age);
        printf("oldest waiting:         %s ago\n", age);
    }
    printf("last delivery:          %s\n", d->last_delivery_utc[0] ? d->last_delivery_utc : "never");
    if (d->failing_since_utc[0])
        printf("delivery failing since: %s: %s\n", d->failing_since_utc, d->last_error);
    if (d->rejected)
        printf("rejected by receiver:   %lld (the last: %s); 'kioskctl sync --retry-rejected' sends them again\n",
               d->rejected, d->last_rejection);
}

static int cmd_status(const struct command *cmd, struct ctl *c, int argc, char **argv)
{
    struct queue_delivery_status ds;
    struct queue_status st;
    char err[512], age[64], size[32], unwritable[512] = "";
    struct queue *q;
    int rc, sound;

    if (argc > 1)
        return usage_error(cmd, "unexpected argument '%s'", argv[1]);
    q = open_queue(c);
    if (!q)
        return 1;
    rc = queue_status(q, &st, err, sizeof err);
    if (rc == 0 && queue_check_writable(q, unwritable, sizeof unwritable) != 0)
        fprintf(stderr, "kioskctl: %s\n", unwritable);
    if (rc == 0 && c->cfg.sync_url[0])
        rc = queue_delivery_status(q, &ds, err, sizeof err);
    queue_close(q);
    if (rc != 0)
        return fail("%s", err);
    if (st.damaged_moved_to[0] && st.damaged_wal)
        printf("WARNING: the database's write-ahead log was damaged: %s.\n"
               "  At %s, before SQLite dropped them, copies of the database and its log were kept as\n"
               "  %s and %s-wal\n"
               "  Requests confirmed to clients may be in them and not in the database: run\n"
               "  'kioskctl recover %s' to copy back what can be read. Keep the copies for\n"
               "  the clinic's IT support, then run 'kioskctl clear-warning'.\n",
               st.damaged_why, st.damaged_utc, st.damaged_moved_to, st.damaged_moved_to, st.damaged_moved_to);
    else if (st.damaged_moved_to[0])
        printf("WARNING: the database was damaged. At %s it was moved aside to\n"
               "  %s\n"
               "  and a fresh one was started%s%s. Keep that file for the clinic's IT support,\n"
               "  then run 'kioskctl clear-warning'.\n",
               st.damaged_utc, st.damaged_moved_to, st.damaged_recovered[0] ? ": " : "", st.damaged_recovered);
    if (st.oldest_pending_age_s >= 0)
        format_age(st.oldest_pending_age_s, age, sizeof age);
    format_size(st.db_bytes, size, sizeof size);
    printf("database:               %s\n", c->db_path);
    printf("pending requests:       %lld\n", st.pending);
    printf("oldest pending:         %s%s\n", st.oldest_pending_age_s >= 0 ? age : "none",
           st.oldest_pending_age_s >= 0 ? " ago" : "");
    printf("unacknowledged batches: %lld\n", st.unacked_batches);
    printf("last export:            %s\n", st.last_export_utc[0] ? st.last_export_utc : "never");
    printf("last acknowledgement:   %s\n", st.last_ack_utc[0] ? st.last_ack_utc : "never");
    printf("database size:          %s\n", size);
    if (st.quick_check[0])
        printf("integrity:              %s (checked %s)\n", st.quick_check, st.checked_utc);
    else
        printf("integrity:              not checked yet (the kiosk checks after it starts; 'kioskctl check' now)\n");
    printf("writable:               %s\n", unwritable[0] ? "NO: requests cannot be saved" : "yes");
    if (c->cfg.sync_url[0])
        print_delivery(c, &ds);
    sound = !st.quick_check[0] || strcmp(st.quick_check, "ok") == 0;
    return sound && !st.damaged_moved_to[0] && !unwritable[0] ? 0 : 1;
}

/* ---------------------------------------------------------------- check */

static int cmd_check(const struct command *cmd, struct ctl *c, int argc, char **argv)
{
    char result[512], err[512];
    struct queue *q;
    int rc;

    if (argc > 1)
        return usage_error(cmd, "unexpected argument '%s'", argv[1]);
    if (access(c->db_path, F_OK) != 0)
        return fail("cannot check '%s': No such file or directory", c->db_path);
    rc = queue_check_file(c->db_path, NULL, NULL, result, sizeof result);
    if (rc < 0)
        return fail("cannot check: %s", result);
    q = open_queue(c);      /* the result is kept for status and the staff screen, if it can be */
    if (q && queue_record_check(q, result, err, sizeof err) != 0)
        fprintf(stderr, "kioskctl: %s\n", err);
    queue_close(q);
    printf("integrity: %s\n", result);
    if (rc == 0)
        return 0;
    fprintf(stderr, "kioskctl: '%s' is damaged. Restart the kiosk: it moves the file aside, keeps it,\n"
            "  and copies every request it can read into a fresh one.\n", c->db_path);
    return 1;
}

static int cmd_clear_warning(const struct command *cmd, struct ctl *c, int argc, char **argv)
{
    char err[512];
    struct queue *q;
    int rc;

    if (argc > 1)
        return usage_error(cmd, "unexpected argument '%s'", argv[1]);
    q = open_queue(c);
    if (!q)
        return 1;
    rc = queue_dismiss_damaged(q, err, sizeof err);
    queue_close(q);
    return rc == 0 ? 0 : fail("%s", err);
}

/* ---------------------------------------------------------------- recover */

static int cmd_recover(const struct command *cmd, struct ctl *c, int argc, char **argv)
{
    struct queue_recovery r;
    char err[QUEUE_PATH_MAX * 2 + 256];
    struct queue *q;
    int rc;

    if (argc != 2)
        return usage_error(cmd, "%s", argc < 2 ? "recover from which file?" : "one file at a time");
    q = open_queue(c);
    if (!q)
        return 1;
    rc = queue_recover(q, argv[1], &r, err, sizeof err);
    queue_close(q);
    if (rc != 0)
        return fail("%s", err);
    printf("found:   %lld request%s in '%s'\n", r.found, r.found == 1 ? "" : "s", argv[1]);
    printf("copied:  %lld (%lld pending, %lld with their batch, %lld batch%s kept)\n", r.copied, r.pending,
           r.exported, r.batches, r.batches == 1 ? "" : "es");
    printf("skipped: %lld (%lld already in the queue, %lld acknowledged before)\n", r.skipped, r.already, r.acknowledged);
    if (r.reexport)
        printf("note:    %lld of the pending ones were exported before, in batches that could not be kept:\n"
               "         they will be exported again\n", r.reexport);
    if (r.no_ref)
        printf("note:    %lld went in without their FT- reference, which a request in the queue has already\n",
               r.no_ref);
    if (r.unreadable)
        printf("note:    %lld more looked like requests but are too damaged to copy\n", r.unreadable);
    return 0;
}

/* ---------------------------------------------------------------- list */

static int print_row(void *ctx, const struct queue_row *r)
{
    char batch[24] = "-", who[SHORT_NAME_MAX];

    (void)ctx;
    if (r->batch_id)
        snprintf(batch, sizeof batch, "%lld", r->batch_id);
    short_name(r->req.name, who, sizeof who);
    printf("%-8s %-20s  %-12s %5s  %s\n", r->ref ? r->ref : "-", r->created_utc, r->status, batch, who);
    return 0;
}

static int print_undelivered(void *ctx, const struct queue_row *r, const struct queue_delivery *d)
{
    char who[SHORT_NAME_MAX], why[QUEUE_DELIVERY_TEXT_MAX + 8] = "";

    (void)ctx;
    short_name(r->req.name, who, sizeof who);
    if (d->rejected)
        snprintf(why, sizeof why, "  (%s)", d->rejected);
    printf("%-8s %-20s  %-12s %8lld  %s%s\n", r->ref ? r->ref : "-", r->created_utc, d->rejected ? "rejected" : "waiting",
           d->attempts, who, why);
    return 0;
}

static int list_undelivered(struct ctl *c)
{
    char err[512];
    struct queue *q = open_queue(c);
    int rc;

    if (!q)
        return 1;
    printf("%-8s %-20s  %-12s %8s  %s\n", "REF", "CREATED", "DELIVERY", "ATTEMPTS", "NAME");
    rc = queue_delivery_list(q, 0, 1, print_undelivered, NULL, err, sizeof err);
    queue_close(q);
    if (rc != 0)
        return fail("%s", err);
    if (fflush(stdout) != 0 || ferror(stdout))
        return fail("cannot write the list: %s", strerror(errno));
    return 0;
}

static int cmd_list(const struct command *cmd, struct ctl *c, int argc, char **argv)
{
    const char *status = NULL;
    char err[512];
    struct queue *q;
    int rc;

    if ((rc = only_option(cmd, argc, argv, "--status", &status)) != 0)
        return rc;
    if (status && strcmp(status, "undelivered") == 0)
        return list_undelivered(c);
    if (status && strcmp(status, "pending") != 0 && strcmp(status, "exported") != 0 &&
        strcmp(status, "acknowledged") != 0)
        return usage_error(cmd, "unknown status '%s'", status);
    q = open_queue(c);
    if (!q)
        return 1;
    printf("%-8s %-20s  %-12s %5s  %s\n", "REF", "CREATED", "STATUS", "BATCH", "NAME");
    rc = queue_list(q, status, print_row, NULL, err, sizeof err);
    queue_close(q);
    if (rc != 0)
        return fail("%s", err);
    if (fflush(stdout) != 0 || ferror(stdout))
        return fail("cannot write the list: %s", strerror(errno));
    return 0;
}

/* ---------------------------------------------------------------- export */

/* What 'kioskctl export' was asked for. */
struct export_args {
    const char *format, *dir, *batch;
    const char *out[EXPORT_FILES_MAX];
    int nout, excel;
};

static int export_parse(const struct command *cmd, int argc, char **argv, struct export_args *x)
{
    for (int i = 1; i < argc; i++) {
        const char *out = NULL;
        int rc;
        if (strcmp(argv[i], "--excel") == 0) {
            x->excel = 1;
            continue;
        }
        rc = option_value(argc, argv, &i, "--format", &x->format);
        if (rc == 0)
            rc = option_value(argc, argv, &i, "--dir", &x->dir);
        if (rc == 0)
            rc = option_value(argc, argv, &i, "--batch", &x->batch);
        if (rc == 0 && (rc = option_value(argc, argv, &i, "--out", &out)) > 0) {
            if (x->nout == EXPORT_FILES_MAX)
                return usage_error(cmd, "too many --out files: '%s'", out);
            if (!*out)
                return usage_error(cmd, "%s", "--out needs a file name");
            x->out[x->nout++] = out;
        }
        if (rc == 0)
            return usage_error(cmd, "unexpected argument '%s'", argv[i]);
        if (rc < 0)
            return usage_error(cmd, "%s needs a value", argv[i]);
    }
    return 0;
}

/* The format word of --format. Returns 0, or EXIT_USAGE after saying what is wrong. */
static int format_word(const struct command *cmd, const char *word, enum export_format *fmt)
{
    if (strcmp(word, "csv") == 0)
        *fmt = EXPORT_CSV;
    else if (strcmp(word, "jsonl") == 0)
        *fmt = EXPORT_JSONL;
    else if (strcmp(word, "xlsx") == 0)
        *fmt = EXPORT_XLSX;
    else
        return usage_error(cmd, "unknown format '%s': xlsx, csv or jsonl", word);
    return 0;
}

/* Settles the format of each --out (its extension, else --format) and refuses files that must not
 * be written. Returns 0, EXIT_USAGE or 1, after saying what is wrong. */
static int export_files_of(const struct command *cmd, const struct ctl *c, const struct export_args *x,
                           struct export_file *files)
{
    enum export_format given = EXPORT_CSV, fmt;
    char err[EXPORT_PATH_MAX * 2 + 128];
    int csv = 0;

    if (x->format && format_word(cmd, x->format, &given) != 0)
        return EXIT_USAGE;
    for (int i = 0; i < x->nout; i++) {
        if (export_format_of_path(x->out[i], &fmt) != 0) {
            if (!x->format)
                return usage_error(cmd, "cannot tell the format of '%s': name it .xlsx, .csv or .jsonl, "
                                   "or give --format", x->out[i]);
            fmt = given;
        } else if (x->format && fmt != given) {
            fprintf(stderr, "kioskctl: '%s' is named for %s, not --format %s\nusage: kioskctl %s\n", x->out[i],
                    export_format_name(fmt), x->format, cmd->usage);
            return EXIT_USAGE;
        }
        if (fmt == EXPORT_CSV && x->excel)
            fmt = EXPORT_CSV_EXCEL;
        csv |= fmt == EXPORT_CSV || fmt == EXPORT_CSV_EXCEL;
        for (int j = 0; j < i; j++)
            if (strcmp(files[j].path, x->out[i]) == 0)
                return usage_error(cmd, "'%s' is named twice", x->out[i]);
        if (export_path_protected(x->out[i], c->db_path, c->config_path, err, sizeof err) != 0)
            return fail("%s", err);
        files[i] = (struct export_file){ .fmt = fmt, .path = x->out[i] };
    }
    if (x->excel && !csv)
        return usage_error(cmd, "%s", "--excel goes with --format csv only");
    return 0;
}

static int cmd_export(const struct command *cmd, struct ctl *c, int argc, char **argv)
{
    struct export_args x = { 0 };
    struct export_file files[EXPORT_FILES_MAX];
    struct export_result res;
    enum export_format fmt = EXPORT_CSV;
    struct queue_batch b;
    long long batch = 0;
    char err[EXPORT_PATH_MAX + 256];
    struct queue *q;
    int rc;

    if ((rc = export_parse(cmd, argc, argv, &x)) != 0)
        return rc;
    if (x.batch && parse_number(x.batch, 1, 1LL << 53, &batch) != 0)
        return usage_error(cmd, "bad batch '%s': a batch number is expected", x.batch);
    if (x.dir && (x.nout || x.format || x.excel))
        return usage_error(cmd, "%s", "--dir writes the config's export-formats: no --out, --format or --excel with it");
    if (x.dir && !*x.dir)
        return usage_error(cmd, "%s", "--dir needs a directory");
    if (!x.dir && !x.nout) {
        if (!x.format)
            return usage_error(cmd, "%s", "--format is required for standard output (or give --out FILE)");
        if (format_word(cmd, x.format, &fmt) != 0)
            return EXIT_USAGE;
        if (fmt == EXPORT_XLSX)
            return usage_error(cmd, "%s", "a spreadsheet goes to a file: give --out FILE.xlsx");
        if (x.excel && fmt != EXPORT_CSV)
            return usage_error(cmd, "%s", "--excel goes with --format csv only");
        if (x.excel)
            fmt = EXPORT_CSV_EXCEL;
    }
    if (x.nout && (rc = export_files_of(cmd, c, &x, files)) != 0)
        return rc;

    q = open_queue(c);
    if (!q)
        return 1;
    if (x.dir) {
        rc = export_to_dir(q, x.dir, batch, (unsigned)c->cfg.export_formats, &res, err, sizeof err);
        b = res.batch;
    } else if (x.nout) {
        rc = export_to_files(q, batch, files, x.nout, &b, err, sizeof err);
    } else {
        rc = export_to_stream(q, batch, fmt, stdout, &b, err, sizeof err);
    }
    queue_close(q);
    if (rc != 0)
        return fail("%s", err);
    if (b.id == 0)
        fprintf(stderr, "no pending requests: nothing to export\n");
    else
        fprintf(stderr, "batch %lld: %lld request%s\n", b.id, b.count, b.count == 1 ? "" : "s");
    if (x.dir)
        for (int i = 0; i < res.nfiles; i++)
            printf("%s\n", res.paths[i]);
    return 0;
}

/* ---------------------------------------------------------------- ack and purge */

static int cmd_ack(const struct command *cmd, struct ctl *c, int argc, char **argv)
{
    long long batch, count = 0;
    int was_acked = 0, rc;
    char err[512];
    struct queue *q;

    if (argc != 2)
        return usage_error(cmd, "%s", argc < 2 ? "which batch?" : "one batch at a time");
    if (parse_number(argv[1], 1, 1LL << 53, &batch) != 0)
        return usage_error(cmd, "bad batch '%s': a batch number is expected", argv[1]);
    q = open_queue(c);
    if (!q)
        return 1;
    rc = queue_ack(q, batch, &was_acked, &count, err, sizeof err);
    queue_close(q);
    if (rc != 0)
        return fail("%s", err);
    if (was_acked)
        printf("batch %lld was already acknowledged\n", batch);
    else
        printf("batch %lld acknowledged: %lld request%s\n", batch, count, count == 1 ? "" : "s");
    return 0;
}

static int cmd_purge(const struct command *cmd, struct ctl *c, int argc, char **argv)
{
    const char *days_arg = NULL;
    long long days = c->cfg.retention_days, deleted = 0;
    char err[512];
    struct queue *q;
    int rc;

    if ((rc = only_option(cmd, argc, argv, "--acknowledged-older-than", &days_arg)) != 0)
        return rc;
    if (days_arg && parse_number(days_arg, 0, 36500, &days) != 0)
        return usage_error(cmd, "bad number of days '%s': 0 to 36500 expected", days_arg);
    q = open_queue(c);
    if (!q)
        return 1;
    rc = queue_purge(q, (int)days, &deleted, err, sizeof err);
    queue_close(q);
    if (rc < 0)
        return fail("%s", err);
    printf("purged %lld request%s acknowledged %lld or more days ago\n", deleted,
           deleted == 1 ? "" : "s", days);
    if (rc > 0)
        return fail("%s", err);     /* deleted, but not yet gone from the files: not done */
    return 0;
}

/* ---------------------------------------------------------------- set-pin */

/* Reads one line into buf (without its newline), with echo off when stdin is a terminal.
 * Returns 0, or -1 at end of input or when the line does not fit. */
static int read_secret(const char *prompt, char *buf, size_t len)
{
    struct termios saved, quiet;
    int tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0;
    int rc = 0;
    size_t n;

    if (tty) {
        fputs(prompt, stderr);
        fflush(stderr);
        quiet = saved;
        quiet.c_lflag &= (tcflag_t)~ECHO;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    if (!fgets(buf, (int)len, stdin))
        rc = -1;
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        fputc('\n', stderr);
    }
    n = rc == 0 ? strlen(buf) : 0;
    if (rc == 0 && (n == 0 || buf[n - 1] != '\n') && !feof(stdin))
        rc = -1;    /* longer than buf: certainly not a PIN */
    if (rc == 0 && n > 0 && buf[n - 1] == '\n')
        buf[--n] = '\0';
    return rc;
}

static int cmd_set_pin(const struct command *cmd, struct ctl *c, int argc, char **argv)
{
    char pin[64], again[64], hash[crypto_pwhash_STRBYTES], err[CONFIG_PATH_MAX + 256];
    int rc = 1;

    if (argc > 1)
        return usage_error(cmd, "unexpected argument '%s'", argv[1]);
    if (sodium_init() < 0)
        return fail("%s", "cannot start libsodium");
    if (read_secret("New staff PIN (4 to 8 digits): ", pin, sizeof pin) != 0 ||
        read_secret("The same PIN again: ", again, sizeof again) != 0)
        fail("%s", "cannot read the PIN: two lines expected");
    else if (!staff_pin_valid(pin))
        fail("%s", "the PIN must be 4 to 8 digits");
    else if (strcmp(pin, again) != 0)
        fail("%s", "the two PINs differ");
    else if (crypto_pwhash_str(hash, pin, strlen(pin), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                               crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        fail("%s", "cannot hash the PIN: out of memory");
    else if (config_set(c->config_path, "staff-pin-hash", hash, err, sizeof err) != 0)
        fail("%s", err);
    else
        rc = 0;
    if (rc == 0)
        printf("staff PIN set in %s\n", c->config_path);
    sodium_memzero(pin, sizeof pin);
    sodium_memzero(again, sizeof again);
    return rc;
}

/* ---------------------------------------------------------------- check-content */

/* check-content decodes each picture here, in this short-lived process. */
static int decode_picture(void *ctx, const char *path, char *why, size_t whylen)
{
    (void)ctx;
    return platform_picture_decode(path, why, whylen);
}

static int cmd_check_content(const struct command *cmd, struct ctl *c, int argc, char **argv)
{
    const struct content_decoder dec = { decode_picture, NULL };
    int problems;

    (void)c;
    if (argc != 2)
        return usage_error(cmd, "%s", argc < 2 ? "which content directory?" : "one directory at a time");
    problems = content_check_with(argv[1], stderr, &dec);
    if (problems > 0) {
        fprintf(stderr, "%s: %d problem%s\n", argv[1], problems, problems == 1 ? "" : "s");
        return 1;
    }
    printf("%s: content is good\n", argv[1]);
    return 0;
}

/* ---------------------------------------------------------------- sync */

static int cmd_sync(const struct command *cmd, struct ctl *c, int argc, char **argv)
{
    struct sync_options o = { 0 };

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--once") == 0)
            o.once = 1;
        else if (strcmp(argv[i], "--retry-rejected") == 0)
            o.retry_rejected = 1;
        else
            return usage_error(cmd, "unexpected argument '%s'", argv[i]);
    }
    if (!c->cfg.sync_url[0])
        return fail("%s", "no sync-url in the config: set it to an https:// or postgresql:// address");
    return sync_run(&c->cfg, c->db_path, &o);
}

/* ---------------------------------------------------------------- main */

static const struct command commands[] = {
    { "status", cmd_status, "status",
      "Shows the pending requests and the age of the oldest, the exported batches not yet\n"
      "acknowledged, the last export and acknowledgement, the database's size, the result\n"
      "of its last integrity check, whether it can be written, and a warning if a damaged\n"
      "database was moved aside. Exits 1 when the database needs attention." },
    { "recover", cmd_recover, "recover FILE",
      "Copies every request still readable in FILE, a damaged database (one the kiosk moved\n"
      "aside, with its -wal if there is one), into the queue: pending ones stay pending,\n"
      "exported ones keep their batch while the queue has no request of its own yet (else they\n"
      "go in pending, and acknowledged ones stay out), none twice (the UUID decides), nothing\n"
      "made up. Prints how many it found, copied and skipped. FILE itself is only read." },
    { "check", cmd_check, "check",
      "Reads the whole database to check it (SQLite's quick_check; seconds for a large queue)\n"
      "and records the result for status and the staff screen. The kiosk checks by itself\n"
      "after it starts and every day. Exits 1 when the database is damaged." },
    { "list", cmd_list, "list [--status pending|exported|acknowledged|undelivered]",
      "Lists the requests, oldest first, one a line: reference, time (UTC), status, batch,\n"
      "and the first name with the last name's initial. --status undelivered lists those not\n"
      "yet delivered by 'kioskctl sync', waiting or rejected, with their attempts." },
    { "export", cmd_export,
      "export [--out FILE]... [--dir DIR] [--format csv|jsonl|xlsx] [--batch ID] [--excel]",
      "Writes every pending request as one new batch. --out FILE (as often as wanted) writes\n"
      "each file in the format its name ends with: .xlsx (a spreadsheet, for people), .jsonl\n"
      "(for systems) or .csv; all files of the batch are written atomically, all or none, and\n"
      "the requests are marked exported only once every one is in place. --dir DIR writes\n"
      "DIR/enquiries-BATCH-TIME.xlsx and .jsonl (the config's export-formats), as the staff\n"
      "screen's \"Export to USB\" does, and prints their names. Without either, --format writes\n"
      "CSV or JSON Lines to standard output. --batch ID writes an earlier batch again.\n"
      "--excel adds a byte-order mark to CSV. Standard error gets one line: 'batch ID: N requests'." },
    { "ack", cmd_ack, "ack BATCH",
      "Marks BATCH acknowledged: its requests are in the clinic's own system. Acknowledging\n"
      "twice is harmless; an unknown batch is an error." },
    { "purge", cmd_purge, "purge [--acknowledged-older-than DAYS]",
      "Deletes, with SQLite's secure delete, the requests acknowledged at least DAYS ago\n"
      "(default: the config's retention-days). Pending and unacknowledged requests stay.\n"
      "It says it is done only once they are gone from the database file and its -wal: while\n"
      "another program reads the database it waits up to 10 s, then says what remains\n"
      "(exit 1). Clients can go on sending requests while it runs." },
    { "set-pin", cmd_set_pin, "set-pin",
      "Asks twice for the staff PIN (4 to 8 digits, not shown; from standard input when it is\n"
      "not a terminal) and stores only a salted slow hash of it in the config file." },
    { "check-content", cmd_check_content, "check-content DIR",
      "Checks the content files in DIR and prints each problem as 'file:line: message'." },
    { "clear-warning", cmd_clear_warning, "clear-warning",
      "Forgets the warning about a damaged database moved aside, once it has been dealt with." },
    { "sync", cmd_sync, "sync [--once] [--retry-rejected]",
      "Delivers each request to sync-url (an HTTPS webhook or PostgreSQL) exactly once, waking\n"
      "within moments of each new request, and retrying with backoff while the receiver cannot\n"
      "take it. Runs until stopped (SIGTERM), as kiosk-sync.service does. --once delivers what\n"
      "waits and exits 0 when everything is delivered, 1 when something still waits or was\n"
      "rejected. --retry-rejected first makes the requests the receiver refused wait again." },
};

static const struct command *find_command(const char *name)
{
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

/* Reads the config (the chosen file, or the default one when it exists) and settles the database. */
static int load_config(struct ctl *c, int config_given)
{
    char err[CONFIG_PATH_MAX + 256];

    config_defaults(&c->cfg);
    if ((config_given || access(c->config_path, F_OK) == 0) &&
        config_load(&c->cfg, c->config_path, err, sizeof err) != 0)
        return fail("%s", err);
    if (!c->db_path)
        c->db_path = c->cfg.db_path;
    return 0;
}

int main(int argc, char **argv)
{
    struct ctl c = { .config_path = DEFAULT_CONFIG };
    const struct command *cmd;
    int i, rc, config_given = 0;

    for (i = 1; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(global_help, stdout);
            return 0;
        }
        if (strcmp(argv[i], "--version") == 0) {
            printf("kioskctl %s\n", KIOSK_VERSION);
            return 0;
        }
        rc = option_value(argc, argv, &i, "--db", &c.db_path);
        if (rc == 0) {
            rc = option_value(argc, argv, &i, "--config", &c.config_path);
            config_given |= rc > 0;
        }
        if (rc <= 0) {
            fprintf(stderr, rc < 0 ? "kioskctl: %s needs a value\n" : "kioskctl: unknown option '%s'\n", argv[i]);
            fputs("see 'kioskctl --help'\n", stderr);
            return EXIT_USAGE;
        }
    }
    if (i == argc) {
        fputs("kioskctl: which command?\nsee 'kioskctl --help'\n", stderr);
        return EXIT_USAGE;
    }
    cmd = find_command(argv[i]);
    if (!cmd) {
        fprintf(stderr, "kioskctl: unknown command '%s'\nsee 'kioskctl --help'\n", argv[i]);
        return EXIT_USAGE;
    }
    for (int j = i + 1; j < argc; j++)
        if (strcmp(argv[j], "--help") == 0 || strcmp(argv[j], "-h") == 0) {
            printf("usage: kioskctl %s\n\n%s\n", cmd->usage, cmd->help);
            return 0;
        }
    if (load_config(&c, config_given) != 0)
        return 1;
    return cmd->run(cmd, &c, argc - i, argv + i);
}
