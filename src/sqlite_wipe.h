/* sqlite_wipe: makes SQLite zero every block of memory before it frees it, so that what a client
 * typed does not linger in freed memory after SQLite is done with it. */
#ifndef SQLITE_WIPE_H
#define SQLITE_WIPE_H

/* Installs the zeroing allocator. It must come before SQLite starts (queue_open() calls it first);
 * once SQLite runs, further calls change nothing. */
void sqlite_wipe_install(void);

#endif
