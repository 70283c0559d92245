/*
 * digest.h: SHA-256 of bytes (OpenSSL's EVP), as hex for input files and
 * as base64 for the Content-Security-Policy hashes of the report.
 */
#ifndef HL_DIGEST_H
#define HL_DIGEST_H

#include <stddef.h>

#define SHA256_HEX_LEN	64	/* without the NUL */
#define SHA256_B64_LEN	44

/* Lower-case hex into out (SHA256_HEX_LEN + 1 bytes). */
void	sha256_hex(const void *, size_t, char *out);
/* Standard base64 into out (SHA256_B64_LEN + 1 bytes). */
void	sha256_b64(const void *, size_t, char *out);

#endif
