/* inproc: start-up, tap and drag figures measured inside this process on a headless kiosk.
 * Input goes in through the platform as the replay driver's does; time is virtual, timing is real. */
#include "sections.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "keyboard.h"
#include "runtime.h"

#define START_RUNS      20
#define LAPS            30      /* full walks over every screen, at each size */
#define TAP_MS          80      /* how long a finger rests on the glass */
#define GAP_MS          300     /* between taps */
#define KINDS           (SCREEN_COUNT + 1)      /* every screen, and the form with its keyboard up */
#define KIND_KEYBOARD   SCREEN_COUNT
#define KIND_SAMPLES    4096
#define DRAG_STROKES    20
#define DRAG_MOVES      24      /* pointer moves in one stroke */
#define DRAG_MOVE_MS    16      /* a touchscreen reports about every 16 ms */
#define TAP_P99_MS      4.0     /* at 1280x800 and at 1920x1080 */
#define DRAG_P99_MS     6.0     /* at 1920x1080 */
#define SHOTS           20
#define SHOT_P99_MS     15.0    /* a 1280x800 screenshot */

/* A headless kiosk on a virtual clock, with the time each input event took to reach a frame. */
struct rig {
    struct runtime rt;
    uint64_t now;
    struct samples *kinds;      /* [KINDS] when taps are timed, else NULL */
    struct samples *kinds_cpu;  /* [KINDS]: the CPU time of the same taps */
    struct samples *moves;      /* when drag moves are timed, else NULL */
    struct samples *moves_cpu;
    struct samples *sends;      /* when set: "Send request" to the thanks frame (after the commit) */
    struct samples *sends_cpu;
    const char *language;       /* the language each walk is made in; NULL: the default */
    double first_ms;            /* when the first frame was shown (CLOCK_MONOTONIC, ms) */
    char err[512];
};

/* One step of a walk over the screens. */
enum step_op {
    STEP_TAP,           /* tap the control labelled arg ("@doctor", "@section": named by the content) */
    STEP_TAP_WHILE,     /* tap it again and again while the screen stays the same */
    STEP_TYPE,          /* type arg on the on-screen keyboard */
    STEP_SCROLL,        /* drag the page up by half the screen (not timed) */
    STEP_IDLE,          /* let the idle timeout run out */
    STEP_EXPECT,        /* the screen must now be arg */
    STEP_LANGUAGE       /* on attract, tap the rig's language in the picker (none: the default) */
};

struct step {
    enum step_op op;
    const char *arg;
};

/* One client's whole visit, over every screen a tap can reach; it ends where it began. A label
 * "=NAME" is the message NAME of the wording in the language shown, so that one walk serves every
 * language; STEP_LANGUAGE picks the rig's language on attract (nothing for the default). */
static const struct step lap[] = {
    { STEP_EXPECT, "attract" },   { STEP_LANGUAGE, NULL },            { STEP_TAP, "=attract.start" },
    { STEP_EXPECT, "home" },
    { STEP_TAP, "=button.about" }, { STEP_EXPECT, "info" },           { STEP_TAP, "@section" },
    { STEP_TAP, "=button.back" }, { STEP_EXPECT, "home" },
    { STEP_TAP, "@doctor" },      { STEP_EXPECT, "doctor" },          { STEP_TAP, "=button.back" },
    { STEP_EXPECT, "home" },      { STEP_IDLE, NULL },                { STEP_EXPECT, "idle-warning" },
    { STEP_TAP, "=idle.continue" }, { STEP_EXPECT, "home" },
    { STEP_TAP, "=button.screening" }, { STEP_EXPECT, "screening" },  { STEP_TAP_WHILE, "=answer.no" },
    { STEP_EXPECT, "result" },    { STEP_TAP, "=button.request" },    { STEP_EXPECT, "form" },
    { STEP_TAP, "=form.name" },   { STEP_TYPE, "Test Person" },       { STEP_TAP, "=key.next" },
    { STEP_TYPE, "07700 900000" }, { STEP_TAP, "=key.done" },
    { STEP_TAP, "=time.afternoon" }, { STEP_TAP, "=form.consent" },
    { STEP_SCROLL, NULL },        { STEP_TAP, "=form.privacy" },      { STEP_EXPECT, "privacy" },
    { STEP_TAP, "=button.back" }, { STEP_EXPECT, "form" },
    { STEP_TAP, "=button.review" }, { STEP_EXPECT, "review" },
    { STEP_TAP, "=button.send" }, { STEP_EXPECT, "thanks" },
    { STEP_TAP, "=thanks.done" }, { STEP_EXPECT, "attract" },
};

/* With several treatments, the visit starts on the menu and chooses the first; then as lap[]. */
static const struct step menu_start[] = {
    { STEP_EXPECT, "attract" },   { STEP_TAP, "Touch to start" },     { STEP_EXPECT, "treatments" },
    { STEP_TAP, "@first" },       { STEP_EXPECT, "home" },
};
#define LAP_AFTER_HOME 3        /* lap[] from its first step on home */

static int failf(struct rig *g, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(g->err, sizeof g->err, fmt, ap);
    va_end(ap);
    return -1;
}

static int rig_open(struct rig *g, const struct bench_env *e, const char *db_name, int w, int h)
{
    struct runtime_options o = { .content_dir = e->content, .config_path = e->config,
                                 .width = w, .height = h, .headless = 1 };
    char db[BENCH_PATH_MAX + 32];

    memset(g, 0, sizeof *g);
    snprintf(db, sizeof db, "%s/%s", e->tmp, db_name);
    o.db_path = db;
    g->now = 1000000;
    if (runtime_open(&g->rt, &o, g->now, g->err, sizeof g->err) != 0)
        return -1;
    if (!g->rt.app->content || !g->rt.app->queue) {
        failf(g, "the kiosk opened without %s", g->rt.app->content ? "its database" : "content");
        runtime_close(&g->rt);
        return -1;
    }
    runtime_update(&g->rt, g->now);
    g->first_ms = g->rt.presented_ms;
    /* and what the live loop does once the first frame is up, before the first touch */
    while (runtime_idle(&g->rt))
        ;
    return 0;
}

/* Moves the virtual clock on by ms, firing each timer at its own time. */
static void advance(struct rig *g, uint64_t ms)
{
    uint64_t target = g->now + ms;

    runtime_update(&g->rt, g->now);
    while (g->now < target) {
        uint64_t next = app_next_deadline(g->rt.app);
        g->now = next <= g->now ? g->now + 1 : next < target ? next : target;
        runtime_update(&g->rt, g->now);
    }
}

/* The form with its keyboard up is measured apart from the bare form. */
static int kind_now(const struct app *a)
{
    return a->screen == SCREEN_FORM && a->focus >= 0 ? KIND_KEYBOARD : (int)a->screen;
}

static const char *kind_name(int kind)
{
    return kind == KIND_KEYBOARD ? "form with keyboard" : app_screen_name((enum screen)kind);
}

/* One event from the glass: queued as a touchscreen's, then handed to the app and drawn. Gives the
 * ms to the frame presented, by the clock and in CPU time (work the runtime does after presenting,
 * such as making text ready for the next visit, is not part of the response). The frame is the
 * first one presented after the event: for "Send request", the one showing it being sent. */
static void event_to_frame(struct rig *g, enum input_kind kind, int x, int y, double *ms, double *cpu)
{
    unsigned long frames = g->rt.frames;
    double t0, c0;

    platform_inject_pointer(g->rt.platform, kind, x, y, 1);
    t0 = report_now_ms();
    c0 = report_cpu_ms();
    runtime_pump(&g->rt, g->now);
    runtime_update(&g->rt, g->now);
    *ms = (g->rt.frames != frames ? g->rt.presented_ms : report_now_ms()) - t0;
    *cpu = (g->rt.frames != frames ? g->rt.presented_cpu_ms : report_cpu_ms()) - c0;
    if (g->sends && app_send_due(g->rt.app)) {
        /* What the client waits for to see the reference: from the same tap, through the commit
         * (the next update, as the live loop runs it at once), to the thanks frame presented. */
        frames = g->rt.frames;
        runtime_update(&g->rt, g->now);
        if (g->rt.frames != frames) {
            samples_add(g->sends, g->rt.presented_ms - t0);
            samples_add(g->sends_cpu, g->rt.presented_cpu_ms - c0);
        }
    }
}

static void tap_at(struct rig *g, int x, int y)
{
    int kind = kind_now(g->rt.app);
    double down, down_cpu, up, up_cpu;

    event_to_frame(g, INPUT_POINTER_DOWN, x, y, &down, &down_cpu);
    advance(g, TAP_MS);
    event_to_frame(g, INPUT_POINTER_UP, x, y, &up, &up_cpu);
    if (g->kinds) {
        samples_add(&g->kinds[kind], down);
        samples_add(&g->kinds[kind], up);
    }
    if (g->kinds_cpu) {
        samples_add(&g->kinds_cpu[kind], down_cpu);
        samples_add(&g->kinds_cpu[kind], up_cpu);
    }
    advance(g, GAP_MS);
}

/* Resolves the labels the content decides. */
static const char *label_of(struct rig *g, const char *arg, char *buf, size_t len)
{
    const struct content_treatment *t = app_treatment(g->rt.app);

    if (strcmp(arg, "@first") == 0)
        snprintf(buf, len, "%s", g->rt.app->content->treatments[0].name);
    else if (strcmp(arg, "@doctor") == 0)
        wording_format(g->rt.app->words, MSG_HOME_DOCTOR, buf, len,
                       (const struct wording_arg[]){ WORDING_TEXT("doctor", g->rt.app->content->clinic.doctor_name) }, 1);
    else if (arg[0] == '=' && wording_find(arg + 1) != MSG_NONE)
        snprintf(buf, len, "%s", wording_text(g->rt.app->words, wording_find(arg + 1)));
    else if (strcmp(arg, "@section") == 0)
        snprintf(buf, len, "%s", t->sections[t->nsections - 1].title);
    else
        snprintf(buf, len, "%s", arg);
    return buf;
}

static int tap(struct rig *g, const char *arg)
{
    const struct frame *f = &g->rt.app->frame;
    char label[256];
    int i;

    runtime_update(&g->rt, g->now);
    i = frame_find_widget(f, label_of(g, arg, label, sizeof label));
    if (i < 0)
        return failf(g, "found %s control \"%s\" on %s", i == -2 ? "more than one" : "no", label,
                     app_screen_name(g->rt.app->screen));
    tap_at(g, f->widgets[i].r.x + f->widgets[i].r.w / 2, f->widgets[i].r.y + f->widgets[i].r.h / 2);
    return 0;
}

static int tap_while(struct rig *g, const char *arg)
{
    enum screen s = g->rt.app->screen;

    for (int n = 0; n < 64 && g->rt.app->screen == s; n++)
        if (tap(g, arg) != 0)
            return -1;
    return g->rt.app->screen == s ? failf(g, "64 taps on \"%s\" never left %s", arg, app_screen_name(s)) : 0;
}

/* Types s by tapping the keys a person would, as the replay driver's `type` does. */
static int type(struct rig *g, const char *s)
{
    struct keyboard_step steps[256];
    struct app *a = g->rt.app;
    char err[256];
    int n;

    if (a->screen != SCREEN_FORM || a->focus < 0)
        return failf(g, "cannot type \"%s\": no field in focus on %s", s, app_screen_name(a->screen));
    n = keyboard_plan_in(a->kb.set, a->kb.kind, s, steps, (int)(sizeof steps / sizeof steps[0]), err, sizeof err);
    if (n < 0)
        return failf(g, "cannot type \"%s\": %s", s, err);
    for (int i = 0; i < n; i++)
        if (tap(g, keyboard_key_label(&keyboard_layout_in(a->kb.set, steps[i].kind)->keys[steps[i].key], a->words)) != 0)
            return -1;
    return 0;
}

/* A finger's stroke from (x, y0) to (x, y1) in DRAG_MOVES moves, each timed when moves is set. */
static void stroke(struct rig *g, int x, int y0, int y1)
{
    double ms, cpu;

    event_to_frame(g, INPUT_POINTER_DOWN, x, y0, &ms, &cpu);
    for (int i = 1; i <= DRAG_MOVES; i++) {
        advance(g, DRAG_MOVE_MS);
        event_to_frame(g, INPUT_POINTER_MOVE, x, y0 + (y1 - y0) * i / DRAG_MOVES, &ms, &cpu);
        if (g->moves) {
            samples_add(g->moves, ms);
            samples_add(g->moves_cpu, cpu);
        }
    }
    event_to_frame(g, INPUT_POINTER_UP, x, y1, &ms, &cpu);
    advance(g, GAP_MS);
}

static int run_step(struct rig *g, const struct step *s)
{
    int w, h;

    platform_size(g->rt.platform, &w, &h);
    switch (s->op) {
    case STEP_TAP:
        return tap(g, s->arg);
    case STEP_LANGUAGE: {
        const struct languages *L = app_languages(g->rt.app);
        int i = g->language && L ? languages_find(L, g->language) : -1;
        if (!g->language)
            return 0;
        if (i < 0)
            return failf(g, "the language %s is not offered", g->language);
        return tap(g, L->list[i].name);
    }
    case STEP_TAP_WHILE:
        return tap_while(g, s->arg);
    case STEP_TYPE:
        return type(g, s->arg);
    case STEP_SCROLL:
        stroke(g, w * 7 / 10, h * 3 / 4, h / 4);
        return 0;
    case STEP_IDLE:
        advance(g, (uint64_t)g->rt.cfg.idle_timeout_s * 1000);
        return 0;
    case STEP_EXPECT:
        runtime_update(&g->rt, g->now);
        if (strcmp(app_screen_name(g->rt.app->screen), s->arg) == 0)
            return 0;
        return failf(g, "expected screen %s, found %s", s->arg, app_screen_name(g->rt.app->screen));
    }
    return failf(g, "unknown step");
}

static int walk(struct rig *g)
{
    size_t from = 0;

    if (g->rt.app->content->ntreatments > 1) {
        for (size_t i = 0; i < sizeof menu_start / sizeof menu_start[0]; i++)
            if (run_step(g, &menu_start[i]) != 0)
                return -1;
        from = LAP_AFTER_HOME;
    }
    for (size_t i = from; i < sizeof lap / sizeof lap[0]; i++)
        if (run_step(g, &lap[i]) != 0)
            return -1;
    return 0;
}

void bench_start_in_process(const struct bench_env *e, struct report *r)
{
    const char *figure = "start in-process: open to first frame, 1280x800";
    struct samples ms = { 0 }, ready = { 0 };
    struct rig g;

    if (samples_init(&ms, START_RUNS) != 0 || samples_init(&ready, START_RUNS) != 0) {
        report_failed(r, figure, "out of memory");
        goto out;
    }
    for (int i = 0; i < START_RUNS; i++) {
        double t0 = report_now_ms();
        if (rig_open(&g, e, "start.db", 1280, 800) != 0) {
            report_failed(r, figure, "%s", g.err);
            goto out;
        }
        samples_add(&ms, g.first_ms - t0);
        samples_add(&ready, report_now_ms() - t0);
        if (g.rt.frames != 1)
            failf(&g, "expected one frame drawn, found %lu", g.rt.frames);
        runtime_close(&g.rt);
        if (g.err[0]) {
            report_failed(r, figure, "%s", g.err);
            goto out;
        }
    }
    report_info(r, figure, "%.1f ms median, %.1f p99 (n=%d)", samples_percentile(&ms, 50),
                samples_percentile(&ms, 99), ms.n);
    report_info(r, "start in-process: open to the first screens' text ready", "%.1f ms median, %.1f p99",
                samples_percentile(&ready, 50), samples_percentile(&ready, 99));
out:
    samples_free(&ms);
    samples_free(&ready);
}

static void report_taps(struct report *r, struct samples *kinds, struct samples *cpu, struct samples *all,
                        struct samples *all_cpu, struct samples *sends, struct samples *sends_cpu, int w, int h)
{
    char figure[96];

    for (int k = 0; k < KINDS; k++) {
        if (kinds[k].n == 0)
            continue;
        snprintf(figure, sizeof figure, "tap->frame p50/p99, %s, %dx%d", kind_name(k), w, h);
        report_p50_p99_cpu(r, figure, &kinds[k], &cpu[k], TAP_P99_MS);
    }
    /* The review's row above is "Send request" to the frame that answers it ("Sending..."); this
     * one goes on through the durable commit to the thanks frame (no target of its own). */
    snprintf(figure, sizeof figure, "Send request->thanks shown p50/p99, %dx%d", w, h);
    if (sends->n > 0)
        report_p50_p99_cpu(r, figure, sends, sends_cpu, 0);
    else
        report_failed(r, figure, "no thanks frame followed \"Send request\"");
    snprintf(figure, sizeof figure, "tap->frame p50/p99, all screens, %dx%d", w, h);
    report_p50_p99_cpu(r, figure, all, all_cpu, 0);
}

/* In a language other than the default: every screen's taps together against the target, and
 * the slowest screen's p99 for the reader. */
static void report_language_taps(struct report *r, const char *language, struct samples *kinds, struct samples *all,
                                 struct samples *all_cpu, int w, int h)
{
    char figure[96];
    double worst = 0;
    int worst_kind = 0;

    for (int k = 0; k < KINDS; k++)
        if (kinds[k].n > 0 && samples_percentile(&kinds[k], 99) > worst) {
            worst = samples_percentile(&kinds[k], 99);
            worst_kind = k;
        }
    snprintf(figure, sizeof figure, "tap->frame p50/p99, all screens, %dx%d, in %s", w, h, language);
    report_p50_p99_cpu(r, figure, all, all_cpu, TAP_P99_MS);
    snprintf(figure, sizeof figure, "tap->frame, slowest screen, %dx%d, in %s", w, h, language);
    report_info(r, figure, "%s, p99 %.2f ms", kind_name(worst_kind), worst);
}

/* Every screen's taps over LAPS walks at w x h, made in language (NULL: the default). */
static void response_at(const struct bench_env *e, struct report *r, int w, int h, const char *language)
{
    struct samples kinds[KINDS], cpu[KINDS], all, all_cpu, sends = { 0 }, sends_cpu = { 0 };
    char figure[96];
    struct rig g;
    int ok = 0;

    snprintf(figure, sizeof figure, "tap->frame, every screen, %dx%d%s%s", w, h, language ? ", in " : "",
             language ? language : "");
    memset(kinds, 0, sizeof kinds);
    memset(cpu, 0, sizeof cpu);
    memset(&all, 0, sizeof all);
    memset(&all_cpu, 0, sizeof all_cpu);
    if (rig_open(&g, e, "taps.db", w, h) != 0) {
        report_failed(r, figure, "%s", g.err);
        return;
    }
    g.language = language;
    for (int k = 0; k < KINDS; k++)
        ok += (samples_init(&kinds[k], KIND_SAMPLES) == 0) + (samples_init(&cpu[k], KIND_SAMPLES) == 0);
    if (ok < 2 * KINDS || samples_init(&all, KINDS * KIND_SAMPLES) != 0 ||
        samples_init(&all_cpu, KINDS * KIND_SAMPLES) != 0 || samples_init(&sends, 2 * LAPS) != 0 ||
        samples_init(&sends_cpu, 2 * LAPS) != 0) {
        report_failed(r, figure, "out of memory");
        goto out;
    }
    g.kinds = kinds;
    g.kinds_cpu = cpu;
    g.sends = &sends;
    g.sends_cpu = &sends_cpu;
    for (int i = 0; i < LAPS; i++)
        if (walk(&g) != 0) {
            report_failed(r, figure, "lap %d: %s", i + 1, g.err);
            goto out;
        }
    for (int k = 0; k < KINDS; k++)
        for (int i = 0; i < kinds[k].n; i++) {
            samples_add(&all, kinds[k].v[i]);
            samples_add(&all_cpu, cpu[k].v[i]);
        }
    if (language)
        report_language_taps(r, language, kinds, &all, &all_cpu, w, h);
    else
        report_taps(r, kinds, cpu, &all, &all_cpu, &sends, &sends_cpu, w, h);
out:
    for (int k = 0; k < KINDS; k++) {
        samples_free(&kinds[k]);
        samples_free(&cpu[k]);
    }
    samples_free(&all);
    samples_free(&all_cpu);
    samples_free(&sends);
    samples_free(&sends_cpu);
    runtime_close(&g.rt);
}

void bench_response_with(const struct bench_env *e, struct report *r, const char *prefix, double limit_ms)
{
    struct samples kinds[KINDS], cpu[KINDS], all, all_cpu;
    char figure[128];
    struct rig g;
    int ok = 0, worst = -1, textures;
    size_t bytes;
    unsigned long loaded, made;
    long helper_kib;

    snprintf(figure, sizeof figure, "%stap->frame p50/p99, every screen, 1280x800", prefix);
    memset(kinds, 0, sizeof kinds);
    memset(cpu, 0, sizeof cpu);
    memset(&all, 0, sizeof all);
    memset(&all_cpu, 0, sizeof all_cpu);
    if (rig_open(&g, e, "taps-with.db", 1280, 800) != 0) {
        report_failed(r, figure, "%s", g.err);
        return;
    }
    for (int k = 0; k < KINDS; k++)
        ok += (samples_init(&kinds[k], KIND_SAMPLES) == 0) + (samples_init(&cpu[k], KIND_SAMPLES) == 0);
    if (ok < 2 * KINDS || samples_init(&all, KINDS * KIND_SAMPLES) != 0 ||
        samples_init(&all_cpu, KINDS * KIND_SAMPLES) != 0) {
        report_failed(r, figure, "out of memory");
        goto out;
    }
    /* As on a kiosk that has been up a minute: the copies its screens ask for are made. */
    runtime_pictures_settle(&g.rt, g.now);
    g.kinds = kinds;
    g.kinds_cpu = cpu;
    for (int i = 0; i < LAPS; i++) {
        if (walk(&g) != 0) {
            report_failed(r, figure, "lap %d: %s", i + 1, g.err);
            goto out;
        }
        if (i == 0)
            runtime_pictures_settle(&g.rt, g.now);  /* what the first visit asked for */
    }
    for (int k = 0; k < KINDS; k++) {
        for (int i = 0; i < kinds[k].n; i++) {
            samples_add(&all, kinds[k].v[i]);
            samples_add(&all_cpu, cpu[k].v[i]);
        }
        if (kinds[k].n && (worst < 0 || samples_percentile(&kinds[k], 99) > samples_percentile(&kinds[worst], 99)))
            worst = k;
    }
    if (worst >= 0) {
        snprintf(figure, sizeof figure, "%stap->frame p50/p99, slowest screen (%s), 1280x800", prefix,
                 kind_name(worst));
        report_p50_p99_cpu(r, figure, &kinds[worst], &cpu[worst], limit_ms);
    }
    if (worst != SCREEN_REVIEW && kinds[SCREEN_REVIEW].n) {
        /* "Send request" (to its "Sending..." frame), beside the response section's */
        snprintf(figure, sizeof figure, "%stap->frame p50/p99, review, 1280x800", prefix);
        report_p50_p99_cpu(r, figure, &kinds[SCREEN_REVIEW], &cpu[SCREEN_REVIEW], 0);
    }
    snprintf(figure, sizeof figure, "%stap->frame p50/p99, all screens, 1280x800", prefix);
    report_p50_p99_cpu(r, figure, &all, &all_cpu, 0);
    platform_picture_stats(g.rt.platform, &textures, &bytes, &loaded, &made, &helper_kib);
    snprintf(figure, sizeof figure, "%stextures after 30 visits; helper's peak", prefix);
    report_info(r, figure, "%d, %.1f MiB; %.1f MiB", textures, (double)bytes / 1048576.0, (double)helper_kib / 1024.0);
out:
    for (int k = 0; k < KINDS; k++) {
        samples_free(&kinds[k]);
        samples_free(&cpu[k]);
    }
    samples_free(&all);
    samples_free(&all_cpu);
    runtime_close(&g.rt);
}

void bench_response(const struct bench_env *e, struct report *r)
{
    /* The languages that ship (content/languages), each over the same walk as the default. */
    static const char *const languages[] = { "pl", "ar", "zh-Hans" };

    response_at(e, r, 1280, 800, NULL);
    response_at(e, r, 1920, 1080, NULL);
    for (size_t i = 0; i < sizeof languages / sizeof *languages; i++)
        response_at(e, r, 1280, 800, languages[i]);
}

void bench_drag(const struct bench_env *e, struct report *r)
{
    static const struct step to_info[] = {
        { STEP_TAP, "Touch to start" }, { STEP_TAP, "About the treatment" }, { STEP_EXPECT, "info" },
    };
    const char *figure = "drag frames on info p50/p99, 1920x1080";
    struct samples moves = { 0 }, moves_cpu = { 0 };
    int scrolled = 0;
    struct rig g;

    if (rig_open(&g, e, "drag.db", 1920, 1080) != 0) {
        report_failed(r, figure, "%s", g.err);
        return;
    }
    if (samples_init(&moves, DRAG_STROKES * DRAG_MOVES) != 0 ||
        samples_init(&moves_cpu, DRAG_STROKES * DRAG_MOVES) != 0) {
        report_failed(r, figure, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < sizeof to_info / sizeof to_info[0]; i++)
        if (run_step(&g, &to_info[i]) != 0) {
            report_failed(r, figure, "%s", g.err);
            goto out;
        }
    g.moves = &moves;
    g.moves_cpu = &moves_cpu;
    for (int i = 0; i < DRAG_STROKES; i++) {
        /* Up the page, then back down: every frame shows text that moved. */
        stroke(&g, 1920 * 6 / 10, i % 2 ? 1080 * 3 / 10 : 1080 * 3 / 4, i % 2 ? 1080 * 3 / 4 : 1080 * 3 / 10);
        scrolled += g.rt.app->scroll[SCREEN_INFO].offset != 0;
    }
    if (!scrolled) {
        report_failed(r, figure, "dragging never scrolled the info page");
        goto out;
    }
    report_p50_p99_cpu(r, figure, &moves, &moves_cpu, DRAG_P99_MS);
out:
    samples_free(&moves);
    samples_free(&moves_cpu);
    runtime_close(&g.rt);
}

/* A replay's `shot` of the info page at 1280x800: the frame's pixels to a PNG file. */
void bench_shot(const struct bench_env *e, struct report *r)
{
    static const struct step to_info[] = {
        { STEP_TAP, "Touch to start" }, { STEP_TAP, "About the treatment" }, { STEP_EXPECT, "info" },
    };
    const char *figure = "shot of a 1280x800 frame p50/p99";
    struct samples ms = { 0 }, cpu = { 0 };
    char path[BENCH_PATH_MAX + 16];
    struct rig g;

    if (rig_open(&g, e, "shot.db", 1280, 800) != 0) {
        report_failed(r, figure, "%s", g.err);
        return;
    }
    if (samples_init(&ms, SHOTS) != 0 || samples_init(&cpu, SHOTS) != 0) {
        report_failed(r, figure, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < sizeof to_info / sizeof to_info[0]; i++)
        if (run_step(&g, &to_info[i]) != 0) {
            report_failed(r, figure, "%s", g.err);
            goto out;
        }
    snprintf(path, sizeof path, "%s/shot.png", e->tmp);
    for (int i = 0; i < SHOTS; i++) {
        double t0 = report_now_ms(), c0 = report_cpu_ms();
        if (platform_save_png(g.rt.platform, path, g.err, sizeof g.err) != 0) {
            report_failed(r, figure, "%s", g.err);
            goto out;
        }
        samples_add(&ms, report_now_ms() - t0);
        samples_add(&cpu, report_cpu_ms() - c0);
    }
    report_p50_p99_cpu(r, figure, &ms, &cpu, SHOT_P99_MS);
out:
    samples_free(&ms);
    samples_free(&cpu);
    runtime_close(&g.rt);
}
