/* What a client typed leaves nothing in the platform's text cache once their visit ends, while the
 * content's and the wording's words stay for the next client. A whole enquiry in Chinese is walked
 * on a headless kiosk; every line drawn that shows the client's name, number or reference (found by
 * its letters, whatever flags the app gave it) is noted with its size and flags, as are the words
 * of the name and the number; once the visit has ended, the cache must hold no ink and no width of
 * any of them. A second visit must then make little but the new client's own text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "keyboard.h"
#include "runtime.h"

#define LABEL_MAX 256

struct client { const char *name, *phone; };

static struct runtime rt;
static uint64_t now = 1000000;

static void look(void);

static void settle(uint64_t ms)
{
    uint64_t target = now + ms;

    runtime_update(&rt, now);
    look();
    while (now < target) {
        uint64_t next = app_next_deadline(rt.app);
        now = next <= now ? now + 1 : next < target ? next : target;
        runtime_update(&rt, now);
        look();
    }
}

/* Taps the control labelled label (a message's name when it starts with '='); 0 when there is none. */
static int tap(const char *label)
{
    char buf[LABEL_MAX];
    const struct frame *f = &rt.app->frame;
    struct rect r;
    int i;

    if (label[0] == '=')
        label = wording_text(rt.app->words, wording_find(label + 1));
    snprintf(buf, sizeof buf, "%s", label);
    runtime_update(&rt, now);
    i = frame_find_widget(f, buf);
    if (i < 0) {
        fprintf(stderr, "  no control \"%s\" on %s\n", buf, app_screen_name(rt.app->screen));
        return 0;
    }
    r = f->widgets[i].r;
    platform_inject_pointer(rt.platform, INPUT_POINTER_DOWN, r.x + r.w / 2, r.y + r.h / 2, 1);
    runtime_pump(&rt, now);
    runtime_update(&rt, now);
    look();
    settle(80);
    platform_inject_pointer(rt.platform, INPUT_POINTER_UP, r.x + r.w / 2, r.y + r.h / 2, 1);
    runtime_pump(&rt, now);
    runtime_update(&rt, now);
    look();
    settle(300);
    return 1;
}

/* Types s key by key on the on-screen keyboard, as a person would. */
static int type(const char *s)
{
    struct keyboard_step steps[128];
    struct app *a = rt.app;
    char err[256];
    int n = keyboard_plan_in(a->kb.set, a->kb.kind, s, steps, (int)(sizeof steps / sizeof steps[0]), err, sizeof err);

    if (n < 0) {
        fprintf(stderr, "  cannot type \"%s\": %s\n", s, err);
        return 0;
    }
    for (int i = 0; i < n; i++)
        if (!tap(keyboard_key_label(&keyboard_layout_in(a->kb.set, steps[i].kind)->keys[steps[i].key], a->words)))
            return 0;
    return 1;
}

#define NOTED_MAX 512

/* A line drawn or measured that shows a client's own text. */
struct noted { char text[128]; int px, flags; };

static struct noted noted[NOTED_MAX];
static int nnoted;
static const struct client *shown_client;

static void note(const char *text, int len, int px, int flags)
{
    if (nnoted == NOTED_MAX || len <= 0 || len >= (int)sizeof noted[0].text)
        return;
    for (int i = 0; i < nnoted; i++)
        if (noted[i].px == px && noted[i].flags == flags && strncmp(noted[i].text, text, (size_t)len) == 0 &&
            noted[i].text[len] == '\0')
            return;
    memcpy(noted[nnoted].text, text, (size_t)len);
    noted[nnoted].text[len] = '\0';
    noted[nnoted].px = px;
    noted[nnoted++].flags = flags;
}

/* Whether the line shows what the client typed or was given: a field's text with its caret, one of
 * their details whole, or their reference. */
static int theirs(const char *line, int len)
{
    const char *values[] = { shown_client->name, shown_client->phone, rt.app->receipt.ref };
    char s[128];

    if (len <= 0 || len >= (int)sizeof s)
        return 0;
    memcpy(s, line, (size_t)len);
    s[len] = '\0';
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        size_t n = strlen(values[i]);
        if (n > 0 && (strcmp(s, values[i]) == 0 || strstr(s, values[i])))
            return 1;
        if (s[len - 1] == '|' && len > 1 && strncmp(values[i], s, (size_t)len - 1) == 0)
            return 1;
    }
    return 0;
}

/* Notes what of the client's the frame just drawn shows, and the words of their details at the
 * same size and flags (the layout measures words alone). */
static void look(void)
{
    const struct frame *f = &rt.app->frame;

    for (int i = 0; i < f->ncmds; i++) {
        const struct draw_cmd *c = &f->cmds[i];
        if (c->kind != DRAW_TEXT || !theirs(c->text, c->len))
            continue;
        note(c->text, c->len, c->font_px, c->bold);
        for (const char *v = shown_client->name; *v; ) {
            size_t n = strcspn(v, " ");
            note(v, (int)n, c->font_px, c->bold);
            v += n + (v[n] == ' ');
        }
    }
}

/* How many of the noted lines the platform's cache holds (ink or width). */
static int held(void)
{
    int n = 0;

    for (int i = 0; i < nnoted; i++)
        n += platform_text_holds(rt.platform, noted[i].px, noted[i].flags, noted[i].text, (int)strlen(noted[i].text)) != 0;
    return n;
}

/* One client's enquiry in Chinese, from attract to the end of thanks. Sets *during to how many of
 * their noted lines the cache held on thanks, and *after to how many it holds once the visit has ended. */
static int visit(const struct client *c, int *during, int *after)
{
    static const char *const before_form[] = {
        "\xE4\xB8\xAD\xE6\x96\x87", "=attract.start", "=button.screening", "=answer.no", "=answer.no",
        "=answer.no", "=answer.no", "=answer.no", "=answer.no", "=button.request", "=form.name",
    };
    int ok = 1;

    shown_client = c;
    nnoted = 0;
    for (size_t i = 0; ok && i < sizeof before_form / sizeof before_form[0]; i++)
        ok = tap(before_form[i]);
    ok = ok && type(c->name) && tap("=key.next") && type(c->phone) && tap("=key.done") && tap("=time.afternoon") &&
         tap("=form.consent") && tap("=button.review") && rt.app->screen == SCREEN_REVIEW && tap("=button.send") &&
         rt.app->screen == SCREEN_THANKS;
    if (!ok)
        return 0;
    *during = held();
    ok = tap("=thanks.done");
    settle(1000);
    *after = held();
    return ok && rt.app->screen == SCREEN_ATTRACT;
}

TEST(a_client_leaves_nothing_of_theirs_in_the_text_cache)
{
    static const struct client clients[] = { { "Zoe Example", "07700 900123" }, { "Kim Another", "07700 900456" } };
    const char *out = getenv("KIOSK_OUT") ? getenv("KIOSK_OUT") : "tests/out";
    struct runtime_options o = { .content_dir = "content", .width = 1280, .height = 800, .headless = 1 };
    char db[512], conf[512], err[512];
    unsigned long made, reused, made_again, reused_again;
    int during, after, cached, noted_first;
    FILE *f;

    snprintf(db, sizeof db, "%s/tmp/client-text.db", out);
    snprintf(conf, sizeof conf, "%s/tmp/client-text.conf", out);
    remove(db);
    f = fopen(conf, "w");
    ASSERT(f != NULL);
    fclose(f);
    o.db_path = db;
    o.config_path = conf;
    if (runtime_open(&rt, &o, now, err, sizeof err) != 0)
        FAIL_AT("%s", err);
    runtime_update(&rt, now);
    if (!visit(&clients[0], &during, &after)) {
        runtime_close(&rt);
        FAIL_AT("the first visit did not go through (on %s)", app_screen_name(rt.app->screen));
    }
    noted_first = nnoted;
    platform_text_stats(rt.platform, &made, &reused, &cached);
    if (noted_first < 20 || during < 10 || after != 0) {
        runtime_close(&rt);
        FAIL_AT("first client: %d lines of theirs noted, %d held on thanks, %d held after the visit (expected 0)",
                noted_first, during, after);
    }
    if (!visit(&clients[1], &during, &after)) {
        runtime_close(&rt);
        FAIL_AT("the second visit did not go through (on %s)", app_screen_name(rt.app->screen));
    }
    platform_text_stats(rt.platform, &made_again, &reused_again, &cached);
    runtime_close(&rt);
    ASSERT_INT_EQ(0, after);
    /* The second visit made the new client's lines (about as many as were noted) and a few more, not
     * the Chinese screens again. */
    if (made_again - made > (unsigned long)nnoted + 10)
        FAIL_AT("the second visit made %lu lines for %d of the client's own", made_again - made, nnoted);
    ASSERT(reused_again - reused > 100);
}

int main(int argc, char **argv)
{
    BEGIN(argc, argv);
    RUN(a_client_leaves_nothing_of_theirs_in_the_text_cache);
    END();
}
