/* tts: one worker thread owns eSpeak NG (which is not thread-safe) and speaks a queue of
 * utterances in its synchronous mode, 20 ms of sound at a time, into the sink. Once started,
 * eSpeak NG stays for the life of the process (about 6 MiB): its espeak_Terminate() can hang
 * for good when called soon after it started (1.51, its internal queue's thread). */
#include "tts.h"

#include <ctype.h>
#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>
#include <fcntl.h>
#include <math.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>
#include <time.h>
#include <unistd.h>

#define CHUNK_MS     20     /* sound handed to the sink at a time */
#define SETTLE_MS    250    /* how often an idle worker asks the sink whether it let its device go */
#define TONE_MAX_MS  2000
#define TONE_EDGE_MS 12     /* fade in and out, so a tone does not click */

enum item_kind { ITEM_SAY, ITEM_TONE, ITEM_SCRUB, ITEM_VOICE };

struct item {
    enum item_kind kind;
    unsigned token;             /* the stop count when it was queued: a later stop drops it */
    char voice[TTS_VOICE_MAX];  /* ITEM_SAY, ITEM_VOICE */
    int wpm;
    int spelled;                /* ITEM_SAY: character by character */
    int hz, ms;                 /* ITEM_TONE */
    char text[TTS_TEXT_MAX];    /* ITEM_SAY; wiped once spoken or dropped */
};

struct tts {
    struct tts_sink sink;
    char data_dir[512];         /* "" for eSpeak NG's own */

    /* Shared with the worker, under lock. */
    mtx_t lock;
    cnd_t wake;
    struct item queue[TTS_QUEUE];
    int head, count;
    int quit;                   /* the worker should end */
    int speaking;               /* the worker is on an item */
    atomic_uint stops;          /* bumped by every tts_stop(): the token of what is queued next */

    /* The worker's own. */
    thrd_t thread;
    int started;                /* eSpeak NG is initialised */
    int held;                   /* the sink was given sound and has not said it let its device go */
    char voice[TTS_VOICE_MAX];  /* the voice set in eSpeak NG, "" for none */
    int wpm;                    /* the rate set in eSpeak NG, 0 for none */
    char failed[256];           /* why eSpeak NG could not start ("" while it can) */
    struct item cur;            /* the item being spoken, out of the queue */
};

/* Wipes and forgets every queued item. Call with the lock held. */
static void drop_queue(struct tts *t)
{
    for (int i = 0; i < t->count; i++)
        sodium_memzero(t->queue[(t->head + i) % TTS_QUEUE].text, TTS_TEXT_MAX);
    t->head = t->count = 0;
}

/* eSpeak NG calls this with each CHUNK_MS of sound; returning 1 stops it. A spelled item (SSML) is
 * never stopped, however its sound was dropped (a stop seen here, or one the sink saw while it
 * waited for room): it is made to its end, unheard, as eSpeak NG 1.51 keeps about 1.3 KiB of each
 * SSML text cut short, for good. */
static int on_sound(short *pcm, int n, espeak_EVENT *events)
{
    struct tts *t = events ? events->user_data : NULL;
    int cut = t && t->cur.spelled ? 0 : 1;

    if (t && t->cur.kind == ITEM_SCRUB)
        return 0;       /* made to overwrite, never heard */
    if (!t || atomic_load(&t->stops) != t->cur.token)
        return cut;
    if (pcm && n > 0) {
        t->held = 1;
        if (t->sink.play(t->sink.ctx, pcm, n, t->cur.token) != 0)
            return cut;
    }
    return 0;
}

/* Starts eSpeak NG on first need. Returns 0, or -1 (why in t->failed, logged once). */
static int start(struct tts *t)
{
    int rate;

    if (t->started)
        return 0;
    rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, CHUNK_MS, t->data_dir[0] ? t->data_dir : NULL,
                             espeakINITIALIZE_DONT_EXIT);
    if (rate != TTS_SAMPLE_RATE) {
        char why[256];
        if (rate < 0)
            snprintf(why, sizeof why, "cannot start eSpeak NG: its voice data was not found in '%s'",
                     t->data_dir[0] ? t->data_dir : "its default place (package espeak-ng-data)");
        else
            snprintf(why, sizeof why, "cannot start eSpeak NG: it makes sound at %d Hz, not %d", rate, TTS_SAMPLE_RATE);
        if (strcmp(why, t->failed) != 0)
            fprintf(stderr, "kiosk: %s\n", why);
        snprintf(t->failed, sizeof t->failed, "%s", why);
        return -1;
    }
    t->failed[0] = '\0';
    espeak_SetSynthCallback(on_sound);
    t->started = 1;
    t->voice[0] = '\0';
    t->wpm = 0;
    return 0;
}

/* Sets voice, falling back to English (said once in the log). */
static void set_voice(struct tts *t, const char *voice)
{
    if (strcmp(t->voice, voice) == 0)
        return;
    if (espeak_SetVoiceByName(voice) != EE_OK) {
        fprintf(stderr, "kiosk: eSpeak NG has no voice '%s', speaking English instead\n", voice);
        espeak_SetVoiceByName("en");
    }
    snprintf(t->voice, sizeof t->voice, "%s", voice);
    t->wpm = 0;     /* a new voice starts at its own rate */
}

static void say(struct tts *t)
{
    if (start(t) != 0)
        return;
    set_voice(t, t->cur.voice);
    if (t->wpm != t->cur.wpm) {
        espeak_SetParameter(espeakRATE, t->cur.wpm, 0);
        t->wpm = t->cur.wpm;
    }
    if (t->cur.spelled) {
        /* SSML's say-as characters, the text escaped for XML. */
        static const char head[] = "<speak><say-as interpret-as=\"characters\">", tail[] = "</say-as></speak>";
        char ssml[TTS_TEXT_MAX * 5 + sizeof head + sizeof tail];
        size_t n = 0;
        memcpy(ssml, head, sizeof head - 1);
        n = sizeof head - 1;
        for (const char *p = t->cur.text; *p; p++) {
            const char *e = *p == '&' ? "&amp;" : *p == '<' ? "&lt;" : *p == '>' ? "&gt;" : NULL;
            size_t k = e ? strlen(e) : 1;
            memcpy(ssml + n, e ? e : p, k);
            n += k;
        }
        memcpy(ssml + n, tail, sizeof tail);
        espeak_Synth(ssml, n + sizeof tail, 0, POS_CHARACTER, 0, espeakCHARS_UTF8 | espeakSSML, NULL, t);
        sodium_memzero(ssml, sizeof ssml);
        return;
    }
    espeak_Synth(t->cur.text, strlen(t->cur.text) + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL, t);
}

/* A sine at hz with soft edges, CHUNK_MS at a time. */
static void tone(struct tts *t)
{
    enum { CHUNK = TTS_SAMPLE_RATE * CHUNK_MS / 1000 };
    short pcm[CHUNK];
    int total = TTS_SAMPLE_RATE * t->cur.ms / 1000, edge = TTS_SAMPLE_RATE * TONE_EDGE_MS / 1000;
    const double step = 2.0 * 3.14159265358979 * t->cur.hz / TTS_SAMPLE_RATE;

    for (int done = 0; done < total && atomic_load(&t->stops) == t->cur.token;) {
        int n = total - done < CHUNK ? total - done : CHUNK;
        for (int i = 0; i < n; i++) {
            int k = done + i, left = total - 1 - k;
            double gain = k < edge ? (double)k / edge : left < edge ? (double)left / edge : 1.0;
            pcm[i] = (short)(9000.0 * gain * sin(step * k));
        }
        t->held = 1;
        if (t->sink.play(t->sink.ctx, pcm, n, t->cur.token) != 0)
            break;
        done += n;
    }
}

/* Has eSpeak NG make (and throw away) enough of a neutral text that its internal buffers no longer
 * hold the words it was last given, which may have been a client's details. */
static void scrub(struct tts *t)
{
    char filler[TTS_TEXT_MAX];
    size_t n = 0;

    if (!t->started)
        return;
    while (n + 24 < sizeof filler)
        n += (size_t)snprintf(filler + n, sizeof filler - n, "aaaaaaaaaaaa aaaaaaaa, ");
    set_voice(t, t->voice[0] ? t->voice : "en");
    espeak_Synth(filler, n + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL, t);
}

static int worker(void *arg)
{
    struct tts *t = arg;

    mtx_lock(&t->lock);
    for (;;) {
        while (!t->quit && t->count == 0) {
            if (t->held) {
                struct timespec until;
                timespec_get(&until, TIME_UTC);
                until.tv_nsec += SETTLE_MS * 1000000L;
                until.tv_sec += until.tv_nsec / 1000000000L;
                until.tv_nsec %= 1000000000L;
                if (cnd_timedwait(&t->wake, &t->lock, &until) == thrd_timedout && t->count == 0) {
                    mtx_unlock(&t->lock);
                    int released = t->sink.settle(t->sink.ctx);
                    mtx_lock(&t->lock);
                    t->held = !released;
                }
            } else {
                cnd_wait(&t->wake, &t->lock);
            }
        }
        if (t->quit)
            break;
        t->cur = t->queue[t->head];
        sodium_memzero(t->queue[t->head].text, TTS_TEXT_MAX);
        t->head = (t->head + 1) % TTS_QUEUE;
        t->count--;
        t->speaking = 1;
        mtx_unlock(&t->lock);
        if (atomic_load(&t->stops) == t->cur.token) {
            if (t->cur.kind == ITEM_SAY)
                say(t);
            else if (t->cur.kind == ITEM_TONE)
                tone(t);
            else if (t->cur.kind == ITEM_VOICE && t->started)
                set_voice(t, t->cur.voice);
            else if (t->cur.kind == ITEM_SCRUB)
                scrub(t);
        }
        sodium_memzero(t->cur.text, TTS_TEXT_MAX);
        mtx_lock(&t->lock);
        t->speaking = 0;
    }
    mtx_unlock(&t->lock);
    return 0;
}

int tts_open(struct tts **out, const struct tts_sink *sink, const char *data_dir, char *err, size_t errlen)
{
    struct tts *t = calloc(1, sizeof *t);

    *out = NULL;
    if (!t) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    t->sink = *sink;
    snprintf(t->data_dir, sizeof t->data_dir, "%s", data_dir ? data_dir : "");
    atomic_init(&t->stops, 0);
    if (mtx_init(&t->lock, mtx_plain) != thrd_success) {
        free(t);
        snprintf(err, errlen, "cannot make a lock for speech");
        return -1;
    }
    if (cnd_init(&t->wake) != thrd_success) {
        mtx_destroy(&t->lock);
        free(t);
        snprintf(err, errlen, "cannot make a condition for speech");
        return -1;
    }
    if (thrd_create(&t->thread, worker, t) != thrd_success) {
        cnd_destroy(&t->wake);
        mtx_destroy(&t->lock);
        free(t);
        snprintf(err, errlen, "cannot start the speech thread");
        return -1;
    }
    *out = t;
    return 0;
}

void tts_close(struct tts *t)
{
    if (!t)
        return;
    tts_stop(t);
    mtx_lock(&t->lock);
    t->quit = 1;
    cnd_signal(&t->wake);
    mtx_unlock(&t->lock);
    thrd_join(t->thread, NULL);
    cnd_destroy(&t->wake);
    mtx_destroy(&t->lock);
    sodium_memzero(t, sizeof *t);
    free(t);
}

/* Copies s into out (size TTS_TEXT_MAX), cut at the last space that fits when too long. */
static void copy_text(char *out, const char *s)
{
    size_t len = strlen(s);

    if (len >= TTS_TEXT_MAX) {
        len = TTS_TEXT_MAX - 1;
        while (len > 0 && s[len] != ' ')
            len--;
        if (len == 0)
            for (len = TTS_TEXT_MAX - 1; len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80; len--)
                ;
    }
    memcpy(out, s, len);
    out[len] = '\0';
}

static int enqueue(struct tts *t, const struct item *it, const char *text)
{
    struct item *slot;

    mtx_lock(&t->lock);
    if (t->count == TTS_QUEUE) {
        mtx_unlock(&t->lock);
        return -1;
    }
    slot = &t->queue[(t->head + t->count) % TTS_QUEUE];
    *slot = *it;
    slot->token = atomic_load(&t->stops);
    copy_text(slot->text, text ? text : "");
    t->count++;
    cnd_signal(&t->wake);
    mtx_unlock(&t->lock);
    return 0;
}

int tts_say(struct tts *t, const char *voice, const char *text, int wpm, int spelled)
{
    struct item it = { .kind = ITEM_SAY, .spelled = spelled };

    snprintf(it.voice, sizeof it.voice, "%s", voice && voice[0] ? voice : "en");
    it.wpm = wpm < TTS_WPM_MIN ? TTS_WPM_MIN : wpm > TTS_WPM_MAX ? TTS_WPM_MAX : wpm;
    return enqueue(t, &it, text);
}

int tts_tone(struct tts *t, int hz, int ms)
{
    struct item it = { .kind = ITEM_TONE, .hz = hz, .ms = ms < 0 ? 0 : ms > TONE_MAX_MS ? TONE_MAX_MS : ms };

    return enqueue(t, &it, NULL);
}

void tts_scrub(struct tts *t)
{
    struct item it = { .kind = ITEM_SCRUB };

    enqueue(t, &it, NULL);
}

void tts_voice(struct tts *t, const char *voice)
{
    struct item it = { .kind = ITEM_VOICE };

    snprintf(it.voice, sizeof it.voice, "%s", voice && voice[0] ? voice : "en");
    enqueue(t, &it, NULL);
}

void tts_stop(struct tts *t)
{
    unsigned token;

    mtx_lock(&t->lock);
    token = atomic_fetch_add(&t->stops, 1) + 1;
    drop_queue(t);
    mtx_unlock(&t->lock);
    t->sink.drop(t->sink.ctx, token);
}

int tts_busy(struct tts *t)
{
    int busy;

    mtx_lock(&t->lock);
    busy = t->count > 0 || t->speaking;
    mtx_unlock(&t->lock);
    return busy;
}

const char *tts_voice_for(const char *language, char *buf, size_t len)
{
    static const struct { const char *prefix; const char *voice; } special[] = {
        { "zh", "cmn" },        /* Chinese in any script: eSpeak NG's Mandarin */
        { "yue", "yue" },
        { "no", "nb" },
    };
    char primary[TTS_VOICE_MAX];
    size_t n = 0;

    while (language && language[n] && language[n] != '-' && language[n] != '_' && n < sizeof primary - 1) {
        primary[n] = (char)tolower((unsigned char)language[n]);
        n++;
    }
    primary[n] = '\0';
    for (size_t i = 0; i < sizeof special / sizeof special[0]; i++)
        if (strcmp(primary, special[i].prefix) == 0) {
            snprintf(buf, len, "%s", special[i].voice);
            return buf;
        }
    snprintf(buf, len, "%s", n > 0 ? primary : "en");
    return buf;
}

void tts_prefetch(const char *voice)
{
    static const char *const files[] = { "phontab", "phonindex", "phondata", "intonations" };
    const char *dir = NULL;
    char path[1024];

    espeak_ng_InitializePath(NULL);     /* where its data is; nothing is loaded */
    espeak_Info(&dir);
    for (size_t i = 0; dir && i <= sizeof files / sizeof files[0]; i++) {
        int fd;
        if (i < sizeof files / sizeof files[0])
            snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        else
            snprintf(path, sizeof path, "%s/%s_dict", dir, voice);
        fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd >= 0) {
            posix_fadvise(fd, 0, 0, POSIX_FADV_WILLNEED);
            close(fd);
        }
    }
}
