/* Read aloud's parts without a screen: the synthesiser (real eSpeak NG into a recording sink) in
 * English and in the other shipped languages' voices, interrupted and resting; and speech.c's
 * record of what was said, its trace and the rule that a client's details never reach the trace. */
#define _GNU_SOURCE     /* memmem */
#include <malloc.h>
#include <math.h>
#include <stdlib.h>
#include <threads.h>
#include <time.h>

#include "harness.h"
#include "speech.h"
#include "tts.h"

/* ---------------------------------------------------------------- a sink that records */

#define REC_MAX (TTS_SAMPLE_RATE * 30)

struct rec {
    mtx_t lock;
    short pcm[REC_MAX];
    int n;
    int loud;               /* samples beyond +-1000 */
    unsigned min_token;
    int calls;
    int slow;               /* sleep 20 ms a call, as a device would take its time */
    int full;               /* take nothing: wait until dropped, as a device whose buffer is full */
};

static struct rec rec;

static int rec_play(void *ctx, const short *pcm, int n, unsigned token)
{
    struct rec *r = ctx;
    int dropped;

    mtx_lock(&r->lock);
    while (r->full && (int)(token - r->min_token) >= 0) {
        struct timespec ts = { 0, 1000000L };
        r->calls++;
        mtx_unlock(&r->lock);
        nanosleep(&ts, NULL);
        mtx_lock(&r->lock);
    }
    dropped = (int)(token - r->min_token) < 0;
    for (int i = 0; !dropped && i < n && r->n < REC_MAX; i++) {
        r->pcm[r->n++] = pcm[i];
        r->loud += pcm[i] > 1000 || pcm[i] < -1000;
    }
    r->calls++;
    mtx_unlock(&r->lock);
    if (r->slow) {
        struct timespec ts = { 0, 20 * 1000000L };
        nanosleep(&ts, NULL);
    }
    return dropped ? -1 : 0;
}

static void rec_drop(void *ctx, unsigned token)
{
    struct rec *r = ctx;

    mtx_lock(&r->lock);
    r->min_token = token;
    mtx_unlock(&r->lock);
}

static int rec_settle(void *ctx)
{
    (void)ctx;
    return 1;
}

static void rec_reset(int slow)
{
    mtx_lock(&rec.lock);
    rec.n = rec.loud = rec.calls = 0;
    rec.min_token = 0;
    rec.slow = slow;
    rec.full = 0;
    mtx_unlock(&rec.lock);
}

static struct tts *open_tts(void)
{
    struct tts_sink sink = { &rec, rec_play, rec_drop, rec_settle };
    struct tts *t = NULL;
    char err[256];

    if (tts_open(&t, &sink, NULL, err, sizeof err) != 0) {
        fprintf(stderr, "tts_open: %s\n", err);
        return NULL;
    }
    return t;
}

/* Waits up to 10 s for the worker to finish. */
static int wait_idle(struct tts *t)
{
    struct timespec ts = { 0, 5 * 1000000L };

    for (int i = 0; i < 2000; i++) {
        if (!tts_busy(t))
            return 1;
        nanosleep(&ts, NULL);
    }
    return 0;
}

/* ---------------------------------------------------------------- the synthesiser */

TEST(voices_follow_the_screen_language)
{
    char buf[TTS_VOICE_MAX];

    ASSERT_STR_EQ("en", tts_voice_for("en", buf, sizeof buf));
    ASSERT_STR_EQ("en", tts_voice_for("en-GB", buf, sizeof buf));
    ASSERT_STR_EQ("pl", tts_voice_for("pl", buf, sizeof buf));
    ASSERT_STR_EQ("ar", tts_voice_for("ar", buf, sizeof buf));
    ASSERT_STR_EQ("cmn", tts_voice_for("zh-Hans", buf, sizeof buf));
    ASSERT_STR_EQ("cmn", tts_voice_for("zh", buf, sizeof buf));
    ASSERT_STR_EQ("en", tts_voice_for("", buf, sizeof buf));
    ASSERT_STR_EQ("en", tts_voice_for(NULL, buf, sizeof buf));
}

TEST(english_is_spoken_into_the_sink)
{
    struct tts *t = open_tts();

    ASSERT(t);
    rec_reset(0);
    ASSERT_INT_EQ(0, tts_say(t, "en", "Question 2 of 6", 165, 0));
    ASSERT(wait_idle(t));
    tts_close(t);
    /* About a second of speech, most of it loud enough to hear. */
    ASSERT(rec.n > TTS_SAMPLE_RATE / 2 && rec.n < TTS_SAMPLE_RATE * 4);
    ASSERT(rec.loud > rec.n / 10);
}

/* The same words at a higher rate take less time. */
TEST(faster_speech_is_shorter)
{
    struct tts *t = open_tts();
    int slow, fast;

    ASSERT(t);
    rec_reset(0);
    tts_say(t, "en", "You may contact me about this enquiry, checkbox, not ticked", 120, 0);
    ASSERT(wait_idle(t));
    slow = rec.n;
    rec_reset(0);
    tts_say(t, "en", "You may contact me about this enquiry, checkbox, not ticked", 300, 0);
    ASSERT(wait_idle(t));
    fast = rec.n;
    tts_close(t);
    ASSERT(fast > 0 && fast * 3 < slow * 2);
}

/* Polish, Arabic and Mandarin voices speak, each differently from English. */
TEST(other_languages_have_voices_of_their_own)
{
    static const struct { const char *language, *text; } said[] = {
        { "pl", "Pytanie 2 z 6" }, { "ar", "\xd8\xa7\xd9\x84\xd8\xb3\xd8\xa4\xd8\xa7\xd9\x84 2 \xd9\x85\xd9\x86 6" },
        { "zh-Hans", "\xe7\xac\xac 2 \xe9\xa2\x98\xef\xbc\x8c\xe5\x85\xb1 6 \xe9\xa2\x98" },
    };
    struct tts *t = open_tts();
    char voice[TTS_VOICE_MAX];
    int english;

    ASSERT(t);
    rec_reset(0);
    tts_say(t, "en", "Pytanie 2 z 6", 165, 0);
    ASSERT(wait_idle(t));
    english = rec.n;
    for (size_t i = 0; i < sizeof said / sizeof said[0]; i++) {
        rec_reset(0);
        tts_say(t, tts_voice_for(said[i].language, voice, sizeof voice), said[i].text, 165, 0);
        ASSERT(wait_idle(t));
        if (rec.n < TTS_SAMPLE_RATE / 3 || rec.loud < rec.n / 10)
            FAIL_AT("%s: %d samples, %d loud", said[i].language, rec.n, rec.loud);
        if (i == 0 && abs(rec.n - english) < TTS_SAMPLE_RATE / 50)
            FAIL_AT("Polish sounds as long as English reading Polish (%d, %d samples)", rec.n, english);
    }
    tts_close(t);
}

/* A stop cuts what is being said short and drops what waits, at once. */
TEST(stop_interrupts_and_drops_the_queue)
{
    struct tts *t = open_tts();
    struct timespec ts = { 0, 100 * 1000000L };
    int at_stop;

    ASSERT(t);
    rec_reset(1);
    tts_say(t, "en", "Calf slimming uses botulinum toxin injections, the same kind of treatment as anti-wrinkle "
                     "injections. They relax the calf muscles, and over time your calves look slimmer.", 165, 0);
    tts_say(t, "en", "This must never be heard.", 165, 0);
    nanosleep(&ts, NULL);
    tts_stop(t);
    at_stop = rec.n;
    ASSERT(wait_idle(t));
    ts.tv_nsec = 50 * 1000000L;
    nanosleep(&ts, NULL);
    tts_close(t);
    ASSERT(at_stop > 0);
    /* At most one more chunk made its way in after the stop. */
    ASSERT(rec.n - at_stop <= TTS_SAMPLE_RATE / 40);
}

/* Spelled, a sign is said by its name: a dot takes time to say, where read as text it is silent. */
TEST(spelled_signs_are_named)
{
    struct tts *t = open_tts();
    int plain, spelled;

    ASSERT(t);
    rec_reset(0);
    tts_say(t, "en", ".", 165, 0);
    ASSERT(wait_idle(t));
    plain = rec.loud;
    rec_reset(0);
    tts_say(t, "en", ".", 165, 1);
    ASSERT(wait_idle(t));
    spelled = rec.loud;
    rec_reset(0);
    tts_say(t, "en", "FT-7K3Q & <", 165, 1);
    ASSERT(wait_idle(t));
    tts_close(t);
    ASSERT(plain < 200);
    ASSERT(spelled > 2000);
    ASSERT(rec.n > TTS_SAMPLE_RATE * 2);     /* F, T, hyphen, 7, K, 3, Q, and, less than */
}

/* A tone at 880 Hz crosses zero about 1760 times a second. */
TEST(tone_is_a_tone)
{
    struct tts *t = open_tts();
    int crossings = 0;

    ASSERT(t);
    rec_reset(0);
    tts_tone(t, 880, 500);
    ASSERT(wait_idle(t));
    tts_close(t);
    ASSERT(abs(rec.n - TTS_SAMPLE_RATE / 2) < 10);
    for (int i = 1; i < rec.n; i++)
        crossings += (rec.pcm[i - 1] < 0) != (rec.pcm[i] < 0);
    ASSERT(crossings > 850 && crossings < 910);
    ASSERT(rec.loud > rec.n / 2);
}

/* Bytes allocated and not freed, in every arena (the worker's too). */
static size_t in_use(void)
{
    struct mallinfo2 m = mallinfo2();

    return m.uordblks + m.hblkhd;
}

/* Spelled words stopped while the device is full (it takes nothing until the stop drops them) leave
 * nothing behind: eSpeak NG 1.51 keeps about 1.3 KiB for good of each SSML text cut short, which
 * the monkey's memory readings found growing with every letter typed with Read aloud on. */
TEST(spelled_stopped_leaves_nothing)
{
    struct tts *t = open_tts();
    struct timespec ts = { 0, 1000000L };
    size_t before = 0;
    long grown;

    ASSERT(t);
    rec_reset(0);
    rec.full = 1;
    for (int i = 0; i < 48; i++) {
        int waited = 0;
        if (i == 16)
            before = in_use();      /* after eSpeak NG's own first allocations */
        ASSERT_INT_EQ(0, tts_say(t, "en", "Quokka Zedwhistle", 165, 1));
        while (rec.calls == 0 && waited++ < 5000)
            nanosleep(&ts, NULL);   /* until its sound waits for the device */
        ASSERT(rec.calls > 0);
        tts_stop(t);
        ASSERT(wait_idle(t));
        rec_reset(0);
        rec.full = 1;
    }
    grown = (long)(in_use() - before);
    rec_reset(0);
    tts_close(t);
#ifndef __SANITIZE_ADDRESS__    /* (AddressSanitizer allocates for itself: mallinfo2() reads 0) */
    if (grown > 32 * 1360 / 4)
        FAIL_AT("32 spelled words stopped left %ld bytes behind", grown);
#else
    (void)grown;
#endif
}

/* After a visit in Chinese the default language's voice takes over, and Mandarin's dictionary
 * (1.6 MiB) goes; before eSpeak NG has started, a voice asked for loads nothing. */
TEST(voice_after_a_visit_lets_the_last_go)
{
    struct tts *t = open_tts();
    size_t before, chinese, after;

    ASSERT(t);
    rec_reset(0);
    before = in_use();
    tts_voice(t, "cmn");
    ASSERT(wait_idle(t));
#ifndef __SANITIZE_ADDRESS__    /* (AddressSanitizer allocates for itself: mallinfo2() reads 0) */
    ASSERT((long)(in_use() - before) < 64 * 1024);
#endif
    tts_say(t, "cmn", "\xe7\xac\xac 2 \xe9\xa2\x98", 165, 0);
    ASSERT(wait_idle(t));
    chinese = in_use();
    tts_voice(t, "en");
    ASSERT(wait_idle(t));
    after = in_use();
    tts_close(t);
#ifndef __SANITIZE_ADDRESS__
    if (chinese < after + 1024 * 1024)
        FAIL_AT("%zu KiB in use in Mandarin, %zu KiB once English was asked for", chinese / 1024, after / 1024);
#else
    (void)before, (void)chinese, (void)after;
#endif
}

/* One synthesiser after another in one process (eSpeak NG stays loaded between them). */
TEST(close_then_open_again)
{
    struct tts *t = open_tts();

    ASSERT(t);
    tts_close(t);
    t = open_tts();
    ASSERT(t);
    rec_reset(0);
    tts_say(t, "en", "No, button", 165, 0);
    ASSERT(wait_idle(t));
    tts_close(t);
    ASSERT(rec.loud > 1000);
}

/* ---------------------------------------------------------------- speech.c */

struct heard {
    char text[8][256];
    int n, stops, tones, rests, volume;
    char language[16];
};

static void heard_say(void *ctx, const char *language, const char *text, int wpm, int spelled)
{
    struct heard *h = ctx;

    (void)wpm;
    (void)spelled;
    if (h->n < 8)
        snprintf(h->text[h->n++], sizeof h->text[0], "%s", text);
    snprintf(h->language, sizeof h->language, "%s", language);
}
static void heard_tone(void *ctx) { ((struct heard *)ctx)->tones++; }
static void heard_stop(void *ctx) { ((struct heard *)ctx)->stops++; }
static void heard_volume(void *ctx, int percent) { ((struct heard *)ctx)->volume = percent; }
static void heard_rest(void *ctx) { ((struct heard *)ctx)->rests++; }

static void speech_with(struct speech *s, struct heard *h, FILE *trace, int headphones)
{
    struct speech_out out = { h, heard_say, heard_tone, heard_stop, heard_volume, heard_rest };

    memset(h, 0, sizeof *h);
    speech_init(s, &out, trace, headphones, 80);
}

/* The trace of f so far, in buf. */
static const char *trace_text(FILE *f, char *buf, size_t len)
{
    size_t n;

    fflush(f);
    rewind(f);
    n = fread(buf, 1, len - 1, f);
    buf[n] = '\0';
    return buf;
}

TEST(off_says_nothing)
{
    static struct speech s;
    struct heard h;

    speech_with(&s, &h, NULL, 0);
    speech_say(&s, "Touch to start", NULL);
    speech_tone(&s);
    ASSERT_INT_EQ(0, h.n);
    ASSERT_INT_EQ(0, h.tones);
    ASSERT(!speech_said(&s, "Touch"));
}

TEST(said_is_kept_until_the_screen_changes)
{
    static struct speech s;
    struct heard h;
    char buf[1024];
    FILE *trace = tmpfile();

    ASSERT(trace);
    speech_with(&s, &h, trace, 0);
    speech_start(&s);
    ASSERT_INT_EQ(80, h.volume);
    speech_language(&s, "pl");
    speech_say(&s, "Question 2 of 6", NULL);
    speech_say(&s, "No, button", NULL);
    ASSERT_INT_EQ(2, h.n);
    ASSERT_STR_EQ("pl", h.language);
    ASSERT(speech_said(&s, "2 of 6"));
    ASSERT(speech_said(&s, "No, but"));
    ASSERT_STR_EQ("say Question 2 of 6\nsay No, button\n", trace_text(trace, buf, sizeof buf));
    speech_new_screen(&s);
    ASSERT_INT_EQ(1, h.stops);
    ASSERT(!speech_said(&s, "No, button"));
    speech_end(&s);
    ASSERT_INT_EQ(1, h.rests);
    fclose(trace);
}

/* With headphones a client's details are spoken, yet the trace shows the words said in their place. */
TEST(details_never_reach_the_trace)
{
    static struct speech s;
    struct heard h;
    char buf[1024];
    FILE *trace = tmpfile();

    ASSERT(trace);
    speech_with(&s, &h, trace, 1);
    speech_start(&s);
    speech_say(&s, "Name: Quokkacanary Zedwhistle", "Name: as you typed it");
    ASSERT_STR_EQ("Name: Quokkacanary Zedwhistle", h.text[0]);
    ASSERT(speech_said(&s, "Quokkacanary"));
    ASSERT_STR_EQ("Name: as you typed it", speech_said_shown(&s, 0));
    trace_text(trace, buf, sizeof buf);
    ASSERT_STR_EQ("say Name: as you typed it\n", buf);
    speech_new_screen(&s);
    /* Wiped, not just forgotten. */
    ASSERT(!memmem(s.arena, sizeof s.arena, "Quokkacanary", 12));
    fclose(trace);
}

TEST(long_text_is_split_between_sentences)
{
    static struct speech s;
    static char text[3000];
    struct heard h;
    size_t n = 0;

    speech_with(&s, &h, NULL, 0);
    speech_start(&s);
    while (n + 40 < sizeof text)
        n += (size_t)snprintf(text + n, sizeof text - n, "This is sentence number %04zu of many. ", n);
    speech_say(&s, text, NULL);
    ASSERT(h.n >= 3);
    ASSERT(speech_said_shown(&s, 0)[strlen(speech_said_shown(&s, 0)) - 2] == '.');
    ASSERT(strncmp(speech_said_shown(&s, 1), "This is", 7) == 0);
}

TEST(faster_slower_quieter_louder_have_limits)
{
    static struct speech s;
    struct heard h;
    int steps = 0;

    speech_with(&s, &h, NULL, 0);
    speech_start(&s);
    while (speech_adjust(&s, SPEECH_FASTER))
        steps++;
    ASSERT(steps >= 3);
    ASSERT(s.wpm <= SPEECH_WPM_MAX);
    while (speech_adjust(&s, SPEECH_SLOWER))
        ;
    ASSERT(s.wpm >= SPEECH_WPM_MIN && s.wpm < SPEECH_WPM_DEFAULT);
    ASSERT_INT_EQ(1, speech_adjust(&s, SPEECH_LOUDER));
    ASSERT_INT_EQ(90, h.volume);
    ASSERT_INT_EQ(1, speech_adjust(&s, SPEECH_LOUDER));
    ASSERT_INT_EQ(0, speech_adjust(&s, SPEECH_LOUDER));
    ASSERT_INT_EQ(100, h.volume);
    while (speech_adjust(&s, SPEECH_QUIETER))
        ;
    ASSERT_INT_EQ(SPEECH_VOLUME_MIN, h.volume);
    /* A new visit starts at the defaults again. */
    speech_end(&s);
    speech_start(&s);
    ASSERT_INT_EQ(SPEECH_WPM_DEFAULT, s.wpm);
    ASSERT_INT_EQ(80, h.volume);
}

/* The record keeps the latest when it is full. */
TEST(record_forgets_the_oldest_when_full)
{
    static struct speech s;
    struct heard h;
    char line[64];

    speech_with(&s, &h, NULL, 0);
    speech_start(&s);
    for (int i = 0; i < SPEECH_SAID_MAX * 3; i++) {
        snprintf(line, sizeof line, "utterance %d", i);
        speech_say(&s, line, NULL);
    }
    snprintf(line, sizeof line, "utterance %d", SPEECH_SAID_MAX * 3 - 1);
    ASSERT(speech_said(&s, line));
    ASSERT(!speech_said(&s, "utterance 0"));
    ASSERT(s.nsaid <= SPEECH_SAID_MAX);
    ASSERT(strncmp(speech_said_shown(&s, s.nsaid - 1), line, strlen(line)) == 0);
}

int main(int argc, char **argv)
{
    BEGIN(argc, argv);
    mtx_init(&rec.lock, mtx_plain);
    RUN(voices_follow_the_screen_language);
    RUN(english_is_spoken_into_the_sink);
    RUN(faster_speech_is_shorter);
    RUN(other_languages_have_voices_of_their_own);
    RUN(stop_interrupts_and_drops_the_queue);
    RUN(spelled_signs_are_named);
    RUN(tone_is_a_tone);
    RUN(spelled_stopped_leaves_nothing);
    RUN(voice_after_a_visit_lets_the_last_go);
    RUN(close_then_open_again);
    RUN(off_says_nothing);
    RUN(said_is_kept_until_the_screen_changes);
    RUN(details_never_reach_the_trace);
    RUN(long_text_is_split_between_sentences);
    RUN(faster_slower_quieter_louder_have_limits);
    RUN(record_forgets_the_oldest_when_full);
    END();
}
