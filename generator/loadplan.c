/* loadplan.c - the model (plan.h) built from a plan's validated libxml2
 * tree, in one arena; see loadxml.h.  load.c reads and validates the
 * file, handing over each program as it ends valid and the rest of the
 * tree at the end; everything here may assume the schema holds.
 */
#include "loadxml.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "thai.h"
#include "xalloc.h"

/* ---- small string helpers ------------------------------------------------ */

static int is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Writes s to out with leading and trailing whitespace removed and inner
 * runs of whitespace turned into one space; out may be s itself (the
 * result is never longer). */
static void collapse_to(char *out, const char *s)
{
    char *o = out;
    int pending = 0;
    for (; *s; s++) {
        if (is_space((unsigned char)*s)) {
            pending = o != out;
            continue;
        }
        if (pending)
            *o++ = ' ';
        pending = 0;
        *o++ = *s;
    }
    *o = '\0';
}

/* s collapsed (collapse_to), copied into the arena. */
static char *collapse(Arena *a, const char *s)
{
    char *out = arena_alloc(a, strlen(s) + 1);
    collapse_to(out, s);
    return out;
}

/* ---- building the model -------------------------------------------------- */

static int is_el(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE &&
           (!name || strcmp((const char *)n->name, name) == 0);
}

#define EACH_EL(c, parent, name)                                              \
    for (xmlNode *c = (parent) ? (parent)->children : NULL; c; c = c->next)   \
        if (is_el(c, name))

static xmlNode *child(xmlNode *parent, const char *name)
{
    EACH_EL(c, parent, name)
        return c;
    return NULL;
}

static size_t count(xmlNode *parent, const char *name)
{
    size_t n = 0;
    EACH_EL(c, parent, name)
        n++;
    return n;
}

/* The element's text, whitespace collapsed; NULL when n is NULL. */
static const char *text(Arena *a, xmlNode *n)
{
    if (!n)
        return NULL;
    xmlChar *c = xmlNodeGetContent(n);
    char *s = collapse(a, c ? (const char *)c : "");
    xmlFree(c);
    return s;
}

static const char *child_text(Arena *a, xmlNode *parent, const char *name)
{
    return text(a, child(parent, name));
}

/* An attribute's value, whitespace collapsed, read and let go (not kept in
 * the arena: a 10,000-project plan has 47,000 budget years, each with a
 * year and a status that are only parsed); NULL when absent.  The caller
 * frees it with xmlFree. */
static char *attr_read(xmlNode *n, const char *name)
{
    char *v = n ? (char *)xmlGetNoNsProp(n, (const xmlChar *)name) : NULL;
    if (v)
        collapse_to(v, v);
    return v;
}

/* An attribute's value, whitespace collapsed, kept in the arena; NULL when
 * absent. */
static const char *attr(Arena *a, xmlNode *n, const char *name)
{
    char *v = attr_read(n, name);
    const char *s = v ? arena_strdup(a, v) : NULL;
    xmlFree(v);
    return s;
}

/* An integer attribute (the schema has checked it); 0 when absent. */
static int int_attr(xmlNode *n, const char *name)
{
    char *s = attr_read(n, name);
    long v = s ? strtol(s, NULL, 10) : 0;
    xmlFree(s);
    return v > INT_MAX ? INT_MAX : v < INT_MIN ? INT_MIN : (int)v;
}

static PlanRef ref(Arena *a, xmlNode *n, const char *name)
{
    PlanRef r = {0};
    r.id = attr(a, n, name);
    r.line = load_line(n);
    return r;
}

/* A space-separated id list; empty when the attribute is absent. */
static PlanRefList ref_list(Arena *a, xmlNode *n, const char *name)
{
    PlanRefList l = {0};
    char *s = attr_read(n, name);
    if (!s || !*s) {
        xmlFree(s);
        return l;
    }
    size_t words = 1;
    for (const char *c = s; *c; c++)
        words += *c == ' ';
    l.items = arena_calloc(a, words, sizeof *l.items);
    for (const char *c = s; *c;) {
        const char *e = strchr(c, ' ');
        size_t len = e ? (size_t)(e - c) : strlen(c);
        l.items[l.n].id = arena_strndup(a, c, len);
        l.items[l.n].line = load_line(n);
        l.n++;
        c += len;
        if (*c)
            c++;
    }
    xmlFree(s);
    return l;
}

/* Whole baht, digits only; -1 for anything else (check.c reports it). */
static int64_t parse_baht(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 18)
        return -1;
    int64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* An array of `count(parent, name)` elements of `size` bytes. */
static void *array_for(Arena *a, xmlNode *parent, const char *name, size_t size,
                       size_t *n)
{
    *n = count(parent, name);
    return *n ? arena_calloc(a, *n, size) : NULL;
}

static const char **texts(Arena *a, xmlNode *parent, const char *name, size_t *n)
{
    const char **v = array_for(a, parent, name, sizeof *v, n);
    size_t i = 0;
    EACH_EL(c, parent, name)
        v[i++] = text(a, c);
    return v;
}

static void build_header(Plan *p, xmlNode *h)
{
    Arena *a = p->arena;
    p->header_line = load_line(h);
    p->title = child_text(a, h, "title");
    p->title_en = child_text(a, h, "title-en");
    p->short_title = child_text(a, h, "short-title");
    xmlNode *dt = child(h, "document-type");
    p->doc_type = text(a, dt);
    p->level = int_attr(dt, "level");
    p->level_title = child_text(a, h, "level-title");
    p->issuer = ref(a, child(h, "issuer"), "agency");

    xmlNode *per = child(h, "period");
    p->period_from = int_attr(per, "from");
    p->period_to = int_attr(per, "to");
    p->period_line = load_line(per);

    xmlNode *phases = child(h, "phases");
    p->phases = array_for(a, phases, "phase", sizeof *p->phases, &p->n_phases);
    size_t i = 0;
    EACH_EL(c, phases, "phase") {
        Phase *ph = &p->phases[i];
        ph->id = attr(a, c, "id");
        ph->line = load_line(c);
        ph->name = text(a, c);
        ph->from = int_attr(c, "from");
        ph->to = int_attr(c, "to");
        ph->index = i++;
    }

    xmlNode *v = child(h, "version");
    p->version = attr(a, v, "number");
    p->date = attr(a, v, "date");
    if (p->date && sscanf(p->date, "%4d-%2d-%2d", &p->date_y, &p->date_m,
                          &p->date_d) != 3)
        p->date_y = p->date_m = p->date_d = 0;
    const char *status = attr(a, v, "status");
    p->status = !status || strcmp(status, "draft") == 0 ? STATUS_DRAFT
              : strcmp(status, "approved") == 0       ? STATUS_APPROVED
                                                      : STATUS_REVISED;

    xmlNode *rv = child(h, "revises");
    if (rv) {
        p->revises_href = attr(a, rv, "href");
        p->revises_sha256 = attr(a, rv, "sha256");
        p->revises_line = load_line(rv);
    }
}

/* Format 2: the sub-plan targets declared in the <align> elements, in one
 * array in document order, each with its factors. */
static void build_sub_targets(Plan *p, xmlNode *al)
{
    Arena *a = p->arena;
    if (p->n_sub_targets == 0)
        return;
    p->sub_targets = arena_calloc(a, p->n_sub_targets, sizeof *p->sub_targets);
    size_t i = 0, k = 0;
    EACH_EL(c, al, "align") {
        const Align *owner = &p->aligns[k++];
        EACH_EL(t, c, "target") {
            SubTarget *st = &p->sub_targets[i];
            st->code = attr(a, t, "code");
            st->line = load_line(t);
            st->title = child_text(a, t, "title");
            st->sub_plan = owner;
            st->index = i++;
            st->factors = array_for(a, t, "factor", sizeof *st->factors, &st->n_factors);
            size_t j = 0;
            EACH_EL(f, t, "factor") {
                Factor *fa = &st->factors[j++];
                fa->code = attr(a, f, "code");
                fa->line = load_line(f);
                fa->title = text(a, f);
                fa->target = st;
            }
        }
    }
}

static void build_alignment(Plan *p, xmlNode *al)
{
    Arena *a = p->arena;
    p->aligns = array_for(a, al, "align", sizeof *p->aligns, &p->n_aligns);
    size_t i = 0;
    EACH_EL(c, al, "align") {
        Align *x = &p->aligns[i++];
        const char *k = attr(a, c, "kind");
        x->kind = !k ? ALIGN_POLICY
                : strcmp(k, "national-strategy") == 0 ? ALIGN_NATIONAL_STRATEGY
                : strcmp(k, "master-plan") == 0       ? ALIGN_MASTER_PLAN
                : strcmp(k, "sub-plan") == 0          ? ALIGN_SUB_PLAN
                                                      : ALIGN_POLICY;
        x->line = load_line(c);
        x->code = attr(a, c, "code");
        x->title = child_text(a, c, "title");
        x->contribution = child_text(a, c, "contribution");
        p->n_sub_targets += count(c, "target");
    }
    build_sub_targets(p, al);
}

/* An ISO date attribute into its parts (0 when absent or malformed; the
 * schema has checked its shape, check.c that it exists). */
static const char *date_attr(Arena *a, xmlNode *n, int *y, int *m, int *d)
{
    const char *s = attr(a, n, "date");
    *y = *m = *d = 0;
    if (s && sscanf(s, "%4d-%2d-%2d", y, m, d) != 3)
        *y = *m = *d = 0;
    return s;
}

/* Format 2: a preface's signature block. */
static Signature *build_signature(Arena *a, xmlNode *n)
{
    if (!n)
        return NULL;
    Signature *sg = arena_calloc(a, 1, sizeof *sg);
    sg->line = load_line(n);
    sg->name = child_text(a, n, "name");
    sg->position = child_text(a, n, "position");
    sg->organisation = child_text(a, n, "organisation");
    sg->date = date_attr(a, n, &sg->date_y, &sg->date_m, &sg->date_d);
    return sg;
}

static void build_sections(Plan *p, xmlNode *secs)
{
    Arena *a = p->arena;
    p->sections = array_for(a, secs, "section", sizeof *p->sections, &p->n_sections);
    size_t i = 0;
    EACH_EL(c, secs, "section") {
        Section *s = &p->sections[i++];
        s->id = attr(a, c, "id");
        s->line = load_line(c);
        const char *r = attr(a, c, "role");
        s->role = !r ? ROLE_OTHER
                : strcmp(r, "background") == 0 ? ROLE_BACKGROUND
                : strcmp(r, "situation") == 0  ? ROLE_SITUATION
                : strcmp(r, "analysis") == 0   ? ROLE_ANALYSIS
                : strcmp(r, "preface") == 0    ? ROLE_PREFACE
                : strcmp(r, "executive-summary") == 0 ? ROLE_EXEC_SUMMARY
                                               : ROLE_OTHER;
        s->title = child_text(a, c, "title");
        s->signature = build_signature(a, child(c, "signature"));
        s->n_blocks = count(c, "p") + count(c, "list");
        s->blocks = s->n_blocks ? arena_calloc(a, s->n_blocks, sizeof *s->blocks) : NULL;
        size_t j = 0;
        EACH_EL(b, c, NULL) {
            Block *bl = &s->blocks[j];
            if (is_el(b, "p")) {
                bl->kind = BLOCK_PARA;
                bl->text = text(a, b);
            } else if (is_el(b, "list")) {
                bl->kind = BLOCK_LIST;
                bl->items = texts(a, b, "item", &bl->n_items);
            } else {
                continue;
            }
            bl->line = load_line(b);
            j++;
        }
    }
}

/* Format 2: the approvals in the header and the declared abbreviations. */
static void build_front_matter(Plan *p, xmlNode *root)
{
    Arena *a = p->arena;
    xmlNode *aps = child(child(root, "header"), "approvals");
    p->approvals = array_for(a, aps, "approval", sizeof *p->approvals, &p->n_approvals);
    size_t i = 0;
    EACH_EL(c, aps, "approval") {
        Approval *ap = &p->approvals[i++];
        ap->line = load_line(c);
        ap->body = child_text(a, c, "body");
        ap->resolution = child_text(a, c, "resolution");
        ap->number = attr(a, c, "number");
        ap->date = date_attr(a, c, &ap->date_y, &ap->date_m, &ap->date_d);
    }
    xmlNode *gl = child(root, "glossary");
    p->terms = array_for(a, gl, "term", sizeof *p->terms, &p->n_terms);
    i = 0;
    EACH_EL(c, gl, "term") {
        Term *tm = &p->terms[i++];
        tm->line = load_line(c);
        tm->abbr = attr(a, c, "abbr");
        tm->meaning = text(a, c);
    }
}

static void build_indicator(Arena *a, Indicator *ind, xmlNode *c)
{
    ind->id = attr(a, c, "id");
    ind->line = load_line(c);
    ind->goal = ref(a, c, "goal");
    ind->name = child_text(a, c, "name");
    ind->unit = attr(a, c, "unit");
    const char *dir = attr(a, c, "direction");
    ind->direction = !dir ? DIR_MAINTAIN
                   : strcmp(dir, "increase") == 0 ? DIR_INCREASE
                   : strcmp(dir, "decrease") == 0 ? DIR_DECREASE
                                                  : DIR_MAINTAIN;
    const char *kind = attr(a, c, "kind");
    ind->kind = kind && strcmp(kind, "qualitative") == 0 ? IND_QUALITATIVE
                                                         : IND_QUANTITATIVE;
    xmlNode *b = child(c, "baseline");
    if (b) {
        ind->baseline = text(a, b);
        ind->baseline_year = int_attr(b, "year");
        ind->baseline_line = load_line(b);
    }
    /* A target with year= (format 2) is a yearly target, even with a
     * phase= beside it (check.c reports that); the others are per phase. */
    size_t n_year = 0;
    EACH_EL(t, c, "target")
        n_year += xmlHasProp(t, (const xmlChar *)"year") != NULL;
    ind->n_targets = count(c, "target") - n_year;
    ind->targets = ind->n_targets ? arena_calloc(a, ind->n_targets, sizeof *ind->targets) : NULL;
    ind->n_yearly = n_year;
    ind->yearly = n_year ? arena_calloc(a, n_year, sizeof *ind->yearly) : NULL;
    size_t j = 0, y = 0;
    EACH_EL(t, c, "target") {
        int yearly = xmlHasProp(t, (const xmlChar *)"year") != NULL;
        Target *tg = yearly ? &ind->yearly[y++] : &ind->targets[j++];
        tg->phase = ref(a, t, "phase");
        tg->line = load_line(t);
        tg->value = text(a, t);
        tg->year = yearly ? int_attr(t, "year") : 0;
    }
    ind->source = child_text(a, c, "source");
    ind->answerable = ref_list(a, child(c, "answerable"), "agencies");
}

static void build_issues(Plan *p, xmlNode *iss)
{
    Arena *a = p->arena;
    p->issues = array_for(a, iss, "issue", sizeof *p->issues, &p->n_issues);
    size_t i = 0;
    EACH_EL(c, iss, "issue") {
        Issue *is = &p->issues[i];
        is->id = attr(a, c, "id");
        is->line = load_line(c);
        is->number = ++i;
        is->title = child_text(a, c, "title");
        is->paras = texts(a, c, "p", &is->n_paras);
        is->goals = array_for(a, c, "goal", sizeof *is->goals, &is->n_goals);
        is->indicators = array_for(a, c, "indicator", sizeof *is->indicators,
                                   &is->n_indicators);
        is->strategies = array_for(a, c, "strategy", sizeof *is->strategies,
                                   &is->n_strategies);
        size_t ng = 0, ni = 0, ns = 0;
        EACH_EL(x, c, NULL) {
            if (is_el(x, "goal")) {
                Goal *g = &is->goals[ng++];
                g->id = attr(a, x, "id");
                g->line = load_line(x);
                g->text = text(a, x);
                g->issue = is;
                g->number = ng;
                g->serves = ref_list(a, x, "serves");
                g->factors = ref_list(a, x, "factors");
            } else if (is_el(x, "indicator")) {
                Indicator *ind = &is->indicators[ni++];
                build_indicator(a, ind, x);
                ind->issue = is;
            } else if (is_el(x, "strategy")) {
                Strategy *s = &is->strategies[ns++];
                s->id = attr(a, x, "id");
                s->line = load_line(x);
                s->title = child_text(a, x, "title");
                s->measures = texts(a, x, "measure", &s->n_measures);
                s->goals = ref_list(a, x, "goals");
                s->issue = is;
                s->number = ns;
            }
        }
    }
}

static void build_project(Arena *a, Project *pj, xmlNode *c)
{
    pj->id = attr(a, c, "id");
    pj->line = load_line(c);
    pj->title = child_text(a, c, "title");
    pj->objective = child_text(a, c, "objective");
    pj->strategy = ref(a, c, "strategy");
    pj->indicators = ref_list(a, c, "indicators");
    pj->serves = ref_list(a, c, "serves");
    pj->factors = ref_list(a, c, "factors");
    pj->align_line = pj->line;
    xmlNode *lead = child(c, "lead");
    if (lead)
        pj->lead = ref(a, lead, "agency");
    else
        pj->lead.line = pj->line;
    pj->support = ref_list(a, child(c, "support"), "agencies");
    xmlNode *b = child(c, "budget");
    pj->budget_source = attr(a, b, "source");
    pj->budget = array_for(a, b, "fy", sizeof *pj->budget, &pj->n_budget);
    size_t j = 0;
    EACH_EL(f, b, "fy") {
        FyAmount *fy = &pj->budget[j++];
        fy->year = int_attr(f, "year");
        fy->line = load_line(f);
        fy->text = text(a, f);
        fy->baht = parse_baht(fy->text);
        char *s = attr_read(f, "status");
        fy->status = !s || strcmp(s, "requested") == 0 ? BUDGET_REQUESTED
                   : strcmp(s, "approved") == 0         ? BUDGET_APPROVED
                                                        : BUDGET_ALLOCATED;
        xmlFree(s);
    }
}

/* One <program> with its projects; number counts from 1. */
static void build_program(Arena *a, Program *pg, xmlNode *c, size_t number)
{
    pg->id = attr(a, c, "id");
    pg->line = load_line(c);
    pg->number = number;
    pg->title = child_text(a, c, "title");
    pg->issue = ref(a, c, "issue");
    pg->projects = array_for(a, c, "project", sizeof *pg->projects, &pg->n_projects);
    size_t j = 0;
    EACH_EL(x, c, "project") {
        Project *pj = &pg->projects[j++];
        build_project(a, pj, x);
        pj->number = j;
    }
}

/* The model of a plan as load.c reads it: each <program> is built as soon
 * as it is read and valid, then load.c frees its element, so that the tree
 * of the projects (most of a 10,000-project plan's) is never whole. */
struct PlanBuild {
    Plan *plan;
    Program *programs;    /* xgrow()n; moved into the arena at the end */
    size_t n, cap;
};

PlanBuild *load_build_new(void)
{
    PlanBuild *b = xcalloc(1, sizeof *b);
    Arena *a = arena_new();
    b->plan = arena_alloc(a, sizeof *b->plan);
    b->plan->arena = a;
    return b;
}

void load_build_program(PlanBuild *b, xmlNode *program)
{
    b->programs = xgrow(b->programs, &b->cap, b->n + 1, sizeof *b->programs);
    Program *pg = &b->programs[b->n++];
    memset(pg, 0, sizeof *pg);
    build_program(b->plan->arena, pg, program, b->n);
}

void load_build_free(PlanBuild *b)
{
    if (!b)
        return;
    plan_free(b->plan);
    free(b->programs);
    free(b);
}

/* The programs built so far, into the plan's arena (their projects point
 * back at them). */
static void move_programs(Plan *p, PlanBuild *b)
{
    p->n_programs = b->n;
    p->programs = b->n ? arena_calloc(p->arena, b->n, sizeof *p->programs) : NULL;
    for (size_t i = 0; i < b->n; i++) {
        Program *pg = &p->programs[i];
        *pg = b->programs[i];
        for (size_t j = 0; j < pg->n_projects; j++)
            pg->projects[j].program = pg;
    }
}

static void build_agencies(Plan *p, xmlNode *ags)
{
    Arena *a = p->arena;
    p->agencies = array_for(a, ags, "agency", sizeof *p->agencies, &p->n_agencies);
    size_t i = 0;
    EACH_EL(c, ags, "agency") {
        Agency *ag = &p->agencies[i];
        ag->id = attr(a, c, "id");
        ag->line = load_line(c);
        ag->abbr = attr(a, c, "abbr");
        ag->name = child_text(a, c, "name");
        ag->name_en = child_text(a, c, "name-en");
        ag->parent = ref(a, c, "parent");
        ag->index = i++;
    }
}

Plan *load_build(PlanBuild *b, xmlNode *root, const char *name, const unsigned char sha[32])
{
    Plan *p = b->plan;
    Arena *a = p->arena;
    p->file = arena_strdup(a, name);
    memcpy(p->sha256, sha, 32);
    p->format = int_attr(root, "format");
    build_header(p, child(root, "header"));
    build_alignment(p, child(root, "alignment"));
    build_sections(p, child(root, "sections"));
    p->vision = child_text(a, root, "vision");
    p->missions = texts(a, child(root, "missions"), "mission", &p->n_missions);
    build_issues(p, child(root, "issues"));
    move_programs(p, b);
    build_agencies(p, child(root, "agencies"));
    build_front_matter(p, root);
    free(b->programs);
    free(b);
    return p;
}

/* ---- for other loaders (loadxml.h) -------------------------------------- */

xmlNode *load_child(xmlNode *parent, const char *name)
{
    return child(parent, name);
}

size_t load_count(xmlNode *parent, const char *name)
{
    return count(parent, name);
}

const char *load_attr(Arena *a, xmlNode *n, const char *name)
{
    return attr(a, n, name);
}

const char *load_text(Arena *a, xmlNode *n)
{
    return text(a, n);
}
