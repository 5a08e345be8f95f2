/* tam-kpi-scorecard.c: the ABU scorecard of the agents (tam-kpi.h): the
 * five imported scores of the month, their weighted mean over the
 * parameters given, the grade and the flags that feed coaching. */
#include "config.h"

#include "tam-kpi-private.h"
#include "tam-store.h"

void
tam_kpi_score_free (TamKpiScore *row)
{
  if (row == NULL)
    return;
  _tam_kpi_member_clear (&row->m);
  g_free (row);
}

void
tam_kpi_score_summary_free (TamKpiScoreSummary *row)
{
  if (row == NULL)
    return;
  _tam_kpi_member_clear (&row->m);
  g_free (row);
}

double
tam_kpi_abu_score (const double values[TAM_N_ABU_PARAMETERS],
                   const double weights[TAM_N_ABU_PARAMETERS])
{
  double sum = 0, weight = 0;

  /* Renormalised over the parameters given: a missing one neither
   * counts as 0 nor drags the others. */
  for (int p = 0; p < TAM_N_ABU_PARAMETERS; p++)
    if (!isnan (values[p]) && weights[p] > 0)
      {
        sum += weights[p] * values[p];
        weight += weights[p];
      }
  return weight > 0 ? sum / weight : NAN;
}

/* The agents' rows of @month, and the agent each is about (not owned,
 * from @people) in @agents. */
static GPtrArray *
compute (TamStore *store,
         const char *month,
         GHashTable *people,
         GPtrArray *agents,
         GError **error)
{
  KpiGroups groups;
  double weights[TAM_N_ABU_PARAMETERS];
  TamAbuBands bands;
  g_autoptr (GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  GPtrArray *rows;
  sqlite3_stmt *stmt;
  int rc;

  /* KUIS (issue 14): an agent's imported value for the month, else the
   * mean of their latest quiz scores in the trainings that ended in it. */
  stmt = tam_store_prepare (store,
                            "SELECT person_id, parameter, value FROM kpi_inputs WHERE month = ?1"
                            " UNION ALL SELECT x.person_id, 'KUIS', avg (x.quiz_score) FROM training_participants x"
                            " JOIN trainings t ON t.id = x.training_id"
                            " WHERE t.ends_on BETWEEN ?1 || '-01' AND ?1 || '-31' AND x.quiz_score IS NOT NULL"
                            " AND NOT EXISTS (SELECT 1 FROM kpi_inputs k WHERE k.month = ?1 AND k.person_id = x.person_id"
                            "   AND k.parameter = 'KUIS')"
                            " GROUP BY x.person_id",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, month, -1, SQLITE_TRANSIENT);
  _tam_kpi_groups_init (&groups, TAM_KPI_SCOPE_AGENT, sizeof (TamKpiScore), (GDestroyNotify) tam_kpi_score_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const KpiAgent *agent = g_hash_table_lookup (people, &id);
      int parameter = (int) tam_abu_parameter_from_code ((const char *) sqlite3_column_text (stmt, 1));
      guint before = groups.rows->len;
      TamKpiScore *r;

      if (agent == NULL || parameter < 0)
        continue;
      r = _tam_kpi_group (&groups, agent, NULL, NULL, month);
      if (groups.rows->len > before)
        {
          for (int p = 0; p < TAM_N_ABU_PARAMETERS; p++)
            r->values[p] = NAN;
          g_hash_table_insert (by_id, r, (gpointer) agent);
        }
      r->values[parameter] = sqlite3_column_double (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _tam_kpi_groups_clear (&groups);
      _tam_kpi_sql_error (store, error);
      return NULL;
    }

  tam_kpi_abu_weights (store, weights);
  tam_kpi_abu_bands (store, &bands);
  rows = _tam_kpi_groups_steal (&groups);
  for (guint i = 0; i < rows->len; i++)
    {
      TamKpiScore *r = rows->pdata[i];

      r->score = tam_kpi_abu_score (r->values, weights);
      r->grade = tam_kpi_abu_grade (r->score, &bands);
      r->under_b = r->grade != TAM_ABU_GRADE_A && r->grade != TAM_ABU_GRADE_B;
      for (int p = 0; p < TAM_N_ABU_PARAMETERS; p++)
        if (!isnan (r->values[p]) && tam_kpi_abu_grade (r->values[p], &bands) > TAM_ABU_GRADE_B)
          r->low_parameters |= 1u << p;
      if (agents != NULL)
        g_ptr_array_add (agents, g_hash_table_lookup (by_id, r));
    }
  return rows;
}

gboolean
tam_kpi_scorecard (TamStore *store,
                   const TamSession *session,
                   const char *month,
                   GPtrArray **rows,
                   GError **error)
{
  g_autoptr (GHashTable) people = NULL;

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (rows != NULL, FALSE);

  if (!_tam_kpi_check_read (session, month, NULL, NULL, error))
    return FALSE;
  people = _tam_kpi_load_people (store, error);
  if (people == NULL)
    return FALSE;
  *rows = compute (store, month, people, NULL, error);
  return *rows != NULL;
}

gboolean
tam_kpi_scorecard_summary (TamStore *store,
                           const TamSession *session,
                           const char *month,
                           TamKpiScope scope,
                           GPtrArray **rows,
                           GError **error)
{
  g_autoptr (GHashTable) people = NULL;
  g_autoptr (GPtrArray) agents = g_ptr_array_new ();
  g_autoptr (GPtrArray) scores = NULL;
  KpiGroups groups;

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (rows != NULL, FALSE);

  if (!_tam_kpi_check_read (session, month, NULL, NULL, error))
    return FALSE;
  if (scope == TAM_KPI_SCOPE_AGENT)
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_INVALID,
                           _ ("A scorecard summary is per team, site, service or the whole operation"));
      return FALSE;
    }
  people = _tam_kpi_load_people (store, error);
  if (people == NULL)
    return FALSE;
  scores = compute (store, month, people, agents, error);
  if (scores == NULL)
    return FALSE;

  _tam_kpi_groups_init (&groups, scope, sizeof (TamKpiScoreSummary),
                        (GDestroyNotify) tam_kpi_score_summary_free);
  for (guint i = 0; i < scores->len; i++)
    {
      TamKpiScore *s = scores->pdata[i];
      TamKpiScoreSummary *r = _tam_kpi_group (&groups, agents->pdata[i], NULL, NULL, month);

      if (isnan (s->score))
        continue;
      r->agents++;
      r->mean_score += s->score; /* the sum until the end */
      if (s->under_b)
        r->under_b++;
    }
  *rows = _tam_kpi_groups_steal (&groups);
  for (guint i = 0; i < (*rows)->len; i++)
    {
      TamKpiScoreSummary *r = (*rows)->pdata[i];

      r->mean_score = r->agents > 0 ? r->mean_score / (double) r->agents : NAN;
    }
  return TRUE;
}
