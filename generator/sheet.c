/* sheet.c - the agency responsibility sheet (เอกสารความรับผิดชอบของหน่วยงาน)
 * composer, one agency or all of them in one book; see render.h.
 *
 * A sheet is portrait A4 without cover or contents: a level-0 heading (its
 * bookmark), a header table (agency, abbreviation, parent, plan, version,
 * date), then four sections: the projects it leads, the projects it
 * supports (their budgets for information only), the indicators it answers
 * for, and its budget per fiscal year.  Every baht figure of its own comes
 * from the Rollup, and the ล้านบาท column from the same controlled rounding
 * the action plan's by-agency summary uses (see sheet_millions), so the two
 * documents cannot disagree.
 *
 * Portrait A4 has no room for a column per fiscal year at 14 pt with Thai
 * digits (a nine-digit amount is about 94 pt wide), so a project's budget
 * is one row whose year and amount cells list the fiscal years line under
 * line, ending with the project's total.
 */
#include "render.h"

#include <string.h>

#include "aligndoc.h"
#include "compose.h"
#include "thai.h"

/* Whole baht in the table numeral style. */
static const char *baht(Composer *c, int64_t v)
{
    char buf[64];
    thai_baht(buf, sizeof buf, v, c->t->numerals_tables);
    return arena_strdup(c->doc->arena, buf);
}

/* A budget figure: "no allocation" when no budget line stands behind it,
 * the template's zero for lines that add up to 0 baht, else whole baht. */
static const char *amount(Composer *c, int64_t v, int set)
{
    return !set ? cx_budget_none(c) : v == 0 ? cx_budget_zero(c) : baht(c, v);
}

/* A rounded figure (units of 0.01 million baht) as "12.50". */
static const char *millions(Composer *c, int64_t units)
{
    char buf[64];
    /* units * 10^4 baht is exact at two decimals: thai_millions only
     * formats, it has nothing left to round. */
    thai_millions(buf, sizeof buf, units * 10000, 2, c->t->numerals_tables);
    return arena_strdup(c->doc->arena, buf);
}

/* "งบประมาณ (บาท)" */
static const char *budget_baht_label(Composer *c)
{
    return doc_printf(c->doc, "%s (%s)", cx_label(c, "budget"), cx_label(c, "baht"));
}

/* "ปีงบประมาณ พ.ศ." over two lines: a budget column is narrower than the
 * label, and the template's no-break words keep it in one piece. */
static const char *fiscal_year_head(Composer *c)
{
    const char *l = template_label(c->t, "fiscal_year");
    const char *sp = strrchr(l, ' ');
    if (!sp)
        return cx_label(c, "fiscal_year");
    return doc_printf(c->doc, "%s\n%s", doc_esc(c->doc, arena_printf(c->doc->arena, "%.*s",
                                                                   (int)(sp - l), l)),
                      doc_esc(c->doc, sp + 1));
}

/* A section heading "๒. ..." without a bookmark: the agency's heading is
 * the one bookmark of a sheet. */
static void section(Composer *c, int n, const char *label_key)
{
    const char *plain = arena_printf(c->doc->arena, "%d. %s", n, template_label(c->t, label_key));
    DocBlock *b = cx_heading(c, 1, NULL, plain);
    b->bookmark = NULL;
    b->in_toc = 0;
}

static void none_para(Composer *c)
{
    DocBlock *b = doc_para(c->doc, TA_LEFT, "–");
    b->indent = c->t->first_line_indent;
}

/* The year and amount cells of a stacked budget: one line per plan fiscal
 * year, then the total.  get(year index) gives the baht, and sets *set
 * when a budget line stands behind them. */
typedef int64_t (*AmountFn)(const void *ctx, size_t yi, int *set);

static void budget_cells(Composer *c, const Rollup *r, AmountFn get, const void *ctx,
                         const char *total_label, DocCell *years, DocCell *amounts)
{
    NumeralStyle ns = c->t->numerals_tables;
    const char *ys = "", *as = "";
    int64_t sum = 0;
    int any = 0;
    for (size_t y = 0; y < r->n_years; y++) {
        int set = 0;
        int64_t v = get(ctx, y, &set);
        sum += v;
        any |= set;
        ys = doc_printf(c->doc, "%s%s\n", ys, cx_int(c, r->years[y], ns));
        as = doc_printf(c->doc, "%s%s\n", as, amount(c, v, set));
    }
    years->markup = doc_printf(c->doc, "%s%s", ys, total_label);
    years->align = TA_CENTER;
    amounts->markup = doc_printf(c->doc, "%s%s", as, amount(c, sum, any));
    amounts->align = TA_RIGHT;
}

typedef struct ProjectYears {
    const Project *pj;
    const Rollup *r;
} ProjectYears;

static int64_t project_amount(const void *ctx, size_t yi, int *set)
{
    const ProjectYears *py = ctx;
    *set = project_has_year(py->pj, py->r->years[yi]);
    return project_budget(py->pj, py->r->years[yi]);
}

typedef struct LeadRow {
    const Rollup *r;
    size_t row;
} LeadRow;

static int64_t lead_amount(const void *ctx, size_t yi, int *set)
{
    const LeadRow *lr = ctx;
    *set = lr->r->lead_set[lr->row * lr->r->n_years + yi];
    return lr->r->lead[lr->row * lr->r->n_years + yi];
}

/* "title (id)" and, below, the program and (with_issue) the strategic
 * issue. */
static const char *project_cell(Composer *c, const Project *pj, int with_issue)
{
    NumeralStyle ns = c->t->numerals_tables;
    const char *m = doc_printf(c->doc, "%s (%s)", cx_text(c, pj->title, ns), doc_esc(c->doc, pj->id));
    const char *al = cx_alignment(c, &pj->serves, &pj->factors, 0);
    if (al)
        m = doc_printf(c->doc, "%s\n<small>%s</small>", m, al);
    const Program *pg = pj->program;
    if (pg) {
        m = doc_printf(c->doc, "%s\n<i>%s</i> %s", m, cx_label(c, "program"),
                       cx_text(c, pg->title, ns));
        const Issue *is = pg->issue.to.issue;
        if (is && with_issue)
            m = doc_printf(c->doc, "%s\n<i>%s %s</i> %s", m, cx_label(c, "issue"),
                           cx_int(c, (long long)is->number, ns), cx_text(c, is->title, ns));
    }
    return m;
}

static void header_row(Composer *c, DocTable *t, const char *label, const char *value)
{
    DocRow *row = doc_row(c->doc, t, ROW_BODY, 2);
    row->cells[0].markup = doc_printf(c->doc, "<b>%s</b>", label);
    row->cells[1].markup = value;
}

static void header_block(Composer *c, const Agency *a)
{
    const Plan *p = c->plan;
    NumeralStyle ns = c->t->numerals_tables;
    DocTable *t = doc_table(c->doc, 2, c->t->cols_sheet_header);
    header_row(c, t, cx_label(c, "agency"),
               a->name_en ? doc_printf(c->doc, "%s\n<small>%s</small>", cx_text(c, a->name, ns),
                                       doc_esc(c->doc, a->name_en))
                          : cx_text(c, a->name, ns));
    header_row(c, t, cx_label(c, "abbr"), cx_abbr(c, a));
    /* its whole chain, up to the ministry */
    header_row(c, t, cx_label(c, "ministry"), cx_chain(c, a, 1));
    header_row(c, t, doc_esc(c->doc, p->doc_type), cx_text(c, p->title, ns));
    header_row(c, t, cx_label(c, "version"), cx_text(c, p->version, ns));
    header_row(c, t, cx_label(c, "revision_date"), cx_date(c));
}

/* A header row of n cells, centred. */
static DocRow *centred_head(Composer *c, DocTable *t, const char *const *markup, size_t n)
{
    DocRow *row = doc_row(c->doc, t, ROW_HEADER, n);
    for (size_t k = 0; k < n; k++) {
        row->cells[k].markup = markup[k];
        row->cells[k].align = TA_CENTER;
    }
    return row;
}

/* A body row of n cells for the i-th project of a table: its number,
 * centred, and the project. */
static DocRow *project_row(Composer *c, DocTable *t, size_t n, size_t i, const Project *pj,
                           int with_issue)
{
    DocRow *row = doc_row(c->doc, t, ROW_BODY, n);
    row->cells[0].markup = cx_int(c, (long long)i + 1, c->t->numerals_tables);
    row->cells[0].align = TA_CENTER;
    row->cells[1].markup = project_cell(c, pj, with_issue);
    return row;
}

static void leads_table(Composer *c, const Rollup *r, const Agency *a)
{
    DocTable *t = doc_table(c->doc, 4, c->t->cols_sheet_leads);
    t->cols[2].kind = t->cols[3].kind = COL_FIGURE; /* years and baht: never broken */
    const char *head[] = {cx_label(c, "no"), cx_label(c, "project"), fiscal_year_head(c),
                          budget_baht_label(c)};
    DocRow *row = centred_head(c, t, head, 4);
    for (size_t i = 0; i < a->n_leads; i++) {
        const Project *pj = a->leads[i];
        row = project_row(c, t, 4, i, pj, 1);
        ProjectYears py = {pj, r};
        budget_cells(c, r, project_amount, &py, cx_label(c, "total"), &row->cells[2], &row->cells[3]);
    }
    /* The agency's own row of the roll-up: the same figures the action
     * plan adds up. */
    row = doc_row(c->doc, t, ROW_TOTAL, 3);
    row->cells[0].span = 2;
    row->cells[0].markup = cx_label(c, "grand_total");
    row->cells[0].align = TA_CENTER;
    LeadRow lr = {r, a->index};
    budget_cells(c, r, lead_amount, &lr, cx_label(c, "total"), &row->cells[1], &row->cells[2]);
}

static void supports_table(Composer *c, const Rollup *r, const Agency *a)
{
    DocTable *t = doc_table(c->doc, 5, c->t->cols_sheet_supports);
    t->cols[2].kind = t->cols[3].kind = t->cols[4].kind = COL_FIGURE;
    const char *head[] = {cx_label(c, "no"), cx_label(c, "project"), cx_label(c, "lead"),
                          fiscal_year_head(c), budget_baht_label(c)};
    DocRow *row = centred_head(c, t, head, 5);
    for (size_t i = 0; i < a->n_supports; i++) {
        const Project *pj = a->supports[i];
        row = project_row(c, t, 5, i, pj, 0);
        const Agency *lead = pj->lead.to.agency;
        row->cells[2].markup = lead ? cx_abbr(c, lead) : "–";
        row->cells[2].align = TA_CENTER;
        ProjectYears py = {pj, r};
        budget_cells(c, r, project_amount, &py, cx_label(c, "total"), &row->cells[3], &row->cells[4]);
    }
}

/* The indicators it answers for, grouped under the strategic issue and the
 * goal each one serves (indicator -> goal -> issue). */
static void answers_table(Composer *c, const Agency *a)
{
    const Plan *p = c->plan;
    NumeralStyle ns = c->t->numerals_tables;
    /* A column per phase of the plan: cx_indicator_cells fills one each. */
    size_t np = p->n_phases, ncols = 3 + np;
    DocTable *t = cx_phase_table(c, c->t->cols_sheet_indicators, 4, 3);
    /* Two header rows: "ค่าเป้าหมาย" over the phases, each phase under it. */
    DocRow *row = doc_row(c->doc, t, ROW_HEADER, np ? 4 : 3);
    row->cells[0].markup = cx_label(c, "indicator");
    row->cells[1].markup = cx_label(c, "unit");
    row->cells[2].markup = cx_label(c, "baseline");
    if (np) {
        row->cells[3].markup = cx_label(c, "target");
        row->cells[3].span = (int)np;
    }
    for (size_t k = 0; k < row->n_cells; k++)
        row->cells[k].align = TA_CENTER;
    if (np) {
        row = doc_row(c->doc, t, ROW_HEADER, 1 + np);
        row->cells[0].span = 3;
        row->cells[0].markup = "";
        for (size_t i = 0; i < np; i++) {
            row->cells[1 + i].markup = doc_printf(c->doc, "%s\n<small>(%s–%s)</small>",
                                                  cx_text(c, p->phases[i].name, ns),
                                                  cx_int(c, p->phases[i].from, ns),
                                                  cx_int(c, p->phases[i].to % 100, ns));
            row->cells[1 + i].align = TA_CENTER;
        }
    }
    const Issue *cur_issue = NULL;
    const Goal *cur_goal = NULL;
    for (size_t k = 0; k < a->n_answers; k++) {
        const Indicator *ind = a->answers[k];
        const Goal *goal = ind->goal.to.goal;
        const Issue *is = goal ? goal->issue : ind->issue;
        if (is && is != cur_issue) {
            row = doc_row(c->doc, t, ROW_GROUP, 1);
            row->cells[0].span = (int)ncols;
            row->cells[0].markup = doc_printf(c->doc, "%s %s %s", cx_label(c, "issue"),
                                              cx_int(c, (long long)is->number, ns),
                                              cx_text(c, is->title, ns));
            cur_issue = is;
            cur_goal = NULL;
        }
        if (goal && goal != cur_goal) {
            row = doc_row(c->doc, t, ROW_GROUP, 1);
            row->cells[0].span = (int)ncols;
            row->cells[0].markup = doc_printf(c->doc, "%s %s %s", cx_label(c, "goal"),
                                              cx_no(c, KIND_GOAL, goal),
                                              cx_text(c, goal->text, ns));
            cur_goal = goal;
        }
        row = doc_row(c->doc, t, ROW_BODY, ncols);
        cx_indicator_cells(c, ind, row->cells);
    }
}

/* Its budget as lead agency per fiscal year: baht from the roll-up, and
 * ล้านบาท from the rounded matrix (row a->index). */
static void totals_table(Composer *c, const Rollup *r, const Rounded *rd, const Agency *a)
{
    NumeralStyle ns = c->t->numerals_tables;
    DocTable *t = doc_table(c->doc, 3, c->t->cols_sheet_totals);
    t->cols[0].kind = t->cols[1].kind = t->cols[2].kind = COL_FIGURE;
    DocRow *row = doc_row(c->doc, t, ROW_HEADER, 3);
    row->cells[0].markup = cx_label(c, "fiscal_year");
    row->cells[1].markup = budget_baht_label(c);
    row->cells[2].markup = doc_printf(c->doc, "%s (%s)", cx_label(c, "budget"),
                                      cx_label(c, "million_baht"));
    for (size_t k = 0; k < 3; k++)
        row->cells[k].align = TA_CENTER;
    size_t ny = r->n_years, ai = a->index;
    int64_t sum = 0;
    for (size_t y = 0; y < ny; y++) {
        int64_t v = r->lead[ai * ny + y];
        sum += v;
        row = doc_row(c->doc, t, ROW_BODY, 3);
        row->cells[0].markup = cx_int(c, r->years[y], ns);
        row->cells[0].align = TA_CENTER;
        int set = r->lead_set[ai * ny + y];
        row->cells[1].markup = amount(c, v, set);
        row->cells[1].align = TA_RIGHT;
        row->cells[2].markup = !set || v == 0 ? amount(c, v, set)
                                              : millions(c, rd->cell[ai * ny + y]);
        row->cells[2].align = TA_RIGHT;
    }
    int any = rollup_row_set(r, r->lead_set, ai);
    row = doc_row(c->doc, t, ROW_TOTAL, 3);
    row->cells[0].markup = cx_label(c, "grand_total");
    row->cells[0].align = TA_CENTER;
    row->cells[1].markup = amount(c, sum, any);
    row->cells[1].align = TA_RIGHT;
    row->cells[2].markup = !any || sum == 0 ? amount(c, sum, any)
                                            : millions(c, rd->row_total[ai]);
    row->cells[2].align = TA_RIGHT;
}

/* The bookmark of an agency's sheet: "สตช. สำนักงานตำรวจแห่งชาติ". */
static const char *sheet_bookmark(Composer *c, const Agency *a)
{
    return arena_printf(c->doc->arena, "%s %s", a->abbr, a->name);
}

/* The sheet of an agency whose role is through the agencies under it (a
 * ministry) or as the plan's issuer: it says so, and names the agencies
 * under it that have a role, each with its chain below this one. */
static void role_through_others(Composer *c, const Agency *a)
{
    const Plan *p = c->plan;
    NumeralStyle ns = c->t->numerals_tables;
    DocBlock *b = doc_para(c->doc, TA_CENTER,
                           doc_printf(c->doc, "<b>%s</b>", cx_label(c, "no_direct_role")));
    b->space = c->t->body_size * c->t->part_space;
    DocTable *t = NULL;
    for (size_t i = 0; i < p->n_agencies; i++) {
        const Agency *x = &p->agencies[i];
        if (x == a || !agency_direct_role(x))
            continue;
        /* under a? (bounded walk: a parent cycle is an error) */
        const Agency *up = x->parent.to.agency;
        for (size_t steps = 0; up && up != a && steps < p->n_agencies; steps++)
            up = up->parent.to.agency;
        if (up != a)
            continue;
        if (!t) {
            b = doc_para(c->doc, TA_LEFT,
                         doc_printf(c->doc, "<b>%s</b>", cx_label(c, "role_below")));
            b->space = c->t->body_size * c->t->part_space;
            b->keep_with_next = 1;
            t = doc_table(c->doc, 2, c->t->cols_sheet_below);
        }
        /* one row an agency: a long list breaks between rows */
        DocRow *row = doc_row(c->doc, t, ROW_BODY, 2);
        row->cells[0].markup = cx_text(c, x->name, ns);
        row->cells[1].markup = cx_abbr(c, x);
        row->cells[1].align = TA_CENTER;
    }
}

/* One agency's sheet, from a new page on. */
static void sheet(Composer *c, const Rollup *r, const Rounded *rd, const Agency *a)
{
    NumeralStyle ns = c->t->numerals_headings;
    DocBlock *h = doc_heading(c->doc, 0, arena_printf(c->doc->arena, "_agency-%s", a->id),
                              sheet_bookmark(c, a),
                              doc_printf(c->doc, "%s\n%s", cx_label(c, "sheet"),
                                         cx_text(c, a->name, ns)));
    h->align = TA_CENTER;
    h->in_toc = 0;
    header_block(c, a);
    /* "No role" on exactly the condition `check` warns on (has_role). */
    if (!a->has_role) {
        DocBlock *b = doc_para(c->doc, TA_CENTER, doc_printf(c->doc, "<b>%s</b>", cx_label(c, "no_role")));
        b->space = c->t->body_size * c->t->part_space;
        return;
    }
    if (!agency_direct_role(a)) {
        role_through_others(c, a);
        return;
    }
    section(c, 1, "leads");
    if (a->n_leads)
        leads_table(c, r, a);
    else
        none_para(c);
    section(c, 2, "supports");
    if (a->n_supports)
        supports_table(c, r, a);
    else
        none_para(c);
    section(c, 3, "answers_for");
    if (a->n_answers)
        answers_table(c, a);
    else
        none_para(c);
    section(c, 4, "budget");
    totals_table(c, r, rd, a);
}

/* The ล้านบาท figures: exactly the call the action plan's by-agency summary
 * makes (rows: every agency, as lead; columns: the fiscal years). */
static int sheet_millions(Rounded *rd, const Plan *p, const Rollup *r)
{
    return rounded_millions(rd, r->lead, p->n_agencies, r->n_years, 2);
}

Doc *compose_agency_sheet(const Plan *p, const Template *t, const Rollup *r,
                          const Agency *a)
{
    Rounded rd;
    if (sheet_millions(&rd, p, r) != 0)
        return NULL;
    Doc *d = doc_new();
    if (d) {
        Composer c = {.doc = d, .plan = p, .t = t};
        cx_metadata(&c, cx_doc_name(d->arena, t, NAME_SHEET, a));
        sheet(&c, r, &rd, a);
    }
    rounded_free(&rd);
    return d;
}

Doc *compose_agency_sheets(const Plan *p, const Template *t, const Rollup *r)
{
    Rounded rd;
    if (sheet_millions(&rd, p, r) != 0)
        return NULL;
    Doc *d = doc_new();
    if (d) {
        Composer c = {.doc = d, .plan = p, .t = t};
        cx_metadata(&c, cx_doc_name(d->arena, t, NAME_ALL_SHEETS, NULL));
        for (size_t i = 0; i < p->n_agencies; i++)
            sheet(&c, r, &rd, &p->agencies[i]);
    }
    rounded_free(&rd);
    return d;
}
