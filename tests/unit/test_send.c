/* "Send request" is answered by the very next frame, which shows the request being sent, before the
 * commit: then the commit (BEGIN IMMEDIATE ... COMMIT, synchronous=FULL), then thanks, never before
 * COMMIT has returned; a failed commit shows save-error and never thanks; a second tap makes no
 * second row. A headless runtime on the repo's content, walked as the replay driver walks it, one
 * update at a time. Writes the "Sending..." frames to $KIOSK_OUT/shots/sending-*.png to look at. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "runtime.h"

static char out_dir[512], db[600];
static struct runtime rt;
static uint64_t now = 1000000;

/* A kiosk at w x h on a fresh database. Returns 0, or -1 (said). */
static int open_kiosk(const char *name, int w, int h)
{
    struct runtime_options o = { .content_dir = "content", .config_path = NULL, .width = w, .height = h,
                                 .headless = 1, .fault_injection = 1 };
    char cmd[1400], err[512];

    snprintf(db, sizeof db, "%s/tmp/test_send-%s.db", out_dir, name);
    snprintf(cmd, sizeof cmd, "mkdir -p '%s/tmp' '%s/shots' && rm -f '%s' '%s-wal' '%s-shm'", out_dir, out_dir, db,
             db, db);
    if (system(cmd) != 0)
        return -1;
    o.db_path = db;
    if (runtime_open(&rt, &o, now, err, sizeof err) != 0) {
        fprintf(stderr, "  cannot open the kiosk: %s\n", err);
        return -1;
    }
    runtime_update(&rt, now);
    return 0;
}

static void input(enum input_kind kind, int x, int y)
{
    platform_inject_pointer(rt.platform, kind, x, y, 1);
    runtime_pump(&rt, now);
    runtime_update(&rt, now);
}

/* Taps the control labelled label: down, a frame, 80 ms, up, a frame (and nothing after it). */
static int tap(const char *label)
{
    const struct frame *f = app_frame(rt.app);
    int i = frame_find_widget(f, label);
    struct rect r;

    if (i < 0) {
        fprintf(stderr, "  no control \"%s\" on %s\n", label, app_screen_name(app_screen(rt.app)));
        return -1;
    }
    r = f->widgets[i].r;
    input(INPUT_POINTER_DOWN, r.x + r.w / 2, r.y + r.h / 2);
    now += 80;
    input(INPUT_POINTER_UP, r.x + r.w / 2, r.y + r.h / 2);
    return 0;
}

/* Lets time pass as the live loop would, firing each timer due (and any commit due at once). */
static void settle(uint64_t ms)
{
    uint64_t until = now + ms;

    runtime_update(&rt, now);
    while (now < until) {
        uint64_t next = app_next_deadline(rt.app);
        now = next <= now ? now : next < until ? next : until;
        runtime_update(&rt, now);
        if (next <= now && !app_send_due(rt.app))
            now++;
    }
}

/* From attract to the review of a whole request, as tests/replay/save-error.replay makes it. */
static int to_review(void)
{
    static const char *const taps[] = { "Touch to start", "Request a consultation", "Full name" };

    for (size_t i = 0; i < sizeof taps / sizeof *taps; i++) {
        if (tap(taps[i]) != 0)
            return -1;
        settle(300);
    }
    platform_inject_text(rt.platform, "Pat Placeholder");
    runtime_pump(&rt, now);
    if (tap("Next") != 0)
        return -1;
    platform_inject_text(rt.platform, "07700 900118");
    runtime_pump(&rt, now);
    if (tap("Done") != 0 || tap("Morning") != 0 || tap("You may contact me about this enquiry") != 0 ||
        tap("Review") != 0)
        return -1;
    settle(300);
    return app_screen(rt.app) == SCREEN_REVIEW ? 0 : -1;
}

static long long pending(void)
{
    struct queue_status st;
    char err[256];

    return queue_status(rt.app->queue, &st, err, sizeof err) == 0 ? st.pending : -1;
}

static void save(const char *name)
{
    char path[700], err[512];

    snprintf(path, sizeof path, "%s/shots/%s.png", out_dir, name);
    if (platform_save_png(rt.platform, path, err, sizeof err) != 0)
        fprintf(stderr, "  %s\n", err);
}

/* The frame after "Send request" shows it being sent, and nothing is stored yet; the next update
 * commits and shows thanks with the stored request's reference. */
static void check_sending_then_thanks(const char *name, int w, int h)
{
    unsigned long frames;
    char shot[64];

    if (open_kiosk(name, w, h) != 0 || to_review() != 0)
        FAIL_AT("cannot reach the review at %dx%d", w, h);
    ASSERT_INT_EQ(0, pending());
    frames = rt.frames;
    ASSERT(tap("Send request") == 0);
    ASSERT(rt.frames > frames);
    ASSERT_INT_EQ(SCREEN_REVIEW, app_screen(rt.app));
    ASSERT(frame_has_text(app_frame(rt.app), "Sending…"));
    ASSERT(frame_find_widget(app_frame(rt.app), "Send request") >= 0);     /* its name stays */
    ASSERT(app_send_due(rt.app));
    ASSERT_INT_EQ(0, pending());        /* not before its frame is up */
    snprintf(shot, sizeof shot, "sending-%dx%d", w, h);
    save(shot);
    frames = rt.frames;
    runtime_update(&rt, now);
    ASSERT(rt.frames > frames);
    ASSERT_INT_EQ(SCREEN_THANKS, app_screen(rt.app));
    ASSERT_INT_EQ(1, pending());
    ASSERT(rt.app->receipt.ref[0] != '\0');
    ASSERT(frame_has_text(app_frame(rt.app), rt.app->receipt.ref));
    runtime_close(&rt);
}

TEST(send_is_answered_by_a_sending_frame_then_thanks_after_the_commit)
{
    check_sending_then_thanks("1280", 1280, 800);
    if (harness_current_failed)
        return;
    check_sending_then_thanks("1920", 1920, 1080);
}

/* A commit that fails: "Sending..." then save-error, never thanks, nothing stored; "Try again" once
 * the disk works is sent the same way and stores one request. */
TEST(a_failed_commit_shows_save_error_never_thanks)
{
    char err[256];

    if (open_kiosk("fault", 1280, 800) != 0 || to_review() != 0)
        FAIL_AT("cannot reach the review");
    ASSERT_INT_EQ(0, app_db_fault(rt.app, QUEUE_FAULT_SYNC, err, sizeof err));
    ASSERT(tap("Send request") == 0);
    ASSERT_INT_EQ(SCREEN_REVIEW, app_screen(rt.app));
    ASSERT(frame_has_text(app_frame(rt.app), "Sending…"));
    runtime_update(&rt, now);
    ASSERT_INT_EQ(SCREEN_SAVE_ERROR, app_screen(rt.app));
    ASSERT(!frame_has_text(app_frame(rt.app), "Sending…"));
    settle(1000);
    ASSERT_INT_EQ(SCREEN_SAVE_ERROR, app_screen(rt.app));
    ASSERT_INT_EQ(0, app_db_fault(rt.app, QUEUE_FAULT_NONE, err, sizeof err));
    ASSERT_INT_EQ(0, pending());
    ASSERT(tap("Try again") == 0);
    ASSERT_INT_EQ(SCREEN_SAVE_ERROR, app_screen(rt.app));
    ASSERT(frame_has_text(app_frame(rt.app), "Sending…"));
    ASSERT_INT_EQ(0, pending());
    runtime_update(&rt, now);
    ASSERT_INT_EQ(SCREEN_THANKS, app_screen(rt.app));
    ASSERT_INT_EQ(1, pending());
    runtime_close(&rt);
}

/* Taps that come while the request is shown being sent: the commit happens first (once), and they
 * land on what follows; a second tap on "Send request" makes no second row. */
TEST(taps_while_sending_make_one_row)
{
    const struct frame *f;
    struct rect r;
    int i;

    if (open_kiosk("double", 1280, 800) != 0 || to_review() != 0)
        FAIL_AT("cannot reach the review");
    f = app_frame(rt.app);
    i = frame_find_widget(f, "Send request");
    ASSERT(i >= 0);
    r = f->widgets[i].r;
    input(INPUT_POINTER_DOWN, r.x + r.w / 2, r.y + r.h / 2);
    input(INPUT_POINTER_UP, r.x + r.w / 2, r.y + r.h / 2);
    ASSERT(app_send_due(rt.app));
    /* the second tap's events, queued before the loop came back */
    platform_inject_pointer(rt.platform, INPUT_POINTER_DOWN, r.x + r.w / 2, r.y + r.h / 2, 1);
    platform_inject_pointer(rt.platform, INPUT_POINTER_UP, r.x + r.w / 2, r.y + r.h / 2, 1);
    runtime_pump(&rt, now);
    runtime_update(&rt, now);
    settle(1000);
    ASSERT_INT_EQ(SCREEN_THANKS, app_screen(rt.app));
    ASSERT_INT_EQ(1, pending());
    runtime_close(&rt);
}

int main(int argc, char **argv)
{
    const char *out = getenv("KIOSK_OUT");

    BEGIN(argc, argv);
    snprintf(out_dir, sizeof out_dir, "%s", out ? out : "tests/out");
    RUN(send_is_answered_by_a_sending_frame_then_thanks_after_the_commit);
    RUN(a_failed_commit_shows_save_error_never_thanks);
    RUN(taps_while_sending_make_one_row);
    END();
}
