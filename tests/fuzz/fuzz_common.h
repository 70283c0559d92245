/*
 * fuzz_common.h: helpers shared by the libFuzzer harnesses.
 *
 * Everything here is static and per-call: a harness keeps no state from
 * one input to the next (libFuzzer's leak check and reproducibility
 * depend on it).  An "oracle" failure (an output that breaks a documented
 * contract without the sanitizers noticing) is reported with
 * FUZZ_FAIL(), which prints the reason and aborts, so libFuzzer saves the
 * input like any other crash.
 */
#ifndef HL_FUZZ_COMMON_H
#define HL_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "diag.h"
#include "node.h"
#include "textfile.h"

/*
 * Inputs larger than this are ignored: the parsers' own limits are far
 * above it, and big inputs only slow the search down.
 */
#define FUZZ_MAX_INPUT	((size_t)1024 * 1024)

/* How many nodes one tree walk visits at most (<Ref> makes a DAG). */
#define FUZZ_WALK_BUDGET	200000

#define FUZZ_FAIL(...) do {						\
	fprintf(stderr, "\nhybridlint fuzz oracle: " __VA_ARGS__);	\
	fputc('\n', stderr);						\
	abort();							\
} while (0)

/* Somewhere for reads to go so the compiler keeps them. */
static volatile size_t fuzz_sink;

static inline void
fuzz_xml_quiet(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

/* Once per process, from LLVMFuzzerInitialize. */
static inline void
fuzz_init_libxml(void)
{
	xmlInitParser();
	xmlSetGenericErrorFunc(NULL, fuzz_xml_quiet);
}

/* Read every byte of a string, so ASan sees an unterminated one. */
static inline void
fuzz_touch_str(const char *s)
{
	if (s != NULL)
		fuzz_sink += strlen(s);
}

static inline void
fuzz_touch_bytes(const void *p, size_t n)
{
	const unsigned char	*b = p;
	size_t			 i, acc = 0;

	for (i = 0; i < n; i++)
		acc += b[i];
	fuzz_sink += acc;
}

static inline void
fuzz_touch_loc(const struct loc *l)
{
	fuzz_touch_str(l->file);
	fuzz_touch_str(l->pointer);
}

/* A malloc'd NUL-terminated copy, as rawfile_read() makes. */
static inline int
fuzz_rawfile(const uint8_t *data, size_t size, struct rawfile *raw)
{
	raw->data = malloc(size + 1);
	if (raw->data == NULL)
		return -1;
	if (size > 0)
		memcpy(raw->data, data, size);
	raw->data[size] = '\0';
	raw->len = size;
	return 0;
}

/*
 * Walk a loaded tree the way the model layer reads it: every string,
 * every list, node_text(), node_prop() and the type helpers.
 */
static inline void
fuzz_walk(const struct node *n, unsigned depth, size_t *budget)
{
	char		 tmp[64];
	const char	*t;
	const struct node *l;
	size_t		 i;

	if (n == NULL || *budget == 0 || depth > 1000)
		return;
	(*budget)--;
	fuzz_touch_str(n->name);
	fuzz_touch_str(n->tag);
	fuzz_touch_loc(&n->loc);
	fuzz_touch_str(node_kind_name(n->kind));
	switch (n->kind) {
	case NODE_STRING:
		fuzz_touch_bytes(n->str, n->len);
		/* Strings are NUL-terminated at str[len] (node.h: "text"). */
		if (n->str == NULL || n->str[n->len] != '\0')
			FUZZ_FAIL("string node without NUL at str[len]");
		break;
	case NODE_BYTES:
		fuzz_touch_bytes(n->str, n->len);
		break;
	default:
		break;
	}
	t = node_text(n, tmp, sizeof(tmp));
	fuzz_touch_str(t);
	fuzz_sink += (size_t)node_is_null(n);
	for (i = 0; i < n->ntypes; i++) {
		fuzz_touch_str(n->types[i]);
		fuzz_touch_str(node_type_leaf(n, i));
	}
	if (n->kind == NODE_OBJECT) {
		fuzz_touch_str(n->tostring);
		fuzz_sink += (size_t)node_has_type(n, "SendConnector");
		fuzz_touch_str(node_text(node_prop(n, "Name"), tmp,
		    sizeof(tmp)));
		fuzz_touch_str(node_text(node_prop(n, "identity"), tmp,
		    sizeof(tmp)));
		fuzz_walk(n->value, depth + 1, budget);
		for (i = 0; i < n->nprops; i++)
			fuzz_walk(n->props[i], depth + 1, budget);
	}
	for (i = 0; i < n->nitems; i++)
		fuzz_walk(n->items[i], depth + 1, budget);
	if ((l = node_as_list(n)) != NULL && l != n)
		fuzz_walk(l, depth + 1, budget);
}

static inline void
fuzz_walk_doc(const struct doc *d)
{
	size_t	i, budget = FUZZ_WALK_BUDGET;

	fuzz_touch_str(d->path);
	fuzz_touch_str(d->encoding);
	for (i = 0; i < d->nroots; i++)
		fuzz_walk(d->roots[i], 0, &budget);
}

/* Print the diagnostics somewhere, as the CLI does. */
static inline void
fuzz_diags(const struct diags *d)
{
	char	*buf = NULL;
	size_t	 len = 0, i;
	FILE	*fp;

	for (i = 0; i < d->n; i++) {
		fuzz_touch_str(d->v[i].file);
		fuzz_touch_str(d->v[i].msg);
	}
	if ((fp = open_memstream(&buf, &len)) == NULL)
		return;
	diag_print(d, fp);
	fclose(fp);
	free(buf);
}

#endif
