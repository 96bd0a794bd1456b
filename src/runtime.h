/* runtime: a running kiosk, the app wired to its platform, content and config; the live event loop.
 * The replay driver (driver.c) uses the same pump and draw steps on a virtual clock. */
#ifndef RUNTIME_H
#define RUNTIME_H

#include <stdint.h>
#include <stdio.h>

#include "app.h"
#include "config.h"
#include "content.h"
#include "platform.h"
#include "queue_worker.h"
#include "platform_audio.h"
#include "tts.h"

struct runtime {
    struct platform *platform;  /* owned */
    struct app *app;            /* owned (large: heap) */
    struct content content;     /* owned; empty when it could not be loaded */
    struct languages langs;     /* the languages offered beside the content's own; owned */
    struct wording out_of_order[2]; /* owned; when the content could not be loaded, the words of the
                                 * out-of-order screen: what the clinic's wording file has right,
                                 * then the default content's */
    struct config cfg;
    char content_dir[CONFIG_PATH_MAX];
    char db_path[CONFIG_PATH_MAX];
    struct queue_worker *worker;    /* owned: the database's integrity check and recovery, in a thread */
    struct queue_options queue_opt;  /* how the queue is opened, for tries again and recovery */
    uint64_t next_check;        /* when the database's integrity is checked next (0: after the first frame) */
    int damaged;                /* the check found the database damaged: recover it once no client is there */
    int proved;                 /* a write to the database has shown that a request can be saved */
    unsigned long frames;       /* frames drawn */
    double presented_ms;        /* when the last frame was shown (CLOCK_MONOTONIC, ms), for the benchmark */
    double presented_cpu_ms;    /* this thread's CPU time then (CLOCK_THREAD_CPUTIME_ID, ms), likewise */
    int skip_pixels;            /* build frames but do not turn them into pixels (the monkey's speed-up) */
    int ready_later;            /* the text of the screens a visit starts with is still to be made
                                 * ready after the first frame (runtime_idle) */
    struct content_decoder decoder;     /* "Check content" decodes pictures through the platform */
    char cache_dir[CONFIG_PATH_MAX];    /* scaled copies of the pictures */
    struct tts *tts;            /* owned; Read aloud's synthesiser, started when first needed */
    struct platform_audio *audio;   /* owned; its sound out, likewise */
};

/* What the kiosk was asked for on its command line. */
struct runtime_options {
    const char *content_dir;    /* NULL: from config, else the repo's or the installed content */
    const char *db_path;        /* NULL: from config */
    const char *config_path;    /* NULL: the installed config file if it exists */
    int width, height;          /* 0: fullscreen */
    int headless;
    int trace;
    int fault_injection;        /* open the database so tests can make it fail (replay only) */
};

/* Loads config and content and opens the platform. Bad content is not an error: the app then
 * shows out-of-order and the message goes to stderr. Returns 0, or -1 with err (then rt is closed). */
int runtime_open(struct runtime *rt, const struct runtime_options *o, uint64_t now, char *err, size_t errlen);
void runtime_close(struct runtime *rt);

/* Hands every queued platform event to the app at time now. */
void runtime_pump(struct runtime *rt, uint64_t now);
/* Fires due timers and draws a frame if anything changed. */
void runtime_update(struct runtime *rt, uint64_t now);
/* Work the start leaves for after its first frame, done while no event waits, a step a call:
 * the write that proves a request can be saved, then the text of the screens a visit starts
 * with (at a visit's end and on a change of language, runtime_update makes it at once). Returns 1
 * while some is left, else 0. */
int runtime_idle(struct runtime *rt);

/* Waits (in real time) until every picture asked for is made, then draws the frame again with
 * them: the replay driver's screenshots show what a person would see once pictures are in. */
void runtime_pictures_settle(struct runtime *rt, uint64_t now);
/* 1 while Read aloud has something queued, being made into sound, or playing. */
int runtime_speaking(struct runtime *rt);

/* The live loop: sleeps until an event or the next timer. Returns the exit code. */
int runtime_loop(struct runtime *rt);

/* Where the fonts live: next to the binary in a checkout, else the installed data directory. */
const char *runtime_assets_dir(char *buf, size_t len);

#endif
