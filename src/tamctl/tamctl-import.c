/* tamctl-import.c: `tamctl import` and `tamctl export`.
 *
 * The import runs in a worker thread while the main loop waits for
 * Ctrl+C, which cancels it: a cancelled import stores nothing. */
#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tam-auth.h"
#include "tam-export.h"
#include "tam-import.h"
#include "tamctl.h"

typedef struct
{
  TamStore *store;
  const TamSession *session;
  TamImportKind kind;
  const char *path;
  const char *rejects;
  TamImportFlags flags;
  GCancellable *cancellable;
  GMainLoop *loop;
  TamImportResult result;
  GError *error;
  gboolean ok;
  gboolean show_progress;
} ImportJob;

static void
progress_cb (double fraction,
             gpointer user_data)
{
  ImportJob *job = user_data;

  if (job->show_progress)
    g_printerr ("\r%3d %%", (int) (fraction * 100.0 + 0.5));
}

static gboolean
quit_cb (gpointer user_data)
{
  ImportJob *job = user_data;

  g_main_loop_quit (job->loop);
  return G_SOURCE_REMOVE;
}

static gpointer
import_thread (gpointer user_data)
{
  ImportJob *job = user_data;

  GSource *source;

  job->ok = tam_import_file_with_flags (job->store, job->session, job->kind, job->path, job->rejects, job->flags,
                                        progress_cb, job, job->cancellable, &job->result, &job->error);
  /* Always through the main loop: g_main_context_invoke() would call
   * quit_cb right here if the loop had not started running yet, and the
   * loop would then never stop. */
  source = g_idle_source_new ();
  g_source_set_callback (source, quit_cb, job, NULL);
  g_source_attach (source, NULL);
  g_source_unref (source);
  return NULL;
}

static gboolean
sigint_cb (gpointer user_data)
{
  ImportJob *job = user_data;

  g_cancellable_cancel (job->cancellable);
  return G_SOURCE_CONTINUE;
}

int
tamctl_cmd_import (TamctlContext *ctx,
                   int argc,
                   char **argv)
{
  static const char *const kinds[] = { "roster", "attendance", "calls", "kpi", "headcount", "targets" };
  g_autofree char *rejects = NULL;
  gboolean update = FALSE;
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) octx = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GMainLoop) loop = NULL;
  g_autofree char *summary = NULL;
  GOptionEntry entries[] = {
    { "skip-bad", 0, 0, G_OPTION_ARG_FILENAME, &rejects,
      N_ ("Store the good rows and write the bad ones, with their reason, to REJECTS.csv"), "REJECTS.csv" },
    { "update", 0, 0, G_OPTION_ARG_NONE, &update,
      N_ ("Calls: apply the rows that differ from calls already stored (refused otherwise)"), NULL },
    { NULL }
  };
  ImportJob job = { 0 };
  GThread *thread;
  guint sigint_id;
  guint kind;
  gint64 started;
  double seconds;

  octx = g_option_context_new (_ ("roster|attendance|calls|kpi|headcount|targets FILE — import a CSV (or .xlsx) file"));
  if (!tamctl_parse (octx, entries, &argc, &argv))
    return 2;
  for (kind = 0; kind < G_N_ELEMENTS (kinds); kind++)
    if (argc == 3 && strcmp (argv[1], kinds[kind]) == 0)
      break;
  if (argc != 3 || kind == G_N_ELEMENTS (kinds))
    return tamctl_usage (_ ("usage: tamctl import roster|attendance|calls|kpi|headcount|targets FILE [--skip-bad REJECTS.csv] [--update]"));

  if (!tamctl_open (ctx, &error))
    return tamctl_fail (g_steal_pointer (&error));
  /* The first roster of a new database comes before any account exists
   * (the core allows it only then). */
  if (!(kind == TAM_IMPORT_ROSTER && ctx->as_nik == NULL &&
        !tam_auth_has_users (ctx->store)) &&
      !tamctl_sign_in (ctx, &error))
    return tamctl_fail (g_steal_pointer (&error));

  loop = g_main_loop_new (NULL, FALSE);
  job.store = ctx->store;
  job.session = ctx->session;
  job.kind = (TamImportKind) kind;
  job.path = argv[2];
  job.rejects = rejects;
  job.flags = update ? TAM_IMPORT_UPDATE : TAM_IMPORT_FLAGS_NONE;
  job.cancellable = cancellable;
  job.loop = loop;
  job.show_progress = isatty (STDERR_FILENO);

  sigint_id = g_unix_signal_add (SIGINT, sigint_cb, &job);
  started = g_get_monotonic_time ();
  thread = g_thread_new ("import", import_thread, &job);
  g_main_loop_run (loop);
  g_thread_join (thread);
  seconds = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
  g_source_remove (sigint_id);
  if (job.show_progress)
    g_printerr ("\r      \r");

  if (!job.ok)
    {
      if (job.result.errors != NULL)
        for (guint i = 0; i < job.result.errors->len; i++)
          g_printerr ("%s\n", (char *) job.result.errors->pdata[i]);
      tam_import_result_clear (&job.result);
      return tamctl_fail (job.error);
    }

  summary = tam_import_result_summary (&job.result);
  g_print ("%s: %s\n", argv[2], summary);
  /* The figure issue 2 asks for (attendance >= 300,000 rows/s). */
  g_printerr (_ ("%llu rows in %.2f s (%.0f rows/s)\n"), (unsigned long long) job.result.rows,
              seconds, seconds > 0 ? job.result.rows / seconds : 0.0);
  if (rejects != NULL && job.result.rejected > 0)
    {
      for (guint i = 0; i < job.result.errors->len; i++)
        g_printerr ("%s\n", (char *) job.result.errors->pdata[i]);
      g_printerr (g_dngettext (GETTEXT_PACKAGE, "%llu bad row written to %s\n",
                               "%llu bad rows written to %s\n", (gulong) job.result.rejected),
                  (unsigned long long) job.result.rejected, rejects);
    }
  tam_import_result_clear (&job.result);
  return 0;
}

static void
export_progress_cb (double fraction,
                    gpointer user_data)
{
  if (GPOINTER_TO_INT (user_data))
    g_printerr ("\r%3d %%", (int) (fraction * 100.0 + 0.5));
}

int
tamctl_cmd_export (TamctlContext *ctx,
                   int argc,
                   char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) octx = g_option_context_new (_ ("roster FILE.csv|FILE.xlsx — export the roster"));
  gboolean tty = isatty (STDERR_FILENO);
  gboolean ok;

  if (!tamctl_parse (octx, NULL, &argc, &argv))
    return 2;
  if (argc != 3 || strcmp (argv[1], "roster") != 0)
    return tamctl_usage (_ ("usage: tamctl export roster FILE.csv|FILE.xlsx"));
  ctx->open_flags = TAM_STORE_OPEN_READ_ONLY;
  if (!tamctl_sign_in (ctx, &error))
    return tamctl_fail (g_steal_pointer (&error));
  ok = tam_export_roster (ctx->store, ctx->session, argv[2], export_progress_cb,
                          GINT_TO_POINTER (tty), NULL, &error);
  if (tty)
    g_printerr ("\r      \r");
  if (!ok)
    return tamctl_fail (g_steal_pointer (&error));
  g_print (_ ("Roster written: %s\n"), argv[2]);
  return 0;
}
