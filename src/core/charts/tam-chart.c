/* tam-chart.c: a chart's data, its text, the questions about its last
 * layout. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "tam-chart-private.h"

G_DEFINE_BOXED_TYPE (TamChart, tam_chart, tam_chart_ref, tam_chart_unref)

static const TamChartStyle style_light = {
  .foreground = { 0.141, 0.122, 0.192, 1.0 }, /* #241f31 */
  .background = { 1.0, 1.0, 1.0, 1.0 },
  .grid = { 0.871, 0.867, 0.855, 1.0 },    /* #deddda */
  .accent = { 0.208, 0.518, 0.894, 1.0 },  /* #3584e4 */
  .warning = { 0.878, 0.106, 0.141, 1.0 }, /* #e01b24 */
  .target = { 0.369, 0.361, 0.392, 1.0 },  /* #5e5c64 */
  .font = NULL,
};

static const TamChartStyle style_dark = {
  .foreground = { 1.0, 1.0, 1.0, 1.0 },
  .background = { 0.118, 0.118, 0.118, 1.0 }, /* #1e1e1e */
  .grid = { 0.239, 0.220, 0.275, 1.0 },       /* #3d3846 */
  .accent = { 0.471, 0.682, 0.929, 1.0 },     /* #78aeed */
  .warning = { 1.0, 0.482, 0.388, 1.0 },      /* #ff7b63 */
  .target = { 0.753, 0.749, 0.737, 1.0 },     /* #c0bfbc */
  .font = NULL,
};

const TamChartStyle *
tam_chart_style_default_light (void)
{
  return &style_light;
}

const TamChartStyle *
tam_chart_style_default_dark (void)
{
  return &style_dark;
}

static void
item_clear (gpointer data)
{
  TamChartItem *item = data;

  g_free (item->label);
  g_free (item->detail);
  g_free (item->id);
  g_free (item->month);
}

static void
changed (TamChart *chart)
{
  chart->serial++;
  g_clear_pointer (&chart->geometry, _tam_chart_geometry_free);
}

TamChart *
tam_chart_new (TamChartKind kind,
               TamChartUnit unit,
               const char *title)
{
  TamChart *chart = g_new0 (TamChart, 1);

  g_atomic_ref_count_init (&chart->ref);
  chart->kind = kind;
  chart->unit = unit;
  chart->title = g_strdup (title != NULL ? title : "");
  chart->target = NAN;
  chart->decimals = -1;
  chart->lang = TAM_LANGUAGE_AUTO;
  chart->items = g_array_new (FALSE, TRUE, sizeof (TamChartItem));
  g_array_set_clear_func (chart->items, item_clear);
  chart->highlight = -1;
  return chart;
}

TamChart *
tam_chart_ref (TamChart *chart)
{
  g_return_val_if_fail (chart != NULL, NULL);

  g_atomic_ref_count_inc (&chart->ref);
  return chart;
}

void
tam_chart_unref (TamChart *chart)
{
  g_return_if_fail (chart != NULL);

  if (!g_atomic_ref_count_dec (&chart->ref))
    return;
  g_clear_pointer (&chart->geometry, _tam_chart_geometry_free);
  g_array_unref (chart->items);
  g_free (chart->title);
  g_free (chart);
}

TamChart *
tam_chart_copy (TamChart *chart)
{
  TamChart *copy;

  g_return_val_if_fail (chart != NULL, NULL);

  copy = tam_chart_new (chart->kind, chart->unit, chart->title);
  copy->target = chart->target;
  copy->decimals = chart->decimals;
  copy->lang = chart->lang;
  for (guint i = 0; i < chart->items->len; i++)
    {
      TamChartItem *from = _tam_chart_item (chart, i);
      TamChartItem item = {
        .label = g_strdup (from->label),
        .value = from->value,
        .detail = g_strdup (from->detail),
        .id = g_strdup (from->id),
        .month = g_strdup (from->month),
      };

      g_array_append_val (copy->items, item);
    }
  return copy;
}

TamChartKind
tam_chart_get_kind (TamChart *chart)
{
  g_return_val_if_fail (chart != NULL, TAM_CHART_LINE);
  return chart->kind;
}

TamChartUnit
tam_chart_get_unit (TamChart *chart)
{
  g_return_val_if_fail (chart != NULL, TAM_CHART_UNIT_PERCENT);
  return chart->unit;
}

const char *
tam_chart_get_title (TamChart *chart)
{
  g_return_val_if_fail (chart != NULL, NULL);
  return chart->title;
}

void
tam_chart_set_title (TamChart *chart,
                     const char *title)
{
  g_return_if_fail (chart != NULL);

  g_free (chart->title);
  chart->title = g_strdup (title != NULL ? title : "");
  changed (chart);
}

void
tam_chart_set_target (TamChart *chart,
                      double target)
{
  g_return_if_fail (chart != NULL);

  chart->target = isfinite (target) ? target : NAN;
  changed (chart);
}

double
tam_chart_get_target (TamChart *chart)
{
  g_return_val_if_fail (chart != NULL, NAN);
  return chart->target;
}

void
tam_chart_set_decimals (TamChart *chart,
                        int decimals)
{
  g_return_if_fail (chart != NULL);

  chart->decimals = decimals < 0 ? -1 : MIN (decimals, 6);
  changed (chart);
}

int
_tam_chart_decimals (TamChart *chart)
{
  if (chart->decimals >= 0)
    return chart->decimals;
  return chart->unit == TAM_CHART_UNIT_COUNT ? 0 : 1;
}

void
tam_chart_set_language (TamChart *chart,
                        TamLanguage lang)
{
  g_return_if_fail (chart != NULL);

  chart->lang = lang;
  /* Month labels follow the language. */
  for (guint i = 0; i < chart->items->len; i++)
    {
      TamChartItem *item = _tam_chart_item (chart, i);

      if (item->month != NULL)
        {
          g_free (item->label);
          item->label = tam_format_month (lang, item->month);
        }
    }
  changed (chart);
}

TamLanguage
tam_chart_get_language (TamChart *chart)
{
  g_return_val_if_fail (chart != NULL, TAM_LANGUAGE_AUTO);
  return chart->lang;
}

/* Bars highest first, no value last; a new item goes after its equals. */
static guint
insert_position (TamChart *chart,
                 double value)
{
  guint pos = chart->items->len;

  if (chart->kind != TAM_CHART_BAR || isnan (value))
    return pos;
  while (pos > 0)
    {
      double before = _tam_chart_item (chart, pos - 1)->value;

      if (!isnan (before) && before >= value)
        break;
      pos--;
    }
  return pos;
}

static guint
add (TamChart *chart,
     char *label,
     double value,
     const char *detail,
     const char *id,
     const char *month)
{
  TamChartItem item = {
    .label = label,
    .value = isfinite (value) ? value : NAN,
    .detail = g_strdup (detail),
    .id = g_strdup (id),
    .month = g_strdup (month),
  };
  guint pos = insert_position (chart, item.value);

  g_array_insert_val (chart->items, pos, item);
  chart->highlight = -1;
  changed (chart);
  return pos;
}

guint
tam_chart_add_item (TamChart *chart,
                    const char *label,
                    double value,
                    const char *detail,
                    const char *id)
{
  g_return_val_if_fail (chart != NULL, 0);

  return add (chart, g_strdup (label != NULL ? label : ""), value, detail, id, NULL);
}

gboolean
tam_chart_add_month (TamChart *chart,
                     const char *month_key,
                     double value,
                     const char *detail)
{
  char *label;

  g_return_val_if_fail (chart != NULL, FALSE);
  g_return_val_if_fail (month_key != NULL, FALSE);

  label = tam_format_month (chart->lang, month_key);
  if (label == NULL)
    return FALSE;
  add (chart, label, value, detail, month_key, month_key);
  return TRUE;
}

void
tam_chart_clear_items (TamChart *chart)
{
  g_return_if_fail (chart != NULL);

  g_array_set_size (chart->items, 0);
  chart->highlight = -1;
  changed (chart);
}

guint
tam_chart_get_n_items (TamChart *chart)
{
  g_return_val_if_fail (chart != NULL, 0);
  return chart->items->len;
}

const char *
tam_chart_get_item_label (TamChart *chart,
                          guint index)
{
  g_return_val_if_fail (chart != NULL && index < chart->items->len, NULL);
  return _tam_chart_item (chart, index)->label;
}

double
tam_chart_get_item_value (TamChart *chart,
                          guint index)
{
  g_return_val_if_fail (chart != NULL && index < chart->items->len, NAN);
  return _tam_chart_item (chart, index)->value;
}

const char *
tam_chart_get_item_detail (TamChart *chart,
                           guint index)
{
  g_return_val_if_fail (chart != NULL && index < chart->items->len, NULL);
  return _tam_chart_item (chart, index)->detail;
}

const char *
tam_chart_get_item_id (TamChart *chart,
                       guint index)
{
  g_return_val_if_fail (chart != NULL && index < chart->items->len, NULL);
  return _tam_chart_item (chart, index)->id;
}

gboolean
_tam_chart_under (TamChart *chart,
                  double value)
{
  return !isnan (chart->target) && !isnan (value) && value < chart->target;
}

gboolean
tam_chart_item_is_under_target (TamChart *chart,
                                guint index)
{
  g_return_val_if_fail (chart != NULL && index < chart->items->len, FALSE);
  return _tam_chart_under (chart, _tam_chart_item (chart, index)->value);
}

char *
tam_chart_format_value (TamChart *chart,
                        double value)
{
  g_return_val_if_fail (chart != NULL, NULL);

  if (chart->unit == TAM_CHART_UNIT_PERCENT)
    return tam_format_percent (chart->lang, value, _tam_chart_decimals (chart));
  return tam_format_number (chart->lang, value, _tam_chart_decimals (chart));
}

/* The target as labelled: no needless decimals ("95 %", "95,5 %"). */
char *
_tam_chart_format_target (TamChart *chart)
{
  g_autofree char *number = tam_format_number_trim (chart->lang, chart->target, _tam_chart_decimals (chart));

  if (chart->unit == TAM_CHART_UNIT_PERCENT)
    return g_strconcat (number, " %", NULL);
  return g_steal_pointer (&number);
}

char *
tam_chart_dup_item_text (TamChart *chart,
                         guint index)
{
  TamChartItem *item;
  g_autofree char *value = NULL;

  g_return_val_if_fail (chart != NULL && index < chart->items->len, NULL);

  item = _tam_chart_item (chart, index);
  if (isnan (item->value))
    /* TRANSLATORS: an item of a chart without a value: "Jan 2026: No data" */
    return g_strdup_printf (_ ("%s: No data"), item->label);
  value = tam_chart_format_value (chart, item->value);
  if (item->detail != NULL && item->detail[0] != '\0')
    /* TRANSLATORS: a chart's item, its value and counts:
     * "Jan 2026: 94,2 % · 1.402 valid / 1.488 agree" */
    return g_strdup_printf (_ ("%s: %s · %s"), item->label, value, item->detail);
  return g_strdup_printf (_ ("%s: %s"), item->label, value);
}

char *
tam_chart_dup_summary (TamChart *chart)
{
  guint n = 0;
  guint under = 0;
  g_autofree char *target = NULL;

  g_return_val_if_fail (chart != NULL, NULL);

  for (guint i = 0; i < chart->items->len; i++)
    {
      double value = _tam_chart_item (chart, i)->value;

      if (isnan (value))
        continue;
      n++;
      if (_tam_chart_under (chart, value))
        under++;
    }
  if (n == 0)
    return g_strdup_printf (_ ("%s: no data."), chart->title);
  if (isnan (chart->target))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u item.", "%s: %u items.", n),
                            chart->title, n);
  target = _tam_chart_format_target (chart);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s: %u item, %u under the target of %s.",
                                       "%s: %u items, %u under the target of %s.", n),
                          chart->title, n, under, target);
}

void
tam_chart_set_highlight (TamChart *chart,
                         int index)
{
  g_return_if_fail (chart != NULL);

  chart->highlight = index >= 0 && (guint) index < chart->items->len ? index : -1;
}

int
tam_chart_get_highlight (TamChart *chart)
{
  g_return_val_if_fail (chart != NULL, -1);
  return chart->highlight;
}

void
tam_chart_layout (TamChart *chart,
                  const TamChartStyle *style,
                  double width,
                  double height)
{
  g_return_if_fail (chart != NULL);
  g_return_if_fail (style != NULL);

  if (chart->geometry != NULL &&
      _tam_chart_geometry_matches (chart->geometry, chart, style, width, height))
    return;
  g_clear_pointer (&chart->geometry, _tam_chart_geometry_free);
  chart->geometry = _tam_chart_geometry_new (chart, style, width, height);
}

void
tam_chart_draw (TamChart *chart,
                const TamChartStyle *style,
                cairo_t *cr,
                double width,
                double height)
{
  g_return_if_fail (chart != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (cr != NULL);

  tam_chart_layout (chart, style, width, height);
  _tam_chart_paint (chart, chart->geometry, style, chart->highlight, cr);
}

int
tam_chart_hit (TamChart *chart,
               double x,
               double y)
{
  TamChartGeometry *g;
  int index;

  g_return_val_if_fail (chart != NULL, -1);

  g = chart->geometry;
  if (g == NULL || g->empty != NULL || g->n_slots == 0)
    return -1;
  /* An item's whole column, from its value label down to its axis
   * label: a short bar or a low point is as easy to reach as a tall one. */
  if (x < g->plot.x || x >= g->plot.x + g->plot.width ||
      y < g->plot.y - g->headroom || y > g->height - g->pad)
    return -1;
  index = (int) floor ((x - g->plot.x) / g->band);
  return CLAMP (index, 0, (int) g->n_slots - 1);
}

gboolean
tam_chart_get_plot_area (TamChart *chart,
                         TamChartRect *rect)
{
  g_return_val_if_fail (chart != NULL, FALSE);

  if (chart->geometry == NULL || chart->geometry->empty != NULL)
    return FALSE;
  if (rect != NULL)
    *rect = chart->geometry->plot;
  return TRUE;
}

gboolean
tam_chart_get_item_area (TamChart *chart,
                         guint index,
                         TamChartRect *rect)
{
  TamChartGeometry *g;
  TamChartSlot *slot;

  g_return_val_if_fail (chart != NULL, FALSE);

  g = chart->geometry;
  if (g == NULL || g->empty != NULL || index >= g->n_slots)
    return FALSE;
  slot = &g->slots[index];
  if (isnan (slot->y))
    return FALSE;
  if (rect != NULL)
    {
      if (chart->kind == TAM_CHART_BAR)
        *rect = slot->bar;
      else
        *rect = (TamChartRect){ slot->x - 6, slot->y - 6, 12, 12 };
    }
  return TRUE;
}

double
tam_chart_get_target_y (TamChart *chart)
{
  g_return_val_if_fail (chart != NULL, NAN);

  if (chart->geometry == NULL || chart->geometry->empty != NULL)
    return NAN;
  return chart->geometry->target_y;
}
