/* test_queue: the SQLite request queue: fields, references, modes, migration, faults, locks,
 * damaged files, and the pending -> exported -> acknowledged -> purged life of a request. */
#include <dirent.h>
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "queue.h"
#include "wal_log.h"

static char test_dir[512];

static int copy_file(const char *from, const char *to);
static int add_requests(const char *path, int from, int n);
static int pages_of(const char *path, const char *table, const char *type, long long *pages, int max);
static int spoil_page(const char *path, long long page);
struct listing_counts { int pending, exported, acknowledged; long long batch2; };

/* ---------------------------------------------------------------- helpers */

static void make_test_dir(void)
{
    const char *out = getenv("KIOSK_OUT");
    char cmd[1100];

    snprintf(test_dir, sizeof test_dir, "%s/tmp/test_queue", out ? out : "tests/out");
    snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir -p '%s'", test_dir, test_dir);
    if (system(cmd) != 0) {
        fprintf(stderr, "cannot make %s\n", test_dir);
        exit(1);
    }
}

/* A fresh database path for one test: nothing at it yet. */
static void fresh(char *path, size_t len, const char *name)
{
    static const char *const suffix[] = { "", "-wal", "-shm" };
    char p[600];

    snprintf(path, len, "%s/%s.db", test_dir, name);
    for (int i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s%s", path, suffix[i]);
        unlink(p);
    }
}

static struct queue *open_q(const char *path, int fault)
{
    struct queue_options o = { .create = 1, .recover_damaged = 1, .fault_injection = fault };
    char err[512];
    struct queue *q = queue_open(path, &o, err, sizeof err);

    if (!q)
        fprintf(stderr, "  queue_open: %s\n", err);
    return q;
}

static struct queue_request sample(const char *name)
{
    return (struct queue_request){
        .kiosk_id = "reception-1", .treatment_id = "calf-slimming", .name = name,
        .phone = "07700 900118", .email = "test.client@example.org", .contact_time = "afternoon",
        .screening = "discuss", .answers = "{\"q1\": \"no\", \"q2\": \"yes\"}",
        .consent_contact = 1, .consent_share_answers = 1, .notice_version = "0123456789abcdef",
        .language = "zh-Hans",
    };
}

static int submit_n(struct queue *q, int n)
{
    struct queue_request r = sample("Test Person");
    struct queue_receipt k;
    char err[256];

    for (int i = 0; i < n; i++)
        if (queue_submit(q, &r, &k, err, sizeof err) != 0) {
            fprintf(stderr, "  submit: %s\n", err);
            return -1;
        }
    return 0;
}

/* The single integer SQL returns on a separate plain connection, or -999 on error. */
static long long sql_int(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *s = NULL;
    long long v = -999;

    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    else
        fprintf(stderr, "  sql_int(%s): %s\n", sql, sqlite3_errmsg(db));
    sqlite3_finalize(s);
    sqlite3_close(db);
    return v;
}

static int sql_exec(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);

    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        fprintf(stderr, "  sql_exec: %s\n", sqlite3_errmsg(db));
    sqlite3_close(db);
    return rc == SQLITE_OK ? 0 : -1;
}

static int count_row(void *ctx, const struct queue_row *row)
{
    (void)row;
    ++*(int *)ctx;
    return 0;
}

static int rows(struct queue *q, const char *status)
{
    int n = 0;
    char err[256];

    if (queue_list(q, status, count_row, &n, err, sizeof err) != 0) {
        fprintf(stderr, "  list: %s\n", err);
        return -1;
    }
    return n;
}

static int matches_uuid_v4(const char *u)
{
    if (strlen(u) != QUEUE_UUID_LEN)
        return 0;
    for (int i = 0; i < QUEUE_UUID_LEN; i++) {
        int dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? u[i] != '-' : !strchr("0123456789abcdef", u[i]))
            return 0;
    }
    return u[14] == '4' && strchr("89ab", u[19]) != NULL;
}

static int matches_ref(const char *r)
{
    static const char alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    if (strlen(r) != QUEUE_REF_LEN || strncmp(r, "FT-", 3) != 0)
        return 0;
    for (int i = 3; i < QUEUE_REF_LEN; i++)
        if (!r[i] || !strchr(alphabet, r[i]))
            return 0;
    return 1;
}

static double now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* ---------------------------------------------------------------- tests */

/* Copies the one row the list returns, so the test can look at it after the call. */
struct snapshot { int n; struct queue_row row; char buf[18][512]; };

static int keep_row(void *ctx, const struct queue_row *r)
{
    struct snapshot *s = ctx;
    const char **fields[] = { &s->row.uuid, &s->row.ref, &s->row.created_utc, &s->row.status,
                              &s->row.req.kiosk_id, &s->row.req.treatment_id, &s->row.req.name,
                              &s->row.req.phone, &s->row.req.email, &s->row.req.contact_time,
                              &s->row.req.screening, &s->row.req.answers, &s->row.req.notice_version,
                              &s->row.exported_utc, &s->row.acknowledged_utc, &s->row.req.language };

    s->n++;
    s->row = *r;
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
        if (*fields[i]) {
            snprintf(s->buf[i], sizeof s->buf[i], "%s", *fields[i]);
            *fields[i] = s->buf[i];
        }
    }
    return 0;
}

TEST(submit_stores_every_field)
{
    char path[600], err[256];
    struct queue_request r = sample("José O'Brien-Łukasz 😀");
    struct queue_receipt k;
    struct snapshot s = { 0 };
    struct queue *q;

    fresh(path, sizeof path, "fields");
    q = open_q(path, 0);
    ASSERT(q);
    ASSERT_INT_EQ(0, queue_submit(q, &r, &k, err, sizeof err));
    ASSERT(matches_uuid_v4(k.uuid));
    ASSERT(matches_ref(k.ref));
    ASSERT_INT_EQ(QUEUE_TIME_LEN, strlen(k.created_utc));
    ASSERT(k.created_utc[4] == '-' && k.created_utc[10] == 'T' && k.created_utc[19] == 'Z');
    ASSERT_INT_EQ(0, queue_list(q, NULL, keep_row, &s, err, sizeof err));
    queue_close(q);
    ASSERT_INT_EQ(1, s.n);
    ASSERT_STR_EQ(k.uuid, s.row.uuid);
    ASSERT_STR_EQ(k.ref, s.row.ref);
    ASSERT_STR_EQ(k.created_utc, s.row.created_utc);
    ASSERT_STR_EQ("pending", s.row.status);
    ASSERT_INT_EQ(0, s.row.batch_id);
    ASSERT(s.row.exported_utc == NULL && s.row.acknowledged_utc == NULL);
    ASSERT_STR_EQ("reception-1", s.row.req.kiosk_id);
    ASSERT_STR_EQ("calf-slimming", s.row.req.treatment_id);
    ASSERT_STR_EQ("José O'Brien-Łukasz 😀", s.row.req.name);
    ASSERT_STR_EQ("07700 900118", s.row.req.phone);
    ASSERT_STR_EQ("test.client@example.org", s.row.req.email);
    ASSERT_STR_EQ("afternoon", s.row.req.contact_time);
    ASSERT_STR_EQ("discuss", s.row.req.screening);
    ASSERT_STR_EQ("{\"q1\":\"no\",\"q2\":\"yes\"}", s.row.req.answers);    /* stored minified */
    ASSERT_INT_EQ(1, s.row.req.consent_contact);
    ASSERT_INT_EQ(1, s.row.req.consent_share_answers);
    ASSERT_STR_EQ("0123456789abcdef", s.row.req.notice_version);
    ASSERT_STR_EQ("zh-Hans", s.row.req.language);
}

TEST(answers_need_consent_and_fields_are_checked)
{
    char path[600], err[256], long_name[QUEUE_NAME_MAX + 2];
    struct queue_request r = sample("Test Person");
    struct queue_receipt k;
    struct queue *q;

    fresh(path, sizeof path, "checks");
    q = open_q(path, 0);
    ASSERT(q);
    r.consent_share_answers = 0;
    ASSERT_INT_EQ(-1, queue_submit(q, &r, &k, err, sizeof err));
    ASSERT_CONTAINS(err, "without consent");
    r.answers = NULL;
    ASSERT_INT_EQ(0, queue_submit(q, &r, &k, err, sizeof err));

    r = sample("Bad \xc3\x28 UTF-8");
    ASSERT_INT_EQ(-1, queue_submit(q, &r, &k, err, sizeof err));
    ASSERT_STR_EQ("cannot save the request: the name is not valid UTF-8", err);
    memset(long_name, 'a', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = '\0';
    r = sample(long_name);
    ASSERT_INT_EQ(-1, queue_submit(q, &r, &k, err, sizeof err));
    ASSERT_STR_EQ("cannot save the request: the name is too long", err);
    r = sample("Test Person");
    r.contact_time = "midnight";
    ASSERT_INT_EQ(-1, queue_submit(q, &r, &k, err, sizeof err));
    ASSERT_CONTAINS(err, "contact time");
    r = sample("Test Person");
    r.phone = r.email = "";
    ASSERT_INT_EQ(-1, queue_submit(q, &r, &k, err, sizeof err));
    ASSERT_CONTAINS(err, "neither a phone number nor an email");
    r = sample("Test Person");
    r.answers = "{not json";
    ASSERT_INT_EQ(-1, queue_submit(q, &r, &k, err, sizeof err));
    ASSERT_CONTAINS(err, "malformed JSON");
    r = sample("Test Person");
    r.language = "zh Hans";
    ASSERT_INT_EQ(-1, queue_submit(q, &r, &k, err, sizeof err));
    ASSERT_STR_EQ("cannot save the request: the language must be a code such as en or zh-Hans", err);
    r.language = "en-GB-oed-with-a-tag-longer-than-any-kiosk-would-use";
    ASSERT_INT_EQ(-1, queue_submit(q, &r, &k, err, sizeof err));
    ASSERT_STR_EQ("cannot save the request: the language is too long", err);
    ASSERT_INT_EQ(1, rows(q, NULL));
    queue_close(q);
}

TEST(references_and_uuids_are_well_formed_and_unique)
{
    enum { N = 300 };
    char path[600], err[256];
    static char refs[N][QUEUE_REF_LEN + 1], uuids[N][QUEUE_UUID_LEN + 1];
    struct queue_request r = sample("Test Person");
    struct queue_receipt k;
    struct queue *q;

    fresh(path, sizeof path, "refs");
    q = open_q(path, 0);
    ASSERT(q);
    for (int i = 0; i < N; i++) {
        ASSERT_INT_EQ(0, queue_submit(q, &r, &k, err, sizeof err));
        ASSERT(matches_ref(k.ref));
        ASSERT(matches_uuid_v4(k.uuid));
        memcpy(refs[i], k.ref, sizeof refs[i]);
        memcpy(uuids[i], k.uuid, sizeof uuids[i]);
    }
    for (int i = 0; i < N; i++)
        for (int j = i + 1; j < N; j++) {
            ASSERT(strcmp(refs[i], refs[j]) != 0);
            ASSERT(strcmp(uuids[i], uuids[j]) != 0);
        }
    queue_close(q);
    ASSERT_INT_EQ(N, sql_int(path, "SELECT count(DISTINCT ref) FROM requests"));
}

TEST(file_is_private_wal_and_versioned)
{
    char path[600], wal[620];
    struct stat sb;
    struct queue *q;

    fresh(path, sizeof path, "mode");
    q = open_q(path, 0);
    ASSERT(q);
    ASSERT_INT_EQ(0, submit_n(q, 1));
    ASSERT_INT_EQ(0, stat(path, &sb));
    ASSERT_INT_EQ(0600, sb.st_mode & 0777);
    snprintf(wal, sizeof wal, "%s-wal", path);
    ASSERT_INT_EQ(0, stat(wal, &sb));
    ASSERT_INT_EQ(0600, sb.st_mode & 0777);
    queue_close(q);
    ASSERT_INT_EQ(QUEUE_SCHEMA_VERSION, sql_int(path, "PRAGMA user_version"));
    ASSERT_INT_EQ(1, sql_int(path, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"));
}

TEST(missing_directory_and_missing_file_are_errors)
{
    struct queue_options create = { .create = 1 };
    char path[600], err[512];

    snprintf(path, sizeof path, "%s/no-such-dir/kiosk.db", test_dir);
    ASSERT(queue_open(path, &create, err, sizeof err) == NULL);
    ASSERT_CONTAINS(err, "No such file or directory");
    ASSERT_CONTAINS(err, path);
    fresh(path, sizeof path, "absent");
    ASSERT(queue_open(path, NULL, err, sizeof err) == NULL);
    ASSERT_CONTAINS(err, "unable to open database file");
    ASSERT(access(path, F_OK) != 0);    /* not created without create */
}

/* Version 1 as it was shipped: no ref, no notice_version, no kiosk_state. */
static const char v1_tables[] =
    "CREATE TABLE batches (id INTEGER PRIMARY KEY, created_utc TEXT NOT NULL, count INTEGER NOT NULL,"
    " acknowledged_utc TEXT);"
    "CREATE TABLE requests (id INTEGER PRIMARY KEY AUTOINCREMENT, uuid TEXT NOT NULL UNIQUE,"
    " created_utc TEXT NOT NULL, kiosk_id TEXT NOT NULL, treatment_id TEXT NOT NULL, name TEXT NOT NULL,"
    " phone TEXT NOT NULL, email TEXT NOT NULL,"
    " contact_time TEXT NOT NULL CHECK (contact_time IN ('morning', 'afternoon', 'evening', 'any')),"
    " screening TEXT NOT NULL CHECK (screening IN ('clear', 'discuss', 'stop', 'not-taken')),"
    " answers TEXT CHECK (answers IS NULL OR (consent_share_answers = 1 AND json_valid(answers))),"
    " consent_contact INTEGER NOT NULL CHECK (consent_contact IN (0, 1)),"
    " consent_share_answers INTEGER NOT NULL CHECK (consent_share_answers IN (0, 1)),"
    " status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'exported', 'acknowledged')),"
    " batch_id INTEGER REFERENCES batches (id), exported_utc TEXT, acknowledged_utc TEXT);"
    "CREATE INDEX requests_status ON requests (status, id);"
    "CREATE INDEX requests_batch ON requests (batch_id);";

static const char v1_rows[] =
    "INSERT INTO batches VALUES (1, '2026-01-02T10:00:00Z', 1, NULL);"
    "INSERT INTO requests (uuid, created_utc, kiosk_id, treatment_id, name, phone, email, contact_time,"
    " screening, answers, consent_contact, consent_share_answers, status, batch_id, exported_utc) VALUES"
    " ('6f1c2d3e-0000-4000-8000-000000000001', '2026-01-01T09:00:00Z', 'k1', 'calf-slimming', 'Old One',"
    "  '07700 900001', '', 'morning', 'clear', NULL, 1, 0, 'exported', 1, '2026-01-02T10:00:00Z'),"
    " ('6f1c2d3e-0000-4000-8000-000000000002', '2026-01-03T09:00:00Z', 'k1', 'calf-slimming', 'Old Two',"
    "  '', 'two@example.org', 'any', 'discuss', '{ \"q1\" :\n \"yes\" }', 1, 1, 'pending', NULL, NULL),"
    " ('6f1c2d3e-0000-4000-8000-000000000003', '2026-01-04T09:00:00Z', 'k1', 'calf-slimming', 'Old Three',"
    "  '07700 900003', '', 'evening', 'not-taken', NULL, 1, 0, 'pending', NULL, NULL);"
    "PRAGMA user_version = 1;";

TEST(migration_from_v1_keeps_rows)
{
    char path[600], err[256];
    struct queue *q;
    long long v = 0;

    fresh(path, sizeof path, "v1");
    ASSERT_INT_EQ(0, sql_exec(path, v1_tables));
    ASSERT_INT_EQ(0, sql_exec(path, v1_rows));
    q = open_q(path, 0);
    ASSERT(q);
    ASSERT_INT_EQ(3, rows(q, NULL));
    ASSERT_INT_EQ(2, rows(q, "pending"));
    ASSERT_INT_EQ(1, rows(q, "exported"));
    ASSERT_INT_EQ(0, submit_n(q, 1));
    ASSERT_INT_EQ(0, queue_state_set_int(q, "pin-failures", 2, err, sizeof err));
    ASSERT_INT_EQ(0, queue_state_get_int(q, "pin-failures", &v, err, sizeof err));
    ASSERT_INT_EQ(2, v);
    queue_close(q);
    ASSERT_INT_EQ(QUEUE_SCHEMA_VERSION, sql_int(path, "PRAGMA user_version"));
    ASSERT_INT_EQ(4, sql_int(path, "SELECT count(DISTINCT ref) FROM requests"));
    ASSERT_INT_EQ(4, sql_int(path, "SELECT count(*) FROM requests WHERE ref GLOB 'FT-[2-9A-Z][2-9A-Z][2-9A-Z][2-9A-Z]'"));
    ASSERT_INT_EQ(1, sql_int(path, "SELECT count(*) FROM requests WHERE name = 'Old Two' AND email = 'two@example.org'"
                                   " AND answers = '{\"q1\":\"yes\"}' AND notice_version = '' AND status = 'pending'"));
    ASSERT_INT_EQ(1, sql_int(path, "SELECT batch_id FROM requests WHERE name = 'Old One'"));
    /* made before the kiosk had languages: not known */
    ASSERT_INT_EQ(3, sql_int(path, "SELECT count(*) FROM requests WHERE language = ''"));
    ASSERT_INT_EQ(1, sql_int(path, "SELECT count(*) FROM requests WHERE language = 'zh-Hans'"));
}

TEST(newer_schema_is_refused)
{
    char path[600], err[512];
    struct queue_options o = { .create = 1 };

    fresh(path, sizeof path, "newer");
    ASSERT_INT_EQ(0, sql_exec(path, "PRAGMA user_version = 99"));
    ASSERT(queue_open(path, &o, err, sizeof err) == NULL);
    ASSERT_CONTAINS(err, "schema version 99 is newer");
}

/* A submit under each fault fails cleanly; once it is cleared the next submit stores exactly one row. */
TEST(faults_fail_submit_then_clear)
{
    static const enum queue_fault faults[] = { QUEUE_FAULT_WRITE, QUEUE_FAULT_SYNC, QUEUE_FAULT_FULL };
    static const char *const expect[] = { "disk I/O error", "disk I/O error", "database or disk is full" };
    struct queue_request r = sample("Test Person");
    struct queue_receipt k;
    char path[600], err[256];
    struct queue *q;

    for (size_t i = 0; i < sizeof faults / sizeof *faults; i++) {
        fresh(path, sizeof path, "fault");
        q = open_q(path, 1);
        ASSERT(q);
        queue_fault_set(q, faults[i]);
        for (int attempt = 0; attempt < 2; attempt++) {
            ASSERT_INT_EQ(-1, queue_submit(q, &r, &k, err, sizeof err));
            ASSERT_CONTAINS(err, "cannot save the request");
            ASSERT_CONTAINS(err, expect[i]);
            ASSERT_STR_EQ("", k.ref);
        }
        queue_fault_set(q, QUEUE_FAULT_NONE);
        ASSERT_INT_EQ(0, queue_submit(q, &r, &k, err, sizeof err));
        ASSERT_INT_EQ(1, rows(q, NULL));
        queue_close(q);
        ASSERT_INT_EQ(1, sql_int(path, "SELECT count(*) FROM requests"));
        ASSERT_INT_EQ(1, sql_int(path, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"));
    }
}

TEST(locked_database_fails_after_timeout)
{
    struct queue_options o = { .create = 1, .busy_timeout_ms = 200 };
    struct queue_request r = sample("Test Person");
    struct queue_receipt k;
    char path[600], err[256];
    sqlite3 *other = NULL;
    struct queue *q;
    double t0, took;

    fresh(path, sizeof path, "busy");
    q = queue_open(path, &o, err, sizeof err);
    ASSERT(q);
    ASSERT_INT_EQ(SQLITE_OK, sqlite3_open(path, &other));
    ASSERT_INT_EQ(SQLITE_OK, sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL));
    t0 = now_ms();
    ASSERT_INT_EQ(-1, queue_submit(q, &r, &k, err, sizeof err));
    took = now_ms() - t0;
    ASSERT_CONTAINS(err, "database is locked");
    ASSERT(took >= 150 && took < 2000);
    ASSERT_INT_EQ(SQLITE_OK, sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL));
    sqlite3_close(other);
    ASSERT_INT_EQ(0, queue_submit(q, &r, &k, err, sizeof err));
    ASSERT_INT_EQ(1, rows(q, NULL));
    queue_close(q);
}

/* Finds the file moved aside for path; returns 1 with its name in out. */
static int find_damaged(const char *name, char *out, size_t len)
{
    char prefix[128];
    DIR *d = opendir(test_dir);
    struct dirent *e;
    int found = 0;

    snprintf(prefix, sizeof prefix, "%s.db.damaged-", name);
    while (d && (e = readdir(d)))
        if (strncmp(e->d_name, prefix, strlen(prefix)) == 0 && !strstr(e->d_name, "-wal") &&
            !strstr(e->d_name, "-shm")) {
            snprintf(out, len, "%s/%s", test_dir, e->d_name);
            found++;
        }
    if (d)
        closedir(d);
    return found == 1;
}

static int file_equals(const char *path, const char *data, size_t len)
{
    char buf[8192];
    FILE *f = fopen(path, "rb");
    size_t n = f ? fread(buf, 1, sizeof buf, f) : 0;

    if (f)
        fclose(f);
    return f && n == len && memcmp(buf, data, len) == 0;
}

TEST(not_a_database_is_moved_aside_not_deleted)
{
    static const char junk[] = "This is not an SQLite database, just some text that got here.\n";
    char path[600], aside[700], err[512];
    struct queue_status st;
    struct queue *q;
    FILE *f;

    fresh(path, sizeof path, "junk");
    f = fopen(path, "wb");
    ASSERT(f);
    for (int i = 0; i < 50; i++)
        fputs(junk, f);
    fclose(f);
    ASSERT(queue_open(path, &(struct queue_options){ .create = 1 }, err, sizeof err) == NULL);
    ASSERT_CONTAINS(err, "file is not a database");

    q = open_q(path, 0);
    ASSERT(q);
    ASSERT(find_damaged("junk", aside, sizeof aside));
    ASSERT_INT_EQ(0, submit_n(q, 1));
    ASSERT_INT_EQ(0, queue_status(q, &st, err, sizeof err));
    ASSERT_STR_EQ(aside, st.damaged_moved_to);
    ASSERT_INT_EQ(QUEUE_TIME_LEN, strlen(st.damaged_utc));
    ASSERT_STR_EQ("", st.quick_check);              /* the fresh one is not checked yet */
    ASSERT_INT_EQ(1, st.pending);
    queue_close(q);

    q = open_q(path, 0);    /* the warning survives a restart until dismissed */
    ASSERT(q);
    ASSERT_INT_EQ(0, queue_status(q, &st, err, sizeof err));
    ASSERT_STR_EQ(aside, st.damaged_moved_to);
    ASSERT_INT_EQ(0, queue_dismiss_damaged(q, err, sizeof err));
    ASSERT_INT_EQ(0, queue_status(q, &st, err, sizeof err));
    ASSERT_STR_EQ("", st.damaged_moved_to);
    queue_close(q);

    f = fopen(aside, "rb");
    ASSERT(f);
    fclose(f);
    {
        char expect[sizeof junk * 50];
        size_t n = 0;
        for (int i = 0; i < 50; i++, n += sizeof junk - 1)
            memcpy(expect + n, junk, sizeof junk - 1);
        ASSERT(file_equals(aside, expect, n));
    }
}

TEST(corrupt_pages_are_moved_aside)
{
    char path[600], aside[700], err[256], check[256];
    unsigned char junk[4096];
    struct queue_status st;
    struct queue *q;
    FILE *f;

    fresh(path, sizeof path, "corrupt");
    q = open_q(path, 0);
    ASSERT(q);
    ASSERT_INT_EQ(0, submit_n(q, 200));
    queue_close(q);
    memset(junk, 0xa5, sizeof junk);
    f = fopen(path, "r+b");
    ASSERT(f);
    ASSERT_INT_EQ(0, fseek(f, 4096 * 3, SEEK_SET));
    ASSERT_INT_EQ(sizeof junk, fwrite(junk, 1, sizeof junk, f));
    fclose(f);

    /* Opening does not read the whole file (that would take seconds for a large queue); the
     * check does, and what it finds moves the file aside. */
    ASSERT_INT_EQ(1, queue_check_file(path, NULL, NULL, check, sizeof check));
    ASSERT(strcmp(check, "ok") != 0 && check[0]);
    q = queue_open(path, &(struct queue_options){ .create = 1, .damaged = 1 }, err, sizeof err);
    ASSERT(q);
    ASSERT(find_damaged("corrupt", aside, sizeof aside));
    ASSERT_INT_EQ(0, queue_status(q, &st, err, sizeof err));
    ASSERT_STR_EQ(aside, st.damaged_moved_to);
    ASSERT_INT_EQ(0, queue_check_file(path, NULL, NULL, check, sizeof check));
    ASSERT_STR_EQ("ok", check);
    ASSERT_INT_EQ(0, queue_record_check(q, check, err, sizeof err));
    ASSERT_INT_EQ(0, queue_status(q, &st, err, sizeof err));
    ASSERT_STR_EQ("ok", st.quick_check);
    ASSERT_INT_EQ(QUEUE_TIME_LEN, strlen(st.checked_utc));
    queue_close(q);
}

static int batch_of(void *ctx, const struct queue_row *r)
{
    long long *want = ctx;

    return r->batch_id == *want ? 0 : 1;
}

/* Drains the export under way; returns the number of rows, or -1. */
static int drain(struct queue *q, long long want_batch)
{
    struct queue_row row;
    char err[256];
    int n = 0, rc;

    while ((rc = queue_export_next(q, &row, err, sizeof err)) == 1) {
        if (row.batch_id != want_batch)
            return -1;
        n++;
    }
    return rc == 0 ? n : -1;
}

TEST(export_ack_purge_life_cycle)
{
    char path[600], err[256];
    struct queue_batch b;
    struct queue_status st;
    long long count = 0, deleted = -1, one = 1;
    int was = -1;
    struct queue *q;

    fresh(path, sizeof path, "cycle");
    q = open_q(path, 0);
    ASSERT(q);
    ASSERT_INT_EQ(0, queue_status(q, &st, err, sizeof err));
    ASSERT_INT_EQ(0, st.pending);
    ASSERT_INT_EQ(-1, st.oldest_pending_age_s);
    ASSERT_STR_EQ("", st.last_export_utc);
    ASSERT_INT_EQ(0, submit_n(q, 3));
    ASSERT_INT_EQ(0, queue_status(q, &st, err, sizeof err));
    ASSERT_INT_EQ(3, st.pending);
    ASSERT(st.oldest_pending_age_s >= 0 && st.oldest_pending_age_s < 60);
    ASSERT(st.db_bytes > 0);

    /* pending -> exported as batch 1 */
    ASSERT_INT_EQ(0, queue_export_begin(q, 0, &b, err, sizeof err));
    ASSERT_INT_EQ(1, b.id);
    ASSERT_INT_EQ(3, b.count);
    ASSERT_INT_EQ(1, b.is_new);
    ASSERT_INT_EQ(3, drain(q, 1));
    ASSERT_INT_EQ(0, queue_export_finish(q, err, sizeof err));
    ASSERT_INT_EQ(3, rows(q, "exported"));
    ASSERT_INT_EQ(0, queue_list(q, "exported", batch_of, &one, err, sizeof err));
    ASSERT_INT_EQ(0, queue_status(q, &st, err, sizeof err));
    ASSERT_INT_EQ(0, st.pending);
    ASSERT_INT_EQ(1, st.unacked_batches);
    ASSERT_INT_EQ(QUEUE_TIME_LEN, strlen(st.last_export_utc));

    /* nothing pending: no batch */
    ASSERT_INT_EQ(0, queue_export_begin(q, 0, &b, err, sizeof err));
    ASSERT_INT_EQ(0, b.id);
    ASSERT_INT_EQ(0, drain(q, 0));
    ASSERT_INT_EQ(0, queue_export_finish(q, err, sizeof err));

    /* batch 1 again, while a new request waits: nothing changes */
    ASSERT_INT_EQ(0, submit_n(q, 1));
    ASSERT_INT_EQ(0, queue_export_begin(q, 1, &b, err, sizeof err));
    ASSERT_INT_EQ(0, b.is_new);
    ASSERT_INT_EQ(3, b.count);
    ASSERT_INT_EQ(3, drain(q, 1));
    ASSERT_INT_EQ(0, queue_export_finish(q, err, sizeof err));
    ASSERT_INT_EQ(1, rows(q, "pending"));
    ASSERT_INT_EQ(-1, queue_export_begin(q, 7, &b, err, sizeof err));
    ASSERT_STR_EQ("no batch 7", err);

    /* exported -> acknowledged, idempotently */
    ASSERT_INT_EQ(0, queue_ack(q, 1, &was, &count, err, sizeof err));
    ASSERT_INT_EQ(0, was);
    ASSERT_INT_EQ(3, count);
    ASSERT_INT_EQ(0, queue_ack(q, 1, &was, &count, err, sizeof err));
    ASSERT_INT_EQ(1, was);
    ASSERT_INT_EQ(3, rows(q, "acknowledged"));
    ASSERT_INT_EQ(-1, queue_ack(q, 9, NULL, NULL, err, sizeof err));
    ASSERT_STR_EQ("no batch 9", err);
    ASSERT_INT_EQ(0, queue_status(q, &st, err, sizeof err));
    ASSERT_INT_EQ(0, st.unacked_batches);
    ASSERT_INT_EQ(QUEUE_TIME_LEN, strlen(st.last_ack_utc));

    /* batch 2 exported, not acknowledged; the acknowledged ones are a year old */
    ASSERT_INT_EQ(0, queue_export_begin(q, 0, &b, err, sizeof err));
    ASSERT_INT_EQ(2, b.id);
    ASSERT_INT_EQ(1, drain(q, 2));
    ASSERT_INT_EQ(0, queue_export_finish(q, err, sizeof err));
    ASSERT_INT_EQ(0, submit_n(q, 2));
    ASSERT_INT_EQ(0, sql_exec(path, "UPDATE batches SET acknowledged_utc = '2025-01-01T00:00:00Z' WHERE id = 1"));

    ASSERT_INT_EQ(-1, queue_purge(q, -1, &deleted, err, sizeof err));
    ASSERT_INT_EQ(0, queue_purge(q, 3650, &deleted, err, sizeof err));
    ASSERT_INT_EQ(0, deleted);
    ASSERT_INT_EQ(0, queue_purge(q, 30, &deleted, err, sizeof err));
    ASSERT_INT_EQ(3, deleted);
    ASSERT_INT_EQ(0, queue_purge(q, 0, &deleted, err, sizeof err));
    ASSERT_INT_EQ(0, deleted);                      /* pending and exported are never purged */
    ASSERT_INT_EQ(2, rows(q, "pending"));
    ASSERT_INT_EQ(1, rows(q, "exported"));
    ASSERT_INT_EQ(0, rows(q, "acknowledged"));
    ASSERT_INT_EQ(0, queue_export_begin(q, 1, &b, err, sizeof err));   /* a purged batch is empty */
    ASSERT_INT_EQ(0, b.count);
    queue_export_cancel(q);
    queue_close(q);
}

/* 1 when the file at path holds the bytes of s anywhere. */
static int file_contains(const char *path, const char *s)
{
    FILE *f = fopen(path, "rb");
    size_t n = strlen(s), have = 0;
    char *buf = NULL;
    int found = 0;

    if (!f)
        return 0;
    for (size_t got = 1; got > 0; have += got) {
        char *grown = realloc(buf, have + 65536);
        if (!grown)
            break;
        buf = grown;
        got = fread(buf + have, 1, 65536, f);
    }
    fclose(f);
    for (size_t i = 0; i + n <= have && !found; i++)
        found = memcmp(buf + i, s, n) == 0;
    free(buf);
    return found;
}

TEST(purge_leaves_no_trace_in_the_file)
{
    struct queue_request r = sample("Zebulon Canary-Purge");
    char path[600], wal[620], err[256];
    struct queue_receipt k;
    struct queue_batch b;
    long long deleted = 0;
    struct queue *q;

    fresh(path, sizeof path, "wipe");
    q = open_q(path, 0);
    ASSERT(q);
    ASSERT_INT_EQ(0, submit_n(q, 20));
    ASSERT_INT_EQ(0, queue_submit(q, &r, &k, err, sizeof err));
    ASSERT_INT_EQ(0, queue_export_begin(q, 0, &b, err, sizeof err));
    ASSERT_INT_EQ(21, drain(q, 1));
    ASSERT_INT_EQ(0, queue_export_finish(q, err, sizeof err));
    ASSERT_INT_EQ(0, queue_ack(q, 1, NULL, NULL, err, sizeof err));
    ASSERT_INT_EQ(0, queue_purge(q, 0, &deleted, err, sizeof err));
    ASSERT_INT_EQ(21, deleted);
    queue_close(q);
    snprintf(wal, sizeof wal, "%s-wal", path);
    ASSERT(!file_contains(path, "Canary-Purge"));
    ASSERT(!file_contains(wal, "Canary-Purge"));
}

static long long pending_figure(struct queue *q)
{
    struct queue_status st;
    char err[256];

    if (queue_status(q, &st, err, sizeof err) != 0) {
        fprintf(stderr, "  status: %s\n", err);
        return -1;
    }
    return st.pending;
}

/* The number pending is kept as the queue goes (status must not count a million rows), and stays
 * right whoever writes: the kiosk, an export, a purge, or someone with the sqlite3 shell. */
TEST(pending_figure_stays_right_whoever_writes)
{
    static const char by_hand[] =
        "INSERT INTO requests (uuid, ref, created_utc, kiosk_id, treatment_id, name, phone, email,"
        " contact_time, screening, consent_contact, consent_share_answers) VALUES"
        " ('6f1c2d3e-0000-4000-8000-0000000000aa', 'FT-HAND', '2026-01-01T09:00:00Z', 'k1', 'calf-slimming',"
        " 'Test Person', '07700 900001', '', 'any', 'clear', 1, 0)";
    char path[600], err[256];
    struct queue_batch b;
    long long deleted;
    struct queue *q, *kiosk;

    fresh(path, sizeof path, "figures");
    q = open_q(path, 0);
    ASSERT(q);
    ASSERT_INT_EQ(0, pending_figure(q));
    ASSERT_INT_EQ(0, submit_n(q, 3));
    ASSERT_INT_EQ(3, pending_figure(q));
    ASSERT_INT_EQ(0, sql_exec(path, by_hand));
    ASSERT_INT_EQ(4, pending_figure(q));
    ASSERT_INT_EQ(0, queue_export_begin(q, 0, &b, err, sizeof err));
    kiosk = open_q(path, 0);
    ASSERT(kiosk);
    ASSERT_INT_EQ(0, submit_n(kiosk, 2));           /* after the export's snapshot: stay pending */
    queue_close(kiosk);
    ASSERT_INT_EQ(4, drain(q, 1));
    ASSERT_INT_EQ(0, queue_export_finish(q, err, sizeof err));
    ASSERT_INT_EQ(2, pending_figure(q));
    ASSERT_INT_EQ(0, sql_exec(path, "DELETE FROM submissions WHERE id = (SELECT max(id) FROM submissions)"));
    ASSERT_INT_EQ(1, pending_figure(q));
    ASSERT_INT_EQ(0, queue_ack(q, 1, NULL, NULL, err, sizeof err));
    ASSERT_INT_EQ(0, queue_purge(q, 0, &deleted, err, sizeof err));
    ASSERT_INT_EQ(4, deleted);
    ASSERT_INT_EQ(1, pending_figure(q));
    ASSERT_INT_EQ(1, rows(q, "pending"));
    queue_close(q);
}

/* The export takes its count from the kept figure, not by reading every pending row: a figure
 * made wrong by hand neither hides pending requests nor goes into the batch, which records the
 * rows read. */
TEST(export_records_the_rows_read_whatever_the_figure_says)
{
    char path[600], err[256];
    struct queue_batch b;
    struct queue *q;

    fresh(path, sizeof path, "figure-wrong");
    q = open_q(path, 0);
    ASSERT(q);
    ASSERT_INT_EQ(0, submit_n(q, 3));
    ASSERT_INT_EQ(0, sql_exec(path, "UPDATE queue_figures SET pending = 0"));
    ASSERT_INT_EQ(0, queue_export_begin(q, 0, &b, err, sizeof err));
    ASSERT_INT_EQ(1, b.id);                         /* three are pending, whatever the figure says */
    ASSERT_INT_EQ(3, drain(q, 1));
    ASSERT_INT_EQ(0, queue_export_finish(q, err, sizeof err));
    ASSERT_INT_EQ(3, sql_int(path, "SELECT count FROM batches WHERE id = 1"));
    ASSERT_INT_EQ(3, rows(q, "exported"));

    ASSERT_INT_EQ(0, submit_n(q, 2));
    ASSERT_INT_EQ(0, sql_exec(path, "UPDATE queue_figures SET pending = 50"));
    ASSERT_INT_EQ(0, queue_export_begin(q, 0, &b, err, sizeof err));
    ASSERT_INT_EQ(2, b.id);
    ASSERT_INT_EQ(50, b.count);                     /* the figure, until the rows are read */
    ASSERT_INT_EQ(2, drain(q, 2));
    ASSERT_INT_EQ(0, queue_export_finish(q, err, sizeof err));
    ASSERT_INT_EQ(2, sql_int(path, "SELECT count FROM batches WHERE id = 2"));
    ASSERT_INT_EQ(0, rows(q, "pending"));
    ASSERT_INT_EQ(0, queue_export_begin(q, 0, &b, err, sizeof err));
    ASSERT_INT_EQ(0, b.id);                         /* nothing pending, though the figure says 48 */
    ASSERT_INT_EQ(0, drain(q, 0));
    ASSERT_INT_EQ(0, queue_export_finish(q, err, sizeof err));
    ASSERT_INT_EQ(2, sql_int(path, "SELECT count(*) FROM batches"));
    queue_close(q);
}

/* A version-3 file (the current one without versions 4 and 5: deliveries, the kept figures) comes
 * up through both: every request waits for delivery, and the pending figure is counted afresh. */
TEST(migration_from_v3_through_deliveries_and_figures)
{
    static const char to_v3[] =
        "DROP TRIGGER submissions_delivery; DROP TRIGGER submissions_delivery_gone; DROP TABLE deliveries;"
        "DROP TRIGGER figures_submit; DROP TRIGGER figures_delete; DROP TRIGGER figures_batch;"
        "DROP TABLE queue_figures; PRAGMA user_version = 3;";
    char path[600], err[256];
    struct queue_batch b;
    struct queue_status st;
    struct queue *q;

    fresh(path, sizeof path, "v3-up");
    q = open_q(path, 0);
    ASSERT(q);
    queue_close(q);
    ASSERT_INT_EQ(0, sql_exec(path, to_v3));
    ASSERT_INT_EQ(3, sql_int(path, "PRAGMA user_version"));
    ASSERT_INT_EQ(0, add_requests(path, 1, 5));     /* as version 3 took them: through the view */
    ASSERT_INT_EQ(0, sql_exec(path, "INSERT INTO batches VALUES (1, 1, 3, 3, '2026-01-02T10:00:00Z', NULL)"));
    q = open_q(path, 0);
    ASSERT(q);
    ASSERT_INT_EQ(QUEUE_SCHEMA_VERSION, sql_int(path, "PRAGMA user_version"));
    ASSERT_INT_EQ(5, sql_int(path, "SELECT count(*) FROM deliveries"));
    ASSERT_INT_EQ(0, queue_status(q, &st, err, sizeof err));
    ASSERT_INT_EQ(2, st.pending);
    ASSERT_INT_EQ(1, st.unacked_batches);
    ASSERT_INT_EQ(0, submit_n(q, 1));
    ASSERT_INT_EQ(0, queue_export_begin(q, 0, &b, err, sizeof err));
    ASSERT_INT_EQ(3, b.count);
    ASSERT_INT_EQ(3, drain(q, 2));
    ASSERT_INT_EQ(0, queue_export_finish(q, err, sizeof err));
    ASSERT_INT_EQ(0, queue_status(q, &st, err, sizeof err));
    ASSERT_INT_EQ(0, st.pending);
    ASSERT_INT_EQ(6, sql_int(path, "SELECT count(*) FROM deliveries"));
    queue_close(q);
    ASSERT_INT_EQ(1, sql_int(path, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"));
}

TEST(writable_check_meets_a_failing_disk)
{
    char path[600], err[512];
    struct queue *q;

    fresh(path, sizeof path, "writable");
    q = open_q(path, 1);
    ASSERT(q);
    ASSERT_INT_EQ(0, queue_check_writable(q, err, sizeof err));
    queue_fault_set(q, QUEUE_FAULT_FULL);
    ASSERT_INT_EQ(-1, queue_check_writable(q, err, sizeof err));
    ASSERT_CONTAINS(err, "cannot write '");
    ASSERT_CONTAINS(err, "database or disk is full");
    queue_fault_set(q, QUEUE_FAULT_SYNC);
    ASSERT_INT_EQ(-1, queue_check_writable(q, err, sizeof err));
    ASSERT_CONTAINS(err, "disk I/O error");
    queue_fault_set(q, QUEUE_FAULT_NONE);
    ASSERT_INT_EQ(0, queue_check_writable(q, err, sizeof err));
    queue_close(q);
}

/* Leaves at path what a kiosk killed while a reader held the -wal would: n requests committed one
 * by one, none of them moved into the file yet (a child submits them and dies without closing). */
static int wal_with_commits(const char *path, int n)
{
    int status = -1;
    pid_t pid = fork();

    if (pid == 0) {
        struct queue *q = open_q(path, 0);
        if (!q || submit_n(q, n) != 0)
            _exit(1);
        _exit(0);       /* no queue_settle(), no close: the -wal keeps every commit */
    }
    return pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* The commit frames of the -wal at path, in order (at most max). */
struct commits { long long frame[64]; int n; };

static int note_commit(void *ctx, const struct wal_frame *f)
{
    struct commits *c = ctx;

    if (f->commit && f->ours && c->n < 64)
        c->frame[c->n++] = f->index;
    return 0;
}

/* Writes len bytes of noise at off in the file at path. */
static int scribble(const char *path, long long off, size_t len)
{
    unsigned char noise[512];
    FILE *f = fopen(path, "r+b");
    int rc;

    for (size_t i = 0; i < sizeof noise; i++)
        noise[i] = (unsigned char)(i * 97 + 13);
    rc = f && len <= sizeof noise && fseek(f, (long)off, SEEK_SET) == 0 && fwrite(noise, 1, len, f) == len ? 0 : -1;
    if (f && fclose(f) != 0)
        rc = -1;
    return rc;
}

/* Finds the copy kept of name's database ("" when none); returns how many there are. */
static int find_copies(const char *name, char *db, size_t len)
{
    char prefix[128];
    DIR *d = opendir(test_dir);
    struct dirent *e;
    int found = 0;

    snprintf(prefix, sizeof prefix, "%s.db.damaged-", name);
    db[0] = '\0';
    while (d && (e = readdir(d)))
        if (strncmp(e->d_name, prefix, strlen(prefix)) == 0 && !strstr(e->d_name, "-wal") && !strstr(e->d_name, "-shm")) {
            snprintf(db, len, "%s/%s", test_dir, e->d_name);
            found++;
        }
    if (d)
        closedir(d);
    return found;
}

static int same_files(const char *a, const char *b)
{
    char cmd[1500];

    snprintf(cmd, sizeof cmd, "cmp -s '%s' '%s'", a, b);
    return system(cmd) == 0;
}

/* Random bytes in the -wal of a kiosk that stopped uncleanly, in a transaction that others
 * followed: before SQLite opens the database (and drops those transactions), copies of the file
 * and the -wal are kept aside, unchanged, and staff are warned as for a damaged database. */
TEST(damaged_wal_is_kept_aside_and_staff_warned)
{
    char path[600], wal[620], before[640], before_wal[660], copy[700], copy_wal[720], err[512];
    struct commits c = { .n = 0 };
    struct wal_verdict v;
    struct queue_status st;
    struct queue *q;

    fresh(path, sizeof path, "waldamage");
    snprintf(wal, sizeof wal, "%s-wal", path);
    ASSERT_INT_EQ(0, wal_with_commits(path, 8));
    ASSERT_INT_EQ(0, wal_log_read(wal, &v, note_commit, &c, err, sizeof err));
    ASSERT(c.n >= 8);
    ASSERT_INT_EQ(0, v.damaged);
    /* noise in the page of the first frame of the fourth request from the end */
    ASSERT_INT_EQ(0, scribble(wal, 32 + c.frame[c.n - 5] * (24 + 4096) + 24 + 1000, 200));
    ASSERT_INT_EQ(0, wal_log_read(wal, &v, NULL, NULL, err, sizeof err));
    ASSERT_INT_EQ(1, v.damaged);
    ASSERT_INT_EQ(4, v.dropped_commits);
    snprintf(before, sizeof before, "%s.before", path);
    snprintf(before_wal, sizeof before_wal, "%s.before-wal", path);
    ASSERT_INT_EQ(0, copy_file(path, before));
    ASSERT_INT_EQ(0, copy_file(wal, before_wal));

    q = open_q(path, 0);
    ASSERT(q);
    ASSERT_INT_EQ(1, find_copies("waldamage", copy, sizeof copy));
    snprintf(copy_wal, sizeof copy_wal, "%s-wal", copy);
    ASSERT(same_files(before, copy));
    ASSERT(same_files(before_wal, copy_wal));
    ASSERT_INT_EQ(0, queue_status(q, &st, err, sizeof err));
    ASSERT_STR_EQ(copy, st.damaged_moved_to);
    ASSERT_INT_EQ(1, st.damaged_wal);
    ASSERT_CONTAINS(st.damaged_why, "would drop 4 committed transactions");
    ASSERT_INT_EQ(4, st.pending);                   /* what SQLite kept; the copies hold the rest */
    queue_close(q);
    q = open_q(path, 0);                            /* only once: the -wal is sound now */
    ASSERT(q);
    ASSERT_INT_EQ(1, find_copies("waldamage", copy, sizeof copy));
    queue_close(q);
}

/* Noise over the -wal's header makes SQLite drop every frame: with committed requests in it, that
 * is damage too. Frames from an earlier round of the log (other salts) after the last commit are
 * not: SQLite ignores them, and always has. */
TEST(wal_header_damage_and_stale_frames)
{
    char path[600], wal[620], err[512];
    struct commits c = { .n = 0 };
    struct wal_verdict v;
    unsigned char frame[24 + 4096];
    FILE *f;

    fresh(path, sizeof path, "walheader");
    snprintf(wal, sizeof wal, "%s-wal", path);
    ASSERT_INT_EQ(0, wal_with_commits(path, 4));
    ASSERT_INT_EQ(0, wal_log_read(wal, &v, note_commit, &c, err, sizeof err));
    ASSERT_INT_EQ(0, v.damaged);
    /* a frame of another round (its salts changed) appended after the last commit */
    f = fopen(wal, "r+b");
    ASSERT(f);
    ASSERT_INT_EQ(0, fseek(f, 32, SEEK_SET));
    ASSERT_INT_EQ(sizeof frame, fread(frame, 1, sizeof frame, f));
    frame[8] ^= 0x5a;
    ASSERT_INT_EQ(0, fseek(f, 0, SEEK_END));
    ASSERT_INT_EQ(sizeof frame, fwrite(frame, 1, sizeof frame, f));
    fclose(f);
    ASSERT_INT_EQ(0, wal_log_read(wal, &v, NULL, NULL, err, sizeof err));
    ASSERT_INT_EQ(0, v.damaged);
    ASSERT_INT_EQ(c.frame[c.n - 1], v.kept);
    /* the header's checksum spoilt */
    ASSERT_INT_EQ(0, scribble(wal, 24, 8));
    ASSERT_INT_EQ(0, wal_log_read(wal, &v, NULL, NULL, err, sizeof err));
    ASSERT_INT_EQ(0, v.kept);
    ASSERT_INT_EQ(1, v.damaged);
    ASSERT_INT_EQ(c.n, v.dropped_commits);
}

/* A last write cut short (the transaction in flight, never confirmed) and a sound -wal are what
 * SQLite meets after any crash: no copies, no warning. */
TEST(torn_last_write_in_the_wal_is_no_damage)
{
    char path[600], wal[620], copy[700], err[512];
    struct commits c = { .n = 0 };
    struct wal_verdict v;
    struct queue_status st;
    struct queue *q;

    for (int torn = 0; torn < 2; torn++) {
        fresh(path, sizeof path, torn ? "waltorn" : "walsound");
        snprintf(wal, sizeof wal, "%s-wal", path);
        c.n = 0;
        ASSERT_INT_EQ(0, wal_with_commits(path, 5));
        ASSERT_INT_EQ(0, wal_log_read(wal, &v, note_commit, &c, err, sizeof err));
        if (torn) {     /* noise in the last transaction, and the file cut in its last frame */
            ASSERT_INT_EQ(0, scribble(wal, 32 + c.frame[c.n - 2] * (24 + 4096) + 24 + 100, 300));
            ASSERT_INT_EQ(0, truncate(wal, 32 + (c.frame[c.n - 1] - 1) * (24 + 4096) + 2000));
        }
        ASSERT_INT_EQ(0, wal_log_read(wal, &v, NULL, NULL, err, sizeof err));
        ASSERT_INT_EQ(0, v.damaged);
        q = open_q(path, 0);
        ASSERT(q);
        ASSERT_INT_EQ(0, find_copies(torn ? "waltorn" : "walsound", copy, sizeof copy));
        ASSERT_INT_EQ(0, queue_status(q, &st, err, sizeof err));
        ASSERT_STR_EQ("", st.damaged_moved_to);
        ASSERT_INT_EQ(torn ? 4 : 5, st.pending);
        queue_close(q);
    }
}

/* A queue of 400 requests at path: batch 1 (150, acknowledged), batch 2 (150, exported), 100
 * pending, with nothing left in its -wal. */
static int add_requests(const char *path, int from, int n)
{
    char sql[1024];

    snprintf(sql, sizeof sql,
             "WITH RECURSIVE k(i) AS (SELECT %d UNION ALL SELECT i + 1 FROM k WHERE i < %d)"
             " INSERT INTO requests (uuid, ref, created_utc, kiosk_id, treatment_id, name, phone, email,"
             "  contact_time, screening, answers, consent_contact, consent_share_answers, notice_version)"
             " SELECT printf('6f1c2d3e-0000-4000-8000-%%012d', i), printf('TS-%%04d', i), '2026-01-01T09:00:00Z',"
             "  'reception-1', 'calf-slimming', 'Test Person ' || i, '07700 900118', 'test.client@example.org',"
             "  'afternoon', 'discuss', '{\"q1\":\"no\",\"q2\":\"yes\"}', 1, 1, '0123456789abcdef' FROM k",
             from, from + n - 1);
    return sql_exec(path, sql);
}

static int three_states(const char *path)
{
    struct queue_batch b;
    char err[256];
    struct queue *q = open_q(path, 0);
    int rc = q ? 0 : -1;

    if (rc == 0)
        rc = add_requests(path, 1, 150) || queue_export_begin(q, 0, &b, err, sizeof err) || drain(q, 1) != 150 ||
             queue_export_finish(q, err, sizeof err) || queue_ack(q, 1, NULL, NULL, err, sizeof err) ||
             add_requests(path, 151, 150) || queue_export_begin(q, 0, &b, err, sizeof err) || drain(q, 2) != 150 ||
             queue_export_finish(q, err, sizeof err) || add_requests(path, 301, 100) ? -1 : 0;
    queue_close(q);
    return rc;
}

/* How many requests the leaves of the requests' table hold, on pages up to max_page (0: all). */
static long long rows_on_leaves(const char *path, long long max_page)
{
    char sql[256];

    snprintf(sql, sizeof sql, "SELECT coalesce(sum(ncell), 0) FROM dbstat WHERE name = 'submissions' AND"
             " pagetype = 'leaf' AND (%lld = 0 OR pageno <= %lld)", max_page, max_page);
    return sql_int(path, sql);
}

/* Recovers from into a fresh queue called name; fills *r and the states of what went in. */
static int recover_fresh(const char *from, const char *name, struct queue_recovery *r, struct listing_counts *c)
{
    char path[600], err[512];
    struct queue *q;
    int rc;

    fresh(path, sizeof path, name);
    q = open_q(path, 0);
    if (!q)
        return -1;
    rc = queue_recover(q, from, r, err, sizeof err);
    if (rc != 0)
        fprintf(stderr, "  recover: %s\n", err);
    c->pending = rows(q, "pending");
    c->exported = rows(q, "exported");
    c->acknowledged = rows(q, "acknowledged");
    queue_close(q);
    c->batch2 = sql_int(path, "SELECT count(*) FROM requests WHERE batch_id = 2");
    return rc;
}

/* A damaged file keeps what can be read: the pages are read one by one, whatever led to them. */
TEST(recovery_copies_every_readable_request)
{
    char path[600], copy[640], err[512];
    long long leaves[1024], internal[16], batches[4], cut_at, on_leaf, before_cut;
    struct queue_recovery r;
    struct listing_counts c;
    struct queue_status st;
    struct queue *q;
    int n;

    fresh(path, sizeof path, "salvage");
    ASSERT_INT_EQ(0, three_states(path));
    n = pages_of(path, "submissions", "leaf", leaves, 1024);
    ASSERT(n > 10);
    ASSERT_INT_EQ(1, pages_of(path, "submissions", "internal", internal, 16));
    ASSERT_INT_EQ(1, pages_of(path, "batches", "leaf", batches, 4));
    ASSERT_INT_EQ(400, rows_on_leaves(path, 0));

    /* Sound: everything, each in its state. */
    ASSERT_INT_EQ(0, recover_fresh(path, "salvage-sound", &r, &c));
    ASSERT_INT_EQ(400, r.found);
    ASSERT_INT_EQ(400, r.copied);
    ASSERT_INT_EQ(2, r.batches);
    ASSERT_INT_EQ(100, c.pending);
    ASSERT_INT_EQ(150, c.exported);
    ASSERT_INT_EQ(150, c.acknowledged);
    ASSERT_INT_EQ(150, c.batch2);

    /* The schema's page spoilt: SQLite cannot open it at all; every request is still there. */
    snprintf(copy, sizeof copy, "%s.schema", path);
    ASSERT_INT_EQ(0, copy_file(path, copy));
    ASSERT_INT_EQ(0, spoil_page(copy, 1));
    ASSERT_INT_EQ(0, recover_fresh(copy, "salvage-schema", &r, &c));
    ASSERT_INT_EQ(400, r.found);
    ASSERT_INT_EQ(400, r.copied);
    ASSERT_INT_EQ(100, c.pending);
    ASSERT_INT_EQ(150, c.batch2);

    /* The page that leads to every leaf spoilt: SQLite finds none of them; salvage all. */
    snprintf(copy, sizeof copy, "%s.interior", path);
    ASSERT_INT_EQ(0, copy_file(path, copy));
    ASSERT_INT_EQ(0, spoil_page(copy, internal[0]));
    ASSERT_INT_EQ(0, recover_fresh(copy, "salvage-interior", &r, &c));
    ASSERT_INT_EQ(400, r.found);
    ASSERT_INT_EQ(400, r.copied);
    ASSERT_INT_EQ(150, c.acknowledged);

    /* A leaf spoilt: the requests on it are lost, and no others. */
    on_leaf = sql_int(path, "SELECT ncell FROM dbstat WHERE name = 'submissions' AND pagetype = 'leaf'"
                            " ORDER BY pageno LIMIT 1 OFFSET 3");
    ASSERT(on_leaf > 0);
    snprintf(copy, sizeof copy, "%s.leaf", path);
    ASSERT_INT_EQ(0, copy_file(path, copy));
    ASSERT_INT_EQ(0, spoil_page(copy, leaves[3]));
    ASSERT_INT_EQ(0, recover_fresh(copy, "salvage-leaf", &r, &c));
    ASSERT_INT_EQ(400 - on_leaf, r.found);
    ASSERT_INT_EQ(400 - on_leaf, r.copied);
    ASSERT_INT_EQ(100, c.pending);                  /* the fourth leaf holds acknowledged ones */

    /* The batches spoilt: whether a request was exported is unknown, so all go in pending (sent
     * again rather than lost); none is made up. */
    snprintf(copy, sizeof copy, "%s.batches", path);
    ASSERT_INT_EQ(0, copy_file(path, copy));
    ASSERT_INT_EQ(0, spoil_page(copy, batches[0]));
    ASSERT_INT_EQ(0, recover_fresh(copy, "salvage-batches", &r, &c));
    ASSERT_INT_EQ(400, r.found);
    ASSERT_INT_EQ(400, c.pending);
    ASSERT_INT_EQ(0, r.batches);

    /* Cut short: what was on the pages that remain. */
    cut_at = leaves[n / 2];
    before_cut = rows_on_leaves(path, cut_at);
    snprintf(copy, sizeof copy, "%s.cut", path);
    ASSERT_INT_EQ(0, copy_file(path, copy));
    ASSERT_INT_EQ(0, truncate(copy, (off_t)cut_at * 4096));
    ASSERT_INT_EQ(0, recover_fresh(copy, "salvage-cut", &r, &c));
    ASSERT_INT_EQ(before_cut, r.found);
    ASSERT_INT_EQ(before_cut, r.copied);

    /* Twice into the same queue: the second time, nothing (the UUIDs decide). */
    fresh(copy, sizeof copy, "salvage-twice");
    q = open_q(copy, 0);
    ASSERT(q);
    ASSERT_INT_EQ(0, queue_recover(q, path, &r, err, sizeof err));
    ASSERT_INT_EQ(400, r.copied);
    ASSERT_INT_EQ(0, queue_recover(q, path, &r, err, sizeof err));
    ASSERT_INT_EQ(400, r.found);
    ASSERT_INT_EQ(0, r.copied);
    ASSERT_INT_EQ(400, r.skipped);
    ASSERT_INT_EQ(400, r.already);
    ASSERT_INT_EQ(400, rows(q, NULL));
    ASSERT_INT_EQ(-1, queue_recover(q, copy, &r, err, sizeof err));
    ASSERT_CONTAINS(err, "it is the queue itself");
    queue_close(q);

    /* Into a queue that has requests of its own: none of its batches can be followed, so the
     * exported ones go in pending, the acknowledged ones stay out. */
    fresh(copy, sizeof copy, "salvage-busy");
    q = open_q(copy, 0);
    ASSERT(q);
    ASSERT_INT_EQ(0, submit_n(q, 2));
    ASSERT_INT_EQ(0, queue_recover(q, path, &r, err, sizeof err));
    ASSERT_INT_EQ(250, r.copied);
    ASSERT_INT_EQ(150, r.reexport);
    ASSERT_INT_EQ(150, r.acknowledged);
    ASSERT_INT_EQ(252, rows(q, "pending"));
    ASSERT_INT_EQ(0, queue_status(q, &st, err, sizeof err));
    ASSERT_INT_EQ(252, st.pending);
    queue_close(q);
}

/* When the kiosk moves a file it cannot open aside, it copies back what can be read at once. */
TEST(moving_aside_copies_back_what_can_be_read)
{
    char path[600], err[512];
    struct queue_status st;
    struct queue *q;

    fresh(path, sizeof path, "aside-copy");
    ASSERT_INT_EQ(0, three_states(path));
    ASSERT_INT_EQ(0, spoil_page(path, 1));
    q = open_q(path, 0);
    ASSERT(q);
    ASSERT_INT_EQ(0, queue_status(q, &st, err, sizeof err));
    ASSERT(st.damaged_moved_to[0]);
    ASSERT_STR_EQ("400 requests found in it, 400 copied back (100 pending), 0 skipped", st.damaged_recovered);
    ASSERT_INT_EQ(100, st.pending);
    ASSERT_INT_EQ(1, st.unacked_batches);
    ASSERT_INT_EQ(2, st.newest_unacked_batch);
    ASSERT_INT_EQ(150, rows(q, "acknowledged"));
    ASSERT_INT_EQ(150, rows(q, "exported"));
    queue_close(q);
    q = open_q(path, 0);                            /* done once: not again at the next start */
    ASSERT(q);
    ASSERT_INT_EQ(400, rows(q, NULL));
    queue_close(q);
}

/* A child process that reads the database at path in one transaction (as an export does) for
 * hold_ms; returns its pid once its read snapshot is taken, or -1. */
static pid_t start_reader(const char *path, int hold_ms)
{
    int fds[2];
    pid_t pid;
    char c;

    if (pipe(fds) != 0)
        return -1;
    pid = fork();
    if (pid == 0) {
        sqlite3 *db = NULL;
        close(fds[0]);
        if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
            sqlite3_exec(db, "BEGIN; SELECT count(*) FROM requests", NULL, NULL, NULL) != SQLITE_OK ||
            write(fds[1], "x", 1) != 1)
            _exit(1);
        usleep((useconds_t)hold_ms * 1000);
        sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
        sqlite3_close(db);
        _exit(0);
    }
    close(fds[1]);
    if (pid > 0 && read(fds[0], &c, 1) != 1)
        pid = -1;
    close(fds[0]);
    return pid;
}

/* 20 requests and one with the canary name, exported and acknowledged: all may be purged. */
static struct queue *acked_with_canary(const char *path, const struct queue_options *o)
{
    struct queue_request r = sample("Zebulon Canary-Reader");
    struct queue_receipt k;
    struct queue_batch b;
    char err[256];
    struct queue *q = queue_open(path, o, err, sizeof err);

    if (!q || submit_n(q, 20) != 0 || queue_submit(q, &r, &k, err, sizeof err) != 0 ||
        queue_export_begin(q, 0, &b, err, sizeof err) != 0 || drain(q, 1) != 21 ||
        queue_export_finish(q, err, sizeof err) != 0 || queue_ack(q, 1, NULL, NULL, err, sizeof err) != 0) {
        fprintf(stderr, "  acked_with_canary: %s\n", q ? err : "cannot open");
        queue_close(q);
        return NULL;
    }
    return q;
}

/* A purge while an export reads waits for it (holding no lock), then says it is done only once the
 * names are gone from the file and the -wal. */
TEST(purge_waits_for_a_reader_then_leaves_no_trace)
{
    struct queue_options o = { .create = 1, .purge_wait_ms = 5000 };
    char path[600], wal[620], err[512] = "";
    long long deleted = 0;
    struct queue *q;
    int status = -1;
    double t0;
    pid_t reader;

    fresh(path, sizeof path, "purge-reader");
    snprintf(wal, sizeof wal, "%s-wal", path);
    q = acked_with_canary(path, &o);
    ASSERT(q);
    reader = start_reader(path, 800);
    ASSERT(reader > 0);
    t0 = now_ms();
    ASSERT_INT_EQ(0, queue_purge(q, 0, &deleted, err, sizeof err));
    ASSERT_INT_EQ(21, deleted);
    ASSERT(now_ms() - t0 >= 500);                   /* it waited for the reader */
    ASSERT(!file_contains(path, "Canary-Reader"));
    ASSERT(!file_contains(wal, "Canary-Reader"));
    waitpid(reader, &status, 0);
    ASSERT_INT_EQ(0, status);
    queue_close(q);
}

/* A reader that stays longer than the purge waits: the purge says plainly that old copies remain
 * and where, and a later purge removes them. */
TEST(purge_says_what_remains_while_a_reader_stays)
{
    struct queue_options o = { .create = 1, .purge_wait_ms = 300 };
    char path[600], wal[620], err[512] = "";
    long long deleted = 0;
    struct queue *q;
    int status = -1, rc;
    pid_t reader;

    fresh(path, sizeof path, "purge-stays");
    snprintf(wal, sizeof wal, "%s-wal", path);
    q = acked_with_canary(path, &o);
    ASSERT(q);
    reader = start_reader(path, 1200);             /* longer than this purge waits */
    ASSERT(reader > 0);
    rc = queue_purge(q, 0, &deleted, err, sizeof err);
    ASSERT(file_contains(path, "Canary-Reader") || file_contains(wal, "Canary-Reader"));
    ASSERT_INT_EQ(1, rc);                           /* so it must not say it is done */
    ASSERT_INT_EQ(21, deleted);
    ASSERT_CONTAINS(err, "old copies of them stay in");
    ASSERT_CONTAINS(err, "-wal");
    ASSERT_CONTAINS(err, "run the purge again");
    ASSERT(file_contains(path, "Canary-Reader") || file_contains(wal, "Canary-Reader"));
    waitpid(reader, &status, 0);
    ASSERT_INT_EQ(0, status);
    ASSERT_INT_EQ(0, queue_purge(q, 0, &deleted, err, sizeof err));
    ASSERT_INT_EQ(0, deleted);
    ASSERT(!file_contains(path, "Canary-Reader"));
    ASSERT(!file_contains(wal, "Canary-Reader"));
    queue_close(q);
}

/* Copies the file at from to to (nothing else: not its -wal). Returns 0, or -1. */
static int copy_file(const char *from, const char *to)
{
    char buf[65536];
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    size_t n;
    int rc = in && out ? 0 : -1;

    while (rc == 0 && (n = fread(buf, 1, sizeof buf, in)) > 0)
        rc = fwrite(buf, 1, n, out) == n ? 0 : -1;
    if (in)
        fclose(in);
    if (out && fclose(out) != 0)
        rc = -1;
    return rc;
}

/* The single integer SQL returns from the database file at path alone, as if its -wal were lost. */
static long long file_alone_int(const char *path, const char *sql)
{
    char copy[700];

    snprintf(copy, sizeof copy, "%s.alone", path);
    unlink(copy);
    return copy_file(path, copy) == 0 ? sql_int(copy, sql) : -999;
}

/* Each committed request moves into the database file at once: once queue_submit() has returned
 * and queue_settle() run (the kiosk calls it once the thank-you is on screen), the file alone holds
 * it, and so after every other write, so that damage to the -wal can only touch what is in flight. */
TEST(each_commit_moves_into_the_file)
{
    char path[600], err[256];
    struct queue_batch b;
    struct queue *q;

    fresh(path, sizeof path, "walempty");
    q = open_q(path, 0);
    ASSERT(q);
    for (int i = 1; i <= 5; i++) {
        ASSERT_INT_EQ(0, submit_n(q, 1));
        queue_settle(q);
        ASSERT_INT_EQ(i, file_alone_int(path, "SELECT count(*) FROM submissions"));
    }
    ASSERT_INT_EQ(0, queue_state_set_int(q, "staff_pin_failures", 3, err, sizeof err));
    ASSERT_INT_EQ(3, file_alone_int(path, "SELECT value FROM kiosk_state WHERE key = 'staff_pin_failures'"));
    ASSERT_INT_EQ(0, queue_export_begin(q, 0, &b, err, sizeof err));
    ASSERT_INT_EQ(5, drain(q, 1));
    ASSERT_INT_EQ(0, queue_export_finish(q, err, sizeof err));
    ASSERT_INT_EQ(1, file_alone_int(path, "SELECT count(*) FROM batches"));
    ASSERT_INT_EQ(0, queue_ack(q, 1, NULL, NULL, err, sizeof err));
    ASSERT_INT_EQ(1, file_alone_int(path, "SELECT count(*) FROM batches WHERE acknowledged_utc IS NOT NULL"));
    queue_close(q);
}

/* A submit while an export reads succeeds at once, and the export marks only what it read. */
TEST(submit_during_export_stays_pending)
{
    char path[600], err[256];
    struct queue_batch b;
    struct queue *q, *kiosk;
    double t0;

    fresh(path, sizeof path, "during");
    q = open_q(path, 0);
    ASSERT(q);
    ASSERT_INT_EQ(0, submit_n(q, 2));
    kiosk = open_q(path, 0);
    ASSERT(kiosk);
    ASSERT_INT_EQ(0, queue_export_begin(q, 0, &b, err, sizeof err));
    t0 = now_ms();
    ASSERT_INT_EQ(0, submit_n(kiosk, 1));
    ASSERT(now_ms() - t0 < 1000);
    ASSERT_INT_EQ(2, drain(q, 1));
    ASSERT_INT_EQ(0, queue_export_finish(q, err, sizeof err));
    ASSERT_INT_EQ(1, rows(q, "pending"));
    ASSERT_INT_EQ(2, rows(q, "exported"));
    queue_close(kiosk);
    queue_close(q);
}

/* Another process holds a write transaction for hold_ms; the export's mark waits up to timeout_ms. */
static int export_against_locker(const char *path, int hold_ms, int timeout_ms, char *err, size_t errlen)
{
    struct queue_options o = { .busy_timeout_ms = timeout_ms };
    int fds[2], status = 0, rc = -1;
    struct queue_batch b;
    struct queue *q;
    pid_t pid;
    char c;

    if (pipe(fds) != 0)
        return -1;
    pid = fork();
    if (pid == 0) {
        sqlite3 *db = NULL;
        close(fds[0]);
        if (sqlite3_open(path, &db) != SQLITE_OK || sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
            _exit(1);
        if (write(fds[1], "x", 1) != 1)
            _exit(1);
        usleep((useconds_t)hold_ms * 1000);
        sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
        sqlite3_close(db);
        _exit(0);
    }
    close(fds[1]);
    if (pid > 0 && read(fds[0], &c, 1) == 1 && (q = queue_open(path, &o, err, errlen))) {
        if (queue_export_begin(q, 0, &b, err, errlen) == 0) {
            rc = drain(q, b.id) == b.count ? 0 : -1;
            rc = rc == 0 ? queue_export_finish(q, err, errlen) : (queue_export_cancel(q), -1);
        }
        queue_close(q);
    }
    close(fds[0]);
    if (pid > 0)
        waitpid(pid, &status, 0);
    return rc;
}

TEST(export_waits_for_a_short_lock_and_fails_cleanly_on_a_long_one)
{
    char path[600], err[256];
    struct queue *q;

    fresh(path, sizeof path, "locker");
    q = open_q(path, 0);
    ASSERT(q);
    ASSERT_INT_EQ(0, submit_n(q, 3));
    queue_close(q);
    ASSERT_INT_EQ(-1, export_against_locker(path, 800, 100, err, sizeof err));
    ASSERT_CONTAINS(err, "database is locked");
    ASSERT_INT_EQ(3, sql_int(path, "SELECT count(*) FROM requests WHERE status = 'pending'"));
    ASSERT_INT_EQ(0, sql_int(path, "SELECT count(*) FROM batches"));
    ASSERT_INT_EQ(0, export_against_locker(path, 200, 2000, err, sizeof err));
    ASSERT_INT_EQ(3, sql_int(path, "SELECT count(*) FROM requests WHERE status = 'exported' AND batch_id = 1"));
}

/* What version 2 added to version 1, as it was shipped. */
static const char v2_changes[] =
    "ALTER TABLE requests ADD COLUMN ref TEXT;"
    "ALTER TABLE requests ADD COLUMN notice_version TEXT NOT NULL DEFAULT '';"
    "CREATE UNIQUE INDEX requests_ref ON requests (ref);"
    "CREATE TABLE kiosk_state (key TEXT PRIMARY KEY, value NOT NULL);";

/* The start of an INSERT of version-2 rows; each row gives these columns. */
#define V2_INSERT "INSERT INTO requests (id, uuid, ref, created_utc, kiosk_id, treatment_id, name, phone," \
    " email, contact_time, screening, consent_contact, consent_share_answers, status, batch_id) VALUES"
#define V2_ROW(id, name, status, batch) \
    " (" #id ", '6f1c2d3e-0000-4000-8000-00000000000" #id "', 'FT-22" #id "2', '2026-01-01T09:0" #id ":00Z'," \
    " 'k1', 'calf-slimming', '" name "', '07700 900001', '', 'any', 'clear', 1, 0, '" status "', " #batch ")"

/* A version-2 file as this code wrote it: batch 1 acknowledged and purged, batch 2 acknowledged,
 * batch 3 exported, two requests pending. */
static const char v2_rows[] =
    "INSERT INTO batches VALUES (1, '2026-01-02T10:00:00Z', 2, '2026-01-03T10:00:00Z'),"
    " (2, '2026-02-02T10:00:00Z', 2, '2026-02-03T10:00:00Z'), (3, '2026-03-02T10:00:00Z', 3, NULL);"
    V2_INSERT V2_ROW(3, "Acked Three", "acknowledged", 2) "," V2_ROW(4, "Acked Four", "acknowledged", 2) ","
    V2_ROW(5, "Exported Five", "exported", 3) "," V2_ROW(6, "Exported Six", "exported", 3) ","
    V2_ROW(7, "Exported Seven", "exported", 3) "," V2_ROW(8, "Pending Eight", "pending", NULL) ","
    V2_ROW(9, "Pending Nine", "pending", NULL) ";"
    "PRAGMA user_version = 2;";

/* Rows no version-2 export made: a pending request older than exported ones, batches interleaved, a
 * batch marked acknowledged with a request still exported, a pending request naming a batch. */
static const char v2_odd_rows[] =
    "INSERT INTO batches VALUES (1, '2026-01-02T10:00:00Z', 3, NULL),"
    " (2, '2026-02-02T10:00:00Z', 2, '2026-02-03T10:00:00Z');"
    V2_INSERT V2_ROW(1, "One A", "exported", 1) "," V2_ROW(2, "Pending Early", "pending", NULL) ","
    V2_ROW(3, "One B", "exported", 1) "," V2_ROW(4, "Two A", "acknowledged", 2) ","
    V2_ROW(5, "One C", "exported", 1) "," V2_ROW(6, "Two B", "exported", 2) ","
    V2_ROW(7, "Pending Odd", "pending", 2) ";"
    "PRAGMA user_version = 2;";

/* Collects "name status batch; " of every row listed. */
struct listing { char text[1024]; };

static int list_row(void *ctx, const struct queue_row *r)
{
    struct listing *l = ctx;
    size_t n = strlen(l->text);

    snprintf(l->text + n, sizeof l->text - n, "%s %s %lld; ", r->req.name, r->status, r->batch_id);
    return 0;
}

static const char *listing(struct queue *q, const char *status, struct listing *l)
{
    char err[256];

    l->text[0] = '\0';
    if (queue_list(q, status, list_row, l, err, sizeof err) != 0)
        snprintf(l->text, sizeof l->text, "list: %s", err);
    return l->text;
}

/* A v2 file at path with rows, as v2 left it. */
static int make_v2(const char *path, const char *rows_sql)
{
    return sql_exec(path, v1_tables) || sql_exec(path, v2_changes) || sql_exec(path, rows_sql) ? -1 : 0;
}

TEST(migration_from_v2_keeps_rows_and_their_states)
{
    char path[600], err[256];
    struct listing l;
    struct queue_status st;
    struct queue_batch b;
    long long deleted = -1;
    int was = -1;
    struct queue *q;

    fresh(path, sizeof path, "v2");
    ASSERT_INT_EQ(0, make_v2(path, v2_rows));
    q = open_q(path, 0);
    ASSERT(q);
    ASSERT_STR_EQ("Acked Three acknowledged 2; Acked Four acknowledged 2; Exported Five exported 3; "
                  "Exported Six exported 3; Exported Seven exported 3; Pending Eight pending 0; "
                  "Pending Nine pending 0; ", listing(q, NULL, &l));
    ASSERT_STR_EQ("Pending Eight pending 0; Pending Nine pending 0; ", listing(q, "pending", &l));
    ASSERT_INT_EQ(3, rows(q, "exported"));
    ASSERT_INT_EQ(2, rows(q, "acknowledged"));
    ASSERT_INT_EQ(0, queue_status(q, &st, err, sizeof err));
    ASSERT_INT_EQ(2, st.pending);
    ASSERT_INT_EQ(1, st.unacked_batches);
    ASSERT_INT_EQ(3, st.newest_unacked_batch);
    ASSERT_INT_EQ(3, st.newest_unacked_count);
    ASSERT_STR_EQ("2026-03-02T10:00:00Z", st.last_export_utc);
    ASSERT_STR_EQ("2026-02-03T10:00:00Z", st.last_ack_utc);
    ASSERT_INT_EQ(2, sql_int(path, "SELECT count(*) FROM requests WHERE batch_id = 2 AND status = 'acknowledged'"
                                   " AND exported_utc = '2026-02-02T10:00:00Z'"
                                   " AND acknowledged_utc = '2026-02-03T10:00:00Z'"));

    /* batch 1 was purged: still known, empty, acknowledged */
    ASSERT_INT_EQ(0, queue_export_begin(q, 1, &b, err, sizeof err));
    ASSERT_INT_EQ(0, b.count);
    ASSERT_INT_EQ(0, drain(q, 1));
    queue_export_cancel(q);
    ASSERT_INT_EQ(0, queue_ack(q, 1, &was, NULL, err, sizeof err));
    ASSERT_INT_EQ(1, was);

    /* and the queue goes on: a new batch takes the pending two, purge takes batch 2 */
    ASSERT_INT_EQ(0, queue_export_begin(q, 0, &b, err, sizeof err));
    ASSERT_INT_EQ(4, b.id);
    ASSERT_INT_EQ(2, b.count);
    ASSERT_INT_EQ(2, drain(q, 4));
    ASSERT_INT_EQ(0, queue_export_finish(q, err, sizeof err));
    ASSERT_INT_EQ(0, queue_export_begin(q, 3, &b, err, sizeof err));
    ASSERT_INT_EQ(3, drain(q, 3));
    queue_export_cancel(q);
    ASSERT_INT_EQ(0, queue_purge(q, 0, &deleted, err, sizeof err));
    ASSERT_INT_EQ(2, deleted);
    ASSERT_STR_EQ("Exported Five exported 3; Exported Six exported 3; Exported Seven exported 3; "
                  "Pending Eight exported 4; Pending Nine exported 4; ", listing(q, NULL, &l));
    queue_close(q);
    ASSERT_INT_EQ(QUEUE_SCHEMA_VERSION, sql_int(path, "PRAGMA user_version"));
    ASSERT_INT_EQ(1, sql_int(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'requests' AND type = 'view'"));
    ASSERT_INT_EQ(1, sql_int(path, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"));
}

TEST(migration_from_v2_puts_odd_rows_in_order_and_keeps_pending_pending)
{
    char path[600], err[256];
    struct listing l;
    struct queue_batch b;
    long long deleted = -1;
    struct queue *q;

    fresh(path, sizeof path, "v2-odd");
    ASSERT_INT_EQ(0, make_v2(path, v2_odd_rows));
    q = open_q(path, 0);
    ASSERT(q);
    ASSERT_STR_EQ("One A exported 1; One B exported 1; One C exported 1; Two A exported 2; "
                  "Two B exported 2; Pending Early pending 0; Pending Odd pending 0; ", listing(q, NULL, &l));
    ASSERT_INT_EQ(0, queue_purge(q, 0, &deleted, err, sizeof err));
    ASSERT_INT_EQ(0, deleted);          /* batch 2 was not wholly acknowledged */
    ASSERT_INT_EQ(0, queue_export_begin(q, 0, &b, err, sizeof err));
    ASSERT_INT_EQ(3, b.id);
    ASSERT_INT_EQ(2, b.count);
    ASSERT_INT_EQ(2, drain(q, 3));
    ASSERT_INT_EQ(0, queue_export_finish(q, err, sizeof err));
    ASSERT_INT_EQ(0, rows(q, "pending"));
    ASSERT_CONTAINS(listing(q, "exported", &l), "Two B exported 2; Pending Early exported 3; Pending Odd exported 3; ");
    queue_close(q);
}

/* Ids are never reused: a request made after the newest ones were purged is pending, not taken
 * for a member of the purged batch. */
TEST(a_request_after_a_purge_of_the_newest_is_pending)
{
    char path[600], err[256];
    struct queue_batch b;
    long long deleted = 0;
    struct queue *q;

    fresh(path, sizeof path, "reuse");
    q = open_q(path, 0);
    ASSERT(q);
    ASSERT_INT_EQ(0, submit_n(q, 3));
    ASSERT_INT_EQ(0, queue_export_begin(q, 0, &b, err, sizeof err));
    ASSERT_INT_EQ(3, drain(q, 1));
    ASSERT_INT_EQ(0, queue_export_finish(q, err, sizeof err));
    ASSERT_INT_EQ(0, queue_ack(q, 1, NULL, NULL, err, sizeof err));
    ASSERT_INT_EQ(0, queue_purge(q, 0, &deleted, err, sizeof err));
    ASSERT_INT_EQ(3, deleted);
    queue_close(q);
    q = open_q(path, 0);
    ASSERT(q);
    ASSERT_INT_EQ(0, submit_n(q, 1));
    ASSERT_INT_EQ(1, rows(q, "pending"));
    ASSERT_INT_EQ(0, rows(q, "acknowledged"));
    ASSERT_INT_EQ(0, queue_export_begin(q, 0, &b, err, sizeof err));
    ASSERT_INT_EQ(2, b.id);
    ASSERT_INT_EQ(1, drain(q, 2));
    ASSERT_INT_EQ(0, queue_export_finish(q, err, sizeof err));
    queue_close(q);
}

/* Two exports read the same pending requests: the first to finish makes the batch, the other is
 * refused and changes nothing. */
TEST(racing_exports_make_one_batch)
{
    char path[600], err[256];
    struct queue_batch b1, b2;
    struct queue_status st;
    struct queue *q1, *q2;

    fresh(path, sizeof path, "race");
    q1 = open_q(path, 0);
    q2 = open_q(path, 0);
    ASSERT(q1 && q2);
    ASSERT_INT_EQ(0, submit_n(q1, 2));
    ASSERT_INT_EQ(0, queue_export_begin(q1, 0, &b1, err, sizeof err));
    ASSERT_INT_EQ(0, queue_export_begin(q2, 0, &b2, err, sizeof err));
    ASSERT_INT_EQ(2, drain(q1, 1));
    ASSERT_INT_EQ(2, drain(q2, 1));
    ASSERT_INT_EQ(0, queue_export_finish(q1, err, sizeof err));
    ASSERT_INT_EQ(-1, queue_export_finish(q2, err, sizeof err));
    ASSERT_CONTAINS(err, "another export ran at the same time");
    ASSERT_INT_EQ(0, queue_status(q2, &st, err, sizeof err));
    ASSERT_INT_EQ(0, st.pending);
    ASSERT_INT_EQ(1, st.unacked_batches);
    ASSERT_INT_EQ(2, st.newest_unacked_count);
    queue_close(q1);
    queue_close(q2);
    ASSERT_INT_EQ(1, sql_int(path, "SELECT count(*) FROM batches"));
}

/* Finishing an export writes the batch and nothing else: the log grows by a few pages, not by the
 * thousands of requests the batch holds. */
TEST(finishing_an_export_writes_only_the_batch)
{
    static const char many[] =
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)"
        " INSERT INTO requests (uuid, ref, created_utc, kiosk_id, treatment_id, name, phone, email,"
        "  contact_time, screening, answers, consent_contact, consent_share_answers, notice_version)"
        " SELECT printf('6f1c2d3e-0000-4000-8000-%012d', i), printf('FT-%04d', i), '2026-01-01T09:00:00Z',"
        "  'k1', 'calf-slimming', 'Test Person ' || i, '07700 900001', '', 'any', 'clear',"
        "  '{\"q1\":\"' || printf('%.400c', 'n') || '\"}', 1, 1, '' FROM n;"
        "PRAGMA wal_checkpoint(TRUNCATE);";
    char path[600], wal[620], err[256];
    struct queue_batch b;
    struct stat sb;
    struct queue *q;

    fresh(path, sizeof path, "writes");
    q = open_q(path, 0);
    ASSERT(q);
    queue_close(q);
    ASSERT_INT_EQ(0, sql_exec(path, many));
    ASSERT_INT_EQ(0, stat(path, &sb));
    ASSERT(sb.st_size > 1000000);
    snprintf(wal, sizeof wal, "%s-wal", path);
    q = open_q(path, 0);
    ASSERT(q);
    ASSERT_INT_EQ(0, queue_export_begin(q, 0, &b, err, sizeof err));
    ASSERT_INT_EQ(2000, drain(q, 1));
    ASSERT_INT_EQ(0, queue_export_finish(q, err, sizeof err));
    ASSERT_INT_EQ(0, stat(wal, &sb));
    ASSERT(sb.st_size < 64 * 1024);
    ASSERT_INT_EQ(2000, rows(q, "exported"));
    queue_close(q);
}

/* The view requests takes a new request, pending, its answers minified as the queue stores them; it
 * refuses one said to be anything else. */
TEST(view_takes_only_pending_requests)
{
    static const char insert[] =
        "INSERT INTO requests (uuid, ref, created_utc, kiosk_id, treatment_id, name, phone, email,"
        " contact_time, screening, consent_contact, consent_share_answers%s) VALUES"
        " ('6f1c2d3e-0000-4000-8000-00000000000%d', 'FT-222%d', '2026-01-01T09:00:00Z', 'k1', 'calf-slimming',"
        " 'Test Person', '07700 900001', '', 'any', 'clear', 1, 1%s)";
    char path[600], sql[1024];
    struct queue *q;

    fresh(path, sizeof path, "view");
    q = open_q(path, 0);
    ASSERT(q);
    snprintf(sql, sizeof sql, insert, ", answers", 1, 1, ", '{ \"q1\" :\n \"no\" }'");
    ASSERT_INT_EQ(0, sql_exec(path, sql));
    ASSERT_INT_EQ(1, sql_int(path, "SELECT answers = '{\"q1\":\"no\"}' FROM requests"));
    snprintf(sql, sizeof sql, insert, ", status", 2, 2, ", 'exported'");
    ASSERT_INT_EQ(-1, sql_exec(path, sql));
    snprintf(sql, sizeof sql, insert, ", batch_id", 3, 3, ", 1");
    ASSERT_INT_EQ(-1, sql_exec(path, sql));
    ASSERT_INT_EQ(1, rows(q, NULL));
    ASSERT_INT_EQ(1, rows(q, "pending"));
    queue_close(q);
}

TEST(state_survives_restart)
{
    char path[600], err[256];
    long long v = -1;
    struct queue *q;

    fresh(path, sizeof path, "state");
    q = open_q(path, 0);
    ASSERT(q);
    ASSERT_INT_EQ(0, queue_state_get_int(q, "pin-failures", &v, err, sizeof err));
    ASSERT_INT_EQ(-1, v);                           /* unset: left alone */
    ASSERT_INT_EQ(0, queue_state_set_int(q, "pin-failures", 5, err, sizeof err));
    ASSERT_INT_EQ(0, queue_state_set_int(q, "pin-lockout-until", 1764083045LL, err, sizeof err));
    ASSERT_INT_EQ(0, queue_state_set_int(q, "pin-failures", 6, err, sizeof err));
    ASSERT_INT_EQ(-1, queue_state_set_int(q, "", 1, err, sizeof err));
    queue_close(q);
    q = open_q(path, 0);
    ASSERT(q);
    ASSERT_INT_EQ(0, queue_state_get_int(q, "pin-failures", &v, err, sizeof err));
    ASSERT_INT_EQ(6, v);
    ASSERT_INT_EQ(0, queue_state_get_int(q, "pin-lockout-until", &v, err, sizeof err));
    ASSERT_INT_EQ(1764083045LL, v);
    queue_close(q);
}

/* ---------------------------------------------------------------- helper modes for tests/cli */

/* Made-up requests, hostile where it matters, with fixed ids and times so outputs can be compared. */
static const struct fixture {
    const char *uuid, *ref, *created;
    struct queue_request r;
} fixtures[] = {
    { "00000000-0000-4000-8000-000000000001", "AA-2345", "2026-01-05T09:00:00Z",
      { "reception-1", "calf-slimming", "Ann Example", "07700 900001", "", "morning", "clear",
        NULL, 1, 0, "0123456789abcdef", "en" } },
    { "00000000-0000-4000-8000-000000000002", "BB-6789", "2026-01-05T10:30:00Z",
      { "reception-1", "calf-slimming", "José O'Brien-Núñez", "", "jose@example.org", "afternoon",
        "discuss", "{\"q1\":\"no\",\"q2\":\"yes\"}", 1, 1, "0123456789abcdef", "pl" } },
    { "00000000-0000-4000-8000-000000000003", "CC-ABCD", "2026-01-06T11:15:00Z",
      { "reception-1", "calf-slimming", "=HYPERLINK(\"http://evil.example\",\"click\")",
        "+44 7700 900003", "", "any", "not-taken", NULL, 1, 0, "0123456789abcdef", "ar" } },
    { "00000000-0000-4000-8000-000000000004", "DD-EFGH", "2026-01-07T16:45:00Z",
      { "reception-2", "calf-slimming", "Zoë \"Zed\" Smith, Jr.\nSecond line 😀", "07700 900004",
        "zoe@example.org", "evening", "clear", "{\"q1\":\"no\"}", 1, 1, "fedcba9876543210", "zh-Hans" } },
};

/* test_queue --fixture FILE: a fresh database holding the fixture requests, all pending. */
static int make_fixture(const char *path)
{
    struct queue_options o = { .create = 1 };
    char err[512], sql[512];
    struct queue_receipt k;
    struct queue *q = queue_open(path, &o, err, sizeof err);

    for (size_t i = 0; q && i < sizeof fixtures / sizeof *fixtures; i++) {
        if (queue_submit(q, &fixtures[i].r, &k, err, sizeof err) != 0)
            break;
        snprintf(sql, sizeof sql,
                 "UPDATE submissions SET uuid = '%s', ref = '%s', created_utc = '%s' WHERE uuid = '%s'",
                 fixtures[i].uuid, fixtures[i].ref, fixtures[i].created, k.uuid);
        if (sql_exec(path, sql) != 0) {
            snprintf(err, sizeof err, "cannot fix the fixture's ids");
            break;
        }
        err[0] = '\0';
    }
    queue_close(q);
    if (err[0])
        fprintf(stderr, "test_queue --fixture: %s\n", err);
    return err[0] ? 1 : 0;
}

/* test_queue --open-as-kiosk FILE: opens FILE as the kiosk does, moving a damaged one aside. */
static int open_as_kiosk(const char *path)
{
    struct queue_options o = { .create = 1, .recover_damaged = 1 };
    char err[512];
    struct queue *q = queue_open(path, &o, err, sizeof err);

    if (!q)
        fprintf(stderr, "test_queue --open-as-kiosk: %s\n", err);
    queue_close(q);
    return q ? 0 : 1;
}

/* test_queue --acked FILE N [PENDING]: a fresh database holding N made-up requests in batch 1,
 * acknowledged a year ago, so a purge takes them all, then PENDING more pending ones (made in one
 * statement each: a few seconds for 300,000). */
static int make_acked(const char *path, const char *count, const char *pending)
{
    static const char fill[] =
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %lld)"
        " INSERT INTO submissions (uuid, ref, created_utc, kiosk_id, treatment_id, name, phone, email,"
        "  contact_time, screening, answers, consent_contact, consent_share_answers, notice_version)"
        " SELECT printf('6f1c2d3e-0000-4000-8000-%%012d', i), printf('AK-%%07d', i), '2025-01-01T09:00:00Z',"
        "  'reception-1', 'calf-slimming', 'Test Person ' || i, '07700 900118', 'test.person@example.org',"
        "  'any', 'clear', '{\"q1\":\"no\",\"q2\":\"no\",\"q3\":\"no\"}', 1, 1, '0123456789abcdef' FROM n;"
        "INSERT INTO batches (id, first_request_id, last_request_id, count, created_utc, acknowledged_utc)"
        " SELECT 1, 1, max(id), count(*), '2025-01-02T09:00:00Z', '2025-01-03T09:00:00Z' FROM submissions;"
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %lld)"
        " INSERT INTO submissions (uuid, ref, created_utc, kiosk_id, treatment_id, name, phone, email,"
        "  contact_time, screening, answers, consent_contact, consent_share_answers, notice_version)"
        " SELECT printf('6f1c2d3e-0000-4000-9000-%%012d', i), printf('PE-%%07d', i), '2025-02-01T09:00:00Z',"
        "  'reception-1', 'calf-slimming', 'Test Pending ' || i, '07700 900118', '', 'any', 'clear', NULL, 1, 0,"
        "  '0123456789abcdef' FROM n WHERE %lld > 0;";
    struct queue_options o = { .create = 1 };
    char err[512], sql[sizeof fill + 64];
    long long n = atoll(count), p = pending ? atoll(pending) : 0;
    struct queue *q = queue_open(path, &o, err, sizeof err);

    if (!q) {
        fprintf(stderr, "test_queue --acked: %s\n", err);
        return 1;
    }
    queue_close(q);
    snprintf(sql, sizeof sql, fill, n, p, p);
    return n > 0 && sql_exec(path, sql) == 0 ? 0 : 1;
}

/* The page numbers of the b-tree pages of table (leaf or internal), from SQLite's dbstat. */
static int pages_of(const char *path, const char *table, const char *type, long long *pages, int max)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *s = NULL;
    int n = 0;

    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db, "SELECT pageno FROM dbstat WHERE name = ?1 AND pagetype = ?2 ORDER BY pageno",
                           -1, &s, NULL) == SQLITE_OK) {
        sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 2, type, -1, SQLITE_STATIC);
        while (n < max && sqlite3_step(s) == SQLITE_ROW)
            pages[n++] = sqlite3_column_int64(s, 0);
    }
    sqlite3_finalize(s);
    sqlite3_close(db);
    return n;
}

/* Overwrites page (1-based, 4096 bytes) of the file at path with bytes that are no b-tree page. */
static int spoil_page(const char *path, long long page)
{
    unsigned char junk[4096];
    FILE *f = fopen(path, "r+b");
    int rc;

    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (unsigned char)(i * 131 + 7);
    rc = f && fseek(f, (long)((page - 1) * 4096), SEEK_SET) == 0 && fwrite(junk, 1, sizeof junk, f) == sizeof junk ? 0 : -1;
    if (f && fclose(f) != 0)
        rc = -1;
    return rc;
}

/* test_queue --damage FILE leaf: spoils the middle leaf page of the requests (a page the open does
 * not read; only a check of the whole file finds it). Prints how many requests that page held. */
static int damage(const char *path, const char *how)
{
    long long pages[4096];
    int n = pages_of(path, "submissions", "leaf", pages, 4096);
    long long before = sql_int(path, "SELECT count(*) FROM submissions"), page;
    char sql[128];

    if (strcmp(how, "leaf") != 0 || n < 3 || before < 0) {
        fprintf(stderr, "test_queue --damage: want 'leaf' and a file with three leaf pages or more\n");
        return 1;
    }
    page = pages[n / 2];
    snprintf(sql, sizeof sql, "SELECT ncell FROM dbstat WHERE pageno = %lld", page);
    printf("%lld\n", sql_int(path, sql));
    return spoil_page(path, page) == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "--damage") == 0)
        return damage(argv[2], argv[3]);
    if ((argc == 4 || argc == 5) && strcmp(argv[1], "--acked") == 0)
        return make_acked(argv[2], argv[3], argc == 5 ? argv[4] : NULL);
    if (argc == 3 && strcmp(argv[1], "--fixture") == 0)
        return make_fixture(argv[2]);
    if (argc == 3 && strcmp(argv[1], "--open-as-kiosk") == 0)
        return open_as_kiosk(argv[2]);
    BEGIN(argc, argv);
    make_test_dir();
    RUN(submit_stores_every_field);
    RUN(answers_need_consent_and_fields_are_checked);
    RUN(references_and_uuids_are_well_formed_and_unique);
    RUN(file_is_private_wal_and_versioned);
    RUN(missing_directory_and_missing_file_are_errors);
    RUN(migration_from_v1_keeps_rows);
    RUN(migration_from_v2_keeps_rows_and_their_states);
    RUN(migration_from_v2_puts_odd_rows_in_order_and_keeps_pending_pending);
    RUN(newer_schema_is_refused);
    RUN(faults_fail_submit_then_clear);
    RUN(locked_database_fails_after_timeout);
    RUN(not_a_database_is_moved_aside_not_deleted);
    RUN(corrupt_pages_are_moved_aside);
    RUN(damaged_wal_is_kept_aside_and_staff_warned);
    RUN(torn_last_write_in_the_wal_is_no_damage);
    RUN(wal_header_damage_and_stale_frames);
    RUN(recovery_copies_every_readable_request);
    RUN(moving_aside_copies_back_what_can_be_read);
    RUN(export_ack_purge_life_cycle);
    RUN(purge_leaves_no_trace_in_the_file);
    RUN(each_commit_moves_into_the_file);
    RUN(pending_figure_stays_right_whoever_writes);
    RUN(export_records_the_rows_read_whatever_the_figure_says);
    RUN(migration_from_v3_through_deliveries_and_figures);
    RUN(writable_check_meets_a_failing_disk);
    RUN(purge_waits_for_a_reader_then_leaves_no_trace);
    RUN(purge_says_what_remains_while_a_reader_stays);
    RUN(submit_during_export_stays_pending);
    RUN(export_waits_for_a_short_lock_and_fails_cleanly_on_a_long_one);
    RUN(a_request_after_a_purge_of_the_newest_is_pending);
    RUN(racing_exports_make_one_batch);
    RUN(finishing_an_export_writes_only_the_batch);
    RUN(view_takes_only_pending_requests);
    RUN(state_survives_restart);
    END();
}
