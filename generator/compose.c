/* compose.c - see compose.h. */
#include "compose.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "thai.h"
#include "xalloc.h"

#ifndef PHAEN_VERSION
#define PHAEN_VERSION "0"
#endif

const char *cx_text(Composer *c, const char *plain, NumeralStyle style)
{
    if (!plain)
        return "";
    /* Room for every character turning into a 3-byte Thai digit, but only
     * for as long as it takes to escape it: in the arena this was three
     * times the text of every cell (75 MB of the 10,000-project action
     * plan's 92). */
    size_t n = strlen(plain) * 3 + 1; /* a Thai digit is 3 bytes */
    char local[1024];
    char *buf = n <= sizeof local ? local : xmalloc(n);
    thai_digits(buf, n, plain, style);
    const char *out = doc_esc(c->doc, buf);
    if (buf != local)
        free(buf);
    return out;
}

const char *cx_label(Composer *c, const char *key)
{
    return doc_esc(c->doc, template_label(c->t, key));
}

const char *cx_align_kind(Composer *c, AlignKind k)
{
    switch (k) {
    case ALIGN_NATIONAL_STRATEGY: return cx_label(c, "national_strategy");
    case ALIGN_MASTER_PLAN: return cx_label(c, "master_plan");
    case ALIGN_SUB_PLAN: return cx_label(c, "sub_plan");
    case ALIGN_POLICY: return cx_label(c, "policy");
    }
    return "";
}

const char *cx_int(Composer *c, long long n, NumeralStyle style)
{
    char buf[96];
    thai_int(buf, sizeof buf, n, style);
    return arena_strdup(c->doc->arena, buf);
}

const char *cx_num2(Composer *c, size_t a, size_t b)
{
    char raw[48];
    snprintf(raw, sizeof raw, "%zu.%zu", a, b);
    return cx_text(c, raw, c->t->numerals_headings);
}

const char *cx_no_plain(Composer *c, ObjKind kind, const void *obj)
{
    Arena *a = c->doc->arena;
    if (kind == KIND_GOAL) {
        const Goal *g = obj;
        return c->t->numbering_ids || !g->issue ? g->id
             : arena_printf(a, "%zu.%zu", g->issue->number, g->number);
    }
    if (kind == KIND_STRATEGY) {
        const Strategy *st = obj;
        return c->t->numbering_ids || !st->issue ? st->id
             : arena_printf(a, "%zu.%zu", st->issue->number, st->number);
    }
    const Indicator *ind = obj;
    const Goal *g = ind->goal.to.goal;
    /* an indicator without a goal never reaches a document (check.c) */
    if (c->t->numbering_ids || !g || !g->issue || ind->number == 0)
        return ind->id;
    return arena_printf(a, "%zu.%zu.%zu", g->issue->number, g->number, ind->number);
}

const char *cx_no(Composer *c, ObjKind kind, const void *obj)
{
    return cx_text(c, cx_no_plain(c, kind, obj), c->t->numerals_headings);
}

const char *cx_nobreak(Composer *c, const char *plain)
{
    return doc_printf(c->doc, "<span allow_breaks=\"false\">%s</span>", doc_esc(c->doc, plain));
}

/* Abbreviations such as ดีเอสไอ are not dictionary words: libthai would
 * break them between syllables.  They are kept whole. */
const char *cx_abbr(Composer *c, const Agency *a)
{
    return a ? cx_nobreak(c, a->abbr) : "";
}

const char *cx_abbrs(Composer *c, const PlanRefList *refs)
{
    const char *out = "";
    for (size_t i = 0; i < refs->n; i++) {
        const Agency *a = refs->items[i].to.agency;
        if (a)
            out = doc_printf(c->doc, "%s%s%s", out, *out ? ", " : "", cx_abbr(c, a));
    }
    return out;
}

const char *cx_date(Composer *c)
{
    char buf[128];
    if (!thai_date(buf, sizeof buf, c->plan->date_y, c->plan->date_m, c->plan->date_d,
                   c->t->numerals_dates))
        return cx_text(c, c->plan->date, c->t->numerals_dates);
    return doc_esc(c->doc, buf);
}

const char *cx_period(Composer *c, int from, int to)
{
    return doc_printf(c->doc, "%s %s – %s", cx_label(c, "period"),
                      cx_int(c, from, c->t->numerals_dates), cx_int(c, to, c->t->numerals_dates));
}

DocBlock *cx_heading(Composer *c, int level, const char *anchor, const char *plain)
{
    const char *m = cx_text(c, plain, c->t->numerals_headings);
    char *bm = arena_alloc(c->doc->arena, strlen(plain) * 3 + 1);
    thai_digits(bm, strlen(plain) * 3 + 1, plain, c->t->numerals_headings);
    DocBlock *b = doc_heading(c->doc, level, anchor, bm, m);
    if (level == 0)
        b->align = TA_CENTER;
    return b;
}

static const char *status_label(Composer *c)
{
    switch (c->plan->status) {
    case STATUS_DRAFT: return cx_label(c, "status_draft");
    case STATUS_APPROVED: return cx_label(c, "status_approved");
    case STATUS_REVISED: return cx_label(c, "status_revised");
    }
    return "";
}

void cx_cover(Composer *c, const char *doc_name)
{
    const Plan *p = c->plan;
    Doc *d = c->doc;
    const Template *t = c->t;
    DocBlock *b = doc_add(d, DB_VSPACE);
    b->space = t->page_h * (t->emblem ? t->cover_top_emblem : t->cover_top);
    if (t->emblem) { /* the emblem above the title, as on Thai official covers */
        b = doc_add(d, DB_IMAGE);
        b->image = t->emblem;
        b->image_len = t->emblem_len;
        b->image_px_w = t->emblem_px_w;
        b->image_px_h = t->emblem_px_h;
        b->image_w = t->emblem_width;
        b = doc_add(d, DB_VSPACE);
        b->space = t->page_h * t->cover_emblem_gap;
    }
    if (doc_name) {
        b = doc_para(d, TA_CENTER, doc_printf(d, "<b>%s</b>", doc_esc(d, doc_name)));
        b->size = c->t->title_size;
        b->space = 0;
    }
    b = doc_para(d, TA_CENTER, doc_printf(d, "<b>%s</b>", cx_text(c, p->title, c->t->numerals_headings)));
    b->size = c->t->title_size;
    if (p->title_en) {
        b = doc_para(d, TA_CENTER, doc_esc(d, p->title_en));
        b->space = c->t->body_size * c->t->cover_title_en_gap;
    }
    b = doc_add(d, DB_VSPACE);
    b->space = c->t->page_h * c->t->cover_issuer_gap;
    const Agency *issuer = p->issuer.to.agency;
    if (issuer)
        doc_para(d, TA_CENTER, doc_printf(d, "<b>%s</b>", doc_esc(d, issuer->name)));
    const Agency *ministry = issuer ? issuer->parent.to.agency : NULL;
    if (ministry)
        doc_para(d, TA_CENTER, doc_esc(d, ministry->name));
    b = doc_add(d, DB_VSPACE);
    b->space = c->t->body_size * c->t->cover_version_gap;
    doc_para(d, TA_CENTER, doc_printf(d, "%s %s (%s)", cx_label(c, "version"),
                                      cx_text(c, p->version, c->t->numerals_headings),
                                      status_label(c)));
    doc_para(d, TA_CENTER, doc_printf(d, "%s %s", cx_label(c, "revision_date"), cx_date(c)));
}

void cx_contents(Composer *c)
{
    doc_add(c->doc, DB_PAGEBREAK);
    /* listed in itself and bookmarked, like every other front-matter page */
    cx_heading(c, 0, "_contents", template_label(c->t, "toc"));
    doc_add(c->doc, DB_TOC);
}

void cx_front_matter(Composer *c, const char *doc_name, int with_toc)
{
    cx_cover(c, doc_name);
    if (with_toc) { /* the contents alone in the front matter: not listed */
        doc_add(c->doc, DB_PAGEBREAK);
        DocBlock *b = doc_heading(c->doc, 0, NULL, NULL, cx_label(c, "toc"));
        b->in_toc = 0;
        b->align = TA_CENTER;
        doc_add(c->doc, DB_TOC);
    }
    doc_add(c->doc, DB_BODY_START);
}

const char *cx_doc_name(Arena *ar, const Template *t, DocName k, const Agency *a)
{
    switch (k) {
    case NAME_MASTER_PLAN: return NULL; /* its cover and title are the plan's */
    case NAME_ACTION_PLAN: return template_label(t, "action_plan");
    case NAME_SHEET:
        return arena_printf(ar, "%s %s (%s)", template_label(t, "sheet"), a->name, a->abbr);
    case NAME_ALL_SHEETS: return template_label(t, "sheet");
    }
    return NULL;
}

const char *cx_title(Arena *ar, const Plan *p, const char *doc_name)
{
    return doc_name ? arena_printf(ar, "%s: %s", doc_name, p->title) : p->title;
}

void cx_metadata(Composer *c, const char *doc_name)
{
    const Plan *p = c->plan;
    Doc *d = c->doc;
    static const char hex[] = "0123456789abcdef";
    char sha[65];
    for (int i = 0; i < 32; i++) {
        sha[2 * i] = hex[p->sha256[i] >> 4];
        sha[2 * i + 1] = hex[p->sha256[i] & 15];
    }
    sha[64] = '\0';
    static const char *const status[] = {"draft", "approved", "revised"};
    d->title = cx_title(d->arena, p, doc_name);
    d->author = p->issuer.to.agency ? p->issuer.to.agency->name : NULL;
    d->subject = arena_printf(d->arena, "%s %d–%d", p->doc_type, p->period_from, p->period_to);
    d->keywords = arena_printf(d->arena,
                               "plan-version=%s; plan-status=%s; plan-date=%s; source-sha256=%s; "
                               "template=%s/%s; generator=phaen/%s",
                               p->version, status[p->status], p->date, sha, c->t->name,
                               c->t->version, PHAEN_VERSION);
    d->creator = "phaen " PHAEN_VERSION;
    /* A plan that is not approved is marked on every page of every
     * document, and says which version it is in the running header. */
    if (p->status != STATUS_APPROVED) {
        d->mark = c->t->draft_text;
        d->header_note = doc_printf(d, "%s %s (%s)", cx_label(c, "version"),
                                    cx_text(c, p->version, c->t->numerals_headings),
                                    status_label(c));
    }
    if (p->date_y > 0)
        /* midnight in Thailand on the revision date */
        d->create_date = arena_printf(d->arena, "%04d-%02d-%02dT00:00:00+07:00", p->date_y,
                                      p->date_m, p->date_d);
}

const char *cx_link(Composer *c, const char *file, const char *id)
{
    if (!id)
        return NULL;
    /* cairo 1.16 refuses remote go-to links (file= with dest= or page=), so
     * another document is reached by a relative URI whose fragment names
     * the destination, which PDF viewers resolve as a named destination.
     * Ids are ASCII (the schema), so nothing needs percent-encoding. */
    if (file)
        return doc_printf(c->doc, "uri='%s#%s'", file, id);
    return doc_printf(c->doc, "dest='%s'", id);
}

const char *cx_direction(Composer *c, Direction d)
{
    return cx_label(c, d == DIR_INCREASE ? "direction_increase"
                       : d == DIR_DECREASE ? "direction_decrease" : "direction_maintain");
}

void cx_indicator_cells(Composer *c, const Indicator *ind, DocCell *cells)
{
    NumeralStyle ns = c->t->numerals_tables;
    /* a qualitative indicator's targets say in words where it goes: no
     * direction ("คงที่" would read as "no change") */
    /* its label first: the same in every document that lists it */
    cells[0].markup = ind->kind == IND_QUALITATIVE
        ? doc_printf(c->doc, "<b>%s</b> %s", cx_no(c, KIND_INDICATOR, ind),
                     cx_text(c, ind->name, ns))
        : doc_printf(c->doc, "<b>%s</b> %s (%s)", cx_no(c, KIND_INDICATOR, ind),
                     cx_text(c, ind->name, ns), cx_direction(c, ind->direction));
    cells[1].markup = ind->unit ? cx_text(c, ind->unit, ns) : "–";
    cells[1].align = TA_CENTER;
    cells[2].markup = ind->baseline
        ? doc_printf(c->doc, "%s\n<small>(%s)</small>", cx_text(c, ind->baseline, ns),
                     cx_int(c, ind->baseline_year, ns))
        : "–";
    cells[2].align = TA_CENTER;
    for (size_t i = 0; i < c->plan->n_phases; i++) {
        const Target *tg = ind->by_phase ? ind->by_phase[i] : NULL;
        cells[3 + i].markup = tg ? cx_text(c, tg->value, ns) : "–";
        cells[3 + i].align = TA_CENTER;
        /* format 2: the yearly targets of the phase's years, under it */
        const Phase *ph = &c->plan->phases[i];
        for (size_t k = 0; k < ind->n_yearly; k++) {
            const Target *y = &ind->yearly[k];
            if (y->year >= ph->from && y->year <= ph->to)
                cells[3 + i].markup = doc_printf(c->doc, "%s\n<small>%s: %s</small>",
                                                 cells[3 + i].markup, cx_int(c, y->year, ns),
                                                 cx_text(c, y->value, ns));
        }
    }
}

const char *cx_budget_none(Composer *c)
{
    return cx_text(c, template_label(c->t, "budget_none"), c->t->numerals_tables);
}

const char *cx_budget_zero(Composer *c)
{
    return cx_text(c, template_label(c->t, "budget_zero"), c->t->numerals_tables);
}

const char *cx_chain(Composer *c, const Agency *a, int with_abbr)
{
    NumeralStyle ns = c->t->numerals_tables;
    const char *out = "";
    const Agency *up = a->parent.to.agency;
    /* bounded: a parent cycle is an error, but the walk must still end */
    for (size_t steps = 0; up && steps < c->plan->n_agencies; steps++) {
        const char *one = with_abbr
            ? doc_printf(c->doc, "%s (%s)", cx_text(c, up->name, ns), cx_abbr(c, up))
            : cx_text(c, up->name, ns);
        out = doc_printf(c->doc, "%s%s%s", out, *out ? "\n" : "", one);
        up = up->parent.to.agency;
    }
    return *out ? out : "–";
}

DocTable *cx_phase_table(Composer *c, const double *share, size_t n_share, size_t at)
{
    size_t np = c->plan->n_phases, ncols = n_share - 1 + np;
    double *w = arena_calloc(c->doc->arena, ncols, sizeof *w);
    for (size_t i = 0; i < at; i++)
        w[i] = share[i];
    for (size_t i = 0; i < np; i++)
        w[at + i] = share[at] / (double)np;
    for (size_t i = at + 1; i < n_share; i++)
        w[np + i - 1] = share[i];
    DocTable *t = doc_table(c->doc, ncols, w);
    for (size_t i = 0; i < np; i++)
        t->cols[at + i].match = 1;
    return t;
}

void cx_prose(Composer *c, const Block *blocks, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const Block *bl = &blocks[i];
        if (bl->kind == BLOCK_PARA) {
            DocBlock *b = doc_para(c->doc, TA_JUSTIFY, cx_text(c, bl->text, c->t->numerals_body));
            b->first_indent = c->t->first_line_indent;
        } else {
            for (size_t k = 0; k < bl->n_items; k++) {
                DocBlock *b = doc_para(c->doc, TA_JUSTIFY,
                                       cx_text(c, bl->items[k], c->t->numerals_body));
                b->label = doc_printf(c->doc, "(%s)",
                                      cx_int(c, (long long)k + 1, c->t->numerals_body));
                b->indent = c->t->first_line_indent;
                b->first_indent = 0;
            }
        }
    }
}
