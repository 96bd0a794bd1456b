/* sync: the figures of kioskctl sync (issue 15), measured by tests/bench/sync-bench.sh against the
 * sync tests' own servers on loopback: a request from its commit to the HTTPS receiver, backlogs
 * drained to the webhook and into PostgreSQL, and the idle cost of a running sync. */
#include "sections.h"

#include <stdio.h>
#include <string.h>

#define LATENCY_P50_MS      500.0
#define LATENCY_P99_MS      2000.0
#define WEBHOOK_MIN_RATE    200.0   /* requests a second */
#define POSTGRES_LIMIT_S    10.0    /* for 10,000 requests */
#define IDLE_CPU_LIMIT      0.05    /* per cent */

void bench_sync(const struct bench_env *e, struct report *r)
{
    char cmd[BENCH_PATH_MAX * 2 + 64], build[BENCH_PATH_MAX], line[256], value[96], target[48];
    const char *slash = strrchr(e->kiosk, '/');
    int got = 0;
    FILE *p;

    snprintf(build, sizeof build, "%.*s", slash ? (int)(slash - e->kiosk) : 1, slash ? e->kiosk : ".");
    snprintf(cmd, sizeof cmd, "sh tests/bench/sync-bench.sh '%s' 2>'%s/sync-bench.log'", build, e->tmp);
    p = popen(cmd, "r");
    if (!p) {
        report_failed(r, "sync", "cannot run tests/bench/sync-bench.sh");
        return;
    }
    while (fgets(line, sizeof line, p)) {
        double a, b;
        int n;
        if (sscanf(line, "latency %lf %lf %d", &a, &b, &n) == 3) {
            snprintf(value, sizeof value, "p50 %.0f ms, p99 %.0f ms (%d requests)", a, b, n);
            report_check(r, "sync: \"Send request\" to stored at the HTTPS receiver", a < LATENCY_P50_MS && b < LATENCY_P99_MS,
                         value, "p50 < 500 ms, p99 < 2 s");
            got++;
        } else if (sscanf(line, "idle %lf", &a) == 1) {
            report_below(r, "sync: CPU idle with nothing to send", a, IDLE_CPU_LIMIT, "%", 4);
            got++;
        } else if (sscanf(line, "webhook %d %lf", &n, &a) == 2 && a > 0) {
            snprintf(value, sizeof value, "%.0f requests/s (%d in %.2f s)", n / a, n, a);
            snprintf(target, sizeof target, ">= %.0f requests/s", WEBHOOK_MIN_RATE);
            report_check(r, "sync: backlog to the HTTPS webhook (keep-alive)", n / a >= WEBHOOK_MIN_RATE, value, target);
            got++;
        } else if (sscanf(line, "postgres %d %lf", &n, &a) == 2) {
            snprintf(value, sizeof value, "%.2f s", a);
            snprintf(target, sizeof target, "< %.0f s", POSTGRES_LIMIT_S);
            report_check(r, "sync: 10,000 requests backlog into PostgreSQL", n == 10000 && a < POSTGRES_LIMIT_S,
                         value, target);
            got++;
        } else if (strncmp(line, "error ", 6) == 0) {
            line[strcspn(line, "\n")] = '\0';
            report_failed(r, "sync", "%s", line + 6);
        }
    }
    if (pclose(p) != 0 || got < 4)
        report_failed(r, "sync", "tests/bench/sync-bench.sh measured %d of 4 figures (see its log)", got);
}
