/* tamctl coaching / letter: coaching and discipline (IK Pembinaan) from
 * the command line, through the same core functions (and rules) as the
 * window. */
#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "tam-catalog.h"
#include "tam-coaching.h"
#include "tam-csv.h"
#include "tam-letter.h"
#include "tamctl.h"

static int
cmd_rules (TamctlContext *ctx,
           int argc,
           char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) out = g_string_new (NULL);
  const TamCatalog *catalog = tam_catalog_get_default (&error);
  static const char *const head[] = { "code", "category", "row", "text", "first_level", "mode", "trigger",
                                      "summary", "notes", "catalog_version" };

  if (catalog == NULL)
    return tamctl_fail (g_steal_pointer (&error));
  tamctl_csv_line (out, head, G_N_ELEMENTS (head));
  for (guint i = 0; i < catalog->rules->len; i++)
    {
      const TamCoachingRule *r = catalog->rules->pdata[i];
      g_autofree char *row = g_strdup_printf ("%u", r->row);
      g_autofree char *trigger = NULL;

      switch (r->trigger)
        {
        case TAM_TRIGGER_ATTENDANCE:
          trigger = g_strdup_printf ("attendance:%s", tam_attendance_status_to_code (r->status));
          break;
        case TAM_TRIGGER_COUNT:
          trigger = g_strdup (r->count == TAM_COUNT_ALPA_MONTH ? "count:ALPA_MONTH" : "count:ABSENCES_3_MONTHS");
          break;
        case TAM_TRIGGER_KPI:
          {
            g_autofree char *params = g_strjoinv (" ", r->parameters);
            trigger = g_strdup_printf ("kpi:%s", params);
          }
          break;
        case TAM_TRIGGER_MANUAL:
        default:
          trigger = g_strdup ("manual");
          break;
        }
      {
        const char *fields[] = { r->code, r->category, row, r->text, tam_coaching_level_to_code (r->first),
                                 tam_coaching_mode_to_code (r->mode), trigger, tam_coaching_rule_summary (r),
                                 r->notes, catalog->version };
        tamctl_csv_line (out, fields, G_N_ELEMENTS (fields));
      }
    }
  return tamctl_emit (out, NULL, NULL);
}

static int
cmd_record (TamctlContext *ctx,
            int argc,
            char **argv)
{
  g_autofree char *on = NULL, *note = NULL, *call = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) octx = g_option_context_new (_ ("NIK RULE_CODE — record a nonconformity"));
  GOptionEntry entries[] = {
    { "on", 0, 0, G_OPTION_ARG_STRING, &on, N_ ("The day it happened"), "DATE" },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_ ("What happened"), "TEXT" },
    { "call", 0, 0, G_OPTION_ARG_STRING, &call, N_ ("The call it concerns"), "CALL_ID" },
    { NULL }
  };
  gint64 id;

  if (!tamctl_parse (octx, entries, &argc, &argv))
    return 2;
  if (argc != 3 || on == NULL)
    return tamctl_usage (_ ("usage: tamctl coaching record NIK RULE_CODE --on DATE [--note TEXT] [--call CALL_ID]"));
  if (!tamctl_sign_in (ctx, &error))
    return tamctl_fail (g_steal_pointer (&error));
  id = tam_coaching_record (ctx->store, ctx->session, argv[1], argv[2], on, note, call, &error);
  if (id == 0)
    return tamctl_fail (g_steal_pointer (&error));
  g_print (_ ("Recorded: %lld\n"), (long long) id);
  return 0;
}

static int
cmd_propose (TamctlContext *ctx,
             int argc,
             char **argv)
{
  g_autofree char *through = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) octx = g_option_context_new (_ ("— propose what attendance and KPIs call for"));
  GOptionEntry entries[] = {
    { "through", 0, 0, G_OPTION_ARG_STRING, &through, N_ ("Up to and including this day"), "DATE" },
    { NULL }
  };
  guint n = 0;

  if (!tamctl_parse (octx, entries, &argc, &argv))
    return 2;
  if (argc != 1 || through == NULL)
    return tamctl_usage (_ ("usage: tamctl coaching propose --through DATE"));
  if (!tamctl_sign_in (ctx, &error) ||
      !tam_coaching_propose (ctx->store, ctx->session, through, &n, &error))
    return tamctl_fail (g_steal_pointer (&error));
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u new proposal\n", "%u new proposals\n", n), n);
  return 0;
}

static void
record_row (GString *out,
            gconstpointer row)
{
  const TamCoachingRecord *r = row;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, r->id);
  const char *fields[] = { id, r->nik, r->name, r->rule_code, tam_coaching_level_to_code (r->level),
                           tam_coaching_state_to_code (r->state), r->occurred_on, r->issued_on, r->valid_until,
                           r->conditional ? "1" : "0", r->team_leader_nik, r->acknowledged_on,
                           r->refused ? "1" : "0", r->witness_nik, r->confirmed_on, r->event_key, r->call_id,
                           r->note, r->dismiss_reason };

  tamctl_csv_line (out, fields, G_N_ELEMENTS (fields));
}

static int
cmd_list (TamctlContext *ctx,
          int argc,
          char **argv)
{
  g_autofree char *nik = NULL, *state = NULL, *output = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) octx = g_option_context_new (_ ("— coaching records as CSV"));
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GString) out = g_string_new (NULL);
  GOptionEntry entries[] = {
    { "nik", 0, 0, G_OPTION_ARG_STRING, &nik, N_ ("One person's records"), "NIK" },
    { "state", 0, 0, G_OPTION_ARG_STRING, &state, N_ ("PROPOSED, ISSUED or DISMISSED"), "STATE" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_ ("Write to FILE.csv instead of the screen"), "FILE" },
    { NULL }
  };
  static const char *const head[] = { "id", "nik", "name", "rule", "level", "state", "occurred_on", "issued_on",
                                      "valid_until", "conditional", "team_leader_nik", "acknowledged_on", "refused",
                                      "witness_nik", "confirmed_on", "event", "call_id", "note", "dismiss_reason" };
  TamCoachingFilter filter = TAM_COACHING_FILTER_INIT;

  if (!tamctl_parse (octx, entries, &argc, &argv))
    return 2;
  if (argc != 1)
    return tamctl_usage (_ ("usage: tamctl coaching list [--nik NIK] [--state STATE] [-o FILE.csv]"));
  if (state != NULL)
    {
      g_autofree char *code = g_ascii_strup (state, -1);

      filter.state = tam_coaching_state_from_code (code);
      if (filter.state < 0)
        return tamctl_refuse (_ ("tamctl: “%s” is not a state: say PROPOSED, ISSUED or DISMISSED\n"), state);
    }
  filter.nik = nik;
  if (!tamctl_sign_in (ctx, &error) ||
      (rows = tam_coaching_list (ctx->store, ctx->session, &filter, &error)) == NULL)
    return tamctl_fail (g_steal_pointer (&error));
  tamctl_csv_rows (out, head, G_N_ELEMENTS (head), rows, record_row);
  g_autofree char *written = output ? g_strdup_printf (_ ("Written: %s (%u records)\n"), output, rows->len) : NULL;

  return tamctl_emit (out, output, written);
}

static int
cmd_issue (TamctlContext *ctx,
           int argc,
           char **argv)
{
  g_autofree char *on = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) octx = g_option_context_new (_ ("ID — issue a proposed record"));
  GOptionEntry entries[] = {
    { "on", 0, 0, G_OPTION_ARG_STRING, &on, N_ ("Issued on this day (default today)"), "DATE" },
    { NULL }
  };
  gint64 id;
  int rc = tamctl_record_command (ctx, octx, entries, &argc, &argv, NULL, NULL,
                                  _ ("usage: tamctl coaching issue ID [--on DATE]"), &id);

  if (rc >= 0)
    return rc;
  if (!tam_coaching_issue (ctx->store, ctx->session, id, on, &error))
    return tamctl_fail (g_steal_pointer (&error));
  {
    g_autoptr (TamCoachingRecord) r = tam_coaching_get (ctx->store, ctx->session, id, NULL);

    if (r != NULL)
      g_print (_ ("Issued: %lld %s %s, valid until %s\n"), (long long) id, r->nik,
               tam_coaching_level_to_code (r->level), r->valid_until);
  }
  return 0;
}

static const TamctlStep dismiss = {
  .summary = N_ ("ID — dismiss a proposed record"),
  .option = "reason",
  .option_help = N_ ("Why it does not apply"),
  .option_arg = "TEXT",
  .usage = N_ ("usage: tamctl coaching dismiss ID --reason TEXT"),
  .step = tam_coaching_dismiss,
  .done = N_ ("Dismissed: %lld\n"),
};

/* ack: a date, or a refusal with its witness. */
typedef struct
{
  char **on;
  gboolean *refused;
  char **witness;
} AckOptions;

static gboolean
ack_options_valid (gpointer data)
{
  AckOptions *o = data;

  return *o->refused ? *o->witness != NULL : (*o->on != NULL && *o->witness == NULL);
}

static int
cmd_ack (TamctlContext *ctx,
         int argc,
         char **argv)
{
  g_autofree char *on = NULL, *witness = NULL;
  gboolean refused = FALSE;
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) octx = g_option_context_new (_ ("ID — the agent's receipt of an issued record"));
  GOptionEntry entries[] = {
    { "on", 0, 0, G_OPTION_ARG_STRING, &on, N_ ("The day the agent signed (or refused)"), "DATE" },
    { "refused", 0, 0, G_OPTION_ARG_NONE, &refused, N_ ("The agent refused to sign"), NULL },
    { "witness", 0, 0, G_OPTION_ARG_STRING, &witness, N_ ("Who witnessed the refusal"), "NIK" },
    { NULL }
  };
  AckOptions opts = { &on, &refused, &witness };
  gint64 id;
  gboolean ok;
  int rc = tamctl_record_command (ctx, octx, entries, &argc, &argv, ack_options_valid, &opts,
                                  _ ("usage: tamctl coaching ack ID --on DATE | --refused --witness NIK [--on DATE]"), &id);

  if (rc >= 0)
    return rc;
  ok = refused ? tam_coaching_refuse (ctx->store, ctx->session, id, witness, on, &error)
               : tam_coaching_acknowledge (ctx->store, ctx->session, id, on, &error);
  if (!ok)
    return tamctl_fail (g_steal_pointer (&error));
  g_print (refused ? _ ("Refusal recorded: %lld\n") : _ ("Receipt recorded: %lld\n"), (long long) id);
  return 0;
}

static const TamctlStep confirm = {
  .summary = N_ ("ID — confirm a return to the vendor (SP4)"),
  .option = "on",
  .option_help = N_ ("Confirmed on this day (default today)"),
  .option_arg = "DATE",
  .usage = N_ ("usage: tamctl coaching confirm ID [--on DATE]"),
  .step = tam_coaching_confirm,
  .done = N_ ("Confirmed: %lld, returned to the vendor\n"),
};

static const TamctlVerb verbs[] = {
  { "rules", cmd_rules },
  { "record", cmd_record },
  { "propose", cmd_propose },
  { "list", cmd_list },
  { "issue", cmd_issue },
  { "dismiss", .step = &dismiss },
  { "ack", cmd_ack },
  { "confirm", .step = &confirm },
};

int
tamctl_cmd_coaching (TamctlContext *ctx,
                     int argc,
                     char **argv)
{
  return tamctl_dispatch (ctx, argc, argv, verbs, G_N_ELEMENTS (verbs),
                          _ ("usage: tamctl coaching rules|record|propose|list|issue|dismiss|ack|confirm ..."));
}

int
tamctl_cmd_letter (TamctlContext *ctx,
                   int argc,
                   char **argv)
{
  g_autofree char *output = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) octx = g_option_context_new (_ ("ID — the letter of an issued record as PDF"));
  g_autoptr (TamLetter) letter = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_ ("The PDF file to write"), "FILE.pdf" },
    { NULL }
  };
  gint64 id;
  int rc = tamctl_record_command (ctx, octx, entries, &argc, &argv, tamctl_string_given, &output,
                                  _ ("usage: tamctl letter ID -o FILE.pdf"), &id);

  if (rc >= 0)
    return rc;
  letter = tam_letter_new (ctx->store, ctx->session, id, &error);
  if (letter == NULL || !tam_letter_write_pdf (letter, output, &error))
    return tamctl_fail (g_steal_pointer (&error));
  g_print (_ ("Written: %s\n"), output);
  return 0;
}
