/* export.c - a resolved plan as tables (CSV, XLSX) or one JSON document.
 *
 * The six tables are built once, as rows of text with a type per column,
 * and written by the CSV writer (csvout.c) or libxlsxwriter from the same
 * rows, so the two formats cannot disagree.  JSON is written from the
 * model directly: it carries the links both ways, which a table cannot.
 * Every file goes through outfile.c and appears whole or not at all.
 */
#include "export.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "check.h"
#include "csvout.h"
#include "input.h"
#include "load.h"
#include "outfile.h"
#include "resolve.h"

/* --- tables ---------------------------------------------------------------- */

typedef enum { COL_TEXT, COL_INT, COL_AMOUNT } ColType;

typedef struct Column {
    const char *key;
    ColType type;
} Column;

typedef struct Table {
    const char *name;          /* "projects": projects.csv, the sheet's name */
    Column *cols;
    size_t n_cols;
    GPtrArray *rows;           /* of char *[n_cols] (g_strfreev) */
    char **row;                /* the row being filled */
    size_t at;
} Table;

static void table_col(Table *t, const char *key, ColType type)
{
    t->cols = g_renew(Column, t->cols, t->n_cols + 1);
    t->cols[t->n_cols++] = (Column){key, type};
}

/* A table and its columns, their keys one space apart; a key written
 * "#year" is a whole number, "$amount" an amount of baht, the rest text. */
static Table *table_new(const char *name, const char *keys)
{
    Table *t = g_new0(Table, 1);
    t->name = name;
    t->rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
    char **k = g_strsplit(keys, " ", -1);
    for (char **c = k; *c; c++)
        table_col(t, g_intern_string(*c + (**c == '#' || **c == '$')),
                  **c == '#' ? COL_INT : **c == '$' ? COL_AMOUNT : COL_TEXT);
    g_strfreev(k);
    return t;
}

static void table_free(Table *t)
{
    if (!t)
        return;
    g_ptr_array_free(t->rows, TRUE);
    g_free(t->cols);
    g_free(t);
}

static void put(Table *t, const char *s)
{
    if (!t->row || t->at == t->n_cols) {
        t->row = g_new0(char *, t->n_cols + 1);
        t->at = 0;
        g_ptr_array_add(t->rows, t->row);
    }
    t->row[t->at++] = g_strdup(s ? s : "");
}

static void put_int(Table *t, int64_t v)
{
    char num[32];
    snprintf(num, sizeof num, "%" PRId64, v);
    put(t, num);
}

/* The ids of n objects, space-separated as in the plan: `get` names the id
 * from an element of arr ("->id" for pointers, ".code" for factors). */
#define PUT_IDS(t, arr, n, get)                                                 \
    do {                                                                        \
        GString *s_ = g_string_new(NULL);                                       \
        for (size_t i_ = 0; i_ < (n); i_++)                                     \
            g_string_append_printf(s_, "%s%s", i_ ? " " : "", (arr)[i_] get);   \
        put(t, s_->str);                                                        \
        g_string_free(s_, TRUE);                                                \
    } while (0)

/* Ids of a list of links. */
static void put_refs(Table *t, const PlanRefList *l)
{
    PUT_IDS(t, l->items, l->n, .id);
}

static const char *direction_key(Direction d)
{
    return d == DIR_DECREASE ? "decrease" : d == DIR_MAINTAIN ? "maintain" : "increase";
}

static const char *status_key(BudgetStatus s)
{
    return s == BUDGET_APPROVED ? "approved" : s == BUDGET_ALLOCATED ? "allocated" : "requested";
}

static Table *projects_table(const Plan *p)
{
    Table *t = table_new("projects", "id program issue strategy indicators lead support "
                                     "title objective budget_source serves factors");
    for (size_t g = 0; g < p->n_programs; g++) {
        const Program *pg = &p->programs[g];
        for (size_t j = 0; j < pg->n_projects; j++) {
            const Project *pj = &pg->projects[j];
            put(t, pj->id);
            put(t, pg->id);
            put(t, pg->issue.id);
            put(t, pj->strategy.id);
            put_refs(t, &pj->indicators);
            put(t, pj->lead.id);
            put_refs(t, &pj->support);
            put(t, pj->title);
            put(t, pj->objective);
            put(t, pj->budget_source);
            put_refs(t, &pj->serves);
            put_refs(t, &pj->factors);
        }
    }
    return t;
}

/* One row per project and fiscal year it has a line for: no row is "no
 * allocation", a row of 0 is an allocation of 0 baht. */
static Table *budgets_table(const Plan *p)
{
    Table *t = table_new("budgets", "project #year $amount status");
    for (size_t g = 0; g < p->n_programs; g++)
        for (size_t j = 0; j < p->programs[g].n_projects; j++) {
            const Project *pj = &p->programs[g].projects[j];
            for (size_t k = 0; k < pj->n_budget; k++) {
                put(t, pj->id);
                put_int(t, pj->budget[k].year);
                put_int(t, pj->budget[k].baht);
                put(t, status_key(pj->budget[k].status));
            }
        }
    return t;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* The fiscal years of every indicator's yearly targets, sorted, once each. */
static GArray *yearly_years(const Plan *p)
{
    GArray *ys = g_array_new(FALSE, FALSE, sizeof(int));
    for (size_t s = 0; s < p->n_issues; s++)
        for (size_t i = 0; i < p->issues[s].n_indicators; i++) {
            const Indicator *in = &p->issues[s].indicators[i];
            for (size_t k = 0; k < in->n_yearly; k++)
                g_array_append_val(ys, in->yearly[k].year);
        }
    g_array_sort(ys, cmp_int);
    guint n = 0;
    for (guint i = 0; i < ys->len; i++)
        if (!n || g_array_index(ys, int, n - 1) != g_array_index(ys, int, i))
            g_array_index(ys, int, n++) = g_array_index(ys, int, i);
    g_array_set_size(ys, n);
    return ys;
}

/* The indicator's target for fiscal year y (<target year=>), NULL when none. */
static const char *yearly_value(const Indicator *in, int y)
{
    for (size_t k = 0; k < in->n_yearly; k++)
        if (in->yearly[k].year == y)
            return in->yearly[k].value;
    return NULL;
}

static Table *indicators_table(const Plan *p)
{
    Table *t = table_new("indicators", "id issue goal name unit direction kind baseline "
                                       "#baseline_year source answerable");
    /* One column per phase: a spreadsheet compares targets down a column. */
    for (size_t ph = 0; ph < p->n_phases; ph++) {
        char *key = g_strdup_printf("target.%s", p->phases[ph].id);
        table_col(t, g_intern_string(key), COL_TEXT);
        g_free(key);
    }
    /* Format 2: then one column per fiscal year some indicator has a
     * yearly target for (<target year=>), in year order. */
    GArray *years = yearly_years(p);
    for (guint y = 0; y < years->len; y++) {
        char *key = g_strdup_printf("target_fy.%d", g_array_index(years, int, y));
        table_col(t, g_intern_string(key), COL_TEXT);
        g_free(key);
    }
    for (size_t s = 0; s < p->n_issues; s++)
        for (size_t i = 0; i < p->issues[s].n_indicators; i++) {
            const Indicator *in = &p->issues[s].indicators[i];
            put(t, in->id);
            put(t, p->issues[s].id);
            put(t, in->goal.id);
            put(t, in->name);
            put(t, in->unit);
            put(t, direction_key(in->direction));
            put(t, in->kind == IND_QUALITATIVE ? "qualitative" : "quantitative");
            put(t, in->baseline);
            if (in->baseline)
                put_int(t, in->baseline_year);
            else
                put(t, NULL);
            put(t, in->source);
            put_refs(t, &in->answerable);
            for (size_t ph = 0; ph < p->n_phases; ph++)
                put(t, in->by_phase && in->by_phase[ph] ? in->by_phase[ph]->value : NULL);
            for (guint y = 0; y < years->len; y++)
                put(t, yearly_value(in, g_array_index(years, int, y)));
        }
    g_array_free(years, TRUE);
    return t;
}

static Table *goals_table(const Plan *p)
{
    Table *t = table_new("goals", "id issue #number text indicators strategies serves factors");
    for (size_t s = 0; s < p->n_issues; s++)
        for (size_t i = 0; i < p->issues[s].n_goals; i++) {
            const Goal *g = &p->issues[s].goals[i];
            put(t, g->id);
            put(t, p->issues[s].id);
            put_int(t, (int64_t)g->number);
            put(t, g->text);
            PUT_IDS(t, g->indicators, g->n_indicators, ->id);
            PUT_IDS(t, g->strategies, g->n_strategies, ->id);
            put_refs(t, &g->serves);
            put_refs(t, &g->factors);
        }
    return t;
}

static Table *strategies_table(const Plan *p)
{
    Table *t = table_new("strategies", "id issue #number title goals measures projects");
    for (size_t s = 0; s < p->n_issues; s++)
        for (size_t i = 0; i < p->issues[s].n_strategies; i++) {
            const Strategy *st = &p->issues[s].strategies[i];
            put(t, st->id);
            put(t, p->issues[s].id);
            put_int(t, (int64_t)st->number);
            put(t, st->title);
            put_refs(t, &st->goals);
            /* one measure a line: a cell with line breaks */
            GString *m = g_string_new(NULL);
            for (size_t k = 0; k < st->n_measures; k++)
                g_string_append_printf(m, "%s%s", k ? "\n" : "", st->measures[k]);
            put(t, m->str);
            g_string_free(m, TRUE);
            PUT_IDS(t, st->projects, st->n_projects, ->id);
        }
    return t;
}

static Table *agencies_table(const Plan *p)
{
    Table *t = table_new("agencies", "id abbr name name_en parent ministry");
    for (size_t i = 0; i < p->n_agencies; i++) {
        const Agency *a = &p->agencies[i];
        put(t, a->id);
        put(t, a->abbr);
        put(t, a->name);
        put(t, a->name_en);
        put(t, a->parent.id);
        put(t, agency_ministry(p, a)->id);
    }
    return t;
}

/* Format 2: the sub-plan targets (Y) goals and projects serve, each in
 * the <align kind="sub-plan"> that declares it, and their factors (X). */
static Table *subtargets_table(const Plan *p)
{
    Table *t = table_new("subtargets", "id sub_plan title factors");
    for (size_t i = 0; i < p->n_sub_targets; i++) {
        const SubTarget *st = &p->sub_targets[i];
        put(t, st->code);
        put(t, st->sub_plan ? st->sub_plan->code : NULL);
        put(t, st->title);
        PUT_IDS(t, st->factors, st->n_factors, .code);
    }
    return t;
}

static Table *factors_table(const Plan *p)
{
    Table *t = table_new("factors", "id target title");
    for (size_t i = 0; i < p->n_sub_targets; i++)
        for (size_t k = 0; k < p->sub_targets[i].n_factors; k++) {
            const Factor *f = &p->sub_targets[i].factors[k];
            put(t, f->code);
            put(t, p->sub_targets[i].code);
            put(t, f->title);
        }
    return t;
}

/* Format 2: the abbreviations the plan declares (<glossary>). */
static Table *glossary_table(const Plan *p)
{
    Table *t = table_new("glossary", "abbr meaning");
    for (size_t i = 0; i < p->n_terms; i++) {
        put(t, p->terms[i].abbr);
        put(t, p->terms[i].meaning);
    }
    return t;
}

/* Format 2: who approved this version (header/approvals). */
static Table *approvals_table(const Plan *p)
{
    Table *t = table_new("approvals", "body number resolution date");
    for (size_t i = 0; i < p->n_approvals; i++) {
        const Approval *a = &p->approvals[i];
        put(t, a->body);
        put(t, a->number);
        put(t, a->resolution);
        put(t, a->date);
    }
    return t;
}

/* The first six are the format-1 tables, in their old order; the format-2
 * ones follow (header only for a format-1 plan: the same files always). */
enum { N_TABLES = 10 };

static void build_tables(const Plan *p, Table *t[N_TABLES])
{
    t[0] = projects_table(p);
    t[1] = budgets_table(p);
    t[2] = indicators_table(p);
    t[3] = goals_table(p);
    t[4] = strategies_table(p);
    t[5] = agencies_table(p);
    t[6] = subtargets_table(p);
    t[7] = factors_table(p);
    t[8] = glossary_table(p);
    t[9] = approvals_table(p);
}

/* --- writing --------------------------------------------------------------- */

/* Stages bytes as a new file in dir; NULL after reporting. */
static OutFile *stage(const char *dir, const char *name, const void *data, size_t len, Diag *d)
{
    char *path = g_build_filename(dir, name, NULL);
    OutError e = {0};
    OutFile *f = outfile_create(path, &e);
    if (f && (outfile_write(f, data, len) != 0 || outfile_close(f, &e) != 0)) {
        outfile_discard(f);
        f = NULL;
    }
    if (!f)
        diag_error(d, path, 0, "%s: %s", e.step ? e.step : "cannot write", strerror(e.err));
    g_free(path);
    return f;
}

static int commit(OutFile **files, size_t n, Diag *d)
{
    for (size_t i = 0; i < n; i++)
        if (!files[i]) {
            for (size_t j = 0; j < n; j++)
                outfile_discard(files[j]);
            return -1;
        }
    OutError e = {0};
    size_t failed = 0;
    if (outfile_commit_all(files, n, &e, &failed) != 0) {
        diag_error(d, NULL, 0, "cannot put the export in place: %s: %s",
                   e.step ? e.step : "rename", strerror(e.err));
        return -1;
    }
    return 0;
}

static int export_csv(Table *t[N_TABLES], const char *dir, Diag *d)
{
    OutFile *files[N_TABLES] = {0};
    for (size_t i = 0; i < N_TABLES; i++) {
        CsvOut c;
        csvout_init(&c);
        for (size_t k = 0; k < t[i]->n_cols; k++)
            csvout_cell(&c, t[i]->cols[k].key);
        csvout_row(&c);
        for (size_t r = 0; r < t[i]->rows->len; r++) {
            char **row = g_ptr_array_index(t[i]->rows, r);
            for (size_t k = 0; k < t[i]->n_cols; k++)
                csvout_cell(&c, row[k]);
            csvout_row(&c);
        }
        char *name = g_strdup_printf("%s.csv", t[i]->name);
        files[i] = stage(dir, name, c.buf->str, c.buf->len, d);
        g_free(name);
        csvout_free(&c);
    }
    return commit(files, N_TABLES, d);
}

/* --- JSON ------------------------------------------------------------------ */

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

static const char *align_key(AlignKind k)
{
    return k == ALIGN_NATIONAL_STRATEGY ? "national-strategy" : k == ALIGN_MASTER_PLAN
           ? "master-plan" : k == ALIGN_SUB_PLAN ? "sub-plan" : "policy";
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
        js_kv(o, "kind", align_key(al->kind));
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
            for (size_t k = 0; k < st->n_factors; k++) {
                g_string_append(o, k ? ", {" : "{");
                js_kv(o, "code", st->factors[k].code);
                js_kv(o, "title", st->factors[k].title);
                js_close(o, "}");
            }
            js_close(o, "]}");
        }
        js_close(o, "]}");
    }
    g_string_append(o, "],\n\"glossary\": [");
    for (size_t i = 0; i < p->n_terms; i++) {
        g_string_append(o, i ? ", {" : "{");
        js_kv(o, "abbr", p->terms[i].abbr);
        js_kv(o, "meaning", p->terms[i].meaning);
        js_close(o, "}");
    }
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
    js_ki(o, "export_version", 1);
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
            js_kv(o, "direction", direction_key(in->direction));
            js_kv(o, "kind", in->kind == IND_QUALITATIVE ? "qualitative" : "quantitative");
            js_kv(o, "baseline", in->baseline);
            if (in->baseline)
                js_ki(o, "baseline_year", in->baseline_year);
            else
                g_string_append(o, "\"baseline_year\": null, ");
            js_kv(o, "source", in->source);
            js_refs(o, "answerable", &in->answerable);
            g_string_append(o, "\"targets\": [");
            for (size_t k = 0; k < in->n_targets; k++) {
                g_string_append(o, k ? ", {" : "{");
                js_kv(o, "phase", in->targets[k].phase.id);
                js_kv(o, "value", in->targets[k].value);
                js_close(o, "}");
            }
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
                js_kv(o, "status", status_key(pj->budget[k].status));
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

static int export_json(const Plan *p, const char *dir, Diag *d)
{
    char *json = plan_json(p);
    OutFile *f = stage(dir, "plan.json", json, strlen(json), d);
    g_free(json);
    return commit(&f, 1, d);
}

/* --- XLSX ------------------------------------------------------------------ */

/* Width of text in character cells: Thai vowel and tone marks above and
 * below (combining marks) take no width of their own. */
static double text_width(const char *s)
{
    double w = 0, line = 0;
    for (const char *c = s; *c; c = g_utf8_next_char(c)) {
        gunichar u = g_utf8_get_char(c);
        if (u == '\n') {
            line = 0;
            continue;
        }
        GUnicodeType ty = g_unichar_type(u);
        if (ty != G_UNICODE_NON_SPACING_MARK && ty != G_UNICODE_ENCLOSING_MARK)
            line += 1;
        if (line > w)
            w = line;
    }
    return w;
}

/* Writes the workbook with libxlsxwriter into a private folder (it can only
 * write a named file), then passes the bytes on through outfile.c. */
static int export_xlsx(const Plan *p, Table *t[N_TABLES], const char *dir, Diag *d)
{
    const char *tmp = getenv("TMPDIR");
    char *priv = g_strdup_printf("%s/phaen-xlsx-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!g_mkdtemp(priv)) {
        diag_error(d, priv, 0, "cannot make a temporary folder: %s", strerror(errno));
        g_free(priv);
        return -1;
    }
    char *path = g_build_filename(priv, "plan.xlsx", NULL);
    lxw_workbook_options wo = {.tmpdir = priv};
    lxw_workbook *wb = workbook_new_opt(path, &wo);
    int rc = -1;
    if (!wb) {
        diag_error(d, path, 0, "cannot start the workbook");
        goto out;
    }
    /* The plan's own date, not now: the same plan gives the same bytes. */
    struct tm tm = {.tm_year = p->date_y - 1900, .tm_mon = p->date_m - 1, .tm_mday = p->date_d};
    lxw_doc_properties props = {.title = (char *)p->title, .created = timegm(&tm)};
    workbook_set_properties(wb, &props);
    lxw_format *head = workbook_add_format(wb);
    format_set_bold(head);
    format_set_bottom(head, LXW_BORDER_THIN);
    lxw_format *money = workbook_add_format(wb);
    format_set_num_format(money, "#,##0");
    lxw_format *wrap = workbook_add_format(wb);
    format_set_text_wrap(wrap);
    format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);

    for (size_t i = 0; i < N_TABLES; i++) {
        lxw_worksheet *ws = workbook_add_worksheet(wb, t[i]->name);
        worksheet_freeze_panes(ws, 1, 0);
        for (size_t k = 0; k < t[i]->n_cols; k++) {
            double w = text_width(t[i]->cols[k].key) + 2;
            worksheet_write_string(ws, 0, (lxw_col_t)k, t[i]->cols[k].key, head);
            for (size_t r = 0; r < t[i]->rows->len; r++) {
                const char *cell = ((char **)g_ptr_array_index(t[i]->rows, r))[k];
                lxw_row_t row = (lxw_row_t)(r + 1);
                ColType ty = t[i]->cols[k].type;
                double cw = text_width(cell) + 1;
                if (!*cell)
                    continue;
                if (ty == COL_AMOUNT) {
                    worksheet_write_number(ws, row, (lxw_col_t)k, (double)g_ascii_strtoll(cell, NULL, 10), money);
                    cw = cw + (cw - 1) / 3; /* the separators */
                } else if (ty == COL_INT) {
                    worksheet_write_number(ws, row, (lxw_col_t)k, (double)g_ascii_strtoll(cell, NULL, 10), NULL);
                } else {
                    worksheet_write_string(ws, row, (lxw_col_t)k, cell, strchr(cell, '\n') ? wrap : NULL);
                }
                if (cw > w)
                    w = cw;
            }
            /* long prose wraps in a column of at most 60 characters */
            worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k, w > 60 ? 60 : w,
                                 w > 60 ? wrap : NULL);
        }
    }
    /* Totals: per fiscal year and program, then the plan. */
    lxw_worksheet *ws = workbook_add_worksheet(wb, "totals");
    worksheet_freeze_panes(ws, 1, 0);
    worksheet_write_string(ws, 0, 0, "program", head);
    for (size_t y = 0; y < p->n_fiscal_years; y++)
        worksheet_write_number(ws, 0, (lxw_col_t)(y + 1), p->fiscal_years[y], head);
    worksheet_write_string(ws, 0, (lxw_col_t)(p->n_fiscal_years + 1), "total", head);
    int64_t *col = g_new0(int64_t, p->n_fiscal_years + 1);
    for (size_t g = 0; g < p->n_programs; g++) {
        worksheet_write_string(ws, (lxw_row_t)(g + 1), 0, p->programs[g].id, NULL);
        int64_t row = 0;
        for (size_t y = 0; y < p->n_fiscal_years; y++) {
            int64_t sum = 0;
            for (size_t j = 0; j < p->programs[g].n_projects; j++)
                sum += project_budget(&p->programs[g].projects[j], p->fiscal_years[y]);
            worksheet_write_number(ws, (lxw_row_t)(g + 1), (lxw_col_t)(y + 1), (double)sum, money);
            row += sum;
            col[y] += sum;
        }
        col[p->n_fiscal_years] += row;
        worksheet_write_number(ws, (lxw_row_t)(g + 1), (lxw_col_t)(p->n_fiscal_years + 1), (double)row, money);
    }
    lxw_row_t last = (lxw_row_t)(p->n_programs + 1);
    worksheet_write_string(ws, last, 0, "total", head);
    for (size_t y = 0; y <= p->n_fiscal_years; y++)
        worksheet_write_number(ws, last, (lxw_col_t)(y + 1), (double)col[y], money);
    worksheet_set_column(ws, 0, 0, 12, NULL);
    worksheet_set_column(ws, 1, (lxw_col_t)(p->n_fiscal_years + 1), 16, NULL);
    g_free(col);

    lxw_error le = workbook_close(wb);
    if (le != LXW_NO_ERROR) {
        diag_error(d, path, 0, "cannot write the workbook: %s", lxw_strerror(le));
        goto out;
    }
    FILE *in = input_open(path, (size_t)1 << 31, "the workbook", d, NULL);
    size_t len = 0;
    char *bytes = in ? input_read(in, path, (size_t)1 << 31, "the workbook", d, &len) : NULL;
    if (in)
        fclose(in);
    if (bytes) {
        OutFile *f = stage(dir, "plan.xlsx", bytes, len, d);
        rc = commit(&f, 1, d);
        free(bytes);
    }
out:
    g_unlink(path);
    g_rmdir(priv);
    g_free(path);
    g_free(priv);
    return rc;
}

/* --- the command ----------------------------------------------------------- */

int export_plan(const Plan *p, ExportFormat fmt, const char *dir, Diag *d)
{
    if (g_mkdir_with_parents(dir, 0777) != 0) {
        diag_error(d, dir, 0, "cannot make the folder: %s", strerror(errno));
        return -1;
    }
    if (fmt == EXPORT_JSON)
        return export_json(p, dir, d);
    Table *t[N_TABLES];
    build_tables(p, t);
    int rc = fmt == EXPORT_XLSX ? export_xlsx(p, t, dir, d) : export_csv(t, dir, d);
    for (size_t i = 0; i < N_TABLES; i++)
        table_free(t[i]);
    return rc;
}

Plan *export_load_checked(const char *path, size_t max_size, Diag *d)
{
    LoadOptions lo = {.max_bytes = max_size};
    Plan *p = plan_load(path, &lo, d);
    if (!p)
        return NULL;
    plan_resolve(p, d);
    plan_check(p, d);
    if (d->errors) {
        plan_free(p);
        return NULL;
    }
    return p;
}

int export_save(const char *path, const void *data, size_t len, Diag *d)
{
    OutError e = {0};
    if (outfile_save(path, data, len, &e) == 0)
        return 0;
    diag_error(d, path, 0, "%s: %s", e.step ? e.step : "cannot write", strerror(e.err));
    return -1;
}

static const struct option port_opts[] = {
    {"format", required_argument, NULL, 'f'},
    {"output", required_argument, NULL, 'o'},
    {"max-errors", required_argument, NULL, 'm'},
    {"max-size", required_argument, NULL, 'z'},
    {0, 0, 0, 0},
};

/* Options of export and import; the rest of argv (plan, tables) in *args.
 * Returns 0, or 2 after saying why. */
static int port_args(int argc, char **argv, const char **fmt, const char **out,
                     int *max_errors, size_t *max_size, GPtrArray *args)
{
    optind = 1;
    for (;;) {
        int c = getopt_long(argc, argv, "+f:o:", port_opts, NULL);
        if (c == -1) {
            if (optind >= argc)
                break;
            g_ptr_array_add(args, argv[optind++]);
            continue;
        }
        char *end;
        switch (c) {
        case 'f':
            if (!fmt)
                goto bad;
            *fmt = optarg;
            break;
        case 'o': *out = optarg; break;
        case 'm':
            *max_errors = (int)strtol(optarg, &end, 10);
            if (*end || *max_errors < 0)
                goto bad;
            break;
        case 'z':
            *max_size = (size_t)strtoull(optarg, &end, 10);
            if (*end || !*max_size)
                goto bad;
            break;
        default:
            goto bad;
        }
    }
    return 0;
bad:
    fprintf(stderr, "usage: phaen export PLAN.xml --format csv|json|xlsx -o DIR\n"
                    "       phaen import PLAN.xml TABLE.csv... -o NEW.xml\n");
    return 2;
}

int export_command(int argc, char **argv)
{
    const char *fmt = "csv", *out = NULL;
    int max_errors = 50;
    size_t max_size = 0;
    GPtrArray *args = g_ptr_array_new();
    int status = port_args(argc, argv, &fmt, &out, &max_errors, &max_size, args);
    ExportFormat f = EXPORT_CSV;
    if (!status && (args->len != 1 || !out)) {
        fprintf(stderr, "phaen: export needs one plan and an output folder: "
                        "phaen export PLAN.xml --format csv|json|xlsx -o DIR\n");
        status = 2;
    } else if (!status && !strcmp(fmt, "json")) {
        f = EXPORT_JSON;
    } else if (!status && !strcmp(fmt, "xlsx")) {
        f = EXPORT_XLSX;
    } else if (!status && strcmp(fmt, "csv") != 0) {
        fprintf(stderr, "phaen: --format takes csv, json or xlsx, not '%s'\n", fmt);
        status = 2;
    }
    if (!status) {
        Diag d;
        diag_init(&d, stderr, max_errors);
        Plan *p = export_load_checked(g_ptr_array_index(args, 0), max_size, &d);
        status = !p ? 1 : export_plan(p, f, out, &d) == 0 ? 0 : 2;
        plan_free(p);
        diag_finish(&d);
        load_cleanup();
    }
    g_ptr_array_free(args, TRUE);
    return status;
}

int import_command(int argc, char **argv)
{
    const char *out = NULL;
    int max_errors = 50;
    size_t max_size = 0;
    GPtrArray *args = g_ptr_array_new();
    int status = port_args(argc, argv, NULL, &out, &max_errors, &max_size, args);
    if (!status && (args->len < 2 || !out)) {
        fprintf(stderr, "phaen: import needs a plan, at least one table and an output "
                        "file: phaen import PLAN.xml TABLE.csv... -o NEW.xml\n");
        status = 2;
    }
    if (!status) {
        Diag d;
        diag_init(&d, stderr, max_errors);
        status = import_tables(g_ptr_array_index(args, 0), (const char *const *)args->pdata + 1,
                               args->len - 1, out, max_size, &d, stdout);
        diag_finish(&d);
        load_cleanup();
    }
    g_ptr_array_free(args, TRUE);
    return status;
}
