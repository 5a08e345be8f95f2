/* tam-demo-recovery.c: the demo's recovery plans (issue 11), made
 * through the recovery API (src/core/recovery/) with the people who
 * would make them: team leaders draft for their teams, supervisors for
 * their sites and services, a supervisor of the KPI's kind or a manager
 * decides, owners mark actions done, and the plan is verified against
 * the KPI module. Every state is there: a draft, a submitted plan (a
 * team leader's, waiting for SPQ001), one rejected and left so, one
 * rejected, revised and approved, approved plans in progress and waiting
 * for verification, verified ones (met, and a CT-0 plan not met with its
 * follow-up, submitted), and a closed one. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "tam-demo-private.h"
#include "tam-recovery.h"

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

static int
pair_of (int service,
         int site)
{
  for (guint i = 0; i < N_PAIRS; i++)
    if (pairs[i].service == service && pairs[i].site == site)
      return (int) i;
  return 0;
}

static TamSession *
staff_session (Gen *g,
               int service,
               int kind)
{
  GArray *staff = g->service_staff[service][kind];

  return session_of (person_at (g, g_array_index (staff, int, 0)));
}

static TamSession *
spv_session (Gen *g,
             int pair)
{
  return session_of (person_at (g, g_array_index (g->pair_spv[pair], int, 0)));
}

static TamSession *
tl_session (Gen *g,
            int team)
{
  return session_of (person_at (g, g->teams[team].leader));
}

/* What a plan of the demo is, and how far it goes. */
typedef enum
{
  GO_DRAFT,
  GO_SUBMITTED,
  GO_REJECTED,
  GO_REVISED,  /* rejected, revised, submitted again and approved */
  GO_APPROVED, /* actions partly done */
  GO_VERIFIED, /* actions done, verified */
  GO_FOLLOWED, /* verified, then a follow-up plan (submitted) */
  GO_CLOSED,   /* verified and closed */
} Goal;

typedef struct
{
  Gen *g;
  guint32 drafted;
  char at[24];
} Clock;

/* The next moment of the plan's life, @days after the last (never after
 * yesterday). */
static const char *
tick (Clock *c,
      guint32 days)
{
  char before[24];

  g_strlcpy (before, c->at, sizeof before);
  c->drafted = MIN (c->drafted + days, c->g->today - 1);
  /* Never before the step it follows (the same day, a later hour). */
  for (int i = 0; i < 20 && strcmp (c->at, before) <= 0; i++)
    _tam_demo_office_time (c->g, c->drafted, c->at, sizeof c->at);
  if (strcmp (c->at, before) <= 0)
    g_strlcpy (c->at, before, sizeof c->at);
  return c->at;
}

static void
day_text (guint32 jd,
          char out[11])
{
  jd_format (jd, out, 11);
}

/* One plan of the demo: what it is about, the month it is for (months
 * back from the last), who drafts it (and owns its first action) and who
 * decides, the owner of its second action, its text and how far it goes. */
typedef struct
{
  TamKpiKind kpi;
  TamKpiScope scope;
  const char *ref; /* NULL: the demo has none to plan for */
  int months_back;
  TamSession *drafter;
  TamSession *decider;
  const char *owner2;
  const char *analysis;
  guint causes;
  const char *actions[2];
  Goal goal;
  const char *reason; /* of the rejection */
} DemoPlan;

static gboolean
make_plan (Gen *g,
           const DemoPlan *spec,
           gint64 *out_id,
           GError **error)
{
  int last = (int) g->n_months - 1;
  int month = MAX (0, last - spec->months_back);
  Clock c = { g, MIN (jd_add_months (g->hist_start, month + 1) + 2, g->today - 1), "" };
  char due[2][11], done_on[11], yesterday[11];
  TamRecoveryActionSpec specs[2];
  TamRecoveryDraft d = { spec->kpi, spec->scope, spec->ref, g->months[month].text, spec->analysis, spec->causes, specs, 2 };
  TamSession *drafter = spec->drafter, *decider = spec->decider;
  Goal goal = spec->goal;
  g_autoptr (TamRecoveryPlan) plan = NULL;
  guint32 first_due;
  gint64 id;

  _tam_demo_office_time (g, c.drafted, c.at, sizeof c.at);
  first_due = c.drafted + 9;
  for (int k = 0; k < 2; k++)
    {
      day_text (first_due + 7 * (guint32) k, due[k]);
      specs[k].text = spec->actions[k];
      specs[k].owner_nik = k == 0 ? drafter->nik : spec->owner2;
      specs[k].due_on = due[k];
    }
  id = tam_recovery_draft (g->store, drafter, &d, c.at, error);
  if (id == 0)
    return FALSE;
  *out_id = id;
  if (goal == GO_DRAFT)
    return TRUE;
  if (!tam_recovery_submit (g->store, drafter, id, tick (&c, 0), error))
    return FALSE;
  if (goal == GO_SUBMITTED)
    return TRUE;
  if (goal == GO_REJECTED || goal == GO_REVISED)
    {
      if (!tam_recovery_reject (g->store, decider, id, spec->reason, tick (&c, 1), error))
        return FALSE;
      if (goal == GO_REJECTED)
        return TRUE;
      specs[1].text = "Pendampingan call oleh agent senior, hasil call monitoring dilampirkan";
      if (!tam_recovery_revise (g->store, drafter, id, spec->analysis, spec->causes | TAM_CAUSE_TOOLS, specs, 2, tick (&c, 1),
                                error) ||
          !tam_recovery_submit (g->store, drafter, id, tick (&c, 0), error))
        return FALSE;
    }
  if (!tam_recovery_approve (g->store, decider, id, tick (&c, 1), error))
    return FALSE;
  plan = tam_recovery_get (g->store, decider, id, error);
  if (plan == NULL)
    return FALSE;
  /* The first action done the day before it is due (when that is past). */
  for (guint k = 0; k < plan->actions->len; k++)
    {
      TamRecoveryAction *a = plan->actions->pdata[k];
      guint32 due_jd = first_due + 7 * k;

      if (goal == GO_APPROVED || goal == GO_REVISED)
        {
          if (k > 0 || due_jd - 1 >= g->today)
            continue;
        }
      day_text (MIN (due_jd - 1, g->today - 1), done_on);
      if (!tam_recovery_action_done (g->store, drafter, a->id, k == 0 ? "Sudah dilaksanakan" : "Selesai, dipantau harian",
                                     done_on, error))
        return FALSE;
    }
  if (goal == GO_APPROVED || goal == GO_REVISED)
    return TRUE;
  day_text (g->today - 1, yesterday);
  if (!tam_recovery_verify_plan (g->store, decider, id, yesterday, tick (&c, 40), error))
    return FALSE;
  if (goal == GO_CLOSED && !tam_recovery_close (g->store, decider, id, tick (&c, 2), error))
    return FALSE;
  return TRUE;
}

/* The site whose headcount was under target @months_back months ago and
 * met it the month after (else met it the month after, else under
 * target), for a plan verified met; NULL on error. */
static const char *
site_recovered (Gen *g,
                TamSession *who,
                int months_back,
                GError **error)
{
  int last = (int) g->n_months - 1;
  const char *best = site_codes[0];
  int best_rank = -1;

  for (int i = 0; i < N_SITES; i++)
    {
      TamRecoveryFigureQuery query = { .kpi = TAM_KPI_HEADCOUNT, .scope = TAM_KPI_SCOPE_SITE, .scope_ref = site_codes[i] };
      double before, after, target;
      int rank;

      /* The month before and the month after. */
      query.period = g->months[MAX (0, last - months_back)].text;
      if (!tam_recovery_figures (g->store, who, &query, &before, &target, error))
        return NULL;
      query.period = g->months[MAX (0, last - months_back + 1)].text;
      if (!tam_recovery_figures (g->store, who, &query, &after, &target, error))
        return NULL;
      rank = (!isnan (after) && after >= target ? 2 : 0) + (!isnan (before) && before < target ? 1 : 0);
      if (rank > best_rank)
        {
          best_rank = rank;
          best = site_codes[i];
        }
    }
  return best;
}

/* The NIK of the first agent of @team who has not left and whose skill is
 * under @skill, or NULL. */
static const char *
staying_agent (Gen *g,
               int team,
               double skill)
{
  for (guint i = 0; i < g->people->len; i++)
    {
      Person *p = g->people->pdata[i];

      if (p->role[0] == 'A' && p->team == team && p->skill < skill && p->last_day == 0)
        return p->nik;
    }
  return NULL;
}

gboolean
_tam_demo_insert_recovery_plans (Gen *g,
                                 GError **error)
{
  int team_bdg = 0;
  int team_ct0 = first_team_of (g, SVC_CT0, SITE_BANDUNG);
  int team_wifi = first_team_of (g, SVC_WIFI, SITE_TANGERANG);
  int team_smg = first_team_of (g, SVC_ADDON, SITE_SEMARANG);
  int pair_bdg = g->teams[team_bdg].pair;
  int pair_ct0 = g->teams[team_ct0].pair;
  int pair_smg = g->teams[team_smg].pair;
  int pair_tgr = pair_of (SVC_WIFI, SITE_TANGERANG);
  int pair_mdn = pair_of (SVC_ADDON, SITE_MEDAN);
  int pair_mlg = pair_of (SVC_ADDON, SITE_MALANG);
  g_autoptr (TamSession) tl_bdg = tl_session (g, team_bdg);
  g_autoptr (TamSession) tl_ct0 = tl_session (g, team_ct0);
  g_autoptr (TamSession) tl_wifi = NULL;
  g_autoptr (TamSession) tl_smg = tl_session (g, team_smg);
  g_autoptr (TamSession) spv_bdg = spv_session (g, pair_bdg);
  g_autoptr (TamSession) spv_ct0 = spv_session (g, pair_ct0);
  g_autoptr (TamSession) spv_smg = spv_session (g, pair_smg);
  g_autoptr (TamSession) spv_tgr = spv_session (g, pair_tgr);
  g_autoptr (TamSession) spv_mdn = spv_session (g, pair_mdn);
  g_autoptr (TamSession) spv_mlg = spv_session (g, pair_mlg);
  g_autoptr (TamSession) spq_addon = staff_session (g, SVC_ADDON, STAFF_SPQ);
  g_autoptr (TamSession) spq_wifi = staff_session (g, SVC_WIFI, STAFF_SPQ);
  g_autoptr (TamSession) mgr_addon = staff_session (g, SVC_ADDON, STAFF_MANAGER);
  g_autoptr (TamSession) mgr_wifi = staff_session (g, SVC_WIFI, STAFF_MANAGER);
  const char *weak = NULL;
  gint64 id, not_met = 0;

  /* The WiFi team of Tangerang furthest under the QVS target three
   * months ago: its plan will not be met. */
  {
    double lowest = INFINITY;
    int pair = g->teams[team_wifi].pair;

    for (int t = g->pair_first_team[pair]; t < g->pair_first_team[pair] + g->pair_n_teams[pair]; t++)
      {
        g_autoptr (TamSession) tl = tl_session (g, t);
        double actual, target;

        if (!tam_recovery_figures (g->store, tl,
                                   &(TamRecoveryFigureQuery){ .kpi = TAM_KPI_QVS,
                                                              .scope = TAM_KPI_SCOPE_TEAM,
                                                              .scope_ref = tl->nik,
                                                              .period = g->months[MAX (0, (int) g->n_months - 4)].text },
                                   &actual, &target, error))
          return FALSE;
        if (!isnan (actual) && actual < lowest)
          {
            lowest = actual;
            team_wifi = t;
          }
      }
    tl_wifi = tl_session (g, team_wifi);
  }
  weak = staying_agent (g, team_bdg, 60);
  if (weak == NULL)
    weak = staying_agent (g, team_bdg, INFINITY);

  {
    /* A site that filled its seats in the month after: verified met and
     * closed; then the same site's next month, verified, not closed. */
    const char *site = site_recovered (g, mgr_wifi, 4, error);
    const char *site2 = site ? site_recovered (g, mgr_wifi, 3, error) : NULL;
    const DemoPlan plans[] = {
      { TAM_KPI_QVS, TAM_KPI_SCOPE_TEAM, tl_bdg->nik, 1, tl_bdg, spq_addon, tl_bdg->nik, "QVS tim di bawah target 95%: beberapa AGREE di-RETURN karena persetujuan pelanggan tidak eksplisit.", TAM_CAUSE_PEOPLE | TAM_CAUSE_PROCESS, { "Briefing ulang parameter CONSENT setiap pagi", "Role play closing untuk agent yang RETURN" }, GO_SUBMITTED, NULL },
      { TAM_KPI_FIRST_PASS, TAM_KPI_SCOPE_TEAM, tl_bdg->nik, 1, tl_bdg, spq_addon, tl_bdg->nik, "Tren RETURN naik pada minggu pertama; analisis per parameter sedang disusun.", TAM_CAUSE_PROCESS, { "Kalibrasi parameter penilaian bersama QCO", "Evaluasi harian di akhir shift (HK+3)" }, GO_DRAFT, NULL },
      { TAM_KPI_ABU, TAM_KPI_SCOPE_AGENT, weak, 1, tl_bdg, spv_bdg, weak, "Nilai CALLMON dan SALES TARGET di bawah 60 dua bulan berturut-turut.", TAM_CAUSE_PEOPLE, { "Coaching harian oleh TL", "Pendampingan call oleh agent senior" }, GO_REVISED, "Analisis akar masalah belum lengkap; lampirkan hasil call monitoring." },
      { TAM_KPI_ADHERENCE, TAM_KPI_SCOPE_TEAM, tl_smg->nik, 1, tl_smg, spv_smg, tl_smg->nik, "Adherence roster tim turun karena keterlambatan login berulang.", TAM_CAUSE_PEOPLE, { "Coaching agent yang terlambat login", "Pantau login harian oleh TL" }, GO_REJECTED, "Sertakan data keterlambatan per agent dari F-02." },
      { TAM_KPI_HEADCOUNT, TAM_KPI_SCOPE_SITE, "MEDAN", 2, spv_mdn, mgr_addon, spv_mdn->nik, "Pemenuhan SDM di bawah 95% karena agent resign dan batch rekrutmen berikutnya terlambat.", TAM_CAUSE_PEOPLE, { "Percepat rekrutmen batch pengganti", "Atur ulang jadwal shift tim yang ada" }, GO_APPROVED, NULL },
      { TAM_KPI_HEADCOUNT, TAM_KPI_SCOPE_SERVICE, "WIFI_DIGITAL", 1, spv_tgr, mgr_wifi, spv_tgr->nik, "Kebutuhan SDM WiFi Digital naik setelah penambahan DAPROS dari Telkom.", TAM_CAUSE_PEOPLE | TAM_CAUSE_DAPROS, { "Ajukan tambahan batch training", "Pinjam sementara agent Add On Consumer Tangerang" }, GO_APPROVED, NULL },
      { TAM_KPI_HEADCOUNT, TAM_KPI_SCOPE_SITE, site, 4, spv_tgr, mgr_wifi, spv_tgr->nik, "Pemenuhan SDM di bawah target karena batch baru belum lulus training awal.", TAM_CAUSE_PEOPLE, { "Onboarding batch rekrutmen baru", "Percepat training awal batch baru" }, GO_CLOSED, NULL },
      { TAM_KPI_HEADCOUNT, TAM_KPI_SCOPE_SITE, site2, 3, spv_mlg, mgr_addon, spv_mlg->nik, "Pemenuhan SDM di bawah target setelah dua agent resign.", TAM_CAUSE_PEOPLE, { "Rekrutmen pengganti agent resign", "Training awal dipercepat dua minggu" }, GO_VERIFIED, NULL },
      { TAM_KPI_CT0_AGREE, TAM_KPI_SCOPE_TEAM, tl_ct0->nik, 3, tl_ct0, spv_ct0, tl_ct0->nik, "Pencapaian AGREE caring CT-0 di bawah target harian pada minggu kedua.", TAM_CAUSE_DAPROS | TAM_CAUSE_PROCESS, { "Prioritaskan DAPROS dengan tunggakan kecil", "Evaluasi harian di akhir shift (HK+3)" }, GO_FOLLOWED, NULL },
      { TAM_KPI_QVS, TAM_KPI_SCOPE_TEAM, tl_wifi->nik, 3, tl_wifi, spq_wifi, tl_wifi->nik, "RETURN tinggi pada parameter DATA: alamat instalasi sering tidak lengkap.", TAM_CAUSE_DAPROS | TAM_CAUSE_TOOLS, { "Checklist alamat instalasi sebelum submit", "Sharing session bersama QCO" }, GO_VERIFIED, NULL },
    };

    if (site == NULL || site2 == NULL)
      return FALSE;
    for (guint i = 0; i < G_N_ELEMENTS (plans); i++)
      {
        if (plans[i].ref == NULL)
          continue;
        if (!make_plan (g, &plans[i], &id, error))
          return FALSE;
        if (plans[i].goal == GO_FOLLOWED)
          not_met = id;
      }
  }
  /* The plan not met starts its follow-up, submitted again. */
  {
    g_autoptr (TamRecoveryPlan) p = tam_recovery_get (g->store, tl_ct0, not_met, error);
    char due[11];
    TamRecoveryActionSpec next[] = { { "Sesi berbagi teknik caring dari agent terbaik", NULL, due } };
    guint32 day;

    if (p == NULL)
      return FALSE;
    if (p->state == TAM_RECOVERY_VERIFIED_NOT_MET)
      {
        char at[24];
        int y, m, dd;

        sscanf (p->verified_at, "%4d-%2d-%2d", &y, &m, &dd);
        day = MIN (jd_from_ymd (y, m, dd) + 1, g->today - 1);
        _tam_demo_office_time (g, day, at, sizeof at);
        day_text (day + 10, due);
        next[0].owner_nik = tl_ct0->nik;
        id = tam_recovery_follow_up (g->store, tl_ct0, not_met,
                                     "Pencapaian AGREE masih di bawah target setelah rencana pertama.", next, 1, at, error);
        if (id == 0 || !tam_recovery_submit (g->store, tl_ct0, id, at, error))
          return FALSE;
      }
  }
  return TRUE;
}
