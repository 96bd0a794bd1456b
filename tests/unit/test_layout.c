/* Layout of every screen at the five supported sizes, in normal and large text, with the repo's
 * content and with a menu of 30 treatments whose names run to 40 characters: every control on
 * screen, none overlapping another, none smaller than a finger, every name whole; no text off
 * screen, over other text, cut inside a word or crossing a control's edge. Then: controls that
 * stay put (the checklist's answers and bars on every question, the PIN pad when a message
 * appears, the bottom bars across screens), large text keeping every control reachable, and
 * right to left mirroring every screen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "config.h"
#include "content.h"
#include "harness.h"
#include "platform.h"

static const int sizes[][2] = { { 1024, 768 }, { 1280, 800 }, { 800, 1280 }, { 1920, 1080 }, { 2560, 1600 } };
#define NSIZES ((int)(sizeof sizes / sizeof sizes[0]))

static struct platform *plat;
static struct config cfg;
static struct app app;
static int problems;
static const char *which;       /* the content being laid out, for messages */

static void report(const char *what, const char *state, int w, int h, int large, const char *detail)
{
    if (problems++ < 40)
        fprintf(stderr, "  %s %dx%d %s%s: %s: %s\n", which, w, h, state, large ? " (large text)" : "", what,
                detail);
}

static int inside(struct rect in, struct rect out)
{
    return in.x >= out.x && in.y >= out.y && in.x + in.w <= out.x + out.w && in.y + in.h <= out.y + out.h;
}

static int visible(const struct frame *f, int i)
{
    return frame_widget_visible(f, i);
}

/* Everything a person could find wrong with one frame. */
static void check_frame(const struct frame *f, const char *state, int large, int over)
{
    struct rect screen = { 0, 0, f->w, f->h };
    int min = 64 * (f->w < f->h ? f->w : f->h) / 800 - 1;
    char msg[512];

    if (f->overflow)
        report("frame", state, f->w, f->h, large, "a frame limit was hit");
    for (int i = 0; i < f->nwidgets; i++) {
        const struct frame_widget *a = &f->widgets[i];
        for (int j = i + 1; j < f->nwidgets; j++)
            if (a->id == f->widgets[j].id) {
                snprintf(msg, sizeof msg, "\"%s\" and \"%s\"", a->label, f->widgets[j].label);
                report("two controls share an id", state, f->w, f->h, large, msg);
            }
        if (a->full.w < min || a->full.h < min) {
            snprintf(msg, sizeof msg, "\"%s\" is %dx%d, less than %d", a->label, a->full.w, a->full.h, min);
            report("control too small", state, f->w, f->h, large, msg);
        }
        if (!visible(f, i))
            continue;
        if (!inside(a->r, screen)) {
            snprintf(msg, sizeof msg, "\"%s\" at %d,%d %dx%d", a->label, a->r.x, a->r.y, a->r.w, a->r.h);
            report("control off screen", state, f->w, f->h, large, msg);
        }
        for (int j = i + 1; j < f->nwidgets; j++)
            if (visible(f, j) && rect_overlaps(a->r, f->widgets[j].r)) {
                snprintf(msg, sizeof msg, "\"%s\" and \"%s\"", a->label, f->widgets[j].label);
                report("controls overlap", state, f->w, f->h, large, msg);
            }
    }
    for (int i = 0; i < f->ntexts; i++) {
        const struct frame_text *t = &f->texts[i];
        if (t->flags & FRAME_TEXT_HIDDEN)
            continue;   /* scrolled out of view */
        if (!inside(t->r, screen)) {
            snprintf(msg, sizeof msg, "\"%.60s\" at %d,%d %dx%d", t->text, t->r.x, t->r.y, t->r.w, t->r.h);
            report("text off screen", state, f->w, f->h, large, msg);
        }
        if (t->cut) {
            snprintf(msg, sizeof msg, "\"%.60s\" has a word cut in two", t->text);
            report("text cut", state, f->w, f->h, large, msg);
        }
        if (over)
            continue; /* a dialog over the screen beneath: meant to lie over it */
        for (int k = 0; k < f->nwidgets; k++)
            if (visible(f, k) && rect_overlaps(t->r, f->widgets[k].r) && !inside(t->r, f->widgets[k].r) &&
                !inside(f->widgets[k].r, t->r) && f->widgets[k].r.w < f->w) {
                snprintf(msg, sizeof msg, "\"%.60s\" crosses the edge of \"%s\"", t->text, f->widgets[k].label);
                report("text clipped by a control", state, f->w, f->h, large, msg);
            }
        for (int j = i + 1; j < f->ntexts; j++)
            if (!(f->texts[j].flags & FRAME_TEXT_HIDDEN) && rect_overlaps(t->r, f->texts[j].r)) {
                snprintf(msg, sizeof msg, "\"%.40s\" and \"%.40s\"", t->text, f->texts[j].text);
                report("texts overlap", state, f->w, f->h, large, msg);
            }
    }
}

/* The app in a known state for screen s, as a client could leave it. */
static void set_up(enum screen s, int variant)
{
    const struct content_treatment *t = app_treatment(&app);

    app_forget_client(&app);
    app.screen = s;
    app.under = SCREEN_INFO;
    app.focus = -1;
    if (s == SCREEN_FORM && variant == 1) {
        app.show_errors = form_validate(&app.form, &app.errors) > 0;    /* every mistake shown */
    } else if (s == SCREEN_SCREENING || s == SCREEN_RESULT || s == SCREEN_REVIEW) {
        screening_start(&app.screening, t->nquestions);
        for (int q = 0; q < t->nquestions; q++)
            screening_answer(&app.screening, variant == 1 && q == 0 ? SCREENING_YES : SCREENING_NO);
        app.screening.current = s == SCREEN_SCREENING && t->nquestions ? variant % t->nquestions : 0;
    } else if (s == SCREEN_STAFF_PIN && variant == 1) {
        app.pin_note = MSG_PIN_WRONG;
    } else if (s == SCREEN_STAFF && variant == 1) {
        snprintf(app.staff_note, sizeof app.staff_note, "Exported 12 requests as batch 7: "
                 "requests-2026-01-01-120000-batch-7.csv and requests-2026-01-01-120000-batch-7.jsonl");
    }
}

/* Two passes (the first settles what scrolls), the second is checked. */
static const struct frame *draw(int w, int h)
{
    app_draw(&app, w, h);
    return app_draw(&app, w, h);
}

static void every_screen(int w, int h, int large)
{
    char state[64];

    for (int s = 0; s < SCREEN_COUNT; s++)
        for (int variant = 0; variant < 2; variant++) {
            set_up((enum screen)s, variant);
            app.large_text = large;
            snprintf(state, sizeof state, "%s%s", app_screen_name((enum screen)s), variant ? " (2)" : "");
            check_frame(draw(w, h), state, large, s == SCREEN_IDLE_WARNING);
        }
    /* The form with each page of the on-screen keyboard up. */
    for (int k = 0; k < KEYBOARD_KIND_COUNT; k++) {
        set_up(SCREEN_FORM, 0);
        app.large_text = large;
        app.focus = (int)keyboard_layout((enum keyboard_kind)k)->field;
        app.kb.kind = (enum keyboard_kind)k;
        snprintf(state, sizeof state, "form, %s keyboard", keyboard_layout((enum keyboard_kind)k)->name);
        check_frame(draw(w, h), state, large, 0);
    }
}

static int load(const char *dir, struct content *c)
{
    char err[512];

    which = dir;
    if (content_load(dir, c, err, sizeof err) != 0) {
        fprintf(stderr, "cannot load %s: %s\n", dir, err);
        return -1;
    }
    app_init(&app, c, NULL, &cfg, platform_measurer(plat), NULL, 1000);
    return 0;
}

static void every_screen_of(const char *dir)
{
    struct content c;
    char err[512];

    if (load(dir, &c) != 0) {
        problems++;
        return;
    }
    for (int z = 0; z < NSIZES; z++) {
        if (platform_resize(plat, sizes[z][0], sizes[z][1], err, sizeof err) != 0)
            problems++;
        for (int large = 0; large < 2; large++)
            every_screen(sizes[z][0], sizes[z][1], large);
    }
    content_free(&c);
}

TEST(every_screen_lays_out_at_every_size)
{
    problems = 0;
    every_screen_of("content");
    if (problems)
        FAIL_AT("%d layout problems (first 40 above)", problems);
}

TEST(every_screen_lays_out_with_thirty_treatments)
{
    problems = 0;
    every_screen_of("tests/fixtures/content-menu");
    if (problems)
        FAIL_AT("%d layout problems (first 40 above)", problems);
}

/* ---------------------------------------------------------------- controls that stay put */

/* The rectangle of the visible control labelled label on f, or an empty one. */
static struct rect control(const struct frame *f, const char *label)
{
    int i = frame_find_widget(f, label);

    return i >= 0 ? f->widgets[i].r : (struct rect){ 0, 0, 0, 0 };
}

static int same(struct rect a, struct rect b)
{
    return a.x == b.x && a.y == b.y && a.w == b.w && a.h == b.h;
}

/* Each label's rectangle on f must equal what it was on the first frame seen (kept in first[]). */
static void stays(const struct frame *f, const char *const *labels, int n, struct rect *first, int *seen,
                  const char *state, int large)
{
    char msg[256];

    for (int i = 0; i < n; i++) {
        struct rect r = control(f, labels[i]);
        if (r.w == 0)
            continue;
        if (!seen[i]) {
            first[i] = r;
            seen[i] = 1;
        } else if (!same(first[i], r)) {
            snprintf(msg, sizeof msg, "\"%s\" at %d,%d %dx%d, first at %d,%d %dx%d", labels[i], r.x, r.y, r.w, r.h,
                     first[i].x, first[i].y, first[i].w, first[i].h);
            report("a control moved", state, f->w, f->h, large, msg);
        }
    }
}

TEST(checklist_answers_and_bars_stay_put_on_every_question)
{
    static const char *const labels[] = { "Yes", "No", "Back", "Home", "Larger text", "High contrast" };
    static char longest[2048];
    struct content c;
    char err[512];

    problems = 0;
    if (load("content", &c) != 0)
        FAIL_AT("cannot load the content");
    /* One question far too long for the screen: it scrolls, the answers do not move. */
    for (int i = 0; i < 30; i++)
        strcat(longest, "Have you ever had a treatment like this one before, anywhere? ");
    for (int z = 0; z < NSIZES; z++) {
        ASSERT(platform_resize(plat, sizes[z][0], sizes[z][1], err, sizeof err) == 0);
        for (int large = 0; large < 2; large++) {
            struct rect first[6];
            int seen[6] = { 0 };
            struct content_question *qs = c.treatments[0].questions;
            char *kept = qs[2].text;
            qs[2].text = longest;
            for (int q = 0; q < c.treatments[0].nquestions; q++) {
                char state[32];
                set_up(SCREEN_SCREENING, q);
                app.large_text = large;
                snprintf(state, sizeof state, "screening question %d", q + 1);
                stays(draw(sizes[z][0], sizes[z][1]), labels, 6, first, seen, state, large);
            }
            qs[2].text = kept;
            for (int i = 0; i < 2; i++)
                if (!seen[i])
                    report("no answer button", "screening", sizes[z][0], sizes[z][1], large, labels[i]);
        }
    }
    content_free(&c);
    if (problems)
        FAIL_AT("%d controls moved (first 40 above)", problems);
}

TEST(pin_pad_keys_stay_put_when_a_message_appears)
{
    static const char *const labels[] = { "1", "2", "3", "4", "5", "6", "7", "8", "9", "Delete", "0", "OK", "Cancel" };
    struct content c;
    char err[512];

    problems = 0;
    if (load("content", &c) != 0)
        FAIL_AT("cannot load the content");
    for (int z = 0; z < NSIZES; z++) {
        ASSERT(platform_resize(plat, sizes[z][0], sizes[z][1], err, sizeof err) == 0);
        for (int large = 0; large < 2; large++) {
            struct rect first[13];
            int seen[13] = { 0 };
            for (int v = 0; v < 3; v++) {
                set_up(SCREEN_STAFF_PIN, 0);
                app.large_text = large;
                if (v == 1)
                    app.pin_note = MSG_PIN_NOT_SET;
                snprintf(app.pin, sizeof app.pin, "%s", v == 2 ? "12345678" : "");
                stays(draw(sizes[z][0], sizes[z][1]), labels, 13, first, seen, v ? "staff-pin with a message"
                      : "staff-pin", large);
            }
        }
    }
    content_free(&c);
    if (problems)
        FAIL_AT("%d keys moved (first 40 above)", problems);
}

TEST(bottom_bars_stay_put_between_screens)
{
    static const enum screen client[] = { SCREEN_INFO, SCREEN_DOCTOR, SCREEN_SCREENING, SCREEN_RESULT, SCREEN_FORM,
                                          SCREEN_PRIVACY, SCREEN_REVIEW, SCREEN_SAVE_ERROR };
    static const char *const shared[] = { "Back", "Home", "Start over", "Larger text", "High contrast" };
    struct content c;
    char err[512];

    problems = 0;
    if (load("content", &c) != 0)
        FAIL_AT("cannot load the content");
    for (int z = 0; z < NSIZES; z++) {
        ASSERT(platform_resize(plat, sizes[z][0], sizes[z][1], err, sizeof err) == 0);
        for (int large = 0; large < 2; large++) {
            struct rect first[5], bar = { 0, 0, 0, 0 };
            int seen[5] = { 0 };
            for (size_t s = 0; s < sizeof client / sizeof client[0]; s++) {
                const struct frame *f;
                struct rect r;
                set_up(client[s], 0);
                app.large_text = large;
                f = draw(sizes[z][0], sizes[z][1]);
                stays(f, shared, 5, first, seen, app_screen_name(client[s]), large);
                /* "Edit" stands where "Back" stands; the bar's buttons share one line. */
                r = control(f, "Edit");
                if (r.w && seen[0] && !same(r, first[0]))
                    report("Edit is not where Back is", app_screen_name(client[s]), f->w, f->h, large, "");
                r = control(f, frame_find_widget(f, "Back") >= 0 ? "Back" : "Edit");
                if (!r.w)
                    continue;
                if (!bar.w)
                    bar = r;
                else if (r.y != bar.y || r.h != bar.h)
                    report("the bottom bar moved", app_screen_name(client[s]), f->w, f->h, large, "");
            }
        }
    }
    content_free(&c);
    if (problems)
        FAIL_AT("%d controls moved (first 40 above)", problems);
}

/* The height of the first text reading label on f (its line: its font's size), 0 when none. */
static int text_height(const struct frame *f, const char *label)
{
    for (int i = 0; i < f->ntexts; i++)
        if (strcmp(f->texts[i].text, label) == 0)
            return f->texts[i].r.h;
    return 0;
}

/* The top bar's three toggles are labelled in one size at every screen size; with normal text, in
 * a button's size (the logo, when there is no room for it beside them, makes way). */
TEST(top_bar_labels_share_one_size)
{
    static const char *const labels[] = { "Larger text", "High contrast", "Read aloud" };
    struct content c;
    char err[512], msg[128];

    problems = 0;
    if (load("content", &c) != 0)
        FAIL_AT("cannot load the content");
    for (int z = 0; z < NSIZES; z++) {
        ASSERT(platform_resize(plat, sizes[z][0], sizes[z][1], err, sizeof err) == 0);
        for (int large = 0; large < 2; large++) {
            const struct frame *f;
            int h[3];
            set_up(SCREEN_HOME, 0);
            app.large_text = large;
            f = draw(sizes[z][0], sizes[z][1]);
            for (int i = 0; i < 3; i++)
                h[i] = text_height(f, labels[i]);
            if (h[0] != h[1] || h[1] != h[2]) {
                snprintf(msg, sizeof msg, "lines %d, %d and %d px tall", h[0], h[1], h[2]);
                report("the top bar's labels differ in size", "home", f->w, f->h, large, msg);
            }
        }
    }
    for (int z = 0; z < NSIZES; z++) {
        const struct frame *f;
        int button;
        ASSERT(platform_resize(plat, sizes[z][0], sizes[z][1], err, sizeof err) == 0);
        set_up(SCREEN_HOME, 0);
        app.large_text = 0;
        f = draw(sizes[z][0], sizes[z][1]);
        button = text_height(f, "About the treatment");     /* a button's label, whole */
        if (text_height(f, labels[2]) < button) {
            snprintf(msg, sizeof msg, "\"%s\" %d px tall, a button's label %d px", labels[2],
                     text_height(f, labels[2]), button);
            report("the top bar's labels are shrunk", "home", f->w, f->h, 0, msg);
        }
    }
    content_free(&c);
    if (problems)
        FAIL_AT("%d problems (above)", problems);
}

/* ---------------------------------------------------------------- large text, right to left */

/* *dst = *src, its strings moved into dst's own arena. */
static void copy_frame(struct frame *dst, const struct frame *src)
{
    *dst = *src;
    for (int i = 0; i < dst->nwidgets; i++)
        dst->widgets[i].label = dst->arena + (src->widgets[i].label - src->arena);
    for (int i = 0; i < dst->ntexts; i++)
        dst->texts[i].text = dst->arena + (src->texts[i].text - src->arena);
}

/* 1 when f has a control labelled label, in view or scrolled out of it. */
static int has_control(const struct frame *f, const char *label)
{
    for (int i = 0; i < f->nwidgets; i++)
        if (strcmp(f->widgets[i].label, label) == 0)
            return 1;
    return 0;
}

TEST(large_text_keeps_every_control_reachable)
{
    static struct frame normal;
    struct content c;
    char err[512];

    problems = 0;
    if (load("content", &c) != 0)
        FAIL_AT("cannot load the content");
    for (int z = 0; z < NSIZES; z++) {
        ASSERT(platform_resize(plat, sizes[z][0], sizes[z][1], err, sizeof err) == 0);
        for (int s = 0; s < SCREEN_COUNT; s++) {
            const struct frame *f;
            set_up((enum screen)s, 0);
            app.large_text = 0;
            copy_frame(&normal, draw(sizes[z][0], sizes[z][1]));
            set_up((enum screen)s, 0);
            app.large_text = 1;
            f = draw(sizes[z][0], sizes[z][1]);
            for (int i = 0; i < normal.nwidgets; i++)
                if (!has_control(f, normal.widgets[i].label))
                    report("a control is gone in large text", app_screen_name((enum screen)s), f->w, f->h, 1,
                           normal.widgets[i].label);
        }
    }
    content_free(&c);
    if (problems)
        FAIL_AT("%d controls lost (first 40 above)", problems);
}

static struct rect bounds(struct rect a, struct rect b)
{
    int x0 = a.x < b.x ? a.x : b.x, y0 = a.y < b.y ? a.y : b.y;
    int x1 = a.x + a.w > b.x + b.w ? a.x + a.w : b.x + b.w, y1 = a.y + a.h > b.y + b.h ? a.y + a.h : b.y + b.h;

    return (struct rect){ x0, y0, x1 - x0, y1 - y0 };
}

TEST(right_to_left_mirrors_every_screen)
{
    static struct frame ltr;
    struct content c;
    char err[512], msg[256];

    problems = 0;
    if (load("content", &c) != 0)
        FAIL_AT("cannot load the content");
    for (int z = 0; z < NSIZES; z++) {
        int w = sizes[z][0], h = sizes[z][1];
        ASSERT(platform_resize(plat, w, h, err, sizeof err) == 0);
        for (int s = 0; s < SCREEN_COUNT; s++) {
            const struct frame *f;
            if (s == SCREEN_ATTRACT)
                continue;   /* it drifts with the clock, and only sideways by design */
            set_up((enum screen)s, 0);
            app.ui.rtl = 0;
            copy_frame(&ltr, draw(w, h));
            set_up((enum screen)s, 0);
            app.ui.rtl = 1;
            f = draw(w, h);
            app.ui.rtl = 0;
            if (f->nwidgets != ltr.nwidgets) {
                report("controls differ", app_screen_name((enum screen)s), w, h, 0, "in number");
                continue;
            }
            /* Keys read left to right in any language (a phone pad, the email keyboard): their
             * block stands mirrored. Every other control is mirrored itself. */
            struct rect keys_ltr = { 0, 0, 0, 0 }, keys_rtl = { 0, 0, 0, 0 };
            for (int i = 0; i < f->nwidgets; i++) {
                struct rect a = ltr.widgets[i].full, b = f->widgets[i].full;
                if (f->widgets[i].role == FRAME_ROLE_KEY) {
                    keys_ltr = keys_ltr.w ? bounds(keys_ltr, a) : a;
                    keys_rtl = keys_rtl.w ? bounds(keys_rtl, b) : b;
                    continue;
                }
                /* Text shaped right to left may be a pixel or two wider or narrower ("?" then
                 * comes first): a control that fits its words stands mirrored from one edge. */
                int mirrored = b.x == w - a.x - a.w || b.x + b.w == w - a.x;
                if (!mirrored || abs(b.w - a.w) > 2 || b.y != a.y || b.h != a.h) {
                    snprintf(msg, sizeof msg, "\"%s\" at %d,%d %dx%d, left to right at %d,%d %dx%d",
                             f->widgets[i].label, b.x, b.y, b.w, b.h, a.x, a.y, a.w, a.h);
                    report("not mirrored", app_screen_name((enum screen)s), w, h, 0, msg);
                }
            }
            if (keys_ltr.w && (keys_rtl.x != w - keys_ltr.x - keys_ltr.w || keys_rtl.w != keys_ltr.w))
                report("keys not mirrored as a block", app_screen_name((enum screen)s), w, h, 0, "");
            /* Pictures (the logo, the treatment's, the doctor's photo) stand mirrored, at their size. */
            for (int i = 0, k = 0; i < f->ntexts; i++) {
                struct rect a, b;
                if (!(f->texts[i].flags & FRAME_TEXT_PICTURE))
                    continue;
                while (k < ltr.ntexts && !(ltr.texts[k].flags & FRAME_TEXT_PICTURE))
                    k++;
                if (k == ltr.ntexts) {
                    report("pictures differ", app_screen_name((enum screen)s), w, h, 0, "in number");
                    break;
                }
                a = ltr.texts[k++].r;
                b = f->texts[i].r;
                /* (a pixel either way: a centred picture's odd pixel of room falls on one side) */
                if (abs(b.x - (w - a.x - a.w)) > 1 || b.y != a.y || b.w != a.w || b.h != a.h) {
                    snprintf(msg, sizeof msg, "picture \"%s\" at %d,%d %dx%d, left to right at %d,%d %dx%d",
                             f->texts[i].text, b.x, b.y, b.w, b.h, a.x, a.y, a.w, a.h);
                    report("not mirrored", app_screen_name((enum screen)s), w, h, 0, msg);
                }
            }
        }
    }
    content_free(&c);
    if (problems)
        FAIL_AT("%d controls not mirrored (first 40 above)", problems);
}

TEST(widgets_dump_finds_each_home_choice_once)
{
    struct content c;
    const struct frame *f;

    if (load("content", &c) != 0)
        FAIL_AT("cannot load the content");
    set_up(SCREEN_HOME, 0);
    f = app_draw(&app, 1280, 800);
    ASSERT(frame_find_widget(f, "About the treatment") >= 0);
    ASSERT(frame_find_widget(f, "Am I suitable?") >= 0);
    ASSERT(frame_find_widget(f, "Request a consultation") >= 0);
    ASSERT_INT_EQ(-1, frame_find_widget(f, "Send request"));
    content_free(&c);
}

TEST(static_text_is_rasterised_once)
{
    unsigned long made1, made2, reused1, reused2;
    struct content c;
    int cached;
    char err[256];

    if (load("content", &c) != 0)
        FAIL_AT("cannot load the content");
    ASSERT(platform_resize(plat, 1280, 800, err, sizeof err) == 0);
    set_up(SCREEN_INFO, 0);
    platform_forget_text(plat);
    platform_render(plat, app_draw(&app, 1280, 800));
    platform_text_stats(plat, &made1, &reused1, &cached);
    platform_redraw_all(plat);  /* an unchanged frame draws nothing: draw it all again */
    platform_render(plat, app_draw(&app, 1280, 800));
    platform_text_stats(plat, &made2, &reused2, &cached);
    ASSERT(made1 > 10);
    ASSERT_INT_EQ(made1, made2);
    ASSERT(reused2 > reused1);
    platform_forget_text(plat);
    platform_text_stats(plat, &made2, &reused2, &cached);
    ASSERT_INT_EQ(0, cached);
    content_free(&c);
}

int main(int argc, char **argv)
{
    struct platform_options po = { 1, 1280, 800, 0, "assets" };
    char err[512];

    BEGIN(argc, argv);
    config_defaults(&cfg);
    if (platform_open(&plat, &po, err, sizeof err) != 0) {
        fprintf(stderr, "cannot set up: %s\n", err);
        return 1;
    }
    RUN(every_screen_lays_out_at_every_size);
    RUN(every_screen_lays_out_with_thirty_treatments);
    RUN(checklist_answers_and_bars_stay_put_on_every_question);
    RUN(pin_pad_keys_stay_put_when_a_message_appears);
    RUN(bottom_bars_stay_put_between_screens);
    RUN(top_bar_labels_share_one_size);
    RUN(large_text_keeps_every_control_reachable);
    RUN(right_to_left_mirrors_every_screen);
    RUN(widgets_dump_finds_each_home_choice_once);
    RUN(static_text_is_rasterised_once);
    platform_close(plat);
    END();
}
