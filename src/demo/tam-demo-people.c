/* tam-demo-people.c: the demo's people (names by region, teams, staff)
 * and their desk accounts. */
#include "config.h"

#include "tam-demo-private.h"

static char *
make_name (Gen *g,
           int site,
           gboolean female)
{
  Rng *r = &g->rng;

  for (int attempt = 0;; attempt++)
    {
      int region = rng_chance (r, 0.8) ? site_region[site] : (int) rng_int (r, N_REGIONS);
      const Region *reg = &regions[region];
      const char *const *firsts = female ? reg->female : reg->male;
      guint n_firsts = female ? reg->n_female : reg->n_male;
      const char *first = firsts[rng_int (r, n_firsts)];
      const char *middle = NULL;
      const char *family;
      g_autofree char *name = NULL;

      if (rng_chance (r, 0.2))
        {
          middle = firsts[rng_int (r, n_firsts)];
          if (strcmp (middle, first) == 0)
            middle = NULL;
        }
      if (region == REGION_JAWA && female && rng_chance (r, 0.5))
        family = PICK (r, jawa_family_f);
      else
        family = reg->family[rng_int (r, reg->n_family)];

      if (region == REGION_BUGIS && !female && rng_chance (r, 0.15))
        name = g_strdup_printf ("Andi %s%s%s %s", first, middle ? " " : "", middle ? middle : "", family);
      else
        name = g_strdup_printf ("%s%s%s %s", first, middle ? " " : "", middle ? middle : "", family);

      /* Namesakes exist in real rosters too, but keep them rare. */
      if (!g_hash_table_contains (g->names, name) || attempt >= 30)
        {
          g_hash_table_add (g->names, g_strdup (name));
          return g_steal_pointer (&name);
        }
    }
}

static Person *
add_person (Gen *g,
            const char *role,
            const char *prefix,
            int site,
            int service)
{
  Person *p = g_new0 (Person, 1);

  p->role = role;
  p->site = site;
  p->service = service;
  p->pair = -1;
  p->team = -1;
  p->status = "ACTIVE";
  p->alpa_month = -1;
  p->week = -1;
  p->name = make_name (g, site, rng_chance (&g->rng, 0.58));
  if (prefix != NULL)
    {
      int n = GPOINTER_TO_INT (g_hash_table_lookup (g->role_seq, prefix)) + 1;

      /* Fixed, memorable desk NIKs: MGR001, SPV001, TL001, ... */
      g_hash_table_insert (g->role_seq, (gpointer) prefix, GINT_TO_POINTER (n));
      g_snprintf (p->nik, sizeof p->nik, "%s%03d", prefix, n);
    }
  p->worked = g_new0 (guint16, g->n_months);
  p->late = g_new0 (guint8, g->n_months);
  p->late3 = g_new0 (guint32, g->n_months);
  g_ptr_array_add (g->people, p);
  return p;
}

/* Staff: hired one to three years ago (and before the history starts, so
 * every team has its leader throughout), contracts renewed yearly. */
static void
staff_dates (Gen *g,
             Person *p)
{
  p->hired = jd_uniform (&g->rng, jd_add_years (g->today, -3),
                         MIN (jd_add_years (g->today, -1), g->hist_start));
  p->live_from = p->hired;
  p->contract_end = contract_end_after (p->hired, g->today);
  p->late_rate = 0.02;
  p->absence = 0.6;
  p->skill = 80;
  p->off_offset = (int) rng_int (&g->rng, 7);
}

static void
agent_nik (Gen *g,
           Person *p)
{
  int y, m, d;
  guint slot;

  /* Eight digits: the hire year and a sequence, as the vendor issues them. */
  jd_split (p->hired, &y, &m, &d);
  slot = (guint) CLAMP (y - 1950, 0, (int) G_N_ELEMENTS (g->nik_seq) - 1);
  if (g->nik_seq[slot] == 0)
    g->nik_seq[slot] = 100 + rng_int (&g->rng, 200);
  g->nik_seq[slot] += 1 + rng_int (&g->rng, 6);
  g_snprintf (p->nik, sizeof p->nik, "%04d%04u", y, g->nik_seq[slot]);
}

typedef enum
{
  AGENT_VETERAN,
  AGENT_NEW,      /* hired during the history, after a batch training */
  AGENT_TRAINING, /* in initial training now */
  AGENT_LEFT,     /* resigned or returned to the vendor during the history */
} AgentKind;

static guint32
batch_date (Gen *g,
            int month_index)
{
  int y, m, d;
  guint32 jd;

  /* Training batches start on the first Monday after the 2nd. */
  jd_split (jd_add_months (g->hist_start, month_index), &y, &m, &d);
  jd = jd_from_ymd (y, m, 3);
  while (jd_weekday (jd) != 1)
    jd++;
  return jd;
}

static void
add_agent (Gen *g,
           int team,
           AgentKind kind)
{
  Rng *r = &g->rng;
  const Team *t = &g->teams[team];
  Person *p = add_person (g, "AGENT", NULL, pairs[t->pair].site, pairs[t->pair].service);
  guint32 newest_veteran = g->hist_start > 30 ? g->hist_start - 30 : g->hist_start;

  p->pair = t->pair;
  p->team = team;
  p->attends = TRUE;
  switch (kind)
    {
    case AGENT_VETERAN:
      p->hired = jd_uniform (r, jd_add_years (g->today, -3), newest_veteran);
      break;
    case AGENT_NEW:
      {
        /* A batch in some month of the history, live well before today. */
        int last = (int) g->n_months - 2;
        guint32 jd = batch_date (g, rng_range (r, 0, MAX (0, last)));
        p->hired = MIN (jd, g->today - 45);
      }
      break;
    case AGENT_TRAINING:
      p->hired = batch_date (g, (int) g->n_months - 1);
      if (p->hired >= g->today - 3 || p->hired + 14 <= g->today)
        p->hired = g->today - 10; /* the current batch, still in class */
      p->status = "TRAINING";
      break;
    case AGENT_LEFT:
      p->hired = jd_uniform (r, jd_add_years (g->today, -3), newest_veteran);
      p->last_day = jd_uniform (r, g->hist_start + 20, g->today - 20);
      p->status = rng_chance (r, 0.7) ? "RESIGNED" : "RETURNED_TO_VENDOR";
      break;
    }
  /* Ten working days of initial training before going live. */
  p->live_from = p->hired + 14;
  p->contract_end = contract_end_after (p->hired, p->last_day ? p->last_day : g->today);
  agent_nik (g, p);

  if (rng_chance (r, 0.08))
    p->skill = rng_range (r, 42, 58);
  else
    p->skill = clamp (rng_normal (r, 77, 8), 60, 97);
  p->late_rate = rng_chance (r, 0.04) ? 0.15 + rng_double (r) * 0.12 : 0.02 + rng_double (r) * 0.04;
  p->absence = 0.5 + rng_double (r);
  p->agree_rate = 0.20 + rng_double (r) * 0.10;
  p->return_rate = 0.03 + (100.0 - p->skill) / 100.0 * 0.15;
  p->off_offset = (int) rng_int (r, 7);
}

void
_tam_demo_build_people (Gen *g)
{
  Rng *r = &g->rng;
  int site_agents[N_SITES] = { 0 };
  int service_teams[N_SERVICES] = { 0 };
  int scale = MAX (g->scale, 1);
  int n_teams = 0;
  int max_qco = 0;
  int team = 0;

  for (guint i = 0; i < N_PAIRS; i++)
    {
      g->pair_n_teams[i] = g->scale == 0 ? 1 : pairs[i].teams * scale;
      g->pair_first_team[i] = n_teams;
      n_teams += g->pair_n_teams[i];
      service_teams[pairs[i].service] += g->pair_n_teams[i];
    }
  g->n_teams = (guint) n_teams;
  g->teams = g_new0 (Team, g->n_teams);

  /* The operation's staff, per service, at its home site. */
  for (int s = 0; s < N_SERVICES; s++)
    {
      int agents = service_teams[s] * 10;
      int home = service_home[s];
      struct
      {
        const char *role, *prefix;
        int n, kind;
      } staff[] = {
        { "MANAGER", "MGR", 1, STAFF_MANAGER },
        { "SUPERVISOR_QUALITY", "SPQ", 1, STAFF_SPQ },
        { "QA", "QA", MAX (1, (agents + 99) / 100), STAFF_QA },
        { "TRAINER", "TRN", MAX (1, (agents + 79) / 80), STAFF_TRAINER },
        { "QC_TIER2", "QCT", MAX (1, (agents + 149) / 150), -1 },
        { "HD_SUPPORT", "HDS", 1, -1 },
      };

      for (guint k = 0; k < G_N_ELEMENTS (staff); k++)
        for (int n = 0; n < staff[k].n; n++)
          {
            Person *p = add_person (g, staff[k].role, staff[k].prefix, home, s);
            int index = (int) g->people->len - 1;

            staff_dates (g, p);
            if (staff[k].kind >= 0)
              g_array_append_val (g->service_staff[s][staff[k].kind], index);
          }
    }

  /* Per service and site: operational supervisors, team leaders, agents. */
  for (guint i = 0; i < N_PAIRS; i++)
    {
      int n_spv = (g->pair_n_teams[i] + 5) / 6;

      for (int n = 0; n < n_spv; n++)
        {
          Person *p = add_person (g, "SUPERVISOR_OPS", "SPV", pairs[i].site, pairs[i].service);
          int index = (int) g->people->len - 1;

          staff_dates (g, p);
          p->pair = (int) i;
          g_array_append_val (g->pair_spv[i], index);
        }

      for (int n = 0; n < g->pair_n_teams[i]; n++, team++)
        {
          Person *tl = add_person (g, "TEAM_LEADER", "TL", pairs[i].site, pairs[i].service);
          int members = g->scale == 0 ? rng_range (r, 4, 5) : rng_range (r, 9, 11);

          staff_dates (g, tl);
          tl->pair = (int) i;
          tl->team = team;
          tl->attends = TRUE;
          g->teams[team].pair = (int) i;
          g->teams[team].leader = (int) g->people->len - 1;

          for (int k = 0; k < members; k++)
            {
              double x = rng_double (r);
              AgentKind kind = x < 0.03 ? AGENT_TRAINING : x < 0.14 ? AGENT_NEW
                                                                    : AGENT_VETERAN;

              /* A recent batch in half of the pairs, so TRAINING shows. */
              if (n == 0 && k == members - 1 && i % 2 == 0)
                kind = AGENT_TRAINING;
              /* TL001's team carries the cases the coaching desk needs. */
              if (team == 0 && (k == 1 || k == 2))
                kind = AGENT_VETERAN;
              add_agent (g, team, kind);
              if (team == 0 && k == 1 && g->n_months >= 2)
                person_at (g, (int) g->people->len - 1)->alpa_month = (int) g->n_months - 2;
              if (team == 0 && k == 2)
                person_at (g, (int) g->people->len - 1)->late_rate = 0.25;
              if (kind != AGENT_LEFT)
                site_agents[pairs[i].site]++;
            }
          if (rng_chance (r, 0.5))
            add_agent (g, team, AGENT_LEFT);
        }
    }

  /* QCOs, about one per 40 agents of a site, numbered across sites first. */
  {
    int n_qco[N_SITES];

    for (int s = 0; s < N_SITES; s++)
      {
        n_qco[s] = site_agents[s] > 0 ? MAX (1, (site_agents[s] + 39) / 40) : 0;
        max_qco = MAX (max_qco, n_qco[s]);
      }
    for (int k = 0; k < max_qco; k++)
      for (int j = 0; j < N_SITES; j++)
        {
          int s = qco_site_order[j];

          if (k < n_qco[s])
            {
              Person *p = add_person (g, "QCO", "QCO", s, -1);
              int index = (int) g->people->len - 1;

              staff_dates (g, p);
              g_array_append_val (g->site_qco[s], index);
            }
        }
  }
}

gboolean
_tam_demo_insert_people (Gen *g,
                         GError **error)
{
  sqlite3_stmt *stmt = tam_store_prepare (g->store,
                                          "INSERT INTO people (nik, name, role, site, service, team_leader_id, status, hired_on, contract_end)"
                                          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                          error);

  if (stmt == NULL)
    return FALSE;

  /* Leaders first (agents refer to them), then agents. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < g->people->len; i++)
      {
        Person *p = g->people->pdata[i];
        gboolean agent = strcmp (p->role, "AGENT") == 0;
        char hired[11], end[11];

        if (agent != (pass == 1))
          continue;
        jd_format (p->hired, hired, sizeof hired);
        jd_format (p->contract_end, end, sizeof end);
        bind_text (stmt, 1, p->nik);
        bind_text (stmt, 2, p->name);
        bind_text (stmt, 3, p->role);
        bind_text (stmt, 4, site_codes[p->site]);
        bind_text (stmt, 5, p->service >= 0 ? service_codes[p->service] : NULL);
        if (agent)
          sqlite3_bind_int64 (stmt, 6, person_at (g, g->teams[p->team].leader)->id);
        else
          sqlite3_bind_null (stmt, 6);
        bind_text (stmt, 7, p->status);
        bind_text (stmt, 8, hired);
        bind_text (stmt, 9, end);
        if (!step (g, stmt, error))
          return FALSE;
        p->id = sqlite3_last_insert_rowid (g->db);
      }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Desk accounts: yescrypt is slow on purpose (~20 ms a hash), so the   */
/* hashes, each with its own salt, are made on all cores.               */

typedef struct
{
  GPtrArray *people; /* Person with an account */
  gint next;
  gint failed;
  GCancellable *cancellable;
} HashJob;

static gpointer
hash_worker (gpointer data)
{
  HashJob *job = data;
  int i;

  while ((i = g_atomic_int_add (&job->next, 1)) < (int) job->people->len)
    {
      Person *p = job->people->pdata[i];

      if (g_cancellable_is_cancelled (job->cancellable))
        break;
      p->password_hash = tam_auth_hash_password (TAM_DEMO_PASSWORD, NULL);
      if (p->password_hash == NULL)
        g_atomic_int_set (&job->failed, 1);
    }
  return NULL;
}

gboolean
_tam_demo_hash_passwords (Gen *g,
                          GError **error)
{
  g_autoptr (GPtrArray) accounts = g_ptr_array_new ();
  g_autoptr (GPtrArray) threads = g_ptr_array_new ();
  HashJob job = { 0 };
  guint n_threads = CLAMP (g_get_num_processors (), 1, 8);

  for (guint i = 0; i < g->people->len; i++)
    {
      Person *p = g->people->pdata[i];

      if (strcmp (p->role, "AGENT") != 0 && strcmp (p->status, "ACTIVE") == 0)
        g_ptr_array_add (accounts, p);
    }
  job.people = accounts;
  job.cancellable = g->cancellable;
  for (guint i = 0; i < n_threads; i++)
    g_ptr_array_add (threads, g_thread_new ("tam-demo-hash", hash_worker, &job));
  for (guint i = 0; i < threads->len; i++)
    g_thread_join (threads->pdata[i]);

  if (g_cancellable_set_error_if_cancelled (g->cancellable, error))
    return FALSE;
  if (job.failed)
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_FAILED, _ ("Could not hash the password"));
      return FALSE;
    }
  return TRUE;
}

gboolean
_tam_demo_insert_users (Gen *g,
                        GError **error)
{
  g_autofree char *now = tam_now_string ();
  sqlite3_stmt *stmt = tam_store_prepare (g->store,
                                          "INSERT INTO users (person_id, password_hash, created_at) VALUES (?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < g->people->len; i++)
    {
      Person *p = g->people->pdata[i];

      if (p->password_hash == NULL)
        continue;
      sqlite3_bind_int64 (stmt, 1, p->id);
      bind_text (stmt, 2, p->password_hash);
      bind_text (stmt, 3, now);
      if (!step (g, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Calls and tappings                                                  */
