/* action.c - the action plan (แผนปฏิบัติการ) composer; see render.h.
 *
 * Landscape pages: one chapter per strategic issue, a section per program
 * with a table of its projects (budget per fiscal year in baht), subtotals
 * per program and issue; then a summary chapter with the grand total in baht
 * and the tables by issue and by lead agency in millions of baht, rounded
 * with rounded_millions() so that every shown part adds up to its shown
 * total.  Every figure comes from the Rollup (budget.h).
 */
#include "render.h"

#include <stdio.h>
#include <string.h>

#include "aligndoc.h"
#include "compose.h"
#include "thai.h"

/* Millions of baht are shown with two decimals. */
enum { DECIMALS = 2 };

/* The project tables are set a little smaller than the template's tables
 * (font.size.detail, 12 pt for its 14): a column per fiscal year, each
 * wide enough for nine-digit subtotals, shares a landscape page with the
 * project names. */
static double detail_size(const Template *t)
{
    return t->detail_size < t->table_size ? t->detail_size : t->table_size;
}

/* Whole baht with thousands separators in the table numeral style; an
 * amount of zero is a dash, as budget tables write it. */
static const char *baht(Composer *c, int64_t v)
{
    if (v == 0)
        return "–";
    char buf[96];
    thai_baht(buf, sizeof buf, v, c->t->numerals_tables);
    return arena_strdup(c->doc->arena, buf);
}

/* A budget figure in baht: "no allocation" when no budget line stands
 * behind it (not set), the template's zero for lines that add up to 0 baht;
 * the sheets show the two the same way. */
static const char *amount(Composer *c, int64_t v, int set)
{
    return !set ? cx_budget_none(c) : v == 0 ? cx_budget_zero(c) : baht(c, v);
}

/* A rounded figure in units of 10^-DECIMALS million: 123456 -> "1,234.56".
 * `exact_zero` shows a dash (nothing budgeted, as opposed to a small amount
 * that rounds to 0.00). */
static const char *millions(Composer *c, int64_t units, int exact_zero)
{
    if (exact_zero && units == 0)
        return "–";
    int64_t scale = 1;
    for (int i = 0; i < DECIMALS; i++)
        scale *= 10;
    int64_t a = units < 0 ? -units : units;
    char ip[64], raw[96];
    thai_baht(ip, sizeof ip, a / scale, NUMERALS_ARABIC);
    snprintf(raw, sizeof raw, "%s%s.%0*lld", units < 0 ? "-" : "", ip, DECIMALS,
             (long long)(a % scale));
    return cx_text(c, raw, c->t->numerals_tables);
}

/* "(หน่วย: บาท)"-style unit line, right-aligned above a table. */
static void unit_line(Composer *c, const char *unit_key, const char *note_key)
{
    const char *m = doc_printf(c->doc, "(%s: %s)", cx_label(c, "amount_unit"),
                               cx_label(c, unit_key));
    if (note_key)
        m = doc_printf(c->doc, "%s\u2003%s", cx_label(c, note_key), m);
    DocBlock *b = doc_para(c->doc, TA_RIGHT, m);
    b->size = detail_size(c->t);
    b->keep_with_next = 1;
}

static void center_all(DocRow *r)
{
    for (size_t k = 0; k < r->n_cells; k++)
        r->cells[k].align = TA_CENTER;
}

/* Fills the budget cells of a row from column `first`: one per fiscal year
 * (row `row` of the roll-up matrix m, its presence in `set`), then the
 * row's total. */
static void budget_cells(Composer *c, DocRow *r, size_t first, const int64_t *m,
                         const unsigned char *set, size_t row, size_t ny)
{
    int64_t sum = 0;
    int any = 0;
    for (size_t y = 0; y < ny; y++) {
        int64_t v = m[row * ny + y];
        sum += v;
        any |= set[row * ny + y];
        r->cells[first + y].markup = amount(c, v, set[row * ny + y]);
        r->cells[first + y].align = TA_RIGHT;
    }
    r->cells[first + ny].markup = amount(c, sum, any);
    r->cells[first + ny].align = TA_RIGHT;
}

/* The header row of a table whose last columns are the fiscal years and a
 * total: "ปีงบประมาณ พ.ศ. ๒๕๖๓" where the columns are wide enough (baht),
 * "พ.ศ. ๒๕๖๓" in the narrow columns of figures in millions. */
static void year_headers(Composer *c, DocRow *r, size_t first, const Rollup *ru, int full)
{
    NumeralStyle ns = c->t->numerals_tables;
    for (size_t y = 0; y < ru->n_years; y++)
        r->cells[first + y].markup =
            doc_printf(c->doc, full ? "%s %s" : "%s\n%s",
                       cx_label(c, full ? "fiscal_year" : "year"), cx_int(c, ru->years[y], ns));
    r->cells[first + ru->n_years].markup = cx_label(c, "total");
}

/* A table whose last columns are the fiscal years and a total: `n_lead`
 * leading columns (text sharing the room by the weights `lead`; 0: a
 * figure, such as the row number), then a figure column per fiscal year,
 * all one width, and the total.  The layout measures the widths: the
 * figures are never broken, and `year_widest` and `total_widest` (the
 * largest figures of the document's sibling tables) keep the tables of a
 * document aligned.  The leading columns are the key columns, repeated if
 * the table must be split into column groups. */
static DocTable *budget_columns(Composer *c, const double *lead, size_t n_lead, size_t ny,
                                const char *year_widest, const char *total_widest)
{
    DocTable *t = doc_table(c->doc, n_lead + ny + 1, NULL);
    for (size_t i = 0; i < n_lead; i++) {
        t->cols[i].kind = lead[i] > 0 ? COL_TEXT : COL_FIGURE;
        t->cols[i].weight = lead[i];
        t->cols[i].min_em = lead[i] > 0 ? 6 : 0; /* the text keeps room to wrap in */
        t->cols[i].key = 1;
    }
    for (size_t y = 0; y <= ny; y++) {
        DocCol *col = &t->cols[n_lead + y];
        col->kind = COL_FIGURE;
        col->weight = 0;
        col->match = y < ny ? 1 : 0;
        col->widest = y < ny ? year_widest : total_widest;
    }
    return t;
}

/* The largest figure in a rows x ny matrix, and the largest row total. */
static void matrix_max(const int64_t *m, size_t rows, size_t ny, int64_t *cell, int64_t *row)
{
    *cell = *row = 0;
    for (size_t i = 0; i < rows; i++) {
        int64_t sum = 0;
        for (size_t y = 0; y < ny; y++) {
            int64_t v = m[i * ny + y] < 0 ? -m[i * ny + y] : m[i * ny + y];
            sum += v;
            if (v > *cell)
                *cell = v;
        }
        if (sum > *row)
            *row = sum;
    }
}

static const char *project_cell(Composer *c, const Project *pj)
{
    const char *m = doc_printf(c->doc, "%s\n<small>%s</small>",
                               cx_text(c, pj->title, c->t->numerals_tables), cx_nobreak(c, pj->id));
    const char *al = cx_alignment(c, &pj->serves, &pj->factors, 0);
    return al ? doc_printf(c->doc, "%s\n<small>%s</small>", m, al) : m;
}

static const char *strategy_cell(Composer *c, const Project *pj)
{
    const Strategy *st = pj->strategy.to.strategy;
    if (!st)
        return "–";
    return doc_printf(c->doc, "%s %s", cx_no(c, KIND_STRATEGY, st),
                      cx_text(c, st->title, c->t->numerals_tables));
}

/* Every reference in the action plan links to where the master plan
 * defines it (its indicator row, its strategy, its agency in the annex). */
#define MASTER_PDF "master-plan.pdf"

/* The indicator codes, one a line, each linked to its row in the master
 * plan. */
static void indicators_cell(Composer *c, const Project *pj, DocCell *cell)
{
    const char *out = "";
    cell->para_links = arena_calloc(c->doc->arena, pj->indicators.n + 1, sizeof(char *));
    for (size_t i = 0; i < pj->indicators.n; i++) {
        const Indicator *ind = pj->indicators.items[i].to.indicator;
        out = doc_printf(c->doc, "%s%s%s", out, *out ? "\n" : "",
                         ind ? cx_no(c, KIND_INDICATOR, ind)
                             : cx_nobreak(c, pj->indicators.items[i].id));
        cell->para_links[cell->n_para_links++] =
            cx_link(c, MASTER_PDF, pj->indicators.items[i].id);
    }
    /* a little smaller: ids are long and the column is narrow */
    cell->markup = *out ? doc_printf(c->doc, "<small>%s</small>", out) : "–";
}

/* The lead in bold, then the supporting agencies, one a line, each linked
 * to its entry in the master plan's annex. */
static void agencies_cell(Composer *c, const Project *pj, DocCell *cell)
{
    const Agency *lead = pj->lead.to.agency;
    const char *out = lead ? doc_printf(c->doc, "<b>%s</b>", cx_abbr(c, lead)) : "";
    cell->para_links = arena_calloc(c->doc->arena, pj->support.n + 2, sizeof(char *));
    cell->para_links[cell->n_para_links++] = lead ? cx_link(c, MASTER_PDF, lead->id) : NULL;
    for (size_t i = 0; i < pj->support.n; i++) {
        const Agency *a = pj->support.items[i].to.agency;
        if (!a)
            continue;
        out = doc_printf(c->doc, "%s%s%s", out, *out ? "\n" : "", cx_abbr(c, a));
        cell->para_links[cell->n_para_links++] = cx_link(c, MASTER_PDF, a->id);
    }
    cell->markup = *out ? out : "–";
}

/* A subtotal or total row: its title spans the text columns. */
static DocRow *total_row(Composer *c, DocTable *t, RowKind kind, size_t n_text,
                         const char *title, size_t ny)
{
    DocRow *r = doc_row(c->doc, t, kind, 1 + ny + 1);
    r->cells[0].span = (int)n_text;
    r->cells[0].markup = title;
    r->cells[0].align = TA_RIGHT;
    return r;
}

/* A program's projects in two tables on the same landscape page width:
 * what each project is (detail_table), then what it costs per fiscal year
 * (budget_table).  One table with both would give the nine-digit budget
 * columns more than half the page and squeeze the Thai text into columns
 * a word or two wide. */
/* What a program's tables are made from when their rows are made later
 * (DocTable.fill; compose_action_plan_rows_later). */
typedef struct ProgramRows {
    const Plan *plan;
    const Template *t;
    const Rollup *ru;
    const Issue *is;
    const Program *pg;
    size_t k;
    int last;
} ProgramRows;

static void detail_rows(Composer *c, DocTable *t, const Program *pg)
{
    enum { N = sizeof c->t->cols_projects / sizeof c->t->cols_projects[0] };
    DocRow *r = doc_row(c->doc, t, ROW_HEADER, N);
    r->cells[0].markup = cx_label(c, "no");
    r->cells[1].markup = cx_label(c, "project");
    r->cells[2].markup = cx_label(c, "objective");
    r->cells[3].markup = cx_label(c, "strategies");
    r->cells[4].markup = cx_label(c, "indicator");
    r->cells[5].markup = cx_label(c, "agency");
    center_all(r);
    NumeralStyle ns = c->t->numerals_tables;
    for (size_t j = 0; j < pg->n_projects; j++) {
        const Project *pj = &pg->projects[j];
        r = doc_row(c->doc, t, ROW_BODY, N);
        r->file = c->plan->file;
        r->line = pj->line;
        r->cells[0].markup = cx_int(c, (long long)pj->number, ns);
        r->cells[0].align = TA_CENTER;
        r->cells[1].markup = project_cell(c, pj);
        r->cells[2].markup = cx_text(c, pj->objective, ns);
        r->cells[3].markup = strategy_cell(c, pj);
        if (pj->strategy.to.strategy)
            r->cells[3].link = cx_link(c, MASTER_PDF, pj->strategy.to.strategy->id);
        indicators_cell(c, pj, &r->cells[4]);
        r->cells[4].align = TA_CENTER;
        agencies_cell(c, pj, &r->cells[5]);
        r->cells[5].align = TA_CENTER;
    }
}

static void detail_fill(const void *arg, Doc *d, DocTable *t)
{
    const ProgramRows *pr = arg;
    Composer c = {.doc = d, .plan = pr->plan, .t = pr->t};
    detail_rows(&c, t, pr->pg);
}

/* pr: make the rows later (DocTable.fill), NULL: now. */
static void detail_table(Composer *c, const Program *pg, const ProgramRows *pr)
{
    enum { N = sizeof c->t->cols_projects / sizeof c->t->cols_projects[0] };
    DocTable *t = doc_table(c->doc, N, c->t->cols_projects);
    t->size = detail_size(c->t);
    if (pr) {
        t->fill = detail_fill;
        t->fill_arg = pr;
    } else {
        detail_rows(c, t, pg);
    }
}

/* The budget of a program's projects in baht per fiscal year, with the
 * program's subtotal; `last` adds the issue's subtotal at its foot. */
static void budget_rows(Composer *c, DocTable *t, const Rollup *ru, const Issue *is,
                        const Program *pg, size_t k, int last)
{
    const Plan *p = c->plan;
    size_t ny = ru->n_years, ncols = 2 + ny + 1;
    DocRow *r = doc_row(c->doc, t, ROW_HEADER, ncols);
    r->cells[0].markup = cx_label(c, "no");
    r->cells[1].markup = cx_label(c, "project");
    year_headers(c, r, 2, ru, 1);
    center_all(r);
    NumeralStyle ns = c->t->numerals_tables;
    for (size_t j = 0; j < pg->n_projects; j++) {
        const Project *pj = &pg->projects[j];
        r = doc_row(c->doc, t, ROW_BODY, ncols);
        r->file = c->plan->file;
        r->line = pj->line;
        r->cells[0].markup = cx_int(c, (long long)pj->number, ns);
        r->cells[0].align = TA_CENTER;
        r->cells[1].markup = project_cell(c, pj);
        for (size_t y = 0; y < ny; y++) {
            r->cells[2 + y].markup = amount(c, project_budget(pj, ru->years[y]),
                                           project_has_year(pj, ru->years[y]));
            r->cells[2 + y].align = TA_RIGHT;
        }
        r->cells[2 + ny].markup = amount(c, project_total(pj), project_has_budget(pj));
        r->cells[2 + ny].align = TA_RIGHT;
    }
    r = total_row(c, t, ROW_SUBTOTAL, 2,
                  doc_printf(c->doc, "%s%s %s", cx_label(c, "subtotal"), cx_label(c, "program"),
                             cx_num2(c, is->number, k)), ny);
    budget_cells(c, r, 1, ru->program, ru->program_set, (size_t)(pg - p->programs), ny);
    if (last) {
        r = total_row(c, t, ROW_TOTAL, 2,
                      doc_printf(c->doc, "%s%s %s", cx_label(c, "subtotal"), cx_label(c, "issue"),
                                 cx_int(c, (long long)is->number, ns)), ny);
        budget_cells(c, r, 1, ru->issue, ru->issue_set, (size_t)(is - p->issues), ny);
    }
}

static void budget_fill(const void *arg, Doc *d, DocTable *t)
{
    const ProgramRows *pr = arg;
    Composer c = {.doc = d, .plan = pr->plan, .t = pr->t};
    budget_rows(&c, t, pr->ru, pr->is, pr->pg, pr->k, pr->last);
}

/* pr: make the rows later (DocTable.fill), NULL: now. */
static void budget_table(Composer *c, const Rollup *ru, const Issue *is, const Program *pg,
                         size_t k, int last, const ProgramRows *pr)
{
    /* Every budget table has the same columns: wide enough for the largest
     * issue subtotal. */
    int64_t ymax, tmax;
    matrix_max(ru->issue, c->plan->n_issues, ru->n_years, &ymax, &tmax);
    double size = c->t->budget_size < c->t->table_size ? c->t->budget_size : c->t->table_size;
    const double lead[] = {0, 1};
    DocTable *t = budget_columns(c, lead, 2, ru->n_years, baht(c, ymax), baht(c, tmax));
    t->size = size;
    if (pr) {
        t->fill = budget_fill;
        t->fill_arg = pr;
    } else {
        budget_rows(c, t, ru, is, pg, k, last);
    }
}

static void ch_issue(Composer *c, const Rollup *ru, const Issue *is, int later)
{
    Arena *a = c->doc->arena;
    cx_heading(c, 0, arena_printf(a, "_act-%s", is->id),
               arena_printf(a, "%s %zu %s", template_label(c->t, "issue"), is->number, is->title));
    if (is->n_programs == 0) /* said, not a page with the heading alone */
        doc_para(c->doc, TA_LEFT, cx_label(c, "no_programs"));
    for (size_t k = 0; k < is->n_programs; k++) {
        const Program *pg = is->programs[k];
        DocBlock *h = cx_heading(c, 1, arena_printf(a, "_act-%s", pg->id),
                                 arena_printf(a, "%zu.%zu %s", is->number, k + 1, pg->title));
        h->keep_with_next = 1;
        DocBlock *b = doc_para(c->doc, TA_RIGHT, cx_label(c, "lead_note"));
        b->size = detail_size(c->t);
        b->keep_with_next = 1;
        ProgramRows *pr = NULL;
        if (later) {
            pr = arena_alloc(a, sizeof *pr);
            *pr = (ProgramRows){.plan = c->plan, .t = c->t, .ru = ru, .is = is, .pg = pg,
                                .k = k + 1, .last = k + 1 == is->n_programs};
        }
        detail_table(c, pg, pr);
        unit_line(c, "baht", "budget");
        budget_table(c, ru, is, pg, k + 1, k + 1 == is->n_programs, pr);
    }
}

/* A summary table in millions: `titles` name the rows of `baht` (rows x
 * years), rounded together so that the shown parts add up to the shown
 * totals.  Returns -1 when out of memory. */
static int millions_table(Composer *c, const Rollup *ru, const char *head,
                          const char *const *titles, const int64_t *m,
                          const unsigned char *set, size_t rows)
{
    size_t ny = ru->n_years, ncols = 1 + ny + 1;
    Rounded rd;
    if (rounded_millions(&rd, m, rows, ny, DECIMALS) != 0)
        return -1;
    const double lead[] = {1};
    /* the total row holds the largest figures */
    int64_t ymax, tmax;
    matrix_max(rd.col_total, 1, ny, &ymax, &tmax);
    DocTable *t = budget_columns(c, lead, 1, ny, millions(c, ymax, 0), millions(c, rd.grand, 0));
    DocRow *r = doc_row(c->doc, t, ROW_HEADER, ncols);
    r->cells[0].markup = head;
    year_headers(c, r, 1, ru, 0);
    center_all(r);
    /* A figure with no budget line behind it is "no allocation", one whose
     * lines add up to exactly 0 baht the template's zero (as in the baht
     * tables); a small amount may still round to 0.00. */
    int any = 0;
    unsigned char *col_set = arena_alloc(c->doc->arena, ny + 1);
    for (size_t i = 0; i < rows; i++) {
        r = doc_row(c->doc, t, ROW_BODY, ncols);
        r->cells[0].markup = titles[i];
        int64_t exact = 0;
        int row_set = 0;
        for (size_t y = 0; y < ny; y++) {
            int64_t v = m[i * ny + y];
            int s = set[i * ny + y];
            exact += v;
            row_set |= s;
            col_set[y] |= s;
            r->cells[1 + y].markup = !s || v == 0 ? amount(c, v, s)
                                                  : millions(c, rd.cell[i * ny + y], 0);
            r->cells[1 + y].align = TA_RIGHT;
        }
        any |= row_set;
        r->cells[1 + ny].markup = !row_set || exact == 0 ? amount(c, exact, row_set)
                                                         : millions(c, rd.row_total[i], 0);
        r->cells[1 + ny].align = TA_RIGHT;
    }
    r = doc_row(c->doc, t, ROW_TOTAL, ncols);
    r->cells[0].markup = cx_label(c, "grand_total");
    r->cells[0].align = TA_CENTER;
    int64_t grand = 0;
    for (size_t y = 0; y < ny; y++) {
        int64_t exact = 0;
        for (size_t i = 0; i < rows; i++)
            exact += m[i * ny + y];
        grand += exact;
        r->cells[1 + y].markup = !col_set[y] || exact == 0 ? amount(c, exact, col_set[y])
                                                           : millions(c, rd.col_total[y], 0);
        r->cells[1 + y].align = TA_RIGHT;
    }
    r->cells[1 + ny].markup = !any || grand == 0 ? amount(c, grand, any)
                                                 : millions(c, rd.grand, 0);
    r->cells[1 + ny].align = TA_RIGHT;
    rounded_free(&rd);
    DocBlock *b = doc_para(c->doc, TA_LEFT, doc_printf(c->doc, "<small>%s</small>",
                                                       cx_label(c, "rounding_note")));
    b->size = detail_size(c->t);
    return 0;
}

/* By ministry (the top of each lead agency's chain), in millions: only
 * when some lead agency has a parent, so that it says something the table
 * by lead agency does not. */
static int ministry_summary(Composer *c, const Rollup *ru)
{
    const Plan *p = c->plan;
    Arena *a = c->doc->arena;
    NumeralStyle ns = c->t->numerals_tables;
    size_t ny = ru->n_years, n = 0;
    int grouped = 0;
    for (size_t i = 0; i < p->n_agencies; i++)
        grouped |= p->agencies[i].n_leads && p->agencies[i].parent.to.agency;
    if (!grouped)
        return 0;
    doc_add(c->doc, DB_PAGEBREAK)->landscape = 1; /* a table a page */
    cx_heading(c, 1, "_act-summary-ministry",
               arena_printf(a, "4 %s", template_label(c->t, "summary_by_ministry")));
    unit_line(c, "million_baht", NULL);
    int64_t *m = arena_alloc(a, (p->n_agencies * ny + 1) * sizeof *m);
    unsigned char *set = arena_alloc(a, p->n_agencies * ny + 1);
    const char **titles = arena_alloc(a, (p->n_agencies + 1) * sizeof *titles);
    for (size_t i = 0; i < p->n_agencies; i++) {
        const Agency *ag = &p->agencies[i];
        if (!rollup_row_set(ru, ru->ministry_set, ag->index))
            continue;
        memcpy(m + n * ny, ru->ministry + ag->index * ny, ny * sizeof *m);
        memcpy(set + n * ny, ru->ministry_set + ag->index * ny, ny);
        titles[n++] = doc_printf(c->doc, "%s (%s)", cx_text(c, ag->name, ns), cx_abbr(c, ag));
    }
    return millions_table(c, ru, cx_label(c, "ministry"), titles, m, set, n);
}

static int ch_summary(Composer *c, const Rollup *ru)
{
    const Plan *p = c->plan;
    Arena *a = c->doc->arena;
    NumeralStyle ns = c->t->numerals_tables;
    size_t ny = ru->n_years;
    cx_heading(c, 0, "_act-summary", template_label(c->t, "budget_summary"));

    /* The grand total in baht, per fiscal year: the sum of the issue
     * subtotals of the chapters before. */
    cx_heading(c, 1, "_act-summary-total",
               arena_printf(a, "1 %s", template_label(c->t, "grand_total")));
    unit_line(c, "baht", NULL);
    const double lead[] = {1};
    int64_t ymax, tmax;
    matrix_max(ru->year, 1, ny, &ymax, &tmax);
    DocTable *t = budget_columns(c, lead, 1, ny, baht(c, ymax), baht(c, ru->grand));
    t->size = detail_size(c->t);
    DocRow *r = doc_row(c->doc, t, ROW_HEADER, 1 + ny + 1);
    r->cells[0].markup = cx_label(c, "issue");
    year_headers(c, r, 1, ru, 1);
    center_all(r);
    for (size_t i = 0; i < p->n_issues; i++) {
        const Issue *is = &p->issues[i];
        r = doc_row(c->doc, t, ROW_BODY, 1 + ny + 1);
        r->cells[0].markup = doc_printf(c->doc, "%s %s", cx_int(c, (long long)is->number, ns),
                                        cx_text(c, is->title, ns));
        budget_cells(c, r, 1, ru->issue, ru->issue_set, i, ny);
    }
    r = doc_row(c->doc, t, ROW_TOTAL, 1 + ny + 1);
    r->cells[0].markup = cx_label(c, "grand_total");
    r->cells[0].align = TA_CENTER;
    budget_cells(c, r, 1, ru->year, ru->year_set, 0, ny);

    /* By strategic issue, in millions. */
    doc_add(c->doc, DB_PAGEBREAK)->landscape = 1; /* a table a page */
    cx_heading(c, 1, "_act-summary-issue",
               arena_printf(a, "2 %s", template_label(c->t, "summary_by_issue")));
    unit_line(c, "million_baht", NULL);
    const char **titles = arena_alloc(a, (p->n_issues + 1) * sizeof *titles);
    for (size_t i = 0; i < p->n_issues; i++)
        titles[i] = doc_printf(c->doc, "%s %s",
                               cx_int(c, (long long)p->issues[i].number, ns),
                               cx_text(c, p->issues[i].title, ns));
    if (millions_table(c, ru, cx_label(c, "issue"), titles, ru->issue, ru->issue_set,
                       p->n_issues) != 0)
        return -1;

    /* By lead agency, in millions: only agencies that lead a project. */
    doc_add(c->doc, DB_PAGEBREAK)->landscape = 1; /* a table a page */
    cx_heading(c, 1, "_act-summary-agency",
               arena_printf(a, "3 %s", template_label(c->t, "summary_by_agency")));
    unit_line(c, "million_baht", NULL);
    size_t n = 0;
    int64_t *m = arena_alloc(a, (p->n_agencies * ny + 1) * sizeof *m);
    unsigned char *set = arena_alloc(a, p->n_agencies * ny + 1);
    titles = arena_alloc(a, (p->n_agencies + 1) * sizeof *titles);
    for (size_t i = 0; i < p->n_agencies; i++) {
        const Agency *ag = &p->agencies[i];
        if (!ag->n_leads)
            continue;
        memcpy(m + n * ny, ru->lead + ag->index * ny, ny * sizeof *m);
        memcpy(set + n * ny, ru->lead_set + ag->index * ny, ny);
        titles[n++] = doc_printf(c->doc, "%s (%s)", cx_text(c, ag->name, ns), cx_abbr(c, ag));
    }
    if (millions_table(c, ru, cx_label(c, "lead"), titles, m, set, n) != 0)
        return -1;
    return ministry_summary(c, ru);
}

static Doc *compose(const Plan *p, const Template *t, const Rollup *r, int later)
{
    Doc *d = doc_new();
    if (!d)
        return NULL;
    Composer c = {.doc = d, .plan = p, .t = t};
    const char *name = cx_doc_name(d->arena, t, NAME_ACTION_PLAN, NULL);
    cx_metadata(&c, name);
    cx_front_matter(&c, name, 1);
    /* cover and contents portrait; the body, with its wide tables, landscape */
    d->blocks[d->n_blocks - 1].landscape = 1;
    for (size_t i = 0; i < p->n_issues; i++)
        ch_issue(&c, r, &p->issues[i], later);
    if (ch_summary(&c, r) != 0) {
        doc_free(d);
        return NULL;
    }
    return d;
}

Doc *compose_action_plan(const Plan *p, const Template *t, const Rollup *r)
{
    return compose(p, t, r, 0);
}

Doc *compose_action_plan_rows_later(const Plan *p, const Template *t, const Rollup *r)
{
    return compose(p, t, r, 1);
}
