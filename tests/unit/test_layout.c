/* Layout at the five supported screen sizes, normal and large text: every control on screen,
 * none overlapping another, none smaller than a finger; no text off screen or over other text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "config.h"
#include "content.h"
#include "harness.h"
#include "platform.h"

static const int sizes[][2] = { { 1024, 768 }, { 1280, 800 }, { 800, 1280 }, { 1920, 1080 }, { 2560, 1600 } };

static struct platform *plat;
static struct content content;
static struct config cfg;
static struct app app;
static int problems;

static void report(const char *what, enum screen s, int w, int h, int large, const char *detail)
{
    if (problems++ < 30)
        fprintf(stderr, "  %dx%d %s%s: %s: %s\n", w, h, app_screen_name(s), large ? " (large text)" : "",
                what, detail);
}

static int inside(struct rect in, struct rect out)
{
    return in.x >= out.x && in.y >= out.y && in.x + in.w <= out.x + out.w && in.y + in.h <= out.y + out.h;
}

static void check_frame(const struct frame *f, enum screen s, int large)
{
    struct rect screen = { 0, 0, f->w, f->h };
    int min = 64 * (f->w < f->h ? f->w : f->h) / 800 - 1;
    char msg[512];

    if (f->overflow)
        report("frame", s, f->w, f->h, large, "a frame limit was hit");
    for (int i = 0; i < f->nwidgets; i++) {
        const struct frame_widget *a = &f->widgets[i];
        if (!inside(a->r, screen)) {
            snprintf(msg, sizeof msg, "\"%s\" at %d,%d %dx%d", a->label, a->r.x, a->r.y, a->r.w, a->r.h);
            report("control off screen", s, f->w, f->h, large, msg);
        }
        if (a->full.w < min || a->full.h < min) {
            snprintf(msg, sizeof msg, "\"%s\" is %dx%d, less than %d", a->label, a->full.w, a->full.h, min);
            report("control too small", s, f->w, f->h, large, msg);
        }
        for (int j = i + 1; j < f->nwidgets; j++)
            if (rect_overlaps(a->r, f->widgets[j].r)) {
                snprintf(msg, sizeof msg, "\"%s\" and \"%s\"", a->label, f->widgets[j].label);
                report("controls overlap", s, f->w, f->h, large, msg);
            }
    }
    for (int i = 0; i < f->ntexts; i++) {
        const struct frame_text *t = &f->texts[i];
        if (!inside(t->r, screen)) {
            snprintf(msg, sizeof msg, "\"%.60s\" at %d,%d %dx%d", t->text, t->r.x, t->r.y, t->r.w, t->r.h);
            report("text off screen", s, f->w, f->h, large, msg);
        }
        if (t->cut) {
            snprintf(msg, sizeof msg, "\"%.60s\" has a word cut in two", t->text);
            report("text cut", s, f->w, f->h, large, msg);
        }
        if (s == SCREEN_IDLE_WARNING)
            continue; /* the dialog is meant to lie over the screen beneath */
        for (int k = 0; k < f->nwidgets; k++)
            if (rect_overlaps(t->r, f->widgets[k].r) && !inside(t->r, f->widgets[k].r) &&
                !inside(f->widgets[k].r, t->r) && f->widgets[k].r.w < f->w) {
                snprintf(msg, sizeof msg, "\"%.60s\" crosses the edge of \"%s\"", t->text, f->widgets[k].label);
                report("text clipped by a control", s, f->w, f->h, large, msg);
            }
        for (int j = i + 1; j < f->ntexts; j++)
            if (rect_overlaps(t->r, f->texts[j].r)) {
                snprintf(msg, sizeof msg, "\"%.40s\" and \"%.40s\"", t->text, f->texts[j].text);
                report("texts overlap", s, f->w, f->h, large, msg);
            }
    }
}

TEST(every_screen_lays_out_at_every_size)
{
    char err[512];

    problems = 0;
    for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
        ASSERT(platform_resize(plat, sizes[z][0], sizes[z][1], err, sizeof err) == 0);
        for (int large = 0; large < 2; large++)
            for (int s = 0; s < SCREEN_COUNT; s++) {
                app.screen = (enum screen)s;
                app.under = SCREEN_INFO;
                app.large_text = large;
                /* Two passes: scroll areas learn their content height on the first. */
                app_draw(&app, sizes[z][0], sizes[z][1]);
                check_frame(app_draw(&app, sizes[z][0], sizes[z][1]), (enum screen)s, large);
            }
        /* The form with each page of the on-screen keyboard up. */
        for (int large = 0; large < 2; large++)
            for (int k = 0; k < KEYBOARD_KIND_COUNT; k++) {
                app.screen = SCREEN_FORM;
                app.large_text = large;
                app.focus = k == KEYBOARD_PHONE ? FORM_FIELD_PHONE : k == KEYBOARD_EMAIL ? FORM_FIELD_EMAIL
                          : FORM_FIELD_NAME;
                app.kb.kind = (enum keyboard_kind)k;
                check_frame(app_draw(&app, sizes[z][0], sizes[z][1]), SCREEN_FORM, large);
            }
        app.focus = -1;
    }
    if (problems)
        FAIL_AT("%d layout problems (first 30 above)", problems);
}

TEST(widgets_dump_finds_each_home_choice_once)
{
    const struct frame *f;

    app.screen = SCREEN_HOME;
    app.large_text = 0;
    f = app_draw(&app, 1280, 800);
    ASSERT(frame_find_widget(f, "About the treatment") >= 0);
    ASSERT(frame_find_widget(f, "Am I suitable?") >= 0);
    ASSERT(frame_find_widget(f, "Request a consultation") >= 0);
    ASSERT_INT_EQ(-1, frame_find_widget(f, "Send request"));
}

TEST(static_text_is_rasterised_once)
{
    unsigned long made1, made2, reused1, reused2;
    int cached;
    char err[256];

    ASSERT(platform_resize(plat, 1280, 800, err, sizeof err) == 0);
    app.screen = SCREEN_INFO;
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
}

int main(int argc, char **argv)
{
    struct platform_options po = { 1, 1280, 800, 0, "assets" };
    char err[512];

    BEGIN(argc, argv);
    config_defaults(&cfg);
    if (content_load("content", &content, err, sizeof err) != 0 || platform_open(&plat, &po, err, sizeof err) != 0) {
        fprintf(stderr, "cannot set up: %s\n", err);
        return 1;
    }
    app_init(&app, &content, NULL, &cfg, platform_measurer(plat), NULL, 1000);
    RUN(every_screen_lays_out_at_every_size);
    RUN(widgets_dump_finds_each_home_choice_once);
    RUN(static_text_is_rasterised_once);
    platform_close(plat);
    content_free(&content);
    END();
}
