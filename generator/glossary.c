/* glossary.c - see glossary.h. */
#include "glossary.h"

#include <stdlib.h>
#include <string.h>

/* The code point at s (UTF-8) and its length; a stray byte is itself. */
static unsigned next_cp(const unsigned char *s, size_t *len)
{
    if (s[0] < 0x80 || (s[0] & 0xC0) == 0x80) {
        *len = 1;
        return s[0];
    }
    int n = (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3 : 4;
    unsigned c = s[0] & (0x7Fu >> n);
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *len = 1;
            return s[0];
        }
        c = (c << 6) | (s[i] & 0x3Fu);
    }
    *len = (size_t)n;
    return c;
}

static int is_thai(unsigned c) { return (c >= 0x0E01 && c <= 0x0E3A) || (c >= 0x0E40 && c <= 0x0E4E); }
static int is_consonant(unsigned c) { return c >= 0x0E01 && c <= 0x0E2E; }
static int is_lead_vowel(unsigned c) { return c >= 0x0E40 && c <= 0x0E44; }
static int is_tone(unsigned c) { return (c >= 0x0E47 && c <= 0x0E4E); }
static int is_upper(unsigned c) { return c >= 'A' && c <= 'Z'; }
static int is_latin(unsigned c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

/* ---- collation ----------------------------------------------------------- */

enum { KEY_MAX = 256 };

/* The primary key of s: its letters with each leading vowel moved after
 * the consonant it precedes, without tone marks and full stops; Latin
 * letters folded to capitals and placed after every Thai letter. */
static size_t primary_key(const char *s, unsigned *key)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = 0, len;
    unsigned pending = 0; /* a leading vowel waiting for its consonant */
    while (*u && n + 2 < KEY_MAX) {
        unsigned c = next_cp(u, &len);
        u += len;
        if (is_tone(c) || c == '.' || c == ' ')
            continue;
        if (is_lead_vowel(c)) {
            if (pending)
                key[n++] = pending;
            pending = c;
            continue;
        }
        if (c >= 'a' && c <= 'z')
            c -= 'a' - 'A';
        if (is_latin(c))
            c += 0x10000; /* after every Thai letter */
        key[n++] = c;
        if (pending && is_consonant(c)) {
            key[n++] = pending;
            pending = 0;
        }
    }
    if (pending)
        key[n++] = pending;
    return n;
}

int glossary_collate(const char *a, const char *b)
{
    unsigned ka[KEY_MAX], kb[KEY_MAX];
    size_t na = primary_key(a, ka), nb = primary_key(b, kb);
    for (size_t i = 0; i < na && i < nb; i++)
        if (ka[i] != kb[i])
            return ka[i] < kb[i] ? -1 : 1;
    if (na != nb)
        return na < nb ? -1 : 1;
    return strcmp(a, b); /* tone marks, full stops: ties only */
}

static int cmp_entry(const void *x, const void *y)
{
    const GlossEntry *a = x, *b = y;
    int c = glossary_collate(a->abbr, b->abbr);
    return c ? c : (a->line > b->line) - (a->line < b->line);
}

GlossEntry *glossary_entries(const Plan *p, size_t *n)
{
    *n = 0;
    size_t cap = p->n_agencies + p->n_terms;
    if (cap == 0)
        return NULL;
    GlossEntry *v = malloc(cap * sizeof *v);
    if (!v)
        return NULL;
    for (size_t i = 0; i < p->n_agencies; i++)
        v[(*n)++] = (GlossEntry){p->agencies[i].abbr, p->agencies[i].name, p->agencies[i].line};
    for (size_t i = 0; i < p->n_terms; i++)
        v[(*n)++] = (GlossEntry){p->terms[i].abbr, p->terms[i].meaning, p->terms[i].line};
    /* Agencies come first in the file (the glossary follows them), so the
     * first declaration of an abbreviation sorts first among equals. */
    qsort(v, *n, sizeof *v, cmp_entry);
    size_t out = 0;
    for (size_t i = 0; i < *n; i++)
        if (out == 0 || strcmp(v[out - 1].abbr, v[i].abbr) != 0)
            v[out++] = v[i];
    *n = out;
    return v;
}

/* ---- finding abbreviations ----------------------------------------------- */

static const char *const common[] = {
    "พ.ศ.", "ค.ศ.", "ร.ศ.", "จ.ศ.", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.", "น.", "ฯลฯ", "ฯ",
};

int glossary_is_common(const char *abbr, size_t len)
{
    for (size_t i = 0; i < sizeof common / sizeof common[0]; i++)
        if (strlen(common[i]) == len && memcmp(common[i], abbr, len) == 0)
            return 1;
    return 0;
}

/* Whether the run of Thai letters and full stops [s, e) is an
 * abbreviation: it ends with a full stop and has 1 to 8 letters. */
static int thai_abbr(const char *s, const char *e)
{
    if (e == s || e[-1] != '.')
        return 0;
    size_t letters = 0, len;
    for (const unsigned char *u = (const unsigned char *)s; u < (const unsigned char *)e; u += len)
        letters += next_cp(u, &len) != '.';
    return letters >= 1 && letters <= 8;
}

/* Whether the Latin run [s, e) is an abbreviation: two or more capitals,
 * no small letter, not a Roman numeral, not part of a code (a hyphen or a
 * digit joined to it). */
static int latin_abbr(const char *text, const char *s, const char *e)
{
    size_t n = (size_t)(e - s), roman = 0;
    if (n < 2)
        return 0;
    for (const char *c = s; c < e; c++) {
        if (!is_upper((unsigned char)*c))
            return 0;
        roman += strchr("IVXLCDM", *c) != NULL;
    }
    if (roman == n)
        return 0;
    if ((*e == '-' || (*e >= '0' && *e <= '9')) ||
        (s > text && (s[-1] == '-' || (s[-1] >= '0' && s[-1] <= '9'))))
        return 0;
    return 1;
}

const char *glossary_next(const char *text, size_t *len)
{
    const unsigned char *u = (const unsigned char *)text;
    while (*u) {
        size_t l;
        unsigned c = next_cp(u, &l);
        const char *start = (const char *)u;
        if (is_thai(c)) {
            /* a run of Thai letters and full stops */
            const unsigned char *e = u;
            for (;;) {
                unsigned d = next_cp(e, &l);
                if (!(is_thai(d) || d == '.') || !*e)
                    break;
                e += l;
            }
            /* a Thai run directly after a Latin letter is not apart */
            int apart = start == text || !is_latin((unsigned char)start[-1]);
            if (apart && thai_abbr(start, (const char *)e)) {
                *len = (size_t)((const char *)e - start);
                return start;
            }
            u = e;
        } else if (is_latin(c)) {
            const unsigned char *e = u;
            while (is_latin(*e))
                e++;
            if (latin_abbr(text, start, (const char *)e)) {
                *len = (size_t)((const char *)e - start);
                return start;
            }
            u = e;
        } else {
            u += l;
        }
    }
    return NULL;
}

/* ---- the plan's texts ---------------------------------------------------- */

typedef void (*TextFn)(void *ctx, const char *text, int line);

static void one(TextFn fn, void *ctx, const char *text, int line)
{
    if (text)
        fn(ctx, text, line);
}

void glossary_walk(const Plan *p, TextFn fn, void *ctx)
{
    one(fn, ctx, p->title, p->header_line);
    one(fn, ctx, p->short_title, p->header_line);
    one(fn, ctx, p->doc_type, p->header_line);
    one(fn, ctx, p->level_title, p->header_line);
    for (size_t i = 0; i < p->n_approvals; i++) {
        one(fn, ctx, p->approvals[i].body, p->approvals[i].line);
        one(fn, ctx, p->approvals[i].number, p->approvals[i].line);
        one(fn, ctx, p->approvals[i].resolution, p->approvals[i].line);
    }
    for (size_t i = 0; i < p->n_aligns; i++) {
        one(fn, ctx, p->aligns[i].title, p->aligns[i].line);
        one(fn, ctx, p->aligns[i].contribution, p->aligns[i].line);
    }
    for (size_t i = 0; i < p->n_sections; i++) {
        const Section *s = &p->sections[i];
        one(fn, ctx, s->title, s->line);
        for (size_t b = 0; b < s->n_blocks; b++) {
            one(fn, ctx, s->blocks[b].text, s->blocks[b].line);
            for (size_t k = 0; k < s->blocks[b].n_items; k++)
                one(fn, ctx, s->blocks[b].items[k], s->blocks[b].line);
        }
        if (s->signature) {
            one(fn, ctx, s->signature->position, s->signature->line);
            one(fn, ctx, s->signature->organisation, s->signature->line);
        }
    }
    one(fn, ctx, p->vision, p->header_line);
    for (size_t i = 0; i < p->n_missions; i++)
        one(fn, ctx, p->missions[i], p->header_line);
    for (size_t i = 0; i < p->n_issues; i++) {
        const Issue *is = &p->issues[i];
        one(fn, ctx, is->title, is->line);
        for (size_t k = 0; k < is->n_paras; k++)
            one(fn, ctx, is->paras[k], is->line);
        for (size_t k = 0; k < is->n_goals; k++)
            one(fn, ctx, is->goals[k].text, is->goals[k].line);
        for (size_t k = 0; k < is->n_indicators; k++) {
            const Indicator *in = &is->indicators[k];
            one(fn, ctx, in->name, in->line);
            one(fn, ctx, in->unit, in->line);
            one(fn, ctx, in->source, in->line);
        }
        for (size_t k = 0; k < is->n_strategies; k++) {
            const Strategy *st = &is->strategies[k];
            one(fn, ctx, st->title, st->line);
            for (size_t m = 0; m < st->n_measures; m++)
                one(fn, ctx, st->measures[m], st->line);
        }
    }
    for (size_t i = 0; i < p->n_programs; i++) {
        const Program *pg = &p->programs[i];
        one(fn, ctx, pg->title, pg->line);
        for (size_t k = 0; k < pg->n_projects; k++) {
            const Project *pj = &pg->projects[k];
            one(fn, ctx, pj->title, pj->line);
            one(fn, ctx, pj->objective, pj->line);
            one(fn, ctx, pj->budget_source, pj->line);
        }
    }
}
