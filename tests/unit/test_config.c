/* Tests of config: defaults, every key, each kind of bad line with its line number, and config_set. */
#include "harness.h"
#include "config.h"

#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define HASH "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG"

static char dir[64];

/* dir/name into a static buffer (one at a time is enough here). */
static const char *at(const char *name)
{
    static char path[128];

    snprintf(path, sizeof path, "%s/%s", dir, name);
    return path;
}

static void write_bytes(const char *path, const char *bytes, size_t len)
{
    FILE *f = fopen(path, "wb");

    if (f) {
        fwrite(bytes, 1, len, f);
        fclose(f);
    }
}

static void write_text(const char *path, const char *text)
{
    write_bytes(path, text, strlen(text));
}

/* The whole file into buf, or "" when it cannot be read. */
static const char *read_text(const char *path, char *buf, size_t size)
{
    FILE *f = fopen(path, "rb");
    size_t n = 0;

    if (f) {
        n = fread(buf, 1, size - 1, f);
        fclose(f);
    }
    buf[n] = '\0';
    return buf;
}

/* Loads text as kiosk.conf over the defaults into c; err gets the message. */
static int load_text(const char *text, struct config *c, char *err, size_t errlen)
{
    write_text(at("kiosk.conf"), text);
    config_defaults(c);
    err[0] = '\0';
    return config_load(c, at("kiosk.conf"), err, errlen);
}

/* The number of entries in dir besides . and .. */
static int count_files(void)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;

    while (d && (e = readdir(d)))
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    if (d)
        closedir(d);
    return n;
}

TEST(defaults_are_documented_values)
{
    struct config c;

    config_defaults(&c);
    ASSERT_STR_EQ("kiosk", c.kiosk_id);
    ASSERT_STR_EQ("", c.content_dir);
    ASSERT_STR_EQ("/var/lib/kiosk/kiosk.db", c.db_path);
    ASSERT_STR_EQ("/media/kiosk-export", c.export_dir);
    ASSERT_INT_EQ(60, c.idle_timeout_s);
    ASSERT_INT_EQ(15, c.idle_warning_s);
    ASSERT_INT_EQ(20, c.thanks_timeout_s);
    ASSERT_INT_EQ(60, c.staff_timeout_s);
    ASSERT_INT_EQ(0, c.high_contrast);
    ASSERT_INT_EQ(0, c.large_text);
    ASSERT_INT_EQ(0, c.rotation);
    ASSERT_INT_EQ(30, c.retention_days);
    ASSERT_STR_EQ("", c.pin_hash);
}

TEST(empty_file_keeps_defaults)
{
    struct config c, d;
    char err[256];

    ASSERT_INT_EQ(0, load_text("", &c, err, sizeof err));
    config_defaults(&d);
    ASSERT(memcmp(&c, &d, sizeof c) == 0);
    ASSERT_INT_EQ(0, load_text("# only a comment\n\n   \n\t# indented comment\n", &c, err, sizeof err));
    ASSERT(memcmp(&c, &d, sizeof c) == 0);
}

TEST(every_key_is_parsed)
{
    struct config c;
    char err[256];
    int rc = load_text("# the front desk tablet\n"
                       "kiosk-id = reception-1.b_2\n"
                       "content-dir = /srv/clinic content\n"
                       "database=var/kiosk.db\n"
                       "  export-dir   =   /media/usb  \n"
                       "idle-timeout = 90\n"
                       "idle-warning = 5\n"
                       "thanks-timeout = 300\n"
                       "staff-timeout = 3600\n"
                       "theme = high-contrast\n"
                       "text-size = large\n"
                       "rotation = 270\n"
                       "retention-days = 3650\n"
                       "languages = pl,ar  zh-Hans\ten\n"
                       "staff-pin-hash = " HASH "\n", &c, err, sizeof err);

    ASSERT_STR_EQ("", err);
    ASSERT_INT_EQ(0, rc);
    ASSERT_STR_EQ("reception-1.b_2", c.kiosk_id);
    ASSERT_STR_EQ("/srv/clinic content", c.content_dir);
    ASSERT_STR_EQ("var/kiosk.db", c.db_path);
    ASSERT_STR_EQ("/media/usb", c.export_dir);
    ASSERT_INT_EQ(90, c.idle_timeout_s);
    ASSERT_INT_EQ(5, c.idle_warning_s);
    ASSERT_INT_EQ(300, c.thanks_timeout_s);
    ASSERT_INT_EQ(3600, c.staff_timeout_s);
    ASSERT_INT_EQ(1, c.high_contrast);
    ASSERT_INT_EQ(1, c.large_text);
    ASSERT_INT_EQ(270, c.rotation);
    ASSERT_INT_EQ(3650, c.retention_days);
    ASSERT_STR_EQ("pl ar zh-Hans en", c.languages);
    ASSERT_STR_EQ(HASH, c.pin_hash);
}

TEST(choices_map_to_values)
{
    static const struct { const char *line; int rotation, high_contrast, large_text; } cases[] = {
        { "rotation = 0", 0, 0, 0 },
        { "rotation = 90", 90, 0, 0 },
        { "rotation = 180", 180, 0, 0 },
        { "theme = standard", 0, 0, 0 },
        { "text-size = normal", 0, 0, 0 },
    };
    struct config c;
    char err[256];

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ASSERT_INT_EQ(0, load_text(cases[i].line, &c, err, sizeof err));
        ASSERT_INT_EQ(cases[i].rotation, c.rotation);
        ASSERT_INT_EQ(cases[i].high_contrast, c.high_contrast);
        ASSERT_INT_EQ(cases[i].large_text, c.large_text);
    }
}

TEST(loads_over_the_values_already_set)
{
    struct config c;
    char err[256];

    config_defaults(&c);
    c.rotation = 90;
    write_text(at("kiosk.conf"), "idle-timeout = 120\n");
    ASSERT_INT_EQ(0, config_load(&c, at("kiosk.conf"), err, sizeof err));
    ASSERT_INT_EQ(120, c.idle_timeout_s);
    ASSERT_INT_EQ(90, c.rotation);
}

TEST(crlf_and_byte_order_mark_are_accepted)
{
    struct config c;
    char err[256];

    ASSERT_INT_EQ(0, load_text("\xEF\xBB\xBF# saved by Notepad\r\nrotation = 90\r\nkiosk-id = desk\r\n",
                               &c, err, sizeof err));
    ASSERT_INT_EQ(90, c.rotation);
    ASSERT_STR_EQ("desk", c.kiosk_id);
    ASSERT_INT_EQ(0, load_text("theme = high-contrast", &c, err, sizeof err));     /* no final newline */
    ASSERT_INT_EQ(1, c.high_contrast);
}

TEST(bad_lines_are_reported_with_their_line_number)
{
    static const struct { const char *line, *message; } cases[] = {
        { "idle-timout = 60", "unknown key 'idle-timout'" },
        { "rotation 90", "expected 'key = value', not 'rotation 90'" },
        { "= 90", "expected 'key = value', not '= 90'" },
        { "rotation = 45", "rotation must be 0, 90, 180 or 270, not '45'" },
        { "rotation =", "rotation has no value" },
        { "theme = dark", "theme must be standard or high-contrast, not 'dark'" },
        { "text-size = huge", "text-size must be normal or large, not 'huge'" },
        { "idle-timeout = 9", "idle-timeout must be a whole number of seconds from 10 to 3600, not '9'" },
        { "idle-timeout = 3601", "idle-timeout must be a whole number of seconds from 10 to 3600, not '3601'" },
        { "idle-timeout = 60s", "idle-timeout must be a whole number of seconds from 10 to 3600, not '60s'" },
        { "idle-timeout = -60", "idle-timeout must be a whole number of seconds from 10 to 3600, not '-60'" },
        { "idle-timeout = 99999999999999999999",
          "idle-timeout must be a whole number of seconds from 10 to 3600, not '99999999999999999999'" },
        { "idle-warning = 4", "idle-warning must be a whole number of seconds from 5 to 120, not '4'" },
        { "idle-warning = 121", "idle-warning must be a whole number of seconds from 5 to 120, not '121'" },
        { "thanks-timeout = 301", "thanks-timeout must be a whole number of seconds from 5 to 300, not '301'" },
        { "staff-timeout = 5", "staff-timeout must be a whole number of seconds from 10 to 3600, not '5'" },
        { "retention-days = 0", "retention-days must be a whole number of days from 1 to 3650, not '0'" },
        { "retention-days = 3651", "retention-days must be a whole number of days from 1 to 3650, not '3651'" },
        { "kiosk-id = front desk",
          "kiosk-id must be 1 to 63 letters, digits, '.', '_' or '-', not 'front desk'" },
        { "kiosk-id = caf\xC3\xA9", "kiosk-id must be 1 to 63 letters, digits, '.', '_' or '-', not 'caf\xC3\xA9'" },
        { "kiosk-id = 0123456789012345678901234567890123456789012345678901234567890123",
          "kiosk-id must be 1 to 63 letters, digits, '.', '_' or '-', "
          "not '012345678901234567890123456789012345678901234567890123456789'" },
        { "database =", "database has no value" },
        { "staff-pin-hash = 1234", "staff-pin-hash must be a hash written by 'kioskctl set-pin' ($argon2...)" },
        { "staff-pin-hash = $argon2id$v=19 x",
          "staff-pin-hash must be a hash written by 'kioskctl set-pin' ($argon2...)" },
        { "staff-pin-hash = " HASH HASH, "staff-pin-hash is longer than 127 bytes" },
        { "rotation = 90\x01", "unexpected control character" },
        { "languages = en klingon", "languages: the kiosk does not know the language 'klingon': write codes such as "
          "en, pl, ar or zh-Hans" },
        { "languages = en pl/x", "languages: the kiosk does not know the language 'pl/x': write codes such as "
          "en, pl, ar or zh-Hans" },
        { "languages = en, pl, en", "languages: 'en' is given twice" },
        { "languages = , ,", "languages has no value" },
    };
    struct config c, d;
    char text[1024], err[512], want[512];

    config_defaults(&d);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        snprintf(text, sizeof text, "# comment\n\nexport-dir = /media/stick\n%s\nrotation = 180\n", cases[i].line);
        snprintf(want, sizeof want, "%s:4: %s", at("kiosk.conf"), cases[i].message);
        ASSERT_INT_EQ(-1, load_text(text, &c, err, sizeof err));
        ASSERT_STR_EQ(want, err);
        ASSERT(memcmp(&c, &d, sizeof c) == 0);     /* nothing applied, not even line 3 */
    }
}

TEST(too_long_path_is_refused)
{
    char text[700], err[256], want[256];
    struct config c;

    snprintf(text, sizeof text, "database = /%0*d\n", CONFIG_PATH_MAX - 1, 0);
    snprintf(want, sizeof want, "%s:1: database is longer than %d bytes", at("kiosk.conf"), CONFIG_PATH_MAX - 1);
    ASSERT_INT_EQ(-1, load_text(text, &c, err, sizeof err));
    ASSERT_STR_EQ(want, err);
    snprintf(text, sizeof text, "database = /%0*d\n", CONFIG_PATH_MAX - 2, 0);
    ASSERT_INT_EQ(0, load_text(text, &c, err, sizeof err));
    ASSERT_INT_EQ(CONFIG_PATH_MAX - 1, strlen(c.db_path));
}

TEST(duplicate_key_names_both_lines)
{
    struct config c;
    char err[256], want[256];

    snprintf(want, sizeof want, "%s:5: duplicate key 'rotation' (first set on line 2)", at("kiosk.conf"));
    ASSERT_INT_EQ(-1, load_text("# tablet\nrotation = 90\n\n#\nrotation = 90\n", &c, err, sizeof err));
    ASSERT_STR_EQ(want, err);
}

TEST(long_line_and_nul_byte_are_refused)
{
    char text[1200], err[256], want[256];
    struct config c;

    memset(text, '#', sizeof text);
    text[0] = '\n';
    text[sizeof text - 1] = '\0';
    snprintf(want, sizeof want, "%s:2: line is longer than 1023 bytes", at("kiosk.conf"));
    ASSERT_INT_EQ(-1, load_text(text, &c, err, sizeof err));
    ASSERT_STR_EQ(want, err);

    write_bytes(at("kiosk.conf"), "rotation = 90\nkiosk-id = a\0b\n", 28);
    config_defaults(&c);
    snprintf(want, sizeof want, "%s:2: unexpected NUL byte", at("kiosk.conf"));
    ASSERT_INT_EQ(-1, config_load(&c, at("kiosk.conf"), err, sizeof err));
    ASSERT_STR_EQ(want, err);
}

TEST(absent_file_is_an_error)
{
    struct config c;
    char err[256], want[256];

    config_defaults(&c);
    snprintf(want, sizeof want, "cannot open '%s': No such file or directory", at("absent.conf"));
    ASSERT_INT_EQ(-1, config_load(&c, at("absent.conf"), err, sizeof err));
    ASSERT_STR_EQ(want, err);
}

/* Uncommenting each "# key = value" line of the shipped example gives the defaults, except the
 * content-dir line, which shows a non-default folder. */
TEST(example_config_documents_the_defaults)
{
    char example[8192], text[8192], err[256];
    const char *line;
    size_t used = 0;
    int settings = 0;
    struct config c, d;

    read_text("deploy/kiosk.conf.example", example, sizeof example);
    ASSERT(strlen(example) > 0);
    for (line = example; *line; line = strchr(line, '\n') + 1) {
        size_t len = strcspn(line, "\n");
        size_t name = strspn(line + 2, "abcdefghijklmnopqrstuvwxyz-");
        int is_setting = strncmp(line, "# ", 2) == 0 && name > 0 && strncmp(line + 2 + name, " = ", 3) == 0
                         && line[len - 1] != '=';
        if (is_setting && used + len < sizeof text) {
            used += (size_t)snprintf(text + used, sizeof text - used, "%.*s\n", (int)len - 2, line + 2);
            settings++;
        }
        if (!line[len])
            break;
    }
    /* every key but those without a default value: staff-pin-hash and the sync's files and address */
    ASSERT_INT_EQ(16, settings);
    ASSERT_CONTAINS(example, "\n# staff-pin-hash =\n");
    ASSERT_CONTAINS(example, "\n# sync-url =\n");
    ASSERT_CONTAINS(example, "\n# languages =\n");
    ASSERT_CONTAINS(example, "\n# sync-secret-file =\n");
    ASSERT_CONTAINS(example, "\n# sync-ca-file =\n");
    ASSERT_INT_EQ(0, load_text(text, &c, err, sizeof err));
    ASSERT_STR_EQ("/etc/kiosk/content", c.content_dir);
    config_defaults(&d);
    memcpy(c.content_dir, d.content_dir, sizeof c.content_dir);
    ASSERT(memcmp(&c, &d, sizeof c) == 0);
}

TEST(set_replaces_the_line_and_keeps_the_rest)
{
    char buf[1024], err[256];
    struct config c;

    write_text(at("kiosk.conf"), "# Front desk\nrotation = 90\n\n# PIN\nstaff-pin-hash = " HASH "\n"
                                 "  theme = high-contrast  \n");
    ASSERT_INT_EQ(0, config_set(at("kiosk.conf"), "rotation", "180", err, sizeof err));
    ASSERT_STR_EQ("# Front desk\nrotation = 180\n\n# PIN\nstaff-pin-hash = " HASH "\n"
                  "  theme = high-contrast  \n", read_text(at("kiosk.conf"), buf, sizeof buf));
    config_defaults(&c);
    ASSERT_INT_EQ(0, config_load(&c, at("kiosk.conf"), err, sizeof err));
    ASSERT_INT_EQ(180, c.rotation);
    ASSERT_INT_EQ(1, c.high_contrast);
    ASSERT_INT_EQ(1, count_files());    /* no temporary file left behind */
    unlink(at("kiosk.conf"));
}

TEST(set_appends_a_missing_key)
{
    char buf[1024], err[256];

    write_text(at("kiosk.conf"), "# Front desk\nrotation = 90");
    ASSERT_INT_EQ(0, config_set(at("kiosk.conf"), "staff-pin-hash", HASH, err, sizeof err));
    ASSERT_STR_EQ("# Front desk\nrotation = 90\nstaff-pin-hash = " HASH "\n",
                  read_text(at("kiosk.conf"), buf, sizeof buf));

    write_text(at("kiosk.conf"), "rotation = 90\r\n");
    ASSERT_INT_EQ(0, config_set(at("kiosk.conf"), "idle-timeout", "30", err, sizeof err));
    ASSERT_STR_EQ("rotation = 90\r\nidle-timeout = 30\r\n", read_text(at("kiosk.conf"), buf, sizeof buf));
    unlink(at("kiosk.conf"));
}

TEST(set_creates_a_new_file_with_mode_0600)
{
    char buf[256], err[256];
    struct stat st;
    mode_t old = umask(0);

    ASSERT_INT_EQ(0, config_set(at("new.conf"), "kiosk-id", "desk-3", err, sizeof err));
    umask(old);
    ASSERT_STR_EQ("kiosk-id = desk-3\n", read_text(at("new.conf"), buf, sizeof buf));
    ASSERT_INT_EQ(0, stat(at("new.conf"), &st));
    ASSERT_INT_EQ(0600, st.st_mode & 07777);
    unlink(at("new.conf"));
}

TEST(set_keeps_the_mode_of_an_existing_file)
{
    char err[256];
    struct stat st;

    write_text(at("kiosk.conf"), "rotation = 90\n");
    chmod(at("kiosk.conf"), 0640);
    ASSERT_INT_EQ(0, config_set(at("kiosk.conf"), "rotation", "0", err, sizeof err));
    ASSERT_INT_EQ(0, stat(at("kiosk.conf"), &st));
    ASSERT_INT_EQ(0640, st.st_mode & 07777);
    unlink(at("kiosk.conf"));
}

TEST(set_keeps_the_owner_of_an_existing_file)
{
    char err[256];
    struct stat st;

    if (geteuid() != 0)
        return;     /* only root can give a file away */
    write_text(at("kiosk.conf"), "rotation = 90\n");
    ASSERT_INT_EQ(0, chown(at("kiosk.conf"), 0, 4242));
    ASSERT_INT_EQ(0, config_set(at("kiosk.conf"), "rotation", "0", err, sizeof err));
    ASSERT_INT_EQ(0, stat(at("kiosk.conf"), &st));
    ASSERT_INT_EQ(4242, st.st_gid);
    unlink(at("kiosk.conf"));
}

TEST(set_refuses_bad_values_and_leaves_the_file)
{
    static const struct { const char *key, *value, *message; } cases[] = {
        { "rotation", "45", "rotation must be 0, 90, 180 or 270, not '45'" },
        { "idle-timout", "60", "unknown key 'idle-timout'" },
        { "kiosk-id", "desk\nrotation = 90", "kiosk-id must not contain control characters" },
        { "database", " /tmp/x.db", "database must not begin or end with a space" },
        { "staff-pin-hash", "", "staff-pin-hash has no value" },
    };
    const char *text = "# Front desk\nrotation = 90\n";
    char buf[256], err[256];

    write_text(at("kiosk.conf"), text);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ASSERT_INT_EQ(-1, config_set(at("kiosk.conf"), cases[i].key, cases[i].value, err, sizeof err));
        ASSERT_STR_EQ(cases[i].message, err);
        ASSERT_STR_EQ(text, read_text(at("kiosk.conf"), buf, sizeof buf));
    }
    ASSERT_INT_EQ(1, count_files());
    unlink(at("kiosk.conf"));
}

TEST(set_refuses_a_file_with_another_bad_line)
{
    const char *text = "rotation = 90\nidle-timout = 60\n";
    char buf[256], err[256], want[256];

    write_text(at("kiosk.conf"), text);
    snprintf(want, sizeof want, "%s:2: unknown key 'idle-timout'", at("kiosk.conf"));
    ASSERT_INT_EQ(-1, config_set(at("kiosk.conf"), "rotation", "0", err, sizeof err));
    ASSERT_STR_EQ(want, err);
    ASSERT_STR_EQ(text, read_text(at("kiosk.conf"), buf, sizeof buf));
    ASSERT_INT_EQ(1, count_files());
    unlink(at("kiosk.conf"));
}

TEST(set_mends_a_bad_line_of_the_same_key)
{
    char buf[256], err[256];

    write_text(at("kiosk.conf"), "staff-pin-hash = garbled\n");
    ASSERT_INT_EQ(0, config_set(at("kiosk.conf"), "staff-pin-hash", HASH, err, sizeof err));
    ASSERT_STR_EQ("staff-pin-hash = " HASH "\n", read_text(at("kiosk.conf"), buf, sizeof buf));
    unlink(at("kiosk.conf"));
}

TEST(set_into_a_missing_directory_fails_cleanly)
{
    char err[256], want[256];

    snprintf(want, sizeof want, "cannot create a temporary file next to '%s': No such file or directory",
             at("no-such-dir/kiosk.conf"));
    ASSERT_INT_EQ(-1, config_set(at("no-such-dir/kiosk.conf"), "rotation", "90", err, sizeof err));
    ASSERT_STR_EQ(want, err);
}

int main(int argc, char **argv)
{
    const char *tmp = getenv("TMPDIR");

    BEGIN(argc, argv);
    snprintf(dir, sizeof dir, "%s/test_config.XXXXXX", tmp && strlen(tmp) < 32 ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    RUN(defaults_are_documented_values);
    RUN(empty_file_keeps_defaults);
    RUN(every_key_is_parsed);
    RUN(choices_map_to_values);
    RUN(loads_over_the_values_already_set);
    RUN(crlf_and_byte_order_mark_are_accepted);
    RUN(bad_lines_are_reported_with_their_line_number);
    RUN(too_long_path_is_refused);
    RUN(duplicate_key_names_both_lines);
    RUN(long_line_and_nul_byte_are_refused);
    RUN(absent_file_is_an_error);
    RUN(example_config_documents_the_defaults);
    RUN(set_replaces_the_line_and_keeps_the_rest);
    RUN(set_appends_a_missing_key);
    RUN(set_creates_a_new_file_with_mode_0600);
    RUN(set_keeps_the_mode_of_an_existing_file);
    RUN(set_keeps_the_owner_of_an_existing_file);
    RUN(set_refuses_bad_values_and_leaves_the_file);
    RUN(set_refuses_a_file_with_another_bad_line);
    RUN(set_mends_a_bad_line_of_the_same_key);
    RUN(set_into_a_missing_directory_fails_cleanly);
    unlink(at("kiosk.conf"));
    rmdir(dir);
    END();
}
