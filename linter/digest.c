/*
 * digest.c: SHA-256 with OpenSSL's EVP interface.
 */
#include <stdio.h>
#include <stdlib.h>

#include <openssl/evp.h>

#include "digest.h"

/* The digest of p; exits like an allocation failure if EVP fails. */
static void
sha256(const void *p, size_t n, unsigned char md[32])
{
	unsigned int	len = 0;

	if (EVP_Digest(p, n, md, &len, EVP_sha256(), NULL) != 1 ||
	    len != 32) {
		fputs("hybridlint: SHA-256 failed\n", stderr);
		exit(2);
	}
}

void
sha256_hex(const void *p, size_t n, char *out)
{
	static const char	 hex[] = "0123456789abcdef";
	unsigned char		 md[32];
	size_t			 i;

	sha256(p, n, md);
	for (i = 0; i < 32; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[SHA256_HEX_LEN] = '\0';
}

void
sha256_b64(const void *p, size_t n, char *out)
{
	unsigned char	md[32];

	sha256(p, n, md);
	EVP_EncodeBlock((unsigned char *)out, md, 32);
	out[SHA256_B64_LEN] = '\0';
}
