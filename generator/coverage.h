/* coverage.h - what the fonts cannot draw, found by `check`.
 *
 * The plan's text is read as written (file and line), before any layout:
 * each character the fonts have no glyph for (emoji, CJK, Arabic: they would
 * print as hex boxes) is reported once, at its first line, with the
 * character, its code point and how often it occurs; so is each Thai mark
 * with no letter to sit on (a lone mark, or more than three on one letter),
 * which would draw over the line above or off the page.
 *
 * Threads: needs a FontSet, which belongs to one thread at a time (fonts.h).
 */
#ifndef PHAEN_COVERAGE_H
#define PHAEN_COVERAGE_H

#include <stddef.h>

#include "diag.h"
#include "fonts.h"

/* The characters of the XML in buf (len bytes): its text and attribute
 * values, each with its first line and count, and the Thai marks with no
 * letter to sit on.  Needs no fonts: plan_load scans the file's bytes
 * while it has them (LoadOptions.glyph_scan), so that they are read once,
 * standard input too.  Free with coverage_free(). */
typedef struct CoverageScan CoverageScan;
CoverageScan *coverage_scan(const char *buf, size_t len);
void coverage_free(CoverageScan *sc);

/* Reports what the scan found that the regular and bold faces of `family`
 * in fs cannot draw, and the lone and stacked marks, at their lines in
 * `path`.  Returns the number of errors reported. */
int coverage_report(CoverageScan *sc, const char *path, FontSet *fs, const char *family,
                    Diag *d);

/* Both, for the XML in buf, named `path` in the messages. */
int coverage_check_text(const char *buf, size_t len, const char *path, FontSet *fs,
                        const char *family, Diag *d);

#endif
