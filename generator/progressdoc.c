/* progressdoc.c - the progress report (รายงานผลการดำเนินงาน) composer; see
 * progressdoc.h.
 *
 * The report is of the latest fiscal year of the results given: the
 * summary counts its statuses and says how the indicators moved since the
 * year before it; the indicator and project tables have columns for every
 * year given, each year against its own target (target.h) and its own
 * budget, so a committee reads the trend on one row.  Statuses come from
 * progress.h; each is
 * shown three ways, so that a black-and-white copy reads the same: its
 * word, its shape (a filled disc: achieved, a half disc: close, a ring:
 * below; doc.h CellMark) and the template's colour for it.
 */
#include "progressdoc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "compose.h"
#include "progress.h"
#include "sha256.h"
#include "target.h"
#include "thai.h"

typedef struct Report {
    Composer c;
    const ResultSet *rs;
    int year;             /* the fiscal year reported on */
    int *years;           /* every fiscal year of the results, ascending */
    size_t n_years;
} Report;

/* ---- small formatting helpers ------------------------------------------- */

static const char *tnum(Report *r, const char *plain)
{
    return cx_text(&r->c, plain, r->c.t->numerals_tables);
}

/* A number with one decimal: 66.666 -> "66.7" (table numerals). */
static const char *share_text(Report *r, double v)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.1f", round(v * 10) / 10 + 0.0);
    if (!strcmp(buf, "-0.0"))
        strcpy(buf, "0.0");
    return tnum(r, buf);
}

/* Baht with thousands separators; satang (two decimals) only when there
 * are any. */
static const char *baht_text(Report *r, double v)
{
    long long satang = llround(v * 100);
    char whole[64], buf[96];
    thai_baht(whole, sizeof whole, satang / 100, NUMERALS_ARABIC);
    if (satang % 100)
        snprintf(buf, sizeof buf, "%s.%02lld", whole, satang % 100);
    else
        snprintf(buf, sizeof buf, "%s", whole);
    return tnum(r, buf);
}

static const char *label(Report *r, const char *key)
{
    return cx_label(&r->c, key);
}

static unsigned status_rgb(const Template *t, ProgressStatus s)
{
    return s == PROG_ACHIEVED ? t->colour_achieved : s == PROG_CLOSE ? t->colour_close
                                                                       : t->colour_below;
}

static const char *status_word(Report *r, ProgressStatus s)
{
    static const char *const keys[] = {"progress_achieved", "progress_close", "progress_below",
                                       "progress_reported", "progress_not_reported"};
    return label(r, keys[s]);
}

/* A status cell: the shape (for the three statuses with a share) left of
 * the word, in the status's colour; every line of the cell starts clear of
 * it (DocCell.mark_room), with a shape or without. */
static void status_cell(Report *r, DocCell *cell, ProgressStatus s)
{
    const Template *t = r->c.t;
    if (s <= PROG_BELOW) {
        cell->mark = s == PROG_ACHIEVED ? MARK_FULL : s == PROG_CLOSE ? MARK_HALF : MARK_EMPTY;
        cell->mark_rgb = status_rgb(t, s);
        cell->markup = status_word(r, s);
    } else {
        /* no shape, but the words line up with those that have one */
        cell->markup = s == PROG_NOT_REPORTED
                           ? doc_printf(r->c.doc, "<i>%s</i>", status_word(r, s))
                           : status_word(r, s);
    }
    cell->mark_room = 1;
    cell->align = TA_LEFT;
}

static const char *state_word(Report *r, ProjectState s)
{
    static const char *const keys[] = {"progress_state_not_started", "progress_state_on_track",
                                       "progress_state_delayed", "progress_state_done",
                                       "progress_state_cancelled"};
    return label(r, keys[s]);
}

/* A project's state drawn like an indicator's status: done or on track as
 * achieved, delayed as close, not started or cancelled as below. */
static void state_cell(Report *r, DocCell *cell, const ResProject *res)
{
    if (!res) {
        status_cell(r, cell, PROG_NOT_REPORTED);
        return;
    }
    ProgressStatus as = res->status == PJS_DONE || res->status == PJS_ON_TRACK ? PROG_ACHIEVED
                      : res->status == PJS_DELAYED ? PROG_CLOSE : PROG_BELOW;
    cell->mark = as == PROG_ACHIEVED ? MARK_FULL : as == PROG_CLOSE ? MARK_HALF : MARK_EMPTY;
    cell->mark_rgb = status_rgb(r->c.t, as);
    cell->markup = state_word(r, res->status);
    cell->align = TA_LEFT;
}

static void center_row(DocRow *row)
{
    for (size_t k = 0; k < row->n_cells; k++)
        row->cells[k].align = TA_CENTER;
}

static DocBlock *section(Report *r, int level, const char *anchor, const char *plain)
{
    return cx_heading(&r->c, level, anchor, plain);
}

static const char *fy_text(Report *r, int year)
{
    return doc_printf(r->c.doc, "%s %s", label(r, "fiscal_year"),
                      cx_int(&r->c, year, r->c.t->numerals_headings));
}

/* ---- what is computed once ------------------------------------------------ */

/* The indicators' progress in the report year, in plan order. */
typedef struct Tally {
    size_t n[5];          /* by ProgressStatus */
    size_t total;
    double budget, spent; /* projects of the year, baht */
    size_t states[5];     /* by ProjectState */
    size_t pj_reported, pj_total;
    size_t ag_reported, ag_total;
} Tally;

/* Whether agency a owes the report on indicator in: it is the first of
 * the agencies answerable for it (the others may report too, but need
 * not). */
static int owes_indicator(const Indicator *in, const Agency *a)
{
    return in->answerable.n > 0 && in->answerable.items[0].to.agency == a;
}

/* Whether agency a owes a report for the year: it is the first agency
 * answerable for an indicator, or leads a project with a budget line for
 * the year. */
static int agency_expected(const Report *r, const Agency *a)
{
    for (size_t i = 0; i < a->n_answers; i++)
        if (owes_indicator(a->answers[i], a))
            return 1;
    for (size_t i = 0; i < a->n_leads; i++)
        if (project_has_year(a->leads[i], r->year))
            return 1;
    return 0;
}

static void tally(Report *r, Tally *t)
{
    const Plan *p = r->c.plan;
    const Template *tp = r->c.t;
    memset(t, 0, sizeof *t);
    for (size_t i = 0; i < p->n_issues; i++)
        for (size_t j = 0; j < p->issues[i].n_indicators; j++) {
            const Indicator *in = &p->issues[i].indicators[j];
            IndicatorProgress ip;
            progress_indicator(p, in, r->year, progress_find_indicator(r->rs, r->year, in, NULL),
                               tp->progress_achieved, tp->progress_close, &ip);
            t->n[ip.status]++;
            t->total++;
        }
    for (size_t i = 0; i < p->n_programs; i++)
        for (size_t j = 0; j < p->programs[i].n_projects; j++) {
            const Project *pj = &p->programs[i].projects[j];
            const ResProject *res = progress_find_project(r->rs, r->year, pj);
            if (!project_has_year(pj, r->year) && !res)
                continue;
            t->pj_total++;
            t->budget += (double)project_budget(pj, r->year);
            if (res) {
                t->pj_reported++;
                t->states[res->status]++;
                t->spent += res->has_spent ? res->spent : 0;
            }
        }
    for (size_t i = 0; i < p->n_agencies; i++) {
        const Agency *a = &p->agencies[i];
        if (!agency_expected(r, a))
            continue;
        t->ag_total++;
        t->ag_reported += progress_reported(r->rs, r->year, a);
    }
}

/* ---- chapters -------------------------------------------------------------- */

static DocTable *two_col_table(Report *r, const double w[2])
{
    DocTable *t = doc_table(r->c.doc, 2, w);
    t->cols[1].kind = COL_FIGURE;
    return t;
}

static void count_row(Report *r, DocTable *t, const char *what, size_t n, size_t of,
                      ProgressStatus mark)
{
    DocRow *row = doc_row(r->c.doc, t, ROW_BODY, 2);
    status_cell(r, &row->cells[0], mark);
    if (mark > PROG_BELOW)
        row->cells[0].markup = what;
    NumeralStyle ns = r->c.t->numerals_tables;
    row->cells[1].markup = of ? doc_printf(r->c.doc, "%s (%s %%)", cx_int(&r->c, (long long)n, ns),
                                           share_text(r, 100.0 * (double)n / (double)of))
                              : cx_int(&r->c, (long long)n, ns);
    row->cells[1].align = TA_RIGHT;
}

/* How an indicator moved from fiscal year `from` to `to`, by its actual
 * values and its direction: for an increase indicator a higher value is
 * better, for a decrease one a lower; for a maintain one a value nearer
 * that year's target.  Not comparable (MOVE_NONE) when either year has no
 * number (not reported, or qualitative), or a maintain indicator no
 * numeric target. */
enum { MOVE_BETTER, MOVE_WORSE, MOVE_SAME, MOVE_NONE, MOVE_N };

static int value_move(Report *r, const Indicator *in, int from, int to)
{
    const Plan *p = r->c.plan;
    const Template *tp = r->c.t;
    IndicatorProgress a, b;
    progress_indicator(p, in, from, progress_find_indicator(r->rs, from, in, NULL),
                       tp->progress_achieved, tp->progress_close, &a);
    progress_indicator(p, in, to, progress_find_indicator(r->rs, to, in, NULL),
                       tp->progress_achieved, tp->progress_close, &b);
    if (in->kind != IND_QUANTITATIVE || !a.res || !a.res->actual || !b.res || !b.res->actual)
        return MOVE_NONE;
    double va = a.res->value, vb = b.res->value;
    if (in->direction == DIR_MAINTAIN) {
        if (!a.has_target || !b.has_target)
            return MOVE_NONE;
        va = -fabs(va - a.target_value);
        vb = -fabs(vb - b.target_value);
    } else if (in->direction == DIR_DECREASE) {
        va = -va;
        vb = -vb;
    }
    return vb > va ? MOVE_BETTER : vb < va ? MOVE_WORSE : MOVE_SAME;
}

/* The summary's comparison with the year before the report year (the
 * latest earlier year of the results): how many indicators got better,
 * worse or stayed where they were (value_move), and which moved. */
static void summary_moves(Report *r)
{
    if (r->n_years < 2)
        return;
    Composer *c = &r->c;
    Doc *d = c->doc;
    const Plan *p = c->plan;
    NumeralStyle ns = c->t->numerals_tables;
    int from = r->years[r->n_years - 2], to = r->year;
    size_t n[MOVE_N] = {0};
    const char *which[MOVE_N] = {"", "", "", ""};
    for (size_t i = 0; i < p->n_issues; i++)
        for (size_t j = 0; j < p->issues[i].n_indicators; j++) {
            const Indicator *in = &p->issues[i].indicators[j];
            int m = value_move(r, in, from, to);
            n[m]++;
            if (m == MOVE_SAME || m == MOVE_NONE)
                continue; /* the moves are what the committee asks about */
            which[m] = doc_printf(d, "%s%s%s", which[m], *which[m] ? ", " : "",
                                  cx_no(c, KIND_INDICATOR, in));
        }
    DocBlock *b = doc_para(d, TA_LEFT, doc_printf(d, "<b>%s %s</b>", label(r, "progress_moves"),
                                                  fy_text(r, from)));
    b->space = c->t->body_size;
    b->keep_with_next = 1;
    static const double w[3] = {30, 14, 56};
    DocTable *tb = doc_table(d, 3, w);
    tb->cols[1].kind = COL_FIGURE;
    DocRow *h = doc_row(d, tb, ROW_HEADER, 3);
    h->cells[0].markup = label(r, "progress_result");
    h->cells[1].markup = label(r, "progress_count");
    h->cells[2].markup = label(r, "progress_which");
    center_row(h);
    static const char *const keys[MOVE_N] = {"progress_better", "progress_worse",
                                             "progress_same", "progress_not_comparable"};
    for (int m = 0; m < MOVE_N; m++) {
        DocRow *row = doc_row(d, tb, ROW_BODY, 3);
        row->cells[0].markup = label(r, keys[m]);
        row->cells[1].markup = cx_int(c, (long long)n[m], ns);
        row->cells[1].align = TA_RIGHT;
        row->cells[2].markup = *which[m] ? which[m] : "";
    }
    b = doc_para(d, TA_LEFT, doc_printf(d, "<small>%s</small>", label(r, "progress_moves_note")));
    b->size = c->t->table_size;
}

static void ch_summary(Report *r, const Tally *t)
{
    Composer *c = &r->c;
    Doc *d = c->doc;
    NumeralStyle ns = c->t->numerals_tables;
    section(r, 0, "_summary", doc_printf(d, "%s %s", template_label(c->t, "progress_summary"),
                                         arena_printf(d->arena, "%s %d",
                                                      template_label(c->t, "fiscal_year"),
                                                      r->year)));
    DocBlock *b = doc_para(d, TA_LEFT, doc_printf(d, "<b>%s</b> (%s)", label(r, "indicator"),
                                                  cx_int(c, (long long)t->total, ns)));
    b->keep_with_next = 1;
    DocTable *tb = two_col_table(r, c->t->cols_progress_counts);
    DocRow *h = doc_row(d, tb, ROW_HEADER, 2);
    h->cells[0].markup = label(r, "progress_status");
    h->cells[1].markup = label(r, "indicator");
    center_row(h);
    for (int s = PROG_ACHIEVED; s <= PROG_NOT_REPORTED; s++)
        count_row(r, tb, status_word(r, (ProgressStatus)s), t->n[s], t->total,
                  (ProgressStatus)s);
    summary_moves(r);

    b = doc_para(d, TA_LEFT, doc_printf(d, "<b>%s</b> (%s)", label(r, "progress_projects"),
                                        cx_int(c, (long long)t->pj_total, ns)));
    b->space = c->t->body_size * c->t->part_space;
    b->keep_with_next = 1;
    tb = two_col_table(r, c->t->cols_progress_counts);
    h = doc_row(d, tb, ROW_HEADER, 2);
    h->cells[0].markup = label(r, "progress_status");
    h->cells[1].markup = label(r, "project");
    center_row(h);
    for (int s = PJS_NOT_STARTED; s <= PJS_CANCELLED; s++) {
        DocRow *row = doc_row(d, tb, ROW_BODY, 2);
        ResProject fake = {.status = (ProjectState)s};
        state_cell(r, &row->cells[0], &fake);
        row->cells[1].markup = cx_int(c, (long long)t->states[s], ns);
        row->cells[1].align = TA_RIGHT;
    }
    count_row(r, tb, label(r, "progress_not_reported"), t->pj_total - t->pj_reported, 0,
              PROG_NOT_REPORTED);
    DocRow *row = doc_row(d, tb, ROW_BODY, 2);
    row->cells[0].markup = doc_printf(d, "%s (%s)", label(r, "progress_allocated"),
                                      label(r, "baht"));
    row->cells[1].markup = baht_text(r, t->budget);
    row->cells[1].align = TA_RIGHT;
    row = doc_row(d, tb, ROW_BODY, 2);
    row->cells[0].markup = doc_printf(d, "%s (%s)", label(r, "progress_spent"), label(r, "baht"));
    row->cells[1].markup = baht_text(r, t->spent);
    row->cells[1].align = TA_RIGHT;
    row = doc_row(d, tb, ROW_TOTAL, 2);
    row->cells[0].markup = label(r, "progress_spent_share");
    row->cells[1].markup = t->budget > 0 ? share_text(r, t->spent / t->budget * 100) : "–";
    row->cells[1].align = TA_RIGHT;

    b = doc_para(d, TA_LEFT, doc_printf(d, "<b>%s</b>", label(r, "progress_agencies")));
    b->space = c->t->body_size * c->t->part_space;
    b->keep_with_next = 1;
    tb = two_col_table(r, c->t->cols_progress_counts);
    count_row(r, tb, label(r, "progress_reported"), t->ag_reported, t->ag_total, PROG_REPORTED);
    count_row(r, tb, label(r, "progress_missing"), t->ag_total - t->ag_reported, t->ag_total,
              PROG_NOT_REPORTED);

    /* how a status is decided, beside how it looks */
    b = doc_para(d, TA_LEFT, doc_printf(d, "<b>%s</b>", label(r, "progress_criteria")));
    b->space = c->t->body_size * c->t->part_space;
    b->keep_with_next = 1;
    tb = two_col_table(r, c->t->cols_progress_criteria);
    tb->cols[1].kind = COL_TEXT;
    const double th[3][2] = {{c->t->progress_achieved, -1},
                             {c->t->progress_close, c->t->progress_achieved},
                             {-1, c->t->progress_close}};
    for (int s = PROG_ACHIEVED; s <= PROG_BELOW; s++) {
        row = doc_row(d, tb, ROW_BODY, 2);
        status_cell(r, &row->cells[0], (ProgressStatus)s);
        char lo[32] = "", hi[32] = "";
        if (th[s][0] >= 0)
            snprintf(lo, sizeof lo, "%g", th[s][0]);
        if (th[s][1] >= 0)
            snprintf(hi, sizeof hi, "%g", th[s][1]);
        row->cells[1].markup =
            s == PROG_ACHIEVED ? doc_printf(d, "%s ≥ %s", label(r, "progress_share"), tnum(r, lo))
            : s == PROG_CLOSE  ? doc_printf(d, "%s ≤ %s &lt; %s", tnum(r, lo),
                                            label(r, "progress_share"), tnum(r, hi))
                               : doc_printf(d, "%s &lt; %s", label(r, "progress_share"),
                                            tnum(r, hi));
    }
}

/* The fiscal years the tables have columns for: every year of the results,
 * ascending (the report year alone when there are none). */
static size_t table_years(const Report *r, const int **ys)
{
    *ys = r->n_years ? r->years : &r->year;
    return r->n_years ? r->n_years : 1;
}

/* An indicator's cell for one year, a scorecard: its status by shape
 * (CellMark) and word, then the actual (with who reported it when several
 * agencies answer for it), then that year's target (target.h: the year's
 * own, said so, else its phase's) and the share of it reached. */
static void year_cell(Report *r, DocCell *cell, const IndicatorProgress *ip)
{
    Composer *c = &r->c;
    Doc *d = c->doc;
    const Indicator *in = ip->ind;
    NumeralStyle ns = c->t->numerals_tables;
    const ResIndicator *res = ip->res;
    status_cell(r, cell, ip->status);
    const char *m = cell->markup;
    if (res) {
        const char *v = res->actual ? cx_text(c, res->actual, ns)
                                    : cx_text(c, res->actual_text, ns);
        if (res->by && in->answerable.n > 1)
            /* "(" kept with the abbreviation: a line may not end with it */
            v = doc_printf(d, "%s\u00a0<small>%s</small>", v,
                           cx_nobreak(c, doc_printf(d, "(%s)", res->by->abbr)));
        m = doc_printf(d, "%s\n%s\u00a0<b>%s</b>", m, label(r, "progress_actual_short"), v);
    }
    if (ip->target)
        m = doc_printf(d, "%s\n<small>%s\u00a0%s</small>", m,
                       label(r, ip->phase ? "target" : "progress_yearly"),
                       cx_text(c, ip->target->value, ns));
    if (ip->has_share)
        m = doc_printf(d, "%s\n<small>%s\u00a0%s</small>", m, label(r, "progress_percent"),
                       share_text(r, ip->share));
    cell->markup = m;
}

/* At most this many fiscal years side by side: more make the indicators'
 * names too narrow to read, so further years go into another table. */
enum { YEARS_PER_TABLE = 3 };

/* The indicator table of one strategic issue for years ys[0..ny), goal by
 * goal: a row per indicator, a column per year. */
static void indicator_table(Report *r, const Issue *is, const int *ys, size_t ny)
{
    Composer *c = &r->c;
    Doc *d = c->doc;
    const Plan *p = c->plan;
    const Template *tp = c->t;
    NumeralStyle ns = tp->numerals_tables;
    size_t nc = 3 + ny;
    double *w = arena_calloc(d->arena, nc, sizeof *w);
    for (size_t k = 0; k < nc; k++)
        w[k] = tp->cols_progress_indicators[k < 3 ? k : 3];
    DocTable *t = doc_table(d, nc, w);
    t->cols[1].kind = t->cols[2].kind = COL_FIGURE;
    for (size_t y = 0; y < ny; y++) {
        t->cols[3 + y].match = 1;  /* the years: one width */
        t->cols[3 + y].min_em = 9.5; /* a status word and a figure unbroken */
    }
    DocRow *h = doc_row(d, t, ROW_HEADER, nc);
    h->cells[0].markup = label(r, "indicator");
    h->cells[1].markup = label(r, "unit");
    h->cells[2].markup = label(r, "baseline");
    for (size_t y = 0; y < ny; y++)
        h->cells[3 + y].markup = fy_text(r, ys[y]);
    center_row(h);
    for (size_t g = 0; g < is->n_goals; g++) {
        const Goal *goal = &is->goals[g];
        DocRow *row = doc_row(d, t, ROW_GROUP, 1);
        row->cells[0].span = (int)nc;
        row->cells[0].markup = doc_printf(d, "%s %s %s", label(r, "goal"),
                                          cx_num2(c, is->number, goal->number),
                                          cx_text(c, goal->text, ns));
        for (size_t k = 0; k < goal->n_indicators; k++) {
            const Indicator *in = goal->indicators[k];
            row = doc_row(d, t, ROW_BODY, nc);
            row->file = p->file;
            row->line = in->line;
            row->cells[0].markup = doc_printf(d, "%s %s", cx_no(c, KIND_INDICATOR, in),
                                              cx_text(c, in->name, ns));
            row->cells[1].markup = in->unit ? cx_text(c, in->unit, ns) : "–";
            row->cells[2].markup = in->baseline ? cx_text(c, in->baseline, ns) : "–";
            row->cells[1].align = row->cells[2].align = TA_CENTER;
            for (size_t y = 0; y < ny; y++) {
                IndicatorProgress ip;
                progress_indicator(p, in, ys[y],
                                   progress_find_indicator(r->rs, ys[y], in, NULL),
                                   tp->progress_achieved, tp->progress_close, &ip);
                year_cell(r, &row->cells[3 + y], &ip);
            }
        }
    }
}

static void ch_indicators(Report *r)
{
    Composer *c = &r->c;
    const Plan *p = c->plan;
    /* landscape: seven columns, the indicator's name wide enough to read */
    DocBlock *pb = doc_add(c->doc, DB_PAGEBREAK);
    pb->landscape = 1;
    section(r, 0, "_indicators", template_label(c->t, "progress_indicators"));
    for (size_t i = 0; i < p->n_issues; i++) {
        const Issue *is = &p->issues[i];
        section(r, 1, arena_printf(c->doc->arena, "_progress-%s", is->id),
                arena_printf(c->doc->arena, "%s %zu %s", template_label(c->t, "issue"),
                             is->number, is->title));
        /* every year given, a few to a table, the latest in the last */
        const int *ys;
        size_t ny = table_years(r, &ys);
        for (size_t from = 0; from < ny; from += YEARS_PER_TABLE) {
            size_t n = ny - from < YEARS_PER_TABLE ? ny - from : YEARS_PER_TABLE;
            if (from) {
                DocBlock *gap = doc_para(c->doc, TA_LEFT, "");
                gap->space = c->t->body_size;
            }
            indicator_table(r, is, ys + from, n);
        }
    }
}

static const Issue *project_issue(const Project *pj)
{
    return pj->program ? pj->program->issue.to.issue : NULL;
}

/* A project's money in one year, or a subtotal's: the budget over what
 * was spent, and under them the share spent.  `has_budget` 0: no
 * allocation; `spent` NULL: nothing reported. */
static const char *money_markup(Report *r, int has_budget, double budget, const double *spent)
{
    Doc *d = r->c.doc;
    const char *b = has_budget ? baht_text(r, budget) : cx_budget_none(&r->c);
    if (!spent)
        return doc_printf(d, "%s\n–", b);
    if (!has_budget || budget <= 0)
        return doc_printf(d, "%s\n%s", b, baht_text(r, *spent));
    return doc_printf(d, "%s\n%s\n<small>(%s %s)</small>", b, baht_text(r, *spent),
                      label(r, "progress_percent"), share_text(r, *spent / budget * 100));
}

/* Budget and spending in a subtotal or total row, year by year from cell
 * `from` (each year's status cell left empty). */
static void sum_cells(Report *r, DocRow *row, size_t from, size_t ny, const double *budget,
                      const double *spent)
{
    for (size_t y = 0; y < ny; y++) {
        DocCell *cm = &row->cells[from + 2 * y];
        cm->markup = money_markup(r, 1, budget[y], &spent[y]);
        cm->align = TA_RIGHT;
        row->cells[from + 2 * y + 1].markup = "";
    }
}

/* Each project with a budget or a report in any year of the results: per
 * year its budget over what its lead reports it spent (and the share), and
 * its status with its progress and the problems reported; subtotals by
 * strategic issue. */
static void ch_projects(Report *r)
{
    Composer *c = &r->c;
    Doc *d = c->doc;
    const Plan *p = c->plan;
    NumeralStyle ns = c->t->numerals_tables;
    const int *ys;
    size_t ny = table_years(r, &ys), nc = 2 + 2 * ny;
    section(r, 0, "_projects", template_label(c->t, "progress_projects"));
    doc_para(d, TA_RIGHT, doc_printf(d, "(%s: %s)", label(r, "amount_unit"), label(r, "baht")));
    double *w = arena_calloc(d->arena, nc, sizeof *w);
    w[0] = 1;
    DocTable *t = doc_table(d, nc, w);
    for (size_t k = 1; k < nc; k++) {
        t->cols[k].kind = COL_FIGURE; /* figures on one line */
        if (k >= 2)
            t->cols[k].match = 1 + (int)((k - 2) % 2); /* the years' money, their statuses */
    }
    /* a year's status column also holds the problems reported that year:
     * text that wraps, in the room of a status word */
    for (size_t y = 0; y < ny; y++) {
        t->cols[3 + 2 * y].kind = COL_TEXT;
        t->cols[3 + 2 * y].min_em = 8;
    }
    t->size = c->t->detail_size < c->t->table_size ? c->t->detail_size : c->t->table_size;
    DocRow *h = doc_row(d, t, ROW_HEADER, 2 + ny);
    h->cells[0].markup = label(r, "project");
    h->cells[1].markup = label(r, "lead");
    for (size_t y = 0; y < ny; y++) {
        h->cells[2 + y].markup = fy_text(r, ys[y]);
        h->cells[2 + y].span = 2;
    }
    center_row(h);
    h = doc_row(d, t, ROW_HEADER, 1 + 2 * ny);
    h->cells[0].span = 2;
    h->cells[0].markup = "";
    for (size_t y = 0; y < ny; y++) {
        h->cells[1 + 2 * y].markup = doc_printf(d, "%s\n%s", label(r, "progress_allocated"),
                                                label(r, "progress_spent"));
        h->cells[2 + 2 * y].markup = label(r, "progress_status_progress");
    }
    center_row(h);
    double *all_budget = arena_calloc(d->arena, ny, sizeof *all_budget);
    double *all_spent = arena_calloc(d->arena, ny, sizeof *all_spent);
    double *budget = arena_calloc(d->arena, ny, sizeof *budget);
    double *spent = arena_calloc(d->arena, ny, sizeof *spent);
    ProjectProgress *pp = arena_calloc(d->arena, ny, sizeof *pp);
    for (size_t i = 0; i < p->n_issues; i++) {
        const Issue *is = &p->issues[i];
        int started = 0;
        memset(budget, 0, ny * sizeof *budget);
        memset(spent, 0, ny * sizeof *spent);
        for (size_t g = 0; g < p->n_programs; g++)
            for (size_t j = 0; j < p->programs[g].n_projects; j++) {
                const Project *pj = &p->programs[g].projects[j];
                if (project_issue(pj) != is)
                    continue;
                int any = 0;
                for (size_t y = 0; y < ny; y++) {
                    progress_project(pj, ys[y], progress_find_project(r->rs, ys[y], pj), &pp[y]);
                    any |= pp[y].has_budget || pp[y].res;
                }
                if (!any)
                    continue;
                if (!started) {
                    DocRow *gr = doc_row(d, t, ROW_GROUP, 1);
                    gr->cells[0].span = (int)nc;
                    gr->cells[0].markup = cx_text(c, arena_printf(d->arena, "%s %zu %s",
                                                                  template_label(c->t, "issue"),
                                                                  is->number, is->title), ns);
                    started = 1;
                }
                DocRow *row = doc_row(d, t, ROW_BODY, nc);
                row->file = p->file;
                row->line = pj->line;
                row->cells[0].markup = doc_printf(d, "%s\n<small>%s</small>",
                                                  cx_text(c, pj->title, ns), doc_esc(d, pj->id));
                row->cells[1].markup = pj->lead.to.agency ? cx_abbr(c, pj->lead.to.agency) : "–";
                row->cells[1].align = TA_CENTER;
                for (size_t y = 0; y < ny; y++) {
                    const ResProject *res = pp[y].res;
                    double sp = res && res->has_spent ? res->spent : 0;
                    DocCell *cm = &row->cells[2 + 2 * y];
                    cm->markup = money_markup(r, pp[y].has_budget, (double)pp[y].budget,
                                              res && res->has_spent ? &sp : NULL);
                    cm->align = TA_RIGHT;
                    DocCell *st = &row->cells[3 + 2 * y];
                    state_cell(r, st, res);
                    if (res && res->has_progress)
                        st->markup = doc_printf(d, "%s\n<small>%s %s</small>", st->markup,
                                                label(r, "progress_percent"),
                                                share_text(r, res->progress));
                    /* the year's problems with its status: the row keeps them
                     * on its page */
                    if (res && res->problems)
                        st->markup = doc_printf(d, "%s\n<small><b>%s:</b> %s</small>",
                                                st->markup, label(r, "progress_problems"),
                                                cx_text(c, res->problems, ns));
                    budget[y] += (double)pp[y].budget;
                    spent[y] += sp;
                }
            }
        if (!started)
            continue;
        DocRow *st = doc_row(d, t, ROW_SUBTOTAL, 1 + 2 * ny);
        st->cells[0].markup = doc_printf(d, "%s %s %s", label(r, "subtotal"), label(r, "issue"),
                                         cx_int(c, (long long)is->number, ns));
        st->cells[0].span = 2;
        sum_cells(r, st, 1, ny, budget, spent);
        for (size_t y = 0; y < ny; y++) {
            all_budget[y] += budget[y];
            all_spent[y] += spent[y];
        }
    }
    DocRow *tot = doc_row(d, t, ROW_TOTAL, 1 + 2 * ny);
    tot->cells[0].markup = label(r, "grand_total");
    tot->cells[0].span = 2;
    sum_cells(r, tot, 1, ny, all_budget, all_spent);
}

/* Per agency: when it reported, what it reported and what it still owes
 * (indicators it answers for, projects it leads with a budget for the
 * year). */
static void ch_agencies(Report *r)
{
    Composer *c = &r->c;
    Doc *d = c->doc;
    const Plan *p = c->plan;
    NumeralStyle ns = c->t->numerals_tables;
    DocBlock *pb = doc_add(d, DB_PAGEBREAK);
    pb->landscape = 0;
    section(r, 0, "_agencies", template_label(c->t, "progress_agencies"));
    DocTable *t = doc_table(d, 4, c->t->cols_progress_agencies);
    t->cols[1].kind = COL_FIGURE;
    DocRow *h = doc_row(d, t, ROW_HEADER, 4);
    h->cells[0].markup = label(r, "agency");
    h->cells[1].markup = label(r, "progress_status");
    h->cells[2].markup = label(r, "progress_items");
    h->cells[3].markup = label(r, "progress_missing");
    center_row(h);
    for (size_t i = 0; i < p->n_agencies; i++) {
        const Agency *a = &p->agencies[i];
        if (!agency_expected(r, a))
            continue;
        const char *done = "", *missing = "";
        for (size_t k = 0; k < a->n_answers; k++) {
            const Indicator *in = a->answers[k];
            int has = progress_find_indicator(r->rs, r->year, in, a) != NULL;
            /* missing: owed, and reported by no answerable agency */
            if (!has && (!owes_indicator(in, a) ||
                         progress_find_indicator(r->rs, r->year, in, NULL)))
                continue;
            const char **to = has ? &done : &missing;
            *to = doc_printf(d, "%s%s%s", *to, **to ? ", " : "", cx_no(c, KIND_INDICATOR, in));
        }
        for (size_t k = 0; k < a->n_leads; k++) {
            const Project *pj = a->leads[k];
            if (!project_has_year(pj, r->year))
                continue;
            const ResProject *res = progress_find_project(r->rs, r->year, pj);
            int has = res && res->by == a;
            const char **to = has ? &done : &missing;
            *to = doc_printf(d, "%s%s%s", *to, **to ? ", " : "", doc_esc(d, pj->id));
        }
        int reported = progress_reported(r->rs, r->year, a);
        DocRow *row = doc_row(d, t, ROW_BODY, 4);
        row->cells[0].markup = doc_printf(d, "%s\n<small>%s</small>", cx_abbr(c, a),
                                          cx_text(c, a->name, ns));
        if (reported) {
            const char *date = NULL;
            for (size_t f = 0; f < r->rs->n && !date; f++)
                for (size_t k = 0; k < r->rs->files[f].n_reporters && !date; k++)
                    if (r->rs->files[f].fiscal_year == r->year &&
                        r->rs->files[f].reporters[k].to == a)
                        date = r->rs->files[f].reporters[k].date;
            int y = 0, m = 0, dd = 0;
            char buf[96];
            row->cells[1].markup =
                date && thai_parse_iso_date(date, &y, &m, &dd) == 0 &&
                        thai_date(buf, sizeof buf, y, m, dd, c->t->numerals_dates)
                    ? doc_printf(d, "%s\n<small>%s</small>", label(r, "progress_reported"),
                                 doc_esc(d, buf))
                    : label(r, "progress_reported");
        } else {
            status_cell(r, &row->cells[1], PROG_NOT_REPORTED);
        }
        row->cells[1].align = TA_CENTER;
        row->cells[2].markup = *done ? done : "–";
        row->cells[3].markup = *missing ? doc_printf(d, "<b>%s</b>", missing) : "–";
    }
}

static DocBlock *figure(Report *r, ChartGeom *g)
{
    DocBlock *b = doc_add(r->c.doc, DB_FIGURE);
    b->height = g->h;
    b->draw = chart_paint;
    g->t = r->c.t;
    b->data = g;
    return b;
}

static double text_w(const Template *t)
{
    return t->page_w - t->margin_left - t->margin_right;
}

static void ch_charts(Report *r)
{
    Composer *c = &r->c;
    Doc *d = c->doc;
    const Plan *p = c->plan;
    const Template *tp = c->t;
    NumeralStyle ns = tp->numerals_tables;
    Arena *a = d->arena;
    double ls = tp->table_size * tp->chart_label;
    section(r, 0, "_charts", template_label(tp, "progress_charts"));
    const char *keys[3] = {label(r, "progress_allocated"), label(r, "progress_spent"), NULL};

    /* budget and spending by strategic issue, in the report year */
    size_t ni = p->n_issues;
    const char **cats = arena_calloc(a, ni + 1, sizeof *cats);
    double *va = arena_calloc(a, ni + 1, sizeof *va), *vb = arena_calloc(a, ni + 1, sizeof *vb);
    for (size_t i = 0; i < ni; i++)
        cats[i] = cx_int(c, (long long)p->issues[i].number, ns); /* the title says what */
    /* the same over the years of the results */
    double *ya = arena_calloc(a, r->n_years + 1, sizeof *ya);
    double *yb = arena_calloc(a, r->n_years + 1, sizeof *yb);
    const char **ycats = arena_calloc(a, r->n_years + 1, sizeof *ycats);
    for (size_t y = 0; y < r->n_years; y++)
        ycats[y] = fy_text(r, r->years[y]);
    for (size_t g = 0; g < p->n_programs; g++)
        for (size_t j = 0; j < p->programs[g].n_projects; j++) {
            const Project *pj = &p->programs[g].projects[j];
            const Issue *is = project_issue(pj);
            for (size_t y = 0; y < r->n_years; y++) {
                const ResProject *res = progress_find_project(r->rs, r->years[y], pj);
                double spent = res && res->has_spent ? res->spent : 0;
                ya[y] += (double)project_budget(pj, r->years[y]);
                yb[y] += spent;
                if (is && r->years[y] == r->year) {
                    va[is->number - 1] += (double)project_budget(pj, r->year);
                    vb[is->number - 1] += spent;
                }
            }
        }
    const char *unit = doc_printf(d, "(%s: %s)", label(r, "amount_unit"), label(r, "million_baht"));
    DocBlock *b = doc_para(d, TA_LEFT, doc_printf(d, "<b>%s %s</b>  %s",
                                                  label(r, "progress_by_issue"),
                                                  fy_text(r, r->year), unit));
    b->keep_with_next = 1;
    figure(r, chart_bars(a, text_w(tp), tp->chart_height, cats, ni, va, vb, keys, 1, ns, ls));
    b = doc_para(d, TA_LEFT, doc_printf(d, "<b>%s</b>  %s", label(r, "progress_by_year"), unit));
    b->space = tp->body_size * tp->part_space;
    b->keep_with_next = 1;
    figure(r, chart_bars(a, text_w(tp), tp->chart_height, ycats, r->n_years, ya, yb, keys, 1, ns, ls));

    /* each quantitative indicator over the plan's years */
    const char *lkeys[3] = {label(r, "baseline"), label(r, "target"), label(r, "progress_actual")};
    for (size_t i = 0; i < p->n_issues; i++)
        for (size_t j = 0; j < p->issues[i].n_indicators; j++) {
            const Indicator *in = &p->issues[i].indicators[j];
            if (in->kind != IND_QUANTITATIVE)
                continue;
            double base = 0;
            int has_base = in->baseline && target_number(in->baseline, &base);
            int from = has_base && in->baseline_year > 0 && in->baseline_year < p->period_from
                           ? in->baseline_year : p->period_from;
            /* up to a few years past the latest result: twenty years of a
             * whole plan leave no room to read the values */
            int to = r->year + 6 < p->period_to ? r->year + 6 : p->period_to;
            if (to < from || to - from > 200)
                continue;
            size_t n = (size_t)(to - from + 1);
            double *tg = arena_calloc(a, n, sizeof *tg), *ac = arena_calloc(a, n, sizeof *ac);
            for (size_t y = 0; y < n; y++) {
                const Target *t = target_for_year(p, in, from + (int)y, NULL);
                double v;
                tg[y] = t && target_number(t->value, &v) ? v : NAN;
                const ResIndicator *res = progress_find_indicator(r->rs, from + (int)y, in, NULL);
                ac[y] = res && res->actual ? res->value : NAN;
            }
            b = doc_para(d, TA_LEFT, doc_printf(d, "<b>%s</b> %s%s", cx_no(c, KIND_INDICATOR, in),
                                                cx_text(c, in->name, ns),
                                                in->unit ? doc_printf(d, " (%s)",
                                                                      cx_text(c, in->unit, ns))
                                                         : ""));
            b->size = tp->table_size;
            b->space = tp->body_size * tp->chart_space;
            b->keep_with_next = 1;
            figure(r, chart_lines(a, text_w(tp), tp->chart_height_indicator, from, to, tg, ac, has_base,
                                  in->baseline_year, base, lkeys, ns, ls));
        }
}

/* ---- the document ------------------------------------------------------------ */

static int cmp_int(const void *x, const void *y)
{
    int a = *(const int *)x, b = *(const int *)y;
    return (a > b) - (a < b);
}

Doc *compose_progress_report(const Plan *p, const Template *t, const ResultSet *rs)
{
    Doc *d = doc_new();
    if (!d)
        return NULL;
    Report r = {.c = {.doc = d, .plan = p, .t = t}, .rs = rs};
    r.years = arena_calloc(d->arena, rs->n + 1, sizeof *r.years);
    for (size_t i = 0; i < rs->n; i++) {
        size_t k = 0;
        while (k < r.n_years && r.years[k] != rs->files[i].fiscal_year)
            k++;
        if (k == r.n_years)
            r.years[r.n_years++] = rs->files[i].fiscal_year;
    }
    qsort(r.years, r.n_years, sizeof *r.years, cmp_int);
    r.year = r.n_years ? r.years[r.n_years - 1] : p->period_from;

    const char *name = arena_printf(d->arena, "%s %s %d", template_label(t, "progress_report"),
                                    template_label(t, "fiscal_year"), r.year);
    char nbuf[512];
    thai_digits(nbuf, sizeof nbuf, name, t->numerals_headings);
    cx_metadata(&r.c, nbuf);
    /* which results, exactly: their SHA-256 beside the plan's */
    for (size_t i = 0; i < rs->n; i++) {
        char hex[65];
        sha256_hex(rs->files[i].sha256, hex);
        d->keywords = arena_printf(d->arena, "%s; results-sha256=%s", d->keywords, hex);
    }
    cx_front_matter(&r.c, nbuf, 1);
    Tally tl;
    tally(&r, &tl);
    ch_summary(&r, &tl);
    ch_indicators(&r);
    ch_projects(&r);
    ch_agencies(&r);
    ch_charts(&r);
    return d;
}
