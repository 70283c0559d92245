/*
 * output.c: writing what a command produces, whole or not at all, and
 * never over an input.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "output.h"
#include "xalloc.h"

/* The temporary file being written, for the signal handler. */
static char			 pending[PATH_MAX + 16];
static volatile sig_atomic_t	 have_pending;
static mode_t			 creation_mask;

/* The signals whose default action ends the process. */
static const int terminating[] = {
	SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM,
	SIGVTALRM, SIGPROF, SIGXCPU
};

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
	size_t			i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(terminating) / sizeof(terminating[0]); i++)
		sigaction(terminating[i], &sa, NULL);
	/* A write past a file size limit fails with EFBIG and is reported;
	 * a write into a closed pipe fails with EPIPE (output_pipe_closed). */
	signal(SIGXFSZ, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	creation_mask = umask(022);
	umask(creation_mask);
}

void
output_pipe_closed(void)
{
	/* Whoever read standard output has gone: end quietly, as the
	 * default action of SIGPIPE does. */
	fflush(NULL);
	signal(SIGPIPE, SIG_DFL);
	raise(SIGPIPE);
	_exit(141);
}

static int
write_all(int fd, const char *p, size_t n)
{
	ssize_t	w;

	while (n > 0) {
		w = write(fd, p, n);
		if (w == -1 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (w == 0)
				errno = EIO;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* A document held whole, as a source of one piece. */
struct whole {
	const char	*p;
	size_t		 n;
};

static int
whole_next(void *arg, const char **p, size_t *n)
{
	struct whole	*w = arg;

	*p = w->p;
	*n = w->n;
	w->n = 0;
	return 0;
}

/* Every piece of src to fd. */
static int
write_src(int fd, struct output_src *src)
{
	const char	*p;
	size_t		 n;

	for (;;) {
		if (src->next(src->arg, &p, &n) == -1)
			return -1;
		if (n == 0)
			return 0;
		if (write_all(fd, p, n) == -1)
			return -1;
	}
}

/* Write all of src to fd (then fsync it if sync) and close it; a write
 * error is reported against path. */
static int
write_close(int fd, struct output_src *src, int sync, const char *path,
    struct diags *d)
{
	if (write_src(fd, src) == -1 || (sync && fsync(fd) == -1)) {
		diag_add(d, SEV_ERROR, path, 0, 0, "write error: %s",
		    strerror(errno));
		close(fd);
		return -1;
	}
	if (close(fd) == -1) {
		diag_add(d, SEV_ERROR, path, 0, 0, "write error: %s",
		    strerror(errno));
		return -1;
	}
	return 0;
}

static int
write_stdout(struct output_src *src, struct diags *d)
{
	if (fflush(stdout) != 0 || write_src(STDOUT_FILENO, src) == -1) {
		if (errno == EPIPE)
			output_pipe_closed();
		diag_add(d, SEV_ERROR, "standard output", 0, 0, "%s",
		    strerror(errno));
		return -1;
	}
	return 0;
}

/* Is the file at 'path' (st) our standard output? */
static int
is_stdout(const struct stat *st)
{
	struct stat	out;

	return fstat(STDOUT_FILENO, &out) == 0 && out.st_dev == st->st_dev &&
	    out.st_ino == st->st_ino;
}

/*
 * A device, FIFO or socket is written in place: replacing it by a
 * regular file would break it.  A FIFO nobody reads is an error, not a
 * wait.
 */
static int
write_special(const char *path, struct output_src *src, struct diags *d)
{
	int	fd, fl;

	if ((fd = open(path, O_WRONLY | O_NONBLOCK | O_NOCTTY)) == -1) {
		diag_add(d, SEV_ERROR, path, 0, 0, "cannot write: %s",
		    errno == ENXIO ? "no process reads it" : strerror(errno));
		return -1;
	}
	if ((fl = fcntl(fd, F_GETFL)) != -1)
		(void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	return write_close(fd, src, 0, path, d);
}

/* A temporary file beside 'target', renamed over it once complete. */
static int
write_replace(const char *target, mode_t mode, struct output_src *src,
    struct diags *d)
{
	sigset_t	block, old;
	size_t		i;
	int		fd, saved;

	if (snprintf(pending, sizeof(pending), "%s.tmp-XXXXXX", target) >=
	    (int)sizeof(pending)) {
		diag_add(d, SEV_ERROR, target, 0, 0, "path too long");
		return -1;
	}
	/* No signal between the file's creation and the handler knowing
	 * of it. */
	sigemptyset(&block);
	for (i = 0; i < sizeof(terminating) / sizeof(terminating[0]); i++)
		sigaddset(&block, terminating[i]);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	if ((fd = mkstemp(pending)) != -1)
		have_pending = 1;
	saved = errno;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (fd == -1) {
		diag_add(d, SEV_ERROR, target, 0, 0, "cannot create: %s",
		    strerror(saved));
		return -1;
	}
	if (write_src(fd, src) == -1 || fchmod(fd, mode) == -1 ||
	    fsync(fd) == -1) {
		saved = errno;
		close(fd);
		unlink(pending);
		have_pending = 0;
		diag_add(d, SEV_ERROR, target, 0, 0, "write error: %s",
		    strerror(saved));
		return -1;
	}
	if (close(fd) == -1 || rename(pending, target) == -1) {
		saved = errno;
		unlink(pending);
		have_pending = 0;
		diag_add(d, SEV_ERROR, target, 0, 0, "%s", strerror(saved));
		return -1;
	}
	have_pending = 0;
	return 0;
}

int
output_write(const char *path, const char *data, size_t len,
    struct diags *d)
{
	struct whole		w = { data, len };
	struct output_src	src = { whole_next, &w };

	return output_write_src(path, &src, d);
}

int
output_write_src(const char *path, struct output_src *src, struct diags *d)
{
	struct stat	 st;
	char		*real;
	int		 rc;

	if (path == NULL || strcmp(path, "-") == 0)
		return write_stdout(src, d);
	if (stat(path, &st) == -1) {
		if (errno != ENOENT) {
			diag_add(d, SEV_ERROR, path, 0, 0, "%s",
			    strerror(errno));
			return -1;
		}
		/* A new file: the permissions the umask allows. */
		return write_replace(path, 0666 & ~creation_mask, src, d);
	}
	if (is_stdout(&st))
		return write_stdout(src, d);
	if (!S_ISREG(st.st_mode))
		return write_special(path, src, d);
	/* An existing file keeps its mode; a symbolic link keeps pointing
	 * at the file, which is what gets replaced. */
	if ((real = realpath(path, NULL)) == NULL) {
		diag_add(d, SEV_ERROR, path, 0, 0, "%s", strerror(errno));
		return -1;
	}
	rc = write_replace(real, st.st_mode & 07777, src, d);
	free(real);
	return rc;
}

int
output_append(const char *path, const char *data, size_t len,
    struct diags *d)
{
	struct whole		w = { data, len };
	struct output_src	src = { whole_next, &w };
	struct stat		st;
	int			fd;

	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
		return write_special(path, &src, d);
	/* One write at the end of the file, whatever else appends to it. */
	if ((fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOCTTY,
	    0666)) == -1) {
		diag_add(d, SEV_ERROR, path, 0, 0, "cannot append: %s",
		    strerror(errno));
		return -1;
	}
	return write_close(fd, &src, 1, path, d);
}

/* The path an output would have: the file's real path once it exists. */
static char *
resolve(const char *path)
{
	char	*dir, *base, *slash, *rdir, *r;

	if ((r = realpath(path, NULL)) != NULL)
		return r;
	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) != NULL) {
		*slash = '\0';
		base = slash + 1;
		rdir = realpath(*dir != '\0' ? dir : "/", NULL);
	} else {
		base = dir;
		rdir = realpath(".", NULL);
	}
	r = rdir != NULL ? xasprintf("%s%s%s", rdir, strcmp(rdir, "/") == 0 ?
	    "" : "/", base) : NULL;
	free(rdir);
	free(dir);
	return r;
}

/* Is real path 'p' inside folder 'dir' (both real)? */
static int
inside(const char *p, const char *dir)
{
	size_t	n = strlen(dir);

	return strncmp(p, dir, n) == 0 && (p[n] == '/' || (n == 1 &&
	    dir[0] == '/'));
}

/* Would the loader read a file of this name as an export? */
static int
readable_name(const char *path)
{
	static const char *const ext[] = { ".xml", ".clixml", ".json",
	    ".pem", ".crt", ".cer", ".der", NULL };
	const char	*base = strrchr(path, '/'), *dot;
	size_t		 i;

	base = base != NULL ? base + 1 : path;
	if (*base == '.' || (dot = strrchr(base, '.')) == NULL)
		return 0;
	for (i = 0; ext[i] != NULL; i++)
		if (strcasecmp(dot, ext[i]) == 0)
			return 1;
	return 0;
}

/* One output against the inputs: 0, or -1 after an error. */
static int
guard_one(const char *out, const struct output_inputs *in, struct diags *d)
{
	struct stat	 st;
	char		*real;
	size_t		 i;
	int		 rc = 0;

	if (out == NULL || strcmp(out, "-") == 0)
		return 0;
	if (stat(out, &st) == 0) {
		for (i = 0; i < in->nfiles; i++)
			if (in->files[i].dev == st.st_dev &&
			    in->files[i].ino == st.st_ino) {
				diag_add(d, SEV_ERROR, out, 0, 0, "is an input "
				    "(%s): an output must not overwrite it",
				    in->files[i].path);
				return -1;
			}
		return 0;
	}
	if ((real = resolve(out)) == NULL)
		return 0;	/* its folder does not exist: writing fails */
	for (i = 0; i < in->nfolders && rc == 0; i++)
		if (inside(real, in->folders[i]) && readable_name(real)) {
			diag_add(d, SEV_ERROR, out, 0, 0, "lies in the input "
			    "folder %s, where the next run would read it as "
			    "an export; write it elsewhere", in->folders[i]);
			rc = -1;
		}
	free(real);
	return rc;
}

int
output_guard(const char *const *outs, size_t n,
    const struct output_inputs *in, struct diags *d)
{
	size_t	i;
	int	rc = 0;

	for (i = 0; i < n; i++)
		if (guard_one(outs[i], in, d) == -1)
			rc = -1;
	return rc;
}

/* Does output path p go to standard output? */
static int
to_stdout(const char *p)
{
	struct stat	st;

	return p == NULL || strcmp(p, "-") == 0 ||
	    (stat(p, &st) == 0 && !S_ISREG(st.st_mode) && is_stdout(&st));
}

int
output_distinct(const char *const *outs, size_t n, struct diags *d)
{
	char	*ri, *rj;
	size_t	 i, j, nstdout = 0;
	int	 rc = 0;

	for (i = 0; i < n; i++) {
		if (to_stdout(outs[i])) {
			if (++nstdout == 2) {
				diag_add(d, SEV_ERROR, NULL, 0, 0, "two "
				    "outputs to standard output: give all but "
				    "one a file (-f FORMAT:FILE)");
				rc = -1;
			}
			continue;
		}
		ri = resolve(outs[i]);
		for (j = 0; j < i && ri != NULL; j++) {
			if (to_stdout(outs[j]))
				continue;
			rj = resolve(outs[j]);
			if (rj != NULL && strcmp(ri, rj) == 0) {
				diag_add(d, SEV_ERROR, outs[i], 0, 0,
				    "named by two outputs");
				rc = -1;
			}
			free(rj);
		}
		free(ri);
	}
	return rc;
}
