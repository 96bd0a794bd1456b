/* wal_log: an SQLite write-ahead log (the -wal beside a database) read without SQLite, to learn
 * what SQLite will make of it when it next opens the database: the frames it keeps, and whether
 * it would throw away committed transactions for anything but a last write cut short. */
#ifndef WAL_LOG_H
#define WAL_LOG_H

#include <stddef.h>

/* One frame of the log as read. */
struct wal_frame {
    long long index;        /* 1-based */
    long long offset;       /* of its page in the file */
    unsigned pgno;          /* the database page it holds */
    unsigned commit;        /* non-zero on a transaction's last frame: the database's size in pages */
    int ours;               /* its salts are the log's: written since the log last began again */
    int chained;            /* SQLite accepts it: every frame up to it checks out */
    int sound;              /* its own checksum checks out from the one stored before it */
};

/* What SQLite will make of a log. */
struct wal_verdict {
    unsigned page_size;
    long long frames;           /* whole frames in the file */
    long long kept;             /* frames SQLite keeps: up to its last commit that checks out */
    long long last_commit;      /* the last frame of ours that ends a transaction, kept or not */
    long long dropped_commits;  /* committed transactions SQLite would drop */
    int damaged;                /* 1: it would drop a committed transaction that another followed,
                                 * which no write cut short explains (see wal_log.c) */
    char why[200];              /* when damaged: what was found, for staff */
};

/* Called for each frame in order; a non-zero return stops the reading. */
typedef int (*wal_frame_fn)(void *ctx, const struct wal_frame *f);

/* Reads the log at path, calling fn (may be NULL) for each frame, and fills *v. An empty or
 * missing log gives an empty verdict. Returns 0, or -1 with err when it cannot be read. */
int wal_log_read(const char *path, struct wal_verdict *v, wal_frame_fn fn, void *ctx, char *err, size_t errlen);

/* 1 when some connection (of this process or another) has the database at db_path open in WAL
 * mode now: then its -wal is in use, and no unclean stop left it. Read from the locks SQLite
 * holds on the -shm (Linux's /proc/locks), without opening anything. */
int wal_log_in_use(const char *db_path);

#endif
