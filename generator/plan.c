/* plan.c - small queries on the model; see plan.h. */
#include "plan.h"

#include <stdlib.h>
#include <string.h>

void plan_free(Plan *p)
{
    if (!p)
        return;
    plan_free(p->revised); /* at most one level: its own is never loaded */
    arena_free(p->arena); /* the Plan itself lives in its arena */
}

static int cmp_key(const void *key, const void *elem)
{
    return strcmp(key, ((const PlanId *)elem)->id);
}

void *plan_find(const Plan *p, const char *id, ObjKind *kind)
{
    const PlanId *e = id ? bsearch(id, p->ids, p->n_ids, sizeof *p->ids, cmp_key) : NULL;
    if (kind)
        *kind = e ? e->kind : KIND_NONE;
    return e ? e->obj : NULL;
}

const char *plan_kind_name(ObjKind kind)
{
    switch (kind) {
    case KIND_AGENCY: return "agency";
    case KIND_PHASE: return "phase";
    case KIND_SECTION: return "section";
    case KIND_ISSUE: return "strategic issue";
    case KIND_GOAL: return "goal";
    case KIND_INDICATOR: return "indicator";
    case KIND_STRATEGY: return "strategy";
    case KIND_PROGRAM: return "program";
    case KIND_PROJECT: return "project";
    case KIND_SUBTARGET: return "sub-plan target";
    case KIND_FACTOR: return "factor";
    case KIND_NONE: break;
    }
    return "nothing";
}

const char *align_kind_key(AlignKind kind)
{
    switch (kind) {
    case ALIGN_NATIONAL_STRATEGY: return "national-strategy";
    case ALIGN_MASTER_PLAN: return "master-plan";
    case ALIGN_SUB_PLAN: return "sub-plan";
    case ALIGN_POLICY: break;
    }
    return "policy";
}

int64_t project_budget(const Project *pj, int year)
{
    int64_t sum = 0;
    for (size_t i = 0; i < pj->n_budget; i++)
        if (pj->budget[i].year == year && pj->budget[i].baht > 0)
            sum += pj->budget[i].baht;
    return sum;
}

int64_t project_total(const Project *pj)
{
    int64_t sum = 0;
    for (size_t i = 0; i < pj->n_budget; i++)
        if (pj->budget[i].baht > 0)
            sum += pj->budget[i].baht;
    return sum;
}

int project_has_year(const Project *pj, int year)
{
    for (size_t i = 0; i < pj->n_budget; i++)
        if (pj->budget[i].year == year && pj->budget[i].baht >= 0)
            return 1;
    return 0;
}

int project_has_budget(const Project *pj)
{
    for (size_t i = 0; i < pj->n_budget; i++)
        if (pj->budget[i].baht >= 0)
            return 1;
    return 0;
}

int agency_direct_role(const Agency *a)
{
    return a->n_leads || a->n_supports || a->n_answers;
}

const Agency *agency_ministry(const Plan *p, const Agency *a)
{
    for (size_t steps = 0; a && a->parent.to.agency && steps < p->n_agencies; steps++)
        a = a->parent.to.agency;
    return a;
}

size_t agency_depth(const Plan *p, const Agency *a)
{
    size_t d = 0;
    while (a && a->parent.to.agency && d < p->n_agencies) {
        a = a->parent.to.agency;
        d++;
    }
    return d;
}

int align_reaches(const PlanRefList *serves, const PlanRefList *factors,
                  const SubTarget *t)
{
    for (size_t i = 0; i < serves->n; i++)
        if (serves->items[i].to.sub_target == t)
            return 1;
    for (size_t i = 0; i < factors->n; i++) {
        const Factor *f = factors->items[i].to.factor;
        if (f && f->target == t)
            return 1;
    }
    return 0;
}
