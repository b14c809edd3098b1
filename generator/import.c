/* import.c - tables in the export's CSV shape merged back into a plan.
 *
 *   phaen import PLAN.xml projects.csv budgets.csv ... -o NEW.xml
 *
 * The tables are read by csvin.c (libcsv, RFC 4180: quotes, commas and
 * line breaks in cells, CRLF; a BOM is skipped).  Every cell is checked first,
 * against the plan and the other tables, and every problem is reported as
 * TABLE.csv:ROW:COLUMN (ROW counts records, the header being 1, as a
 * spreadsheet numbers its rows).  Only then is the libxml2 tree of the
 * original file edited, in place, so that comments, order and everything
 * the tables do not carry stay as they were; a value is touched only when
 * it differs.  The result is loaded, resolved and checked like any plan
 * before it is written, atomically.  This is the one module besides load.c
 * that includes libxml2: it edits a tree, which the model cannot give back.
 */
#include "export.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "check.h"
#include "csvin.h"
#include "input.h"
#include "load.h"
#include "outfile.h"
#include "resolve.h"
#include "xmledit.h"

typedef enum { T_PROJECTS, T_BUDGETS, T_INDICATORS } TableKind;

static const char *const project_keys[] = {"id", "program", "issue", "strategy", "indicators",
                                           "lead", "support", "title", "objective",
                                           "budget_source", "serves", "factors", NULL};
static const char *const budget_keys[] = {"project", "year", "amount", "status", NULL};
static const char *const indicator_keys[] = {"id", "issue", "goal", "name", "unit",
                                             "direction", "kind", "baseline", "baseline_year",
                                             "source", "answerable", NULL};

typedef CsvRow Row;

typedef struct Table {
    const char *path;
    TableKind kind;
    char **keys;            /* the header */
    size_t n_keys;
    GPtrArray *rows;        /* Row * */
} Table;

typedef struct Imp {
    Diag *d;
    const Plan *p;
    GHashTable *nodes;      /* id -> xmlNode (the original's, then the new ones) */
    GHashTable *new_ids;    /* id -> ObjKind of rows that add an object */
    int changes;
} Imp;

static void err_at(Imp *im, const Table *t, int row, size_t col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void err_at(Imp *im, const Table *t, int row, size_t col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    char *place = g_strdup_printf("%s:%d:%zu", t->path, row, col + 1);
    diag_error(im->d, place, 0, "%s", msg);
    g_free(place);
    g_free(msg);
}

/* --- reading the tables ------------------------------------------------------ */

static void table_free(Table *t)
{
    if (!t)
        return;
    g_strfreev(t->keys);
    g_ptr_array_free(t->rows, TRUE);
    g_free(t);
}

static int key_in(const char *key, const char *const *keys)
{
    for (size_t i = 0; keys[i]; i++)
        if (!strcmp(key, keys[i]))
            return 1;
    return 0;
}

/* The tables the export writes and import does not read, by file name. */
static const char *export_only(const char *base)
{
    static const char *const names[] = {"goals", "strategies", "agencies", "subtargets",
                                        "factors", "glossary", "approvals", NULL};
    for (size_t i = 0; names[i]; i++)
        if (g_str_has_prefix(base, names[i]))
            return names[i];
    return NULL;
}

/* A column of yearly targets, "target_fy.2563": its fiscal year, else 0. */
static int yearly_column(const char *key);

static Table *read_table(Imp *im, const char *path, size_t max_size, int *io)
{
    const char *other;
    CsvTable csv;
    if (csvin_read(path, max_size, "the table", "1", im->d, io, &csv) != 0)
        return NULL;
    Table *t = g_new0(Table, 1);
    t->path = path;
    t->keys = csv.keys;
    t->n_keys = csv.n_keys;
    t->rows = csv.rows;
    if (!t->keys) {
        err_at(im, t, 1, 0, "the table is empty: its first row must name the columns");
        table_free(t);
        return NULL;
    }
    /* Which table: by the file's name, else by its columns. */
    char *base = g_path_get_basename(path);
    if (g_str_has_prefix(base, "projects"))
        t->kind = T_PROJECTS;
    else if (g_str_has_prefix(base, "budgets"))
        t->kind = T_BUDGETS;
    else if (g_str_has_prefix(base, "indicators"))
        t->kind = T_INDICATORS;
    else if ((other = export_only(base))) {
        /* the export writes it; the plan itself is where it changes */
        err_at(im, t, 1, 0, "phaen import reads the projects, budgets and indicators tables, "
               "not the %s table: change the %s in the plan itself", other, other);
        g_free(base);
        table_free(t);
        return NULL;
    } else {
        int pr = 0, bu = 0, in = 0;
        for (size_t k = 0; k < t->n_keys; k++) {
            bu += !strcmp(t->keys[k], "amount") || !strcmp(t->keys[k], "year");
            in += !strcmp(t->keys[k], "direction") || g_str_has_prefix(t->keys[k], "target.");
            pr += !strcmp(t->keys[k], "strategy") || !strcmp(t->keys[k], "objective");
        }
        if (bu && !in && !pr)
            t->kind = T_BUDGETS;
        else if (in && !bu && !pr)
            t->kind = T_INDICATORS;
        else if (pr && !bu && !in)
            t->kind = T_PROJECTS;
        else {
            err_at(im, t, 1, 0, "cannot tell which table this is: name the file projects*.csv, "
                   "budgets*.csv or indicators*.csv");
            g_free(base);
            table_free(t);
            return NULL;
        }
    }
    g_free(base);
    return t;
}

/* Column index of key, or -1 when the table does not have it. */
static int col_of(const Table *t, const char *key)
{
    for (size_t k = 0; k < t->n_keys; k++)
        if (!strcmp(t->keys[k], key))
            return (int)k;
    return -1;
}

/* The cell, or NULL when the column is absent (keep what the plan says). */
static const char *cell(const Table *t, const Row *r, const char *key)
{
    int k = col_of(t, key);
    if (k < 0)
        return NULL;
    return (size_t)k < r->n ? r->cells[k] : "";
}

/* Reports every problem of the header and of the rows' shape; returns 0
 * only when the rows cannot be read at all (no id column), so that the
 * rows of a table with an unknown column are still checked. */
static int check_header(Imp *im, Table *t)
{
    int ok = 1;
    const char *const *keys = t->kind == T_PROJECTS ? project_keys
                              : t->kind == T_BUDGETS ? budget_keys : indicator_keys;
    const char *what = t->kind == T_PROJECTS ? "projects" : t->kind == T_BUDGETS ? "budgets"
                                                                                : "indicators";
    for (size_t k = 0; k < t->n_keys; k++) {
        const char *key = t->keys[k];
        if (col_of(t, key) != (int)k)
            err_at(im, t, 1, k, "column '%s' appears twice", key);
        else if (t->kind == T_INDICATORS && g_str_has_prefix(key, "target.")) {
            ObjKind kind;
            if (!plan_find(im->p, key + 7, &kind) || kind != KIND_PHASE)
                err_at(im, t, 1, k, "column '%s': the plan has no phase '%s'", key, key + 7);
        } else if (t->kind == T_INDICATORS && g_str_has_prefix(key, "target_fy.")) {
            int y = yearly_column(key);
            if (!y)
                err_at(im, t, 1, k, "column '%s': '%s' is not a fiscal year (Buddhist Era, "
                       "2400 to 2700)", key, key + 10);
            else if (im->p->format < 2)
                err_at(im, t, 1, k, "column '%s': a format-1 plan has no yearly targets "
                       "(make it <plan format=\"2\">)", key);
        } else if (!key_in(key, keys))
            err_at(im, t, 1, k, "unknown column '%s' in a %s table (the export's README "
                   "lists the columns)", key, what);
    }
    const char *id = t->kind == T_BUDGETS ? "project" : "id";
    if (col_of(t, id) < 0) {
        err_at(im, t, 1, 0, "a %s table needs an '%s' column", what, id);
        ok = 0;
    }
    if (t->kind == T_BUDGETS && col_of(t, "year") < 0) {
        err_at(im, t, 1, 0, "a budgets table needs a 'year' column");
        ok = 0;
    }
    for (size_t i = 0; i < t->rows->len; i++) {
        Row *r = g_ptr_array_index(t->rows, i);
        if (r->n != t->n_keys)
            err_at(im, t, r->rec, r->n < t->n_keys ? r->n : t->n_keys,
                   "the row has %zu cells, the header %zu", r->n, t->n_keys);
        for (size_t k = 0; k < r->n; k++)
            if (!g_utf8_validate(r->cells[k], -1, NULL)) {
                err_at(im, t, r->rec, k, "the cell is not UTF-8 text (save the table as "
                       "\"CSV UTF-8\")");
                r->cells[k][0] = '\0';
            }
    }
    return ok;
}

/* --- checking cells ---------------------------------------------------------- */

static ObjKind kind_of(Imp *im, const char *id)
{
    ObjKind k = KIND_NONE;
    if (plan_find(im->p, id, &k))
        return k;
    gpointer v = g_hash_table_lookup(im->new_ids, id);
    return v ? (ObjKind)GPOINTER_TO_INT(v) : KIND_NONE;
}

/* Checks that each id of a space-separated list names a `want`. */
static void check_refs(Imp *im, const Table *t, const Row *r, const char *key, ObjKind want)
{
    const char *v = cell(t, r, key);
    if (!v)
        return;
    char **ids = g_strsplit_set(v, " \t\n", -1);
    for (char **id = ids; *id; id++) {
        if (!**id)
            continue;
        ObjKind k = kind_of(im, *id);
        if (k == KIND_NONE)
            err_at(im, t, r->rec, (size_t)col_of(t, key), "unknown %s '%s'",
                   plan_kind_name(want), *id);
        else if (k != want)
            err_at(im, t, r->rec, (size_t)col_of(t, key), "'%s' is %s %s, not %s %s", *id,
                   k == KIND_AGENCY || k == KIND_INDICATOR || k == KIND_ISSUE ? "an" : "a",
                   plan_kind_name(k),
                   want == KIND_AGENCY || want == KIND_INDICATOR ? "an" : "a",
                   plan_kind_name(want));
    }
    g_strfreev(ids);
}

/* "12,500,000" or "12500000": whole baht.  -1 when it is not one. */
static long long parse_amount(const char *s)
{
    long long v = 0;
    int digits = 0;
    for (const char *c = s; *c; c++) {
        if (*c >= '0' && *c <= '9') {
            if (++digits > 15)
                return -1;
            v = v * 10 + (*c - '0');
        } else if (*c != ',' || !digits) {
            return -1;
        }
    }
    return digits ? v : -1;
}

static int parse_year(const char *s)
{
    char *end;
    long y = strtol(s, &end, 10);
    return *s && !*end && y >= 2400 && y <= 2700 ? (int)y : 0;
}

static int yearly_column(const char *key)
{
    return g_str_has_prefix(key, "target_fy.") ? parse_year(key + 10) : 0;
}

static void need(Imp *im, const Table *t, const Row *r, const char *key, const char *what)
{
    const char *v = cell(t, r, key);
    if (v && !*v)
        err_at(im, t, r->rec, (size_t)col_of(t, key), "%s cannot be empty", what);
}

static void one_of(Imp *im, const Table *t, const Row *r, const char *key,
                   const char *const *ok, const char *say)
{
    const char *v = cell(t, r, key);
    if (v && *v && !key_in(v, ok))
        err_at(im, t, r->rec, (size_t)col_of(t, key), "'%s' is not %s", v, say);
}

/* A row that adds an object (`what`) needs a value in each of the columns
 * `keys`; one missing is reported at the id. */
static void new_row_needs(Imp *im, const Table *t, const Row *r, const char *what,
                          const char *const *keys)
{
    for (size_t m = 0; keys[m]; m++) {
        const char *v = cell(t, r, keys[m]);
        if (!v || !*v)
            err_at(im, t, r->rec, (size_t)col_of(t, v ? keys[m] : "id"), "new %s '%s' needs "
                   "a value in column '%s'", what, cell(t, r, "id"), keys[m]);
    }
}

static void check_projects(Imp *im, const Table *t)
{
    for (size_t i = 0; i < t->rows->len; i++) {
        const Row *r = g_ptr_array_index(t->rows, i);
        const char *id = cell(t, r, "id");
        ObjKind k = kind_of(im, id);
        if (k == KIND_NONE || (k == KIND_PROJECT && !plan_find(im->p, id, &k))) {
            static const char *const keys[] = {"program", "strategy", "title", "objective",
                                               NULL};
            new_row_needs(im, t, r, "project", keys);
        }
        check_refs(im, t, r, "program", KIND_PROGRAM);
        check_refs(im, t, r, "strategy", KIND_STRATEGY);
        check_refs(im, t, r, "indicators", KIND_INDICATOR);
        check_refs(im, t, r, "lead", KIND_AGENCY);
        check_refs(im, t, r, "support", KIND_AGENCY);
        check_refs(im, t, r, "serves", KIND_SUBTARGET);
        check_refs(im, t, r, "factors", KIND_FACTOR);
        const char *align[] = {"serves", "factors"};
        for (size_t m = 0; m < 2; m++) {
            const char *v = cell(t, r, align[m]);
            if (v && *v && im->p->format < 2)
                err_at(im, t, r->rec, (size_t)col_of(t, align[m]), "a format-1 plan has no "
                       "sub-plan targets or factors (make it <plan format=\"2\">)");
        }
        need(im, t, r, "strategy", "a project's strategy");
        need(im, t, r, "title", "a project's title");
        need(im, t, r, "objective", "a project's objective");
        /* issue is the program's: a check, not something to change */
        const char *issue = cell(t, r, "issue"), *prog = cell(t, r, "program");
        ObjKind pk;
        const Project *pj = plan_find(im->p, id, &pk);
        const Program *pg = prog && *prog ? plan_find(im->p, prog, &pk)
                            : pj && pk == KIND_PROJECT ? pj->program : NULL;
        if (issue && *issue && pg && pk == KIND_PROGRAM && strcmp(issue, pg->issue.id) != 0)
            err_at(im, t, r->rec, (size_t)col_of(t, "issue"), "program '%s' belongs to issue "
                   "'%s', not '%s' (the issue follows from the program)", pg->id,
                   pg->issue.id, issue);
    }
}

static const char *const statuses[] = {"requested", "approved", "allocated", NULL};

static void check_budgets(Imp *im, const Table *t, GHashTable *seen)
{
    for (size_t i = 0; i < t->rows->len; i++) {
        const Row *r = g_ptr_array_index(t->rows, i);
        const char *pj = cell(t, r, "project"), *year = cell(t, r, "year");
        const char *amount = cell(t, r, "amount");
        check_refs(im, t, r, "project", KIND_PROJECT);
        if (!*pj)
            err_at(im, t, r->rec, (size_t)col_of(t, "project"), "the project cannot be empty");
        if (!parse_year(year))
            err_at(im, t, r->rec, (size_t)col_of(t, "year"), "'%s' is not a fiscal year "
                   "(Buddhist Era, 2400 to 2700)", year);
        if (amount && *amount && parse_amount(amount) < 0)
            err_at(im, t, r->rec, (size_t)col_of(t, "amount"), "'%s' is not a whole number "
                   "of baht", amount);
        one_of(im, t, r, "status", statuses, "a budget status (requested, approved, allocated)");
        char *key = g_strdup_printf("%s %s", pj, year);
        char *where = g_hash_table_lookup(seen, key);
        if (where) {
            err_at(im, t, r->rec, (size_t)col_of(t, "year"), "project '%s' has fiscal year %s "
                   "twice (first at %s)", pj, year, where);
            g_free(key);
        } else {
            g_hash_table_insert(seen, key, g_strdup_printf("%s:%d", t->path, r->rec));
        }
    }
}

static const char *const directions[] = {"increase", "decrease", "maintain", NULL};
static const char *const kinds[] = {"quantitative", "qualitative", NULL};

static void check_indicators(Imp *im, const Table *t)
{
    for (size_t i = 0; i < t->rows->len; i++) {
        const Row *r = g_ptr_array_index(t->rows, i);
        const char *id = cell(t, r, "id");
        ObjKind k;
        if (!plan_find(im->p, id, &k)) {
            static const char *const keys[] = {"goal", "name", "direction", NULL};
            new_row_needs(im, t, r, "indicator", keys);
        }
        check_refs(im, t, r, "goal", KIND_GOAL);
        check_refs(im, t, r, "answerable", KIND_AGENCY);
        need(im, t, r, "name", "an indicator's name");
        need(im, t, r, "direction", "an indicator's direction");
        one_of(im, t, r, "direction", directions, "a direction (increase, decrease, maintain)");
        one_of(im, t, r, "kind", kinds, "a kind (quantitative, qualitative)");
        const char *kind = cell(t, r, "kind");
        if (kind && !strcmp(kind, "qualitative") && im->p->format < 2)
            err_at(im, t, r->rec, (size_t)col_of(t, "kind"), "a format-1 plan has no "
                   "qualitative indicators (make it <plan format=\"2\">)");
        const char *by = cell(t, r, "baseline_year"), *base = cell(t, r, "baseline");
        if (by && *by && !parse_year(by))
            err_at(im, t, r->rec, (size_t)col_of(t, "baseline_year"), "'%s' is not a year "
                   "(Buddhist Era, 2400 to 2700)", by);
        if (base && *base && (!by || !*by)) {
            const Indicator *in = plan_find(im->p, id, &k);
            if (!in || k != KIND_INDICATOR || !in->baseline)
                err_at(im, t, r->rec, (size_t)col_of(t, "baseline"),
                       "a baseline needs its year (column baseline_year)");
        }
        /* an indicator stays in its issue: the goal must be of it */
        const char *goal = cell(t, r, "goal"), *issue = cell(t, r, "issue");
        const Goal *g = goal && *goal ? plan_find(im->p, goal, &k) : NULL;
        const Indicator *in = plan_find(im->p, id, &k);
        if (g && kind_of(im, goal) == KIND_GOAL && in && k == KIND_INDICATOR &&
            g->issue != in->issue)
            err_at(im, t, r->rec, (size_t)col_of(t, "goal"), "goal '%s' is of issue '%s'; "
                   "indicator '%s' is defined in issue '%s' (move it in the plan itself)",
                   goal, g->issue->id, id, in->issue->id);
        if (g && kind_of(im, goal) == KIND_GOAL && issue && *issue &&
            strcmp(issue, g->issue->id) != 0)
            err_at(im, t, r->rec, (size_t)col_of(t, "issue"), "goal '%s' is of issue '%s', "
                   "not '%s'", goal, g->issue->id, issue);
    }
}

/* New ids (rows whose id the plan does not have) and duplicates. */
static void collect_ids(Imp *im, Table *t, GHashTable *seen)
{
    ObjKind want = t->kind == T_PROJECTS ? KIND_PROJECT : KIND_INDICATOR;
    for (size_t i = 0; i < t->rows->len; i++) {
        const Row *r = g_ptr_array_index(t->rows, i);
        const char *id = cell(t, r, "id");
        size_t col = (size_t)col_of(t, "id");
        if (!id || !*id) {
            err_at(im, t, r->rec, col, "the id cannot be empty");
            continue;
        }
        char *key = g_strdup_printf("%d %s", want, id);
        const char *first = g_hash_table_lookup(seen, key);
        if (first) {
            err_at(im, t, r->rec, col, "duplicate id '%s' (first at %s)", id, first);
            g_free(key);
            continue;
        }
        g_hash_table_insert(seen, key, g_strdup_printf("%s:%d", t->path, r->rec));
        ObjKind k;
        if (plan_find(im->p, id, &k)) {
            if (k != want)
                err_at(im, t, r->rec, col, "id '%s' already names %s %s", id,
                       k == KIND_AGENCY || k == KIND_INDICATOR || k == KIND_ISSUE ? "an" : "a",
                       plan_kind_name(k));
        } else if (g_hash_table_contains(im->new_ids, id)) {
            err_at(im, t, r->rec, col, "id '%s' is added by another table as well", id);
        } else {
            g_hash_table_insert(im->new_ids, (gpointer)id, GINT_TO_POINTER(want));
        }
    }
}

/* --- editing the tree (xmledit.h) ------------------------------------------- */

/* A list cell as the plan writes it: ids one space apart. */
static char *list_of(const char *v)
{
    if (!v)
        return NULL;
    char **ids = g_strsplit_set(v, " \t\r\n,", -1);
    GString *o = g_string_new(NULL);
    for (char **id = ids; *id; id++)
        if (**id)
            g_string_append_printf(o, "%s%s", o->len ? " " : "", *id);
    g_strfreev(ids);
    return g_string_free(o, FALSE);
}

static const char *const project_order[] = {"title", "objective", "lead", "support", "budget",
                                            NULL};

static void apply_project(Imp *im, const Table *t, const Row *r, xmlDoc *doc)
{
    const char *id = cell(t, r, "id"), *prog = cell(t, r, "program");
    xmlNode *pj = g_hash_table_lookup(im->nodes, id);
    if (!pj) {
        pj = xmlNewDocNode(doc, NULL, (const xmlChar *)"project", NULL);
        xmlSetProp(pj, (const xmlChar *)"id", (const xmlChar *)id);
        xmlSetProp(pj, (const xmlChar *)"strategy", (const xmlChar *)cell(t, r, "strategy"));
        xe_put_last(g_hash_table_lookup(im->nodes, prog), pj);
        g_hash_table_insert(im->nodes, (gpointer)id, pj);
        im->changes++;
    } else if (prog && *prog) {
        xmlChar *was = xmlGetProp(pj->parent, (const xmlChar *)"id");
        if (strcmp((const char *)was, prog) != 0) {
            if (xe_blank_text(pj->prev)) {
                xmlNode *ws = pj->prev;
                xmlUnlinkNode(ws);
                xmlFreeNode(ws);
            }
            xmlUnlinkNode(pj);
            xe_put_last(g_hash_table_lookup(im->nodes, prog), pj);
            im->changes++;
        }
        xmlFree(was);
    }
    xe_set_attr(&im->changes, pj, "strategy", cell(t, r, "strategy"));
    char *inds = list_of(cell(t, r, "indicators"));
    xe_set_attr(&im->changes, pj, "indicators", inds);
    g_free(inds);
    xe_set_child_text(&im->changes, pj, "title", cell(t, r, "title"), project_order);
    xe_set_child_text(&im->changes, pj, "objective", cell(t, r, "objective"), project_order);
    char *lead = list_of(cell(t, r, "lead")), *sup = list_of(cell(t, r, "support"));
    xe_set_child_attr(&im->changes, pj, "lead", "agency", lead, project_order);
    xe_set_child_attr(&im->changes, pj, "support", "agencies", sup, project_order);
    g_free(lead);
    g_free(sup);
    char *serves = list_of(cell(t, r, "serves")), *factors = list_of(cell(t, r, "factors"));
    xe_set_attr(&im->changes, pj, "serves", serves);
    xe_set_attr(&im->changes, pj, "factors", factors);
    g_free(serves);
    g_free(factors);
    const char *src = cell(t, r, "budget_source");
    xmlNode *b = xe_child(pj, "budget");
    if (src && *src && !b) {
        b = xmlNewDocNode(doc, NULL, (const xmlChar *)"budget", NULL);
        xe_put_in_order(pj, b, project_order);
    }
    if (b)
        xe_set_attr(&im->changes, b, "source", src);
}

static void apply_budget(Imp *im, const Table *t, const Row *r, xmlDoc *doc)
{
    xmlNode *pj = g_hash_table_lookup(im->nodes, cell(t, r, "project"));
    const char *year = cell(t, r, "year"), *amount = cell(t, r, "amount");
    const char *status = cell(t, r, "status");
    xmlNode *b = xe_child(pj, "budget"), *fy = NULL, *after = NULL;
    int y = parse_year(year);
    for (xmlNode *c = b ? b->children : NULL; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "fy") != 0)
            continue;
        xmlChar *cy = xmlGetProp(c, (const xmlChar *)"year");
        int v = cy ? atoi((const char *)cy) : 0;
        xmlFree(cy);
        if (v == y)
            fy = c;
        else if (v > y && !after)
            after = c;
    }
    if (!amount || !*amount) {
        /* an empty amount: no allocation that year (not 0 baht) */
        if (amount && fy) {
            xe_drop(fy);
            im->changes++;
            if (!xe_child(b, "fy"))
                xe_drop(b);
        } else if (!amount && fy && status && *status) {
            xe_set_attr(&im->changes, fy, "status", status);
        }
        return;
    }
    char num[32];
    snprintf(num, sizeof num, "%lld", parse_amount(amount));
    if (!fy) {
        if (!status || !*status) {
            err_at(im, t, r->rec, (size_t)col_of(t, status ? "status" : "year"),
                   "a new budget line (project %s, fiscal year %s) needs a status",
                   cell(t, r, "project"), year);
            return;
        }
        if (!b) {
            b = xmlNewDocNode(doc, NULL, (const xmlChar *)"budget", NULL);
            xe_put_in_order(pj, b, project_order);
        }
        fy = xmlNewDocNode(doc, NULL, (const xmlChar *)"fy", NULL);
        xmlSetProp(fy, (const xmlChar *)"year", (const xmlChar *)year);
        xmlSetProp(fy, (const xmlChar *)"status", (const xmlChar *)status);
        xe_set_content(fy, num);
        if (after)
            xe_put_before(after, fy);
        else
            xe_put_last(b, fy);
        im->changes++;
        return;
    }
    xmlChar *old = xmlNodeGetContent(fy);
    char *o = xe_norm((const char *)old);
    if (parse_amount(o) != parse_amount(num)) {
        xe_set_content(fy, num);
        im->changes++;
    }
    g_free(o);
    xmlFree(old);
    if (status && *status)
        xe_set_attr(&im->changes, fy, "status", status);
}

static const char *const indicator_order[] = {"name", "baseline", "target", "source",
                                              "answerable", NULL};

/* Format 2: the indicator's <target year="y">: set to v, made (after its
 * last target), or removed for "". */
static void apply_yearly(Imp *im, xmlNode *in, int y, const char *v, xmlDoc *doc)
{
    xmlNode *tg = NULL, *last = NULL;
    for (xmlNode *c = in->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "target") != 0)
            continue;
        last = c;
        xmlChar *cy = xmlGetProp(c, (const xmlChar *)"year");
        if (cy && atoi((const char *)cy) == y)
            tg = c;
        xmlFree(cy);
    }
    if (!*v) {
        if (tg) {
            xe_drop(tg);
            im->changes++;
        }
        return;
    }
    if (tg) {
        xmlChar *old = xmlNodeGetContent(tg);
        if (!xe_same_text((const char *)old, v)) {
            xe_set_content(tg, v);
            im->changes++;
        }
        xmlFree(old);
        return;
    }
    char year[16];
    snprintf(year, sizeof year, "%d", y);
    tg = xmlNewDocNode(doc, NULL, (const xmlChar *)"target", NULL);
    xmlSetProp(tg, (const xmlChar *)"year", (const xmlChar *)year);
    xe_set_content(tg, v);
    if (last)
        xe_put_after(last, tg);
    else
        xe_put_in_order(in, tg, indicator_order);
    im->changes++;
}

static void apply_indicator(Imp *im, const Table *t, const Row *r, xmlDoc *doc)
{
    const char *id = cell(t, r, "id"), *goal = cell(t, r, "goal");
    xmlNode *in = g_hash_table_lookup(im->nodes, id);
    if (!in) {
        /* after the last indicator of its goal, else right after the goal */
        xmlNode *g = g_hash_table_lookup(im->nodes, goal), *last = g;
        for (xmlNode *c = g->next; c; c = c->next) {
            if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "indicator") != 0)
                continue;
            xmlChar *cg = xmlGetProp(c, (const xmlChar *)"goal");
            if (cg && !strcmp((const char *)cg, goal))
                last = c;
            xmlFree(cg);
        }
        in = xmlNewDocNode(doc, NULL, (const xmlChar *)"indicator", NULL);
        xmlSetProp(in, (const xmlChar *)"id", (const xmlChar *)id);
        xe_put_after(last, in);
        g_hash_table_insert(im->nodes, (gpointer)id, in);
        im->changes++;
    }
    xe_set_attr(&im->changes, in, "goal", goal);
    xe_set_attr(&im->changes, in, "unit", cell(t, r, "unit"));
    xe_set_attr(&im->changes, in, "direction", cell(t, r, "direction"));
    const char *kind = cell(t, r, "kind");
    if (kind && im->p->format >= 2) {
        /* quantitative is the default: written only when it was there */
        xmlChar *was = xmlGetProp(in, (const xmlChar *)"kind");
        if (was || strcmp(kind, "quantitative") != 0)
            xe_set_attr(&im->changes, in, "kind", *kind ? kind : "quantitative");
        xmlFree(was);
    }
    xe_set_child_text(&im->changes, in, "name", cell(t, r, "name"), indicator_order);
    xmlNode *b = xe_set_child_text(&im->changes, in, "baseline", cell(t, r, "baseline"), indicator_order);
    const char *by = cell(t, r, "baseline_year");
    if (b && by && *by)
        xe_set_attr(&im->changes, b, "year", by);
    for (size_t k = 0; k < t->n_keys; k++) {
        if (!g_str_has_prefix(t->keys[k], "target."))
            continue;
        const char *phase = t->keys[k] + 7, *v = k < r->n ? r->cells[k] : "";
        ObjKind pk;
        const Phase *ph = plan_find(im->p, phase, &pk);
        xmlNode *tg = NULL, *later = NULL;
        for (xmlNode *c = in->children; c; c = c->next) {
            if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "target") != 0)
                continue;
            xmlChar *cp = xmlGetProp(c, (const xmlChar *)"phase");
            const Phase *cph = cp ? plan_find(im->p, (const char *)cp, &pk) : NULL;
            if (cp && !strcmp((const char *)cp, phase))
                tg = c;
            else if (!later && cph && pk == KIND_PHASE && cph->index > ph->index)
                later = c;
            xmlFree(cp);
        }
        if (!*v) {
            if (tg) {
                xe_drop(tg);
                im->changes++;
            }
        } else if (tg) {
            xmlChar *old = xmlNodeGetContent(tg);
            if (!xe_same_text((const char *)old, v)) {
                xe_set_content(tg, v);
                im->changes++;
            }
            xmlFree(old);
        } else {
            tg = xmlNewDocNode(doc, NULL, (const xmlChar *)"target", NULL);
            xmlSetProp(tg, (const xmlChar *)"phase", (const xmlChar *)phase);
            xe_set_content(tg, v);
            if (later)
                xe_put_before(later, tg);
            else
                xe_put_in_order(in, tg, indicator_order);
            im->changes++;
        }
    }
    for (size_t k = 0; k < t->n_keys; k++) {
        int y = yearly_column(t->keys[k]);
        if (y)
            apply_yearly(im, in, y, k < r->n ? r->cells[k] : "", doc);
    }
    xe_set_child_text(&im->changes, in, "source", cell(t, r, "source"), indicator_order);
    char *ans = list_of(cell(t, r, "answerable"));
    xe_set_child_attr(&im->changes, in, "answerable", "agencies", ans, indicator_order);
    g_free(ans);
}

static void index_ids(GHashTable *nodes, xmlNode *n)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        xmlChar *id = xmlGetProp(n, (const xmlChar *)"id");
        if (id) {
            /* the key lives as long as the tree: the attribute's own text */
            xmlAttr *a = xmlHasProp(n, (const xmlChar *)"id");
            if (a && a->children && a->children->content)
                g_hash_table_insert(nodes, a->children->content, n);
            xmlFree(id);
        }
        index_ids(nodes, n->children);
    }
}

/* --- the whole run ----------------------------------------------------------- */

int import_tables(const char *plan_path, const char *const *tables, size_t n_tables,
                  const char *out, size_t max_size, Diag *d, FILE *msg)
{
    size_t limit = max_size ? max_size : (size_t)64 << 20;
    Plan *p = export_load_checked(plan_path, max_size, d);
    if (!p)
        return 1;
    Imp im = {.d = d, .p = p,
              .nodes = g_hash_table_new(g_str_hash, g_str_equal),
              .new_ids = g_hash_table_new(g_str_hash, g_str_equal)};
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    GHashTable *years = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    Table **t = g_new0(Table *, n_tables);
    int status = 0, io = 0;
    for (size_t i = 0; i < n_tables; i++) {
        t[i] = read_table(&im, tables[i], limit, &io);
        if (t[i] && !check_header(&im, t[i])) {
            table_free(t[i]);
            t[i] = NULL;
        }
    }
    for (size_t i = 0; i < n_tables; i++)
        if (t[i] && t[i]->kind != T_BUDGETS)
            collect_ids(&im, t[i], seen);
    for (size_t i = 0; i < n_tables; i++) {
        if (!t[i])
            continue;
        if (t[i]->kind == T_PROJECTS)
            check_projects(&im, t[i]);
        else if (t[i]->kind == T_BUDGETS)
            check_budgets(&im, t[i], years);
        else
            check_indicators(&im, t[i]);
    }
    FILE *src = NULL;
    char *orig = NULL;
    size_t orig_len = 0;
    xmlDoc *doc = NULL;
    if (d->errors) {
        status = 1;
        goto done;
    }
    src = input_open(plan_path, limit, "the plan", d, NULL);
    orig = src ? input_read(src, plan_path, limit, "the plan", d, &orig_len) : NULL;
    if (src)
        fclose(src);
    /* The loader has accepted these bytes (no DOCTYPE, valid): the same
     * safe options, and blanks kept so that the layout stays. */
    doc = orig ? xmlReadMemory(orig, (int)orig_len, NULL, "UTF-8",
                               XML_PARSE_NONET | XML_PARSE_BIG_LINES) : NULL;
    if (!doc) {
        status = 2;
        goto done;
    }
    index_ids(im.nodes, xmlDocGetRootElement(doc));
    /* projects before budgets, so a budget can name a project added here */
    for (int pass = 0; pass < 3; pass++)
        for (size_t i = 0; i < n_tables; i++) {
            TableKind want = pass == 0 ? T_INDICATORS : pass == 1 ? T_PROJECTS : T_BUDGETS;
            if (!t[i] || t[i]->kind != want)
                continue;
            for (size_t k = 0; k < t[i]->rows->len; k++) {
                const Row *r = g_ptr_array_index(t[i]->rows, k);
                int before = im.changes;
                if (want == T_PROJECTS)
                    apply_project(&im, t[i], r, doc);
                else if (want == T_BUDGETS)
                    apply_budget(&im, t[i], r, doc);
                else
                    apply_indicator(&im, t[i], r, doc);
                if (im.changes > before)
                    fprintf(msg, "%s:%d: %s: %d change%s\n", t[i]->path, r->rec,
                            r->n ? r->cells[0] : "", im.changes - before,
                            im.changes - before == 1 ? "" : "s");
            }
        }
    if (d->errors) {
        status = 1;
        goto done;
    }
    if (im.changes == 0) {
        fprintf(msg, "phaen: import: no change: the tables say what %s says; %s is a copy "
                     "of it\n", plan_path, out);
        status = export_save(out, orig, orig_len, d) == 0 ? 0 : 2;
        goto done;
    }
    xmlChar *bytes = NULL;
    int len = 0;
    xmlDocDumpMemoryEnc(doc, &bytes, &len, "UTF-8");
    /* Checked like any plan before a byte is written. */
    LoadOptions lo = {.max_bytes = max_size};
    Plan *np = bytes ? plan_load_memory((const char *)bytes, (size_t)len, out, &lo, d) : NULL;
    if (np) {
        plan_resolve(np, d);
        plan_check(np, d);
    }
    if (!np || d->errors) {
        fprintf(msg, "phaen: import: the new plan has errors (lines of %s as it would be); "
                     "nothing written\n", out);
        status = 1;
    } else {
        status = export_save(out, bytes, (size_t)len, d) == 0 ? 0 : 2;
        if (!status)
            fprintf(msg, "phaen: import: %d change%s; written to %s\n", im.changes,
                    im.changes == 1 ? "" : "s", out);
    }
    plan_free(np);
    xmlFree(bytes);
done:
    if (io) /* a table that cannot be read: an I/O problem, like a plan */
        status = 2;
    if (doc)
        xmlFreeDoc(doc);
    free(orig);
    for (size_t i = 0; i < n_tables; i++)
        table_free(t[i]);
    g_free(t);
    g_hash_table_destroy(seen);
    g_hash_table_destroy(years);
    g_hash_table_destroy(im.nodes);
    g_hash_table_destroy(im.new_ids);
    plan_free(p);
    return status;
}
