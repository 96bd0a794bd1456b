/* Drawing only what changed gives the same pixels as drawing everything: a visit is walked on a
 * headless platform (taps, typing on the on-screen keyboard, scrolling, larger text, the idle
 * warning, rotation), and after each frame the pixels shown are compared, exactly, with the same
 * frame drawn whole. Also: a tap that changes a button only draws a small part of the screen, and
 * a screenshot is a well-formed PNG (every chunk's CRC, the zlib stream) of exactly those pixels. */
#include <libdeflate.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "config.h"
#include "content.h"
#include "harness.h"
#include "platform.h"

static struct platform *plat;
static struct content content;
static struct config cfg;
static struct app app;
static uint64_t now = 1000;
static uint32_t *copy;
static int frames, mismatches;

/* Renders the app's frame as it changed, then whole, and compares the two. */
static void show_and_check(const char *step)
{
    int w, h, pitch;
    const uint32_t *px;
    long differ = 0;

    platform_size(plat, &w, &h);
    platform_render(plat, app_draw(&app, w, h));
    px = platform_pixels(plat, &w, &h, &pitch);
    for (int y = 0; y < h; y++)
        memcpy(copy + (size_t)y * (size_t)w, (const uint8_t *)px + (size_t)y * (size_t)pitch, (size_t)w * 4);
    platform_redraw_all(plat);
    platform_render(plat, &app.frame);
    px = platform_pixels(plat, &w, &h, &pitch);
    for (int y = 0; y < h; y++) {
        const uint32_t *row = (const uint32_t *)((const uint8_t *)px + (size_t)y * (size_t)pitch);
        for (int x = 0; x < w; x++)
            differ += (row[x] & 0xFFFFFF) != (copy[(size_t)y * (size_t)w + x] & 0xFFFFFF);
    }
    frames++;
    if (differ && mismatches++ < 10)
        fprintf(stderr, "  after %s (%s): %ld pixels differ from a whole redraw\n", step,
                app_screen_name(app.screen), differ);
}

static void pointer(enum input_kind kind, int x, int y)
{
    struct input_event ev = { .kind = kind, .x = x, .y = y };

    app_event(&app, &ev, now);
}

/* Taps the control labelled label (down, a frame, up, a frame); 0 when there is none. */
static int tap(const char *label)
{
    int i = frame_find_widget(&app.frame, label);
    struct rect r;

    if (i < 0) {
        fprintf(stderr, "  no control \"%s\" on %s\n", label, app_screen_name(app.screen));
        return 0;
    }
    r = app.frame.widgets[i].r;
    pointer(INPUT_POINTER_DOWN, r.x + r.w / 2, r.y + r.h / 2);
    show_and_check(label);
    now += 80;
    pointer(INPUT_POINTER_UP, r.x + r.w / 2, r.y + r.h / 2);
    show_and_check(label);
    now += 300;
    app_tick(&app, now);
    return 1;
}

static void drag(int x, int y0, int y1)
{
    pointer(INPUT_POINTER_DOWN, x, y0);
    for (int i = 1; i <= 12; i++) {
        now += 16;
        pointer(INPUT_POINTER_MOVE, x, y0 + (y1 - y0) * i / 12);
        show_and_check("a drag");
    }
    pointer(INPUT_POINTER_UP, x, y1);
    show_and_check("the end of a drag");
}

static void walk(int w, int h)
{
    static const char *const visit[] = {
        "Touch to start", "About the treatment", "Home", "Larger text", "About Dr Nicole", "Back", "Larger text",
        "Am I suitable?", "No", "Yes", "No", "No", "No", "No", "Back", "No", "Request a consultation", "Full name",
        "a", "l", "e", "x", "Next", "0", "7", "7", "Done", "Afternoon", "You may contact me about this enquiry",
        "High contrast", "Review", "High contrast",
    };
    int ok = 1;

    now += 60000;
    app_tick(&app, now);
    show_and_check("the start");
    for (size_t i = 0; ok && i < sizeof visit / sizeof visit[0]; i++) {
        if (strcmp(visit[i], "Home") == 0) {
            drag(w * 6 / 10, h * 3 / 4, h / 4);
            drag(w * 6 / 10, h / 4, h * 2 / 3);
        }
        ok = tap(visit[i]);
    }
    /* the idle warning counts down over the screen beneath, then the kiosk starts again */
    for (int s = 0; ok && s < 80; s++) {
        now += 1000;
        app_tick(&app, now);
        if (app.dirty)
            show_and_check("a second of idling");
    }
    if (!ok)
        mismatches++;
}

TEST(drawing_what_changed_equals_drawing_all)
{
    static const struct { int w, h, rotation; } screens[] = { { 1280, 800, 0 }, { 1920, 1080, 0 }, { 1280, 800, 90 } };

    for (size_t i = 0; i < sizeof screens / sizeof screens[0]; i++) {
        struct platform_options po = { 1, screens[i].w, screens[i].h, screens[i].rotation, "assets" };
        char err[256];
        int w, h;

        if (platform_open(&plat, &po, err, sizeof err) != 0)
            FAIL_AT("%s", err);
        platform_size(plat, &w, &h);
        copy = malloc((size_t)screens[i].w * (size_t)screens[i].h * 4);
        ASSERT(copy != NULL);
        app_init(&app, &content, NULL, &cfg, platform_measurer(plat), NULL, now);
        walk(w, h);
        app_forget_client(&app);
        platform_close(plat);
        free(copy);
    }
    ASSERT(frames > 150);
    ASSERT_INT_EQ(0, mismatches);
}

/* A finger on a key redraws the key, not the screen. */
TEST(a_pressed_key_draws_only_the_key)
{
    struct platform_options po = { 1, 1920, 1080, 0, "assets" };
    const uint32_t *px;
    char err[256];
    int w, h, pitch, i;
    uint32_t mark = 0x00FF00FF;
    long left = 0;

    ASSERT(platform_open(&plat, &po, err, sizeof err) == 0);
    app_init(&app, &content, NULL, &cfg, platform_measurer(plat), NULL, now);
    app.screen = SCREEN_FORM;
    app.focus = FORM_FIELD_NAME;
    platform_render(plat, app_draw(&app, 1920, 1080));
    /* paint over the shown pixels: only what is drawn again loses the paint */
    px = platform_pixels(plat, &w, &h, &pitch);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            ((uint32_t *)((uint8_t *)px + (size_t)y * (size_t)pitch))[x] = mark;
    i = frame_find_widget(&app.frame, "q");
    ASSERT(i >= 0);
    pointer(INPUT_POINTER_DOWN, app.frame.widgets[i].r.x + 5, app.frame.widgets[i].r.y + 5);
    platform_render(plat, app_draw(&app, 1920, 1080));
    px = platform_pixels(plat, &w, &h, &pitch);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            left += ((const uint32_t *)((const uint8_t *)px + (size_t)y * (size_t)pitch))[x] == mark;
    pointer(INPUT_POINTER_UP, app.frame.widgets[i].r.x + 5, app.frame.widgets[i].r.y + 5);
    platform_close(plat);
    /* the key and its neighbourhood were drawn again, nothing much else */
    ASSERT(left > (long)w * h * 95 / 100);
    ASSERT(left < (long)w * h);
}

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

TEST(a_shot_is_a_well_formed_png_of_the_pixels)
{
    struct platform_options po = { 1, 1280, 800, 90, "assets" };
    const char *out = getenv("KIOSK_OUT") ? getenv("KIOSK_OUT") : "tests/out";
    struct libdeflate_decompressor *z = libdeflate_alloc_decompressor();
    static uint8_t file[8 << 20], raw[(1 + 3 * 1280) * 800];
    const uint32_t *px;
    char path[512], err[256];
    size_t n, at = 8, got = 0;
    int w, h, pitch, idat = 0, iend = 0;
    FILE *f;

    ASSERT(z != NULL);
    ASSERT(platform_open(&plat, &po, err, sizeof err) == 0);
    app_init(&app, &content, NULL, &cfg, platform_measurer(plat), NULL, now);
    app.screen = SCREEN_INFO;
    platform_size(plat, &w, &h);
    platform_render(plat, app_draw(&app, w, h));
    snprintf(path, sizeof path, "%s/test_draw.png", out);
    if (platform_save_png(plat, path, err, sizeof err) != 0)
        FAIL_AT("%s", err);
    ASSERT(platform_compare_png(plat, path, err, sizeof err) == 0.0);
    f = fopen(path, "rb");
    ASSERT(f != NULL);
    n = fread(file, 1, sizeof file, f);
    fclose(f);
    ASSERT(n > 8 && memcmp(file, "\x89PNG\r\n\x1a\n", 8) == 0);
    px = platform_pixels(plat, &w, &h, &pitch);
    ASSERT_INT_EQ(1280, w);     /* the app lays out 800x1280; the shot is of the screen as mounted */
    while (at + 12 <= n) {
        uint32_t len = get32(file + at);
        const uint8_t *type = file + at + 4, *data = type + 4;
        ASSERT(at + 12 + len <= n);
        /* the CRC covers the type and the data, in one run of bytes */
        if (get32(data + len) != libdeflate_crc32(0, type, 4 + len))
            FAIL_AT("chunk %.4s: bad CRC", (const char *)type);
        if (memcmp(type, "IHDR", 4) == 0) {
            ASSERT_INT_EQ(13, len);
            ASSERT_INT_EQ(1280, get32(data));
            ASSERT_INT_EQ(800, get32(data + 4));
            ASSERT(memcmp(data + 8, "\x08\x02\x00\x00\x00", 5) == 0);
        } else if (memcmp(type, "IDAT", 4) == 0) {
            ASSERT_INT_EQ(LIBDEFLATE_SUCCESS, libdeflate_zlib_decompress(z, data, len, raw, sizeof raw, &got));
            idat++;
        } else if (memcmp(type, "IEND", 4) == 0) {
            iend = 1;
            ASSERT_INT_EQ(n, at + 12 + len);
        }
        at += 12 + len;
    }
    libdeflate_free_decompressor(z);
    ASSERT(idat == 1 && iend);
    ASSERT_INT_EQ((1 + 3 * 1280) * 800, got);
    for (int y = 0; y < h; y++) {
        const uint32_t *row = (const uint32_t *)((const uint8_t *)px + (size_t)y * (size_t)pitch);
        const uint8_t *r = raw + (size_t)y * (1 + 3 * (size_t)w);
        ASSERT_INT_EQ(0, r[0]);
        for (int x = 0; x < w; x++)
            if (r[1 + 3 * x] != (uint8_t)(row[x] >> 16) || r[2 + 3 * x] != (uint8_t)(row[x] >> 8) ||
                r[3 + 3 * x] != (uint8_t)row[x])
                FAIL_AT("pixel %d,%d differs in the PNG", x, y);
    }
    platform_close(plat);
}

int main(int argc, char **argv)
{
    char err[512];

    BEGIN(argc, argv);
    config_defaults(&cfg);
    if (content_load("content", &content, err, sizeof err) != 0) {
        fprintf(stderr, "cannot set up: %s\n", err);
        return 1;
    }
    RUN(drawing_what_changed_equals_drawing_all);
    RUN(a_pressed_key_draws_only_the_key);
    RUN(a_shot_is_a_well_formed_png_of_the_pixels);
    content_free(&content);
    END();
}
