/* arena.h - one owner for everything a loaded plan holds.
 *
 * A plan's model (strings, arrays, structs) lives in one arena and is freed
 * at once with arena_free().  Library objects (libxml2, cairo, pango) are
 * reference-counted and never go in an arena.
 */
#ifndef PHAEN_ARENA_H
#define PHAEN_ARENA_H

#include <stddef.h>

typedef struct Arena Arena;

/* Returns a new empty arena, or NULL when out of memory. */
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

/* printf into the arena. */
char *arena_printf(Arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
