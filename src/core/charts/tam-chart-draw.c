/* tam-chart-draw.c: paints a chart from its geometry; nothing is
 * measured or decided here. */
#include "config.h"

#include <math.h>

#include "tam-chart-private.h"

static void
set_color (cairo_t *cr,
           const TamChartColor *color,
           double alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static void
show_layout (cairo_t *cr,
             PangoLayout *layout,
             double x,
             double y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
paint_axis (TamChartGeometry *g,
            const TamChartStyle *style,
            cairo_t *cr)
{
  cairo_set_line_width (cr, 1);
  set_color (cr, &style->grid, 1);
  for (guint t = 0; t < g->n_ticks; t++)
    {
      /* On a pixel's middle: a sharp one-pixel line. */
      double y = floor (g->tick_y[t]) + 0.5;

      cairo_move_to (cr, g->plot.x, y);
      cairo_line_to (cr, g->plot.x + g->plot.width, y);
    }
  cairo_stroke (cr);

  set_color (cr, &style->foreground, 0.75);
  for (guint t = 0; t < g->n_ticks; t++)
    {
      int w;
      int h;

      pango_layout_get_pixel_size (g->tick_label[t], &w, &h);
      show_layout (cr, g->tick_label[t], g->tick_label_right - w, g->tick_y[t] - h / 2.0);
    }
}

static void
paint_labels (TamChartGeometry *g,
              const TamChartStyle *style,
              cairo_t *cr)
{
  set_color (cr, &style->foreground, 0.85);
  for (guint i = 0; i < g->n_slots; i++)
    {
      TamChartSlot *slot = &g->slots[i];

      if (!slot->label_shown)
        continue;
      if (g->labels_turned)
        {
          int w;
          int h;

          /* Turned 45° up to the right, ending under the bar. */
          pango_layout_get_pixel_size (slot->label, &w, &h);
          cairo_save (cr);
          cairo_translate (cr, slot->label_x, slot->label_y);
          cairo_rotate (cr, -G_PI / 4);
          show_layout (cr, slot->label, -w, -h / 2.0);
          cairo_restore (cr);
        }
      else
        show_layout (cr, slot->label, slot->label_x, slot->label_y);
    }
}

static void
paint_value (TamChart *chart,
             TamChartGeometry *g,
             const TamChartStyle *style,
             guint i,
             cairo_t *cr)
{
  TamChartSlot *slot = &g->slots[i];

  if (slot->value == NULL)
    return;
  if (slot->value_inside)
    set_color (cr, style->background.alpha > 0 ? &style->background : &style->foreground, 1);
  else if (_tam_chart_under (chart, _tam_chart_item (chart, i)->value))
    set_color (cr, &style->warning, 1);
  else
    set_color (cr, &style->foreground, 1);
  if (g->values_upright)
    {
      int w;
      int h;

      /* Upright, reading upwards from the top of the bar. */
      pango_layout_get_pixel_size (slot->value, &w, &h);
      cairo_save (cr);
      cairo_translate (cr, slot->value_x, slot->value_y);
      cairo_rotate (cr, -G_PI / 2);
      show_layout (cr, slot->value, 0, -h / 2.0);
      cairo_restore (cr);
    }
  else
    {
      if (chart->kind == TAM_CHART_LINE && style->background.alpha > 0)
        {
          int w;
          int h;

          /* A halo, so the line never runs through the figures. */
          pango_layout_get_pixel_size (slot->value, &w, &h);
          cairo_save (cr);
          set_color (cr, &style->background, 0.7);
          cairo_rectangle (cr, slot->value_x - 2, slot->value_y, w + 4, h);
          cairo_fill (cr);
          cairo_restore (cr);
        }
      show_layout (cr, slot->value, slot->value_x, slot->value_y);
    }
}

static void
paint_bars (TamChart *chart,
            TamChartGeometry *g,
            const TamChartStyle *style,
            int highlight,
            cairo_t *cr)
{
  for (guint i = 0; i < g->n_slots; i++)
    {
      TamChartSlot *slot = &g->slots[i];

      if (isnan (slot->y))
        continue;
      if (_tam_chart_under (chart, _tam_chart_item (chart, i)->value))
        set_color (cr, &style->warning, 1);
      else
        set_color (cr, &style->accent, 1);
      cairo_rectangle (cr, slot->bar.x, slot->bar.y, slot->bar.width, slot->bar.height);
      cairo_fill (cr);
      if ((int) i == highlight)
        {
          set_color (cr, &style->foreground, 1);
          cairo_set_line_width (cr, 2);
          cairo_rectangle (cr, slot->bar.x + 1, slot->bar.y + 1,
                           MAX (slot->bar.width - 2, 0), MAX (slot->bar.height - 2, 0));
          cairo_stroke (cr);
        }
    }
}

static void
paint_line (TamChart *chart,
            TamChartGeometry *g,
            const TamChartStyle *style,
            int highlight,
            cairo_t *cr)
{
  gboolean pen_down = FALSE;

  /* The line, broken where a month has no value. */
  cairo_set_line_width (cr, 2.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  set_color (cr, &style->accent, 1);
  for (guint i = 0; i < g->n_slots; i++)
    {
      TamChartSlot *slot = &g->slots[i];

      if (isnan (slot->y))
        {
          pen_down = FALSE;
          continue;
        }
      if (pen_down)
        cairo_line_to (cr, slot->x, slot->y);
      else
        cairo_move_to (cr, slot->x, slot->y);
      pen_down = TRUE;
    }
  cairo_stroke (cr);

  /* Points: a dot, or a larger diamond in the warning colour under the
   * target (told apart by shape too, not only by colour). */
  for (guint i = 0; i < g->n_slots; i++)
    {
      TamChartSlot *slot = &g->slots[i];
      gboolean under = _tam_chart_under (chart, _tam_chart_item (chart, i)->value);
      double r = under ? 6 : 4;

      if (isnan (slot->y))
        continue;
      if ((int) i == highlight)
        r += 2;
      if (under)
        {
          cairo_move_to (cr, slot->x, slot->y - r);
          cairo_line_to (cr, slot->x + r, slot->y);
          cairo_line_to (cr, slot->x, slot->y + r);
          cairo_line_to (cr, slot->x - r, slot->y);
          cairo_close_path (cr);
        }
      else
        cairo_arc (cr, slot->x, slot->y, r, 0, 2 * G_PI);
      set_color (cr, under ? &style->warning : &style->accent, 1);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, (int) i == highlight ? 2 : 1.5);
      if ((int) i == highlight)
        set_color (cr, &style->foreground, 1);
      else if (style->background.alpha > 0)
        set_color (cr, &style->background, 1);
      else
        cairo_new_path (cr);
      cairo_stroke (cr);
    }
}

static void
paint_target (TamChartGeometry *g,
              const TamChartStyle *style,
              cairo_t *cr)
{
  static const double dashes[] = { 8, 4 };

  if (isnan (g->target_y))
    return;
  /* Two pixels thick on whole pixels: rows target_y - 1 and target_y. */
  set_color (cr, &style->target, 1);
  cairo_set_line_width (cr, 2);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  cairo_move_to (cr, g->plot.x, g->target_y);
  cairo_line_to (cr, g->plot.x + g->plot.width, g->target_y);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  show_layout (cr, g->target_label, g->target_label_x, g->target_label_y);
}

void
_tam_chart_paint (TamChart *chart,
                  TamChartGeometry *g,
                  const TamChartStyle *style,
                  int highlight,
                  cairo_t *cr)
{
  cairo_save (cr);

  if (style->background.alpha > 0)
    {
      set_color (cr, &style->background, 1);
      cairo_rectangle (cr, 0, 0, g->width, g->height);
      cairo_fill (cr);
    }

  set_color (cr, &style->foreground, 1);
  show_layout (cr, g->title, g->title_x, g->title_y);

  if (g->empty != NULL)
    {
      int w;
      int h;

      pango_layout_get_pixel_size (g->empty, &w, &h);
      set_color (cr, &style->foreground, 0.6);
      show_layout (cr, g->empty, (g->width - w) / 2, (g->height - h) / 2);
      cairo_restore (cr);
      return;
    }

  if (highlight >= 0 && (guint) highlight < g->n_slots)
    {
      /* The hovered or focused item's column. */
      set_color (cr, &style->accent, 0.12);
      cairo_rectangle (cr, g->plot.x + g->band * highlight, g->plot.y - g->headroom,
                       g->band, g->plot.height + g->headroom);
      cairo_fill (cr);
    }

  paint_axis (g, style, cr);
  paint_labels (g, style, cr);
  if (chart->kind == TAM_CHART_BAR)
    paint_bars (chart, g, style, highlight, cr);
  else
    paint_line (chart, g, style, highlight, cr);
  for (guint i = 0; i < g->n_slots; i++)
    paint_value (chart, g, style, i, cr);
  paint_target (g, style, cr);

  cairo_restore (cr);
}
