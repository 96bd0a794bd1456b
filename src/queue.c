/* queue: the durable SQLite queue of consultation requests (see queue.h). */
#include "queue.h"

#include "fault_vfs.h"
#include "fd_io.h"
#include "ids.h"
#include "queue_recover.h"
#include "queue_schema.h"
#include "sqlite_wipe.h"
#include "utf8.h"
#include "wal_log.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

/* ---------------------------------------------------------------- defines */

#define REF_TRIES           16      /* 20 random bits a reference: a collision is rare, a run of 16 absurd */
#define STATE_DAMAGED_PATH  "damaged-moved-to"
#define STATE_DAMAGED_UTC   "damaged-utc"
#define STATE_DAMAGED_KIND  "damaged-kind"      /* "wal" when copies were kept of a damaged -wal */
#define STATE_DAMAGED_WHY   "damaged-why"
#define STATE_RECOVER_FROM  "recover-from"      /* a recovery from the file moved aside is not done yet */
#define STATE_RECOVERED     "damaged-recovered"
#define STATE_CHECK_RESULT  "integrity-result"
#define STATE_CHECK_UTC     "integrity-checked-utc"
#define STATE_WRITE_CHECK   "write-check"
#define WRITE_CHECK_BYTES   16384   /* about what a submit writes to the -wal: a disk with less is full */
#define PURGE_DAYS_MAX      36500
#define PURGE_CHUNK_FIRST   64      /* requests deleted by the first purge transaction */
#define PURGE_CHUNK_MAX     65536
#define PURGE_TXN_MS        25      /* what one purge transaction should take: a submit waits about that */
#define PURGE_GAP_MS        3       /* the pause between two, in which a waiting submit (trying every
                                     * millisecond, busy_wait) gets the lock */
#define PURGE_POLL_MS       20      /* how often purge tries again to empty the -wal */

/* What the statements that read requests return, in the order row_fill() reads them: the state,
 * then the request as submitted, of a row source named s (the view requests, or submissions). */
#define ROW_STATE "coalesce(s.batch_id, 0), s.status, s.exported_utc, s.acknowledged_utc"
#define ROW_DATA "s.uuid, s.ref, s.created_utc, s.kiosk_id, s.treatment_id, s.name, s.phone, s.email," \
    " s.contact_time, s.screening, s.answers, s.consent_contact, s.consent_share_answers, s.notice_version," \
    " s.language"

#define ROW_COLUMNS 19   /* how many ROW_STATE, ROW_DATA are */

/* The last request any batch holds: every request after it is pending. */
#define LAST_EXPORTED_ID "(SELECT coalesce(max(last_request_id), 0) FROM batches)"

/* ---------------------------------------------------------------- types */

/* Every statement, prepared once per connection. */
enum stmt {
    ST_BEGIN_READ, ST_BEGIN_WRITE, ST_COMMIT, ST_ROLLBACK,
    ST_REF_EXISTS, ST_INSERT,
    ST_STATE_GET, ST_STATE_SET, ST_STATE_DELETE,
    ST_PENDING_SNAPSHOT, ST_ROWS_PENDING, ST_ROWS_BATCH, ST_BATCH_GET, ST_BATCH_INSERT,
    ST_ACK, ST_PURGE,
    ST_LIST, ST_STATUS, ST_WRITE_CHECK,
    ST_COUNT
};

static const char *const stmt_sql[ST_COUNT] = {
    [ST_BEGIN_READ] = "BEGIN DEFERRED",
    [ST_BEGIN_WRITE] = "BEGIN IMMEDIATE",
    [ST_COMMIT] = "COMMIT",
    [ST_ROLLBACK] = "ROLLBACK",
    [ST_REF_EXISTS] = "SELECT 1 FROM submissions WHERE ref = ?1",
    [ST_INSERT] = "INSERT INTO submissions (uuid, ref, created_utc, kiosk_id, treatment_id, name, phone,"
                  " email, contact_time, screening, answers, consent_contact, consent_share_answers,"
                  " notice_version, language) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, json(?11), ?12, ?13,"
                  " ?14, ?15)",
    [ST_STATE_GET] = "SELECT value FROM kiosk_state WHERE key = ?1",
    [ST_STATE_SET] = "INSERT INTO kiosk_state (key, value) VALUES (?1, ?2)"
                     " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    [ST_STATE_DELETE] = "DELETE FROM kiosk_state WHERE key = ?1",
    /* Costs the same whatever is pending: the newest request is the last in the table, and the
     * number pending is kept as it goes (queue_figures). Counting the range instead read every
     * pending row once more before the export read them: 19,000 pages for 100,000 requests. */
    [ST_PENDING_SNAPSHOT] = "SELECT " LAST_EXPORTED_ID ", (SELECT coalesce(max(id), 0) FROM submissions),"
                            " (SELECT pending FROM queue_figures), (SELECT coalesce(max(id), 0) + 1 FROM batches)",
    /* every request in the range is pending: no batch to look up */
    [ST_ROWS_PENDING] = "SELECT 0, 'pending', NULL, NULL, " ROW_DATA " FROM submissions s"
                        " WHERE s.id > ?1 AND s.id <= ?2 ORDER BY s.id",
    [ST_ROWS_BATCH] = "SELECT " ROW_STATE ", " ROW_DATA " FROM batches b, requests s"
                      " WHERE b.id = ?1 AND s.id BETWEEN b.first_request_id AND b.last_request_id ORDER BY s.id",
    [ST_BATCH_GET] = "SELECT b.count, b.acknowledged_utc, (SELECT count(*) FROM submissions s"
                     "  WHERE s.id BETWEEN b.first_request_id AND b.last_request_id)"
                     " FROM batches b WHERE b.id = ?1",
    /* only if no other export made a batch since the snapshot (?2: its last exported id) */
    [ST_BATCH_INSERT] = "INSERT INTO batches (id, first_request_id, last_request_id, count, created_utc)"
                        " SELECT ?1, ?2 + 1, ?3, ?4, ?5 WHERE " LAST_EXPORTED_ID " = ?2",
    [ST_ACK] = "UPDATE batches SET acknowledged_utc = ?2 WHERE id = ?1 AND acknowledged_utc IS NULL",
    /* one short transaction's worth (?2 requests) at a time */
    [ST_PURGE] = "DELETE FROM submissions WHERE id IN (SELECT s.id FROM batches b JOIN submissions s"
                 " ON s.id BETWEEN b.first_request_id AND b.last_request_id WHERE b.acknowledged_utc <= ?1"
                 " LIMIT ?2)",
    [ST_LIST] = "SELECT " ROW_STATE ", " ROW_DATA " FROM requests s WHERE ?1 IS NULL OR s.status = ?1 ORDER BY s.id",
    /* Costs the same whatever the queue holds: the count is kept as it goes (queue_figures), the
     * oldest pending request is the first in queue order, and batches are one row an export. */
    [ST_STATUS] = "SELECT f.pending, ?1 - CAST(strftime('%s', (SELECT created_utc FROM submissions"
                  "  WHERE id > " LAST_EXPORTED_ID " ORDER BY id LIMIT 1)) AS INTEGER),"
                  " (SELECT count(*) FROM batches WHERE acknowledged_utc IS NULL),"
                  " (SELECT max(created_utc) FROM batches),"
                  " (SELECT max(acknowledged_utc) FROM batches),"
                  " (SELECT max(id) FROM batches WHERE acknowledged_utc IS NULL),"
                  " (SELECT count FROM batches WHERE id = (SELECT max(id) FROM batches WHERE acknowledged_utc IS NULL))"
                  " FROM queue_figures f",
    /* new bytes each time: SQLite writes nothing for a value that did not change */
    [ST_WRITE_CHECK] = "INSERT INTO kiosk_state (key, value) VALUES ('" STATE_WRITE_CHECK "', randomblob(?1))"
                       " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
};

/* The one export a queue may have under way. */
struct export_cursor {
    int active;
    struct queue_batch batch;
    long long after, last;          /* new batch: the snapshot's last exported id, and its newest request:
                                     * the batch will be after + 1 .. last */
    long long read;                 /* rows queue_export_next() has returned */
    int ended;                      /* it has returned 0: every row was read */
    sqlite3_stmt *rows;             /* ST_ROWS_PENDING or ST_ROWS_BATCH, bound */
};

struct queue {
    sqlite3 *db;
    sqlite3_stmt *st[ST_COUNT];
    char path[QUEUE_PATH_MAX];
    struct fault_vfs *fault;        /* NULL unless opened with fault_injection */
    int busy_timeout_ms;            /* as opened, for reconnect() */
    int purge_wait_ms;              /* as opened */
    double busy_since;              /* when the current wait for a lock began (busy_wait) */
    int unsettled;                  /* a request was committed but not yet checkpointed (queue_settle) */
    char wal_copy[QUEUE_ASIDE_MAX]; /* copies kept of a damaged -wal before opening, to record once open */
    char wal_why[200];
    struct export_cursor exp;
};

/* ---------------------------------------------------------------- static prototypes */

static int connect_db(struct queue *q, const struct queue_options *o, char *err, size_t errlen);
static const char *disk_hint(const char *path);
static int record_damage(struct queue *q, const char *where, const char *kind, const char *why, char *err,
                         size_t errlen);
static void disconnect_db(struct queue *q);
static void reconnect(struct queue *q);

/* ---------------------------------------------------------------- small helpers */

static void utc_format(time_t t, char out[QUEUE_TIME_LEN + 1])
{
    struct tm tm;

    gmtime_r(&t, &tm);
    strftime(out, QUEUE_TIME_LEN + 1, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int one_of(const char *v, const char *const *set)
{
    for (; *set; set++)
        if (strcmp(v, *set) == 0)
            return 1;
    return 0;
}

/* Writes "cannot WHAT: sqlite's message" into err and returns -1. */
static int db_error(struct queue *q, const char *what, char *err, size_t errlen)
{
    snprintf(err, errlen, "cannot %s: %s", what, sqlite3_errmsg(q->db));
    return -1;
}

/* Runs a statement that returns no rows (BEGIN, COMMIT ...). Returns the sqlite code. */
static int run(struct queue *q, enum stmt s)
{
    int rc = sqlite3_step(q->st[s]);

    sqlite3_reset(q->st[s]);
    return rc == SQLITE_ROW ? SQLITE_DONE : rc;
}

/* Resets a statement after use, so it holds no read lock and no pointer to the caller's strings. */
static void done(struct queue *q, enum stmt s)
{
    sqlite3_reset(q->st[s]);
    sqlite3_clear_bindings(q->st[s]);
}

/* Rolls back whatever transaction a failure left open. */
static void rollback_if_open(struct queue *q)
{
    if (!sqlite3_get_autocommit(q->db))
        run(q, ST_ROLLBACK);
}

static const char *column_text(sqlite3_stmt *s, int i)
{
    return (const char *)sqlite3_column_text(s, i);
}

/* Fills row from a statement positioned on a row of ROW_STATE, ROW_DATA. */
static void row_fill(sqlite3_stmt *s, struct queue_row *row)
{
    row->batch_id = sqlite3_column_int64(s, 0);
    row->status = column_text(s, 1);
    row->exported_utc = column_text(s, 2);
    row->acknowledged_utc = column_text(s, 3);
    row->uuid = column_text(s, 4);
    row->ref = column_text(s, 5);
    row->created_utc = column_text(s, 6);
    row->req.kiosk_id = column_text(s, 7);
    row->req.treatment_id = column_text(s, 8);
    row->req.name = column_text(s, 9);
    row->req.phone = column_text(s, 10);
    row->req.email = column_text(s, 11);
    row->req.contact_time = column_text(s, 12);
    row->req.screening = column_text(s, 13);
    row->req.answers = column_text(s, 14);
    row->req.consent_contact = sqlite3_column_int(s, 15);
    row->req.consent_share_answers = sqlite3_column_int(s, 16);
    row->req.notice_version = column_text(s, 17);
    row->req.language = column_text(s, 18);
}

/* ---------------------------------------------------------------- locks and the write-ahead log */

static double mono_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void sleep_ms(int ms)
{
    struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

/* SQLite's busy handler: tries again every millisecond until busy_timeout_ms have passed. SQLite's
 * own (sqlite3_busy_timeout) backs off to 100 ms between tries, so a client's submit could sleep
 * through every short gap a staff command leaves between its transactions. */
static int busy_wait(void *ctx, int tries)
{
    struct queue *q = ctx;
    double now = mono_ms();

    if (tries == 0)
        q->busy_since = now;
    if (now - q->busy_since >= q->busy_timeout_ms)
        return 0;
    sleep_ms(1);
    return 1;
}

/* Copies what the -wal holds into the database file, without waiting: a reader that still needs
 * the -wal (an export under way) only leaves it for the next commit. mode is
 * SQLITE_CHECKPOINT_RESTART after every commit (the -wal then holds at most the transaction in
 * flight; its stale frames stay for the next commit to overwrite, since growing it again would
 * cost each submit) or SQLITE_CHECKPOINT_TRUNCATE, which also cuts the -wal to nothing so that
 * not even stale frames stay. Returns 1 when the -wal is empty and the file holds everything. */
static int checkpoint(struct queue *q, int mode)
{
    int log = -1, done = -1, rc;

    sqlite3_busy_handler(q->db, NULL, NULL);
    rc = sqlite3_wal_checkpoint_v2(q->db, NULL, mode, &log, &done);
    sqlite3_busy_handler(q->db, busy_wait, q);
    return rc == SQLITE_OK && log == 0;
}

/* Commits the transaction open on q and, once committed, checkpoints. Returns the sqlite code of
 * the COMMIT (SQLITE_DONE when it succeeded). */
static int commit(struct queue *q)
{
    int rc = run(q, ST_COMMIT);

    if (rc == SQLITE_DONE)
        checkpoint(q, SQLITE_CHECKPOINT_RESTART);
    return rc;
}

/* ---------------------------------------------------------------- opening */

/* Makes sure path exists, creating it empty with mode 0600 so that SQLite (and its -wal and -shm,
 * which copy the file's mode) never makes it readable by others. Returns 0, or -1 with err. */
static int create_private(const char *path, char *err, size_t errlen)
{
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

    if (fd < 0) {
        int e = errno;
        snprintf(err, errlen, "cannot %s '%s': %s%s", access(path, F_OK) == 0 ? "write" : "create", path,
                 strerror(e), e == EROFS ? "" : disk_hint(path));
        return -1;
    }
    close(fd);
    return 0;
}

/* SQLite keeps two files beside the database; anything but a file there (a directory, say) only
 * gives "unable to open database file" later. Returns 0, or -1 with err. */
static int sidecars_are_files(const char *path, char *err, size_t errlen)
{
    static const char *const sidecars[] = { "-wal", "-shm" };
    char name[QUEUE_PATH_MAX + 8];
    struct stat sb;

    for (size_t i = 0; i < sizeof sidecars / sizeof *sidecars; i++) {
        snprintf(name, sizeof name, "%s%s", path, sidecars[i]);
        if (lstat(name, &sb) == 0 && !S_ISREG(sb.st_mode)) {
            snprintf(err, errlen, "cannot open '%s': '%s' is not a file (%s); SQLite needs it for the database",
                     path, name, S_ISDIR(sb.st_mode) ? "a directory" : "something else");
            return -1;
        }
    }
    return 0;
}

/* What the filesystem under path says, for an error SQLite calls only "disk I/O error": "" or a
 * hint such as "; the disk is full". */
static const char *disk_hint(const char *path)
{
    char dir[QUEUE_PATH_MAX];
    const char *slash = strrchr(path, '/');
    struct statvfs fs;

    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) + 1 : 1, slash ? path : ".");
    if (statvfs(dir, &fs) != 0)
        return "";
    if (fs.f_flag & ST_RDONLY)
        return "; its filesystem is mounted read-only";
    if (fs.f_bavail == 0)
        return "; the disk is full";
    return "";
}

/* 1 when an error code means the file is not a usable database (as opposed to locked, missing ...). */
static int is_damage(int rc)
{
    return (rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT;
}

static int prepare_all(struct queue *q, char *err, size_t errlen)
{
    for (int i = 0; i < ST_COUNT; i++) {
        if (sqlite3_prepare_v3(q->db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &q->st[i], NULL) != SQLITE_OK) {
            snprintf(err, errlen, "cannot prepare statement %d on '%s': %s", i, q->path, sqlite3_errmsg(q->db));
            return -1;
        }
    }
    return 0;
}

/* Opens q->path and brings it to a usable state. Returns 0; 1 when the file is damaged (the reason
 * in err); -1 for any other failure (the reason in err). q->db is NULL unless it returns 0. */
static int connect_db(struct queue *q, const struct queue_options *o, char *err, size_t errlen)
{
    static const char pragmas[] =
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"
        " PRAGMA secure_delete = ON;"
        /* A small page cache: the kiosk writes a row at a time and an export reads each page once. */
        " PRAGMA cache_size = -512;";
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
    int rc, status;

    if (o->create && create_private(q->path, err, errlen) != 0)
        return -1;
    rc = sqlite3_open_v2(q->path, &q->db, flags, q->fault ? fault_vfs_name(q->fault) : NULL);
    if (rc == SQLITE_OK) {
        sqlite3_extended_result_codes(q->db, 1);
        sqlite3_busy_handler(q->db, busy_wait, q);
        rc = sqlite3_exec(q->db, pragmas, NULL, NULL, NULL);
    }
    if (rc != SQLITE_OK) {
        snprintf(err, errlen, "cannot open '%s': %s%s", q->path, q->db ? sqlite3_errmsg(q->db) : "out of memory",
                 disk_hint(q->path));
        status = is_damage(rc) ? 1 : -1;
    } else {
        status = queue_schema_migrate(q->db, q->path, err, errlen);
        if (status == 0)
            status = prepare_all(q, err, errlen);
    }
    if (status != 0)
        disconnect_db(q);
    return status;
}

static void disconnect_db(struct queue *q)
{
    for (int i = 0; i < ST_COUNT; i++) {
        sqlite3_finalize(q->st[i]);
        q->st[i] = NULL;
    }
    sqlite3_close(q->db);
    q->db = NULL;
}

/* Renames from to to, unless from does not exist. Returns 0, or -1 with err. */
static int rename_if_present(const char *from, const char *to, char *err, size_t errlen)
{
    if (rename(from, to) == 0 || errno == ENOENT)
        return 0;
    snprintf(err, errlen, "cannot move damaged '%s' aside: %s", from, strerror(errno));
    return -1;
}

/* A name PATH.damaged-YYYYMMDDTHHMMSSZ[-N] that nothing has yet (nor its -wal). */
static void aside_name(const char *path, char *out, size_t len)
{
    char stamp[20], wal[QUEUE_ASIDE_MAX + 8];
    time_t now = time(NULL);
    struct tm tm;
    struct stat sb;

    gmtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
    snprintf(out, len, "%s.damaged-%s", path, stamp);
    for (int n = 2; snprintf(wal, sizeof wal, "%s-wal", out), lstat(out, &sb) == 0 || lstat(wal, &sb) == 0; n++)
        snprintf(out, len, "%s.damaged-%s-%d", path, stamp, n);
}

/* Moves the damaged database (and its -wal and -shm) to PATH.damaged-YYYYMMDDTHHMMSSZ, never
 * overwriting anything. Returns 0 with the new name in moved_to, or -1 with err. */
static int move_aside(const char *path, char *moved_to, size_t len, char *err, size_t errlen)
{
    static const char *const sidecars[] = { "-wal", "-shm" };
    char from[QUEUE_PATH_MAX + 8], to[QUEUE_ASIDE_MAX + 8];

    aside_name(path, moved_to, len);
    if (rename_if_present(path, moved_to, err, errlen) != 0)
        return -1;
    for (size_t i = 0; i < sizeof sidecars / sizeof *sidecars; i++) {
        snprintf(from, sizeof from, "%s%s", path, sidecars[i]);
        snprintf(to, sizeof to, "%s%s", moved_to, sidecars[i]);
        if (rename_if_present(from, to, err, errlen) != 0)
            return -1;
    }
    return 0;
}

/* Copies the file from to the new file to (mode 0600, synced). Returns 0, or -1 with err. */
static int copy_file(const char *from, const char *to, char *err, size_t errlen)
{
    char buf[65536];
    int in = open(from, O_RDONLY | O_CLOEXEC), out = -1, rc = 0;
    ssize_t n;

    if (in >= 0)
        out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (in < 0 || out < 0)
        rc = -1;
    while (rc == 0 && (n = read(in, buf, sizeof buf)) != 0) {
        if (n < 0 && errno == EINTR)
            continue;
        rc = n > 0 && fd_write_all(out, buf, (size_t)n) == 0 ? 0 : -1;
    }
    if (rc == 0 && fsync(out) != 0)
        rc = -1;
    if (rc != 0)
        snprintf(err, errlen, "cannot copy '%s' to '%s': %s", from, to, strerror(errno));
    if (out >= 0 && close(out) != 0 && rc == 0) {
        snprintf(err, errlen, "cannot copy '%s' to '%s': %s", from, to, strerror(errno));
        rc = -1;
    }
    if (in >= 0)
        close(in);
    return rc;
}

/* Before SQLite opens a database that something stopped uncleanly (its -wal is there and no one
 * has it open), reads the -wal as SQLite is about to. Should SQLite drop committed transactions
 * for anything but a last write cut short (wal_log.c), copies of the database and the -wal go
 * aside first, as PATH.damaged-STAMP and PATH.damaged-STAMP-wal, never replacing anything: SQLite
 * then throws the frames away, and overwrites them. Their names go in q->wal_copy for staff.
 * Returns 0 (also when all is well), or -1 with err when the copies cannot be made: then the
 * database must not be opened, so that nothing more is lost. */
static int keep_damaged_wal(struct queue *q, char *err, size_t errlen)
{
    char wal[QUEUE_PATH_MAX + 8], copy[QUEUE_ASIDE_MAX], copy_wal[QUEUE_ASIDE_MAX + 8], why[256];
    struct wal_verdict v;
    struct stat sb;

    snprintf(wal, sizeof wal, "%s-wal", q->path);
    if (lstat(wal, &sb) != 0 || sb.st_size == 0 || wal_log_in_use(q->path))
        return 0;
    if (wal_log_read(wal, &v, NULL, NULL, why, sizeof why) != 0) {
        snprintf(err, errlen, "cannot open '%s': %s", q->path, why);
        return -1;
    }
    if (!v.damaged)
        return 0;
    aside_name(q->path, copy, sizeof copy);
    snprintf(copy_wal, sizeof copy_wal, "%s-wal", copy);
    if (copy_file(q->path, copy, why, sizeof why) != 0 || copy_file(wal, copy_wal, why, sizeof why) != 0) {
        snprintf(err, errlen, "cannot open '%s': %s, and copies of it could not be kept (%s); it is left as it is, "
                 "so that nothing more is lost", q->path, v.why, why);
        return -1;
    }
    snprintf(q->wal_copy, sizeof q->wal_copy, "%s", copy);
    snprintf(q->wal_why, sizeof q->wal_why, "%s", v.why);
    return 0;
}

const char *queue_wal_kept_aside(const struct queue *q, const char **why)
{
    if (why)
        *why = q->wal_why;
    return q->wal_copy[0] ? q->wal_copy : NULL;
}

static void copy_column(sqlite3_stmt *s, int i, char *out, size_t len)
{
    const char *v = column_text(s, i);

    snprintf(out, len, "%s", v ? v : "");
}

/* Copies the text state value of key into out ("" when absent). Returns an sqlite code. */
static int state_get_text(struct queue *q, const char *key, char *out, size_t len)
{
    int rc;

    sqlite3_bind_text(q->st[ST_STATE_GET], 1, key, -1, SQLITE_STATIC);
    rc = sqlite3_step(q->st[ST_STATE_GET]);
    out[0] = '\0';
    if (rc == SQLITE_ROW)
        copy_column(q->st[ST_STATE_GET], 0, out, len);
    done(q, ST_STATE_GET);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int delete_state(struct queue *q, const char *key)
{
    int rc;

    sqlite3_bind_text(q->st[ST_STATE_DELETE], 1, key, -1, SQLITE_STATIC);
    rc = sqlite3_step(q->st[ST_STATE_DELETE]);
    done(q, ST_STATE_DELETE);
    return rc == SQLITE_DONE ? 0 : -1;
}

static int state_set_text(struct queue *q, const char *key, const char *value)
{
    int rc;

    sqlite3_bind_text(q->st[ST_STATE_SET], 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(q->st[ST_STATE_SET], 2, value, -1, SQLITE_STATIC);
    rc = sqlite3_step(q->st[ST_STATE_SET]);
    done(q, ST_STATE_SET);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* Copies what can be read of the file moved aside (named in the state) into the fresh queue, and
 * records what came of it. Run again after a stop in the middle, it copies the rest (the UUIDs
 * decide). Failing leaves the state to try again at the next open, and the warning says so. */
static void recover_from_aside(struct queue *q)
{
    char from[QUEUE_ASIDE_MAX], done_text[160], err[256];
    struct queue_recovery r;
    int rc;

    if (state_get_text(q, STATE_RECOVER_FROM, from, sizeof from) != SQLITE_OK || !from[0])
        return;
    rc = queue_recover_into(q->db, from, &r, err, sizeof err);
    if (rc == 0)
        snprintf(done_text, sizeof done_text, "%lld requests found in it, %lld copied back (%lld pending), %lld skipped",
                 r.found, r.copied, r.pending, r.skipped);
    else
        snprintf(done_text, sizeof done_text, "copying back what it holds failed (tried again at the next start): %s",
                 err);
    if (run(q, ST_BEGIN_WRITE) == SQLITE_DONE && state_set_text(q, STATE_RECOVERED, done_text) == 0 &&
        (rc != 0 || delete_state(q, STATE_RECOVER_FROM) == 0))
        commit(q);
    rollback_if_open(q);
}

/* Moves the damaged file aside, starts a fresh database, records what happened for staff and
 * copies back every request that can be read in the file moved aside. */
static int recover(struct queue *q, const struct queue_options *o, char *err, size_t errlen)
{
    struct queue_options fresh = *o;
    char moved_to[QUEUE_ASIDE_MAX];

    if (move_aside(q->path, moved_to, sizeof moved_to, err, errlen) != 0)
        return -1;
    fresh.create = 1;
    if (connect_db(q, &fresh, err, errlen) != 0)
        return -1;
    if (record_damage(q, moved_to, "file", "", err, errlen) != 0)
        return -1;
    recover_from_aside(q);
    return 0;
}

/* Records, for staff, that the database or its -wal was damaged and where what was found went. */
static int record_damage(struct queue *q, const char *where, const char *kind, const char *why, char *err,
                         size_t errlen)
{
    char now[QUEUE_TIME_LEN + 1];
    int moved = strcmp(kind, "file") == 0;

    utc_format(time(NULL), now);
    if (run(q, ST_BEGIN_WRITE) != SQLITE_DONE || state_set_text(q, STATE_DAMAGED_PATH, where) != 0 ||
        state_set_text(q, STATE_DAMAGED_UTC, now) != 0 || state_set_text(q, STATE_DAMAGED_KIND, kind) != 0 ||
        state_set_text(q, STATE_DAMAGED_WHY, why) != 0 || state_set_text(q, STATE_RECOVERED, "") != 0 ||
        (moved && state_set_text(q, STATE_RECOVER_FROM, where) != 0) || commit(q) != SQLITE_DONE) {
        db_error(q, "record the damaged database", err, errlen);
        rollback_if_open(q);
        return -1;
    }
    return 0;
}

struct queue *queue_open(const char *path, const struct queue_options *opt, char *err, size_t errlen)
{
    struct queue_options o = opt ? *opt : (struct queue_options){ 0 };
    struct queue *q = calloc(1, sizeof *q);
    int rc;

    sqlite_wipe_install();
    if (!q) {
        snprintf(err, errlen, "cannot open '%s': %s", path, strerror(ENOMEM));
        return NULL;
    }
    if (o.busy_timeout_ms <= 0)
        o.busy_timeout_ms = QUEUE_BUSY_TIMEOUT_MS;
    q->busy_timeout_ms = o.busy_timeout_ms;
    q->purge_wait_ms = o.purge_wait_ms > 0 ? o.purge_wait_ms : QUEUE_PURGE_WAIT_MS;
    if (strlen(path) >= sizeof q->path) {
        snprintf(err, errlen, "cannot open '%s': path too long", path);
        rc = -1;
    } else {
        snprintf(q->path, sizeof q->path, "%s", path);
        rc = 0;
        if (o.fault_injection && !(q->fault = fault_vfs_new(err, errlen)))
            rc = -1;
    }
    if (rc == 0)
        rc = sidecars_are_files(q->path, err, errlen);
    if (rc == 0 && !o.damaged)
        rc = keep_damaged_wal(q, err, errlen);
    if (rc == 0 && o.damaged)
        rc = 1;     /* the caller's check found it damaged */
    else if (rc == 0)
        rc = connect_db(q, &o, err, errlen);
    if (rc == 1 && (o.recover_damaged || o.damaged))
        rc = recover(q, &o, err, errlen);
    else if (rc == 0 && q->wal_copy[0])
        rc = record_damage(q, q->wal_copy, "wal", q->wal_why, err, errlen);
    else if (rc == 0 && o.recover_damaged)
        recover_from_aside(q);      /* one a stop cut short, if any */
    if (rc != 0) {
        queue_close(q);
        return NULL;
    }
    return q;
}

void queue_close(struct queue *q)
{
    if (!q)
        return;
    if (q->db && q->exp.active)
        queue_export_cancel(q);
    queue_settle(q);
    if (q->db)
        disconnect_db(q);
    fault_vfs_free(q->fault);
    free(q);
}

/* ---------------------------------------------------------------- submit */

int queue_request_problem(const struct queue_request *r, char *out, size_t len)
{
    static const char *const contact_times[] = { "morning", "afternoon", "evening", "any", NULL };
    static const char *const screenings[] = { "clear", "discuss", "stop", "not-taken", NULL };
    const struct { const char *field, *value; size_t max; int required; } text[] = {
        { "kiosk id", r->kiosk_id, QUEUE_ID_MAX, 1 },
        { "treatment id", r->treatment_id, QUEUE_ID_MAX, 1 },
        { "name", r->name, QUEUE_NAME_MAX, 1 },
        { "phone", r->phone, QUEUE_PHONE_MAX, 0 },
        { "email", r->email, QUEUE_EMAIL_MAX, 0 },
        { "notice version", r->notice_version, QUEUE_NOTICE_MAX, 0 },
        { "answers", r->answers ? r->answers : "", QUEUE_ANSWERS_MAX, 0 },
        { "language", r->language ? r->language : "", QUEUE_LANGUAGE_MAX, 0 },
    };
    const char *problem = NULL;

    for (size_t i = 0; i < sizeof text / sizeof *text && !problem; i++) {
        if (!text[i].value || (text[i].required && !*text[i].value))
            problem = "is missing";
        else if (strlen(text[i].value) > text[i].max)
            problem = "is too long";
        else if (!utf8_valid(text[i].value, strlen(text[i].value)))
            problem = "is not valid UTF-8";
        if (problem) {
            snprintf(out, len, "the %s %s", text[i].field, problem);
            return -1;
        }
    }
    if (!*r->phone && !*r->email)
        problem = "neither a phone number nor an email address was given";
    else if (!r->contact_time || !one_of(r->contact_time, contact_times))
        problem = "the contact time must be morning, afternoon, evening or any";
    else if (!r->screening || !one_of(r->screening, screenings))
        problem = "the screening outcome must be clear, discuss, stop or not-taken";
    else if ((r->consent_contact != 0 && r->consent_contact != 1) ||
             (r->consent_share_answers != 0 && r->consent_share_answers != 1))
        problem = "a consent must be 0 or 1";
    else if (r->answers && !r->consent_share_answers)
        problem = "answers given without consent to share them";
    else if (r->language && strspn(r->language, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-") !=
             strlen(r->language))
        problem = "the language must be a code such as en or zh-Hans";
    if (problem)
        snprintf(out, len, "%s", problem);
    return problem ? -1 : 0;
}

/* Picks a reference no stored request has. Call inside the write transaction. Returns an sqlite code. */
static int pick_ref(struct queue *q, char ref[QUEUE_REF_LEN + 1])
{
    sqlite3_stmt *s = q->st[ST_REF_EXISTS];
    int rc = SQLITE_ROW;

    for (int i = 0; i < REF_TRIES && rc == SQLITE_ROW; i++) {
        if (ids_ref(ref) != 0)
            return SQLITE_IOERR;
        sqlite3_bind_text(s, 1, ref, -1, SQLITE_STATIC);
        rc = sqlite3_step(s);
        done(q, ST_REF_EXISTS);
    }
    return rc == SQLITE_DONE ? SQLITE_OK : rc == SQLITE_ROW ? SQLITE_CONSTRAINT_UNIQUE : rc;
}

static int insert_request(struct queue *q, const struct queue_request *r, const struct queue_receipt *k)
{
    sqlite3_stmt *s = q->st[ST_INSERT];
    const char *text[] = { k->uuid, k->ref, k->created_utc, r->kiosk_id, r->treatment_id, r->name,
                           r->phone, r->email, r->contact_time, r->screening, r->answers };
    int rc;

    for (int i = 0; i < (int)(sizeof text / sizeof *text); i++)
        sqlite3_bind_text(s, i + 1, text[i], -1, SQLITE_STATIC);    /* NULL answers bind as NULL */
    sqlite3_bind_int(s, 12, r->consent_contact);
    sqlite3_bind_int(s, 13, r->consent_share_answers);
    sqlite3_bind_text(s, 14, r->notice_version, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 15, r->language ? r->language : "", -1, SQLITE_STATIC);
    rc = sqlite3_step(s);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Swaps the connection for a new one, which is how the clients' details that SQLite keeps leave
 * memory after a client's visit or an export (it builds each new row in a buffer its connection
 * keeps until it closes). The new connection opens first: should that fail, the old one simply
 * stays, and the details with it until the next time. */
static void reconnect(struct queue *q)
{
    struct queue_options o = { .busy_timeout_ms = q->busy_timeout_ms };
    struct queue fresh = { .fault = q->fault, .busy_timeout_ms = q->busy_timeout_ms };
    char err[256];

    snprintf(fresh.path, sizeof fresh.path, "%s", q->path);
    if (connect_db(&fresh, &o, err, sizeof err) != 0)
        return;
    disconnect_db(q);
    q->db = fresh.db;
    memcpy(q->st, fresh.st, sizeof q->st);
    sqlite3_busy_handler(q->db, busy_wait, q);     /* it named fresh, which is gone */
}

void queue_forget(struct queue *q)
{
    if (q)
        reconnect(q);
}

int queue_submit(struct queue *q, const struct queue_request *r, struct queue_receipt *out,
                 char *err, size_t errlen)
{
    struct queue_receipt k;
    char problem[128];
    int rc;

    memset(out, 0, sizeof *out);
    if (queue_request_problem(r, problem, sizeof problem) != 0) {
        snprintf(err, errlen, "cannot save the request: %s", problem);
        return -1;
    }
    if (ids_uuid(k.uuid) != 0) {
        snprintf(err, errlen, "cannot save the request: cannot read random bytes: %s", strerror(errno));
        return -1;
    }
    utc_format(time(NULL), k.created_utc);
    rc = run(q, ST_BEGIN_WRITE);
    if (rc == SQLITE_DONE)
        rc = pick_ref(q, k.ref);
    if (rc == SQLITE_OK)
        rc = insert_request(q, r, &k);
    if (rc == SQLITE_OK)
        rc = run(q, ST_COMMIT);         /* committed: the checkpoint waits for queue_settle() */
    q->unsettled |= rc == SQLITE_DONE;
    if (rc != SQLITE_DONE)
        db_error(q, "save the request", err, errlen);
    done(q, ST_INSERT);
    if (rc != SQLITE_DONE)
        rollback_if_open(q);
    if (rc != SQLITE_DONE)
        return -1;
    *out = k;
    return 0;
}

void queue_settle(struct queue *q)
{
    if (q && q->db && q->unsettled && !q->exp.active)
        q->unsettled = !checkpoint(q, SQLITE_CHECKPOINT_RESTART);
}

/* ---------------------------------------------------------------- status and state */

static long long file_size(const char *path)
{
    struct stat sb;

    return stat(path, &sb) == 0 ? (long long)sb.st_size : 0;
}

int queue_status(struct queue *q, struct queue_status *st, char *err, size_t errlen)
{
    sqlite3_stmt *s = q->st[ST_STATUS];
    char wal[QUEUE_PATH_MAX + 8], kind[16];
    int rc;

    memset(st, 0, sizeof *st);
    sqlite3_bind_int64(s, 1, (sqlite3_int64)time(NULL));
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        st->pending = sqlite3_column_int64(s, 0);
        st->oldest_pending_age_s = sqlite3_column_type(s, 1) == SQLITE_NULL ? -1 : sqlite3_column_int64(s, 1);
        st->unacked_batches = sqlite3_column_int64(s, 2);
        copy_column(s, 3, st->last_export_utc, sizeof st->last_export_utc);
        copy_column(s, 4, st->last_ack_utc, sizeof st->last_ack_utc);
        st->newest_unacked_batch = sqlite3_column_int64(s, 5);
        st->newest_unacked_count = sqlite3_column_int64(s, 6);
        rc = SQLITE_OK;
    }
    done(q, ST_STATUS);
    if (rc == SQLITE_OK)
        rc = state_get_text(q, STATE_DAMAGED_PATH, st->damaged_moved_to, sizeof st->damaged_moved_to);
    if (rc == SQLITE_OK)
        rc = state_get_text(q, STATE_DAMAGED_UTC, st->damaged_utc, sizeof st->damaged_utc);
    if (rc == SQLITE_OK)
        rc = state_get_text(q, STATE_DAMAGED_KIND, kind, sizeof kind);
    if (rc == SQLITE_OK)
        rc = state_get_text(q, STATE_DAMAGED_WHY, st->damaged_why, sizeof st->damaged_why);
    if (rc == SQLITE_OK)
        rc = state_get_text(q, STATE_RECOVERED, st->damaged_recovered, sizeof st->damaged_recovered);
    st->damaged_wal = strcmp(kind, "wal") == 0;
    if (rc == SQLITE_OK)
        rc = state_get_text(q, STATE_CHECK_RESULT, st->quick_check, sizeof st->quick_check);
    if (rc == SQLITE_OK)
        rc = state_get_text(q, STATE_CHECK_UTC, st->checked_utc, sizeof st->checked_utc);
    if (rc != SQLITE_OK)
        return db_error(q, "read the status", err, errlen);
    snprintf(wal, sizeof wal, "%s-wal", q->path);
    st->db_bytes = file_size(q->path) + file_size(wal);
    return 0;
}

int queue_check_writable(struct queue *q, char *err, size_t errlen)
{
    sqlite3_stmt *s = q->st[ST_WRITE_CHECK];
    int rc = run(q, ST_BEGIN_WRITE);

    if (rc == SQLITE_DONE) {
        sqlite3_bind_int(s, 1, WRITE_CHECK_BYTES);
        rc = sqlite3_step(s);
        done(q, ST_WRITE_CHECK);
    }
    if (rc == SQLITE_DONE)
        rc = commit(q);
    if (rc == SQLITE_DONE)
        return 0;
    snprintf(err, errlen, "cannot write '%s': %s%s", q->path, sqlite3_errmsg(q->db), disk_hint(q->path));
    rollback_if_open(q);
    return -1;
}

int queue_check_room(struct queue *q, char *err, size_t errlen)
{
    char dir[QUEUE_PATH_MAX];
    const char *slash = strrchr(q->path, '/');
    struct statvfs fs;

    if (sqlite3_db_readonly(q->db, "main") == 1) {
        snprintf(err, errlen, "cannot write '%s': it is read-only%s", q->path, disk_hint(q->path));
        return -1;
    }
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - q->path) + 1 : 1, slash ? q->path : ".");
    if (statvfs(dir, &fs) == 0 &&
        (unsigned long long)(geteuid() == 0 ? fs.f_bfree : fs.f_bavail) * fs.f_frsize < WRITE_CHECK_BYTES * 4) {
        snprintf(err, errlen, "cannot write '%s': the disk is full", q->path);
        return -1;
    }
    return 0;
}

/* The progress handler of queue_check_file(): a non-zero return interrupts the check. */
struct check_stop {
    int (*stop)(void *ctx);
    void *ctx;
};

static int check_progress(void *p)
{
    const struct check_stop *cs = p;

    return cs->stop(cs->ctx);
}

int queue_check_file(const char *path, int (*stop)(void *ctx), void *ctx, char *result, size_t len)
{
    struct check_stop cs = { stop, ctx };
    sqlite3 *db = NULL;
    sqlite3_stmt *s = NULL;
    int rc, status;

    sqlite_wipe_install();
    result[0] = '\0';
    rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_extended_result_codes(db, 1);
        sqlite3_busy_timeout(db, QUEUE_BUSY_TIMEOUT_MS);
        if (stop)
            sqlite3_progress_handler(db, 10000, check_progress, &cs);
        rc = sqlite3_exec(db, "PRAGMA cache_size = -256", NULL, NULL, NULL);
    }
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db, "PRAGMA quick_check(1)", -1, &s, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        snprintf(result, len, "%s", column_text(s, 0) ? column_text(s, 0) : "no answer");
        status = strcmp(result, "ok") == 0 ? 0 : 1;
    } else {
        snprintf(result, len, "%s", db ? sqlite3_errmsg(db) : "out of memory");
        status = is_damage(rc) ? 1 : -1;
    }
    sqlite3_finalize(s);
    sqlite3_close(db);
    for (char *nl = strchr(result, '\n'); nl; nl = strchr(nl, '\n'))
        *nl = ' ';          /* one line, for the log and the staff screen */
    return status;
}

int queue_record_check(struct queue *q, const char *result, char *err, size_t errlen)
{
    char now[QUEUE_TIME_LEN + 1];
    int rc = run(q, ST_BEGIN_WRITE);

    utc_format(time(NULL), now);
    if (rc == SQLITE_DONE && (state_set_text(q, STATE_CHECK_RESULT, result) != 0 ||
                              state_set_text(q, STATE_CHECK_UTC, now) != 0))
        rc = SQLITE_ERROR;
    if (rc == SQLITE_DONE)
        rc = commit(q);
    if (rc == SQLITE_DONE)
        return 0;
    db_error(q, "record the database check", err, errlen);
    rollback_if_open(q);
    return -1;
}

int queue_dismiss_damaged(struct queue *q, char *err, size_t errlen)
{
    static const char *const keys[] = { STATE_DAMAGED_PATH, STATE_DAMAGED_UTC, STATE_DAMAGED_KIND, STATE_DAMAGED_WHY,
                                        STATE_RECOVERED };
    int rc = run(q, ST_BEGIN_WRITE);

    for (size_t i = 0; i < sizeof keys / sizeof *keys && rc == SQLITE_DONE; i++) {
        sqlite3_bind_text(q->st[ST_STATE_DELETE], 1, keys[i], -1, SQLITE_STATIC);
        rc = sqlite3_step(q->st[ST_STATE_DELETE]);
        done(q, ST_STATE_DELETE);
    }
    if (rc == SQLITE_DONE)
        rc = commit(q);
    if (rc == SQLITE_DONE)
        return 0;
    db_error(q, "dismiss the warning", err, errlen);
    rollback_if_open(q);
    return -1;
}

static int state_key_ok(const char *key, char *err, size_t errlen)
{
    if (key && *key && strlen(key) <= QUEUE_STATE_KEY_MAX)
        return 1;
    snprintf(err, errlen, "bad state key: empty or longer than %d bytes", QUEUE_STATE_KEY_MAX);
    return 0;
}

int queue_state_get_int(struct queue *q, const char *key, long long *value, char *err, size_t errlen)
{
    sqlite3_stmt *s = q->st[ST_STATE_GET];
    int rc;

    if (!state_key_ok(key, err, errlen))
        return -1;
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *value = sqlite3_column_int64(s, 0);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        db_error(q, "read the saved state", err, errlen);
    done(q, ST_STATE_GET);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

int queue_state_set_int(struct queue *q, const char *key, long long value, char *err, size_t errlen)
{
    sqlite3_stmt *s = q->st[ST_STATE_SET];
    int rc;

    if (!state_key_ok(key, err, errlen))
        return -1;
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, value);
    rc = sqlite3_step(s);
    if (rc != SQLITE_DONE)
        db_error(q, "save the state", err, errlen);
    done(q, ST_STATE_SET);
    if (rc == SQLITE_DONE)
        checkpoint(q, SQLITE_CHECKPOINT_RESTART);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* ---------------------------------------------------------------- listing */

int queue_list(struct queue *q, const char *status, queue_row_fn fn, void *ctx, char *err, size_t errlen)
{
    sqlite3_stmt *s = q->st[ST_LIST];
    struct queue_row row;
    int rc, stop = 0;

    sqlite3_bind_text(s, 1, status, -1, SQLITE_STATIC);
    while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        row_fill(s, &row);
        stop = fn(ctx, &row);
    }
    if (!stop && rc != SQLITE_DONE)
        stop = db_error(q, "list the requests", err, errlen);
    done(q, ST_LIST);
    return stop;
}

/* ---------------------------------------------------------------- export */

/* Reads the snapshot's pending requests: the batch they would become. The rows read are bounded by
 * the newest request in the snapshot, so a request submitted meanwhile stays pending whatever
 * happens. Returns an sqlite code. */
static int begin_new_batch(struct queue *q, struct queue_batch *b)
{
    sqlite3_stmt *s = q->st[ST_PENDING_SNAPSHOT];
    int rc = sqlite3_step(s);

    if (rc == SQLITE_ROW) {
        q->exp.after = sqlite3_column_int64(s, 0);
        q->exp.last = sqlite3_column_int64(s, 1);
        b->id = q->exp.last > q->exp.after ? sqlite3_column_int64(s, 3) : 0;
        b->count = b->id ? sqlite3_column_int64(s, 2) : 0;
        b->is_new = 1;
        rc = SQLITE_OK;
    }
    done(q, ST_PENDING_SNAPSHOT);
    if (rc == SQLITE_OK) {
        q->exp.rows = q->st[ST_ROWS_PENDING];
        sqlite3_bind_int64(q->exp.rows, 1, q->exp.after);
        sqlite3_bind_int64(q->exp.rows, 2, q->exp.last);
    }
    return rc;
}

/* Looks batch up for exporting it again. Returns an sqlite code, or SQLITE_NOTFOUND. */
static int begin_old_batch(struct queue *q, long long batch, struct queue_batch *b)
{
    sqlite3_stmt *s = q->st[ST_BATCH_GET];
    int rc;

    sqlite3_bind_int64(s, 1, batch);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        b->id = batch;
        b->count = sqlite3_column_int64(s, 2);
        b->is_new = 0;
        rc = SQLITE_OK;
    } else if (rc == SQLITE_DONE) {
        rc = SQLITE_NOTFOUND;
    }
    done(q, ST_BATCH_GET);
    if (rc == SQLITE_OK) {
        q->exp.rows = q->st[ST_ROWS_BATCH];
        sqlite3_bind_int64(q->exp.rows, 1, batch);
    }
    return rc;
}

int queue_export_begin(struct queue *q, long long batch, struct queue_batch *b, char *err, size_t errlen)
{
    int rc;

    assert(!q->exp.active && "one export at a time");
    memset(b, 0, sizeof *b);
    if (batch < 0) {
        snprintf(err, errlen, "no batch %lld", batch);
        return -1;
    }
    rc = run(q, ST_BEGIN_READ);
    if (rc == SQLITE_DONE)
        rc = batch == 0 ? begin_new_batch(q, b) : begin_old_batch(q, batch, b);
    if (rc == SQLITE_NOTFOUND)
        snprintf(err, errlen, "no batch %lld", batch);
    else if (rc != SQLITE_OK)
        db_error(q, "read the requests", err, errlen);
    if (rc != SQLITE_OK) {
        rollback_if_open(q);
        return -1;
    }
    q->exp.batch = *b;
    q->exp.read = 0;
    q->exp.ended = 0;
    q->exp.active = 1;
    return 0;
}

int queue_export_next(struct queue *q, struct queue_row *row, char *err, size_t errlen)
{
    int rc;

    assert(q->exp.active);
    rc = sqlite3_step(q->exp.rows);
    if (rc == SQLITE_ROW) {
        row_fill(q->exp.rows, row);
        row->batch_id = q->exp.batch.id;
        q->exp.read++;
        return 1;
    }
    if (rc == SQLITE_DONE) {
        q->exp.ended = 1;
        return 0;
    }
    return db_error(q, "read the requests", err, errlen);
}

/* Ends the read snapshot of the export under way. */
static void export_end_read(struct queue *q)
{
    sqlite3_reset(q->exp.rows);
    sqlite3_clear_bindings(q->exp.rows);
    q->exp.rows = NULL;
    q->exp.active = 0;
    rollback_if_open(q);
}

/* Records the snapshot's pending requests as the new batch: one INSERT, committed on its own. Should
 * another export have made a batch since the snapshot, nothing is recorded. Returns 0, or -1 with
 * err and nothing changed. */
static int record_batch(struct queue *q, const struct export_cursor *x, char *err, size_t errlen)
{
    sqlite3_stmt *s = q->st[ST_BATCH_INSERT];
    char now[QUEUE_TIME_LEN + 1];
    int rc, made;

    utc_format(time(NULL), now);
    sqlite3_bind_int64(s, 1, x->batch.id);
    sqlite3_bind_int64(s, 2, x->after);
    sqlite3_bind_int64(s, 3, x->last);
    sqlite3_bind_int64(s, 4, x->batch.count);
    sqlite3_bind_text(s, 5, now, -1, SQLITE_STATIC);
    rc = sqlite3_step(s);
    made = rc == SQLITE_DONE && sqlite3_changes(q->db) == 1;
    if (rc != SQLITE_DONE)
        db_error(q, "mark the batch exported", err, errlen);
    else if (!made)
        snprintf(err, errlen, "cannot mark batch %lld exported: another export ran at the same time; "
                 "nothing was marked, try again", x->batch.id);
    done(q, ST_BATCH_INSERT);
    if (made)
        checkpoint(q, SQLITE_CHECKPOINT_RESTART);
    return made ? 0 : -1;
}

int queue_export_finish(struct queue *q, char *err, size_t errlen)
{
    struct export_cursor x = q->exp;
    int rc = 0;

    assert(q->exp.active);
    export_end_read(q);
    /* The batch is the rows read when they all were: the count kept in queue_figures should say
     * the same, but the rows are the truth. */
    if (x.batch.is_new && x.ended)
        x.batch.count = x.read;
    if (x.batch.is_new && x.batch.id != 0 && x.batch.count > 0)
        rc = record_batch(q, &x, err, errlen);
    reconnect(q);   /* the rows read are in the page cache */
    return rc;
}

void queue_export_cancel(struct queue *q)
{
    assert(q->exp.active);
    export_end_read(q);
    reconnect(q);   /* the rows read are in the page cache */
}

/* ---------------------------------------------------------------- acknowledge and purge */

int queue_ack(struct queue *q, long long batch, int *was_acked, long long *count, char *err, size_t errlen)
{
    sqlite3_stmt *get = q->st[ST_BATCH_GET];
    char now[QUEUE_TIME_LEN + 1];
    int rc = run(q, ST_BEGIN_WRITE);
    int found = 0;

    utc_format(time(NULL), now);
    if (rc == SQLITE_DONE) {
        sqlite3_bind_int64(get, 1, batch);
        rc = sqlite3_step(get);
        found = rc == SQLITE_ROW;
        if (found && was_acked)
            *was_acked = sqlite3_column_type(get, 1) != SQLITE_NULL;
        if (found && count)
            *count = sqlite3_column_int64(get, 0);
        rc = found ? SQLITE_DONE : rc;
        done(q, ST_BATCH_GET);
    }
    if (found && rc == SQLITE_DONE) {
        sqlite3_bind_int64(q->st[ST_ACK], 1, batch);
        sqlite3_bind_text(q->st[ST_ACK], 2, now, -1, SQLITE_STATIC);
        rc = sqlite3_step(q->st[ST_ACK]);
        done(q, ST_ACK);
    }
    if (found && rc == SQLITE_DONE)
        rc = commit(q);
    if (found && rc == SQLITE_DONE)
        return 0;
    if (rc == SQLITE_DONE)
        snprintf(err, errlen, "no batch %lld", batch);
    else
        db_error(q, "acknowledge the batch", err, errlen);
    rollback_if_open(q);
    return -1;
}

/* Deletes up to chunk acknowledged requests older than cutoff in one transaction. Returns the
 * number deleted, or -1 with the sqlite code in *rc. */
static long long purge_chunk(struct queue *q, const char *cutoff, int chunk, int *rc)
{
    sqlite3_stmt *s = q->st[ST_PURGE];
    long long n = 0;

    *rc = run(q, ST_BEGIN_WRITE);
    if (*rc == SQLITE_DONE) {
        sqlite3_bind_text(s, 1, cutoff, -1, SQLITE_STATIC);
        sqlite3_bind_int(s, 2, chunk);
        *rc = sqlite3_step(s);
        n = sqlite3_changes(q->db);
        done(q, ST_PURGE);
    }
    if (*rc == SQLITE_DONE)
        *rc = run(q, ST_COMMIT);
    if (*rc == SQLITE_DONE)
        return n;
    rollback_if_open(q);
    return -1;
}

/* Empties the -wal (SQLite's automatic checkpoints kept it small meanwhile), once every reader that still needs its frames (or the old pages in the file)
 * has finished: until then the deleted rows' old pages stay in the file, and their zeroed
 * versions only in the -wal. Waits without holding a lock, so that submits go on. Returns 1
 * once done, 0 when a reader stayed past wait_ms. */
static int purge_settle(struct queue *q, int wait_ms)
{
    double deadline = mono_ms() + wait_ms;

    while (!checkpoint(q, SQLITE_CHECKPOINT_TRUNCATE)) {
        if (mono_ms() >= deadline)
            return 0;
        sleep_ms(PURGE_POLL_MS);
    }
    return 1;
}

int queue_purge(struct queue *q, int days, long long *deleted, char *err, size_t errlen)
{
    char cutoff[QUEUE_TIME_LEN + 1];
    long long n, total = 0;
    int chunk = PURGE_CHUNK_FIRST, rc = SQLITE_DONE;

    if (deleted)
        *deleted = 0;
    if (days < 0 || days > PURGE_DAYS_MAX) {
        snprintf(err, errlen, "cannot purge: days must be between 0 and %d", PURGE_DAYS_MAX);
        return -1;
    }
    utc_format(time(NULL) - (time_t)days * 86400, cutoff);
    /* In short transactions, so that a client's submit never waits long behind a big purge: each
     * is sized to take about PURGE_TXN_MS, with a pause after it for whoever waits. They commit
     * without syncing the -wal (synchronous = NORMAL: still safe from corruption in WAL mode), so
     * that no sync of a busy disk holds the lock; purge_settle()'s checkpoint syncs it all before
     * the purge says it is done, and a purge cut short by a power cut is simply run again. */
    sqlite3_exec(q->db, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
    do {
        double t0 = mono_ms(), took;
        n = purge_chunk(q, cutoff, chunk, &rc);
        if (n < 0)
            break;
        total += n;
        took = mono_ms() - t0;
        if (took < PURGE_TXN_MS / 2 && chunk < PURGE_CHUNK_MAX)
            chunk *= 2;
        else if (took > PURGE_TXN_MS * 2 && chunk > 1)
            chunk /= 2;
        if (n > 0)
            sleep_ms(PURGE_GAP_MS);
    } while (n > 0);
    sqlite3_exec(q->db, "PRAGMA synchronous = FULL", NULL, NULL, NULL);
    if (deleted)
        *deleted = total;
    if (n < 0) {
        char why[256];
        snprintf(why, sizeof why, "%s", sqlite3_errmsg(q->db));
        snprintf(err, errlen, "cannot purge: %s (%lld request%s purged before that)", why, total,
                 total == 1 ? " was" : "s were");
        return -1;
    }
    /* Secure delete zeroed what was deleted; they are gone once the file holds the zeroed pages
     * and the -wal is empty, which a reader still using the old ones holds up. */
    if (purge_settle(q, q->purge_wait_ms))
        return 0;
    snprintf(err, errlen, "the purged requests are deleted, but old copies of them stay in '%s' and '%s-wal'"
             " while another program is reading the database (an export, or the kiosk's check); they go"
             " at the first checkpoint after it finishes: run the purge again then", q->path, q->path);
    return 1;
}

/* ---------------------------------------------------------------- recovery by hand */

int queue_recover(struct queue *q, const char *from, struct queue_recovery *r, char *err, size_t errlen)
{
    struct stat a, b;
    int rc;

    memset(r, 0, sizeof *r);
    if (stat(from, &a) != 0) {
        snprintf(err, errlen, "cannot recover from '%s': %s", from, strerror(errno));
        return -1;
    }
    if (!S_ISREG(a.st_mode)) {     /* a FIFO or a device: never wait on it */
        snprintf(err, errlen, "cannot recover from '%s': not a regular file", from);
        return -1;
    }
    if (stat(q->path, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
        snprintf(err, errlen, "cannot recover from '%s': it is the queue itself", from);
        return -1;
    }
    assert(!q->exp.active);
    rc = queue_recover_into(q->db, from, r, err, errlen);
    checkpoint(q, SQLITE_CHECKPOINT_RESTART);
    reconnect(q);       /* the rows read are in the page cache */
    return rc;
}

/* ---------------------------------------------------------------- fault injection */

void queue_fault_set(struct queue *q, enum queue_fault fault)
{
    static const enum fault_vfs_kind kinds[] = {
        [QUEUE_FAULT_NONE] = FAULT_VFS_NONE, [QUEUE_FAULT_WRITE] = FAULT_VFS_WRITE,
        [QUEUE_FAULT_SYNC] = FAULT_VFS_SYNC, [QUEUE_FAULT_FULL] = FAULT_VFS_FULL,
    };

    assert(q && q->fault && "queue_fault_set needs a queue opened with fault_injection");
    assert(fault >= 0 && fault < (int)(sizeof kinds / sizeof *kinds));
    fault_vfs_set(q->fault, kinds[fault]);
}

/* ---------------------------------------------------------------- delivery (kioskctl sync)
 * The table deliveries (schema version 4) holds one row a request; these functions are its only
 * readers and writers besides the triggers that add and remove rows with the requests. Their
 * statements are prepared at each call: the sync process makes a few calls a second at most. */

#define STATE_SYNC_LAST_DELIVERY    "sync-last-delivery"
#define STATE_SYNC_FAILING_SINCE    "sync-failing-since"
#define STATE_SYNC_LAST_ERROR       "sync-last-error"
#define DELIVERY_WAITING "d.delivered_utc IS NULL AND d.rejected IS NULL"

/* Prepares sql on q's connection; NULL with err on failure. */
static sqlite3_stmt *delivery_prepare(struct queue *q, const char *sql, char *err, size_t errlen)
{
    sqlite3_stmt *s = NULL;

    if (sqlite3_prepare_v2(q->db, sql, -1, &s, NULL) != SQLITE_OK) {
        db_error(q, "read the delivery state", err, errlen);
        sqlite3_finalize(s);
        return NULL;
    }
    return s;
}

/* Runs sql, which takes no parameters and returns no rows. Returns an sqlite code. */
static int delivery_exec(struct queue *q, const char *sql)
{
    return sqlite3_exec(q->db, sql, NULL, NULL, NULL);
}

/* Sets (value != NULL) or removes a text state key inside the caller's transaction. */
static int delivery_state_put(struct queue *q, const char *key, const char *value)
{
    sqlite3_stmt *s = value ? q->st[ST_STATE_SET] : q->st[ST_STATE_DELETE];
    int rc;

    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    if (value)
        sqlite3_bind_text(s, 2, value, -1, SQLITE_STATIC);
    rc = sqlite3_step(s);
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int queue_delivery_list(struct queue *q, int max, int with_rejected, queue_delivery_fn fn, void *ctx,
                        char *err, size_t errlen)
{
    static const char sql_waiting[] =
        "SELECT " ROW_STATE ", " ROW_DATA ", d.attempts, d.last_error, d.rejected"
        " FROM deliveries d JOIN requests s ON s.id = d.request_id"
        " WHERE " DELIVERY_WAITING " ORDER BY d.request_id LIMIT ?1";
    static const char sql_all[] =
        "SELECT " ROW_STATE ", " ROW_DATA ", d.attempts, d.last_error, d.rejected"
        " FROM deliveries d JOIN requests s ON s.id = d.request_id"
        " WHERE d.delivered_utc IS NULL ORDER BY d.request_id LIMIT ?1";
    sqlite3_stmt *s = delivery_prepare(q, with_rejected ? sql_all : sql_waiting, err, errlen);
    struct queue_row row;
    struct queue_delivery d;
    int rc = SQLITE_ROW, stop = 0;

    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, max > 0 ? max : -1);
    while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        row_fill(s, &row);
        d.attempts = sqlite3_column_int64(s, ROW_COLUMNS);
        d.last_error = column_text(s, ROW_COLUMNS + 1);
        d.rejected = column_text(s, ROW_COLUMNS + 2);
        stop = fn(ctx, &row, &d);
    }
    if (!stop && rc != SQLITE_DONE)
        stop = db_error(q, "read the requests waiting for delivery", err, errlen);
    sqlite3_finalize(s);
    return stop;
}

/* Runs s once for each uuid (bound as ?1; other parameters stay bound). Returns an sqlite code. */
static int delivery_each(sqlite3_stmt *s, const char *const *uuids, int n)
{
    int rc = SQLITE_OK;

    for (int i = 0; i < n && rc == SQLITE_OK; i++) {
        sqlite3_bind_text(s, 1, uuids[i], -1, SQLITE_STATIC);
        rc = sqlite3_step(s) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(sqlite3_db_handle(s));
        sqlite3_reset(s);
    }
    return rc;
}

int queue_delivery_done(struct queue *q, const char *const *uuids, int n, int forget, int *log_busy,
                        char *err, size_t errlen)
{
    static const char sql_mark[] =
        "UPDATE deliveries SET delivered_utc = ?2, last_attempt_utc = ?2, attempts = attempts + 1,"
        " last_error = NULL WHERE request_id = (SELECT id FROM submissions WHERE uuid = ?1)";
    static const char sql_forget[] = "DELETE FROM submissions WHERE uuid = ?1";
    char now[QUEUE_TIME_LEN + 1];
    sqlite3_stmt *s = delivery_prepare(q, forget ? sql_forget : sql_mark, err, errlen);
    int rc;

    if (log_busy)
        *log_busy = 0;
    if (!s)
        return -1;
    utc_format(time(NULL), now);
    sqlite3_bind_text(s, 2, now, -1, SQLITE_STATIC);    /* forget's statement has no ?2: ignored */
    rc = run(q, ST_BEGIN_WRITE) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(q->db);
    if (rc == SQLITE_OK)
        rc = delivery_each(s, uuids, n);
    if (rc == SQLITE_OK)
        rc = delivery_state_put(q, STATE_SYNC_LAST_DELIVERY, now);
    if (rc == SQLITE_OK)
        rc = delivery_state_put(q, STATE_SYNC_FAILING_SINCE, NULL);
    if (rc == SQLITE_OK)
        rc = delivery_state_put(q, STATE_SYNC_LAST_ERROR, NULL);
    if (rc == SQLITE_OK)
        rc = run(q, ST_COMMIT) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(q->db);
    if (rc != SQLITE_OK)
        db_error(q, "mark requests delivered", err, errlen);
    sqlite3_finalize(s);
    if (rc != SQLITE_OK) {
        rollback_if_open(q);
        return -1;
    }
    if (forget && queue_delivery_wipe_log(q) != 0 && log_busy)
        *log_busy = 1;
    return 0;
}

int queue_delivery_failed(struct queue *q, const char *const *uuids, int n, const char *error,
                          const char *rejected, char *err, size_t errlen)
{
    static const char sql[] =
        "UPDATE deliveries SET attempts = attempts + 1, last_attempt_utc = ?2, last_error = ?3,"
        " rejected = ?4 WHERE request_id = (SELECT id FROM submissions WHERE uuid = ?1)";
    char now[QUEUE_TIME_LEN + 1], since[QUEUE_TIME_LEN + 1];
    sqlite3_stmt *s = delivery_prepare(q, sql, err, errlen);
    int rc;

    if (!s)
        return -1;
    utc_format(time(NULL), now);
    sqlite3_bind_text(s, 2, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, error, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, rejected, -1, SQLITE_STATIC);
    rc = run(q, ST_BEGIN_WRITE) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(q->db);
    if (rc == SQLITE_OK)
        rc = delivery_each(s, uuids, n);
    if (rc == SQLITE_OK && !rejected)
        rc = state_get_text(q, STATE_SYNC_FAILING_SINCE, since, sizeof since);
    if (rc == SQLITE_OK && !rejected && !since[0])
        rc = delivery_state_put(q, STATE_SYNC_FAILING_SINCE, now);
    if (rc == SQLITE_OK && !rejected)
        rc = delivery_state_put(q, STATE_SYNC_LAST_ERROR, error);
    if (rc == SQLITE_OK && rejected) {     /* the receiver answered: the way there works */
        rc = delivery_state_put(q, STATE_SYNC_FAILING_SINCE, NULL);
        if (rc == SQLITE_OK)
            rc = delivery_state_put(q, STATE_SYNC_LAST_ERROR, NULL);
    }
    if (rc == SQLITE_OK)
        rc = run(q, ST_COMMIT) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(q->db);
    if (rc != SQLITE_OK)
        db_error(q, "record the failed delivery", err, errlen);
    sqlite3_finalize(s);
    if (rc != SQLITE_OK)
        rollback_if_open(q);
    return rc == SQLITE_OK ? 0 : -1;
}

int queue_delivery_retry_rejected(struct queue *q, long long *count, char *err, size_t errlen)
{
    if (delivery_exec(q, "UPDATE deliveries SET rejected = NULL WHERE rejected IS NOT NULL") != SQLITE_OK)
        return db_error(q, "send the rejected requests again", err, errlen);
    if (count)
        *count = sqlite3_changes(q->db);
    return 0;
}

int queue_delivery_status(struct queue *q, struct queue_delivery_status *st, char *err, size_t errlen)
{
    static const char sql[] =
        "SELECT (SELECT count(*) FROM deliveries d WHERE " DELIVERY_WAITING "),"
        " (SELECT count(*) FROM deliveries WHERE rejected IS NOT NULL AND delivered_utc IS NULL),"
        " ?1 - (SELECT CAST(strftime('%s', s.created_utc) AS INTEGER) FROM deliveries d"
        "   JOIN submissions s ON s.id = d.request_id WHERE " DELIVERY_WAITING " ORDER BY d.request_id LIMIT 1),"
        " (SELECT rejected FROM deliveries WHERE rejected IS NOT NULL ORDER BY last_attempt_utc DESC LIMIT 1)";
    sqlite3_stmt *s;
    int rc;

    memset(st, 0, sizeof *st);
    rc = run(q, ST_BEGIN_READ) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(q->db);
    s = rc == SQLITE_OK ? delivery_prepare(q, sql, err, errlen) : NULL;
    if (s) {
        sqlite3_bind_int64(s, 1, (sqlite3_int64)time(NULL));
        rc = sqlite3_step(s);
        if (rc == SQLITE_ROW) {
            st->waiting = sqlite3_column_int64(s, 0);
            st->rejected = sqlite3_column_int64(s, 1);
            st->oldest_waiting_age_s = sqlite3_column_type(s, 2) == SQLITE_NULL ? -1 : sqlite3_column_int64(s, 2);
            copy_column(s, 3, st->last_rejection, sizeof st->last_rejection);
            rc = SQLITE_OK;
        }
        sqlite3_finalize(s);
    } else if (rc == SQLITE_OK) {
        rc = SQLITE_ERROR;
    }
    if (rc == SQLITE_OK)
        rc = state_get_text(q, STATE_SYNC_LAST_DELIVERY, st->last_delivery_utc, sizeof st->last_delivery_utc);
    if (rc == SQLITE_OK)
        rc = state_get_text(q, STATE_SYNC_FAILING_SINCE, st->failing_since_utc, sizeof st->failing_since_utc);
    if (rc == SQLITE_OK)
        rc = state_get_text(q, STATE_SYNC_LAST_ERROR, st->last_error, sizeof st->last_error);
    if (rc != SQLITE_OK)
        db_error(q, "read the delivery state", err, errlen);
    rollback_if_open(q);    /* ends the read snapshot */
    return rc == SQLITE_OK ? 0 : -1;
}

int queue_delivery_wipe_log(struct queue *q)
{
    int log = -1, done = -1;
    int rc = sqlite3_wal_checkpoint_v2(q->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, &log, &done);

    if (rc == SQLITE_BUSY || (rc == SQLITE_OK && log > 0 && done < log))
        return 1;
    return rc == SQLITE_OK ? 0 : -1;
}

int queue_delivery_any_waiting(struct queue *q)
{
    sqlite3_stmt *s = NULL;
    int v = -1;

    if (sqlite3_prepare_v2(q->db, "SELECT EXISTS (SELECT 1 FROM deliveries d WHERE " DELIVERY_WAITING ")", -1, &s,
                           NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    return v;
}
