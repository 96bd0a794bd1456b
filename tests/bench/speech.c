/* speech: Read aloud's response, measured inside this process on a headless kiosk with SDL's dummy
 * audio driver (which takes the sound buffer by buffer in real time, as a device does): from a key
 * queued to the first non-silent sample handed to the device. Time in the app is virtual; the
 * synthesiser and the audio run in real time on their own threads. */
#include "sections.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "runtime.h"

#define WARM_PRESSES    30
#define QUIET_PRESSES   3
#define LATENCY_LIMIT_MS 150.0
#define SPEAK_MS        400     /* between presses: the last one is being spoken */

static void sleep_ms(double ms)
{
    struct timespec ts = { (time_t)(ms / 1000), (long)((ms - (time_t)(ms / 1000) * 1000) * 1e6) };

    while (nanosleep(&ts, &ts) != 0)
        ;
}

/* Presses key at virtual time *now and returns the ms until a sound began after it (-1 when none
 * did within 2 s). */
static double press(struct runtime *rt, uint64_t *now, enum input_key key)
{
    double t0, began;

    *now += 500;
    runtime_update(rt, *now);
    platform_inject_key(rt->platform, key);
    t0 = report_now_ms();
    runtime_pump(rt, *now);
    runtime_update(rt, *now);
    while (report_now_ms() - t0 < 2000) {
        began = rt->audio ? platform_audio_sound_began(rt->audio) : 0;
        if (began > t0)
            return began - t0;
        sleep_ms(0.2);
    }
    return -1;
}

void bench_speech_latency(const struct bench_env *e, struct report *r)
{
    const char *figure = "Read aloud: key -> first non-silent sample";
    struct runtime_options o = { .content_dir = e->content, .config_path = e->config,
                                 .width = 1280, .height = 800, .headless = 1 };
    char db[BENCH_PATH_MAX + 32], err[512], name[96];
    struct samples warm, quiet;
    struct runtime rt;
    uint64_t now = 1000000;
    double cold;

    snprintf(db, sizeof db, "%s/speech.db", e->tmp);
    o.db_path = db;
    if (samples_init(&warm, WARM_PRESSES) != 0 || samples_init(&quiet, QUIET_PRESSES) != 0) {
        report_failed(r, figure, "out of memory");
        return;
    }
    if (runtime_open(&rt, &o, now, err, sizeof err) != 0) {
        report_failed(r, figure, "%s", err);
        goto out;
    }
    runtime_update(&rt, now);
    while (runtime_idle(&rt))
        ;
    /* The first key of a visit, on the welcome screen: eSpeak NG starts, home is drawn and read. */
    cold = press(&rt, &now, KEY_OTHER);
    if (cold < 0 || !rt.app->speech.on || rt.app->screen != SCREEN_HOME) {
        report_failed(r, figure, "a key on attract made no sound within 2 s");
        goto close;
    }
    snprintf(name, sizeof name, "%s, first key (eSpeak NG starts)", figure);
    report_below(r, name, cold, LATENCY_LIMIT_MS, "ms", 1);
    /* While it speaks: each key interrupts, and what it leads to (the screen again) is heard. */
    for (int i = 0; i < WARM_PRESSES; i++) {
        double ms;
        sleep_ms(SPEAK_MS);
        ms = press(&rt, &now, KEY_F5);
        if (ms < 0) {
            report_failed(r, figure, "press %d made no sound within 2 s", i + 1);
            goto close;
        }
        samples_add(&warm, ms);
    }
    snprintf(name, sizeof name, "%s, interrupting", figure);
    report_p50_p99(r, name, &warm, LATENCY_LIMIT_MS);
    /* After a quiet spell the device was let go: opening it again is part of the response. */
    for (int i = 0; i < QUIET_PRESSES; i++) {
        double ms;
        press(&rt, &now, KEY_OTHER);    /* interrupts, says nothing */
        sleep_ms(PLATFORM_AUDIO_LINGER_MS + 800);
        ms = press(&rt, &now, KEY_F5);
        if (ms < 0) {
            report_failed(r, figure, "a key after a quiet spell made no sound within 2 s");
            goto close;
        }
        samples_add(&quiet, ms);
    }
    snprintf(name, sizeof name, "%s, after a quiet spell", figure);
    report_p50_p99(r, name, &quiet, LATENCY_LIMIT_MS);
    report_info(r, "Read aloud: the device's buffer (heard within it)", "%.1f ms (SDL dummy driver)",
                platform_audio_buffer_ms(rt.audio));
close:
    runtime_close(&rt);
out:
    samples_free(&warm);
    samples_free(&quiet);
}
