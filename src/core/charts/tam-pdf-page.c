/* tam-pdf-page.c: one A4 page as a PDF file (the coaching letter, the
 * recovery plan). */
#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tam-error.h"
#include "tam-pdf-page.h"

void
tam_pdf_page_begin (cairo_t *cr)
{
  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
}

void
tam_pdf_rule (cairo_t *cr,
              double x,
              double y,
              double width,
              double thickness)
{
  cairo_set_line_width (cr, thickness);
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x + width, y);
  cairo_stroke (cr);
}

PangoLayout *
tam_pdf_layout_new (cairo_t *cr,
                    const char *font,
                    double width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr (PangoFontDescription) desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  return layout;
}

void
tam_pdf_show (cairo_t *cr,
              PangoLayout *layout,
              const char *text,
              double x,
              double *y,
              double gap)
{
  int w, h;

  pango_layout_set_text (layout, text ? text : "", -1);
  cairo_move_to (cr, x, *y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_size (layout, &w, &h);
  *y += (double) h / PANGO_SCALE + gap;
}

gboolean
tam_pdf_write_a4 (const char *path,
                  const char *title,
                  const char *subject,
                  TamPdfDrawFunc draw,
                  gpointer data,
                  GError **error)
{
  g_autofree char *tmp = g_strconcat (path, ".part", NULL);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  surface = cairo_pdf_surface_create (tmp, TAM_A4_WIDTH, TAM_A4_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "TAM Desk");
  if (subject != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, subject);
  cr = cairo_create (surface);
  draw (cr, TAM_A4_WIDTH, TAM_A4_HEIGHT, data);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_unlink (tmp);
      g_set_error (error, TAM_ERROR, TAM_ERROR_FAILED, _ ("Cannot write %s: %s"), path, cairo_status_to_string (status));
      return FALSE;
    }
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_unlink (tmp);
      g_set_error (error, TAM_ERROR, TAM_ERROR_FAILED, _ ("Cannot write %s: %s"), path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}
