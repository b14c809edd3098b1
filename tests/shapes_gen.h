/* shapes_gen.h - random valid plans of shapes the sample never takes
 * (issue 10), for tests/test_shapes.c.
 *
 * One seed gives one plan, byte for byte (splitmix64, no libc rand), so a
 * failure is replayed with SHAPES_SEED=<seed> SHAPES_COUNT=1.  Each plan is
 * meant to pass `phaen check --strict`: every goal has an indicator, every
 * agency a role, every text Thai letters, every quantitative target a
 * number.  Around that, everything varies: 1-8 strategic issues, 1-20
 * phases, 0-12-digit budgets with missing and zero years, qualitative
 * indicators (format 2), agency chains 1-4 deep, long names, many agencies,
 * strategies serving goals of other issues, front-matter sections.
 *
 * Besides the XML the generator keeps what it wrote (ShapePlan): the ids,
 * the ASCII tags it put into the Thai names (what a test looks for in the
 * PDFs' text: Latin letters come out of any reader whole), and every budget
 * line, so the tests can check phaen's figures against numbers phaen never
 * computed.  Ids and tags are letters only: no digit that a template may
 * turn Thai, no hyphen a line may break at.
 */
#ifndef PHAEN_SHAPES_GEN_H
#define PHAEN_SHAPES_GEN_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench/phrases.h"

#define SG_COUNT(a) (sizeof(a) / sizeof((a)[0]))

enum { SG_MAX = 64, SG_MAX_AG = 128, SG_MAX_FY = 8 };

typedef struct SgRng {
    uint64_t s;
} SgRng;

static inline uint64_t sg_next(SgRng *r)
{
    uint64_t z = (r->s += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

/* A number in [lo, hi]. */
static inline int sg_int(SgRng *r, int lo, int hi)
{
    return lo + (int)(sg_next(r) % (uint64_t)(hi - lo + 1));
}

/* 1 with probability pct / 100. */
static inline int sg_pct(SgRng *r, int pct)
{
    return (int)(sg_next(r) % 100) < pct;
}

typedef struct SgFy {
    int year;
    int64_t baht;
} SgFy;

typedef struct SgProject {
    char id[16];
    int issue, lead;
    int support[3], n_support;
    int ind[3], n_ind;           /* indicator numbers (plan-wide) */
    SgFy fy[SG_MAX_FY];
    int n_fy;
} SgProject;

typedef struct SgIndicator {
    char id[16], tag[16];
    char no[64];                 /* its printed label "๑.๒.๑" (issue.goal.n) */
    int issue, qualitative;
    int answerable[SG_MAX_AG], n_answerable; /* each agency at most once */
} SgIndicator;

typedef struct SgAgency {
    char id[16], abbr[16];
    int parent;                  /* -1: a ministry */
    int depth;                   /* 0 for a ministry */
    int n_children;
    int direct;                  /* leads, supports or answers */
} SgAgency;

typedef struct SgSection {
    char tag[16];
    const char *role;
} SgSection;

/* A generated plan: its XML and what the tests check the documents by. */
typedef struct ShapePlan {
    uint64_t seed;
    int format;
    int n_issues, n_phases, period_from, period_to;
    int goals_of[SG_MAX];        /* goals per issue */
    int first_goal[SG_MAX];      /* plan-wide number of the issue's first goal */
    int n_goals;
    SgIndicator ind[SG_MAX * 4];
    int n_ind;
    SgProject pj[SG_MAX * 2];
    int n_pj;
    SgAgency ag[SG_MAX_AG];
    int n_ag;
    SgSection sec[8];
    int n_sec;
    int issuer;
    int cross_issue;             /* a strategy serves a goal of another issue */
    char *xml;                   /* malloc'd */
    size_t len, cap;
} ShapePlan;

/* Size of the plans: small ones in `make test`, larger in `make shapes`. */
typedef struct SgLimits {
    int max_issues, max_phases, max_agencies, max_projects_per_program;
    /* Long phase names over many narrow phase columns (they once made
     * layout_table.c:row_split add pages forever); on unless SHAPES_STRESS=0. */
    int stress;
} SgLimits;

static void sg_put(ShapePlan *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sg_put(ShapePlan *g, const char *fmt, ...)
{
    /* formatted once into the room left, again only when it did not fit */
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(g->xml ? g->xml + g->len : NULL, g->xml ? g->cap - g->len : 0, fmt, ap);
    va_end(ap);
    if (g->xml && g->len + (size_t)n + 1 <= g->cap) {
        g->len += (size_t)n;
        return;
    }
    if (g->len + (size_t)n + 1 > g->cap) {
        g->cap = (g->len + (size_t)n + 1) * 2;
        g->xml = realloc(g->xml, g->cap);
        if (!g->xml)
            abort();
    }
    va_start(ap, fmt);
    vsnprintf(g->xml + g->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    g->len += (size_t)n;
}

/* A letters-only tag unique in the plan: prefix, then the counter in base
 * 26 ("Iaab"). */
/* "a.b.c" in Thai digits: how the official template labels an indicator
 * (the issue's number, its goal's number in the issue, its own in the goal). */
static void sg_thai_no(char *out, size_t cap, int a, int b, int c)
{
    static const char *const d[] = {"๐", "๑", "๒", "๓", "๔", "๕", "๖", "๗", "๘", "๙"};
    char raw[40]; /* three ints, two dots, the NUL */
    snprintf(raw, sizeof raw, "%d.%d.%d", a, b, c);
    out[0] = '\0';
    for (const char *p = raw; *p; p++) {
        size_t n = strlen(out);
        if (*p == '.')
            snprintf(out + n, cap - n, ".");
        else
            snprintf(out + n, cap - n, "%s", d[*p - '0']);
    }
}

static void sg_tag(char *out, size_t cap, char prefix, int *counter)
{
    int v = (*counter)++;
    char s[8];
    for (int i = 3; i >= 0; i--) {
        s[i] = (char)('a' + v % 26);
        v /= 26;
    }
    s[4] = '\0';
    snprintf(out, cap, "%c%s", prefix, s);
}

#define SG_PICK(r, arr) ((arr)[sg_int((r), 0, (int)SG_COUNT(arr) - 1)])

/* A phrase, sometimes made long (a name over several lines of a cell). */
static void sg_text(ShapePlan *g, SgRng *r, const char *const *pool, size_t n, int long_pct)
{
    sg_put(g, "%s", pool[sg_int(r, 0, (int)n - 1)]);
    if (sg_pct(r, long_pct)) {
        int more = sg_int(r, 1, 3);
        for (int i = 0; i < more; i++)
            sg_put(g, " และ%s", pool[sg_int(r, 0, (int)n - 1)]);
    }
}

#define SG_TEXT(g, r, arr, pct) sg_text((g), (r), (arr), SG_COUNT(arr), (pct))

/* An amount of 0 to 12 digits ("0" for zero digits), as the plan writes it. */
static int64_t sg_amount(SgRng *r)
{
    int digits = sg_int(r, 0, 12);
    if (digits == 0 || sg_pct(r, 8))
        return 0;
    int64_t v = sg_int(r, 1, 9);
    for (int i = 1; i < digits; i++)
        v = v * 10 + sg_int(r, 0, 9);
    return v;
}

static void sg_agencies(ShapePlan *g, SgRng *r, const SgLimits *lim, int *counter)
{
    g->n_ag = sg_int(r, 1, lim->max_agencies);
    for (int i = 0; i < g->n_ag; i++) {
        SgAgency *a = &g->ag[i];
        sg_tag(a->id, sizeof a->id, 'A', counter);
        memcpy(a->abbr, a->id, sizeof a->abbr);
        a->abbr[0] = 'B';
        a->parent = -1;
        a->depth = 0;
        /* under an earlier agency, chains at most 4 deep (depth 0..3) */
        if (i > 0 && sg_pct(r, 70)) {
            int p = sg_int(r, 0, i - 1);
            if (g->ag[p].depth < 3) {
                a->parent = p;
                a->depth = g->ag[p].depth + 1;
                g->ag[p].n_children++;
            }
        }
    }
}

/* Gives every leaf agency that has no role of its own one (answerable for
 * a random indicator): leaves with roles give their chains roles, so no
 * agency is left without one (`check --strict` passes). */
static void sg_roles(ShapePlan *g, SgRng *r)
{
    for (int i = 0; i < g->n_ag; i++) {
        if (g->ag[i].direct || g->ag[i].n_children)
            continue;
        SgIndicator *in = &g->ind[sg_int(r, 0, g->n_ind - 1)];
        in->answerable[in->n_answerable++] = i; /* i had no role: not listed yet */
        g->ag[i].direct = 1;
    }
}

static int sg_distinct(const int *v, int n, int x)
{
    for (int i = 0; i < n; i++)
        if (v[i] == x)
            return 0;
    return 1;
}

/* The whole plan for `seed`; free g->xml when done. */
static void shape_generate(ShapePlan *g, uint64_t seed, const SgLimits *lim)
{
    memset(g, 0, sizeof *g);
    SgRng rr = {seed}, *r = &rr;
    g->seed = seed;
    int counter = 0;
    g->format = sg_pct(r, 75) ? 2 : 1;
    g->n_issues = sg_int(r, 1, lim->max_issues);
    g->n_phases = sg_int(r, 1, lim->max_phases);

    /* phases of 1-3 years back to back; the period is their union */
    int years[32];
    g->period_from = sg_int(r, 2560, 2575);
    int total = 0;
    for (int i = 0; i < g->n_phases; i++) {
        years[i] = sg_int(r, 1, 3);
        total += years[i];
    }
    g->period_to = g->period_from + total - 1;

    sg_agencies(g, r, lim, &counter);
    g->issuer = sg_int(r, 0, g->n_ag - 1);

    /* issues, goals, indicators (the structure first: strategies may name
     * goals of later issues) */
    for (int i = 0; i < g->n_issues; i++) {
        g->goals_of[i] = sg_int(r, 1, 3);
        g->first_goal[i] = g->n_goals;
        g->n_goals += g->goals_of[i];
    }
    int ind_goal[SG_MAX * 4];
    for (int i = 0; i < g->n_issues; i++)
        for (int k = 0; k < g->goals_of[i]; k++) {
            int n = sg_int(r, 1, 2);
            for (int j = 0; j < n && g->n_ind < (int)SG_COUNT(g->ind); j++) {
                SgIndicator *in = &g->ind[g->n_ind];
                ind_goal[g->n_ind] = g->first_goal[i] + k;
                g->n_ind++;
                sg_thai_no(in->no, sizeof in->no, i + 1, k + 1, j + 1);
                sg_tag(in->id, sizeof in->id, 'I', &counter);
                sg_tag(in->tag, sizeof in->tag, 'T', &counter);
                in->issue = i;
                in->qualitative = g->format == 2 && sg_pct(r, 35);
                in->n_answerable = sg_int(r, 0, 2);
                for (int a = 0; a < in->n_answerable; a++) {
                    int ag = sg_int(r, 0, g->n_ag - 1);
                    if (!sg_distinct(in->answerable, a, ag)) {
                        in->n_answerable = a;
                        break;
                    }
                    in->answerable[a] = ag;
                    g->ag[ag].direct = 1;
                }
            }
        }

    /* projects: lead, support, indicators of their own issue, budgets */
    int programs_of[SG_MAX], strategies_of[SG_MAX];
    int pj_of_program[SG_MAX * 2];
    int n_programs = 0;
    for (int i = 0; i < g->n_issues; i++) {
        strategies_of[i] = sg_int(r, 1, 2);
        programs_of[i] = sg_int(r, 0, 2);
        for (int p = 0; p < programs_of[i]; p++) {
            int n = sg_int(r, 1, lim->max_projects_per_program);
            pj_of_program[n_programs++] = n;
            for (int k = 0; k < n && g->n_pj < (int)SG_COUNT(g->pj); k++) {
                SgProject *pj = &g->pj[g->n_pj++];
                sg_tag(pj->id, sizeof pj->id, 'P', &counter);
                pj->issue = i;
                pj->lead = sg_int(r, 0, g->n_ag - 1);
                g->ag[pj->lead].direct = 1;
                int ns = sg_int(r, 0, 2);
                for (int s = 0; s < ns; s++) {
                    int a = sg_int(r, 0, g->n_ag - 1);
                    if (a == pj->lead || !sg_distinct(pj->support, pj->n_support, a))
                        continue;
                    pj->support[pj->n_support++] = a;
                    g->ag[a].direct = 1;
                }
                int ni = sg_int(r, 0, 2);
                for (int s = 0; s < ni; s++) {
                    int x = sg_int(r, 0, g->n_ind - 1);
                    if (g->ind[x].issue == i && sg_distinct(pj->ind, pj->n_ind, x))
                        pj->ind[pj->n_ind++] = x;
                }
                /* fiscal years: some missing, some 0 baht */
                int span = g->period_to - g->period_from + 1;
                int nf = sg_int(r, 0, span < 5 ? span : 5);
                for (int f = 0; f < nf; f++) {
                    int y = g->period_from + sg_int(r, 0, span - 1);
                    int dup = 0;
                    for (int q = 0; q < pj->n_fy; q++)
                        dup |= pj->fy[q].year == y;
                    if (dup)
                        continue;
                    pj->fy[pj->n_fy].year = y;
                    pj->fy[pj->n_fy].baht = sg_amount(r);
                    pj->n_fy++;
                }
            }
        }
    }
    sg_roles(g, r);

    /* ---- the XML ---- */
    sg_put(g, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
              "<!-- shapes_gen.h seed %llu -->\n<plan format=\"%d\">\n<header>\n",
           (unsigned long long)seed, g->format);
    sg_put(g, "<title>แผนทดสอบรูปแบบ ");
    SG_TEXT(g, r, ph_issue, 30);
    sg_put(g, "</title>\n<document-type level=\"%d\">แผนแม่บทความมั่นคง</document-type>\n",
           sg_int(r, 1, 3));
    sg_put(g, "<issuer agency=\"%s\"/>\n<period from=\"%d\" to=\"%d\"/>\n<phases>\n",
           g->ag[g->issuer].id, g->period_from, g->period_to);
    for (int i = 0, y = g->period_from; i < g->n_phases; i++) {
        sg_put(g, "<phase id=\"H%c%c\" from=\"%d\" to=\"%d\">ระยะที่ %d%s</phase>\n",
               'a' + i / 26, 'a' + i % 26, y, y + years[i] - 1, i + 1,
               sg_pct(r, 10) && lim->stress
                   ? " ช่วงการขับเคลื่อนและติดตามประเมินผลอย่างต่อเนื่อง" : "");
        y += years[i];
    }
    sg_put(g, "</phases>\n<version number=\"1.0\" date=\"2020-01-15\" status=\"approved\"/>\n"
              "</header>\n");

    /* sections: background ones, and in format 2 front matter */
    int nsec = sg_int(r, 0, 3);
    static const char *const roles1[] = {"background", "situation", "analysis", "other"};
    static const char *const roles2[] = {"preface", "executive-summary"};
    for (int i = 0; i < nsec; i++)
        g->sec[g->n_sec++].role = SG_PICK(r, roles1);
    if (g->format == 2)
        for (size_t k = 0; k < 2; k++)
            if (sg_pct(r, 50)) /* anywhere in the list: they still come first */
                g->sec[g->n_sec++].role = roles2[k];
    for (int i = g->n_sec - 1; i > 0; i--) {
        int j = sg_int(r, 0, i);
        SgSection t = g->sec[i];
        g->sec[i] = g->sec[j];
        g->sec[j] = t;
    }
    if (g->n_sec) {
        sg_put(g, "<sections>\n");
        for (int i = 0; i < g->n_sec; i++) {
            SgSection *s = &g->sec[i];
            sg_tag(s->tag, sizeof s->tag, 'S', &counter);
            sg_put(g, "<section id=\"%s\" role=\"%s\"><title>%s %s</title>\n<p>", s->tag,
                   s->role, !strcmp(s->role, "preface") ? "คำนำ"
                   : !strcmp(s->role, "executive-summary") ? "บทสรุปผู้บริหาร" : "ความเป็นมา",
                   s->tag);
            SG_TEXT(g, r, ph_para, 40);
            sg_put(g, "</p>\n</section>\n");
        }
        sg_put(g, "</sections>\n");
    }
    sg_put(g, "<vision>%s</vision>\n", ph_vision);
    int nm = sg_int(r, 0, 3);
    if (nm) {
        sg_put(g, "<missions>\n");
        for (int i = 0; i < nm; i++) {
            sg_put(g, "<mission>");
            SG_TEXT(g, r, ph_mission, 20);
            sg_put(g, "</mission>\n");
        }
        sg_put(g, "</missions>\n");
    }

    sg_put(g, "<issues>\n");
    int x = 0;
    for (int i = 0; i < g->n_issues; i++) {
        sg_put(g, "<issue id=\"U%c%c\"><title>", 'a' + i / 26, 'a' + i % 26);
        SG_TEXT(g, r, ph_issue, 25);
        sg_put(g, "</title>\n");
        for (int k = 0; k < g->goals_of[i]; k++) {
            sg_put(g, "<goal id=\"G%c%c\">", 'a' + (g->first_goal[i] + k) / 26,
                   'a' + (g->first_goal[i] + k) % 26);
            SG_TEXT(g, r, ph_goal, 20);
            sg_put(g, "</goal>\n");
        }
        for (; x < g->n_ind && g->ind[x].issue == i; x++) {
            SgIndicator *in = &g->ind[x];
            int gl = ind_goal[x];
            int unit = !in->qualitative || sg_pct(r, 40);
            sg_put(g, "<indicator id=\"%s\" goal=\"G%c%c\"%s%s direction=\"%s\"%s>\n<name>%s ",
                   in->id, 'a' + gl / 26, 'a' + gl % 26, unit ? " unit=" : "",
                   unit ? (in->qualitative ? "\"ระดับ\"" : "\"ร้อยละ\"") : "",
                   in->qualitative ? "maintain" : sg_pct(r, 50) ? "increase" : "decrease",
                   in->qualitative ? " kind=\"qualitative\""
                   : g->format == 2 && sg_pct(r, 30) ? " kind=\"quantitative\"" : "",
                   in->tag);
            SG_TEXT(g, r, ph_indicator, 20);
            sg_put(g, "</name>\n");
            if (sg_pct(r, 70))
                sg_put(g, "<baseline year=\"%d\">%s</baseline>\n", g->period_from - 1,
                       in->qualitative ? "ยังไม่มีระบบติดตามที่ครอบคลุม" : "62.5");
            for (int p = 0; p < g->n_phases; p++) {
                if (in->qualitative)
                    sg_put(g, "<target phase=\"H%c%c\">%s</target>\n", 'a' + p / 26,
                           'a' + p % 26, sg_pct(r, 50) ? "มีระบบติดตามครบทุกจังหวัด"
                                                      : "มีแผนปฏิบัติการและคณะทำงานระดับพื้นที่");
                else
                    sg_put(g, "<target phase=\"H%c%c\">%s%d</target>\n", 'a' + p / 26,
                           'a' + p % 26, sg_pct(r, 20) ? "≥ " : "", sg_int(r, 0, 1000000));
            }
            if (in->n_answerable) {
                sg_put(g, "<answerable agencies=\"");
                for (int a = 0; a < in->n_answerable; a++)
                    sg_put(g, "%s%s", a ? " " : "", g->ag[in->answerable[a]].id);
                sg_put(g, "\"/>\n");
            }
            sg_put(g, "</indicator>\n");
        }
        for (int s = 0; s < strategies_of[i]; s++) {
            int own = g->first_goal[i] + sg_int(r, 0, g->goals_of[i] - 1);
            sg_put(g, "<strategy id=\"R%c%c%c\" goals=\"G%c%c", 'a' + i / 26, 'a' + i % 26,
                   'a' + s, 'a' + own / 26, 'a' + own % 26);
            if (g->n_issues > 1 && sg_pct(r, 40)) { /* a goal of another issue */
                int other = sg_int(r, 0, g->n_goals - 1);
                if (other < g->first_goal[i] || other >= g->first_goal[i] + g->goals_of[i]) {
                    sg_put(g, " G%c%c", 'a' + other / 26, 'a' + other % 26);
                    g->cross_issue = 1;
                }
            }
            sg_put(g, "\"><title>");
            SG_TEXT(g, r, ph_strategy, 20);
            sg_put(g, "</title>\n<measure>");
            SG_TEXT(g, r, ph_measure, 20);
            sg_put(g, "</measure>\n</strategy>\n");
        }
        sg_put(g, "</issue>\n");
    }
    sg_put(g, "</issues>\n");

    if (g->n_pj) {
        sg_put(g, "<action-plan>\n");
        int pg = 0, k = 0;
        for (int i = 0; i < g->n_issues; i++)
            for (int p = 0; p < programs_of[i]; p++, pg++) {
                sg_put(g, "<program id=\"Q%c%c\" issue=\"U%c%c\"><title>", 'a' + pg / 26,
                       'a' + pg % 26, 'a' + i / 26, 'a' + i % 26);
                SG_TEXT(g, r, ph_program, 20);
                sg_put(g, "</title>\n");
                for (int j = 0; j < pj_of_program[pg] && k < g->n_pj; j++, k++) {
                    SgProject *pj = &g->pj[k];
                    sg_put(g, "<project id=\"%s\" strategy=\"R%c%c%c\"", pj->id, 'a' + i / 26,
                           'a' + i % 26, 'a' + sg_int(r, 0, strategies_of[i] - 1));
                    if (pj->n_ind) {
                        sg_put(g, " indicators=\"");
                        for (int q = 0; q < pj->n_ind; q++)
                            sg_put(g, "%s%s", q ? " " : "", g->ind[pj->ind[q]].id);
                        sg_put(g, "\"");
                    }
                    sg_put(g, "><title>%s ", pj->id);
                    SG_TEXT(g, r, ph_project, 25);
                    sg_put(g, "</title>\n<objective>");
                    SG_TEXT(g, r, ph_objective, 20);
                    sg_put(g, "</objective>\n<lead agency=\"%s\"/>\n", g->ag[pj->lead].id);
                    if (pj->n_support) {
                        sg_put(g, "<support agencies=\"");
                        for (int q = 0; q < pj->n_support; q++)
                            sg_put(g, "%s%s", q ? " " : "", g->ag[pj->support[q]].id);
                        sg_put(g, "\"/>\n");
                    }
                    if (pj->n_fy) {
                        sg_put(g, "<budget source=\"งบประมาณแผ่นดิน\">\n");
                        for (int f = 0; f < pj->n_fy; f++)
                            sg_put(g, "<fy year=\"%d\" status=\"%s\">%lld</fy>\n",
                                   pj->fy[f].year, f % 2 ? "requested" : "approved",
                                   (long long)pj->fy[f].baht);
                        sg_put(g, "</budget>\n");
                    }
                    sg_put(g, "</project>\n");
                }
                sg_put(g, "</program>\n");
            }
        sg_put(g, "</action-plan>\n");
    }

    size_t text_end = g->len; /* the text that uses abbreviations ends here */
    sg_put(g, "<agencies>\n");
    for (int i = 0; i < g->n_ag; i++) {
        SgAgency *a = &g->ag[i];
        sg_put(g, "<agency id=\"%s\" abbr=\"%s\"", a->id, a->abbr);
        if (a->parent >= 0)
            sg_put(g, " parent=\"%s\"", g->ag[a->parent].id);
        sg_put(g, "><name>");
        SG_TEXT(g, r, ph_agency, 15);
        sg_put(g, "</name></agency>\n");
    }
    sg_put(g, "</agencies>\n");
    /* format 2: the abbreviations of the sample's phrases that the text
     * uses, declared as `check --strict` asks (glossary.h) */
    static const char *const terms[] = {"AHT", "GLP", "IUU", "PIPO", "ACTIP", "ป.ค.ม.",
                                        "ต.ค.ม.", "อพม."};
    int open_gl = 0;
    char *used = g->format == 2 ? malloc(text_end + 1) : NULL;
    if (used) {
        memcpy(used, g->xml, text_end);
        used[text_end] = '\0';
    }
    for (size_t k = 0; used && k < SG_COUNT(terms); k++) {
        if (!strstr(used, terms[k]))
            continue;
        if (!open_gl++)
            sg_put(g, "<glossary>\n");
        sg_put(g, "<term abbr=\"%s\">คำอธิบายของคำย่อ %s</term>\n", terms[k], terms[k]);
    }
    free(used);
    if (open_gl)
        sg_put(g, "</glossary>\n");
    sg_put(g, "</plan>\n");
}

#endif
