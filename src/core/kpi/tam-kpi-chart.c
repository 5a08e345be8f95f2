/* tam-kpi-chart.c: see tam-kpi-chart.h. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "tam-format.h"
#include "tam-kpi-chart.h"

static TamChartUnit
unit_of (TamKpiKind kind)
{
  return kind == TAM_KPI_ABU ? TAM_CHART_UNIT_SCORE : TAM_CHART_UNIT_PERCENT;
}

char *
tam_kpi_chart_detail (TamKpiKind kind,
                      gint64 numerator,
                      gint64 denominator)
{
  TamLanguage lang = tam_format_language ();
  g_autofree char *num = tam_format_number (lang, (double) numerator, 0);
  g_autofree char *den = tam_format_number (lang, (double) denominator, 0);

  switch (kind)
    {
    case TAM_KPI_QVS:
      /* TRANSLATORS: "1.402 valid / 1.488 agree" */
      return g_strdup_printf (_ ("%s valid / %s agree"), num, den);
    case TAM_KPI_FIRST_PASS:
      return g_strdup_printf (_ ("%s valid at the first tapping / %s agree"), num, den);
    case TAM_KPI_HEADCOUNT:
      return g_strdup_printf (_ ("%s available / %s planned"), num, den);
    case TAM_KPI_ABU:
      return g_strdup_printf (_ ("%s under grade B / %s scored"), num, den);
    case TAM_KPI_ADHERENCE:
      return g_strdup_printf (_ ("%s days present / %s scheduled"), num, den);
    case TAM_KPI_CT0_AGREE:
      return g_strdup_printf (_ ("%s agree / %s target"), num, den);
    default:
      return g_strdup_printf ("%s / %s", num, den);
    }
}

TamChart *
tam_kpi_chart_line (TamStore *store,
                    const TamSession *session,
                    TamKpiKind kind,
                    const TamKpiSeriesQuery *query,
                    GError **error)
{
  g_autoptr (GArray) points = NULL;
  TamChart *chart;

  if (!tam_kpi_series (store, session, kind, query, &points, error))
    return NULL;
  chart = tam_chart_new (TAM_CHART_LINE, unit_of (kind), tam_kpi_kind_to_label (kind));
  tam_chart_set_target (chart, tam_kpi_target (store, kind));
  for (guint i = 0; i < points->len; i++)
    {
      const TamKpiPoint *p = &g_array_index (points, TamKpiPoint, i);
      g_autofree char *detail = isnan (p->value) ? NULL : tam_kpi_chart_detail (kind, p->numerator, p->denominator);

      tam_chart_add_month (chart, p->month, p->value, detail);
    }
  return chart;
}

static const char *
member_label (const TamKpiMember *m)
{
  if (m->name != NULL && m->name[0] != '\0')
    return m->name;
  return m->key != NULL ? m->key : "";
}

/* Whether @m (a member one level or more below) is inside @parent_key
 * of @parent_scope. */
static gboolean
member_inside (const TamKpiMember *m,
               TamKpiScope parent_scope,
               const char *parent_key)
{
  switch (parent_scope)
    {
    case TAM_KPI_SCOPE_SITE:
      return g_strcmp0 (m->site, parent_key) == 0;
    case TAM_KPI_SCOPE_SERVICE:
      return g_strcmp0 (m->service, parent_key) == 0;
    case TAM_KPI_SCOPE_TEAM:
      return m->scope == TAM_KPI_SCOPE_AGENT && g_strcmp0 (m->team_leader_nik, parent_key) == 0;
    case TAM_KPI_SCOPE_NATIONAL:
    default:
      return TRUE;
    }
}

TamChart *
tam_kpi_chart_bars (TamStore *store,
                    const TamSession *session,
                    TamKpiKind kind,
                    const char *month,
                    TamKpiScope scope,
                    GError **error)
{
  return tam_kpi_chart_bars_within (store, session, kind, month, scope, TAM_KPI_SCOPE_NATIONAL, NULL, error);
}

TamChart *
tam_kpi_chart_bars_within (TamStore *store,
                           const TamSession *session,
                           TamKpiKind kind,
                           const char *month,
                           TamKpiScope scope,
                           TamKpiScope parent_scope,
                           const char *parent_key,
                           GError **error)
{
  g_autoptr (GPtrArray) rows = NULL;
  TamChart *chart;

  switch (kind)
    {
    case TAM_KPI_QVS:
    case TAM_KPI_FIRST_PASS:
      if (!tam_kpi_qvs (store, session, month, scope, &rows, error))
        return NULL;
      break;
    case TAM_KPI_HEADCOUNT:
      if (!tam_kpi_headcount (store, session, month, scope, FALSE, &rows, error))
        return NULL;
      break;
    case TAM_KPI_ABU:
      if (!tam_kpi_scorecard_summary (store, session, month, scope, &rows, error))
        return NULL;
      break;
    default:
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("%s is not drawn as bars"), tam_kpi_kind_to_label (kind));
      return NULL;
    }

  chart = tam_chart_new (TAM_CHART_BAR, unit_of (kind), tam_kpi_kind_to_label (kind));
  tam_chart_set_target (chart, tam_kpi_target (store, kind));
  for (guint i = 0; i < rows->len; i++)
    {
      g_autofree char *detail = NULL;
      const TamKpiMember *m = rows->pdata[i]; /* every row begins with its member */
      double value = NAN;

      if (!member_inside (m, parent_scope, parent_key))
        continue;
      if (kind == TAM_KPI_QVS || kind == TAM_KPI_FIRST_PASS)
        {
          const TamKpiQvs *q = rows->pdata[i];

          value = kind == TAM_KPI_QVS ? q->qvs : q->first_pass;
          detail = tam_kpi_chart_detail (kind, kind == TAM_KPI_QVS ? q->valid : q->first_pass_valid, q->agree);
        }
      else if (kind == TAM_KPI_HEADCOUNT)
        {
          const TamKpiHeadcount *h = rows->pdata[i];

          value = h->fulfilment;
          if (h->target >= 0)
            detail = tam_kpi_chart_detail (kind, h->available, h->target);
        }
      else
        {
          const TamKpiScoreSummary *s = rows->pdata[i];

          value = s->mean_score;
          detail = tam_kpi_chart_detail (kind, s->under_b, s->agents);
        }
      tam_chart_add_item (chart, member_label (m), value, detail, m->key);
    }
  return chart;
}
