/* ids: the random identifiers a request is given: a UUID (version 4) and a short reference
 * ("FT-7K3Q") a client can read out, from the kernel's random source. */
#ifndef IDS_H
#define IDS_H

#define IDS_UUID_LEN    36      /* "1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b" */
#define IDS_REF_LEN     7       /* "FT-7K3Q" */

/* Each fills out with a fresh identifier and its terminating NUL. Returns 0, or -1 (errno set)
 * when the kernel gives no random bytes. */
int ids_uuid(char out[IDS_UUID_LEN + 1]);
int ids_ref(char out[IDS_REF_LEN + 1]);

#endif
