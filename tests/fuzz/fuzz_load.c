/* fuzz_load.c - libFuzzer target over the front of the pipeline.
 *
 * Each input is loaded as a plan from memory (plan_load_memory), and when it
 * loads, resolved and checked exactly as `phaen check` would; a plan with no
 * errors also gets its budget roll-ups, as the renderers would compute them,
 * and every document composed from it (master plan, action plan, every
 * agency's sheet, with templates/official.conf: run from the repository
 * root), so a checked plan that breaks a composer is found here too (issue
 * 10: a 13-phase plan overflowed the master plan's column array).
 * The diagnostics go to /dev/null.  Everything is freed every time, so
 * LeakSanitizer sees a leak in any stage.  Built and run by `make fuzz` (see the Makefile);
 * a crash found here becomes a file in tests/data/fuzz-regressions/.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "budget.h"
#include "check.h"
#include "diag.h"
#include "load.h"
#include "plan.h"
#include "render.h"
#include "resolve.h"
#include "template.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Opened once: diag_* print every message, as in a real run. */
static FILE *devnull;
static Template *tpl;

/* Every composer over a checked plan; each document is freed at once. */
static void compose_all(const Plan *p, const Rollup *r)
{
    if (!tpl)
        return;
    doc_free(compose_master_plan(p, tpl));
    doc_free(compose_action_plan(p, tpl, r));
    doc_free(compose_agency_sheets(p, tpl, r));
    if (p->n_agencies)
        doc_free(compose_agency_sheet(p, tpl, r, &p->agencies[p->n_agencies - 1]));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!devnull) {
        devnull = fopen("/dev/null", "w");
        if (!devnull)
            abort();
        Diag td;
        diag_init(&td, stderr, 0);
        tpl = template_load("templates/official.conf", &td);
        if (!tpl)
            fputs("fuzz_load: no templates/official.conf here: composers not fuzzed\n", stderr);
    }
    Diag d;
    diag_init(&d, devnull, 0);
    LoadOptions opt = {.max_bytes = 1 << 20};
    Plan *p = plan_load_memory((const char *)data, size, "fuzz.xml", &opt, &d);
    if (p) {
        plan_resolve(p, &d);
        plan_check(p, &d);
    }
    /* A plan without errors goes on to layout: compute what the budget tables
     * show, so that a checked plan that breaks them is found here too. */
    if (p && d.errors == 0) {
        Rollup *r = rollup_new(p);
        if (r) {
            Rounded rd;
            if (rounded_millions(&rd, r->issue, p->n_issues, r->n_years, 2) == 0)
                rounded_free(&rd);
            if (rounded_millions(&rd, r->lead, p->n_agencies, r->n_years, 2) == 0)
                rounded_free(&rd);
            for (size_t i = 0; i < p->n_programs; i++)
                for (size_t j = 0; j < p->programs[i].n_projects; j++)
                    (void)project_total(&p->programs[i].projects[j]);
            compose_all(p, r);
        }
        rollup_free(r);
    }
    diag_finish(&d);
    plan_free(p);
    return 0;
}
