/* diag.h - GCC-style diagnostics, collected over a whole run.
 *
 * Every stage reports what it finds here and goes on, so that one run shows
 * every problem: `plan.xml:120: error: project 'P-2.3' names unknown lead
 * agency 'DSI2'`, followed by `note:` lines that point at the related place.
 * Only main.c decides what to do with the counts.
 *
 * Threads: a Diag is not locked: one thread writes to it at a time (give
 * each thread its own, or lock around it).
 */
#ifndef PHAEN_DIAG_H
#define PHAEN_DIAG_H

#include <stddef.h>
#include <stdio.h>

typedef struct Diag {
    FILE *out;        /* where messages go (stderr, or a memstream in tests) */
    int max_shown;    /* errors and warnings printed at most; 0 = no cap */
    int errors, warnings, suppressed;
    int last_shown;   /* whether the last error/warning was printed (notes follow it) */
} Diag;

/* Sets up d to print to out, showing at most max_shown problems. */
void diag_init(Diag *d, FILE *out, int max_shown);

/* Reports an error at file:line (line <= 0: no line; file NULL: no place). */
void diag_error(Diag *d, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Reports a warning; warnings do not stop rendering unless --strict. */
void diag_warning(Diag *d, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Adds a note to the previous error or warning (dropped when that was not
 * shown because of the cap). */
void diag_note(Diag *d, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* For "did you mean": the edit distance between a and b (insertions,
 * deletions, substitutions of bytes), or limit + 1 when it is above limit
 * or either string is longer than 128 bytes (ids are at most 64, template
 * keys under 100). */
size_t diag_distance(const char *a, const char *b, size_t limit);

/* Prints "N more problems not shown" when the cap was reached. */
void diag_finish(Diag *d);

#endif
