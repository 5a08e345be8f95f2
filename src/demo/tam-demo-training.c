/* tam-demo-training.c: the demo's trainings, through the training
 * module (tam-training.h) as the trainers would have recorded them:
 * the initial training of every batch hired during the history (one
 * participant of each finished batch failed the quiz and passed the
 * remedial retake), the class in session now (attendance up to
 * yesterday, no scores yet), a refresher every month per pair for
 * one team at a time and a product socialization every third month per
 * service. Absences go to coaching as the module proposes them. */
#include "config.h"

#include "tam-demo-private.h"
#include "tam-training.h"

static TamSession *
trainer_session (Gen *g,
                 int service,
                 int n)
{
  GArray *staff = g->service_staff[service][STAFF_TRAINER];
  Person *p = person_at (g, g_array_index (staff, int, (guint) n % staff->len));

  return tam_session_new (p->id, p->nik, p->name, p->role, site_codes[p->site], NULL);
}

static gboolean
live_on (const Person *p,
         guint32 jd)
{
  return p->role[0] == 'A' && p->live_from <= jd && (p->last_day == 0 || p->last_day >= jd);
}

static gint64
add (Gen *g,
     const TamSession *trainer,
     TamTrainingKind kind,
     const char *title,
     int service,
     int site,
     guint32 starts,
     guint32 ends,
     const char *material,
     GError **error)
{
  char from[11], to[11];

  jd_format (starts, from, sizeof from);
  jd_format (ends, to, sizeof to);
  return tam_training_add (g->store, trainer,
                           &(TamTrainingSpec){ .kind = kind,
                                               .title = title,
                                               .service = service_codes[service],
                                               .site = site_codes[site],
                                               .from = from,
                                               .to = to,
                                               .material = material },
                           error);
}

static gboolean
attend (Gen *g,
        const TamSession *trainer,
        gint64 id,
        const Person *p,
        guint32 day,
        gboolean present,
        GError **error)
{
  char date[11];

  jd_format (day, date, sizeof date);
  return tam_training_attend (g->store, trainer, id, p->nik, date, present, error);
}

static gboolean
score (Gen *g,
       const TamSession *trainer,
       gint64 id,
       const Person *p,
       guint32 day,
       double value,
       GError **error)
{
  char at[24];

  jd_format (day, at, 11);
  g_strlcat (at, " 16:00:00", sizeof at);
  return tam_training_score_at (g->store, trainer, id, p->nik, value, at, NULL, error);
}

/* Enrolls (all at once) the people @match picks out; returns them, or
 * NULL with @error. */
static GPtrArray *
enroll_matching (Gen *g,
                 const TamSession *trainer,
                 gint64 id,
                 gboolean (*match) (const Person *p, gconstpointer data),
                 gconstpointer data,
                 GError **error)
{
  g_autoptr (GPtrArray) niks = g_ptr_array_new ();
  g_autoptr (GPtrArray) members = g_ptr_array_new ();

  for (guint k = 0; k < g->people->len; k++)
    {
      Person *p = g->people->pdata[k];

      if (!match (p, data))
        continue;
      g_ptr_array_add (niks, p->nik);
      g_ptr_array_add (members, p);
    }
  g_ptr_array_add (niks, NULL);
  if (members->len > 0 && !tam_training_enroll (g->store, trainer, id, (const char *const *) niks->pdata, error))
    return NULL;
  return g_steal_pointer (&members);
}

/* An initial training's class: the agents of one pair hired on one day. */
typedef struct
{
  int pair;
  guint32 hired;
} Batch;

static gboolean
in_batch (const Person *p,
          gconstpointer data)
{
  const Batch *b = data;

  return p->pair == b->pair && p->role[0] == 'A' && p->hired == b->hired;
}

/* Who a one-day class is for: the agents live on its day, of one team
 * or of one service at one site (-1: any). */
typedef struct
{
  guint32 day;
  int team;
  int service;
  int site;
} Audience;

static gboolean
in_audience (const Person *p,
             gconstpointer data)
{
  const Audience *a = data;

  return (a->team < 0 || p->team == a->team) && (a->service < 0 || p->service == a->service) &&
         (a->site < 0 || p->site == a->site) && live_on (p, a->day);
}

/* A class of one day: its audience enrolled, each present with the
 * chance @present and, present, scored about their skill + @bonus. */
static gboolean
one_day_class (Gen *g,
               const TamSession *trainer,
               gint64 id,
               const Audience *audience,
               double present,
               double bonus,
               double sd,
               GError **error)
{
  Rng *r = &g->rng;
  guint32 day = audience->day;
  g_autoptr (GPtrArray) members = enroll_matching (g, trainer, id, in_audience, audience, error);

  if (members == NULL)
    return FALSE;
  for (guint k = 0; k < members->len; k++)
    {
      Person *p = members->pdata[k];
      gboolean here = rng_chance (r, present);

      if (!attend (g, trainer, id, p, day, here, error) ||
          (here && !score (g, trainer, id, p, day, (gint64) clamp (rng_normal (r, p->skill + bonus, sd), 0, 100), error)))
        return FALSE;
    }
  return TRUE;
}

static gboolean
initial_batches (Gen *g,
                 GError **error)
{
  Rng *r = &g->rng;

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
          guint32 ends = starts + 13;
          gboolean done = ends < g->today;
          g_autoptr (TamSession) trainer = trainer_session (g, pairs[i].service, (int) rng_int (r, 8));
          g_autoptr (GPtrArray) members = NULL;
          Batch batch = { (int) i, starts };
          g_autofree char *title = NULL;
          char date[11];
          gboolean retaken = FALSE;
          gint64 id;

          jd_format (starts, date, sizeof date);
          title = g_strdup_printf ("Training Awal Agent %s %s, batch %s", service_short[pairs[i].service],
                                   site_codes[pairs[i].site], date);
          id = add (g, trainer, TAM_TRAINING_INITIAL, title, pairs[i].service, pairs[i].site, starts, ends,
                    "Modul Product Knowledge, SOP Telesales, Parameter Penilaian", error);
          if (id == 0 || (members = enroll_matching (g, trainer, id, in_batch, &batch, error)) == NULL)
            return FALSE;
          for (guint k = 0; k < members->len; k++)
            {
              Person *p = members->pdata[k];

              /* Every weekday of the class, up to yesterday; now and
               * then somebody misses a day. */
              for (guint32 day = starts; day <= ends && day < g->today; day++)
                if (jd_weekday (day) <= 5 && !attend (g, trainer, id, p, day, !rng_chance (r, 0.02), error))
                  return FALSE;
              if (!done)
                continue;
              /* Whoever went live passed it; the first of each batch
               * (and a few more) only at the remedial retake. */
              if (!retaken || rng_chance (r, 0.08))
                {
                  retaken = TRUE;
                  if (!score (g, trainer, id, p, ends, rng_range (r, 48, 68), error) ||
                      !score (g, trainer, id, p, ends + 2, rng_range (r, 72, 90), error))
                    return FALSE;
                }
              else if (!score (g, trainer, id, p, ends, rng_range (r, 70, 98), error))
                return FALSE;
            }
        }
    }
  return TRUE;
}

gboolean
_tam_demo_insert_trainings (Gen *g,
                            GError **error)
{
  Rng *r = &g->rng;

  if (!initial_batches (g, error))
    return FALSE;

  /* Refreshment every month per pair, for one team at a time (a team
   * about every four months). */
  for (guint m = 1; m + 1 < g->n_months; m++)
    for (guint i = 0; i < N_PAIRS; i++)
      {
        guint32 day = jd_add_months (g->hist_start, (int) m) + 9;
        int team = g->pair_first_team[i] + (int) m % g->pair_n_teams[i];
        g_autofree char *title = g_strdup_printf ("Refreshment Product Knowledge & Parameter Penilaian %s",
                                                  service_short[pairs[i].service]);
        g_autoptr (TamSession) trainer = trainer_session (g, pairs[i].service, (int) rng_int (r, 8));
        gint64 id = add (g, trainer, TAM_TRAINING_REFRESHMENT, title, pairs[i].service, pairs[i].site, day, day,
                         "Refreshment parameter penilaian tapping", error);
        Audience team_members = { day, team, -1, -1 };

        if (id == 0 || !one_day_class (g, trainer, id, &team_members, 0.92, 0, 9, error))
          return FALSE;
      }

  /* Product socialization every third month per service. */
  for (guint m = 2; m + 1 < g->n_months; m += 3)
    for (int s = 0; s < N_SERVICES; s++)
      {
        guint32 day = jd_add_months (g->hist_start, (int) m) + 14;
        const char *product = pick_product (r, s);
        g_autofree char *title = g_strdup_printf ("Sosialisasi Produk Baru: %s", product);
        int home = service_home[s];
        g_autoptr (TamSession) trainer = trainer_session (g, s, (int) rng_int (r, 8));
        gint64 id = add (g, trainer, TAM_TRAINING_PRODUCT_SOCIALIZATION, title, s, home, day, day, product, error);
        Audience service_members = { day, -1, s, home };

        if (id == 0 || !one_day_class (g, trainer, id, &service_members, 0.95, 5, 7, error))
          return FALSE;
      }
  return TRUE;
}
