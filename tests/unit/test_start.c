/* The start: its first frame comes before the work it leaves for later (the write that proves a
 * request can be saved, the text of the screens a visit starts with), which runtime_idle() does
 * while no event waits, and which a touch that comes first does not wait for. Runs on the
 * repository's content, every language installed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "runtime.h"

static char db[256], conf[256];

static int opened(struct runtime *rt, uint64_t now)
{
    struct runtime_options o = { .content_dir = "content", .db_path = db, .config_path = conf,
                                 .width = 1280, .height = 800, .headless = 1 };
    char err[512];

    if (runtime_open(rt, &o, now, err, sizeof err) != 0) {
        fprintf(stderr, "  %s\n", err);
        return 0;
    }
    return 1;
}

/* The centre of the control labelled label in the frame shown, or 0 when there is none. */
static int find(struct runtime *rt, const char *label, int *x, int *y)
{
    const struct frame *f = app_frame(rt->app);

    for (int i = 0; i < f->nwidgets; i++)
        if (frame_widget_visible(f, i) && strcmp(f->widgets[i].label, label) == 0) {
            *x = f->widgets[i].r.x + f->widgets[i].r.w / 2;
            *y = f->widgets[i].r.y + f->widgets[i].r.h / 2;
            return 1;
        }
    return 0;
}

static void tap(struct runtime *rt, int x, int y, uint64_t *now)
{
    platform_inject_pointer(rt->platform, INPUT_POINTER_DOWN, x, y, 1);
    runtime_pump(rt, *now);
    runtime_update(rt, *now);
    *now += 80;
    platform_inject_pointer(rt->platform, INPUT_POINTER_UP, x, y, 1);
    runtime_pump(rt, *now);
    runtime_update(rt, *now);
}

TEST(the_first_frame_comes_before_the_work_left_for_later)
{
    static const char *const languages[] = { "English", "Polski", "\xD8\xA7\xD9\x84\xD8\xB9\xD8\xB1\xD8\xA8\xD9\x8A\xD8\xA9",
                                             "\xE4\xB8\xAD\xE6\x96\x87" };
    struct runtime rt;
    unsigned long made_first, made_ready, made_home, reused;
    uint64_t now = 1000000;
    int cached, steps = 0, x, y;

    if (!opened(&rt, now))
        FAIL_AT("the kiosk did not open");
    runtime_update(&rt, now);
    ASSERT_INT_EQ(1, rt.frames);
    ASSERT_STR_EQ("attract", app_screen_name(app_screen(rt.app)));
    for (size_t i = 0; i < sizeof languages / sizeof languages[0]; i++)
        if (!find(&rt, languages[i], &x, &y))
            FAIL_AT("the first frame's picker lacks %s", languages[i]);
    ASSERT(!rt.proved);                 /* no write before the first frame */
    ASSERT(rt.ready_later);
    platform_text_stats(rt.platform, &made_first, &reused, &cached);
    while (runtime_idle(&rt))
        if (++steps > 100)
            FAIL_AT("runtime_idle never ran out of work");
    ASSERT(rt.proved);
    ASSERT(!rt.ready_later);
    ASSERT_INT_EQ(1, rt.frames);        /* it makes text, it shows nothing */
    platform_text_stats(rt.platform, &made_ready, &reused, &cached);
    ASSERT(made_ready > made_first);
    /* Home's text was made ready: the tap that shows it makes none. */
    ASSERT(find(&rt, "Touch to start", &x, &y));
    tap(&rt, x, y, &now);
    ASSERT_STR_EQ("home", app_screen_name(app_screen(rt.app)));
    platform_text_stats(rt.platform, &made_home, &reused, &cached);
    ASSERT_INT_EQ(made_ready, made_home);
    runtime_close(&rt);
}

TEST(a_touch_that_comes_first_is_answered_first)
{
    struct runtime rt;
    uint64_t now = 1000000;
    int x, y, steps = 0;

    if (!opened(&rt, now))
        FAIL_AT("the kiosk did not open");
    runtime_update(&rt, now);
    ASSERT(find(&rt, "Touch to start", &x, &y));
    tap(&rt, x, y, &now);
    ASSERT_STR_EQ("home", app_screen_name(app_screen(rt.app)));
    ASSERT(rt.ready_later);
    /* and the work is still done once no event waits, home's frame left as it is shown */
    while (runtime_idle(&rt))
        if (++steps > 100)
            FAIL_AT("runtime_idle never ran out of work");
    ASSERT(rt.proved);
    ASSERT_STR_EQ("home", app_screen_name(app_screen(rt.app)));
    ASSERT(find(&rt, "About the treatment", &x, &y));
    runtime_close(&rt);
}

int main(int argc, char **argv)
{
    const char *out = getenv("KIOSK_OUT");
    char side[300];
    FILE *f;

    BEGIN(argc, argv);
    snprintf(db, sizeof db, "%s/tmp/test_start-%ld.db", out ? out : "tests/out", (long)getpid());
    snprintf(conf, sizeof conf, "%s/tmp/test_start-%ld.conf", out ? out : "tests/out", (long)getpid());
    f = fopen(conf, "w");     /* an empty config: the defaults */
    if (!f || fclose(f) != 0) {
        fprintf(stderr, "cannot write '%s'\n", conf);
        return 1;
    }
    RUN(the_first_frame_comes_before_the_work_left_for_later);
    RUN(a_touch_that_comes_first_is_answered_first);
    unlink(db);
    snprintf(side, sizeof side, "%s-wal", db);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", db);
    unlink(side);
    unlink(conf);
    END();
}
