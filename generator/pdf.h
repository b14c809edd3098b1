/* pdf.h - a laid-out document into a PDF file, whole or not at all.
 *
 * The only module that calls cairo_pdf_*.  Pages stream into a temporary
 * file beside the target, which is renamed into place only when cairo has
 * finished the document and reported success; any failure removes it, and a
 * previous file of the same name is left exactly as it was.
 */
#ifndef PHAEN_PDF_H
#define PHAEN_PDF_H

#include "diag.h"
#include "doc.h"
#include "fonts.h"
#include "layout.h"
#include "template.h"

/* Lays out doc and writes it to path (metadata from doc: title, author,
 * subject, keywords, creator, create_date).  Returns 0, or -1 after
 * reporting to d.  stats may be NULL. */
int pdf_write(const char *path, const Doc *doc, const Template *t, FontSet *fs,
              Diag *d, LayoutStats *stats);

#endif
