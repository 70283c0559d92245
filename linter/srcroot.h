/*
 * srcroot.h: the source root that output paths are relative to.
 *
 * Code scanning and merge-request widgets map a finding to a file of the
 * repository by a path relative to its top.  The root is --source-root
 * DIR, else the top of the git repository holding the first PATH (the
 * nearest folder above it with a .git folder or file; git is not run),
 * else the working directory.
 */
#ifndef HL_SRCROOT_H
#define HL_SRCROOT_H

/*
 * The root as an absolute real path (malloc'd): 'given' if not NULL
 * (NULL if it is not a folder), else found from 'first' (a PATH, may be
 * NULL or "-"), else the working directory.
 */
char	*srcroot_find(const char *given, const char *first);
/*
 * 'path' (as given: relative to the working directory, or absolute)
 * relative to 'root', without "./" and with '/' separators; malloc'd, or
 * NULL when it lies outside the root.
 */
char	*srcroot_rel(const char *root, const char *path);
/*
 * How outputs that a consumer maps to repository files name 'path':
 * relative to the root when inside it, else as given.  Malloc'd; NULL
 * for NULL.
 */
char	*srcroot_path(const char *root, const char *path);
/* An absolute, lexically normalised form of 'path' (malloc'd). */
char	*srcroot_abs(const char *path);

#endif
