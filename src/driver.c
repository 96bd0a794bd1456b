/* driver: executes replay commands; time only moves when the script says so. */
#include "driver.h"

#include <errno.h>
#include <malloc.h>
#include <stdarg.h>
#include <string.h>
#include <time.h>

#include "keyboard.h"
#include "platform.h"
#include "queue.h"

#define TAP_MS       80     /* how long a finger rests on the glass for a tap */
#define DRAG_STEPS   12
#define DRAG_STEP_MS 16

struct drv {
    struct runtime *rt;
    const struct driver_options *o;
    const struct replay_cmd *cmd;
    uint64_t now;
    char msg[2048];
};

static int stopping(const struct drv *d)
{
    int status;

    return app_stopping(d->rt->app, &status);
}

static int failf(struct drv *d, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(d->msg, sizeof d->msg, fmt, ap);
    va_end(ap);
    return -1;
}

/* Moves the virtual clock to target, firing each timer at its own time. */
static void advance(struct drv *d, uint64_t target)
{
    runtime_update(d->rt, d->now);
    while (d->now < target) {
        uint64_t next = app_next_deadline(d->rt->app);
        if (next <= d->now)
            next = d->now + 1;
        d->now = next < target ? next : target;
        runtime_update(d->rt, d->now);
    }
}

/* The frame an input leads to; then, as the live loop does at once, a request it showed being sent
 * is committed and thanks (or save-error) drawn, before the script goes on. */
static void input_to_frame(struct drv *d)
{
    runtime_pump(d->rt, d->now);
    runtime_update(d->rt, d->now);
    if (app_send_due(d->rt->app))
        runtime_update(d->rt, d->now);
}

static void pointer(struct drv *d, enum input_kind kind, int x, int y, int touch)
{
    platform_inject_pointer(d->rt->platform, kind, x, y, touch);
    input_to_frame(d);
}

static void press(struct drv *d, int x, int y, uint64_t ms, int touch)
{
    pointer(d, INPUT_POINTER_DOWN, x, y, touch);
    advance(d, d->now + ms);
    pointer(d, INPUT_POINTER_UP, x, y, touch);
}

/* The centre of the one visible control labelled label. */
static int find(struct drv *d, const char *label, int *x, int *y)
{
    const struct frame *f = app_frame(d->rt->app);
    int i;
    size_t used = 0;
    char list[1024] = "";

    runtime_update(d->rt, d->now);
    i = frame_find_widget(f, label);
    if (i >= 0) {
        *x = f->widgets[i].r.x + f->widgets[i].r.w / 2;
        *y = f->widgets[i].r.y + f->widgets[i].r.h / 2;
        return 0;
    }
    for (int k = 0; k < f->nwidgets && used < sizeof list - 1; k++)
        if (frame_widget_visible(f, k))
            used += (size_t)snprintf(list + used, sizeof list - used, "%s\"%s\"", used ? ", " : "",
                                     f->widgets[k].label);
    return failf(d, "expected %s control \"%s\" on %s, found %s: %s", i == -2 ? "one" : "a", label,
                 app_screen_name(app_screen(d->rt->app)), i == -2 ? "several" : "none of that label",
                 f->nwidgets ? list : "(no controls)");
}

static void drag(struct drv *d, const int *n)
{
    pointer(d, INPUT_POINTER_DOWN, n[0], n[1], 1);
    for (int i = 1; i <= DRAG_STEPS; i++) {
        advance(d, d->now + DRAG_STEP_MS);
        pointer(d, INPUT_POINTER_MOVE, n[0] + (n[2] - n[0]) * i / DRAG_STEPS, n[1] + (n[3] - n[1]) * i / DRAG_STEPS, 1);
    }
    pointer(d, INPUT_POINTER_UP, n[2], n[3], 1);
}

/* Physical-keyboard text, in pieces that fit an SDL text event, split between characters. */
static void text(struct drv *d, const char *s)
{
    size_t len = strlen(s);

    while (len > 0) {
        char piece[32];
        size_t n = len < sizeof piece - 1 ? len : sizeof piece - 1;
        while (n < len && n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
        if (n == 0)
            n = len < sizeof piece - 1 ? len : sizeof piece - 1;
        memcpy(piece, s, n);
        piece[n] = '\0';
        platform_inject_text(d->rt->platform, piece);
        runtime_pump(d->rt, d->now);
        s += n;
        len -= n;
    }
    input_to_frame(d);
}

static int shot(struct drv *d, const char *name)
{
    char path[1024], err[512];

    snprintf(path, sizeof path, "%s/%s.png", d->o->shots_dir ? d->o->shots_dir : ".", name);
    runtime_update(d->rt, d->now);
    runtime_pictures_settle(d->rt, d->now);
    if (platform_save_png(d->rt->platform, path, err, sizeof err) != 0)
        return failf(d, "%s", err);
    return 0;
}

static int golden(struct drv *d, const char *name)
{
    char path[1024], err[512];
    double share;

    if (!d->o->golden_dir)
        return failf(d, "expect-golden needs --golden DIR");
    snprintf(path, sizeof path, "%s/%s.png", d->o->golden_dir, name);
    runtime_update(d->rt, d->now);
    runtime_pictures_settle(d->rt, d->now);
    if (d->o->update_golden)
        return platform_save_png(d->rt->platform, path, err, sizeof err) == 0 ? 0 : failf(d, "%s", err);
    share = platform_compare_png(d->rt->platform, path, err, sizeof err);
    if (share < 0)
        return failf(d, "%s (make golden writes the references)", err);
    if (share > 0.005) {
        char errname[300];
        snprintf(errname, sizeof errname, "%s_err", name);
        shot(d, errname);
        return failf(d, "expected the screen to match %s, found %.2f%% of pixels differ (see %s/%s.png)",
                     path, share * 100, d->o->shots_dir ? d->o->shots_dir : ".", errname);
    }
    return 0;
}

static void print_widgets(struct drv *d)
{
    const struct frame *f = app_frame(d->rt->app);

    runtime_update(d->rt, d->now);
    for (int i = 0; i < f->nwidgets; i++)
        if (frame_widget_visible(f, i))
            fprintf(d->o->out, "widget\t%s\t%d\t%d\t%d\t%d\n", f->widgets[i].label, f->widgets[i].r.x,
                f->widgets[i].r.y, f->widgets[i].r.w, f->widgets[i].r.h);
    fflush(d->o->out);
}

static void print_texts(struct drv *d)
{
    const struct frame *f = app_frame(d->rt->app);

    runtime_update(d->rt, d->now);
    /* A picture's words are listed as "picture" lines, so that "text" lines stay what is written. */
    for (int i = 0; i < f->ntexts; i++)
        if (!(f->texts[i].flags & FRAME_TEXT_HIDDEN))
            fprintf(d->o->out, "%s\t%s\t%d\t%d\t%d\t%d\n", f->texts[i].flags & FRAME_TEXT_PICTURE ? "picture" : "text",
                    f->texts[i].text, f->texts[i].r.x, f->texts[i].r.y, f->texts[i].r.w, f->texts[i].r.h);
    fflush(d->o->out);
}

static int expect_text(struct drv *d, const char *s, int want)
{
    const struct frame *f = app_frame(d->rt->app);

    runtime_update(d->rt, d->now);
    if (frame_has_text(f, s) == want)
        return 0;
    return failf(d, want ? "expected text \"%s\" on %s, found it nowhere on screen"
                         : "expected no text \"%s\" on %s, found it on screen",
                 s, app_screen_name(app_screen(d->rt->app)));
}

/* The picture whose words are s is on screen where the frame says, in colour rgb: once every
 * picture is made, 98% of the pixels inside its place (less its rounded corners) are that colour. */
static int expect_picture(struct drv *d, const char *s, unsigned rgb)
{
    const struct frame *f = &d->rt->app->frame;
    char err[512], list[512] = "";
    size_t used = 0;
    unsigned common;
    double share;

    runtime_update(d->rt, d->now);
    runtime_pictures_settle(d->rt, d->now);
    for (int i = 0; i < f->ntexts; i++) {
        struct rect r = f->texts[i].r;
        int inset = (r.w < r.h ? r.w : r.h) / 6;
        if (!(f->texts[i].flags & FRAME_TEXT_PICTURE))
            continue;
        if (strcmp(f->texts[i].text, s) != 0) {
            if (used < sizeof list - 1)
                used += (size_t)snprintf(list + used, sizeof list - used, "%s\"%s\"", used ? ", " : "", f->texts[i].text);
            continue;
        }
        r = (struct rect){ r.x + inset, r.y + inset, r.w - 2 * inset, r.h - 2 * inset };
        share = platform_colour_share(d->rt->platform, r, rgb, 12, &common, err, sizeof err);
        if (share < 0)
            return failf(d, "%s", err);
        if (share < 0.98)
            return failf(d, "expected the picture \"%s\" in #%06X at %d,%d %dx%d, found %.1f%% of its pixels so "
                         "(most are #%06X)", s, rgb, f->texts[i].r.x, f->texts[i].r.y, f->texts[i].r.w,
                         f->texts[i].r.h, share * 100, common);
        return 0;
    }
    return failf(d, "expected the picture \"%s\" on %s, found %s", s, app_screen_name(d->rt->app->screen),
                 used ? list : "no picture");
}

/* Types text by tapping the on-screen keyboard's keys, switching pages as a person would. */
static int type(struct drv *d, const char *s)
{
    static struct keyboard_step steps[4096];
    const struct keyboard_set *set;
    enum keyboard_kind kind;
    char err[256];
    int n, x, y;

    runtime_update(d->rt, d->now);
    if (!app_typing(d->rt->app, &kind))
        return failf(d, "type needs a text field in focus on the form (tap the field first), found %s",
                     app_screen_name(app_screen(d->rt->app)));
    set = app_keyboard(d->rt->app)->set;
    n = keyboard_plan_in(set, kind, s, steps, (int)(sizeof steps / sizeof steps[0]), err, sizeof err);
    if (n < 0)
        return failf(d, "cannot type \"%s\": %s", s, err);
    for (int i = 0; i < n; i++) {
        const struct keyboard_layout *l = keyboard_layout_in(set, steps[i].kind);
        if (!app_typing(d->rt->app, &kind) || kind != steps[i].kind)
            return failf(d, "expected the %s keyboard before key %d, found %s", l->name, i + 1,
                         app_typing(d->rt->app, &kind) ? keyboard_layout_in(set, kind)->name : "none");
        if (find(d, keyboard_key_label(&l->keys[steps[i].key], app_wording(d->rt->app)), &x, &y) != 0)
            return -1;
        press(d, x, y, TAP_MS, 1);
    }
    return 0;
}

/* expect-said / expect-not-said: what Read aloud said since the screen last changed. A failure
 * quotes the utterances as the trace shows them, never a client's details. */
static int expect_said(struct drv *d, const char *s, int want)
{
    const struct speech *sp = &d->rt->app->speech;
    char list[1536] = "";
    size_t used = 0;

    runtime_update(d->rt, d->now);
    if (speech_said(sp, s) == want)
        return 0;
    for (int i = 0; speech_said_shown(sp, i) && used < sizeof list - 1; i++)
        used += (size_t)snprintf(list + used, sizeof list - used, "%s\"%s\"", i ? ", " : "", speech_said_shown(sp, i));
    if (want)
        return failf(d, "expected \"%s\" said on %s, found %s", s, app_screen_name(d->rt->app->screen),
                     !sp->on ? "Read aloud off" : list[0] ? list : "nothing said");
    return failf(d, "expected \"%s\" not said on %s, found it said", s, app_screen_name(d->rt->app->screen));
}

/* expect-focus: the control the focus ring is on. */
static int expect_focus(struct drv *d, const char *label)
{
    const struct frame *f = &d->rt->app->frame;
    unsigned id = d->rt->app->access.focus;

    runtime_update(d->rt, d->now);
    for (int i = 0; id && i < f->nwidgets; i++)
        if (f->widgets[i].id == id) {
            if (strcmp(f->widgets[i].label, label) == 0)
                return 0;
            return failf(d, "expected the focus on \"%s\" on %s, found it on \"%s\"", label,
                         app_screen_name(d->rt->app->screen),
                         f->widgets[i].role == FRAME_ROLE_KEY ? "(a key)" : f->widgets[i].label);
        }
    return failf(d, "expected the focus on \"%s\" on %s, found no focus", label, app_screen_name(d->rt->app->screen));
}

/* Really waits for Read aloud to finish, so that its sound reaches the audio device (tests of SDL's
 * disk driver). The virtual clock stands still. */
static int wait_speech(struct drv *d)
{
    struct timespec ts = { 0, 10 * 1000000L };

    runtime_update(d->rt, d->now);
    for (int i = 0; i < 3000; i++) {
        if (!runtime_speaking(d->rt))
            return 0;
        nanosleep(&ts, NULL);
    }
    return failf(d, "Read aloud was still speaking after 30 s");
}

static int db_fault(struct drv *d, const char *name)
{
    static const struct { const char *name; enum queue_fault fault; } faults[] = {
        { "none", QUEUE_FAULT_NONE }, { "write", QUEUE_FAULT_WRITE }, { "sync", QUEUE_FAULT_SYNC },
        { "full", QUEUE_FAULT_FULL },
    };

    char err[512];

    for (size_t i = 0; i < sizeof faults / sizeof faults[0]; i++)
        if (strcmp(faults[i].name, name) == 0)
            return app_db_fault(d->rt->app, faults[i].fault, err, sizeof err) == 0 ? 0
                 : failf(d, "db-fault needs an open database, found none: %s", err);
    return failf(d, "unknown fault '%s' (none, write, sync, full)", name);
}

static uint64_t next_random(uint64_t *state)
{
    /* xorshift64*: small, fast and the same on every machine for a given seed. */
    *state ^= *state >> 12;
    *state ^= *state << 25;
    *state ^= *state >> 27;
    return *state * 2685821657736338717ULL;
}

/* Resident memory in KiB, from /proc/self/statm (0 when it cannot be read). */
static long resident_kib(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    long pages = 0, rss = 0;

    if (f) {
        if (fscanf(f, "%ld %ld", &pages, &rss) != 2)
            rss = 0;
        fclose(f);
    }
    return rss * 4;
}

/* One random thing a person (or a cat) might do to the screen. */
static void monkey_event(struct drv *d, uint64_t *rng)
{
    static const char *const texts[] = { "a", "Z", "\xC3\xA9", "7", "+", "@", " ", "'", "\xF0\x9F\x98\x80", "x.y" };
    static const enum input_key keys[] = { KEY_BACKSPACE, KEY_RETURN, KEY_TAB, KEY_ESCAPE, KEY_UP, KEY_DOWN };
    const struct frame *f = app_frame(d->rt->app);
    unsigned r = (unsigned)(next_random(rng) % 100);
    int w = f->w > 0 ? f->w : 1, h = f->h > 0 ? f->h : 1;
    int x = (int)(next_random(rng) % (unsigned)w), y = (int)(next_random(rng) % (unsigned)h), seen = 0;

    for (int i = 0; i < f->nwidgets; i++)
        seen += frame_widget_visible(f, i);
    if (r < 45 && seen > 0) {
        /* Mostly the controls on screen, so that the monkey travels through every screen. */
        int pick = (int)(next_random(rng) % (unsigned)seen), i = 0;
        for (;; i++)
            if (frame_widget_visible(f, i) && pick-- == 0)
                break;
        press(d, f->widgets[i].r.x + f->widgets[i].r.w / 2, f->widgets[i].r.y + f->widgets[i].r.h / 2, TAP_MS,
              (r & 1) == 0);
    } else if (r < 70) {
        press(d, x, y, TAP_MS, 1);
    } else if (r < 78) {
        int n[4] = { x, y, (int)(next_random(rng) % (unsigned)w), (int)(next_random(rng) % (unsigned)h) };
        drag(d, n);
    } else if (r < 82) {
        press(d, x % (w / 8 + 1), y % (h / 8 + 1), next_random(rng) % 4000, 1);
    } else if (r < 90) {
        text(d, texts[next_random(rng) % (sizeof texts / sizeof texts[0])]);
    } else if (r < 96) {
        platform_inject_key(d->rt->platform, keys[next_random(rng) % (sizeof keys / sizeof keys[0])]);
        input_to_frame(d);
    } else {
        advance(d, d->now + next_random(rng) % 90000);
    }
}

/* Memory once the kiosk has stood untouched long enough for any visit to end (idle reset,
 * thank-you or staff timeout) and Read aloud has done what the end asked of it, with freed memory
 * handed back to the system. What the platform keeps across visits is bounded but depends on where
 * the monkey went: the text's ink (PTEXT_BUDGET) and the faces opened at each size (at most
 * PTEXT_MAX_FONTS, about 200 KiB each), filled as visits reach new screens, text sizes and
 * languages. So memory is read as left, and then once both are dropped and made again for the
 * screens a visit starts with, as after a visit: the same state each time, whatever the monkey did. */
struct reading {
    long resident;      /* KiB resident, after the text and faces were made again */
    long in_use;        /* KiB malloc has handed out and not had back (every arena, mmapped too) */
    long left;          /* KiB resident as the monkey left it */
    int faces;          /* faces open then */
};

static long in_use_kib(void)
{
    struct mallinfo2 m = mallinfo2();

    return (long)((m.uordblks + m.hblkhd) / 1024);
}

static int settle(struct drv *d, struct reading *r)
{
    struct app *a = d->rt->app;

    d->rt->skip_pixels = 0;
    advance(d, d->now + 10 * 60 * 1000);
    if (wait_speech(d) != 0)
        return -1;
    malloc_trim(0);
    r->left = resident_kib();
    r->faces = platform_close_fonts(d->rt->platform);
    a->forget_text = 1;     /* as at a visit's end: the text dropped, that of the first screens made again */
    a->dirty = 1;
    runtime_update(d->rt, d->now);
    /* A visit's end keeps every public text's ink that fits PTEXT_BUDGET (the content's and the
     * wording's words in each language seen so far): a cache filling to its bound, not a leak.
     * The readings leave it out, so that what they compare is what nothing bounds. */
    platform_forget_text(d->rt->platform);
    malloc_trim(0);
    r->resident = resident_kib();
    r->in_use = in_use_kib();
    return 0;
}

/* COUNT random events from seed; after all of them, memory in use must stay within 64 KiB of what
 * it was after the first quarter (nothing leaks: 4 bytes an event would show), and resident memory
 * within 1 MiB (what malloc's own pages hold besides, and anything not from malloc), each read once
 * the kiosk has settled on attract. */
static int monkey(struct drv *d, int seed, int count)
{
    uint64_t rng = (uint64_t)seed * 0x9E3779B97F4A7C15ULL + 1;
    struct reading early = { 0 }, late;
    char figures[400];

    if (count < 1)
        return failf(d, "monkey needs a count of 1 or more");
    for (int i = 0; i < count; i++) {
        /* Every frame is laid out; one in four also becomes pixels, which keeps 20,000 events quick. */
        d->rt->skip_pixels = i % 4 != 0;
        monkey_event(d, &rng);
        if (stopping(d))
            return failf(d, "monkey (seed %d) made the app quit at event %d", seed, i + 1);
        if (i + 1 == count / 4 && settle(d, &early) != 0)
            return -1;
    }
    if (settle(d, &late) != 0)
        return -1;
    snprintf(figures, sizeof figures, "resident %ld KiB after %d, %ld KiB after %d; in use %ld KiB, %ld KiB; "
             "as left %ld KiB with %d faces open, %ld KiB with %d", early.resident, count / 4, late.resident, count,
             early.in_use, late.in_use, early.left, early.faces, late.left, late.faces);
#ifndef __SANITIZE_ADDRESS__
    /* (AddressSanitizer holds freed memory back on purpose, so there the figure means nothing.) */
    if (late.in_use - early.in_use > 64)
        return failf(d, "monkey (seed %d): memory in use grew by more than 64 KiB: %s", seed, figures);
    /* Resident memory also counts pages malloc holds but cannot hand back (fragmentation): with
     * nothing growing in use, seeds read +0.6 to +1.0 MiB here, so its bound is 1.5 MiB; a leak is
     * caught by the figure in use above, 16 times tighter. */
    if (early.resident > 0 && late.resident - early.resident > 1536)
        return failf(d, "monkey (seed %d): resident memory grew by more than 1.5 MiB: %s", seed, figures);
#endif
    fprintf(d->o->out, "monkey\tseed %d\t%d events\t%lu frames\t%s\n", seed, count, d->rt->frames, figures);
    return 0;
}

static int run_one(struct drv *d, const struct replay_cmd *c, int first)
{
    uint64_t ms = (uint64_t)(c->seconds * 1000.0 + 0.5);
    char err[512];
    int x, y;

    switch (c->op) {
    case OP_SIZE:
        if (!first)
            return failf(d, "size must come before anything else");
        if (c->n[0] < 200 || c->n[1] < 200 || c->n[0] > 8192 || c->n[1] > 8192)
            return failf(d, "size %d %d is out of range (200 to 8192)", c->n[0], c->n[1]);
        if (platform_resize(d->rt->platform, c->n[0], c->n[1], err, sizeof err) != 0)
            return failf(d, "%s", err);
        app_event(d->rt->app, &(struct input_event){ .kind = INPUT_EXPOSE }, d->now);
        runtime_update(d->rt, d->now);
        return 0;
    case OP_TAP:
        if (find(d, c->str, &x, &y) != 0)
            return -1;
        press(d, x, y, TAP_MS, 1);
        return 0;
    case OP_TAP_WORD: {
        enum wording_id id = wording_find(c->str);
        if (id == MSG_NONE)
            return failf(d, "tap-word: there is no message '%s' (see content/wording.txt)", c->str);
        if (find(d, wording_text(app_wording(d->rt->app), id), &x, &y) != 0)
            return -1;
        press(d, x, y, TAP_MS, 1);
        return 0;
    }
    case OP_TAP_AT:
    case OP_MOUSE_TAP_AT:
        press(d, c->n[0], c->n[1], TAP_MS, c->op == OP_TAP_AT);
        return 0;
    case OP_HOLD:
        if (find(d, c->str, &x, &y) != 0)
            return -1;
        press(d, x, y, ms, 1);
        return 0;
    case OP_HOLD_AT:
        press(d, c->n[0], c->n[1], ms, 1);
        return 0;
    case OP_DRAG:
        drag(d, c->n);
        return 0;
    case OP_TEXT:
        text(d, c->str);
        return 0;
    case OP_KEY:
        if (input_key_from_name(c->str) == KEY_NONE)
            return failf(d, "unknown key '%s' (backspace, return, tab, shift-tab, escape, space, up, down, left, "
                         "right, pageup, pagedown, kp0, kp2, kp4, kp5, kp6, kp8, kpplus, kpminus, kpmultiply, "
                         "kpdivide, f5 to f9, other)", c->str);
        platform_inject_key(d->rt->platform, input_key_from_name(c->str));
        input_to_frame(d);
        return 0;
    case OP_WAIT:
        advance(d, d->now + ms);
        return 0;
    case OP_SLEEP: {
        struct timespec ts = { (time_t)(ms / 1000), (long)(ms % 1000) * 1000000L };
        fflush(stdout);
        while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
            ;
        return 0;
    }
    case OP_SHOT:
        return shot(d, c->str);
    case OP_EXPECT_GOLDEN:
        return golden(d, c->str);
    case OP_EXPECT_SCREEN:
        runtime_update(d->rt, d->now);
        if (strcmp(app_screen_name(app_screen(d->rt->app)), c->str) == 0)
            return 0;
        return failf(d, "expected screen %s, found %s", c->str, app_screen_name(app_screen(d->rt->app)));
    case OP_EXPECT_TEXT:
    case OP_EXPECT_NO_TEXT:
        return expect_text(d, c->str, c->op == OP_EXPECT_TEXT);
    case OP_WIDGETS:
        print_widgets(d);
        return 0;
    case OP_TEXTS:
        print_texts(d);
        return 0;
    case OP_DOUBLE_TAP:
        if (find(d, c->str, &x, &y) != 0)
            return -1;
        press(d, x, y, TAP_MS, 1);
        advance(d, d->now + 60);
        press(d, x, y, TAP_MS, 1);
        return 0;
    case OP_TYPE:
        return type(d, c->str);
    case OP_DB_FAULT:
        return db_fault(d, c->str);
    case OP_MONKEY:
        return monkey(d, c->n[0], c->n[1]);
    case OP_EXPECT_PICTURE:
        return expect_picture(d, c->str, (unsigned)c->n[0]);
    case OP_EXPECT_SAID:
    case OP_EXPECT_NOT_SAID:
        return expect_said(d, c->str, c->op == OP_EXPECT_SAID);
    case OP_WAIT_SPEECH:
        return wait_speech(d);
    case OP_EXPECT_FOCUS:
        return expect_focus(d, c->str);
    }
    return failf(d, "unknown command");
}

int driver_run(struct runtime *rt, const struct replay_script *s, const struct driver_options *o)
{
    struct drv d = { .rt = rt, .o = o, .now = app_clock(rt->app) };

    runtime_update(rt, d.now);
    for (int i = 0; i < s->n; i++) {
        d.cmd = &s->cmds[i];
        if (run_one(&d, d.cmd, i == 0) != 0) {
            fprintf(stderr, "%s:%d: %s\n", o->script_name, d.cmd->line, d.msg);
            return 1;
        }
        /* What the live loop does while no event waits, it does between two commands: a
         * script's first command meets the kiosk as its first frame left it. */
        while (runtime_idle(rt))
            ;
        if (stopping(&d))
            break;      /* the app was told to stop (staff's "Exit kiosk") */
    }
    return 0;
}
