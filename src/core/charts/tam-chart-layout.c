/* tam-chart-layout.c: where everything of a chart goes, computed once
 * per size, font, language and data (the text measured, the value axis
 * chosen, the labels placed so none overlaps), so painting only paints. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "tam-chart-private.h"

#define DEFAULT_FONT "Sans 10"
#define SQRT1_2 0.70710678118654752440

static PangoLayout *
text_layout (PangoContext *context,
             const PangoFontDescription *font,
             const char *text)
{
  PangoLayout *layout = pango_layout_new (context);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static void
text_size (PangoLayout *layout,
           double *width,
           double *height)
{
  int w;
  int h;

  pango_layout_get_pixel_size (layout, &w, &h);
  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
}

static double
text_width (PangoLayout *layout)
{
  double w;

  text_size (layout, &w, NULL);
  return w;
}

/* A step of 1, 2 or 5 times a power of ten near @range / @n. */
static double
nice_step (double range,
           int n)
{
  double raw = range / n;
  double mag = pow (10, floor (log10 (raw)));
  double norm = raw / mag;

  if (norm <= 1)
    return mag;
  if (norm <= 2)
    return 2 * mag;
  if (norm <= 5)
    return 5 * mag;
  return 10 * mag;
}

/* The value axis: see "The value axis" in tam-chart.h. */
static void
value_range (TamChart *chart,
             double *lo_out,
             double *hi_out,
             double *step_out)
{
  double lo = INFINITY;
  double hi = -INFINITY;
  double step;

  for (guint i = 0; i < chart->items->len; i++)
    {
      double v = _tam_chart_item (chart, i)->value;

      if (isnan (v))
        continue;
      lo = MIN (lo, v);
      hi = MAX (hi, v);
    }
  if (!isnan (chart->target))
    {
      lo = MIN (lo, chart->target);
      hi = MAX (hi, chart->target);
    }

  if (chart->unit == TAM_CHART_UNIT_COUNT)
    {
      lo = MIN (lo, 0);
      hi = MAX (hi, 0);
      if (hi - lo < 1)
        hi = lo + 1;
      step = nice_step (hi - lo, 5);
      step = MAX (step, 1);
      *lo_out = floor (lo / step) * step;
      *hi_out = ceil (hi / step) * step;
      *step_out = step;
      return;
    }

  {
    double spread = hi - lo;
    double top = hi <= 100 ? 100 : INFINITY;
    double bottom = lo >= 0 ? 0 : -INFINITY;
    double a = lo - MAX (spread, 1) * 0.15;
    double b = hi + MAX (spread, 1) * 0.05;

    if (b - a < 5)
      {
        /* At least 5 points shown, below the values when they touch 100. */
        b = MIN (MAX (b, a + 5), top);
        a = b - 5;
      }
    a = MAX (a, bottom);
    step = nice_step (b - a, 5);
    *lo_out = MAX (floor (a / step) * step, bottom);
    *hi_out = MIN (ceil (b / step) * step, MAX (top, hi));
    if (*hi_out < hi)
      *hi_out = hi;
    *step_out = step;
  }
}

static double
value_to_y (TamChartGeometry *g,
            double value)
{
  return g->plot.y + g->plot.height * (g->hi - value) / (g->hi - g->lo);
}

static gboolean
rects_touch (const TamChartRect *a,
             const TamChartRect *b,
             double gap)
{
  return a->x < b->x + b->width + gap && b->x < a->x + a->width + gap &&
         a->y < b->y + b->height + gap && b->y < a->y + a->height + gap;
}

/* A line chart's value labels: above (or else below) each point, in
 * order of importance, left out when they would touch one placed. */
static void
place_point_values (TamChart *chart,
                    TamChartGeometry *g)
{
  g_autofree guint *order = g_new (guint, g->n_slots);
  g_autofree TamChartRect *placed = g_new (TamChartRect, g->n_slots);
  guint n_order = 0;
  guint n_placed = 0;

  /* The latest first, then those under the target, then the rest, each
   * from the latest back. */
  for (int pass = 0; pass < 3; pass++)
    for (int i = (int) g->n_slots - 1; i >= 0; i--)
      {
        gboolean seen = FALSE;

        if (g->slots[i].value == NULL || isnan (g->slots[i].y))
          continue;
        for (guint k = 0; k < n_order && !seen; k++)
          seen = order[k] == (guint) i;
        if (seen)
          continue;
        if (pass == 1 && !_tam_chart_under (chart, _tam_chart_item (chart, i)->value))
          continue;
        order[n_order++] = i;
        if (pass == 0)
          break;
      }

  for (guint k = 0; k < n_order; k++)
    {
      TamChartSlot *slot = &g->slots[order[k]];
      double w;
      double h;
      TamChartRect candidates[2];
      TamChartRect above;
      TamChartRect below;
      double before = order[k] > 0 ? g->slots[order[k] - 1].y : NAN;
      double after = order[k] + 1 < g->n_slots ? g->slots[order[k] + 1].y : NAN;
      double around = isnan (before) ? after : isnan (after) ? before
                                                             : (before + after) / 2;
      gboolean done = FALSE;

      text_size (slot->value, &w, &h);
      above = (TamChartRect){ slot->x - w / 2, slot->y - 7 - h, w, h };
      below = (TamChartRect){ slot->x - w / 2, slot->y + 7, w, h };
      /* On the side away from the line: above a peak, below a valley
       * (y grows downwards). */
      candidates[0] = !isnan (around) && around < slot->y ? below : above;
      candidates[1] = !isnan (around) && around < slot->y ? above : below;
      for (int c = 0; c < 2 && !done; c++)
        {
          TamChartRect *r = &candidates[c];
          gboolean fits = r->y >= g->plot.y - g->headroom &&
                          r->y + r->height <= g->plot.y + g->plot.height &&
                          r->x >= g->plot.x - g->band / 2 &&
                          r->x + r->width <= g->plot.x + g->plot.width + g->band / 2;

          for (guint p = 0; p < n_placed && fits; p++)
            fits = !rects_touch (r, &placed[p], 2);
          /* Never over the target line. */
          if (!isnan (g->target_y) && r->y <= g->target_y + 2 && r->y + r->height >= g->target_y - 3)
            fits = FALSE;
          if (fits)
            {
              placed[n_placed++] = *r;
              slot->value_x = r->x;
              slot->value_y = r->y;
              done = TRUE;
            }
        }
      if (!done)
        g_clear_object (&slot->value);
    }
}

TamChartGeometry *
_tam_chart_geometry_new (TamChart *chart,
                         const TamChartStyle *style,
                         double width,
                         double height)
{
  TamChartGeometry *g = g_new0 (TamChartGeometry, 1);
  g_autoptr (PangoFontDescription) font = NULL;
  g_autoptr (PangoFontDescription) title_font = NULL;
  g_autoptr (PangoFontDescription) small_font = NULL;
  cairo_font_options_t *options;
  double title_h;
  double top;
  double max_label_w = 0;
  double max_value_w = 0;
  double target_w = 0;
  double left;
  double right;
  double label_h;
  double step;
  guint label_every = 1;
  guint value_every = 1;
  double baseline;
  guint n_values = 0;
  TamLanguage lang = tam_format_resolve (chart->lang);

  g->width = MAX (width, 1);
  g->height = MAX (height, 1);
  g->font = g_strdup (style->font);
  g->lang = chart->lang == TAM_LANGUAGE_AUTO ? lang : chart->lang;
  g->serial = chart->serial;
  g->target_y = NAN;

  /* Measured without hinting: the same shapes on screen, in a PNG and
   * scaled into a PDF. */
  g->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (g->context, 96);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (g->context, options);
  cairo_font_options_destroy (options);

  font = pango_font_description_from_string (style->font != NULL ? style->font : DEFAULT_FONT);
  if (pango_font_description_get_size (font) <= 0)
    pango_font_description_set_size (font, 10 * PANGO_SCALE);
  title_font = pango_font_description_copy (font);
  pango_font_description_set_weight (title_font, PANGO_WEIGHT_BOLD);
  pango_font_description_set_size (title_font, pango_font_description_get_size (font) * 6 / 5);
  small_font = pango_font_description_copy (font);
  pango_font_description_set_size (small_font, pango_font_description_get_size (font) * 9 / 10);

  {
    g_autoptr (PangoLayout) probe = text_layout (g->context, font, "Ag");

    text_size (probe, NULL, &g->em);
  }
  g->pad = round (MIN (16, MIN (g->width, g->height) / 30 + 4));

  /* The title, shortened to the width. */
  g->title = text_layout (g->context, title_font, chart->title);
  pango_layout_set_width (g->title, (int) MAX (1, g->width - 2 * g->pad) * PANGO_SCALE);
  pango_layout_set_ellipsize (g->title, PANGO_ELLIPSIZE_END);
  text_size (g->title, NULL, &title_h);
  g->title_x = g->pad;
  g->title_y = g->pad;
  top = g->pad + title_h + round (g->em / 2);

  for (guint i = 0; i < chart->items->len; i++)
    if (!isnan (_tam_chart_item (chart, i)->value))
      n_values++;
  if (n_values == 0)
    {
      g->empty = text_layout (g->context, font, _ ("No data"));
      return g;
    }

  /* The value axis and its tick labels. */
  value_range (chart, &g->lo, &g->hi, &step);
  {
    int tick_decimals = 0;
    double max_tick_w = 0;

    /* As many decimals as the step has (a step of 0.2, 0.05…). */
    while (tick_decimals < 3 && fabs (step * pow (10, tick_decimals) - round (step * pow (10, tick_decimals))) > 1e-6)
      tick_decimals++;

    for (double v = g->lo; v <= g->hi + step / 1000 && g->n_ticks < TAM_CHART_MAX_TICKS; v += step)
      {
        g_autofree char *number = NULL;
        g_autofree char *text = NULL;
        PangoLayout *layout;

        number = tam_format_number_trim (lang, v, tick_decimals);
        text = chart->unit == TAM_CHART_UNIT_PERCENT ? g_strconcat (number, " %", NULL)
                                                     : g_strdup (number);
        layout = text_layout (g->context, small_font, text);
        max_tick_w = MAX (max_tick_w, text_width (layout));
        g->tick_label[g->n_ticks] = layout;
        g->tick_y[g->n_ticks] = v; /* a value until the plot is known */
        g->n_ticks++;
      }
    left = g->pad + max_tick_w + 8;
  }

  /* The target's label, in the right margin. */
  if (!isnan (chart->target))
    {
      g_autofree char *value = _tam_chart_format_target (chart);
      g_autofree char *text = NULL;

      /* TRANSLATORS: the label of a chart's target line: "Target 95 %" */
      text = g_strdup_printf (_ ("Target %s"), value);
      g->target_label = text_layout (g->context, small_font, text);
      target_w = text_width (g->target_label) + 8;
    }
  right = g->width - g->pad - target_w;

  /* Item labels and value labels. */
  g->n_slots = chart->items->len;
  g->slots = g_new0 (TamChartSlot, g->n_slots);
  for (guint i = 0; i < g->n_slots; i++)
    {
      TamChartItem *item = _tam_chart_item (chart, i);
      TamChartSlot *slot = &g->slots[i];

      slot->label = text_layout (g->context, small_font, item->label);
      max_label_w = MAX (max_label_w, text_width (slot->label));
      if (!isnan (item->value))
        {
          g_autofree char *text = tam_chart_format_value (chart, item->value);

          slot->value = text_layout (g->context, small_font, text);
          max_value_w = MAX (max_value_w, text_width (slot->value));
        }
    }

  g->band = MAX (right - left, 1) / g->n_slots;
  if (chart->kind == TAM_CHART_LINE)
    {
      /* Every k-th label, counted back from the latest. */
      label_every = (guint) MAX (1, ceil ((max_label_w + g->em * 0.6) / g->band));
      label_h = g->em + 6;
    }
  else if (max_label_w + g->em / 2 <= g->band)
    label_h = g->em + 6;
  else
    {
      /* Turned 45°, at most ten lines of text long. */
      double longest = 0;
      double overhang;

      g->labels_turned = TRUE;
      for (guint i = 0; i < g->n_slots; i++)
        {
          pango_layout_set_width (g->slots[i].label, (int) (g->em * 10) * PANGO_SCALE);
          pango_layout_set_ellipsize (g->slots[i].label, PANGO_ELLIPSIZE_END);
          longest = MAX (longest, text_width (g->slots[i].label));
        }
      /* The first label reaches left of its bar: keep it on the page. */
      overhang = (longest + g->em) * SQRT1_2;
      for (int pass = 0; pass < 2; pass++)
        {
          left = MAX (left, g->pad + overhang - g->band / 2);
          g->band = MAX (right - left, 1) / g->n_slots;
        }
      label_every = (guint) MAX (1, ceil (g->em * 1.5 / g->band));
      label_h = (longest + g->em) * SQRT1_2 + 8;
    }

  if (chart->kind == TAM_CHART_BAR && max_value_w + 4 > g->band)
    {
      g->values_upright = TRUE;
      g->headroom = max_value_w + 6;
    }
  else
    g->headroom = g->em + 8;

  g->plot.x = round (left);
  g->plot.y = round (top + g->headroom);
  g->plot.width = MAX (1, round (right) - g->plot.x);
  g->plot.height = MAX (1, round (g->height - g->pad - label_h) - g->plot.y);
  g->band = g->plot.width / g->n_slots;
  g->tick_label_right = g->plot.x - 8;
  for (guint t = 0; t < g->n_ticks; t++)
    g->tick_y[t] = value_to_y (g, g->tick_y[t]);
  if (!isnan (chart->target))
    {
      double th;

      g->target_y = round (value_to_y (g, chart->target));
      text_size (g->target_label, NULL, &th);
      g->target_label_x = g->plot.x + g->plot.width + 8;
      g->target_label_y = CLAMP (g->target_y - th / 2, top, g->height - th);
    }

  /* Bars rise from 0 when the axis holds it, else from the axis floor. */
  baseline = g->lo <= 0 && g->hi >= 0 ? 0 : g->lo;
  /* Upright value labels thinner than a bar's column: every k-th. */
  if (g->values_upright)
    value_every = (guint) MAX (1, ceil ((g->em + 2) / g->band));

  for (guint i = 0; i < g->n_slots; i++)
    {
      TamChartItem *item = _tam_chart_item (chart, i);
      TamChartSlot *slot = &g->slots[i];
      double lw;
      double lh;

      slot->x = g->plot.x + g->band * (i + 0.5);
      slot->y = isnan (item->value) ? NAN : value_to_y (g, item->value);
      if (chart->kind == TAM_CHART_BAR && !isnan (slot->y))
        {
          double bw = MAX (1, round (MIN (g->band * 0.7, g->em * 4)));
          double bx = round (slot->x - bw / 2);
          double by = round (slot->y);
          double base = round (value_to_y (g, baseline));

          /* Up from the baseline, or down from it for a negative count. */
          slot->bar = (TamChartRect){ bx, MIN (by, base), bw, MAX (fabs (base - by), 1) };
        }

      text_size (slot->label, &lw, &lh);
      slot->label_shown = (g->n_slots - 1 - i) % label_every == 0;
      if (g->labels_turned)
        {
          slot->label_x = slot->x + lh * 0.35;
          slot->label_y = g->plot.y + g->plot.height + 6;
        }
      else
        {
          slot->label_x = slot->x - lw / 2;
          slot->label_y = g->plot.y + g->plot.height + 6;
        }

      if (chart->kind == TAM_CHART_BAR && i % value_every != 0)
        g_clear_object (&slot->value);
      if (chart->kind == TAM_CHART_BAR && slot->value != NULL)
        {
          double vw;
          double vh;

          text_size (slot->value, &vw, &vh);
          if (g->values_upright)
            {
              slot->value_x = slot->x;
              slot->value_y = slot->bar.y - 3;
            }
          else
            {
              slot->value_x = slot->x - vw / 2;
              slot->value_y = slot->bar.y - vh - 3;
            }
          /* A label across the target line goes inside the top of its
           * bar (when the bar is tall enough): the line stays whole. */
          {
            double extent = g->values_upright ? vw : vh;

            if (g->target_y >= slot->bar.y - 3 - extent - 3 && g->target_y <= slot->bar.y + 2 &&
                slot->bar.height >= extent + 8)
              {
                slot->value_inside = TRUE;
                slot->value_y = g->values_upright ? slot->bar.y + 4 + vw : slot->bar.y + 4;
              }
          }
        }
    }
  if (chart->kind == TAM_CHART_LINE)
    place_point_values (chart, g);

  return g;
}

void
_tam_chart_geometry_free (TamChartGeometry *g)
{
  for (guint i = 0; i < g->n_slots; i++)
    {
      g_clear_object (&g->slots[i].label);
      g_clear_object (&g->slots[i].value);
    }
  g_free (g->slots);
  for (guint t = 0; t < g->n_ticks; t++)
    g_clear_object (&g->tick_label[t]);
  g_clear_object (&g->target_label);
  g_clear_object (&g->title);
  g_clear_object (&g->empty);
  g_clear_object (&g->context);
  g_free (g->font);
  g_free (g);
}

gboolean
_tam_chart_geometry_matches (TamChartGeometry *g,
                             TamChart *chart,
                             const TamChartStyle *style,
                             double width,
                             double height)
{
  return g->serial == chart->serial && g->width == MAX (width, 1) &&
         g->height == MAX (height, 1) && g_strcmp0 (g->font, style->font) == 0 &&
         g->lang == tam_format_resolve (chart->lang);
}
