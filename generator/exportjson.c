/* exportjson.c - the plan as one JSON document, plan.json (export.h),
 * written from the model directly: it carries the links both ways, which a
 * table cannot.  Described by generator/schema/plan-export.schema.json.
 */
#include "exporttab.h"

#include <inttypes.h>
#include <string.h>

#include "budget.h"

static void js_str(GString *o, const char *s)
{
    if (!s) {
        g_string_append(o, "null");
        return;
    }
    g_string_append_c(o, '"');
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        if (*c == '"' || *c == '\\')
            g_string_append_printf(o, "\\%c", *c);
        else if (*c == '\n')
            g_string_append(o, "\\n");
        else if (*c == '\t')
            g_string_append(o, "\\t");
        else if (*c < 0x20)
            g_string_append_printf(o, "\\u%04x", *c);
        else
            g_string_append_c(o, (char)*c);
    }
    g_string_append_c(o, '"');
}

/* "key": "value", */
static void js_kv(GString *o, const char *key, const char *s)
{
    g_string_append_printf(o, "\"%s\": ", key);
    js_str(o, s);
    g_string_append(o, ", ");
}

static void js_ki(GString *o, const char *key, int64_t v)
{
    g_string_append_printf(o, "\"%s\": %" PRId64 ", ", key, v);
}

static void js_refs(GString *o, const char *key, const PlanRefList *l)
{
    g_string_append_printf(o, "\"%s\": [", key);
    for (size_t i = 0; i < l->n; i++) {
        g_string_append(o, i ? ", " : "");
        js_str(o, l->items[i].id);
    }
    g_string_append(o, "], ");
}

/* An array of the ids of objects whose first member is `const char *id`. */
#define JS_IDS(o, key, arr, n, deref)                                           \
    do {                                                                        \
        g_string_append_printf(o, "\"%s\": [", key);                            \
        for (size_t i_ = 0; i_ < (n); i_++) {                                   \
            g_string_append(o, i_ ? ", " : "");                                 \
            js_str(o, (arr)[i_] deref id);                                      \
        }                                                                       \
        g_string_append(o, "], ");                                              \
    } while (0)

/* Ends an object whose last member left ", " behind. */
static void js_close(GString *o, const char *end)
{
    if (o->len >= 2 && !strcmp(o->str + o->len - 2, ", "))
        g_string_truncate(o, o->len - 2);
    g_string_append(o, end);
}

/* {"ka": "va", "kb": "vb"}, after ", " when it is not the first. */
static void js_pair(GString *o, int later, const char *ka, const char *va, const char *kb,
                    const char *vb)
{
    g_string_append(o, later ? ", {" : "{");
    js_kv(o, ka, va);
    js_kv(o, kb, vb);
    js_close(o, "}");
}

/* Format 2's front matter and alignment, empty for a format-1 plan:
 * "alignment", "glossary", "approvals", "signatures", each followed by
 * ",\n". */
static void plan_json_v2(GString *o, const Plan *p)
{
    g_string_append(o, "\"alignment\": [");
    for (size_t i = 0; i < p->n_aligns; i++) {
        const Align *al = &p->aligns[i];
        g_string_append(o, i ? ",\n {" : "\n {");
        js_kv(o, "kind", align_kind_key(al->kind));
        js_kv(o, "code", al->code);
        js_kv(o, "title", al->title);
        js_kv(o, "contribution", al->contribution);
        g_string_append(o, "\"sub_targets\": [");
        int first = 1;
        for (size_t s = 0; s < p->n_sub_targets; s++) {
            const SubTarget *st = &p->sub_targets[s];
            if (st->sub_plan != al)
                continue;
            g_string_append(o, first ? "{" : ", {");
            first = 0;
            js_kv(o, "code", st->code);
            js_kv(o, "title", st->title);
            g_string_append(o, "\"factors\": [");
            for (size_t k = 0; k < st->n_factors; k++)
                js_pair(o, k > 0, "code", st->factors[k].code, "title", st->factors[k].title);
            js_close(o, "]}");
        }
        js_close(o, "]}");
    }
    g_string_append(o, "],\n\"glossary\": [");
    for (size_t i = 0; i < p->n_terms; i++)
        js_pair(o, i > 0, "abbr", p->terms[i].abbr, "meaning", p->terms[i].meaning);
    g_string_append(o, "],\n\"approvals\": [");
    for (size_t i = 0; i < p->n_approvals; i++) {
        const Approval *a = &p->approvals[i];
        g_string_append(o, i ? ",\n {" : "\n {");
        js_kv(o, "body", a->body);
        js_kv(o, "number", a->number);
        js_kv(o, "resolution", a->resolution);
        js_kv(o, "date", a->date);
        js_close(o, "}");
    }
    g_string_append(o, "],\n\"signatures\": [");
    int first = 1;
    for (size_t i = 0; i < p->n_sections; i++) {
        const Signature *sg = p->sections[i].signature;
        if (!sg)
            continue;
        g_string_append(o, first ? "\n {" : ",\n {");
        first = 0;
        js_kv(o, "section", p->sections[i].id);
        js_kv(o, "name", sg->name);
        js_kv(o, "position", sg->position);
        js_kv(o, "organisation", sg->organisation);
        js_kv(o, "date", sg->date);
        js_close(o, "}");
    }
    g_string_append(o, "],\n");
}

static char *plan_json(const Plan *p)
{
    GString *o = g_string_new("{");
    js_ki(o, "export_version", 2); /* 2: the format-2 fields */
    js_ki(o, "plan_format", p->format);
    g_string_append(o, "\n\"plan\": {");
    js_kv(o, "title", p->title);
    js_kv(o, "title_en", p->title_en);
    js_kv(o, "short_title", p->short_title);
    js_kv(o, "document_type", p->doc_type);
    js_ki(o, "level", p->level);
    js_kv(o, "issuer", p->issuer.id);
    js_ki(o, "period_from", p->period_from);
    js_ki(o, "period_to", p->period_to);
    js_kv(o, "version", p->version);
    js_kv(o, "date", p->date);
    js_kv(o, "status", p->status == STATUS_DRAFT ? "draft"
                       : p->status == STATUS_REVISED ? "revised" : "approved");
    js_close(o, "},\n\"phases\": [");
    for (size_t i = 0; i < p->n_phases; i++) {
        g_string_append(o, i ? ",\n {" : "\n {");
        js_kv(o, "id", p->phases[i].id);
        js_kv(o, "name", p->phases[i].name);
        js_ki(o, "from", p->phases[i].from);
        js_ki(o, "to", p->phases[i].to);
        js_close(o, "}");
    }
    g_string_append(o, "],\n\"issues\": [");
    for (size_t s = 0; s < p->n_issues; s++) {
        const Issue *is = &p->issues[s];
        g_string_append(o, s ? ",\n {" : "\n {");
        js_kv(o, "id", is->id);
        js_ki(o, "number", (int64_t)is->number);
        js_kv(o, "title", is->title);
        JS_IDS(o, "goals", is->goals, is->n_goals, .);
        JS_IDS(o, "indicators", is->indicators, is->n_indicators, .);
        JS_IDS(o, "strategies", is->strategies, is->n_strategies, .);
        JS_IDS(o, "programs", is->programs, is->n_programs, ->);
        js_close(o, "}");
    }
    g_string_append(o, "],\n\"goals\": [");
    int first = 1;
    for (size_t s = 0; s < p->n_issues; s++)
        for (size_t i = 0; i < p->issues[s].n_goals; i++, first = 0) {
            const Goal *g = &p->issues[s].goals[i];
            g_string_append(o, first ? "\n {" : ",\n {");
            js_kv(o, "id", g->id);
            js_kv(o, "issue", p->issues[s].id);
            js_ki(o, "number", (int64_t)g->number);
            js_kv(o, "text", g->text);
            JS_IDS(o, "indicators", g->indicators, g->n_indicators, ->);
            JS_IDS(o, "strategies", g->strategies, g->n_strategies, ->);
            js_refs(o, "serves", &g->serves);
            js_refs(o, "factors", &g->factors);
            js_close(o, "}");
        }
    g_string_append(o, "],\n\"indicators\": [");
    first = 1;
    for (size_t s = 0; s < p->n_issues; s++)
        for (size_t i = 0; i < p->issues[s].n_indicators; i++, first = 0) {
            const Indicator *in = &p->issues[s].indicators[i];
            g_string_append(o, first ? "\n {" : ",\n {");
            js_kv(o, "id", in->id);
            js_kv(o, "issue", p->issues[s].id);
            js_kv(o, "goal", in->goal.id);
            js_kv(o, "name", in->name);
            js_kv(o, "unit", in->unit);
            js_kv(o, "direction", export_direction_key(in->direction));
            js_kv(o, "kind", in->kind == IND_QUALITATIVE ? "qualitative" : "quantitative");
            js_kv(o, "baseline", in->baseline);
            if (in->baseline)
                js_ki(o, "baseline_year", in->baseline_year);
            else
                g_string_append(o, "\"baseline_year\": null, ");
            js_kv(o, "source", in->source);
            js_refs(o, "answerable", &in->answerable);
            g_string_append(o, "\"targets\": [");
            for (size_t k = 0; k < in->n_targets; k++)
                js_pair(o, k > 0, "phase", in->targets[k].phase.id, "value",
                        in->targets[k].value);
            g_string_append(o, "], \"yearly_targets\": [");
            for (size_t k = 0; k < in->n_yearly; k++) {
                g_string_append(o, k ? ", {" : "{");
                js_ki(o, "year", in->yearly[k].year);
                js_kv(o, "value", in->yearly[k].value);
                js_close(o, "}");
            }
            g_string_append(o, "], ");
            JS_IDS(o, "projects", in->projects, in->n_projects, ->);
            js_close(o, "}");
        }
    g_string_append(o, "],\n\"strategies\": [");
    first = 1;
    for (size_t s = 0; s < p->n_issues; s++)
        for (size_t i = 0; i < p->issues[s].n_strategies; i++, first = 0) {
            const Strategy *st = &p->issues[s].strategies[i];
            g_string_append(o, first ? "\n {" : ",\n {");
            js_kv(o, "id", st->id);
            js_kv(o, "issue", p->issues[s].id);
            js_ki(o, "number", (int64_t)st->number);
            js_kv(o, "title", st->title);
            js_refs(o, "goals", &st->goals);
            g_string_append(o, "\"measures\": [");
            for (size_t k = 0; k < st->n_measures; k++) {
                g_string_append(o, k ? ", " : "");
                js_str(o, st->measures[k]);
            }
            g_string_append(o, "], ");
            JS_IDS(o, "projects", st->projects, st->n_projects, ->);
            js_close(o, "}");
        }
    g_string_append(o, "],\n\"programs\": [");
    for (size_t g = 0; g < p->n_programs; g++) {
        const Program *pg = &p->programs[g];
        g_string_append(o, g ? ",\n {" : "\n {");
        js_kv(o, "id", pg->id);
        js_kv(o, "issue", pg->issue.id);
        js_ki(o, "number", (int64_t)pg->number);
        js_kv(o, "title", pg->title);
        JS_IDS(o, "projects", pg->projects, pg->n_projects, .);
        int64_t total = 0;
        for (size_t j = 0; j < pg->n_projects; j++)
            total += project_total(&pg->projects[j]);
        js_ki(o, "total", total);
        js_close(o, "}");
    }
    g_string_append(o, "],\n\"projects\": [");
    first = 1;
    for (size_t g = 0; g < p->n_programs; g++)
        for (size_t j = 0; j < p->programs[g].n_projects; j++, first = 0) {
            const Project *pj = &p->programs[g].projects[j];
            g_string_append(o, first ? "\n {" : ",\n {");
            js_kv(o, "id", pj->id);
            js_kv(o, "program", p->programs[g].id);
            js_kv(o, "issue", p->programs[g].issue.id);
            js_kv(o, "strategy", pj->strategy.id);
            js_refs(o, "indicators", &pj->indicators);
            js_kv(o, "lead", pj->lead.id);
            js_refs(o, "support", &pj->support);
            js_kv(o, "title", pj->title);
            js_kv(o, "objective", pj->objective);
            js_kv(o, "budget_source", pj->budget_source);
            g_string_append(o, "\"budget\": [");
            for (size_t k = 0; k < pj->n_budget; k++) {
                g_string_append(o, k ? ", {" : "{");
                js_ki(o, "year", pj->budget[k].year);
                js_ki(o, "amount", pj->budget[k].baht);
                js_kv(o, "status", export_status_key(pj->budget[k].status));
                js_close(o, "}");
            }
            g_string_append(o, "], ");
            js_ki(o, "total", project_total(pj));
            js_refs(o, "serves", &pj->serves);
            js_refs(o, "factors", &pj->factors);
            js_close(o, "}");
        }
    g_string_append(o, "],\n\"agencies\": [");
    for (size_t i = 0; i < p->n_agencies; i++) {
        const Agency *a = &p->agencies[i];
        g_string_append(o, i ? ",\n {" : "\n {");
        js_kv(o, "id", a->id);
        js_kv(o, "abbr", a->abbr);
        js_kv(o, "name", a->name);
        js_kv(o, "name_en", a->name_en);
        js_kv(o, "parent", a->parent.id);
        js_kv(o, "ministry", agency_ministry(p, a)->id);
        JS_IDS(o, "leads", a->leads, a->n_leads, ->);
        JS_IDS(o, "supports", a->supports, a->n_supports, ->);
        JS_IDS(o, "answers_for", a->answers, a->n_answers, ->);
        js_close(o, "}");
    }
    g_string_append(o, "],\n");
    plan_json_v2(o, p);
    g_string_append(o, "\"totals\": {\"by_year\": [");
    int64_t all = 0;
    for (size_t y = 0; y < p->n_fiscal_years; y++) {
        int64_t sum = 0;
        for (size_t g = 0; g < p->n_programs; g++)
            for (size_t j = 0; j < p->programs[g].n_projects; j++)
                sum += project_budget(&p->programs[g].projects[j], p->fiscal_years[y]);
        all += sum;
        g_string_append_printf(o, "%s{\"year\": %d, \"amount\": %" PRId64 "}", y ? ", " : "",
                               p->fiscal_years[y], sum);
    }
    g_string_append_printf(o, "], \"total\": %" PRId64 "}\n}\n", all);
    return g_string_free(o, FALSE);
}

int export_json(const Plan *p, const char *dir, Diag *d)
{
    char *json = plan_json(p);
    OutFile *f = export_stage(dir, "plan.json", json, strlen(json), d);
    g_free(json);
    return export_commit(&f, 1, d);
}
