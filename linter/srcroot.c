/*
 * srcroot.c: finding the source root and making paths relative to it.
 */
#include <sys/stat.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "srcroot.h"
#include "xalloc.h"

/* The folder itself when 'p' is one, else the folder holding it. */
static char *
folder_of(const char *p)
{
	struct stat	 st;
	char		*real, *slash;

	if ((real = realpath(p, NULL)) == NULL)
		return NULL;
	if (stat(real, &st) == 0 && !S_ISDIR(st.st_mode) &&
	    (slash = strrchr(real, '/')) != NULL)
		*(slash == real ? slash + 1 : slash) = '\0';
	return real;
}

char *
srcroot_find(const char *given, const char *first)
{
	struct stat	 st;
	char		*dir, *p, *slash;

	if (given != NULL) {
		if (stat(given, &st) == -1 || !S_ISDIR(st.st_mode))
			return NULL;
		return realpath(given, NULL);
	}
	if (first != NULL && strcmp(first, "-") != 0 &&
	    (dir = folder_of(first)) != NULL) {
		for (;;) {
			p = xasprintf("%s%s.git", dir,
			    strcmp(dir, "/") == 0 ? "" : "/");
			if (lstat(p, &st) == 0 &&
			    (S_ISDIR(st.st_mode) || S_ISREG(st.st_mode))) {
				free(p);
				return dir;
			}
			free(p);
			if (strcmp(dir, "/") == 0 ||
			    (slash = strrchr(dir, '/')) == NULL)
				break;
			*(slash == dir ? slash + 1 : slash) = '\0';
		}
		free(dir);
	}
	return realpath(".", NULL);
}

char *
srcroot_abs(const char *path)
{
	struct buf	 b = { 0 };
	char		 cwd[PATH_MAX];
	char		*in, *tok, *save;

	if (path[0] == '/')
		in = xstrdup(path);
	else if (getcwd(cwd, sizeof(cwd)) != NULL)
		in = xasprintf("%s/%s", cwd, path);
	else
		return NULL;
	/* Components, with "." dropped and ".." taking one back. */
	for (tok = strtok_r(in, "/", &save); tok != NULL;
	    tok = strtok_r(NULL, "/", &save)) {
		if (strcmp(tok, ".") == 0)
			continue;
		if (strcmp(tok, "..") == 0) {
			while (b.len > 0 && b.p[b.len - 1] != '/')
				b.len--;
			if (b.len > 0)
				b.len--;
			if (b.p != NULL)
				b.p[b.len] = '\0';
			continue;
		}
		buf_addc(&b, '/');
		buf_adds(&b, tok);
	}
	free(in);
	if (b.len == 0)
		buf_addc(&b, '/');
	return buf_steal(&b);
}

/* The part of absolute path p below folder d, or NULL. */
static const char *
below(const char *p, const char *d)
{
	size_t	n = strlen(d);

	if (strcmp(d, "/") == 0)
		return p + 1;
	if (strncmp(p, d, n) == 0 && p[n] == '/')
		return p + n + 1;
	if (strcmp(p, d) == 0)
		return p + n;
	return NULL;
}

char *
srcroot_rel(const char *root, const char *path)
{
	const char	*rel;
	char		*abs, *real, *r = NULL;

	if (root == NULL || path == NULL || *path == '\0')
		return NULL;
	/* The path as named (a link keeps its name), else as resolved. */
	if ((abs = srcroot_abs(path)) != NULL &&
	    (rel = below(abs, root)) != NULL)
		r = xstrdup(*rel != '\0' ? rel : ".");
	else if ((real = realpath(path, NULL)) != NULL) {
		if ((rel = below(real, root)) != NULL)
			r = xstrdup(*rel != '\0' ? rel : ".");
		free(real);
	}
	free(abs);
	return r;
}

char *
srcroot_path(const char *root, const char *path)
{
	char	*r;

	if (path == NULL)
		return NULL;
	if ((r = srcroot_rel(root, path)) != NULL)
		return r;
	return xstrdup(path);
}
