/* fuzz_wording: the wording parser on any file. The input's first byte chooses the language
 * (en, pl, ar, zh-Hans), the rest is the file. Properties:
 * - no problem only when every message of the registry has a text for every number;
 * - the first problem names the file, in well-formed UTF-8;
 * - every text kept is well-formed UTF-8 without control characters, inside the file's bytes,
 *   and every message formats, into any buffer, as well-formed UTF-8 that fits;
 * - freeing twice is safe. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "utf8.h"
#include "wording.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);

static char path[300];

static void remove_file(void)
{
    unlink(path);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *tmp = getenv("TMPDIR");
    int fd;

    (void)argc;
    (void)argv;
    snprintf(path, sizeof path, "%s/fuzz-wording-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    fd = mkstemp(path);
    FUZZ_CHECK(fd >= 0);
    close(fd);
    atexit(remove_file);
    return 0;
}

static void check_formats(const struct wording *w, enum wording_id id)
{
    static const char *const values[] = { "Zoë", "{x}", "" };
    struct wording_arg args[8];
    char small[7], big[1024];
    const char *ph = wording_placeholders(id);
    int n = 0;

    while (*ph && n < 8) {
        size_t len = strcspn(ph, " ");
        static char names[8][64];

        FUZZ_CHECK(len < sizeof names[0]);
        memcpy(names[n], ph, len);
        names[n][len] = '\0';
        args[n] = n % 2 ? WORDING_TEXT(names[n], values[n % 3]) : WORDING_NUMBER(names[n], n * 7 - 1);
        n++;
        ph += len;
        ph += *ph == ' ';
    }
    if (wording_count(id)[0])
        for (int i = 0; i < n; i++)
            if (strcmp(args[i].name, wording_count(id)) == 0)
                args[i] = WORDING_NUMBER(args[i].name, 3);
    wording_format(w, id, small, sizeof small, args, n);
    FUZZ_CHECK(strlen(small) < sizeof small && utf8_valid(small, strlen(small)));
    wording_format(w, id, big, sizeof big, args, n);
    FUZZ_CHECK(utf8_valid(big, strlen(big)));
    if (n == 0)
        FUZZ_CHECK(strcmp(big, wording_text(w, id)) == 0 || strchr(wording_text(w, id), '{') ||
                   strchr(wording_text(w, id), '}'));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const languages[] = { "en", "pl", "ar", "zh-Hans" };
    struct wording w;
    char first[512];
    FILE *f;
    int problems, complete = 1;
    size_t len;

    if (size == 0)
        return 0;
    f = fopen(path, "wb");
    FUZZ_CHECK(f != NULL);
    FUZZ_CHECK(fwrite(data + 1, 1, size - 1, f) == size - 1);
    FUZZ_CHECK(fclose(f) == 0);
    problems = wording_load(&w, path, languages[data[0] % 4], NULL, first, sizeof first);
    if (problems > 0) {
        FUZZ_CHECK(strncmp(first, path, strlen(path)) == 0);
        FUZZ_CHECK(utf8_valid(first, strlen(first)));
    }
    len = size - 1;
    for (int id = MSG_NONE + 1; id < MSG_COUNT; id++) {
        int forms = 0, need = 0;

        for (int p = 0; p < WORDING_PLURALS; p++) {
            const char *t = w.text[id][p];

            if (!t)
                continue;
            forms++;
            FUZZ_CHECK(t >= w.bytes && t <= w.bytes + len);
            FUZZ_CHECK(t[0] != '\0' && t[0] != ' ' && t[strlen(t) - 1] != ' ');
            FUZZ_CHECK(utf8_valid(t, strlen(t)));
            for (const char *c = t; *c; c++)
                FUZZ_CHECK((unsigned char)*c >= 0x20 && *c != 0x7F);
        }
        if (!w.text[id][WORDING_OTHER]) {
            /* Given in forms: every number of the language needs its form. */
            for (long long n = 0; n < 120; n++)
                need |= w.text[id][wording_plural_of(&w, n)] == NULL;
            if (forms == 0 || need)
                complete = 0;
        }
        FUZZ_CHECK((w.line[id] != 0) == (forms > 0));
        check_formats(&w, (enum wording_id)id);
    }
    FUZZ_CHECK(complete || problems > 0);
    wording_free(&w);
    wording_free(&w);
    FUZZ_CHECK(w.bytes == NULL && w.line[MSG_ATTRACT_START] == 0);
    return 0;
}
