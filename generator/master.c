/* master.c - the master plan (แผนแม่บท) composer; see render.h. */
#include "render.h"

#include <string.h>

#include "aligndoc.h"
#include "compose.h"
#include "diff.h"

static void chapter(Composer *c, const char *anchor, const char *title_markup_plain)
{
    c->chapter++;
    char *plain = arena_printf(c->doc->arena, "%s %d %s", template_label(c->t, "chapter"),
                               c->chapter, title_markup_plain);
    cx_heading(c, 0, anchor, plain);
}

/* A preface (คำนำ) or an executive summary (บทสรุปผู้บริหาร) is front
 * matter: it comes before chapter 1, never numbered inside a chapter. */
static int is_front(const Section *s)
{
    return s->role == ROLE_PREFACE || s->role == ROLE_EXEC_SUMMARY;
}

static void ch_background(Composer *c)
{
    const Plan *p = c->plan;
    size_t n = 0;
    for (size_t i = 0; i < p->n_sections; i++)
        n += !is_front(&p->sections[i]);
    if (n == 0)
        return;
    chapter(c, "_background", template_label(c->t, "background"));
    n = 0;
    for (size_t i = 0; i < p->n_sections; i++) {
        const Section *s = &p->sections[i];
        if (is_front(s))
            continue;
        cx_heading(c, 1, s->id, arena_printf(c->doc->arena, "%d.%zu %s", c->chapter, ++n, s->title));
        cx_prose(c, s->blocks, s->n_blocks);
    }
}

static void ch_vision(Composer *c)
{
    const Plan *p = c->plan;
    chapter(c, "_vision", template_label(c->t, "vision_mission"));
    cx_heading(c, 1, "_vision-text",
               arena_printf(c->doc->arena, "%d.1 %s", c->chapter, template_label(c->t, "vision")));
    DocBlock *b = doc_para(c->doc, TA_CENTER,
                           doc_printf(c->doc, "<b>“%s”</b>", cx_text(c, p->vision, c->t->numerals_body)));
    b->space = c->t->vision_space;
    if (p->n_missions) {
        cx_heading(c, 1, "_mission",
                   arena_printf(c->doc->arena, "%d.2 %s", c->chapter, template_label(c->t, "mission")));
        for (size_t i = 0; i < p->n_missions; i++) {
            /* the number hangs in a column of its own (layout.c's
             * para_label): justification never widens a space after it */
            b = doc_para(c->doc, TA_JUSTIFY, cx_text(c, p->missions[i], c->t->numerals_body));
            b->label = doc_printf(c->doc, "%s.", cx_int(c, (long long)i + 1, c->t->numerals_body));
            b->indent = c->t->first_line_indent;
        }
    }
}

static void ch_alignment(Composer *c)
{
    const Plan *p = c->plan;
    if (p->n_aligns == 0)
        return;
    chapter(c, "_alignment", template_label(c->t, "alignment"));
    NumeralStyle ns = c->t->numerals_body;
    for (size_t i = 0; i < p->n_aligns; i++) {
        const Align *a = &p->aligns[i];
        DocBlock *b = doc_para(c->doc, TA_LEFT,
                               doc_printf(c->doc, "<b>%s.%s %s</b>", cx_int(c, c->chapter, ns),
                                          cx_int(c, (long long)i + 1, ns), cx_align_kind(c, a->kind)));
        b->keep_with_next = 1;
        b->space = c->t->align_space;
        b = doc_para(c->doc, TA_JUSTIFY, doc_printf(c->doc, "%s (%s)", cx_text(c, a->title, ns),
                                                    cx_text(c, a->code, ns)));
        b->indent = c->t->first_line_indent;
        if (a->contribution) {
            b = doc_para(c->doc, TA_JUSTIFY,
                         doc_printf(c->doc, "<b>%s</b>: %s", cx_label(c, "contribution"),
                                    cx_text(c, a->contribution, ns)));
            b->indent = c->t->first_line_indent;
        }
    }
    if (p->n_sub_targets) {
        cx_heading(c, 1, "_alignment-matrix",
                   arena_printf(c->doc->arena, "%d.%zu %s", c->chapter, p->n_aligns + 1,
                                template_label(c->t, "align_matrix")));
        cx_alignment_matrix(c);
    }
}

/* The answerable agencies, one a line, each linked to the annex. */
static void answerable_cell(Composer *c, const Indicator *ind, DocCell *cell)
{
    const char *out = "";
    cell->para_links = arena_calloc(c->doc->arena, ind->answerable.n + 1, sizeof(char *));
    for (size_t i = 0; i < ind->answerable.n; i++) {
        const Agency *a = ind->answerable.items[i].to.agency;
        if (!a)
            continue;
        out = doc_printf(c->doc, "%s%s%s", out, *out ? "\n" : "", cx_abbr(c, a));
        cell->para_links[cell->n_para_links++] = cx_link(c, NULL, a->id);
    }
    cell->markup = *out ? out : "–";
}

static void indicator_table(Composer *c, const Issue *is)
{
    const Plan *p = c->plan;
    NumeralStyle ns = c->t->numerals_tables;
    size_t np = p->n_phases, ncols = 4 + np;
    DocTable *t = cx_phase_table(c, c->t->cols_indicators, 5, 3);
    t->cols[3 + np].kind = COL_FIGURE;           /* abbreviations, one a line */
    DocRow *r = doc_row(c->doc, t, ROW_HEADER, ncols);
    r->cells[0].markup = cx_label(c, "indicator");
    r->cells[1].markup = cx_label(c, "unit");
    r->cells[2].markup = cx_label(c, "baseline");
    for (size_t i = 0; i < np; i++)
        r->cells[3 + i].markup = doc_printf(c->doc, "<small>%s\n(%s–%s)</small>",
                                            cx_text(c, p->phases[i].name, ns),
                                            cx_int(c, p->phases[i].from, ns),
                                            cx_int(c, p->phases[i].to % 100, ns));
    r->cells[3 + np].markup = cx_label(c, "answerable");
    for (size_t k = 0; k < ncols; k++)
        r->cells[k].align = TA_CENTER;
    for (size_t g = 0; g < is->n_goals; g++) {
        const Goal *goal = &is->goals[g];
        r = doc_row(c->doc, t, ROW_GROUP, 1);
        r->cells[0].span = (int)ncols;
        r->cells[0].markup = doc_printf(c->doc, "%s %s %s", cx_label(c, "goal"),
                                        cx_no(c, KIND_GOAL, goal),
                                        cx_text(c, goal->text, ns));
        for (size_t k = 0; k < goal->n_indicators; k++) {
            const Indicator *ind = goal->indicators[k];
            r = doc_row(c->doc, t, ROW_BODY, ncols);
            r->anchor = ind->id;
            r->file = p->file;
            r->line = ind->line;
            cx_indicator_cells(c, ind, r->cells);
            answerable_cell(c, ind, &r->cells[3 + np]);
            r->cells[3 + np].align = TA_CENTER;
        }
    }
}

static void ch_issue(Composer *c, const Issue *is)
{
    NumeralStyle ns = c->t->numerals_body;
    chapter(c, is->id, arena_printf(c->doc->arena, "%s %zu %s", template_label(c->t, "issue"),
                                    is->number, is->title));
    for (size_t i = 0; i < is->n_paras; i++) {
        DocBlock *b = doc_para(c->doc, TA_JUSTIFY, cx_text(c, is->paras[i], ns));
        b->first_indent = c->t->first_line_indent;
    }
    Arena *a = c->doc->arena;
    cx_heading(c, 1, arena_printf(a, "_%s-goals", is->id),
               arena_printf(a, "%d.1 %s", c->chapter, template_label(c->t, "goals")));
    for (size_t g = 0; g < is->n_goals; g++) {
        const Goal *goal = &is->goals[g];
        /* what it serves, in small type under its text (the same column) */
        const char *al = cx_alignment(c, &goal->serves, &goal->factors, 1);
        const char *m = cx_text(c, goal->text, ns);
        DocBlock *b = doc_para(c->doc, TA_JUSTIFY,
                               al ? doc_printf(c->doc, "%s\n<small>%s</small>", m, al) : m);
        b->label = doc_printf(c->doc, "<b>%s %s</b>", cx_label(c, "goal"),
                              cx_no(c, KIND_GOAL, goal));
        b->indent = c->t->first_line_indent;
    }
    cx_heading(c, 1, arena_printf(a, "_%s-indicators", is->id),
               arena_printf(a, "%d.2 %s", c->chapter, template_label(c->t, "indicators")));
    indicator_table(c, is);
    cx_heading(c, 1, arena_printf(a, "_%s-strategies", is->id),
               arena_printf(a, "%d.3 %s", c->chapter, template_label(c->t, "strategies")));
    for (size_t s = 0; s < is->n_strategies; s++) {
        const Strategy *st = &is->strategies[s];
        DocBlock *h = cx_heading(c, 2, st->id,
                                 arena_printf(a, "%s %s %s", template_label(c->t, "strategy"),
                                              cx_no_plain(c, KIND_STRATEGY, st), st->title));
        h->in_toc = 0;
        h->indent = c->t->first_line_indent * c->t->strategy_indent;
        h->label = cx_text(c, arena_printf(a, "%s %s", template_label(c->t, "strategy"),
                                           cx_no_plain(c, KIND_STRATEGY, st)),
                           c->t->numerals_headings);
        h->markup = cx_text(c, st->title, c->t->numerals_headings);
        /* which goals it serves */
        size_t len = 0;
        const char *goals = "";
        for (size_t k = 0; k < st->goals.n; k++) {
            const Goal *g = st->goals.items[k].to.goal;
            if (!g)
                continue;
            goals = doc_printf(c->doc, "%s%s%s", goals, len++ ? ", " : "",
                               cx_no(c, KIND_GOAL, g));
        }
        if (len) {
            DocBlock *b = doc_para(c->doc, TA_LEFT,
                                   doc_printf(c->doc, "(%s %s)", cx_label(c, "goal"), goals));
            b->indent = c->t->first_line_indent;
        }
        for (size_t m = 0; m < st->n_measures; m++) {
            DocBlock *b = doc_para(c->doc, TA_JUSTIFY, cx_text(c, st->measures[m], ns));
            b->label = doc_printf(c->doc, "%s)", cx_int(c, (long long)m + 1, ns));
            b->indent = c->t->first_line_indent;
        }
    }
}

static void ch_agencies(Composer *c)
{
    const Plan *p = c->plan;
    NumeralStyle ns = c->t->numerals_tables;
    cx_heading(c, 0, "_annex-agencies",
               arena_printf(c->doc->arena, "%s %s", template_label(c->t, "annex"),
                            template_label(c->t, "agencies")));
    DocTable *t = doc_table(c->doc, 4, c->t->cols_agencies);
    t->cols[2].kind = COL_FIGURE; /* abbreviations */
    DocRow *r = doc_row(c->doc, t, ROW_HEADER, 4);
    r->cells[0].markup = cx_label(c, "no");
    r->cells[1].markup = cx_label(c, "agency");
    r->cells[2].markup = cx_label(c, "abbr");
    r->cells[3].markup = cx_label(c, "ministry");
    for (size_t k = 0; k < 4; k++)
        r->cells[k].align = TA_CENTER;
    for (size_t i = 0; i < p->n_agencies; i++) {
        const Agency *ag = &p->agencies[i];
        r = doc_row(c->doc, t, ROW_BODY, 4);
        r->anchor = ag->id;
        r->file = p->file;
        r->line = ag->line;
        r->cells[0].markup = cx_int(c, (long long)i + 1, ns);
        r->cells[0].align = TA_CENTER;
        r->cells[1].markup = ag->name_en
            ? doc_printf(c->doc, "%s\n<small>%s</small>", cx_text(c, ag->name, ns), doc_esc(c->doc, ag->name_en))
            : cx_text(c, ag->name, ns);
        r->cells[2].markup = doc_esc(c->doc, ag->abbr);
        r->cells[2].align = TA_CENTER;
        r->cells[3].markup = cx_chain(c, ag, 0);
    }
}

/* A revised plan ends with what changed since the version it revises: the
 * same table as `phaen diff OLD NEW -o` (diffdoc.c), under an annex
 * heading. */
static void annex_revision(Composer *c)
{
    PlanDiff *pd = plan_diff(c->plan->revised, c->plan);
    if (!pd)
        return;
    cx_heading(c, 0, "_annex-revision",
               arena_printf(c->doc->arena, "%s %s", template_label(c->t, "annex"),
                            template_label(c->t, "revision_annex")));
    diff_compose_body(c, pd, c->plan->revised, c->plan);
    plan_diff_free(pd);
}

Doc *compose_master_plan(const Plan *p, const Template *t)
{
    Doc *d = doc_new();
    if (!d)
        return NULL;
    Composer c = {.doc = d, .plan = p, .t = t};
    cx_metadata(&c, cx_doc_name(d->arena, t, NAME_MASTER_PLAN, NULL));
    cx_master_front(&c);
    for (size_t i = 0; i < t->n_chapters; i++) {
        const char *ch = t->chapters[i];
        if (!strcmp(ch, "background"))
            ch_background(&c);
        else if (!strcmp(ch, "vision"))
            ch_vision(&c);
        else if (!strcmp(ch, "alignment"))
            ch_alignment(&c);
        else if (!strcmp(ch, "issues"))
            for (size_t k = 0; k < p->n_issues; k++)
                ch_issue(&c, &p->issues[k]);
        else if (!strcmp(ch, "agencies"))
            ch_agencies(&c);
    }
    if (p->revised)
        annex_revision(&c);
    return d;
}
