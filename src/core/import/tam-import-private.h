/* tam-import-private.h: what the files of the import share (not public
 * API): an import's state (Import), the column lists, the parser thread
 * and writer pipe of the big files (tam-import-pipe.c), and the steps of
 * each kind (tam-import-roster.c, tam-import-attendance.c,
 * tam-import-calls.c). tam-import.c drives them. */
#pragma once

#include <glib/gi18n-lib.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "tam-audit.h"
#include "tam-codes.h"
#include "tam-csv.h"
#include "tam-dates.h"
#include "tam-import.h"
#include "tam-kpi.h"
#include "tam-people-private.h"
#include "tam-people.h"
#include "tam-rows.h"
#include "tam-tapping.h"
#include "tam-training.h"
#include "tam-xlsx-reader.h"

G_BEGIN_DECLS

#define CHECK_EVERY 4096
#define MAX_COLUMNS 9

typedef struct
{
  const char *name;
  gboolean required;
} Column;

typedef struct
{
  guint64 key;
  guint32 key2;
  guint32 line; /* 0: empty slot */
} SeenEntry;

typedef struct
{
  SeenEntry *entries;
  gsize mask;
  gsize n;
} Seen;

typedef struct
{
  gint64 id;
  gint64 team_leader_id;
  const char *role; /* static codes from tam-codes.c */
  const char *site;
  gboolean untrained; /* TRAINING and no INITIAL training passed (issue 14) */
} PersonRef;

typedef struct
{
  TamStore *store;
  const TamSession *actor;
  TamImportKind kind;
  const Column *columns;
  TamImportResult *result;
  TamRowReader *reader;
  char *name;       /* file name for messages */
  gboolean serials; /* .xlsx: dates may be serial numbers */
  int col[MAX_COLUMNS];
  guint n_header;
  GPtrArray *header; /* the file's own header fields */
  GString *scratch[MAX_COLUMNS];
  GString *rejects; /* CSV text, NULL without --skip-bad */
  char sep;
  guint64 bad_rows;
  TamProgressFunc progress;
  gpointer user_data;
  double last_progress;
  GCancellable *cancellable;
  gboolean threaded; /* rows are parsed in a thread of their own */
  guint64 changed;   /* rows the writer inserted or updated */
  /* Calls are published in short slices, hidden until the end. */
  gboolean sliced;
  gint64 run_id;
  gint64 slice_start; /* monotonic, µs; 0 outside a slice */
  gint64 last_beat;
  gint64 max_slice_us; /* the longest hold of the write lock */
  guint n_slices;
  int wal_frames; /* after the last commit (wal hook) */
  TamImportFlags flags;
  /* Calls stored with other content: "LINE\tCOLUMN\treason", found by
   * the writer (the parser owns result->errors until it is joined). */
  GPtrArray *differing;
  GPtrArray *updates; /* CallUpdate, applied when the import publishes */
} Import;

/* Calls: applies the --update changes in the publishing transaction. */
gboolean _tam_import_calls_apply_updates (Import *imp,
                                          GError **error);
void _tam_import_calls_clear (Import *imp);

/* Attendance and calls are read, checked and stored at once: a thread
 * parses and validates rows into chunks while the calling thread (the
 * only one that touches the SQLite connection) stores them. The chunks
 * go round between two queues, so memory stays bounded. Errors and
 * rejects are written by the parser only; the writer reads the counts
 * after joining it. */
#define CHUNK_ROWS 4096
#define N_CHUNKS 4
/* Rows per multi-row INSERT (a divisor of CHUNK_ROWS). */
#define BATCH 64

typedef struct
{
  guint n;
  gboolean last;
  double progress;
  GString *text; /* the rows' strings, NUL-separated */
  gpointer rows; /* CHUNK_ROWS AttendanceRow or CallRow */
} Chunk;

typedef struct
{
  Import *imp;
  GHashTable *people; /* NIK -> PersonRef, read-only in the parser */
  gboolean team_only;
  Seen seen; /* parser only */
  GAsyncQueue *full;
  GAsyncQueue *empty;
  gsize row_size;
  GCompareFunc compare; /* the order a chunk's rows are stored in */
  gint stop;            /* atomic: the writer gave up */
  GError *error;        /* the parser's (reader, cancelled) */
} Pipe;

typedef gboolean (*WriteChunkFunc) (Import *imp, Chunk *chunk, GError **error);

#define SLICE_US 80000

/* tam-import-attendance.c */
gboolean _tam_import_import_attendance (Import *imp, GError **error);

/* tam-import-calls.c */
gboolean _tam_import_import_calls (Import *imp, GError **error);
gboolean _tam_import_slice_begin (Import *imp, GError **error);
gboolean _tam_import_slice_end (Import *imp, gboolean force, GError **error);
int _tam_import_wal_hook_cb (void *data, sqlite3 *db, const char *name, int frames);

/* tam-import-pipe.c */
const char *_tam_import_canonical_code (const char *const *codes, const char *text);
guint64 _tam_import_hash_str (const char *s);
guint32 _tam_import_hash_str2 (const char *s);
const char *_tam_import_parse_result (const char *text);
void _tam_import_pipe_clear (Pipe *pipe);
gboolean _tam_import_pipe_init (Pipe *pipe, Import *imp, gsize row_size, GCompareFunc compare, GError **error);
Chunk *_tam_import_pipe_pass (Pipe *pipe, Chunk *chunk, gboolean last);
gboolean _tam_import_pipe_run (Pipe *pipe, GThreadFunc parse, WriteChunkFunc write_chunk, GError **error);
guint _tam_import_seen_check (Seen *s, guint64 key, guint32 key2, guint line);
void _tam_import_seen_reserve (Seen *s, gsize n);
gsize _tam_import_text_append (GString *text, const char *s);

/* tam-import-roster.c */
gboolean _tam_import_import_roster (Import *imp, GError **error);

/* tam-import.c */
void _tam_import_add_error (Import *imp, guint line, const char *column, const char *reason);
void _tam_import_append_reject (Import *imp, const char *const *fields, guint n_fields, const char *column, const char *reason);
/* A bad row at @line of the file (@fields, as read): counted, reported
 * and, with --skip-bad, written to the rejects. */
void _tam_import_bad_v (Import *imp, guint line, const char *const *fields, guint n_fields, const char *column, const char *format, va_list args) G_GNUC_PRINTF (6, 0);
const char *_tam_import_get (Import *imp, guint which);
GHashTable *_tam_import_load_people (Import *imp, GError **error);
int _tam_import_next_row (Import *imp, GError **error);
void _tam_import_report_progress (Import *imp, double fraction);
void _tam_import_row_bad (Import *imp, const char *column, const char *format, ...) G_GNUC_PRINTF (3, 4);
gboolean _tam_import_step_done (Import *imp, sqlite3_stmt *stmt, const char *what, GError **error);
gboolean _tam_import_writing (Import *imp);

/* tam-import-kpi.c, tam-import-headcount.c, tam-import-targets.c (the
 * KPI inputs, issue 10), and what they share: a month (YYYY-MM, or a
 * date standing for its month), an agent by NIK, a number (a decimal
 * comma accepted), a key seen twice in the file, and the outcome of a
 * tam_kpi_put_*() (a refused value is a bad row). Each reports the bad
 * row and returns FALSE / NULL / FALSE (seen, or nothing written) accordingly. */
gboolean _tam_import_import_kpi (Import *imp, GError **error);
gboolean _tam_import_import_headcount (Import *imp, GError **error);
gboolean _tam_import_import_targets (Import *imp, GError **error);
gboolean _tam_import_parse_month (Import *imp, const char *text, char out[8]);
const PersonRef *_tam_import_kpi_agent (Import *imp, GHashTable *people, const char *nik);
gboolean _tam_import_parse_number (const char *text, double *value);
gboolean _tam_import_kpi_fresh (Import *imp, GHashTable *seen, char *key, const char *column);
/* A row of a monthly file (month in column 0; with @by_agent, an agent's
 * NIK in column 1), its month and agent read and checked: @row checks
 * the rest and stores it, and returns FALSE only to stop the import. */
typedef gboolean (*MonthRowFunc) (Import *imp, const char *month, const PersonRef *agent, GHashTable *seen, GError **error);
gboolean _tam_import_month_rows (Import *imp, gboolean by_agent, MonthRowFunc row, GError **error);
gboolean _tam_import_kpi_stored (Import *imp, gboolean ok, const TamKpiWriteCounts *counts, const char *column, GError *local_error, GError **error);
extern const Column _tam_import_kpi_columns[];
extern const Column _tam_import_headcount_columns[];
extern const Column _tam_import_targets_columns[];

/* tam-import-roster.c */
extern const Column _tam_import_roster_columns[];

/* tam-import-attendance.c */
extern const Column _tam_import_attendance_columns[];

/* tam-import-calls.c */
extern const Column _tam_import_calls_columns[];

G_END_DECLS
