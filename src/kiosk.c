/* kiosk: main() of the touchscreen app: options, then the live loop or the replay driver. */
#include <errno.h>
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

int main(int argc, char **argv)
{
    struct runtime_options ro = { 0 };
    const char *script = NULL, *shots = NULL, *golden = NULL;
    int size_w = 1280, size_h = 800;
    struct runtime rt;
    char err[1024];
    int rc;

    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        int takes = strcmp(o, "--content") == 0 || strcmp(o, "--db") == 0 || strcmp(o, "--config") == 0 ||
                    strcmp(o, "--window") == 0 || strcmp(o, "--replay") == 0 || strcmp(o, "--shots") == 0 ||
                    strcmp(o, "--size") == 0 || strcmp(o, "--golden") == 0;
        if (strcmp(o, "--help") == 0 || strcmp(o, "-h") == 0) {
            fputs(usage, stdout);
            return EXIT_OK;
        }
        if (strcmp(o, "--version") == 0) {
            printf("kiosk %s\n", KIOSK_VERSION);
            return EXIT_OK;
        }
        if (strcmp(o, "--trace") == 0) {
            ro.trace = 1;
            continue;
        }
        if (!takes) {
            fprintf(stderr, "kiosk: unknown option '%s'\n%s", o, usage);
            return EXIT_USAGE;
        }
        if (!v) {
            fprintf(stderr, "kiosk: option '%s' needs a value\n", o);
            return EXIT_USAGE;
        }
        i++;
        if (strcmp(o, "--content") == 0)
            ro.content_dir = v;
        else if (strcmp(o, "--db") == 0)
            ro.db_path = v;
        else if (strcmp(o, "--config") == 0)
            ro.config_path = v;
        else if (strcmp(o, "--replay") == 0)
            script = v;
        else if (strcmp(o, "--shots") == 0)
            shots = v;
        else if (strcmp(o, "--golden") == 0)
            golden = v;
        else if (!parse_size(v, strcmp(o, "--window") == 0 ? &ro.width : &size_w,
                             strcmp(o, "--window") == 0 ? &ro.height : &size_h)) {
            fprintf(stderr, "kiosk: %s wants WIDTHxHEIGHT between 200 and 8192, like 1280x800, not '%s'\n", o, v);
            return EXIT_USAGE;
        }
    }
    if (script) {
        ro.headless = 1;
        ro.fault_injection = 1;
        ro.width = size_w;
        ro.height = size_h;
        return replay(&ro, script, shots, golden);
    }
    if (shots || golden) {
        fprintf(stderr, "kiosk: --shots and --golden go with --replay\n");
        return EXIT_USAGE;
    }
    if (runtime_open(&rt, &ro, platform_now_ms(), err, sizeof err) != 0) {
        fprintf(stderr, "kiosk: %s\n", err);
        return EXIT_ERROR;
    }
    rc = runtime_loop(&rt);
    runtime_close(&rt);
    return rc;
}
