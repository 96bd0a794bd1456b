/* test_delivery: each request's delivery state in the queue (schema version 4), which kioskctl sync
 * keeps: waiting from its submit, delivered, failing, rejected and retried, forgotten with the
 * request, and brought in by the migration from version 3 for the requests already there. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "queue.h"

static char test_dir[512];

/* ---------------------------------------------------------------- helpers */

static void make_test_dir(void)
{
    const char *out = getenv("KIOSK_OUT");
    char cmd[1100];

    snprintf(test_dir, sizeof test_dir, "%s/tmp/test_delivery", out ? out : "tests/out");
    snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir -p '%s'", test_dir, test_dir);
    if (system(cmd) != 0) {
        fprintf(stderr, "cannot make %s\n", test_dir);
        exit(1);
    }
}

static struct queue *fresh_q(char *path, size_t len, const char *name)
{
    struct queue_options o = { .create = 1 };
    char err[512];
    struct queue *q;

    snprintf(path, len, "%s/%s.db", test_dir, name);
    q = queue_open(path, &o, err, sizeof err);
    if (!q)
        fprintf(stderr, "  queue_open: %s\n", err);
    return q;
}

static int submit(struct queue *q, const char *name, struct queue_receipt *k)
{
    struct queue_request r = {
        .kiosk_id = "reception-1", .treatment_id = "calf-slimming", .name = name, .phone = "07700 900118",
        .email = "", .contact_time = "any", .screening = "clear", .answers = NULL,
        .consent_contact = 1, .consent_share_answers = 0, .notice_version = "v1",
    };
    char err[256];
    int rc = queue_submit(q, &r, k, err, sizeof err);

    if (rc != 0)
        fprintf(stderr, "  submit: %s\n", err);
    return rc;
}

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
    int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL);

    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        fprintf(stderr, "  sql_exec: %s\n", sqlite3_errmsg(db));
    sqlite3_close(db);
    return rc == SQLITE_OK ? 0 : -1;
}

static int file_contains(const char *path, const char *needle)
{
    FILE *f = fopen(path, "rb");
    size_t n = strlen(needle), got;
    static char buf[1 << 20];
    int found = 0;

    if (!f)
        return 0;
    while (!found && (got = fread(buf, 1, sizeof buf, f)) > 0) {
        for (size_t i = 0; i + n <= got && !found; i++)
            found = memcmp(buf + i, needle, n) == 0;
        if (!found && got == sizeof buf)
            fseek(f, -(long)n, SEEK_CUR);
    }
    fclose(f);
    return found;
}

/* "name:attempts:rejected; " of each request listed, in order. */
struct listing { char text[1024]; };

static int list_one(void *ctx, const struct queue_row *r, const struct queue_delivery *d)
{
    struct listing *l = ctx;
    size_t n = strlen(l->text);

    snprintf(l->text + n, sizeof l->text - n, "%s:%lld:%s; ", r->req.name, d->attempts, d->rejected ? d->rejected : "-");
    return 0;
}

static const char *listing(struct queue *q, int max, int with_rejected, struct listing *l)
{
    char err[256];

    l->text[0] = '\0';
    if (queue_delivery_list(q, max, with_rejected, list_one, l, err, sizeof err) != 0)
        snprintf(l->text, sizeof l->text, "list: %s", err);
    return l->text;
}

/* ---------------------------------------------------------------- tests */

TEST(a_new_request_waits_and_is_listed_oldest_first)
{
    struct queue_delivery_status st;
    struct queue_receipt k;
    struct listing l;
    char path[600], err[256];
    struct queue *q = fresh_q(path, sizeof path, "waits");

    ASSERT(q);
    ASSERT_INT_EQ(0, queue_delivery_status(q, &st, err, sizeof err));
    ASSERT_INT_EQ(0, st.waiting);
    ASSERT_INT_EQ(-1, st.oldest_waiting_age_s);
    ASSERT_STR_EQ("", st.last_delivery_utc);
    ASSERT_INT_EQ(0, submit(q, "Ann One", &k));
    ASSERT_INT_EQ(0, submit(q, "Ben Two", &k));
    ASSERT_INT_EQ(0, submit(q, "Cy Three", &k));
    ASSERT_STR_EQ("Ann One:0:-; Ben Two:0:-; Cy Three:0:-; ", listing(q, 0, 0, &l));
    ASSERT_STR_EQ("Ann One:0:-; Ben Two:0:-; ", listing(q, 2, 0, &l));
    ASSERT_INT_EQ(0, queue_delivery_status(q, &st, err, sizeof err));
    ASSERT_INT_EQ(3, st.waiting);
    ASSERT(st.oldest_waiting_age_s >= 0 && st.oldest_waiting_age_s < 60);
    queue_close(q);
}

TEST(delivered_failed_rejected_and_retried)
{
    struct queue_delivery_status st;
    struct queue_receipt a, b, c;
    struct listing l;
    char path[600], err[256], since[QUEUE_TIME_LEN + 1];
    struct queue *q = fresh_q(path, sizeof path, "states");
    const char *ua[1], *ub[1], *uc[1];
    long long n = 0;

    ASSERT(q);
    ASSERT_INT_EQ(0, submit(q, "Ann One", &a));
    ASSERT_INT_EQ(0, submit(q, "Ben Two", &b));
    ASSERT_INT_EQ(0, submit(q, "Cy Three", &c));
    ua[0] = a.uuid;
    ub[0] = b.uuid;
    uc[0] = c.uuid;

    /* the way fails: attempts counted, failing since then, kept until a delivery */
    ASSERT_INT_EQ(0, queue_delivery_failed(q, ua, 1, "cannot reach receiver.example.org: refused", NULL, err, sizeof err));
    ASSERT_INT_EQ(0, queue_delivery_status(q, &st, err, sizeof err));
    ASSERT_INT_EQ(3, st.waiting);
    ASSERT(st.failing_since_utc[0]);
    ASSERT_STR_EQ("cannot reach receiver.example.org: refused", st.last_error);
    snprintf(since, sizeof since, "%s", st.failing_since_utc);
    ASSERT_INT_EQ(0, queue_delivery_failed(q, ua, 1, "no reply from receiver.example.org within 15 s", NULL,
                                           err, sizeof err));
    ASSERT_INT_EQ(0, queue_delivery_status(q, &st, err, sizeof err));
    ASSERT_STR_EQ(since, st.failing_since_utc);    /* since the first failure */
    ASSERT_STR_EQ("no reply from receiver.example.org within 15 s", st.last_error);
    ASSERT_STR_EQ("Ann One:2:-; Ben Two:0:-; Cy Three:0:-; ", listing(q, 0, 0, &l));

    /* delivered: no longer waiting, the failure forgotten */
    ASSERT_INT_EQ(0, queue_delivery_done(q, ua, 1, 0, NULL, err, sizeof err));
    ASSERT_INT_EQ(0, queue_delivery_status(q, &st, err, sizeof err));
    ASSERT_INT_EQ(2, st.waiting);
    ASSERT_STR_EQ("", st.failing_since_utc);
    ASSERT_STR_EQ("", st.last_error);
    ASSERT(st.last_delivery_utc[0]);
    ASSERT_INT_EQ(1, sql_int(path, "SELECT count(*) FROM deliveries WHERE delivered_utc IS NOT NULL AND attempts = 3"));
    ASSERT_STR_EQ("Ben Two:0:-; Cy Three:0:-; ", listing(q, 0, 0, &l));

    /* rejected: stays on the tablet, not waiting, listed as undelivered */
    ASSERT_INT_EQ(0, queue_delivery_failed(q, ub, 1, "receiver refused it", "HTTP/1.1 422 Unprocessable Entity",
                                           err, sizeof err));
    ASSERT_INT_EQ(0, queue_delivery_status(q, &st, err, sizeof err));
    ASSERT_INT_EQ(1, st.waiting);
    ASSERT_INT_EQ(1, st.rejected);
    ASSERT_STR_EQ("HTTP/1.1 422 Unprocessable Entity", st.last_rejection);
    ASSERT_STR_EQ("", st.failing_since_utc);       /* the receiver answered */
    ASSERT_STR_EQ("Cy Three:0:-; ", listing(q, 0, 0, &l));
    ASSERT_STR_EQ("Ben Two:1:HTTP/1.1 422 Unprocessable Entity; Cy Three:0:-; ", listing(q, 0, 1, &l));
    ASSERT_INT_EQ(3, sql_int(path, "SELECT count(*) FROM requests"));   /* nothing deleted */

    /* --retry-rejected */
    ASSERT_INT_EQ(0, queue_delivery_retry_rejected(q, &n, err, sizeof err));
    ASSERT_INT_EQ(1, n);
    ASSERT_INT_EQ(0, queue_delivery_status(q, &st, err, sizeof err));
    ASSERT_INT_EQ(2, st.waiting);
    ASSERT_INT_EQ(0, st.rejected);
    ASSERT_STR_EQ("Ben Two:1:-; Cy Three:0:-; ", listing(q, 0, 0, &l));

    /* delivery and export are apart: both can happen */
    ASSERT_INT_EQ(0, queue_delivery_done(q, uc, 1, 0, NULL, err, sizeof err));
    ASSERT_INT_EQ(3, sql_int(path, "SELECT count(*) FROM requests WHERE status = 'pending'"));
    queue_close(q);
}

TEST(delivered_and_forgotten_leaves_no_trace_in_the_files)
{
    struct queue_delivery_status st;
    struct queue_receipt a, b;
    char path[600], wal[620], err[256];
    struct queue *q = fresh_q(path, sizeof path, "forget");
    const char *uuids[1];
    int busy = -1;

    ASSERT(q);
    ASSERT_INT_EQ(0, submit(q, "Zebulon Canary-Deliver", &a));
    ASSERT_INT_EQ(0, submit(q, "Ann Stays", &b));
    snprintf(wal, sizeof wal, "%s-wal", path);
    ASSERT(file_contains(wal, "Canary-Deliver") || file_contains(path, "Canary-Deliver"));
    uuids[0] = a.uuid;
    ASSERT_INT_EQ(0, queue_delivery_done(q, uuids, 1, 1, &busy, err, sizeof err));
    ASSERT_INT_EQ(0, busy);
    ASSERT(!file_contains(path, "Canary-Deliver"));
    ASSERT(!file_contains(wal, "Canary-Deliver"));
    ASSERT(file_contains(path, "Ann Stays"));
    ASSERT_INT_EQ(0, queue_delivery_status(q, &st, err, sizeof err));
    ASSERT_INT_EQ(1, st.waiting);
    ASSERT(st.last_delivery_utc[0]);
    ASSERT_INT_EQ(1, sql_int(path, "SELECT count(*) FROM deliveries"));
    queue_close(q);
}

TEST(a_purge_takes_the_delivery_state_with_the_request)
{
    struct queue_receipt k;
    struct queue_batch b;
    struct queue_row row;
    char path[600], err[256];
    struct queue *q = fresh_q(path, sizeof path, "purge");
    long long deleted = 0;

    ASSERT(q);
    ASSERT_INT_EQ(0, submit(q, "Ann One", &k));
    ASSERT_INT_EQ(0, submit(q, "Ben Two", &k));
    ASSERT_INT_EQ(0, queue_export_begin(q, 0, &b, err, sizeof err));
    while (queue_export_next(q, &row, err, sizeof err) == 1)
        ;
    ASSERT_INT_EQ(0, queue_export_finish(q, err, sizeof err));
    ASSERT_INT_EQ(0, submit(q, "Cy Three", &k));
    ASSERT_INT_EQ(0, queue_ack(q, 1, NULL, NULL, err, sizeof err));
    ASSERT_INT_EQ(0, queue_purge(q, 0, &deleted, err, sizeof err));
    ASSERT_INT_EQ(2, deleted);
    ASSERT_INT_EQ(1, sql_int(path, "SELECT count(*) FROM deliveries"));
    ASSERT_INT_EQ(1, sql_int(path, "SELECT count(*) FROM deliveries d JOIN submissions s ON s.id = d.request_id"));
    queue_close(q);
}

/* A version-3 file (version 4 without its table and triggers, and version 6 without the language
 * column and the view that shows it) comes up with its requests waiting. */
TEST(migration_from_v3_makes_every_request_wait)
{
    struct queue_options o = { 0 };
    struct queue_delivery_status st;
    struct queue_receipt k;
    struct listing l;
    char path[600], err[256];
    struct queue *q = fresh_q(path, sizeof path, "v3");

    ASSERT(q);
    ASSERT_INT_EQ(0, submit(q, "Ann Old", &k));
    ASSERT_INT_EQ(0, submit(q, "Ben Old", &k));
    queue_close(q);
    ASSERT_INT_EQ(0, sql_exec(path, "DROP TRIGGER submissions_delivery; DROP TRIGGER submissions_delivery_gone;"
                                    " DROP TABLE deliveries; DROP VIEW requests;"
                                    " ALTER TABLE submissions DROP COLUMN language; PRAGMA user_version = 3;"));
    q = queue_open(path, &o, err, sizeof err);
    ASSERT(q);
    ASSERT_INT_EQ(QUEUE_SCHEMA_VERSION, sql_int(path, "PRAGMA user_version"));
    ASSERT_INT_EQ(0, queue_delivery_status(q, &st, err, sizeof err));
    ASSERT_INT_EQ(2, st.waiting);
    ASSERT_INT_EQ(0, submit(q, "Cy New", &k));
    ASSERT_STR_EQ("Ann Old:0:-; Ben Old:0:-; Cy New:0:-; ", listing(q, 0, 0, &l));
    queue_close(q);
}

/* An unknown uuid marks nothing and is no error: the request was purged meanwhile. */
TEST(marks_of_unknown_requests_change_nothing)
{
    struct queue_delivery_status st;
    struct queue_receipt k;
    char path[600], err[256];
    struct queue *q = fresh_q(path, sizeof path, "unknown");
    const char *uuids[1] = { "00000000-0000-4000-8000-000000000000" };

    ASSERT(q);
    ASSERT_INT_EQ(0, submit(q, "Ann One", &k));
    ASSERT_INT_EQ(0, queue_delivery_done(q, uuids, 1, 0, NULL, err, sizeof err));
    ASSERT_INT_EQ(0, queue_delivery_failed(q, uuids, 1, "x", NULL, err, sizeof err));
    ASSERT_INT_EQ(0, queue_delivery_status(q, &st, err, sizeof err));
    ASSERT_INT_EQ(1, st.waiting);
    ASSERT_INT_EQ(0, sql_int(path, "SELECT max(attempts) FROM deliveries"));
    queue_close(q);
}

int main(int argc, char **argv)
{
    BEGIN(argc, argv);
    make_test_dir();
    RUN(a_new_request_waits_and_is_listed_oldest_first);
    RUN(delivered_failed_rejected_and_retried);
    RUN(delivered_and_forgotten_leaves_no_trace_in_the_files);
    RUN(a_purge_takes_the_delivery_state_with_the_request);
    RUN(migration_from_v3_makes_every_request_wait);
    RUN(marks_of_unknown_requests_change_nothing);
    END();
}
