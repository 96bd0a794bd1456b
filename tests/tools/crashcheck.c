/* crashcheck: after a kiosk was killed, checks its database for the crash-consistency test.
 * Usage: crashcheck DB SUBMITTED  where SUBMITTED holds the kiosk's "submitted UUID REF" lines.
 * Checks PRAGMA integrity_check is ok, every line's request is stored (uuid and reference), and
 * no row is half written (a required column NULL or empty). A kiosk killed before it made its
 * database (or its table) has lost nothing as long as it had confirmed nothing. Exit 0 when all
 * hold, else 1. */
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A row with any of these is half written. */
static const char half_rows[] =
    "SELECT count(*) FROM requests WHERE length(coalesce(uuid, '')) != 36 OR coalesce(ref, '') = ''"
    " OR coalesce(created_utc, '') = '' OR coalesce(kiosk_id, '') = '' OR coalesce(treatment_id, '') = ''"
    " OR coalesce(name, '') = '' OR (coalesce(phone, '') = '' AND coalesce(email, '') = '')"
    " OR contact_time IS NULL OR screening IS NULL OR consent_contact IS NULL"
    " OR consent_share_answers IS NULL OR coalesce(status, '') = '' OR coalesce(notice_version, '') = ''";

static long long count(sqlite3 *db, const char *sql, const char *a, const char *b)
{
    sqlite3_stmt *st = NULL;
    long long n = -1;

    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "crashcheck: cannot prepare '%s': %s\n", sql, sqlite3_errmsg(db));
        return -1;
    }
    if (a)
        sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
    if (b)
        sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    else
        fprintf(stderr, "crashcheck: cannot run '%s': %s\n", sql, sqlite3_errmsg(db));
    sqlite3_finalize(st);
    return n;
}

/* Whether the file at path has no "submitted" line (or cannot be read: then the check fails later). */
static int none_confirmed(const char *path)
{
    FILE *f = fopen(path, "r");
    int c = f ? fgetc(f) : 'x';

    if (f)
        fclose(f);
    return c == EOF;
}

/* PRAGMA integrity_check's answer is the one row "ok". */
static int integrity_ok(sqlite3 *db)
{
    sqlite3_stmt *st = NULL;
    int ok = 0, rc;

    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK)
        return 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *line = (const char *)sqlite3_column_text(st, 0);
        ok = ok == 0 && line && strcmp(line, "ok") == 0;
        if (!ok)
            fprintf(stderr, "crashcheck: integrity_check: %s\n", line ? line : "(null)");
    }
    sqlite3_finalize(st);
    return ok && rc == SQLITE_DONE;
}

int main(int argc, char **argv)
{
    sqlite3 *db = NULL;
    FILE *f = NULL;
    char line[256], uuid[64], ref[32];
    long long confirmed = 0, lost = 0, half, rows;
    int status = 1;

    if (argc != 3) {
        fprintf(stderr, "usage: crashcheck DB SUBMITTED\n");
        return 2;
    }
    if (access(argv[1], F_OK) != 0 && errno == ENOENT) {
        if (none_confirmed(argv[2])) {
            printf("crashcheck: no database yet, no confirmed request\n");
            return 0;
        }
        fprintf(stderr, "crashcheck: '%s' is gone, and requests were confirmed\n", argv[1]);
        return 1;
    }
    /* Read-write: opening replays the write-ahead log the killed kiosk left, as the kiosk would. */
    if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        fprintf(stderr, "crashcheck: cannot open '%s': %s\n", argv[1], sqlite3_errmsg(db));
        goto out;
    }
    sqlite3_busy_timeout(db, 5000);
    f = fopen(argv[2], "r");
    if (!f) {
        fprintf(stderr, "crashcheck: cannot open '%s'\n", argv[2]);
        goto out;
    }
    if (!integrity_ok(db))
        goto out;
    if (count(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'requests'", NULL, NULL) == 0 &&
        none_confirmed(argv[2])) {
        printf("crashcheck: integrity ok, no table yet, no confirmed request\n");
        status = 0;
        goto out;
    }
    while (fgets(line, sizeof line, f)) {
        if (sscanf(line, "submitted %63s %31s", uuid, ref) != 2) {
            fprintf(stderr, "crashcheck: not a submitted line: %s", line);
            goto out;
        }
        if (count(db, "SELECT count(*) FROM requests WHERE uuid = ?1 AND ref = ?2", uuid, ref) == 1) {
            confirmed++;
        } else {
            fprintf(stderr, "crashcheck: confirmed request %s %s is not in the database\n", uuid, ref);
            lost++;
        }
    }
    half = count(db, half_rows, NULL, NULL);
    rows = count(db, "SELECT count(*) FROM requests", NULL, NULL);
    printf("crashcheck: integrity ok, %lld rows, %lld of %lld confirmed requests stored, %lld half written\n",
           rows, confirmed, confirmed + lost, half);
    status = lost == 0 && half == 0 ? 0 : 1;
out:
    if (f)
        fclose(f);
    sqlite3_close(db);
    return status;
}
