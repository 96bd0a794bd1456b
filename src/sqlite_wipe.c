/* sqlite_wipe: SQLite's allocator, wrapped to zero each block before it goes back (see sqlite_wipe.h). */
#include "sqlite_wipe.h"

#include <sqlite3.h>
#include <string.h>

/* SQLite copies what a client typed into its page cache, its records, its statements' registers
 * and the buffer each connection builds new rows in. So that none of it outlives the submit,
 * the queue renews its connection once a visit is done, and SQLite allocates through wipe_*(),
 * which zero each block before it goes back. SQLite's own allocator, which wipe_*() wrap: */
static sqlite3_mem_methods system_mem;

static void *wipe_malloc(int n)
{
    return system_mem.xMalloc(n);
}

static void wipe_free(void *p)
{
    if (p) {
        explicit_bzero(p, (size_t)system_mem.xSize(p));
        system_mem.xFree(p);
    }
}

/* Moves the block itself, so that the old one is wiped too. */
static void *wipe_realloc(void *p, int n)
{
    void *grown;
    int had;

    if (!p)
        return system_mem.xMalloc(n);
    had = system_mem.xSize(p);
    grown = system_mem.xMalloc(n);
    if (!grown)
        return NULL;
    memcpy(grown, p, (size_t)(had < n ? had : n));
    wipe_free(p);
    return grown;
}

static int wipe_size(void *p)
{
    return system_mem.xSize(p);
}

static int wipe_roundup(int n)
{
    return system_mem.xRoundup(n);
}

static int wipe_init(void *data)
{
    return system_mem.xInit(data);
}

static void wipe_shutdown(void *data)
{
    system_mem.xShutdown(data);
}

void sqlite_wipe_install(void)
{
    static const sqlite3_mem_methods wipe = {
        wipe_malloc, wipe_free, wipe_realloc, wipe_size, wipe_roundup, wipe_init, wipe_shutdown, NULL
    };

    if (system_mem.xMalloc || sqlite3_config(SQLITE_CONFIG_GETMALLOC, &system_mem) != SQLITE_OK)
        return;
    if (sqlite3_config(SQLITE_CONFIG_MALLOC, &wipe) != SQLITE_OK)
        memset(&system_mem, 0, sizeof system_mem);
}
