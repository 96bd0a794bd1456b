/* runtime: wiring and the live loop, which sleeps in the platform until the next event or timer. */
#include "runtime.h"

#include <errno.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <systemd/sd-daemon.h>
#include <time.h>
#include <unistd.h>

#include "export.h"

#ifndef KIOSK_DATADIR
#define KIOSK_DATADIR "/usr/local/share/kiosk"
#endif
#ifndef KIOSK_SYSCONFDIR
#define KIOSK_SYSCONFDIR "/etc"
#endif

/* The directory of the running binary, or "" when it cannot be read. */
static void exe_dir(char *buf, size_t len)
{
    ssize_t n = readlink("/proc/self/exe", buf, len - 1);
    char *slash;

    if (n <= 0) {
        buf[0] = '\0';
        return;
    }
    buf[n] = '\0';
    slash = strrchr(buf, '/');
    if (slash)
        *slash = '\0';
}

/* Where name (assets or content) is: next to the binary in a checkout (build/../name, or
 * build/asan/../../name), in an installed tree wherever it was put (bin/../share/kiosk/name),
 * else where it was built to go. */
static const char *data_path(const char *name, const char *probe, char *buf, size_t len)
{
    static const char *const beside[] = { "%s/../%s", "%s/../../%s", "%s/../share/kiosk/%s" };
    char dir[512], test[1024];

    exe_dir(dir, sizeof dir);
    for (size_t i = 0; dir[0] && i < sizeof beside / sizeof beside[0]; i++) {
        snprintf(buf, len, beside[i], dir, name);
        snprintf(test, sizeof test, "%s/%s", buf, probe);
        if (access(test, R_OK) == 0)
            return buf;
    }
    snprintf(buf, len, "%s/%s", KIOSK_DATADIR, name);
    return buf;
}

const char *runtime_assets_dir(char *buf, size_t len)
{
    return data_path("assets", ".", buf, len);
}

static int load_config(struct runtime *rt, const char *path, char *err, size_t errlen)
{
    const char *installed = KIOSK_SYSCONFDIR "/kiosk/kiosk.conf";

    config_defaults(&rt->cfg);
    if (!path && access(installed, F_OK) == 0)
        path = installed;
    return path ? config_load(&rt->cfg, path, err, errlen) : 0;
}

/* Without content the kiosk is out of order, and says so in the clinic's words as far as its
 * wording file can still be read, else in the default content's. */
static void out_of_order_words(struct runtime *rt)
{
    char dir[CONFIG_PATH_MAX], path[CONFIG_PATH_MAX + 32];

    snprintf(path, sizeof path, "%s/" CONTENT_WORDING_FILE, rt->content_dir);
    wording_load(&rt->out_of_order[0], path, CONTENT_LANGUAGE, NULL, NULL, 0);
    data_path("content", CONTENT_WORDING_FILE, dir, sizeof dir);
    snprintf(path, sizeof path, "%s/" CONTENT_WORDING_FILE, dir);
    wording_load(&rt->out_of_order[1], path, CONTENT_LANGUAGE, NULL, NULL, 0);
    rt->out_of_order[0].fallback = &rt->out_of_order[1];
    rt->app->words = &rt->out_of_order[0];
}

/* The queue is not needed to show information: without it the app runs and a submit fails
 * plainly, and the reason is logged and kept for the staff screen. */
static void open_queue(struct runtime *rt, const struct runtime_options *o)
{
    struct queue_options qo = { .create = 1, .recover_damaged = 1, .fault_injection = o->fault_injection };
    struct app *a = rt->app;

    a->queue = queue_open(rt->db_path, &qo, a->queue_error, sizeof a->queue_error);
    if (!a->queue)
        fprintf(stderr, "kiosk: %s\n", a->queue_error);
}

int runtime_open(struct runtime *rt, const struct runtime_options *o, uint64_t now, char *err, size_t errlen)
{
    struct platform_options po = { 0 };
    char assets[600], reason[512] = "";
    int loaded;

    memset(rt, 0, sizeof *rt);
    /* Text textures come and go in every size: blocks of 64 KiB and more are mapped apart and
     * unmapped when freed, rather than left to fragment the heap (glibc would otherwise raise
     * this threshold as they are freed). */
    mallopt(M_MMAP_THRESHOLD, 64 * 1024);
    if (load_config(rt, o->config_path, err, errlen) != 0)
        return -1;
    if (o->content_dir)
        snprintf(rt->content_dir, sizeof rt->content_dir, "%s", o->content_dir);
    else if (rt->cfg.content_dir[0])
        snprintf(rt->content_dir, sizeof rt->content_dir, "%s", rt->cfg.content_dir);
    else
        data_path("content", "clinic.txt", rt->content_dir, sizeof rt->content_dir);
    snprintf(rt->db_path, sizeof rt->db_path, "%s", o->db_path ? o->db_path : rt->cfg.db_path);

    loaded = content_load(rt->content_dir, &rt->content, reason, sizeof reason) == 0;
    if (!loaded)
        fprintf(stderr, "kiosk: %s\n", reason);

    po.headless = o->headless;
    po.width = o->width;
    po.height = o->height;
    po.rotation = rt->cfg.rotation;
    po.assets_dir = runtime_assets_dir(assets, sizeof assets);
    if (platform_open(&rt->platform, &po, err, errlen) != 0)
        goto fail;
    rt->app = calloc(1, sizeof *rt->app);
    if (!rt->app) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    app_init(rt->app, loaded ? &rt->content : NULL, reason, &rt->cfg, platform_measurer(rt->platform),
             o->trace ? stdout : NULL, now);
    rt->app->content_dir = rt->content_dir;
    if (!loaded)
        out_of_order_words(rt);
    if (loaded && rt->app->content) {
        languages_open(&rt->langs, rt->content_dir, &rt->content, rt->cfg.languages, stderr);
        app_set_languages(rt->app, &rt->langs);
    }
    rt->app->wall_offset = (int64_t)time(NULL) * 1000 - (int64_t)now;
    open_queue(rt, o);
    export_remove_stale_at_start(rt->cfg.export_dir);  /* what an export killed half way left */
    return 0;
fail:
    runtime_close(rt);
    return -1;
}

void runtime_close(struct runtime *rt)
{
    if (rt->app) {
        app_forget_client(rt->app);
        queue_close(rt->app->queue);
        free(rt->app);
    }
    rt->app = NULL;
    platform_close(rt->platform);
    rt->platform = NULL;
    languages_close(&rt->langs);
    content_free(&rt->content);
    wording_free(&rt->out_of_order[0]);
    wording_free(&rt->out_of_order[1]);
}

void runtime_pump(struct runtime *rt, uint64_t now)
{
    struct input_event ev;

    while (platform_next_event(rt->platform, 0, &ev))
        app_event(rt->app, &ev, now);
}

void runtime_update(struct runtime *rt, uint64_t now)
{
    struct app *a = rt->app;
    int w, h, forgot;

    app_tick(a, now);
    platform_size(rt->platform, &w, &h);
    forgot = a->forget_text;
    if (forgot) {
        platform_forget_text(rt->platform);
        malloc_trim(0);     /* a visit's freed memory goes back to the system, not kept for the next */
        a->forget_text = 0;
    }
    if (a->dirty) {
        app_draw(a, w, h);
        if (!rt->skip_pixels) {
            struct timespec ts;
            platform_render(rt->platform, &a->frame);
            clock_gettime(CLOCK_MONOTONIC, &ts);
            rt->presented_ms = (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
            rt->presented_cpu_ms = (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
            rt->frames++;
        }
    }
    if ((forgot || a->prepare_text) && a->content && !rt->skip_pixels) {
        /* Once the screen is up, the text of the first screen (the menu, or home) and of the
         * treatment's page is made ready again (after a client, or in the language just picked),
         * so that the next client's first taps do not wait for it; then the frame shown is built
         * again, for whoever reads its controls. */
        a->prepare_text = 0;
        platform_prepare_text(rt->platform, app_preview(a, a->content->ntreatments > 1 ? SCREEN_TREATMENTS : SCREEN_HOME,
                                                         w, h));
        platform_prepare_text(rt->platform, app_preview(a, SCREEN_INFO, w, h));
        app_draw(a, w, h);
    }
}

int runtime_loop(struct runtime *rt)
{
    struct app *a = rt->app;
    uint64_t watchdog_usec = 0, next_ping = 0;
    struct input_event ev;

    if (sd_watchdog_enabled(0, &watchdog_usec) <= 0)
        watchdog_usec = 0;
    runtime_update(rt, platform_now_ms());
    sd_notify(0, "READY=1");     /* the first screen is up */
    while (!a->quit) {
        uint64_t now = platform_now_ms(), deadline;
        int timeout;

        runtime_update(rt, now);
        if (watchdog_usec && now >= next_ping) {
            sd_notify(0, "WATCHDOG=1");
            next_ping = now + watchdog_usec / 2000;
        }
        deadline = app_next_deadline(a);
        if (watchdog_usec && next_ping < deadline)
            deadline = next_ping;
        timeout = deadline == UINT64_MAX ? -1 : deadline <= now ? 0
                : deadline - now > 3600000 ? 3600000 : (int)(deadline - now);
        if (platform_next_event(rt->platform, timeout, &ev)) {
            app_event(a, &ev, platform_now_ms());
            runtime_pump(rt, platform_now_ms());
        }
    }
    sd_notify(0, "STOPPING=1");
    return a->exit_code;
}
