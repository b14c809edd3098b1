/* arena.h - one owner for everything a loaded plan holds.
 *
 * A plan's model (strings, arrays, structs) lives in one arena and is freed
 * at once with arena_free().  Library objects (libxml2, cairo, pango) are
 * reference-counted and never go in an arena.
 *
 * Out of memory: every function here aborts with a message (xalloc.h) and
 * never returns NULL.  An arena is used by one thread at a time; different
 * arenas may be used by different threads at once.
 */
#ifndef PHAEN_ARENA_H
#define PHAEN_ARENA_H

#include <stdarg.h>
#include <stddef.h>

typedef struct Arena Arena;

/* Returns a new empty arena (never NULL). */
Arena *arena_new(void);

/* Frees the arena and everything allocated from it.  NULL is allowed. */
void arena_free(Arena *a);

/* Returns n zeroed bytes aligned for any type; aborts when out of memory
 * (the model cannot be half-built, and there is nothing to recover). */
void *arena_alloc(Arena *a, size_t n);

/* Returns a zeroed array of count elements of size bytes each. */
void *arena_calloc(Arena *a, size_t count, size_t size);

/* Copies s (NUL-terminated) into the arena; NULL gives NULL. */
char *arena_strdup(Arena *a, const char *s);

/* Copies n bytes of s and NUL-terminates the copy. */
char *arena_strndup(Arena *a, const char *s, size_t n);

/* printf into the arena; the one formatter the modules with an arena share
 * (doc_printf, report_add).  An encoding error gives "". */
char *arena_printf(Arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
char *arena_vprintf(Arena *a, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

#endif
