/* training-fixture.h: five years of trainings for 1,000 people, stored
 * with SQL in one transaction (a benchmark's fixture, not the module's
 * way): every week a refresher for a fortieth of the people, every
 * fourth week an initial batch of 20 (ten days) and a socialization of
 * 100 (a product a quarter), one attempt each, attendance every day.
 * Shared by bench-training.c and ui/bench-training-page.c. */
#pragma once

#include <glib.h>

#include "tam-store.h"

static void
training_fixture_exec (TamStore *store,
                       sqlite3_stmt *stmt)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    g_error ("bench fixture: %s", sqlite3_errmsg (tam_store_get_db (store)));
  sqlite3_reset (stmt);
}

/* @today gets the day after the last week ("YYYY-MM-DD"). */
G_GNUC_UNUSED static void
training_fixture_fill (TamStore *store,
                       int n_people,
                       int n_years,
                       char today[11],
                       int *n_trainings_out,
                       int *n_parts_out)
{
  sqlite3_stmt *person, *training, *part, *attempt, *day;
  int n_trainings = 0, n_parts = 0;
  GDate d;

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
      training_fixture_exec (store, person);
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
          training_fixture_exec (store, training);
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
              training_fixture_exec (store, attempt);
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
                  training_fixture_exec (store, day);
                }
            }
        }
    }
  g_assert_true (tam_store_commit (store, NULL));
  g_assert_true (tam_store_exec (store, "ANALYZE", NULL));
  g_snprintf (today, 11, "%04d-%02d-%02d", g_date_get_year (&d), g_date_get_month (&d), g_date_get_day (&d));
  *n_trainings_out = n_trainings;
  *n_parts_out = n_parts;
}
