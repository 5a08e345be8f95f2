/* tam-kpi-cards.c: one KPI of one scope member as a number: the KPI
 * tab's cards and the series of the line charts (tam-kpi.h), from the
 * same functions as the tables, so a card, its chart and its table never
 * disagree. */
#include "config.h"

#include "tam-kpi-private.h"
#include "tam-store.h"

char *
tam_kpi_last_complete_month (void)
{
  g_autofree char *now = tam_kpi_current_month ();

  return tam_kpi_month_add (now, -1);
}

/* The row of @rows about @key (NATIONAL: the only one). */
static gpointer
find (GPtrArray *rows,
      TamKpiScope scope,
      const char *key)
{
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      TamKpiMember *m = rows->pdata[i];

      if (scope == TAM_KPI_SCOPE_NATIONAL || g_strcmp0 (m->key, key) == 0)
        return m;
    }
  return NULL;
}

/* @kind of the member @key of @scope in @month: *value NAN when it has
 * no data or the KPI does not apply. */
static gboolean
value_of (TamStore *store,
          const TamSession *session,
          TamKpiKind kind,
          const char *month,
          TamKpiScope scope,
          const char *key,
          double *value,
          gint64 *num,
          gint64 *den,
          GError **error)
{
  g_autoptr (GPtrArray) rows = NULL;

  *value = NAN;
  *num = *den = 0;
  switch (kind)
    {
    case TAM_KPI_QVS:
    case TAM_KPI_FIRST_PASS:
      {
        TamKpiQvs *q;

        if (!tam_kpi_qvs (store, session, month, scope, &rows, error))
          return FALSE;
        if ((q = find (rows, scope, key)) == NULL)
          return TRUE;
        *value = kind == TAM_KPI_QVS ? q->qvs : q->first_pass;
        *num = kind == TAM_KPI_QVS ? q->valid : q->first_pass_valid;
        *den = q->agree;
        return TRUE;
      }
    case TAM_KPI_HEADCOUNT:
      {
        TamKpiHeadcount *h;

        if (scope == TAM_KPI_SCOPE_TEAM || scope == TAM_KPI_SCOPE_AGENT)
          return TRUE;
        if (!tam_kpi_headcount (store, session, month, scope, FALSE, &rows, error))
          return FALSE;
        if ((h = find (rows, scope, key)) == NULL)
          return TRUE;
        *value = h->fulfilment;
        *num = h->available;
        *den = MAX (h->target, 0);
        return TRUE;
      }
    case TAM_KPI_ABU:
      if (scope == TAM_KPI_SCOPE_AGENT)
        {
          TamKpiScore *s;

          if (!tam_kpi_scorecard (store, session, month, &rows, error))
            return FALSE;
          if ((s = find (rows, scope, key)) == NULL)
            return TRUE;
          *value = s->score;
          *num = s->under_b ? 1 : 0;
          *den = 1;
        }
      else
        {
          TamKpiScoreSummary *s;

          if (!tam_kpi_scorecard_summary (store, session, month, scope, &rows, error))
            return FALSE;
          if ((s = find (rows, scope, key)) == NULL)
            return TRUE;
          *value = s->mean_score;
          *num = s->under_b;
          *den = s->agents;
        }
      return TRUE;
    case TAM_KPI_ADHERENCE:
      {
        TamKpiAdherence *a;

        if (!tam_kpi_adherence (store, session, month, scope, &rows, error))
          return FALSE;
        if ((a = find (rows, scope, key)) == NULL)
          return TRUE;
        *value = a->adherence;
        *num = a->present;
        *den = a->scheduled;
        return TRUE;
      }
    case TAM_KPI_CT0_AGREE:
      {
        TamKpiCt0 *c;

        if (!tam_kpi_ct0 (store, session, month, NULL, scope, &rows, error))
          return FALSE;
        if ((c = find (rows, scope, key)) == NULL)
          return TRUE;
        *value = c->achievement;
        *num = c->agree;
        *den = c->target;
        return TRUE;
      }
    default:
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("Unknown KPI"));
      return FALSE;
    }
}

gboolean
tam_kpi_cards (TamStore *store,
               const TamSession *session,
               const char *month,
               TamKpiScope scope,
               const char *key,
               GArray **cards,
               GError **error)
{
  g_autoptr (GArray) out = g_array_new (FALSE, TRUE, sizeof (TamKpiCard));
  g_autofree char *before = NULL;

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (cards != NULL, FALSE);

  if (!_tam_kpi_check_read (session, month, NULL, NULL, error))
    return FALSE;
  before = tam_kpi_month_add (month, -1);
  g_array_set_size (out, TAM_KPI_CT0_AGREE + 1);
  for (guint k = 0; k < out->len; k++)
    {
      TamKpiCard *c = &g_array_index (out, TamKpiCard, k);
      gint64 num, den;

      c->kind = (TamKpiKind) k;
      c->target = tam_kpi_target (store, c->kind);
      if (!value_of (store, session, c->kind, month, scope, key, &c->value, &c->numerator, &c->denominator, error) ||
          !value_of (store, session, c->kind, before, scope, key, &c->previous, &num, &den, error))
        return FALSE;
      c->under = !isnan (c->value) && c->value < c->target;
    }
  *cards = g_steal_pointer (&out);
  return TRUE;
}

gboolean
tam_kpi_series (TamStore *store,
                const TamSession *session,
                TamKpiKind kind,
                const TamKpiSeriesQuery *query,
                GArray **points,
                GError **error)
{
  g_autoptr (GArray) out = g_array_new (FALSE, TRUE, sizeof (TamKpiPoint));
  g_autoptr (GPtrArray) qvs = NULL;
  g_autofree char *month = NULL;
  TamKpiSeriesQuery series;

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (points != NULL, FALSE);

  if (!_tam_kpi_check_range (session, query->from, query->to, error))
    return FALSE;
  series = *query;
  if (series.scope == TAM_KPI_SCOPE_NATIONAL)
    series.key = NULL;
  else if (series.key == NULL)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("A series of one %s needs its code or NIK"),
                   tam_kpi_scope_to_label (series.scope));
      return FALSE;
    }
  if ((kind == TAM_KPI_QVS || kind == TAM_KPI_FIRST_PASS) && !tam_kpi_qvs_series (store, session, &series, &qvs, error))
    return FALSE;

  for (month = g_strdup (series.from); strcmp (month, series.to) <= 0;)
    {
      TamKpiPoint p = { { 0 }, NAN, 0, 0 };
      char *next;

      g_strlcpy (p.month, month, sizeof p.month);
      if (qvs != NULL)
        {
          /* The series has a row per month with calls, in order. */
          for (guint i = 0; i < qvs->len; i++)
            {
              TamKpiQvs *q = qvs->pdata[i];

              if (g_strcmp0 (q->m.month, month) != 0)
                continue;
              p.value = kind == TAM_KPI_QVS ? q->qvs : q->first_pass;
              p.numerator = kind == TAM_KPI_QVS ? q->valid : q->first_pass_valid;
              p.denominator = q->agree;
            }
        }
      else if (!value_of (store, session, kind, month, series.scope, series.key, &p.value, &p.numerator, &p.denominator, error))
        return FALSE;
      g_array_append_val (out, p);
      next = tam_kpi_month_add (month, 1);
      g_free (month);
      month = next;
    }
  *points = g_steal_pointer (&out);
  return TRUE;
}
