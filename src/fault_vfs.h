/* fault_vfs: an SQLite VFS that forwards every call to the default one, but makes writes or syncs
 * fail while a fault is set, so that tests can see the queue meet a failing disk. */
#ifndef FAULT_VFS_H
#define FAULT_VFS_H

#include <stddef.h>

enum fault_vfs_kind {
    FAULT_VFS_NONE,
    FAULT_VFS_WRITE,        /* every write fails with SQLITE_IOERR_WRITE */
    FAULT_VFS_SYNC,         /* every sync fails with SQLITE_IOERR_FSYNC */
    FAULT_VFS_FULL          /* every write fails with SQLITE_FULL (disk full) */
};

struct fault_vfs;

/* Registers a new fault VFS under a name of its own (fault_vfs_name(), for sqlite3_open_v2).
 * Returns it, owned by the caller (release with fault_vfs_free once no connection uses it),
 * or NULL with err. */
struct fault_vfs *fault_vfs_new(char *err, size_t errlen);
const char *fault_vfs_name(const struct fault_vfs *fv);
/* Sets the fault every file opened through fv meets from now on. */
void fault_vfs_set(struct fault_vfs *fv, enum fault_vfs_kind fault);
/* Unregisters and frees fv. Safe on NULL. */
void fault_vfs_free(struct fault_vfs *fv);

#endif
