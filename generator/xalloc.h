/* xalloc.h - phaen's one policy for running out of memory.
 *
 * phaen does not recover from a failed allocation: a plan half-built, a page
 * half-laid-out or a report half-written is worth nothing, and the files a
 * render writes are staged (outfile.h), so stopping leaves every earlier
 * file as it was.  Every allocation of phaen's own goes through these
 * helpers or through an arena (arena.h), which print "phaen: out of memory"
 * and abort(), as redis's zmalloc does.  Functions whose header says
 * "never NULL" rely on this; "NULL when out of memory" in a header is
 * historical and means "never NULL" (see CONTRIBUTING.md).
 *
 * Library objects (libxml2, cairo, pango, glib) keep their libraries' own
 * policies.  Safe to call from several threads.
 */
#ifndef PHAEN_XALLOC_H
#define PHAEN_XALLOC_H

#include <stddef.h>

/* Prints "phaen: out of memory" (or `what`, when not NULL) and aborts. */
_Noreturn void xalloc_die(const char *what);

/* malloc, calloc, realloc that never return NULL (a size of 0 gives a
 * valid, unique pointer).  xcalloc and xgrow check the multiplication. */
void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);

/* The growable array: makes room for `need` elements of `size` bytes in p
 * (NULL: none yet), whose capacity *cap is in elements.  Doubles (from 16)
 * so that appending is amortised O(1); returns the array, maybe moved.
 *     items = xgrow(items, &cap, n + 1, sizeof *items);
 *     items[n++] = item; */
void *xgrow(void *p, size_t *cap, size_t need, size_t size);

#endif
