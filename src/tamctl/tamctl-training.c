/* tamctl training: trainings, attendance, quiz scores and the refresher
 * due list (issue 14), through the same core functions (and rules) as
 * the Training tab. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tam-codes.h"
#include "tam-csv.h"
#include "tam-training.h"
#include "tamctl.h"

static char *
format_score (double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (v))
    return g_strdup ("");
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.1f", v));
}

/* Writes @out to @output (a CSV file) or the screen. */
static int
emit (GString *out,
      const char *output,
      guint n_rows)
{
  g_autofree char *written =
      output ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Written: %s (%u row)\n", "Written: %s (%u rows)\n", n_rows),
                                output, n_rows)
             : NULL;

  return tamctl_emit (out, output, written);
}

static int
cmd_add (TamctlContext *ctx,
         int argc,
         char **argv)
{
  g_autofree char *kind = NULL, *title = NULL, *service = NULL, *site = NULL, *from = NULL, *to = NULL;
  g_autofree char *trainer = NULL, *material = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) octx = g_option_context_new (_ ("— a new training (prints its id)"));
  GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_ ("INITIAL, REFRESHMENT or PRODUCT_SOCIALIZATION"), "KIND" },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_ ("What the training is called"), "TEXT" },
    { "service", 0, 0, G_OPTION_ARG_STRING, &service, N_ ("The service it trains for"), "CODE" },
    { "site", 0, 0, G_OPTION_ARG_STRING, &site, N_ ("Where it is held"), "CODE" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_ ("The first day"), "DATE" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_ ("The last day"), "DATE" },
    { "trainer", 0, 0, G_OPTION_ARG_STRING, &trainer, N_ ("The trainer (default: you, when a trainer)"), "NIK" },
    { "material", 0, 0, G_OPTION_ARG_STRING, &material, N_ ("The material taught"), "TEXT" },
    { NULL }
  };
  TamTrainingKind k;
  gint64 id;

  if (!tamctl_parse (octx, entries, &argc, &argv))
    return 2;
  if (argc != 1 || kind == NULL || title == NULL || service == NULL || site == NULL || from == NULL || to == NULL)
    return tamctl_usage (_ ("usage: tamctl training add --kind KIND --title TEXT --service CODE --site CODE --from DATE --to DATE [--trainer NIK]"));
  {
    g_autofree char *code = g_ascii_strup (kind, -1);
    k = tam_training_kind_from_code (code);
  }
  if ((int) k < 0)
    return tamctl_refuse (_ ("tamctl: “%s” is not a kind of training: say INITIAL, REFRESHMENT or PRODUCT_SOCIALIZATION\n"), kind);
  if (!tamctl_sign_in (ctx, &error))
    return tamctl_fail (g_steal_pointer (&error));
  {
    g_autofree char *service_code = g_ascii_strup (service, -1);
    g_autofree char *site_code = g_ascii_strup (site, -1);

    id = tam_training_add (ctx->store, ctx->session,
                           &(TamTrainingSpec){ .kind = k,
                                               .title = title,
                                               .service = service_code,
                                               .site = site_code,
                                               .from = from,
                                               .to = to,
                                               .trainer_nik = trainer,
                                               .material = material },
                           &error);
  }
  if (id == 0)
    return tamctl_fail (g_steal_pointer (&error));
  g_print ("%" G_GINT64_FORMAT "\n", id);
  return 0;
}

static int
cmd_enroll (TamctlContext *ctx,
            int argc,
            char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) octx = g_option_context_new (_ ("ID NIK... — enroll participants (all or none)"));
  gint64 id;

  if (!tamctl_parse (octx, NULL, &argc, &argv))
    return 2;
  if (argc < 3)
    return tamctl_usage (_ ("usage: tamctl training enroll ID NIK..."));
  if (!tamctl_parse_id (argv[1], &id))
    return 2;
  if (!tamctl_sign_in (ctx, &error) ||
      !tam_training_enroll (ctx->store, ctx->session, id, (const char *const *) argv + 2, &error))
    return tamctl_fail (g_steal_pointer (&error));
  g_print (g_dngettext (GETTEXT_PACKAGE, "Enrolled: %d participant\n", "Enrolled: %d participants\n", (gulong) (argc - 2)),
           argc - 2);
  return 0;
}

static int
cmd_attend (TamctlContext *ctx,
            int argc,
            char **argv)
{
  g_autofree char *on = NULL;
  gboolean absent = FALSE;
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) octx = g_option_context_new (_ ("ID NIK — a participant present (or absent) on a day"));
  GOptionEntry entries[] = {
    { "on", 0, 0, G_OPTION_ARG_STRING, &on, N_ ("The day of the training"), "DATE" },
    { "absent", 0, 0, G_OPTION_ARG_NONE, &absent, N_ ("Absent that day (default: present)"), NULL },
    { NULL }
  };
  gint64 id;

  if (!tamctl_parse (octx, entries, &argc, &argv))
    return 2;
  if (argc != 3 || on == NULL)
    return tamctl_usage (_ ("usage: tamctl training attend ID NIK --on DATE [--absent]"));
  if (!tamctl_parse_id (argv[1], &id))
    return 2;
  if (!tamctl_sign_in (ctx, &error) ||
      !tam_training_attend (ctx->store, ctx->session, id, argv[2], on, !absent, &error))
    return tamctl_fail (g_steal_pointer (&error));
  g_print (absent ? _ ("Absent: %s on %s\n") : _ ("Present: %s on %s\n"), argv[2], on);
  return 0;
}

static int
cmd_score (TamctlContext *ctx,
           int argc,
           char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) octx = g_option_context_new (_ ("ID NIK SCORE — a quiz attempt (0–100)"));
  g_autofree char *text = NULL;
  char *end = NULL;
  double score;
  guint attempt = 0;
  gint64 id;

  if (!tamctl_parse (octx, NULL, &argc, &argv))
    return 2;
  if (argc != 4)
    return tamctl_usage (_ ("usage: tamctl training score ID NIK SCORE"));
  if (!tamctl_parse_id (argv[1], &id))
    return 2;
  text = g_strdup (argv[3]);
  if (strchr (text, '.') == NULL)
    g_strdelimit (text, ",", '.');
  score = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0')
    return tamctl_refuse (_ ("tamctl: “%s” is not a score (a number from 0 to 100)\n"), argv[3]);
  if (!tamctl_sign_in (ctx, &error) ||
      !tam_training_score (ctx->store, ctx->session, id, argv[2], score, &attempt, &error))
    return tamctl_fail (g_steal_pointer (&error));
  {
    g_autoptr (GPtrArray) rows = tam_training_participants (ctx->store, id, NULL);

    for (guint i = 0; rows != NULL && i < rows->len; i++)
      {
        TamTrainingParticipant *p = rows->pdata[i];

        if (strcmp (p->nik, argv[2]) == 0)
          g_print (p->passed == 1 ? _ ("Attempt %u of %s: %s, passed\n") : _ ("Attempt %u of %s: %s, not passed\n"),
                   attempt, p->nik, argv[3]);
      }
  }
  return 0;
}

static int
cmd_import_scores (TamctlContext *ctx,
                   int argc,
                   char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) octx = g_option_context_new (_ ("ID FILE — quiz results (nik,score; CSV or .xlsx), all or nothing"));
  g_autoptr (GPtrArray) errors = NULL;
  guint n = 0;
  gint64 id;

  if (!tamctl_parse (octx, NULL, &argc, &argv))
    return 2;
  if (argc != 3)
    return tamctl_usage (_ ("usage: tamctl training import-scores ID FILE"));
  if (!tamctl_parse_id (argv[1], &id))
    return 2;
  if (!tamctl_sign_in (ctx, &error))
    return tamctl_fail (g_steal_pointer (&error));
  if (!tam_training_import_scores (ctx->store, ctx->session, id, argv[2], &n, &errors, &error))
    {
      for (guint i = 1; errors != NULL && i < errors->len; i++)
        g_printerr ("%s\n", (const char *) errors->pdata[i]);
      return tamctl_fail (g_steal_pointer (&error));
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "%s: %u score stored\n", "%s: %u scores stored\n", n), argv[2], n);
  return 0;
}

static void
training_row (GString *out,
              gconstpointer row)
{
  const TamTraining *t = row;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, t->id);
  g_autofree char *n = g_strdup_printf ("%u", t->n_participants);
  g_autofree char *scored = g_strdup_printf ("%u", t->n_scored);
  g_autofree char *passed = g_strdup_printf ("%u", t->n_passed);
  g_autofree char *absences = g_strdup_printf ("%u", t->n_absences);
  g_autofree char *mean = format_score (t->mean_score);
  const char *fields[] = { id, tam_training_kind_to_code (t->kind), t->title, t->service, t->site, t->trainer_nik,
                           t->starts_on, t->ends_on, n, scored, passed, absences, mean };

  tamctl_csv_line (out, fields, G_N_ELEMENTS (fields));
}

static int
cmd_list (TamctlContext *ctx,
          int argc,
          char **argv)
{
  g_autofree char *output = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) octx = g_option_context_new (_ ("— the trainings as CSV"));
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GString) out = g_string_new (NULL);
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_ ("Write to FILE.csv instead of the screen"), "FILE" },
    { NULL }
  };
  static const char *const head[] = { "id", "kind", "title", "service", "site", "trainer_nik", "starts_on", "ends_on",
                                      "participants", "scored", "passed", "absences", "mean_score" };

  if (!tamctl_parse (octx, entries, &argc, &argv))
    return 2;
  if (argc != 1)
    return tamctl_usage (_ ("usage: tamctl training list [-o FILE.csv]"));
  if (!tamctl_sign_in (ctx, &error) || !tam_session_require (ctx->session, TAM_PERM_VIEW, &error) ||
      (rows = tam_training_list (ctx->store, NULL, NULL, &error)) == NULL)
    return tamctl_fail (g_steal_pointer (&error));
  tamctl_csv_rows (out, head, G_N_ELEMENTS (head), rows, training_row);
  return emit (out, output, rows->len);
}

static void
due_row (GString *out,
         gconstpointer row)
{
  const TamTrainingDueRow *r = row;
  const char *fields[] = { r->nik, r->name, r->last_training, r->due_on, tam_training_due_state_to_code (r->state),
                           tam_training_kind_to_code (r->kind), r->service, r->site, r->reason };

  tamctl_csv_line (out, fields, G_N_ELEMENTS (fields));
}

static int
cmd_due (TamctlContext *ctx,
         int argc,
         char **argv)
{
  g_autofree char *on = NULL, *output = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) octx = g_option_context_new (_ ("— agents due or overdue for a refresher or a socialization"));
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GString) out = g_string_new (NULL);
  GOptionEntry entries[] = {
    { "on", 0, 0, G_OPTION_ARG_STRING, &on, N_ ("The day the list is for"), "DATE" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_ ("Write to FILE.csv instead of the screen"), "FILE" },
    { NULL }
  };
  static const char *const head[] = { "nik", "name", "last_training", "due_on", "state", "kind", "service", "site",
                                      "reason" };
  guint due = 0, overdue = 0, suggested = 0;

  if (!tamctl_parse (octx, entries, &argc, &argv))
    return 2;
  if (argc != 1 || on == NULL)
    return tamctl_usage (_ ("usage: tamctl training due --on DATE [-o FILE.csv]"));
  if (!tamctl_sign_in (ctx, &error) || !tam_session_require (ctx->session, TAM_PERM_VIEW, &error) ||
      (rows = tam_training_due (ctx->store, on, &error)) == NULL)
    return tamctl_fail (g_steal_pointer (&error));
  tamctl_csv_rows (out, head, G_N_ELEMENTS (head), rows, due_row);
  for (guint i = 0; i < rows->len; i++)
    {
      const TamTrainingDueRow *r = rows->pdata[i];

      due += r->state == TAM_TRAINING_DUE;
      overdue += r->state == TAM_TRAINING_OVERDUE;
      suggested += r->state == TAM_TRAINING_SUGGESTED;
    }
  /* The counts go to stderr: stdout stays the CSV. */
  g_printerr (_ ("%u due, %u overdue, %u suggested\n"), due, overdue, suggested);
  return emit (out, output, rows->len);
}

static const TamctlVerb verbs[] = {
  { "add", cmd_add },
  { "enroll", cmd_enroll },
  { "attend", cmd_attend },
  { "score", cmd_score },
  { "import-scores", cmd_import_scores },
  { "list", cmd_list },
  { "due", cmd_due },
};

int
tamctl_cmd_training (TamctlContext *ctx,
                     int argc,
                     char **argv)
{
  return tamctl_dispatch (ctx, argc, argv, verbs, G_N_ELEMENTS (verbs),
                          _ ("usage: tamctl training add|enroll|attend|score|import-scores|list|due ..."));
}
