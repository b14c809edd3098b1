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

const char *const diff_plan_status[] = {"draft", "approved", "revised"};
const char *const diff_budget_status[] = {"requested", "approved", "allocated"};
const char *const diff_direction[] = {"increase", "decrease", "maintain"};

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
    case KIND_SECTION: return ((const Section *)o)->title;
    case KIND_SUBTARGET: return ((const SubTarget *)o)->title;
    case KIND_FACTOR: return ((const Factor *)o)->title;
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

static const Target *yearly_for(const Indicator *ind, int y)
{
    for (size_t i = 0; i < ind->n_yearly; i++)
        if (ind->yearly[i].year == y)
            return &ind->yearly[i];
    return NULL;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Sorts the fiscal years ys[0..n) that either version names and drops the
 * repeats; returns how many are left (each year once, ascending). */
static size_t distinct_years(int *ys, size_t n)
{
    qsort(ys, n, sizeof *ys, cmp_int);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (k == 0 || ys[i] != ys[k - 1])
            ys[k++] = ys[i];
    return k;
}

/* Format 2's targets for single fiscal years, year by year ascending. */
static void cmp_yearly(Differ *x, const Indicator *o, const Indicator *n)
{
    size_t cnt = o->n_yearly + n->n_yearly;
    if (cnt == 0)
        return;
    int *ys = malloc(cnt * sizeof *ys);
    if (!ys) {
        x->oom = 1;
        return;
    }
    for (size_t i = 0; i < o->n_yearly; i++)
        ys[i] = o->yearly[i].year;
    for (size_t i = 0; i < n->n_yearly; i++)
        ys[o->n_yearly + i] = n->yearly[i].year;
    cnt = distinct_years(ys, cnt);
    for (size_t i = 0; i < cnt; i++) {
        const Target *to = yearly_for(o, ys[i]), *tn = yearly_for(n, ys[i]);
        field_p(x, KIND_INDICATOR, n->id, DF_TARGET_YEAR, NULL, ys[i], to ? to->value : NULL,
                tn ? tn->value : NULL);
    }
    free(ys);
}

static void cmp_indicator(Differ *x, const Indicator *o, const Indicator *n)
{
    const char *id = n->id;
    field(x, KIND_INDICATOR, id, DF_ISSUE, o->issue ? o->issue->id : NULL,
          n->issue ? n->issue->id : NULL);
    field(x, KIND_INDICATOR, id, DF_GOAL, o->goal.id, n->goal.id);
    field(x, KIND_INDICATOR, id, DF_TITLE, o->name, n->name);
    field(x, KIND_INDICATOR, id, DF_UNIT, o->unit, n->unit);
    field(x, KIND_INDICATOR, id, DF_DIRECTION, diff_direction[o->direction],
          diff_direction[n->direction]);
    field(x, KIND_INDICATOR, id, DF_BASELINE, o->baseline, n->baseline);
    field(x, KIND_INDICATOR, id, DF_BASELINE_YEAR, year(x, o->baseline_year),
          year(x, n->baseline_year));
    cmp_targets(x, o, n);
    cmp_yearly(x, o, n);
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
    cnt = distinct_years(ys, cnt);
    for (size_t i = 0; i < cnt; i++) {
        const FyAmount *fo = fy_for(o, ys[i]), *fn = fy_for(n, ys[i]);
        if (fo && fn) {
            /* the same amount written differently ("013000000") is no change */
            int moved = fo->baht >= 0 && fn->baht >= 0 ? fo->baht != fn->baht
                                                       : !same(fo->text, fn->text);
            if (moved)
                add(x, CHANGE_CHANGED, KIND_PROJECT, n->id, DF_BUDGET, NULL, ys[i], fo->text,
                    fn->text);
            field_p(x, KIND_PROJECT, n->id, DF_BUDGET_STATUS, NULL, ys[i],
                    diff_budget_status[fo->status], diff_budget_status[fn->status]);
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
    field(x, KIND_PROJECT, id, DF_SERVES, refs(x, &o->serves), refs(x, &n->serves));
    field(x, KIND_PROJECT, id, DF_FACTORS, refs(x, &o->factors), refs(x, &n->factors));
    field(x, KIND_PROJECT, id, DF_BUDGET_SOURCE, o->budget_source, n->budget_source);
    cmp_budget(x, o, n);
}

/* A prose block as one value: a paragraph's text, a list's items each
 * after a bullet (one change stays one line of the text report). */
static const char *block_text(Differ *x, const Block *b)
{
    if (!b)
        return NULL;
    if (b->kind == BLOCK_PARA)
        return b->text;
    const char *s = "";
    for (size_t i = 0; i < b->n_items; i++)
        s = arena_printf(x->d->arena, "%s%s\u2022 %s", s, i ? " " : "", b->items[i]);
    return s;
}

/* A front-matter section: its title, each paragraph by its number, and
 * the signature under a preface. */
static void cmp_section(Differ *x, const Section *o, const Section *n)
{
    const char *id = n->id;
    field(x, KIND_SECTION, id, DF_TITLE, o->title, n->title);
    size_t m = o->n_blocks > n->n_blocks ? o->n_blocks : n->n_blocks;
    for (size_t i = 0; i < m; i++)
        field_p(x, KIND_SECTION, id, DF_PARAGRAPH, NULL, (int)i + 1,
                block_text(x, i < o->n_blocks ? &o->blocks[i] : NULL),
                block_text(x, i < n->n_blocks ? &n->blocks[i] : NULL));
    const Signature *so = o->signature, *sn = n->signature;
    field(x, KIND_SECTION, id, DF_SIGN_NAME, so ? so->name : NULL, sn ? sn->name : NULL);
    field(x, KIND_SECTION, id, DF_SIGN_POSITION, so ? so->position : NULL,
          sn ? sn->position : NULL);
    field(x, KIND_SECTION, id, DF_SIGN_ORG, so ? so->organisation : NULL,
          sn ? sn->organisation : NULL);
    field(x, KIND_SECTION, id, DF_SIGN_DATE, so ? so->date : NULL, sn ? sn->date : NULL);
}

static int is_front(const Section *s)
{
    return s->role == ROLE_PREFACE || s->role == ROLE_EXEC_SUMMARY;
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
        field(x, kind, n->id, DF_SERVES, refs(x, &o->serves), refs(x, &n->serves));
        field(x, kind, n->id, DF_FACTORS, refs(x, &o->factors), refs(x, &n->factors));
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
    case KIND_SECTION:
        cmp_section(x, ov, nv);
        break;
    case KIND_SUBTARGET: {
        const SubTarget *o = ov, *n = nv;
        field(x, kind, n->code, DF_TITLE, o->title, n->title);
        field(x, kind, n->code, DF_SUB_PLAN, o->sub_plan ? o->sub_plan->code : NULL,
              n->sub_plan ? n->sub_plan->code : NULL);
        break;
    }
    case KIND_FACTOR: {
        const Factor *o = ov, *n = nv;
        field(x, kind, n->code, DF_TITLE, o->title, n->title);
        field(x, kind, n->code, DF_SUB_TARGET, o->target ? o->target->code : NULL,
              n->target ? n->target->code : NULL);
        break;
    }
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
    case KIND_SECTION: /* the front matter's: the other sections are prose */
        for (size_t i = 0; i < p->n_sections; i++)
            if (is_front(&p->sections[i]))
                PUSH(&p->sections[i]);
        break;
    case KIND_SUBTARGET:
        for (size_t i = 0; i < p->n_sub_targets; i++)
            rc |= seq_push(s, &cap, p->sub_targets[i].code, &p->sub_targets[i]);
        break;
    case KIND_FACTOR:
        for (size_t i = 0; i < p->n_sub_targets; i++)
            for (size_t k = 0; k < p->sub_targets[i].n_factors; k++)
                rc |= seq_push(s, &cap, p->sub_targets[i].factors[k].code,
                               &p->sub_targets[i].factors[k]);
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

/* "2018-10-16 ที่ นร 0505/ว 412": an approval as one value. */
static const char *approval_text(Differ *x, const Approval *a)
{
    return a->number ? arena_printf(x->d->arena, "%s %s", a->date, a->number) : a->date;
}

/* Approvals matched by the body that gave them (a plan is approved once
 * by each), in the new plan's order, then those gone. */
static void cmp_approvals(Differ *x, const Plan *o, const Plan *n)
{
    unsigned char *used = calloc(o->n_approvals + 1, 1);
    if (!used) {
        x->oom = 1;
        return;
    }
    for (size_t j = 0; j < n->n_approvals; j++) {
        const Approval *an = &n->approvals[j], *ao = NULL;
        for (size_t i = 0; i < o->n_approvals && !ao; i++)
            if (!used[i] && same(o->approvals[i].body, an->body)) {
                used[i] = 1;
                ao = &o->approvals[i];
            }
        if (!ao) {
            add(x, CHANGE_ADDED, KIND_NONE, NULL, DF_APPROVAL, an->body, 0, NULL,
                approval_text(x, an));
            continue;
        }
        field_p(x, KIND_NONE, NULL, DF_APPROVAL_NUMBER, an->body, 0, ao->number, an->number);
        field_p(x, KIND_NONE, NULL, DF_APPROVAL_DATE, an->body, 0, ao->date, an->date);
        field_p(x, KIND_NONE, NULL, DF_APPROVAL_TEXT, an->body, 0, ao->resolution,
                an->resolution);
    }
    for (size_t i = 0; i < o->n_approvals; i++)
        if (!used[i])
            add(x, CHANGE_REMOVED, KIND_NONE, NULL, DF_APPROVAL, o->approvals[i].body, 0,
                approval_text(x, &o->approvals[i]), NULL);
    free(used);
}

static const Term *term_in(const Plan *p, const char *abbr)
{
    for (size_t i = 0; i < p->n_terms; i++)
        if (same(p->terms[i].abbr, abbr))
            return &p->terms[i];
    return NULL;
}

/* Glossary terms by abbreviation: the new plan's in order, then those
 * gone.  (A glossary is tens of terms: a scan is enough.) */
static void cmp_terms(Differ *x, const Plan *o, const Plan *n)
{
    for (size_t j = 0; j < n->n_terms; j++) {
        const Term *tn = &n->terms[j], *to = term_in(o, tn->abbr);
        if (term_in(n, tn->abbr) == tn)
            field_p(x, KIND_NONE, NULL, DF_TERM, tn->abbr, 0, to ? to->meaning : NULL,
                    tn->meaning);
    }
    for (size_t i = 0; i < o->n_terms; i++) {
        const Term *to = &o->terms[i];
        if (term_in(o, to->abbr) == to && !term_in(n, to->abbr))
            add(x, CHANGE_REMOVED, KIND_NONE, NULL, DF_TERM, to->abbr, 0, to->meaning, NULL);
    }
}

static const Align *align_in(const Plan *p, const char *code)
{
    for (size_t i = 0; i < p->n_aligns; i++)
        if (same(p->aligns[i].code, code))
            return &p->aligns[i];
    return NULL;
}

/* The higher plans a plan aligns with (national strategy, master plan,
 * sub-plan, policy), by code: the new plan's in order, then those gone.
 * (A plan names a handful: a scan is enough.) */
static void cmp_aligns(Differ *x, const Plan *o, const Plan *n)
{
    for (size_t j = 0; j < n->n_aligns; j++) {
        const Align *an = &n->aligns[j], *ao = align_in(o, an->code);
        if (align_in(n, an->code) != an)
            continue;
        if (!ao) {
            add(x, CHANGE_ADDED, KIND_NONE, NULL, DF_ALIGN, an->code, 0, NULL, an->title);
            continue;
        }
        field_p(x, KIND_NONE, NULL, DF_ALIGN, an->code, 0, ao->title, an->title);
        field_p(x, KIND_NONE, NULL, DF_ALIGN_KIND, an->code, 0, align_kind_key(ao->kind),
                align_kind_key(an->kind));
        field_p(x, KIND_NONE, NULL, DF_ALIGN_CONTRIBUTION, an->code, 0, ao->contribution,
                an->contribution);
    }
    for (size_t i = 0; i < o->n_aligns; i++) {
        const Align *ao = &o->aligns[i];
        if (align_in(o, ao->code) == ao && !align_in(n, ao->code))
            add(x, CHANGE_REMOVED, KIND_NONE, NULL, DF_ALIGN, ao->code, 0, ao->title, NULL);
    }
}

static void cmp_header(Differ *x, const Plan *o, const Plan *n)
{
    field(x, KIND_NONE, NULL, DF_TITLE, o->title, n->title);
    field(x, KIND_NONE, NULL, DF_VERSION, o->version, n->version);
    field(x, KIND_NONE, NULL, DF_STATUS, diff_plan_status[o->status],
          diff_plan_status[n->status]);
    field(x, KIND_NONE, NULL, DF_DATE, o->date, n->date);
    field(x, KIND_NONE, NULL, DF_PERIOD, years(x, o->period_from, o->period_to),
          years(x, n->period_from, n->period_to));
    cmp_approvals(x, o, n);
    cmp_terms(x, o, n);
    cmp_aligns(x, o, n);
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
    d->old_status = diff_plan_status[old->status];
    d->old_date = arena_strdup(d->arena, old->date);
    d->new_file = arena_strdup(d->arena, new->file);
    d->new_version = arena_strdup(d->arena, new->version);
    d->new_status = diff_plan_status[new->status];
    d->new_date = arena_strdup(d->arena, new->date);

    Differ x = {.d = d, .old = old, .new = new};
    cmp_header(&x, old, new);
    static const ObjKind order[] = {KIND_SECTION, KIND_SUBTARGET, KIND_FACTOR, KIND_PHASE,
                                    KIND_ISSUE, KIND_GOAL, KIND_INDICATOR, KIND_STRATEGY,
                                    KIND_PROGRAM, KIND_PROJECT, KIND_AGENCY};
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
