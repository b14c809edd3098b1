/* pdfpost.h - what cairo 1.16 cannot write, added to its finished PDF.
 *
 * cairo has no way to set the document's language.  pdfpost appends an
 * incremental update (PDF 32000-1, 7.5.6): a new revision of the catalog
 * with /Lang, a cross-reference section for it and a trailer pointing back
 * at cairo's (/Prev).  Nothing cairo wrote moves, the update is the same
 * bytes for the same file, and every reader takes the newest catalog.
 */
#ifndef PHAEN_PDFPOST_H
#define PHAEN_PDFPOST_H

#include <stdio.h>

/* Appends to the finished PDF in f (opened for reading and writing) an
 * update setting the catalog's /Lang to lang (a BCP 47 tag such as
 * "th-TH": letters, digits and '-' only).  A catalog that already has a
 * /Lang is left alone.  Returns 0, or -1 when the file is not a PDF as
 * cairo writes them or cannot be read or written (errno tells which). */
int pdfpost_set_lang(FILE *f, const char *lang);

#endif
