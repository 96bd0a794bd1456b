/* sync: `kioskctl sync`, the one process that touches the network. It delivers each request in the
 * queue to the clinic's own system (an HTTPS webhook or PostgreSQL) exactly once, waking on commits. */
#ifndef SYNC_H
#define SYNC_H

#include <stddef.h>

#include "config.h"
#include "queue.h"

#define SYNC_TEXT_MAX   QUEUE_DELIVERY_TEXT_MAX

/* How one attempt went, from either receiver. */
enum sync_result {
    SYNC_OK,            /* the receiver confirmed (2xx, or COMMIT succeeded) */
    SYNC_RETRY,         /* try again later: connection, timeout, 408, 429, 5xx, a database error */
    SYNC_REJECTED       /* refused for good (another 4xx): stays on the tablet until staff retry */
};

struct sync_outcome {
    enum sync_result result;
    long retry_after_s;                 /* the receiver's Retry-After, -1 when none */
    char error[SYNC_TEXT_MAX + 1];      /* what went wrong, in words without personal data */
    char status_line[SYNC_TEXT_MAX + 1];/* SYNC_REJECTED: the reply's status line */
};

struct sync_options {
    int once;               /* one pass, then exit 0 when nothing waits, 1 otherwise */
    int retry_rejected;     /* first make every rejected request wait again */
};

/* Timing of retries and requests; the defaults are the product's. Tests shorten them through the
 * environment (KIOSK_SYNC_TEST_BACKOFF, KIOSK_SYNC_TEST_TIMEOUT; see the README). */
struct sync_timing {
    long backoff_min_ms, backoff_max_ms;    /* 5 s, 10 min */
    long connect_ms, request_ms;            /* 5 s, 15 s */
};

/* Runs the sync with cfg (its sync-url must be set) on the database at db_path until SIGTERM or
 * SIGINT, or for one pass with o->once. Messages go to stderr. Returns the exit status. */
int sync_run(const struct config *cfg, const char *db_path, const struct sync_options *o);

/* sync-url as it may be shown: scheme, host, port and path or database, without user, password
 * or query. Never fails: "(unreadable address)" when it cannot be read. */
void sync_describe(const char *url, char *out, size_t len);

/* 1 when url is a PostgreSQL address (postgresql://, postgres://, or key=value words). */
int sync_is_postgres(const char *url);

/* 1 when host names this machine over loopback: localhost, 127.0.0.0/8, ::1 (brackets allowed). */
int sync_host_is_loopback(const char *host);

/* The timing in force: the defaults, or the test settings from the environment (and then a note on
 * stderr). Returns 0, or -1 with err when a test setting is malformed. */
int sync_timing_get(struct sync_timing *t, char *err, size_t errlen);

/* The delay before the next try after failures consecutive failed passes (>= 1): exponential from
 * t->backoff_min_ms, at most t->backoff_max_ms, with up to a quarter more at random; at least
 * retry_after_s seconds (up to an hour) when the receiver asked for that (>= 0). */
long sync_backoff_ms(const struct sync_timing *t, int failures, long retry_after_s);

/* Copies s into out (len bytes) with control characters as spaces and at most SYNC_TEXT_MAX
 * bytes, cut on a character boundary. For text from a receiver that is shown to staff. */
void sync_clean_text(const char *s, char *out, size_t len);

#endif
