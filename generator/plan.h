/* plan.h - the plan model: what a plan says, after loading and resolving.
 *
 * load.c builds a Plan from XML (every string and array in plan->arena);
 * resolve.c fills in the links (PlanRef.to) and the reverse indexes;
 * check.c reports what is wrong.  After that the model is frozen: the
 * composers and renderers only read it.
 *
 * Every object carries the line it was defined on, and every reference the
 * line it was written on, so a diagnostic can point at the input.
 * Strings are UTF-8 and never NULL for required fields; optional text fields
 * are NULL when absent.  Arrays are (pointer, count) pairs; a count of 0 may
 * come with a NULL pointer.
 *
 * Threads: a plan is built and resolved by one thread; once checked it is
 * frozen and read by any number of threads.
 */
#ifndef PHAEN_PLAN_H
#define PHAEN_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

typedef struct Agency Agency;
typedef struct Phase Phase;
typedef struct Issue Issue;
typedef struct Goal Goal;
typedef struct Indicator Indicator;
typedef struct Strategy Strategy;
typedef struct Program Program;
typedef struct Project Project;
typedef struct SubTarget SubTarget;
typedef struct Factor Factor;

/* What an id names; the resolver checks links by kind. */
typedef enum {
    KIND_NONE = 0,
    KIND_AGENCY,
    KIND_PHASE,
    KIND_SECTION,
    KIND_ISSUE,
    KIND_GOAL,
    KIND_INDICATOR,
    KIND_STRATEGY,
    KIND_PROGRAM,
    KIND_PROJECT,
    KIND_SUBTARGET,       /* format 2: a sub-plan target (เป้าหมายแผนย่อย, Y) */
    KIND_FACTOR,          /* format 2: a factor of a sub-plan target (ปัจจัย, X) */
} ObjKind;

/* A link by id.  `id` is as written (NULL: the link is absent); `line` is
 * where it was written; `to` is set by the resolver (NULL until then, and
 * when the id is unknown or of the wrong kind). */
typedef struct PlanRef {
    const char *id;
    int line;
    union {
        void *any;
        Agency *agency;
        Phase *phase;
        Issue *issue;
        Goal *goal;
        Indicator *indicator;
        Strategy *strategy;
        Program *program;
        Project *project;
        SubTarget *sub_target;
        Factor *factor;
    } to;
} PlanRef;

typedef struct PlanRefList {
    PlanRef *items;
    size_t n;
} PlanRefList;

typedef enum { STATUS_DRAFT, STATUS_APPROVED, STATUS_REVISED } PlanStatus;
typedef enum { DIR_INCREASE, DIR_DECREASE, DIR_MAINTAIN } Direction;
typedef enum { BUDGET_REQUESTED, BUDGET_APPROVED, BUDGET_ALLOCATED } BudgetStatus;
typedef enum {
    ALIGN_NATIONAL_STRATEGY,
    ALIGN_MASTER_PLAN,
    ALIGN_SUB_PLAN,
    ALIGN_POLICY,
} AlignKind;
typedef enum {
    ROLE_BACKGROUND,
    ROLE_SITUATION,
    ROLE_ANALYSIS,
    ROLE_OTHER,
    ROLE_PREFACE,         /* format 2: คำนำ, front matter before chapter 1 */
    ROLE_EXEC_SUMMARY,    /* format 2: บทสรุปผู้บริหาร, front matter too */
} SectionRole;

/* Format 2: a quantitative indicator measures a number; a qualitative one
 * states what must be true ("มีระบบติดตามครบทุกจังหวัด"): its baseline and
 * targets are text and draw no "has no number" warning. */
typedef enum { IND_QUANTITATIVE, IND_QUALITATIVE } IndicatorKind;

/* A prose block: a paragraph, or a list of items. */
typedef enum { BLOCK_PARA, BLOCK_LIST } BlockKind;
typedef struct Block {
    BlockKind kind;
    int line;
    const char *text;     /* BLOCK_PARA */
    const char **items;   /* BLOCK_LIST */
    size_t n_items;
} Block;

struct Phase {
    const char *id;
    int line;
    const char *name;     /* "ระยะ 5 ปี" */
    int from, to;         /* BE years, inclusive */
    size_t index;         /* position in plan->phases */
};

typedef struct Align {
    AlignKind kind;
    int line;
    const char *code;
    const char *title;
    const char *contribution; /* optional */
} Align;

/* Format 2: who signs a preface (คำนำ): printed under it, right of centre. */
typedef struct Signature {
    int line;
    const char *name;         /* "นายสมชาย ตัวอย่าง": printed in parentheses */
    const char *position;     /* "ปลัดกระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์" */
    const char *organisation; /* optional */
    const char *date;         /* optional ISO date; NULL: the plan's date */
    int date_y, date_m, date_d; /* Gregorian, parsed from date (0 when none) */
} Signature;

/* Format 2: the NESDC's "XYZ" chain.  A sub-plan target (Y, code like
 * "010201": master plan 01, sub-plan 02, target 01) is declared inside the
 * <align kind="sub-plan"> it belongs to, with the factors (X, "F010201")
 * that move it; goals and projects (Z) name the targets and factors they
 * serve (Goal.serves/factors, Project.serves/factors).  Codes are ids: they
 * share the id index, so a reference to one is checked like any other. */
struct Factor {
    const char *code;
    int line;
    const char *title;
    SubTarget *target;    /* the target it is declared in */
};

struct SubTarget {
    const char *code;
    int line;
    const char *title;
    const Align *sub_plan;    /* the <align> it is declared in */
    Factor *factors;
    size_t n_factors;
    size_t index;             /* position in plan->sub_targets */
};

typedef struct Section {
    const char *id;
    int line;
    SectionRole role;
    const char *title;
    Block *blocks;
    size_t n_blocks;
    Signature *signature; /* format 2, a preface's; NULL when none */
} Section;

/* Format 2: a body's approval of this version of the plan (the national
 * committee, the Cabinet), for the approval page of the front matter. */
typedef struct Approval {
    int line;
    const char *body;         /* "คณะรัฐมนตรี" */
    const char *number;       /* optional: the meeting or resolution ("ครั้งที่ 2/2561") */
    const char *resolution;   /* optional: what it resolved, in words */
    const char *date;         /* ISO date */
    int date_y, date_m, date_d;
} Approval;

/* Format 2: an abbreviation the plan declares (<glossary>), for the
 * glossary page; the agencies' abbreviations are declared by the agencies. */
typedef struct Term {
    int line;
    const char *abbr;         /* "IUU", "ป.ค.ม." */
    const char *meaning;
} Term;

struct Agency {
    const char *id;
    int line;
    const char *abbr;     /* "สตช." */
    const char *name;
    const char *name_en;  /* optional */
    PlanRef parent;       /* its ministry; id NULL when none */
    size_t index;         /* position in plan->agencies */

    /* Reverse index (resolve.c), in document order. */
    Project **leads;
    size_t n_leads;
    Project **supports;
    size_t n_supports;
    Indicator **answers;  /* indicators it is answerable for */
    size_t n_answers;
    /* resolve.c: it leads or supports a project, answers for an indicator
     * or issues the plan, itself or through an agency under it.  `check`
     * warns and the sheet says "no role" on exactly the same condition. */
    int has_role;
};

typedef struct Target {
    PlanRef phase;        /* id NULL for a yearly target */
    int line;
    const char *value;    /* as written: "75", "≥ 80" */
    int year;             /* format 2, <target year=>: the BE fiscal year;
                           * 0 for a phase target */
} Target;

struct Indicator {
    const char *id;
    int line;
    PlanRef goal;         /* the goal that owns it */
    const char *name;
    const char *unit;     /* NULL: none (format 2, qualitative) */
    Direction direction;
    IndicatorKind kind;   /* format 1: always quantitative */
    const char *baseline; /* optional, as written */
    int baseline_year;    /* 0 when no baseline */
    int baseline_line;
    Target *targets;      /* per phase */
    size_t n_targets;
    Target *yearly;       /* format 2: per fiscal year, in document order
                           * (target.h picks the one that applies) */
    size_t n_yearly;
    const char *source;   /* optional */
    PlanRefList answerable;
    Issue *issue;         /* the issue it is defined in */
    size_t number;        /* 1-based within its goal (resolve.c): the last
                           * part of its printed number "1.1.2"; 0 when it
                           * names no goal */

    /* Reverse index (resolve.c). */
    Target **by_phase;    /* plan->n_phases entries; NULL where missing */
    Project **projects;   /* projects that move it */
    size_t n_projects;
};

struct Goal {
    const char *id;
    int line;
    const char *text;
    Issue *issue;
    size_t number;        /* 1-based within its issue */
    PlanRefList serves;   /* format 2: sub-plan targets (KIND_SUBTARGET) */
    PlanRefList factors;  /* format 2: factors (KIND_FACTOR) */

    /* Reverse index (resolve.c). */
    Indicator **indicators;
    size_t n_indicators;
    Strategy **strategies;
    size_t n_strategies;
};

struct Strategy {
    const char *id;
    int line;
    const char *title;
    const char **measures;
    size_t n_measures;
    PlanRefList goals;
    Issue *issue;
    size_t number;        /* 1-based within its issue */

    /* Reverse index (resolve.c). */
    Project **projects;
    size_t n_projects;
};

struct Issue {
    const char *id;
    int line;
    size_t number;        /* 1-based: ยุทธศาสตร์ที่ 1 */
    const char *title;
    const char **paras;   /* optional description */
    size_t n_paras;
    Goal *goals;
    size_t n_goals;
    Indicator *indicators;
    size_t n_indicators;
    Strategy *strategies;
    size_t n_strategies;

    /* Reverse index (resolve.c). */
    Program **programs;
    size_t n_programs;
};

typedef struct FyAmount {
    int year;             /* BE fiscal year */
    int line;
    int64_t baht;         /* whole baht; -1 when `text` is not a valid amount */
    const char *text;     /* as written */
    BudgetStatus status;
} FyAmount;

struct Project {
    const char *id;
    int line;
    const char *title;
    const char *objective;
    PlanRef strategy;
    PlanRefList indicators;
    PlanRef lead;         /* id NULL when the project names no lead */
    PlanRefList support;
    const char *budget_source; /* optional */
    FyAmount *budget;
    size_t n_budget;
    Program *program;
    size_t number;        /* 1-based within its program */
    PlanRefList serves;   /* format 2: sub-plan targets (KIND_SUBTARGET) */
    PlanRefList factors;  /* format 2: factors (KIND_FACTOR) */
    int align_line;       /* where serves/factors are written (the project) */
};

struct Program {
    const char *id;
    int line;
    const char *title;
    PlanRef issue;
    Project *projects;
    size_t n_projects;
    size_t number;        /* 1-based in the action plan */
};

/* One entry of the id index (resolve.c). */
typedef struct PlanId {
    const char *id;
    ObjKind kind;
    int line;
    void *obj;
} PlanId;

typedef struct Plan {
    Arena *arena;         /* owns everything below */
    const char *file;     /* the path it was loaded from, for diagnostics */
    unsigned char sha256[32]; /* of the source bytes */
    int format;           /* the format attribute: 1 or 2 */

    /* header */
    const char *title;
    const char *title_en;     /* optional */
    const char *short_title;  /* optional */
    const char *doc_type;     /* "แผนแม่บทความมั่นคง" */
    int level;                /* 1..3 */
    const char *level_title;  /* optional */
    PlanRef issuer;
    int period_from, period_to; /* BE */
    int period_line;
    Phase *phases;
    size_t n_phases;
    const char *version;      /* "1.0" */
    const char *date;         /* ISO "2018-09-14" */
    int date_y, date_m, date_d; /* Gregorian, parsed from date */
    PlanStatus status;
    int header_line;
    /* Format 2: <revises href= sha256=/>, the earlier version this one
     * revises: the path as written (relative to this plan's folder), the
     * SHA-256 written (lower-case hex), its line; NULL when absent.
     * `revised` is that plan, loaded and resolved (revises.c), owned by
     * this plan (plan_free frees it); NULL when absent or not loadable. */
    const char *revises_href;
    const char *revises_sha256;
    int revises_line;
    struct Plan *revised;

    Align *aligns;
    size_t n_aligns;
    SubTarget *sub_targets;   /* format 2: every sub-plan target, in order */
    size_t n_sub_targets;
    Section *sections;
    size_t n_sections;
    const char *vision;
    const char **missions;
    size_t n_missions;
    Issue *issues;
    size_t n_issues;
    Program *programs;
    size_t n_programs;
    Agency *agencies;
    size_t n_agencies;
    Approval *approvals;      /* format 2: header/approvals; none when absent */
    size_t n_approvals;
    Term *terms;              /* format 2: glossary; none when absent */
    size_t n_terms;

    /* Filled by resolve.c: every id, sorted by id, for plan_find(). */
    struct PlanId *ids;
    size_t n_ids;

    /* Filled by resolve.c: the fiscal years any budget names, sorted. */
    int *fiscal_years;
    size_t n_fiscal_years;
} Plan;

/* Frees a plan and everything it holds; NULL is allowed. */
void plan_free(Plan *p);

/* Looks up an id (after resolve); returns the object and sets *kind, or
 * returns NULL when the id is unknown. */
void *plan_find(const Plan *p, const char *id, ObjKind *kind);

/* "agency", "goal", ...: the kind's name in diagnostics. */
const char *plan_kind_name(ObjKind kind);

/* "national-strategy", "master-plan", "sub-plan", "policy": the word the
 * XML uses for an <align>'s kind. */
const char *align_kind_key(AlignKind kind);

/* The budget of a project in fiscal year `year` (0 when none or invalid). */
int64_t project_budget(const Project *pj, int year);

/* Whether the project has a valid budget line for fiscal year `year`: "no
 * allocation" (no line) is not the same as an allocation of 0 baht. */
int project_has_year(const Project *pj, int year);

/* Whether the project has any valid budget line. */
int project_has_budget(const Project *pj);

/* Whether the agency leads or supports a project or answers for an
 * indicator itself (not through an agency under it). */
int agency_direct_role(const Agency *a);

/* The top of the agency's parent chain (its ministry), or a itself when it
 * has no parent.  Ends after plan->n_agencies steps, so a cycle (which
 * check.c reports) cannot loop. */
const Agency *agency_ministry(const Plan *p, const Agency *a);

/* How many agencies are above `a` in its parent chain (0: none), at most
 * plan->n_agencies. */
size_t agency_depth(const Plan *p, const Agency *a);

/* Whether a goal's or project's alignment (its serves and factors lists,
 * resolved) reaches sub-plan target t: named itself, or through one of its
 * factors. */
int align_reaches(const PlanRefList *serves, const PlanRefList *factors,
                  const SubTarget *t);

/* The total of a project's valid budget lines. */
int64_t project_total(const Project *pj);

#endif
