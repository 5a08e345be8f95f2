/* bench-training.c: the Training tab's reads and the due list (issue 14)
 * on five years of trainings for 1,000 people: the month's sessions, a
 * session's participants and days, the overview (trainees, due list,
 * twelve months of batches, trainers). Targets: the tab's reads well
 * under the 100 ms of a paint, the due list < 50 ms. Not a test:
 * `meson test -C build --benchmark training -v` (bench-training-short
 * in the default suite only proves it runs). */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <time.h>

#include "tam-people.h"
#include "tam-store.h"
#include "tam-training.h"

static int n_people = 1000;
static int n_years = 5;

static void
exec (TamStore *store,
      sqlite3_stmt *stmt)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    g_error ("bench fixture: %s", sqlite3_errmsg (tam_store_get_db (store)));
  sqlite3_reset (stmt);
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int argc,
      char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tam-bench-training-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "tam.db", NULL);
  g_autoptr (TamStore) store = NULL;
  GOptionEntry entries[] = {
    { "people", 0, 0, G_OPTION_ARG_INT, &n_people, "Agents", "N" },
    { "years", 0, 0, G_OPTION_ARG_INT, &n_years, "Years of trainings", "N" },
    { NULL }
  };
  g_autoptr (GOptionContext) octx = g_option_context_new (NULL);
  sqlite3_stmt *person, *training, *part, *attempt, *day;
  GDate d;
  int n_trainings = 0, n_parts = 0;
  double worst_month = 0, worst_session = 0, worst_overview = 0, worst_due = 0, best_due = G_MAXDOUBLE;
  double due_cpu = 0;
  char today[11];

  g_option_context_add_main_entries (octx, entries, NULL);
  if (!g_option_context_parse (octx, &argc, &argv, &error))
    g_error ("%s", error->message);
  store = tam_store_create (path, &error);
  g_assert_no_error (error);

  /* The fixture, straight into the tables in one transaction. */
  g_assert_true (tam_store_begin (store, NULL));
  person = tam_store_prepare (store,
                              "INSERT INTO people (nik, name, role, site, service, status, hired_on)"
                              " VALUES (?, ?, 'AGENT', 'BANDUNG', 'ADDON_CONSUMER', ?, '2020-01-06')",
                              NULL);
  for (int i = 0; i < n_people; i++)
    {
      char nik[16], name[32];

      g_snprintf (nik, sizeof nik, "A%05d", i);
      g_snprintf (name, sizeof name, "Agent %05d", i);
      sqlite3_bind_text (person, 1, nik, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (person, 2, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (person, 3, i % 40 == 0 ? "TRAINING" : "ACTIVE", -1, SQLITE_STATIC);
      exec (store, person);
    }
  training = tam_store_prepare (store,
                                "INSERT INTO trainings (kind, title, service, site, starts_on, ends_on)"
                                " VALUES (?, ?, 'ADDON_CONSUMER', 'BANDUNG', ?, ?)",
                                NULL);
  part = tam_store_prepare (store,
                            "INSERT INTO training_participants (training_id, person_id, attended, quiz_score, passed)"
                            " VALUES (?, ?, 1, ?, ?)",
                            NULL);
  attempt = tam_store_prepare (store,
                               "INSERT INTO training_attempts (training_id, person_id, attempt, score, pass_mark, passed,"
                               " recorded_at) VALUES (?, ?, 1, ?, 70, ?, ?)",
                               NULL);
  day = tam_store_prepare (store,
                           "INSERT INTO training_attendance (training_id, person_id, date, present) VALUES (?, ?, ?, ?)",
                           NULL);
  g_date_clear (&d, 1);
  g_date_set_dmy (&d, 1, 1, (GDateYear) (2026 - n_years + 1));
  /* Every week: a refresher for a fortieth of the people (everybody
   * about every ten months), every month an initial batch of 20 and a
   * socialization of 100. */
  for (int week = 0; week < 52 * n_years; week++, g_date_add_days (&d, 7))
    {
      for (int k = 0; k < (week % 4 == 0 ? 3 : 1); k++)
        {
          const char *kind = k == 0 ? "REFRESHMENT" : k == 1 ? "INITIAL"
                                                             : "PRODUCT_SOCIALIZATION";
          int size = k == 0 ? n_people / 40 : k == 1 ? 20
                                                     : 100;
          int days = k == 1 ? 10 : 1;
          char from[11], to[11], title[64];
          GDate e = d;
          gint64 id;

          g_date_add_days (&e, (guint) days - 1);
          g_snprintf (from, sizeof from, "%04d-%02d-%02d", g_date_get_year (&d), g_date_get_month (&d), g_date_get_day (&d));
          g_snprintf (to, sizeof to, "%04d-%02d-%02d", g_date_get_year (&e), g_date_get_month (&e), g_date_get_day (&e));
          /* A product a quarter, socialized in three sessions. */
          g_snprintf (title, sizeof title, "%s %d", kind, k == 2 ? week / 13 : week);
          sqlite3_bind_text (training, 1, kind, -1, SQLITE_STATIC);
          sqlite3_bind_text (training, 2, title, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (training, 3, from, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (training, 4, to, -1, SQLITE_TRANSIENT);
          exec (store, training);
          id = sqlite3_last_insert_rowid (tam_store_get_db (store));
          n_trainings++;
          for (int i = 0; i < size; i++)
            {
              gint64 pid = 1 + (week * 7 + k * 13 + i * 3) % n_people;
              double score = 50 + (pid * 7 + week) % 50;

              sqlite3_bind_int64 (part, 1, id);
              sqlite3_bind_int64 (part, 2, pid);
              sqlite3_bind_double (part, 3, score);
              sqlite3_bind_int (part, 4, score >= 70);
              if (sqlite3_step (part) != SQLITE_DONE)
                {
                  sqlite3_reset (part);
                  continue; /* the same person twice in a batch */
                }
              sqlite3_reset (part);
              n_parts++;
              sqlite3_bind_int64 (attempt, 1, id);
              sqlite3_bind_int64 (attempt, 2, pid);
              sqlite3_bind_double (attempt, 3, score);
              sqlite3_bind_int (attempt, 4, score >= 70);
              sqlite3_bind_text (attempt, 5, to, -1, SQLITE_TRANSIENT);
              exec (store, attempt);
              for (int j = 0; j < days; j++)
                {
                  GDate x = d;
                  char date[11];

                  g_date_add_days (&x, (guint) j);
                  g_snprintf (date, sizeof date, "%04d-%02d-%02d", g_date_get_year (&x), g_date_get_month (&x),
                              g_date_get_day (&x));
                  sqlite3_bind_int64 (day, 1, id);
                  sqlite3_bind_int64 (day, 2, pid);
                  sqlite3_bind_text (day, 3, date, -1, SQLITE_TRANSIENT);
                  sqlite3_bind_int (day, 4, (pid + j) % 29 != 0);
                  exec (store, day);
                }
            }
        }
    }
  g_assert_true (tam_store_commit (store, NULL));
  g_assert_true (tam_store_exec (store, "ANALYZE", NULL));
  g_snprintf (today, sizeof today, "%04d-%02d-%02d", g_date_get_year (&d), g_date_get_month (&d), g_date_get_day (&d));
  printf ("# %d people, %d trainings, %d participations over %d years, today %s\n", n_people, n_trainings, n_parts,
          n_years, today);

  /* Five rounds each, the worst kept (cold caches included). */
  for (int round = 0; round < 5; round++)
    {
      g_autoptr (TamStore) fresh = tam_store_open (path, &error);
      g_autofree char *first = g_strdup_printf ("%.7s-01", today);
      g_autofree char *last = g_strdup_printf ("%.7s-31", today);
      g_autofree char *year_ago = tam_training_add_months (first, -11);
      gint64 start = g_get_monotonic_time ();
      g_autoptr (GPtrArray) month = tam_training_list (fresh, first, last, &error);
      g_autoptr (GPtrArray) parts = NULL, days = NULL, trainees = NULL, due = NULL, year = NULL, stats = NULL;
      gint64 id;

      g_assert_nonnull (month);
      worst_month = MAX (worst_month, ms_since (start));
      id = ((TamTraining *) month->pdata[month->len - 1])->id;
      start = g_get_monotonic_time ();
      parts = tam_training_participants (fresh, id, &error);
      days = tam_training_days (fresh, id, &error);
      g_assert_nonnull (days);
      worst_session = MAX (worst_session, ms_since (start));
      start = g_get_monotonic_time ();
      {
        clock_t cpu = clock ();

        due = tam_training_due (fresh, today, &error);
        due_cpu = MAX (due_cpu, (double) (clock () - cpu) * 1000.0 / CLOCKS_PER_SEC);
      }
      g_assert_nonnull (due);
      worst_due = MAX (worst_due, ms_since (start));
      best_due = MIN (best_due, ms_since (start));
      start = g_get_monotonic_time ();
      trainees = tam_training_trainees (fresh, &error);
      year = tam_training_list (fresh, year_ago, last, &error);
      stats = tam_training_trainer_stats (fresh, year_ago, last, &error);
      g_assert_nonnull (stats);
      worst_overview = MAX (worst_overview, ms_since (start)) + 0 * (double) due->len;
      if (round == 0)
        printf ("# month: %u sessions; session: %u participants; due: %u rows; overview: %u trainees, %u batches\n",
                month->len, parts->len, due->len, trainees->len, year->len);
    }
  /* Worst of five (wall clock; the machine may be shared), the best, and
   * the due list's CPU time. */
  printf ("month_list_ms %.2f\nsession_ms %.2f\ndue_list_ms %.2f\ndue_list_best_ms %.2f\ndue_list_cpu_ms %.2f\n"
          "overview_ms %.2f\n",
          worst_month, worst_session, worst_due, best_due, due_cpu, worst_overview + worst_due);

  g_clear_object (&store);
  if (g_getenv ("TAM_BENCH_KEEP") != NULL)
    {
      printf ("# kept: %s\n", path);
      return 0;
    }
  {
    const char *suffixes[] = { "", "-wal", "-shm", ".key", ".checkpoint", ".checkpoint.lock" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *f = g_strconcat (path, suffixes[i], NULL);
        g_unlink (f);
      }
    g_rmdir (dir);
  }
  return 0;
}
