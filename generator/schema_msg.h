/* schema_msg.h - libxml2's schema and limit messages in a planner's words.
 *
 * load.c hands every message libxml2 reports here before it goes to the
 * diagnostics: "Element 'version', attribute 'status': [facet
 * 'enumeration'] The value 'final' is not an element of the set {...}"
 * becomes "attribute 'status' of <version> cannot be 'final'; expected one
 * of: ...".  Plain text in, plain text out: no libxml2 type here.
 *
 * Not thread-safe per SchemaMsgState (one per load); otherwise reentrant.
 */
#ifndef PHAEN_SCHEMA_MSG_H
#define PHAEN_SCHEMA_MSG_H

#include <stddef.h>

/* Where the last schema error was (line, "element/attribute"): libxml2
 * follows some errors with vaguer ones about the same value.  Zero it
 * before the first message of a load. */
typedef struct SchemaMsgState {
    int last_line;
    char last_where[300];
} SchemaMsgState;

/* Rewrites one schema-validity message (libxml2's XML_FROM_SCHEMASV text,
 * trailing newline removed) met at `line` into out (cap bytes).  Returns 0
 * when the message repeats the one before and should be dropped, else 1.
 * Anything not recognised keeps libxml2's text. */
int schema_message(SchemaMsgState *st, int line, const char *msg, char *out, size_t cap);

/* libxml2's parser limits (nesting depth, long texts and names: phaen never
 * passes XML_PARSE_HUGE) in a planner's words, into out.  Returns 1 when msg
 * is about a limit (what follows it is noise the caller drops), else 0. */
int limit_message(const char *msg, char *out, size_t cap);

#endif
