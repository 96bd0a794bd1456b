/* dbcheck: reads a kiosk database back through the sqlite3 library for the tests.
 * Usage: dbcheck FILE SQL EXPECTED. Rows are joined by '|' and columns by ','. */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    char got[8192] = "";
    size_t used = 0;
    int rc, status = 1;

    if (argc != 4) {
        fprintf(stderr, "usage: dbcheck FILE SQL EXPECTED\n");
        return 2;
    }
    if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        fprintf(stderr, "cannot open %s: %s\n", argv[1], sqlite3_errmsg(db));
        goto out;
    }
    if (sqlite3_prepare_v2(db, argv[2], -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "cannot prepare '%s': %s\n", argv[2], sqlite3_errmsg(db));
        goto out;
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (int i = 0; i < sqlite3_column_count(st); i++) {
            const char *v = (const char *)sqlite3_column_text(st, i);
            used += (size_t)snprintf(got + used, sizeof got - used, "%s%s",
                                     i ? "," : (used ? "|" : ""), v ? v : "NULL");
            if (used >= sizeof got) { fprintf(stderr, "result too long\n"); goto out; }
        }
    }
    if (rc != SQLITE_DONE) {
        fprintf(stderr, "cannot run '%s': %s\n", argv[2], sqlite3_errmsg(db));
        goto out;
    }
    if (strcmp(got, argv[3]) != 0) {
        fprintf(stderr, "db: %s\n  expected: %s\n  found:    %s\n", argv[2], argv[3], got);
        goto out;
    }
    status = 0;
out:
    sqlite3_finalize(st);
    sqlite3_close(db);
    return status;
}
