/* tam-chart-export.c: a chart as PNG, one or more charts as PDF. The
 * writers lay out on their own (never the chart's kept layout), so they
 * only read the chart. */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>

#include "tam-chart-private.h"

/* A4 landscape, in points. */
#define A4_LONG 841.89
#define A4_SHORT 595.28
/* The renderer's pixels (96 dpi) to PDF points (72 dpi). */
#define PT_PER_PX (72.0 / 96.0)

static gboolean
check_status (cairo_status_t status,
              const char *path,
              GError **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               /* TRANSLATORS: a chart could not be written: "Cannot write “qvs.png”: …" */
               _ ("Cannot write “%s”: %s"), path, cairo_status_to_string (status));
  return FALSE;
}

void
tam_chart_draw_page (TamChart *chart,
                     const TamChartStyle *style,
                     cairo_t *cr,
                     double width,
                     double height)
{
  TamChartGeometry *geometry;

  g_return_if_fail (chart != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (cr != NULL);

  geometry = _tam_chart_geometry_new (chart, style, width / PT_PER_PX, height / PT_PER_PX);
  cairo_save (cr);
  cairo_scale (cr, PT_PER_PX, PT_PER_PX);
  _tam_chart_paint (chart, geometry, style, -1, cr);
  cairo_restore (cr);
  _tam_chart_geometry_free (geometry);
}

gboolean
tam_chart_write_png (TamChart *chart,
                     const TamChartStyle *style,
                     int width,
                     int height,
                     const char *path,
                     GError **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  TamChartGeometry *geometry;
  cairo_status_t status;

  g_return_val_if_fail (chart != NULL, FALSE);
  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (width > 0 && height > 0, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  geometry = _tam_chart_geometry_new (chart, style, width, height);
  _tam_chart_paint (chart, geometry, style, -1, cr);
  _tam_chart_geometry_free (geometry);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png (surface, path);
  cairo_surface_destroy (surface);
  return check_status (status, path, error);
}

gboolean
tam_chart_write_pdf_pages (TamChart *const *charts,
                           guint n_charts,
                           const TamChartStyle *style,
                           double width,
                           double height,
                           const char *title,
                           const char *path,
                           GError **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  g_return_val_if_fail (charts != NULL || n_charts == 0, FALSE);
  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (width <= 0 || height <= 0)
    {
      width = A4_LONG;
      height = A4_SHORT;
    }
  surface = cairo_pdf_surface_create (path, width, height);
  status = cairo_surface_status (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return check_status (status, path, error);
    }
  if (title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  else if (n_charts == 1)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, charts[0]->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "TAM Desk");

  cr = cairo_create (surface);
  for (guint i = 0; i < n_charts; i++)
    {
      tam_chart_draw_page (charts[i], style, cr, width, height);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return check_status (status, path, error);
}

gboolean
tam_chart_write_pdf (TamChart *chart,
                     const TamChartStyle *style,
                     double width,
                     double height,
                     const char *path,
                     GError **error)
{
  g_return_val_if_fail (chart != NULL, FALSE);

  return tam_chart_write_pdf_pages (&chart, 1, style, width, height, NULL, path, error);
}
