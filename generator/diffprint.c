/* diffprint.c - a plan diff as plain text (`phaen diff` on stdout); see
 * diff.h: diff_kind_name(), diff_field_name(), plan_diff_print().
 */
#include "diff.h"

#include <stdio.h>
#include <string.h>

#include "thai.h"

const char *diff_kind_name(ObjKind kind)
{
    switch (kind) {
    case KIND_NONE: return "plan";
    case KIND_ISSUE: return "issue";
    case KIND_SUBTARGET: return "sub-target";
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
    case DF_SERVES: key = "align_target"; break;
    case DF_FACTORS: key = "align_factor"; break;
    case DF_TARGET_YEAR:
        snprintf(buf, size, "%s %s %d", template_label(t, "target"),
                 template_label(t, "fiscal_year"), c->number);
        return buf;
    case DF_APPROVAL:
    case DF_APPROVAL_NUMBER:
    case DF_APPROVAL_DATE:
    case DF_APPROVAL_TEXT: {
        const char *part = c->field == DF_APPROVAL_NUMBER ? "approval_meeting"
                         : c->field == DF_APPROVAL_DATE   ? "approval_date"
                         : c->field == DF_APPROVAL_TEXT   ? "diff_resolution" : NULL;
        snprintf(buf, size, "%s %s%s%s", template_label(t, "approval"), c->param ? c->param : "",
                 part ? " – " : "", part ? template_label(t, part) : "");
        return buf;
    }
    case DF_TERM:
        snprintf(buf, size, "%s %s", template_label(t, "glossary"), c->param ? c->param : "");
        return buf;
    case DF_ALIGN:
    case DF_ALIGN_KIND:
    case DF_ALIGN_CONTRIBUTION: {
        const char *part = c->field == DF_ALIGN_KIND ? "diff_align_kind"
                         : c->field == DF_ALIGN_CONTRIBUTION ? "contribution" : NULL;
        snprintf(buf, size, "%s %s%s%s", template_label(t, "alignment"), c->param ? c->param : "",
                 part ? " – " : "", part ? template_label(t, part) : "");
        return buf;
    }
    case DF_PARAGRAPH:
        snprintf(buf, size, "%s %d", template_label(t, "diff_paragraph"), c->number);
        return buf;
    case DF_SIGN_NAME: key = "diff_sign_name"; break;
    case DF_SIGN_POSITION: key = "diff_sign_position"; break;
    case DF_SIGN_ORG: key = "diff_sign_org"; break;
    case DF_SIGN_DATE: key = "diff_sign_date"; break;
    case DF_SUB_PLAN: key = "sub_plan"; break;
    case DF_SUB_TARGET: key = "align_target"; break;
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
