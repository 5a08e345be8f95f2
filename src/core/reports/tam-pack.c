/* tam-pack.c: see tam-pack.h. A site spent a day on this by hand. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tam-kpi-chart.h"
#include "tam-pack.h"
#include "tam-reports.h"

/* A report's own progress (0..1) as a share of the pack's. */
typedef struct
{
  TamProgressFunc progress;
  gpointer user_data;
  guint step;
  guint total;
} SubProgress;

static void
sub_progress (double fraction,
              gpointer data)
{
  SubProgress *sub = data;

  if (sub->progress != NULL)
    sub->progress ((sub->step + CLAMP (fraction, 0.0, 1.0)) / sub->total, sub->user_data);
}

static void
report_progress (TamProgressFunc progress,
                 gpointer user_data,
                 guint done,
                 guint total)
{
  if (progress != NULL)
    progress ((double) done / total, user_data);
}

static gboolean
write_charts (TamStore *store,
              const TamSession *session,
              const char *month,
              const char *path,
              GError **error)
{
  g_autoptr (GPtrArray) charts = g_ptr_array_new_with_free_func ((GDestroyNotify) tam_chart_unref);
  g_autofree char *from = tam_kpi_month_add (month, -11);
  g_autofree char *title = g_strdup_printf (_ ("KPI %s"), month);
  static const TamKpiKind lines[] = { TAM_KPI_QVS, TAM_KPI_FIRST_PASS };
  static const TamKpiKind bars[] = { TAM_KPI_QVS, TAM_KPI_HEADCOUNT, TAM_KPI_ABU };

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      TamChart *c = tam_kpi_chart_line (store, session, lines[i],
                                        &(TamKpiSeriesQuery){ .from = from, .to = month, .scope = TAM_KPI_SCOPE_NATIONAL },
                                        error);
      if (c == NULL)
        return FALSE;
      g_ptr_array_add (charts, c);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bars); i++)
    {
      TamChart *c = tam_kpi_chart_bars (store, session, bars[i], month, TAM_KPI_SCOPE_SITE, error);
      if (c == NULL)
        return FALSE;
      g_ptr_array_add (charts, c);
    }
  return tam_chart_write_pdf_pages ((TamChart *const *) charts->pdata, charts->len, tam_chart_style_default_light (),
                                    0, 0, title, path, error);
}

gboolean
tam_report_pack (TamStore *store,
                 const TamSession *session,
                 const char *month,
                 const char *dir,
                 GPtrArray **written,
                 TamProgressFunc progress,
                 gpointer user_data,
                 GCancellable *cancellable,
                 GError **error)
{
  const TamReport *const *reports = tam_reports ();
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  guint n_reports = 0, step = 0, total;

  if (!tam_session_require (session, TAM_PERM_EXPORT, error))
    return FALSE;
  if (month == NULL || !tam_kpi_month_bounds (month, NULL, NULL, error))
    return FALSE;
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_FAILED, _ ("Cannot make the folder “%s”: %s"), dir,
                   g_strerror (errno));
      return FALSE;
    }
  while (reports[n_reports] != NULL)
    n_reports++;
  total = n_reports + 1;

  for (guint i = 0; i < n_reports; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%s.xlsx", reports[i]->form, month);
      char *path = g_build_filename (dir, name, NULL);
      SubProgress sub = { progress, user_data, step, total };

      g_ptr_array_add (paths, path);
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !reports[i]->write (store, session, month, path, sub_progress, &sub, cancellable, error))
        goto fail;
      report_progress (progress, user_data, ++step, total);
    }
  {
    g_autofree char *name = g_strdup_printf ("KPI-charts-%s.pdf", month);
    g_autofree char *tmp = NULL;
    char *path = g_build_filename (dir, name, NULL);

    g_ptr_array_add (paths, path);
    tmp = g_strconcat (path, ".part", NULL);
    if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
        !write_charts (store, session, month, tmp, error))
      {
        g_unlink (tmp);
        goto fail;
      }
    if (g_rename (tmp, path) != 0)
      {
        g_set_error (error, TAM_ERROR, TAM_ERROR_FAILED, _ ("Cannot write “%s”: %s"), path, g_strerror (errno));
        g_unlink (tmp);
        goto fail;
      }
    report_progress (progress, user_data, ++step, total);
  }
  if (written != NULL)
    *written = g_steal_pointer (&paths);
  return TRUE;

fail:
  /* The file being written when it failed is not there. */
  g_unlink (paths->pdata[paths->len - 1]);
  return FALSE;
}
