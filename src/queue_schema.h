/* queue_schema: the queue's tables in every version it has had, and the migrations that bring an
 * older file up to date keeping its rows. The queue (queue.c) reads and writes the current one. */
#ifndef QUEUE_SCHEMA_H
#define QUEUE_SCHEMA_H

#include <sqlite3.h>
#include <stddef.h>

#define QUEUE_SCHEMA_VERSION    6

/* Brings the schema of db (the file at path, for messages) to QUEUE_SCHEMA_VERSION in one write
 * transaction; a fresh, empty file gets every step. Returns 0; 1 when the file is damaged; -1 for
 * any other failure (a newer schema, a lock, a full disk); err says why. */
int queue_schema_migrate(sqlite3 *db, const char *path, char *err, size_t errlen);

#endif
