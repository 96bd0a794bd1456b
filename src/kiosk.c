/* kiosk: main() of the touchscreen app: options, then the live loop or the replay driver. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"
#include "platform.h"
#include "replay.h"
#include "runtime.h"

#ifndef KIOSK_VERSION
#define KIOSK_VERSION "dev"
#endif

enum { EXIT_OK = 0, EXIT_ERROR = 1, EXIT_USAGE = 2 };

static const char usage[] =
    "usage: kiosk [--content DIR] [--db FILE] [--config FILE] [--window WxH] [--trace]\n"
    "       kiosk --replay SCRIPT [--shots DIR] [--size WxH] [--golden DIR] [--trace]\n"
    "             [--content DIR] [--db FILE] [--config FILE]\n"
    "\n"
    "The clinic's touchscreen enquiry kiosk. Without --window it fills the screen.\n"
    "\n"
    "  --content DIR    the clinic's content files (default: config, else the installed content)\n"
    "  --db FILE        the request queue's SQLite file (default: from the config)\n"
    "  --config FILE    the configuration file (default: /etc/kiosk/kiosk.conf if present)\n"
    "  --window WxH     run in a window of this size instead of full screen\n"
    "  --trace          print \"screen NAME\" and \"submitted UUID REF\" lines on stdout\n"
    "  --replay SCRIPT  run a replay script headlessly on a virtual clock, then exit\n"
    "  --shots DIR      where the script's `shot NAME` writes NAME.png (default .)\n"
    "  --size WxH       the headless screen's size (default 1280x800; a script's `size` wins)\n"
    "  --golden DIR     the reference screenshots for `expect-golden`\n"
    "  --help, --version\n"
    "\n"
    "Exit codes: 0 ok, 1 error, 2 usage, 3 staff chose \"Exit kiosk\".\n";

static int parse_size(const char *s, int *w, int *h)
{
    char tail;

    return sscanf(s, "%dx%d%c", w, h, &tail) == 2 && *w >= 200 && *h >= 200 && *w <= 8192 && *h <= 8192;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;

    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || n > 16 * 1024 * 1024 || fseek(f, 0, SEEK_SET) != 0) {
        errno = EFBIG;
        goto out;
    }
    buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
        goto out;
    }
    if (buf) {
        buf[n] = '\0';
        *len = (size_t)n;
    }
out:
    fclose(f);
    return buf;
}

static int replay(struct runtime_options *ro, const char *script, const char *shots, const char *golden)
{
    struct replay_script s;
    struct runtime rt;
    struct driver_options d = { script, shots, golden, getenv("GOLDEN_UPDATE") != NULL, stdout };
    char err[1024], *text;
    size_t len = 0;
    int rc;

    text = read_file(script, &len);
    if (!text) {
        fprintf(stderr, "kiosk: cannot open '%s': %s\n", script, strerror(errno));
        return EXIT_ERROR;
    }
    rc = replay_parse(text, len, &s, err, sizeof err);
    free(text);
    if (rc != 0) {
        fprintf(stderr, "%s:%s\n", script, err);
        return EXIT_ERROR;
    }
    if (runtime_open(&rt, ro, 1000000, err, sizeof err) != 0) {
        fprintf(stderr, "kiosk: %s\n", err);
        replay_free(&s);
        return EXIT_ERROR;
    }
    rc = driver_run(&rt, &s, &d) == 0 ? rt.app->exit_code : EXIT_ERROR;
    runtime_close(&rt);
    replay_free(&s);
    return rc;
}

/* What the command line asked for. */
struct args {
    struct runtime_options ro;
    const char *script, *shots, *golden, *window, *size;
    int size_w, size_h;
};

/* The options that take a value, each as "--name VALUE" or "--name=VALUE", and where it goes. */
static const char **value_slot(struct args *a, const char *name)
{
    static const char *const names[] = { "--content", "--db", "--config", "--window", "--replay", "--shots",
                                         "--size", "--golden" };
    const char **slots[] = { &a->ro.content_dir, &a->ro.db_path, &a->ro.config_path, &a->window, &a->script,
                             &a->shots, &a->size, &a->golden };

    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i]) == 0)
            return slots[i];
    return NULL;
}

/* A usage error: one line saying what is wrong, then where to read more. */
static int usage_error(const char *fmt, const char *arg)
{
    fputs("kiosk: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nsee 'kiosk --help'\n", stderr);
    return EXIT_USAGE;
}

/* Fills *a from argv. Returns -1 when all is well, else the exit code (help, version, usage). */
static int parse_args(int argc, char **argv, struct args *a)
{
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i], *eq = strchr(arg, '='), *value;
        char name[32];
        const char **slot;

        if (arg[0] != '-' || arg[1] == '\0')
            return usage_error("unexpected argument '%s'", arg);
        snprintf(name, sizeof name, "%.*s", eq ? (int)(eq - arg) : (int)strlen(arg), arg);
        if (!eq && (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0)) {
            fputs(usage, stdout);
            return EXIT_OK;
        }
        if (!eq && strcmp(arg, "--version") == 0) {
            printf("kiosk %s\n", KIOSK_VERSION);
            return EXIT_OK;
        }
        if (strcmp(name, "--trace") == 0) {
            if (eq)
                return usage_error("%s takes no value", name);
            a->ro.trace = 1;
            continue;
        }
        slot = (size_t)(eq ? eq - arg : (ptrdiff_t)strlen(arg)) < sizeof name ? value_slot(a, name) : NULL;
        if (!slot)
            return usage_error("unknown option '%s'", arg);
        value = eq ? eq + 1 : i + 1 < argc ? argv[++i] : NULL;
        if (!value || !value[0])
            return usage_error("%s needs a value", name);
        *slot = value;
    }
    if (a->window && !parse_size(a->window, &a->ro.width, &a->ro.height))
        return usage_error("--window wants WIDTHxHEIGHT between 200 and 8192, like 1280x800, not '%s'", a->window);
    if (a->size && !parse_size(a->size, &a->size_w, &a->size_h))
        return usage_error("--size wants WIDTHxHEIGHT between 200 and 8192, like 1280x800, not '%s'", a->size);
    if (!a->script && (a->shots || a->golden || a->size))
        return usage_error("%s goes with --replay", a->shots ? "--shots" : a->golden ? "--golden" : "--size");
    if (a->script && a->window)
        return usage_error("%s does not go with --replay: use --size", "--window");
    return -1;
}

int main(int argc, char **argv)
{
    struct args a = { .size_w = 1280, .size_h = 800 };
    struct runtime rt;
    char err[1024];
    int rc = parse_args(argc, argv, &a);

    if (rc >= 0)
        return rc;
    if (a.script) {
        a.ro.headless = 1;
        a.ro.fault_injection = 1;
        a.ro.width = a.size_w;
        a.ro.height = a.size_h;
        return replay(&a.ro, a.script, a.shots, a.golden);
    }
    if (runtime_open(&rt, &a.ro, platform_now_ms(), err, sizeof err) != 0) {
        fprintf(stderr, "kiosk: %s\n", err);
        return EXIT_ERROR;
    }
    rc = runtime_loop(&rt);
    runtime_close(&rt);
    return rc;
}
