/* diffdoc.c - a plan diff as a document (`phaen diff -o CHANGES.pdf`); see
 * diff.h: compose_diff().  A composer like master.c: it builds a Doc for the
 * layout engine and knows nothing of PDF.
 */
#include "diff.h"

#include <stdlib.h>
#include <string.h>

#include "compose.h"
#include "thai.h"

static const char *status_label(Composer *c, const char *s)
{
    static const char *const key[] = {"status_draft", "status_approved", "status_revised"};
    for (size_t i = 0; i < 3; i++)
        if (strcmp(s, diff_plan_status[i]) == 0)
            return cx_label(c, key[i]);
    return doc_esc(c->doc, s);
}

/* "ฉบับที่ ๑.๐ (ฉบับที่ได้รับความเห็นชอบ) ปรับปรุงเมื่อ ๑๔ กันยายน ๒๕๖๑" */
static const char *version_line(Composer *c, const Plan *p)
{
    char date[128];
    const char *dm = thai_date(date, sizeof date, p->date_y, p->date_m, p->date_d,
                               c->t->numerals_dates)
                         ? doc_esc(c->doc, date)
                         : cx_text(c, p->date, c->t->numerals_dates);
    return doc_printf(c->doc, "%s %s (%s) %s %s", cx_label(c, "version"),
                      cx_text(c, p->version, c->t->numerals_headings),
                      status_label(c, diff_plan_status[p->status]),
                      cx_label(c, "revision_date"), dm);
}

static int all_digits(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return 0;
    return 1;
}

/* Agency ids as abbreviations, from the plan the value comes from. */
static const char *agencies_markup(Composer *c, const Plan *p, const char *ids)
{
    const char *out = "";
    const char *s = ids;
    while (*s) {
        size_t len = strcspn(s, " ");
        char *id = arena_strndup(c->doc->arena, s, len);
        ObjKind kind = KIND_NONE;
        const void *o = plan_find(p, id, &kind);
        const char *m = kind == KIND_AGENCY ? cx_abbr(c, o) : doc_esc(c->doc, id);
        out = doc_printf(c->doc, "%s%s%s", out, *out ? ", " : "", m);
        s += len;
        s += strspn(s, " ");
    }
    return out;
}

/* A value as shown in the table; "–" when absent. */
static const char *value_markup(Composer *c, const Change *ch, const Plan *p, const char *v)
{
    NumeralStyle ns = c->t->numerals_tables;
    if (!v)
        return "–";
    switch (ch->field) {
    case DF_BUDGET:
        if (all_digits(v) && strlen(v) < 19) {
            char buf[64];
            thai_baht(buf, sizeof buf, strtoll(v, NULL, 10), ns);
            /* the unit is in the item's name: a figure alone is measured
             * whole by its column, a figure with its unit is not */
            return doc_esc(c->doc, buf);
        }
        return cx_text(c, v, ns);
    case DF_STATUS:
        return status_label(c, v);
    case DF_BUDGET_STATUS:
        for (size_t i = 0; i < 3; i++)
            if (strcmp(v, diff_budget_status[i]) == 0) {
                static const char *const key[] = {"diff_budget_requested", "diff_budget_approved",
                                                  "diff_budget_allocated"};
                return cx_label(c, key[i]);
            }
        return doc_esc(c->doc, v);
    case DF_ALIGN_KIND: /* the XML's word, named as the alignment chapter does */
        for (AlignKind k = ALIGN_NATIONAL_STRATEGY; k <= ALIGN_POLICY; k++)
            if (strcmp(v, align_kind_key(k)) == 0)
                return cx_align_kind(c, k);
        return doc_esc(c->doc, v);
    case DF_DIRECTION:
        for (size_t i = 0; i < 3; i++)
            if (strcmp(v, diff_direction[i]) == 0) {
                static const char *const key[] = {"direction_increase", "direction_decrease",
                                                  "direction_maintain"};
                return cx_label(c, key[i]);
            }
        return doc_esc(c->doc, v);
    case DF_DATE:
    case DF_APPROVAL_DATE:
    case DF_SIGN_DATE:
    case DF_APPROVAL: {
        /* an ISO date in Thai; an approval's number after its date */
        int y, m, d;
        char buf[128], iso[11];
        snprintf(iso, sizeof iso, "%s", v);
        if (thai_parse_iso_date(iso, &y, &m, &d) == 0 &&
            thai_date(buf, sizeof buf, y, m, d, c->t->numerals_dates))
            return strlen(v) > 11 && v[10] == ' '
                       ? doc_printf(c->doc, "%s\n%s", doc_esc(c->doc, buf),
                                    cx_text(c, v + 11, ns))
                       : doc_esc(c->doc, buf);
        return cx_text(c, v, ns);
    }
    case DF_LEAD:
    case DF_SUPPORT:
    case DF_ANSWERABLE:
    case DF_PARENT:
        return agencies_markup(c, p, v);
    case DF_ISSUE:
    case DF_GOAL:
    case DF_GOALS:
    case DF_PROGRAM:
    case DF_STRATEGY:
    case DF_INDICATORS:
    case DF_SERVES:
    case DF_FACTORS:
    case DF_SUB_PLAN:
    case DF_SUB_TARGET:
        return doc_esc(c->doc, v); /* ids stay as written */
    default:
        return cx_text(c, v, ns);
    }
}

/* The id of a change's object; a goal, indicator or strategy also with the
 * label every document prints for it (cx_no: ๑.๒.๑), from the plan it is
 * in (the old one for a removal), so the reader finds it in the plan. */
static const char *id_cell(Composer *c, const Change *ch, const Plan *old, const Plan *new)
{
    if (!ch->id)
        return "–";
    ObjKind k = KIND_NONE;
    const void *o = plan_find(ch->kind == CHANGE_REMOVED ? old : new, ch->id, &k);
    const char *id = doc_esc(c->doc, ch->id);
    if (!o || c->t->numbering_ids ||
        (k != KIND_GOAL && k != KIND_INDICATOR && k != KIND_STRATEGY))
        return id;
    return doc_printf(c->doc, "%s\n<small>%s</small>", cx_no(c, k, o), id);
}

static const char *group_label(ObjKind k)
{
    switch (k) {
    case KIND_NONE: return "diff_plan";
    case KIND_PHASE: return "phase";
    case KIND_ISSUE: return "diff_issues";
    case KIND_GOAL: return "goals";
    case KIND_INDICATOR: return "indicator";
    case KIND_STRATEGY: return "strategies";
    case KIND_PROGRAM: return "program";
    case KIND_PROJECT: return "project";
    case KIND_SECTION: return "diff_front";
    case KIND_SUBTARGET: return "align_target";
    case KIND_FACTOR: return "align_factor";
    default: return "agency";
    }
}

Doc *compose_diff(const PlanDiff *d, const Plan *old, const Plan *new, const Template *t)
{
    Doc *doc = doc_new();
    if (!doc)
        return NULL;
    Composer c = {.doc = doc, .plan = new, .t = t};
    cx_metadata(&c, template_label(t, "diff_title"));
    cx_heading(&c, 0, "_diff", template_label(t, "diff_title"));
    diff_compose_body(&c, d, old, new);
    return doc;
}

void diff_compose_body(Composer *cp, const PlanDiff *d, const Plan *old, const Plan *new)
{
    Composer c = *cp;
    Doc *doc = c.doc;
    const Template *t = c.t;
    NumeralStyle ns = t->numerals_tables;
    DocBlock *b = doc_para(doc, TA_CENTER,
                           doc_printf(doc, "<b>%s</b>", cx_text(&c, new->title, t->numerals_headings)));
    b->space = t->diff_title_space;
    doc_para(doc, TA_LEFT, doc_printf(doc, "<b>%s</b>\u2002%s", cx_label(&c, "diff_old"),
                                      version_line(&c, old)));
    doc_para(doc, TA_LEFT, doc_printf(doc, "<b>%s</b>\u2002%s", cx_label(&c, "diff_new"),
                                      version_line(&c, new)));
    if (d->n == 0) {
        doc_para(doc, TA_LEFT, cx_label(&c, "diff_none"));
        return;
    }
    const char *item = cx_label(&c, "diff_item");
    doc_para(doc, TA_LEFT,
             doc_printf(doc, "%s %s %s, %s %s %s, %s %s %s", cx_label(&c, "diff_added"),
                        cx_int(&c, (long long)d->n_added, t->numerals_body), item,
                        cx_label(&c, "diff_removed"),
                        cx_int(&c, (long long)d->n_removed, t->numerals_body), item,
                        cx_label(&c, "diff_changed"),
                        cx_int(&c, (long long)d->n_changed, t->numerals_body), item));

    DocTable *tb = doc_table(doc, 4, t->cols_diff);
    DocRow *r = doc_row(doc, tb, ROW_HEADER, 4);
    r->cells[0].markup = cx_label(&c, "diff_id");
    r->cells[1].markup = cx_label(&c, "diff_item");
    r->cells[2].markup = cx_label(&c, "diff_old");
    r->cells[3].markup = cx_label(&c, "diff_new");
    for (size_t k = 0; k < 4; k++)
        r->cells[k].align = TA_CENTER;
    static const char *const verb[] = {"diff_added", "diff_removed", "diff_changed"};
    for (size_t i = 0; i < d->n; i++) {
        const Change *ch = &d->changes[i];
        if (i == 0 || ch->obj != d->changes[i - 1].obj) {
            r = doc_row(doc, tb, ROW_GROUP, 1);
            r->cells[0].span = 4;
            r->cells[0].markup = cx_label(&c, group_label(ch->obj));
        }
        r = doc_row(doc, tb, ROW_BODY, 4);
        r->cells[0].markup = id_cell(&c, ch, old, new);
        if (ch->field == DF_OBJECT) {
            r->cells[1].markup = doc_printf(doc, "<b>%s</b>", cx_label(&c, verb[ch->kind]));
        } else {
            char name[512];
            const char *m = cx_text(&c, diff_field_name(ch, t, name, sizeof name), ns);
            if (ch->field == DF_BUDGET)
                m = doc_printf(doc, "%s (%s)", m, cx_label(&c, "baht"));
            r->cells[1].markup = ch->kind == CHANGE_CHANGED
                ? m : doc_printf(doc, "%s (%s)", m, cx_label(&c, verb[ch->kind]));
        }
        r->cells[2].markup = value_markup(&c, ch, old, ch->old_value);
        r->cells[3].markup = value_markup(&c, ch, new, ch->new_value);
        if (ch->field == DF_BUDGET)
            r->cells[2].align = r->cells[3].align = TA_RIGHT;
    }
}
