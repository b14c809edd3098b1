/* load.h - XML in, model out.  The only module that includes libxml2.
 *
 * Parses safely (no network, no DTD, no external entity, no XInclude; a
 * DOCTYPE is refused), validates against the schema compiled into phaen
 * (generator/schema/plan-1.xsd), and builds a Plan in its own arena.  Links
 * are recorded as written (PlanRef.id, .line) and left for resolve.c.
 *
 * Threads: libxml2 is set up once (process-wide) and the compiled schemas
 * are cached; load plans from one thread at a time, load_cleanup() last.
 */
#ifndef PHAEN_LOAD_H
#define PHAEN_LOAD_H

#include <stddef.h>

#include "diag.h"
#include "plan.h"

struct CoverageScan;

typedef struct LoadOptions {
    size_t max_bytes;   /* inputs larger than this are refused; 0 = default (64 MiB) */
    /* Not NULL: plan_load sets it to the scan of the file's characters
     * (coverage.h), made from the bytes it read (NULL when it read none);
     * the caller frees it with coverage_free(). */
    struct CoverageScan **glyph_scan;
} LoadOptions;

/* Loads the plan at path.  Returns NULL after reporting to d when the file
 * cannot be read, is too large, is not well-formed XML, has a DOCTYPE, or does
 * not match the schema; all schema errors are reported, not just the first.
 * The caller frees the result with plan_free(). */
Plan *plan_load(const char *path, const LoadOptions *opt, Diag *d);

/* The same from memory; `name` is used in diagnostics (for fuzzing/tests). */
Plan *plan_load_memory(const char *buf, size_t len, const char *name,
                       const LoadOptions *opt, Diag *d);

/* Releases libxml2's global state (at exit, so leak checkers stay quiet). */
void load_cleanup(void);

#endif
