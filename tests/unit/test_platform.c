/* The platform's event translation: a touch and the mouse event SDL synthesises from it are one tap;
 * rotation maps a finger to where the app drew the control. Its text cache keeps, at a visit's
 * end, only the text it is given again then and the public text (the content's, the wording's). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frame.h"
#include "text.h"

#include "harness.h"
#include "platform.h"

static struct platform *p;

static int drain(struct input_event *evs, int max)
{
    int n = 0;
    struct input_event ev;

    while (platform_next_event(p, 0, &ev))
        if (n < max)
            evs[n++] = ev;
    return n;
}

TEST(touch_plus_synthesised_mouse_is_one_tap)
{
    struct input_event evs[8];
    int n;

    drain(evs, 8);
    platform_inject_pointer(p, INPUT_POINTER_DOWN, 100, 200, 1);
    platform_inject_pointer(p, INPUT_POINTER_UP, 100, 200, 1);
    n = drain(evs, 8);
    ASSERT_INT_EQ(2, n);
    ASSERT_INT_EQ(INPUT_POINTER_DOWN, evs[0].kind);
    ASSERT_INT_EQ(INPUT_POINTER_UP, evs[1].kind);
    ASSERT_INT_EQ(100, evs[0].x);
    ASSERT_INT_EQ(200, evs[0].y);
}

TEST(plain_mouse_is_a_tap)
{
    struct input_event evs[8];

    platform_inject_pointer(p, INPUT_POINTER_DOWN, 10, 20, 0);
    platform_inject_pointer(p, INPUT_POINTER_UP, 10, 20, 0);
    ASSERT_INT_EQ(2, drain(evs, 8));
    ASSERT_INT_EQ(INPUT_POINTER_DOWN, evs[0].kind);
}

TEST(second_finger_is_ignored)
{
    struct input_event evs[8];

    platform_inject_pointer(p, INPUT_POINTER_DOWN, 10, 20, 1);
    ASSERT_INT_EQ(1, drain(evs, 8));
    /* Same finger id down again while down: a second finger in effect. */
    platform_inject_pointer(p, INPUT_POINTER_DOWN, 300, 300, 1);
    ASSERT_INT_EQ(0, drain(evs, 8));
    platform_inject_pointer(p, INPUT_POINTER_UP, 10, 20, 1);
    ASSERT_INT_EQ(1, drain(evs, 8));
}

TEST(text_and_keys_arrive)
{
    struct input_event evs[8];

    platform_inject_text(p, "Jos\xC3\xA9");
    platform_inject_key(p, KEY_BACKSPACE);
    ASSERT_INT_EQ(2, drain(evs, 8));
    ASSERT_INT_EQ(INPUT_TEXT, evs[0].kind);
    ASSERT_STR_EQ("Jos\xC3\xA9", evs[0].text);
    ASSERT_INT_EQ(KEY_BACKSPACE, evs[1].key);
}

static void rotated_round_trip(int rotation)
{
    struct platform_options po = { 1, 1280, 800, rotation, "assets" };
    struct platform *r;
    struct input_event evs[4];
    char err[256];
    int w, h, n = 0;
    struct input_event ev;

    platform_close(p);
    p = NULL;
    if (platform_open(&r, &po, err, sizeof err) != 0)
        FAIL_AT("%s", err);
    platform_size(r, &w, &h);
    if (rotation % 180) {
        ASSERT_INT_EQ(800, w);
        ASSERT_INT_EQ(1280, h);
    }
    platform_inject_pointer(r, INPUT_POINTER_DOWN, 123, 456, 1);
    while (platform_next_event(r, 0, &ev))
        evs[n++ % 4] = ev;
    ASSERT_INT_EQ(1, n);
    ASSERT_INT_EQ(123, evs[0].x);
    ASSERT_INT_EQ(456, evs[0].y);
    p = r;
}

TEST(rotation_90_maps_fingers_back) { rotated_round_trip(90); }
TEST(rotation_180_maps_fingers_back) { rotated_round_trip(180); }
TEST(rotation_270_maps_fingers_back) { rotated_round_trip(270); }

/* A frame of one line of text per string. */
static void text_frame(struct frame *f, const char *const *lines, int n)
{
    frame_reset(f);
    f->w = 1280;
    f->h = 800;
    for (int i = 0; i < n; i++) {
        struct draw_cmd *c = frame_push(f, DRAW_TEXT);
        c->r = (struct rect){ 10, 10 + 40 * i, 600, 36 };
        c->colour = 0x000000FF;
        c->font_px = 28;
        c->text = lines[i];
        c->len = (int)strlen(lines[i]);
    }
}

TEST(keeping_text_drops_the_rest)
{
    static const char *const visit[] = { "About the treatment", "Zoe Example", "07700 900123" };
    static const char *const again[] = { "About the treatment", "Request a consultation" };
    struct frame *f = malloc(sizeof *f);
    unsigned long made, made_after, reused, reused_after;
    int cached;

    ASSERT(f != NULL);
    platform_forget_text(p);
    text_frame(f, visit, 3);
    platform_prepare_text(p, f);
    platform_text_stats(p, &made, &reused, &cached);
    ASSERT_INT_EQ(3, cached);
    /* The visit ends: only the static screens' text is given again. */
    text_frame(f, again, 2);
    platform_keep_text_begin(p);
    platform_prepare_text(p, f);
    platform_keep_text_end(p);
    platform_text_stats(p, &made_after, &reused_after, &cached);
    ASSERT_INT_EQ(2, cached);                   /* the client's name and number are gone */
    ASSERT_INT_EQ(made + 1, made_after);        /* only the new line was made */
    ASSERT_INT_EQ(reused + 1, reused_after);    /* the kept one was not made again */
    /* The name is made afresh if it is drawn again: nothing of it was left. */
    text_frame(f, visit + 1, 1);
    platform_prepare_text(p, f);
    platform_text_stats(p, &made, &reused, &cached);
    ASSERT_INT_EQ(made_after + 1, made);
    free(f);
}

/* The content's and the wording's words (TEXT_PUBLIC), in whatever language a client read them,
 * stay across a visit's end without being given again; a client's own text in the same frames goes. */
TEST(public_text_outlives_the_visit)
{
    static const char *const visit[] = { "\xE4\xB8\xAD\xE6\x96\x87", "Zoe Example", "\xE7\x94\xB3\xE8\xAF\xB7\xE5\x92\xA8\xE8\xAF\xA2" };
    static const char *const again[] = { "About the treatment" };
    struct frame *f = malloc(sizeof *f);
    unsigned long made, made_after, reused, reused_after;
    int cached;

    ASSERT(f != NULL);
    platform_forget_text(p);
    text_frame(f, visit, 3);
    f->cmds[0].bold = TEXT_PUBLIC;              /* "中文", the picker's */
    f->cmds[2].bold = TEXT_PUBLIC | TEXT_BOLD;  /* "申请咨询", a button's */
    platform_prepare_text(p, f);
    platform_text_stats(p, &made, &reused, &cached);
    ASSERT_INT_EQ(3, cached);
    text_frame(f, again, 1);
    platform_keep_text_begin(p);
    platform_prepare_text(p, f);
    platform_keep_text_end(p);
    platform_text_stats(p, &made_after, &reused_after, &cached);
    ASSERT_INT_EQ(3, cached);                   /* the two public lines and the new one; not the name */
    /* Drawn again, the public lines are not made again; the name is. */
    text_frame(f, visit, 3);
    f->cmds[0].bold = TEXT_PUBLIC;
    f->cmds[2].bold = TEXT_PUBLIC | TEXT_BOLD;
    platform_prepare_text(p, f);
    platform_text_stats(p, &made, &reused, &cached);
    ASSERT_INT_EQ(made_after + 1, made);
    ASSERT_INT_EQ(reused_after + 2, reused);
    free(f);
}

int main(int argc, char **argv)
{
    struct platform_options po = { 1, 1280, 800, 0, "assets" };
    char err[256];

    BEGIN(argc, argv);
    if (platform_open(&p, &po, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    RUN(touch_plus_synthesised_mouse_is_one_tap);
    RUN(plain_mouse_is_a_tap);
    RUN(second_finger_is_ignored);
    RUN(text_and_keys_arrive);
    RUN(rotation_90_maps_fingers_back);
    RUN(rotation_180_maps_fingers_back);
    RUN(rotation_270_maps_fingers_back);
    RUN(keeping_text_drops_the_rest);
    RUN(public_text_outlives_the_visit);
    platform_close(p);
    END();
}
