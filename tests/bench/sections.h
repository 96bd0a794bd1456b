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
/* Peak memory after a whole enquiry in Chinese (issue 13). */
void bench_memory_cjk(const struct bench_env *e, struct report *r);
void bench_idle(const struct bench_env *e, struct report *r);
/* The half of bench_idle() that runs under xvfb-run: argv holds kiosk, content, database, config
 * and "touch" (attract, then home) or "speech" (home with Read aloud on and nothing to say).
 * Prints "idle SCREEN ..." lines for the parent. Returns the exit code. */
int bench_idle_child(int argc, char **argv);
/* Start, kioskctl status and the staff figures with 1,000,000 requests in the queue. */
void bench_million(const struct bench_env *e, struct report *r);

/* The same with another content (e->content), figures named with prefix (process.c, inproc.c). */
void bench_memory_with(const struct bench_env *e, struct report *r, const char *prefix, double limit_mib);
/* Taps at 1280x800 once every picture the screens ask for is made: each screen's p99 < limit_ms. */
void bench_response_with(const struct bench_env *e, struct report *r, const char *prefix, double limit_ms);

/* 12-megapixel pictures in the content: start, memory, taps (pictures.c). */
void bench_pictures(const struct bench_env *e, struct report *r);

/* Read aloud: from a key to the first non-silent sample handed to the audio device (speech.c). */
void bench_speech_latency(const struct bench_env *e, struct report *r);

/* The request queue on disk (db.c). */
void bench_submit(const struct bench_env *e, struct report *r);
void bench_export(const struct bench_env *e, struct report *r);
void bench_purge(const struct bench_env *e, struct report *r);
/* Fills the empty queue database at path with n made-up pending requests (acknowledged, in batch 1,
 * when asked; with six one-word answers rather than the questions' text, when asked), fast, in one
 * statement. Returns 0, or -1 with err. */
int bench_fill_fast(const char *path, long long n, int acknowledged, int short_answers, char *err, size_t errlen);

/* kioskctl sync against real servers on loopback (sync.c). */
void bench_sync(const struct bench_env *e, struct report *r);

#endif
