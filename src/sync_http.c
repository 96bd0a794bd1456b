/* sync_http: the webhook receiver over libcurl (see sync_http.h). */
#include "sync_http.h"

#include <curl/curl.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef KIOSK_VERSION
#define KIOSK_VERSION "dev"
#endif

/* ---------------------------------------------------------------- defines */

#define REPLY_MAX       (64 * 1024)     /* bytes of a reply's body read at most; the rest ends it */
#define HEADER_MAX      512
#define URL_SHOWN_MAX   256
#define SYSTEM_CA_PATH  "/etc/ssl/certs"

/* ---------------------------------------------------------------- types */

struct sync_http {
    CURL *curl;
    unsigned char *key;             /* sodium_malloc'd: the signing key */
    size_t keylen;
    char host[URL_SHOWN_MAX];       /* for messages */
    char error[CURL_ERROR_SIZE];    /* libcurl's words on the last failure */
    char status_line[SYNC_TEXT_MAX + 1];
    size_t reply_bytes;
    long request_ms;                /* the whole request's time limit, for messages */
};

/* ---------------------------------------------------------------- URL */

/* Fills scheme and host of url. Returns 0, or -1 when url cannot be read. */
static int url_parts(const char *url, char *scheme, size_t slen, char *host, size_t hlen)
{
    CURLU *u = curl_url();
    char *s = NULL, *h = NULL;
    int rc = -1;

    if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_SCHEME, &s, 0) == CURLUE_OK && curl_url_get(u, CURLUPART_HOST, &h, 0) == CURLUE_OK) {
        snprintf(scheme, slen, "%s", s);
        snprintf(host, hlen, "%s", h);
        rc = 0;
    }
    curl_free(s);
    curl_free(h);
    curl_url_cleanup(u);
    return rc;
}

int sync_http_check_url(const char *url, char *err, size_t errlen)
{
    char scheme[16], host[URL_SHOWN_MAX];

    if (url_parts(url, scheme, sizeof scheme, host, sizeof host) != 0) {
        snprintf(err, errlen, "sync-url is not an address libcurl can read");
        return -1;
    }
    if (strcmp(scheme, "https") == 0)
        return 0;
    if (strcmp(scheme, "http") == 0 && sync_host_is_loopback(host))
        return 0;
    if (strcmp(scheme, "http") == 0)
        snprintf(err, errlen, "sync-url: plain http:// is allowed only to this machine (localhost, 127.0.0.1, ::1); "
                 "use https:// for '%s'", host);
    else
        snprintf(err, errlen, "sync-url: '%s://' is neither https:// nor a PostgreSQL address", scheme);
    return -1;
}

/* ---------------------------------------------------------------- signing */

void sync_sign(const unsigned char *key, size_t keylen, long long t, const char *body, size_t len,
               char hex[SYNC_SIGNATURE_HEX + 1])
{
    crypto_auth_hmacsha256_state st;
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    char stamp[32];
    int n = snprintf(stamp, sizeof stamp, "%lld.", t);

    crypto_auth_hmacsha256_init(&st, key, keylen);
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)stamp, (unsigned long long)n);
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)body, len);
    crypto_auth_hmacsha256_final(&st, mac);
    sodium_bin2hex(hex, SYNC_SIGNATURE_HEX + 1, mac, sizeof mac);
    sodium_memzero(&st, sizeof st);
}

/* ---------------------------------------------------------------- libcurl callbacks */

/* The reply's body is not kept (it could echo the request); only counted, up to REPLY_MAX. */
static size_t on_body(char *data, size_t size, size_t n, void *ctx)
{
    struct sync_http *h = ctx;

    (void)data;
    h->reply_bytes += size * n;
    return h->reply_bytes > REPLY_MAX ? 0 : size * n;
}

/* Keeps the status line of the final reply ("HTTP/1.1 422 Unprocessable Entity"). */
static size_t on_header(char *data, size_t size, size_t n, void *ctx)
{
    struct sync_http *h = ctx;
    size_t len = size * n;
    char line[HEADER_MAX];

    if (len >= 5 && memcmp(data, "HTTP/", 5) == 0) {
        snprintf(line, sizeof line, "%.*s", (int)(len < sizeof line ? len : sizeof line - 1), data);
        line[strcspn(line, "\r\n")] = '\0';
        sync_clean_text(line, h->status_line, sizeof h->status_line);
    }
    return len;
}

/* Ends a transfer at once when SIGTERM or SIGINT waits (they are blocked: the sync takes them in
 * its own time). What the receiver got is sent again later, under the same Idempotency-Key. */
static int on_progress(void *ctx, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow)
{
    sigset_t pending;

    (void)ctx;
    (void)dltotal;
    (void)dlnow;
    (void)ultotal;
    (void)ulnow;
    return sigpending(&pending) == 0 && (sigismember(&pending, SIGTERM) || sigismember(&pending, SIGINT));
}

/* ---------------------------------------------------------------- client */

struct sync_http *sync_http_new(const char *url, const unsigned char *key, size_t keylen, const char *ca_file,
                                const struct sync_timing *t, char *err, size_t errlen)
{
    struct sync_http *h;
    char scheme[16];
    const curl_version_info_data *v = curl_version_info(CURLVERSION_NOW);
    const char *capath = v && v->capath ? v->capath : SYSTEM_CA_PATH;
    CURLcode rc = CURLE_OK;

    if (sync_http_check_url(url, err, errlen) != 0)
        return NULL;
    if (keylen == 0) {
        snprintf(err, errlen, "the webhook's signing key is empty");
        return NULL;
    }
    h = calloc(1, sizeof *h);
    if (!h || !(h->key = sodium_malloc(keylen)) || !(h->curl = curl_easy_init())) {
        snprintf(err, errlen, "cannot start the webhook client: out of memory");
        sync_http_free(h);
        return NULL;
    }
    memcpy(h->key, key, keylen);
    h->keylen = keylen;
    h->request_ms = t->request_ms;
    url_parts(url, scheme, sizeof scheme, h->host, sizeof h->host);

#define SET(opt, val) do { if (rc == CURLE_OK) rc = curl_easy_setopt(h->curl, opt, val); } while (0)
    SET(CURLOPT_URL, url);
    SET(CURLOPT_PROTOCOLS_STR, strcmp(scheme, "http") == 0 ? "http" : "https");
    SET(CURLOPT_FOLLOWLOCATION, 0L);
    SET(CURLOPT_NOSIGNAL, 1L);
    SET(CURLOPT_ERRORBUFFER, h->error);
    SET(CURLOPT_CONNECTTIMEOUT_MS, t->connect_ms);
    SET(CURLOPT_TIMEOUT_MS, t->request_ms);
    SET(CURLOPT_TCP_KEEPALIVE, 1L);
    /* Verification cannot be turned off: the system's CAs (the hashed folder) and the clinic's own. */
    SET(CURLOPT_SSL_VERIFYPEER, 1L);
    SET(CURLOPT_SSL_VERIFYHOST, 2L);
    SET(CURLOPT_CAPATH, capath);
    if (ca_file && *ca_file)
        SET(CURLOPT_CAINFO, ca_file);
    SET(CURLOPT_USERAGENT, "kiosk-sync/" KIOSK_VERSION);
    SET(CURLOPT_WRITEFUNCTION, on_body);
    SET(CURLOPT_WRITEDATA, h);
    SET(CURLOPT_HEADERFUNCTION, on_header);
    SET(CURLOPT_HEADERDATA, h);
    SET(CURLOPT_XFERINFOFUNCTION, on_progress);
    SET(CURLOPT_NOPROGRESS, 0L);
    SET(CURLOPT_POST, 1L);
#undef SET
    if (rc != CURLE_OK) {
        snprintf(err, errlen, "cannot set up the webhook client: %s", curl_easy_strerror(rc));
        sync_http_free(h);
        return NULL;
    }
    return h;
}

void sync_http_free(struct sync_http *h)
{
    if (!h)
        return;
    if (h->curl)
        curl_easy_cleanup(h->curl);
    sodium_free(h->key);    /* zeroes it */
    free(h);
}

/* Puts libcurl's words on a failed transfer into out->error. */
static void transfer_error(const struct sync_http *h, CURLcode rc, struct sync_outcome *out)
{
    char why[CURL_ERROR_SIZE + 64];

    if (rc == CURLE_OPERATION_TIMEDOUT)
        snprintf(why, sizeof why, "no reply from %s within %ld s", h->host, (h->request_ms + 999) / 1000);
    else if (rc == CURLE_PEER_FAILED_VERIFICATION || rc == CURLE_SSL_CACERT_BADFILE)
        snprintf(why, sizeof why, "the certificate of %s is not trusted: %s", h->host,
                 h->error[0] ? h->error : curl_easy_strerror(rc));
    else    /* libcurl's short words: its error buffer's detail (ports, milliseconds) helps nobody here */
        snprintf(why, sizeof why, "cannot reach %s: %s", h->host, curl_easy_strerror(rc));
    sync_clean_text(why, out->error, sizeof out->error);
}

void sync_http_post(struct sync_http *h, const char *uuid, const char *body, size_t len, struct sync_outcome *out)
{
    char key_header[96], sig_header[160], sig[SYNC_SIGNATURE_HEX + 1], why[SYNC_TEXT_MAX + 64];
    struct curl_slist *headers = NULL, *more;
    long long t = (long long)time(NULL);
    long code = 0;
    curl_off_t retry_after = -1;
    CURLcode rc;

    memset(out, 0, sizeof *out);
    out->result = SYNC_RETRY;
    out->retry_after_s = -1;
    h->error[0] = '\0';
    h->status_line[0] = '\0';
    h->reply_bytes = 0;
    sync_sign(h->key, h->keylen, t, body, len, sig);
    snprintf(key_header, sizeof key_header, "Idempotency-Key: %s", uuid);
    snprintf(sig_header, sizeof sig_header, "Kiosk-Signature: t=%lld,v1=%s", t, sig);
    const char *lines[] = { "Content-Type: application/json", key_header, sig_header, "Expect:" };
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
        more = curl_slist_append(headers, lines[i]);
        if (!more) {
            curl_slist_free_all(headers);
            snprintf(out->error, sizeof out->error, "cannot send: out of memory");
            return;
        }
        headers = more;
    }
    curl_easy_setopt(h->curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(h->curl, CURLOPT_POSTFIELDS, body);   /* not copied: no second copy of the details */
    curl_easy_setopt(h->curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
    rc = curl_easy_perform(h->curl);
    curl_easy_setopt(h->curl, CURLOPT_HTTPHEADER, NULL);
    curl_easy_setopt(h->curl, CURLOPT_POSTFIELDS, NULL);
    curl_slist_free_all(headers);
    curl_easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE, &code);
    if (rc == CURLE_WRITE_ERROR && code >= 100)
        rc = CURLE_OK;      /* a long reply body, cut short on purpose: the status is what counts */
    if (rc != CURLE_OK) {
        transfer_error(h, rc, out);
        return;
    }
    if (curl_easy_getinfo(h->curl, CURLINFO_RETRY_AFTER, &retry_after) == CURLE_OK && retry_after > 0)
        out->retry_after_s = (long)retry_after;
    if (!h->status_line[0])
        snprintf(h->status_line, sizeof h->status_line, "HTTP %ld", code);
    if (code >= 200 && code < 300) {
        out->result = SYNC_OK;
    } else if (code == 408 || code == 429 || code >= 500 || code < 200) {
        snprintf(why, sizeof why, "%s answered '%s'", h->host, h->status_line);
        sync_clean_text(why, out->error, sizeof out->error);
    } else if (code >= 300 && code < 400) {
        snprintf(why, sizeof why, "%s answered '%s': set sync-url to the receiver's own address", h->host,
                 h->status_line);
        sync_clean_text(why, out->error, sizeof out->error);
    } else {
        out->result = SYNC_REJECTED;
        snprintf(out->status_line, sizeof out->status_line, "%s", h->status_line);
        snprintf(why, sizeof why, "%s refused it: '%s'", h->host, h->status_line);
        sync_clean_text(why, out->error, sizeof out->error);
    }
}
