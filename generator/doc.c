/* doc.c - building documents; see doc.h. */
#include "doc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

Doc *doc_new(void)
{
    Doc *d = xcalloc(1, sizeof *d);
    d->arena = arena_new();
    return d;
}

void doc_free(Doc *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n_blocks; i++)
        if (d->blocks[i].table)
            free(d->blocks[i].table->rows);
    free(d->blocks);
    arena_free(d->arena);
    free(d);
}


DocBlock *doc_add(Doc *d, DocBlockKind kind)
{
    d->blocks = xgrow(d->blocks, &d->cap_blocks, d->n_blocks + 1, sizeof *d->blocks);
    DocBlock *b = &d->blocks[d->n_blocks++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    return b;
}

DocBlock *doc_heading(Doc *d, int level, const char *anchor,
                      const char *bookmark, const char *markup)
{
    DocBlock *b = doc_add(d, DB_HEADING);
    b->level = level;
    b->in_toc = 1;
    b->anchor = anchor;
    b->bookmark = bookmark;
    b->markup = markup;
    b->bold = 1;
    b->keep_with_next = 1;
    return b;
}

DocBlock *doc_para(Doc *d, TextAlign align, const char *markup)
{
    DocBlock *b = doc_add(d, DB_PARA);
    b->align = align;
    b->markup = markup;
    return b;
}

DocTable *doc_table(Doc *d, size_t n_cols, const double *widths)
{
    DocTable *t = arena_alloc(d->arena, sizeof *t);
    memset(t, 0, sizeof *t);
    t->n_cols = n_cols;
    t->widths = arena_calloc(d->arena, n_cols + 1, sizeof *t->widths);
    t->cols = arena_calloc(d->arena, n_cols + 1, sizeof *t->cols);
    for (size_t i = 0; i < n_cols; i++) {
        t->widths[i] = widths ? widths[i] : 1;
        t->cols[i].kind = COL_TEXT;
        t->cols[i].weight = t->widths[i];
    }
    DocBlock *b = doc_add(d, DB_TABLE);
    b->table = t;
    return t;
}

DocRow *doc_row(Doc *d, DocTable *t, RowKind kind, size_t n)
{
    t->rows = xgrow(t->rows, &t->cap_rows, t->n_rows + 1, sizeof *t->rows);
    DocRow *r = &t->rows[t->n_rows++];
    memset(r, 0, sizeof *r);
    r->kind = kind;
    r->n_cells = n;
    r->cells = arena_calloc(d->arena, n, sizeof *r->cells);
    for (size_t i = 0; i < n; i++) {
        r->cells[i].span = 1;
        r->cells[i].markup = "";
    }
    return r;
}

const char *doc_esc(Doc *d, const char *text)
{
    if (!text)
        return "";
    size_t n = 0;
    for (const char *s = text; *s; s++)
        n += *s == '&' ? 5 : (*s == '<' || *s == '>') ? 4 : (*s == '"' || *s == '\'') ? 6 : 1;
    char *out = arena_alloc(d->arena, n + 1), *o = out;
    for (const char *s = text; *s; s++) {
        const char *rep = NULL;
        switch (*s) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&apos;"; break;
        default: *o++ = *s; continue;
        }
        size_t k = strlen(rep);
        memcpy(o, rep, k);
        o += k;
    }
    *o = '\0';
    return out;
}

const char *doc_printf(Doc *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const char *p = arena_vprintf(d->arena, fmt, ap);
    va_end(ap);
    return p;
}
