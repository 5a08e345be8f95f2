/* tam-kpi-cards.c: the KPI tab's cards (tam-kpi.h): each KPI of one
 * scope member for a month and the month before, against its target,
 * from the same functions as the tables, so a card and its table never
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

static void
set (TamKpiCard *card,
     gboolean previous,
     double value,
     gint64 num,
     gint64 den)
{
  if (previous)
    {
      card->previous = value;
      return;
    }
  card->value = value;
  card->numerator = num;
  card->denominator = den;
}

/* Fills the values (@previous: the previous values) of @cards for @month. */
static gboolean
fill (TamStore *store,
      const TamSession *session,
      const char *month,
      TamKpiScope scope,
      const char *key,
      TamKpiCard *cards,
      gboolean previous,
      GError **error)
{
  g_autoptr (GPtrArray) qvs = NULL;
  g_autoptr (GPtrArray) headcount = NULL;
  g_autoptr (GPtrArray) abu = NULL;
  g_autoptr (GPtrArray) adherence = NULL;
  g_autoptr (GPtrArray) ct0 = NULL;
  TamKpiQvs *q;
  TamKpiAdherence *a;
  TamKpiCt0 *c;

  if (!tam_kpi_qvs (store, session, month, scope, &qvs, error))
    return FALSE;
  q = find (qvs, scope, key);
  if (q != NULL)
    {
      set (&cards[TAM_KPI_QVS], previous, q->qvs, q->valid, q->agree);
      set (&cards[TAM_KPI_FIRST_PASS], previous, q->first_pass, q->first_pass_valid, q->agree);
    }

  if (scope == TAM_KPI_SCOPE_NATIONAL || scope == TAM_KPI_SCOPE_SITE || scope == TAM_KPI_SCOPE_SERVICE)
    {
      TamKpiHeadcount *h;

      if (!tam_kpi_headcount (store, session, month, scope, FALSE, &headcount, error))
        return FALSE;
      h = find (headcount, scope, key);
      if (h != NULL)
        set (&cards[TAM_KPI_HEADCOUNT], previous, h->fulfilment, h->available, MAX (h->target, 0));
    }

  if (scope == TAM_KPI_SCOPE_AGENT)
    {
      TamKpiScore *s;

      if (!tam_kpi_scorecard (store, session, month, &abu, error))
        return FALSE;
      s = find (abu, scope, key);
      if (s != NULL)
        set (&cards[TAM_KPI_ABU], previous, s->score, s->under_b ? 1 : 0, 1);
    }
  else
    {
      TamKpiScoreSummary *s;

      if (!tam_kpi_scorecard_summary (store, session, month, scope, &abu, error))
        return FALSE;
      s = find (abu, scope, key);
      if (s != NULL)
        set (&cards[TAM_KPI_ABU], previous, s->mean_score, s->under_b, s->agents);
    }

  if (!tam_kpi_adherence (store, session, month, scope, &adherence, error))
    return FALSE;
  a = find (adherence, scope, key);
  if (a != NULL)
    set (&cards[TAM_KPI_ADHERENCE], previous, a->adherence, a->present, a->scheduled);

  if (!tam_kpi_ct0 (store, session, month, NULL, scope, &ct0, error))
    return FALSE;
  c = find (ct0, scope, key);
  if (c != NULL)
    set (&cards[TAM_KPI_CT0_AGREE], previous, c->achievement, c->agree, c->target);
  return TRUE;
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
  TamKpiCard *c;

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (cards != NULL, FALSE);

  if (!_tam_kpi_check_read (session, month, NULL, NULL, error))
    return FALSE;
  g_array_set_size (out, TAM_KPI_CT0_AGREE + 1);
  c = (TamKpiCard *) (void *) out->data;
  for (guint k = 0; k < out->len; k++)
    {
      c[k].kind = (TamKpiKind) k;
      c[k].value = c[k].previous = NAN;
      c[k].target = tam_kpi_target (store, (TamKpiKind) k);
    }
  before = tam_kpi_month_add (month, -1);
  if (!fill (store, session, month, scope, key, c, FALSE, error) ||
      !fill (store, session, before, scope, key, c, TRUE, error))
    return FALSE;
  for (guint k = 0; k < out->len; k++)
    c[k].under = !isnan (c[k].value) && c[k].value < c[k].target;
  *cards = g_steal_pointer (&out);
  return TRUE;
}
