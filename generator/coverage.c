/* coverage.c - see coverage.h.
 *
 * A small scanner over the XML as bytes (comments, processing instructions
 * and the DOCTYPE skipped; character references decoded), so that every
 * message carries the line a planner can edit.  The loader has already
 * checked that the file is well-formed UTF-8.
 */
#include "coverage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where a character is first, and how often it is there. */
typedef struct Seen {
    int line;
    int count;
} Seen;

struct CoverageScan {
    GHashTable *chars;     /* gunichar -> Seen (every character that needs a glyph) */
    GHashTable *lone;      /* gunichar -> Seen (marks with no letter) */
    GHashTable *stacked;   /* gunichar -> Seen (a fourth mark on a letter) */
    gunichar prev;         /* the character before, 0 at a text's start */
    int marks;             /* marks on the current letter */
};
typedef struct CoverageScan Scan;

/* Thai marks drawn above or below their letter. */
static int is_thai_mark(gunichar c)
{
    return c == 0x0E31 || (c >= 0x0E34 && c <= 0x0E3A) || (c >= 0x0E47 && c <= 0x0E4E);
}

/* A letter Thai marks may sit on: a consonant, or ฤ, ฦ. */
static int is_thai_base(gunichar c)
{
    return c >= 0x0E01 && c <= 0x0E2E;
}

static Seen *note(GHashTable *h, gunichar c, int line)
{
    Seen *s = g_hash_table_lookup(h, GUINT_TO_POINTER(c));
    if (!s) {
        s = g_new0(Seen, 1);
        s->line = line;
        g_hash_table_insert(h, GUINT_TO_POINTER(c), s);
    }
    s->count++;
    return s;
}

static void visit(Scan *sc, gunichar c, int line)
{
    if (is_thai_mark(c)) {
        if (sc->marks == 0 && !is_thai_base(sc->prev))
            note(sc->lone, c, line);
        else if (++sc->marks > 3)
            note(sc->stacked, c, line);
        if (sc->marks == 0)
            sc->marks = 1; /* a lone mark: the next ones stack on it */
    } else {
        sc->marks = 0;
    }
    sc->prev = c;
    /* controls, white space and format characters need no glyph */
    if (c < 0x20 || c == 0x7F || g_unichar_isspace(c) || g_unichar_type(c) == G_UNICODE_FORMAT)
        return;
    note(sc->chars, c, line);
}

/* The value of a character reference "&#...;" at p (after "&#"), or 0. */
static gunichar char_ref(const char *p, const char *end)
{
    int hex = p < end && (*p == 'x' || *p == 'X');
    char *stop;
    unsigned long v = strtoul(p + hex, &stop, hex ? 16 : 10);
    return stop < end && *stop == ';' && v <= 0x10FFFF ? (gunichar)v : 0;
}

static void scan(Scan *sc, const char *buf, size_t len)
{
    const char *p = buf, *end = buf + len;
    int line = 1;
    while (p < end) {
        if (*p == '\n')
            line++;
        if (*p == '<' && (end - p >= 4 && !memcmp(p, "<!--", 4))) {
            const char *q = p + 4;
            while (q + 3 <= end && memcmp(q, "-->", 3))
                line += *q++ == '\n';
            p = q + 3 <= end ? q + 3 : end;
            continue;
        }
        if (*p == '<' && end - p >= 2 && (p[1] == '?' || (p[1] == '!' && (end - p < 9 ||
                                                               memcmp(p, "<![CDATA[", 9))))) {
            while (p < end && *p != '>')
                line += *p++ == '\n';
            continue;
        }
        if (*p == '<' || *p == '>' || *p == '"' || *p == '\'' || *p == '=')
            sc->prev = 0, sc->marks = 0; /* a text or value starts or ends */
        if (*p == '&' && end - p > 3 && p[1] == '#') {
            gunichar c = char_ref(p + 2, end);
            if (c)
                visit(sc, c, line);
            while (p < end && *p != ';')
                p++;
            p++;
            continue;
        }
        gunichar c = g_utf8_get_char_validated(p, end - p);
        if (c == (gunichar)-1 || c == (gunichar)-2) { /* the loader reports these */
            p++;
            continue;
        }
        if (c >= 0x80)
            visit(sc, c, line);
        else
            sc->prev = c, sc->marks = 0;
        p = g_utf8_next_char(p);
    }
}

static int cmp_first(const void *a, const void *b, void *h)
{
    const Seen *x = g_hash_table_lookup(h, a), *y = g_hash_table_lookup(h, b);
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return GPOINTER_TO_UINT(a) < GPOINTER_TO_UINT(b) ? -1 : GPOINTER_TO_UINT(a) > GPOINTER_TO_UINT(b);
}

/* Reports each entry of h in the order of their first line: for the
 * characters (kind 0), those that either face lacks. */
static int report(const char *path, GHashTable *h, int kind, PangoFont *const faces[2],
                  const char *family, Diag *d)
{
    GList *keys = g_list_sort_with_data(g_hash_table_get_keys(h), cmp_first, h);
    int n = 0;
    for (GList *k = keys; k; k = k->next) {
        gunichar c = GPOINTER_TO_UINT(k->data);
        Seen *s = g_hash_table_lookup(h, k->data);
        if (kind == 0 && pango_font_has_char(faces[0], c) && pango_font_has_char(faces[1], c))
            continue;
        char ch[8] = {0};
        /* a mark is shown on a dotted circle, as Thai dictionaries do */
        int shown = kind ? g_unichar_to_utf8(0x25CC, ch) : 0;
        ch[shown + g_unichar_to_utf8(c, ch + shown)] = '\0';
        char times[48] = "";
        if (s->count > 1)
            snprintf(times, sizeof times, " (%d times; the first is here)", s->count);
        if (kind == 0)
            diag_error(d, path, s->line, "the font '%s' has no glyph for '%s' (U+%04X)%s: "
                       "it would print as a box; write it another way", family, ch, c, times);
        else if (kind == 1)
            diag_error(d, path, s->line, "the Thai mark '%s' (U+%04X) has no letter to sit "
                       "on%s: it would print over the line above", ch, c, times);
        else
            diag_error(d, path, s->line, "more than three Thai marks on one letter, the "
                       "last '%s' (U+%04X)%s: they would print over the line above", ch, c,
                       times);
        n++;
    }
    g_list_free(keys);
    return n;
}

CoverageScan *coverage_scan(const char *buf, size_t len)
{
    Scan *sc = g_new0(Scan, 1);
    sc->chars = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    sc->lone = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    sc->stacked = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    scan(sc, buf, len);
    return sc;
}

void coverage_free(CoverageScan *sc)
{
    if (!sc)
        return;
    g_hash_table_destroy(sc->chars);
    g_hash_table_destroy(sc->lone);
    g_hash_table_destroy(sc->stacked);
    g_free(sc);
}

int coverage_report(CoverageScan *sc, const char *path, FontSet *fs, const char *family,
                    Diag *d)
{
    PangoFont *faces[2];
    for (int b = 0; b < 2; b++) {
        PangoFontDescription *fd = pango_font_description_new();
        pango_font_description_set_family(fd, family);
        pango_font_description_set_absolute_size(fd, 16 * PANGO_SCALE);
        pango_font_description_set_weight(fd, b ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
        faces[b] = pango_context_load_font(fonts_context(fs), fd);
        pango_font_description_free(fd);
    }
    int n = 0;
    if (faces[0] && faces[1])
        n = report(path, sc->chars, 0, faces, family, d) +
            report(path, sc->lone, 1, faces, family, d) +
            report(path, sc->stacked, 2, faces, family, d);
    for (int b = 0; b < 2; b++)
        if (faces[b])
            g_object_unref(faces[b]);
    return n;
}

int coverage_check_text(const char *buf, size_t len, const char *path, FontSet *fs,
                        const char *family, Diag *d)
{
    CoverageScan *sc = coverage_scan(buf, len);
    int n = coverage_report(sc, path, fs, family, d);
    coverage_free(sc);
    return n;
}
