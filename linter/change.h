/*
 * change.h: proposed Exchange PowerShell applied to the loaded model
 * (--change FILE, -c LINE, `whatif`).
 *
 * The scripts are read by psparse.h (commands with literal arguments,
 * nothing else) and each command is bound the way PowerShell binds it:
 * parameter names case-insensitive and by unambiguous prefix, -Name:value,
 * switches, the positional -Identity (or -Name of New-).  Values are
 * typed and checked with the parsers the loaders use (props.h, values.h),
 * so a value Exchange would reject is an error here.  -Identity resolves
 * as Exchange resolves it: name, identity, distinguished name, GUID,
 * Server\Name for receive connectors, thumbprint (or Server\Thumbprint)
 * for certificates.
 *
 * What is read (the man page has the table of parameters):
 *   Set-, New-, Remove-  InboundConnector, OutboundConnector,
 *                        SendConnector, ReceiveConnector, AcceptedDomain,
 *                        RemoteDomain, JournalRule, HybridConfiguration
 *   Set-                 TransportConfig, OrganizationConfig,
 *                        OnPremisesOrganization
 *   Enable-, Disable-    JournalRule
 *   Import-ExchangeCertificate -FileData ([System.IO.File]::ReadAllBytes(
 *     'path')) or -FileName path (PEM or DER, relative to the script's
 *     folder) -Server; Enable-ExchangeCertificate -Thumbprint -Services
 *     -Server; Remove-ExchangeCertificate
 *   Start-EdgeSynchronization (accepted: the model has one record of a
 *     send connector, which every Edge of the subscription uses)
 *
 * Which organization and side a command acts on is what its -Identity
 * resolves to; where that is not enough (New-, Set-TransportConfig, a
 * name that several organizations have), a comment line
 *   #hybridlint: org=ID side=on-premises|exchange-online
 * (either key optional) scopes the commands after it in the same script.
 *
 * All or nothing: any problem is a located error ("file:line:col:
 * error: ..."), and a caller that gets -1 must discard the model (part of
 * the script may have been applied to it) and write no output.
 */
#ifndef HL_CHANGE_H
#define HL_CHANGE_H

#include <stddef.h>

#include "diag.h"
#include "model.h"

/* One --change FILE ('-': standard input) or one -c LINE. */
struct change_src {
	const char	*file;		/* NULL: 'line' */
	const char	*line;
};

/* The name -c lines are shown by in diagnostics (their line: which -c). */
#define CHANGE_INLINE	"-c"

struct change_set;

/*
 * Read and parse the sources, in order (consecutive -c lines are the
 * lines of one script): the set, or NULL after diagnostics.
 */
struct change_set	*change_read(const struct change_src *, size_t n,
			    struct diags *);
/* The same from text in memory (tests, the fuzz harness). */
struct change_set	*change_parse(const char *display, const char *dir,
			    const char *text, size_t len, struct diags *);
/* Number of commands it holds. */
size_t			 change_count(const struct change_set *);
/*
 * Apply the set to the model's records: 0, or -1 after located errors
 * (then discard the model).  Each change is recorded (model.h, struct
 * edit); diagnostics at warning level do not fail.
 */
int			 change_apply(const struct change_set *,
			    struct model *, struct diags *);
void			 change_free(struct change_set *);
/* The cmdlets read, by index ("Set-InboundConnector"); NULL past them. */
const char		*change_cmdlet(size_t);

#endif
