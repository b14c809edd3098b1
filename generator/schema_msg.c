/* schema_msg.c - libxml2's messages in a planner's words; see schema_msg.h.
 *
 * Works on the message text only: no libxml2 type is needed here, and
 * load.c stays the only file that includes libxml2.
 */
#include "schema_msg.h"

#include <stdio.h>
#include <string.h>

/* Copies the text between `from` and the next `to` in s into out (at most
 * cap - 1 bytes); returns a pointer just past `to`, or NULL when either is
 * missing. */
static const char *between(const char *s, const char *from, const char *to,
                           char *out, size_t cap)
{
    const char *b = strstr(s, from);
    if (!b)
        return NULL;
    b += strlen(from);
    const char *e = strstr(b, to);
    if (!e)
        return NULL;
    size_t n = (size_t)(e - b);
    if (n >= cap)
        n = cap - 1;
    memcpy(out, b, n);
    out[n] = '\0';
    return e + strlen(to);
}

static int starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* "( a, b, c )" → "<a>, <b>, <c>"; sets *many when there is more than one. */
static void expected_list(const char *s, char *out, size_t cap, int *many)
{
    char list[1024];
    *many = 0;
    out[0] = '\0';
    if (!between(s, "( ", " )", list, sizeof list))
        return;
    size_t len = 0;
    for (char *tok = strtok(list, ", "); tok; tok = strtok(NULL, ", ")) {
        int n = snprintf(out + len, cap - len, "%s<%s>", len ? ", " : "", tok);
        if (n < 0 || (size_t)n >= cap - len)
            break;
        *many = len != 0;
        len += (size_t)n;
    }
}

#define ID_RULE "(letters, digits, '.', '_' and '-' only)"

/* The pattern facets of plan-1.xsd, recognised to explain a failure. */
#define PAT_ID "[A-Za-z0-9][A-Za-z0-9._\\-]{0,63}"
#define PAT_LIST PAT_ID "( " PAT_ID ")*"

/* Explains an invalid id or id list (the schema only says "pattern"). */
static void explain_id(char *out, size_t cap, const char *value, int list,
                       const char *elem, const char *attr)
{
    char where[320] = "";
    if (attr && strcmp(attr, "id") != 0)
        snprintf(where, sizeof where, " in attribute '%s' of <%s>", attr, elem);
    if (list) {
        snprintf(out, cap, "'%s' is not a valid list of ids%s (ids separated "
                 "by spaces; letters, digits, '.', '_' and '-' only)", value, where);
        return;
    }
    if (strlen(value) > 64)
        snprintf(out, cap, "'%s' is not a valid id%s (at most 64 characters)",
                 value, where);
    else
        snprintf(out, cap, "'%s' is not a valid id%s " ID_RULE, value, where);
}

/* Rewrites one schema-validity message of libxml2 into a planner's words in
 * out; returns 0 when the message repeats the one before and should be
 * dropped.  Anything not recognised keeps libxml2's text. */
int schema_message(SchemaMsgState *st, int line, const char *msg,
                          char *out, size_t cap)
{
    char elem[128] = "", attr[128] = "", v[512], w[512];
    const char *rest = msg;
    const char *p = between(msg, "Element '", "'", elem, sizeof elem);
    if (p && p == msg + strlen("Element '") + strlen(elem) + 1) {
        rest = p;
        if (starts(rest, ", attribute '")) {
            p = between(rest, ", attribute '", "'", attr, sizeof attr);
            rest = p ? p : rest;
        }
        if (starts(rest, ": "))
            rest += 2;
    } else {
        elem[0] = '\0';
    }
    char where[300];
    snprintf(where, sizeof where, "%s/%s", elem, attr);
    char subject[300]; /* "<version>" or "attribute 'status' of <version>" */
    if (attr[0])
        snprintf(subject, sizeof subject, "attribute '%s' of <%s>", attr, elem);
    else
        snprintf(subject, sizeof subject, "<%s>", elem);
    int many;

    /* One message per value: a facet error, or a content error, is followed
     * by vaguer ones about the same element or attribute on the same line. */
    int follow_up = starts(rest, "[facet '") ||
                    strstr(rest, "is not a valid value of the atomic type");
    if (follow_up && st->last_line == line && strcmp(st->last_where, where) == 0)
        return 0;
    st->last_line = line;
    snprintf(st->last_where, sizeof st->last_where, "%s", where);

    if (between(rest, "The attribute '", "' is required but missing", v, sizeof v)) {
        snprintf(out, cap, "<%s> is missing its required attribute '%s'", elem, v);
    } else if (between(rest, "The attribute '", "' is not allowed", v, sizeof v)) {
        snprintf(out, cap, "<%s> does not take an attribute '%s'", elem, v);
    } else if (starts(rest, "This element is not expected.")) {
        expected_list(rest, w, sizeof w, &many);
        if (w[0])
            snprintf(out, cap, "<%s> is not allowed here; expected %s%s", elem,
                     many ? "one of: " : "", w);
        else
            snprintf(out, cap, "<%s> is not allowed here", elem);
    } else if (starts(rest, "Missing child element(s).")) {
        expected_list(rest, w, sizeof w, &many);
        snprintf(out, cap, "<%s> is incomplete: it needs %s%s", elem,
                 many ? "one of " : "", w[0] ? w : "more elements");
    } else if (starts(rest, "[facet 'pattern']") &&
               between(rest, "The value '", "' is not accepted by the pattern '",
                       v, sizeof v)) {
        between(rest, "by the pattern '", "'.", w, sizeof w);
        if (strcmp(w, PAT_ID) == 0)
            explain_id(out, cap, v, 0, elem, attr);
        else if (strcmp(w, PAT_LIST) == 0)
            explain_id(out, cap, v, 1, elem, attr);
        else if (strcmp(attr, "date") == 0)
            snprintf(out, cap, "'%s' is not a Gregorian ISO date (YYYY-MM-DD, "
                     "such as 2018-09-14; not a Buddhist-Era year)", v);
        else
            snprintf(out, cap, "%s: '%s' does not match the pattern '%s'",
                     subject, v, w);
    } else if (starts(rest, "[facet 'minLength']") &&
               strstr(rest, "has a length of '0'")) {
        snprintf(out, cap, "%s must not be empty", subject);
    } else if (starts(rest, "[facet 'enumeration']") &&
               between(rest, "The value '", "' is not an element of the set {",
                       v, sizeof v)) {
        between(rest, "is not an element of the set {", "}", w, sizeof w);
        snprintf(out, cap, "%s cannot be '%s'; expected one of: %s", subject, v, w);
    } else if ((starts(rest, "[facet 'minInclusive']") ||
                starts(rest, "[facet 'maxInclusive']")) &&
               between(rest, "The value '", "' is ", v, sizeof v)) {
        if (strstr(rest, "('2400')") || strstr(rest, "('2700')"))
            snprintf(out, cap, "%s: '%s' is not a Buddhist-Era year (2400-2700)",
                     subject, v);
        else if (strcmp(attr, "level") == 0)
            snprintf(out, cap, "%s: '%s' is not a level (1, 2 or 3)", subject, v);
        else
            snprintf(out, cap, "%s: %s", subject, rest);
    } else if (between(rest, "'", "' is not a valid value of the atomic type '",
                       v, sizeof v) &&
               between(rest, "of the atomic type '", "'", w, sizeof w)) {
        if (strcmp(w, "beYear") == 0)
            snprintf(out, cap, "%s: '%s' is not a Buddhist-Era year (2400-2700)",
                     subject, v);
        else if (strcmp(w, "isoDate") == 0)
            snprintf(out, cap, "%s: '%s' is not a valid date (YYYY-MM-DD)", subject, v);
        else if (strcmp(w, "level") == 0)
            snprintf(out, cap, "%s: '%s' is not a level (1, 2 or 3)", subject, v);
        else
            snprintf(out, cap, "%s: %s", subject, rest);
    } else if (between(rest, "The value '", "' does not match the fixed value "
                       "constraint", v, sizeof v) && strcmp(attr, "format") == 0) {
        snprintf(out, cap, "unsupported plan format '%s' (this phaen reads "
                 "format=\"1\")", v);
    } else if (strstr(rest, "content type is empty")) {
        snprintf(out, cap, "<%s> must be empty", elem);
    } else if (strstr(rest, "content type is 'element-only'")) {
        snprintf(out, cap, "<%s> must contain elements only, not text", elem);
    } else if (strstr(rest, "Element content is not allowed") ||
               strstr(rest, "content type is a simple type definition")) {
        snprintf(out, cap, "<%s> must contain text only, not elements", elem);
    } else if (elem[0]) {
        snprintf(out, cap, "%s: %s", subject, rest);
    } else {
        snprintf(out, cap, "%s", msg);
    }
    return 1;
}

/* libxml2's limits without XML_PARSE_HUGE (which phaen never passes: it
 * lifts the guards against memory exhaustion), in a planner's words.  Its
 * own text says "use XML_PARSE_HUGE", or "Memory allocation failed" for a
 * long attribute, and half a dozen follow-on errors come after; those are
 * dropped (LoadState.past_limit).  Returns 0 when msg is not about a
 * limit. */
int limit_message(const char *msg, char *out, size_t cap)
{
    if (starts(msg, "Excessive depth in document"))
        snprintf(out, cap, "elements are nested more than 256 levels deep, the most "
                 "phaen reads (a plan needs only a few levels)");
    else if (strstr(msg, "AttValue length too long"))
        snprintf(out, cap, "an attribute value is longer than 10,000,000 bytes, the most "
                 "phaen reads (attributes hold ids and short names; long text belongs "
                 "in an element)");
    else if (strstr(msg, "huge text node") || strstr(msg, "text too long") ||
             strstr(msg, "Huge input lookup"))
        snprintf(out, cap, "a text is longer than 10,000,000 bytes, the most phaen reads "
                 "in one piece");
    else if (strstr(msg, "Name too long"))
        snprintf(out, cap, "an element or attribute name is longer than 50,000 bytes, "
                 "the most phaen reads");
    else
        return 0;
    return 1;
}
