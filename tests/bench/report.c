/* report: percentiles over samples and the figures table (see report.h). */
#include "report.h"

#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int samples_init(struct samples *s, int cap)
{
    s->v = calloc((size_t)cap, sizeof *s->v);
    s->n = 0;
    s->cap = s->v ? cap : 0;
    return s->v ? 0 : -1;
}

void samples_free(struct samples *s)
{
    free(s->v);
    s->v = NULL;
    s->n = s->cap = 0;
}

void samples_add(struct samples *s, double x)
{
    assert(s->n < s->cap);
    s->v[s->n++] = x;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

double samples_percentile(struct samples *s, double p)
{
    int rank;

    assert(p > 0 && p <= 100);
    if (s->n == 0)
        return 0;
    qsort(s->v, (size_t)s->n, sizeof *s->v, by_value);
    rank = (int)ceil(p / 100.0 * s->n);
    return s->v[rank < 1 ? 0 : rank - 1];
}

double report_now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

double report_cpu_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* The next row, or NULL (and a note on stderr) when the table is full. */
static struct report_row *add_row(struct report *r, const char *figure, enum report_state state)
{
    struct report_row *row;

    if (r->n == REPORT_MAX_ROWS) {
        fprintf(stderr, "bench: too many figures, '%s' left out\n", figure);
        return NULL;
    }
    row = &r->rows[r->n++];
    memset(row, 0, sizeof *row);
    snprintf(row->figure, sizeof row->figure, "%s", figure);
    row->state = state;
    return row;
}

void report_info(struct report *r, const char *figure, const char *fmt, ...)
{
    struct report_row *row = add_row(r, figure, REPORT_INFO);
    va_list ap;

    if (!row)
        return;
    va_start(ap, fmt);
    vsnprintf(row->value, sizeof row->value, fmt, ap);
    va_end(ap);
}

void report_below(struct report *r, const char *figure, double value, double limit, const char *unit, int decimals)
{
    char v[64], t[48];

    snprintf(v, sizeof v, "%.*f %s", decimals, value, unit);
    snprintf(t, sizeof t, "< %g %s", limit, unit);
    report_check(r, figure, value < limit, v, t);
}

void report_check(struct report *r, const char *figure, int ok, const char *value, const char *target)
{
    struct report_row *row = add_row(r, figure, ok ? REPORT_OK : REPORT_MISSED);

    if (!row)
        return;
    snprintf(row->value, sizeof row->value, "%s", value);
    snprintf(row->target, sizeof row->target, "%s", target);
}

void report_p50_p99(struct report *r, const char *figure, struct samples *s, double limit_ms)
{
    double p50 = samples_percentile(s, 50), p99 = samples_percentile(s, 99);
    char value[96], target[48];

    snprintf(value, sizeof value, "%.2f / %.2f ms (n=%d)", p50, p99, s->n);
    if (limit_ms <= 0) {
        report_info(r, figure, "%s", value);
        return;
    }
    snprintf(target, sizeof target, "p99 < %g ms", limit_ms);
    report_check(r, figure, p99 < limit_ms, value, target);
}

void report_p50_p99_cpu(struct report *r, const char *figure, struct samples *s, struct samples *cpu,
                        double limit_ms)
{
    double p50 = samples_percentile(s, 50), p99 = samples_percentile(s, 99);
    double c50 = samples_percentile(cpu, 50), c99 = samples_percentile(cpu, 99);
    char value[96], target[48];

    snprintf(value, sizeof value, "%.2f / %.2f ms, cpu %.2f / %.2f (n=%d)", p50, p99, c50, c99, s->n);
    if (limit_ms <= 0) {
        report_info(r, figure, "%s", value);
        return;
    }
    snprintf(target, sizeof target, "p99 < %g ms", limit_ms);
    report_check(r, figure, p99 < limit_ms, value, target);
}

void report_failed(struct report *r, const char *figure, const char *fmt, ...)
{
    struct report_row *row = add_row(r, figure, REPORT_FAILED);
    va_list ap;

    if (!row)
        return;
    va_start(ap, fmt);
    vsnprintf(row->value, sizeof row->value, fmt, ap);
    va_end(ap);
    snprintf(row->target, sizeof row->target, "a measurement");
}

int report_print(const struct report *r, FILE *out, FILE *err)
{
    static const char *const words[] = { [REPORT_INFO] = "", [REPORT_OK] = "ok",
                                         [REPORT_MISSED] = "MISSED", [REPORT_FAILED] = "FAILED" };
    int missed = 0;

    fprintf(out, "%-52s %-44s %-16s %s\n", "figure", "value", "target", "met");
    for (int i = 0; i < r->n; i++) {
        const struct report_row *row = &r->rows[i];
        fprintf(out, "%-52s %-44s %-16s %s\n", row->figure, row->value, row->target[0] ? row->target : "-",
                words[row->state]);
    }
    fflush(out);
    for (int i = 0; i < r->n; i++) {
        const struct report_row *row = &r->rows[i];
        if (row->state == REPORT_MISSED)
            fprintf(err, "bench: missed: %s: %s, target %s\n", row->figure, row->value, row->target);
        else if (row->state == REPORT_FAILED)
            fprintf(err, "bench: not measured: %s: %s\n", row->figure, row->value);
        missed += row->state == REPORT_MISSED || row->state == REPORT_FAILED;
    }
    return missed;
}
