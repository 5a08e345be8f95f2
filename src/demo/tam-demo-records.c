/* tam-demo-records.c: the demo's KPI inputs, coaching,
 * recovery plans and the audit row. */
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

static gint64
pair_spv_id (Gen *g,
             int pair)
{
  return person_at (g, g_array_index (g->pair_spv[pair], int, 0))->id;
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

static int
first_team_of (Gen *g,
               int service,
               int site)
{
  for (guint i = 0; i < N_PAIRS; i++)
    if (pairs[i].service == service && pairs[i].site == site)
      return g->pair_first_team[i];
  return 0;
}

gboolean
_tam_demo_insert_recovery_plans (Gen *g,
                                 GError **error)
{
  sqlite3_stmt *plan = tam_store_prepare (g->store,
                                          "INSERT INTO recovery_plans (kpi, scope_kind, scope_ref, period, analysis, state, drafted_by,"
                                          " drafted_at, decided_by, decided_at, decision_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                          error);
  sqlite3_stmt *action = tam_store_prepare (g->store,
                                            "INSERT INTO recovery_actions (plan_id, action, owner_id, due_on, done_on) VALUES (?, ?, ?, ?, ?)", error);
  Person *weak = NULL;
  int last = (int) g->n_months - 1;
  int team_bdg = 0;
  int team_ct0 = first_team_of (g, SVC_CT0, SITE_BANDUNG);
  int team_wifi = first_team_of (g, SVC_WIFI, SITE_TANGERANG);
  int team_mdn = first_team_of (g, SVC_ADDON, SITE_MEDAN);
  int team_smg = first_team_of (g, SVC_ADDON, SITE_SEMARANG);
  struct
  {
    const char *kpi, *scope_kind;
    int team;              /* drafting TL's team; scope TEAM refers to it */
    const char *scope_ref; /* for SITE / SERVICE / AGENT */
    int months_back;
    const char *state;
    gint64 decider; /* 0: not decided yet */
    const char *analysis, *reason;
    const char *actions[3];
  } plans[] = {
    { "QVS", "TEAM", team_bdg, NULL, 1, "SUBMITTED", 0, "QVS tim di bawah target 95%: beberapa AGREE di-RETURN karena persetujuan pelanggan tidak eksplisit.", "", { "Briefing ulang parameter CONSENT setiap pagi", "Role play closing untuk agent yang RETURN", NULL } },
    { "QVS", "TEAM", team_bdg, NULL, 0, "DRAFT", 0, "Tren RETURN naik pada minggu pertama; analisis per parameter sedang disusun.", "", { "Kalibrasi parameter penilaian bersama QCO", NULL, NULL } },
    { "HEADCOUNT", "SITE", team_mdn, "MEDAN", 2, "APPROVED", -1, "Pemenuhan SDM di bawah 95% karena agent resign dan batch rekrutmen berikutnya terlambat.", "", { "Percepat rekrutmen batch pengganti", "Atur ulang jadwal shift tim yang ada", NULL } },
    { "ABU", "AGENT", team_bdg, NULL, 1, "REJECTED", -1, "Nilai CALLMON dan SALES TARGET di bawah 60 dua bulan berturut-turut.", "Analisis akar masalah belum lengkap; lampirkan hasil call monitoring.", { "Coaching harian oleh TL", "Pendampingan call oleh agent senior", NULL } },
    { "CT0_AGREE", "TEAM", team_ct0, NULL, 2, "VERIFIED_MET", -1, "Pencapaian AGREE caring CT-0 di bawah target harian pada minggu kedua.", "", { "Prioritaskan DAPROS dengan tunggakan kecil", "Evaluasi harian di akhir shift (HK+3)", NULL } },
    { "QVS", "TEAM", team_wifi, NULL, 3, "VERIFIED_NOT_MET", -2, "RETURN tinggi pada parameter DATA: alamat instalasi sering tidak lengkap.", "", { "Checklist alamat instalasi sebelum submit", "Sharing session bersama QCO", NULL } },
    { "ADHERENCE", "TEAM", team_smg, NULL, 3, "CLOSED", -1, "Adherence roster tim turun karena keterlambatan login berulang.", "", { "Coaching agent yang terlambat login", "Pantau login harian oleh TL", NULL } },
    { "HEADCOUNT", "SERVICE", team_wifi, "WIFI_DIGITAL", 1, "APPROVED", -3, "Kebutuhan SDM WiFi Digital naik setelah penambahan DAPROS dari Telkom.", "", { "Ajukan tambahan batch training", "Pinjam sementara agent Add On Consumer Tangerang", NULL } },
  };

  if (plan == NULL || action == NULL)
    return FALSE;
  for (guint i = 0; i < g->people->len && weak == NULL; i++)
    {
      Person *p = g->people->pdata[i];
      if (p->role[0] == 'A' && p->team == team_bdg && p->skill < 60 && p->last_day == 0)
        weak = p;
    }
  if (weak == NULL)
    for (guint i = 0; i < g->people->len && weak == NULL; i++)
      {
        Person *p = g->people->pdata[i];
        if (p->role[0] == 'A' && p->team == team_bdg && p->last_day == 0)
          weak = p;
      }

  for (guint i = 0; i < G_N_ELEMENTS (plans); i++)
    {
      int month = MAX (0, last - plans[i].months_back);
      Person *tl = person_at (g, g->teams[plans[i].team].leader);
      int pair = g->teams[plans[i].team].pair;
      const char *scope_ref;
      gint64 decider = 0;
      guint32 drafted = MIN (jd_add_months (g->hist_start, month + 1) + 2, g->today - 1);
      guint32 decided = MIN (drafted + 2, g->today - 1);
      gboolean closed = strncmp (plans[i].state, "VERIFIED", 8) == 0 || strcmp (plans[i].state, "CLOSED") == 0;
      char drafted_at[24], decided_at[24];
      gint64 plan_id;

      if (month == last)
        drafted = g->today - 1;
      if (strcmp (plans[i].scope_kind, "TEAM") == 0)
        scope_ref = tl->nik;
      else if (strcmp (plans[i].scope_kind, "AGENT") == 0)
        scope_ref = weak ? weak->nik : tl->nik;
      else
        scope_ref = plans[i].scope_ref;
      /* Supervisors decide; never the one who drafted. */
      if (plans[i].decider == -1)
        decider = pair_spv_id (g, pair);
      else if (plans[i].decider == -2)
        decider = staff_id (g, pairs[pair].service, STAFF_SPQ, 0);
      else if (plans[i].decider == -3)
        decider = staff_id (g, pairs[pair].service, STAFF_MANAGER, 0);

      _tam_demo_office_time (g, drafted, drafted_at, sizeof drafted_at);
      _tam_demo_office_time (g, decided, decided_at, sizeof decided_at);
      bind_text (plan, 1, plans[i].kpi);
      bind_text (plan, 2, plans[i].scope_kind);
      bind_text (plan, 3, scope_ref);
      bind_text (plan, 4, g->months[month].text);
      bind_text (plan, 5, plans[i].analysis);
      bind_text (plan, 6, plans[i].state);
      sqlite3_bind_int64 (plan, 7, tl->id);
      bind_text (plan, 8, drafted_at);
      if (decider != 0)
        {
          sqlite3_bind_int64 (plan, 9, decider);
          bind_text (plan, 10, decided_at);
        }
      else
        {
          sqlite3_bind_null (plan, 9);
          sqlite3_bind_null (plan, 10);
        }
      bind_text (plan, 11, plans[i].reason);
      if (!step (g, plan, error))
        return FALSE;
      plan_id = sqlite3_last_insert_rowid (g->db);

      for (int k = 0; k < 3 && plans[i].actions[k] != NULL; k++)
        {
          char due[11], done[11];
          guint32 due_jd = decided + 7 * (guint32) (k + 1);

          jd_format (due_jd, due, sizeof due);
          jd_format (MIN (due_jd - 1, g->today - 1), done, sizeof done);
          sqlite3_bind_int64 (action, 1, plan_id);
          bind_text (action, 2, plans[i].actions[k]);
          sqlite3_bind_int64 (action, 3, k == 0 ? tl->id : pair_spv_id (g, pair));
          bind_text (action, 4, due);
          bind_text (action, 5, closed || (decider != 0 && due_jd < g->today && k == 0) ? done : NULL);
          if (!step (g, action, error))
            return FALSE;
        }
    }
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
