/* soak-common.h: what the soak (soak.c) and the kill -9 test
 * (test-kill.c) share: the calls CSV they import, the world's desks,
 * starting a role of the test binary itself, small file helpers.
 *
 * The CSV has tamctl bench's format (header call_id,agent_nik,service,
 * call_start,result,customer_number,product,recording); its call ids
 * are PREFIX + a number, new and unique, so a plain
 * "SELECT count(*) FROM calls WHERE call_id LIKE 'PREFIX%'" tells whether
 * an import is wholly there (== rows) or wholly absent (== 0). */
#pragma once

#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "tam-import.h"
#include "tam-tapping.h"
#include "tapping-world.h"

/* Calls per day in the generated CSV; from 2026-07-01 on, so they come
 * before the calls seeded in October: once visible, they are at the
 * head of every tapper's queue. */
#define SOAK_CSV_CALLS_PER_DAY 20000

/* The world's agents (tapping-world.h), with their services. */
static const char *const soak_agent_niks[] = { "10000001", "10000002", "10000003", "20000001" };
static const char *const soak_agent_services[] = { "ADDON_CONSUMER", "ADDON_CONSUMER", "CT0_PRANPC",
                                                   "ADDON_CONSUMER" };

/* Writes @rows calls with ids PREFIX0000000...; *@agree gets how many
 * are AGREE (they enter the queue as PENDING). Deterministic. */
G_GNUC_UNUSED static gboolean
soak_write_calls_csv (const char *path,
                      const char *prefix,
                      guint rows,
                      guint *agree,
                      GError **error)
{
  static const char *const products[] = {
    "IndiHome Minipack Sport",
    "Add-On Speed 50 Mbps",
    "WiFi Extender",
    "Indibox",
  };
  FILE *fp = g_fopen (path, "wb");
  guint32 x = 88172645u; /* xorshift32, as tamctl bench */
  guint n_agree = 0;

  if (fp == NULL)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), "Cannot write %s: %s",
                   path, g_strerror (errno));
      return FALSE;
    }
  fputs ("call_id,agent_nik,service,call_start,result,customer_number,product,recording\n", fp);
  for (guint i = 0; i < rows; i++)
    {
      g_autoptr (GDate) day = g_date_new_dmy (1, G_DATE_JULY, 2026);
      guint k = i % G_N_ELEMENTS (soak_agent_niks);
      guint second = 8 * 3600 + (i % SOAK_CSV_CALLS_PER_DAY) * 3 / 2;
      guint r;
      const char *result;

      x ^= x << 13;
      x ^= x >> 17;
      x ^= x << 5;
      r = x % 100;
      result = r < 25 ? "AGREE" : r < 75 ? "DECLINE"
                                         : "FOLLOW_UP";
      n_agree += r < 25;
      g_date_add_days (day, i / SOAK_CSV_CALLS_PER_DAY);
      fprintf (fp, "%s%07u,%s,%s,%04d-%02d-%02d %02u:%02u:%02u,%s,08%010u,%s,%04d/%02d/%02d/%s%07u.wav\n",
               prefix, i, soak_agent_niks[k], soak_agent_services[k],
               g_date_get_year (day), g_date_get_month (day), g_date_get_day (day),
               second / 3600, second / 60 % 60, second % 60, result, (x >> 3) % 1000000000u,
               products[(x >> 12) % G_N_ELEMENTS (products)],
               g_date_get_year (day), g_date_get_month (day), g_date_get_day (day), prefix, i);
    }
  if (fclose (fp) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), "Cannot write %s: %s",
                   path, g_strerror (errno));
      return FALSE;
    }
  if (agree != NULL)
    *agree = n_agree;
  return TRUE;
}

/* A failed parameter for a RETURN of a call of @service (critical, so
 * RETURN is the only verdict it allows). */
G_GNUC_UNUSED static const char *const *
soak_return_codes (const char *service)
{
  static const char *const consent[] = { "CONSENT", NULL };
  static const char *const commitment[] = { "COMMITMENT", NULL };

  return g_strcmp0 (service, "CT0_PRANPC") == 0 ? commitment : consent;
}

/* @n PENDING AGREE calls "PREFIX00000" ... of the Bandung agents, in
 * October 2026; the per-day counts brought up to date. */
G_GNUC_UNUSED static void
soak_seed_calls (World *w,
                 const char *prefix,
                 guint n)
{
  gint64 agents[] = { w->ani, w->budi, w->cici };
  const char *services[] = { "ADDON_CONSUMER", "ADDON_CONSUMER", "CT0_PRANPC" };

  g_assert_true (tam_store_begin (w->store, NULL));
  for (guint i = 0; i < n; i++)
    {
      char id[32], start[32];

      g_snprintf (id, sizeof id, "%s%05u", prefix, i);
      g_snprintf (start, sizeof start, "2026-10-%02u %02u:%02u:%02u", 1 + i / 3000 % 28,
                  8 + i / 360 % 9, i / 6 % 60, i % 6 * 10);
      world_call (w, id, agents[i % 3], "BANDUNG", services[i % 3], start, "AGREE");
    }
  g_assert_true (tam_store_commit (w->store, NULL));
  g_assert_true (tam_queue_counts_update (w->store, NULL));
}

/* A database file and its companions (-wal, -shm, -journal). */
G_GNUC_UNUSED static void
soak_unlink_db (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (path, suffixes[i], NULL);
      g_unlink (p);
    }
}

G_GNUC_UNUSED static double
soak_ms_since (gint64 start_us)
{
  return (double) (g_get_monotonic_time () - start_us) / 1000.0;
}

/* Starts the test binary itself with @args (NULL-terminated), its stdout
 * to @stdout_path (NULL: a pipe), its stderr inherited (the test log). */
G_GNUC_UNUSED static GSubprocess *
soak_spawn (const char *stdout_path,
            const char *const *args)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  GSubprocess *p;

  g_ptr_array_add (argv, g_file_read_link ("/proc/self/exe", &error));
  g_assert_no_error (error);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);
  launcher = g_subprocess_launcher_new (stdout_path != NULL ? G_SUBPROCESS_FLAGS_NONE
                                                            : G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  if (stdout_path != NULL)
    g_subprocess_launcher_set_stdout_file_path (launcher, stdout_path);
  p = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  return p;
}
