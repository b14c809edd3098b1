/* layout_figure.h - figures and images on pages (layout_figure.c).
 *
 * A figure (DB_FIGURE) is drawn by its composer's function on a DocCanvas
 * (layout.h: canvas_cairo, canvas_text), an image (DB_IMAGE) is a PNG
 * scaled to its width; each moves whole to the next page when it does not
 * fit below what is there.  Internal to the layout.
 *
 * Threads: as layout_text.h: one thread at a time per Engine.
 */
#ifndef PHAEN_LAYOUT_FIGURE_H
#define PHAEN_LAYOUT_FIGURE_H

#include "layout_int.h"

void do_figure(Engine *e, const DocBlock *b);
void do_image(Engine *e, const DocBlock *b);

#endif
