/* fonts.h - the only fonts phaen sees: those in one folder.
 *
 * A private fontconfig configuration over the fonts folder, a pango font map
 * and context with pinned metrics (no hinting, no rounding), so that line
 * breaks and page breaks never depend on the host.  One FontSet per thread:
 * a PangoFontMap must not be shared between threads (STACK-NOTES).
 */
#ifndef PHAEN_FONTS_H
#define PHAEN_FONTS_H

#include <pango/pango.h>

#include "diag.h"

typedef struct FontSet FontSet;

/* Opens the fonts in dir and checks that `family` (regular and bold) is among
 * them.  Returns NULL after reporting to d.  Free with fonts_close().
 * The first call, made before any other thread uses fonts, also makes the
 * cairo font face of every font file and holds it until fonts_cleanup(), so
 * that every thread's fonts of a file share one face (fonts.c says why). */
FontSet *fonts_open(const char *dir, const char *family, Diag *d);

/* Another FontSet over the same fonts (fs's fontconfig configuration,
 * shared), for another thread: its own font map and context, set up as
 * fs's, so that its layouts are the same.  NULL when out of memory. */
FontSet *fonts_sibling(FontSet *fs);

/* Frees fs once pango's background work for it is done (fonts.c). */
void fonts_close(FontSet *fs);

/* Releases the font faces held and the font caches of cairo and fontconfig,
 * once at exit after every FontSet is closed (so leak checkers see a clean
 * process). */
void fonts_cleanup(void);

/* The pango context to make layouts with (owned by the FontSet). */
PangoContext *fonts_context(FontSet *fs);

/* What the layout keeps with the fonts from one document to the next, as
 * data of the context under this key (layout_text.c: its pool of texts).
 * It holds layouts of the context, so fonts_close drops it first. */
#define FONTS_KEPT "phaen-kept"

#endif
