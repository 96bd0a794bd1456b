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
#include "fonts.h"

#ifndef KIOSK_DATADIR
#define KIOSK_DATADIR "/usr/local/share/kiosk"
#endif
#ifndef KIOSK_SYSCONFDIR
#define KIOSK_SYSCONFDIR "/etc"
#endif
#ifndef KIOSK_LIBEXECDIR
#define KIOSK_LIBEXECDIR "/usr/local/libexec/kiosk"
#endif
#define PICTURE_HELPER "kiosk-picture"

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

/* The picture helper: beside the binary in a checkout (build/, or build/tests/ for test programs),
 * in an installed tree wherever it was put (bin/../libexec/kiosk), else where it was built to go. */
static const char *picture_helper(char *buf, size_t len)
{
    static const char *const beside[] = { "%s/" PICTURE_HELPER, "%s/../" PICTURE_HELPER,
                                          "%s/../libexec/kiosk/" PICTURE_HELPER };
    char dir[512];

    exe_dir(dir, sizeof dir);
    for (size_t i = 0; dir[0] && i < sizeof beside / sizeof beside[0]; i++) {
        snprintf(buf, len, beside[i], dir);
        if (access(buf, X_OK) == 0)
            return buf;
    }
    snprintf(buf, len, "%s/%s", KIOSK_LIBEXECDIR, PICTURE_HELPER);
    return buf;
}

/* Where scaled copies of pictures go: $XDG_CACHE_HOME/kiosk-pictures (the service sets it to
 * /var/cache/kiosk), else ~/.cache/kiosk-pictures, else "" (a temporary directory). */
static void picture_cache_dir(char *buf, size_t len)
{
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");

    if (xdg && xdg[0] == '/')
        snprintf(buf, len, "%s/kiosk-pictures", xdg);
    else if (home && home[0] == '/')
        snprintf(buf, len, "%s/.cache/kiosk-pictures", home);
    else
        buf[0] = '\0';
}

/* "Check content" decodes each picture in the helper, never in the kiosk itself. */
static int decode_picture(void *ctx, const char *path, char *why, size_t whylen)
{
    struct runtime *rt = ctx;

    return platform_picture_check(rt->platform, path, why, whylen);
}

/* Every picture file the content names, so that the cache keeps theirs and drops the rest. */
static void keep_pictures(struct runtime *rt)
{
    const char *paths[2 + CONTENT_MAX_TREATMENTS * (1 + CONTENT_MAX_PICTURES) + 2 * CONTENT_MAX_PICTURES];
    const struct content *c = &rt->content;
    int n = 0;

    if (c->clinic.logo.path)
        paths[n++] = c->clinic.logo.path;
    if (c->clinic.photo.path)
        paths[n++] = c->clinic.photo.path;
    for (int k = 0; k < 2; k++) {
        const struct content_section *s = k ? &c->clinic.privacy : &c->clinic.doctor;
        for (int b = 0; b < s->nblocks; b++)
            if (s->blocks[b].picture && s->blocks[b].picture->path && n < (int)(sizeof paths / sizeof *paths))
                paths[n++] = s->blocks[b].picture->path;
    }
    for (int i = 0; i < c->ntreatments; i++) {
        const struct content_treatment *t = &c->treatments[i];
        if (t->picture.path && n < (int)(sizeof paths / sizeof *paths))
            paths[n++] = t->picture.path;
        for (int s = 0; s < t->nsections; s++)
            for (int b = 0; b < t->sections[s].nblocks; b++)
                if (t->sections[s].blocks[b].picture && t->sections[s].blocks[b].picture->path &&
                    n < (int)(sizeof paths / sizeof *paths))
                    paths[n++] = t->sections[s].blocks[b].picture->path;
    }
    platform_pictures_keep(rt->platform, paths, n);
}

/* ------------------------------------------------------------------ Read aloud's wiring */

/* The synthesiser and its sound out, started on first need. Returns 0, or -1 (said in the log once). */
static int speech_engine(struct runtime *rt)
{
    struct tts_sink sink = { .play = platform_audio_play, .drop = platform_audio_drop, .settle = platform_audio_settle };
    char err[256];

    if (rt->tts)
        return 0;
    if (!rt->audio && platform_audio_open(&rt->audio, TTS_SAMPLE_RATE, err, sizeof err) != 0) {
        fprintf(stderr, "kiosk: %s\n", err);
        return -1;
    }
    platform_audio_volume(rt->audio, rt->app->speech.volume);
    sink.ctx = rt->audio;
    if (tts_open(&rt->tts, &sink, NULL, err, sizeof err) != 0) {
        fprintf(stderr, "kiosk: %s\n", err);
        return -1;
    }
    return 0;
}

static void speech_say_out(void *ctx, const char *language, const char *text, int wpm, int spelled)
{
    struct runtime *rt = ctx;
    char voice[TTS_VOICE_MAX];

    if (speech_engine(rt) == 0 &&
        tts_say(rt->tts, tts_voice_for(language, voice, sizeof voice), text, wpm, spelled) != 0)
        fprintf(stderr, "kiosk: Read aloud fell behind: an utterance was dropped\n");
}

/* Two falling notes: the idle warning is heard, not only seen. */
static void speech_tone_out(void *ctx)
{
    struct runtime *rt = ctx;

    if (speech_engine(rt) == 0) {
        tts_tone(rt->tts, 880, 180);
        tts_tone(rt->tts, 660, 260);
    }
}

static void speech_stop_out(void *ctx)
{
    struct runtime *rt = ctx;

    if (rt->tts)
        tts_stop(rt->tts);
}

static void speech_volume_out(void *ctx, int percent)
{
    struct runtime *rt = ctx;

    if (rt->audio)
        platform_audio_volume(rt->audio, percent);
}

/* Read aloud ended (the visit did, or the client turned it off). With headphones the synthesiser may
 * have spoken a client's details: it goes over other words, silently, so that none stay in its
 * buffers. The voice of the default language, which every visit starts in, replaces the client's,
 * whose dictionary would stay until Read aloud is next used (Mandarin's is 1.6 MiB). */
static void speech_rest_out(void *ctx)
{
    struct runtime *rt = ctx;
    const struct app *a = rt->app;
    char voice[TTS_VOICE_MAX];

    if (!rt->tts)
        return;
    tts_stop(rt->tts);
    if (rt->cfg.speech_headphones)
        tts_scrub(rt->tts);
    tts_voice(rt->tts, tts_voice_for(a->langs ? a->langs->list[a->langs->def_index].code
                                     : a->content ? a->content->language : "en", voice, sizeof voice));
    platform_audio_release(rt->audio);  /* nothing more to hear: no need to linger */
}

int runtime_speaking(struct runtime *rt)
{
    return rt->tts && (tts_busy(rt->tts) || platform_audio_playing(rt->audio));
}

/* ------------------------------------------------------------------ opening */

static int load_config(struct runtime *rt, const char *path, char *err, size_t errlen)
{
    const char *installed = KIOSK_SYSCONFDIR "/kiosk/kiosk.conf";

    config_defaults(&rt->cfg);
    if (!path && access(installed, F_OK) == 0)
        path = installed;
    return path ? config_load(&rt->cfg, path, err, errlen) : 0;
}

#define CHECK_EVERY_MS  (24ULL * 3600 * 1000)   /* the database's integrity check, after the first frame */
#define JOB_POLL_MS     100                     /* how often the loop looks at a job under way */

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

/* Opens the queue, moving a damaged file aside (and saying so). NULL with err when it cannot. */
static struct queue *connect_queue(struct runtime *rt, char *err, size_t errlen)
{
    const char *found, *copy;
    struct queue *q = queue_open(rt->db_path, &rt->queue_opt, err, errlen);

    if (q && (copy = queue_wal_kept_aside(q, &found)) != NULL)
        fprintf(stderr, "kiosk: the database '%s': %s; before SQLite dropped them, copies of the database and "
                "its log were kept as '%s' and '%s-wal' ('kioskctl recover %s' copies back what they hold)\n",
                rt->db_path, found, copy, copy, copy);
    return q;
}

/* Whether a request could be saved in the queue open (or why it could not be opened, in
 * a->queue_error), by writing when write is set: tells the app. */
static void judge_queue(struct runtime *rt, int write)
{
    struct app *a = rt->app;
    char why[256];

    rt->proved = a->queue && write;
    if (!a->queue)
        app_set_db_problem(a, a->queue_error);
    else if (queue_check_room(a->queue, why, sizeof why) != 0 ||
             (write && queue_check_writable(a->queue, why, sizeof why) != 0))
        app_set_db_problem(a, why);
    else
        app_set_db_problem(a, NULL);
}

/* Opens the queue (moving a damaged file aside) and makes sure a request could be saved in it:
 * at the start, as far as can be told without writing (a write and its syncs would hold up the
 * first frame, by tens of milliseconds on an SD card), and by writing once the first frame is up
 * (runtime_idle, rt->proved); when trying again, by writing. When any of it fails, clients see out-of-order
 * until a later try works (runtime_update): they must never fill in a form that cannot be saved.
 * The reason is logged and kept for staff. */
static void open_queue(struct runtime *rt, int write)
{
    struct app *a = rt->app;

    a->queue_error[0] = '\0';
    if (!a->queue)
        a->queue = connect_queue(rt, a->queue_error, sizeof a->queue_error);
    judge_queue(rt, write);
}

/* What a job of the worker came to. */
static void job_done(struct runtime *rt, const struct queue_job_result *r, uint64_t now)
{
    struct app *a = rt->app;
    char err[256];

    if (r->job == QUEUE_JOB_CHECK && r->status == 0 && a->queue &&
        queue_record_check(a->queue, r->text, err, sizeof err) != 0)
        fprintf(stderr, "kiosk: %s\n", err);
    if (r->job == QUEUE_JOB_CHECK && r->status < 0) {
        fprintf(stderr, "kiosk: cannot check the database: %s (trying again in an hour)\n", r->text);
        rt->next_check = now + 3600 * 1000;
    }
    if (r->job == QUEUE_JOB_CHECK && r->status > 0) {
        fprintf(stderr, "kiosk: the database '%s' is damaged: %s; it is moved aside once no client is here\n",
                rt->db_path, r->text);
        rt->damaged = 1;
    }
    if (r->job == QUEUE_JOB_RECOVER) {
        a->queue = r->queue;
        if (a->queue)
            fprintf(stderr, "kiosk: a fresh database was started; the damaged one was kept aside\n");
        open_queue(rt, 1);
        rt->next_check = now;       /* and the fresh one is checked at once */
    }
}

/* The database's slow work, which a thread does: its integrity check after the first frame and
 * each day, and, when that finds damage, moving the file aside (with what can be read of it)
 * once no client is in the middle of a visit, with out-of-order meanwhile. */
static void database_jobs(struct runtime *rt, uint64_t now)
{
    struct app *a = rt->app;
    struct queue_job_result r;
    char err[256];

    if (queue_worker_poll(rt->worker, &r))
        job_done(rt, &r, now);
    if (queue_worker_job(rt->worker) != QUEUE_JOB_NONE)
        return;
    if (rt->damaged && a->queue && app_is_resting(a)) {
        struct queue_options o = rt->queue_opt;
        o.damaged = 1;
        queue_close(a->queue);      /* the worker owns the file until it is done */
        a->queue = NULL;
        app_set_db_problem(a, "the database is damaged: moving it aside");
        if (queue_worker_start(rt->worker, QUEUE_JOB_RECOVER, rt->db_path, &o, err, sizeof err) != 0) {
            fprintf(stderr, "kiosk: %s\n", err);
            open_queue(rt, 1);      /* as after a restart, which a damaged file meets too */
        }
        rt->damaged = 0;
        return;
    }
    if (a->db_problem[0] && a->db_retry_at && now >= a->db_retry_at) {
        open_queue(rt, 1);
        return;
    }
    if (a->queue && rt->frames > 0 && now >= rt->next_check) {
        rt->next_check = now + CHECK_EVERY_MS;
        if (queue_worker_start(rt->worker, QUEUE_JOB_CHECK, rt->db_path, NULL, err, sizeof err) != 0)
            fprintf(stderr, "kiosk: %s\n", err);
    }
}

int runtime_open(struct runtime *rt, const struct runtime_options *o, uint64_t now, char *err, size_t errlen)
{
    struct platform_options po = { 0 };
    struct fonts_loading *fonts;
    char assets[600], helper[600], reason[512] = "", queue_err[sizeof rt->app->queue_error] = "";
    struct queue *q = NULL;
    int loaded, offered;

    memset(rt, 0, sizeof *rt);
    /* Text textures come and go in every size: blocks of 64 KiB and more are mapped apart and
     * unmapped when freed, rather than left to fragment the heap (glibc would otherwise raise
     * this threshold as they are freed). */
    mallopt(M_MMAP_THRESHOLD, 64 * 1024);
    /* fontconfig's configuration takes the longest to load: it is found in a thread while the
     * config, the content, the languages, the database and SDL are opened here. */
    fonts = fonts_load_begin();
    if (load_config(rt, o->config_path, err, errlen) != 0) {
        fonts_load_cancel(fonts);
        return -1;
    }
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
    offered = loaded && rt->content.ntreatments > 0;    /* as app_init() takes it */
    if (offered)
        languages_open(&rt->langs, rt->content_dir, &rt->content, rt->cfg.languages, stderr);
    rt->queue_opt = (struct queue_options){ .create = 1, .recover_damaged = 1, .fault_injection = o->fault_injection };
    q = connect_queue(rt, queue_err, sizeof queue_err);

    po.headless = o->headless;
    po.width = o->width;
    po.height = o->height;
    po.rotation = rt->cfg.rotation;
    po.assets_dir = runtime_assets_dir(assets, sizeof assets);
    if (platform_open_loaded(&rt->platform, &po, fonts, err, errlen) != 0)
        goto fail;
    picture_cache_dir(rt->cache_dir, sizeof rt->cache_dir);
    platform_pictures_open(rt->platform, rt->cache_dir, picture_helper(helper, sizeof helper));
    if (loaded)
        keep_pictures(rt);
    rt->decoder = (struct content_decoder){ decode_picture, rt };
    rt->app = calloc(1, sizeof *rt->app);
    if (!rt->app) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    /* traced from the screen it starts on, once the database has had its say (judge_queue) */
    app_init(rt->app, loaded ? &rt->content : NULL, reason, &rt->cfg, platform_measurer(rt->platform), NULL, now);
    rt->app->content_dir = rt->content_dir;
    rt->app->picture_decoder = &rt->decoder;
    rt->app->speech.out = (struct speech_out){ rt, speech_say_out, speech_tone_out, speech_stop_out,
                                               speech_volume_out, speech_rest_out };
    if (!loaded)
        out_of_order_words(rt);
    if (offered)
        app_set_languages(rt->app, &rt->langs);
    rt->app->wall_offset = (int64_t)time(NULL) * 1000 - (int64_t)now;
    rt->worker = queue_worker_new();
    if (!rt->worker) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    rt->app->queue = q;
    q = NULL;
    snprintf(rt->app->queue_error, sizeof rt->app->queue_error, "%s", queue_err);
    judge_queue(rt, 0);
    export_remove_stale_at_start(rt->cfg.export_dir);  /* what an export killed half way left */
    if (o->trace) {
        rt->app->trace = stdout;
        rt->app->speech.trace = stdout;
        printf("screen %s\n", app_screen_name(rt->app->screen));
        fflush(stdout);
    }
    return 0;
fail:
    queue_close(q);
    runtime_close(rt);
    return -1;
}

void runtime_close(struct runtime *rt)
{
    queue_worker_free(rt->worker);
    rt->worker = NULL;
    if (rt->app) {
        app_forget_client(rt->app);
        queue_close(rt->app->queue);
        free(rt->app);
    }
    rt->app = NULL;
    tts_close(rt->tts);             /* before the sound it plays into, */
    rt->tts = NULL;
    platform_audio_close(rt->audio);    /* and that before the platform */
    rt->audio = NULL;
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

/* Makes the text of screen s ready, as it is with no client: a page longer than the screen
 * screenful by screenful (only what is in view is drawn), from its top; and the pictures of its
 * first screenful when pictures is set. */
static void prepare_screen(struct runtime *rt, enum screen s, int w, int h, int pictures)
{
    struct app *a = rt->app;
    struct ui_scroll was = a->scroll[s];
    const struct frame *f;

    a->scroll[s] = (struct ui_scroll){ 0 };
    f = app_preview(a, s, w, h);
    platform_prepare_text(rt->platform, f);
    if (pictures)
        platform_prepare_pictures(rt->platform, f);
    for (int y = a->scroll[s].view_h, n = 0; a->scroll[s].view_h > 0 && y < a->scroll[s].content_h && n < 64;
         y += a->scroll[s].view_h, n++) {
        a->scroll[s].offset = y;
        platform_prepare_text(rt->platform, app_preview(a, s, w, h));
    }
    a->scroll[s] = was;
}

/* The screens whose text is made ready, as they are with no client, in this order. */
static const enum screen ready[] = {
    SCREEN_ATTRACT, SCREEN_TREATMENTS, SCREEN_HOME, SCREEN_INFO, SCREEN_DOCTOR, SCREEN_SCREENING,
    SCREEN_FORM, SCREEN_PRIVACY,
};
#define READY_SCREENS ((int)(sizeof ready / sizeof ready[0]))

/* Makes the text of the screens a visit starts with ready, as they are with no client, so that
 * the next client's first taps do not wait for it: after a client (keep: the platform's text cache
 * then keeps only that text, the client's details being gone, and the rest goes), at the start
 * (keep as well) or in the language just picked. The pictures of the first screen (the menu, or
 * home), of the treatment's page and of the doctor's page are made ready too. Then the frame shown
 * is built again, for whoever reads its controls. */
static void make_ready(struct runtime *rt, int keep, int w, int h)
{
    const struct content *c = rt->app->content;
    enum screen first = c->ntreatments > 1 ? SCREEN_TREATMENTS : SCREEN_HOME;

    if (keep)
        platform_keep_text_begin(rt->platform);
    for (int i = 0; i < READY_SCREENS; i++)
        if (ready[i] != SCREEN_TREATMENTS || c->ntreatments > 1)
            prepare_screen(rt, ready[i], w, h,
                           ready[i] == first || ready[i] == SCREEN_INFO || ready[i] == SCREEN_DOCTOR);
    if (keep) {
        platform_keep_text_end(rt->platform);
        malloc_trim(0);     /* a visit's freed memory goes back to the system, not kept for the next */
    }
    app_draw(rt->app, w, h);
}

void runtime_update(struct runtime *rt, uint64_t now)
{
    struct app *a = rt->app;
    int w, h, forgot, starting;

    if (app_send_due(a))
        app_send(a);    /* "Sending..." was drawn (and presented) by the last update: now the commit */
    app_tick(a, now);
    database_jobs(rt, now);
    platform_size(rt->platform, &w, &h);
    forgot = a->forget_text;
    a->forget_text = 0;
    if (forgot && (!a->content || rt->skip_pixels)) {
        platform_forget_text(rt->platform);
        malloc_trim(0);     /* a visit's freed memory goes back to the system, not kept for the next */
    }
    starting = rt->frames == 0;
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
        queue_settle(a->queue);     /* a request just thanked for moves from the -wal into the file */
    }
    if (a->renew_queue) {
        /* A visit ended: a new connection, so that SQLite's caches (freed through the zeroing
         * allocator) hold nothing of the client's row. After the frame that answered the tap:
         * closing the old one checkpoints and may wait for the disk. */
        a->renew_queue = 0;
        queue_forget(a->queue);
    }
    if (forgot && starting && rt->frames > 0 && !a->prepare_text && a->content) {
        /* The first frame: the text of the screens a visit starts with is made ready once it is
         * up, while no event waits (runtime_idle), not before the kiosk can answer a touch. */
        rt->ready_later = 1;
        return;
    }
    if ((forgot || a->prepare_text) && a->content && !rt->skip_pixels) {
        a->prepare_text = 0;
        rt->ready_later = 0;        /* the start's, if still to come, is done here */
        make_ready(rt, forgot, w, h);
    }
}

/* Whether the write that proves a request can be saved, which the start leaves for after its
 * first frame, is still to be made. */
static int proof_due(const struct runtime *rt)
{
    return rt->app->queue && !rt->proved && rt->frames > 0 && !rt->app->db_problem[0];
}

static int idle_left(const struct runtime *rt)
{
    return proof_due(rt) || rt->ready_later;
}

int runtime_idle(struct runtime *rt)
{
    struct app *a = rt->app;
    int w, h, dirty = a->dirty;

    if (proof_due(rt)) {
        open_queue(rt, 1);          /* first: a client must not begin a form that cannot be saved */
        return idle_left(rt);
    }
    if (!rt->ready_later)
        return 0;
    rt->ready_later = 0;
    if (!a->content || rt->skip_pixels)
        return 0;                   /* no text to make: the next visit's end makes it instead */
    platform_size(rt->platform, &w, &h);
    make_ready(rt, 1, w, h);        /* as at a visit's end: the start's cache holds no client's text */
    a->dirty = dirty;               /* a frame due is still drawn */
    return idle_left(rt);
}

void runtime_pictures_settle(struct runtime *rt, uint64_t now)
{
    if (!platform_pictures_pending(rt->platform))
        return;
    if (!platform_pictures_wait(rt->platform, 120000))
        fprintf(stderr, "kiosk: pictures still not made after 120 s\n");
    runtime_pump(rt, now);
    rt->app->dirty = 1;
    runtime_update(rt, now);
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
    if (!rt->tts) {
        char voice[TTS_VOICE_MAX];
        tts_prefetch(tts_voice_for(rt->app->words ? rt->app->words->language : "en", voice, sizeof voice));
    }
    while (!a->quit) {
        uint64_t now = platform_now_ms(), deadline;
        int timeout;

        runtime_update(rt, now);
        if (app_send_due(a))
            continue;   /* "Sending..." is on screen: the commit, and thanks, before any input */
        if (watchdog_usec && now >= next_ping) {
            sd_notify(0, "WATCHDOG=1");
            next_ping = now + watchdog_usec / 2000;
        }
        deadline = app_next_deadline(a);
        if (watchdog_usec && next_ping < deadline)
            deadline = next_ping;
        if (queue_worker_job(rt->worker) != QUEUE_JOB_NONE && now + JOB_POLL_MS < deadline)
            deadline = now + JOB_POLL_MS;
        if (rt->next_check && rt->next_check < deadline && !a->db_problem[0])
            deadline = rt->next_check;
        timeout = deadline == UINT64_MAX ? -1 : deadline <= now ? 0
                : deadline - now > 3600000 ? 3600000 : (int)(deadline - now);
        if (idle_left(rt))
            timeout = 0;            /* work is left for when no event waits */
        if (platform_next_event(rt->platform, timeout, &ev)) {
            app_event(a, &ev, platform_now_ms());
            runtime_pump(rt, platform_now_ms());
        } else {
            runtime_idle(rt);
        }
    }
    sd_notify(0, "STOPPING=1");
    return a->exit_code;
}
