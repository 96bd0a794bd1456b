/* queue_recover: what is readable of a damaged queue file, copied into a queue (see queue_recover.h).
 *
 * salvage hands over every row it finds whole in the file's pages, of any table; a row is taken
 * for a request when it has the columns of one (version 3 on) and passes the checks a submit
 * passes, for a batch when it has a batch's. They are gathered in temporary tables first, so that
 * copies of one row (an old version of a page beside the new) go in once. A request in a batch
 * that was read keeps that batch, as long as the queue it goes into has no pending request and no
 * batch of that number or later (a queue just started afresh, as after a move aside): batches are
 * ranges of ids, and requests are written once, so a kept batch takes its requests' new ids. Any
 * other request goes in pending (sent again, rather than lost), except one whose batch was read
 * as acknowledged: the clinic has it already. */
#include "queue_recover.h"

#include <stdio.h>
#include <string.h>

#include "salvage.h"
#include "utf8.h"

/* ---------------------------------------------------------------- defines */

#define CHUNK "500" /* requests copied in one transaction: short, so that a submit hardly waits */

static const char staging[] =
    "CREATE TEMP TABLE IF NOT EXISTS salvage_rows (old_id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,"
    "  ref TEXT, created_utc TEXT, kiosk_id TEXT, treatment_id TEXT, name TEXT, phone TEXT, email TEXT,"
    "  contact_time TEXT, screening TEXT, answers TEXT, consent_contact INTEGER, consent_share_answers INTEGER,"
    "  notice_version TEXT, batch INTEGER, fate TEXT);"
    "CREATE TEMP TABLE IF NOT EXISTS salvage_batches (id INTEGER PRIMARY KEY, first_request_id INTEGER,"
    "  last_request_id INTEGER, count INTEGER, created_utc TEXT, acknowledged_utc TEXT);"
    "DELETE FROM temp.salvage_rows; DELETE FROM temp.salvage_batches;";

static const char unstaging[] = "DROP TABLE IF EXISTS temp.salvage_rows; DROP TABLE IF EXISTS temp.salvage_batches;";

/* The columns copied, from salvage_rows r into submissions: a reference another request in the
 * queue has already goes in empty (references must stay unique; the UUID names the request). */
#define COPY_COLUMNS "INSERT INTO main.submissions (uuid, ref, created_utc, kiosk_id, treatment_id, name, phone," \
    " email, contact_time, screening, answers, consent_contact, consent_share_answers, notice_version)" \
    " SELECT r.uuid, CASE WHEN EXISTS (SELECT 1 FROM main.submissions s WHERE s.ref = r.ref) THEN NULL ELSE r.ref END," \
    " r.created_utc, r.kiosk_id, r.treatment_id, r.name, r.phone, r.email, r.contact_time, r.screening, r.answers," \
    " r.consent_contact, r.consent_share_answers, r.notice_version FROM temp.salvage_rows r"

#define NO_REF_COUNT "SELECT count(*) FROM temp.salvage_rows r WHERE r.ref IS NOT NULL" \
    " AND EXISTS (SELECT 1 FROM main.submissions s WHERE s.ref = r.ref)"

/* ---------------------------------------------------------------- types */

struct gather {
    sqlite3_stmt *row, *batch, *json;
    struct queue_recovery *r;
    int failed;
};

/* ---------------------------------------------------------------- helpers */

static int is_text(const struct salvage_value *v, size_t min, size_t max)
{
    return v->type == SALVAGE_TEXT && v->n >= min && v->n <= max && !memchr(v->p, '\0', v->n);
}

/* Copies a text column into out (of len bytes), "" for NULL. */
static const char *text(const struct salvage_value *v, char *out, size_t len)
{
    size_t n = v->type == SALVAGE_TEXT && v->n < len ? v->n : 0;

    memcpy(out, n ? (const char *)v->p : "", n);
    out[n] = '\0';
    return out;
}

static int uuid_shaped(const struct salvage_value *v)
{
    if (!is_text(v, QUEUE_UUID_LEN, QUEUE_UUID_LEN))
        return 0;
    for (int i = 0; i < QUEUE_UUID_LEN; i++) {
        int dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? v->p[i] != '-' : !strchr("0123456789abcdef", v->p[i]))
            return 0;
    }
    return 1;
}

/* "2026-11-25T15:04:05Z", as the queue writes every time. */
static int time_shaped(const struct salvage_value *v)
{
    static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";

    if (!is_text(v, QUEUE_TIME_LEN, QUEUE_TIME_LEN))
        return 0;
    for (int i = 0; i < QUEUE_TIME_LEN; i++)
        if (shape[i] == 'd' ? v->p[i] < '0' || v->p[i] > '9' : v->p[i] != (unsigned char)shape[i])
            return 0;
    return 1;
}

static void bind_value(sqlite3_stmt *s, int i, const struct salvage_value *v)
{
    if (v->type == SALVAGE_TEXT)
        sqlite3_bind_text(s, i, (const char *)v->p, (int)v->n, SQLITE_TRANSIENT);
    else if (v->type == SALVAGE_INT)
        sqlite3_bind_int64(s, i, v->i);
    else
        sqlite3_bind_null(s, i);
}

/* A request as version 3 on stores it (submissions): id (NULL: the rowid), uuid, ref, created_utc,
 * kiosk_id, treatment_id, name, phone, email, contact_time, screening, answers, consent_contact,
 * consent_share_answers, notice_version. Returns 1 for one that holds together, 0 for another
 * table's row, -1 for one that looks like a request but does not hold together. */
static int request_row(int n, const struct salvage_value *c)
{
    char buf[7][QUEUE_NAME_MAX + 1], answers[QUEUE_ANSWERS_MAX + 1], problem[128];
    struct queue_request q;

    if (n < 15 || c[0].type != SALVAGE_NULL || !uuid_shaped(&c[1]))
        return 0;
    if (!(c[2].type == SALVAGE_NULL || is_text(&c[2], 1, 16)) || !time_shaped(&c[3]) ||
        c[12].type != SALVAGE_INT || c[13].type != SALVAGE_INT || !(c[11].type == SALVAGE_NULL || c[11].type == SALVAGE_TEXT))
        return -1;
    for (int i = 4; i <= 10; i++)
        if (!is_text(&c[i], 0, QUEUE_NAME_MAX))
            return -1;
    if (!is_text(&c[14], 0, QUEUE_NOTICE_MAX) || (c[11].type == SALVAGE_TEXT && c[11].n > QUEUE_ANSWERS_MAX))
        return -1;
    q = (struct queue_request){
        .kiosk_id = text(&c[4], buf[0], sizeof buf[0]), .treatment_id = text(&c[5], buf[1], sizeof buf[1]),
        .name = text(&c[6], buf[2], sizeof buf[2]), .phone = text(&c[7], buf[3], sizeof buf[3]),
        .email = text(&c[8], buf[4], sizeof buf[4]), .contact_time = text(&c[9], buf[5], sizeof buf[5]),
        .screening = text(&c[10], buf[6], sizeof buf[6]),
        .answers = c[11].type == SALVAGE_TEXT ? text(&c[11], answers, sizeof answers) : NULL,
        .consent_contact = (int)c[12].i, .consent_share_answers = (int)c[13].i, .notice_version = "",
    };
    if (c[12].i < 0 || c[12].i > 1 || c[13].i < 0 || c[13].i > 1 || queue_request_problem(&q, problem, sizeof problem) != 0)
        return -1;
    return 1;
}

/* A batch (batches, version 3 on): id (NULL: the rowid), first_request_id, last_request_id, count,
 * created_utc, acknowledged_utc. */
static int batch_row(long long id, int n, const struct salvage_value *c)
{
    return n >= 6 && n <= 8 && id > 0 && c[0].type == SALVAGE_NULL && c[1].type == SALVAGE_INT && c[2].type == SALVAGE_INT &&
           c[3].type == SALVAGE_INT && c[1].i >= 1 && c[2].i >= c[1].i - 1 && c[3].i >= 0 && time_shaped(&c[4]) &&
           (c[5].type == SALVAGE_NULL || time_shaped(&c[5]));
}

static int gather_row(void *ctx, long long rowid, int n, const struct salvage_value *c)
{
    struct gather *g = ctx;
    int is_request = request_row(n, c);
    sqlite3_stmt *s;

    if (is_request < 0) {
        g->r->unreadable++;
        return 0;
    }
    if (is_request && c[11].type == SALVAGE_TEXT) {     /* answers the schema would refuse */
        sqlite3_bind_text(g->json, 1, (const char *)c[11].p, (int)c[11].n, SQLITE_STATIC);
        is_request = sqlite3_step(g->json) == SQLITE_ROW && sqlite3_column_int(g->json, 0) == 1;
        sqlite3_reset(g->json);
        sqlite3_clear_bindings(g->json);
        if (!is_request) {
            g->r->unreadable++;
            return 0;
        }
    }
    if (is_request) {
        s = g->row;
        sqlite3_bind_int64(s, 1, rowid);
        for (int i = 1; i < 15; i++)
            bind_value(s, i + 1, &c[i]);
    } else if (batch_row(rowid, n, c)) {
        s = g->batch;
        sqlite3_bind_int64(s, 1, rowid);
        for (int i = 1; i < 6; i++)
            bind_value(s, i + 1, &c[i]);
    } else {
        return 0;
    }
    if (sqlite3_step(s) != SQLITE_DONE)
        g->failed = 1;
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return g->failed;
}

/* Runs sql and returns its one integer (0 when NULL), or -1 on error. */
static long long one_int(sqlite3 *db, const char *sql, long long a)
{
    sqlite3_stmt *s = NULL;
    long long v = -1;

    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK) {
        if (sqlite3_bind_parameter_count(s) > 0)
            sqlite3_bind_int64(s, 1, a);
        if (sqlite3_step(s) == SQLITE_ROW)
            v = sqlite3_column_int64(s, 0);
    }
    sqlite3_finalize(s);
    return v;
}

static int exec1(sqlite3 *db, const char *sql, long long a)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &s, NULL);

    if (rc == SQLITE_OK) {
        if (sqlite3_bind_parameter_count(s) > 0)
            sqlite3_bind_int64(s, 1, a);
        rc = sqlite3_step(s);
        rc = rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
    }
    sqlite3_finalize(s);
    return rc;
}

/* ---------------------------------------------------------------- the steps */

/* Reads the damaged file into the staging tables. Returns an sqlite code, or -1 (err set). */
static int gather(sqlite3 *db, const char *from, struct queue_recovery *r, char *err, size_t errlen)
{
    struct gather g = { .r = r };
    int rc = sqlite3_exec(db, staging, NULL, NULL, NULL);

    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO temp.salvage_rows VALUES"
                                " (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, json(?12), ?13, ?14, ?15, NULL, NULL)",
                                -1, &g.row, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO temp.salvage_batches VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                -1, &g.batch, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db, "SELECT json_valid(?1)", -1, &g.json, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "SAVEPOINT salvage", NULL, NULL, NULL);   /* touches only temp */
    if (rc == SQLITE_OK) {
        int scan = salvage_scan(from, gather_row, &g, NULL, err, errlen);
        if (scan < 0 || g.failed) {
            if (g.failed)
                snprintf(err, errlen, "cannot recover from '%s': %s", from, sqlite3_errmsg(db));
            sqlite3_exec(db, "ROLLBACK TO salvage; RELEASE salvage", NULL, NULL, NULL);
            rc = -1;
        } else {
            rc = sqlite3_exec(db, "RELEASE salvage", NULL, NULL, NULL);
        }
    }
    sqlite3_finalize(g.row);
    sqlite3_finalize(g.batch);
    sqlite3_finalize(g.json);
    return rc;
}

/* Drops the batches whose ranges do not follow each other in order (a garbled row that passed
 * for one), then gives each request the batch whose range holds it. */
static int place_in_batches(sqlite3 *db)
{
    sqlite3_stmt *s = NULL;
    long long last = 0;
    int rc = sqlite3_prepare_v2(db, "SELECT id, first_request_id, last_request_id FROM temp.salvage_batches ORDER BY id",
                                -1, &s, NULL);

    while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        long long id = sqlite3_column_int64(s, 0), first = sqlite3_column_int64(s, 1);
        if (first <= last)
            rc = exec1(db, "UPDATE temp.salvage_batches SET count = -1 WHERE id = ?1", id);
        else
            last = sqlite3_column_int64(s, 2) > last ? sqlite3_column_int64(s, 2) : last;
        rc = rc == SQLITE_OK || rc == SQLITE_ROW ? SQLITE_OK : rc;
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE && rc != SQLITE_OK)
        return rc;
    rc = sqlite3_exec(db, "DELETE FROM temp.salvage_batches WHERE count < 0;"
                          "UPDATE temp.salvage_rows SET batch = (SELECT b.id FROM temp.salvage_batches b"
                          "  WHERE salvage_rows.old_id BETWEEN b.first_request_id AND b.last_request_id);"
                          "UPDATE temp.salvage_rows SET fate = 'already'"
                          "  WHERE uuid IN (SELECT uuid FROM main.submissions);", NULL, NULL, NULL);
    return rc;
}

/* Copies each batch that can be kept, with its requests, one transaction each. */
static int keep_batches(sqlite3 *db, struct queue_recovery *r)
{
    static const char copy[] = COPY_COLUMNS " WHERE r.batch = ?1 AND r.fate IS NULL ORDER BY r.old_id";
    sqlite3_stmt *s = NULL, *ins = NULL, *cp = NULL;
    long long pending = one_int(db, "SELECT count(*) FROM main.submissions WHERE id >"
                                    " (SELECT coalesce(max(last_request_id), 0) FROM main.batches)", 0);
    long long newest = one_int(db, "SELECT coalesce(max(id), 0) FROM main.batches", 0);
    int rc;

    if (pending != 0)
        return pending < 0 ? SQLITE_ERROR : SQLITE_OK;     /* batches can only follow batches */
    rc = sqlite3_prepare_v2(db, "SELECT id, created_utc, acknowledged_utc FROM temp.salvage_batches WHERE id > ?1"
                            " ORDER BY id", -1, &s, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db, copy, -1, &cp, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db, "INSERT INTO main.batches (id, first_request_id, last_request_id, count, created_utc,"
                                " acknowledged_utc) SELECT ?1, p.last + 1, max(p.last, coalesce((SELECT max(id) FROM"
                                " main.submissions), 0)), ?2, ?3, ?4 FROM (SELECT coalesce(max(last_request_id), 0)"
                                " AS last FROM main.batches) p", -1, &ins, NULL);
    if (rc == SQLITE_OK)
        sqlite3_bind_int64(s, 1, newest);
    while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        long long id = sqlite3_column_int64(s, 0), n, no_ref;
        rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
        no_ref = one_int(db, NO_REF_COUNT " AND r.batch = ?1 AND r.fate IS NULL", id);
        sqlite3_bind_int64(cp, 1, id);
        if (rc == SQLITE_OK)
            rc = sqlite3_step(cp) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db);
        n = sqlite3_changes(db);
        sqlite3_reset(cp);
        sqlite3_bind_int64(ins, 1, id);
        sqlite3_bind_int64(ins, 2, n);
        sqlite3_bind_value(ins, 3, sqlite3_column_value(s, 1));
        sqlite3_bind_value(ins, 4, sqlite3_column_value(s, 2));
        if (rc == SQLITE_OK)
            rc = sqlite3_step(ins) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db);
        sqlite3_reset(ins);
        if (rc == SQLITE_OK)
            rc = exec1(db, "UPDATE temp.salvage_rows SET fate = 'batch' WHERE batch = ?1 AND fate IS NULL", id);
        if (rc == SQLITE_OK)
            rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
        if (rc != SQLITE_OK) {
            sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
            break;
        }
        r->batches++;
        r->exported += n;
        r->copied += n;
        r->no_ref += no_ref > 0 ? no_ref : 0;
    }
    sqlite3_finalize(s);
    sqlite3_finalize(cp);
    sqlite3_finalize(ins);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Copies the rest as pending, CHUNK at a time in queue order; skips those acknowledged before. */
static int copy_pending(sqlite3 *db, struct queue_recovery *r)
{
    static const char copy[] = COPY_COLUMNS " WHERE r.fate = 'pending' AND r.old_id > ?1 AND r.old_id <= ?2"
                               " ORDER BY r.old_id";
    sqlite3_stmt *cp = NULL, *upto = NULL;
    long long lo = 0;
    int rc = sqlite3_exec(db, "UPDATE temp.salvage_rows SET fate = CASE WHEN (SELECT b.acknowledged_utc FROM"
                              " temp.salvage_batches b WHERE b.id = salvage_rows.batch) IS NOT NULL THEN 'acknowledged'"
                              " ELSE 'pending' END WHERE fate IS NULL", NULL, NULL, NULL);

    r->acknowledged = one_int(db, "SELECT count(*) FROM temp.salvage_rows WHERE fate = 'acknowledged'", 0);
    r->reexport = one_int(db, "SELECT count(*) FROM temp.salvage_rows WHERE fate = 'pending' AND batch IS NOT NULL", 0);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db, copy, -1, &cp, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db, "SELECT max(old_id) FROM (SELECT old_id FROM temp.salvage_rows WHERE fate = 'pending'"
                                " AND old_id > ?1 ORDER BY old_id LIMIT " CHUNK ")", -1, &upto, NULL);
    while (rc == SQLITE_OK) {
        long long hi, n, no_ref;
        sqlite3_bind_int64(upto, 1, lo);
        rc = sqlite3_step(upto);
        hi = rc == SQLITE_ROW && sqlite3_column_type(upto, 0) != SQLITE_NULL ? sqlite3_column_int64(upto, 0) : 0;
        rc = rc == SQLITE_ROW ? SQLITE_OK : rc;
        sqlite3_reset(upto);
        if (rc != SQLITE_OK || hi == 0)
            break;
        rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
        no_ref = one_int(db, NO_REF_COUNT " AND r.fate = 'pending' AND r.old_id > ?1", lo) -
                 one_int(db, NO_REF_COUNT " AND r.fate = 'pending' AND r.old_id > ?1", hi);
        sqlite3_bind_int64(cp, 1, lo);
        sqlite3_bind_int64(cp, 2, hi);
        if (rc == SQLITE_OK)
            rc = sqlite3_step(cp) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db);
        n = sqlite3_changes(db);
        sqlite3_reset(cp);
        if (rc == SQLITE_OK)
            rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
        if (rc != SQLITE_OK) {
            sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
            break;
        }
        r->pending += n;
        r->copied += n;
        r->no_ref += no_ref > 0 ? no_ref : 0;
        lo = hi;
    }
    sqlite3_finalize(cp);
    sqlite3_finalize(upto);
    return rc;
}

/* ---------------------------------------------------------------- global functions */

int queue_recover_into(sqlite3 *db, const char *from, struct queue_recovery *r, char *err, size_t errlen)
{
    int rc;

    memset(r, 0, sizeof *r);
    rc = gather(db, from, r, err, errlen);
    if (rc == SQLITE_OK) {
        r->found = one_int(db, "SELECT count(*) FROM temp.salvage_rows", 0);
        rc = place_in_batches(db);
    }
    if (rc == SQLITE_OK) {
        r->already = one_int(db, "SELECT count(*) FROM temp.salvage_rows WHERE fate = 'already'", 0);
        rc = keep_batches(db, r);
    }
    if (rc == SQLITE_OK)
        rc = copy_pending(db, r);
    if (rc > 0)
        snprintf(err, errlen, "cannot recover from '%s': %s", from, sqlite3_errmsg(db));
    r->skipped = r->found - r->copied;
    sqlite3_exec(db, unstaging, NULL, NULL, NULL);      /* clients' details: not kept a moment longer */
    return rc == SQLITE_OK ? 0 : -1;
}
