/* resolve.c - the id index, the links and the reverse indexes; see resolve.h.
 *
 * Like cmark's references.c: collect every id, sort once, binary-search.  The
 * sort breaks ties on document order, so the first definition of an id wins
 * and every later one is reported as a duplicate.  Problems are collected
 * first and reported sorted by line, so a run reads top to bottom like the
 * file, whatever order the model keeps its objects in.
 */
#include "resolve.h"

#include "report.h"
#include "revises.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* "a goal", "an agency". */
static const char *article(ObjKind kind)
{
    return strchr("aeiou", plan_kind_name(kind)[0]) ? "an" : "a";
}

/* ---- the id index ------------------------------------------------------- */

typedef struct IdEntry {
    PlanId id;
    size_t seq;           /* collection order, for equal lines */
} IdEntry;

typedef struct Collect {
    IdEntry *items;
    size_t n;
} Collect;

static void collect(Collect *c, const char *id, ObjKind kind, int line, void *obj)
{
    if (!id)
        return;
    IdEntry *e = &c->items[c->n];
    e->id.id = id;
    e->id.kind = kind;
    e->id.line = line;
    e->id.obj = obj;
    e->seq = c->n++;
}

static int cmp_entry(const void *x, const void *y)
{
    const IdEntry *a = x, *b = y;
    int c = strcmp(a->id.id, b->id.id);
    if (c)
        return c;
    if (a->id.line != b->id.line)
        return a->id.line < b->id.line ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static size_t count_ids(const Plan *p)
{
    size_t n = p->n_agencies + p->n_phases + p->n_sections + p->n_issues +
               p->n_programs;
    for (size_t i = 0; i < p->n_issues; i++) {
        const Issue *is = &p->issues[i];
        n += is->n_goals + is->n_indicators + is->n_strategies;
    }
    for (size_t i = 0; i < p->n_programs; i++)
        n += p->programs[i].n_projects;
    for (size_t i = 0; i < p->n_sub_targets; i++)
        n += 1 + p->sub_targets[i].n_factors;
    return n;
}

/* Builds p->ids: every id once, sorted, the first definition of each. */
static void build_index(Plan *p, Report *r)
{
    size_t total = count_ids(p);
    Collect c = { arena_calloc(r->a, total ? total : 1, sizeof(IdEntry)), 0 };

    for (size_t i = 0; i < p->n_phases; i++)
        collect(&c, p->phases[i].id, KIND_PHASE, p->phases[i].line, &p->phases[i]);
    /* the alignment codes are ids too: one namespace, one duplicate rule */
    for (size_t i = 0; i < p->n_sub_targets; i++) {
        SubTarget *st = &p->sub_targets[i];
        collect(&c, st->code, KIND_SUBTARGET, st->line, st);
        for (size_t j = 0; j < st->n_factors; j++)
            collect(&c, st->factors[j].code, KIND_FACTOR, st->factors[j].line,
                    &st->factors[j]);
    }
    for (size_t i = 0; i < p->n_sections; i++)
        collect(&c, p->sections[i].id, KIND_SECTION, p->sections[i].line,
                &p->sections[i]);
    for (size_t i = 0; i < p->n_issues; i++) {
        Issue *is = &p->issues[i];
        collect(&c, is->id, KIND_ISSUE, is->line, is);
        for (size_t j = 0; j < is->n_goals; j++)
            collect(&c, is->goals[j].id, KIND_GOAL, is->goals[j].line, &is->goals[j]);
        for (size_t j = 0; j < is->n_indicators; j++)
            collect(&c, is->indicators[j].id, KIND_INDICATOR,
                    is->indicators[j].line, &is->indicators[j]);
        for (size_t j = 0; j < is->n_strategies; j++)
            collect(&c, is->strategies[j].id, KIND_STRATEGY,
                    is->strategies[j].line, &is->strategies[j]);
    }
    for (size_t i = 0; i < p->n_programs; i++) {
        Program *pg = &p->programs[i];
        collect(&c, pg->id, KIND_PROGRAM, pg->line, pg);
        for (size_t j = 0; j < pg->n_projects; j++)
            collect(&c, pg->projects[j].id, KIND_PROJECT, pg->projects[j].line,
                    &pg->projects[j]);
    }
    for (size_t i = 0; i < p->n_agencies; i++)
        collect(&c, p->agencies[i].id, KIND_AGENCY, p->agencies[i].line,
                &p->agencies[i]);

    qsort(c.items, c.n, sizeof *c.items, cmp_entry);

    p->ids = arena_calloc(p->arena, c.n ? c.n : 1, sizeof *p->ids);
    p->n_ids = 0;
    const IdEntry *first = NULL;
    for (size_t i = 0; i < c.n; i++) {
        const IdEntry *e = &c.items[i];
        if (first && strcmp(first->id.id, e->id.id) == 0) {
            report_add(r, 1, e->id.line, "duplicate id '%s' (%s %s)", e->id.id,
                       article(e->id.kind), plan_kind_name(e->id.kind));
            report_note(r, first->id.line, "'%s' was first defined here (%s %s)",
                        first->id.id, article(first->id.kind),
                        plan_kind_name(first->id.kind));
            continue;
        }
        first = e;
        p->ids[p->n_ids++] = e->id;
    }
}

/* ---- resolving links ---------------------------------------------------- */

/* Ids the "did you mean" search visits in one run, in all.  Each unknown id
 * is compared with every id, so thousands of unknown references among
 * thousands of agencies took minutes (found while fuzzing; see
 * tests/data/fuzz-regressions/many-unknown-refs.xml).  Past this budget the
 * errors come without a suggestion; a real plan uses a few thousand. */
enum { SUGGEST_BUDGET = 1000000 };

/* The id of kind `want` closest to `id` (distance at most 2), or NULL;
 * NULL also when the search budget r->budget runs out. */
static const char *suggest(const Plan *p, Report *r, const char *id, ObjKind want)
{
    const char *best = NULL;
    size_t best_d = 3;
    for (size_t i = 0; i < p->n_ids && best_d > 1; i++) {
        if (r->budget == 0)
            return NULL;
        r->budget--;
        if (p->ids[i].kind != want)
            continue;
        size_t dist = diag_distance(id, p->ids[i].id, best_d - 1);
        if (dist < best_d) {
            best_d = dist;
            best = p->ids[i].id;
        }
    }
    return best;
}

const char *plan_suggest(const Plan *p, Report *r, const char *id, ObjKind want)
{
    return suggest(p, r, id, want);
}

static int cmp_key(const void *key, const void *elem)
{
    return strcmp(key, ((const PlanId *)elem)->id);
}

/* Links ref to the object of kind `want` it names.  `who` is the object that
 * holds the link ("project 'PJ-1'"), `unknown` what an unknown id is called
 * ("names unknown lead agency") and `as` its role ("its lead agency"). */
static void link(const Plan *p, Report *r, PlanRef *ref, ObjKind want,
                 const char *who, const char *unknown, const char *as)
{
    ref->to.any = NULL;
    if (!ref->id)
        return;
    const PlanId *e = bsearch(ref->id, p->ids, p->n_ids, sizeof *p->ids, cmp_key);
    if (e && e->kind == want) {
        ref->to.any = e->obj;
        return;
    }
    if (!e) {
        report_add(r, 1, ref->line, "%s %s '%s'", who, unknown, ref->id);
        const char *s = suggest(p, r, ref->id, want);
        if (s)
            report_note(r, ref->line, "did you mean '%s'?", s);
        return;
    }
    report_add(r, 1, ref->line, "%s names '%s' as %s, but '%s' is %s %s", who,
               ref->id, as, ref->id, article(e->kind), plan_kind_name(e->kind));
    report_note(r, e->line, "'%s' is defined here", e->id);
}

static void link_list(const Plan *p, Report *r, PlanRefList *l, ObjKind want,
                      const char *who, const char *unknown, const char *as)
{
    for (size_t i = 0; i < l->n; i++)
        link(p, r, &l->items[i], want, who, unknown, as);
}

/* Sets the numbers and the structural back links (issue of a goal, program of
 * a project, ...) that follow from where things are written. */
static void number(Plan *p)
{
    for (size_t i = 0; i < p->n_phases; i++)
        p->phases[i].index = i;
    for (size_t i = 0; i < p->n_agencies; i++)
        p->agencies[i].index = i;
    for (size_t i = 0; i < p->n_issues; i++) {
        Issue *is = &p->issues[i];
        is->number = i + 1;
        for (size_t j = 0; j < is->n_goals; j++) {
            is->goals[j].issue = is;
            is->goals[j].number = j + 1;
        }
        for (size_t j = 0; j < is->n_indicators; j++)
            is->indicators[j].issue = is;
        for (size_t j = 0; j < is->n_strategies; j++) {
            is->strategies[j].issue = is;
            is->strategies[j].number = j + 1;
        }
    }
    for (size_t i = 0; i < p->n_programs; i++) {
        Program *pg = &p->programs[i];
        pg->number = i + 1;
        for (size_t j = 0; j < pg->n_projects; j++) {
            pg->projects[j].program = pg;
            pg->projects[j].number = j + 1;
        }
    }
}

static void link_all(Plan *p, Report *r)
{
    Arena *a = r->a;
    link(p, r, &p->issuer, KIND_AGENCY, "issuer", "names unknown agency",
         "its agency");
    for (size_t i = 0; i < p->n_agencies; i++) {
        Agency *ag = &p->agencies[i];
        link(p, r, &ag->parent, KIND_AGENCY, arena_printf(a, "agency '%s'", ag->id),
             "names unknown parent agency", "its parent agency");
    }
    for (size_t i = 0; i < p->n_issues; i++) {
        Issue *is = &p->issues[i];
        for (size_t j = 0; j < is->n_indicators; j++) {
            Indicator *in = &is->indicators[j];
            const char *who = arena_printf(a, "indicator '%s'", in->id);
            link(p, r, &in->goal, KIND_GOAL, who, "names unknown goal", "its goal");
            const char *tw = arena_printf(a, "target of indicator '%s'", in->id);
            for (size_t k = 0; k < in->n_targets; k++)
                link(p, r, &in->targets[k].phase, KIND_PHASE, tw,
                     "names unknown phase", "its phase");
            link_list(p, r, &in->answerable, KIND_AGENCY, who,
                      "names unknown answerable agency", "an answerable agency");
        }
        for (size_t j = 0; j < is->n_goals; j++) {
            Goal *g = &is->goals[j];
            const char *who = arena_printf(a, "goal '%s'", g->id);
            link_list(p, r, &g->serves, KIND_SUBTARGET, who,
                      "serves unknown sub-plan target", "a sub-plan target it serves");
            link_list(p, r, &g->factors, KIND_FACTOR, who, "names unknown factor",
                      "a factor it acts on");
        }
        for (size_t j = 0; j < is->n_strategies; j++) {
            Strategy *st = &is->strategies[j];
            link_list(p, r, &st->goals, KIND_GOAL,
                      arena_printf(a, "strategy '%s'", st->id),
                      "names unknown goal", "one of its goals");
        }
    }
    for (size_t i = 0; i < p->n_programs; i++) {
        Program *pg = &p->programs[i];
        link(p, r, &pg->issue, KIND_ISSUE, arena_printf(a, "program '%s'", pg->id),
             "names unknown strategic issue", "its strategic issue");
        for (size_t j = 0; j < pg->n_projects; j++) {
            Project *pj = &pg->projects[j];
            const char *who = arena_printf(a, "project '%s'", pj->id);
            link(p, r, &pj->strategy, KIND_STRATEGY, who, "names unknown strategy",
                 "its strategy");
            link_list(p, r, &pj->indicators, KIND_INDICATOR, who,
                      "names unknown indicator", "one of its indicators");
            link(p, r, &pj->lead, KIND_AGENCY, who, "names unknown lead agency",
                 "its lead agency");
            link_list(p, r, &pj->support, KIND_AGENCY, who,
                      "names unknown supporting agency", "a supporting agency");
            link_list(p, r, &pj->serves, KIND_SUBTARGET, who,
                      "serves unknown sub-plan target", "a sub-plan target it serves");
            link_list(p, r, &pj->factors, KIND_FACTOR, who, "names unknown factor",
                      "a factor it acts on");
        }
    }
}

/* ---- reverse indexes ---------------------------------------------------- *
 *
 * Each index is built in three passes over the links, all linear: count into
 * the n_ field, allocate, then reset the count and fill.  A link written twice
 * by the same object (support="DSI DSI") is entered once: the objects are
 * visited one at a time, so an earlier entry by the same object is the last
 * one in the array.
 */

#define ADD_ONCE(arr, n, x)                                                   \
    do {                                                                      \
        if ((n) == 0 || (arr)[(n) - 1] != (x))                                \
            (arr)[(n)++] = (x);                                               \
    } while (0)

typedef enum { PASS_COUNT, PASS_FILL } Pass;

static void index_projects(Plan *p, Pass pass)
{
    for (size_t i = 0; i < p->n_programs; i++) {
        Program *pg = &p->programs[i];
        for (size_t j = 0; j < pg->n_projects; j++) {
            Project *pj = &pg->projects[j];
            Agency *lead = pj->lead.to.agency;
            Strategy *st = pj->strategy.to.strategy;
            if (pass == PASS_COUNT) {
                if (lead)
                    lead->n_leads++;
                if (st)
                    st->n_projects++;
                for (size_t k = 0; k < pj->support.n; k++)
                    if (pj->support.items[k].to.agency)
                        pj->support.items[k].to.agency->n_supports++;
                for (size_t k = 0; k < pj->indicators.n; k++)
                    if (pj->indicators.items[k].to.indicator)
                        pj->indicators.items[k].to.indicator->n_projects++;
                continue;
            }
            if (lead)
                lead->leads[lead->n_leads++] = pj;
            if (st)
                st->projects[st->n_projects++] = pj;
            for (size_t k = 0; k < pj->support.n; k++) {
                Agency *ag = pj->support.items[k].to.agency;
                if (ag)
                    ADD_ONCE(ag->supports, ag->n_supports, pj);
            }
            for (size_t k = 0; k < pj->indicators.n; k++) {
                Indicator *in = pj->indicators.items[k].to.indicator;
                if (in)
                    ADD_ONCE(in->projects, in->n_projects, pj);
            }
        }
    }
}

static void index_issues(Plan *p, Pass pass)
{
    for (size_t i = 0; i < p->n_issues; i++) {
        Issue *is = &p->issues[i];
        for (size_t j = 0; j < is->n_indicators; j++) {
            Indicator *in = &is->indicators[j];
            Goal *g = in->goal.to.goal;
            if (g) {
                if (pass == PASS_COUNT) {
                    g->n_indicators++;
                } else {
                    g->indicators[g->n_indicators++] = in;
                    in->number = g->n_indicators; /* "1.1.<number>" */
                }
            } else if (pass == PASS_FILL) {
                in->number = 0;
            }
            for (size_t k = 0; k < in->answerable.n; k++) {
                Agency *ag = in->answerable.items[k].to.agency;
                if (!ag)
                    continue;
                if (pass == PASS_COUNT)
                    ag->n_answers++;
                else
                    ADD_ONCE(ag->answers, ag->n_answers, in);
            }
        }
        for (size_t j = 0; j < is->n_strategies; j++) {
            Strategy *st = &is->strategies[j];
            for (size_t k = 0; k < st->goals.n; k++) {
                Goal *g = st->goals.items[k].to.goal;
                if (!g)
                    continue;
                if (pass == PASS_COUNT)
                    g->n_strategies++;
                else
                    ADD_ONCE(g->strategies, g->n_strategies, st);
            }
        }
    }
    for (size_t i = 0; i < p->n_programs; i++) {
        Program *pg = &p->programs[i];
        Issue *is = pg->issue.to.issue;
        if (!is)
            continue;
        if (pass == PASS_COUNT)
            is->n_programs++;
        else
            is->programs[is->n_programs++] = pg;
    }
}

/* Allocates every reverse array at the size counted and resets its count. */
#define ALLOC_RESET(arr, n)                                                   \
    do {                                                                      \
        (arr) = (n) ? arena_calloc(p->arena, (n), sizeof *(arr)) : NULL;      \
        (n) = 0;                                                              \
    } while (0)

static void allocate_indexes(Plan *p)
{
    for (size_t i = 0; i < p->n_agencies; i++) {
        Agency *ag = &p->agencies[i];
        ALLOC_RESET(ag->leads, ag->n_leads);
        ALLOC_RESET(ag->supports, ag->n_supports);
        ALLOC_RESET(ag->answers, ag->n_answers);
    }
    for (size_t i = 0; i < p->n_issues; i++) {
        Issue *is = &p->issues[i];
        ALLOC_RESET(is->programs, is->n_programs);
        for (size_t j = 0; j < is->n_goals; j++) {
            ALLOC_RESET(is->goals[j].indicators, is->goals[j].n_indicators);
            ALLOC_RESET(is->goals[j].strategies, is->goals[j].n_strategies);
        }
        for (size_t j = 0; j < is->n_indicators; j++)
            ALLOC_RESET(is->indicators[j].projects, is->indicators[j].n_projects);
        for (size_t j = 0; j < is->n_strategies; j++)
            ALLOC_RESET(is->strategies[j].projects, is->strategies[j].n_projects);
    }
}

static void clear_indexes(Plan *p)
{
    for (size_t i = 0; i < p->n_agencies; i++)
        p->agencies[i].n_leads = p->agencies[i].n_supports =
            p->agencies[i].n_answers = 0;
    for (size_t i = 0; i < p->n_issues; i++) {
        Issue *is = &p->issues[i];
        is->n_programs = 0;
        for (size_t j = 0; j < is->n_goals; j++)
            is->goals[j].n_indicators = is->goals[j].n_strategies = 0;
        for (size_t j = 0; j < is->n_indicators; j++)
            is->indicators[j].n_projects = 0;
        for (size_t j = 0; j < is->n_strategies; j++)
            is->strategies[j].n_projects = 0;
    }
}

/* Each indicator's targets by phase index; the first target for a phase wins
 * (check.c reports the second). */
static void index_targets(Plan *p)
{
    for (size_t i = 0; i < p->n_issues; i++) {
        Issue *is = &p->issues[i];
        for (size_t j = 0; j < is->n_indicators; j++) {
            Indicator *in = &is->indicators[j];
            in->by_phase = p->n_phases
                ? arena_calloc(p->arena, p->n_phases, sizeof *in->by_phase)
                : NULL;
            for (size_t k = 0; k < in->n_targets; k++) {
                Phase *ph = in->targets[k].phase.to.phase;
                if (ph && !in->by_phase[ph->index])
                    in->by_phase[ph->index] = &in->targets[k];
            }
        }
    }
}

/* Marks a and its chain upwards as having a role, up to the first agency
 * already marked (its chain is marked too); the steps are bounded, so a
 * parent cycle (check.c reports it) ends. */
static void mark_role(const Plan *p, Agency *a)
{
    a->has_role = 1;
    a = a->parent.to.agency;
    for (size_t steps = 0; a && !a->has_role && steps < p->n_agencies; steps++) {
        a->has_role = 1;
        a = a->parent.to.agency;
    }
}

/* Agency.has_role: the issuer, every agency with a role of its own, and
 * the agencies above them. */
static void index_roles(Plan *p)
{
    for (size_t i = 0; i < p->n_agencies; i++)
        p->agencies[i].has_role = 0;
    if (p->issuer.to.agency)
        mark_role(p, p->issuer.to.agency);
    for (size_t i = 0; i < p->n_agencies; i++)
        if (agency_direct_role(&p->agencies[i]))
            mark_role(p, &p->agencies[i]);
}

static int cmp_int(const void *x, const void *y)
{
    int a = *(const int *)x, b = *(const int *)y;
    return (a > b) - (a < b);
}

/* plan->fiscal_years: every year a valid budget line names, sorted, once. */
static void index_years(Plan *p, Arena *scratch)
{
    size_t n = 0;
    for (size_t i = 0; i < p->n_programs; i++)
        for (size_t j = 0; j < p->programs[i].n_projects; j++)
            n += p->programs[i].projects[j].n_budget;
    int *years = arena_calloc(scratch, n ? n : 1, sizeof *years);
    n = 0;
    for (size_t i = 0; i < p->n_programs; i++)
        for (size_t j = 0; j < p->programs[i].n_projects; j++) {
            const Project *pj = &p->programs[i].projects[j];
            for (size_t k = 0; k < pj->n_budget; k++)
                if (pj->budget[k].baht >= 0)
                    years[n++] = pj->budget[k].year;
        }
    qsort(years, n, sizeof *years, cmp_int);
    size_t u = 0;
    for (size_t i = 0; i < n; i++)
        if (u == 0 || years[u - 1] != years[i])
            years[u++] = years[i];
    p->fiscal_years = u ? arena_calloc(p->arena, u, sizeof *p->fiscal_years) : NULL;
    if (u)
        memcpy(p->fiscal_years, years, u * sizeof *years);
    p->n_fiscal_years = u;
}

int plan_resolve(Plan *p, Diag *d)
{
    Report r;
    report_init(&r, SUGGEST_BUDGET);
    number(p);
    build_index(p, &r);
    link_all(p, &r);
    clear_indexes(p);
    index_projects(p, PASS_COUNT);
    index_issues(p, PASS_COUNT);
    allocate_indexes(p);
    index_projects(p, PASS_FILL);
    index_issues(p, PASS_FILL);
    index_targets(p);
    index_roles(p);
    index_years(p, r.a);
    /* before the problems of this file: the earlier version's own come
     * under its name, and the <revises> line is near the top anyway */
    int errors = plan_resolve_revises(p, d);
    return errors + report_flush(&r, d, p->file);
}
