/* test_sync: the pure parts of kioskctl sync: the webhook's signature, which addresses are this
 * machine, which URLs are allowed, PostgreSQL's connection parameters (verify-full for a remote
 * host), the backoff, the address as shown, and the config keys. No network: the real servers are
 * in tests/cli/sync-*.sh. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "harness.h"
#include "sync.h"
#include "sync_http.h"
#include "sync_pg.h"

static const struct sync_timing timing = { 5000, 600000, 5000, 15000 };

/* The value libpq gets for key, or NULL. */
static const char *param(const struct sync_pg_params *p, const char *key)
{
    const char *v = NULL;

    for (int i = 0; p->keywords[i]; i++)
        if (strcmp(p->keywords[i], key) == 0)
            v = p->values[i];   /* the last one wins, as in libpq */
    return v;
}

TEST(signature_is_hmac_sha256_of_time_dot_body)
{
    char hex[SYNC_SIGNATURE_HEX + 1], key[100];
    const char body[] = "{\"uuid\":\"x\"}";

    /* python3: hmac.new(key, b"1700000000." + body, hashlib.sha256).hexdigest() */
    sync_sign((const unsigned char *)"test-secret-key", 15, 1700000000, body, strlen(body), hex);
    ASSERT_STR_EQ("cce368f75b1c5ba479509b1821346d20c6e7e303d1aed506419c0004e3350939", hex);
    memset(key, 'k', sizeof key);   /* longer than a block: hashed first, as HMAC says */
    sync_sign((const unsigned char *)key, sizeof key, 1, "", 0, hex);
    ASSERT_STR_EQ("f380fa061ddac7555fce09c4f9d5ba3c4d7eb9115eaa097dd2c14988a18ae793", hex);
}

TEST(loopback_hosts)
{
    ASSERT(sync_host_is_loopback("localhost"));
    ASSERT(sync_host_is_loopback("LOCALHOST"));
    ASSERT(sync_host_is_loopback("127.0.0.1"));
    ASSERT(sync_host_is_loopback("127.3.2.1"));
    ASSERT(sync_host_is_loopback("::1"));
    ASSERT(sync_host_is_loopback("[::1]"));
    ASSERT(!sync_host_is_loopback("128.0.0.1"));
    ASSERT(!sync_host_is_loopback("127.0.0.1.example.org"));
    ASSERT(!sync_host_is_loopback("localhost.example.org"));
    ASSERT(!sync_host_is_loopback("10.0.0.1"));
    ASSERT(!sync_host_is_loopback(""));
}

TEST(webhook_urls)
{
    char err[256];

    ASSERT_INT_EQ(0, sync_http_check_url("https://crm.example.org/hooks/kiosk", err, sizeof err));
    ASSERT_INT_EQ(0, sync_http_check_url("http://127.0.0.1:8080/hook", err, sizeof err));
    ASSERT_INT_EQ(0, sync_http_check_url("http://localhost/hook", err, sizeof err));
    ASSERT_INT_EQ(0, sync_http_check_url("http://[::1]:81/", err, sizeof err));
    ASSERT_INT_EQ(-1, sync_http_check_url("http://crm.example.org/hook", err, sizeof err));
    ASSERT_CONTAINS(err, "plain http:// is allowed only to this machine");
    ASSERT_INT_EQ(-1, sync_http_check_url("http://127.0.0.1.nip.example/hook", err, sizeof err));
    ASSERT_INT_EQ(-1, sync_http_check_url("ftp://127.0.0.1/", err, sizeof err));
    ASSERT_INT_EQ(-1, sync_http_check_url("https://", err, sizeof err));
}

TEST(postgres_remote_gets_verify_full_and_the_system_cas)
{
    struct sync_pg_params p;
    char err[256];

    ASSERT_INT_EQ(0, sync_pg_params("postgresql://kiosk_sync@db.example.org/clinic", "pw", NULL, &timing, &p,
                                    err, sizeof err));
    ASSERT(!p.local);
    ASSERT_STR_EQ("verify-full", param(&p, "sslmode"));
    ASSERT_STR_EQ("/etc/ssl/certs/ca-certificates.crt", param(&p, "sslrootcert"));
    ASSERT_STR_EQ("pw", param(&p, "password"));
    ASSERT_STR_EQ("5", param(&p, "connect_timeout"));
    ASSERT_STR_EQ("postgresql://kiosk_sync@db.example.org/clinic", param(&p, "dbname"));
    ASSERT_INT_EQ(0, sync_pg_params("host=db.example.org dbname=clinic sslmode=verify-full", NULL, "/etc/kiosk/ca.pem",
                                    &timing, &p, err, sizeof err));
    ASSERT_STR_EQ("/etc/kiosk/ca.pem", param(&p, "sslrootcert"));
    ASSERT(!param(&p, "password"));
    /* one remote host in a list is enough to need it */
    ASSERT_INT_EQ(0, sync_pg_params("host=localhost,db.example.org dbname=clinic", NULL, NULL, &timing, &p,
                                    err, sizeof err));
    ASSERT(!p.local);
}

TEST(postgres_remote_with_a_weaker_sslmode_is_refused)
{
    static const char *const weak[] = {
        "host=db.example.org dbname=clinic sslmode=require",
        "postgresql://db.example.org/clinic?sslmode=prefer",
        "host=db.example.org sslmode=disable",
        "host=localhost hostaddr=192.0.2.7 sslmode=verify-ca",
    };
    struct sync_pg_params p;
    char err[256];

    for (size_t i = 0; i < sizeof weak / sizeof *weak; i++) {
        ASSERT_INT_EQ(-1, sync_pg_params(weak[i], NULL, NULL, &timing, &p, err, sizeof err));
        ASSERT_CONTAINS(err, "sslmode must be verify-full");
    }
    ASSERT_INT_EQ(-1, sync_pg_params("host='unclosed", NULL, NULL, &timing, &p, err, sizeof err));
    ASSERT_CONTAINS(err, "not a PostgreSQL address");
}

TEST(postgres_local_keeps_its_own_sslmode)
{
    static const char *const local[] = {
        "dbname=clinic", "host=/run/postgresql dbname=clinic", "host=localhost dbname=clinic sslmode=disable",
        "postgresql://kiosk_sync@127.0.0.1:5433/clinic", "postgresql://[::1]/clinic",
        "host=/tmp,127.0.0.1 dbname=clinic",
    };
    struct sync_pg_params p;
    char err[256];

    for (size_t i = 0; i < sizeof local / sizeof *local; i++) {
        ASSERT_INT_EQ(0, sync_pg_params(local[i], NULL, NULL, &timing, &p, err, sizeof err));
        ASSERT(p.local);
        ASSERT(!param(&p, "sslmode"));
    }
}

TEST(backoff_doubles_from_5_s_to_10_min_with_jitter_and_honours_retry_after)
{
    for (int round = 0; round < 200; round++) {
        long first = sync_backoff_ms(&timing, 1, -1), second = sync_backoff_ms(&timing, 2, -1);
        long late = sync_backoff_ms(&timing, 30, -1);
        ASSERT(first >= 5000 && first <= 6250);
        ASSERT(second >= 10000 && second <= 12500);
        ASSERT(late >= 600000 * 0.99 && late <= 600000);
        ASSERT(sync_backoff_ms(&timing, 1, 120) == 120000);    /* Retry-After: 120 */
        ASSERT(sync_backoff_ms(&timing, 1, 1) >= 5000);         /* never sooner than the backoff */
        ASSERT(sync_backoff_ms(&timing, 1, 1000000) == 3600000); /* at most an hour */
    }
}

TEST(address_as_shown_has_no_password)
{
    char out[256];

    sync_describe("https://user:s3cret@crm.example.org:8443/hooks/kiosk?token=abc", out, sizeof out);
    ASSERT_STR_EQ("https://crm.example.org:8443/hooks/kiosk", out);
    sync_describe("postgresql://kiosk_sync:s3cret@db.example.org:5433/clinic?sslmode=verify-full", out, sizeof out);
    ASSERT_STR_EQ("postgresql://kiosk_sync@db.example.org:5433/clinic", out);
    sync_describe("host=db.example.org dbname=clinic password=s3cret", out, sizeof out);
    ASSERT_STR_EQ("postgresql://db.example.org/clinic", out);
    ASSERT(!strstr(out, "s3cret"));
}

TEST(text_from_a_receiver_is_cleaned_and_bounded)
{
    char out[SYNC_TEXT_MAX + 1], big[1000];

    sync_clean_text("HTTP/1.1 422 Bad\r\n\x1b[31m", out, sizeof out);
    ASSERT_STR_EQ("HTTP/1.1 422 Bad   [31m", out);
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    sync_clean_text(big, out, sizeof out);
    ASSERT_INT_EQ(SYNC_TEXT_MAX, strlen(out));
}

TEST(config_sync_keys)
{
    const char *out = getenv("KIOSK_OUT");
    char path[600], err[512];
    struct config c;
    FILE *f;

    snprintf(path, sizeof path, "%s/tmp/test_sync.conf", out ? out : "tests/out");
    f = fopen(path, "w");
    ASSERT(f);
    fputs("sync-url = postgresql://kiosk_sync@db.example.org/clinic\nsync-secret-file = /etc/kiosk/sync-secret\n"
          "sync-ca-file = /etc/kiosk/clinic-ca.pem\ndelete-after-delivery = yes\n", f);
    fclose(f);
    config_defaults(&c);
    ASSERT_STR_EQ("", c.sync_url);
    ASSERT_INT_EQ(0, c.delete_after_delivery);
    ASSERT_INT_EQ(0, config_load(&c, path, err, sizeof err));
    ASSERT_STR_EQ("postgresql://kiosk_sync@db.example.org/clinic", c.sync_url);
    ASSERT_STR_EQ("/etc/kiosk/sync-secret", c.sync_secret_file);
    ASSERT_STR_EQ("/etc/kiosk/clinic-ca.pem", c.sync_ca_file);
    ASSERT_INT_EQ(1, c.delete_after_delivery);

    f = fopen(path, "w");
    ASSERT(f);
    fputs("sync-url = ftp://user:pw@example.org/\n", f);
    fclose(f);
    ASSERT_INT_EQ(-1, config_load(&c, path, err, sizeof err));
    ASSERT_CONTAINS(err, ":1: sync-url must be an https:// address");
    ASSERT(!strstr(err, "pw@"));    /* the value is never quoted: it may hold a password */
    f = fopen(path, "w");
    ASSERT(f);
    fputs("delete-after-delivery = maybe\n", f);
    fclose(f);
    ASSERT_INT_EQ(-1, config_load(&c, path, err, sizeof err));
    ASSERT_CONTAINS(err, "delete-after-delivery must be no or yes, not 'maybe'");
}

int main(int argc, char **argv)
{
    BEGIN(argc, argv);
    RUN(signature_is_hmac_sha256_of_time_dot_body);
    RUN(loopback_hosts);
    RUN(webhook_urls);
    RUN(postgres_remote_gets_verify_full_and_the_system_cas);
    RUN(postgres_remote_with_a_weaker_sslmode_is_refused);
    RUN(postgres_local_keeps_its_own_sslmode);
    RUN(backoff_doubles_from_5_s_to_10_min_with_jitter_and_honours_retry_after);
    RUN(address_as_shown_has_no_password);
    RUN(text_from_a_receiver_is_cleaned_and_bounded);
    RUN(config_sync_keys);
    END();
}
