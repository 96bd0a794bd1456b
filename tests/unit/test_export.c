/* test_export: CSV and JSON Lines output (quoting, CRLF, BOM, formula neutralisation, escaping), a round
 * trip of hostile names through both formats parsed back here, missing values, several files all or
 * none, stale temporary files, refused paths, and exports that fail leaving requests pending.
 * The spreadsheet is read back by real readers in tests/cli/export-readers.sh. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../fuzz/parse.h"
#include "export.h"
#include "export_xlsx.h"
#include "harness.h"
#include "queue.h"

static char test_dir[512];

/* ---------------------------------------------------------------- helpers */

static void make_test_dir(void)
{
    const char *out = getenv("KIOSK_OUT");
    char cmd[1100];

    snprintf(test_dir, sizeof test_dir, "%s/tmp/test_export", out ? out : "tests/out");
    snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir -p '%s'", test_dir, test_dir);
    if (system(cmd) != 0) {
        fprintf(stderr, "cannot make %s\n", test_dir);
        exit(1);
    }
}

static struct queue *fresh_queue(const char *name)
{
    struct queue_options o = { .create = 1 };
    char path[600], err[512];
    struct queue *q;

    snprintf(path, sizeof path, "%s/%s.db", test_dir, name);
    unlink(path);
    q = queue_open(path, &o, err, sizeof err);
    if (!q)
        fprintf(stderr, "  queue_open: %s\n", err);
    return q;
}

static struct queue_row row_named(const char *name)
{
    return (struct queue_row){
        .batch_id = 12, .uuid = "1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b", .ref = "FT-7K3Q",
        .created_utc = "2026-11-25T15:04:05Z", .status = "pending",
        .req = { .kiosk_id = "reception-1", .treatment_id = "calf-slimming", .name = name,
                 .phone = "07700 900118", .email = "a@example.org", .contact_time = "any",
                 .screening = "clear", .answers = NULL, .consent_contact = 1,
                 .consent_share_answers = 0, .notice_version = "0123456789abcdef", .language = "zh-Hans" },
    };
}

/* Writes the header (or not) and one row into a string the caller frees. */
static char *render(enum export_format fmt, int header, const struct queue_row *r)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);

    if (!f)
        return NULL;
    if (header)
        export_write_header(f, fmt);
    if (r)
        export_write_row(f, fmt, r);
    fclose(f);
    return buf;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t len = 0, got;

    if (!f)
        return NULL;
    do {
        char *grown = realloc(buf, len + 4097);
        if (!grown) {
            free(buf);
            fclose(f);
            return NULL;
        }
        buf = grown;
        got = fread(buf + len, 1, 4096, f);
        len += got;
    } while (got > 0);
    buf[len] = '\0';
    fclose(f);
    return buf;
}

/* ---------------------------------------------------------------- a small RFC 4180 reader */

#define MAX_RECORDS 32

/* Every record of a CSV text, read with the fuzz targets' strict RFC 4180 reader. */
struct csv {
    int nrec;
    struct parsed rec[MAX_RECORDS];
};

/* Parses CRLF-terminated records; returns 0, or -1 on anything RFC 4180 does not allow. */
static int csv_parse(const char *s, struct csv *c)
{
    memset(c, 0, sizeof *c);
    while (*s)
        if (c->nrec == MAX_RECORDS || csv_record(&s, &c->rec[c->nrec++]) != 0)
            return -1;
    return 0;
}

static void csv_free(struct csv *c)
{
    for (int r = 0; r < c->nrec; r++)
        parsed_free(&c->rec[r]);
}

/* The value of key in the one-line JSON object line: a string decoded, anything else as its raw text.
 * Returns a new string, or NULL when absent or when line is not one well-formed object. */
static char *json_field(const char *line, const char *key)
{
    struct parsed obj;
    const char *p = line, *value;
    char *found = NULL;

    if (json_container(&p, &obj, 0) != 0)
        return NULL;
    value = parsed_get(&obj, key);
    if (*p == '\0' && value)
        found = strdup(value);
    parsed_free(&obj);
    return found;
}

/* ---------------------------------------------------------------- tests */

TEST(csv_header_crlf_and_bom)
{
    static const char header[] = "batch_id,uuid,ref,created_utc,kiosk_id,treatment_id,name,phone,email,"
                                 "contact_time,screening,answers,consent_contact,consent_share_answers,"
                                 "notice_version,language\r\n";
    struct queue_row r = row_named("Ann Example");
    char *plain = render(EXPORT_CSV, 1, &r);
    char *excel = render(EXPORT_CSV_EXCEL, 1, NULL);

    ASSERT(plain && excel);
    ASSERT(strncmp(plain, header, strlen(header)) == 0);
    ASSERT_STR_EQ("12,1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b,FT-7K3Q,2026-11-25T15:04:05Z,reception-1,"
                  "calf-slimming,Ann Example,07700 900118,a@example.org,any,clear,,yes,no,0123456789abcdef,zh-Hans\r\n",
                  plain + strlen(header));
    ASSERT(strncmp(excel, "\xef\xbb\xbf", 3) == 0);
    ASSERT_STR_EQ(header, excel + 3);
    free(plain);
    free(excel);
}

/* The name cell of a rendered CSV row (the seventh field), as written. */
static char *name_cell(const char *name)
{
    struct queue_row r = row_named(name);
    char *line = render(EXPORT_CSV, 0, &r);
    const char *start = line, *end;
    char *cell;

    for (int i = 0; i < 6 && start; i++)
        start = strchr(start, ',') + 1;
    end = strstr(start, ",07700");
    cell = strndup(start, (size_t)(end - start));
    free(line);
    return cell;
}

TEST(csv_quotes_only_what_needs_it)
{
    const struct { const char *name, *cell; } cases[] = {
        { "Plain Name", "Plain Name" },
        { "O'Brien, Ann", "\"O'Brien, Ann\"" },
        { "Say \"hi\"", "\"Say \"\"hi\"\"\"" },
        { "Two\nlines", "\"Two\nlines\"" },
        { "Carriage\rreturn", "\"Carriage\rreturn\"" },
        { "Zoë Ñúñez 😀", "Zoë Ñúñez 😀" },
    };

    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *cell = name_cell(cases[i].name);
        ASSERT_STR_EQ(cases[i].cell, cell);
        free(cell);
    }
}

TEST(csv_neutralises_formulas)
{
    const struct { const char *name, *cell; } cases[] = {
        { "=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"" },
        { "+1+1", "'+1+1" },
        { "-2+3", "'-2+3" },
        { "@SUM(A1)", "'@SUM(A1)" },
        { "\tcmd", "'\tcmd" },
        { "\r=1", "\"'\r=1\"" },
        { "Ann =1", "Ann =1" },
    };

    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *cell = name_cell(cases[i].name);
        ASSERT_STR_EQ(cases[i].cell, cell);
        free(cell);
    }
}

TEST(json_escapes_and_keeps_utf8)
{
    struct queue_row r = row_named("Q\"uote \\ back\nnew\x01 ctl\x1f Zoë 😀 =1");
    char *line, *name;

    r.req.answers = "{\"q1\":\"no\",\"q2\":\"yes\"}";
    r.req.consent_share_answers = 1;
    line = render(EXPORT_JSONL, 1, &r);
    ASSERT(line);
    ASSERT_CONTAINS(line, "\"name\":\"Q\\\"uote \\\\ back\\u000anew\\u0001 ctl\\u001f Zoë 😀 =1\"");
    ASSERT_CONTAINS(line, "\"answers\":{\"q1\":\"no\",\"q2\":\"yes\"}");
    ASSERT_CONTAINS(line, "\"consent_contact\":true,\"consent_share_answers\":true");
    ASSERT(strncmp(line, "{\"batch_id\":12,\"uuid\":", 22) == 0);
    ASSERT_INT_EQ(1, strchr(line, '\n') == line + strlen(line) - 1);
    line[strlen(line) - 1] = '\0';
    name = json_field(line, "name");
    ASSERT_STR_EQ(r.req.name, name);
    free(name);
    free(line);
}

/* 1 when a row named name comes out whole in CSV and in JSON Lines, parsed back. */
static int round_trips(const char *name)
{
    struct queue_row r = row_named(name);
    char *csv = render(EXPORT_CSV, 1, &r), *json = render(EXPORT_JSONL, 0, &r), *value = NULL;
    struct csv c = { .nrec = 0 };
    int ok = csv && json && csv_parse(csv, &c) == 0 && c.nrec == 2 && c.rec[1].n == 16 &&
             strcmp(c.rec[1].value[6], name) == 0 && strcmp(c.rec[1].value[14], r.req.notice_version) == 0 &&
             strcmp(c.rec[1].value[15], r.req.language) == 0;
    size_t len = json ? strlen(json) : 0;

    if (ok && len > 0 && strchr(json, '\n') == json + len - 1) {
        json[len - 1] = '\0';
        value = json_field(json, "name");
    }
    ok = ok && value && strcmp(value, name) == 0;
    csv_free(&c);
    free(value);
    free(csv);
    free(json);
    return ok;
}

/* Rows much longer than the writer's line buffer (8 KiB) come out whole: one whose pieces fill it
 * many times over (quotes doubled across its edge), and one with a single piece bigger than it. */
TEST(rows_longer_than_the_line_buffer_come_out_whole)
{
    static const char piece[] = "Ann \"Nan\", ";
    static char name[20000];

    for (size_t i = 0; i + 1 < sizeof name; i++)
        name[i] = piece[i % (sizeof piece - 1)];
    ASSERT(round_trips(name));
    memset(name, 'x', sizeof name - 1);
    ASSERT(round_trips(name));
}

/* A quoted value goes straight into the line when it would fit with every byte a doubled quote,
 * else in pieces: values of nothing but quotes either side of that edge come out whole. */
TEST(values_of_quotes_at_the_line_buffers_edge_come_out_whole)
{
    static char name[8200];

    for (size_t n = 4090; n <= 4100; n++) {
        memset(name, '"', n);
        name[n] = '\0';
        ASSERT(round_trips(name));
        name[0] = 'a';      /* the same with a first byte that is not a quote */
        ASSERT(round_trips(name));
    }
}

/* Names a spreadsheet or a parser could trip on; none begins with a formula character. */
static const char *const hostile[] = {
    "Ann \"Nan\" O'Neil, Jr.",
    "Line one\nline two\r\nline three",
    "José Ñúñez-Müller",
    "Emoji 😀👍🏽 family 👨‍👩‍👧",
    "Combining e\xcc\x81 and RTL \xe2\x80\x8f\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d",
    "Back\\slash and tab\tinside",
    "'); DROP TABLE requests; --",
};

static int submit_hostile(struct queue *q)
{
    struct queue_receipt k;
    char err[256];

    for (size_t i = 0; i < sizeof hostile / sizeof *hostile; i++) {
        struct queue_request r = {
            .kiosk_id = "reception-1", .treatment_id = "calf-slimming", .name = hostile[i],
            .phone = "+44 7700 900118", .email = "", .contact_time = "evening", .screening = "clear",
            .answers = i % 2 ? "{\"q1\":\"no\"}" : NULL, .consent_contact = 1,
            .consent_share_answers = i % 2, .notice_version = "abc",
        };
        if (queue_submit(q, &r, &k, err, sizeof err) != 0) {
            fprintf(stderr, "  submit: %s\n", err);
            return -1;
        }
    }
    return 0;
}

TEST(hostile_names_round_trip_through_csv)
{
    char path[600], err[256];
    struct queue_batch b;
    struct queue *q = fresh_queue("roundtrip-csv");
    struct csv c;
    char *text;

    ASSERT(q);
    ASSERT_INT_EQ(0, submit_hostile(q));
    snprintf(path, sizeof path, "%s/out.csv", test_dir);
    ASSERT_INT_EQ(0, export_to_path(q, 0, EXPORT_CSV, path, &b, err, sizeof err));
    queue_close(q);
    text = slurp(path);
    ASSERT(text);
    ASSERT_INT_EQ(0, csv_parse(text, &c));
    free(text);
    ASSERT_INT_EQ(1 + (int)(sizeof hostile / sizeof *hostile), c.nrec);
    for (int r = 0; r < c.nrec; r++)
        ASSERT_INT_EQ(16, c.rec[r].n);
    ASSERT_STR_EQ("name", c.rec[0].value[6]);
    for (size_t i = 0; i < sizeof hostile / sizeof *hostile; i++) {
        ASSERT_STR_EQ("1", c.rec[i + 1].value[0]);
        ASSERT_STR_EQ(hostile[i], c.rec[i + 1].value[6]);
        ASSERT_STR_EQ("'+44 7700 900118", c.rec[i + 1].value[7]);
        ASSERT_STR_EQ(i % 2 ? "{\"q1\":\"no\"}" : "", c.rec[i + 1].value[11]);
        ASSERT_STR_EQ(i % 2 ? "yes" : "no", c.rec[i + 1].value[13]);
    }
    csv_free(&c);
}

TEST(hostile_names_round_trip_through_jsonl)
{
    char *buf = NULL, err[256];
    size_t len = 0, lines = 0;
    struct queue_batch b;
    struct queue *q = fresh_queue("roundtrip-jsonl");
    FILE *f = open_memstream(&buf, &len);

    ASSERT(q && f);
    ASSERT_INT_EQ(0, submit_hostile(q));
    ASSERT_INT_EQ(0, export_to_stream(q, 0, EXPORT_JSONL, f, &b, err, sizeof err));
    queue_close(q);
    fclose(f);
    for (char *line = buf, *nl; (nl = strchr(line, '\n')); line = nl + 1, lines++) {
        char *name, *phone, *answers, *batch;
        *nl = '\0';
        name = json_field(line, "name");
        phone = json_field(line, "phone");
        answers = json_field(line, "answers");
        batch = json_field(line, "batch_id");
        ASSERT(lines < sizeof hostile / sizeof *hostile);
        ASSERT_STR_EQ(hostile[lines], name);
        ASSERT_STR_EQ("+44 7700 900118", phone);
        ASSERT_STR_EQ(lines % 2 ? "{\"q1\":\"no\"}" : "null", answers);
        ASSERT_STR_EQ("1", batch);
        free(name);
        free(phone);
        free(answers);
        free(batch);
    }
    ASSERT_INT_EQ(sizeof hostile / sizeof *hostile, lines);
    free(buf);
}

static int count_pending(struct queue *q)
{
    struct queue_status st;
    char err[256];

    return queue_status(q, &st, err, sizeof err) == 0 ? (int)st.pending : -1;
}

/* Files in test_dir/sub whose name contains part. */
static int count_files(const char *sub, const char *part)
{
    char dir[700];
    DIR *d;
    struct dirent *e;
    int n = 0;

    snprintf(dir, sizeof dir, "%s/%s", test_dir, sub);
    d = opendir(dir);
    while (d && (e = readdir(d)))
        n += strstr(e->d_name, part) != NULL;
    if (d)
        closedir(d);
    return n;
}

TEST(failed_writes_leave_requests_pending)
{
    char path[600], err[256];
    struct queue_batch b;
    struct export_result res;
    struct queue *q = fresh_queue("fails");
    FILE *full;

    ASSERT(q);
    ASSERT_INT_EQ(0, submit_hostile(q));
    snprintf(path, sizeof path, "%s/no-such-dir/out.csv", test_dir);
    ASSERT_INT_EQ(-1, export_to_path(q, 0, EXPORT_CSV, path, &b, err, sizeof err));
    ASSERT_CONTAINS(err, "cannot write '");
    ASSERT_CONTAINS(err, "No such file or directory");
    ASSERT_INT_EQ(7, count_pending(q));

    snprintf(path, sizeof path, "%s/no-such-dir", test_dir);
    ASSERT_INT_EQ(-1, export_to_dir(q, path, 0, EXPORT_SET_DEFAULT, &res, err, sizeof err));
    ASSERT_INT_EQ(7, count_pending(q));

    full = fopen("/dev/full", "w");
    if (full) {     /* a disk that fills up: the error shows at the flush */
        ASSERT_INT_EQ(-1, export_to_stream(q, 0, EXPORT_JSONL, full, &b, err, sizeof err));
        ASSERT_CONTAINS(err, "No space left on device");
        fclose(full);
        ASSERT_INT_EQ(7, count_pending(q));
    }
    queue_close(q);
}

TEST(export_to_path_replaces_atomically_and_marks)
{
    char path[600], err[256];
    struct queue_batch b;
    struct queue *q = fresh_queue("atomic");
    char *text;

    ASSERT(q);
    snprintf(path, sizeof path, "%s/atomic", test_dir);
    ASSERT_INT_EQ(0, mkdir(path, 0700));
    snprintf(path, sizeof path, "%s/atomic/out.jsonl", test_dir);
    ASSERT_INT_EQ(0, export_to_path(q, 0, EXPORT_JSONL, path, &b, err, sizeof err));
    ASSERT_INT_EQ(0, b.count);
    text = slurp(path);
    ASSERT_STR_EQ("", text);                    /* nothing pending: an empty file */
    free(text);
    ASSERT_INT_EQ(0, submit_hostile(q));
    ASSERT_INT_EQ(0, export_to_path(q, 0, EXPORT_JSONL, path, &b, err, sizeof err));
    ASSERT_INT_EQ(1, b.id);
    ASSERT_INT_EQ(7, b.count);
    ASSERT_INT_EQ(0, count_pending(q));
    ASSERT_INT_EQ(1, count_files("atomic", "out.jsonl"));   /* no temporary file left */
    ASSERT_INT_EQ(0, count_files("atomic", "kiosk-tmp"));
    queue_close(q);
}

TEST(export_to_dir_writes_each_format)
{
    char dir[600], err[256];
    struct export_result res;
    struct queue *q = fresh_queue("usb");
    char *csv, *jsonl, *xlsx, named[256];

    ASSERT(q);
    snprintf(dir, sizeof dir, "%s/usb", test_dir);
    ASSERT_INT_EQ(0, mkdir(dir, 0700));
    ASSERT_INT_EQ(0, export_to_dir(q, dir, 0, EXPORT_SET_DEFAULT, &res, err, sizeof err));
    ASSERT_INT_EQ(0, res.batch.count);
    ASSERT_INT_EQ(0, count_files("usb", "enquiries-"));
    ASSERT_INT_EQ(0, submit_hostile(q));
    ASSERT_INT_EQ(0, export_to_dir(q, dir, 0, EXPORT_SET_DEFAULT | EXPORT_SET(EXPORT_CSV), &res, err, sizeof err));
    ASSERT_INT_EQ(1, res.batch.id);
    ASSERT_INT_EQ(7, res.batch.count);
    ASSERT_INT_EQ(3, res.nfiles);
    ASSERT_CONTAINS(res.paths[0], "/usb/enquiries-1-");
    ASSERT_INT_EQ(1, strstr(res.paths[0], ".xlsx") == res.paths[0] + strlen(res.paths[0]) - 5);
    ASSERT_INT_EQ(1, strstr(res.paths[1], ".jsonl") == res.paths[1] + strlen(res.paths[1]) - 6);
    ASSERT_INT_EQ(1, strstr(res.paths[2], ".csv") == res.paths[2] + strlen(res.paths[2]) - 4);
    ASSERT_INT_EQ(0, strncmp(res.paths[0], res.paths[2], strlen(res.paths[0]) - 4));   /* one name, three endings */
    ASSERT_INT_EQ(3, count_files("usb", "enquiries-1-"));
    ASSERT_INT_EQ(0, count_files("usb", "kiosk-tmp"));
    export_files_named(&res, named, sizeof named);
    ASSERT_CONTAINS(named, ".xlsx, .jsonl and .csv");
    ASSERT_INT_EQ(0, strncmp(named, "enquiries-1-", 12));
    csv = slurp(res.paths[2]);
    jsonl = slurp(res.paths[1]);
    xlsx = slurp(res.paths[0]);
    ASSERT(csv && jsonl && xlsx);
    ASSERT(strncmp(csv, "batch_id,", 9) == 0);     /* for systems: no byte-order mark */
    ASSERT_CONTAINS(jsonl, "\"name\":\"José Ñúñez-Müller\"");
    ASSERT(strncmp(xlsx, "PK", 2) == 0);            /* a zip: openpyxl reads it in tests/cli/export-readers.sh */
    free(csv);
    free(jsonl);
    free(xlsx);
    ASSERT_INT_EQ(0, count_pending(q));
    queue_close(q);
}


/* A row with its reference and answers missing (as a row inserted through the requests view may
 * be) is written, not a crash: an empty CSV field, a JSON null, an empty spreadsheet cell. */
TEST(missing_values_are_written_empty)
{
    struct queue_row r = row_named("Ann Example");
    char *csv, *json, path[600], err[256];
    struct export_xlsx *x;

    r.ref = NULL;
    r.uuid = NULL;
    r.req.answers = NULL;
    r.req.email = NULL;
    r.req.language = NULL;
    csv = render(EXPORT_CSV, 0, &r);
    json = render(EXPORT_JSONL, 0, &r);
    ASSERT(csv && json);
    ASSERT_STR_EQ("12,,,2026-11-25T15:04:05Z,reception-1,calf-slimming,Ann Example,07700 900118,,any,clear,,yes,no,"
                  "0123456789abcdef,\r\n", csv);
    ASSERT_CONTAINS(json, "\"language\":null}");
    ASSERT_CONTAINS(json, "{\"batch_id\":12,\"uuid\":null,\"ref\":null,");
    ASSERT_CONTAINS(json, "\"email\":null,");
    ASSERT_CONTAINS(json, "\"answers\":null,");
    free(csv);
    free(json);
    snprintf(path, sizeof path, "%s/missing.xlsx", test_dir);
    x = export_xlsx_open(path, 12, time(NULL), err, sizeof err);
    ASSERT(x);
    ASSERT_INT_EQ(0, export_xlsx_row(x, &r, err, sizeof err));
    r.req.answers = "[{\"question\":\"Caf\\u00e9 \\\"ok\\\"?\",\"answer\":null}]";
    ASSERT_INT_EQ(0, export_xlsx_row(x, &r, err, sizeof err));
    ASSERT_INT_EQ(0, export_xlsx_close(x, err, sizeof err));
}

/* The checklist's JSON becomes text a person reads in the spreadsheet (its own file is checked
 * by openpyxl in tests/cli/export-readers.sh); other JSON stays as it is. */
TEST(xlsx_refuses_nothing_it_is_given)
{
    struct queue_row r = row_named("=1+1");
    char path[600], err[256];
    struct export_xlsx *x;
    static char big[QUEUE_NAME_MAX * 4];

    memset(big, 'W', sizeof big - 1);
    snprintf(path, sizeof path, "%s/odd.xlsx", test_dir);
    x = export_xlsx_open(path, 1, time(NULL), err, sizeof err);
    ASSERT(x);
    r.created_utc = "not a time";
    r.req.answers = "{\"q1\":\"no\"}";
    ASSERT_INT_EQ(0, export_xlsx_row(x, &r, err, sizeof err));
    r.req.name = big;
    r.req.answers = "[{\"question\":\"x\",\"answer\":\"yes\"},]";
    ASSERT_INT_EQ(0, export_xlsx_row(x, &r, err, sizeof err));
    ASSERT_INT_EQ(0, export_xlsx_close(x, err, sizeof err));
}

/* The database, its -wal and -shm, and the config are refused however they are spelled: another
 * path to the same directory, a hard link, a symbolic link, and a -wal that does not exist yet. */
TEST(export_refuses_the_database_and_config)
{
    char dir[600], db[700], other[800], cfg[700], err[1024];
    struct queue *q = fresh_queue("guard");
    FILE *f;

    ASSERT(q);
    snprintf(dir, sizeof dir, "%s/guard", test_dir);
    ASSERT_INT_EQ(0, mkdir(dir, 0700));
    snprintf(db, sizeof db, "%s/guard.db", test_dir);
    snprintf(cfg, sizeof cfg, "%s/kiosk.conf", dir);
    f = fopen(cfg, "w");
    ASSERT(f);
    fclose(f);

    ASSERT_INT_EQ(1, export_path_protected(db, db, cfg, err, sizeof err));
    ASSERT_CONTAINS(err, "refusing to write '");
    ASSERT_CONTAINS(err, "it is the database");
    snprintf(other, sizeof other, "%s/guard/../guard.db", test_dir);
    ASSERT_INT_EQ(1, export_path_protected(other, db, cfg, err, sizeof err));
    snprintf(other, sizeof other, "%s/guard/./../guard.db-wal", test_dir);
    ASSERT_INT_EQ(1, export_path_protected(other, db, cfg, err, sizeof err));
    ASSERT_CONTAINS(err, "write-ahead log");
    snprintf(other, sizeof other, "%s/guard.db-shm", test_dir);
    ASSERT_INT_EQ(1, export_path_protected(other, db, cfg, err, sizeof err));
    snprintf(other, sizeof other, "%s/guard/hardlink", test_dir);
    ASSERT_INT_EQ(0, link(db, other));
    ASSERT_INT_EQ(1, export_path_protected(other, db, cfg, err, sizeof err));
    snprintf(other, sizeof other, "%s/guard/symlink", test_dir);
    ASSERT_INT_EQ(0, symlink("kiosk.conf", other));
    ASSERT_INT_EQ(1, export_path_protected(other, db, cfg, err, sizeof err));
    ASSERT_CONTAINS(err, "it is the config file");
    snprintf(other, sizeof other, "%s/guard/../guard/kiosk.conf", test_dir);
    ASSERT_INT_EQ(1, export_path_protected(other, db, cfg, err, sizeof err));
    snprintf(other, sizeof other, "%s/guard/out.xlsx", test_dir);
    ASSERT_INT_EQ(0, export_path_protected(other, db, cfg, err, sizeof err));
    snprintf(other, sizeof other, "%s/guard.db.csv", test_dir);
    ASSERT_INT_EQ(0, export_path_protected(other, db, cfg, err, sizeof err));
    queue_close(q);
}

/* The files of one export are all written or none: with the last one's directory missing, the
 * first is not left behind, no temporary file either, and every request stays pending. */
TEST(several_files_all_or_none)
{
    char a[600], b[600], c[600], err[512];
    struct queue_batch batch;
    struct queue *q = fresh_queue("several");
    struct stat st;

    ASSERT(q);
    ASSERT_INT_EQ(0, submit_hostile(q));
    snprintf(a, sizeof a, "%s/several.xlsx", test_dir);
    snprintf(b, sizeof b, "%s/several.jsonl", test_dir);
    snprintf(c, sizeof c, "%s/no-such-dir/several.csv", test_dir);
    {
        struct export_file files[] = { { EXPORT_XLSX, a }, { EXPORT_JSONL, b }, { EXPORT_CSV, c } };
        ASSERT_INT_EQ(-1, export_to_files(q, 0, files, 3, &batch, err, sizeof err));
        ASSERT_CONTAINS(err, "no-such-dir/several.csv");
        ASSERT_INT_EQ(-1, stat(a, &st));
        ASSERT_INT_EQ(-1, stat(b, &st));
        ASSERT_INT_EQ(0, count_files("", "kiosk-tmp"));
        ASSERT_INT_EQ(7, count_pending(q));
        snprintf(c, sizeof c, "%s/several.csv", test_dir);
        ASSERT_INT_EQ(0, export_to_files(q, 0, files, 3, &batch, err, sizeof err));
    }
    ASSERT_INT_EQ(1, batch.id);
    ASSERT_INT_EQ(7, batch.count);
    ASSERT_INT_EQ(0, stat(a, &st));
    ASSERT_INT_EQ(0600, st.st_mode & 0777);
    ASSERT_INT_EQ(0, stat(b, &st));
    ASSERT_INT_EQ(0, stat(c, &st));
    ASSERT_INT_EQ(0, count_pending(q));
    queue_close(q);
}

/* A temporary file an export killed half way left (mode 0600, holding clients' details) is removed
 * by the next look; one a live export holds locked is not, nor a file that only looks alike. */
TEST(stale_temporary_files_are_removed)
{
    char dir[600], dead[700], live[700], other[700];
    struct stat st;
    int fd_live, fd;

    snprintf(dir, sizeof dir, "%s/stale", test_dir);
    ASSERT_INT_EQ(0, mkdir(dir, 0700));
    snprintf(dead, sizeof dead, "%s/.out.xlsx.kiosk-tmp-AbC123", dir);
    snprintf(live, sizeof live, "%s/.out.csv.kiosk-tmp-XyZ789", dir);
    snprintf(other, sizeof other, "%s/out.csv.kiosk-tmp-notours", dir);
    fd = open(dead, O_WRONLY | O_CREAT | O_EXCL, 0600);
    ASSERT(fd >= 0);
    close(fd);
    fd_live = open(live, O_WRONLY | O_CREAT | O_EXCL, 0600);
    ASSERT(fd_live >= 0);
    ASSERT_INT_EQ(0, flock(fd_live, LOCK_EX));
    fd = open(other, O_WRONLY | O_CREAT | O_EXCL, 0600);
    ASSERT(fd >= 0);
    close(fd);
    ASSERT_INT_EQ(1, export_remove_stale(dir));
    ASSERT_INT_EQ(-1, stat(dead, &st));
    ASSERT_INT_EQ(0, stat(live, &st));
    ASSERT_INT_EQ(0, stat(other, &st));
    close(fd_live);
    ASSERT_INT_EQ(1, export_remove_stale(dir));
    ASSERT_INT_EQ(-1, stat(live, &st));
    ASSERT_INT_EQ(0, export_remove_stale(dir));
}

TEST(format_from_the_file_name)
{
    enum export_format f = EXPORT_CSV;

    ASSERT_INT_EQ(0, export_format_of_path("a/b.XLSX", &f));
    ASSERT_INT_EQ(EXPORT_XLSX, f);
    ASSERT_INT_EQ(0, export_format_of_path("b.jsonl", &f));
    ASSERT_INT_EQ(EXPORT_JSONL, f);
    ASSERT_INT_EQ(0, export_format_of_path("./b.csv", &f));
    ASSERT_INT_EQ(EXPORT_CSV, f);
    ASSERT_INT_EQ(-1, export_format_of_path("b.xls", &f));
    ASSERT_INT_EQ(-1, export_format_of_path("dir.csv/b", &f));
    ASSERT_INT_EQ(-1, export_format_of_path("requests", &f));
}

int main(int argc, char **argv)
{
    BEGIN(argc, argv);
    make_test_dir();
    RUN(csv_header_crlf_and_bom);
    RUN(csv_quotes_only_what_needs_it);
    RUN(csv_neutralises_formulas);
    RUN(json_escapes_and_keeps_utf8);
    RUN(rows_longer_than_the_line_buffer_come_out_whole);
    RUN(values_of_quotes_at_the_line_buffers_edge_come_out_whole);
    RUN(hostile_names_round_trip_through_csv);
    RUN(hostile_names_round_trip_through_jsonl);
    RUN(failed_writes_leave_requests_pending);
    RUN(export_to_path_replaces_atomically_and_marks);
    RUN(export_to_dir_writes_each_format);
    RUN(missing_values_are_written_empty);
    RUN(xlsx_refuses_nothing_it_is_given);
    RUN(export_refuses_the_database_and_config);
    RUN(several_files_all_or_none);
    RUN(stale_temporary_files_are_removed);
    RUN(format_from_the_file_name);
    END();
}
