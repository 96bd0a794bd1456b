/* sync_http: the HTTPS webhook receiver of `kioskctl sync` (libcurl): one signed POST a request on
 * one kept-alive connection, TLS always verified; plain http:// only to this machine. */
#ifndef SYNC_HTTP_H
#define SYNC_HTTP_H

#include <stddef.h>

#include "sync.h"

#define SYNC_SIGNATURE_HEX  64      /* hex of HMAC-SHA256 */

struct sync_http;

/* Checks url (https://, or http:// to loopback only). Returns 0, or -1 with err. */
int sync_http_check_url(const char *url, char *err, size_t errlen);

/* A webhook client for url, signing with key (keylen bytes, copied), trusting the system's CAs and
 * the PEM file ca_file (NULL or "": none). Returns it (release with sync_http_free), or NULL with
 * err. */
struct sync_http *sync_http_new(const char *url, const unsigned char *key, size_t keylen, const char *ca_file,
                                const struct sync_timing *t, char *err, size_t errlen);

/* POSTs body (len bytes of JSON, the caller's) with Idempotency-Key: uuid and a fresh signature.
 * Fills *out. The connection is kept for the next call when the receiver allows it. */
void sync_http_post(struct sync_http *h, const char *uuid, const char *body, size_t len, struct sync_outcome *out);

/* Frees h and wipes the key. Safe on NULL. */
void sync_http_free(struct sync_http *h);

/* Kiosk-Signature's v1: lowercase hex of HMAC-SHA256(key, "<t>.<body>") into hex (65 bytes). */
void sync_sign(const unsigned char *key, size_t keylen, long long t, const char *body, size_t len,
               char hex[SYNC_SIGNATURE_HEX + 1]);

#endif
