/* tamctl recovery / calendar: recovery plans (issue 11) and the
 * working-day calendar from the command line, through the same core
 * functions (and rules) as the window. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "tam-calendar.h"
#include "tam-csv.h"
#include "tam-dates.h"
#include "tam-recovery-pdf.h"
#include "tam-recovery.h"
#include "tamctl.h"

/* --cause and --action values. Returns FALSE after printing why. */
static gboolean
parse_causes (char **causes,
              guint *bits)
{
  *bits = 0;
  for (guint i = 0; causes != NULL && causes[i] != NULL; i++)
    {
      guint b = tam_recovery_cause_from_code (causes[i]);

      if (b == 0)
        {
          g_printerr (_ ("tamctl: “%s” is not a cause: say PEOPLE, PROCESS, TOOLS, DAPROS or OTHER\n"), causes[i]);
          return FALSE;
        }
      *bits |= b;
    }
  return TRUE;
}

static gboolean
parse_actions (char **texts,
               GArray *specs,
               GPtrArray *buffers)
{
  for (guint i = 0; texts != NULL && texts[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;
      TamRecoveryActionSpec spec;
      char *buffer = NULL;

      if (!tam_recovery_action_spec_parse (texts[i], &spec, &buffer, &error))
        {
          g_printerr ("tamctl: %s\n", error->message);
          return FALSE;
        }
      g_ptr_array_add (buffers, buffer);
      g_array_append_val (specs, spec);
    }
  return TRUE;
}

static int
cmd_draft (TamctlContext *ctx,
           int argc,
           char **argv)
{
  g_autofree char *kpi = NULL, *scope = NULL, *period = NULL, *analysis = NULL, *ref = NULL;
  g_auto (GStrv) causes = NULL, actions = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) octx = g_option_context_new (_ ("— draft a recovery plan (prints its id)"));
  g_autoptr (GArray) specs = g_array_new (FALSE, TRUE, sizeof (TamRecoveryActionSpec));
  g_autoptr (GPtrArray) buffers = g_ptr_array_new_with_free_func (g_free);
  GOptionEntry entries[] = {
    { "kpi", 0, 0, G_OPTION_ARG_STRING, &kpi, N_ ("qvs, first_pass, headcount, abu, adherence or ct0_agree"), "KPI" },
    { "scope", 0, 0, G_OPTION_ARG_STRING, &scope, N_ ("agent:NIK, team:TL_NIK, site:CODE or service:CODE"), "SCOPE" },
    { "period", 0, 0, G_OPTION_ARG_STRING, &period, N_ ("The month the target was missed"), "YYYY-MM" },
    { "analysis", 0, 0, G_OPTION_ARG_STRING, &analysis, N_ ("The analysis of the causes"), "TEXT" },
    { "cause", 0, 0, G_OPTION_ARG_STRING_ARRAY, &causes, N_ ("PEOPLE, PROCESS, TOOLS, DAPROS or OTHER (repeat)"), "CAT" },
    { "action", 0, 0, G_OPTION_ARG_STRING_ARRAY, &actions, N_ ("What, who, by when (repeat)"), "\"TEXT|OWNER_NIK|YYYY-MM-DD\"" },
    { NULL }
  };
  TamRecoveryDraft draft = { 0 };
  guint bits;
  gint64 id;

  if (!tamctl_parse (octx, entries, &argc, &argv))
    return 2;
  if (argc != 1 || kpi == NULL || scope == NULL || period == NULL || analysis == NULL)
    return tamctl_usage (_ ("usage: tamctl recovery draft --kpi KPI --scope agent:NIK|team:TL_NIK|site:CODE|service:CODE"
                            " --period YYYY-MM --analysis TEXT [--cause CAT]... --action \"TEXT|OWNER_NIK|YYYY-MM-DD\"..."));
  if (!tam_recovery_kpi_parse (kpi, &draft.kpi))
    return tamctl_refuse (_ ("tamctl: “%s” is not a KPI: say qvs, first_pass, headcount, abu, adherence or ct0_agree\n"), kpi);
  if (!tam_recovery_scope_parse (scope, &draft.scope, &ref))
    return tamctl_refuse (_ ("tamctl: “%s” is not a scope: say agent:NIK, team:TL_NIK, site:CODE or service:CODE\n"), scope);
  if (!parse_causes (causes, &bits) || !parse_actions (actions, specs, buffers))
    return 2;
  draft.scope_ref = ref;
  draft.period = period;
  draft.analysis = analysis;
  draft.causes = bits;
  draft.actions = (const TamRecoveryActionSpec *) (void *) specs->data;
  draft.n_actions = specs->len;
  if (!tamctl_sign_in (ctx, &error))
    return tamctl_fail (g_steal_pointer (&error));
  id = tam_recovery_draft (ctx->store, ctx->session, &draft, NULL, &error);
  if (id == 0)
    return tamctl_fail (g_steal_pointer (&error));
  g_print ("%" G_GINT64_FORMAT "\n", id);
  return 0;
}

static int
cmd_revise (TamctlContext *ctx,
            int argc,
            char **argv)
{
  g_autofree char *analysis = NULL;
  g_auto (GStrv) causes = NULL, actions = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) octx = g_option_context_new (_ ("ID — change a draft or revise a rejected plan"));
  g_autoptr (GArray) specs = g_array_new (FALSE, TRUE, sizeof (TamRecoveryActionSpec));
  g_autoptr (GPtrArray) buffers = g_ptr_array_new_with_free_func (g_free);
  GOptionEntry entries[] = {
    { "analysis", 0, 0, G_OPTION_ARG_STRING, &analysis, N_ ("The analysis of the causes"), "TEXT" },
    { "cause", 0, 0, G_OPTION_ARG_STRING_ARRAY, &causes, N_ ("PEOPLE, PROCESS, TOOLS, DAPROS or OTHER (repeat)"), "CAT" },
    { "action", 0, 0, G_OPTION_ARG_STRING_ARRAY, &actions, N_ ("What, who, by when (repeat)"), "\"TEXT|OWNER_NIK|YYYY-MM-DD\"" },
    { NULL }
  };
  guint bits;
  gint64 id;
  int rc = tamctl_record_command (ctx, octx, entries, &argc, &argv, NULL, NULL,
                                  _ ("usage: tamctl recovery revise ID [--analysis TEXT] [--cause CAT]... --action \"TEXT|OWNER_NIK|YYYY-MM-DD\"..."),
                                  &id);

  if (rc >= 0)
    return rc;
  if (!parse_causes (causes, &bits) || !parse_actions (actions, specs, buffers))
    return 2;
  if (!tam_recovery_revise (ctx->store, ctx->session, id, analysis, bits,
                            (const TamRecoveryActionSpec *) (void *) specs->data, specs->len, NULL, &error))
    return tamctl_fail (g_steal_pointer (&error));
  g_print (_ ("Revised: %lld\n"), (long long) id);
  return 0;
}

/* submit, approve, close: an ID and nothing else. */
static const TamctlStep submit = {
  .summary = "ID",
  .usage = N_ ("usage: tamctl recovery submit ID"),
  .step = tam_recovery_submit,
  .done = N_ ("Submitted: %lld\n"),
};

static const TamctlStep approve = {
  .summary = "ID",
  .usage = N_ ("usage: tamctl recovery approve ID"),
  .step = tam_recovery_approve,
  .done = N_ ("Approved: %lld\n"),
};

static const TamctlStep close_plan = {
  .summary = "ID",
  .usage = N_ ("usage: tamctl recovery close ID"),
  .step = tam_recovery_close,
  .done = N_ ("Closed: %lld\n"),
};

/* tam_recovery_reject at the present time. */
static gboolean
reject_now (TamStore *store,
            const TamSession *session,
            gint64 id,
            const char *reason,
            GError **error)
{
  return tam_recovery_reject (store, session, id, reason, NULL, error);
}

static const TamctlStep reject = {
  .summary = N_ ("ID — send a plan back to its drafter"),
  .option = "reason",
  .option_help = N_ ("Why (required)"),
  .option_arg = "TEXT",
  .required = TRUE,
  .usage = N_ ("usage: tamctl recovery reject ID --reason TEXT"),
  .step = reject_now,
  .done = N_ ("Rejected: %lld\n"),
};

static int
cmd_done (TamctlContext *ctx,
          int argc,
          char **argv)
{
  g_autofree char *note = NULL, *on = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) octx = g_option_context_new (_ ("ACTION_ID — mark an action done"));
  GOptionEntry entries[] = {
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_ ("What was done"), "TEXT" },
    { "on", 0, 0, G_OPTION_ARG_STRING, &on, N_ ("Done on this day (default today)"), "DATE" },
    { NULL }
  };
  gint64 id;
  int rc = tamctl_record_command (ctx, octx, entries, &argc, &argv, NULL, NULL,
                                  _ ("usage: tamctl recovery done ACTION_ID [--note TEXT] [--on DATE]"), &id);

  if (rc >= 0)
    return rc;
  if (!tam_recovery_action_done (ctx->store, ctx->session, id, note, on, &error))
    return tamctl_fail (g_steal_pointer (&error));
  g_print (_ ("Action done: %lld\n"), (long long) id);
  return 0;
}

static int
cmd_verify (TamctlContext *ctx,
            int argc,
            char **argv)
{
  g_autofree char *through = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) octx = g_option_context_new (_ ("— verify approved plans against the KPI"));
  GOptionEntry entries[] = {
    { "through", 0, 0, G_OPTION_ARG_STRING, &through, N_ ("Plans whose month is over by this day"), "DATE" },
    { NULL }
  };
  guint met = 0, not_met = 0;

  if (!tamctl_parse (octx, entries, &argc, &argv))
    return 2;
  if (argc != 1 || through == NULL)
    return tamctl_usage (_ ("usage: tamctl recovery verify --through DATE"));
  if (!tamctl_sign_in (ctx, &error) ||
      !tam_recovery_verify (ctx->store, ctx->session, through, &met, &not_met, &error))
    return tamctl_fail (g_steal_pointer (&error));
  g_print (_ ("Verified: %u met, %u not met\n"), met, not_met);
  return 0;
}

static int
cmd_follow_up (TamctlContext *ctx,
               int argc,
               char **argv)
{
  g_autofree char *analysis = NULL;
  g_auto (GStrv) actions = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) octx = g_option_context_new (_ ("ID — draft the follow-up of a plan not met (prints its id)"));
  g_autoptr (GArray) specs = g_array_new (FALSE, TRUE, sizeof (TamRecoveryActionSpec));
  g_autoptr (GPtrArray) buffers = g_ptr_array_new_with_free_func (g_free);
  GOptionEntry entries[] = {
    { "analysis", 0, 0, G_OPTION_ARG_STRING, &analysis, N_ ("The analysis of the causes"), "TEXT" },
    { "action", 0, 0, G_OPTION_ARG_STRING_ARRAY, &actions, N_ ("What, who, by when (repeat)"), "\"TEXT|OWNER_NIK|YYYY-MM-DD\"" },
    { NULL }
  };
  gint64 id, follow;
  int rc = tamctl_record_command (ctx, octx, entries, &argc, &argv, NULL, NULL,
                                  _ ("usage: tamctl recovery follow-up ID [--analysis TEXT] [--action \"TEXT|OWNER_NIK|YYYY-MM-DD\"]..."),
                                  &id);

  if (rc >= 0)
    return rc;
  if (!parse_actions (actions, specs, buffers))
    return 2;
  follow = tam_recovery_follow_up (ctx->store, ctx->session, id, analysis,
                                   (const TamRecoveryActionSpec *) (void *) specs->data, specs->len, NULL, &error);
  if (follow == 0)
    return tamctl_fail (g_steal_pointer (&error));
  g_print ("%" G_GINT64_FORMAT "\n", follow);
  return 0;
}

static char *
number (double v)
{
  return isnan (v) ? g_strdup ("") : g_strdup_printf ("%.2f", v);
}

static void
plan_row (GString *out,
          gconstpointer row)
{
  const TamRecoveryPlan *p = row;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, p->id);
  g_autofree char *kind = g_ascii_strdown (tam_kpi_scope_to_code (p->scope), -1);
  g_autofree char *kpi = g_ascii_strdown (tam_kpi_kind_to_code (p->kpi), -1);
  g_autofree char *scope = g_strdup_printf ("%s:%s", kind, p->scope_ref);
  g_autofree char *actual = number (p->actual), *target = number (p->target);
  g_autofree char *verified = number (p->verified_value);
  g_autofree char *version = g_strdup_printf ("%d", p->version);
  g_autofree char *n = g_strdup_printf ("%u", p->actions->len);
  g_autofree char *done = g_strdup_printf ("%u", p->n_done);
  g_autofree char *overdue = g_strdup_printf ("%u", p->n_overdue);
  g_autofree char *follows = p->follows_id ? g_strdup_printf ("%" G_GINT64_FORMAT, p->follows_id) : g_strdup ("");
  const char *fields[] = { id, kpi, scope, p->period, tam_recovery_state_to_code (p->state), p->drafted_by_nik,
                           p->decided_by_nik, actual, target, version, p->verify_month, verified, n, done, overdue,
                           follows, p->drafted_at, p->decided_at, p->decision_reason };

  tamctl_csv_line (out, fields, G_N_ELEMENTS (fields));
}

static int
cmd_list (TamctlContext *ctx,
          int argc,
          char **argv)
{
  g_autofree char *state = NULL, *output = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) octx = g_option_context_new (_ ("— recovery plans as CSV"));
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GString) out = g_string_new (NULL);
  GOptionEntry entries[] = {
    { "state", 0, 0, G_OPTION_ARG_STRING, &state, N_ ("DRAFT, SUBMITTED, APPROVED, REJECTED, VERIFIED_MET, VERIFIED_NOT_MET or CLOSED"),
      "STATE" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_ ("Write to FILE.csv instead of the screen"), "FILE" },
    { NULL }
  };
  static const char *const head[] = { "id", "kpi", "scope", "period", "state", "drafted_by", "decided_by", "actual",
                                      "target", "version", "verify_month", "verified_value", "actions", "done",
                                      "overdue", "follows", "drafted_at", "decided_at", "reason" };
  TamRecoveryFilter filter = TAM_RECOVERY_FILTER_INIT;

  if (!tamctl_parse (octx, entries, &argc, &argv))
    return 2;
  if (argc != 1)
    return tamctl_usage (_ ("usage: tamctl recovery list [--state STATE] [-o FILE.csv]"));
  if (state != NULL && (filter.state = tam_recovery_state_from_code (state)) < 0)
    return tamctl_refuse (_ ("tamctl: “%s” is not a state: say DRAFT, SUBMITTED, APPROVED, REJECTED, VERIFIED_MET,"
                             " VERIFIED_NOT_MET or CLOSED\n"),
                          state);
  if (!tamctl_sign_in (ctx, &error) ||
      (rows = tam_recovery_list (ctx->store, ctx->session, &filter, &error)) == NULL)
    return tamctl_fail (g_steal_pointer (&error));
  tamctl_csv_rows (out, head, G_N_ELEMENTS (head), rows, plan_row);
  g_autofree char *written = output ? g_strdup_printf (_ ("Written: %s (%u plans)\n"), output, rows->len) : NULL;

  return tamctl_emit (out, output, written);
}

static int
cmd_show (TamctlContext *ctx,
          int argc,
          char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) octx = g_option_context_new (_ ("ID — a plan's actions and history as CSV"));
  g_autoptr (TamRecoveryPlan) plan = NULL;
  g_autoptr (GPtrArray) history = NULL;
  g_autoptr (GString) out = g_string_new (NULL);
  GOptionEntry entries[] = { { NULL } };
  static const char *const head[] = { "kind", "id", "what", "who", "date", "done_on", "note" };
  gint64 id;
  int rc = tamctl_record_command (ctx, octx, entries, &argc, &argv, NULL, NULL, _ ("usage: tamctl recovery show ID"), &id);

  if (rc >= 0)
    return rc;
  plan = tam_recovery_get (ctx->store, ctx->session, id, &error);
  if (plan == NULL || (history = tam_recovery_history (ctx->store, ctx->session, id, &error)) == NULL)
    return tamctl_fail (g_steal_pointer (&error));
  tamctl_csv_line (out, head, G_N_ELEMENTS (head));
  for (guint i = 0; i < plan->actions->len; i++)
    {
      TamRecoveryAction *a = plan->actions->pdata[i];
      g_autofree char *aid = g_strdup_printf ("%" G_GINT64_FORMAT, a->id);
      const char *fields[] = { a->overdue ? "action-overdue" : "action", aid, a->text, a->owner_nik, a->due_on, a->done_on,
                               a->done_note };

      tamctl_csv_line (out, fields, G_N_ELEMENTS (fields));
    }
  for (guint i = 0; i < history->len; i++)
    {
      TamRecoveryEvent *e = history->pdata[i];
      g_autofree char *version = g_strdup_printf ("v%d", e->version);
      const char *fields[] = { "event", version, e->event, e->actor_nik, e->at, NULL, e->reason };

      tamctl_csv_line (out, fields, G_N_ELEMENTS (fields));
    }
  return tamctl_emit (out, NULL, NULL);
}

static int
cmd_pdf (TamctlContext *ctx,
         int argc,
         char **argv)
{
  g_autofree char *output = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) octx = g_option_context_new (_ ("ID — the plan as a PDF for distribution"));
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_ ("The PDF file to write"), "FILE.pdf" },
    { NULL }
  };
  gint64 id;
  int rc = tamctl_record_command (ctx, octx, entries, &argc, &argv, tamctl_string_given, &output,
                                  _ ("usage: tamctl recovery pdf ID -o FILE.pdf"), &id);

  if (rc >= 0)
    return rc;
  if (!tam_recovery_write_pdf (ctx->store, ctx->session, id, output, &error))
    return tamctl_fail (g_steal_pointer (&error));
  g_print (_ ("Written: %s\n"), output);
  return 0;
}

static const TamctlVerb verbs[] = {
  { "draft", cmd_draft },
  { "revise", cmd_revise },
  { "submit", .step = &submit },
  { "approve", .step = &approve },
  { "reject", .step = &reject },
  { "done", cmd_done },
  { "verify", cmd_verify },
  { "close", .step = &close_plan },
  { "follow-up", cmd_follow_up },
  { "list", cmd_list },
  { "show", cmd_show },
  { "pdf", cmd_pdf },
};

int
tamctl_cmd_recovery (TamctlContext *ctx,
                     int argc,
                     char **argv)
{
  return tamctl_dispatch (ctx, argc, argv, verbs, G_N_ELEMENTS (verbs),
                          _ ("usage: tamctl recovery draft|revise|submit|approve|reject|done|verify|close|follow-up|list|show|pdf ..."));
}

/* ------------------------------------------------------------------ */
/* calendar */

static int
cal_add_remove (TamctlContext *ctx,
                int argc,
                char **argv,
                gboolean add)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) octx = g_option_context_new (add ? _ ("DATE NAME — add a holiday") : _ ("DATE — remove a holiday"));

  if (!tamctl_parse (octx, NULL, &argc, &argv))
    return 2;
  if (argc != (add ? 3 : 2))
    return tamctl_usage (add ? _ ("usage: tamctl calendar add DATE NAME") : _ ("usage: tamctl calendar remove DATE"));
  if (!tamctl_sign_in (ctx, &error))
    return tamctl_fail (g_steal_pointer (&error));
  if (add ? !tam_calendar_add (ctx->store, ctx->session, argv[1], argv[2], &error)
          : !tam_calendar_remove (ctx->store, ctx->session, argv[1], &error))
    return tamctl_fail (g_steal_pointer (&error));
  g_print (add ? _ ("Holiday added: %s\n") : _ ("Holiday removed: %s\n"), argv[1]);
  return 0;
}

/* The shipped days with the database's corrections (no sign-in: the
 * calendar is no secret). */
static TamCalendar *
open_calendar (TamctlContext *ctx,
               GError **error)
{
  ctx->open_flags = TAM_STORE_OPEN_READ_ONLY;
  if (!tamctl_open (ctx, error))
    return NULL;
  return tam_calendar_load (ctx->store, error);
}

static int
cal_workday (TamctlContext *ctx,
             int argc,
             char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) octx = g_option_context_new (_ ("DATE +N — the date N working days after DATE"));
  g_autoptr (TamCalendar) cal = NULL;
  g_autofree char *result = NULL;
  char *end = NULL;
  long n;

  g_option_context_set_ignore_unknown_options (octx, TRUE);
  if (!tamctl_parse (octx, NULL, &argc, &argv))
    return 2;
  if (argc == 3)
    n = strtol (argv[2], &end, 10);
  if (argc != 3 || end == argv[2] || *end != '\0' || n < -10000 || n > 10000)
    return tamctl_usage (_ ("usage: tamctl calendar workday DATE +N"));
  if ((cal = open_calendar (ctx, &error)) == NULL)
    return tamctl_fail (g_steal_pointer (&error));
  {
    g_autofree char *day = tam_parse_date (argv[1]);

    result = day ? tam_workday_add (cal, day, (int) n) : NULL;
  }
  if (result == NULL)
    return tamctl_refuse (_ ("tamctl: “%s” is not a date (2026-10-05 or 05/10/2026)\n"), argv[1]);
  g_print ("%s\n", result);
  return 0;
}

static void
day_row (GString *out,
         gconstpointer row)
{
  static const char *const kinds[] = { "WORKDAY", "WEEKEND", "HOLIDAY", "CUTI_BERSAMA", "ADDED" };
  const TamCalendarDay *d = row;
  const char *source = d->kind == TAM_DAY_ADDED ? "DATABASE" : d->removed ? "REMOVED"
                                                           : d->estimated ? "ESTIMATED"
                                                                          : "SKB";
  const char *fields[] = { d->date, kinds[d->kind], d->name, source };

  tamctl_csv_line (out, fields, G_N_ELEMENTS (fields));
}

static int
cal_list (TamctlContext *ctx,
          int argc,
          char **argv)
{
  int year = 0;
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) octx = g_option_context_new (_ ("— holidays and cuti bersama as CSV"));
  g_autoptr (TamCalendar) cal = NULL;
  g_autoptr (GPtrArray) days = NULL;
  g_autoptr (GString) out = g_string_new (NULL);
  GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_ ("One year"), "YYYY" },
    { NULL }
  };
  static const char *const head[] = { "date", "kind", "name", "source" };

  if (!tamctl_parse (octx, entries, &argc, &argv))
    return 2;
  if (argc != 1)
    return tamctl_usage (_ ("usage: tamctl calendar list [--year YYYY]"));
  if ((cal = open_calendar (ctx, &error)) == NULL)
    return tamctl_fail (g_steal_pointer (&error));
  days = tam_calendar_list (cal, year);
  tamctl_csv_rows (out, head, G_N_ELEMENTS (head), days, day_row);
  return tamctl_emit (out, NULL, NULL);
}

static int
cal_add (TamctlContext *ctx,
         int argc,
         char **argv)
{
  return cal_add_remove (ctx, argc, argv, TRUE);
}

static int
cal_remove (TamctlContext *ctx,
            int argc,
            char **argv)
{
  return cal_add_remove (ctx, argc, argv, FALSE);
}

static const TamctlVerb calendar_verbs[] = {
  { "add", cal_add },
  { "remove", cal_remove },
  { "workday", cal_workday },
  { "list", cal_list },
};

int
tamctl_cmd_calendar (TamctlContext *ctx,
                     int argc,
                     char **argv)
{
  return tamctl_dispatch (ctx, argc, argv, calendar_verbs, G_N_ELEMENTS (calendar_verbs),
                          _ ("usage: tamctl calendar add DATE NAME | remove DATE | workday DATE +N | list [--year YYYY]"));
}
