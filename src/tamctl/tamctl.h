#pragma once

#include "tam-auth.h"
#include "tam-store.h"

G_BEGIN_DECLS

typedef struct
{
  char *db_path; /* --db, or the default path */
  char *as_nik;  /* --as */
  TamStore *store;
  TamSession *session;
  TamStoreOpenFlags open_flags; /* set by the command before opening */
} TamctlContext;

/* Opens ctx->store (once). Prints nothing; the caller reports errors. */
gboolean tamctl_open (TamctlContext *ctx,
                      GError **error);
/* Opens the store and signs in as --as with the password from
 * $TAM_PASSWORD or a prompt on the terminal. */
gboolean tamctl_sign_in (TamctlContext *ctx,
                         GError **error);
/* Prints "tamctl: MESSAGE" to stderr and returns 1. */
int tamctl_fail (GError *error);
/* Parses the command's own options (@entries, or NULL for none);
 * returns FALSE after printing what is wrong. */
gboolean tamctl_parse (GOptionContext *octx,
                       const GOptionEntry *entries,
                       int *argc,
                       char ***argv);
/* Prints "tamctl: @usage" (the usage, or what is wrong with the command
 * line) to stderr and returns 2. */
int tamctl_usage (const char *usage);
/* Prints the message @format (with its "tamctl: " and newline) to stderr
 * and returns 2: input the command refuses before it acts. */
int tamctl_refuse (const char *format,
                   ...) G_GNUC_PRINTF (1, 2);

/* A verb on one record that needs no more than an ID, at most one
 * string option, one core call and one line printed (tamctl_step). */
typedef struct
{
  const char *summary;     /* the --help line, "ID — dismiss a proposed record" (N_) */
  const char *option;      /* the long name of the option, or NULL */
  const char *option_help; /* (N_) */
  const char *option_arg;  /* "DATE" */
  gboolean required;       /* the option must be given */
  const char *usage;       /* (N_) */
  gboolean (*step) (TamStore *store, const TamSession *session, gint64 id, const char *value, GError **error);
  const char *done; /* printed after, with the id as a long long (N_) */
} TamctlStep;

/* Runs @step on the ID of argv[1] with the option's value (or NULL). */
int tamctl_step (TamctlContext *ctx,
                 int argc,
                 char **argv,
                 const TamctlStep *step);

/* A command made of verbs (tamctl coaching issue ...): each runs @func,
 * or, without, tamctl_step with @step. */
typedef struct
{
  const char *name;
  int (*func) (TamctlContext *ctx, int argc, char **argv);
  const TamctlStep *step;
} TamctlVerb;

/* Runs the verb argv[1] with the arguments from there on, or prints
 * @usage and returns 2. */
int tamctl_dispatch (TamctlContext *ctx,
                     int argc,
                     char **argv,
                     const TamctlVerb *verbs,
                     guint n_verbs,
                     const char *usage);

/* What the commands on records share (tamctl.c). */
/* One CSV line of @n fields (quoted as needed, CRLF). */
void tamctl_csv_line (GString *out,
                      const char *const *fields,
                      guint n);
/* The head line, then one line for each of @rows by @row. */
void tamctl_csv_rows (GString *out,
                      const char *const *head,
                      guint n_head,
                      const GPtrArray *rows,
                      void (*row) (GString *out, gconstpointer row));
/* A word of the command line and the enum value it stands for. */
typedef struct
{
  const char *name;
  int value;
} TamctlName;

/* The value of @name among the @n @names, or -1. */
int tamctl_name_value (const TamctlName *names,
                       guint n,
                       const char *name);
/* A positive id, or FALSE after printing that @text is not one. */
gboolean tamctl_parse_id (const char *text,
                          gint64 *id);
/* Writes @out to the file @output and prints @written, or, without
 * @output, to stdout. Returns the exit status. */
int tamctl_emit (const GString *out,
                 const char *output,
                 const char *written);
/* A string option was given (a validator for tamctl_record_command). */
gboolean tamctl_string_given (gpointer data);
/* The common start of a command on one record: its options, the usage
 * unless exactly one ID is given (or @valid says no), the ID, and the
 * sign-in. Returns -1 to go on, else the exit status. */
int tamctl_record_command (TamctlContext *ctx,
                           GOptionContext *octx,
                           GOptionEntry *entries,
                           int *argc,
                           char ***argv,
                           gboolean (*valid) (gpointer),
                           gpointer valid_data,
                           const char *usage,
                           gint64 *id);

/* One function per command, each in its own file. argv[0] is the command. */
int tamctl_cmd_init (TamctlContext *ctx, int argc, char **argv);
int tamctl_cmd_check (TamctlContext *ctx, int argc, char **argv);
int tamctl_cmd_backup (TamctlContext *ctx, int argc, char **argv);
int tamctl_cmd_passwd (TamctlContext *ctx, int argc, char **argv);
int tamctl_cmd_import (TamctlContext *ctx, int argc, char **argv);   /* tamctl-import.c */
int tamctl_cmd_export (TamctlContext *ctx, int argc, char **argv);   /* tamctl-import.c */
int tamctl_cmd_bench (TamctlContext *ctx, int argc, char **argv);    /* tamctl-bench.c */
int tamctl_cmd_tap (TamctlContext *ctx, int argc, char **argv);      /* tamctl-calls.c */
int tamctl_cmd_recall (TamctlContext *ctx, int argc, char **argv);   /* tamctl-calls.c */
int tamctl_cmd_report (TamctlContext *ctx, int argc, char **argv);   /* tamctl-calls.c */
int tamctl_cmd_coaching (TamctlContext *ctx, int argc, char **argv); /* tamctl-coaching.c */
int tamctl_cmd_letter (TamctlContext *ctx, int argc, char **argv);   /* tamctl-coaching.c */
int tamctl_cmd_kpi (TamctlContext *ctx, int argc, char **argv);      /* tamctl-kpi.c */
int tamctl_cmd_chart (TamctlContext *ctx, int argc, char **argv);    /* tamctl-chart.c */
int tamctl_cmd_recovery (TamctlContext *ctx, int argc, char **argv); /* tamctl-recovery.c */
int tamctl_cmd_calendar (TamctlContext *ctx, int argc, char **argv); /* tamctl-recovery.c */
int tamctl_cmd_training (TamctlContext *ctx, int argc, char **argv); /* tamctl-training.c */

G_END_DECLS
