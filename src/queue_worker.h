/* queue_worker: the queue's slow work in a thread of its own, so that the screen never waits for
 * it: the integrity check that reads a whole file, and the recovery of a damaged one. The main
 * loop starts one job at a time and polls for its end; nothing is shared while a job runs. */
#ifndef QUEUE_WORKER_H
#define QUEUE_WORKER_H

#include <stddef.h>

#include "queue.h"

enum queue_job {
    QUEUE_JOB_NONE,
    QUEUE_JOB_CHECK,        /* queue_check_file() on path */
    QUEUE_JOB_RECOVER       /* queue_open() with the options given: moves a damaged file aside */
};

struct queue_worker;

/* What a job came to. */
struct queue_job_result {
    enum queue_job job;
    int status;             /* CHECK: queue_check_file()'s return; RECOVER: 0, or -1 (text says why) */
    char text[512];         /* CHECK: the check's result; RECOVER: the error */
    struct queue *queue;    /* RECOVER: the queue opened, now the caller's (NULL on failure) */
};

/* A worker with no job, owned by the caller (release with queue_worker_free), or NULL. */
struct queue_worker *queue_worker_new(void);

/* Starts job on path in the worker's thread (o: the options of a RECOVER's queue_open, copied).
 * Returns 0, or -1 with err when a job is under way or no thread could be started. */
int queue_worker_start(struct queue_worker *w, enum queue_job job, const char *path,
                       const struct queue_options *o, char *err, size_t errlen);

/* The job under way, or QUEUE_JOB_NONE. */
enum queue_job queue_worker_job(const struct queue_worker *w);

/* Returns 1 with *out filled once the job has ended (the worker is then free for another), else 0. */
int queue_worker_poll(struct queue_worker *w, struct queue_job_result *out);

/* Stops a check under way, waits for a recovery (which must not be cut short), and frees w with
 * whatever its last job left (a recovered queue is closed). Safe on NULL. */
void queue_worker_free(struct queue_worker *w);

#endif
