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
output_write(const char *path, const char *data, size_t len, char *err,
    size_t errlen)
{
	int	fd, saved;

	if (path == NULL || strcmp(path, "-") == 0) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
			snprintf(err, errlen, "standard output: %s",
			    strerror(errno));
			return -1;
		}
		return 0;
	}
	if (snprintf(pending, sizeof(pending), "%s.tmp-XXXXXX", path) >=
	    (int)sizeof(pending)) {
		snprintf(err, errlen, "%s: path too long", path);
		return -1;
	}
	if ((fd = mkstemp(pending)) == -1) {
		snprintf(err, errlen, "%s: cannot create: %s", path,
		    strerror(errno));
		return -1;
	}
	have_pending = 1;
	if (write_all(fd, data, len) == -1 || fsync(fd) == -1) {
		saved = errno;
		close(fd);
		unlink(pending);
		have_pending = 0;
		snprintf(err, errlen, "%s: write error: %s", path,
		    strerror(saved));
		return -1;
	}
	(void)fchmod(fd, 0644);	/* mkstemp's 0600 would do, just stricter */
	if (close(fd) == -1 || rename(pending, path) == -1) {
		saved = errno;
		unlink(pending);
		have_pending = 0;
		snprintf(err, errlen, "%s: %s", path, strerror(saved));
		return -1;
	}
	have_pending = 0;
	return 0;
}
