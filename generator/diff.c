/* diff.c - what changed between two versions of a plan; see diff.h.
 *
 * Objects are matched by id, kind by kind: each kind's objects are listed in
 * document order for both plans, and each list is sorted by id once, so a
 * match is a binary search (no scan over the projects per project).  The
 * walk over the new list puts an object removed from the old one just before
 * the first object that followed it in the old plan and is still there.
 */
#include "diff.h"

#include <stdlib.h>
#include <string.h>

#include "compose.h"
#include "thai.h"

/* ------------------------------------------------------------------ model */

/* One object of one kind, at its place in document order. */
typedef struct Item {
    const char *id;
    const void *obj;
    size_t pos;
} Item;

/* A kind's objects in document order (v) and sorted by id (by_id). */
typedef struct Seq {
    Item *v, *by_id;
    size_t n;
} Seq;

#define NOT_FOUND ((size_t)-1)

typedef struct Differ {
    PlanDiff *d;
    size_t cap;
    int oom;
    const Plan *old, *new;
} Differ;

static const char *const plan_status_name[] = {"draft", "approved", "revised"};
static const char *const budget_status_name[] = {"requested", "approved", "allocated"};
static const char *const direction_name[] = {"increase", "decrease", "maintain"};

static void add(Differ *x, ChangeKind kind, ObjKind obj, const char *id, DiffField f,
                const char *param, int number, const char *ov, const char *nv)
{
    PlanDiff *d = x->d;
    if (x->oom)
        return;
    if (d->n == x->cap) {
        size_t cap = x->cap ? x->cap * 2 : 32;
        Change *p = realloc(d->changes, cap * sizeof *p);
        if (!p) {
            x->oom = 1;
            return;
        }
        d->changes = p;
        x->cap = cap;
    }
    d->changes[d->n++] = (Change){
        .kind = kind, .obj = obj, .id = arena_strdup(d->arena, id), .field = f,
        .param = arena_strdup(d->arena, param), .number = number,
        .old_value = arena_strdup(d->arena, ov), .new_value = arena_strdup(d->arena, nv),
    };
    if (kind == CHANGE_ADDED)
        d->n_added++;
    else if (kind == CHANGE_REMOVED)
        d->n_removed++;
    else
        d->n_changed++;
}

static int same(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* One field: nothing when equal, added/removed when one side is absent. */
static void field_p(Differ *x, ObjKind obj, const char *id, DiffField f, const char *param,
                    int number, const char *ov, const char *nv)
{
    if (same(ov, nv))
        return;
    ChangeKind k = !ov ? CHANGE_ADDED : !nv ? CHANGE_REMOVED : CHANGE_CHANGED;
    add(x, k, obj, id, f, param, number, ov, nv);
}

static void field(Differ *x, ObjKind obj, const char *id, DiffField f, const char *ov,
                  const char *nv)
{
    field_p(x, obj, id, f, NULL, 0, ov, nv);
}

/* The ids of a list of references as written, space separated; NULL when
 * the list is empty (so an emptied list reads as removed). */
static const char *refs(Differ *x, const PlanRefList *l)
{
    if (l->n == 0)
        return NULL;
    const char *s = "";
    for (size_t i = 0; i < l->n; i++)
        s = arena_printf(x->d->arena, "%s%s%s", s, i ? " " : "", l->items[i].id);
    return s;
}

static const char *years(Differ *x, int from, int to)
{
    return arena_printf(x->d->arena, "%d-%d", from, to);
}

static const char *year(Differ *x, int y)
{
    return y ? arena_printf(x->d->arena, "%d", y) : NULL;
}

/* ---------------------------------------------------------------- objects */

static const char *obj_name(ObjKind kind, const void *o)
{
    switch (kind) {
    case KIND_PHASE: return ((const Phase *)o)->name;
    case KIND_ISSUE: return ((const Issue *)o)->title;
    case KIND_GOAL: return ((const Goal *)o)->text;
    case KIND_INDICATOR: return ((const Indicator *)o)->name;
    case KIND_STRATEGY: return ((const Strategy *)o)->title;
    case KIND_PROGRAM: return ((const Program *)o)->title;
    case KIND_PROJECT: return ((const Project *)o)->title;
    case KIND_AGENCY: return ((const Agency *)o)->name;
    default: return "";
    }
}

static const Target *target_for(const Indicator *ind, const char *phase)
{
    for (size_t i = 0; i < ind->n_targets; i++)
        if (ind->targets[i].phase.id && strcmp(ind->targets[i].phase.id, phase) == 0)
            return &ind->targets[i];
    return NULL;
}

static const Phase *phase_in(const Plan *p, const char *id)
{
    for (size_t i = 0; i < p->n_phases; i++)
        if (strcmp(p->phases[i].id, id) == 0)
            return &p->phases[i];
    return NULL;
}

static void cmp_targets(Differ *x, const Indicator *o, const Indicator *n)
{
    /* the new plan's phases in order, then the old plan's that are gone */
    for (int side = 0; side < 2; side++) {
        const Plan *p = side ? x->old : x->new;
        for (size_t i = 0; i < p->n_phases; i++) {
            const Phase *ph = &p->phases[i];
            if (side && phase_in(x->new, ph->id))
                continue;
            const Target *to = target_for(o, ph->id), *tn = target_for(n, ph->id);
            field_p(x, KIND_INDICATOR, n->id, DF_TARGET, ph->name, 0, to ? to->value : NULL,
                    tn ? tn->value : NULL);
        }
    }
}

static void cmp_indicator(Differ *x, const Indicator *o, const Indicator *n)
{
    const char *id = n->id;
    field(x, KIND_INDICATOR, id, DF_ISSUE, o->issue ? o->issue->id : NULL,
          n->issue ? n->issue->id : NULL);
    field(x, KIND_INDICATOR, id, DF_GOAL, o->goal.id, n->goal.id);
    field(x, KIND_INDICATOR, id, DF_TITLE, o->name, n->name);
    field(x, KIND_INDICATOR, id, DF_UNIT, o->unit, n->unit);
    field(x, KIND_INDICATOR, id, DF_DIRECTION, direction_name[o->direction],
          direction_name[n->direction]);
    field(x, KIND_INDICATOR, id, DF_BASELINE, o->baseline, n->baseline);
    field(x, KIND_INDICATOR, id, DF_BASELINE_YEAR, year(x, o->baseline_year),
          year(x, n->baseline_year));
    cmp_targets(x, o, n);
    field(x, KIND_INDICATOR, id, DF_SOURCE, o->source, n->source);
    field(x, KIND_INDICATOR, id, DF_ANSWERABLE, refs(x, &o->answerable), refs(x, &n->answerable));
}

static void cmp_strategy(Differ *x, const Strategy *o, const Strategy *n)
{
    const char *id = n->id;
    field(x, KIND_STRATEGY, id, DF_ISSUE, o->issue ? o->issue->id : NULL,
          n->issue ? n->issue->id : NULL);
    field(x, KIND_STRATEGY, id, DF_TITLE, o->title, n->title);
    field(x, KIND_STRATEGY, id, DF_GOALS, refs(x, &o->goals), refs(x, &n->goals));
    size_t m = o->n_measures > n->n_measures ? o->n_measures : n->n_measures;
    for (size_t i = 0; i < m; i++)
        field_p(x, KIND_STRATEGY, id, DF_MEASURE, NULL, (int)i + 1,
                i < o->n_measures ? o->measures[i] : NULL,
                i < n->n_measures ? n->measures[i] : NULL);
}

static const FyAmount *fy_for(const Project *pj, int y)
{
    for (size_t i = 0; i < pj->n_budget; i++)
        if (pj->budget[i].year == y)
            return &pj->budget[i];
    return NULL;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static void cmp_budget(Differ *x, const Project *o, const Project *n)
{
    size_t cnt = o->n_budget + n->n_budget;
    if (cnt == 0)
        return;
    int *ys = malloc(cnt * sizeof *ys);
    if (!ys) {
        x->oom = 1;
        return;
    }
    for (size_t i = 0; i < o->n_budget; i++)
        ys[i] = o->budget[i].year;
    for (size_t i = 0; i < n->n_budget; i++)
        ys[o->n_budget + i] = n->budget[i].year;
    qsort(ys, cnt, sizeof *ys, cmp_int);
    for (size_t i = 0; i < cnt; i++) {
        if (i && ys[i] == ys[i - 1])
            continue;
        const FyAmount *fo = fy_for(o, ys[i]), *fn = fy_for(n, ys[i]);
        if (fo && fn) {
            /* the same amount written differently ("013000000") is no change */
            int moved = fo->baht >= 0 && fn->baht >= 0 ? fo->baht != fn->baht
                                                       : !same(fo->text, fn->text);
            if (moved)
                add(x, CHANGE_CHANGED, KIND_PROJECT, n->id, DF_BUDGET, NULL, ys[i], fo->text,
                    fn->text);
            field_p(x, KIND_PROJECT, n->id, DF_BUDGET_STATUS, NULL, ys[i],
                    budget_status_name[fo->status], budget_status_name[fn->status]);
        } else {
            field_p(x, KIND_PROJECT, n->id, DF_BUDGET, NULL, ys[i], fo ? fo->text : NULL,
                    fn ? fn->text : NULL);
        }
    }
    free(ys);
}

static void cmp_project(Differ *x, const Project *o, const Project *n)
{
    const char *id = n->id;
    field(x, KIND_PROJECT, id, DF_TITLE, o->title, n->title);
    field(x, KIND_PROJECT, id, DF_PROGRAM, o->program ? o->program->id : NULL,
          n->program ? n->program->id : NULL);
    field(x, KIND_PROJECT, id, DF_OBJECTIVE, o->objective, n->objective);
    field(x, KIND_PROJECT, id, DF_STRATEGY, o->strategy.id, n->strategy.id);
    field(x, KIND_PROJECT, id, DF_INDICATORS, refs(x, &o->indicators), refs(x, &n->indicators));
    field(x, KIND_PROJECT, id, DF_LEAD, o->lead.id, n->lead.id);
    field(x, KIND_PROJECT, id, DF_SUPPORT, refs(x, &o->support), refs(x, &n->support));
    field(x, KIND_PROJECT, id, DF_BUDGET_SOURCE, o->budget_source, n->budget_source);
    cmp_budget(x, o, n);
}

static void compare(Differ *x, ObjKind kind, const void *ov, const void *nv)
{
    switch (kind) {
    case KIND_PHASE: {
        const Phase *o = ov, *n = nv;
        field(x, kind, n->id, DF_TITLE, o->name, n->name);
        field(x, kind, n->id, DF_PERIOD, years(x, o->from, o->to), years(x, n->from, n->to));
        break;
    }
    case KIND_ISSUE: {
        const Issue *o = ov, *n = nv;
        field(x, kind, n->id, DF_TITLE, o->title, n->title);
        break;
    }
    case KIND_GOAL: {
        const Goal *o = ov, *n = nv;
        field(x, kind, n->id, DF_ISSUE, o->issue ? o->issue->id : NULL,
              n->issue ? n->issue->id : NULL);
        field(x, kind, n->id, DF_TEXT, o->text, n->text);
        break;
    }
    case KIND_INDICATOR:
        cmp_indicator(x, ov, nv);
        break;
    case KIND_STRATEGY:
        cmp_strategy(x, ov, nv);
        break;
    case KIND_PROGRAM: {
        const Program *o = ov, *n = nv;
        field(x, kind, n->id, DF_TITLE, o->title, n->title);
        field(x, kind, n->id, DF_ISSUE, o->issue.id, n->issue.id);
        break;
    }
    case KIND_PROJECT:
        cmp_project(x, ov, nv);
        break;
    case KIND_AGENCY: {
        const Agency *o = ov, *n = nv;
        field(x, kind, n->id, DF_TITLE, o->name, n->name);
        field(x, kind, n->id, DF_ABBR, o->abbr, n->abbr);
        field(x, kind, n->id, DF_NAME_EN, o->name_en, n->name_en);
        field(x, kind, n->id, DF_PARENT, o->parent.id, n->parent.id);
        break;
    }
    default:
        break;
    }
}

/* -------------------------------------------------------------- sequences */

static int cmp_item(const void *a, const void *b)
{
    const Item *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    return c ? c : (x->pos > y->pos) - (x->pos < y->pos);
}

static int seq_push(Seq *s, size_t *cap, const char *id, const void *obj)
{
    if (s->n == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        Item *p = realloc(s->v, nc * sizeof *p);
        if (!p)
            return -1;
        s->v = p;
        *cap = nc;
    }
    s->v[s->n] = (Item){.id = id, .obj = obj, .pos = s->n};
    s->n++;
    return 0;
}

/* The objects of one kind in document order, and sorted by id. */
static int seq_build(Seq *s, const Plan *p, ObjKind kind)
{
    size_t cap = 0;
    int rc = 0;
    memset(s, 0, sizeof *s);
#define PUSH(o) rc |= seq_push(s, &cap, (o)->id, (o))
    switch (kind) {
    case KIND_PHASE:
        for (size_t i = 0; i < p->n_phases; i++)
            PUSH(&p->phases[i]);
        break;
    case KIND_ISSUE:
        for (size_t i = 0; i < p->n_issues; i++)
            PUSH(&p->issues[i]);
        break;
    case KIND_GOAL:
        for (size_t i = 0; i < p->n_issues; i++)
            for (size_t k = 0; k < p->issues[i].n_goals; k++)
                PUSH(&p->issues[i].goals[k]);
        break;
    case KIND_INDICATOR:
        for (size_t i = 0; i < p->n_issues; i++)
            for (size_t k = 0; k < p->issues[i].n_indicators; k++)
                PUSH(&p->issues[i].indicators[k]);
        break;
    case KIND_STRATEGY:
        for (size_t i = 0; i < p->n_issues; i++)
            for (size_t k = 0; k < p->issues[i].n_strategies; k++)
                PUSH(&p->issues[i].strategies[k]);
        break;
    case KIND_PROGRAM:
        for (size_t i = 0; i < p->n_programs; i++)
            PUSH(&p->programs[i]);
        break;
    case KIND_PROJECT:
        for (size_t i = 0; i < p->n_programs; i++)
            for (size_t k = 0; k < p->programs[i].n_projects; k++)
                PUSH(&p->programs[i].projects[k]);
        break;
    case KIND_AGENCY:
        for (size_t i = 0; i < p->n_agencies; i++)
            PUSH(&p->agencies[i]);
        break;
    default:
        break;
    }
#undef PUSH
    if (rc)
        return -1;
    if (s->n == 0)
        return 0;
    s->by_id = malloc(s->n * sizeof *s->by_id);
    if (!s->by_id)
        return -1;
    memcpy(s->by_id, s->v, s->n * sizeof *s->v);
    qsort(s->by_id, s->n, sizeof *s->by_id, cmp_item);
    return 0;
}

static void seq_free(Seq *s)
{
    free(s->v);
    free(s->by_id);
}

/* The document position of the first object with this id, or NOT_FOUND. */
static size_t seq_find(const Seq *s, const char *id)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(s->by_id[mid].id, id) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < s->n && strcmp(s->by_id[lo].id, id) == 0 ? s->by_id[lo].pos : NOT_FOUND;
}

/* A removed object of the old list, unless it is a later duplicate. */
static void removed(Differ *x, ObjKind kind, const Seq *o, const Seq *n, size_t i)
{
    const Item *it = &o->v[i];
    if (seq_find(o, it->id) == i && seq_find(n, it->id) == NOT_FOUND)
        add(x, CHANGE_REMOVED, kind, it->id, DF_OBJECT, NULL, 0, obj_name(kind, it->obj), NULL);
}

static void walk(Differ *x, ObjKind kind)
{
    Seq o, n;
    int rc = seq_build(&o, x->old, kind);
    rc |= seq_build(&n, x->new, kind);
    if (rc) {
        x->oom = 1;
    } else {
        size_t i = 0;
        for (size_t j = 0; j < n.n; j++) {
            const Item *it = &n.v[j];
            if (seq_find(&n, it->id) != j)
                continue; /* a duplicate: the first definition counts */
            size_t k = seq_find(&o, it->id);
            if (k == NOT_FOUND) {
                add(x, CHANGE_ADDED, kind, it->id, DF_OBJECT, NULL, 0, NULL,
                    obj_name(kind, it->obj));
                continue;
            }
            for (; i < k; i++)
                removed(x, kind, &o, &n, i);
            if (i == k)
                i++;
            compare(x, kind, o.v[k].obj, it->obj);
        }
        for (; i < o.n; i++)
            removed(x, kind, &o, &n, i);
    }
    seq_free(&o);
    seq_free(&n);
}

static void cmp_header(Differ *x, const Plan *o, const Plan *n)
{
    field(x, KIND_NONE, NULL, DF_TITLE, o->title, n->title);
    field(x, KIND_NONE, NULL, DF_VERSION, o->version, n->version);
    field(x, KIND_NONE, NULL, DF_STATUS, plan_status_name[o->status],
          plan_status_name[n->status]);
    field(x, KIND_NONE, NULL, DF_DATE, o->date, n->date);
    field(x, KIND_NONE, NULL, DF_PERIOD, years(x, o->period_from, o->period_to),
          years(x, n->period_from, n->period_to));
}

PlanDiff *plan_diff(const Plan *old, const Plan *new)
{
    PlanDiff *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->arena = arena_new();
    if (!d->arena) {
        free(d);
        return NULL;
    }
    d->old_file = arena_strdup(d->arena, old->file);
    d->old_version = arena_strdup(d->arena, old->version);
    d->old_status = plan_status_name[old->status];
    d->old_date = arena_strdup(d->arena, old->date);
    d->new_file = arena_strdup(d->arena, new->file);
    d->new_version = arena_strdup(d->arena, new->version);
    d->new_status = plan_status_name[new->status];
    d->new_date = arena_strdup(d->arena, new->date);

    Differ x = {.d = d, .old = old, .new = new};
    cmp_header(&x, old, new);
    static const ObjKind order[] = {KIND_PHASE, KIND_ISSUE, KIND_GOAL, KIND_INDICATOR,
                                    KIND_STRATEGY, KIND_PROGRAM, KIND_PROJECT, KIND_AGENCY};
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
        walk(&x, order[i]);
    if (x.oom) {
        plan_diff_free(d);
        return NULL;
    }
    return d;
}

void plan_diff_free(PlanDiff *d)
{
    if (!d)
        return;
    free(d->changes);
    arena_free(d->arena);
    free(d);
}

/* ------------------------------------------------------------------- text */

const char *diff_kind_name(ObjKind kind)
{
    switch (kind) {
    case KIND_NONE: return "plan";
    case KIND_ISSUE: return "issue";
    default: return plan_kind_name(kind);
    }
}

char *diff_field_name(const Change *c, const Template *t, char *buf, size_t size)
{
    const char *key = NULL;
    switch (c->field) {
    case DF_OBJECT: key = NULL; break;
    case DF_TITLE: key = "diff_name"; break;
    case DF_VERSION: key = "version"; break;
    case DF_STATUS: key = "diff_status"; break;
    case DF_DATE: key = "revision_date"; break;
    case DF_PERIOD: key = c->obj == KIND_NONE ? "plan_period" : "period"; break;
    case DF_TEXT: key = "diff_text"; break;
    case DF_ISSUE: key = "diff_issues"; break;
    case DF_GOAL: key = "goals"; break;
    case DF_UNIT: key = "unit"; break;
    case DF_DIRECTION: key = "diff_direction"; break;
    case DF_BASELINE: key = "baseline"; break;
    case DF_BASELINE_YEAR:
        snprintf(buf, size, "%s %s", template_label(t, "baseline"), template_label(t, "year"));
        return buf;
    case DF_TARGET:
        snprintf(buf, size, "%s %s", template_label(t, "target"), c->param ? c->param : "");
        return buf;
    case DF_SOURCE: key = "source"; break;
    case DF_ANSWERABLE: key = "answerable"; break;
    case DF_GOALS: key = "goals"; break;
    case DF_MEASURE:
        snprintf(buf, size, "%s %s %d", template_label(t, "measures"),
                 template_label(t, "diff_measure_item"), c->number);
        return buf;
    case DF_PROGRAM: key = "program"; break;
    case DF_OBJECTIVE: key = "objective"; break;
    case DF_STRATEGY: key = "strategies"; break;
    case DF_INDICATORS: key = "indicators_moved"; break;
    case DF_LEAD: key = "lead"; break;
    case DF_SUPPORT: key = "support"; break;
    case DF_BUDGET_SOURCE: key = "diff_budget_source"; break;
    case DF_BUDGET:
    case DF_BUDGET_STATUS:
        snprintf(buf, size, "%s %s %d",
                 template_label(t, c->field == DF_BUDGET ? "budget" : "diff_budget_status"),
                 template_label(t, "fiscal_year"), c->number);
        return buf;
    case DF_ABBR: key = "abbr"; break;
    case DF_NAME_EN: key = "diff_name_en"; break;
    case DF_PARENT: key = "ministry"; break;
    }
    snprintf(buf, size, "%s", key ? template_label(t, key) : "");
    return buf;
}

static const char *or_none(const char *s)
{
    return s ? s : "(none)";
}

void plan_diff_print(const PlanDiff *d, const Template *t, FILE *out)
{
    fprintf(out, "phaen diff: %s (version %s, %s, %s) -> %s (version %s, %s, %s)\n",
            or_none(d->old_file), d->old_version, d->old_status, d->old_date,
            or_none(d->new_file), d->new_version, d->new_status, d->new_date);
    if (d->n == 0) {
        fputs("no changes\n", out);
        return;
    }
    fprintf(out, "%zu added, %zu removed, %zu changed\n", d->n_added, d->n_removed, d->n_changed);
    static const char *const verb[] = {"added", "removed", "changed"};
    for (size_t i = 0; i < d->n; i++) {
        const Change *c = &d->changes[i];
        char name[512];
        fprintf(out, "%s %s", verb[c->kind], diff_kind_name(c->obj));
        if (c->id)
            fprintf(out, " %s", c->id);
        if (c->field == DF_OBJECT) {
            fprintf(out, " \"%s\"\n", c->kind == CHANGE_ADDED ? c->new_value : c->old_value);
            continue;
        }
        fprintf(out, " %s: ", diff_field_name(c, t, name, sizeof name));
        if (c->kind == CHANGE_ADDED)
            fprintf(out, "%s\n", c->new_value);
        else if (c->kind == CHANGE_REMOVED)
            fprintf(out, "%s\n", c->old_value);
        else
            fprintf(out, "%s -> %s\n", c->old_value, c->new_value);
    }
}

/* -------------------------------------------------------------------- PDF */

static const char *status_label(Composer *c, const char *s)
{
    static const char *const key[] = {"status_draft", "status_approved", "status_revised"};
    for (size_t i = 0; i < 3; i++)
        if (strcmp(s, plan_status_name[i]) == 0)
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
                      status_label(c, plan_status_name[p->status]),
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
            return doc_printf(c->doc, "%s %s", doc_esc(c->doc, buf), cx_label(c, "baht"));
        }
        return cx_text(c, v, ns);
    case DF_STATUS:
        return status_label(c, v);
    case DF_BUDGET_STATUS:
        for (size_t i = 0; i < 3; i++)
            if (strcmp(v, budget_status_name[i]) == 0) {
                static const char *const key[] = {"diff_budget_requested", "diff_budget_approved",
                                                  "diff_budget_allocated"};
                return cx_label(c, key[i]);
            }
        return doc_esc(c->doc, v);
    case DF_DIRECTION:
        for (size_t i = 0; i < 3; i++)
            if (strcmp(v, direction_name[i]) == 0) {
                static const char *const key[] = {"direction_increase", "direction_decrease",
                                                  "direction_maintain"};
                return cx_label(c, key[i]);
            }
        return doc_esc(c->doc, v);
    case DF_DATE: {
        int y, m, d;
        char buf[128];
        if (thai_parse_iso_date(v, &y, &m, &d) == 0 &&
            thai_date(buf, sizeof buf, y, m, d, c->t->numerals_dates))
            return doc_esc(c->doc, buf);
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
        return doc_esc(c->doc, v); /* ids stay as written */
    default:
        return cx_text(c, v, ns);
    }
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
    NumeralStyle ns = t->numerals_tables;

    cx_heading(&c, 0, "_diff", template_label(t, "diff_title"));
    DocBlock *b = doc_para(doc, TA_CENTER,
                           doc_printf(doc, "<b>%s</b>", cx_text(&c, new->title, t->numerals_headings)));
    b->space = 4;
    doc_para(doc, TA_LEFT, doc_printf(doc, "<b>%s</b>\u2002%s", cx_label(&c, "diff_old"),
                                      version_line(&c, old)));
    doc_para(doc, TA_LEFT, doc_printf(doc, "<b>%s</b>\u2002%s", cx_label(&c, "diff_new"),
                                      version_line(&c, new)));
    if (d->n == 0) {
        doc_para(doc, TA_LEFT, cx_label(&c, "diff_none"));
        return doc;
    }
    const char *item = cx_label(&c, "diff_item");
    doc_para(doc, TA_LEFT,
             doc_printf(doc, "%s %s %s, %s %s %s, %s %s %s", cx_label(&c, "diff_added"),
                        cx_int(&c, (long long)d->n_added, t->numerals_body), item,
                        cx_label(&c, "diff_removed"),
                        cx_int(&c, (long long)d->n_removed, t->numerals_body), item,
                        cx_label(&c, "diff_changed"),
                        cx_int(&c, (long long)d->n_changed, t->numerals_body), item));

    double w[] = {14, 30, 28, 28};
    DocTable *tb = doc_table(doc, 4, w);
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
        r->cells[0].markup = ch->id ? doc_esc(doc, ch->id) : "–";
        if (ch->field == DF_OBJECT) {
            r->cells[1].markup = doc_printf(doc, "<b>%s</b>", cx_label(&c, verb[ch->kind]));
        } else {
            char name[512];
            const char *m = cx_text(&c, diff_field_name(ch, t, name, sizeof name), ns);
            r->cells[1].markup = ch->kind == CHANGE_CHANGED
                ? m : doc_printf(doc, "%s (%s)", m, cx_label(&c, verb[ch->kind]));
        }
        r->cells[2].markup = value_markup(&c, ch, old, ch->old_value);
        r->cells[3].markup = value_markup(&c, ch, new, ch->new_value);
        if (ch->field == DF_BUDGET)
            r->cells[2].align = r->cells[3].align = TA_RIGHT;
    }
    return doc;
}
