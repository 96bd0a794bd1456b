/* fuzz_config: the config parser, and config_set() rewriting the file, on any file. The input's
 * last line is also tried as a value. Properties:
 * - a file that does not load leaves the config as it was, with "path:line: message" or
 *   "cannot ... 'path'" in err, well-formed UTF-8 whenever the file was;
 * - what loads is within every key's documented range;
 * - config_set() of a value either refuses it or writes a file that loads to the same config with
 *   only that key changed, to exactly that value (no line injected, nothing trimmed). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "fuzz.h"
#include "utf8.h"

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
    snprintf(path, sizeof path, "%s/fuzz-config-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    fd = mkstemp(path);
    FUZZ_CHECK(fd >= 0);
    close(fd);
    atexit(remove_file);
    return 0;
}

static void write_file(const uint8_t *data, size_t size)
{
    FILE *f = fopen(path, "wb");

    FUZZ_CHECK(f != NULL);
    FUZZ_CHECK(fwrite(data, 1, size, f) == size);
    FUZZ_CHECK(fclose(f) == 0);
}

static void check_text_field(const char *s, size_t size)
{
    FUZZ_CHECK(memchr(s, '\0', size) != NULL);
}

static void check_loaded(const struct config *c)
{
    check_text_field(c->kiosk_id, sizeof c->kiosk_id);
    check_text_field(c->content_dir, sizeof c->content_dir);
    check_text_field(c->db_path, sizeof c->db_path);
    check_text_field(c->export_dir, sizeof c->export_dir);
    check_text_field(c->pin_hash, sizeof c->pin_hash);
    FUZZ_CHECK(c->kiosk_id[0] && strspn(c->kiosk_id, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                                     "0123456789._-") == strlen(c->kiosk_id));
    FUZZ_CHECK(c->idle_timeout_s >= 10 && c->idle_timeout_s <= 3600);
    FUZZ_CHECK(c->idle_warning_s >= 5 && c->idle_warning_s <= 120);
    FUZZ_CHECK(c->thanks_timeout_s >= 5 && c->thanks_timeout_s <= 300);
    FUZZ_CHECK(c->staff_timeout_s >= 10 && c->staff_timeout_s <= 3600);
    FUZZ_CHECK(c->retention_days >= 1 && c->retention_days <= 3650);
    FUZZ_CHECK(c->rotation == 0 || c->rotation == 90 || c->rotation == 180 || c->rotation == 270);
    FUZZ_CHECK(c->high_contrast == 0 || c->high_contrast == 1);
    FUZZ_CHECK(c->large_text == 0 || c->large_text == 1);
    FUZZ_CHECK(c->pin_hash[0] == '\0' || strncmp(c->pin_hash, "$argon2", 7) == 0);
}

/* The last line of the input (without its line end and a leading "# "), at most 600 bytes. */
static void last_line(const uint8_t *data, size_t size, char *out)
{
    size_t end = size, start;

    if (end > 0 && data[end - 1] == '\n')
        end--;
    start = end;
    while (start > 0 && data[start - 1] != '\n' && end - start < 600)
        start--;
    if (end - start >= 2 && data[start] == '#' && data[start + 1] == ' ')
        start += 2;     /* a comment: what follows it */
    memcpy(out, data + start, end - start);
    out[end - start] = '\0';
}

static void check_set(const struct config *before, const char *value)
{
    struct config after, want = *before;
    char err[512];

    if (config_set(path, "export-dir", value, err, sizeof err) != 0) {
        FUZZ_CHECK(err[0] != '\0');
        return;
    }
    config_defaults(&after);
    if (config_load(&after, path, err, sizeof err) != 0) {
        fprintf(stderr, "config_set(\"%s\") wrote a file that does not load: %s\n", value, err);
        abort();
    }
    FUZZ_CHECK(strcmp(after.export_dir, value) == 0);
    /* Every other key as it was (the bytes after each string's end follow the same history). */
    memset(after.export_dir, 0, sizeof after.export_dir);
    memset(want.export_dir, 0, sizeof want.export_dir);
    FUZZ_CHECK(memcmp(&after, &want, sizeof want) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct config c, before;
    char err[512], value[601];

    write_file(data, size);
    config_defaults(&c);
    before = c;
    if (config_load(&c, path, err, sizeof err) != 0) {
        FUZZ_CHECK(memcmp(&c, &before, sizeof c) == 0);
        FUZZ_CHECK(strncmp(err, path, strlen(path)) == 0 || strstr(err, path) != NULL);
        FUZZ_CHECK(!utf8_valid((const char *)data, size) || utf8_valid(err, strlen(err)));
        return 0;
    }
    check_loaded(&c);
    last_line(data, size, value);
    check_set(&c, value);
    return 0;
}
