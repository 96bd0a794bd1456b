/* The platform's event translation: a touch and the mouse event SDL synthesises from it are one tap;
 * rotation maps a finger to where the app drew the control. */
#include <stdio.h>

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
    platform_close(p);
    END();
}
