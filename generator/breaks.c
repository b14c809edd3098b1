/* breaks.c - see breaks.h. */
#include "breaks.h"

#include <string.h>

/* A unit is a short word: longer "next words" are not units, and gluing
 * them would only push whole phrases to the next line. */
#define MAX_UNIT_CHARS 12

static void keep(PangoAttrList *attrs, size_t start, size_t end)
{
    PangoAttribute *a = pango_attr_allow_breaks_new(FALSE);
    a->start_index = (guint)start;
    a->end_index = (guint)end;
    pango_attr_list_insert(attrs, a);
}

static int is_digit_at(const char *s)
{
    gunichar c = g_utf8_get_char(s);
    return (c >= '0' && c <= '9') || (c >= 0x0E50 && c <= 0x0E59);
}

/* Whether the digits [p, q) are a year (B.E. 2400-2700 or C.E. 1900-2100):
 * a year takes no unit, and gluing it to the next word would chain
 * "พ.ศ. ๒๕๕๑ ฉบับที่ ๓ ..." into one unbreakable phrase. */
static int is_year(const char *p, const char *q)
{
    int v = 0, n = 0;
    for (const char *s = p; s < q; s = g_utf8_next_char(s)) {
        gunichar c = g_utf8_get_char(s);
        int d = c >= 0x0E50 ? (int)(c - 0x0E50) : (int)(c - '0');
        if (d < 0 || d > 9 || ++n > 4) /* a long number overflowed v */
            return 0;
        v = v * 10 + d;
    }
    return n == 4 && ((v >= 2400 && v <= 2700) || (v >= 1900 && v <= 2100));
}

/* next_word_end's answers for the windows seen last, per thread (the
 * functions here stay safe from several threads). */
enum { UNIT_MEMO = 256 };
typedef struct UnitMemo {
    int used, at_end;
    size_t len, off;
    char bytes[4 * (2 * MAX_UNIT_CHARS + 2)];
} UnitMemo;
static _Thread_local UnitMemo unit_memo[UNIT_MEMO];

/* The byte offset where the word starting at byte `at` of text (after one
 * space, if there is one) ends, or 0 when there is no short word there.
 * The word boundaries come from libthai over a window of the text that
 * starts at the word and holds twice the longest unit: enough for the
 * dictionary to place the first boundary, and cheap however long the text
 * (a table of figures has a number in every cell). */
static size_t next_word_end(const char *text, size_t at)
{
    const char *s = text + at;
    if (*s == ' ')
        s++;
    else if (!strncmp(s, "\u00a0", 2))
        s += 2;
    if (!*s || *s == ' ')
        return 0;
    enum { WINDOW = 2 * MAX_UNIT_CHARS + 2 };
    const char *end = s;
    int chars = 0;
    while (*end && chars < WINDOW) {
        end = g_utf8_next_char(end);
        chars++;
    }
    /* The answer depends only on the window and whether the text ends
     * with it: tables repeat the same few units after their figures
     * (ล้านบาท, ราย, คน), and libthai's dictionary is the dear part. */
    size_t len = (size_t)(end - s);
    int at_end = !*end;
    unsigned h = 2166136261u ^ (unsigned)at_end;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    UnitMemo *m = &unit_memo[h % UNIT_MEMO];
    if (m->used && m->len == len && m->at_end == at_end && !memcmp(m->bytes, s, len))
        return m->off ? (size_t)(s - text) + m->off : 0;
    PangoLogAttr attrs[WINDOW + 1];
    pango_get_log_attrs(s, (int)len, -1, pango_language_from_string("th"), attrs, chars + 1);
    const char *p = s;
    size_t off = 0;
    for (int k = 1; k <= chars && k <= MAX_UNIT_CHARS; k++) {
        p = g_utf8_next_char(p);
        int text_end = k == chars && at_end;
        int cut = k == chars && !at_end; /* the window's end, not the word's */
        if (text_end || (!cut && (attrs[k].is_word_end || attrs[k].is_white))) {
            off = (size_t)(p - s);
            break;
        }
    }
    if (len <= sizeof m->bytes) {
        m->used = 1;
        m->len = len;
        m->at_end = at_end;
        m->off = off;
        memcpy(m->bytes, s, len);
    }
    return off ? (size_t)(s - text) + off : 0;
}

void breaks_letters(const char *text, BreaksLetters *out)
{
    out->bits[0] = out->bits[1] = 0;
    /* U+0E00..U+0E7F is E0 B8 80..E0 B9 BF in UTF-8 */
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        if (p[0] == 0xE0 && (p[1] == 0xB8 || p[1] == 0xB9) && p[2]) {
            unsigned c = (unsigned)(p[1] - 0xB8) * 64 + (p[2] & 0x3F);
            out->bits[c >> 6] |= (guint64)1 << (c & 63);
            p += 2;
        }
}

int breaks_may_hold(const BreaksLetters *l, const char *word)
{
    /* its first few Thai letters are enough to rule out most words, and
     * cheaper than reading the whole word for every text */
    int seen = 0;
    for (const unsigned char *p = (const unsigned char *)word; *p && seen < 4; p++)
        if (p[0] == 0xE0 && (p[1] == 0xB8 || p[1] == 0xB9) && p[2]) {
            unsigned c = (unsigned)(p[1] - 0xB8) * 64 + (p[2] & 0x3F);
            if (!(l->bits[c >> 6] & ((guint64)1 << (c & 63))))
                return 0;
            seen++;
            p += 2;
        }
    return 1;
}

size_t breaks_unmark(const char *word, char *out, size_t cap, size_t *marks, size_t max_marks,
                     size_t *n_marks)
{
    size_t len = 0;
    *n_marks = 0;
    for (const char *p = word; *p; p++) {
        if (*p == '|') {
            if (len > 0 && p[1] && *n_marks < max_marks)
                marks[(*n_marks)++] = len;
            continue;
        }
        if (len + 1 >= cap)
            return 0;
        out[len++] = *p;
    }
    if (cap > 0)
        out[len] = '\0';
    return len;
}

enum { MAX_MARKS = 8 };

static void keep_words(const char *text, const BreaksLetters *letters, PangoAttrList *attrs,
                       const char *const *words, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *k = words[i];
        char buf[256];
        size_t marks[MAX_MARKS], nm;
        /* A ragged line costs nothing here (table cells, first fit): the
         * word stays whole, its marks are for total fit (linebreak.c). */
        if (strchr(k, '|')) {
            if (!breaks_unmark(k, buf, sizeof buf, marks, MAX_MARKS, &nm))
                continue;
            k = buf;
        }
        if (!breaks_may_hold(letters, k))
            continue;
        size_t klen = strlen(k);
        for (const char *p = text; klen && (p = strstr(p, k)); p += klen)
            keep(attrs, (size_t)(p - text), (size_t)(p - text) + klen);
    }
}

void breaks_keep_words(const char *text, PangoAttrList *attrs, const char *const *words,
                       size_t n)
{
    BreaksLetters letters;
    breaks_letters(text, &letters);
    keep_words(text, &letters, attrs, words, n);
}

void breaks_apply(const char *text, PangoAttrList *attrs, const Template *t)
{
    BreaksLetters letters;
    breaks_letters(text, &letters);
    /* whole words */
    keep_words(text, &letters, attrs, t->keepwhole, t->n_keepwhole);
    /* a no-break word with the word after it */
    for (size_t i = 0; i < t->n_nobreak; i++) {
        const char *k = t->nobreak[i];
        if (!breaks_may_hold(&letters, k))
            continue;
        size_t klen = strlen(k);
        for (const char *p = text; klen && (p = strstr(p, k)); p += klen) {
            size_t end = next_word_end(text, (size_t)(p - text) + klen);
            if (end)
                keep(attrs, (size_t)(p - text), end);
        }
    }
    /* numbers with their unit; ๆ and ฯ with the word before */
    for (const char *p = text; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if ((c == 0x0E46 || c == 0x0E2F) && p > text) {
            const char *prev = g_utf8_prev_char(p);
            if (*prev == ' ' && prev > text)
                prev = g_utf8_prev_char(prev);
            keep(attrs, (size_t)(prev - text), (size_t)(g_utf8_next_char(p) - text));
            continue;
        }
        if (!is_digit_at(p) || (p > text && is_digit_at(g_utf8_prev_char(p))))
            continue;
        const char *q = p;
        while (*q && (is_digit_at(q) || *q == ',' || *q == '.'))
            q = g_utf8_next_char(q);
        while (q > p && (q[-1] == ',' || q[-1] == '.'))
            q--;
        size_t at = (size_t)(p - text), end = 0;
        if (!is_year(p, q))
            end = next_word_end(text, (size_t)(q - text));
        if (end)
            keep(attrs, at, end);
        p = g_utf8_prev_char(q);
    }
}
