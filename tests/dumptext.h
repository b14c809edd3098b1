/* dumptext.h - the text of a laid-out document as `pdftotext -raw` reads it
 * back, made in this process from the page dump (dump.h): every line the
 * layout placed, in the order it was painted, one a line, and "\f" after
 * each page.  Tests of what the composers and the layout put on the pages
 * read this instead of rendering a PDF and running a reader on it (a reader
 * run costs tens of milliseconds, and a test made dozens); what only a PDF
 * shows stays with the real readers (test_e2e, test_readers).
 * Include after testutil.h. */
#ifndef PHAEN_DUMPTEXT_H
#define PHAEN_DUMPTEXT_H

#include "dump.h"

/* The text of doc laid out with t and fs (malloc'd); *pages gets the page
 * count when pages is not NULL.  Fails the test when the layout fails. */
static inline char *layout_text(const Doc *doc, const Template *t, FontSet *fs, int *pages)
{
    char *dump = NULL, *text = NULL;
    size_t dump_len = 0, text_len = 0;
    FILE *out = open_memstream(&dump, &dump_len);
    assert_non_null(out);
    DiagCapture dc;
    diag_capture_init(&dc);
    if (dump_pages(doc, t, fs, out, &dc.d) != 0)
        fail_msg("layout failed:\n%s", diag_capture_text(&dc));
    diag_capture_free(&dc);
    assert_int_equal(fclose(out), 0);
    FILE *txt = open_memstream(&text, &text_len);
    assert_non_null(txt);
    int n = 0;
    for (const char *l = dump; *l;) {
        const char *end = strchr(l, '\n');
        if (!end)
            end = l + strlen(l);
        if (!strncmp(l, "page ", 5) && n++ > 0)
            fputc('\f', txt);
        if (!strncmp(l, "  line ", 7)) {
            const char *q = memchr(l, '"', (size_t)(end - l));
            assert_non_null(q); /* dump.c's put_str: quoted, \" \\ \n \xNN escaped */
            for (q++; q < end && *q != '"'; q++) {
                if (*q != '\\') {
                    fputc(*q, txt);
                } else if (q[1] == 'n') {
                    fputc('\n', txt);
                    q++;
                } else if (q[1] == 'x') {
                    fputc((int)strtol((char[3]){q[2], q[3], 0}, NULL, 16), txt);
                    q += 3;
                } else {
                    fputc(*++q, txt);
                }
            }
            fputc('\n', txt);
        }
        l = *end ? end + 1 : end;
    }
    if (n > 0)
        fputc('\f', txt);
    assert_int_equal(fclose(txt), 0);
    free(dump);
    if (pages)
        *pages = n;
    return text;
}

/* The first line of a page dump that breaks a rule every document keeps,
 * as a message (a static buffer), or NULL when none does:
 *  - a document's closing "pages N overflows N broken-numbers N" line that
 *    counts no page, a line out of its box or a number broken across
 *    lines, or says a page ends with a heading (lone-headings; LayoutStats);
 *  - a line of spaces (a break inside an indent made of spaces left one,
 *    and the rest of its text at the box's edge: the progress report's
 *    status cells before DocCell.mark_room);
 *  - a line that ends with an opening parenthesis;
 *  - a line that begins with a Thai vowel written after its letter (ะ า ำ
 *    ๅ), ๆ or ฯ, or ends with one written before it (เ แ โ ใ ไ): a word
 *    broken between characters keeps them with their letter ("ร้อยล" over
 *    "ะ" in a unit column, before layout_text.c's bad_thai_break). */
static inline const char *dump_bad_line(const char *dump)
{
    static char msg[160];
    for (const char *at = dump; (at = strstr(at, "\npages ")); at++) {
        const char *eol = strchr(at + 1, '\n');
        int n = (int)(eol ? eol - at - 1 : 80), pages, overflows, broken;
        const char *why = NULL;
        if (sscanf(at, "\npages %d overflows %d broken-numbers %d", &pages, &overflows,
                   &broken) != 3)
            why = "a document's closing line unread";
        else if (pages < 1)
            why = "a document of no page";
        else if (overflows || broken)
            why = "lines leave their box or numbers are broken";
        else if (strstr(at + 1, " lone-headings ") &&
                 (!eol || strstr(at + 1, " lone-headings ") < eol))
            why = "a page ends with a heading";
        if (why) {
            snprintf(msg, sizeof msg, "%s: %.*s", why, n, at + 1);
            return msg;
        }
    }
    for (const char *at = dump; (at = strstr(at, "\n  line ")); at++) {
        const char *q = strchr(at + 1, '"'), *eol = strchr(at + 1, '\n');
        if (!q || (eol && q > eol))
            continue;
        const char *end = eol ? eol : at + strlen(at);
        while (end > q + 1 && end[-1] == '"')
            end--;
        const char *why = NULL;
        size_t sp = strspn(q + 1, " ");
        const char *last = end;
        while (last > q + 1 && last[-1] == ' ')
            last--;
        gunichar first = g_utf8_get_char(q + 1);
        const char *lastp = last > q + 1 ? g_utf8_find_prev_char(q + 1, last) : NULL;
        gunichar lastc = lastp ? g_utf8_get_char(lastp) : 0;
        if (sp > 0 && q + 1 + sp == end)
            why = "a line of spaces";
        else if (lastc == '(')
            why = "a line ends with '('";
        else if (first == 0x0E30 || first == 0x0E32 || first == 0x0E33 || first == 0x0E45 ||
                 first == 0x0E46 || first == 0x0E2F || (lastc >= 0x0E40 && lastc <= 0x0E44))
            why = "a Thai word broken inside a letter's cluster";
        if (why) {
            snprintf(msg, sizeof msg, "%s: %.*s", why, (int)(eol ? eol - at - 1 : 80), at + 1);
            return msg;
        }
    }
    return NULL;
}

/* Page `page` (from 1) of a layout_text (malloc'd; "" past the end). */
static inline char *layout_page(const char *text, int page)
{
    const char *a = text;
    for (int i = 1; i < page && a; i++)
        a = strchr(a, '\f') ? strchr(a, '\f') + 1 : NULL;
    if (!a)
        a = "";
    const char *b = strchr(a, '\f');
    size_t n = b ? (size_t)(b - a) : strlen(a);
    char *s = malloc(n + 1);
    assert_non_null(s);
    memcpy(s, a, n);
    s[n] = '\0';
    return s;
}

#endif
