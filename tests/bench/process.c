/* process: figures of whole kiosk processes: start to first frame, memory after an enquiry, and the
 * idle cost of the real event loop in a window under Xvfb (with xdotool for the tap past attract). */
#define _GNU_SOURCE     /* pipe2 */
#include "sections.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "queue.h"

#define START_RUNS          40
#define START_LIMIT_MS      60.0
#define MEMORY_LIMIT_MIB    30.0
#define SPEECH_MEMORY_LIMIT_MIB 40.0
#define MEMORY_CJK_LIMIT_MIB 40.0   /* issue 13: a whole enquiry in Chinese, the CJK face open */
#define CJK_SCRIPT          "enquiry-zh-Hans.replay"    /* beside the enquiry script */
#define IDLE_SECONDS        10
#define IDLE_SETTLE_MS      1500    /* after a screen appears, before measuring */
#define IDLE_SAMPLE_MS      10      /* how often the context switches are read */
#define IDLE_CPU_LIMIT      0.05    /* per cent */
#define ATTRACT_TIMER_MS    4000    /* the attract screen's drift (DRIFT_MS in src/app.c) */
#define HOME_TIMER_MS       60000   /* the idle timeout (the default config) */
#define X_SCREEN            "-screen 0 1280x800x24 -nolisten tcp"

extern char **environ;

/* A started program whose standard output comes through a pipe. */
struct child {
    pid_t pid;
    int out;
    char buf[4096];
    size_t used;
};

/* Starts argv (found on PATH) with its output into c->out. Returns 0, or -1 with err. */
static int child_start(struct child *c, char *const argv[], char *err, size_t errlen)
{
    posix_spawn_file_actions_t fa;
    int fds[2], rc;

    memset(c, 0, sizeof *c);
    c->pid = -1;
    c->out = -1;
    if (pipe2(fds, O_CLOEXEC) != 0) {
        snprintf(err, errlen, "cannot make a pipe: %s", strerror(errno));
        return -1;
    }
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
    rc = posix_spawnp(&c->pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(fds[1]);
    if (rc != 0) {
        close(fds[0]);
        snprintf(err, errlen, "cannot run '%s': %s", argv[0], strerror(rc));
        return -1;
    }
    c->out = fds[0];
    return 0;
}

/* Waits up to timeout_ms for output. Returns bytes read (0 at the end), or -1 on a timeout. */
static ssize_t child_read(struct child *c, int timeout_ms)
{
    struct pollfd p = { .fd = c->out, .events = POLLIN };
    ssize_t n;

    if (c->used == sizeof c->buf - 1)
        c->used = 0;    /* a line this long is nothing we wait for */
    if (poll(&p, 1, timeout_ms) <= 0)
        return -1;
    n = read(c->out, c->buf + c->used, sizeof c->buf - 1 - c->used);
    if (n > 0)
        c->used += (size_t)n;
    c->buf[c->used] = '\0';
    return n < 0 ? 0 : n;
}

/* Reads until a whole line starting with prefix has come. Returns 0, or -1 at the end or a timeout. */
static int child_wait_line(struct child *c, const char *prefix, char *line, size_t len, int timeout_ms)
{
    for (;;) {
        char *nl;
        while ((nl = memchr(c->buf, '\n', c->used))) {
            size_t n = (size_t)(nl - c->buf) + 1;
            int match = strncmp(c->buf, prefix, strlen(prefix)) == 0;
            if (match)
                snprintf(line, len, "%.*s", (int)n - 1, c->buf);
            memmove(c->buf, c->buf + n, c->used - n);
            c->used -= n;
            if (match)
                return 0;
        }
        if (child_read(c, timeout_ms) <= 0)
            return -1;
    }
}

/* Reads what is left, waits for the end and returns the exit code (128 + signal when killed). */
static int child_finish(struct child *c)
{
    int status = 0;

    while (c->out >= 0 && child_read(c, 60000) > 0)
        c->used = 0;
    if (c->out >= 0)
        close(c->out);
    c->out = -1;
    if (c->pid <= 0 || waitpid(c->pid, &status, 0) != c->pid)
        return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void sleep_ms(int ms)
{
    struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

/* Writes text to tmp/name (its path in path). Returns 0, or -1 with err. */
static int write_file(const struct bench_env *e, const char *name, const char *text, char *path, size_t len,
                      char *err, size_t errlen)
{
    FILE *f;

    snprintf(path, len, "%s/%s", e->tmp, name);
    f = fopen(path, "w");
    if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
        snprintf(err, errlen, "cannot write '%s': %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

void bench_start_process(const struct bench_env *e, struct report *r)
{
    const char *figure = "start: exec to first frame, 1280x800, every language installed";
    char script[BENCH_PATH_MAX + 32], db[BENCH_PATH_MAX + 32], err[512], value[96], target[48];
    char *argv[] = { (char *)e->kiosk, "--replay", script, "--size", "1280x800", "--content", (char *)e->content,
                     "--db", db, "--config", (char *)e->config, NULL };
    struct samples first, whole;
    struct child c;

    snprintf(db, sizeof db, "%s/start.db", e->tmp);
    if (samples_init(&first, START_RUNS) != 0 || samples_init(&whole, START_RUNS) != 0) {
        report_failed(r, figure, "out of memory");
        goto out;
    }
    /* `widgets` prints the controls of the first frame, once it is drawn: its first byte marks it. */
    if (write_file(e, "first-frame.replay", "widgets\n", script, sizeof script, err, sizeof err) != 0) {
        report_failed(r, figure, "%s", err);
        goto out;
    }
    for (int i = 0; i < START_RUNS; i++) {
        double t0 = report_now_ms(), t1;
        int rc;
        if (child_start(&c, argv, err, sizeof err) != 0) {
            report_failed(r, figure, "%s", err);
            goto out;
        }
        rc = child_read(&c, 10000);
        t1 = report_now_ms();
        if (child_finish(&c) != 0 || rc <= 0) {
            report_failed(r, figure, "'%s --replay' failed (run %d)", e->kiosk, i + 1);
            goto out;
        }
        samples_add(&first, t1 - t0);
        samples_add(&whole, report_now_ms() - t0);
    }
    snprintf(value, sizeof value, "%.1f ms median, %.1f p99 (n=%d)", samples_percentile(&first, 50),
             samples_percentile(&first, 99), first.n);
    snprintf(target, sizeof target, "median < %g ms", START_LIMIT_MS);
    report_check(r, figure, samples_percentile(&first, 50) < START_LIMIT_MS, value, target);
    report_info(r, "start: exec to exit (with teardown)", "%.1f ms median, %.1f p99",
                samples_percentile(&whole, 50), samples_percentile(&whole, 99));
out:
    samples_free(&first);
    samples_free(&whole);
}

/* The number after key in the file at path (like "VmHWM:  21568 kB"), or -1. */
static long long proc_field(const char *path, const char *key)
{
    FILE *f = fopen(path, "r");
    char line[256];
    long long v = -1;
    size_t n = strlen(key);

    if (!f)
        return -1;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, key, n) == 0 && line[n] == ':') {
            v = strtoll(line + n + 1, NULL, 10);
            break;
        }
    fclose(f);
    return v;
}

/* The enquiry script, then a pause in which its memory is read. Returns 0, or -1 with err. */
static int memory_script_of(const struct bench_env *e, const char *src, const char *name, char *path, size_t len,
                            char *err, size_t errlen)
{
    static const char tail[] = "\nwidgets\nsleep 1\n";
    FILE *f = fopen(src, "r");
    char text[64 * 1024];
    size_t n;

    if (!f) {
        snprintf(err, errlen, "cannot open '%s': %s", src, strerror(errno));
        return -1;
    }
    n = fread(text, 1, sizeof text - sizeof tail, f);
    fclose(f);
    if (n == sizeof text - sizeof tail) {
        snprintf(err, errlen, "'%s' is too long for the bench", src);
        return -1;
    }
    memcpy(text + n, tail, sizeof tail);
    return write_file(e, name, text, path, len, err, errlen);
}

static int memory_script(const struct bench_env *e, char *path, size_t len, char *err, size_t errlen)
{
    return memory_script_of(e, e->enquiry_script, "enquiry.replay", path, len, err, errlen);
}

/* A whole enquiry read aloud: the replay test that makes one by keys alone (with Read aloud on,
 * a tap only says a control, so the enquiry script's taps would not carry it through), then the
 * pause in which its memory is read. Returns 0, or -1 with err. */
#define SPEECH_ENQUIRY "tests/replay/speech-keys-enquiry.replay"
static int speech_script(const struct bench_env *e, char *path, size_t len, char *err, size_t errlen)
{
    static const char tail[] = "\nwidgets\nsleep 1\n";
    FILE *f = fopen(SPEECH_ENQUIRY, "r");
    char text[64 * 1024];
    size_t n;

    if (!f) {
        snprintf(err, errlen, "cannot open '%s': %s", SPEECH_ENQUIRY, strerror(errno));
        return -1;
    }
    n = fread(text, 1, sizeof text - sizeof tail, f);
    fclose(f);
    if (n == sizeof text - sizeof tail) {
        snprintf(err, errlen, "'%s' is too long for the bench", SPEECH_ENQUIRY);
        return -1;
    }
    memcpy(text + n, tail, sizeof tail);
    return write_file(e, "enquiry-speech.replay", text, path, len, err, errlen);
}

/* prefix names the content ("" for the repo's); limit is in MiB. */
static void memory_at(const struct bench_env *e, struct report *r, const char *size, const char *script,
                      const char *prefix, double limit)
{
    char figure[96], db[BENCH_PATH_MAX + 32], line[512], err[512], path[64];
    int speech = strstr(script, "speech") != NULL;
    char *argv[] = { (char *)e->kiosk, "--replay", (char *)script, "--size", (char *)size, "--content",
                     (char *)e->content, "--db", db, "--config", (char *)e->config, NULL };
    long long hwm, rss, pss;
    struct child c;
    int waited;

    snprintf(figure, sizeof figure, "%speak memory (VmHWM) after an enquiry%s, %s", prefix, speech ? " read aloud" : "",
             size);
    snprintf(db, sizeof db, "%s/memory-%s%s%s%s.db", e->tmp, prefix[0] ? "pictures-" : "", strstr(script, "cjk") ? "cjk-" : "",
             size, speech ? "-speech" : "");
    if (child_start(&c, argv, err, sizeof err) != 0) {
        report_failed(r, figure, "%s", err);
        return;
    }
    waited = child_wait_line(&c, "widget\t", line, sizeof line, 60000);
    snprintf(path, sizeof path, "/proc/%d/status", (int)c.pid);
    hwm = proc_field(path, "VmHWM");
    rss = proc_field(path, "VmRSS");
    snprintf(path, sizeof path, "/proc/%d/smaps_rollup", (int)c.pid);
    pss = proc_field(path, "Pss");
    if (child_finish(&c) != 0 || waited != 0 || hwm < 0) {
        report_failed(r, figure, "the enquiry script '%s' failed (run it with make test)",
                      speech ? SPEECH_ENQUIRY : strstr(script, "cjk") ? CJK_SCRIPT : e->enquiry_script);
        return;
    }
    report_below(r, figure, (double)hwm / 1024.0, limit, "MiB", 1);
    snprintf(figure, sizeof figure, "%sPSS (RSS) after an enquiry%s, %s", prefix, speech ? " read aloud" : "", size);
    report_info(r, figure, "%.1f MiB (%.1f MiB)", (double)pss / 1024.0, (double)rss / 1024.0);
}

void bench_memory(const struct bench_env *e, struct report *r)
{
    char script[BENCH_PATH_MAX + 32], speech[BENCH_PATH_MAX + 32], err[512];

    if (memory_script(e, script, sizeof script, err, sizeof err) != 0) {
        report_failed(r, "peak memory (VmHWM) after an enquiry", "%s", err);
        return;
    }
    memory_at(e, r, "1280x800", script, "", MEMORY_LIMIT_MIB);
    memory_at(e, r, "1920x1080", script, "", MEMORY_LIMIT_MIB);
    if (speech_script(e, speech, sizeof speech, err, sizeof err) != 0) {
        report_failed(r, "peak memory (VmHWM) after an enquiry read aloud", "%s", err);
        return;
    }
    memory_at(e, r, "1280x800", speech, "", SPEECH_MEMORY_LIMIT_MIB);
    memory_at(e, r, "1920x1080", speech, "", SPEECH_MEMORY_LIMIT_MIB);
    bench_memory_cjk(e, r);
}

/* The same enquiry in Chinese (tests/replay/enquiry-zh-Hans.replay, beside the English one). */
void bench_memory_cjk(const struct bench_env *e, struct report *r)
{
    char src[BENCH_PATH_MAX + 32], cjk[BENCH_PATH_MAX + 32], err[512];
    const char *slash = strrchr(e->enquiry_script, '/');

    snprintf(src, sizeof src, "%.*s" CJK_SCRIPT, slash ? (int)(slash - e->enquiry_script + 1) : 0, e->enquiry_script);
    if (memory_script_of(e, src, "enquiry-cjk.replay", cjk, sizeof cjk, err, sizeof err) != 0) {
        report_failed(r, "in Chinese: peak memory (VmHWM) after an enquiry, 1280x800", "%s", err);
        return;
    }
    memory_at(e, r, "1280x800", cjk, "in Chinese: ", MEMORY_CJK_LIMIT_MIB);
}

void bench_memory_with(const struct bench_env *e, struct report *r, const char *prefix, double limit_mib)
{
    char script[BENCH_PATH_MAX + 32], err[512];

    if (memory_script(e, script, sizeof script, err, sizeof err) != 0) {
        report_failed(r, "peak memory (VmHWM) after an enquiry", "%s", err);
        return;
    }
    memory_at(e, r, "1280x800", script, prefix, limit_mib);
}

/* ------------------------------------------------------------------ idle */

/* What a process has used so far, summed over its threads. */
struct usage {
    double cpu_ns;          /* time on a CPU (schedstat) */
    long long ticks;        /* utime + stime, in clock ticks (coarse: 10 ms) */
    long long switches;     /* voluntary + involuntary context switches: each is a wake-up or a preemption */
};

static void read_usage(pid_t pid, struct usage *u)
{
    char path[96], line[512];
    struct dirent *d;
    DIR *dir;
    FILE *f;

    memset(u, 0, sizeof *u);
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    f = fopen(path, "r");
    if (f && fgets(line, sizeof line, f) && strrchr(line, ')')) {
        unsigned long long ut = 0, st = 0;
        /* After "pid (comm)": state and 10 more fields, then utime and stime. */
        if (sscanf(strrchr(line, ')') + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &ut, &st) == 2)
            u->ticks = (long long)(ut + st);
    }
    if (f)
        fclose(f);
    snprintf(path, sizeof path, "/proc/%d/task", (int)pid);
    dir = opendir(path);
    while (dir && (d = readdir(dir))) {
        char task[128];
        double ns = 0;
        if (d->d_name[0] == '.')
            continue;
        snprintf(task, sizeof task, "%s/%s/schedstat", path, d->d_name);
        f = fopen(task, "r");
        if (f && fscanf(f, "%lf", &ns) == 1)
            u->cpu_ns += ns;
        if (f)
            fclose(f);
        snprintf(task, sizeof task, "%s/%s/status", path, d->d_name);
        u->switches += proc_field(task, "voluntary_ctxt_switches") + proc_field(task, "nonvoluntary_ctxt_switches");
    }
    if (dir)
        closedir(dir);
}

/* Watches pid for IDLE_SECONDS and prints one "idle" line: the CPU it used, and its wake-ups, read
 * every IDLE_SAMPLE_MS: a burst (a wake-up) is a run of readings that found new context switches,
 * busy the readings that did, of all readings. A process polling faster than the readings shows
 * as one long burst, busy most of the time. */
static void watch_idle(pid_t pid, const char *screen, int timer_ms)
{
    struct usage start, end;
    long long last;
    int bursts = 0, busy = 0, readings = 0, was_busy = 0;
    double t0 = report_now_ms(), t;

    read_usage(pid, &start);
    last = start.switches;
    while ((t = report_now_ms() - t0) < IDLE_SECONDS * 1000.0) {
        struct usage now;
        sleep_ms(IDLE_SAMPLE_MS);
        read_usage(pid, &now);
        readings++;
        if (now.switches != last) {
            busy++;
            bursts += !was_busy;
        }
        was_busy = now.switches != last;
        last = now.switches;
    }
    read_usage(pid, &end);
    t = (report_now_ms() - t0) / 1000.0;
    printf("idle %s %d %.3f %.0f %lld %lld %d %d %d\n", screen, timer_ms, t, end.cpu_ns - start.cpu_ns,
           end.ticks - start.ticks, end.switches - start.switches, bursts, busy, readings);
    fflush(stdout);
}

/* Clicks at x, y on the X display with xdotool. Returns 0, or -1 with err. */
static int click(int x, int y, char *err, size_t errlen)
{
    char xs[16], ys[16];
    char *argv[] = { "xdotool", "mousemove", xs, ys, "click", "1", NULL };
    struct child c;

    snprintf(xs, sizeof xs, "%d", x);
    snprintf(ys, sizeof ys, "%d", y);
    if (child_start(&c, argv, err, errlen) != 0)
        return -1;
    if (child_finish(&c) != 0) {
        snprintf(err, errlen, "xdotool failed");
        return -1;
    }
    return 0;
}

/* Presses key on the X display with xdotool. Returns 0, or -1 with err. */
static int press_key(const char *key, char *err, size_t errlen)
{
    char *argv[] = { "xdotool", "key", (char *)key, NULL };
    struct child c;

    if (child_start(&c, argv, err, errlen) != 0)
        return -1;
    if (child_finish(&c) != 0) {
        snprintf(err, errlen, "xdotool key %s failed", key);
        return -1;
    }
    return 0;
}

/* Runs under xvfb-run: the kiosk in a window, a key on attract turns Read aloud on and home is
 * read; another key stops it; once the sound device has been let go, 10 s on home with Read
 * aloud on and nothing to say. */
static int idle_speech_in_window(char *kiosk, char *content, char *db, char *config)
{
    char *argv[] = { kiosk, "--window", "1280x800", "--content", content, "--db", db, "--config", config,
                     "--trace", NULL };
    char line[256], err[512] = "";
    struct child c;
    int rc = 1;

    setenv("SDL_VIDEODRIVER", "x11", 1);
    if (child_start(&c, argv, err, sizeof err) != 0) {
        printf("error %s\n", err);
        return 1;
    }
    if (child_wait_line(&c, "screen attract", line, sizeof line, 10000) != 0) {
        printf("error the kiosk did not show attract in a window within 10 s\n");
        goto out;
    }
    sleep_ms(IDLE_SETTLE_MS);
    if (press_key("F12", err, sizeof err) != 0 || child_wait_line(&c, "say ", line, sizeof line, 5000) != 0) {
        printf("error %s\n", err[0] ? err : "a key on attract did not turn Read aloud on within 5 s");
        goto out;
    }
    sleep_ms(1000);
    if (press_key("F12", err, sizeof err) != 0) {     /* interrupts; says nothing */
        printf("error %s\n", err);
        goto out;
    }
    sleep_ms(2500 + IDLE_SETTLE_MS);    /* the device lingers 2 s, then is let go */
    watch_idle(c.pid, "home-read-aloud", HOME_TIMER_MS);
    rc = 0;
out:
    fflush(stdout);
    kill(c.pid, SIGTERM);
    child_finish(&c);
    return rc;
}

/* Runs under xvfb-run: the kiosk in a window, 10 s on attract, a click, 10 s on home. */
static int idle_in_window(char *kiosk, char *content, char *db, char *config)
{
    char *argv[] = { kiosk, "--window", "1280x800", "--content", content, "--db", db, "--config", config,
                     "--trace", NULL };
    char line[256], err[512] = "";
    struct child c;
    int rc = 1;

    setenv("SDL_VIDEODRIVER", "x11", 1);
    if (child_start(&c, argv, err, sizeof err) != 0) {
        printf("error %s\n", err);
        return 1;
    }
    if (child_wait_line(&c, "screen attract", line, sizeof line, 10000) != 0) {
        printf("error the kiosk did not show attract in a window within 10 s\n");
        goto out;
    }
    sleep_ms(IDLE_SETTLE_MS);
    watch_idle(c.pid, "attract", ATTRACT_TIMER_MS);
    if (click(640, 400, err, sizeof err) != 0 || child_wait_line(&c, "screen home", line, sizeof line, 5000) != 0) {
        printf("error %s\n", err[0] ? err : "a click on attract did not lead home within 5 s");
        goto out;
    }
    sleep_ms(IDLE_SETTLE_MS);
    watch_idle(c.pid, "home", HOME_TIMER_MS);
    rc = 0;
out:
    fflush(stdout);
    kill(c.pid, SIGTERM);
    child_finish(&c);
    return rc;
}

int bench_idle_child(int argc, char **argv)
{
    if (argc != 5) {
        printf("error --idle-child wants KIOSK CONTENT DB CONFIG SPEECH\n");
        return 2;
    }
    if (strcmp(argv[4], "speech") == 0)
        return idle_speech_in_window(argv[0], argv[1], argv[2], argv[3]);
    return idle_in_window(argv[0], argv[1], argv[2], argv[3]);
}

/* 1 when name is an executable on PATH. */
static int on_path(const char *name)
{
    const char *p = getenv("PATH");

    while (p && *p) {
        size_t n = strcspn(p, ":");
        char path[1024];
        snprintf(path, sizeof path, "%.*s/%s", (int)n, p, name);
        if (n > 0 && access(path, X_OK) == 0)
            return 1;
        p += n + (p[n] == ':');
    }
    return 0;
}

/* One "idle SCREEN TIMER SECONDS CPU_NS TICKS SWITCHES BURSTS BUSY READINGS" line into the report. */
static int report_idle(struct report *r, const char *line)
{
    char screen[32], figure[96], value[96], target[64];
    int timer_ms, bursts, busy, readings, allowed;
    long long ticks, switches;
    double s, ns, cpu;

    if (sscanf(line, "idle %31s %d %lf %lf %lld %lld %d %d %d", screen, &timer_ms, &s, &ns, &ticks, &switches,
               &bursts, &busy, &readings) != 9 || s <= 0)
        return -1;
    cpu = ns / (s * 1e9) * 100.0;
    snprintf(figure, sizeof figure, "idle CPU over %.0f s, %s", s, screen);
    snprintf(value, sizeof value, "%.4f %% (%lld ticks)", cpu, ticks);
    snprintf(target, sizeof target, "< %g %%", IDLE_CPU_LIMIT);
    report_check(r, figure, cpu < IDLE_CPU_LIMIT, value, target);
    /* Each firing of the timer may wake the process once (plus one for the window's edges); a
     * process busy in a quarter of the readings is polling, however few its bursts. */
    allowed = (int)(s * 1000.0 / timer_ms) + 1;
    snprintf(figure, sizeof figure, "idle wake-ups/s, %s (timer every %g s)", screen, timer_ms / 1000.0);
    snprintf(value, sizeof value, "%.2f/s (%.1f switches/s)", bursts / s, (double)switches / s);
    snprintf(target, sizeof target, "<= %.2f/s", allowed / s);
    report_check(r, figure, bursts <= allowed && busy * 4 <= readings, value, target);
    return 0;
}

static void idle_run(const struct bench_env *e, struct report *r, const char *what)
{
    const char *figure = "idle cost under Xvfb";
    char db[BENCH_PATH_MAX + 32], line[512] = "", err[512];
    char *argv[] = { "xvfb-run", "-a", "-s", X_SCREEN, (char *)e->self, "--idle-child", (char *)e->kiosk,
                     (char *)e->content, db, (char *)e->config, (char *)what, NULL };
    struct child c;
    int lines = 0, errors = 0;

    if (!on_path("xvfb-run") || !on_path("xdotool")) {
        report_failed(r, figure, "%s is missing (make bench installs it)", on_path("xvfb-run") ? "xdotool" : "xvfb-run");
        return;
    }
    snprintf(db, sizeof db, "%s/idle-%s.db", e->tmp, what);
    if (child_start(&c, argv, err, sizeof err) != 0) {
        report_failed(r, figure, "%s", err);
        return;
    }
    while (child_wait_line(&c, "", line, sizeof line, 60000) == 0) {
        if (strncmp(line, "error ", 6) == 0) {
            report_failed(r, figure, "%s", line + 6);
            errors++;
        } else if (report_idle(r, line) == 0) {
            lines++;
        }
    }
    if (child_finish(&c) != 0 && lines < 1 && !errors)
        report_failed(r, figure, "xvfb-run failed");
}

void bench_idle(const struct bench_env *e, struct report *r)
{
    idle_run(e, r, "touch");
    idle_run(e, r, "speech");
}

/* ---------------------------------------------------------------- a queue of 1,000,000 */

#define MILLION             1000000LL
#define MILLION_RUNS        30
#define MILLION_EXTRA_MS    10.0    /* start with a million requests, beyond start with none */
#define STATUS_RUNS         20
#define STATUS_LIMIT_MS     100.0

/* exec of argv to the first byte on its stdout (first frame) and to its exit, in ms. Returns 0, or -1. */
static int time_start(char *const argv[], double *first, double *whole, char *err, size_t errlen)
{
    double t0 = report_now_ms();
    struct child c;
    int rc;

    if (child_start(&c, argv, err, errlen) != 0)
        return -1;
    rc = child_read(&c, 30000);
    *first = report_now_ms() - t0;
    if (child_finish(&c) != 0 || rc <= 0) {
        snprintf(err, errlen, "'%s' failed", argv[0]);
        return -1;
    }
    *whole = report_now_ms() - t0;
    return 0;
}

static int argc_last(char *const argv[])
{
    int n = 0;

    while (argv[n + 1])
        n++;
    return n;
}

static long long file_bytes_of(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 ? (long long)st.st_size : -1;
}

/* Runs argv (kioskctl status) once: exec to exit in ms, or -1. */
static double time_run(char *const argv[], char *err, size_t errlen)
{
    double t0 = report_now_ms();
    struct child c;
    int rc;

    if (child_start(&c, argv, err, errlen) != 0)
        return -1;
    rc = child_finish(&c);
    if (rc != 0) {
        snprintf(err, errlen, "'%s %s' exited %d", argv[0], argv[argc_last(argv)], rc);
        return -1;
    }
    return report_now_ms() - t0;
}

/* Starts with 1,000,000 pending requests against starts with none, runs interleaved so that the
 * machine's noise falls on both alike; then kioskctl status and the staff screen's figures on it,
 * and the integrity check that the kiosk runs in a thread after its first frame. */
void bench_million(const struct bench_env *e, struct report *r)
{
    const char *figure = "start with 1,000,000 requests: first frame, beyond none";
    char script[BENCH_PATH_MAX + 32], empty[BENCH_PATH_MAX + 32], full[BENCH_PATH_MAX + 32];
    char kioskctl[BENCH_PATH_MAX + 32], err[512], value[96], target[48], result[256];
    char *argv[] = { (char *)e->kiosk, "--replay", script, "--size", "1280x800", "--content", (char *)e->content,
                     "--db", empty, "--config", (char *)e->config, NULL };
    char *ctl[] = { kioskctl, "--db", full, "--config", (char *)e->config, "status", NULL };
    struct samples none, million, status, figures;
    struct queue_options o = { .create = 1 };
    struct queue_status st;
    struct queue *q = NULL;
    double t0, first, whole, s;
    const char *slash;

    snprintf(empty, sizeof empty, "%s/million-empty.db", e->tmp);
    snprintf(full, sizeof full, "%s/million.db", e->tmp);
    slash = strrchr(e->kiosk, '/');
    snprintf(kioskctl, sizeof kioskctl, "%.*skioskctl", slash ? (int)(slash - e->kiosk) + 1 : 0, e->kiosk);
    if (samples_init(&none, MILLION_RUNS) != 0 || samples_init(&million, MILLION_RUNS) != 0 ||
        samples_init(&status, STATUS_RUNS) != 0 || samples_init(&figures, STATUS_RUNS) != 0) {
        report_failed(r, figure, "out of memory");
        goto out;
    }
    if (write_file(e, "first-frame-million.replay", "widgets\n", script, sizeof script, err, sizeof err) != 0 ||
        !(q = queue_open(full, &o, err, sizeof err))) {
        report_failed(r, figure, "%s", err);
        goto out;
    }
    queue_close(q);
    q = NULL;
    t0 = report_now_ms();
    if (bench_fill_fast(full, MILLION, 0, 1, err, sizeof err) != 0) {
        report_failed(r, figure, "%s", err);
        goto out;
    }
    report_info(r, "1,000,000 requests made for the figures below", "%.1f s, %.0f MiB", (report_now_ms() - t0) / 1000,
                (double)file_bytes_of(full) / (1024.0 * 1024.0));
    for (int i = 0; i < 2 * MILLION_RUNS; i++) {
        argv[8] = i % 2 ? full : empty;
        if (time_start(argv, &first, &whole, err, sizeof err) != 0) {
            report_failed(r, figure, "%s (run %d)", err, i + 1);
            goto out;
        }
        samples_add(i % 2 ? &million : &none, first);
    }
    s = samples_percentile(&million, 50) - samples_percentile(&none, 50);
    snprintf(value, sizeof value, "%+.1f ms (median %.1f, none %.1f, n=%d)", s, samples_percentile(&million, 50),
             samples_percentile(&none, 50), million.n);
    snprintf(target, sizeof target, "< %g ms more", MILLION_EXTRA_MS);
    report_check(r, figure, s < MILLION_EXTRA_MS, value, target);

    for (int i = 0; i < STATUS_RUNS; i++) {
        double ms = time_run(ctl, err, sizeof err);
        if (ms < 0) {
            report_failed(r, "kioskctl status, 1,000,000 requests", "%s", err);
            goto out;
        }
        samples_add(&status, ms);
    }
    snprintf(value, sizeof value, "%.1f ms median, %.1f p99 (n=%d)", samples_percentile(&status, 50),
             samples_percentile(&status, 99), status.n);
    snprintf(target, sizeof target, "p99 < %g ms", STATUS_LIMIT_MS);
    report_check(r, "kioskctl status, 1,000,000 requests: exec to exit", samples_percentile(&status, 99) < STATUS_LIMIT_MS,
                 value, target);

    if (!(q = queue_open(full, NULL, err, sizeof err))) {
        report_failed(r, "staff screen's figures, 1,000,000 requests", "%s", err);
        goto out;
    }
    for (int i = 0; i < STATUS_RUNS; i++) {
        t0 = report_now_ms();
        if (queue_status(q, &st, err, sizeof err) != 0 || st.pending != MILLION) {
            report_failed(r, "staff screen's figures, 1,000,000 requests", "%s", st.pending != MILLION ? "wrong count" : err);
            goto out;
        }
        samples_add(&figures, report_now_ms() - t0);
    }
    report_p50_p99(r, "staff screen's figures (queue_status), 1,000,000 requests", &figures, STATUS_LIMIT_MS);
    queue_close(q);
    q = NULL;
    t0 = report_now_ms();
    if (queue_check_file(full, NULL, NULL, result, sizeof result) != 0)
        report_failed(r, "integrity check of 1,000,000 requests (a thread, after the first frame)", "%s", result);
    else
        report_info(r, "integrity check of 1,000,000 requests (a thread, after the first frame)", "%.2f s",
                    (report_now_ms() - t0) / 1000.0);
out:
    queue_close(q);
    samples_free(&none);
    samples_free(&million);
    samples_free(&status);
    samples_free(&figures);
}
