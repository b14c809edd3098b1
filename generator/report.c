/* report.c - see report.h. */
#include "report.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void report_init(Report *r, size_t budget)
{
    r->a = arena_new();
    r->items = NULL;
    r->n = r->cap = 0;
    r->budget = budget;
}

void report_add(Report *r, int is_error, int line, const char *fmt, ...)
{
    if (r->n == r->cap) {
        /* Old arrays stay in the scratch arena: doubling wastes at most half. */
        size_t cap = r->cap ? r->cap * 2 : 64;
        Problem *items = arena_calloc(r->a, cap, sizeof *items);
        if (r->n)
            memcpy(items, r->items, r->n * sizeof *items);
        r->items = items;
        r->cap = cap;
    }
    Problem *pr = &r->items[r->n];
    pr->line = line;
    pr->seq = r->n++;
    pr->is_error = is_error;
    va_list ap;
    va_start(ap, fmt);
    pr->msg = arena_vprintf(r->a, fmt, ap);
    va_end(ap);
}

void report_note(Report *r, int line, const char *fmt, ...)
{
    Problem *pr = &r->items[r->n - 1];
    if (pr->n_notes == MAX_NOTES)
        return;
    Note *no = &pr->notes[pr->n_notes++];
    no->line = line;
    va_list ap;
    va_start(ap, fmt);
    no->msg = arena_vprintf(r->a, fmt, ap);
    va_end(ap);
}

static int cmp_problem(const void *x, const void *y)
{
    const Problem *a = x, *b = y;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

int report_flush(Report *r, Diag *d, const char *file)
{
    int errors = 0;
    if (r->n > 1)
        qsort(r->items, r->n, sizeof *r->items, cmp_problem);
    for (size_t i = 0; i < r->n; i++) {
        const Problem *pr = &r->items[i];
        if (pr->is_error) {
            diag_error(d, file, pr->line, "%s", pr->msg);
            errors++;
        } else {
            diag_warning(d, file, pr->line, "%s", pr->msg);
        }
        for (int k = 0; k < pr->n_notes; k++)
            diag_note(d, file, pr->notes[k].line, "%s", pr->notes[k].msg);
    }
    arena_free(r->a);
    r->a = NULL;
    return errors;
}
