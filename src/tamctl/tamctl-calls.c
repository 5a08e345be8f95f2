/* tamctl tap / recall / report: the tapping queue from the command line,
 * through the same core functions (and rules) as the window. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tam-pack.h"
#include "tam-reports.h"
#include "tam-tapping.h"
#include "tamctl.h"

/* Signs in (--as) and finds @call_id among the calls the desk may see;
 * NULL with the error (naming the call when it is not found). */
static TamCall *
signed_in_call (TamctlContext *ctx,
                const char *call_id,
                GError **error)
{
  TamCall *call;

  if (!tamctl_sign_in (ctx, error))
    return NULL;
  call = tam_call_find (ctx->store, ctx->session, call_id, error);
  if (call == NULL)
    g_prefix_error (error, "%s: ", call_id);
  return call;
}

/* Without --recordings, the folder of $TAM_RECORDINGS (if set). */
static void
default_recordings (char **folder)
{
  if (*folder == NULL && g_getenv ("TAM_RECORDINGS") != NULL)
    *folder = g_strdup (g_getenv ("TAM_RECORDINGS"));
}

int
tamctl_cmd_tap (TamctlContext *ctx,
                int argc,
                char **argv)
{
  g_auto (GStrv) fail = NULL;
  g_autofree char *note = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (TamCall) call = NULL;
  g_autoptr (GOptionContext) octx = NULL;
  TamVerdict verdict;
  gint64 tapping_id = 0;
  g_autofree char *folder = NULL;
  g_autoptr (GError) unheard = NULL;
  TamHeard heard = TAM_HEARD_UNCHECKED;
  GOptionEntry entries[] = {
    { "fail", 0, 0, G_OPTION_ARG_STRING_ARRAY, &fail,
      N_ ("An assessment parameter that was not met (repeat for more)"), "CODE" },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note,
      N_ ("The recommendation to the agent (needed for return)"), "TEXT" },
    { "recordings", 0, 0, G_OPTION_ARG_FILENAME, &folder,
      N_ ("The recordings folder (the VR share; default $TAM_RECORDINGS): valid needs the call's recording there"), "DIR" },
    { NULL }
  };

  octx = g_option_context_new (_ ("CALL_ID valid|return — give a tapping verdict"));
  if (!tamctl_parse (octx, entries, &argc, &argv))
    return 2;
  if (argc != 3)
    return tamctl_usage (_ ("usage: tamctl tap CALL_ID valid|return --as NIK [--fail CODE]... [--note TEXT] [--recordings DIR]"));
  {
    g_autofree char *code = g_ascii_strup (argv[2], -1);

    verdict = tam_verdict_from_code (code);
  }
  if ((int) verdict < 0)
    return tamctl_refuse (_ ("tamctl: “%s” is not a verdict: say valid or return\n"), argv[2]);

  call = signed_in_call (ctx, argv[1], &error);
  if (call == NULL)
    return tamctl_fail (g_steal_pointer (&error));
  /* Issue 12: no VALID on a call nobody could hear. */
  default_recordings (&folder);
  if (folder != NULL || (call->recording != NULL && g_path_is_absolute (call->recording)))
    heard = tam_recording_probe (folder, call->recording, &unheard) ? TAM_HEARD_PLAYED : TAM_HEARD_MISSING;
  else if (verdict == TAM_VERDICT_VALID)
    return tamctl_refuse (_ ("tamctl: %s: valid needs the call's recording checked: give --recordings DIR (the recordings folder) or set TAM_RECORDINGS\n"),
                          call->call_id);
  if (unheard != NULL && verdict == TAM_VERDICT_VALID)
    g_printerr ("tamctl: %s\n", unheard->message);
  if (!tam_call_decide_heard (ctx->store, ctx->session, call->id, tam_verdict_to_code (verdict),
                              (const char *const *) fail, note, heard, &tapping_id, &error))
    {
      g_prefix_error (&error, "%s: ", call->call_id);
      return tamctl_fail (g_steal_pointer (&error));
    }
  /* TRANSLATORS: call id, verdict, attempt number */
  g_print (_ ("%s: %s (attempt %d)\n"), call->call_id, tam_verdict_to_code (verdict),
           call->attempts + 1);
  return 0;
}

int
tamctl_cmd_recall (TamctlContext *ctx,
                   int argc,
                   char **argv)
{
  g_autofree char *recording = NULL;
  g_autofree char *note = NULL;
  g_autofree char *folder = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (TamCall) call = NULL;
  g_autoptr (GOptionContext) octx = NULL;
  GOptionEntry entries[] = {
    { "recording", 0, 0, G_OPTION_ARG_STRING, &recording,
      N_ ("The recording of the agent's new call"), "FILE" },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_ ("What was done"), "TEXT" },
    { "recordings", 0, 0, G_OPTION_ARG_FILENAME, &folder,
      N_ ("The recordings folder (default $TAM_RECORDINGS): the recording must be there"), "DIR" },
    { NULL }
  };

  octx = g_option_context_new (_ ("CALL_ID — record the agent's re-call after a return"));
  if (!tamctl_parse (octx, entries, &argc, &argv))
    return 2;
  if (argc != 2 || recording == NULL)
    return tamctl_usage (_ ("usage: tamctl recall CALL_ID --as NIK --recording FILE [--note TEXT] [--recordings DIR]"));

  /* Issue 12: the new recording must be there and look like audio. */
  default_recordings (&folder);
  if (folder == NULL && !g_path_is_absolute (recording))
    return tamctl_refuse (_ ("tamctl: the recording is checked in the recordings folder: give --recordings DIR or set TAM_RECORDINGS (or an absolute path)\n"));

  call = signed_in_call (ctx, argv[1], &error);
  if (call == NULL)
    return tamctl_fail (g_steal_pointer (&error));
  if (!tam_session_require (ctx->session, TAM_PERM_RECALL, &error) ||
      !tam_recording_probe (folder, recording, &error))
    return tamctl_fail (g_steal_pointer (&error));
  if (!tam_call_recall (ctx->store, ctx->session, call->id, recording, note, NULL, &error))
    {
      g_prefix_error (&error, "%s: ", call->call_id);
      return tamctl_fail (g_steal_pointer (&error));
    }
  g_print (_ ("%s: re-called, back in the queue for tapping attempt %d\n"),
           call->call_id, call->attempts + 1);
  return 0;
}

/* Every report of the registry (tam-reports.h): "f18|w03". */
static char *
report_codes (void)
{
  const TamReport *const *reports = tam_reports ();
  GString *codes = g_string_new (NULL);

  for (guint i = 0; reports[i] != NULL; i++)
    g_string_append_printf (codes, "%s%s", i > 0 ? "|" : "", reports[i]->code);
  return g_string_free (codes, FALSE);
}

int
tamctl_cmd_report (TamctlContext *ctx,
                   int argc,
                   char **argv)
{
  g_autofree char *month = NULL;
  g_autofree char *output = NULL;
  g_autofree char *codes = report_codes ();
  g_autofree char *summary = NULL;
  g_autofree char *second = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) octx = NULL;
  const TamReport *report = NULL;
  GOptionEntry entries[] = {
    { "month", 0, 0, G_OPTION_ARG_STRING, &month, N_ ("The month"), "YYYY-MM" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_ ("The file to write"), "FILE.xlsx|FILE.csv" },
    { NULL }
  };

  /* Translators: %s is the list of report codes, "f18|w03" */
  summary = g_strdup_printf (_ ("%s — write a report"), codes);
  octx = g_option_context_new (summary);
  if (!tamctl_parse (octx, entries, &argc, &argv))
    return 2;
  /* The month-end pack: every report and the KPI charts into a folder. */
  if (argc == 2 && g_ascii_strcasecmp (argv[1], "pack") == 0)
    {
      g_autoptr (GPtrArray) written = NULL;

      if (month == NULL || output == NULL)
        return tamctl_usage (_ ("usage: tamctl report pack --month YYYY-MM -o FOLDER --as NIK"));
      if (!tamctl_sign_in (ctx, &error) ||
          !tam_report_pack (ctx->store, ctx->session, month, output, &written, NULL, NULL, NULL, &error))
        return tamctl_fail (g_steal_pointer (&error));
      for (guint i = 0; i < written->len; i++)
        g_print ("%s\n", (const char *) written->pdata[i]);
      return 0;
    }
  if (argc == 2)
    report = tam_report_find (argv[1]);
  if (report == NULL || month == NULL || output == NULL)
    {
      /* Translators: %s is the list of report codes, "f18|w03" */
      g_autofree char *usage = g_strdup_printf (_ ("usage: tamctl report %s --month YYYY-MM -o FILE.xlsx|FILE.csv --as NIK"),
                                                codes);

      return tamctl_usage (usage);
    }

  ctx->open_flags = TAM_STORE_OPEN_READ_ONLY;
  if (!tamctl_sign_in (ctx, &error))
    return tamctl_fail (g_steal_pointer (&error));
  if (!report->write (ctx->store, ctx->session, month, output, NULL, NULL, NULL, &error))
    return tamctl_fail (g_steal_pointer (&error));
  second = tam_report_second_csv_path (report, output);
  if (second == NULL)
    /* Translators: form, month, file: "F-18 for 2026-10 written: f18.xlsx" */
    g_print (_ ("%s for %s written: %s\n"), report->form, month, output);
  else
    /* Translators: form, month, two files */
    g_print (_ ("%s for %s written: %s and %s\n"), report->form, month, output, second);
  return 0;
}
