/* xalloc.c - allocations that abort when memory runs out; see xalloc.h. */
#include "xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

_Noreturn void xalloc_die(const char *what)
{
    fprintf(stderr, "phaen: %s\n", what ? what : "out of memory");
    abort();
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        xalloc_die(NULL);
    return p;
}

void *xcalloc(size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        xalloc_die("allocation too large");
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        xalloc_die(NULL);
    return p;
}

void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        xalloc_die(NULL);
    return p;
}

void *xgrow(void *p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap && p)
        return p;
    size_t n = *cap ? *cap : 16;
    while (n < need) {
        if (n > SIZE_MAX / 2)
            xalloc_die("allocation too large");
        n *= 2;
    }
    if (size && n > SIZE_MAX / size)
        xalloc_die("allocation too large");
    p = xrealloc(p, n * size);
    *cap = n;
    return p;
}
