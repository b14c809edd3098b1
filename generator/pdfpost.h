/* pdfpost.h - what cairo 1.16 cannot write, added to its finished PDF.
 *
 * cairo has no way to set the document's language.  pdfpost makes an
 * incremental update (PDF 32000-1, 7.5.6): a new revision of the catalog
 * with /Lang, a cross-reference section for it and a trailer pointing back
 * at cairo's (/Prev).  Nothing cairo wrote moves, the update is the same
 * bytes for the same file, and every reader takes the newest catalog.
 *
 * Threads: works on the stream it is given only; safe from several threads.
 */
#ifndef PHAEN_PDFPOST_H
#define PHAEN_PDFPOST_H

#include <stdio.h>

/* Reads the finished PDF in f (opened for reading) and makes the update
 * that sets the catalog's /Lang to lang (a BCP 47 tag such as "th-TH":
 * letters, digits and '-' only): *update (malloc'd, the caller frees it and
 * appends it to the file) of *update_len bytes.  A catalog that already has
 * a /Lang gives no update (*update NULL, 0 bytes).  Returns 0, or -1 when
 * the file is not a PDF as cairo writes them or cannot be read (errno tells
 * which).  The caller appends, so that its own checked writes count every
 * byte (outfile.h). */
int pdfpost_lang_update(FILE *f, const char *lang, char **update, size_t *update_len);

#endif
