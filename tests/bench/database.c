/* database: the request queue on disk: commit latency, export speed and the size of a request.
 * Every request is made up ("Test Person 0042"); nothing here is anyone's data. */
#include "sections.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "export.h"
#include "queue.h"

#define SUBMITS         1000
#define SUBMIT_P99_MS   5.0
#define EXPORT_ROWS     100000
#define EXPORT_LIMIT_S  0.5
#define PURGE_ROWS      300000
#define PURGE_WAIT_MS   250.0   /* the longest a submit may wait behind a purge */
#define XLSX_LIMIT_S    2.0     /* issue 11: 100,000 requests to .xlsx */
#define XLSX_MEMORY_MIB 50.0    /* issue 11: kioskctl's peak while doing it */

extern char **environ;

/* What a client who took the checklist and shared the answers sends (6 questions, as in the content). */
static const char answers[] =
    "[{\"question\":\"Are you pregnant or breast-feeding?\",\"answer\":\"no\"},"
    "{\"question\":\"Do you have a neuromuscular disorder such as myasthenia gravis?\",\"answer\":\"no\"},"
    "{\"question\":\"Have you had botulinum toxin in the last 3 months?\",\"answer\":\"no\"},"
    "{\"question\":\"Do you have an infection or inflammation where the injections would go?\",\"answer\":\"no\"},"
    "{\"question\":\"Do you have a swallowing disorder or breathing difficulties?\",\"answer\":\"no\"},"
    "{\"question\":\"Are you younger than 18?\",\"answer\":\"no\"}]";

static struct queue_request made_up(char *name, size_t len, int i)
{
    snprintf(name, len, "Test Person %04d", i);
    return (struct queue_request){
        .kiosk_id = "reception-1", .treatment_id = "calf-slimming", .name = name, .phone = "07700 900118",
        .email = "test.person@example.com", .contact_time = "afternoon", .screening = "clear",
        .answers = answers, .consent_contact = 1, .consent_share_answers = 1, .notice_version = "0123456789abcdef",
    };
}

/* Bytes of path and its write-ahead log, or -1 when path cannot be read. */
static long long file_bytes(const char *path)
{
    char wal[BENCH_PATH_MAX + 16];
    struct stat st;
    long long n;

    if (stat(path, &st) != 0)
        return -1;
    n = st.st_size;
    snprintf(wal, sizeof wal, "%s-wal", path);
    if (stat(wal, &st) == 0)
        n += st.st_size;
    return n;
}

/* A new, empty queue database at tmp/name (its path in path). Returns 0, or -1 with err. */
static int make_queue(const struct bench_env *e, const char *name, char *path, size_t len, char *err, size_t errlen)
{
    struct queue_options o = { .create = 1 };
    struct queue *q;

    snprintf(path, len, "%s/%s", e->tmp, name);
    q = queue_open(path, &o, err, errlen);
    queue_close(q);
    return q ? 0 : -1;
}

void bench_submit(const struct bench_env *e, struct report *r)
{
    const char *figure = "submit p50/p99, synchronous=FULL, 1,000 commits";
    char path[BENCH_PATH_MAX + 32], name[64], err[512];
    struct queue_options o = { 0 };
    struct queue_receipt receipt;
    struct queue *q = NULL;
    struct samples ms, settle;
    long long empty;

    if (samples_init(&ms, SUBMITS) != 0 || samples_init(&settle, SUBMITS) != 0) {
        report_failed(r, figure, "out of memory");
        return;
    }
    if (make_queue(e, "submit.db", path, sizeof path, err, sizeof err) != 0 ||
        !(q = queue_open(path, &o, err, sizeof err))) {
        report_failed(r, figure, "%s", err);
        goto out;
    }
    empty = file_bytes(path);
    for (int i = 0; i < SUBMITS; i++) {
        struct queue_request req = made_up(name, sizeof name, i);
        double t0 = report_now_ms();
        if (queue_submit(q, &req, &receipt, err, sizeof err) != 0) {
            report_failed(r, figure, "submit %d: %s", i + 1, err);
            goto out;
        }
        samples_add(&ms, report_now_ms() - t0);
        /* as the kiosk does once the thank-you is on screen: the request moves into the file */
        t0 = report_now_ms();
        queue_settle(q);
        samples_add(&settle, report_now_ms() - t0);
    }
    report_p50_p99(r, figure, &ms, SUBMIT_P99_MS);
    report_p50_p99(r, "checkpoint after each submit p50/p99 (after the thanks)", &settle, 0);
    queue_close(q);
    q = NULL;
    report_info(r, "database size per 1,000 requests (submitted)", "%.0f KiB (empty: %.0f KiB)",
                (double)(file_bytes(path) - empty) / 1024.0, (double)empty / 1024.0);
out:
    queue_close(q);
    samples_free(&ms);
    samples_free(&settle);
}

/* Stores n made-up pending requests in the queue database at path, in one transaction, with one
 * prepared statement. Returns 0, or -1 with err. */
static int fill(const char *path, int n, char *err, size_t errlen)
{
    static const char sql[] =
        "INSERT INTO requests (uuid, ref, created_utc, kiosk_id, treatment_id, name, phone, email,"
        " contact_time, screening, answers, consent_contact, consent_share_answers, notice_version)"
        " VALUES (?1, ?2, '2026-03-02T10:15:00Z', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
    static const char ref_alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    char name[64], uuid[QUEUE_UUID_LEN + 1], ref[QUEUE_REF_LEN + 1];
    int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL);

    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    for (int i = 0; i < n && rc == SQLITE_OK; i++) {
        struct queue_request q = made_up(name, sizeof name, i);
        snprintf(uuid, sizeof uuid, "%08x-0000-4000-8000-%012x", (unsigned)i, (unsigned)i * 7919u);
        snprintf(ref, sizeof ref, "FT-%c%c%c%c", ref_alphabet[i >> 15 & 31], ref_alphabet[i >> 10 & 31],
                 ref_alphabet[i >> 5 & 31], ref_alphabet[i & 31]);
        sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, ref, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, q.kiosk_id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, q.treatment_id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, q.name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 6, q.phone, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 7, q.email, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 8, q.contact_time, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 9, q.screening, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 10, q.answers, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 11, q.consent_contact);
        sqlite3_bind_int(st, 12, q.consent_share_answers);
        sqlite3_bind_text(st, 13, q.notice_version, -1, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? sqlite3_reset(st) : sqlite3_errcode(db);
    }
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        snprintf(err, errlen, "cannot fill '%s': %s", path, db ? sqlite3_errmsg(db) : "out of memory");
    sqlite3_finalize(st);
    sqlite3_close(db);
    return rc == SQLITE_OK ? 0 : -1;
}

/* Exports EXPORT_ROWS pending requests in fmt to a file; reports seconds and MB/s. Returns the
 * size of the filled database, or -1. */
static long long export_one(const struct bench_env *e, struct report *r, enum export_format fmt, const char *what)
{
    static const char *const db_name[] = {
        [EXPORT_CSV] = "export-csv.db", [EXPORT_CSV_EXCEL] = "export-csv.db",
        [EXPORT_JSONL] = "export-jsonl.db", [EXPORT_XLSX] = "export-xlsx.db",
    };
    double limit = fmt == EXPORT_XLSX ? XLSX_LIMIT_S : EXPORT_LIMIT_S;
    char figure[96], db[BENCH_PATH_MAX + 32], out[BENCH_PATH_MAX + 32], err[512], value[96], target[48];
    struct queue_batch b;
    struct queue *q;
    long long db_bytes = -1;
    double t0, s;
    int rc;

    snprintf(figure, sizeof figure, "export 100,000 requests to %s", what);
    if (make_queue(e, db_name[fmt], db, sizeof db, err, sizeof err) != 0 ||
        fill(db, EXPORT_ROWS, err, sizeof err) != 0 || !(q = queue_open(db, NULL, err, sizeof err))) {
        report_failed(r, figure, "%s", err);
        return -1;
    }
    db_bytes = file_bytes(db);
    snprintf(out, sizeof out, "%s/export.%s", e->tmp, export_format_name(fmt));
    t0 = report_now_ms();
    rc = export_to_path(q, 0, fmt, out, &b, err, sizeof err);
    s = (report_now_ms() - t0) / 1000.0;
    queue_close(q);
    if (rc != 0 || b.count != EXPORT_ROWS) {
        report_failed(r, figure, "%s", rc != 0 ? err : "not every request was exported");
        return -1;
    }
    snprintf(value, sizeof value, "%.3f s, %.0f MB/s", s, (double)file_bytes(out) / 1e6 / s);
    snprintf(target, sizeof target, "< %g s", limit);
    report_check(r, figure, s < limit, value, target);
    remove(out);
    return db_bytes;
}

/* kioskctl, the kiosk's neighbour, as staff run it: 100,000 pending requests to one .xlsx, timed as a
 * whole process, with its peak resident memory (libxlsxwriter's constant-memory mode keeps it flat). */
static void export_xlsx_process(const struct bench_env *e, struct report *r)
{
    const char *figure = "kioskctl export 100,000 to .xlsx, peak memory";
    char ctl[BENCH_PATH_MAX + 16], db[BENCH_PATH_MAX + 32], out[BENCH_PATH_MAX + 32], err[512];
    char value[96], target[48];
    const char *slash = strrchr(e->kiosk, '/');
    struct rusage ru;
    double t0, s, mib;
    int status = 0;
    pid_t pid;

    snprintf(ctl, sizeof ctl, "%.*skioskctl", slash ? (int)(slash - e->kiosk + 1) : 0, e->kiosk);
    snprintf(out, sizeof out, "%s/process.xlsx", e->tmp);
    if (make_queue(e, "export-process.db", db, sizeof db, err, sizeof err) != 0 ||
        fill(db, EXPORT_ROWS, err, sizeof err) != 0) {
        report_failed(r, figure, "%s", err);
        return;
    }
    {
        char *const argv[] = { ctl, "--config", (char *)e->config, "--db", db, "export", "--out", out, NULL };
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
        t0 = report_now_ms();
        status = posix_spawn(&pid, ctl, &fa, NULL, argv, environ);
        posix_spawn_file_actions_destroy(&fa);
    }
    if (status != 0) {
        report_failed(r, figure, "cannot run '%s': %s", ctl, strerror(status));
        return;
    }
    if (wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        report_failed(r, figure, "'%s export' failed", ctl);
        return;
    }
    s = (report_now_ms() - t0) / 1000.0;
    mib = (double)ru.ru_maxrss / 1024.0;
    snprintf(value, sizeof value, "%.3f s, %.1f MiB", s, mib);
    snprintf(target, sizeof target, "< %g s, < %g MiB", XLSX_LIMIT_S, XLSX_MEMORY_MIB);
    report_check(r, figure, s < XLSX_LIMIT_S && mib < XLSX_MEMORY_MIB, value, target);
    remove(out);
}

void bench_export(const struct bench_env *e, struct report *r)
{
    char path[BENCH_PATH_MAX + 32], err[512];
    long long filled = export_one(e, r, EXPORT_CSV, "CSV"), empty;

    export_one(e, r, EXPORT_JSONL, "JSON Lines");
    export_one(e, r, EXPORT_XLSX, ".xlsx");
    export_xlsx_process(e, r);
    if (filled < 0 || make_queue(e, "empty.db", path, sizeof path, err, sizeof err) != 0)
        return;
    empty = file_bytes(path);
    report_info(r, "database size per 1,000 requests (of 100,000)", "%.0f KiB",
                (double)(filled - empty) / 1024.0 / (EXPORT_ROWS / 1000));
}

int bench_fill_fast(const char *path, long long n, int acknowledged, int short_answers, char *err, size_t errlen)
{
    static const char few[] = "{\"q1\":\"no\",\"q2\":\"no\",\"q3\":\"no\",\"q4\":\"no\",\"q5\":\"no\",\"q6\":\"no\"}";
    static const char sql[] =
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %lld)"
        " INSERT INTO submissions (uuid, ref, created_utc, kiosk_id, treatment_id, name, phone, email,"
        "  contact_time, screening, answers, consent_contact, consent_share_answers, notice_version)"
        " SELECT printf('%%08x-0000-4000-8000-%%012x', i, i * 7919), printf('FT-%%07d', i),"
        "  strftime('%%Y-%%m-%%dT%%H:%%M:%%SZ', 'now', '-30 days'), 'reception-1', 'calf-slimming',"
        "  'Test Person ' || i, '07700 900118', 'test.person@example.com', 'afternoon', 'clear', ?1, 1, 1,"
        "  '0123456789abcdef' FROM n;"
        "%s";
    static const char acked[] =
        "INSERT INTO batches (id, first_request_id, last_request_id, count, created_utc, acknowledged_utc)"
        " SELECT 1, 1, max(id), count(*), '2025-01-02T09:00:00Z', '2025-01-03T09:00:00Z' FROM submissions;";
    char text[sizeof sql + sizeof acked + 32];
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    const char *tail;
    int rc;

    snprintf(text, sizeof text, sql, n, acknowledged ? acked : "");
    rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
    /* the first statement takes the answers as a parameter; the rest run as they are */
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db, text, -1, &st, &tail);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, short_answers ? few : answers, -1, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, tail, NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "COMMIT; PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        snprintf(err, errlen, "cannot fill '%s': %s", path, db ? sqlite3_errmsg(db) : "out of memory");
    sqlite3_close(db);
    return rc == SQLITE_OK ? 0 : -1;
}

/* A purge of PURGE_ROWS acknowledged requests in another process, while this one submits every
 * 20 ms as the kiosk would: how long each submit waited. */
void bench_purge(const struct bench_env *e, struct report *r)
{
    const char *figure = "submit during a purge of 300,000 requests, max wait";
    char path[BENCH_PATH_MAX + 32], name[64], err[512], value[96], target[48];
    struct queue_receipt receipt;
    struct queue *q = NULL;
    struct samples ms;
    int status = 0, failed = 0;
    double t0, max = 0;
    pid_t pid = -1;

    if (samples_init(&ms, 5000) != 0) {
        report_failed(r, figure, "out of memory");
        return;
    }
    if (make_queue(e, "purge.db", path, sizeof path, err, sizeof err) != 0 ||
        bench_fill_fast(path, PURGE_ROWS, 1, 0, err, sizeof err) != 0 || !(q = queue_open(path, NULL, err, sizeof err))) {
        report_failed(r, figure, "%s", err);
        goto out;
    }
    t0 = report_now_ms();
    pid = fork();
    if (pid == 0) {
        struct queue *p = queue_open(path, NULL, err, sizeof err);
        long long deleted = 0;
        _exit(p && queue_purge(p, 0, &deleted, err, sizeof err) == 0 && deleted == PURGE_ROWS ? 0 : 1);
    }
    while (pid > 0 && waitpid(pid, &status, WNOHANG) == 0 && ms.n < ms.cap) {
        struct queue_request req = made_up(name, sizeof name, ms.n);
        double s0 = report_now_ms(), took;
        struct timespec gap = { 0, 20 * 1000000L };
        failed += queue_submit(q, &req, &receipt, err, sizeof err) != 0;
        took = report_now_ms() - s0;
        queue_settle(q);
        samples_add(&ms, took);
        if (took > max)
            max = took;
        nanosleep(&gap, NULL);
    }
    if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0 || failed) {
        report_failed(r, figure, failed ? "%d submits failed" : "the purge failed", failed);
        goto out;
    }
    snprintf(value, sizeof value, "%.1f ms (p50 %.2f, n=%d, purge %.1f s)", max, samples_percentile(&ms, 50), ms.n,
             (report_now_ms() - t0) / 1000.0);
    snprintf(target, sizeof target, "< %g ms", PURGE_WAIT_MS);
    report_check(r, figure, max < PURGE_WAIT_MS, value, target);
out:
    queue_close(q);
    samples_free(&ms);
}
