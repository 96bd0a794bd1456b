/* tts: speech synthesis with eSpeak NG on a worker thread of its own, its sound handed to a sink.
 * Utterances and tones are spoken in the order asked; tts_stop() drops what waits and cuts short what is under way. */
#ifndef TTS_H
#define TTS_H

#include <stddef.h>

#define TTS_SAMPLE_RATE 22050   /* what eSpeak NG makes: mono, 16-bit */
#define TTS_TEXT_MAX    1024    /* bytes of one utterance with its NUL; a longer one is cut between words */
#define TTS_QUEUE       48      /* utterances waiting; one more is refused */
#define TTS_VOICE_MAX   16
#define TTS_WPM_MIN     80      /* eSpeak NG's range of words a minute */
#define TTS_WPM_MAX     450

/* Where the sound goes (the platform's audio, or a test's recorder). Called on the worker thread. */
struct tts_sink {
    void *ctx;
    /* n samples at TTS_SAMPLE_RATE, of the utterance numbered token. Blocks while the sink is full.
     * Returns 0, or -1 when the sink was told to drop everything before token+1 (stop speaking it). */
    int (*play)(void *ctx, const short *pcm, int n, unsigned token);
    /* Drop all sound of tokens before token (any thread). */
    void (*drop)(void *ctx, unsigned token);
    /* Nothing more to say for now: returns 1 once the sink has let its device go (all was heard
     * a while ago), 0 while it still plays or lingers (the worker asks again a little later). */
    int (*settle)(void *ctx);
};

struct tts;

/* Starts the worker. eSpeak NG itself starts on it when first needed (and then stays), reading its
 * voices from data_dir (NULL: where Debian's espeak-ng-data puts them). The sink is copied. Returns 0 and *out,
 * released with tts_close(); or -1 with a message in err. */
int tts_open(struct tts **out, const struct tts_sink *sink, const char *data_dir, char *err, size_t errlen);
void tts_close(struct tts *t);

/* Queues text to be spoken in voice (an eSpeak NG voice name: "en", "pl", "cmn") at wpm words a
 * minute; spelled: character by character, signs by their names ("F T hyphen 7", "dot"). The text
 * is copied and wiped once spoken or dropped (it may be what a client typed). Returns 0, or -1
 * when the queue is full (the text is not spoken). */
int tts_say(struct tts *t, const char *voice, const char *text, int wpm, int spelled);
/* Queues a tone of hz for ms (at most 2 s), with soft edges. Returns 0 or -1 like tts_say(). */
int tts_tone(struct tts *t, int hz, int ms);
/* Queues a silent pass over a neutral text, so that eSpeak NG's own buffers no longer hold the last
 * words it spoke (a client's details, with headphones). Nothing is heard. */
void tts_scrub(struct tts *t);
/* Queues a change to voice, made once eSpeak NG has started (else nothing is loaded), so that what
 * it holds after a visit does not depend on the client's language: a voice keeps its dictionary
 * (Mandarin's is 1.6 MiB, English's 0.16). Nothing is heard. */
void tts_voice(struct tts *t, const char *voice);
/* Drops everything queued and cuts short what is being spoken, at once. */
void tts_stop(struct tts *t);
/* 1 while anything is queued or being made into sound. */
int tts_busy(struct tts *t);

/* Asks the kernel to read eSpeak NG's data and voice's dictionary into its page cache, in the
 * background, so that the first key of the day does not wait for the disk. Loads nothing into
 * this process. Call before any tts_open(). */
void tts_prefetch(const char *voice);

/* The eSpeak NG voice for a BCP 47 language code ("en-GB" -> "en", "zh-Hans" -> "cmn"), in buf. */
const char *tts_voice_for(const char *language, char *buf, size_t len);

#endif
