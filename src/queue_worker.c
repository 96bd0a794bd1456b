/* queue_worker: the queue's slow work in a thread of its own (see queue_worker.h). */
#include "queue_worker.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- types */

struct queue_worker {
    pthread_t thread;
    int started;                    /* thread is to be joined */
    atomic_int running;             /* the thread has not finished its job yet */
    atomic_int stop;                /* asks a check to give up */

    /* The job: written before the thread starts, read only by it until it ends. */
    enum queue_job job;
    char path[QUEUE_PATH_MAX];
    struct queue_options opt;

    /* Written only by the thread, read once running is 0. */
    struct queue_job_result result;
};

/* ---------------------------------------------------------------- the thread */

static int asked_to_stop(void *ctx)
{
    struct queue_worker *w = ctx;

    return atomic_load(&w->stop);
}

static void *work(void *arg)
{
    struct queue_worker *w = arg;
    struct queue_job_result *r = &w->result;

    if (w->job == QUEUE_JOB_CHECK) {
        r->status = queue_check_file(w->path, asked_to_stop, w, r->text, sizeof r->text);
    } else {
        r->queue = queue_open(w->path, &w->opt, r->text, sizeof r->text);
        r->status = r->queue ? 0 : -1;
    }
    atomic_store(&w->running, 0);
    return NULL;
}

/* ---------------------------------------------------------------- global functions */

struct queue_worker *queue_worker_new(void)
{
    struct queue_worker *w = calloc(1, sizeof *w);

    if (w) {
        atomic_init(&w->running, 0);
        atomic_init(&w->stop, 0);
    }
    return w;
}

/* Joins a thread that has ended. */
static void reap(struct queue_worker *w)
{
    if (w->started)
        pthread_join(w->thread, NULL);
    w->started = 0;
}

int queue_worker_start(struct queue_worker *w, enum queue_job job, const char *path,
                       const struct queue_options *o, char *err, size_t errlen)
{
    int rc;

    if (w->job != QUEUE_JOB_NONE) {
        snprintf(err, errlen, "cannot start a database job: another is under way");
        return -1;
    }
    reap(w);
    memset(&w->result, 0, sizeof w->result);
    w->result.job = job;
    w->job = job;
    snprintf(w->path, sizeof w->path, "%s", path);
    w->opt = o ? *o : (struct queue_options){ 0 };
    atomic_store(&w->stop, 0);
    atomic_store(&w->running, 1);
    rc = pthread_create(&w->thread, NULL, work, w);
    if (rc != 0) {
        atomic_store(&w->running, 0);
        w->job = QUEUE_JOB_NONE;
        snprintf(err, errlen, "cannot start a database job: %s", strerror(rc));
        return -1;
    }
    w->started = 1;
    return 0;
}

enum queue_job queue_worker_job(const struct queue_worker *w)
{
    return w ? w->job : QUEUE_JOB_NONE;
}

int queue_worker_poll(struct queue_worker *w, struct queue_job_result *out)
{
    if (!w || w->job == QUEUE_JOB_NONE || atomic_load(&w->running))
        return 0;
    reap(w);
    *out = w->result;
    memset(&w->result, 0, sizeof w->result);
    w->job = QUEUE_JOB_NONE;
    return 1;
}

void queue_worker_free(struct queue_worker *w)
{
    if (!w)
        return;
    atomic_store(&w->stop, 1);      /* a recovery does not look at it */
    reap(w);
    queue_close(w->result.queue);
    free(w);
}
