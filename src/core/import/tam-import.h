#pragma once

#include "tam-auth.h"

G_BEGIN_DECLS

typedef enum
{
  TAM_IMPORT_ROSTER,
  TAM_IMPORT_ATTENDANCE,
  TAM_IMPORT_CALLS,
  TAM_IMPORT_KPI,       /* month,nik,parameter,value: the ABU scores (kpi_inputs) */
  TAM_IMPORT_HEADCOUNT, /* month,service,site,target: CAPLAN (headcount_targets) */
  TAM_IMPORT_TARGETS,   /* month,nik,daily_target: CT-0 targets (agent_targets) */
} TamImportKind;

#define TAM_IMPORT_MAX_ERRORS 20

typedef struct
{
  guint64 rows; /* data rows read */
  guint64 inserted;
  guint64 updated;
  guint64 unchanged;
  guint64 rejected;          /* with --skip-bad: rows written to rejects */
  gboolean same_file_before; /* this exact file (SHA-256) was imported before */
  GPtrArray *errors;         /* char*: "FILE:LINE: column COL: reason", at most 20 */
  guint64 taken_as_trained;  /* roster: new agents imported ACTIVE (issue 14) */
} TamImportResult;

void tam_import_result_clear (TamImportResult *result);
/* A one-line summary for people ("1,204 rows: 1,200 new, 4 changed..."),
 * saying so when nothing changed. */
char *tam_import_result_summary (const TamImportResult *result);

/* Imports a CSV (or .xlsx) into the store, checked against the
 * actor's permissions, in one transaction. Columns are found by name in
 * the header (any case, any order; extra columns are ignored); every
 * column of the kind is required, except product and recording of calls.
 * @actor NULL is allowed only for the roster of a database that has no
 * accounts yet (set-up, like tam_auth_set_password()). Run it on a
 * connection of its own when the caller's thread must stay free (the
 * GUI); @progress is called from the calling thread, at most ~100 times.
 * @rejects_path NULL: all or nothing; any bad row stores nothing, returns
 * FALSE with TAM_ERROR_IMPORT and result->errors filled (first 20).
 * @rejects_path set: good rows are stored, bad ones are written there as
 * CSV with an extra "reason" column.
 * @cancellable: a cancelled import stores nothing. */
gboolean tam_import_file (TamStore *store,
                          const TamSession *actor,
                          TamImportKind kind,
                          const char *path,
                          const char *rejects_path,
                          TamProgressFunc progress,
                          gpointer user_data,
                          GCancellable *cancellable,
                          TamImportResult *result,
                          GError **error);

typedef enum
{
  TAM_IMPORT_FLAGS_NONE = 0,
  /* Calls already stored whose row in the file differs are updated
   * (audited before/after; a call that becomes AGREE enters the queue)
   * instead of refused; a call already tapped is still refused. */
  TAM_IMPORT_UPDATE = 1 << 0,
} TamImportFlags;

/* tam_import_file() with @flags. Without TAM_IMPORT_UPDATE, a calls file
 * row whose call ID is stored with other content is refused with its
 * line and the fields that differ (issue 13: it was dropped silently),
 * even with @rejects_path. */
gboolean tam_import_file_with_flags (TamStore *store,
                                     const TamSession *actor,
                                     TamImportKind kind,
                                     const char *path,
                                     const char *rejects_path,
                                     TamImportFlags flags,
                                     TamProgressFunc progress,
                                     gpointer user_data,
                                     GCancellable *cancellable,
                                     TamImportResult *result,
                                     GError **error);

G_END_DECLS
