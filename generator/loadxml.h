/* loadxml.h - load.c's safe XML reading, for loaders of other documents
 * (results.c).  Includes libxml2: only loaders include this header.
 *
 * The same rules as a plan's: size limit, no DOCTYPE, no entity, no
 * network, no XInclude, every schema error reported in a planner's words
 * with its line (load.h, STACK-NOTES.md).
 *
 * Threads: as load.h (one load at a time; load_cleanup() last).
 */
#ifndef PHAEN_LOADXML_H
#define PHAEN_LOADXML_H

#include <stddef.h>

#include <libxml/tree.h>

#include "arena.h"
#include "diag.h"
#include "load.h"

/* Reads path ("-": stdin), parses it safely, checks that the root is
 * <root> and validates it against the schema xsd (xsd_len bytes, compiled
 * once and cached; a process uses one such schema).  `what` names the file
 * in messages ("results file").  Returns the document (xmlFreeDoc() it)
 * with the SHA-256 of its bytes in sha, or NULL after reporting. */
xmlDocPtr load_xml(const char *path, const char *root, const char *what, const char *xsd,
                   size_t xsd_len, const LoadOptions *opt, Diag *d, unsigned char sha[32]);

/* The line an element (or an attribute's element) was written on, exact
 * past line 65535. */
int load_line(const xmlNode *n);

/* An attribute's value, whitespace collapsed, in the arena; NULL when
 * absent. */
const char *load_attr(Arena *a, xmlNode *n, const char *name);

/* An element's text, whitespace collapsed, in the arena; NULL for NULL. */
const char *load_text(Arena *a, xmlNode *n);

/* The first child element called name (any element for NULL), and how
 * many there are; NULL and 0 for a NULL parent. */
xmlNode *load_child(xmlNode *parent, const char *name);
size_t load_count(xmlNode *parent, const char *name);

/* A plan's model (loadplan.c) built while load.c reads the file: each
 * <program> of /plan/action-plan is handed over once read and valid (then
 * its element is freed), the rest of the tree at the end.  A 10,000-project
 * plan's tree was 68 MB, of which the programs were most. */
typedef struct PlanBuild PlanBuild;

/* A new build with an empty Plan in a new arena; never NULL (xalloc.h). */
PlanBuild *load_build_new(void);

/* Builds one valid <program> and its projects; reads nothing after. */
void load_build_program(PlanBuild *b, xmlNode *program);

/* The Plan, from the programs built and what is left of the valid tree
 * under root: `name` is its file as diagnostics say it, sha the SHA-256 of
 * its bytes.  Frees b; the caller owns the Plan (plan_free). */
Plan *load_build(PlanBuild *b, xmlNode *root, const char *name, const unsigned char sha[32]);

/* Frees a build that is not finished (the file was refused); NULL is
 * allowed. */
void load_build_free(PlanBuild *b);

#endif
