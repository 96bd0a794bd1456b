/* fault_vfs: a forwarding SQLite VFS with injectable write and sync faults (see fault_vfs.h). */
#include "fault_vfs.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A VFS of its own for each queue that asks for fault injection: it forwards every call to the
 * default VFS, but makes writes or syncs fail while a fault is set. */
struct fault_vfs {
    sqlite3_vfs base;               /* registered under name; base.pAppData points back here */
    sqlite3_vfs *real;
    enum fault_vfs_kind fault;
    char name[48];
};

/* A file opened through struct fault_vfs; the real VFS's file follows it in the same allocation. */
struct fault_file {
    sqlite3_file base;
    struct fault_vfs *vfs;
    sqlite3_file *real;
};

static struct fault_file *ff(sqlite3_file *f)
{
    return (struct fault_file *)f;
}

static int ff_close(sqlite3_file *f)
{
    return ff(f)->real->pMethods->xClose(ff(f)->real);
}

static int ff_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
    return ff(f)->real->pMethods->xRead(ff(f)->real, buf, n, off);
}

static int ff_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
    switch (ff(f)->vfs->fault) {
    case FAULT_VFS_WRITE: return SQLITE_IOERR_WRITE;
    case FAULT_VFS_FULL: return SQLITE_FULL;
    default: return ff(f)->real->pMethods->xWrite(ff(f)->real, buf, n, off);
    }
}

static int ff_truncate(sqlite3_file *f, sqlite3_int64 size)
{
    return ff(f)->real->pMethods->xTruncate(ff(f)->real, size);
}

static int ff_sync(sqlite3_file *f, int flags)
{
    if (ff(f)->vfs->fault == FAULT_VFS_SYNC)
        return SQLITE_IOERR_FSYNC;
    return ff(f)->real->pMethods->xSync(ff(f)->real, flags);
}

static int ff_file_size(sqlite3_file *f, sqlite3_int64 *size)
{
    return ff(f)->real->pMethods->xFileSize(ff(f)->real, size);
}

static int ff_lock(sqlite3_file *f, int level)
{
    return ff(f)->real->pMethods->xLock(ff(f)->real, level);
}

static int ff_unlock(sqlite3_file *f, int level)
{
    return ff(f)->real->pMethods->xUnlock(ff(f)->real, level);
}

static int ff_check_reserved_lock(sqlite3_file *f, int *out)
{
    return ff(f)->real->pMethods->xCheckReservedLock(ff(f)->real, out);
}

static int ff_file_control(sqlite3_file *f, int op, void *arg)
{
    return ff(f)->real->pMethods->xFileControl(ff(f)->real, op, arg);
}

static int ff_sector_size(sqlite3_file *f)
{
    return ff(f)->real->pMethods->xSectorSize(ff(f)->real);
}

static int ff_device_characteristics(sqlite3_file *f)
{
    return ff(f)->real->pMethods->xDeviceCharacteristics(ff(f)->real);
}

static int ff_shm_map(sqlite3_file *f, int page, int size, int extend, void volatile **out)
{
    return ff(f)->real->pMethods->xShmMap(ff(f)->real, page, size, extend, out);
}

static int ff_shm_lock(sqlite3_file *f, int offset, int n, int flags)
{
    return ff(f)->real->pMethods->xShmLock(ff(f)->real, offset, n, flags);
}

static void ff_shm_barrier(sqlite3_file *f)
{
    ff(f)->real->pMethods->xShmBarrier(ff(f)->real);
}

static int ff_shm_unmap(sqlite3_file *f, int delete_flag)
{
    return ff(f)->real->pMethods->xShmUnmap(ff(f)->real, delete_flag);
}

static int ff_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **out)
{
    return ff(f)->real->pMethods->xFetch(ff(f)->real, off, n, out);
}

static int ff_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
    return ff(f)->real->pMethods->xUnfetch(ff(f)->real, off, p);
}

static const sqlite3_io_methods fault_io_methods = {
    .iVersion = 3,
    .xClose = ff_close,
    .xRead = ff_read,
    .xWrite = ff_write,
    .xTruncate = ff_truncate,
    .xSync = ff_sync,
    .xFileSize = ff_file_size,
    .xLock = ff_lock,
    .xUnlock = ff_unlock,
    .xCheckReservedLock = ff_check_reserved_lock,
    .xFileControl = ff_file_control,
    .xSectorSize = ff_sector_size,
    .xDeviceCharacteristics = ff_device_characteristics,
    .xShmMap = ff_shm_map,
    .xShmLock = ff_shm_lock,
    .xShmBarrier = ff_shm_barrier,
    .xShmUnmap = ff_shm_unmap,
    .xFetch = ff_fetch,
    .xUnfetch = ff_unfetch,
};

static sqlite3_vfs *real_vfs(sqlite3_vfs *v)
{
    return ((struct fault_vfs *)v->pAppData)->real;
}

static int fv_open(sqlite3_vfs *v, const char *name, sqlite3_file *f, int flags, int *out_flags)
{
    struct fault_file *p = ff(f);
    int rc;

    p->vfs = v->pAppData;
    p->real = (sqlite3_file *)(p + 1);
    rc = real_vfs(v)->xOpen(real_vfs(v), name, p->real, flags, out_flags);
    p->base.pMethods = p->real->pMethods ? &fault_io_methods : NULL;
    return rc;
}

static int fv_delete(sqlite3_vfs *v, const char *name, int sync_dir)
{
    return real_vfs(v)->xDelete(real_vfs(v), name, sync_dir);
}

static int fv_access(sqlite3_vfs *v, const char *name, int flags, int *out)
{
    return real_vfs(v)->xAccess(real_vfs(v), name, flags, out);
}

static int fv_full_pathname(sqlite3_vfs *v, const char *name, int n, char *out)
{
    return real_vfs(v)->xFullPathname(real_vfs(v), name, n, out);
}

static void *fv_dl_open(sqlite3_vfs *v, const char *name)
{
    return real_vfs(v)->xDlOpen(real_vfs(v), name);
}

static void fv_dl_error(sqlite3_vfs *v, int n, char *out)
{
    real_vfs(v)->xDlError(real_vfs(v), n, out);
}

static void (*fv_dl_sym(sqlite3_vfs *v, void *h, const char *sym))(void)
{
    return real_vfs(v)->xDlSym(real_vfs(v), h, sym);
}

static void fv_dl_close(sqlite3_vfs *v, void *h)
{
    real_vfs(v)->xDlClose(real_vfs(v), h);
}

static int fv_randomness(sqlite3_vfs *v, int n, char *out)
{
    return real_vfs(v)->xRandomness(real_vfs(v), n, out);
}

static int fv_sleep(sqlite3_vfs *v, int us)
{
    return real_vfs(v)->xSleep(real_vfs(v), us);
}

static int fv_current_time(sqlite3_vfs *v, double *out)
{
    return real_vfs(v)->xCurrentTime(real_vfs(v), out);
}

static int fv_get_last_error(sqlite3_vfs *v, int n, char *out)
{
    return real_vfs(v)->xGetLastError(real_vfs(v), n, out);
}

static int fv_current_time_int64(sqlite3_vfs *v, sqlite3_int64 *out)
{
    return real_vfs(v)->xCurrentTimeInt64(real_vfs(v), out);
}

struct fault_vfs *fault_vfs_new(char *err, size_t errlen)
{
    struct fault_vfs *fv = calloc(1, sizeof *fv);
    sqlite3_vfs *real = sqlite3_vfs_find(NULL);

    if (!fv || !real || real->iVersion < 2) {
        free(fv);
        snprintf(err, errlen, "cannot set up fault injection: %s", fv ? "no usable default VFS" : strerror(ENOMEM));
        return NULL;
    }
    snprintf(fv->name, sizeof fv->name, "queue-fault-%p", (void *)fv);
    fv->real = real;
    fv->base = (sqlite3_vfs){
        .iVersion = 2,
        .szOsFile = (int)sizeof(struct fault_file) + real->szOsFile,
        .mxPathname = real->mxPathname,
        .zName = fv->name,
        .pAppData = fv,
        .xOpen = fv_open,
        .xDelete = fv_delete,
        .xAccess = fv_access,
        .xFullPathname = fv_full_pathname,
        .xDlOpen = fv_dl_open,
        .xDlError = fv_dl_error,
        .xDlSym = fv_dl_sym,
        .xDlClose = fv_dl_close,
        .xRandomness = fv_randomness,
        .xSleep = fv_sleep,
        .xCurrentTime = fv_current_time,
        .xGetLastError = fv_get_last_error,
        .xCurrentTimeInt64 = fv_current_time_int64,
    };
    if (sqlite3_vfs_register(&fv->base, 0) != SQLITE_OK) {
        free(fv);
        snprintf(err, errlen, "cannot set up fault injection: cannot register a VFS");
        return NULL;
    }
    return fv;
}

const char *fault_vfs_name(const struct fault_vfs *fv)
{
    return fv->name;
}

void fault_vfs_set(struct fault_vfs *fv, enum fault_vfs_kind fault)
{
    fv->fault = fault;
}

void fault_vfs_free(struct fault_vfs *fv)
{
    if (!fv)
        return;
    sqlite3_vfs_unregister(&fv->base);
    free(fv);
}
