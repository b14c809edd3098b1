/* aligndoc.c - the XYZ alignment in the documents; see aligndoc.h. */
#include "aligndoc.h"

/* Whether t is among the first n targets of list (pointers). */
static int seen(const SubTarget *const *list, size_t n, const SubTarget *t)
{
    for (size_t i = 0; i < n; i++)
        if (list[i] == t)
            return 1;
    return 0;
}

const char *cx_alignment(Composer *c, const PlanRefList *serves, const PlanRefList *factors,
                         int with_titles)
{
    size_t cap = serves->n + factors->n;
    if (cap == 0)
        return NULL;
    const SubTarget **ts = arena_calloc(c->doc->arena, cap, sizeof *ts);
    size_t n = 0;
    for (size_t i = 0; i < serves->n; i++) {
        const SubTarget *t = serves->items[i].to.sub_target;
        if (t && !seen(ts, n, t))
            ts[n++] = t;
    }
    for (size_t i = 0; i < factors->n; i++) {
        const Factor *f = factors->items[i].to.factor;
        if (f && !seen(ts, n, f->target))
            ts[n++] = f->target;
    }
    const char *out = doc_printf(c->doc, "%s %s", cx_label(c, "align_serves"),
                                 cx_label(c, "align_target"));
    for (size_t i = 0; i < n; i++)
        out = doc_printf(c->doc, "%s%s %s", out, i ? "," : "", cx_nobreak(c, ts[i]->code));
    size_t nf = 0;
    for (size_t i = 0; i < factors->n; i++) {
        const Factor *f = factors->items[i].to.factor;
        if (!f)
            continue;
        out = doc_printf(c->doc, "%s%s %s", out,
                         nf++ ? "," : doc_printf(c->doc, " %s", cx_label(c, "align_factor")),
                         cx_nobreak(c, f->code));
        if (with_titles)
            out = doc_printf(c->doc, "%s %s", out,
                             cx_text(c, f->title, c->t->numerals_body));
    }
    return out;
}

/* The cell of goal g under target t: the mark and the codes of t's
 * factors g names; "" when g does not serve t. */
static const char *mark_cell(Composer *c, const Goal *g, const SubTarget *t)
{
    if (!align_reaches(&g->serves, &g->factors, t))
        return "";
    /* large: a table font bullet is hard to see in a grid */
    const char *out = doc_printf(c->doc, "<span size=\"x-large\"><b>%s</b></span>", cx_label(c, "align_mark"));
    for (size_t i = 0; i < g->factors.n; i++) {
        const Factor *f = g->factors.items[i].to.factor;
        if (f && f->target == t)
            out = doc_printf(c->doc, "%s\n<small>%s</small>", out, cx_nobreak(c, f->code));
    }
    return out;
}

void cx_alignment_matrix(Composer *c)
{
    const Plan *p = c->plan;
    size_t nt = p->n_sub_targets, ncols = 1 + nt;
    if (nt == 0)
        return;
    NumeralStyle ns = c->t->numerals_tables;
    double *w = arena_calloc(c->doc->arena, ncols, sizeof *w);
    w[0] = c->t->cols_alignment[0];
    for (size_t i = 0; i < nt; i++)
        w[1 + i] = c->t->cols_alignment[1] / (double)nt;
    DocTable *t = doc_table(c->doc, ncols, w);
    for (size_t i = 0; i < nt; i++) {
        t->cols[1 + i].kind = COL_FIGURE;
        t->cols[1 + i].match = 1;
    }
    DocRow *r = doc_row(c->doc, t, ROW_HEADER, 2);
    r->cells[0].markup = cx_label(c, "goals");
    r->cells[1].markup = cx_label(c, "align_target");
    r->cells[1].span = (int)nt;
    r->cells[0].align = r->cells[1].align = TA_CENTER;
    r = doc_row(c->doc, t, ROW_HEADER, ncols);
    r->cells[0].markup = "";
    for (size_t i = 0; i < nt; i++) {
        r->cells[1 + i].markup = cx_nobreak(c, p->sub_targets[i].code);
        r->cells[1 + i].align = TA_CENTER;
    }
    for (size_t i = 0; i < p->n_issues; i++) {
        const Issue *is = &p->issues[i];
        if (is->n_goals == 0)
            continue;
        r = doc_row(c->doc, t, ROW_GROUP, 1);
        r->cells[0].span = (int)ncols;
        r->cells[0].markup = doc_printf(c->doc, "%s %s %s", cx_label(c, "issue"),
                                        cx_int(c, (long long)is->number, ns),
                                        cx_text(c, is->title, ns));
        for (size_t j = 0; j < is->n_goals; j++) {
            const Goal *g = &is->goals[j];
            r = doc_row(c->doc, t, ROW_BODY, ncols);
            r->file = p->file;
            r->line = g->line;
            r->cells[0].markup = doc_printf(c->doc, "<b>%s</b> %s", cx_no(c, KIND_GOAL, g),
                                            cx_text(c, g->text, ns));
            for (size_t k = 0; k < nt; k++) {
                r->cells[1 + k].markup = mark_cell(c, g, &p->sub_targets[k]);
                r->cells[1 + k].align = TA_CENTER;
            }
        }
    }
    /* the legend: the mark, then each target and its factors */
    DocBlock *b = doc_para(c->doc, TA_LEFT, doc_printf(c->doc, "<b>%s</b> %s",
                                                       cx_label(c, "align_mark"),
                                                       cx_label(c, "align_legend")));
    b->space = c->t->align_legend_space;
    NumeralStyle nb = c->t->numerals_body;
    for (size_t i = 0; i < nt; i++) {
        const SubTarget *st = &p->sub_targets[i];
        b = doc_para(c->doc, TA_LEFT, cx_text(c, st->title, nb));
        b->label = doc_printf(c->doc, "<b>%s %s</b>", cx_label(c, "align_target"),
                              cx_nobreak(c, st->code));
        b->space = c->t->align_target_space;
        for (size_t k = 0; k < st->n_factors; k++) {
            const Factor *f = &st->factors[k];
            b = doc_para(c->doc, TA_LEFT, cx_text(c, f->title, nb));
            b->label = doc_printf(c->doc, "%s %s", cx_label(c, "align_factor"),
                                  cx_nobreak(c, f->code));
            b->indent = c->t->first_line_indent;
        }
    }
}
