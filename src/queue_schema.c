/* queue_schema: the queue's schema, version by version, and its migrations (see queue_schema.h). */
#include "queue_schema.h"

#include <stdio.h>

#include "ids.h"

#define REF_TRIES   16      /* as queue.c: a run of 16 collisions is absurd */

/* Version 1: requests and batches. Kept as it was: a fresh database is made by running every step. */
static const char schema_v1[] =
    "CREATE TABLE batches ("
    "  id INTEGER PRIMARY KEY,"
    "  created_utc TEXT NOT NULL,"
    "  count INTEGER NOT NULL,"
    "  acknowledged_utc TEXT);"
    "CREATE TABLE requests ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  uuid TEXT NOT NULL UNIQUE,"
    "  created_utc TEXT NOT NULL,"
    "  kiosk_id TEXT NOT NULL,"
    "  treatment_id TEXT NOT NULL,"
    "  name TEXT NOT NULL,"
    "  phone TEXT NOT NULL,"
    "  email TEXT NOT NULL,"
    "  contact_time TEXT NOT NULL CHECK (contact_time IN ('morning', 'afternoon', 'evening', 'any')),"
    "  screening TEXT NOT NULL CHECK (screening IN ('clear', 'discuss', 'stop', 'not-taken')),"
    "  answers TEXT CHECK (answers IS NULL OR (consent_share_answers = 1 AND json_valid(answers))),"
    "  consent_contact INTEGER NOT NULL CHECK (consent_contact IN (0, 1)),"
    "  consent_share_answers INTEGER NOT NULL CHECK (consent_share_answers IN (0, 1)),"
    "  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'exported', 'acknowledged')),"
    "  batch_id INTEGER REFERENCES batches (id),"
    "  exported_utc TEXT,"
    "  acknowledged_utc TEXT);"
    "CREATE INDEX requests_status ON requests (status, id);"
    "CREATE INDEX requests_batch ON requests (batch_id);";

/* Version 2: a short reference the client can quote, the privacy notice's version, the app's state;
 * answers are stored minified from now on (json()), so an export can copy them onto one line. */
static const char schema_v2[] =
    "UPDATE requests SET answers = json(answers) WHERE answers IS NOT NULL;"
    "ALTER TABLE requests ADD COLUMN ref TEXT;"
    "ALTER TABLE requests ADD COLUMN notice_version TEXT NOT NULL DEFAULT '';"
    "CREATE UNIQUE INDEX requests_ref ON requests (ref);"
    "CREATE TABLE kiosk_state (key TEXT PRIMARY KEY, value NOT NULL);";

/* Version 3: a request is written once and never changed; its state comes from its batch.
 *
 * Each export takes every pending request, so a batch is one range of ids, and the batches tile the
 * ids from 1 up: a batch holds first_request_id..last_request_id, where first_request_id is the
 * previous batch's last_request_id + 1 (a batch whose requests were all purged before version 3
 * may be empty: first = last + 1). A request is pending when its id is above every batch's
 * last_request_id, else exported or acknowledged as its batch is. So finishing an export is one
 * INSERT into batches however many requests it took (version 2 rewrote each of them, and with them
 * the whole table and its indexes), acknowledging one UPDATE of a batch, and a purge deletes ranges.
 * It relies on ids never being reused, even after a purge deleted the newest requests:
 * AUTOINCREMENT guarantees that.
 *
 * The view requests shows each request with its state under version 2's names: queue_list() reads
 * it, and so can anyone who opens the file with sqlite3; a new (pending) request may be inserted
 * through it.
 *
 * The migration numbers the requests in queue order: those in a batch batch by batch, then the
 * pending ones. In a version-2 file this code wrote that is the order they had, since its exports
 * too took every pending request. Should a file hold anything else (a pending request older than an
 * exported one, batches that interleave), the numbering still gives every batch one range and keeps
 * every pending request pending. A batch stays acknowledged only if all its requests were, so that
 * nothing is ever purged that staff did not acknowledge. */
static const char schema_v3[] =
    "CREATE TABLE submissions ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  uuid TEXT NOT NULL UNIQUE,"
    "  ref TEXT,"
    "  created_utc TEXT NOT NULL,"
    "  kiosk_id TEXT NOT NULL,"
    "  treatment_id TEXT NOT NULL,"
    "  name TEXT NOT NULL,"
    "  phone TEXT NOT NULL,"
    "  email TEXT NOT NULL,"
    "  contact_time TEXT NOT NULL CHECK (contact_time IN ('morning', 'afternoon', 'evening', 'any')),"
    "  screening TEXT NOT NULL CHECK (screening IN ('clear', 'discuss', 'stop', 'not-taken')),"
    "  answers TEXT CHECK (answers IS NULL OR (consent_share_answers = 1 AND json_valid(answers))),"
    "  consent_contact INTEGER NOT NULL CHECK (consent_contact IN (0, 1)),"
    "  consent_share_answers INTEGER NOT NULL CHECK (consent_share_answers IN (0, 1)),"
    "  notice_version TEXT NOT NULL DEFAULT '');"
    "CREATE UNIQUE INDEX submissions_ref ON submissions (ref);"
    "CREATE TABLE batch_ranges ("
    "  id INTEGER PRIMARY KEY,"
    "  first_request_id INTEGER NOT NULL,"
    "  last_request_id INTEGER NOT NULL,"
    "  count INTEGER NOT NULL,"
    "  created_utc TEXT NOT NULL,"
    "  acknowledged_utc TEXT,"
    "  CHECK (first_request_id BETWEEN 1 AND last_request_id + 1));"
    /* old id -> new id, in queue order; a request counts as in its batch once exported */
    "CREATE TEMP VIEW queue_order AS"
    "  SELECT id AS old_id, batch, row_number() OVER (ORDER BY batch IS NULL, batch, id) AS id"
    "  FROM (SELECT id, CASE WHEN status = 'pending' THEN NULL ELSE batch_id END AS batch FROM requests);"
    "INSERT INTO submissions (id, uuid, ref, created_utc, kiosk_id, treatment_id, name, phone, email,"
    "  contact_time, screening, answers, consent_contact, consent_share_answers, notice_version)"
    "  SELECT o.id, r.uuid, r.ref, r.created_utc, r.kiosk_id, r.treatment_id, r.name, r.phone, r.email,"
    "   r.contact_time, r.screening, r.answers, r.consent_contact, r.consent_share_answers, r.notice_version"
    "  FROM temp.queue_order o JOIN requests r ON r.id = o.old_id;"
    "INSERT INTO batch_ranges (id, first_request_id, last_request_id, count, created_utc, acknowledged_utc)"
    "  SELECT id, coalesce(lag(last) OVER (ORDER BY id), 0) + 1, last, count, created_utc, acknowledged_utc"
    "  FROM (SELECT b.id, b.count, b.created_utc,"
    "         max(coalesce(e.last, 0)) OVER (ORDER BY b.id) AS last,"
    "         CASE WHEN EXISTS (SELECT 1 FROM requests r WHERE r.batch_id = b.id AND r.status = 'exported')"
    "          THEN NULL ELSE b.acknowledged_utc END AS acknowledged_utc"
    "        FROM batches b"
    "        LEFT JOIN (SELECT batch, max(id) AS last FROM temp.queue_order GROUP BY batch) e ON e.batch = b.id);"
    "DROP VIEW temp.queue_order;"
    "DROP TABLE requests;"
    "DROP TABLE batches;"
    "ALTER TABLE batch_ranges RENAME TO batches;"
    "CREATE INDEX batches_last ON batches (last_request_id);"
    /* a request's batch: the first whose range ends at or after it, if it starts at or before it */
    "CREATE VIEW requests AS"
    "  SELECT s.id, s.uuid, s.ref, s.created_utc, s.kiosk_id, s.treatment_id, s.name, s.phone, s.email,"
    "   s.contact_time, s.screening, s.answers, s.consent_contact, s.consent_share_answers, s.notice_version,"
    "   CASE WHEN b.id IS NULL THEN 'pending' WHEN b.acknowledged_utc IS NULL THEN 'exported'"
    "    ELSE 'acknowledged' END AS status,"
    "   b.id AS batch_id, b.created_utc AS exported_utc, b.acknowledged_utc"
    "  FROM submissions s LEFT JOIN batches b ON b.id = (SELECT k.id FROM batches k"
    "   WHERE k.last_request_id >= s.id AND k.first_request_id <= s.id ORDER BY k.last_request_id LIMIT 1);"
    "CREATE TRIGGER requests_insert INSTEAD OF INSERT ON requests BEGIN"
    "  SELECT RAISE(ABORT, 'a new request is pending: give neither its id nor a state')"
    "   WHERE NEW.id IS NOT NULL OR coalesce(NEW.status, 'pending') != 'pending'"
    "    OR coalesce(NEW.batch_id, NEW.exported_utc, NEW.acknowledged_utc) IS NOT NULL;"
    "  INSERT INTO submissions (uuid, ref, created_utc, kiosk_id, treatment_id, name, phone, email,"
    "   contact_time, screening, answers, consent_contact, consent_share_answers, notice_version)"
    "  VALUES (NEW.uuid, NEW.ref, NEW.created_utc, NEW.kiosk_id, NEW.treatment_id, NEW.name, NEW.phone,"
    "   NEW.email, NEW.contact_time, NEW.screening, json(NEW.answers), NEW.consent_contact,"
    "   NEW.consent_share_answers, coalesce(NEW.notice_version, ''));"
    "END;";

/* Version 4: delivery to the clinic's own system by `kioskctl sync` (src/sync.c), one row a request,
 * kept apart from the export batches: a request can be delivered and exported both. A request is
 * waiting until the receiver confirmed it (delivered_utc) or refused it for good (rejected: the
 * reply's status line); attempts and last_error say how its sending went, in words without personal
 * data. The triggers give every new request its row and take it away with the request, so nothing
 * that submits or purges needs to know about delivery. Requests already on the tablet wait too:
 * switching sync on sends everything the tablet still holds. */
static const char schema_v4[] =
    "CREATE TABLE deliveries ("
    "  request_id INTEGER PRIMARY KEY,"
    "  attempts INTEGER NOT NULL DEFAULT 0,"
    "  delivered_utc TEXT,"
    "  last_attempt_utc TEXT,"
    "  last_error TEXT,"
    "  rejected TEXT);"
    "CREATE INDEX deliveries_waiting ON deliveries (request_id) WHERE delivered_utc IS NULL AND rejected IS NULL;"
    "INSERT INTO deliveries (request_id) SELECT id FROM submissions;"
    "CREATE TRIGGER submissions_delivery AFTER INSERT ON submissions BEGIN"
    "  INSERT INTO deliveries (request_id) VALUES (NEW.id);"
    "END;"
    "CREATE TRIGGER submissions_delivery_gone AFTER DELETE ON submissions BEGIN"
    "  DELETE FROM deliveries WHERE request_id = OLD.id;"
    "END;";

/* Version 5: the figures staff see, kept as the queue goes, so that reading them costs the same
 * with a million requests as with none: the number pending (which counting would read every
 * pending row for). Triggers keep it, whoever writes: a new request counts when it is pending, a
 * deleted one when it was, and a new batch takes its count (the exporter's count of its range). */
static const char schema_v5[] =
    /* counted afresh even where the table is there already (a file taken back to an older
     * version by hand, as tests do): the count is the truth it keeps */
    "DROP TRIGGER IF EXISTS figures_submit; DROP TRIGGER IF EXISTS figures_delete;"
    "DROP TRIGGER IF EXISTS figures_batch;"
    "CREATE TABLE IF NOT EXISTS queue_figures (id INTEGER PRIMARY KEY CHECK (id = 1), pending INTEGER NOT NULL);"
    "INSERT OR REPLACE INTO queue_figures (id, pending) SELECT 1, count(*) FROM submissions"
    "  WHERE id > (SELECT coalesce(max(last_request_id), 0) FROM batches);"
    "CREATE TRIGGER figures_submit AFTER INSERT ON submissions"
    "  WHEN NEW.id > (SELECT coalesce(max(last_request_id), 0) FROM batches)"
    "  BEGIN UPDATE queue_figures SET pending = pending + 1; END;"
    "CREATE TRIGGER figures_delete AFTER DELETE ON submissions"
    "  WHEN OLD.id > (SELECT coalesce(max(last_request_id), 0) FROM batches)"
    "  BEGIN UPDATE queue_figures SET pending = pending - 1; END;"
    "CREATE TRIGGER figures_batch AFTER INSERT ON batches"
    "  BEGIN UPDATE queue_figures SET pending = pending - NEW.count; END;";

/* Version 6: the language the client used, as a BCP 47 code ("en", "zh-Hans"), empty for the
 * requests made before (the kiosk then spoke its content's one language, and did not say which).
 * The view and its trigger are made again with the column. A file taken back to an older version
 * by hand (as tests do) may have the column already: it is kept. */
static const char schema_v6_column[] = "ALTER TABLE submissions ADD COLUMN language TEXT NOT NULL DEFAULT '';";
static const char schema_v6[] =
    "DROP VIEW IF EXISTS requests;"
    "CREATE VIEW requests AS"
    "  SELECT s.id, s.uuid, s.ref, s.created_utc, s.kiosk_id, s.treatment_id, s.name, s.phone, s.email,"
    "   s.contact_time, s.screening, s.answers, s.consent_contact, s.consent_share_answers, s.notice_version,"
    "   s.language,"
    "   CASE WHEN b.id IS NULL THEN 'pending' WHEN b.acknowledged_utc IS NULL THEN 'exported'"
    "    ELSE 'acknowledged' END AS status,"
    "   b.id AS batch_id, b.created_utc AS exported_utc, b.acknowledged_utc"
    "  FROM submissions s LEFT JOIN batches b ON b.id = (SELECT k.id FROM batches k"
    "   WHERE k.last_request_id >= s.id AND k.first_request_id <= s.id ORDER BY k.last_request_id LIMIT 1);"
    "CREATE TRIGGER requests_insert INSTEAD OF INSERT ON requests BEGIN"
    "  SELECT RAISE(ABORT, 'a new request is pending: give neither its id nor a state')"
    "   WHERE NEW.id IS NOT NULL OR coalesce(NEW.status, 'pending') != 'pending'"
    "    OR coalesce(NEW.batch_id, NEW.exported_utc, NEW.acknowledged_utc) IS NOT NULL;"
    "  INSERT INTO submissions (uuid, ref, created_utc, kiosk_id, treatment_id, name, phone, email,"
    "   contact_time, screening, answers, consent_contact, consent_share_answers, notice_version, language)"
    "  VALUES (NEW.uuid, NEW.ref, NEW.created_utc, NEW.kiosk_id, NEW.treatment_id, NEW.name, NEW.phone,"
    "   NEW.email, NEW.contact_time, NEW.screening, json(NEW.answers), NEW.consent_contact,"
    "   NEW.consent_share_answers, coalesce(NEW.notice_version, ''), coalesce(NEW.language, ''));"
    "END;";

/* Replaces the unused references of version-1 rows with fresh unique ones. Returns an sqlite code. */
static int backfill_refs(sqlite3 *db)
{
    sqlite3_stmt *s = NULL;
    char ref[IDS_REF_LEN + 1];
    int rc = sqlite3_prepare_v2(db, "UPDATE requests SET ref = ?1"
                                " WHERE id = (SELECT min(id) FROM requests WHERE ref IS NULL)", -1, &s, NULL);

    for (int collisions = 0; rc == SQLITE_OK && collisions < REF_TRIES;) {
        if (ids_ref(ref) != 0) {
            rc = SQLITE_IOERR;
            break;
        }
        sqlite3_bind_text(s, 1, ref, -1, SQLITE_STATIC);
        rc = sqlite3_step(s);
        sqlite3_reset(s);
        if (rc == SQLITE_CONSTRAINT_UNIQUE) {
            collisions++;
            rc = SQLITE_OK;
        } else if (rc == SQLITE_DONE) {
            if (sqlite3_changes(db) == 0)
                break;
            collisions = 0;
            rc = SQLITE_OK;
        }
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int migrate_to_v1(sqlite3 *db)
{
    return sqlite3_exec(db, schema_v1, NULL, NULL, NULL);
}

static int migrate_to_v2(sqlite3 *db)
{
    int rc = sqlite3_exec(db, schema_v2, NULL, NULL, NULL);

    return rc == SQLITE_OK ? backfill_refs(db) : rc;
}

static int migrate_to_v3(sqlite3 *db)
{
    return sqlite3_exec(db, schema_v3, NULL, NULL, NULL);
}

static int migrate_to_v4(sqlite3 *db)
{
    return sqlite3_exec(db, schema_v4, NULL, NULL, NULL);
}

static int migrate_to_v5(sqlite3 *db)
{
    return sqlite3_exec(db, schema_v5, NULL, NULL, NULL);
}

static int migrate_to_v6(sqlite3 *db)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(db, "SELECT count(*) FROM pragma_table_info('submissions') WHERE name = 'language'",
                                -1, &s, NULL);
    int has = 0;

    if (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        has = sqlite3_column_int(s, 0);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(s);
    if (rc == SQLITE_OK && !has)
        rc = sqlite3_exec(db, schema_v6_column, NULL, NULL, NULL);
    return rc == SQLITE_OK ? sqlite3_exec(db, schema_v6, NULL, NULL, NULL) : rc;
}

/* migrations[v] takes a database from version v to v + 1, keeping its rows. */
static int (*const migrations[QUEUE_SCHEMA_VERSION])(sqlite3 *db) = {
    migrate_to_v1, migrate_to_v2, migrate_to_v3, migrate_to_v4, migrate_to_v5, migrate_to_v6
};

static int user_version(sqlite3 *db, int *version)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, NULL);

    if (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        *version = sqlite3_column_int(s, 0);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(s);
    return rc;
}

int queue_schema_migrate(sqlite3 *db, const char *path, char *err, size_t errlen)
{
    char sql[48];
    int version = 0;
    int rc = user_version(db, &version);

    if (rc == SQLITE_OK && version == QUEUE_SCHEMA_VERSION)
        return 0;
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = user_version(db, &version);     /* again, now that no one else can migrate */
    if (rc == SQLITE_OK && version > QUEUE_SCHEMA_VERSION) {
        snprintf(err, errlen, "cannot open '%s': its schema version %d is newer than this program's (%d)",
                 path, version, QUEUE_SCHEMA_VERSION);
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    for (; rc == SQLITE_OK && version < QUEUE_SCHEMA_VERSION; version++)
        rc = migrations[version](db);
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", QUEUE_SCHEMA_VERSION);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        return 0;
    snprintf(err, errlen, "cannot update the schema of '%s': %s", path, sqlite3_errmsg(db));
    if (!sqlite3_get_autocommit(db))
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return (rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT ? 1 : -1;
}
