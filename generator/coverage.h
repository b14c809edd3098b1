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

/* Checks the text and attribute values of the XML in buf (len bytes, read
 * from `path`, which names it in the messages) against the regular and
 * bold faces of `family` in fs.  Returns the number of errors reported. */
int coverage_check_text(const char *buf, size_t len, const char *path, FontSet *fs,
                        const char *family, Diag *d);

/* The same for the file at path.  Returns the number of errors, or -1
 * after reporting a file that cannot be read. */
int coverage_check_file(const char *path, FontSet *fs, const char *family, Diag *d);

#endif
