/* tamctl-bench.c: `tamctl bench`, the speed figures of issue 2 ("Speed").
 *
 * One figure a line, "name value (target ...)", numbers with a dot
 * whatever the locale, so scripts can read them. A benchmark, not a test:
 * it exits 0 when a target is missed, non-zero only when it cannot run.
 *
 * Without --db it measures a temporary demo database made with
 * `tamctl init --demo --scale N` in a child process (so the generation's
 * memory does not count in this process's peak); with --db it measures
 * that file and makes its changes (the import) on a temporary copy. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "tam-demo.h"
#include "tam-import.h"
#include "tam-people.h"
#include "tamctl.h"

typedef struct
{
  char     *dir;          /* temporary folder, removed at the end */
  char     *db_path;      /* the database measured */
  gboolean  ours;         /* generated here: may be changed */
  int       runs;
} Bench;

static void
figure (const char *name,
        double      value,
        const char *note)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (number, sizeof number, "%.1f", value);
  if (note != NULL)
    g_print ("%s %s (%s)\n", name, number, note);
  else
    g_print ("%s %s\n", name, number);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static double
ms_since (gint64 start)
{
  return (double)(g_get_monotonic_time () - start) / 1000.0;
}

static double
file_mb (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return 0;
  return (double)st.st_size / (1024.0 * 1024.0);
}

/* --- 0. the demo database ------------------------------------------ */

static gboolean
generate (Bench   *b,
          int      scale,
          GError **error)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *scale_text = g_strdup_printf ("%d", scale);
  g_autofree char *note = NULL;
  g_autoptr(TamStore) store = NULL;
  struct rusage usage;
  gint64 start = g_get_monotonic_time ();
  double seconds;

  g_printerr (_("Generating demo data (scale %d)…\n"), scale);
  if (scale >= 1 && self != NULL)
    {
      /* The real command, as a user runs it. */
      const char *argv[] = { self, "--db", b->db_path, "init", "--demo", "--scale", scale_text, NULL };
      int status;

      if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                         NULL, NULL, &status, error) ||
          !g_spawn_check_wait_status (status, error))
        {
          g_prefix_error (error, _("Demo data generation failed: "));
          return FALSE;
        }
    }
  else
    {
      /* Scale 0, the tiny set of the test suite: tamctl init refuses it. */
      store = tam_store_open (b->db_path, error);
      if (store == NULL ||
          !tam_demo_generate (store, scale, 20261001, NULL, NULL, NULL, error))
        return FALSE;
      g_clear_object (&store);
    }
  seconds = ms_since (start) / 1000.0;

  store = tam_store_open (b->db_path, error);
  if (store == NULL)
    return FALSE;
  note = g_strdup_printf (_("scale %d: %lld people, %lld attendance rows, %lld calls"),
                          scale,
                          (long long)tam_store_query_int (store, "SELECT count(*) FROM people", 0, NULL),
                          (long long)tam_store_query_int (store, "SELECT count(*) FROM attendance", 0, NULL),
                          (long long)tam_store_query_int (store, "SELECT count(*) FROM calls", 0, NULL));
  figure ("demo_generate_s", seconds, note);
  figure ("demo_db_size_mb", file_mb (b->db_path), NULL);
  if (scale >= 1 && getrusage (RUSAGE_CHILDREN, &usage) == 0)
    figure ("demo_generate_peak_rss_mb", (double)usage.ru_maxrss / 1024.0, _("the tamctl init child"));
  return TRUE;
}

/* --- 1. open the store, show the roster's first rows ---------------- */

static gboolean
bench_open (Bench   *b,
            GError **error)
{
  g_autofree double *times = g_new0 (double, b->runs);
  g_autofree char *note = NULL;
  double first = 0;
  guint people = 0;

  for (int i = 0; i < b->runs; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(TamStore) store = tam_store_open (b->db_path, error);
      g_autoptr(GPtrArray) list = NULL;

      if (store == NULL)
        return FALSE;
      /* The roster page loads the whole list (sorted by name) and shows
       * the first rows of it. */
      list = tam_people_list (store, error);
      if (list == NULL)
        return FALSE;
      for (guint k = 0; k < MIN (50u, list->len); k++)
        g_assert (((TamPerson *)list->pdata[k])->nik != NULL);
      times[i] = ms_since (start);
      if (i == 0)
        first = times[i];
      people = list->len;
    }
  note = g_strdup_printf (_("target < 1000; median of %d, first %.1f ms, %u people"),
                          b->runs, first, people);
  figure ("open_store_and_first_roster_rows_ms", median (times, (guint)b->runs), note);
  return TRUE;
}

/* --- 2. a roster search keystroke ---------------------------------- */

static char *
fold (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normal ? normal : text, -1);
}

/* What the roster's filter does on each keystroke: every row's name and
 * NIK, normalised and case-folded, searched for the typed text (as
 * GtkStringFilter with ignore-case does, with no cache). */
static guint
filter_people (GPtrArray  *people,
               const char *query)
{
  g_autofree char *needle = fold (query);
  guint matches = 0;

  for (guint i = 0; i < people->len; i++)
    {
      TamPerson *p = people->pdata[i];
      g_autofree char *name = fold (p->name);

      if (strstr (name, needle) != NULL)
        matches++;
      else
        {
          g_autofree char *nik = fold (p->nik);
          if (strstr (nik, needle) != NULL)
            matches++;
        }
    }
  return matches;
}

static gboolean
bench_search (Bench   *b,
              GError **error)
{
  static const char * const keystrokes[] = { "s", "sr", "sri" };
  g_autoptr(TamStore) store = tam_store_open (b->db_path, error);
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GString) detail = g_string_new (NULL);
  int reps = MAX (5, b->runs * 4);
  g_autofree double *times = g_new0 (double, reps);
  double worst = 0;

  if (store == NULL)
    return FALSE;
  people = tam_people_list (store, error);
  if (people == NULL)
    return FALSE;

  for (guint k = 0; k < G_N_ELEMENTS (keystrokes); k++)
    {
      guint matches = 0;
      double m;

      for (int i = 0; i < reps; i++)
        {
          gint64 start = g_get_monotonic_time ();
          matches = filter_people (people, keystrokes[k]);
          times[i] = ms_since (start);
        }
      m = median (times, (guint)reps);
      worst = MAX (worst, m);
      g_string_append_printf (detail, "%s“%s” %.2f ms → %u", k ? ", " : "", keystrokes[k], m, matches);
    }
  {
    g_autofree char *note = g_strdup_printf (_("target < 16; core-side filter of %u people, worst keystroke;"
                                               " %s; the GTK-side figure comes from the GUI benchmark"),
                                             people->len, detail->str);
    figure ("roster_search_keystroke_ms", worst, note);
  }
  return TRUE;
}

/* --- 3. attendance import ------------------------------------------ */

static gboolean
write_attendance_csv (TamStore    *store,
                      const char  *path,
                      guint        want_rows,
                      guint       *rows,
                      GError     **error)
{
  g_autoptr(GPtrArray) niks = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *last = NULL;
  sqlite3_stmt *stmt;
  GDate day;
  guint n_days;
  FILE *fp;
  guint32 x = 2463534242u; /* xorshift32: varied rows, same file every run */
  int y, m, d;

  stmt = tam_store_prepare (store,
      "SELECT nik FROM people WHERE role IN ('AGENT','TEAM_LEADER')"
      " AND status IN ('ACTIVE','TRAINING') ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (niks, tam_stmt_dup_text (stmt, 0));
  sqlite3_reset (stmt);
  if (niks->len == 0)
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_NOT_FOUND,
                           _("The database has no active agents or team leaders to import attendance for"));
      return FALSE;
    }

  /* New days after the last one stored: a new roster period. */
  stmt = tam_store_prepare (store, "SELECT max (date) FROM attendance", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    last = tam_stmt_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  g_date_clear (&day, 1);
  if (last != NULL && sscanf (last, "%d-%d-%d", &y, &m, &d) == 3 && g_date_valid_dmy (d, m, y))
    g_date_set_dmy (&day, d, m, y);
  else
    g_date_set_time_t (&day, time (NULL));
  g_date_add_days (&day, 1);

  fp = g_fopen (path, "wb");
  if (fp == NULL)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_FAILED, _("Cannot write “%s”: %s"), path, g_strerror (errno));
      return FALSE;
    }
  fputs ("date,nik,shift_start,shift_end,status,check_in,check_out,note\n", fp);
  n_days = (want_rows + niks->len - 1) / niks->len;
  *rows = 0;
  for (guint i = 0; i < n_days; i++, g_date_add_days (&day, 1))
    {
      char date[11];

      g_snprintf (date, sizeof date, "%04d-%02d-%02d", g_date_get_year (&day),
                  g_date_get_month (&day), g_date_get_day (&day));
      for (guint k = 0; k < niks->len; k++)
        {
          const char *nik = niks->pdata[k];
          guint r;

          x ^= x << 13;
          x ^= x >> 17;
          x ^= x << 5;
          r = x % 100;
          if ((i + k) % 7 == 0)
            fprintf (fp, "%s,%s,,,OFF,,,\n", date, nik);
          else if (r < 88)
            fprintf (fp, "%s,%s,08:00,17:00,PRESENT,07:%02u,17:%02u,\n", date, nik, 40 + r % 20, r % 15);
          else if (r < 93)
            fprintf (fp, "%s,%s,08:00,17:00,LATE,08:%02u,17:05,\"Macet, hujan deras\"\n", date, nik, 3 + r % 30);
          else if (r < 96)
            fprintf (fp, "%s,%s,09:00,17:00,SICK_NOTE,,,Sakit; surat dokter\n", date, nik);
          else
            fprintf (fp, "%s,%s,08:00,16:00,LEAVE,,,Cuti tahunan\n", date, nik);
          ++*rows;
        }
    }
  if (fclose (fp) != 0)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_FAILED, _("Cannot write “%s”: %s"), path, g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

static gboolean
bench_import (Bench          *b,
              TamctlContext  *ctx,
              guint           want_rows,
              GError        **error)
{
  g_autofree char *csv = g_build_filename (b->dir, "attendance.csv", NULL);
  g_autofree char *copy = NULL;
  g_autofree char *note = NULL;
  g_autoptr(TamStore) store = NULL;
  g_autoptr(TamSession) session = NULL;
  g_autoptr(GError) sign_in_error = NULL;
  TamImportResult result = { 0 };
  const char *path = b->db_path;
  guint rows = 0;
  gint64 start;
  double seconds;
  gboolean ok;

  if (!b->ours)
    {
      /* Never change the file being measured. */
      g_autoptr(TamStore) source = tam_store_open (b->db_path, error);

      copy = g_build_filename (b->dir, "import.db", NULL);
      g_printerr ("%s\n", _("Copying the database for the import figure…"));
      if (source == NULL || !tam_store_backup (source, copy, NULL, NULL, NULL, error))
        return FALSE;
      path = copy;
    }
  store = tam_store_open (path, error);
  if (store == NULL)
    return FALSE;

  if (ctx->as_nik != NULL)
    {
      g_autofree char *password = g_strdup (g_getenv ("TAM_PASSWORD"));
      session = tam_auth_sign_in (store, ctx->as_nik, password ? password : "", &sign_in_error);
    }
  else
    session = tam_auth_sign_in (store, "SPV001", TAM_DEMO_PASSWORD, &sign_in_error);
  if (session == NULL)
    {
      g_print ("attendance_import_rows_per_s %s (%s: %s)\n", _("skipped"),
               _("give --as NIK of a supervisor and $TAM_PASSWORD"), sign_in_error->message);
      return TRUE;
    }

  if (!write_attendance_csv (store, csv, want_rows, &rows, error))
    return FALSE;

  start = g_get_monotonic_time ();
  ok = tam_import_file (store, session, TAM_IMPORT_ATTENDANCE, csv, NULL, NULL, NULL, NULL, &result, error);
  seconds = ms_since (start) / 1000.0;
  if (!ok)
    {
      if (result.errors != NULL && result.errors->len > 0)
        g_prefix_error (error, "%s: ", (const char *)result.errors->pdata[0]);
      tam_import_result_clear (&result);
      return FALSE;
    }
  note = g_strdup_printf (_("target >= 300000; %u rows (%llu new) in %.2f s, %.1f MB of CSV"),
                          rows, (unsigned long long)result.inserted, seconds, file_mb (csv));
  figure ("attendance_import_rows_per_s", seconds > 0 ? rows / seconds : 0, note);
  tam_import_result_clear (&result);
  return TRUE;
}

/* --- cleanup -------------------------------------------------------- */

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

int
tamctl_cmd_bench (TamctlContext *ctx,
                  int            argc,
                  char         **argv)
{
  int scale = 1;
  int runs = 5;
  int import_rows = 200000;
  gboolean keep = FALSE;
  g_autoptr(GError) error = NULL;
  g_autofree char *default_path = tam_store_default_path ();
  g_autoptr(GOptionContext) octx = g_option_context_new (_("— speed figures (a benchmark, not a test)"));
  GOptionEntry entries[] = {
    { "scale", 0, 0, G_OPTION_ARG_INT, &scale, N_("Demo data scale when no --db is given (default 1)"), "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, N_("Repetitions of each timing (median; default 5)"), "N" },
    { "import-rows", 0, 0, G_OPTION_ARG_INT, &import_rows, N_("Rows of the attendance import (default 200000)"), "N" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, N_("Keep the temporary folder"), NULL },
    { NULL }
  };
  Bench b = { 0 };
  struct rusage usage;
  int ret = 0;

  g_option_context_add_main_entries (octx, entries, GETTEXT_PACKAGE);
  if (!tamctl_parse (octx, &argc, &argv))
    return 2;
  if (scale < 0 || runs < 1 || import_rows < 1)
    {
      g_printerr ("tamctl: %s\n", _("--scale, --runs and --import-rows must be positive"));
      return 2;
    }

  b.runs = runs;
  b.dir = g_dir_make_tmp ("tam-bench-XXXXXX", &error);
  if (b.dir == NULL)
    return tamctl_fail (g_steal_pointer (&error));

  /* tamctl sets the default path when --db is absent: then measure a
   * fresh demo database, never the user's own file. */
  if (g_strcmp0 (ctx->db_path, default_path) == 0)
    {
      b.db_path = g_build_filename (b.dir, "bench.db", NULL);
      b.ours = TRUE;
      if (!generate (&b, scale, &error))
        goto fail;
    }
  else
    {
      if (!g_file_test (ctx->db_path, G_FILE_TEST_IS_REGULAR))
        {
          g_set_error (&error, TAM_ERROR, TAM_ERROR_NOT_FOUND, _("No database at “%s”"), ctx->db_path);
          goto fail;
        }
      b.db_path = g_strdup (ctx->db_path);
      figure ("db_size_mb", file_mb (b.db_path), NULL);
    }

  if (!bench_open (&b, &error) ||
      !bench_search (&b, &error) ||
      !bench_import (&b, ctx, (guint)import_rows, &error))
    goto fail;

  /* TODO (issue 3): the tapping figures (queue first page with 1,000,000
   * pending, verdict stored, F-18 for one month) once tam-tapping.c and
   * tam-f18.h have landed; their API was not final when this was written. */

  if (getrusage (RUSAGE_SELF, &usage) == 0)
    figure ("peak_rss_mb", (double)usage.ru_maxrss / 1024.0,
            _("this tamctl process, an indication; the app's figure (target < 150) comes from the GUI benchmark"));
  goto out;

fail:
  ret = tamctl_fail (g_steal_pointer (&error));
out:
  if (keep)
    g_printerr (_("Kept %s\n"), b.dir);
  else
    remove_dir (b.dir);
  g_free (b.dir);
  g_free (b.db_path);
  return ret;
}
