/* queue_recover: copies every request still readable in a damaged queue file into a queue, as
 * salvage finds them in its pages: pending ones stay pending, exported ones keep their batch
 * where it can be read, none goes in twice (the UUID decides) and nothing is made up. queue.c
 * calls it on its own connection (queue_recover(), and when a damaged file is moved aside). */
#ifndef QUEUE_RECOVER_H
#define QUEUE_RECOVER_H

#include <sqlite3.h>
#include <stddef.h>

#include "queue.h"

/* Copies what is readable of the damaged file from (and from-wal) into the queue open on db, in
 * short transactions. Returns 0 with the counts in *r, or -1 with err (what was copied before
 * stays: running it again copies the rest). */
int queue_recover_into(sqlite3 *db, const char *from, struct queue_recovery *r, char *err, size_t errlen);

#endif
