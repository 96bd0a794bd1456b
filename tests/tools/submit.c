/* submit: commits made-up requests through the kiosk's own queue code, for the sync tests, which
 * need requests committed as the kiosk commits them while kioskctl sync runs.
 *   submit DB N [NAME]   N requests (DB created when absent) named "NAME" (default "Ann Example"),
 *                        one "UUID REF" line each on stdout once committed
 *   submit DB --query SQL  prints every row of SQL, columns separated by tabs (read only)
 * Exit 0, or 1 naming what failed. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "queue.h"

static int query(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL);

    if (rc == SQLITE_OK)
        sqlite3_busy_timeout(db, 5000);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (int i = 0; i < sqlite3_column_count(st); i++) {
            const unsigned char *v = sqlite3_column_text(st, i);
            printf("%s%s", i ? "\t" : "", v ? (const char *)v : "");
        }
        putchar('\n');
        rc = SQLITE_OK;
    }
    if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    if (rc != SQLITE_OK)
        fprintf(stderr, "submit: cannot run '%s': %s\n", sql, db ? sqlite3_errmsg(db) : "out of memory");
    sqlite3_finalize(st);
    sqlite3_close(db);
    return rc == SQLITE_OK ? 0 : 1;
}

int main(int argc, char **argv)
{
    struct queue_options o = { .create = 1 };
    struct queue_receipt k;
    struct queue *q;
    char err[512];
    long n;

    if (argc == 4 && strcmp(argv[2], "--query") == 0)
        return query(argv[1], argv[3]);
    if (argc < 3 || argc > 4 || (n = strtol(argv[2], NULL, 10)) < 0) {
        fprintf(stderr, "usage: submit DB N [NAME] | submit DB --query SQL\n");
        return 2;
    }
    q = queue_open(argv[1], &o, err, sizeof err);
    if (!q) {
        fprintf(stderr, "submit: %s\n", err);
        return 1;
    }
    for (long i = 0; i < n; i++) {
        struct queue_request r = {
            .kiosk_id = "reception-1", .treatment_id = "calf-slimming", .name = argc == 4 ? argv[3] : "Ann Example",
            .phone = "07700 900118", .email = "ann.example@example.com", .contact_time = "morning",
            .screening = "clear", .answers = "{\"q1\":\"no\",\"q2\":\"no\"}", .consent_contact = 1,
            .consent_share_answers = 1, .notice_version = "test-notice", .language = "pl",
        };
        if (queue_submit(q, &r, &k, err, sizeof err) != 0) {
            fprintf(stderr, "submit: %s\n", err);
            queue_close(q);
            return 1;
        }
        printf("%s %s\n", k.uuid, k.ref);
        fflush(stdout);
    }
    queue_close(q);
    return 0;
}
