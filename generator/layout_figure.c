/* layout_figure.c - figures and images; see layout_figure.h. */
#include "layout_figure.h"

#include "image.h"

/* --- figures ------------------------------------------------------------- */

struct DocCanvas {
    Engine *e;
};

cairo_t *canvas_cairo(DocCanvas *cv)
{
    return cv->e->cr;
}

void canvas_text(DocCanvas *cv, double x, double y, double size, TextAlign align,
                 const char *markup)
{
    Engine *e = cv->e;
    Text tx;
    double sz = size > 0 ? size : e->t->table_size;
    /* one line, as wide as it needs: a label never wraps */
    if (text_make(e, &tx, markup, sz, 0, 10000, TA_LEFT, 0) < 0)
        return;
    if (tx.n > 0) {
        double w = tx.lines[0].width;
        double left = align == TA_CENTER ? x - w / 2 : align == TA_RIGHT ? x - w : x;
        tx.width = w + 1;
        lines_paint(e, &tx, 0, 1, left - tx.lines[0].x, y - tx.lines[0].baseline);
    }
    text_free(&tx);
}

/* A figure moves whole to the next page when it does not fit. */
void do_figure(Engine *e, const DocBlock *b)
{
    ensure_page(e);
    if (!e->at_top && e->y + b->height > bottom(e))
        page_new(e);
    if (e->cr && b->draw) {
        DocCanvas cv = {e};
        cairo_save(e->cr);
        b->draw(b->data, &cv, e->t->margin_left, e->y, text_width(e), b->height);
        cairo_restore(e->cr);
        e->lone = 0;
    }
    e->y += b->height;
    e->at_top = 0;
}

/* --- images -------------------------------------------------------------- */

/* A picture centred in the text width, at the block's width; moved to the
 * next page when it does not fit below what is there. */
void do_image(Engine *e, const DocBlock *b)
{
    ensure_page(e);
    if (b->image_px_w < 1 || b->image_px_h < 1 || b->image_w <= 0)
        return;
    double w = b->image_w, h = w * b->image_px_h / b->image_px_w;
    if (e->y + h > bottom(e) && !e->at_top)
        page_new(e);
    double x = e->t->margin_left + (text_width(e) - w) / 2;
    if (e->cr) {
        cairo_surface_t *img = image_png_surface(b->image, b->image_len);
        if (cairo_surface_status(img) == CAIRO_STATUS_SUCCESS) {
            cairo_save(e->cr);
            cairo_translate(e->cr, x, e->y);
            cairo_scale(e->cr, w / b->image_px_w, h / b->image_px_h);
            cairo_set_source_surface(e->cr, img, 0, 0);
            cairo_paint(e->cr);
            cairo_restore(e->cr);
            e->lone = 0;
        }
        if (e->sink->box)
            e->sink->box(e->sink->ctx, x, e->y, w, h);
    }
    e->y += h;
    e->at_top = 0;
}
