/* formdoc.c - an agency's reporting form (แบบรายงานผลการดำเนินงาน) for one
 * fiscal year, as a printable document; see forms.h.
 *
 * Landscape A4: the rows carry what the plan says (name, unit, baseline,
 * the year's target, the year's budget) and four or five columns to fill
 * in, which portrait cannot hold at 14 pt.  A blank cell is three lines
 * high at least and the status cell lists the five statuses one a line,
 * each with a box to tick, so a row has room for handwriting; the rows are
 * those of the CSV form (forms.c) in the same order, and each names its id,
 * so a form filled by hand can be typed into the CSV line by line.
 *
 * The form's words are the template's labels (label.form_*, with the
 * official words by default); the statuses' default words are also what
 * `collect` accepts in Thai (forms.c), which reads no template.
 */
#include "forms.h"

#include <string.h>

#include "compose.h"
#include "target.h"
#include "thai.h"

static const char BLANK[] = "\n\n"; /* three empty lines to write on */

/* "(   ) ยังไม่เริ่ม" and the other statuses, one a line: the box stays with
 * its word. */
static const char *status_choices(Composer *c)
{
    /* in results-1.xsd's order, as form_status_keys */
    static const char *const words[FORM_N_STATUS] = {
        "form_status_not_started", "form_status_on_track", "form_status_delayed",
        "form_status_done", "form_status_cancelled",
    };
    const char *m = "";
    for (int i = 0; i < FORM_N_STATUS; i++)
        m = doc_printf(c->doc, "%s%s<span allow_breaks=\"false\">(   ) %s</span>", m,
                       i ? "\n" : "", cx_label(c, words[i]));
    return m;
}

static void head_cells(DocRow *row)
{
    for (size_t k = 0; k < row->n_cells; k++)
        row->cells[k].align = TA_CENTER;
}

/* "ค่าเป้าหมาย\nปี ๒๕๖๓" and the like: a heading (markup) over the year. */
static const char *for_year(Composer *c, const char *what, int year)
{
    return doc_printf(c->doc, "%s\n%s %s", what, cx_label(c, "form_year"),
                      cx_int(c, year, c->t->numerals_tables));
}

static void header_row(Composer *c, DocTable *t, const char *label, const char *value)
{
    DocRow *row = doc_row(c->doc, t, ROW_BODY, 2);
    row->cells[0].markup = doc_printf(c->doc, "<b>%s</b>", label);
    row->cells[1].markup = value;
}

/* One row, so that the first table starts on the first page (the
 * heading names the agency): the plan, its version and the phase the year
 * is in. */
static void header_block(Composer *c, const Agency *a, int year)
{
    const Plan *p = c->plan;
    NumeralStyle ns = c->t->numerals_tables;
    DocTable *t = doc_table(c->doc, 2, c->t->cols_form_header);
    const Phase *ph = form_phase(p, year);
    const char *plan = doc_printf(c->doc, "%s\n<small>%s %s  %s %s", cx_text(c, p->title, ns),
                                  cx_label(c, "version"), cx_text(c, p->version, ns),
                                  cx_label(c, "revision_date"), cx_date(c));
    if (ph)
        plan = doc_printf(c->doc, "%s  %s %s %s %s–%s", plan, cx_label(c, "fiscal_year"),
                          cx_int(c, year, ns), cx_text(c, ph->name, ns),
                          cx_int(c, ph->from, ns), cx_int(c, ph->to, ns));
    header_row(c, t, doc_esc(c->doc, p->doc_type), doc_printf(c->doc, "%s</small>", plan));
}

static void instructions(Composer *c, const Agency *a)
{
    const char *text = doc_printf(
        c->doc, "<b>%s</b> %s %s %s", cx_label(c, "form_how"), cx_label(c, "form_instructions"),
        doc_esc(c->doc, arena_printf(c->doc->arena, "%s.csv", a->id)),
        cx_label(c, "form_instructions_csv"));
    DocBlock *b = doc_para(c->doc, TA_LEFT, text);
    b->space = c->t->body_size * c->t->form_space;
    b->size = c->t->table_size; /* room for the first table on the first page */
}

/* The section's title as the table's first header row, so that it opens
 * every page the table continues on and can never be left alone at the
 * foot of a page. */
static void section_row(Composer *c, DocTable *t, int n, const char *label_key, size_t count)
{
    NumeralStyle ns = c->t->numerals_headings;
    DocRow *row = doc_row(c->doc, t, ROW_HEADER, 1);
    row->cells[0].span = (int)t->n_cols;
    row->cells[0].markup = doc_printf(c->doc, "<b>%s. %s (%s %s)</b>", cx_int(c, n, ns),
                                      cx_label(c, label_key), cx_int(c, (long long)count, ns),
                                      cx_label(c, "form_items"));
}

/* "name\n<small>IND-1.1.1</small>": the id ties the row to the CSV's. */
static const char *named(Composer *c, const char *name, const char *id)
{
    return doc_printf(c->doc, "%s\n<small>%s %s</small>",
                      cx_text(c, name, c->t->numerals_tables),
                      cx_label(c, "form_id"), doc_esc(c->doc, id));
}

static void indicators_table(Composer *c, const Agency *a, int year, int n)
{
    const Plan *p = c->plan;
    NumeralStyle ns = c->t->numerals_tables;
    DocTable *t = doc_table(c->doc, 8, c->t->cols_form_indicators);
    t->cols[0].kind = COL_FIGURE;
    section_row(c, t, n, "answers_for", a->n_answers);
    DocRow *row = doc_row(c->doc, t, ROW_HEADER, 8);
    row->cells[0].markup = cx_label(c, "no");
    row->cells[1].markup = cx_label(c, "indicator");
    /* heading words kept whole (cx_nobreak): a column is at least as wide
     * as each, so "ผลการดำเนินงาน" never comes out as "ผลการดำเนิน|งาน" */
    row->cells[2].markup = cx_nobreak(c, template_label(c->t, "unit"));
    row->cells[3].markup = cx_label(c, "baseline");
    row->cells[4].markup = for_year(c, cx_nobreak(c, template_label(c->t, "target")), year);
    row->cells[5].markup = for_year(c, cx_nobreak(c, template_label(c->t, "form_actual")), year);
    row->cells[6].markup = doc_printf(c->doc, "%s\n%s",
                                      cx_nobreak(c, template_label(c->t, "source")),
                                      cx_nobreak(c, template_label(c->t, "form_measured")));
    row->cells[7].markup = cx_label(c, "form_note");
    head_cells(row);
    for (size_t i = 0; i < a->n_answers; i++) {
        const Indicator *ind = a->answers[i];
        const Phase *ph = NULL;
        const Target *tg = target_for_year(p, ind, year, &ph);
        row = doc_row(c->doc, t, ROW_BODY, 8);
        row->file = p->file;
        row->line = ind->line;
        row->cells[0].markup = cx_int(c, (long long)i + 1, ns);
        row->cells[0].align = TA_CENTER;
        /* the number every document prints (๑.๑.๑), the id for the CSV */
        row->cells[1].markup = doc_printf(c->doc, "%s %s", cx_no(c, KIND_INDICATOR, ind),
                                          named(c, ind->name, ind->id));
        row->cells[2].markup = ind->unit ? cx_text(c, ind->unit, ns) : "–";
        row->cells[2].align = TA_CENTER;
        row->cells[3].markup = ind->baseline
            ? doc_printf(c->doc, "%s\n<small>(%s)</small>", cx_text(c, ind->baseline, ns),
                         cx_int(c, ind->baseline_year, ns))
            : "–";
        row->cells[3].align = TA_CENTER;
        /* a phase's target says so: the year's own would stand alone */
        row->cells[4].markup = !tg ? "–"
            : ph ? doc_printf(c->doc, "%s\n<small>(%s)</small>", cx_text(c, tg->value, ns),
                              cx_text(c, ph->name, ns))
                 : cx_text(c, tg->value, ns);
        row->cells[4].align = TA_CENTER;
        row->cells[5].markup = BLANK;
        row->cells[6].markup = "";
        row->cells[7].markup = "";
    }
}

static void projects_table(Composer *c, const Agency *a, int year, int n)
{
    const Plan *p = c->plan;
    NumeralStyle ns = c->t->numerals_tables;
    DocTable *t = doc_table(c->doc, 7, c->t->cols_form_projects);
    t->cols[0].kind = t->cols[2].kind = COL_FIGURE;
    section_row(c, t, n, "leads", a->n_leads);
    DocRow *row = doc_row(c->doc, t, ROW_HEADER, 7);
    row->cells[0].markup = cx_label(c, "no");
    row->cells[1].markup = cx_label(c, "project");
    row->cells[2].markup = for_year(c, doc_printf(c->doc, "%s (%s)", cx_label(c, "budget"),
                                                  cx_label(c, "baht")), year);
    row->cells[3].markup = doc_printf(c->doc, "%s\n(%s)", cx_label(c, "form_spent"),
                                      cx_label(c, "baht"));
    row->cells[4].markup = doc_printf(c->doc, "%s\n(%s)",
                                      cx_nobreak(c, template_label(c->t, "form_progress")),
                                      cx_label(c, "form_percent"));
    row->cells[5].markup = doc_printf(c->doc, "%s\n%s", cx_label(c, "form_status"),
                                      cx_label(c, "form_choose_one"));
    row->cells[6].markup = cx_label(c, "form_problems");
    head_cells(row);
    for (size_t i = 0; i < a->n_leads; i++) {
        const Project *pj = a->leads[i];
        row = doc_row(c->doc, t, ROW_BODY, 7);
        row->file = p->file;
        row->line = pj->line;
        row->cells[0].markup = cx_int(c, (long long)i + 1, ns);
        row->cells[0].align = TA_CENTER;
        row->cells[1].markup = named(c, pj->title, pj->id);
        if (!project_has_year(pj, year)) {
            row->cells[2].markup = cx_budget_none(c);
        } else if (project_budget(pj, year) == 0) {
            row->cells[2].markup = cx_budget_zero(c);
        } else {
            char buf[64];
            thai_baht(buf, sizeof buf, project_budget(pj, year), ns);
            row->cells[2].markup = doc_esc(c->doc, buf);
        }
        row->cells[2].align = TA_RIGHT;
        row->cells[3].markup = "";
        row->cells[4].markup = "";
        row->cells[5].markup = status_choices(c);
        row->cells[6].markup = "";
    }
}

/* Who reports, to sign by hand: a table row, which a page break never
 * splits (a paragraph's lines would part). */
static void signature(Composer *c)
{
    DocBlock *gap = doc_add(c->doc, DB_VSPACE);
    gap->space = c->t->body_size * c->t->form_space;
    DocTable *t = doc_table(c->doc, 2, c->t->cols_form_header);
    DocRow *row = doc_row(c->doc, t, ROW_BODY, 2);
    row->cells[0].markup = doc_printf(c->doc, "<b>%s</b>", cx_label(c, "form_reporter"));
    /* the dotted lines are room to write in, the same in any language */
    static const char LONG[] = "........................................................";
    static const char SHORT[] = "........................................";
    row->cells[1].markup = doc_printf(c->doc, "\n%s %s (%s)\n\n%s %s %s %s\n\n%s %s",
                                      cx_label(c, "form_sign"), LONG, LONG,
                                      cx_label(c, "form_position"), LONG,
                                      cx_label(c, "form_phone"), SHORT,
                                      cx_label(c, "form_report_date"), SHORT);
}

Doc *compose_agency_form(const Plan *p, const Template *t, const Agency *a, int year)
{
    Doc *d = doc_new();
    if (!d)
        return NULL;
    Composer c = {.doc = d, .plan = p, .t = t};
    const char *title = template_label(t, "form_title");
    cx_metadata(&c, arena_printf(d->arena, "%s %s (%s) %s %d", title, a->name, a->abbr,
                                 template_label(t, "fiscal_year"), year));
    doc_add(d, DB_PAGEBREAK)->landscape = 1;
    NumeralStyle hs = t->numerals_headings;
    const char *plain = arena_printf(d->arena, "%s %s %d", title,
                                     template_label(t, "fiscal_year"), year);
    DocBlock *h = cx_heading(&c, 0, arena_printf(d->arena, "_form-%s", a->id), plain);
    h->markup = doc_printf(d, "%s\n%s (%s)", h->markup, cx_text(&c, a->name, hs), cx_abbr(&c, a));
    h->in_toc = 0;
    header_block(&c, a, year);
    instructions(&c, a);
    int n = 0;
    if (a->n_answers)
        indicators_table(&c, a, year, ++n);
    if (a->n_leads)
        projects_table(&c, a, year, ++n);
    signature(&c);
    return d;
}
