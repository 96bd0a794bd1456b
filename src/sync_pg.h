/* sync_pg: the PostgreSQL receiver of `kioskctl sync` (libpq): transactions of up to 500 requests
 * into enquiries with ON CONFLICT (uuid) DO NOTHING, and the kiosk's row of kiosk_status. */
#ifndef SYNC_PG_H
#define SYNC_PG_H

#include <stddef.h>

#include "sync.h"

#define SYNC_PG_BATCH       500     /* requests a transaction at most */
#define SYNC_PG_PARAMS_MAX  16

/* The connection's parameters for libpq, settled from sync-url and the config. */
struct sync_pg_params {
    const char *keywords[SYNC_PG_PARAMS_MAX + 1];   /* NULL-terminated, as PQconnectdbParams wants */
    const char *values[SYNC_PG_PARAMS_MAX + 1];
    int local;                      /* every host is this machine (Unix socket or loopback) */
    char connect_timeout[16];
};

struct sync_pg;

/* Settles the parameters for conninfo (a postgresql:// address or key=value words): a remote host
 * gets sslmode=verify-full (a weaker sslmode given for one is an error) with ca_file, else the
 * system's CAs, as its root certificates; password (NULL: none) from sync-secret-file. The strings
 * stay the caller's. Returns 0, or -1 with err. */
int sync_pg_params(const char *conninfo, const char *password, const char *ca_file, const struct sync_timing *t,
                   struct sync_pg_params *p, char *err, size_t errlen);

/* A client that connects when first used. password and ca_file as above (copied). Returns it
 * (release with sync_pg_free), or NULL with err. */
struct sync_pg *sync_pg_new(const char *conninfo, const char *password, const char *ca_file,
                            const struct sync_timing *t, char *err, size_t errlen);

/* Inserts the n requests in json (a JSON array of the export's objects, len bytes) in one
 * transaction. SYNC_OK only once COMMIT succeeded. */
void sync_pg_deliver(struct sync_pg *p, const char *json, size_t len, int n, struct sync_outcome *out);

/* Upserts this kiosk's row of kiosk_status: its version, now, how many wait, the last error. */
void sync_pg_status(struct sync_pg *p, const char *kiosk_id, const char *version, long long waiting,
                    const char *last_error, struct sync_outcome *out);

/* Closes the connection and frees p, wiping the password. Safe on NULL. */
void sync_pg_free(struct sync_pg *p);

#endif
