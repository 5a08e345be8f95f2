/* The chart renderer: number and month formatting in both languages, the
 * value axis, sorting, label placement, hit testing, PNG pixels (the
 * target line's row, a bar under the target), PDF text through
 * pdftotext, and "No data". Sample images for a human eye go to
 * /tmp/tam-chart-samples/.
 *
 * `test-chart --bench` (meson test --benchmark chart) times a redraw and
 * a PNG export at 1280×800 instead. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "tam-chart-private.h"
#include "tam-chart.h"

#define SAMPLES_DIR "/tmp/tam-chart-samples"

static const char *const sites[] = {
  "Bandung",
  "Tangerang",
  "Surabaya",
  "Medan",
  "Makassar",
  "Semarang",
  "Yogyakarta",
  "Denpasar",
  "Palembang",
  "Balikpapan",
  "Manado",
  "Pontianak",
};

static void
set_language (const char *lang)
{
  if (lang != NULL)
    g_setenv ("LANGUAGE", lang, TRUE);
  else
    g_unsetenv ("LANGUAGE");
}

/* 24 months of QVS from Jan 2025, a few under 95 %, one month empty. */
static TamChart *
qvs_line (guint n_months)
{
  TamChart *chart = tam_chart_new (TAM_CHART_LINE, TAM_CHART_UNIT_PERCENT, "Quality Validation Score");

  tam_chart_set_target (chart, 95);
  for (guint i = 0; i < n_months; i++)
    {
      g_autofree char *key = g_strdup_printf ("%04u-%02u", 2025 + i / 12, i % 12 + 1);
      double value = 95.5 + 3 * sin (i * 0.9) - (i % 7 == 3 ? 2.5 : 0);
      guint agree = 1400 + 7 * i;
      guint valid = (guint) round (agree * value / 100);
      g_autofree char *detail = g_strdup_printf ("%u valid / %u agree", valid, agree);

      g_assert_true (tam_chart_add_month (chart, key, i == 5 ? NAN : value, i == 5 ? NULL : detail));
    }
  return chart;
}

/* @n agents (long names), 85–99 %. */
static TamChart *
agent_bars (guint n)
{
  TamChart *chart = tam_chart_new (TAM_CHART_BAR, TAM_CHART_UNIT_PERCENT, "QVS by agent, May 2026");

  tam_chart_set_target (chart, 95);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = g_strdup_printf ("Agent %s Rahmawati %02u", sites[i % G_N_ELEMENTS (sites)], i);
      g_autofree char *id = g_strdup_printf ("AG-%03u", i);

      tam_chart_add_item (chart, label, 86 + fmod (i * 3.7, 13.5), NULL, id);
    }
  return chart;
}

static TamChart *
site_bars (void)
{
  TamChart *chart = tam_chart_new (TAM_CHART_BAR, TAM_CHART_UNIT_PERCENT, "QVS by site, May 2026");

  tam_chart_set_target (chart, 95);
  for (guint i = 0; i < G_N_ELEMENTS (sites); i++)
    tam_chart_add_item (chart, sites[i], 91 + i * 0.7, "1.402 valid / 1.488 agree", sites[i]);
  return chart;
}

/* The text of a PDF, by pdftotext. */
static char *
pdf_text (const char *path,
          int page)
{
  g_autofree char *first = g_strdup_printf ("%d", page > 0 ? page : 1);
  g_autofree char *last = g_strdup_printf ("%d", page > 0 ? page : 9999);
  const char *argv[] = { "pdftotext", "-f", first, "-l", last, path, "-", NULL };
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static char *
tmp_path (const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tam-chart-XXXXXX", &error);

  g_assert_no_error (error);
  return g_build_filename (dir, name, NULL);
}

static void
remove_tmp (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_remove (path);
  g_rmdir (dir);
}

/* ---- formatting ---- */

static void
assert_string_free (char *s,
                    const char *expected)
{
  g_assert_cmpstr (s, ==, expected);
  g_free (s);
}

static void
test_format_numbers (void)
{
  TamLanguage en = TAM_LANGUAGE_ENGLISH;
  TamLanguage id = TAM_LANGUAGE_INDONESIAN;

  assert_string_free (tam_format_percent (en, 95.3, 1), "95.3 %");
  assert_string_free (tam_format_percent (id, 95.3, 1), "95,3 %");
  assert_string_free (tam_format_percent (id, 95.25, 2), "95,25 %");
  assert_string_free (tam_format_number (en, 1402, 0), "1,402");
  assert_string_free (tam_format_number (id, 1402, 0), "1.402");
  assert_string_free (tam_format_number (en, 1234567.891, 1), "1,234,567.9");
  assert_string_free (tam_format_number (id, 1234567.891, 1), "1.234.567,9");
  assert_string_free (tam_format_number (id, -1402.5, 1), "-1.402,5");
  assert_string_free (tam_format_number (en, 999.96, 1), "1,000.0");
  assert_string_free (tam_format_number (en, -0.04, 1), "0.0");
  assert_string_free (tam_format_number (en, 12, 0), "12");
  assert_string_free (tam_format_number (en, 123, 0), "123");
  assert_string_free (tam_format_number (en, NAN, 1), "–");
  assert_string_free (tam_format_number_trim (en, 95, 1), "95");
  assert_string_free (tam_format_number_trim (id, 95.5, 1), "95,5");
  assert_string_free (tam_format_number_trim (en, 95.04, 1), "95");
  assert_string_free (tam_format_number_trim (en, 2.25, 2), "2.25");
}

static void
test_format_months (void)
{
  static const char *const en[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
  static const char *const id[] = { "Jan", "Feb", "Mar", "Apr", "Mei", "Jun",
                                    "Jul", "Agu", "Sep", "Okt", "Nov", "Des" };

  for (int m = 1; m <= 12; m++)
    {
      g_autofree char *key = g_strdup_printf ("2026-%02d", m);
      g_autofree char *want_en = g_strdup_printf ("%s 2026", en[m - 1]);
      g_autofree char *want_id = g_strdup_printf ("%s 2026", id[m - 1]);

      assert_string_free (tam_format_month (TAM_LANGUAGE_ENGLISH, key), want_en);
      assert_string_free (tam_format_month (TAM_LANGUAGE_INDONESIAN, key), want_id);
    }
  g_assert_null (tam_format_month (TAM_LANGUAGE_ENGLISH, "2026-13"));
  g_assert_null (tam_format_month (TAM_LANGUAGE_ENGLISH, "2026-00"));
  g_assert_null (tam_format_month (TAM_LANGUAGE_ENGLISH, "2026-1"));
  g_assert_null (tam_format_month (TAM_LANGUAGE_ENGLISH, "2026-05-01"));
  g_assert_null (tam_format_month (TAM_LANGUAGE_ENGLISH, "May 2026"));
}

static void
test_format_language (void)
{
  set_language ("id");
  g_assert_cmpint (tam_format_language (), ==, TAM_LANGUAGE_INDONESIAN);
  assert_string_free (tam_format_percent (TAM_LANGUAGE_AUTO, 95.3, 1), "95,3 %");
  assert_string_free (tam_format_month (TAM_LANGUAGE_AUTO, "2026-08"), "Agu 2026");
  set_language ("id_ID.UTF-8");
  g_assert_cmpint (tam_format_language (), ==, TAM_LANGUAGE_INDONESIAN);
  set_language ("id:en");
  g_assert_cmpint (tam_format_language (), ==, TAM_LANGUAGE_INDONESIAN);
  set_language ("en_GB:id");
  g_assert_cmpint (tam_format_language (), ==, TAM_LANGUAGE_ENGLISH);
  set_language ("ind");
  g_assert_cmpint (tam_format_language (), ==, TAM_LANGUAGE_ENGLISH);
  set_language ("en");
  assert_string_free (tam_format_percent (TAM_LANGUAGE_AUTO, 95.3, 1), "95.3 %");

  /* No LANGUAGE: LC_ALL decides (the tests run under LC_ALL=C.UTF-8). */
  set_language (NULL);
  g_assert_cmpint (tam_format_language (), ==, TAM_LANGUAGE_ENGLISH);
  {
    g_autofree char *saved = g_strdup (g_getenv ("LC_ALL"));

    g_setenv ("LC_ALL", "id_ID.UTF-8", TRUE);
    g_assert_cmpint (tam_format_language (), ==, TAM_LANGUAGE_INDONESIAN);
    if (saved != NULL)
      g_setenv ("LC_ALL", saved, TRUE);
    else
      g_unsetenv ("LC_ALL");
  }
  g_assert_cmpint (tam_format_language (), ==, TAM_LANGUAGE_ENGLISH);
}

static void
test_item_text (void)
{
  g_autoptr (TamChart) chart = tam_chart_new (TAM_CHART_LINE, TAM_CHART_UNIT_PERCENT, "QVS");

  set_language ("en");
  tam_chart_set_target (chart, 95);
  g_assert_true (tam_chart_add_month (chart, "2026-01", 94.2, "1,402 valid / 1,488 agree"));
  g_assert_true (tam_chart_add_month (chart, "2026-02", 96, NULL));
  g_assert_true (tam_chart_add_month (chart, "2026-03", NAN, NULL));
  g_assert_false (tam_chart_add_month (chart, "March", 96, NULL));
  g_assert_cmpuint (tam_chart_get_n_items (chart), ==, 3);
  g_assert_cmpstr (tam_chart_get_item_id (chart, 0), ==, "2026-01");

  assert_string_free (tam_chart_dup_item_text (chart, 0), "Jan 2026: 94.2 % · 1,402 valid / 1,488 agree");
  assert_string_free (tam_chart_dup_item_text (chart, 1), "Feb 2026: 96.0 %");
  assert_string_free (tam_chart_dup_item_text (chart, 2), "Mar 2026: No data");
  assert_string_free (tam_chart_dup_summary (chart), "QVS: 2 items, 1 under the target of 95 %.");
  g_assert_true (tam_chart_item_is_under_target (chart, 0));
  g_assert_false (tam_chart_item_is_under_target (chart, 1));
  g_assert_false (tam_chart_item_is_under_target (chart, 2));

  /* The month labels follow the chart's language. */
  tam_chart_set_language (chart, TAM_LANGUAGE_INDONESIAN);
  assert_string_free (tam_chart_dup_item_text (chart, 1), "Feb 2026: 96,0 %");
  tam_chart_add_month (chart, "2026-05", 95.31, NULL);
  assert_string_free (tam_chart_dup_item_text (chart, 3), "Mei 2026: 95,3 %");

  {
    g_autoptr (TamChart) counts = tam_chart_new (TAM_CHART_BAR, TAM_CHART_UNIT_COUNT, "Returns");

    tam_chart_set_language (counts, TAM_LANGUAGE_INDONESIAN);
    tam_chart_add_item (counts, "Bandung", 1402, NULL, NULL);
    assert_string_free (tam_chart_dup_item_text (counts, 0), "Bandung: 1.402");
    assert_string_free (tam_chart_dup_summary (counts), "Returns: 1 item.");
  }
  set_language (NULL);
}

/* ---- data and layout ---- */

static void
test_bar_order (void)
{
  g_autoptr (TamChart) chart = tam_chart_new (TAM_CHART_BAR, TAM_CHART_UNIT_PERCENT, "Sites");
  static const double values[] = { 93, NAN, 97.5, 93, 99, 80 };
  static const char *const order[] = { "e", "c", "a", "d", "f", "b" };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      char id[2] = { (char) ('a' + i), '\0' };

      tam_chart_add_item (chart, id, values[i], NULL, id);
    }
  /* Highest first, equal values in the order added, no value last. */
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    g_assert_cmpstr (tam_chart_get_item_id (chart, i), ==, order[i]);

  /* A line keeps the order it was given. */
  {
    g_autoptr (TamChart) line = tam_chart_new (TAM_CHART_LINE, TAM_CHART_UNIT_PERCENT, "Months");

    tam_chart_add_item (line, "a", 90, NULL, "a");
    tam_chart_add_item (line, "b", 99, NULL, "b");
    g_assert_cmpstr (tam_chart_get_item_id (line, 1), ==, "b");
  }
}

static void
test_axis (void)
{
  const TamChartStyle *style = tam_chart_style_default_light ();

  {
    /* QVS of 90–99 % and a 95 % target: not 0–100, but a round floor
     * under 90 up to 100. */
    g_autoptr (TamChart) chart = site_bars ();

    tam_chart_layout (chart, style, 1280, 800);
    g_assert_cmpfloat (chart->geometry->lo, >=, 80);
    g_assert_cmpfloat (chart->geometry->lo, <=, 90);
    g_assert_cmpfloat (fmod (chart->geometry->lo, 1), ==, 0);
    g_assert_cmpfloat (chart->geometry->hi, ==, 100);
  }
  {
    /* All at 100 %: still a readable span, and nothing above 100. */
    g_autoptr (TamChart) chart = tam_chart_new (TAM_CHART_BAR, TAM_CHART_UNIT_PERCENT, "All valid");

    tam_chart_add_item (chart, "a", 100, NULL, NULL);
    tam_chart_add_item (chart, "b", 100, NULL, NULL);
    tam_chart_layout (chart, style, 1280, 800);
    g_assert_cmpfloat (chart->geometry->hi, ==, 100);
    g_assert_cmpfloat (chart->geometry->hi - chart->geometry->lo, >=, 5);
  }
  {
    /* An achievement over 100 % is not cut. */
    g_autoptr (TamChart) chart = tam_chart_new (TAM_CHART_BAR, TAM_CHART_UNIT_PERCENT, "CT-0");

    tam_chart_add_item (chart, "a", 123, NULL, NULL);
    tam_chart_add_item (chart, "b", 40, NULL, NULL);
    tam_chart_layout (chart, style, 1280, 800);
    g_assert_cmpfloat (chart->geometry->hi, >=, 123);
    g_assert_cmpfloat (chart->geometry->lo, >=, 0);
  }
  {
    /* A negative count (a change from last month) hangs down from 0. */
    g_autoptr (TamChart) chart = tam_chart_new (TAM_CHART_BAR, TAM_CHART_UNIT_COUNT, "Change");
    TamChartRect up;
    TamChartRect down;

    tam_chart_add_item (chart, "a", 40, NULL, NULL);
    tam_chart_add_item (chart, "b", -25, NULL, NULL);
    tam_chart_layout (chart, style, 1280, 800);
    g_assert_cmpfloat (chart->geometry->lo, <=, -25);
    g_assert_true (tam_chart_get_item_area (chart, 0, &up));
    g_assert_true (tam_chart_get_item_area (chart, 1, &down));
    g_assert_cmpfloat (fabs (up.y + up.height - down.y), <=, 1); /* both meet at 0 */
    g_assert_cmpfloat (up.height, >, down.height);
  }
  {
    /* A count starts at 0. */
    g_autoptr (TamChart) chart = tam_chart_new (TAM_CHART_BAR, TAM_CHART_UNIT_COUNT, "Returns");

    tam_chart_add_item (chart, "a", 1402, NULL, NULL);
    tam_chart_add_item (chart, "b", 1300, NULL, NULL);
    tam_chart_layout (chart, style, 1280, 800);
    g_assert_cmpfloat (chart->geometry->lo, ==, 0);
    g_assert_cmpfloat (chart->geometry->hi, >=, 1402);
  }
}

typedef struct
{
  double x0, y0, x1, y1;
} Box;

static Box
layout_box (PangoLayout *layout,
            double x,
            double y)
{
  int w;
  int h;

  pango_layout_get_pixel_size (layout, &w, &h);
  return (Box){ x, y, x + w, y + h };
}

static gboolean
boxes_overlap (const Box *a,
               const Box *b)
{
  return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

/* Shown axis labels and value labels of a chart do not overlap, and stay
 * on the canvas. */
static void
assert_no_overlap (TamChart *chart,
                   double width,
                   double height,
                   guint min_labels_shown,
                   guint min_values_shown)
{
  TamChartGeometry *g;
  g_autoptr (GArray) values = g_array_new (FALSE, FALSE, sizeof (Box));
  double last_end = -INFINITY;
  guint n_labels = 0;

  tam_chart_layout (chart, tam_chart_style_default_light (), width, height);
  g = chart->geometry;
  g_assert_nonnull (g);

  for (guint i = 0; i < g->n_slots; i++)
    {
      TamChartSlot *slot = &g->slots[i];
      int w;
      int h;

      if (!slot->label_shown)
        continue;
      n_labels++;
      pango_layout_get_pixel_size (slot->label, &w, &h);
      if (g->labels_turned)
        {
          /* Parallel turned labels: their distance across the text is the
           * distance between anchors times sin 45°. */
          if (isfinite (last_end))
            g_assert_cmpfloat ((slot->label_x - last_end) * G_SQRT2 / 2, >=, h);
          last_end = slot->label_x;
          /* The far end of the text stays on the canvas. */
          g_assert_cmpfloat (slot->label_x - w * G_SQRT2 / 2 - h, >=, 0);
          g_assert_cmpfloat (slot->label_y + w * G_SQRT2 / 2 + h, <=, height);
        }
      else
        {
          g_assert_cmpfloat (slot->label_x, >, last_end);
          last_end = slot->label_x + w;
          g_assert_cmpfloat (slot->label_x, >=, 0);
          g_assert_cmpfloat (last_end, <=, width);
        }
    }
  /* The latest item's label is always there. */
  g_assert_true (g->slots[g->n_slots - 1].label_shown);
  g_assert_cmpuint (n_labels, >=, min_labels_shown);

  for (guint i = 0; i < g->n_slots; i++)
    {
      TamChartSlot *slot = &g->slots[i];
      Box box;

      if (slot->value == NULL)
        continue;
      if (g->values_upright)
        {
          int w;
          int h;

          pango_layout_get_pixel_size (slot->value, &w, &h);
          box = (Box){ slot->value_x - h / 2.0, slot->value_y - w, slot->value_x + h / 2.0, slot->value_y };
        }
      else
        box = layout_box (slot->value, slot->value_x, slot->value_y);
      g_assert_cmpfloat (box.y0, >=, g->plot.y - g->headroom);
      for (guint k = 0; k < values->len; k++)
        g_assert_false (boxes_overlap (&box, &g_array_index (values, Box, k)));
      g_array_append_val (values, box);
    }
  g_assert_cmpuint (values->len, >=, min_values_shown);
}

static void
test_labels (void)
{
  set_language ("en");
  {
    g_autoptr (TamChart) chart = qvs_line (24);

    assert_no_overlap (chart, 1280, 800, 12, 12);
    assert_no_overlap (chart, 640, 400, 6, 4);
    /* At 1280 px, a 24-month label fits every other month at least. */
    tam_chart_layout (chart, tam_chart_style_default_light (), 1280, 800);
    g_assert_true (chart->geometry->slots[21].label_shown || chart->geometry->slots[22].label_shown);
  }
  {
    g_autoptr (TamChart) chart = qvs_line (12);

    assert_no_overlap (chart, 1280, 800, 12, 11);
  }
  {
    g_autoptr (TamChart) chart = agent_bars (30);

    assert_no_overlap (chart, 1280, 800, 30, 30);
    g_assert_true (chart->geometry->labels_turned);
    assert_no_overlap (chart, 800, 500, 15, 30);
  }
  {
    /* Far more bars than fit: labels and values thinned, never piled. */
    g_autoptr (TamChart) chart = agent_bars (300);

    assert_no_overlap (chart, 1280, 800, 30, 30);
  }
  {
    g_autoptr (TamChart) chart = qvs_line (120);

    assert_no_overlap (chart, 1280, 800, 10, 10);
  }
  {
    g_autoptr (TamChart) chart = site_bars ();

    assert_no_overlap (chart, 1280, 800, 12, 12);
    g_assert_false (chart->geometry->labels_turned);
    g_assert_false (chart->geometry->values_upright);
  }
  set_language (NULL);
}

static void
assert_hits (TamChart *chart)
{
  TamChartRect plot;

  g_assert_true (tam_chart_get_plot_area (chart, &plot));
  for (guint i = 0; i < tam_chart_get_n_items (chart); i++)
    {
      TamChartRect r;

      if (!tam_chart_get_item_area (chart, i, &r))
        {
          /* No value: its column still answers. */
          g_assert_true (isnan (tam_chart_get_item_value (chart, i)));
          continue;
        }
      g_assert_cmpint (tam_chart_hit (chart, r.x + r.width / 2, r.y + r.height / 2), ==, i);
      /* Anywhere in the column, low in the plot too. */
      g_assert_cmpint (tam_chart_hit (chart, r.x + r.width / 2, plot.y + plot.height - 1), ==, i);
    }
  g_assert_cmpint (tam_chart_hit (chart, 1, 1), ==, -1);
  g_assert_cmpint (tam_chart_hit (chart, plot.x - 2, plot.y + 10), ==, -1);
  g_assert_cmpint (tam_chart_hit (chart, plot.x + plot.width + 1, plot.y + 10), ==, -1);
}

static void
test_hit (void)
{
  g_autoptr (TamChart) line = qvs_line (24);
  g_autoptr (TamChart) bars = agent_bars (30);

  /* Nothing laid out yet. */
  g_assert_cmpint (tam_chart_hit (line, 600, 400), ==, -1);

  tam_chart_layout (line, tam_chart_style_default_light (), 1280, 800);
  assert_hits (line);
  tam_chart_layout (bars, tam_chart_style_default_light (), 1280, 800);
  assert_hits (bars);
  /* A new size: a new layout. */
  tam_chart_layout (bars, tam_chart_style_default_light (), 700, 400);
  assert_hits (bars);
}

/* ---- PNG ---- */

static guint32
pixel (cairo_surface_t *surface,
       int x,
       int y)
{
  unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  return *(guint32 *) (data + (gsize) y * stride + (gsize) x * 4);
}

static void
assert_color (cairo_surface_t *surface,
              int x,
              int y,
              const TamChartColor *color)
{
  guint32 p = pixel (surface, x, y);
  int r = (p >> 16) & 0xff;
  int g = (p >> 8) & 0xff;
  int b = p & 0xff;

  if (abs (r - (int) round (color->red * 255)) > 2 || abs (g - (int) round (color->green * 255)) > 2 ||
      abs (b - (int) round (color->blue * 255)) > 2)
    g_error ("pixel (%d, %d) is #%02x%02x%02x, expected #%02x%02x%02x", x, y, r, g, b,
             (int) round (color->red * 255), (int) round (color->green * 255), (int) round (color->blue * 255));
}

static void
check_png (TamChart *chart,
           const TamChartStyle *style,
           int width,
           int height)
{
  g_autofree char *path = tmp_path ("chart.png");
  g_autoptr (GError) error = NULL;
  cairo_surface_t *png;
  TamChartRect plot;
  double target_y;
  guint n_under = 0;
  guint n_over = 0;

  g_assert_true (tam_chart_write_png (chart, style, width, height, path, &error));
  g_assert_no_error (error);

  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, height);

  /* The export's layout equals the chart's own at the same size. */
  tam_chart_layout (chart, style, width, height);
  g_assert_true (tam_chart_get_plot_area (chart, &plot));
  target_y = tam_chart_get_target_y (chart);
  g_assert_false (isnan (target_y));

  /* The dashed target line: 8 px on, 4 off from the plot's left edge;
   * the middle of every third dash, on both rows it covers. */
  for (int k = 0; 12 * k + 8 < plot.width; k += 3)
    {
      assert_color (png, (int) plot.x + 12 * k + 4, (int) target_y, &style->target);
      assert_color (png, (int) plot.x + 12 * k + 4, (int) target_y - 1, &style->target);
    }

  /* Bars: under the target in the warning colour, the others in the
   * accent colour (a point in the bar, away from the target line). */
  for (guint i = 0; i < tam_chart_get_n_items (chart); i++)
    {
      TamChartRect r;
      int y;

      if (tam_chart_get_kind (chart) != TAM_CHART_BAR || !tam_chart_get_item_area (chart, i, &r))
        continue;
      y = (int) (r.y + r.height - 3);
      if (fabs (y - target_y) < 4)
        continue;
      if (tam_chart_item_is_under_target (chart, i))
        {
          assert_color (png, (int) (r.x + r.width / 2), y, &style->warning);
          n_under++;
        }
      else
        {
          assert_color (png, (int) (r.x + r.width / 2), y, &style->accent);
          n_over++;
        }
    }
  if (tam_chart_get_kind (chart) == TAM_CHART_BAR)
    {
      g_assert_cmpuint (n_under, >, 0);
      g_assert_cmpuint (n_over, >, 0);
    }

  cairo_surface_destroy (png);
  remove_tmp (path);
}

static void
test_png (void)
{
  g_autoptr (TamChart) bars = site_bars ();
  g_autoptr (TamChart) agents = agent_bars (30);
  g_autoptr (TamChart) line = qvs_line (24);

  set_language ("en");
  check_png (bars, tam_chart_style_default_light (), 1280, 800);
  check_png (bars, tam_chart_style_default_dark (), 1280, 800);
  check_png (agents, tam_chart_style_default_light (), 1280, 800);
  check_png (bars, tam_chart_style_default_light (), 640, 360);
  check_png (line, tam_chart_style_default_light (), 1280, 800);
  set_language (NULL);
}

static void
test_png_error (void)
{
  g_autoptr (TamChart) chart = site_bars ();
  g_autoptr (GError) error = NULL;

  g_assert_false (tam_chart_write_png (chart, tam_chart_style_default_light (), 200, 100,
                                       "/nonexistent/dir/chart.png", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "/nonexistent/dir/chart.png"));
}

/* ---- PDF ---- */

static void
test_pdf (void)
{
  g_autofree char *path = tmp_path ("chart.pdf");
  g_autoptr (GError) error = NULL;

  set_language ("en");
  {
    g_autoptr (TamChart) chart = site_bars ();
    g_autofree char *text = NULL;

    g_assert_true (tam_chart_write_pdf (chart, tam_chart_style_default_light (), 0, 0, path, &error));
    g_assert_no_error (error);
    text = pdf_text (path, 0);
    g_assert_nonnull (strstr (text, "QVS by site, May 2026"));
    g_assert_nonnull (strstr (text, "Target 95 %"));
    g_assert_nonnull (strstr (text, "Bandung"));
    g_assert_nonnull (strstr (text, "98.7 %"));
  }
  {
    /* Every font embedded: pdffonts' "emb" column says yes. */
    const char *argv[] = { "pdffonts", path, NULL };
    g_autofree char *out = NULL;
    g_auto (GStrv) lines = NULL;
    int status = 0;
    guint n_fonts = 0;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, &out, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    lines = g_strsplit (out, "\n", -1);
    for (guint i = 2; lines[i] != NULL; i++)
      {
        if (lines[i][0] == '\0')
          continue;
        g_assert_nonnull (strstr (lines[i], " yes "));
        n_fonts++;
      }
    g_assert_cmpuint (n_fonts, >, 0);
  }

  /* Indonesian numbers and months under LANGUAGE=id. */
  set_language ("id");
  {
    g_autoptr (TamChart) chart = tam_chart_new (TAM_CHART_LINE, TAM_CHART_UNIT_PERCENT, "Skor Validasi");
    g_autofree char *text = NULL;

    tam_chart_set_target (chart, 95);
    tam_chart_add_month (chart, "2026-04", 94.2, NULL);
    tam_chart_add_month (chart, "2026-05", 95.3, NULL);
    tam_chart_add_month (chart, "2026-08", 97.15, NULL);
    g_assert_true (tam_chart_write_pdf (chart, tam_chart_style_default_light (), 0, 0, path, &error));
    g_assert_no_error (error);
    text = pdf_text (path, 0);
    g_assert_nonnull (strstr (text, "Skor Validasi"));
    g_assert_nonnull (strstr (text, "Target 95"));
    g_assert_nonnull (strstr (text, "95,3"));
    g_assert_nonnull (strstr (text, "Mei 2026"));
    g_assert_nonnull (strstr (text, "Agu 2026"));
    g_assert_null (strstr (text, "95.3"));
  }
  set_language ("en");

  /* Several charts, one a page. */
  {
    g_autoptr (TamChart) a = site_bars ();
    g_autoptr (TamChart) b = qvs_line (24);
    g_autoptr (TamChart) c = tam_chart_new (TAM_CHART_BAR, TAM_CHART_UNIT_COUNT, "Empty chart");
    TamChart *charts[] = { a, b, c };
    g_autofree char *p1 = NULL;
    g_autofree char *p2 = NULL;
    g_autofree char *p3 = NULL;

    g_assert_true (tam_chart_write_pdf_pages (charts, 3, tam_chart_style_default_light (), 0, 0,
                                              "Month-end pack", path, &error));
    g_assert_no_error (error);
    p1 = pdf_text (path, 1);
    p2 = pdf_text (path, 2);
    p3 = pdf_text (path, 3);
    g_assert_nonnull (strstr (p1, "QVS by site"));
    g_assert_null (strstr (p1, "Quality Validation Score"));
    g_assert_nonnull (strstr (p2, "Quality Validation Score"));
    g_assert_nonnull (strstr (p2, "Dec 2026"));
    g_assert_nonnull (strstr (p3, "Empty chart"));
    g_assert_nonnull (strstr (p3, "No data"));
  }
  set_language (NULL);
  remove_tmp (path);
}

/* ---- no data ---- */

static void
test_empty (void)
{
  g_autoptr (TamChart) none = tam_chart_new (TAM_CHART_LINE, TAM_CHART_UNIT_PERCENT, "Nothing yet");
  g_autoptr (TamChart) gaps = tam_chart_new (TAM_CHART_BAR, TAM_CHART_UNIT_PERCENT, "Only gaps");
  g_autofree char *png = tmp_path ("empty.png");
  g_autofree char *pdf = tmp_path ("empty.pdf");
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;

  set_language ("en");
  tam_chart_set_target (none, 95);
  tam_chart_add_item (gaps, "a", NAN, NULL, NULL);
  tam_chart_add_item (gaps, "b", NAN, NULL, NULL);

  g_assert_true (tam_chart_write_png (none, tam_chart_style_default_light (), 400, 300, png, &error));
  g_assert_no_error (error);
  g_assert_true (tam_chart_write_pdf (gaps, tam_chart_style_default_dark (), 0, 0, pdf, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf, 0);
  g_assert_nonnull (strstr (text, "Only gaps"));
  g_assert_nonnull (strstr (text, "No data"));

  /* Drawn on a tiny surface, laid out, hit: no crash, no item. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 10, 10);
  cr = cairo_create (surface);
  tam_chart_draw (none, tam_chart_style_default_light (), cr, 10, 10);
  tam_chart_draw (gaps, tam_chart_style_default_light (), cr, 10, 10);
  tam_chart_draw (gaps, tam_chart_style_default_light (), cr, 0, 0);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_assert_cmpint (tam_chart_hit (none, 5, 5), ==, -1);
  g_assert_false (tam_chart_get_plot_area (gaps, NULL));
  g_assert_true (isnan (tam_chart_get_target_y (none)));
  assert_string_free (tam_chart_dup_summary (gaps), "Only gaps: no data.");

  /* A tiny chart with data does not crash either. */
  {
    g_autoptr (TamChart) tiny = agent_bars (30);

    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 20, 20);
    cr = cairo_create (surface);
    tam_chart_draw (tiny, tam_chart_style_default_light (), cr, 20, 20);
    g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }
  set_language (NULL);
  remove_tmp (png);
  remove_tmp (pdf);
}

/* The layout is kept until something changes. */
static void
test_layout_cache (void)
{
  g_autoptr (TamChart) chart = site_bars ();
  const TamChartStyle *light = tam_chart_style_default_light ();
  TamChartStyle big = *light;
  TamChartGeometry *first;

  tam_chart_layout (chart, light, 1280, 800);
  first = chart->geometry;
  tam_chart_set_highlight (chart, 2);
  tam_chart_layout (chart, tam_chart_style_default_dark (), 1280, 800);
  g_assert_true (chart->geometry == first); /* colours and highlight: no new layout */
  g_assert_cmpint (tam_chart_get_highlight (chart), ==, 2);

  big.font = "Sans 14";
  tam_chart_layout (chart, &big, 1280, 800);
  g_assert_true (chart->geometry != NULL);
  g_assert_cmpfloat (chart->geometry->em, >, 18);
  tam_chart_add_item (chart, "Jakarta", 90, NULL, "Jakarta");
  g_assert_null (chart->geometry);
  g_assert_cmpint (tam_chart_get_highlight (chart), ==, -1);
}

/* Light and dark samples for a human eye. */
static void
test_samples (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamChart) line = qvs_line (24);
  g_autoptr (TamChart) bars = agent_bars (30);
  g_autoptr (TamChart) sites_chart = site_bars ();
  TamChart *all[] = { line, bars, sites_chart };
  struct
  {
    const char *name;
    TamChart *chart;
  } pngs[] = { { "line", line }, { "bars", bars }, { "sites", sites_chart } };

  set_language ("en");
  g_assert_cmpint (g_mkdir_with_parents (SAMPLES_DIR, 0755), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (pngs); i++)
    for (int dark = 0; dark < 2; dark++)
      {
        g_autofree char *name = g_strdup_printf ("%s-%s.png", pngs[i].name, dark ? "dark" : "light");
        g_autofree char *path = g_build_filename (SAMPLES_DIR, name, NULL);

        g_assert_true (tam_chart_write_png (pngs[i].chart,
                                            dark ? tam_chart_style_default_dark () : tam_chart_style_default_light (),
                                            1280, 800, path, &error));
        g_assert_no_error (error);
      }
  g_assert_true (tam_chart_write_pdf_pages (all, 3, tam_chart_style_default_light (), 0, 0, "Charts",
                                            SAMPLES_DIR "/charts-light.pdf", &error));
  g_assert_no_error (error);
  g_assert_true (tam_chart_write_pdf_pages (all, 3, tam_chart_style_default_dark (), 0, 0, "Charts",
                                            SAMPLES_DIR "/charts-dark.pdf", &error));
  g_assert_no_error (error);

  set_language ("id");
  {
    g_autoptr (TamChart) id_line = qvs_line (12);

    g_assert_true (tam_chart_write_png (id_line, tam_chart_style_default_light (), 1280, 800,
                                        SAMPLES_DIR "/line-id-light.png", &error));
    g_assert_no_error (error);
  }
  set_language (NULL);
  g_test_message ("samples in %s", SAMPLES_DIR);
}

/* ---- benchmark ---- */

static double
time_redraws (TamChart *chart,
              cairo_t *cr,
              int n)
{
  gint64 start = g_get_monotonic_time ();

  for (int i = 0; i < n; i++)
    {
      tam_chart_set_highlight (chart, i % (int) tam_chart_get_n_items (chart));
      tam_chart_draw (chart, tam_chart_style_default_light (), cr, 1280, 800);
    }
  cairo_surface_flush (cairo_get_target (cr));
  return (g_get_monotonic_time () - start) / 1000.0 / n;
}

static int
bench (void)
{
  g_autoptr (TamChart) line = qvs_line (24);
  g_autoptr (TamChart) bars = agent_bars (30);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1280, 800);
  cairo_t *cr = cairo_create (surface);
  g_autofree char *path = tmp_path ("bench.png");
  TamChart *charts[] = { line, bars };
  const char *names[] = { "24-point line", "30-bar chart" };
  gboolean ok = TRUE;

  for (guint c = 0; c < G_N_ELEMENTS (charts); c++)
    {
      gint64 start;
      double layout_ms;
      double redraw_ms;
      double resize_ms;
      double png_ms;

      /* Layout and first paint (warms the glyph cache as a first frame does). */
      start = g_get_monotonic_time ();
      tam_chart_draw (charts[c], tam_chart_style_default_light (), cr, 1280, 800);
      layout_ms = (g_get_monotonic_time () - start) / 1000.0;
      redraw_ms = time_redraws (charts[c], cr, 200);

      /* A window being resized: a new layout every frame. */
      start = g_get_monotonic_time ();
      for (int i = 0; i < 50; i++)
        tam_chart_draw (charts[c], tam_chart_style_default_light (), cr, 1280 - i % 2, 800);
      resize_ms = (g_get_monotonic_time () - start) / 1000.0 / 50;

      start = g_get_monotonic_time ();
      for (int i = 0; i < 10; i++)
        g_assert_true (tam_chart_write_png (charts[c], tam_chart_style_default_light (), 1280, 800, path, NULL));
      png_ms = (g_get_monotonic_time () - start) / 1000.0 / 10;

      g_print ("%s at 1280x800: layout + first draw %.2f ms, redraw %.2f ms (target < 4 ms), "
               "layout + draw on resize %.2f ms, PNG export %.1f ms (target < 200 ms)\n",
               names[c], layout_ms, redraw_ms, resize_ms, png_ms);
      ok = ok && redraw_ms < 4 && png_ms < 200;
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  remove_tmp (path);
  g_print ("%s\n", ok ? "within targets" : "OVER TARGET");
  return ok ? 0 : 1;
}

int
main (int argc,
      char **argv)
{
  if (argc > 1 && strcmp (argv[1], "--bench") == 0)
    return bench ();

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/chart/format/numbers", test_format_numbers);
  g_test_add_func ("/chart/format/months", test_format_months);
  g_test_add_func ("/chart/format/language", test_format_language);
  g_test_add_func ("/chart/item-text", test_item_text);
  g_test_add_func ("/chart/bar-order", test_bar_order);
  g_test_add_func ("/chart/axis", test_axis);
  g_test_add_func ("/chart/labels", test_labels);
  g_test_add_func ("/chart/hit", test_hit);
  g_test_add_func ("/chart/layout-cache", test_layout_cache);
  g_test_add_func ("/chart/png", test_png);
  g_test_add_func ("/chart/png-error", test_png_error);
  g_test_add_func ("/chart/pdf", test_pdf);
  g_test_add_func ("/chart/empty", test_empty);
  g_test_add_func ("/chart/samples", test_samples);
  return g_test_run ();
}
