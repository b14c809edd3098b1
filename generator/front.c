/* front.c - the master plan's front matter; see compose.h (cx_master_front).
 *
 * A Thai official plan opens, before chapter 1, with pages numbered by
 * letters (ก ข ค ...): the cover, the preface (คำนำ) signed by the issuing
 * office, the record of who approved the plan, the executive summary
 * (บทสรุปผู้บริหาร), the contents and the glossary of abbreviations (คำย่อ).
 * Each page comes from the plan's data and is left out when the plan has
 * none for it; each is a level-0 heading, so it starts a page of its own,
 * is listed in the contents and has a bookmark.
 */
#include "compose.h"

#include <stdlib.h>
#include <string.h>

#include "glossary.h"
#include "thai.h"

/* A date in the Thai style ("๑๔ กันยายน ๒๕๖๑"); the ISO text when invalid. */
static const char *date_text(Composer *c, const char *iso, int y, int m, int d)
{
    char buf[128];
    if (y > 0 && thai_date(buf, sizeof buf, y, m, d, c->t->numerals_dates))
        return doc_esc(c->doc, buf);
    return cx_text(c, iso, c->t->numerals_dates);
}

/* An approval's date in a cell that may break before the year only
 * ("๒๖ กันยายน" over "๒๕๖๑"): a date kept on one line took a third of
 * the table from the body and its resolution. */
static const char *date_cell(Composer *c, const Approval *ap)
{
    char buf[128];
    if (ap->date_y <= 0 || !thai_date(buf, sizeof buf, ap->date_y, ap->date_m, ap->date_d,
                                      c->t->numerals_dates))
        return date_text(c, ap->date, ap->date_y, ap->date_m, ap->date_d);
    char *year = strrchr(buf, ' ');
    if (!year)
        return doc_esc(c->doc, buf);
    *year++ = '\0';
    return doc_printf(c->doc, "%s %s", cx_nobreak(c, buf), doc_esc(c->doc, year));
}

/* The signature block under a preface: centred a little right of the
 * middle (a long Thai position or office must fit on one line): the
 * name in parentheses, then the position, the organisation and
 * the date (the plan's unless the signature has its own). */
static void signature(Composer *c, const Signature *sg)
{
    const Plan *p = c->plan;
    double indent = (c->t->page_w - c->t->margin_left - c->t->margin_right) * c->t->signature_indent;
    NumeralStyle ns = c->t->numerals_body;
    const char *lines[4];
    size_t n = 0;
    lines[n++] = doc_printf(c->doc, "(%s)", cx_text(c, sg->name, ns));
    lines[n++] = cx_text(c, sg->position, ns);
    if (sg->organisation)
        lines[n++] = cx_text(c, sg->organisation, ns);
    lines[n++] = sg->date ? date_text(c, sg->date, sg->date_y, sg->date_m, sg->date_d)
                          : date_text(c, p->date, p->date_y, p->date_m, p->date_d);
    for (size_t i = 0; i < n; i++) {
        DocBlock *b = doc_para(c->doc, TA_CENTER, lines[i]);
        b->indent = indent;
        b->space = i == 0 ? c->t->body_size * c->t->signature_space : 0;
        b->keep_with_next = i + 1 < n;
    }
}

/* Every section of the role, in document order, each on its own page. */
static void sections(Composer *c, SectionRole role)
{
    const Plan *p = c->plan;
    for (size_t i = 0; i < p->n_sections; i++) {
        const Section *s = &p->sections[i];
        if (s->role != role)
            continue;
        cx_heading(c, 0, s->id, s->title);
        cx_prose(c, s->blocks, s->n_blocks);
        if (s->signature && role == ROLE_PREFACE)
            signature(c, s->signature);
    }
}

/* The approval record: who approved this version, at which meeting or by
 * which resolution, and when; what was resolved under the body's name. */
static void approvals(Composer *c)
{
    const Plan *p = c->plan;
    if (p->n_approvals == 0)
        return;
    NumeralStyle ns = c->t->numerals_tables;
    cx_heading(c, 0, "_approval", template_label(c->t, "approval"));
    DocTable *t = doc_table(c->doc, 4, c->t->cols_approvals);
    t->cols[0].kind = COL_FIGURE; /* figures, numbers and dates: never wrapped */
    t->cols[2].kind = COL_FIGURE;
    DocRow *r = doc_row(c->doc, t, ROW_HEADER, 4);
    r->cells[0].markup = cx_label(c, "no");
    r->cells[1].markup = cx_label(c, "approval_body");
    r->cells[2].markup = cx_label(c, "approval_meeting");
    r->cells[3].markup = cx_label(c, "approval_date");
    for (size_t k = 0; k < 4; k++)
        r->cells[k].align = TA_CENTER;
    for (size_t i = 0; i < p->n_approvals; i++) {
        const Approval *ap = &p->approvals[i];
        r = doc_row(c->doc, t, ROW_BODY, 4);
        r->file = p->file;
        r->line = ap->line;
        r->cells[0].markup = cx_int(c, (long long)i + 1, ns);
        r->cells[0].align = TA_CENTER;
        r->cells[1].markup = ap->resolution
            ? doc_printf(c->doc, "<b>%s</b>\n%s", cx_text(c, ap->body, ns),
                         cx_text(c, ap->resolution, ns))
            : doc_printf(c->doc, "<b>%s</b>", cx_text(c, ap->body, ns));
        r->cells[2].markup = ap->number ? cx_text(c, ap->number, ns) : "–";
        r->cells[2].align = TA_CENTER;
        r->cells[3].markup = date_cell(c, ap);
        r->cells[3].align = TA_CENTER;
    }
}

/* The glossary: every abbreviation of the plan (glossary.h) with its
 * meaning, in Thai dictionary order. */
static void glossary(Composer *c)
{
    size_t n = 0;
    GlossEntry *e = glossary_entries(c->plan, &n);
    if (n == 0) {
        free(e);
        return;
    }
    NumeralStyle ns = c->t->numerals_tables;
    cx_heading(c, 0, "_glossary", template_label(c->t, "glossary"));
    DocTable *t = doc_table(c->doc, 2, c->t->cols_glossary);
    t->cols[0].kind = COL_FIGURE; /* an abbreviation is never broken */
    DocRow *r = doc_row(c->doc, t, ROW_HEADER, 2);
    r->cells[0].markup = cx_label(c, "abbr");
    r->cells[1].markup = cx_label(c, "glossary_meaning");
    r->cells[0].align = r->cells[1].align = TA_CENTER;
    for (size_t i = 0; i < n; i++) {
        r = doc_row(c->doc, t, ROW_BODY, 2);
        r->file = c->plan->file;
        r->line = e[i].line;
        r->cells[0].markup = cx_nobreak(c, e[i].abbr);
        r->cells[1].markup = cx_text(c, e[i].meaning, ns);
    }
    free(e);
}

void cx_master_front(Composer *c)
{
    cx_cover(c, NULL);
    sections(c, ROLE_PREFACE);
    approvals(c);
    sections(c, ROLE_EXEC_SUMMARY);
    cx_contents(c);
    glossary(c);
    doc_add(c->doc, DB_BODY_START);
}
