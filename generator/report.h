/* report.h - problems collected during a stage, then reported in the
 * order of the input file.
 *
 * resolve.c and check.c find problems in the order they walk the model, not
 * the order of the file; each collects them here and flushes them to the
 * Diag sorted by line (ties in the order found), so the output reads top to
 * bottom.  Everything lives in a scratch arena freed by report_flush().
 *
 * Threads: a Report belongs to one thread.
 */
#ifndef PHAEN_REPORT_H
#define PHAEN_REPORT_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"

enum { MAX_NOTES = 2 };

typedef struct Note {
    int line;
    const char *msg;
} Note;

typedef struct Problem {
    int line;
    size_t seq;           /* order of discovery: the tiebreak within a line */
    int is_error;
    const char *msg;
    Note notes[MAX_NOTES];
    int n_notes;
} Problem;

typedef struct Report {
    Arena *a;             /* scratch: messages and the problem array */
    Problem *items;
    size_t n, cap;
    size_t budget;        /* free for the stage's own work limit (resolve:
                           * ids the "did you mean" search may still visit) */
} Report;

/* Starts an empty report with the given budget. */
void report_init(Report *r, size_t budget);

/* Adds an error (is_error 1) or a warning at line. */
void report_add(Report *r, int is_error, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Adds a note to the last problem added (at most MAX_NOTES). */
void report_note(Report *r, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Sends the problems to d sorted by line, frees the scratch arena, and
 * returns the number of errors. */
int report_flush(Report *r, Diag *d, const char *file);

#endif
