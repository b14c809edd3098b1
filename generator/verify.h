/* verify.h - what a PDF was made from.
 *
 * phaen writes its provenance into every PDF's Keywords: the plan's version,
 * status and date, the SHA-256 of the source XML, the template and the phaen
 * version (compose.c, cx_metadata).  `phaen verify` renders the plan afresh
 * and compares bytes; when they differ, the recorded hash tells whether the
 * PDF came from this plan's source at all.
 */
#ifndef PHAEN_VERIFY_H
#define PHAEN_VERIFY_H

#include <stdio.h>

typedef enum {
    VERIFY_EXACT,        /* byte for byte one of the fresh renders */
    VERIFY_SAME_SOURCE,  /* made from this source, but not what it renders to now */
    VERIFY_OTHER_SOURCE, /* made by phaen from another source */
    VERIFY_UNKNOWN,      /* no phaen provenance in it */
    VERIFY_IO_ERROR,     /* the PDF cannot be read */
} VerifyResult;

/* Compares the PDF at `pdf` with every file named in `fresh` (n paths of
 * documents just rendered from the plan whose source hash is `sha256_hex`),
 * and reads its recorded provenance.  Prints one line of verdict to out
 * (naming the matching document, or what the PDF says it was made from). */
VerifyResult verify_pdf(const char *pdf, const char *const *fresh, size_t n,
                        const char *sha256_hex, FILE *out);

#endif
