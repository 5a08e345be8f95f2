/* tamctl: the headless face of the core, for scripts and tests. Links only
 * the core library (no GTK) and obeys the same role rules as the window. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "tam-auth.h"
#include "tam-backup.h"
#include "tam-check.h"
#include "tam-csv.h"
#include "tam-demo.h"
#include "tam-people.h"
#include "tamctl.h"

int
tamctl_fail (GError *error)
{
  g_printerr ("tamctl: %s\n", error ? error->message : _ ("failed"));
  g_clear_error (&error);
  return 1;
}

gboolean
tamctl_parse (GOptionContext *octx,
              const GOptionEntry *entries,
              int *argc,
              char ***argv)
{
  g_autoptr (GError) error = NULL;

  if (entries != NULL)
    g_option_context_add_main_entries (octx, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (octx, argc, argv, &error))
    {
      g_printerr ("tamctl: %s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

int
tamctl_usage (const char *usage)
{
  g_printerr ("tamctl: %s\n", usage);
  return 2;
}

int
tamctl_refuse (const char *format,
               ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("%s", message);
  return 2;
}

int
tamctl_dispatch (TamctlContext *ctx,
                 int argc,
                 char **argv,
                 const TamctlVerb *verbs,
                 guint n_verbs,
                 const char *usage)
{
  if (argc >= 2)
    for (guint i = 0; i < n_verbs; i++)
      if (strcmp (verbs[i].name, argv[1]) == 0)
        return verbs[i].func != NULL ? verbs[i].func (ctx, argc - 1, argv + 1)
                                     : tamctl_step (ctx, argc - 1, argv + 1, verbs[i].step);
  return tamctl_usage (usage);
}

gboolean
tamctl_open (TamctlContext *ctx,
             GError **error)
{
  if (ctx->store != NULL)
    return TRUE;
  ctx->store = tam_store_open_full (ctx->db_path, ctx->open_flags, error);
  return ctx->store != NULL;
}

static char *
read_password (const char *nik)
{
  const char *env = g_getenv ("TAM_PASSWORD");
  struct termios old, quiet;
  char buf[256];
  gboolean tty = isatty (STDIN_FILENO);

  if (env != NULL)
    return g_strdup (env);

  if (tty)
    {
      g_printerr (_ ("Password for %s: "), nik);
      tcgetattr (STDIN_FILENO, &old);
      quiet = old;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      tcsetattr (STDIN_FILENO, TCSANOW, &quiet);
    }
  if (fgets (buf, sizeof buf, stdin) == NULL)
    buf[0] = '\0';
  if (tty)
    {
      tcsetattr (STDIN_FILENO, TCSANOW, &old);
      g_printerr ("\n");
    }
  buf[strcspn (buf, "\r\n")] = '\0';
  return g_strdup (buf);
}

gboolean
tamctl_sign_in (TamctlContext *ctx,
                GError **error)
{
  g_autofree char *password = NULL;

  if (ctx->session != NULL)
    return TRUE;
  if (ctx->as_nik == NULL)
    {
      /* Issue 12: export and reports change nothing, yet act as someone. */
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_PERMISSION,
                           _ ("This command acts as a desk account and obeys its role: say who you are with --as NIK (the password from $TAM_PASSWORD or a prompt)"));
      return FALSE;
    }
  if (!tamctl_open (ctx, error))
    return FALSE;
  password = read_password (ctx->as_nik);
  if (password == NULL || *password == '\0')
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_AUTH,
                   _ ("No password for %s: set $TAM_PASSWORD or type it at the prompt"), ctx->as_nik);
      return FALSE;
    }
  ctx->session = tam_auth_sign_in (ctx->store, ctx->as_nik, password, error);
  if (password != NULL)
    explicit_bzero (password, strlen (password));
  return ctx->session != NULL;
}

int
tamctl_cmd_init (TamctlContext *ctx,
                 int argc,
                 char **argv)
{
  gboolean demo = FALSE;
  int scale = 1;
  guint64 seed = 20261001;
  g_autoptr (GError) error = NULL;
  GOptionEntry entries[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, N_ ("Fill the new database with demo data"), NULL },
    { "scale", 0, 0, G_OPTION_ARG_INT, &scale, N_ ("Multiply the demo data by N (benchmarks)"), "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, N_ ("Random seed of the demo data"), "SEED" },
    { NULL }
  };
  g_autoptr (GOptionContext) octx = g_option_context_new (_ ("— create a database"));

  if (!tamctl_parse (octx, entries, &argc, &argv))
    return 2;
  if (scale < 1)
    return tamctl_usage (_ ("--scale must be 1 or more"));
  /* The one command that makes a new file. */
  ctx->open_flags = TAM_STORE_OPEN_CREATE;
  if (!tamctl_open (ctx, &error))
    return tamctl_fail (g_steal_pointer (&error));
  if (demo)
    {
      if (tam_people_count (ctx->store, NULL) > 0)
        {
          g_printerr (_ ("tamctl: %s already has people; demo data goes only into a new database\n"),
                      ctx->db_path);
          return 1;
        }
      if (!tam_demo_generate (ctx->store, scale, seed, NULL, NULL, NULL, &error))
        return tamctl_fail (g_steal_pointer (&error));
    }
  g_print (_ ("Database ready: %s\n"), ctx->db_path);
  return 0;
}

int
tamctl_cmd_check (TamctlContext *ctx,
                  int argc,
                  char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) report = g_string_new (NULL);
  gboolean ok;

  ctx->open_flags = TAM_STORE_OPEN_READ_ONLY;
  if (!tamctl_open (ctx, &error))
    return tamctl_fail (g_steal_pointer (&error));
  ok = tam_check (ctx->store, report, &error);
  g_print ("%s", report->str);
  if (!ok)
    return tamctl_fail (g_steal_pointer (&error));
  g_print ("%s\n", _ ("ok"));
  return 0;
}

int
tamctl_cmd_backup (TamctlContext *ctx,
                   int argc,
                   char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) octx = g_option_context_new (_ ("FILE — copy the database, consistent while in use"));

  if (!tamctl_parse (octx, NULL, &argc, &argv))
    return 2;
  if (argc != 2)
    return tamctl_usage (_ ("usage: tamctl backup FILE"));
  ctx->open_flags = TAM_STORE_OPEN_READ_ONLY;
  if (!tamctl_sign_in (ctx, &error) ||
      !tam_backup (ctx->store, ctx->session, argv[1], NULL, NULL, NULL, &error))
    return tamctl_fail (g_steal_pointer (&error));
  g_print (_ ("Backup written: %s\n"), argv[1]);
  return 0;
}

int
tamctl_cmd_passwd (TamctlContext *ctx,
                   int argc,
                   char **argv)
{
  g_autoptr (GError) error = NULL;
  const char *new_password = g_getenv ("TAM_NEW_PASSWORD");

  if (argc != 2)
    return tamctl_usage (_ ("usage: tamctl passwd NIK (new password in $TAM_NEW_PASSWORD)"));
  if (new_password == NULL)
    return tamctl_usage (_ ("set the new password in $TAM_NEW_PASSWORD"));
  if (!tamctl_open (ctx, &error))
    return tamctl_fail (g_steal_pointer (&error));
  /* The first account of an empty database needs no sign-in. */
  if (tam_auth_has_users (ctx->store) &&
      !tamctl_sign_in (ctx, &error))
    return tamctl_fail (g_steal_pointer (&error));
  if (!tam_auth_set_password (ctx->store, ctx->session, argv[1], new_password, &error))
    return tamctl_fail (g_steal_pointer (&error));
  g_print (_ ("Password set for %s\n"), argv[1]);
  return 0;
}

static const struct
{
  const char *name;
  int (*func) (TamctlContext *, int, char **);
  const char *help;
} commands[] = {
  { "init", tamctl_cmd_init, N_ ("init [--demo] [--scale N]      create a database") },
  { "import", tamctl_cmd_import, N_ ("import roster|attendance|calls|kpi|headcount|targets FILE [--skip-bad REJECTS.csv]") },
  { "export", tamctl_cmd_export, N_ ("export roster FILE.csv|FILE.xlsx") },
  { "check", tamctl_cmd_check, N_ ("check                         integrity and audit chain") },
  { "backup", tamctl_cmd_backup, N_ ("backup FILE                   consistent copy (--as a supervisor)") },
  { "passwd", tamctl_cmd_passwd, N_ ("passwd NIK                    set a desk password (the new one from $TAM_NEW_PASSWORD)") },
  { "tap", tamctl_cmd_tap, N_ ("tap CALL_ID valid|return [--fail CODE]... [--note TEXT] [--recordings DIR]") },
  { "recall", tamctl_cmd_recall, N_ ("recall CALL_ID --recording FILE [--note TEXT] [--recordings DIR]") },
  { "report", tamctl_cmd_report, N_ ("report f02|f18|w03|f03 --month YYYY-MM -o FILE.xlsx|FILE.csv") },
  { "coaching", tamctl_cmd_coaching, N_ ("coaching rules                the rule catalog as CSV") },
  { "coaching", tamctl_cmd_coaching, N_ ("coaching record NIK RULE_CODE --on DATE [--note TEXT] [--call CALL_ID]") },
  { "coaching", tamctl_cmd_coaching, N_ ("coaching propose --through DATE") },
  { "coaching", tamctl_cmd_coaching, N_ ("coaching list [--nik NIK] [--state STATE] [-o FILE.csv]") },
  { "coaching", tamctl_cmd_coaching, N_ ("coaching issue ID [--on DATE] | dismiss ID --reason TEXT") },
  { "coaching", tamctl_cmd_coaching, N_ ("coaching ack ID --on DATE | --refused --witness NIK") },
  { "coaching", tamctl_cmd_coaching, N_ ("coaching confirm ID [--on DATE]   a manager confirms SP4") },
  { "letter", tamctl_cmd_letter, N_ ("letter ID -o FILE.pdf          the letter of an issued record") },
  { "chart", tamctl_cmd_chart, N_ ("chart qvs|first_pass|headcount|score --from YYYY-MM --to YYYY-MM [--by SCOPE] -o FILE.png|FILE.pdf") },
  { "kpi", tamctl_cmd_kpi, N_ ("kpi qvs|budget|headcount|scorecard|adherence|ct0 --month YYYY-MM [--by SCOPE] [-o FILE]") },
  { "recovery", tamctl_cmd_recovery, N_ ("recovery draft --kpi KPI --scope agent:NIK|team:TL_NIK|site:CODE|service:CODE --period YYYY-MM --analysis TEXT [--cause CAT]... --action \"TEXT|OWNER_NIK|YYYY-MM-DD\"...") },
  { "recovery", tamctl_cmd_recovery, N_ ("recovery submit|approve|close ID | reject ID --reason TEXT | revise ID ... | follow-up ID ...") },
  { "recovery", tamctl_cmd_recovery, N_ ("recovery done ACTION_ID [--note TEXT] | verify --through DATE | show ID | pdf ID -o FILE.pdf") },
  { "recovery", tamctl_cmd_recovery, N_ ("recovery list [--state STATE] [-o FILE.csv]") },
  { "calendar", tamctl_cmd_calendar, N_ ("calendar add DATE NAME | remove DATE | workday DATE +N | list [--year YYYY]") },
  { "bench", tamctl_cmd_bench, N_ ("bench [--scale N]             speed figures (--db NEWFILE: the demo is generated there)") },
  { "training", tamctl_cmd_training, N_ ("training add --kind KIND --title TEXT --service CODE --site CODE --from DATE --to DATE [--trainer NIK]") },
  { "training", tamctl_cmd_training, N_ ("training enroll ID NIK... | attend ID NIK --on DATE [--absent] | score ID NIK SCORE") },
  { "training", tamctl_cmd_training, N_ ("training import-scores ID FILE | list [-o FILE.csv] | due --on DATE [-o FILE.csv]") },
};

/* On stdout when asked for (--help), else on stderr. */
static void
usage (gboolean asked)
{
  FILE *out = asked ? stdout : stderr;

  fprintf (out, "%s\n", _ ("usage: tamctl [--db FILE] [--as NIK] COMMAND [ARGS]"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %s\n", _ (commands[i].help));
  fprintf (out, "%s\n", _ ("The password of --as comes from $TAM_PASSWORD or a prompt."));
  fprintf (out, "%s\n", _ ("tamctl --version prints the version; tamctl COMMAND --help the options of a command."));
}

int
main (int argc,
      char **argv)
{
  TamctlContext ctx = { 0 };
  g_autoptr (GPtrArray) rest = g_ptr_array_new ();
  int ret = 2;

  setlocale (LC_ALL, "");
  /* TAM_LOCALEDIR lets an uninstalled build find its own catalogues. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("TAM_LOCALEDIR") ? g_getenv ("TAM_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* --db and --as may stand anywhere; the rest goes to the command. */
  for (int i = 0; i < argc; i++)
    {
      if ((strcmp (argv[i], "--db") == 0 || strcmp (argv[i], "--as") == 0) && i + 1 < argc)
        {
          char **slot = argv[i][2] == 'd' ? &ctx.db_path : &ctx.as_nik;
          g_free (*slot);
          *slot = g_strdup (argv[++i]);
        }
      else if (g_str_has_prefix (argv[i], "--db="))
        {
          g_free (ctx.db_path);
          ctx.db_path = g_strdup (argv[i] + 5);
        }
      else if (g_str_has_prefix (argv[i], "--as="))
        {
          g_free (ctx.as_nik);
          ctx.as_nik = g_strdup (argv[i] + 5);
        }
      else
        g_ptr_array_add (rest, argv[i]);
    }
  if (ctx.db_path == NULL)
    ctx.db_path = tam_store_default_path ();

  if (rest->len >= 2 && strcmp (rest->pdata[1], "--version") == 0)
    {
      g_print ("tamctl %s\n", PACKAGE_VERSION);
      ret = 0;
    }
  else if (rest->len < 2 || strcmp (rest->pdata[1], "--help") == 0 || strcmp (rest->pdata[1], "help") == 0)
    {
      /* Asked for, help is an answer, not an error. */
      usage (rest->len >= 2);
      if (rest->len >= 2)
        ret = 0;
    }
  else
    {
      guint i;
      for (i = 0; i < G_N_ELEMENTS (commands); i++)
        if (strcmp (commands[i].name, rest->pdata[1]) == 0)
          break;
      if (i == G_N_ELEMENTS (commands))
        {
          g_printerr (_ ("tamctl: unknown command “%s”\n"), (char *) rest->pdata[1]);
          usage (FALSE);
        }
      else
        {
          g_ptr_array_add (rest, NULL);
          ret = commands[i].func (&ctx, (int) rest->len - 2, (char **) rest->pdata + 1);
        }
    }

  g_clear_pointer (&ctx.session, tam_session_free);
  g_clear_object (&ctx.store);
  g_free (ctx.db_path);
  g_free (ctx.as_nik);
  return ret;
}

void
tamctl_csv_line (GString *out,
                 const char *const *fields,
                 guint n)
{
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      tam_csv_append_field (out, fields[i] ? fields[i] : "", -1, ',');
    }
  g_string_append (out, "\r\n");
}

void
tamctl_csv_rows (GString *out,
                 const char *const *head,
                 guint n_head,
                 const GPtrArray *rows,
                 void (*row) (GString *out, gconstpointer row))
{
  tamctl_csv_line (out, head, n_head);
  for (guint i = 0; i < rows->len; i++)
    row (out, rows->pdata[i]);
}

int
tamctl_name_value (const TamctlName *names,
                   guint n,
                   const char *name)
{
  for (guint i = 0; i < n; i++)
    if (strcmp (names[i].name, name) == 0)
      return names[i].value;
  return -1;
}

gboolean
tamctl_parse_id (const char *text,
                 gint64 *id)
{
  char *end = NULL;
  gint64 v = g_ascii_strtoll (text, &end, 10);

  if (end == text || *end != '\0' || v <= 0)
    {
      g_printerr (_ ("tamctl: “%s” is not an id\n"), text);
      return FALSE;
    }
  *id = v;
  return TRUE;
}

gboolean
tamctl_string_given (gpointer data)
{
  return *(char **) data != NULL;
}

int
tamctl_record_command (TamctlContext *ctx,
                       GOptionContext *octx,
                       GOptionEntry *entries,
                       int *argc,
                       char ***argv,
                       gboolean (*valid) (gpointer),
                       gpointer valid_data,
                       const char *usage,
                       gint64 *id)
{
  g_autoptr (GError) error = NULL;

  if (!tamctl_parse (octx, entries, argc, argv))
    return 2;
  if (*argc != 2 || (valid != NULL && !valid (valid_data)))
    return tamctl_usage (usage);
  if (!tamctl_parse_id ((*argv)[1], id))
    return 2;
  if (!tamctl_sign_in (ctx, &error))
    return tamctl_fail (g_steal_pointer (&error));
  return -1;
}

int
tamctl_emit (const GString *out,
             const char *output,
             const char *written)
{
  g_autoptr (GError) error = NULL;

  if (output == NULL)
    {
      fwrite (out->str, 1, out->len, stdout);
      return 0;
    }
  if (!g_file_set_contents (output, out->str, (gssize) out->len, &error))
    return tamctl_fail (g_steal_pointer (&error));
  g_print ("%s", written);
  return 0;
}

int
tamctl_step (TamctlContext *ctx,
             int argc,
             char **argv,
             const TamctlStep *step)
{
  g_autofree char *value = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) octx = g_option_context_new (_ (step->summary));
  GOptionEntry entries[] = {
    { step->option, 0, 0, G_OPTION_ARG_STRING, &value, step->option_help, step->option_arg },
    { NULL }
  };
  gint64 id;
  int rc = tamctl_record_command (ctx, octx, entries, &argc, &argv, step->required ? tamctl_string_given : NULL, &value,
                                  _ (step->usage), &id);

  if (rc >= 0)
    return rc;
  if (!step->step (ctx->store, ctx->session, id, value, &error))
    return tamctl_fail (g_steal_pointer (&error));
  g_print (_ (step->done), (long long) id);
  return 0;
}
