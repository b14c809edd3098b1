/* layout_table.c - tables on pages; see layout_table.h. */
#include "layout_table.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "layout_columns.h"
#include "textlayer.h"
#include "xalloc.h"


typedef struct RowTexts {
    Text *cells;
    double *x, *w;   /* cell box left and width */
    double *room;    /* where each cell's text starts in its box (cell_room) */
    size_t n;
    double height;   /* whole row, padding included */
    double size;     /* the text size of the row's table */
} RowTexts;

static void row_free(RowTexts *r)
{
    for (size_t i = 0; i < r->n; i++)
        text_free(&r->cells[i]);
    free(r->cells);
    free(r->x);
    free(r->w);
    free(r->room);
    memset(r, 0, sizeof *r);
}

static void row_make(Engine *e, const DocTable *t, const DocRow *row, const double *colx,
                     RowTexts *out)
{
    double pad = e->t->cell_pad;
    double size = t->size > 0 ? t->size : e->t->table_size;
    int bold = row->kind != ROW_BODY;
    out->n = row->n_cells;
    out->cells = xcalloc(row->n_cells, sizeof *out->cells);
    out->x = xcalloc(row->n_cells, sizeof *out->x);
    out->w = xcalloc(row->n_cells, sizeof *out->w);
    out->room = xcalloc(row->n_cells, sizeof *out->room);
    out->height = 0;
    out->size = size;
    size_t col = 0;
    for (size_t i = 0; i < row->n_cells; i++) {
        const DocCell *c = &row->cells[i];
        size_t span = c->span > 0 ? (size_t)c->span : 1;
        if (col + span > t->n_cols)
            span = col < t->n_cols ? t->n_cols - col : 1;
        size_t end = col + span <= t->n_cols ? col + span : t->n_cols;
        out->x[i] = colx[col];
        out->w[i] = colx[end] - colx[col];
        out->room[i] = cell_room(e, c, size);
        text_make_cached(e, &out->cells[i], c->markup, size, bold,
                         out->w[i] - 2 * pad - out->room[i], c->align, 0);
        double h = lines_height(&out->cells[i], 0, out->cells[i].n) + 2 * pad;
        if (h > out->height)
            out->height = h;
        col = end;
    }
}

static void row_shade(Engine *e, RowKind kind, double x, double y, double w, double h)
{
    const Template *t = e->t;
    double g = kind == ROW_HEADER ? t->shade_header : kind == ROW_TOTAL ? t->shade_total
             : kind == ROW_GROUP ? t->shade_group : kind == ROW_SUBTOTAL ? t->shade_subtotal
             : 1.0;
    if (!e->cr || g >= 1.0)
        return;
    cairo_save(e->cr);
    cairo_set_source_rgb(e->cr, g, g, g);
    cairo_rectangle(e->cr, x, y, w, h);
    cairo_fill(e->cr);
    cairo_restore(e->cr);
}

static void row_borders(Engine *e, const RowTexts *r, double y, double h)
{
    if (!e->cr)
        return;
    cairo_save(e->cr);
    cairo_set_line_width(e->cr, e->t->rule_width);
    cairo_set_source_rgb(e->cr, 0, 0, 0);
    for (size_t i = 0; i < r->n; i++) {
        cairo_rectangle(e->cr, r->x[i], y, r->w[i], h);
        if (e->sink->box)
            e->sink->box(e->sink->ctx, r->x[i], y, r->w[i], h);
    }
    cairo_stroke(e->cr);
    cairo_restore(e->cr);
}

/* Paints a cell's text with its links: the whole cell's, or one per
 * paragraph (each line is linked to the link of the paragraph it is in). */
static void cell_paint(Engine *e, const DocCell *cell, Text *tx, double x, double y)
{
    if (!e->cr || !cell || (!cell->link && !cell->n_para_links)) {
        lines_paint(e, tx, 0, tx->n, x, y);
        return;
    }
    if (cell->link) {
        cairo_tag_begin(e->cr, CAIRO_TAG_LINK, cell->link);
        lines_paint(e, tx, 0, tx->n, x, y);
        cairo_tag_end(e->cr, CAIRO_TAG_LINK);
        return;
    }
    const char *text = pango_layout_get_text(tx->layout);
    size_t para = 0;
    int at = 0;
    for (int i = 0; i < tx->n; i++) {
        for (; at < tx->lines[i].line->start_index; at++)
            para += text[at] == '\n';
        const char *link = para < cell->n_para_links ? cell->para_links[para] : NULL;
        if (link)
            cairo_tag_begin(e->cr, CAIRO_TAG_LINK, link);
        lines_paint(e, tx, i, i + 1, x, y + tx->lines[i].top - tx->lines[0].top);
        if (link)
            cairo_tag_end(e->cr, CAIRO_TAG_LINK);
    }
}

/* A cell's text is a paragraph to screen readers: tagged P when lines
 * [from, to) have any text (an empty tag would be invalid). */
static cairo_t *cell_tag_begin(Engine *e, Text *tx, int from, int to)
{
    for (int i = from; i < to && e->cr; i++)
        if (tx->lines[i].line->length > 0)
            return tag_begin(e, "P");
    return NULL;
}

/* A cell's status mark (doc.h, CellMark), left of its first line: a disc
 * three-fifths of the size of the text across, on the middle of the
 * x-height. */
static void mark_paint(Engine *e, const DocCell *cell, const Text *tx, double x, double y,
                       double size)
{
    if (!e->cr || !cell || cell->mark == MARK_NONE || tx->n == 0)
        return;
    double r = size * 0.3;
    double cx = x + r + size * 0.1, cy = y + tx->lines[0].baseline - tx->lines[0].top - size * 0.3;
    double red = ((cell->mark_rgb >> 16) & 255) / 255.0, green = ((cell->mark_rgb >> 8) & 255) / 255.0,
           blue = (cell->mark_rgb & 255) / 255.0;
    cairo_t *cr = e->cr;
    cairo_save(cr);
    cairo_new_path(cr);
    cairo_set_source_rgb(cr, red, green, blue);
    if (cell->mark == MARK_FULL) {
        cairo_arc(cr, cx, cy, r, 0, 2 * M_PI);
        cairo_fill(cr);
    } else if (cell->mark == MARK_HALF) {
        cairo_arc(cr, cx, cy, r, M_PI / 2, 3 * M_PI / 2);
        cairo_close_path(cr);
        cairo_fill(cr);
    }
    cairo_set_line_width(cr, size * 0.06);
    cairo_arc(cr, cx, cy, r - size * 0.03, 0, 2 * M_PI);
    cairo_stroke(cr);
    cairo_restore(cr);
}

/* Paints a whole row at the cursor; `row` gives its links and anchor (NULL
 * for a repeated header). */
static void row_paint(Engine *e, const DocRow *row, RowKind kind, RowTexts *r, double left,
                      double width)
{
    double pad = e->t->cell_pad;
    row_shade(e, kind, left, e->y, width, r->height);
    if (row)
        dest_mark(e, row->anchor, e->y);
    for (size_t i = 0; i < r->n; i++) {
        cairo_t *tagged = cell_tag_begin(e, &r->cells[i], 0, r->cells[i].n);
        const DocCell *cell = row && i < row->n_cells ? &row->cells[i] : NULL;
        /* one span per cell for poppler's reading order (not across links:
         * a link's area is what is painted inside its tag) */
        int group = e->cr && (!cell || (!cell->link && !cell->n_para_links));
        if (group)
            textlayer_group_begin(e->cr);
        cell_paint(e, cell, &r->cells[i], r->x[i] + pad + r->room[i], e->y + pad);
        if (group)
            textlayer_group_end(e->cr);
        if (cell && cell->mark)
            mark_paint(e, cell, &r->cells[i], r->x[i] + pad, e->y + pad, r->size);
        tag_end(tagged, "P");
    }
    row_borders(e, r, e->y, r->height);
    e->y += r->height;
    e->at_top = 0;
}

static void headers_paint(Engine *e, const DocTable *t, RowTexts *hdr, size_t n_hdr,
                          double left, double width)
{
    for (size_t i = 0; i < n_hdr; i++)
        row_paint(e, NULL, t->rows[i].kind, &hdr[i], left, width);
}

/* A row taller than a page: its cells continue line by line on the next
 * pages, under the repeated header (n_hdr rows; 0: none).  Every round
 * places at least one line, or moves to a page with more room, or reports
 * a line that fits on no page: it always ends. */
static void row_split(Engine *e, const DocTable *t, const DocRow *row, RowTexts *r,
                      RowTexts *hdr, size_t n_hdr, double left, double width)
{
    double pad = e->t->cell_pad;
    int *next = xcalloc(r->n + 1, sizeof *next);
    int *k = xcalloc(r->n + 1, sizeof *k);
    int fresh = 0;   /* on a page begun for this row, below the header */
    while (!e->failed) {
        double avail = bottom(e) - e->y - 2 * pad;
        double seg = 0;
        int done = 1, progress = 0;
        for (size_t i = 0; i < r->n; i++) {
            Text *tx = &r->cells[i];
            k[i] = lines_fitting(tx, next[i], avail);
            progress |= k[i] > 0;
            double h = lines_height(tx, next[i], next[i] + k[i]);
            if (h > seg)
                seg = h;
            if (next[i] + k[i] < tx->n)
                done = 0;
        }
        if (!progress && !done) {
            if (e->at_top) { /* a line taller than an empty page */
                for (size_t i = 0; i < r->n; i++)
                    if (next[i] < r->cells[i].n) {
                        too_tall(e, &r->cells[i], next[i],
                                 lines_height(&r->cells[i], next[i], next[i] + 1) + 2 * pad);
                        if (row->file)
                            diag_note(e->d, row->file, row->line, "in the table row of this");
                        break;
                    }
                break;
            }
            page_new(e);
            if (!fresh) /* under the header first; then on a page of its own */
                headers_paint(e, t, hdr, n_hdr, left, width);
            fresh = 1;
            continue;
        }
        row_shade(e, row->kind, left, e->y, width, seg + 2 * pad);
        for (size_t i = 0; i < r->n; i++) {
            cairo_t *tagged = cell_tag_begin(e, &r->cells[i], next[i], next[i] + k[i]);
            if (e->cr)
                textlayer_group_begin(e->cr);
            lines_paint(e, &r->cells[i], next[i], next[i] + k[i], r->x[i] + pad + r->room[i],
                        e->y + pad);
            if (e->cr)
                textlayer_group_end(e->cr);
            /* the mark stands before the cell's first line, on the page
             * that line is on */
            if (next[i] == 0 && k[i] > 0 && i < row->n_cells && row->cells[i].mark)
                mark_paint(e, &row->cells[i], &r->cells[i], r->x[i] + pad, e->y + pad, r->size);
            tag_end(tagged, "P");
            next[i] += k[i];
        }
        row_borders(e, r, e->y, seg + 2 * pad);
        e->y += seg + 2 * pad;
        e->at_top = 0;
        if (done)
            break;
        page_new(e);
        headers_paint(e, t, hdr, n_hdr, left, width);
        fresh = 0;
    }
    free(k);
    free(next);
}

/* The rows of a table being painted, each laid out once: a row looked at
 * ahead (to keep rows together) is kept until it is painted. */
typedef struct Rows {
    Engine *e;
    const DocTable *t;
    const double *colx;
    RowTexts *r;
    unsigned char *state; /* 0 not made, 1 made, 2 painted and freed */
} Rows;

static RowTexts *row_get(Rows *rs, size_t i)
{
    if (rs->state[i] == 0) {
        row_make(rs->e, rs->t, &rs->t->rows[i], rs->colx, &rs->r[i]);
        rs->state[i] = 1;
    }
    return &rs->r[i];
}

static void row_done(Rows *rs, size_t i)
{
    if (rs->state[i] == 1)
        row_free(&rs->r[i]);
    rs->state[i] = 2;
}

/* The height of the table's rows from `from` to its end, counted until it
 * reaches `room`. */
static double rest_height(Rows *rs, size_t from, double room)
{
    double h = 0;
    for (size_t j = from; j < rs->t->n_rows && h < room; j++)
        h += row_get(rs, j)->height;
    return h;
}

/* The height that must fit on the page before row i of a table starts
 * there.  The header never stands alone: it goes with the first `keep`
 * rows; nor does a group title: it goes with the rows up to a body row;
 * and at `last_keep`, the last `keep` body rows (and the totals after them)
 * go together, so that no fewer than `keep` start the next page (and a
 * group title just before them goes with them).  The first row's need is held to half a page (unless it is taller itself),
 * and a heading above the table asks for the same (table_head_height):
 * a heading whose table moves on never stays behind. */
static double row_need(Rows *rs, size_t i, int is_first, double hdr_h, size_t keep,
                       int last_keep)
{
    const DocTable *t = rs->t;
    Engine *e = rs->e;
    double h = row_get(rs, i)->height;
    double room = page_body(e) - hdr_h, ahead = 0;
    size_t j = i + 1, body = t->rows[i].kind == ROW_BODY;
    if (is_first)
        while (j < t->n_rows && body < keep && ahead < room) {
            body += t->rows[j].kind == ROW_BODY;
            ahead += row_get(rs, j++)->height;
        }
    if (t->rows[i].kind == ROW_GROUP) {
        for (j = i + 1, ahead = 0; j < t->n_rows && ahead < room; j++) {
            ahead += row_get(rs, j)->height;
            if (t->rows[j].kind != ROW_GROUP)
                break;
        }
        /* When the body rows after the title are the table's last `keep`,
         * the first of them takes the rest of the table with it (the
         * closing rule below): the title goes with all of it, or it would
         * be left alone at the foot of the page (the progress report's
         * last goal of an issue did so). */
        size_t n_body = 0, after = 0;
        for (j = 0; j < t->n_rows; j++)
            if (t->rows[j].kind == ROW_BODY) {
                n_body++;
                after += j > i;
            }
        if (keep && after == keep && n_body >= 2 * keep) {
            double tail = rest_height(rs, i + 1, room);
            if (tail > ahead)
                ahead = tail;
        }
    }
    if (last_keep && t->rows[i].kind == ROW_BODY && !is_first) {
        double tail = rest_height(rs, i + 1, room);
        if (tail > ahead)
            ahead = tail;
    }
    double need = h + (ahead < room - h ? ahead : (room - h > 0 ? room - h : 0));
    if (is_first) {
        need += hdr_h;
        double cap = page_body(e) * 0.5;
        if (need > cap)
            need = hdr_h + h > cap ? hdr_h + h : cap;
    }
    return need;
}

/* The header rows of t and their height, or none when they take more than
 * half a page (then they are painted once, as rows). */
static size_t header_rows(Rows *rs, double *hdr_h)
{
    size_t n = 0;
    *hdr_h = 0;
    while (n < rs->t->n_rows && rs->t->rows[n].kind == ROW_HEADER)
        *hdr_h += row_get(rs, n++)->height;
    if (*hdr_h > page_body(rs->e) * 0.5) {
        *hdr_h = 0;
        return 0;
    }
    return n;
}

/* The height a heading needs below it when a table follows (block
 * `index`): what the table's first row needs (row_need), so that the
 * heading and the table start on the same page. */
double table_head_height(Engine *e, size_t index)
{
    TableFit *f = fit_of(e, index);
    if (!f->n_groups)
        return 0;
    if (f->head_ready) /* the same in both passes */
        return f->head_need;
    const DocTable *t = table_at(e, index);
    DocTable tt = *t;
    tt.size = f->size;
    DocTable *s = f->n_groups > 1 ? sub_table(t, f, 0) : &tt;
    double *colx = columns_x(e, f->groups[0].w, f->groups[0].n);
    CacheMode mode = e->cache.mode;
    e->cache.mode = CACHE_OFF; /* a look ahead: not in the painting order */
    Rows rs = {e, s, colx, xcalloc(s->n_rows + 1, sizeof(RowTexts)), xcalloc(s->n_rows + 1, 1)};
    double hdr_h, need = 0;
    size_t first = header_rows(&rs, &hdr_h);
    size_t keep = e->t->table_keep_rows >= 1 ? (size_t)e->t->table_keep_rows : 0;
    if (first < s->n_rows)
        need = row_need(&rs, first, 1, hdr_h, keep, 0);
    else
        need = hdr_h;
    for (size_t i = 0; i < s->n_rows; i++)
        row_done(&rs, i);
    free(rs.r);
    free(rs.state);
    e->cache.mode = mode;
    free(colx);
    if (s != &tt)
        sub_free(s);
    f->head_ready = 1;
    f->head_need = need;
    return need;
}

/* Paints table t (already fitted: its size and column boundaries colx),
 * row by row, breaking pages between rows: the header rows repeat on each
 * page (unless they take more than half of one); a group title keeps with
 * the rows after it up to the next body row; at least `keep` body rows
 * (template table.keep_rows) open the table and close it on a page of
 * their own. */
static void table_paint(Engine *e, const DocTable *t, const double *colx, int after_heading)
{
    double left = e->t->margin_left, width = colx[t->n_cols] - colx[0];
    size_t keep = e->t->table_keep_rows >= 1 ? (size_t)e->t->table_keep_rows : 0;

    /* Header rows are laid out once and repainted on every page. */
    size_t n_hdr = 0;
    while (n_hdr < t->n_rows && t->rows[n_hdr].kind == ROW_HEADER)
        n_hdr++;
    RowTexts *hdr = xcalloc(n_hdr + 1, sizeof *hdr);
    double hdr_h = 0;
    for (size_t i = 0; i < n_hdr; i++) {
        row_make(e, t, &t->rows[i], colx, &hdr[i]);
        hdr_h += hdr[i].height;
    }
    if (hdr_h > page_body(e) * 0.5) { /* painted once, as rows */
        for (size_t i = 0; i < n_hdr; i++)
            row_free(&hdr[i]);
        n_hdr = 0;
        hdr_h = 0;
    }
    size_t first_body = n_hdr, n_body = 0;
    for (size_t i = n_hdr; i < t->n_rows; i++)
        n_body += t->rows[i].kind == ROW_BODY;
    size_t body_after = n_body; /* body rows from row i on */
    Rows rs = {e, t, colx, xcalloc(t->n_rows + 1, sizeof(RowTexts)),
               xcalloc(t->n_rows + 1, 1)};
    for (size_t i = n_hdr; i < t->n_rows && !e->failed; i++) {
        RowTexts r = *row_get(&rs, i);
        int is_first = i == first_body;
        double room = page_body(e) - hdr_h;
        double need = row_need(&rs, i, is_first, hdr_h, keep,
                               keep && body_after == keep && n_body >= 2 * keep);
        body_after -= t->rows[i].kind == ROW_BODY;
        /* A row taller than a page is split from where it stands, unless
         * too little of the page is left to start it.  So is a first row
         * right under its heading: the heading asked for the same need
         * (table_head_height), so when it does not fit here it fits on no
         * page below the heading, and breaking would leave the heading
         * alone (random plans: a sheet's project with twenty fiscal years). */
        int splits_anyway = (r.height > room || (is_first && after_heading)) &&
                            bottom(e) - e->y > 3 * e->body_line;
        if (e->y + need > bottom(e) && !e->at_top && !splits_anyway) {
            page_new(e);
            if (!is_first)
                headers_paint(e, t, hdr, n_hdr, left, width);
        }
        if (is_first)
            headers_paint(e, t, hdr, n_hdr, left, width);
        if (e->y + r.height > bottom(e))
            row_split(e, t, &t->rows[i], &r, hdr, n_hdr, left, width);
        else
            row_paint(e, &t->rows[i], t->rows[i].kind, &r, left, width);
        row_done(&rs, i);
    }
    for (size_t i = 0; i < t->n_rows; i++)
        row_done(&rs, i);
    free(rs.r);
    free(rs.state);
    if (first_body == t->n_rows) /* a table of headers only */
        headers_paint(e, t, hdr, n_hdr, left, width);
    for (size_t i = 0; i < n_hdr; i++)
        row_free(&hdr[i]);
    free(hdr);
}

void do_table(Engine *e, size_t index)
{
    ensure_page(e);
    TableFit *f = fit_of(e, index);
    const DocTable *t = table_at(e, index);
    for (size_t g = 0; g < f->n_groups && !e->failed; g++) {
        if (!e->at_top)
            e->y += e->body_line * e->t->table_space;
        DocTable tt = *t;
        tt.size = f->size;
        DocTable *s = f->n_groups > 1 ? sub_table(t, f, g) : &tt;
        double *colx = columns_x(e, f->groups[g].w, f->groups[g].n);
        /* only the first group follows the heading */
        table_paint(e, s, colx, g == 0 && e->under_heading);
        free(colx);
        if (s != &tt)
            sub_free(s);
        e->y += e->t->para_space;
    }
    e->y += e->body_line * e->t->table_space;
}
