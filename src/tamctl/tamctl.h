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
/* Parses the command's own options; returns FALSE after printing usage. */
gboolean tamctl_parse (GOptionContext *octx,
                       int *argc,
                       char ***argv);

/* What the commands on records share (tamctl.c). */
/* One CSV line of @n fields (quoted as needed, CRLF). */
void tamctl_csv_line (GString *out,
                      const char *const *fields,
                      guint n);
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
