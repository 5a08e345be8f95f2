/* tam-recovery-verify.c: an approved plan against the KPI of the month
 * after its period (see tam-recovery.h). The figures are read before the
 * write transaction (the KPI module's month totals are brought up to
 * date outside it), then each plan is one short transaction that checks
 * it is still APPROVED. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "tam-audit.h"
#include "tam-dates.h"
#include "tam-kpi.h"
#include "tam-recovery-private.h"

typedef struct
{
  double value;
  double target;
} Figure;

/* A plan to verify and its figure. */
typedef struct
{
  gint64 id;
  Figure figure;
} Verdict;

static gboolean
may_verify (const TamSession *session,
            GError **error)
{
  if (tam_session_can (session, TAM_PERM_DECIDE_RECOVERY))
    return TRUE;
  return tam_session_require (session, TAM_PERM_DRAFT_RECOVERY, error);
}

/* Every member's value of @kind at @scope in @month, by key (NATIONAL:
 * ""), chosen as the KPI tab's cards choose it (tam-kpi-cards.c): one
 * computation for all the plans of that KPI, scope and month. */
static GHashTable *
member_values (TamStore *store,
               const TamSession *session,
               TamKpiKind kind,
               TamKpiScope scope,
               const char *month,
               GError **error)
{
  g_autoptr (GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GPtrArray) rows = NULL;
  gboolean ok = TRUE;

  switch (kind)
    {
    case TAM_KPI_QVS:
    case TAM_KPI_FIRST_PASS:
      ok = tam_kpi_qvs (store, session, month, scope, &rows, error);
      break;
    case TAM_KPI_HEADCOUNT:
      if (scope == TAM_KPI_SCOPE_TEAM || scope == TAM_KPI_SCOPE_AGENT)
        return g_steal_pointer (&values);
      ok = tam_kpi_headcount (store, session, month, scope, FALSE, &rows, error);
      break;
    case TAM_KPI_ABU:
      ok = scope == TAM_KPI_SCOPE_AGENT ? tam_kpi_scorecard (store, session, month, &rows, error)
                                        : tam_kpi_scorecard_summary (store, session, month, scope, &rows, error);
      break;
    case TAM_KPI_ADHERENCE:
      ok = tam_kpi_adherence (store, session, month, scope, &rows, error);
      break;
    case TAM_KPI_CT0_AGREE:
      ok = tam_kpi_ct0 (store, session, month, NULL, scope, &rows, error);
      break;
    default:
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("Unknown KPI"));
      return NULL;
    }
  if (!ok)
    return NULL;
  for (guint i = 0; i < rows->len; i++)
    {
      TamKpiMember *m = rows->pdata[i];
      double v;

      switch (kind)
        {
        case TAM_KPI_QVS:
          v = ((TamKpiQvs *) (gpointer) m)->qvs;
          break;
        case TAM_KPI_FIRST_PASS:
          v = ((TamKpiQvs *) (gpointer) m)->first_pass;
          break;
        case TAM_KPI_HEADCOUNT:
          v = ((TamKpiHeadcount *) (gpointer) m)->fulfilment;
          break;
        case TAM_KPI_ABU:
          v = scope == TAM_KPI_SCOPE_AGENT ? ((TamKpiScore *) (gpointer) m)->score
                                           : ((TamKpiScoreSummary *) (gpointer) m)->mean_score;
          break;
        case TAM_KPI_ADHERENCE:
          v = ((TamKpiAdherence *) (gpointer) m)->adherence;
          break;
        case TAM_KPI_CT0_AGREE:
        default:
          v = ((TamKpiCt0 *) (gpointer) m)->achievement;
          break;
        }
      /* The first row of a member, as the cards find it. */
      if (!g_hash_table_contains (values, m->key ? m->key : ""))
        g_hash_table_insert (values, g_strdup (m->key ? m->key : ""), g_memdup2 (&v, sizeof v));
    }
  return g_steal_pointer (&values);
}

/* The figure of @plan's KPI in its verify_month; with @cache, every
 * member's value is computed once per KPI, scope and month. */
static gboolean
figure_of (TamStore *store,
           const TamSession *session,
           const TamRecoveryPlan *plan,
           GHashTable *cache,
           Figure *out,
           GError **error)
{
  g_autofree char *key = g_strdup_printf ("%d\t%d\t%s", plan->kpi, plan->scope, plan->verify_month);
  GHashTable *values;
  double *v;

  if (cache == NULL)
    return tam_recovery_figures (store, session,
                                 &(TamRecoveryFigureQuery){ .kpi = plan->kpi,
                                                            .scope = plan->scope,
                                                            .scope_ref = plan->scope_ref,
                                                            .period = plan->verify_month },
                                 &out->value, &out->target, error);
  values = g_hash_table_lookup (cache, key);
  if (values == NULL)
    {
      values = member_values (store, session, plan->kpi, plan->scope, plan->verify_month, error);
      if (values == NULL)
        return FALSE;
      g_hash_table_insert (cache, g_steal_pointer (&key), values);
    }
  v = g_hash_table_lookup (values, plan->scope_ref);
  out->value = v ? *v : NAN;
  out->target = tam_kpi_target (store, plan->kpi);
  return TRUE;
}

static gboolean
store_verdict (TamStore *store,
               const TamSession *session,
               gint64 id,
               const Figure *f,
               const char *at,
               gboolean *met,
               GError **error)
{
  static const char json[] =
      "SELECT json_object('id', id, 'state', state, 'verified_value', verified_value, 'verified_target',"
      " verified_target) FROM recovery_plans WHERE id = ?";
  g_autofree char *now = _tam_recovery_time (at, error);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *entity_id = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autofree char *reason = NULL;
  gboolean own_tx = !tam_store_in_transaction (store);
  sqlite3_stmt *s;

  if (now == NULL)
    return FALSE;
  *met = f->value + 1e-9 >= f->target;
  if (own_tx && !tam_store_begin (store, error))
    return FALSE;
  s = tam_store_prepare (store,
                         "UPDATE recovery_plans SET state = ?2, verified_value = ?3, verified_target = ?4, verified_at = ?5"
                         " WHERE id = ?1 AND state = 'APPROVED'",
                         error);
  if (s == NULL)
    goto fail;
  before = tam_store_query_text_by_id (store, json, id);
  sqlite3_bind_int64 (s, 1, id);
  sqlite3_bind_text (s, 2, *met ? "VERIFIED_MET" : "VERIFIED_NOT_MET", -1, SQLITE_STATIC);
  sqlite3_bind_double (s, 3, f->value);
  sqlite3_bind_double (s, 4, f->target);
  sqlite3_bind_text (s, 5, now, -1, SQLITE_TRANSIENT);
  if (!tam_store_step_write (store, s, FALSE, _ ("Could not update the plan"), error))
    goto fail;
  if (sqlite3_changes (tam_store_get_db (store)) == 0)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_CONFLICT, _ ("Plan %lld is no longer approved"), (long long) id);
      goto fail;
    }
  after = tam_store_query_text_by_id (store,
                                      "SELECT json_object('id', p.id, 'kpi', p.kpi, 'scope', p.scope_kind, 'ref',"
                                      " p.scope_ref, 'period', p.period, 'verify_month', p.verify_month, 'state', p.state,"
                                      " 'version', p.version, 'verified_value', p.verified_value, 'verified_target',"
                                      " p.verified_target) FROM recovery_plans p WHERE p.id = ?",
                                      id);
  reason = g_strdup_printf ("%.2f / %.2f", f->value, f->target);
  s = tam_store_prepare (store,
                         "INSERT INTO recovery_events (plan_id, version, event, actor_id, at, reason, snapshot)"
                         " SELECT id, version, 'VERIFY', ?2, ?3, ?4, ?5 FROM recovery_plans WHERE id = ?1",
                         error);
  if (s == NULL)
    goto fail;
  sqlite3_bind_int64 (s, 1, id);
  sqlite3_bind_int64 (s, 2, session->person_id);
  sqlite3_bind_text (s, 3, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 4, reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 5, after ? after : "{}", -1, SQLITE_TRANSIENT);
  if (!tam_store_step_write (store, s, FALSE, _ ("Could not record the plan's history"), error))
    goto fail;
  if (!tam_audit_append (store, session, "RECOVERY_VERIFY", "recovery_plans", entity_id, before, after, error))
    goto fail;
  return tam_store_commit_own (store, own_tx, error);

fail:
  return tam_store_rollback_own (store, own_tx);
}

gboolean
tam_recovery_verify_plan (TamStore *store,
                          const TamSession *session,
                          gint64 id,
                          const char *through,
                          const char *at,
                          GError **error)
{
  g_autoptr (TamRecoveryPlan) plan = NULL;
  g_autofree char *day = NULL;
  g_autofree char *last = NULL;
  Figure f;
  gboolean met;

  if (!may_verify (session, error) || (day = tam_date_or_today (through, error)) == NULL)
    return FALSE;
  plan = tam_recovery_get (store, session, id, error);
  if (plan == NULL)
    return FALSE;
  if (plan->state != TAM_RECOVERY_APPROVED)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_CONFLICT, _ ("Plan %lld is %s: only an approved plan is verified"),
                   (long long) id, tam_recovery_state_to_label (plan->state));
      return FALSE;
    }
  last = _tam_recovery_month_last_day (plan->verify_month);
  if (strcmp (last, day) > 0)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_CONFLICT, _ ("Plan %lld is verified on %s, which is not over by %s"),
                   (long long) id, plan->verify_month, day);
      return FALSE;
    }
  if (!figure_of (store, session, plan, NULL, &f, error))
    return FALSE;
  if (isnan (f.value) || isnan (f.target))
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_NOT_FOUND, _ ("Plan %lld: %s has no data for %s in %s"), (long long) id,
                   tam_kpi_kind_to_label (plan->kpi), plan->scope_ref, plan->verify_month);
      return FALSE;
    }
  return store_verdict (store, session, id, &f, at, &met, error);
}

gboolean
tam_recovery_verify (TamStore *store,
                     const TamSession *session,
                     const char *through,
                     guint *n_met,
                     guint *n_not_met,
                     GError **error)
{
  TamRecoveryFilter filter = { TAM_RECOVERY_BOX_ALL, TAM_RECOVERY_APPROVED, NULL };
  g_autoptr (GPtrArray) plans = NULL;
  g_autoptr (GHashTable) cache = NULL;
  g_autoptr (GArray) verdicts = g_array_new (FALSE, FALSE, sizeof (Verdict));
  g_autofree char *day = NULL;
  guint met_count = 0, not_met_count = 0;

  if (n_met)
    *n_met = 0;
  if (n_not_met)
    *n_not_met = 0;
  if (!may_verify (session, error) || (day = tam_date_or_today (through, error)) == NULL)
    return FALSE;
  filter.today = day;
  plans = tam_recovery_list (store, session, &filter, error);
  if (plans == NULL)
    return FALSE;
  cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_hash_table_unref);
  /* The figures first, out of any write transaction. */
  for (guint i = 0; i < plans->len; i++)
    {
      TamRecoveryPlan *plan = plans->pdata[i];
      g_autofree char *last = _tam_recovery_month_last_day (plan->verify_month);
      Verdict v = { plan->id };

      if (last == NULL || strcmp (last, day) > 0)
        continue;
      if (!figure_of (store, session, plan, cache, &v.figure, error))
        return FALSE;
      if (!isnan (v.figure.value) && !isnan (v.figure.target))
        g_array_append_val (verdicts, v);
    }
  /* Then short write transactions of up to 64 plans or 50 ms each (a
   * commit signs the audit checkpoint: one a plan cost 5 ms each). */
  for (guint i = 0; i < verdicts->len;)
    {
      gboolean own_tx = !tam_store_in_transaction (store);
      gint64 started = g_get_monotonic_time ();
      guint in_batch = 0;

      if (own_tx && !tam_store_begin (store, error))
        return FALSE;
      for (; i < verdicts->len && (!own_tx || (in_batch < 64 && g_get_monotonic_time () - started < 50000));
           i++, in_batch++)
        {
          Verdict *v = &g_array_index (verdicts, Verdict, i);
          g_autoptr (GError) local = NULL;
          gboolean met;

          if (!store_verdict (store, session, v->id, &v->figure, NULL, &met, &local))
            {
              /* Another desk verified it meanwhile (nothing was written
               * for it): not an error. */
              if (g_error_matches (local, TAM_ERROR, TAM_ERROR_CONFLICT))
                continue;
              if (own_tx)
                tam_store_rollback (store);
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          if (met)
            met_count++;
          else
            not_met_count++;
        }
      if (own_tx)
        {
          if (!tam_store_commit (store, error))
            {
              tam_store_rollback (store);
              return FALSE;
            }
          /* Other desks take the lock between our short transactions. */
          if (i < verdicts->len)
            tam_store_yield ();
        }
    }
  if (n_met)
    *n_met = met_count;
  if (n_not_met)
    *n_not_met = not_met_count;
  return TRUE;
}
