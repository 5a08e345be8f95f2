/* tam-demo.c: deterministic, realistic demo data (tamctl init --demo).
 *
 * Everything random comes from one xoshiro256** generator seeded through
 * splitmix64, consumed in a fixed order: the same seed and the same "today"
 * give the same database (password salts and the audit row's time aside).
 * The whole set is written in one transaction through cached prepared
 * statements; calls are generated day by day, so call ids and row ids grow
 * together and the indexes are appended to rather than scattered. At
 * --scale 4 that is about 1,100 people, two years of attendance and
 * 5,000,000 calls. */
#include "config.h"

#include "tam-demo-private.h"

static void
gen_clear (Gen *g)
{
  g_clear_pointer (&g->people, g_ptr_array_unref);
  g_clear_pointer (&g->names, g_hash_table_unref);
  g_clear_pointer (&g->role_seq, g_hash_table_unref);
  g_clear_pointer (&g->teams, g_free);
  g_clear_pointer (&g->days, g_free);
  g_clear_pointer (&g->months, g_free);
  for (guint i = 0; i < N_PAIRS; i++)
    g_clear_pointer (&g->pair_spv[i], g_array_unref);
  for (int s = 0; s < N_SITES; s++)
    g_clear_pointer (&g->site_qco[s], g_array_unref);
  for (int s = 0; s < N_SERVICES; s++)
    for (int k = 0; k < 4; k++)
      g_clear_pointer (&g->service_staff[s][k], g_array_unref);
}

static void
report (Gen *g,
        double fraction)
{
  if (g->progress != NULL)
    g->progress (CLAMP (fraction, 0.0, 1.0), g->user_data);
}

static guint32
parse_today (const char *today)
{
  int y, m, d;
  char tail;

  if (today == NULL)
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_local ();
      return jd_from_ymd (g_date_time_get_year (now), g_date_time_get_month (now),
                          g_date_time_get_day_of_month (now));
    }
  if (sscanf (today, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
    return 0;
  return jd_from_ymd (y, m, d);
}

static void
init_calendar (Gen *g,
               int months)
{
  int y, m, d;
  int first_y, first_m, first_d;

  jd_split (g->today, &y, &m, &d);
  g->hist_start = jd_add_months (jd_from_ymd (y, m, 1), -months);
  g->n_months = (guint) months + 1;
  g->months = g_new0 (Month, g->n_months);
  for (guint i = 0; i < g->n_months; i++)
    {
      jd_split (jd_add_months (g->hist_start, (int) i), &y, &m, &d);
      g_snprintf (g->months[i].text, sizeof g->months[i].text, "%04d-%02d", y, m);
    }

  jd_split (g->hist_start, &first_y, &first_m, &first_d);
  g->n_days = g->today - g->hist_start;
  g->days = g_new0 (Day, g->n_days);
  for (guint i = 0; i < g->n_days; i++)
    {
      Day *day = &g->days[i];

      day->jd = g->hist_start + i;
      day->weekday = jd_weekday (day->jd);
      jd_split (day->jd, &y, &m, &d);
      day->dom = d;
      day->month = (y - first_y) * 12 + (m - first_m);
      g_snprintf (day->date, sizeof day->date, "%04d-%02d-%02d", y, m, d);
      g_snprintf (day->compact, sizeof day->compact, "%04d%02d%02d", y, m, d);
      g_snprintf (day->path, sizeof day->path, "%04d/%02d/%02d", y, m, d);
    }
}

gboolean
tam_demo_generate_for_date (TamStore *store,
                            int scale,
                            guint64 seed,
                            const char *today,
                            TamProgressFunc progress,
                            gpointer user_data,
                            GCancellable *cancellable,
                            GError **error)
{
  Gen g = { 0 };
  GError *local_error = NULL;
  gint64 old_cache = -2000;
  gint64 n_people;
  gboolean delete_journal = FALSE;
  gboolean ok = FALSE;

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (scale >= 0, FALSE);

  n_people = tam_store_query_int (store, "SELECT count(*) FROM people", -1, error);
  if (n_people < 0)
    return FALSE;
  if (n_people > 0)
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_INVALID,
                           _ ("The database already has people; demo data goes only into a new database"));
      return FALSE;
    }
  g.today = parse_today (today);
  if (g.today == 0)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("“%s” is not a date (YYYY-MM-DD)"), today);
      return FALSE;
    }

  g.store = store;
  g.db = tam_store_get_db (store);
  g.scale = scale;
  g.seed = seed;
  g.cancellable = cancellable;
  g.progress = progress;
  g.user_data = user_data;
  rng_init (&g.rng, seed);
  g.people = g_ptr_array_new_with_free_func (person_free);
  g.names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g.role_seq = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < N_PAIRS; i++)
    g.pair_spv[i] = g_array_new (FALSE, FALSE, sizeof (int));
  for (int s = 0; s < N_SITES; s++)
    g.site_qco[s] = g_array_new (FALSE, FALSE, sizeof (int));
  for (int s = 0; s < N_SERVICES; s++)
    for (int k = 0; k < 4; k++)
      g.service_staff[s][k] = g_array_new (FALSE, FALSE, sizeof (int));

  init_calendar (&g, scale == 0 ? 2 : MIN (24, 6 * scale));
  _tam_demo_build_people (&g);
  report (&g, 0.01);

  /* Passwords before the write lock is taken. */
  if (!_tam_demo_hash_passwords (&g, error))
    goto out;
  report (&g, 0.03);

  /* A new file: write the pages once, through a rollback journal, rather
   * than twice through the WAL; and keep the growing indexes in memory.
   * Back to WAL (and the usual cache) at the end. If another connection
   * holds the file, the journal mode simply stays WAL. */
  old_cache = tam_store_query_int (store, "PRAGMA cache_size", -2000, NULL);
  delete_journal = sqlite3_exec (g.db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) == SQLITE_OK;
  sqlite3_exec (g.db, "PRAGMA cache_size = -131072", NULL, NULL, NULL);

  if (!tam_store_begin (store, error))
    goto restore;
  if (!_tam_demo_load_params (&g, error) || !_tam_demo_insert_people (&g, error) || !_tam_demo_insert_users (&g, error))
    goto rollback;

  g.st_attendance = tam_store_prepare (store,
                                       "INSERT INTO attendance (person_id, date, shift_start, shift_end, status, check_in, check_out, note)"
                                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                       error);
  g.st_call = g.st_attendance ? tam_store_prepare (store,
                                                   "INSERT INTO calls (call_id, agent_id, site, service, call_start, month, result, customer_number,"
                                                   " product, recording, state, attempts, first_verdict) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                                   error)
                              : NULL;
  g.st_tapping = g.st_call ? tam_store_prepare (store,
                                                "INSERT INTO tappings (call_id, attempt, qco_id, tapped_at, verdict, recommendation)"
                                                " VALUES (?, ?, ?, ?, ?, ?)",
                                                error)
                           : NULL;
  g.st_failure = g.st_tapping ? tam_store_prepare (store,
                                                   "INSERT INTO tapping_failures (tapping_id, parameter_id) VALUES (?, ?)", error)
                              : NULL;
  g.st_recall = g.st_failure ? tam_store_prepare (store,
                                                  "INSERT INTO recalls (call_id, attempt, recorded_by, recorded_at, recording, note)"
                                                  " VALUES (?, ?, ?, ?, ?, ?)",
                                                  error)
                             : NULL;
  if (g.st_recall == NULL)
    goto rollback;

  for (guint di = 0; di < g.n_days; di++)
    {
      const Day *day = &g.days[di];

      g.call_seq = 0;
      for (guint i = 0; i < g.people->len; i++)
        {
          Person *p = g.people->pdata[i];

          if (!p->attends || day->jd < p->hired || (p->last_day != 0 && day->jd > p->last_day))
            continue;
          if (!_tam_demo_gen_day (&g, p, day, error))
            goto rollback;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto rollback;
      report (&g, 0.03 + 0.92 * (di + 1) / g.n_days);
    }

  if (!_tam_demo_insert_kpi (&g, error) ||
      !_tam_demo_insert_trainings (&g, error) ||
      !_tam_demo_insert_coaching (&g, error) ||
      !_tam_demo_insert_recovery_plans (&g, error) ||
      !_tam_demo_append_audit (&g, error))
    goto rollback;
  /* The per-day counts of the queue take the calls now, as an import
   * does: the first desk to open the new database does not pay for
   * them (issue 7). */
  if (!tam_queue_counts_update (store, error))
    goto rollback;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto rollback;
  report (&g, 0.97);
  if (!tam_store_commit (store, error))
    goto restore;
  ok = TRUE;
  goto restore;

rollback:
  tam_store_rollback (store);
restore:
  {
    /* PRAGMAs take no bound parameters; the number is the connection's
     * own earlier value, never input. */
    g_autofree char *pragma = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, old_cache);
    sqlite3_exec (g.db, pragma, NULL, NULL, NULL);
  }
  if (delete_journal && !tam_store_exec (store, "PRAGMA journal_mode = WAL", ok ? &local_error : NULL))
    {
      if (ok)
        {
          g_propagate_error (error, local_error);
          ok = FALSE;
        }
    }
  if (ok)
    report (&g, 1.0);
out:
  gen_clear (&g);
  return ok;
}

gboolean
tam_demo_generate (TamStore *store,
                   int scale,
                   guint64 seed,
                   TamProgressFunc progress,
                   gpointer user_data,
                   GCancellable *cancellable,
                   GError **error)
{
  return tam_demo_generate_for_date (store, scale, seed, NULL, progress, user_data,
                                     cancellable, error);
}
