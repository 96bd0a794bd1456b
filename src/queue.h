/* queue: the durable SQLite queue of consultation requests on the tablet, and the app's small saved state.
 * A request is committed before the client is thanked, then goes pending -> exported (in a batch) -> acknowledged -> purged. */
#ifndef QUEUE_H
#define QUEUE_H

#include <stddef.h>

#include "ids.h"
#include "queue_schema.h"

#define QUEUE_BUSY_TIMEOUT_MS   2000
#define QUEUE_PURGE_WAIT_MS     10000   /* how long a purge waits for a reader to let its traces go */

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
    int recover_damaged;    /* a file that cannot be opened as a database (damaged) is moved aside and
                             * a fresh one started (the whole file is checked by queue_check_file) */
    int damaged;            /* the caller found the file damaged: move it aside without opening it */
    int busy_timeout_ms;    /* how long to wait for another connection's lock; 0 = QUEUE_BUSY_TIMEOUT_MS */
    int fault_injection;    /* open through a fault-injecting VFS so queue_fault_set() works (tests) */
    int purge_wait_ms;      /* how long queue_purge() waits for readers; 0 = QUEUE_PURGE_WAIT_MS */
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
    char quick_check[256];                  /* the last integrity check's result: "ok", the first problem
                                             * PRAGMA quick_check found, or "" when never checked */
    char checked_utc[QUEUE_TIME_LEN + 1];   /* when that check ran ("" when never) */
    char damaged_moved_to[QUEUE_ASIDE_MAX];  /* "" unless a damaged file was moved aside and not yet dismissed */
    char damaged_utc[QUEUE_TIME_LEN + 1];   /* when that happened */
    int damaged_wal;                        /* 1: it was the -wal that was damaged; damaged_moved_to
                                             * names copies of the database (and -wal) kept before
                                             * SQLite dropped the frames it could not read */
    char damaged_why[200];                  /* what was found, "" when nothing more is known */
    char damaged_recovered[160];            /* what was copied from the file moved aside, "" when nothing
                                             * was tried (a damaged -wal: see kioskctl recover) */
};

/* What a recovery found in a damaged file and did with it (queue_recover). */
struct queue_recovery {
    long long found;        /* requests read whole (each once, by UUID) */
    long long copied;       /* of them, put in the queue: */
    long long exported;     /*   with their batch, as it was */
    long long batches;      /*   (batches kept) */
    long long pending;      /*   pending */
    long long reexport;     /*   (of them, exported before in a batch that could not be kept) */
    long long no_ref;       /*   (copied without their FT- reference, which a request in the queue has) */
    long long skipped;      /* found - copied: */
    long long already;      /*   in the queue already (same UUID) */
    long long acknowledged; /*   acknowledged before, in a batch that could not be kept */
    long long unreadable;   /* rows that looked like requests but did not hold together (not found) */
};

/* The batch an export reads. */
struct queue_batch {
    long long id;           /* 0 when a new export found nothing pending (no batch is made) */
    long long count;        /* rows the export will return (a new batch: the number pending, as the
                             * queue keeps it; the batch records the rows read) */
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

/* Before opening, a -wal that an unclean stop left (no one else has it open) is read as SQLite is
 * about to: should SQLite drop committed transactions from it for anything but a last write cut
 * short, copies of the database and the -wal are kept as PATH.damaged-STAMP and
 * PATH.damaged-STAMP-wal and staff are warned as for a damaged database (queue_status); when no
 * copies can be made, the open fails and touches nothing.
 * Opens (creating if asked) and migrates the database at path. Returns the queue, owned by the
 * caller (release with queue_close), or NULL with the reason in err: the caller carries on
 * without a database. opt may be NULL for the defaults (no create, no recovery, no faults).
 * After a recovery, queue_status() names the file moved aside (worth a line in the log). */
struct queue *queue_open(const char *path, const struct queue_options *opt, char *err, size_t errlen);

/* When this open found the -wal damaged and kept copies aside (see queue_open): the copy of the
 * database (its -wal beside it as COPY-wal), with what was found in why; else NULL. */
const char *queue_wal_kept_aside(const struct queue *q, const char **why);

/* Closes the database and frees q. Safe on NULL. */
void queue_close(struct queue *q);

/* Commits r as one new pending request in one transaction. Returns 0 only after COMMIT succeeded,
 * with the new uuid, reference and time in *out; else -1 with the reason in err (never personal data)
 * and nothing stored. */
int queue_submit(struct queue *q, const struct queue_request *r, struct queue_receipt *out,
                 char *err, size_t errlen);

/* Moves the requests committed since the last call from the -wal into the database file (a
 * checkpoint that never waits: a reader still using the -wal only delays it to the next call).
 * queue_submit() leaves this to its caller, so that the client is thanked as soon as the request
 * is committed; call it once the thank-you is on screen, so that the -wal holds at most the
 * request in flight. Every other write checkpoints by itself. Safe on NULL. */
void queue_settle(struct queue *q);

/* Renews the connection so that no client's details stay in SQLite's memory (it keeps the last
 * row it built until its connection closes). Call when a client's visit ends, not in the middle
 * of a submit, so that the thank-you screen is not kept waiting. Safe on NULL. */
void queue_forget(struct queue *q);

/* Fills *st with the figures staff see, at the same cost whatever the queue holds (it reads kept
 * figures, not the requests; the integrity check is queue_check_file()'s, as last recorded).
 * Returns 0, or -1 with err. */
int queue_status(struct queue *q, struct queue_status *st, char *err, size_t errlen);

/* Writes (and checkpoints) a small record of about a submit's size, to find out whether a request
 * could be saved now: a read-only file or mount, a full disk, a -wal that cannot be written.
 * Returns 0, or -1 with why in err ("cannot write 'PATH': ..."). */
int queue_check_writable(struct queue *q, char *err, size_t errlen);

/* What can be told without writing (so at no cost to the start): the database was opened
 * read-only, or its disk has no room for a request. Returns 0, or -1 with why in err.
 * queue_check_writable() is the proof. */
int queue_check_room(struct queue *q, char *err, size_t errlen);

/* Runs SQLite's quick_check over the whole file at path on a read-only connection of its own (it
 * reads every page: seconds for a large queue; the queue's own connection goes on meanwhile).
 * stop, when not NULL, is asked now and then; a non-zero answer interrupts the check. Returns 0
 * when the file is sound; 1 when it is damaged; -1 when it could not be checked (interrupted,
 * missing, locked); result says how ("ok", or the problem). */
int queue_check_file(const char *path, int (*stop)(void *ctx), void *ctx, char *result, size_t len);
/* Records the result of a check (and its time) for queue_status(). Returns 0, or -1 with err. */
int queue_record_check(struct queue *q, const char *result, char *err, size_t errlen);

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
 * one). Pending and exported-unacknowledged requests are never touched. It works in transactions
 * of about 25 ms, so that a client's submit never waits long behind it, then waits (up to
 * purge_wait_ms, holding no lock) until no reader needs the old pages, and empties the -wal.
 * Returns 0 once the deleted requests are gone from the file and its -wal; 1 when they are deleted
 * but a reader kept old copies in the file or -wal past the wait (err says so; a later purge or
 * checkpoint removes them); -1 with err on failure. *deleted (may be NULL) is the number deleted,
 * also of a purge that failed part way. */
int queue_purge(struct queue *q, int days, long long *deleted, char *err, size_t errlen);

/* The app's saved integers (staff PIN failures, lockout time) kept in the database so they survive a
 * restart. get leaves *value unchanged when key was never set. Both return 0, or -1 with err. */
int queue_state_get_int(struct queue *q, const char *key, long long *value, char *err, size_t errlen);
int queue_state_set_int(struct queue *q, const char *key, long long value, char *err, size_t errlen);

/* Copies every request still readable in the damaged queue file from (and its -wal, also the
 * committed transactions SQLite itself would drop) into q, reading its pages directly: pending
 * ones stay pending; exported ones keep their batch where it can be read, when q has no pending
 * request and no batch of that number or later yet (as just after a move aside), else they go in
 * pending again, and acknowledged ones are left out; none goes in twice (the UUID decides);
 * nothing is made up. In short transactions: the kiosk may go on meanwhile. Returns 0 with the
 * counts in *r, or -1 with err. */
int queue_recover(struct queue *q, const char *from, struct queue_recovery *r, char *err, size_t errlen);

/* Checks a request as queue_submit() does. Returns 0, or -1 with what is wrong in out (never a value). */
int queue_request_problem(const struct queue_request *r, char *out, size_t len);

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
