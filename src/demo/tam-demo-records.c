/* tam-demo-records.c: the demo's KPI inputs, coaching and the audit
 * row (recovery plans: tam-demo-recovery.c; trainings:
 * tam-demo-training.c). */
#include "config.h"

#include "tam-demo-private.h"

/* The KPI inputs go through the core's API (tam-kpi.h), as the manager,
 * inside the demo's one transaction: checked like an import, and no
 * audit row each (the demo writes one for everything). */
static TamSession *
manager_session (Gen *g)
{
  for (guint i = 0; i < g->people->len; i++)
    {
      Person *p = g->people->pdata[i];

      if (strcmp (p->role, "MANAGER") == 0)
        return tam_session_new (p->id, p->nik, p->name, p->role, site_codes[p->site], NULL);
    }
  return NULL;
}

gboolean
_tam_demo_insert_kpi (Gen *g,
                      GError **error)
{
  g_autoptr (TamSession) manager = manager_session (g);

  if (manager == NULL)
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_FAILED, _ ("Could not write the demo data"));
      return FALSE;
    }

  /* Completed months only: the scorecard is made after the month closes. */
  for (guint m = 0; m + 1 < g->n_months; m++)
    for (guint i = 0; i < g->people->len; i++)
      {
        Person *p = g->people->pdata[i];

        if (p->role[0] != 'A' || p->worked[m] < 5)
          continue;
        for (int k = 0; k < TAM_N_ABU_PARAMETERS; k++)
          {
            double v = clamp (rng_normal (&g->rng, p->skill, 8), 0, 100);

            if (!tam_kpi_put_input (g->store, manager, g->months[m].text, p->id, (TamAbuParameter) k,
                                    (double) (gint64) (v * 10 + 0.5) / 10, NULL, error))
              return FALSE;
          }
      }

  /* CAPLAN: about ten and a half agents a team. */
  for (guint m = 0; m < g->n_months; m++)
    for (guint i = 0; i < N_PAIRS; i++)
      if (!tam_kpi_put_headcount_target (g->store, manager, g->months[m].text, service_codes[pairs[i].service],
                                         site_codes[pairs[i].site],
                                         g->pair_n_teams[i] * 10 + (g->pair_n_teams[i] + 1) / 2 + (int) rng_int (&g->rng, 2),
                                         NULL, error))
        return FALSE;

  /* CT-0 PraNPC: the client's daily AGREE target, 3 a day for every
   * agent of the service who takes calls in the month (an agent makes
   * about 2.6). */
  for (guint m = 0; m < g->n_months; m++)
    for (guint i = 0; i < g->people->len; i++)
      {
        Person *p = g->people->pdata[i];

        if (p->role[0] != 'A' || p->service != SVC_CT0 || p->worked[m] == 0)
          continue;
        if (!tam_kpi_put_agent_target (g->store, manager, g->months[m].text, p->id, 3, NULL, error))
          return FALSE;
      }
  return TRUE;
}

static Person *
person_by_id (Gen *g,
              gint64 id)
{
  /* People are stored in id order from 1 (tam-demo-people.c). */
  for (guint i = 0; i < g->people->len; i++)
    if (((Person *) g->people->pdata[i])->id == id)
      return g->people->pdata[i];
  return NULL;
}

/* Coaching through the coaching module, as the desk would have made it:
 * the desk proposes from the attendance and the KPI inputs; a QCO and
 * TL001 record a few cases by hand; the supervisor of each agent's
 * service and site decided everything older than two weeks: one record a
 * month per agent and rule issued (the ladder climbs with repeats, so
 * chronic cases stand at different steps, some at SP2 and above, the
 * oldest already lapsed), the rest of that month dismissed as merged, and
 * a late arrival now and then excused; the agent signed for receipt, a
 * few refused before a witness. The last two weeks stay open proposals. */
gboolean
_tam_demo_insert_coaching (Gen *g,
                           GError **error)
{
  Person *spv001 = person_at (g, g_array_index (g->pair_spv[0], int, 0));
  g_autoptr (TamSession) proposer = session_of (spv001);
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GHashTable) monthly = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  char today[11], yesterday[11], cutoff[11];
  TamCoachingFilter filter = TAM_COACHING_FILTER_INIT;
  int scale = MAX (g->scale, 1);
  sqlite3_stmt *stmt;

  gint64 started = g_get_monotonic_time ();

  jd_format (g->today, today, sizeof today);
  jd_format (g->today - 1, yesterday, sizeof yesterday);
  jd_format (g->today - 14, cutoff, sizeof cutoff);
  filter.state = TAM_COACHING_STATE_PROPOSED;
  filter.until = cutoff;

  /* By hand: a QCO raises "wrong information" on returned calls, linked
   * to them; TL001 notes an agent of their team without an ID card. */
  stmt = tam_store_prepare (g->store,
                            "SELECT c.call_id, a.nik, c.site, substr (c.call_start, 1, 10) FROM calls c"
                            " JOIN people a ON a.id = c.agent_id"
                            " WHERE c.state = 'RETURNED' AND a.status = 'ACTIVE' AND " TAM_CALL_VISIBLE ("c") " ORDER BY c.id LIMIT ?",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, 3 * scale);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *call_id = tam_stmt_dup_text (stmt, 0);
      g_autofree char *nik = tam_stmt_dup_text (stmt, 1);
      g_autofree char *day = tam_stmt_dup_text (stmt, 3);
      int site = 0;
      g_autoptr (TamSession) qco = NULL;

      for (int k = 0; k < N_SITES; k++)
        if (g_strcmp0 (site_codes[k], (const char *) sqlite3_column_text (stmt, 2)) == 0)
          site = k;
      if (g->site_qco[site]->len == 0)
        continue;
      qco = session_of (person_at (g, g_array_index (g->site_qco[site], int, 0)));
      if (tam_coaching_record (g->store, qco, nik, "WRONG_INFORMATION", day,
                               "Informasi harga paket kepada pelanggan tidak sesuai", call_id, error) == 0)
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }
  sqlite3_reset (stmt);
  for (guint k = 0; k < g->people->len; k++)
    {
      Person *p = g->people->pdata[k];
      Person *tl;
      g_autoptr (TamSession) tls = NULL;
      char day[11];

      if (p->role[0] != 'A' || p->team != 0 || strcmp (p->status, "ACTIVE") != 0)
        continue;
      tl = person_at (g, g->teams[0].leader);
      tls = session_of (tl);
      jd_format (g->today - 20, day, sizeof day);
      if (tam_coaching_record (g->store, tls, p->nik, "NO_ID_CARD", day, "Tidak memakai ID card saat briefing pagi",
                               NULL, error) == 0)
        return FALSE;
      break;
    }

  /* What the attendance and the KPI inputs call for. */
  if (!tam_coaching_propose (g->store, proposer, yesterday, NULL, error))
    return FALSE;

  rows = tam_coaching_list (g->store, proposer, &filter, error);
  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      TamCoachingRecord *r = rows->pdata[i];
      Person *p = person_by_id (g, r->person_id);
      g_autoptr (TamSession) spv = NULL;
      g_autofree char *month_key = NULL;
      char issue_on[11], ack_on[11];
      guint32 occurred;
      int y, m, d;

      if (p == NULL || p->pair < 0)
        continue;
      spv = session_of (person_at (g, g_array_index (g->pair_spv[p->pair], int, 0)));
      if (r->rule_code[0] == 'L' && r->id % 9 == 0)
        {
          if (!tam_coaching_dismiss (g->store, spv, r->id, "Bukti keterlambatan diterima spv jaga (banjir)", error))
            return FALSE;
          continue;
        }
      month_key = g_strdup_printf ("%" G_GINT64_FORMAT " %s %.7s", r->person_id, r->rule_code, r->occurred_on);
      if (g_hash_table_contains (monthly, month_key))
        {
          if (!tam_coaching_dismiss (g->store, spv, r->id, "Digabung dengan pembinaan bulan yang sama", error))
            return FALSE;
          continue;
        }
      g_hash_table_add (monthly, g_steal_pointer (&month_key));
      sscanf (r->occurred_on, "%4d-%2d-%2d", &y, &m, &d);
      occurred = jd_from_ymd (y, m, d);
      jd_format (MIN (occurred + 2, g->today - 1), issue_on, sizeof issue_on);
      jd_format (MIN (occurred + 3, g->today - 1), ack_on, sizeof ack_on);
      if (!tam_coaching_issue (g->store, spv, r->id, issue_on, error))
        return FALSE;
      if (r->id % 11 == 0 && p->team >= 0)
        {
          Person *tl = person_at (g, g->teams[p->team].leader);

          if (!tam_coaching_refuse (g->store, spv, r->id, tl->nik, ack_on, error))
            return FALSE;
        }
      else if (!tam_coaching_acknowledge (g->store, spv, r->id, ack_on, error))
        return FALSE;
    }
  g_debug ("Demo coaching: %u proposals decided in %.0f ms", rows->len,
           (g_get_monotonic_time () - started) / 1000.0);
  return TRUE;
}

gboolean
_tam_demo_append_audit (Gen *g,
                        GError **error)
{
  sqlite3_stmt *stmt = tam_store_prepare (g->store,
                                          "SELECT json_object('scale', ?1, 'seed', ?2, 'today', ?3, 'people', ?4,"
                                          " 'attendance', ?5, 'calls', ?6, 'tappings', ?7)",
                                          error);
  g_autofree char *seed = g_strdup_printf ("%" G_GUINT64_FORMAT, g->seed);
  g_autofree char *after = NULL;
  char today[11];

  if (stmt == NULL)
    return FALSE;
  jd_format (g->today, today, sizeof today);
  sqlite3_bind_int (stmt, 1, g->scale);
  bind_text (stmt, 2, seed);
  bind_text (stmt, 3, today);
  sqlite3_bind_int64 (stmt, 4, g->people->len);
  sqlite3_bind_int64 (stmt, 5, g->n_attendance);
  sqlite3_bind_int64 (stmt, 6, g->n_calls);
  sqlite3_bind_int64 (stmt, 7, g->n_tappings);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    after = tam_stmt_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  /* The generated verdicts have no audit row each: one VOUCH row vouches
   * for them (tam-tapping-audit.c), so that `check` can tell them from
   * verdicts written around the desk later. */
  return tam_audit_append (g->store, NULL, "DEMO", "database", "demo", NULL, after, error) &&
         tam_tapping_audit_vouch (g->store, NULL, error);
}

/* ------------------------------------------------------------------ */
