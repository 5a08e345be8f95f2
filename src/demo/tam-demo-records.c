/* tam-demo-records.c: the demo's KPI inputs, trainings, coaching,
 * and the audit row (recovery plans: tam-demo-recovery.c). */
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

static gint64
staff_id (Gen *g,
          int service,
          int kind,
          int n)
{
  GArray *staff = g->service_staff[service][kind];

  return person_at (g, g_array_index (staff, int, (guint) n % staff->len))->id;
}

static gboolean
insert_training (Gen *g,
                 const char *kind,
                 const char *title,
                 int service,
                 int site,
                 guint32 starts,
                 guint32 ends,
                 gint64 *id,
                 GError **error)
{
  sqlite3_stmt *stmt = tam_store_prepare (g->store,
                                          "INSERT INTO trainings (kind, title, service, site, trainer_id, starts_on, ends_on)"
                                          " VALUES (?, ?, ?, ?, ?, ?, ?)",
                                          error);
  char from[11], to[11];

  if (stmt == NULL)
    return FALSE;
  jd_format (starts, from, sizeof from);
  jd_format (ends, to, sizeof to);
  bind_text (stmt, 1, kind);
  bind_text (stmt, 2, title);
  bind_text (stmt, 3, service_codes[service]);
  bind_text (stmt, 4, site_codes[site]);
  sqlite3_bind_int64 (stmt, 5, staff_id (g, service, STAFF_TRAINER, (int) rng_int (&g->rng, 8)));
  bind_text (stmt, 6, from);
  bind_text (stmt, 7, to);
  if (!step (g, stmt, error))
    return FALSE;
  *id = sqlite3_last_insert_rowid (g->db);
  return TRUE;
}

static gboolean
insert_participant (Gen *g,
                    gint64 training,
                    Person *p,
                    gboolean attended,
                    double quiz, /* < 0: no score yet */
                    double pass_mark,
                    GError **error)
{
  sqlite3_stmt *stmt = tam_store_prepare (g->store,
                                          "INSERT INTO training_participants (training_id, person_id, attended, quiz_score, passed)"
                                          " VALUES (?, ?, ?, ?, ?)",
                                          error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, training);
  sqlite3_bind_int64 (stmt, 2, p->id);
  sqlite3_bind_int (stmt, 3, attended ? 1 : 0);
  if (attended && quiz >= 0)
    {
      sqlite3_bind_double (stmt, 4, quiz);
      sqlite3_bind_int (stmt, 5, quiz >= pass_mark ? 1 : 0);
    }
  else
    {
      sqlite3_bind_null (stmt, 4);
      sqlite3_bind_null (stmt, 5);
    }
  return step (g, stmt, error);
}

static gboolean
live_on (const Person *p,
         guint32 jd)
{
  return p->role[0] == 'A' && p->live_from <= jd && (p->last_day == 0 || p->last_day >= jd);
}

gboolean
_tam_demo_insert_trainings (Gen *g,
                            GError **error)
{
  Rng *r = &g->rng;

  /* Initial training of every batch hired during the history (and the
   * class in session now: no scores yet). */
  for (guint i = 0; i < N_PAIRS; i++)
    {
      g_autoptr (GArray) batches = g_array_new (FALSE, FALSE, sizeof (guint32));

      for (guint k = 0; k < g->people->len; k++)
        {
          Person *p = g->people->pdata[k];
          gboolean seen = FALSE;

          if (p->pair != (int) i || p->role[0] != 'A' || p->hired < g->hist_start)
            continue;
          for (guint b = 0; b < batches->len; b++)
            seen |= g_array_index (batches, guint32, b) == p->hired;
          if (!seen)
            g_array_append_val (batches, p->hired);
        }
      for (guint b = 0; b < batches->len; b++)
        {
          guint32 starts = g_array_index (batches, guint32, b);
          char date[11];
          g_autofree char *title = NULL;
          gint64 id;

          jd_format (starts, date, sizeof date);
          title = g_strdup_printf ("Training Awal Agent %s %s, batch %s",
                                   service_short[pairs[i].service], site_codes[pairs[i].site], date);
          if (!insert_training (g, "INITIAL", title, pairs[i].service, pairs[i].site,
                                starts, starts + 13, &id, error))
            return FALSE;
          for (guint k = 0; k < g->people->len; k++)
            {
              Person *p = g->people->pdata[k];
              gboolean done = starts + 13 < g->today;

              if (p->pair != (int) i || p->role[0] != 'A' || p->hired != starts)
                continue;
              /* Whoever went live passed it. */
              if (!insert_participant (g, id, p, TRUE, done ? rng_range (r, 70, 98) : -1, 70, error))
                return FALSE;
            }
        }
    }

  /* Refreshment every other month per pair, for one team at a time, and
   * product socialization every third month per service. */
  for (guint m = 1; m + 1 < g->n_months; m += 2)
    for (guint i = 0; i < N_PAIRS; i++)
      {
        guint32 day = jd_add_months (g->hist_start, (int) m) + 9;
        int team = g->pair_first_team[i] + (int) (m / 2) % g->pair_n_teams[i];
        g_autofree char *title = g_strdup_printf ("Refreshment Product Knowledge & Parameter Penilaian %s",
                                                  service_short[pairs[i].service]);
        gint64 id;

        if (!insert_training (g, "REFRESHMENT", title, pairs[i].service, pairs[i].site,
                              day, day, &id, error))
          return FALSE;
        for (guint k = 0; k < g->people->len; k++)
          {
            Person *p = g->people->pdata[k];
            gboolean attended;

            if (p->team != team || !live_on (p, day))
              continue;
            attended = rng_chance (r, 0.92);
            if (!insert_participant (g, id, p, attended,
                                     (gint64) clamp (rng_normal (r, p->skill, 9), 0, 100), 60, error))
              return FALSE;
          }
      }

  for (guint m = 2; m + 1 < g->n_months; m += 3)
    for (int s = 0; s < N_SERVICES; s++)
      {
        guint32 day = jd_add_months (g->hist_start, (int) m) + 14;
        const char *product = pick_product (r, s);
        g_autofree char *title = g_strdup_printf ("Sosialisasi Produk Baru: %s", product);
        int home = service_home[s];
        gint64 id;

        if (!insert_training (g, "PRODUCT_SOCIALIZATION", title, s, home, day, day, &id, error))
          return FALSE;
        for (guint k = 0; k < g->people->len; k++)
          {
            Person *p = g->people->pdata[k];

            if (p->service != s || p->site != home || !live_on (p, day))
              continue;
            if (!insert_participant (g, id, p, rng_chance (r, 0.95),
                                     (gint64) clamp (rng_normal (r, p->skill + 5, 7), 0, 100), 60, error))
              return FALSE;
          }
      }
  return TRUE;
}

static TamSession *
session_of (const Person *p)
{
  return tam_session_new (p->id, p->nik, p->name, p->role, site_codes[p->site],
                          p->service >= 0 ? service_codes[p->service] : NULL);
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
