/* sections: the parts of `make bench`, each measuring some figures of issue 7 into a report:
 * in-process (start, taps, drags), whole processes (start, memory, idle under Xvfb), the database. */
#ifndef BENCH_SECTIONS_H
#define BENCH_SECTIONS_H

#include "report.h"

#define BENCH_PATH_MAX 512

/* What every section works with; filled by main() and read-only after. */
struct bench_env {
    const char *self;               /* this program, run again under xvfb-run for the idle figures */
    const char *kiosk;              /* the kiosk binary */
    const char *content;            /* the content directory */
    const char *enquiry_script;     /* a replay script walking a full enquiry (request-suitable) */
    char tmp[BENCH_PATH_MAX];       /* scratch directory on disk, removed at the end */
    char config[BENCH_PATH_MAX];    /* an empty config file in tmp: the default timers, whatever is installed */
};

/* In-process, headless, on a virtual clock (ui.c). */
void bench_start_in_process(const struct bench_env *e, struct report *r);
void bench_response(const struct bench_env *e, struct report *r);
void bench_drag(const struct bench_env *e, struct report *r);
void bench_shot(const struct bench_env *e, struct report *r);

/* Whole kiosk processes (proc.c). */
void bench_start_process(const struct bench_env *e, struct report *r);
void bench_memory(const struct bench_env *e, struct report *r);
void bench_idle(const struct bench_env *e, struct report *r);
/* The half of bench_idle() that runs under xvfb-run: argv holds kiosk, content, database, config
 * and "touch" (attract, then home) or "speech" (home with Read aloud on and nothing to say).
 * Prints "idle SCREEN ..." lines for the parent. Returns the exit code. */
int bench_idle_child(int argc, char **argv);

/* Read aloud: from a key to the first non-silent sample handed to the audio device (speech.c). */
void bench_speech_latency(const struct bench_env *e, struct report *r);

/* The request queue on disk (db.c). */
void bench_submit(const struct bench_env *e, struct report *r);
void bench_export(const struct bench_env *e, struct report *r);

/* kioskctl sync against real servers on loopback (sync.c). */
void bench_sync(const struct bench_env *e, struct report *r);

#endif
