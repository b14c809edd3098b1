/* exporttab.c - the export's tables (exporttab.h): one row per object, a
 * type per column, built once for the CSV and the XLSX writers.
 */
#include "exporttab.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "budget.h"

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

void export_table_free(Table *t)
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

const char *export_direction_key(Direction d)
{
    return d == DIR_DECREASE ? "decrease" : d == DIR_MAINTAIN ? "maintain" : "increase";
}

const char *export_status_key(BudgetStatus s)
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
                put(t, export_status_key(pj->budget[k].status));
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
            put(t, export_direction_key(in->direction));
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
void export_tables(const Plan *p, Table *t[N_TABLES])
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
