/*
 * output.c: atomic output files.
 */
#include <sys/stat.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "output.h"
#include "xalloc.h"

/* The temporary file being written, for the signal handler. */
static char			 pending[4096];
static volatile sig_atomic_t	 have_pending;

static void
on_signal(int sig)
{
	if (have_pending)
		unlink(pending);
	signal(sig, SIG_DFL);
	raise(sig);
}

void
output_init(void)
{
	struct sigaction	sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

static int
write_all(int fd, const char *p, size_t n)
{
	ssize_t	w;

	while (n > 0) {
		w = write(fd, p, n);
		if (w == -1 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int
output_write(const char *path, const char *data, size_t len,
    struct diags *d)
{
	int	fd, saved;

	if (path == NULL || strcmp(path, "-") == 0) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
			diag_add(d, SEV_ERROR, "standard output", 0, 0, "%s",
			    strerror(errno));
			return -1;
		}
		return 0;
	}
	if (snprintf(pending, sizeof(pending), "%s.tmp-XXXXXX", path) >=
	    (int)sizeof(pending)) {
		diag_add(d, SEV_ERROR, path, 0, 0, "path too long");
		return -1;
	}
	if ((fd = mkstemp(pending)) == -1) {
		diag_add(d, SEV_ERROR, path, 0, 0, "cannot create: %s",
		    strerror(errno));
		return -1;
	}
	have_pending = 1;
	if (write_all(fd, data, len) == -1 || fsync(fd) == -1) {
		saved = errno;
		close(fd);
		unlink(pending);
		have_pending = 0;
		diag_add(d, SEV_ERROR, path, 0, 0, "write error: %s",
		    strerror(saved));
		return -1;
	}
	(void)fchmod(fd, 0644);	/* mkstemp's 0600 would do, just stricter */
	if (close(fd) == -1 || rename(pending, path) == -1) {
		saved = errno;
		unlink(pending);
		have_pending = 0;
		diag_add(d, SEV_ERROR, path, 0, 0, "%s", strerror(saved));
		return -1;
	}
	have_pending = 0;
	return 0;
}
