/* sha256.h - SHA-256 (FIPS 180-4), so a rendered document can name the exact
 * bytes of the plan it was made from.
 *
 * Threads: no shared state; safe from several threads.
 */
#ifndef PHAEN_SHA256_H
#define PHAEN_SHA256_H

#include <stddef.h>

/* Computes the SHA-256 digest of len bytes at data into out. */
void sha256(const void *data, size_t len, unsigned char out[32]);

/* Writes d as 64 lowercase hex digits and a NUL into out. */
void sha256_hex(const unsigned char d[32], char out[65]);

#endif
