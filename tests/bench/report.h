/* report: the benchmark's samples (median, p99) and its table of figures, each next to its target.
 * A figure either meets its target, misses it, could not be measured, or is shown for information. */
#ifndef BENCH_REPORT_H
#define BENCH_REPORT_H

#include <stdio.h>

#define REPORT_MAX_ROWS 96

/* Measurements of one figure, in one unit; owned by whoever called samples_init(). */
struct samples {
    double *v;
    int n, cap;
};

enum report_state { REPORT_INFO, REPORT_OK, REPORT_MISSED, REPORT_FAILED };

struct report_row {
    char figure[96];
    char value[96];
    char target[48];            /* "" for figures shown for information */
    enum report_state state;
};

struct report {
    struct report_row rows[REPORT_MAX_ROWS];
    int n;
};

/* Room for cap samples. Returns 0, or -1 when out of memory. Release with samples_free(). */
int samples_init(struct samples *s, int cap);
void samples_free(struct samples *s);
/* Adds x; a full set is a programming error (the caller sized it). */
void samples_add(struct samples *s, double x);
/* The nearest-rank percentile p (0 < p <= 100) of the samples, which it sorts; 0 when there are none. */
double samples_percentile(struct samples *s, double p);

/* Milliseconds on the monotonic clock, for timing. */
double report_now_ms(void);
/* Milliseconds of CPU time this thread has used: unlike the clock, it stands still while other
 * work on a busy machine has the processor. */
double report_cpu_ms(void);

/* A figure without a target. */
void report_info(struct report *r, const char *figure, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A figure that must stay below limit (in unit, shown with decimals places). */
void report_below(struct report *r, const char *figure, double value, double limit, const char *unit, int decimals);
/* A figure that meets its target when ok; value and target are already written out. */
void report_check(struct report *r, const char *figure, int ok, const char *value, const char *target);
/* The median and p99 of s, in ms; checked as p99 < limit_ms when limit_ms > 0, else for information. */
void report_p50_p99(struct report *r, const char *figure, struct samples *s, double limit_ms);
/* The same, with the p50 and p99 of cpu (the CPU time of the same samples) shown beside them;
 * the target is on the clock's p99 (s), as a person waits by the clock. */
void report_p50_p99_cpu(struct report *r, const char *figure, struct samples *s, struct samples *cpu,
                        double limit_ms);
/* A figure that could not be measured, and why. It counts as a missed target. */
void report_failed(struct report *r, const char *figure, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Prints the table to out, then to err one line naming each missed target. Returns how many missed. */
int report_print(const struct report *r, FILE *out, FILE *err);

#endif
