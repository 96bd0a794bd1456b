/* sync_pg: the PostgreSQL receiver over libpq (see sync_pg.h and deploy/postgresql/schema.sql). */
#include "sync_pg.h"

#include <errno.h>
#include <libpq-fe.h>
#include <poll.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---------------------------------------------------------------- defines */

#define SYSTEM_CA_BUNDLE    "/etc/ssl/certs/ca-certificates.crt"
#define PASSWORD_MAX        1024

/* The requests of one transaction, a JSON array of the export's objects, become rows in one
 * statement: PostgreSQL reads the array itself, so the field names are the export's by design. A
 * request without a reference (the queue allows one, issue 10) goes with an empty one, as the CSV
 * has it, rather than have the server refuse it and every request after it for ever. */
static const char sql_insert[] =
    "INSERT INTO enquiries (uuid, batch_id, ref, created_utc, kiosk_id, treatment_id, name, phone, email,"
    " contact_time, screening, answers, consent_contact, consent_share_answers, notice_version, language)"
    " SELECT uuid, batch_id, coalesce(ref, ''), created_utc, kiosk_id, treatment_id, name, phone, email,"
    " contact_time, screening, answers, consent_contact, consent_share_answers, notice_version,"
    " coalesce(language, '')"
    " FROM json_to_recordset($1::json) AS r(batch_id bigint, uuid uuid, ref text, created_utc timestamptz,"
    " kiosk_id text, treatment_id text, name text, phone text, email text, contact_time text, screening text,"
    " answers jsonb, consent_contact boolean, consent_share_answers boolean, notice_version text, language text)"
    " ON CONFLICT (uuid) DO NOTHING";

static const char sql_status[] =
    "INSERT INTO kiosk_status (kiosk_id, version, last_seen, waiting, last_error)"
    " VALUES ($1, $2, now(), $3, NULLIF($4, ''))"
    " ON CONFLICT (kiosk_id) DO UPDATE SET version = excluded.version, last_seen = excluded.last_seen,"
    " waiting = excluded.waiting, last_error = excluded.last_error";

/* ---------------------------------------------------------------- types */

struct sync_pg {
    PGconn *conn;                   /* NULL until connected, and after any failure */
    struct sync_pg_params params;
    char *conninfo, *password, *ca_file;    /* owned copies the params point into */
    long request_ms;
    char where[256];                /* the server, for messages */
};

/* ---------------------------------------------------------------- parameters */

/* 1 when host (one entry of a comma-separated list) is this machine: a Unix socket or loopback. */
static int host_is_local(const char *host, size_t len)
{
    char one[256];

    if (len == 0 || host[0] == '/' || host[0] == '@')
        return 1;
    snprintf(one, sizeof one, "%.*s", (int)(len < sizeof one ? len : sizeof one - 1), host);
    return sync_host_is_loopback(one);
}

/* 1 when every entry of the comma-separated list is local (NULL or empty: the default socket). */
static int hosts_local(const char *list)
{
    if (!list || !*list)
        return 1;
    for (const char *p = list;;) {
        size_t n = strcspn(p, ",");
        if (!host_is_local(p, n))
            return 0;
        if (!p[n])
            return 1;
        p += n + 1;
    }
}

static void param_add(struct sync_pg_params *p, int *n, const char *k, const char *v)
{
    if (*n < SYNC_PG_PARAMS_MAX) {
        p->keywords[*n] = k;
        p->values[*n] = v;
        ++*n;
    }
    p->keywords[*n] = NULL;
    p->values[*n] = NULL;
}

int sync_pg_params(const char *conninfo, const char *password, const char *ca_file, const struct sync_timing *t,
                   struct sync_pg_params *p, char *err, size_t errlen)
{
    PQconninfoOption *opts;
    char *why = NULL;
    const char *host = NULL, *hostaddr = NULL, *sslmode = NULL, *rootcert = NULL;
    int n = 0;

    memset(p, 0, sizeof *p);
    opts = PQconninfoParse(conninfo, &why);
    if (!opts) {
        snprintf(err, errlen, "sync-url is not a PostgreSQL address libpq can read%s%s", why ? ": " : "",
                 why ? why : "");
        err[strcspn(err, "\n")] = '\0';
        PQfreemem(why);
        return -1;
    }
    for (PQconninfoOption *o = opts; o->keyword; o++) {
        if (!o->val)
            continue;
        if (strcmp(o->keyword, "host") == 0)
            host = o->val;
        else if (strcmp(o->keyword, "hostaddr") == 0)
            hostaddr = o->val;
        else if (strcmp(o->keyword, "sslmode") == 0)
            sslmode = o->val;
        else if (strcmp(o->keyword, "sslrootcert") == 0)
            rootcert = o->val;
    }
    p->local = hosts_local(host) && (!hostaddr || !*hostaddr || hosts_local(hostaddr));
    if (!p->local && sslmode && strcmp(sslmode, "verify-full") != 0) {
        snprintf(err, errlen, "sync-url: the database is on another machine, so sslmode must be verify-full, "
                 "not '%.32s'", sslmode);
        PQconninfoFree(opts);
        return -1;
    }
    PQconninfoFree(opts);
    snprintf(p->connect_timeout, sizeof p->connect_timeout, "%ld", (t->connect_ms + 999) / 1000);
    /* Processed in order: the address first, then what it may not override. */
    param_add(p, &n, "dbname", conninfo);
    param_add(p, &n, "connect_timeout", p->connect_timeout);
    param_add(p, &n, "application_name", "kiosk-sync");
    param_add(p, &n, "keepalives", "1");
    param_add(p, &n, "keepalives_idle", "30");
    param_add(p, &n, "keepalives_interval", "10");
    param_add(p, &n, "keepalives_count", "3");
    param_add(p, &n, "tcp_user_timeout", "15000");
    if (!p->local) {
        param_add(p, &n, "sslmode", "verify-full");
        if (ca_file && *ca_file)
            param_add(p, &n, "sslrootcert", ca_file);
        else if (!rootcert)
            param_add(p, &n, "sslrootcert", SYSTEM_CA_BUNDLE);
    }
    if (password && *password)
        param_add(p, &n, "password", password);
    return 0;
}

/* ---------------------------------------------------------------- client */

/* "host:port/db" of the connection, for messages. */
static void describe(struct sync_pg *p)
{
    sync_describe(p->conninfo, p->where, sizeof p->where);
}

struct sync_pg *sync_pg_new(const char *conninfo, const char *password, const char *ca_file,
                            const struct sync_timing *t, char *err, size_t errlen)
{
    struct sync_pg *p = calloc(1, sizeof *p);

    if (!p || !(p->conninfo = strdup(conninfo)) || (password && *password && !(p->password = strdup(password))) ||
        (ca_file && *ca_file && !(p->ca_file = strdup(ca_file)))) {
        snprintf(err, errlen, "cannot start the PostgreSQL client: out of memory");
        sync_pg_free(p);
        return NULL;
    }
    p->request_ms = t->request_ms;
    if (sync_pg_params(p->conninfo, p->password, p->ca_file, t, &p->params, err, errlen) != 0) {
        sync_pg_free(p);
        return NULL;
    }
    describe(p);
    return p;
}

void sync_pg_free(struct sync_pg *p)
{
    if (!p)
        return;
    if (p->conn)
        PQfinish(p->conn);
    if (p->password)
        sodium_memzero(p->password, strlen(p->password));
    if (p->conninfo)
        sodium_memzero(p->conninfo, strlen(p->conninfo));   /* may hold a password too */
    free(p->password);
    free(p->conninfo);
    free(p->ca_file);
    free(p);
}

/* Puts "what: libpq's first line" into out->error and forgets the connection. */
static void fail_conn(struct sync_pg *p, const char *what, struct sync_outcome *out)
{
    char msg[SYNC_TEXT_MAX + 256];
    const char *why = p->conn ? PQerrorMessage(p->conn) : "out of memory";

    snprintf(msg, sizeof msg, "%s %s: %s", what, p->where, why && *why ? why : "connection lost");
    msg[strcspn(msg, "\n")] = '\0';
    sync_clean_text(msg, out->error, sizeof out->error);
    out->result = SYNC_RETRY;
    if (p->conn)
        PQfinish(p->conn);
    p->conn = NULL;
}

static int connect_pg(struct sync_pg *p, struct sync_outcome *out)
{
    if (p->conn && PQstatus(p->conn) == CONNECTION_OK)
        return 0;
    if (p->conn)
        PQfinish(p->conn);
    p->conn = PQconnectdbParams(p->params.keywords, p->params.values, 1);
    if (!p->conn || PQstatus(p->conn) != CONNECTION_OK) {
        fail_conn(p, "cannot connect to", out);
        return -1;
    }
    return 0;
}

static double now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* A result's error in words: the primary message and SQLSTATE, never the DETAIL, which can quote
 * a row; for data errors (classes 22 and 23) not even the message, which can quote a value. */
static void result_error(struct sync_pg *p, const char *what, const PGresult *r, struct sync_outcome *out)
{
    const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    const char *primary = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
    char msg[SYNC_TEXT_MAX + 256];

    out->result = SYNC_RETRY;
    if (state && (strncmp(state, "22", 2) == 0 || strncmp(state, "23", 2) == 0)) {
        /* The rows themselves: sending them again would be refused again (the caller finds which). */
        snprintf(msg, sizeof msg, "%s %s: the server refused the data (SQLSTATE %s)", what, p->where, state);
        snprintf(out->status_line, sizeof out->status_line, "SQLSTATE %s: the server refused the data", state);
        out->result = SYNC_REJECTED;
    } else {
        snprintf(msg, sizeof msg, "%s %s: %s (SQLSTATE %s)", what, p->where, primary ? primary : "error",
                 state ? state : "unknown");
    }
    sync_clean_text(msg, out->error, sizeof out->error);
}

/* Runs one statement and waits for its reply at most the request time. Returns its result (the
 * caller's to PQclear) when it succeeded with want, else NULL with out filled and, unless it was
 * the statement that failed, the connection dropped. */
static PGresult *run(struct sync_pg *p, const char *what, const char *sql, int n, const char *const *values,
                     ExecStatusType want, struct sync_outcome *out)
{
    double deadline = now_ms() + (double)p->request_ms;
    PGresult *r, *first = NULL;

    if (!PQsendQueryParams(p->conn, sql, n, NULL, values, NULL, NULL, 0)) {
        fail_conn(p, what, out);
        return NULL;
    }
    while (PQisBusy(p->conn)) {
        struct pollfd fd = { .fd = PQsocket(p->conn), .events = POLLIN };
        double left = deadline - now_ms();
        int ready = left > 0 ? poll(&fd, 1, (int)left + 1) : 0;
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready <= 0) {
            char msg[SYNC_TEXT_MAX + 64];
            snprintf(msg, sizeof msg, "%s %s: no reply within %ld s", what, p->where, (p->request_ms + 999) / 1000);
            PQfinish(p->conn);
            p->conn = NULL;
            sync_clean_text(msg, out->error, sizeof out->error);
            out->result = SYNC_RETRY;
            return NULL;
        }
        if (!PQconsumeInput(p->conn)) {
            fail_conn(p, what, out);
            return NULL;
        }
    }
    while ((r = PQgetResult(p->conn)) != NULL) {
        if (!first)
            first = r;
        else
            PQclear(r);
    }
    if (first && PQresultStatus(first) == want)
        return first;
    if (first && PQresultStatus(first) == PGRES_FATAL_ERROR && PQstatus(p->conn) == CONNECTION_OK)
        result_error(p, what, first, out);
    else
        fail_conn(p, what, out);
    PQclear(first);
    return NULL;
}

/* Runs a statement without parameters or rows. Returns 0, or -1 with out filled. */
static int run_command(struct sync_pg *p, const char *what, const char *sql, struct sync_outcome *out)
{
    PGresult *r = run(p, what, sql, 0, NULL, PGRES_COMMAND_OK, out);

    PQclear(r);
    return r ? 0 : -1;
}

void sync_pg_deliver(struct sync_pg *p, const char *json, size_t len, int n, struct sync_outcome *out)
{
    const char *values[1] = { json };
    PGresult *r;
    int committed;

    memset(out, 0, sizeof *out);
    out->result = SYNC_RETRY;
    out->retry_after_s = -1;
    (void)len;      /* the array ends with its NUL, as libpq wants text parameters */
    (void)n;
    if (connect_pg(p, out) != 0)
        return;
    if (run_command(p, "cannot start a transaction on", "BEGIN", out) != 0)
        return;
    r = run(p, "cannot store the requests on", sql_insert, 1, values, PGRES_COMMAND_OK, out);
    PQclear(r);
    if (!r) {
        if (p->conn)
            run_command(p, "cannot roll back on", "ROLLBACK", &(struct sync_outcome){ 0 });
        return;
    }
    /* A COMMIT of a failed transaction answers ROLLBACK, and still with PGRES_COMMAND_OK. */
    r = run(p, "cannot commit on", "COMMIT", 0, NULL, PGRES_COMMAND_OK, out);
    committed = r && strcmp(PQcmdStatus(r), "COMMIT") == 0;
    PQclear(r);
    if (r && !committed)
        snprintf(out->error, sizeof out->error, "the transaction on %.150s was rolled back", p->where);
    if (committed)
        out->result = SYNC_OK;
}

void sync_pg_status(struct sync_pg *p, const char *kiosk_id, const char *version, long long waiting,
                    const char *last_error, struct sync_outcome *out)
{
    char count[24];
    const char *values[4] = { kiosk_id, version, count, last_error ? last_error : "" };
    PGresult *r;

    memset(out, 0, sizeof *out);
    out->result = SYNC_RETRY;
    out->retry_after_s = -1;
    snprintf(count, sizeof count, "%lld", waiting);
    if (connect_pg(p, out) != 0)
        return;
    r = run(p, "cannot update kiosk_status on", sql_status, 4, values, PGRES_COMMAND_OK, out);
    if (r)
        out->result = SYNC_OK;
    PQclear(r);
}
