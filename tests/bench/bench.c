/* bench: `make bench`, the kiosk's performance figures of issue 7 next to their targets.
 * Prints one table; exits 1 naming each missed target, 2 on bad usage. Not part of `make test`. */
#define _XOPEN_SOURCE 700  /* nftw */
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <linux/magic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "sections.h"

static const char usage[] =
    "usage: bench [--kiosk FILE] [--content DIR] [--script FILE] [--only SECTION]\n"
    "\n"
    "Measures the kiosk (software renderer) and prints each figure next to its target.\n"
    "\n"
    "  --kiosk FILE     the kiosk binary (default build/kiosk)\n"
    "  --content DIR    the clinic's content (default content)\n"
    "  --script FILE    a replay script walking a whole enquiry (default tests/replay/request-suitable.replay)\n"
    "  --only SECTION   run one section: start, response, drag, shot, memory, idle, submit,\n"
    "                   export, sync, purge, million, pictures, speech\n"
    "\n"
    "Exit codes: 0 every target met, 1 a target missed or a figure not measured, 2 usage.\n";

static const struct {
    const char *name;
    void (*run)(const struct bench_env *e, struct report *r);
} sections[] = {
    { "start", bench_start_process },   { "start", bench_start_in_process },
    { "response", bench_response },     { "drag", bench_drag },             { "shot", bench_shot },
    { "memory", bench_memory },         { "idle", bench_idle },
    { "submit", bench_submit },         { "export", bench_export },
    { "sync", bench_sync },             { "purge", bench_purge },           { "million", bench_million },
    { "pictures", bench_pictures },     { "speech", bench_speech_latency },
};

static const char *fs_name(long type)
{
    switch (type) {
    case EXT4_SUPER_MAGIC:      return "ext2/3/4";
    case XFS_SUPER_MAGIC:       return "xfs";
    case BTRFS_SUPER_MAGIC:     return "btrfs";
    case OVERLAYFS_SUPER_MAGIC: return "overlayfs";
    case TMPFS_MAGIC:           return "tmpfs";
    default:                    return "other";
    }
}

/* The scratch directory: under $TMPDIR or /tmp, unless that is in memory; then next to the kiosk
 * binary, so the database figures are for a disk. Fills e->tmp and e->config. Returns 0, or -1. */
static int make_scratch(struct bench_env *e, char *fs, size_t fslen)
{
    const char *base = getenv("TMPDIR") && getenv("TMPDIR")[0] ? getenv("TMPDIR") : "/tmp";
    char kiosk_dir[BENCH_PATH_MAX];
    struct statfs st;
    FILE *f;

    if (statfs(base, &st) == 0 && st.f_type == TMPFS_MAGIC) {
        const char *slash = strrchr(e->kiosk, '/');
        snprintf(kiosk_dir, sizeof kiosk_dir, "%.*s", slash ? (int)(slash - e->kiosk) : 1, slash ? e->kiosk : ".");
        base = kiosk_dir;
    }
    snprintf(e->tmp, sizeof e->tmp, "%s/kiosk-bench.XXXXXX", base);
    if (!mkdtemp(e->tmp)) {
        fprintf(stderr, "bench: cannot make a directory in '%s': %s\n", base, strerror(errno));
        return -1;
    }
    snprintf(fs, fslen, "%s", statfs(e->tmp, &st) == 0 ? fs_name((long)st.f_type) : "unknown");
    snprintf(e->config, sizeof e->config, "%s/empty.conf", e->tmp);
    f = fopen(e->config, "w");
    if (!f || fclose(f) != 0) {
        fprintf(stderr, "bench: cannot write '%s': %s\n", e->config, strerror(errno));
        return -1;
    }
    return 0;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    if (remove(path) != 0)
        fprintf(stderr, "bench: cannot remove '%s': %s\n", path, strerror(errno));
    return 0;
}

static void cpu_model(char *out, size_t len)
{
    FILE *f = fopen("/proc/cpuinfo", "r");
    char line[512];

    snprintf(out, len, "unknown");
    if (!f)
        return;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "model name", 10) == 0 && strchr(line, ':')) {
            snprintf(out, len, "%s", strchr(line, ':') + 2);
            out[strcspn(out, "\n")] = '\0';
            break;
        }
    fclose(f);
}

/* The 1-minute load average: other work on the machine skews every figure. */
static const char *load_average(char *out, size_t len)
{
    FILE *f = fopen("/proc/loadavg", "r");
    double one = -1;

    if (f && fscanf(f, "%lf", &one) != 1)
        one = -1;
    if (f)
        fclose(f);
    if (one < 0)
        snprintf(out, len, "unknown");
    else
        snprintf(out, len, "%.2f", one);
    return out;
}

static int known_section(const char *name)
{
    for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++)
        if (strcmp(sections[i].name, name) == 0)
            return 1;
    return 0;
}

int main(int argc, char **argv)
{
    struct bench_env e = { .kiosk = "build/kiosk", .content = "content",
                           .enquiry_script = "tests/replay/request-suitable.replay" };
    struct report r = { .n = 0 };
    const char *only = NULL;
    char self[PATH_MAX], cpu[256], fs[32], load[64];
    ssize_t n;
    int missed;

    if (argc > 1 && strcmp(argv[1], "--idle-child") == 0)
        return bench_idle_child(argc - 2, argv + 2);
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(o, "--help") == 0) {
            fputs(usage, stdout);
            return 0;
        }
        if (!v || (strcmp(o, "--kiosk") != 0 && strcmp(o, "--content") != 0 && strcmp(o, "--script") != 0 &&
                   strcmp(o, "--only") != 0)) {
            fprintf(stderr, v ? "bench: unknown option '%s'\n%s" : "bench: option '%s' needs a value\n%s", o, usage);
            return 2;
        }
        i++;
        if (strcmp(o, "--kiosk") == 0)
            e.kiosk = v;
        else if (strcmp(o, "--content") == 0)
            e.content = v;
        else if (strcmp(o, "--script") == 0)
            e.enquiry_script = v;
        else
            only = v;
    }
    if (only && !known_section(only)) {
        fprintf(stderr, "bench: unknown section '%s'\n%s", only, usage);
        return 2;
    }
    n = readlink("/proc/self/exe", self, sizeof self - 1);
    self[n > 0 ? n : 0] = '\0';
    e.self = n > 0 ? self : argv[0];
    /* The figures are for the software renderer, here and in every kiosk started from here. */
    setenv("SDL_RENDER_DRIVER", "software", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    if (make_scratch(&e, fs, sizeof fs) != 0)
        return 1;
    cpu_model(cpu, sizeof cpu);
    printf("machine: %s, %ld cores online, load average %s; scratch %s (%s)\n", cpu,
           sysconf(_SC_NPROCESSORS_ONLN), load_average(load, sizeof load), e.tmp, fs);
    fflush(stdout);
    for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++)
        if (!only || strcmp(only, sections[i].name) == 0)
            sections[i].run(&e, &r);
    nftw(e.tmp, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    missed = report_print(&r, stdout, stderr);
    return missed ? 1 : 0;
}
