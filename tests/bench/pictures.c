/* pictures: the figures of issue 16 with a 12-megapixel photo as the logo, the doctor's photo and
 * each of three treatments' pictures: cold start with copies cached, the first start that makes
 * them, peak memory after a whole enquiry, and tap -> frame at 1280x800. */
#include "sections.h"

#include <SDL.h>
#include <SDL_image.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "runtime.h"

#define PHOTO_W 4000
#define PHOTO_H 3000            /* 12 megapixels */
#define TREATMENTS 3
#define START_RUNS 20
#define START_LIMIT_MS 60.0
#define MEMORY_LIMIT_MIB 40.0
#define TAP_LIMIT_MS 4.0
#define MADE_TIMEOUT_MS 120000

/* A photo-like picture: smooth light, a few shapes and fine grain, so that JPEG has work to do. */
static int write_photo(const char *path, unsigned seed, char *err, size_t errlen)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, PHOTO_W, PHOTO_H, 24, SDL_PIXELFORMAT_RGB24);
    unsigned state = seed * 2654435761u + 1;
    int rc = 0;

    if (!s) {
        snprintf(err, errlen, "out of memory for a %dx%d picture", PHOTO_W, PHOTO_H);
        return -1;
    }
    for (int y = 0; y < PHOTO_H; y++) {
        Uint8 *row = (Uint8 *)s->pixels + (size_t)y * (size_t)s->pitch;
        for (int x = 0; x < PHOTO_W; x++) {
            int dx = x - PHOTO_W / 2, dy = y - PHOTO_H / 2;
            int disc = dx * dx + dy * dy < 900 * 900;
            state = state * 1103515245u + 12345u;
            int grain = (int)((state >> 16) & 15) - 8;
            int v[3] = { 40 + x * 160 / PHOTO_W + grain, 90 + y * 120 / PHOTO_H + grain,
                         disc ? 200 + grain : 120 + (int)(seed * 30 % 100) + grain };
            for (int k = 0; k < 3; k++)
                row[3 * x + k] = (Uint8)(v[k] < 0 ? 0 : v[k] > 255 ? 255 : v[k]);
        }
    }
    if (IMG_SaveJPG(s, path, 85) != 0) {
        snprintf(err, errlen, "cannot write '%s': %s", path, IMG_GetError());
        rc = -1;
    }
    SDL_FreeSurface(s);
    return rc;
}

/* The text of path with every "from" replaced by "to", in a new string the caller frees. */
static char *read_replaced(const char *path, const char *const (*swaps)[2], int n)
{
    FILE *f = fopen(path, "rb");
    char *text = malloc(512 * 1024), *out = malloc(520 * 1024);
    size_t len = f ? fread(text, 1, 512 * 1024 - 1, f) : 0;

    if (f)
        fclose(f);
    if (!f || !text || !out) {
        free(text);
        free(out);
        return NULL;
    }
    text[len] = '\0';
    for (int i = 0; i < n; i++) {
        const char *hit = strstr(text, swaps[i][0]);
        if (!hit)
            continue;
        snprintf(out, 520 * 1024, "%.*s%s%s", (int)(hit - text), text, swaps[i][1], hit + strlen(swaps[i][0]));
        snprintf(text, 512 * 1024, "%s", out);
    }
    free(out);
    return text;
}

static int write_text(const char *path, const char *text, char *err, size_t errlen)
{
    FILE *f = fopen(path, "w");

    if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
        snprintf(err, errlen, "cannot write '%s': %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

/* In text (of 512 KiB), the end of the first line that starts with prefix, or NULL. */
static char *line_end(char *text, const char *prefix)
{
    size_t n = strlen(prefix);

    for (char *p = text; *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : p + strlen(p))
        if (strncmp(p, prefix, n) == 0)
            return p + strcspn(p, "\n");
    return NULL;
}

/* One language's files in the copy (lang: "" for the default's, else "/languages/CODE"): the
 * logo and the doctor's photo in its clinic.txt, and TREATMENTS copies of its calf-slimming.txt
 * instead of its treatments, each with its own id, name and picture. Every language has the same
 * pictures, as a translation must, so that every language is offered. Returns 0, or -1 with err. */
static int make_language(const struct bench_env *e, const char *dir, const char *lang, char *err, size_t errlen)
{
    static const char *const clinic_swaps[][2] = {
        { "Logo: logo.png", "Logo: logo-12mp.jpg\nPhoto: photo-12mp.jpg\nPhoto text: A made-up photo" },
    };
    char cmd[2 * BENCH_PATH_MAX], path[BENCH_PATH_MAX + 128];
    char *text;

    snprintf(cmd, sizeof cmd, "rm -f '%s%s'/treatments/*.txt", dir, lang);
    snprintf(path, sizeof path, "%s%s/clinic.txt", e->content, lang);
    text = read_replaced(path, clinic_swaps, 1);
    snprintf(path, sizeof path, "%s%s/clinic.txt", dir, lang);
    if (system(cmd) != 0 || !text || write_text(path, text, err, errlen) != 0) {
        if (!err[0])
            snprintf(err, errlen, "cannot rewrite '%s'", path);
        free(text);
        return -1;
    }
    free(text);
    for (int i = 1; i <= TREATMENTS; i++) {
        char id[64], pic[64], *name;
        const char *const swaps[][2] = { { "Id: calf-slimming", id }, { "Picture: calf-slimming.png", pic } };
        snprintf(id, sizeof id, "Id: calf-slimming-%d", i);
        snprintf(pic, sizeof pic, "Picture: treatment%d-12mp.jpg", i);
        snprintf(path, sizeof path, "%s%s/treatments/calf-slimming.txt", e->content, lang);
        text = read_replaced(path, swaps, 2);
        name = text ? line_end(text, "Name: ") : NULL;
        if (!name) {
            snprintf(err, errlen, "'%s' has no calf-slimming treatment with a name", path);
            free(text);
            return -1;
        }
        /* "Name: Calf slimming 2", in every language */
        memmove(name + 2, name, strlen(name) + 1);
        name[0] = ' ';
        name[1] = (char)('0' + i);
        snprintf(path, sizeof path, "%s%s/treatments/calf-slimming-%d.txt", dir, lang, i);
        if (write_text(path, text, err, errlen) != 0) {
            free(text);
            return -1;
        }
        free(text);
    }
    return 0;
}

/* A copy of the content with the 12-megapixel photos in dir, in every language. Returns 0, or -1
 * with err. */
static int make_content(const struct bench_env *e, const char *dir, char *err, size_t errlen)
{
    char cmd[3 * BENCH_PATH_MAX], path[BENCH_PATH_MAX + 64], name[64];
    struct dirent *d;
    DIR *langs;
    int rc = 0;

    snprintf(cmd, sizeof cmd, "rm -rf '%s' && cp -r '%s' '%s'", dir, e->content, dir);
    if (system(cmd) != 0) {
        snprintf(err, errlen, "cannot copy '%s' to '%s'", e->content, dir);
        return -1;
    }
    for (int i = 0; i < 2 + TREATMENTS; i++) {
        snprintf(name, sizeof name, i == 0 ? "logo-12mp.jpg" : i == 1 ? "photo-12mp.jpg" : "treatment%d-12mp.jpg", i - 1);
        snprintf(path, sizeof path, "%s/images/%s", dir, name);
        if (write_photo(path, (unsigned)i + 1, err, errlen) != 0)
            return -1;
    }
    err[0] = '\0';
    if (make_language(e, dir, "", err, errlen) != 0)
        return -1;
    snprintf(path, sizeof path, "%s/languages", dir);
    langs = opendir(path);
    while (langs && rc == 0 && (d = readdir(langs)) != NULL) {
        char lang[300];
        if (d->d_name[0] == '.')
            continue;
        snprintf(lang, sizeof lang, "/languages/%s", d->d_name);
        rc = make_language(e, dir, lang, err, errlen);
    }
    if (langs)
        closedir(langs);
    return rc;
}

/* A copy of the content in from without any picture, in every language, in to. Returns 0, or -1. */
static int copy_without_pictures(const char *from, const char *to)
{
    char cmd[6 * BENCH_PATH_MAX];

    snprintf(cmd, sizeof cmd, "rm -rf '%s' && cp -r '%s' '%s' && sed -i '/^Logo\\|^Photo\\|^Picture/d' "
             "'%s'/clinic.txt '%s'/treatments/*.txt && for l in '%s'/languages/*/; do [ -d \"$l\" ] || continue; "
             "sed -i '/^Logo\\|^Photo\\|^Picture/d' \"$l\"clinic.txt \"$l\"treatments/*.txt || exit 1; done",
             to, from, to, to, to, to);
    return system(cmd) == 0 ? 0 : -1;
}

/* Runs argv, returning the ms to its first byte on stdout (the first frame) in *first and to its
 * exit in *whole. Returns 0, or -1 with err. */
static int run_timed(char *const argv[], double *first, double *whole, char *err, size_t errlen)
{
    int fds[2], status;
    double t0 = report_now_ms();
    char c;
    pid_t pid;

    if (pipe(fds) != 0) {
        snprintf(err, errlen, "pipe: %s", strerror(errno));
        return -1;
    }
    pid = fork();
    if (pid == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        close(fds[1]);
        execv(argv[0], argv);
        _exit(127);
    }
    close(fds[1]);
    *first = read(fds[0], &c, 1) == 1 ? report_now_ms() - t0 : -1;
    while (read(fds[0], &c, 1) == 1)
        ;
    close(fds[0]);
    waitpid(pid, &status, 0);
    *whole = report_now_ms() - t0;
    if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0 || *first < 0) {
        snprintf(err, errlen, "'%s --replay' failed", argv[0]);
        return -1;
    }
    return 0;
}

/* The helper beside the kiosk decoding one 12-megapixel JPEG into the two sizes home and info
 * draw it at: its time and its own peak memory (it runs apart from the kiosk). */
static void helper_figures(const struct bench_env *e, struct report *r, const char *content)
{
    const char *figure = "pictures 12 MP: kiosk-picture, one photo to 2 copies";
    char helper[BENCH_PATH_MAX + 32], photo[BENCH_PATH_MAX + 64], dir[BENCH_PATH_MAX + 32];
    const char *slash = strrchr(e->kiosk, '/');
    char *argv[] = { helper, photo, dir, "0123456789abcdef", "420x315", "270x202", NULL };
    struct rusage ru;
    int status;
    double t0;
    pid_t pid;

    snprintf(helper, sizeof helper, "%.*s/kiosk-picture", slash ? (int)(slash - e->kiosk) : 1, slash ? e->kiosk : ".");
    snprintf(photo, sizeof photo, "%s/images/treatment1-12mp.jpg", content);
    snprintf(dir, sizeof dir, "%s/helper-copies", e->tmp);
    mkdir(dir, 0700);
    t0 = report_now_ms();
    pid = fork();
    if (pid == 0) {
        execv(helper, argv);
        _exit(127);
    }
    if (pid < 0 || wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        report_failed(r, figure, "'%s' failed", helper);
        return;
    }
    report_info(r, figure, "%.0f ms, peak %.1f MiB (in its own process)", report_now_ms() - t0,
                (double)ru.ru_maxrss / 1024.0);
}

void bench_pictures(const struct bench_env *e, struct report *r)
{
    char content[BENCH_PATH_MAX + 32], cache[BENCH_PATH_MAX + 32], script[BENCH_PATH_MAX + 32];
    char db[BENCH_PATH_MAX + 32], err[512], value[96], target[48];
    char *argv[] = { (char *)e->kiosk, "--replay", script, "--size", "1280x800", "--content", content,
                     "--db", db, "--config", (char *)e->config, "--shots", (char *)e->tmp, NULL };
    struct samples first;
    double cold_first, cold_whole, t, whole;
    const char *figure = "pictures 12 MP: start, exec to first frame (copies cached)";

    snprintf(content, sizeof content, "%s/pictures-content", e->tmp);
    snprintf(cache, sizeof cache, "%s/pictures-cache", e->tmp);
    snprintf(db, sizeof db, "%s/pictures.db", e->tmp);
    setenv("XDG_CACHE_HOME", cache, 1);
    if (make_content(e, content, err, sizeof err) != 0) {
        report_failed(r, figure, "%s", err);
        return;
    }
    /* The first start: the first frame comes at once; a screenshot waits for every copy the
     * attract, home, info and doctor screens need. */
    snprintf(script, sizeof script, "%s/pictures-cold.replay", e->tmp);
    if (write_text(script, "widgets\nshot pictures-cold\n", err, sizeof err) != 0 ||
        run_timed(argv, &cold_first, &cold_whole, err, sizeof err) != 0) {
        report_failed(r, figure, "first start: %s", err);
        return;
    }
    report_info(r, "pictures 12 MP: first start, exec to first frame", "%.1f ms", cold_first);
    report_info(r, "pictures 12 MP: first start, until its copies are made", "%.0f ms", cold_whole);
    snprintf(script, sizeof script, "%s/pictures-warm.replay", e->tmp);
    if (write_text(script, "widgets\n", err, sizeof err) != 0 || samples_init(&first, START_RUNS) != 0) {
        report_failed(r, figure, "%s", err);
        return;
    }
    {
        /* Alternating with the same content without pictures, so that a busy machine slows both alike. */
        struct samples none;
        char plain[BENCH_PATH_MAX + 32];
        snprintf(plain, sizeof plain, "%s-plain", content);
        if (copy_without_pictures(content, plain) != 0 || samples_init(&none, START_RUNS) != 0) {
            report_failed(r, figure, "cannot copy '%s'", content);
            samples_free(&first);
            return;
        }
        for (int i = 0; i < 2 * START_RUNS; i++) {
            argv[6] = i % 2 ? plain : content;
            if (run_timed(argv, &t, &whole, err, sizeof err) != 0) {
                report_failed(r, figure, "%s", err);
                samples_free(&first);
                samples_free(&none);
                return;
            }
            samples_add(i % 2 ? &none : &first, t);
        }
        argv[6] = content;
        snprintf(value, sizeof value, "%.1f ms median, %.1f p99 (n=%d)", samples_percentile(&first, 50),
                 samples_percentile(&first, 99), first.n);
        snprintf(target, sizeof target, "median < %g ms", START_LIMIT_MS);
        report_check(r, figure, samples_percentile(&first, 50) < START_LIMIT_MS, value, target);
        report_info(r, "same, no pictures: start, exec to first frame", "%.1f ms median, %.1f p99 (n=%d)",
                    samples_percentile(&none, 50), samples_percentile(&none, 99), none.n);
        samples_free(&first);
        samples_free(&none);
    }

    {
        struct bench_env with = *e;
        char enquiry[BENCH_PATH_MAX + 32], cmd[4 * BENCH_PATH_MAX];
        /* The whole visit past every picture: the menu's cards, home's card and the doctor's
         * initials, the treatment's page, the doctor's page; then the enquiry script from its
         * checklist on (it starts with "Touch to start" on a kiosk of one treatment). */
        snprintf(enquiry, sizeof enquiry, "%s/pictures-enquiry.replay", e->tmp);
        snprintf(cmd, sizeof cmd, "{ printf 'tap \"Touch to start\"\\nexpect-screen treatments\\n"
                 "tap \"Calf slimming 1\"\\nexpect-screen home\\ntap \"About the treatment\"\\n"
                 "expect-screen info\\ntap \"Back\"\\ntap \"About Dr Nicole\"\\nexpect-screen doctor\\n"
                 "tap \"Back\"\\n'; grep -v '^tap \"Touch to start\"$' '%s'; } > '%s'", e->enquiry_script, enquiry);
        if (system(cmd) != 0) {
            report_failed(r, "pictures 12 MP: peak memory (VmHWM) after an enquiry, 1280x800", "cannot write '%s'",
                          enquiry);
            return;
        }
        with.content = content;
        with.enquiry_script = enquiry;
        bench_memory_with(&with, r, "pictures 12 MP: ", MEMORY_LIMIT_MIB);
        helper_figures(e, r, content);
        bench_response_with(&with, r, "pictures 12 MP: ", TAP_LIMIT_MS);
        /* The same three treatments without any picture, measured right after: on a busy
         * machine the difference is what the pictures cost. */
        snprintf(enquiry, sizeof enquiry, "%s-none", content);
        if (copy_without_pictures(content, enquiry) != 0) {
            report_failed(r, "no pictures: tap->frame", "cannot copy '%s'", content);
            return;
        }
        with.content = enquiry;
        bench_response_with(&with, r, "same, no pictures: ", 0);
    }
}
