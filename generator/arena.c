/* arena.c - chunked bump allocator; see arena.h. */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

typedef struct Chunk {
    struct Chunk *next;
    size_t size, used;
    max_align_t data[]; /* aligned start of the payload */
} Chunk;

struct Arena {
    Chunk *head;
};

enum { CHUNK_MIN = 64 * 1024 };

#ifdef PHAEN_ARENA_DEBUG
/* Debug mode (make asan): every object gets a chunk of its own, sized
 * exactly, so AddressSanitizer sees a write past the end of an arena array
 * as it sees one past a malloc'd block.  In the bump allocator such a write
 * lands silently in the next object.  Like libgit2's GIT_DEBUG_POOL. */
enum { ARENA_EXACT = 1 };
#else
enum { ARENA_EXACT = 0 };
#endif

Arena *arena_new(void)
{
    return xcalloc(1, sizeof(Arena));
}

void arena_free(Arena *a)
{
    if (!a)
        return;
    for (Chunk *c = a->head, *next; c; c = next) {
        next = c->next;
        free(c);
    }
    free(a);
}

void *arena_alloc(Arena *a, size_t n)
{
    const size_t align = _Alignof(max_align_t);
    if (n > SIZE_MAX - sizeof(Chunk) - align)
        xalloc_die("allocation too large");
    if (ARENA_EXACT) {
        /* The chunk header keeps the payload aligned; the payload is n
         * bytes exactly (at least 1), nothing after it is ours. */
        Chunk *c = xmalloc(sizeof(Chunk) + (n ? n : 1));
        c->size = c->used = n;
        c->next = a->head;
        a->head = c;
        memset(c->data, 0, n);
        return c->data;
    }
    n = (n + align - 1) & ~(align - 1);
    if (n == 0)
        n = align;
    Chunk *c = a->head;
    if (!c || c->size - c->used < n) {
        size_t size = n > CHUNK_MIN ? n : CHUNK_MIN;
        c = xmalloc(sizeof(Chunk) + size);
        c->size = size;
        c->used = 0;
        c->next = a->head;
        a->head = c;
    }
    void *p = (char *)c->data + c->used;
    c->used += n;
    memset(p, 0, n);
    return p;
}

void *arena_calloc(Arena *a, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        xalloc_die("allocation too large");
    return arena_alloc(a, count * size);
}

char *arena_strndup(Arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(Arena *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_vprintf(Arena *a, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return arena_strdup(a, "");
    char *p = arena_alloc(a, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *arena_printf(Arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = arena_vprintf(a, fmt, ap);
    va_end(ap);
    return p;
}
