#pragma once

#include <cairo.h>
#include <gio/gio.h>
#include <pango/pangocairo.h>

G_BEGIN_DECLS

/* An A4 page in PDF points. */
#define TAM_A4_WIDTH 595.28
#define TAM_A4_HEIGHT 841.89

/* Starts a page on @cr: saves its state (the caller restores it),
 * paints the page white and inks in black. */
void tam_pdf_page_begin (cairo_t *cr);
/* A horizontal line of @width points from (@x, @y), @thickness thick. */
void tam_pdf_rule (cairo_t *cr,
                   double x,
                   double y,
                   double width,
                   double thickness);
/* A layout of @font (a Pango description) wrapping words at @width. */
PangoLayout *tam_pdf_layout_new (cairo_t *cr,
                                 const char *font,
                                 double width);
/* Shows @text (NULL: nothing) at (@x, *@y) and moves *@y below it, plus
 * @gap. */
void tam_pdf_show (cairo_t *cr,
                   PangoLayout *layout,
                   const char *text,
                   double x,
                   double *y,
                   double gap);

typedef void (*TamPdfDrawFunc) (cairo_t *cr,
                                double width,
                                double height,
                                gpointer data);

/* Writes a one-page A4 PDF drawn by @draw (@cr, width, height, @data) to
 * @path: first to "@path.part", renamed to @path once complete, so a
 * failed write leaves no half file. The document's title is @title, its
 * subject @subject (none when NULL), its creator "TAM Desk". */
gboolean tam_pdf_write_a4 (const char *path,
                           const char *title,
                           const char *subject,
                           TamPdfDrawFunc draw,
                           gpointer data,
                           GError **error);

G_END_DECLS
