/*
 * x509.h: certificates decoded with OpenSSL's libcrypto.
 *
 * Export-Clixml keeps only a certificate's DER bytes (RawData); gateway
 * certificates arrive as PEM or DER files.  Both are decoded here into the
 * few facts the model needs.  Strings belong to the arena passed in.
 */
#ifndef HL_X509_H
#define HL_X509_H

#include <stddef.h>
#include <stdint.h>

struct arena;

struct certinfo {
	const char	 *subject;	/* "CN=mail.contoso.com, O=Contoso, C=US" */
	const char	 *issuer;	/* same form */
	const char	 *cn;		/* subject CN, or NULL */
	const char	**names;	/* SAN dNSNames, NULL-terminated */
	size_t		  nnames;
	int64_t		  not_before;	/* epoch seconds, UTC */
	int64_t		  not_after;
	int		  self_signed;	/* issuer == subject and self-verifies */
	const char	 *thumbprint;	/* SHA-1 of the DER, upper-case hex */
	const char	 *serial;	/* upper-case hex */
};

/*
 * Distinguished names are rendered the way Windows (and so Exchange's
 * Subject and Issuer properties and TlsCertificateName) prints them: the
 * most specific RDN first ("CN=..., OU=..., O=..., C=..."), ", " between
 * RDNs, values unquoted unless they contain a separator.
 */

/* DER bytes.  Returns 0, or -1 with a message in err (errlen bytes). */
int	x509_from_der(struct arena *, const unsigned char *, size_t,
	    struct certinfo *, char *err, size_t errlen);

/*
 * A file's bytes: PEM (the first CERTIFICATE block) or DER, detected by
 * content.  Returns 0, or -1 with a message.
 */
int	x509_from_file_bytes(struct arena *, const unsigned char *, size_t,
	    struct certinfo *, char *err, size_t errlen);

/* Standard base64 (as in <BA>), whitespace ignored.  Returns bytes or -1. */
long	base64_decode(const char *in, size_t inlen, unsigned char *out,
	    size_t outcap);

#endif
