/* config: the one plain-text configuration file of both binaries ("key = value", # comments).
 * Every key has a default, so an empty or absent file works; unknown keys and bad values are "file:line" errors. */
#ifndef CONFIG_H
#define CONFIG_H

#include <stddef.h>

#define CONFIG_PATH_MAX 512

struct config {
    char kiosk_id[64];                  /* kiosk-id = reception-1 (default: "kiosk") */
    char content_dir[CONFIG_PATH_MAX];  /* content-dir = ... (default: "" = the installed or repo content) */
    char db_path[CONFIG_PATH_MAX];      /* database = ... (default: /var/lib/kiosk/kiosk.db) */
    char export_dir[CONFIG_PATH_MAX];   /* export-dir = ... (default: /media/kiosk-export) */
    int export_formats;                 /* export-formats = xlsx jsonl [csv] (EXPORT_SET bits; default xlsx jsonl) */
    int idle_timeout_s;                 /* idle-timeout = 60 (seconds, 10..3600) */
    int idle_warning_s;                 /* idle-warning = 15 (seconds, 5..120) */
    int thanks_timeout_s;               /* thanks-timeout = 20 (seconds, 5..300) */
    int staff_timeout_s;                /* staff-timeout = 60 (seconds, 10..3600) */
    int high_contrast;                  /* theme = standard | high-contrast (default standard) */
    int large_text;                     /* text-size = normal | large (default normal) */
    int rotation;                       /* rotation = 0 | 90 | 180 | 270 (default 0) */
    int retention_days;                 /* retention-days = 30 (1..3650) */
    int speech_headphones;              /* speech-output = speaker | headphones (default speaker) */
    int speech_volume;                  /* speech-volume = 80 (per cent, 10..100) */
    char pin_hash[128];                 /* staff-pin-hash = $argon2id$... (default "": no staff PIN set) */
    /* kioskctl sync: delivery to the clinic's own system (default: none) */
    char sync_url[CONFIG_PATH_MAX];     /* sync-url = https://... | postgresql://... | host=... dbname=... */
    char sync_secret_file[CONFIG_PATH_MAX]; /* sync-secret-file = the webhook's signing key (or the database password) */
    char sync_ca_file[CONFIG_PATH_MAX]; /* sync-ca-file = an extra CA certificate (PEM) for the receiver */
    int delete_after_delivery;          /* delete-after-delivery = no | yes (default no) */
    char languages[256];                /* languages = en pl ar zh-Hans: offered, in the picker's order,
                                         * as space-separated codes (default "": every complete one) */
};

/* Fills c with every default. */
void config_defaults(struct config *c);

/* Reads path over the values already in c (call config_defaults first).
 * Returns 0, or -1 with "path:line: message" (or "cannot open 'path': strerror") in err;
 * on error c is left unchanged. An absent file is an error: callers decide whether to look for one. */
int config_load(struct config *c, const char *path, char *err, size_t errlen);

/* Sets key to value in the file at path, keeping every other line and comment, creating the
 * file if absent; written atomically (temporary file, fsync, rename) with mode 0600 when new,
 * else with the old file's mode and owner. Returns 0, or -1 with a message in err. The value is
 * checked like config_load() would, and so is every other line of the file. */
int config_set(const char *path, const char *key, const char *value, char *err, size_t errlen);

#endif
