/* bench-coaching.c: the speed figures of issue 9. Proposals for one month
 * of attendance of N people (default 1,000: 30,000 rows; target < 1 s),
 * the same again (nothing new), and a letter PDF (target < 200 ms).
 * A benchmark, not a test: it prints figures, it asserts only that the
 * work was done. meson test -C build --benchmark coaching */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "tam-coaching.h"
#include "tam-letter.h"
#include "tam-store.h"

static void
exec (TamStore *store,
      const char *sql)
{
  g_autoptr (GError) error = NULL;

  tam_store_exec (store, sql, &error);
  g_assert_no_error (error);
}

int
main (int argc,
      char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) octx = g_option_context_new ("— coaching speed figures");
  int people = 1000, days = 30;
  GOptionEntry entries[] = {
    { "people", 0, 0, G_OPTION_ARG_INT, &people, "Agents", "N" },
    { "days", 0, 0, G_OPTION_ARG_INT, &days, "Days of attendance (up to 31)", "N" },
    { NULL }
  };
  g_autofree char *dir = NULL, *path = NULL, *pdf = NULL;
  g_autoptr (TamStore) store = NULL;
  g_autoptr (TamSession) spv = NULL;
  sqlite3_stmt *s;
  guint32 rng = 12345;
  guint n_new = 0, again = 0;
  gint64 t0, t1, t2, rows, id;
  double letter_ms = 0, first_letter = 0, best_letter = 1e9;

  g_option_context_add_main_entries (octx, entries, NULL);
  if (!g_option_context_parse (octx, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  days = CLAMP (days, 1, 31);
  if (g_getenv ("TAM_DATADIR") == NULL)
    {
      g_autofree char *data = g_build_filename (g_getenv ("G_TEST_SRCDIR") ? g_getenv ("G_TEST_SRCDIR") : ".", "..",
                                                "data", NULL);
      g_setenv ("TAM_DATADIR", data, TRUE);
    }

  dir = g_dir_make_tmp ("tam-bench-coaching-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "tam.db", NULL);
  pdf = g_build_filename (dir, "letter.pdf", NULL);
  store = tam_store_create (path, &error);
  g_assert_no_error (error);

  /* The operation, by SQL: a supervisor, a team leader per 20 agents. */
  exec (store, "BEGIN IMMEDIATE");
  exec (store, "INSERT INTO people (id, nik, name, role, site, service, status, hired_on)"
               " VALUES (1, 'S001', 'Dewi Lestari', 'SUPERVISOR_OPS', 'BANDUNG', NULL, 'ACTIVE', '2020-01-01')");
  s = tam_store_prepare (store,
                         "INSERT INTO people (id, nik, name, role, site, service, team_leader_id, status, hired_on)"
                         " VALUES (?, ?, ?, ?, 'BANDUNG', 'ADDON_CONSUMER', ?, 'ACTIVE', '2025-01-06')",
                         &error);
  g_assert_no_error (error);
  for (int i = 0; i < people + people / 20 + 1; i++)
    {
      gboolean tl = i % 21 == 0;
      gint64 pid = 2 + i;
      char nik[16], name[32];

      g_snprintf (nik, sizeof nik, "%s%05d", tl ? "T" : "A", i);
      g_snprintf (name, sizeof name, "%s %d", tl ? "Team Leader" : "Agen", i);
      sqlite3_bind_int64 (s, 1, pid);
      sqlite3_bind_text (s, 2, nik, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (s, 3, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (s, 4, tl ? "TEAM_LEADER" : "AGENT", -1, SQLITE_STATIC);
      if (tl)
        sqlite3_bind_null (s, 5);
      else
        sqlite3_bind_int64 (s, 5, 2 + (i / 21) * 21);
      g_assert_cmpint (sqlite3_step (s), ==, SQLITE_DONE);
      sqlite3_reset (s);
    }
  /* A month of attendance: mostly present, a realistic share late or
   * absent. */
  s = tam_store_prepare (store,
                         "INSERT INTO attendance (person_id, date, shift_start, shift_end, status)"
                         " SELECT id, ?, '08:00', '17:00', ? FROM people WHERE role = 'AGENT' AND id = ?",
                         &error);
  g_assert_no_error (error);
  for (int d = 1; d <= days; d++)
    for (int i = 0; i < people + people / 20 + 1; i++)
      {
        static const char *const statuses[] = { "LATE", "LATE", "LATE", "LATE_FROM_BREAK", "ABSENT_NOTICE",
                                                "ABSENT_SHORT_NOTICE", "ABSENT_NO_NOTICE", "SICK_NOTE",
                                                "SICK_NO_NOTE", "LEAVE" };
        char date[11];
        guint r;

        rng = rng * 1103515245 + 12345;
        r = (rng >> 8) % 100;
        g_snprintf (date, sizeof date, "2027-01-%02d", d);
        sqlite3_bind_text (s, 1, date, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text (s, 2, r < 90 ? "PRESENT" : statuses[r - 90], -1, SQLITE_STATIC);
        sqlite3_bind_int64 (s, 3, 2 + i);
        g_assert_cmpint (sqlite3_step (s), ==, SQLITE_DONE);
        sqlite3_reset (s);
      }
  exec (store, "COMMIT");
  rows = tam_store_query_int (store, "SELECT count(*) FROM attendance", 0, NULL);

  spv = tam_session_new (1, "S001", "Dewi Lestari", "SUPERVISOR_OPS", "BANDUNG", NULL);
  t0 = g_get_monotonic_time ();
  g_assert_true (tam_coaching_propose (store, spv, "2027-01-31", &n_new, &error));
  g_assert_no_error (error);
  t1 = g_get_monotonic_time ();
  g_assert_true (tam_coaching_propose (store, spv, "2027-01-31", &again, &error));
  g_assert_no_error (error);
  t2 = g_get_monotonic_time ();
  g_assert_cmpuint (n_new, >, 0);
  g_assert_cmpuint (again, ==, 0);

  id = tam_store_query_int (store, "SELECT min (id) FROM coaching_records", 0, NULL);
  g_assert_true (tam_coaching_issue (store, spv, id, "2027-02-01", &error));
  g_assert_no_error (error);
  for (int i = 0; i < 5; i++)
    {
      gint64 a = g_get_monotonic_time ();
      g_autoptr (TamLetter) letter = tam_letter_new (store, spv, id, &error);

      g_assert_no_error (error);
      g_assert_true (tam_letter_write_pdf (letter, pdf, &error));
      g_assert_no_error (error);
      letter_ms = (g_get_monotonic_time () - a) / 1000.0;
      best_letter = MIN (best_letter, letter_ms);
      if (i == 0)
        first_letter = letter_ms;
    }

  g_print ("coaching_attendance_rows %" G_GINT64_FORMAT "\n", rows);
  g_print ("coaching_proposals %u\n", n_new);
  g_print ("coaching_propose_ms %.1f (target < 1000 for 30,000 rows)\n", (t1 - t0) / 1000.0);
  g_print ("coaching_propose_again_ms %.1f (nothing new)\n", (t2 - t1) / 1000.0);
  g_print ("coaching_letter_pdf_ms %.1f (first %.1f; target < 200)\n", best_letter, first_letter);

  g_clear_object (&store);
  {
    g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *f = g_build_filename (dir, name, NULL);
        g_unlink (f);
      }
    g_rmdir (dir);
  }
  return 0;
}
