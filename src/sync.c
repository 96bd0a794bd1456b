/* sync: `kioskctl sync`, delivering the queue to the clinic's system (see sync.h).
 *
 * The loop sleeps in poll() on an inotify watch of the database's folder and a signalfd: a commit
 * by the kiosk writes the -wal file, which wakes it at once, and nothing else does but a heartbeat
 * a minute, the end of a backoff, or SIGTERM. A pass reads the waiting requests in pages (oldest
 * first), sends them, and marks each delivered only once the receiver confirmed it; whatever was
 * sent but not marked (a crash, a lost reply) is sent again under the same Idempotency-Key, or
 * meets ON CONFLICT (uuid) DO NOTHING, so the receiver stores each request once. */
#define _GNU_SOURCE     /* signalfd, inotify */
#include "sync.h"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <libpq-fe.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "export.h"
#include "sync_http.h"
#include "sync_pg.h"
#include "utf8.h"

#ifndef KIOSK_VERSION
#define KIOSK_VERSION "dev"
#endif

/* ---------------------------------------------------------------- defines */

#define PAGE_MAX        SYNC_PG_BATCH   /* requests read from the queue at a time */
#define ARENA_BYTES     (1 << 20)       /* a page's requests as JSON */
#define ROW_ROOM        (32 * 1024)     /* the most one request takes as JSON (about 14 KiB at its limits) */
#define SECRET_MAX      4096
#define HEARTBEAT_MS    60000           /* a pass at least this often: kiosk_status, a file moved aside */
#define MARK_EVERY      64              /* webhook: deliveries marked in one transaction at most ... */
#define MARK_MS         50              /* ... and at most this late */
#define WIPE_RETRY_MS   250             /* delete-after-delivery: a busy log is emptied again after this */
#define ONCE_WIPE_MS    5000            /* --once: how long it waits for a reader to let the log be emptied */
/* The -wal changes before the commit that changed it can be read: after a change, look again this
 * often, this long, whether something waits (a cheap query that reads no request). */
#define RECHECK_MS      25
#define RECHECK_FOR_MS  2000
#define RETRY_AFTER_MAX 3600            /* seconds of Retry-After honoured at most */
#define DEFAULT_BACKOFF_MIN_MS  5000
#define DEFAULT_BACKOFF_MAX_MS  600000
#define DEFAULT_CONNECT_MS      5000
#define DEFAULT_REQUEST_MS      15000

/* ---------------------------------------------------------------- types */

/* One waiting request of a page, its JSON in the page's arena. */
struct item {
    char uuid[QUEUE_UUID_LEN + 1];
    char ref[QUEUE_REF_LEN + 1];
    size_t off, len;
};

/* The requests being sent: "[obj,obj,...]" in arena, each object an item. Wiped after use. */
struct page {
    char *arena;                    /* ARENA_BYTES + 2, malloc'd */
    size_t used;
    struct item items[PAGE_MAX];
    int n;
    char error[256];                /* why a row could not be read, or "" */
};

struct sync {
    /* what it was asked */
    const struct config *cfg;
    const char *db_path;
    struct sync_options opt;
    struct sync_timing timing;
    char where[256];                /* sync-url as it may be shown */

    /* the database and how it is watched */
    struct queue *q;                /* NULL while the file is missing */
    dev_t dev;
    ino_t ino;
    int inotify_fd, signal_fd;
    char base[NAME_MAX + 1];        /* the database's file name in its folder */
    char wal[NAME_MAX + 8];         /* and its log's */

    /* the receiver: exactly one */
    struct sync_http *http;
    struct sync_pg *pg;
    struct page page;

    /* when to act */
    int wake;                       /* something changed: pass as soon as no backoff holds it */
    double recheck_until;           /* monotonic ms: till then, look every RECHECK_MS whether a request waits */
    int failures;                   /* failed passes in a row */
    double next_try;                /* monotonic ms before which no pass runs (backoff); 0: none */
    double next_heartbeat;
    double next_wipe;               /* 0: the log is clean */
    int stop;

    /* what was said, so the log does not repeat itself */
    char last_logged[SYNC_TEXT_MAX + 1];
    long long delivered;            /* in this run */
};

/* ---------------------------------------------------------------- small helpers */

static double now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* One line on stderr (the journal): "kioskctl sync: ...". Never personal data. */
static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
    va_list ap;

    fputs("kioskctl sync: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

void sync_clean_text(const char *s, char *out, size_t len)
{
    size_t n, o = 0;

    if (len == 0)
        return;
    n = utf8_cut(s, strlen(s), len - 1 < SYNC_TEXT_MAX ? len - 1 : SYNC_TEXT_MAX);
    for (size_t i = 0; i < n; i++)
        out[o++] = (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? ' ' : s[i];
    out[o] = '\0';
}

int sync_host_is_loopback(const char *host)
{
    char h[256];
    size_t n = strlen(host);
    unsigned a, b, c, d;
    char extra;

    if (n >= 2 && host[0] == '[' && host[n - 1] == ']') {
        host++;
        n -= 2;
    }
    snprintf(h, sizeof h, "%.*s", (int)(n < sizeof h ? n : sizeof h - 1), host);
    if (strcasecmp(h, "localhost") == 0 || strcasecmp(h, "localhost.") == 0 || strcmp(h, "::1") == 0)
        return 1;
    return sscanf(h, "%u.%u.%u.%u%c", &a, &b, &c, &d, &extra) == 4 && a == 127 && b < 256 && c < 256 && d < 256;
}

int sync_is_postgres(const char *url)
{
    return strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0 ||
           (strchr(url, '=') && !strstr(url, "://"));
}

void sync_describe(const char *url, char *out, size_t len)
{
    snprintf(out, len, "(unreadable address)");
    if (sync_is_postgres(url)) {
        PQconninfoOption *opts = PQconninfoParse(url, NULL);
        const char *host = NULL, *port = NULL, *db = NULL, *user = NULL;
        if (!opts)
            return;
        for (PQconninfoOption *o = opts; o->keyword; o++) {
            const char *v = o->val && *o->val ? o->val : NULL;
            if (strcmp(o->keyword, "host") == 0)
                host = v;
            else if (strcmp(o->keyword, "port") == 0)
                port = v;
            else if (strcmp(o->keyword, "dbname") == 0)
                db = v;
            else if (strcmp(o->keyword, "user") == 0)
                user = v;
        }
        snprintf(out, len, "postgresql://%s%s%s%s%s/%s", user ? user : "", user ? "@" : "",
                 host ? host : "(local socket)", port ? ":" : "", port ? port : "", db ? db : "");
        PQconninfoFree(opts);
    } else {
        CURLU *u = curl_url();
        char *scheme = NULL, *host = NULL, *port = NULL, *path = NULL;
        if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
            curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
            curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK) {
            curl_url_get(u, CURLUPART_PORT, &port, 0);
            curl_url_get(u, CURLUPART_PATH, &path, 0);
            snprintf(out, len, "%s://%s%s%s%s", scheme, host, port ? ":" : "", port ? port : "", path ? path : "");
        }
        curl_free(scheme);
        curl_free(host);
        curl_free(port);
        curl_free(path);
        curl_url_cleanup(u);
    }
}

/* Reads "A,B" (two whole numbers of milliseconds, 1 to 3,600,000) from the environment variable
 * name into *a and *b. Returns 0 (unchanged when it is unset), or -1 with err. */
static int env_pair(const char *name, long *a, long *b, char *err, size_t errlen)
{
    const char *v = getenv(name);
    long x, y;
    int used = 0;

    if (!v || !*v)
        return 0;
    if (sscanf(v, "%ld,%ld%n", &x, &y, &used) != 2 || v[used] || x < 1 || y < x || y > 3600000) {
        snprintf(err, errlen, "%s must be two numbers of milliseconds, 'LOW,HIGH'", name);
        return -1;
    }
    *a = x;
    *b = y;
    fprintf(stderr, "kioskctl sync: test setting %s=%s in force\n", name, v);
    return 0;
}

int sync_timing_get(struct sync_timing *t, char *err, size_t errlen)
{
    *t = (struct sync_timing){ DEFAULT_BACKOFF_MIN_MS, DEFAULT_BACKOFF_MAX_MS, DEFAULT_CONNECT_MS, DEFAULT_REQUEST_MS };
    if (env_pair("KIOSK_SYNC_TEST_BACKOFF", &t->backoff_min_ms, &t->backoff_max_ms, err, errlen) != 0)
        return -1;
    return env_pair("KIOSK_SYNC_TEST_TIMEOUT", &t->connect_ms, &t->request_ms, err, errlen);
}

long sync_backoff_ms(const struct sync_timing *t, int failures, long retry_after_s)
{
    long d = t->backoff_min_ms;

    for (int i = 1; i < failures && d < t->backoff_max_ms; i++)
        d *= 2;
    if (d > t->backoff_max_ms)
        d = t->backoff_max_ms;
    d += (long)randombytes_uniform((uint32_t)(d / 4 + 1));
    if (d > t->backoff_max_ms)
        d = t->backoff_max_ms;
    if (retry_after_s > RETRY_AFTER_MAX)
        retry_after_s = RETRY_AFTER_MAX;
    if (retry_after_s >= 0 && retry_after_s * 1000 > d)
        d = retry_after_s * 1000;
    return d;
}

/* ---------------------------------------------------------------- the secret */

/* Reads sync-secret-file into a sodium_malloc'd buffer (*key, NUL-terminated, *len bytes without
 * the trailing newline). Refuses a file that every user may read. Returns 0, or -1 with err. */
static int read_secret(const char *path, unsigned char **key, size_t *len, char *err, size_t errlen)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);    /* a FIFO must not make us wait */
    struct stat st;
    unsigned char *buf = NULL;
    size_t n = 0;
    ssize_t got = 1;

    *key = NULL;
    *len = 0;
    if (fd < 0) {
        snprintf(err, errlen, "cannot open sync-secret-file '%s': %s", path, strerror(errno));
        return -1;
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "sync-secret-file '%s' is not a regular file", path);
        close(fd);
        return -1;
    }
    if (st.st_mode & 0007) {
        snprintf(err, errlen, "sync-secret-file '%s' can be read by every user: chmod o-rwx it", path);
        close(fd);
        return -1;
    }
    buf = sodium_malloc(SECRET_MAX + 2);
    while (buf && n <= SECRET_MAX && (got = read(fd, buf + n, SECRET_MAX + 1 - n)) > 0)
        n += (size_t)got;
    close(fd);
    if (!buf || got < 0 || n > SECRET_MAX) {
        snprintf(err, errlen, !buf ? "cannot read sync-secret-file '%s': out of memory" : got < 0 ?
                 "cannot read sync-secret-file '%s'" : "sync-secret-file '%s' is longer than 4096 bytes", path);
        sodium_free(buf);
        return -1;
    }
    if (n > 0 && buf[n - 1] == '\n')
        n--;
    buf[n] = '\0';
    if (n == 0) {
        snprintf(err, errlen, "sync-secret-file '%s' is empty", path);
        sodium_free(buf);
        return -1;
    }
    *key = buf;
    *len = n;
    return 0;
}

/* ---------------------------------------------------------------- the database */

/* Opens the queue when the file is there. Returns 0 (s->q may still be NULL: not there yet), or
 * -1 with err for a file that is there but cannot be opened. */
static int open_queue(struct sync *s, char *err, size_t errlen)
{
    struct queue_options o = { 0 };     /* never create, never move aside: the kiosk's own business */
    struct stat st;

    if (stat(s->db_path, &st) != 0 && errno == ENOENT)
        return 0;
    s->q = queue_open(s->db_path, &o, err, errlen);
    if (!s->q)
        return -1;
    if (stat(s->db_path, &st) != 0)
        memset(&st, 0, sizeof st);      /* gone again already: the next look opens it afresh */
    s->dev = st.st_dev;
    s->ino = st.st_ino;
    s->wake = 1;
    return 0;
}

/* Follows the file when the kiosk replaced it (a damaged one moved aside, a fresh one made). */
static void check_identity(struct sync *s)
{
    char err[QUEUE_PATH_MAX + 256];
    struct stat st;
    int same = stat(s->db_path, &st) == 0 && s->q && st.st_dev == s->dev && st.st_ino == s->ino;

    if (s->q && same)
        return;
    if (s->q) {
        say("the database '%s' was replaced or removed: opening it again", s->db_path);
        queue_close(s->q);
        s->q = NULL;
    }
    if (open_queue(s, err, sizeof err) != 0)
        say("%s", err);
}

static int watch_start(struct sync *s, char *err, size_t errlen)
{
    char path[QUEUE_PATH_MAX], dir[QUEUE_PATH_MAX];
    sigset_t set;

    snprintf(path, sizeof path, "%s", s->db_path);
    snprintf(s->base, sizeof s->base, "%s", basename(path));
    snprintf(s->wal, sizeof s->wal, "%s-wal", s->base);
    snprintf(path, sizeof path, "%s", s->db_path);
    snprintf(dir, sizeof dir, "%s", dirname(path));
    s->inotify_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (s->inotify_fd < 0 || inotify_add_watch(s->inotify_fd, dir, IN_MODIFY | IN_CREATE | IN_MOVED_TO |
                                               IN_MOVED_FROM | IN_DELETE) < 0) {
        snprintf(err, errlen, "cannot watch '%s': %s", dir, strerror(errno));
        return -1;
    }
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    sigprocmask(SIG_BLOCK, &set, NULL);
    s->signal_fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
    if (s->signal_fd < 0) {
        snprintf(err, errlen, "cannot take signals: %s", strerror(errno));
        return -1;
    }
    signal(SIGPIPE, SIG_IGN);
    return 0;
}

/* Reads what inotify has: a change to the database or its log wakes the sync. */
static void watch_read(struct sync *s)
{
    char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
    ssize_t n;

    /* A few reads at most: a folder that never stops changing must not keep the sync from its work. */
    for (int reads = 0; reads < 16 && (n = read(s->inotify_fd, buf, sizeof buf)) > 0; reads++) {
        for (char *p = buf; p < buf + n;) {
            const struct inotify_event *ev = (const struct inotify_event *)(void *)p;
            if ((ev->mask & IN_Q_OVERFLOW) ||
                (ev->len && (strcmp(ev->name, s->base) == 0 || strcmp(ev->name, s->wal) == 0))) {
                s->wake = 1;
                s->recheck_until = now_ms() + RECHECK_FOR_MS;
            }
            p += sizeof *ev + ev->len;
        }
    }
}

/* ---------------------------------------------------------------- pages */

static int collect(void *ctx, const struct queue_row *row, const struct queue_delivery *d)
{
    struct page *pg = ctx;
    struct item *it;
    FILE *f;
    long len;

    (void)d;
    if (pg->n == PAGE_MAX || ARENA_BYTES - pg->used < ROW_ROOM + 2)
        return 1;   /* the page is full: the rest comes with the next one */
    pg->arena[pg->used] = pg->n ? ',' : '[';
    f = fmemopen(pg->arena + pg->used + 1, ROW_ROOM, "w");
    if (!f) {
        snprintf(pg->error, sizeof pg->error, "cannot prepare a request for sending: %s", strerror(errno));
        return -1;
    }
    setvbuf(f, NULL, _IONBF, 0);    /* straight into the arena: no stdio buffer keeps the details */
    if (export_write_row(f, EXPORT_JSONL, row) != 0 || fflush(f) != 0)
        len = -1;
    else
        len = ftell(f);
    fclose(f);
    if (len <= 1 || len >= ROW_ROOM - 1) {
        snprintf(pg->error, sizeof pg->error, "cannot prepare request %s for sending", row->ref);
        return -1;
    }
    it = &pg->items[pg->n++];
    snprintf(it->uuid, sizeof it->uuid, "%s", row->uuid);
    snprintf(it->ref, sizeof it->ref, "%s", row->ref ? row->ref : "");
    it->off = pg->used + 1;
    it->len = (size_t)len - 1;          /* without the line's "\n" */
    pg->used += 1 + it->len;
    return 0;
}

static void page_wipe(struct page *pg)
{
    sodium_memzero(pg->arena, pg->used + 2 < ARENA_BYTES + 2 ? pg->used + 2 : ARENA_BYTES + 2);
    pg->used = 0;
    pg->n = 0;
    pg->error[0] = '\0';
}

/* Reads the oldest waiting requests into the page. Returns how many, or -1 with err. */
static int page_fill(struct sync *s, char *err, size_t errlen)
{
    int rc;

    page_wipe(&s->page);
    rc = queue_delivery_list(s->q, PAGE_MAX, 0, collect, &s->page, err, errlen);
    if (rc < 0 && s->page.error[0])
        snprintf(err, errlen, "%s", s->page.error);
    if (rc < 0)
        return -1;
    s->page.arena[s->page.used] = ']';
    s->page.arena[s->page.used + 1] = '\0';
    return s->page.n;
}

/* ---------------------------------------------------------------- passes */

enum pass_result { PASS_DONE, PASS_RETRY, PASS_STOPPED };

static int stop_pending(void)
{
    sigset_t pending;

    return sigpending(&pending) == 0 &&
           (sigismember(&pending, SIGTERM) || sigismember(&pending, SIGINT) || sigismember(&pending, SIGHUP));
}

/* Marks the n uuids delivered. Returns 0, or -1 with out->error. */
static int mark_done(struct sync *s, const char **uuids, int n, struct sync_outcome *out)
{
    char err[512];
    int busy = 0;

    if (n == 0)
        return 0;
    if (queue_delivery_done(s->q, uuids, n, s->cfg->delete_after_delivery, &busy, err, sizeof err) != 0) {
        sync_clean_text(err, out->error, sizeof out->error);
        out->result = SYNC_RETRY;
        out->retry_after_s = -1;
        return -1;
    }
    if (busy)
        s->next_wipe = now_ms() + WIPE_RETRY_MS;
    s->delivered += n;
    return 0;
}

/* Records the failed attempt of the n uuids (0: the whole way failed, before any was sent). */
static void mark_failed(struct sync *s, const char **uuids, int n, const struct sync_outcome *out)
{
    char err[512];

    if (queue_delivery_failed(s->q, uuids, n, out->error, out->result == SYNC_REJECTED ? out->status_line : NULL,
                              err, sizeof err) != 0)
        say("%s", err);
}

static enum pass_result pass_webhook(struct sync *s, struct sync_outcome *fail)
{
    const char *done[MARK_EVERY];
    char err[512];
    double first = 0;
    int nd = 0, n;

    while ((n = page_fill(s, err, sizeof err)) > 0) {
        for (int i = 0; i < n; i++) {
            struct item *it = &s->page.items[i];
            struct sync_outcome out;
            const char *one[1] = { it->uuid };
            if (stop_pending()) {
                mark_done(s, done, nd, fail);
                return PASS_STOPPED;
            }
            sync_http_post(s->http, it->uuid, s->page.arena + it->off, it->len, &out);
            if (out.result == SYNC_OK) {
                if (nd == 0)
                    first = now_ms();
                done[nd++] = it->uuid;
                if (nd == MARK_EVERY || now_ms() - first >= MARK_MS) {
                    if (mark_done(s, done, nd, fail) != 0)
                        return PASS_RETRY;
                    nd = 0;
                }
                continue;
            }
            if (mark_done(s, done, nd, fail) != 0)
                return PASS_RETRY;
            nd = 0;
            mark_failed(s, one, 1, &out);
            if (out.result == SYNC_RETRY) {
                *fail = out;
                return stop_pending() ? PASS_STOPPED : PASS_RETRY;
            }
            fprintf(stderr, "kioskctl sync: request %s was refused for good: %s; it stays on the tablet "
                    "('kioskctl sync --retry-rejected' sends it again)\n", it->ref, out.error);
        }
        if (mark_done(s, done, nd, fail) != 0)
            return PASS_RETRY;
        nd = 0;
        queue_forget(s->q);     /* the pages read are in SQLite's cache */
    }
    if (n < 0) {
        sync_clean_text(err, fail->error, sizeof fail->error);
        fail->retry_after_s = -1;
        return PASS_RETRY;
    }
    return PASS_DONE;
}

/* The server refused a transaction's rows for good (a data error): sends them one at a time, so
 * that only the refused ones are rejected (they stay on the tablet, staff see why) and the others
 * go. Returns PASS_DONE, or PASS_RETRY / PASS_STOPPED with fail filled. */
static enum pass_result postgres_one_by_one(struct sync *s, int n, struct sync_outcome *fail)
{
    for (int i = 0; i < n; i++) {
        struct item *it = &s->page.items[i];
        const char *one[1] = { it->uuid };
        struct sync_outcome out;
        size_t len = it->len + 3;
        char *json = malloc(len);
        if (stop_pending()) {
            free(json);
            return PASS_STOPPED;
        }
        if (!json) {
            snprintf(fail->error, sizeof fail->error, "out of memory");
            fail->result = SYNC_RETRY;
            fail->retry_after_s = -1;
            return PASS_RETRY;
        }
        json[0] = '[';
        memcpy(json + 1, s->page.arena + it->off, it->len);
        memcpy(json + 1 + it->len, "]", 2);
        sync_pg_deliver(s->pg, json, len, 1, &out);
        sodium_memzero(json, len);      /* a client's details */
        free(json);
        if (out.result == SYNC_OK) {
            if (mark_done(s, one, 1, fail) != 0)
                return PASS_RETRY;
            continue;
        }
        mark_failed(s, one, 1, &out);
        if (out.result == SYNC_RETRY) {
            *fail = out;
            return PASS_RETRY;
        }
        fprintf(stderr, "kioskctl sync: request %s was refused for good: %s; it stays on the tablet "
                "('kioskctl sync --retry-rejected' sends it again)\n", it->ref, out.error);
    }
    return PASS_DONE;
}

static enum pass_result pass_postgres(struct sync *s, struct sync_outcome *fail)
{
    const char *uuids[PAGE_MAX];
    char err[512];
    int n;

    while ((n = page_fill(s, err, sizeof err)) > 0) {
        struct sync_outcome out;
        if (stop_pending())
            return PASS_STOPPED;
        for (int i = 0; i < n; i++)
            uuids[i] = s->page.items[i].uuid;
        sync_pg_deliver(s->pg, s->page.arena, s->page.used + 1, n, &out);
        if (out.result == SYNC_REJECTED) {
            enum pass_result r = postgres_one_by_one(s, n, fail);
            if (r != PASS_DONE)
                return r;
            queue_forget(s->q);
            continue;
        }
        if (out.result != SYNC_OK) {
            mark_failed(s, uuids, n, &out);
            *fail = out;
            return PASS_RETRY;
        }
        if (mark_done(s, uuids, n, fail) != 0)
            return PASS_RETRY;
        queue_forget(s->q);
    }
    if (n < 0) {
        sync_clean_text(err, fail->error, sizeof fail->error);
        fail->retry_after_s = -1;
        return PASS_RETRY;
    }
    return PASS_DONE;
}

/* The kiosk's row in kiosk_status, once a pass. */
static void report_status(struct sync *s)
{
    struct queue_delivery_status st;
    struct sync_outcome out;
    char err[512];

    if (!s->pg || queue_delivery_status(s->q, &st, err, sizeof err) != 0)
        return;
    sync_pg_status(s->pg, s->cfg->kiosk_id, KIOSK_VERSION, st.waiting, st.last_error, &out);
    if (out.result != SYNC_OK && strcmp(out.error, s->last_logged) != 0) {
        say("%s", out.error);
        snprintf(s->last_logged, sizeof s->last_logged, "%s", out.error);
    }
}

/* One pass: sends what waits, then schedules the next try. Returns the pass's result. */
static enum pass_result pass(struct sync *s)
{
    struct sync_outcome fail = { .result = SYNC_RETRY, .retry_after_s = -1 };
    long long before = s->delivered;
    enum pass_result r;

    s->wake = 0;
    r = s->pg ? pass_postgres(s, &fail) : pass_webhook(s, &fail);
    page_wipe(&s->page);
    if (s->delivered > before) {
        say("delivered %lld request%s", s->delivered - before, s->delivered - before == 1 ? "" : "s");
    }
    if (r == PASS_RETRY) {
        long wait;
        s->failures++;
        wait = sync_backoff_ms(&s->timing, s->failures, fail.retry_after_s);
        s->next_try = now_ms() + (double)wait;
        s->wake = 1;    /* try again then, change or not */
        say("delivery failed: %s; trying again in %.1f s", fail.error, wait / 1000.0);
    } else if (r == PASS_DONE) {
        if (s->failures)
            say("delivery works again");
        s->failures = 0;
        s->next_try = 0;
    }
    if (r != PASS_STOPPED)
        report_status(s);
    queue_forget(s->q);
    return r;
}

/* ---------------------------------------------------------------- setting up */

/* sync-ca-file must be a regular file: libcurl and libpq would wait on a FIFO for ever, and a
 * missing file would only show as a TLS error at every attempt. Returns 0, or -1 with err. */
static int check_ca_file(const char *path, char *err, size_t errlen)
{
    struct stat st;

    if (stat(path, &st) != 0) {
        snprintf(err, errlen, "cannot open sync-ca-file '%s': %s", path, strerror(errno));
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "sync-ca-file '%s' is not a regular file", path);
        return -1;
    }
    return 0;
}

static int start_receiver(struct sync *s, char *err, size_t errlen)
{
    const struct config *c = s->cfg;
    unsigned char *secret = NULL;
    size_t len = 0;

    if (c->sync_secret_file[0] && read_secret(c->sync_secret_file, &secret, &len, err, errlen) != 0)
        return -1;
    if (c->sync_ca_file[0] && check_ca_file(c->sync_ca_file, err, errlen) != 0)
        return -1;
    if (sync_is_postgres(c->sync_url)) {
        s->pg = sync_pg_new(c->sync_url, (const char *)secret, c->sync_ca_file, &s->timing, err, errlen);
    } else if (!secret) {
        snprintf(err, errlen, "a webhook needs sync-secret-file: the receiver checks each request's signature");
    } else {
        s->http = sync_http_new(c->sync_url, secret, len, c->sync_ca_file, &s->timing, err, errlen);
    }
    sodium_free(secret);
    return s->pg || s->http ? 0 : -1;
}

static void teardown(struct sync *s)
{
    if (s->page.arena) {
        sodium_memzero(s->page.arena, ARENA_BYTES + 2);
        free(s->page.arena);
    }
    sync_http_free(s->http);
    sync_pg_free(s->pg);
    queue_close(s->q);
    if (s->inotify_fd >= 0)
        close(s->inotify_fd);
    if (s->signal_fd >= 0)
        close(s->signal_fd);
    curl_global_cleanup();
}

/* After --once: 0 when nothing waits or was refused, else 1, saying so. */
static int once_status(struct sync *s)
{
    struct queue_delivery_status st;
    char err[512];

    if (queue_delivery_status(s->q, &st, err, sizeof err) != 0) {
        say("%s", err);
        return 1;
    }
    if (st.waiting == 0 && st.rejected == 0)
        return 0;
    say("%lld still waiting, %lld rejected", st.waiting, st.rejected);
    if (st.last_error[0])
        say("the last error: %s", st.last_error);
    return 1;
}

/* --once, when a reader kept the log from being emptied after delete-after-delivery: the deleted
 * requests' old pages stay in the files until it is. Waits for the reader a while, then says what
 * remains rather than exit as if the details were gone. */
static void once_wipe(struct sync *s)
{
    double give_up = now_ms() + ONCE_WIPE_MS;

    while (s->next_wipe && now_ms() < give_up && !stop_pending()) {
        poll(NULL, 0, WIPE_RETRY_MS);
        if (queue_delivery_wipe_log(s->q) != 1)
            s->next_wipe = 0;
    }
    if (s->next_wipe)
        say("the delivered requests are deleted, but old copies of them stay in '%s' and '%s-wal' while another "
            "program is reading the database (an export, or the kiosk's check); run 'kioskctl sync --once' again "
            "once it has finished", s->db_path, s->db_path);
}

/* ---------------------------------------------------------------- the loop */

int sync_run(const struct config *cfg, const char *db_path, const struct sync_options *o)
{
    struct sync s = { .cfg = cfg, .db_path = db_path, .opt = *o, .inotify_fd = -1, .signal_fd = -1 };
    char err[QUEUE_PATH_MAX + 512];
    int rc = 1;
    sigset_t stop_signals;

    /* SIGTERM that comes while the sync starts waits for the loop instead of ending it half set up */
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGHUP);
    sigprocmask(SIG_BLOCK, &stop_signals, NULL);
    if (!cfg->sync_url[0]) {
        say("no sync-url in the config: there is nowhere to deliver to");
        return 1;
    }
    sync_describe(cfg->sync_url, s.where, sizeof s.where);
    if (sodium_init() < 0 || curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        say("cannot start libsodium or libcurl");
        return 1;
    }
    s.page.arena = malloc(ARENA_BYTES + 2);
    if (!s.page.arena || sync_timing_get(&s.timing, err, sizeof err) != 0 || start_receiver(&s, err, sizeof err) != 0 ||
        watch_start(&s, err, sizeof err) != 0 || open_queue(&s, err, sizeof err) != 0) {
        say("%s", s.page.arena ? err : "out of memory");
        goto out;
    }
    if (!s.q && o->once) {
        say("cannot open '%s': %s", db_path, strerror(ENOENT));
        goto out;
    }
    if (!s.q)
        say("waiting for the database '%s' to appear (the kiosk makes it)", db_path);
    if (s.q && o->retry_rejected) {
        long long n = 0;
        if (queue_delivery_retry_rejected(s.q, &n, err, sizeof err) != 0) {
            say("%s", err);
            goto out;
        }
        say("%lld rejected request%s will be sent again", n, n == 1 ? "" : "s");
    }
    say("delivering to %s%s", s.where, s.pg ? " (PostgreSQL)" : " (webhook)");
    s.wake = 1;
    while (!s.stop) {
        double now = now_ms(), until;
        struct pollfd fds[2] = { { .fd = s.inotify_fd, .events = POLLIN }, { .fd = s.signal_fd, .events = POLLIN } };
        int timeout;

        check_identity(&s);
        if (!s.q && now >= s.next_heartbeat)
            s.next_heartbeat = now + HEARTBEAT_MS;  /* no file yet: inotify says when it comes */
        if (s.q && !s.wake && now < s.recheck_until && now >= s.next_try && queue_delivery_any_waiting(s.q) == 1)
            s.wake = 1;
        if (s.q && (s.wake || now >= s.next_heartbeat) && now >= s.next_try) {
            s.next_heartbeat = now + HEARTBEAT_MS;
            if (pass(&s) == PASS_STOPPED)
                break;
        }
        if (o->once)
            break;
        if (s.q && s.next_wipe && now_ms() >= s.next_wipe)
            s.next_wipe = queue_delivery_wipe_log(s.q) == 1 ? now_ms() + WIPE_RETRY_MS : 0;
        now = now_ms();
        until = s.next_heartbeat;
        if (s.next_try > now && s.next_try < until)
            until = s.next_try;
        if (s.next_wipe && s.next_wipe < until)
            until = s.next_wipe;
        if (now < s.recheck_until && now + RECHECK_MS < until)
            until = now + RECHECK_MS;
        timeout = until <= now ? 0 : (int)(until - now) + 1;
        if (poll(fds, 2, timeout) < 0 && errno != EINTR) {
            say("cannot wait for changes: %s", strerror(errno));
            goto out;
        }
        if (fds[0].revents & POLLIN)
            watch_read(&s);
        if ((fds[1].revents & POLLIN) || stop_pending())
            s.stop = 1;
    }
    if (o->once) {
        if (s.q)
            once_wipe(&s);
        rc = once_status(&s);
    } else {
        say("stopped");
        rc = 0;
    }
out:
    teardown(&s);
    return rc;
}
