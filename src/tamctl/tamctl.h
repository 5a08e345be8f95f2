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
