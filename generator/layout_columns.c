/* layout_columns.c - a table's column widths; see layout_columns.h. */
#include "layout_columns.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>


/* The width markup needs at `size`: broken at every opportunity it has
 * (the widest piece that cannot break: a word, a number, a code) or, when
 * `whole`, not broken at all (its widest paragraph).  The break rules of
 * breaks.c are left out: they give way when a cell is too narrow. */
static double min_width_each(Engine *e, const char *markup, double size, int bold, int whole,
                             double *each, int n_each, int *n_lines);

static double min_width(Engine *e, const char *markup, double size, int bold, int whole)
{
    return min_width_each(e, markup, size, bold, whole, NULL, 0, NULL);
}

/* min_width, and the width of each of its first n_each lines in each[]
 * (the number of lines in *n_lines). */
static double min_width_each(Engine *e, const char *markup, double size, int bold, int whole,
                             double *each, int n_each, int *n_lines)
{
    if (n_lines)
        *n_lines = 0;
    PangoAttrList *attrs = NULL;
    char *plain = NULL;
    if (!text_parse(markup, &attrs, &plain, NULL))
        return 0; /* reported when the cell is laid out */
    if (!*plain) {
        pango_attr_list_unref(attrs);
        g_free(plain);
        return 0;
    }
    PangoLayout *l = pango_layout_new(fonts_context(e->fs));
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, e->t->font_family);
    pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
    pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    pango_layout_set_width(l, whole ? -1 : PANGO_SCALE);
    pango_layout_set_wrap(l, PANGO_WRAP_WORD);
    pango_layout_set_text(l, plain, -1);
    pango_attr_list_insert(attrs, pango_attr_insert_hyphens_new(FALSE));
    pango_layout_set_attributes(l, attrs);
    double w = 0;
    int k = 0;
    PangoLayoutIter *it = pango_layout_get_iter(l);
    do {
        PangoRectangle ink, logical;
        pango_layout_iter_get_line_extents(it, &ink, &logical);
        double lw = logical.width / (double)PANGO_SCALE;
        /* what leaves the logical box (a wide glyph) counts too */
        double iw = (ink.x + ink.width - logical.x) / (double)PANGO_SCALE;
        if (iw > lw && ink.width > 0)
            lw = iw;
        if (lw > w)
            w = lw;
        if (k < n_each)
            each[k] = lw;
        k++;
    } while (pango_layout_iter_next_line(it));
    if (n_lines)
        *n_lines = k;
    pango_layout_iter_free(it);
    g_object_unref(l);
    pango_attr_list_unref(attrs);
    g_free(plain);
    return w;
}

/* Whether c belongs to Thai words (letters, vowels, marks, ฯ, ๆ): what a
 * dictionary breaks between.  Thai digits do not. */
static int is_thai_word_char(gunichar c)
{
    return c >= 0x0E01 && c <= 0x0E4F;
}

/* min_width of a header cell, a column's widest text or a figure of
 * several lines, measured once (Kept.head_widths): every table repeats its
 * headers, the budget tables their columns' widest amounts (the
 * 1,000-project action plan: 875 layouts of two texts), the sheets their
 * marks. */
static double head_width(Engine *e, const char *markup, double size, int bold, int whole)
{
    Kept *k = kept_of(e);
    if (!k->head_widths)
        k->head_widths = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    char *key = g_strdup_printf("%.17g/%d/%d/%s", size, bold, whole, markup);
    double *w = g_hash_table_lookup(k->head_widths, key);
    if (w) {
        g_free(key);
        return *w;
    }
    w = g_new(double, 1);
    *w = min_width(e, markup, size, bold, whole);
    g_hash_table_insert(k->head_widths, key, w);
    return *w;
}

/* Whether markup (or a token) is met for the first time in column col at
 * weight bold (seen: keys "col/bold/markup", freed with the table; NULL:
 * every time).  A
 * column is measured by its widest line: each line once is enough, and the
 * abbreviations, codes and amounts of a long table repeat. */
static int seen_first(GHashTable *seen, const char *markup, size_t col, int bold)
{
    if (!seen)
        return 1;
    char *key = g_strdup_printf("%zu/%d/%s", col, bold, markup);
    if (g_hash_table_contains(seen, key)) {
        g_free(key);
        return 0;
    }
    g_hash_table_add(seen, key);
    return 1;
}

/* Appends to out, one a line, what in a text cell's markup must not
 * break: numbers, codes, dates, abbreviations in Latin letters, and the
 * spans the composer marked allow_breaks="false".  They are short, and a
 * column's are shaped together in one layout: laying out every cell word by
 * word would double the time of a long table, and a Thai word too wide for
 * its column breaks between letters like any text. */
static void unbreakable_tokens(const char *markup, GString *out, GHashTable *seen, size_t col,
                               int bold)
{
    PangoAttrList *attrs = NULL;
    char *plain = NULL;
    if (!text_parse(markup, &attrs, &plain, NULL))
        return;
    for (const char *p = plain; *p;) {
        const char *q = p;
        while (*q && !g_unichar_isspace(g_utf8_get_char(q)) &&
               !is_thai_word_char(g_utf8_get_char(q)))
            q = g_utf8_next_char(q);
        if (q > p) {
            char *tok = g_strndup(p, (gsize)(q - p));
            if (seen_first(seen, tok, col, bold)) {
                g_string_append_len(out, p, q - p);
                g_string_append_c(out, '\n');
            }
            g_free(tok);
            p = q;
        } else {
            p = g_utf8_next_char(p);
        }
    }
    GSList *list = pango_attr_list_get_attributes(attrs);
    size_t len = strlen(plain);
    for (GSList *l = list; l; l = l->next) {
        PangoAttribute *a = l->data;
        if (a->klass->type == PANGO_ATTR_ALLOW_BREAKS && !((PangoAttrInt *)a)->value &&
            a->start_index < len) {
            size_t end = a->end_index < len ? a->end_index : len;
            char *tok = g_strndup(plain + a->start_index, (gsize)(end - a->start_index));
            if (seen_first(seen, tok, col, bold)) {
                g_string_append_len(out, plain + a->start_index, (gssize)(end - a->start_index));
                g_string_append_c(out, '\n');
            }
            g_free(tok);
        }
    }
    g_slist_free_full(list, (GDestroyNotify)pango_attribute_destroy);
    pango_attr_list_unref(attrs);
    g_free(plain);
}

/* Fresh tokens (and a column's figures) are measured this many to a
 * layout: pango 1.50 finds a layout's breaks and attributes counting
 * characters from the start of its text for each line, so one layout of
 * all a big table's tokens is quadratic (the 10,000-project master plan:
 * 45 % of its time in g_utf8_pointer_to_offset and g_unichar_break_type,
 * 5.5 s CPU; 2.0 s with 32 a layout, where 8, 16, 64 and 128 measured
 * 1.9-2.6 s and cost more on the 1,000-project action plan).  Each token
 * is a line of its own, measured alone whatever its neighbours: the same
 * widths, the same bytes. */
#define TOKENS_PER_LAYOUT 32

/* Measures the n tokens of fresh (a line each, plain text or markup),
 * records each under keys[i] (which the table takes; freed if the lines do
 * not match the tokens) and returns the widest. */
static double measure_fresh(Engine *e, const char *fresh, size_t len, char **keys, guint n,
                            double size, int bold, int is_markup)
{
    char *esc = is_markup ? g_strndup(fresh, len) : g_markup_escape_text(fresh, (gssize)len);
    double *each = g_new0(double, n + 1);
    int got = 0;
    double w = min_width_each(e, esc, size, bold, 1, each, (int)n, &got);
    /* a line a token (a token holds no line break), then the empty
     * line after the last newline */
    int matched = got == (int)n || got == (int)n + 1;
    for (guint i = 0; i < n; i++) {
        if (matched) {
            double *v = g_new(double, 1);
            *v = each[i];
            g_hash_table_replace(kept_of(e)->token_widths, keys[i], v);
        } else {
            g_free(keys[i]);
        }
    }
    g_free(each);
    g_free(esc);
    return w;
}

/* The widest of tokens (one a line, plain text, or markup of a line each:
 * a column's figures) at size, each measured once (Kept.token_widths):
 * the same abbreviations, codes and numbers come back in every table.
 * Those not met before are measured together, a line each, as min_width
 * does, TOKENS_PER_LAYOUT at a time. */
static double tokens_width(Engine *e, const char *tokens, double size, int bold, int is_markup)
{
    Kept *kept = kept_of(e);
    if (!kept->token_widths)
        kept->token_widths = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    GString *fresh = g_string_new(NULL);
    GPtrArray *keys = g_ptr_array_new();
    double w = 0;
    for (const char *p = tokens; *p;) {
        const char *q = strchr(p, '\n');
        size_t len = q ? (size_t)(q - p) : strlen(p);
        char *key = g_strdup_printf("%s%a/%d/%.*s", is_markup ? "m" : "", size, bold, (int)len,
                                    p);
        double *known = g_hash_table_lookup(kept->token_widths, key);
        if (known) {
            w = *known > w ? *known : w;
            g_free(key);
        } else {
            g_string_append_len(fresh, p, (gssize)len);
            g_string_append_c(fresh, '\n');
            g_ptr_array_add(keys, key);
        }
        p += len + (q ? 1 : 0);
    }
    for (guint i = 0, at = 0; i < keys->len;) {
        guint n = keys->len - i < TOKENS_PER_LAYOUT ? keys->len - i : TOKENS_PER_LAYOUT;
        size_t len = 0; /* the bytes of those n lines */
        for (guint k = 0; k < n; k++)
            len += strcspn(fresh->str + at + len, "\n") + 1;
        double fw = measure_fresh(e, fresh->str + at, len, (char **)keys->pdata + i, n, size,
                                  bold, is_markup);
        w = fw > w ? fw : w;
        i += n;
        at += (guint)len;
    }
    g_ptr_array_free(keys, TRUE);
    g_string_free(fresh, TRUE);
    return w;
}

void fit_free(TableFit *f)
{
    for (size_t g = 0; g < f->n_groups; g++) {
        free(f->groups[g].cols);
        free(f->groups[g].w);
    }
    free(f->groups);
    memset(f, 0, sizeof *f);
}

/* Widths for the columns `cols` in `avail` points: each at least its
 * minimum m[], the rest shared by weight (columns whose share would fall
 * under their minimum keep the minimum); without weights, in proportion
 * to the minimums.  With enough room, the widths are just the weights'
 * proportions: the composers' look is kept wherever it fits. */
static void share_widths(const DocTable *t, const size_t *cols, size_t n, const double *m,
                         double avail, double *w)
{
    unsigned char *fixed = xcalloc(n + 1, 1);
    for (;;) {
        double room = avail, weights = 0;
        for (size_t i = 0; i < n; i++) {
            if (fixed[i] || t->cols[cols[i]].weight <= 0)
                room -= m[cols[i]];
            else
                weights += t->cols[cols[i]].weight;
        }
        if (weights <= 0) {
            double sum = 0;
            for (size_t i = 0; i < n; i++)
                sum += m[cols[i]];
            for (size_t i = 0; i < n; i++)
                w[i] = sum > 0 ? avail * m[cols[i]] / sum : avail / (double)n;
            break;
        }
        int again = 0;
        for (size_t i = 0; i < n; i++) {
            if (fixed[i] || t->cols[cols[i]].weight <= 0) {
                w[i] = m[cols[i]];
                continue;
            }
            w[i] = room * t->cols[cols[i]].weight / weights;
            if (w[i] < m[cols[i]]) {
                fixed[i] = 1;
                again = 1;
            }
        }
        if (!again)
            break;
    }
    free(fixed);
}

static void group_add(TableFit *f, const size_t *cols, size_t n)
{
    f->groups = xrealloc(f->groups, (f->n_groups + 1) * sizeof *f->groups);
    ColGroup *g = &f->groups[f->n_groups++];
    g->n = n;
    g->cols = xmalloc((n + 1) * sizeof *g->cols);
    memcpy(g->cols, cols, n * sizeof *cols);
    g->w = xcalloc(n + 1, sizeof *g->w);
}

/* Points at the row whose cell in column `col` is the widest that cannot
 * break (where the plan says it, when the composer told), as a note to the
 * error just reported. */
static void note_widest(Engine *e, const DocTable *t, size_t col, double size)
{
    double best = -1;
    const DocRow *at = NULL;
    for (size_t r = 0; r < t->n_rows; r++) {
        const DocRow *row = &t->rows[r];
        size_t c0 = 0;
        for (size_t i = 0; i < row->n_cells; i++) {
            size_t span = row->cells[i].span > 0 ? (size_t)row->cells[i].span : 1;
            if (c0 == col && span == 1) {
                const char *m = row->cells[i].markup;
                int bold = row->kind != ROW_BODY;
                double w;
                if (row->kind == ROW_HEADER || t->cols[col].kind == COL_FIGURE) {
                    w = min_width(e, m, size, bold, row->kind != ROW_HEADER);
                } else {
                    GString *tok = g_string_new(NULL);
                    unbreakable_tokens(m, tok, NULL, col, bold);
                    char *esc = g_markup_escape_text(tok->str, (gssize)tok->len);
                    w = tok->len ? min_width(e, esc, size, bold, 1) : 0;
                    g_free(esc);
                    g_string_free(tok, TRUE);
                }
                if (w > best) {
                    best = w;
                    at = row;
                }
            }
            c0 += span;
        }
    }
    if (at && at->file)
        diag_note(e->d, at->file, at->line, "the widest cell of that column (%.0f pt) comes "
                  "from here", best);
}

/* Sizes the columns of t for the current page width: measures what cannot
 * break in each column; when the minimums exceed the measure, tries smaller
 * fonts down to the template's floor, then splits the columns into groups
 * that each repeat the key columns.  Returns 0, or -1 after reporting a
 * column that fits on no page. */
static int table_fit(Engine *e, const DocTable *t, TableFit *f)
{
    size_t n = t->n_cols;
    double s0 = t->size > 0 ? t->size : e->t->table_size;
    double floor_size = e->t->table_min_size > 0 && e->t->table_min_size < s0
                            ? e->t->table_min_size : s0;
    double pad = e->t->cell_pad, avail = text_width(e);
    double *raw = xcalloc(n + 1, sizeof *raw), *m = xcalloc(n + 1, sizeof *m);
    f->ready = 1;
    /* The body cells of a column are measured together, per weight: its
     * figures as markup, its text's unbreakable tokens as plain text. */
    GString **whole = xcalloc(2 * n + 1, sizeof *whole), **tokens = xcalloc(2 * n + 1, sizeof *tokens);
    for (size_t i = 0; i < 2 * n; i++) {
        whole[i] = g_string_new(NULL);
        tokens[i] = g_string_new(NULL);
    }
    /* Each figure and token once (seen_first), measured once (Kept:
     * tokens_width, and head_width for a figure of several lines, whose
     * widest is kept in fig_w) */
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    double *fig_w = xcalloc(2 * n + 1, sizeof *fig_w);
    /* a column whose body cells start their text a mark's room in needs
     * that room beside its widest unbreakable token */
    double *room = xcalloc(n + 1, sizeof *room);
    for (size_t r = 0; r < t->n_rows; r++) {
        const DocRow *row = &t->rows[r];
        size_t col = 0;
        for (size_t i = 0; i < row->n_cells && col < n; i++) {
            const DocCell *c = &row->cells[i];
            size_t span = c->span > 0 ? (size_t)c->span : 1;
            if (span == 1) {
                int bold = row->kind != ROW_BODY;
                double cr = row->kind == ROW_HEADER ? 0 : cell_room(e, c, s0);
                if (cr > room[col])
                    room[col] = cr;
                if (row->kind == ROW_HEADER) {
                    double w = head_width(e, c->markup, s0, bold, 0);
                    if (w > raw[col])
                        raw[col] = w;
                } else if (t->cols[col].kind == COL_FIGURE) {
                    size_t k = 2 * col + (size_t)bold;
                    if (strchr(c->markup, '\n')) {
                        double w = head_width(e, c->markup, s0, bold, 1);
                        fig_w[k] = w > fig_w[k] ? w : fig_w[k];
                    } else if (seen_first(seen, c->markup, col, bold)) {
                        g_string_append(whole[k], c->markup);
                        g_string_append_c(whole[k], '\n');
                    }
                } else {
                    unbreakable_tokens(c->markup, tokens[2 * col + bold], seen, col, bold);
                }
            }
            col += span;
        }
    }
    g_hash_table_destroy(seen);
    for (size_t i = 0; i < 2 * n; i++) {
        double w = whole[i]->len ? tokens_width(e, whole[i]->str, s0, (int)(i % 2), 1) : 0;
        w = fig_w[i] > w ? fig_w[i] : w;
        if (tokens[i]->len) {
            double tw = tokens_width(e, tokens[i]->str, s0, (int)(i % 2), 0);
            w = tw > w ? tw : w;
        }
        w += room[i / 2];
        if (w > raw[i / 2])
            raw[i / 2] = w;
        g_string_free(whole[i], TRUE);
        g_string_free(tokens[i], TRUE);
    }
    free(whole);
    free(tokens);
    free(fig_w);
    free(room);
    for (size_t c = 0; c < n; c++) {
        /* Thai words are left out of the measure (they may break between
         * letters), but a letter must fit: an em and a half holds any. */
        double floor_em = t->cols[c].min_em > 1.5 ? t->cols[c].min_em : 1.5;
        if (raw[c] < floor_em * s0)
            raw[c] = floor_em * s0;
        if (t->cols[c].widest) {
            double w = head_width(e, t->cols[c].widest, s0, 1, 1);
            if (w > raw[c])
                raw[c] = w;
        }
        for (size_t o = 0; t->cols[c].match && o < n; o++)
            if (t->cols[o].match == t->cols[c].match && raw[o] > raw[c])
                raw[c] = raw[o];
    }
    size_t *all = xmalloc((n + 1) * sizeof *all);
    for (size_t c = 0; c < n; c++)
        all[c] = c;
    /* Sizes scale the measured widths (metrics are linear: hinting is off);
     * a point and a percent of slack covers the rounding. */
    double size = s0;
    for (;;) {
        double sum = 0;
        for (size_t c = 0; c < n; c++) {
            m[c] = raw[c] * size / s0 * 1.01 + 1 + 2 * pad;
            sum += m[c];
        }
        if (sum <= avail || size <= floor_size)
            break;
        /* half a point: the search's step, not a look (no template key) */
        size = size - 0.5 > floor_size ? size - 0.5 : floor_size;
    }
    f->size = size;
    double sum = 0;
    for (size_t c = 0; c < n; c++)
        sum += m[c];
    int rc = 0;
    if (sum <= avail) {
        group_add(f, all, n);
    } else {
        /* Column groups: the key columns, then as many others as fit. */
        size_t nk = 0, *g = xmalloc((n + 1) * sizeof *g);
        double keyw = 0;
        for (size_t c = 0; c < n; c++)
            if (t->cols[c].key) {
                g[nk++] = c;
                keyw += m[c];
            }
        if (nk == 0) {
            g[nk++] = 0;
            keyw = m[0];
        }
        size_t ng = nk;
        double used = keyw;
        for (size_t c = 0; c < n && !rc; c++) {
            int is_key = 0;
            for (size_t k = 0; k < nk; k++)
                is_key |= g[k] == c;
            if (is_key)
                continue;
            if (used + m[c] > avail && ng > nk) {
                group_add(f, g, ng);
                ng = nk;
                used = keyw;
            }
            if (used + m[c] > avail || !e->t->table_split) {
                diag_error(e->d, e->t->path, 0,
                           e->t->table_split
                               ? "a table column needs %.0f pt beside its key column(s) but "
                                 "the text is %.0f pt wide, even at the smallest table font "
                                 "(%gpt; cell padding %g pt a side)"
                               : "a table needs %.0f pt but the text is %.0f pt wide, even "
                                 "at the smallest table font (%gpt; cell padding %g pt a "
                                 "side), and 'table.split' is no",
                           e->t->table_split ? used + m[c] : sum, avail, size, pad);
                size_t widest = c;
                for (size_t k = 0; !e->t->table_split && k < n; k++)
                    if (m[k] > m[widest])
                        widest = k;
                note_widest(e, t, widest, s0);
                e->failed = 1;
                rc = -1;
                break;
            }
            g[ng++] = c;
            used += m[c];
        }
        if (!rc && ng > nk)
            group_add(f, g, ng);
        free(g);
    }
    for (size_t i = 0; i < f->n_groups; i++)
        share_widths(t, f->groups[i].cols, f->groups[i].n, m, avail, f->groups[i].w);
    free(all);
    free(raw);
    free(m);
    return rc;
}

/* The fit of the table of block `index`: measured once, in the first pass,
 * and the same in the second (the page width is the same there). */
TableFit *fit_of(Engine *e, size_t index)
{
    TableFit *f = &e->fits[index];
    if (!f->ready)
        table_fit(e, table_at(e, index), f);
    return f;
}

const DocTable *table_at(Engine *e, size_t index)
{
    const DocTable *t = e->doc->blocks[index].table;
    if (!t->fill)
        return t;
    Doc **slot = e->rows_kept ? &e->rows_kept[index] : &e->rows_one;
    if (!e->rows_kept && e->rows_at != index) {
        doc_free(e->rows_one);
        e->rows_one = NULL;
    }
    if (!*slot) {
        Doc *d = doc_new();
        DocTable *rows = doc_table(d, t->n_cols, NULL);
        rows->widths = t->widths;
        rows->cols = t->cols;
        rows->size = t->size;
        t->fill(t->fill_arg, d, rows);
        *slot = d;
        e->rows_at = index;
    }
    return (*slot)->blocks[0].table;
}

/* The table that column group g of t shows: the rows of t with the cells
 * of its columns (a spanning cell spans those of its columns the group
 * has), at the fitted size.  Anchors stay with the first group (a named
 * destination is made once).  Free with sub_free(). */
DocTable *sub_table(const DocTable *t, const TableFit *f, size_t gi)
{
    const ColGroup *g = &f->groups[gi];
    DocTable *s = xcalloc(1, sizeof *s);
    s->n_cols = g->n;
    s->size = f->size;
    s->cols = xcalloc(g->n + 1, sizeof *s->cols);
    s->rows = xcalloc(t->n_rows + 1, sizeof *s->rows);
    for (size_t r = 0; r < t->n_rows; r++) {
        const DocRow *row = &t->rows[r];
        DocRow *out = &s->rows[s->n_rows];
        *out = *row;
        out->anchor = gi == 0 ? row->anchor : NULL;
        out->cells = xcalloc(row->n_cells + 1, sizeof *out->cells);
        out->n_cells = 0;
        size_t col = 0;
        for (size_t i = 0; i < row->n_cells; i++) {
            size_t span = row->cells[i].span > 0 ? (size_t)row->cells[i].span : 1;
            int have = 0;
            for (size_t k = 0; k < g->n; k++)
                have += g->cols[k] >= col && g->cols[k] < col + span;
            if (have) {
                out->cells[out->n_cells] = row->cells[i];
                out->cells[out->n_cells++].span = have;
            }
            col += span;
        }
        s->n_rows++;
    }
    return s;
}

void sub_free(DocTable *s)
{
    for (size_t r = 0; r < s->n_rows; r++)
        free(s->rows[r].cells);
    free(s->rows);
    free(s->cols);
    free(s);
}

/* The x of each column boundary for the widths w of n columns. */
double *columns_x(const Engine *e, const double *w, size_t n)
{
    double *colx = xcalloc(n + 1, sizeof *colx);
    colx[0] = e->t->margin_left;
    for (size_t c = 0; c < n; c++)
        colx[c + 1] = colx[c] + w[c];
    return colx;
}
