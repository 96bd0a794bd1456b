/* queue: the durable SQLite queue of consultation requests on the tablet, and the app's small saved state.
 * A request is committed before the client is thanked, then goes pending -> exported (in a batch) -> acknowledged -> purged. */
#ifndef QUEUE_H
#define QUEUE_H

#include <stddef.h>

#include "ids.h"
#include "queue_schema.h"

#define QUEUE_BUSY_TIMEOUT_MS   2000

#define QUEUE_UUID_LEN          IDS_UUID_LEN
#define QUEUE_REF_LEN           IDS_REF_LEN
#define QUEUE_TIME_LEN          20      /* "2026-11-25T15:04:05Z" */
#define QUEUE_PATH_MAX          1024
#define QUEUE_ASIDE_MAX         (QUEUE_PATH_MAX + 32)   /* PATH.damaged-YYYYMMDDTHHMMSSZ-N */

/* Longest accepted value of each submitted field, in bytes of UTF-8. */
#define QUEUE_ID_MAX            63      /* kiosk_id, treatment_id */
#define QUEUE_NAME_MAX          1024
#define QUEUE_PHONE_MAX         32
#define QUEUE_EMAIL_MAX         254
#define QUEUE_ANSWERS_MAX       4096
#define QUEUE_NOTICE_MAX        64
#define QUEUE_LANGUAGE_MAX      35      /* a BCP 47 code */
#define QUEUE_STATE_KEY_MAX     64

struct queue;

struct queue_options {
    int create;             /* create the file (mode 0600) when absent; else a missing file is an error */
    int recover_damaged;    /* quick_check at open; a damaged file is moved aside and a fresh one started */
    int busy_timeout_ms;    /* how long to wait for another connection's lock; 0 = QUEUE_BUSY_TIMEOUT_MS */
    int fault_injection;    /* open through a fault-injecting VFS so queue_fault_set() works (tests) */
};

/* What a client submits. Strings are the caller's; empty phone or email means "not given". */
struct queue_request {
    const char *kiosk_id;
    const char *treatment_id;
    const char *name;
    const char *phone;
    const char *email;
    const char *contact_time;       /* morning | afternoon | evening | any */
    const char *screening;          /* clear | discuss | stop | not-taken */
    const char *answers;            /* JSON, e.g. {"q1":"no"}; must be NULL unless consent_share_answers */
    int consent_contact;            /* 0 or 1 */
    int consent_share_answers;      /* 0 or 1 */
    const char *notice_version;     /* the privacy notice shown */
    const char *language;           /* the BCP 47 code of the language the client used ("en", "zh-Hans");
                                     * NULL or "" when not known (requests from before version 5) */
};

/* A stored request as read back. Every pointer stays valid only until the next call on the queue. */
struct queue_row {
    long long batch_id;             /* 0 until exported */
    const char *uuid;
    const char *ref;
    const char *created_utc;
    const char *status;             /* pending | exported | acknowledged */
    const char *exported_utc;       /* NULL until exported */
    const char *acknowledged_utc;   /* NULL until acknowledged */
    struct queue_request req;
};

/* What the client is told once the request is committed. */
struct queue_receipt {
    char uuid[QUEUE_UUID_LEN + 1];
    char ref[QUEUE_REF_LEN + 1];
    char created_utc[QUEUE_TIME_LEN + 1];
};

struct queue_status {
    long long pending;                      /* requests not yet exported */
    long long oldest_pending_age_s;         /* -1 when nothing is pending */
    long long unacked_batches;              /* exported batches staff have not acknowledged */
    long long newest_unacked_batch;         /* the newest of them, 0 when none */
    long long newest_unacked_count;         /* how many requests it holds */
    char last_export_utc[QUEUE_TIME_LEN + 1];   /* "" when never */
    char last_ack_utc[QUEUE_TIME_LEN + 1];      /* "" when never */
    long long db_bytes;                     /* the file and its write-ahead log */
    char quick_check[256];                  /* "ok", or the first problem PRAGMA quick_check found */
    char damaged_moved_to[QUEUE_ASIDE_MAX];  /* "" unless a damaged file was moved aside and not yet dismissed */
    char damaged_utc[QUEUE_TIME_LEN + 1];   /* when that happened */
};

/* The batch an export reads. */
struct queue_batch {
    long long id;           /* 0 when a new export found nothing pending (no batch is made) */
    long long count;        /* rows the export will return */
    int is_new;             /* 1: pending rows becoming a new batch; 0: an earlier batch read again */
};

enum queue_fault {
    QUEUE_FAULT_NONE,
    QUEUE_FAULT_WRITE,      /* every write fails with SQLITE_IOERR_WRITE */
    QUEUE_FAULT_SYNC,       /* every sync fails with SQLITE_IOERR_FSYNC */
    QUEUE_FAULT_FULL        /* every write fails with SQLITE_FULL (disk full) */
};

/* Called once for each row of queue_list(); a non-zero return stops the listing and is returned. */
typedef int (*queue_row_fn)(void *ctx, const struct queue_row *row);

/* Opens (creating if asked) and migrates the database at path. Returns the queue, owned by the
 * caller (release with queue_close), or NULL with the reason in err: the caller carries on
 * without a database. opt may be NULL for the defaults (no create, no recovery, no faults).
 * After a recovery, queue_status() names the file moved aside (worth a line in the log). */
struct queue *queue_open(const char *path, const struct queue_options *opt, char *err, size_t errlen);

/* Closes the database and frees q. Safe on NULL. */
void queue_close(struct queue *q);

/* Commits r as one new pending request in one transaction. Returns 0 only after COMMIT succeeded,
 * with the new uuid, reference and time in *out; else -1 with the reason in err (never personal data)
 * and nothing stored. */
int queue_submit(struct queue *q, const struct queue_request *r, struct queue_receipt *out,
                 char *err, size_t errlen);

/* Renews the connection so that no client's details stay in SQLite's memory (it keeps the last
 * row it built until its connection closes). Call when a client's visit ends, not in the middle
 * of a submit, so that the thank-you screen is not kept waiting. Safe on NULL. */
void queue_forget(struct queue *q);

/* Fills *st with the figures staff see (runs PRAGMA quick_check). Returns 0, or -1 with err. */
int queue_status(struct queue *q, struct queue_status *st, char *err, size_t errlen);

/* Forgets the damaged-database warning once staff have dealt with the moved-aside file.
 * Returns 0, or -1 with err. */
int queue_dismiss_damaged(struct queue *q, char *err, size_t errlen);

/* Calls fn for every request with this status (NULL: all), oldest first. Returns 0, fn's non-zero
 * return, or -1 with err. */
int queue_list(struct queue *q, const char *status, queue_row_fn fn, void *ctx, char *err, size_t errlen);

/* Export in three steps, one export at a time per queue:
 * queue_export_begin() opens a read snapshot of batch (0: every pending request, as a new batch) and
 * fills *b; queue_export_next() returns 1 with the next row (oldest first; row->batch_id is b->id
 * even for a new batch), 0 at the end or -1 with err; then exactly one of queue_export_finish(),
 * which for a new batch records it, and with it the state of every row read, in one short write of
 * one row whatever the batch's size (returns 0 or -1 with err, nothing marked), or
 * queue_export_cancel(), which marks nothing. Write the rows out safely before finishing: a failed
 * write must leave them pending. A request submitted after queue_export_begin() stays pending.
 * An unknown batch is an error. */
int queue_export_begin(struct queue *q, long long batch, struct queue_batch *b, char *err, size_t errlen);
int queue_export_next(struct queue *q, struct queue_row *row, char *err, size_t errlen);
int queue_export_finish(struct queue *q, char *err, size_t errlen);
void queue_export_cancel(struct queue *q);

/* Marks batch and its requests acknowledged. Idempotent: *was_acked (may be NULL) says whether it
 * already was, and *count (may be NULL) is the batch's size. Returns 0, or -1 with err (unknown batch). */
int queue_ack(struct queue *q, long long batch, int *was_acked, long long *count, char *err, size_t errlen);

/* Deletes, with secure_delete, the requests acknowledged at least days ago (0: every acknowledged
 * one). Pending and exported-unacknowledged requests are never touched. Returns 0 with the number
 * deleted in *deleted (may be NULL), or -1 with err. */
int queue_purge(struct queue *q, int days, long long *deleted, char *err, size_t errlen);

/* The app's saved integers (staff PIN failures, lockout time) kept in the database so they survive a
 * restart. get leaves *value unchanged when key was never set. Both return 0, or -1 with err. */
int queue_state_get_int(struct queue *q, const char *key, long long *value, char *err, size_t errlen);
int queue_state_set_int(struct queue *q, const char *key, long long value, char *err, size_t errlen);

/* Makes writes or syncs fail until QUEUE_FAULT_NONE (tests). q must be opened with fault_injection. */
void queue_fault_set(struct queue *q, enum queue_fault fault);

/* ---------------------------------------------------------------- delivery (kioskctl sync)
 * Each request's delivery to the clinic's own system, apart from export batches: it waits until the
 * receiver confirmed it (delivered) or refused it for good (rejected, with the reply's status line).
 * Messages stored here are in words without personal data; the caller makes sure of it. */

#define QUEUE_DELIVERY_TEXT_MAX 200     /* longest error or status line kept, in bytes */

struct queue_delivery_status {
    long long waiting;                          /* neither delivered nor rejected */
    long long rejected;                         /* refused by the receiver; `kioskctl sync --retry-rejected` */
    long long oldest_waiting_age_s;             /* -1 when nothing waits */
    char last_delivery_utc[QUEUE_TIME_LEN + 1]; /* "" when never */
    char failing_since_utc[QUEUE_TIME_LEN + 1]; /* "" unless the last attempt failed */
    char last_error[QUEUE_DELIVERY_TEXT_MAX + 1];       /* why it fails, "" when it does not */
    char last_rejection[QUEUE_DELIVERY_TEXT_MAX + 1];   /* the newest rejected request's status line */
};

/* A request's delivery state beside it, for queue_delivery_list(). Pointers as in queue_row. */
struct queue_delivery {
    long long attempts;
    const char *last_error;         /* NULL when none */
    const char *rejected;           /* NULL unless rejected: the receiver's status line */
};

typedef int (*queue_delivery_fn)(void *ctx, const struct queue_row *row, const struct queue_delivery *d);

/* Calls fn for the waiting requests, oldest first, at most max of them (max <= 0: all), and with
 * with_rejected the rejected ones too, in one read snapshot. Returns 0, fn's non-zero return, or
 * -1 with err. */
int queue_delivery_list(struct queue *q, int max, int with_rejected, queue_delivery_fn fn, void *ctx,
                        char *err, size_t errlen);

/* Marks the n requests with these uuids delivered now, in one transaction, and clears the failing
 * state. With forget, deletes them instead (secure delete) and empties the write-ahead log, so
 * their details leave the files at once; *log_busy (may be NULL) is then 1 when a reader kept the
 * log from being emptied: call queue_delivery_wipe_log() again soon. Returns 0, or -1 with err and
 * nothing marked. */
int queue_delivery_done(struct queue *q, const char *const *uuids, int n, int forget, int *log_busy,
                        char *err, size_t errlen);

/* Counts one more attempt for each of the n requests and keeps error (words, no personal data).
 * With rejected (the receiver's status line) they are rejected: they stay, and are not sent again
 * until queue_delivery_retry_rejected(). Without, delivery is failing: since now, unless it
 * already was. n may be 0 to record only that. Returns 0, or -1 with err. */
int queue_delivery_failed(struct queue *q, const char *const *uuids, int n, const char *error,
                          const char *rejected, char *err, size_t errlen);

/* Makes every rejected request wait again; *count (may be NULL) says how many. Returns 0 or -1. */
int queue_delivery_retry_rejected(struct queue *q, long long *count, char *err, size_t errlen);

/* Fills *st. Returns 0, or -1 with err. */
int queue_delivery_status(struct queue *q, struct queue_delivery_status *st, char *err, size_t errlen);

/* Empties the write-ahead log into the database file and truncates it. Returns 0, 1 when a reader
 * kept it from being emptied, -1 on an error. */
int queue_delivery_wipe_log(struct queue *q);

/* 1 when a request waits for delivery, 0 when none does, -1 on an error. Reads no request. */
int queue_delivery_any_waiting(struct queue *q);

#endif
