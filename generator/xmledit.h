/* xmledit.h - editing a libxml2 tree in place so that the file it came from
 * keeps its layout: a new element goes on a line of its own, indented like
 * its siblings, where the schema wants it; a removed one takes its line
 * with it; a value is touched only when it differs (whitespace as the
 * loader reads it).  For `phaen import` (import.c), which edits the plan's
 * own tree because the model cannot give the file back.  Includes libxml2.
 *
 * The setters add to *changes what they changed (0 or 1).
 *
 * Threads: works on the tree it is given only; one thread per tree.
 */
#ifndef PHAEN_XMLEDIT_H
#define PHAEN_XMLEDIT_H

#include <libxml/tree.h>

/* The first child element called name; NULL when none (or n is NULL). */
xmlNode *xe_child(xmlNode *n, const char *name);
/* Whether n is a text node of blanks only (the layout between elements). */
int xe_blank_text(const xmlNode *n);

/* node, new, before ref / after ref / last in parent, on a line of its own. */
void xe_put_before(xmlNode *ref, xmlNode *node);
void xe_put_after(xmlNode *ref, xmlNode *node);
void xe_put_last(xmlNode *parent, xmlNode *node);
/* Where the schema wants it: before the first child that comes later in
 * `order` (element names, NULL-terminated). */
void xe_put_in_order(xmlNode *parent, xmlNode *node, const char *const *order);
/* Unlinks and frees n with the blanks before it. */
void xe_drop(xmlNode *n);

/* s with whitespace collapsed, as the loader reads text (g_free it). */
char *xe_norm(const char *s);
int xe_same_text(const char *a, const char *b);
/* Replaces n's content with the text v. */
void xe_set_content(xmlNode *n, const char *v);

/* Attribute `name` of n set to v when it differs; "" removes it; NULL keeps
 * it. */
void xe_set_attr(int *changes, xmlNode *n, const char *name, const char *v);
/* The text of child `name`: set when it differs, made when missing (in
 * `order`), removed for ""; NULL keeps it.  Returns the child, or NULL. */
xmlNode *xe_set_child_text(int *changes, xmlNode *parent, const char *name, const char *v,
                           const char *const *order);
/* An empty element that carries a list in one attribute (<support
 * agencies="..."/>, <lead agency="..."/>): "" removes it. */
void xe_set_child_attr(int *changes, xmlNode *parent, const char *name, const char *attr,
                       const char *v, const char *const *order);

#endif
