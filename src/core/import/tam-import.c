/* tam-import.c: roster, attendance and calls from office files: the
 * driver (tam_import_file) and what every kind shares (columns, bad rows
 * and rejects, progress, the people, the file's SHA-256, the imports and
 * audit rows). The kinds are in tam-import-roster.c,
 * tam-import-attendance.c and tam-import-calls.c; the parser thread of
 * the big files in tam-import-pipe.c; all behind tam-import-private.h.
 *
 * All or nothing: without a rejects file, after the first bad row
 * nothing more is written (the rows are still checked, to report up to
 * TAM_IMPORT_MAX_ERRORS problems) and nothing is kept. With a rejects
 * file the good rows are kept and the bad ones written there with their
 * reason. The roster, attendance and the KPI inputs (kpi, headcount,
 * targets: tam-import-kpi.c and its siblings) are one transaction each; calls are
 * published in short slices that stay hidden until one last short commit
 * (tam-import-calls.c), so other desks never wait long for the lock.
 *
 * Attendance and calls are the big files (a million rows). A parser
 * thread reads and checks them (NIKs looked up in a hash table loaded
 * once, in-file duplicates found by open addressing over fingerprints,
 * nothing allocated per row) while the calling thread stores them
 * through multi-row INSERTs; the file's SHA-256 is computed in a third
 * thread. The roster is small and is read whole, because a row may name
 * a team leader who is defined further down. One audit row records each
 * import, not each row. */
#include "config.h"

#include "tam-import-private.h"

static const char *const kind_names[] = { "roster", "attendance", "calls", "kpi", "headcount", "targets" };

/* ------------------------------------------------------------------ */
/* The import itself. */

static void
import_clear (Import *imp)
{
  g_clear_pointer (&imp->reader, tam_row_reader_free);
  g_clear_pointer (&imp->name, g_free);
  g_clear_pointer (&imp->header, g_ptr_array_unref);
  for (guint i = 0; i < MAX_COLUMNS; i++)
    if (imp->scratch[i] != NULL)
      g_string_free (imp->scratch[i], TRUE);
  if (imp->rejects != NULL)
    g_string_free (imp->rejects, TRUE);
  _tam_import_calls_clear (imp);
}

void
_tam_import_report_progress (Import *imp,
                             double fraction)
{
  if (imp->progress == NULL)
    return;
  fraction = CLAMP (fraction, 0.0, 1.0);
  /* At most about a hundred calls, whatever the size of the file. */
  if (fraction < 1.0 && fraction - imp->last_progress < 0.01)
    return;
  if (fraction >= 1.0 && imp->last_progress >= 1.0)
    return;
  imp->last_progress = fraction;
  imp->progress (fraction, imp->user_data);
}

static gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* A known column's value, with blanks around it removed; "" when the
 * column is absent. Trimming copies into a buffer kept per column. */
const char *
_tam_import_get (Import *imp,
                 guint which)
{
  int c = imp->col[which];
  const char *s, *e;
  gsize n;

  if (c < 0)
    return "";
  s = tam_row_reader_field (imp->reader, (guint) c);
  if (s[0] == '\0')
    return s;
  n = strlen (s);
  if (!is_blank (s[0]) && !is_blank (s[n - 1]))
    return s;
  e = s + n;
  while (s < e && is_blank (*s))
    s++;
  while (e > s && is_blank (e[-1]))
    e--;
  if (imp->scratch[which] == NULL)
    imp->scratch[which] = g_string_sized_new (64);
  g_string_truncate (imp->scratch[which], 0);
  g_string_append_len (imp->scratch[which], s, e - s);
  return imp->scratch[which]->str;
}

void
_tam_import_add_error (Import *imp,
                       guint line,
                       const char *column,
                       const char *reason)
{
  if (imp->result->errors->len >= TAM_IMPORT_MAX_ERRORS)
    return;
  if (column != NULL)
    g_ptr_array_add (imp->result->errors,
                     g_strdup_printf (_ ("%s:%u: column %s: %s"), imp->name, line, column, reason));
  else
    g_ptr_array_add (imp->result->errors, g_strdup_printf ("%s:%u: %s", imp->name, line, reason));
}

void
_tam_import_append_reject (Import *imp,
                           const char *const *fields,
                           guint n_fields,
                           const char *column,
                           const char *reason)
{
  g_autofree char *why = NULL;

  if (imp->rejects == NULL)
    return;
  for (guint i = 0; i < imp->n_header; i++)
    {
      tam_csv_append_field (imp->rejects, i < n_fields ? fields[i] : "", -1, imp->sep);
      g_string_append_c (imp->rejects, imp->sep);
    }
  why = column ? g_strdup_printf (_ ("column %s: %s"), column, reason) : g_strdup (reason);
  tam_csv_append_field (imp->rejects, why, -1, imp->sep);
  g_string_append_c (imp->rejects, '\n');
}

void
_tam_import_bad_v (Import *imp,
                   guint line,
                   const char *const *fields,
                   guint n_fields,
                   const char *column,
                   const char *format,
                   va_list args)
{
  g_autofree char *reason = g_strdup_vprintf (format, args);

  imp->bad_rows++;
  _tam_import_add_error (imp, line, column, reason);
  _tam_import_append_reject (imp, fields, n_fields, column, reason);
}

/* The current row of the reader is bad: reported and, with --skip-bad,
 * written to the rejects. */
void G_GNUC_PRINTF (3, 4)
    _tam_import_row_bad (Import *imp,
                         const char *column,
                         const char *format,
                         ...)
{
  const char *fields[256];
  guint n = imp->rejects != NULL ? MIN (imp->n_header, G_N_ELEMENTS (fields)) : 0;
  va_list args;

  for (guint i = 0; i < n; i++)
    fields[i] = tam_row_reader_field (imp->reader, i);
  va_start (args, format);
  _tam_import_bad_v (imp, tam_row_reader_line (imp->reader), fields, n, column, format, args);
  va_end (args);
}

/* Writing stops after the first bad row unless bad rows are skipped. */
gboolean
_tam_import_writing (Import *imp)
{
  return imp->rejects != NULL || imp->bad_rows == 0;
}

static gboolean
read_header (Import *imp,
             GError **error)
{
  g_autoptr (GString) missing = g_string_new (NULL);
  int rc;

  rc = tam_row_reader_next (imp->reader, error);
  if (rc < 0)
    return FALSE;
  if (rc == 0)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_IMPORT,
                   _ ("%s: the file is empty; it needs a header row naming its columns"), imp->name);
      return FALSE;
    }

  for (guint i = 0; i < MAX_COLUMNS; i++)
    imp->col[i] = -1;
  imp->n_header = tam_row_reader_n_fields (imp->reader);
  imp->header = g_ptr_array_new_with_free_func (g_free);
  for (guint f = 0; f < imp->n_header; f++)
    {
      g_autofree char *name = g_strstrip (g_strdup (tam_row_reader_field (imp->reader, f)));

      g_ptr_array_add (imp->header, g_strdup (name));
      for (guint i = 0; imp->columns[i].name != NULL; i++)
        {
          if (g_ascii_strcasecmp (imp->columns[i].name, name) != 0)
            continue;
          if (imp->col[i] >= 0)
            {
              g_set_error (error, TAM_ERROR, TAM_ERROR_IMPORT,
                           _ ("%s:%u: the column “%s” appears twice in the header"),
                           imp->name, tam_row_reader_line (imp->reader), imp->columns[i].name);
              return FALSE;
            }
          imp->col[i] = (int) f;
        }
    }
  for (guint i = 0; imp->columns[i].name != NULL; i++)
    if (imp->columns[i].required && imp->col[i] < 0)
      g_string_append_printf (missing, "%s%s", missing->len ? ", " : "", imp->columns[i].name);
  if (missing->len > 0)
    {
      g_autoptr (GString) expected = g_string_new (NULL);

      for (guint i = 0; imp->columns[i].name != NULL; i++)
        g_string_append_printf (expected, "%s%s", i ? "," : "", imp->columns[i].name);
      g_set_error (error, TAM_ERROR, TAM_ERROR_IMPORT,
                   _ ("%s:%u: missing column: %s (the header must name %s)"),
                   imp->name, tam_row_reader_line (imp->reader), missing->str, expected->str);
      return FALSE;
    }

  if (imp->rejects != NULL)
    {
      for (guint f = 0; f < imp->header->len; f++)
        {
          tam_csv_append_field (imp->rejects, imp->header->pdata[f], -1, imp->sep);
          g_string_append_c (imp->rejects, imp->sep);
        }
      g_string_append (imp->rejects, "reason\n");
    }
  return TRUE;
}

/* Reads the next data row: 1 ready, 0 end, -1 error. Rows whose fields
 * are all blank (spreadsheets leave ";;;;" lines) are skipped. A row
 * with more non-empty fields than the header is bad: a separator inside
 * a field that should have been quoted. */
int
_tam_import_next_row (Import *imp,
                      GError **error)
{
  for (;;)
    {
      int rc = tam_row_reader_next (imp->reader, error);
      guint n;
      gboolean blank = TRUE;
      gboolean extra = FALSE;

      if (rc <= 0)
        return rc;
      n = tam_row_reader_n_fields (imp->reader);
      for (guint i = 0; i < n; i++)
        {
          const char *f = tam_row_reader_field (imp->reader, i);
          while (is_blank (*f))
            f++;
          if (*f != '\0')
            {
              blank = FALSE;
              if (i >= imp->n_header)
                extra = TRUE;
            }
        }
      if (blank)
        continue;

      imp->result->rows++;
      if (imp->result->rows % CHECK_EVERY == 0)
        {
          if (g_cancellable_set_error_if_cancelled (imp->cancellable, error))
            return -1;
          /* A parser thread leaves progress to the writer. */
          if (!imp->threaded)
            _tam_import_report_progress (imp, tam_row_reader_progress (imp->reader) * 0.5);
        }
      if (extra)
        {
          _tam_import_row_bad (imp, NULL, _ ("the row has %u fields but the header only %u (a “%c” inside a field that is not quoted?)"),
                               n, imp->n_header, imp->sep ? imp->sep : ',');
          continue;
        }
      return 1;
    }
}

GHashTable *
_tam_import_load_people (Import *imp,
                         GError **error)
{
  g_autoptr (GHashTable) people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = tam_store_prepare (imp->store,
                            "SELECT p.id, p.nik, p.role, p.site, p.team_leader_id,"
                            " p.status = 'TRAINING' AND NOT " TAM_TRAINING_PASSED_INITIAL ("p") " FROM people p",
                            error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PersonRef *ref = g_new0 (PersonRef, 1);

      ref->id = sqlite3_column_int64 (stmt, 0);
      ref->role = _tam_import_canonical_code (tam_roles (), (const char *) sqlite3_column_text (stmt, 2));
      ref->site = _tam_import_canonical_code (tam_sites (), (const char *) sqlite3_column_text (stmt, 3));
      ref->team_leader_id = sqlite3_column_int64 (stmt, 4);
      ref->untrained = sqlite3_column_int (stmt, 5) != 0;
      g_hash_table_insert (people, tam_stmt_dup_text (stmt, 1), ref);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      tam_store_set_error (imp->store, error, _ ("Could not read the roster"));
      return NULL;
    }
  return g_steal_pointer (&people);
}

/* @what is untranslated (N_()): it is translated only on failure, not
 * for each of a million rows. */
gboolean
_tam_import_step_done (Import *imp,
                       sqlite3_stmt *stmt,
                       const char *what,
                       GError **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      tam_store_set_error (imp->store, error, _ (what));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* ------------------------------------------------------------------ */

/* The file's SHA-256 is computed in a thread of its own while the rows
 * are read and stored: GLib's SHA-256 costs about a tenth of an import
 * and is needed only at the end. */
typedef struct
{
  char *path;
  char *sha256;
  GError *error;
  gint stop; /* atomic: the import gave up, stop hashing */
} HashJob;

static char *
file_sha256 (const char *path,
             gint *stop,
             GError **error)
{
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr (GMappedFile) mapped = NULL;
  g_autoptr (GError) local_error = NULL;
  const guchar *data;
  gsize len;

  mapped = g_mapped_file_new (path, FALSE, &local_error);
  if (mapped == NULL)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_IMPORT, _ ("Cannot read %s: %s"),
                   path, local_error->message);
      return NULL;
    }
  data = (const guchar *) g_mapped_file_get_contents (mapped);
  len = g_mapped_file_get_length (mapped);
  for (gsize off = 0; off < len; off += 1 << 20)
    {
      if (g_atomic_int_get (stop))
        return NULL;
      g_checksum_update (sum, data + off, MIN ((gsize) 1 << 20, len - off));
      tam_mapped_release ((const char *) data, off, off + MIN ((gsize) 1 << 20, len - off));
    }
  return g_strdup (g_checksum_get_string (sum));
}

static gpointer
hash_thread (gpointer data)
{
  HashJob *job = data;

  job->sha256 = file_sha256 (job->path, &job->stop, &job->error);
  return NULL;
}

/* Waits for the hash; returns it (owned by @job) or NULL with @error. */
static const char *
hash_finish (GThread **thread,
             HashJob *job,
             gboolean stop,
             GError **error)
{
  if (*thread != NULL)
    {
      if (stop)
        g_atomic_int_set (&job->stop, 1);
      g_thread_join (g_steal_pointer (thread));
    }
  if (job->sha256 == NULL && job->error != NULL && error != NULL)
    g_propagate_error (error, g_steal_pointer (&job->error));
  return job->sha256;
}

static gboolean
record_import (Import *imp,
               const char *sha256,
               GError **error)
{
  TamImportResult *res = imp->result;
  g_autofree char *now = tam_now_string ();
  g_autofree char *after = NULL;
  sqlite3_stmt *stmt;

  stmt = tam_store_prepare (imp->store,
                            "INSERT INTO imports (kind, sha256, file_name, rows, imported_at, imported_by)"
                            " VALUES (?, ?, ?, ?, ?, ?)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kind_names[imp->kind], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, sha256, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, imp->name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, (gint64) res->rows);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_STATIC);
  if (imp->actor != NULL && imp->actor->person_id > 0)
    sqlite3_bind_int64 (stmt, 6, imp->actor->person_id);
  else
    sqlite3_bind_null (stmt, 6);
  if (!_tam_import_step_done (imp, stmt, N_ ("Could not record the import"), error))
    return FALSE;

  stmt = tam_store_prepare (imp->store,
                            "SELECT json_object('file', ?1, 'sha256', ?2, 'rows', ?3, 'inserted', ?4,"
                            " 'updated', ?5, 'unchanged', ?6, 'rejected', ?7)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, imp->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, sha256, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, (gint64) res->rows);
  sqlite3_bind_int64 (stmt, 4, (gint64) res->inserted);
  sqlite3_bind_int64 (stmt, 5, (gint64) res->updated);
  sqlite3_bind_int64 (stmt, 6, (gint64) res->unchanged);
  sqlite3_bind_int64 (stmt, 7, (gint64) res->rejected);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    after = tam_stmt_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  if (after == NULL)
    {
      tam_store_set_error (imp->store, error, _ ("Could not record the import"));
      return FALSE;
    }
  return tam_audit_append (imp->store, imp->actor, "IMPORT", kind_names[imp->kind],
                           imp->name, NULL, after, error);
}

static gboolean
check_permission (TamStore *store,
                  const TamSession *actor,
                  TamImportKind kind,
                  GError **error)
{
  static const TamPermission perms[] = {
    TAM_PERM_EDIT_PEOPLE, TAM_PERM_IMPORT_ATTENDANCE, TAM_PERM_IMPORT_CALLS,
    TAM_PERM_IMPORT_KPI, TAM_PERM_IMPORT_KPI, TAM_PERM_IMPORT_KPI
  };

  /* Like tam_auth_set_password(): the first roster of a database that
   * has no accounts yet is loaded without signing in (set-up). */
  if (actor == NULL && kind == TAM_IMPORT_ROSTER && !tam_auth_has_users (store))
    return TRUE;
  return tam_session_require (actor, perms[kind], error);
}

void
tam_import_result_clear (TamImportResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->errors, g_ptr_array_unref);
  memset (result, 0, sizeof *result);
}

char *
tam_import_result_summary (const TamImportResult *r)
{
  g_autoptr (GString) s = g_string_new (NULL);

  if (r->inserted == 0 && r->updated == 0 && r->rejected == 0)
    {
      g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "no changes: %llu row already up to date", "no changes: %llu rows already up to date", (gulong) r->unchanged),
                              (unsigned long long) r->unchanged);
    }
  else
    {
      g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "%llu row read: %llu new, %llu changed, %llu unchanged", "%llu rows read: %llu new, %llu changed, %llu unchanged", (gulong) r->rows),
                              (unsigned long long) r->rows, (unsigned long long) r->inserted,
                              (unsigned long long) r->updated, (unsigned long long) r->unchanged);
      if (r->rejected > 0)
        g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, ", %llu rejected", ", %llu rejected", (gulong) r->rejected),
                                (unsigned long long) r->rejected);
    }
  if (r->taken_as_trained > 0)
    g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "; %llu agent imported ACTIVE is taken as trained (no initial training on record)", "; %llu agents imported ACTIVE are taken as trained (no initial training on record)", (gulong) r->taken_as_trained),
                            (unsigned long long) r->taken_as_trained);
  if (r->same_file_before)
    g_string_append (s, _ (" (this file was imported before)"));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

gboolean
tam_import_file_with_flags (TamStore *store,
                            const TamSession *actor,
                            TamImportKind kind,
                            const char *path,
                            const char *rejects_path,
                            TamImportFlags flags,
                            TamProgressFunc progress,
                            gpointer user_data,
                            GCancellable *cancellable,
                            TamImportResult *result,
                            GError **error)
{
  static const Column *const columns[] = { _tam_import_roster_columns, _tam_import_attendance_columns, _tam_import_calls_columns,
                                           _tam_import_kpi_columns, _tam_import_headcount_columns, _tam_import_targets_columns };
  Import imp = { 0 };
  HashJob hash = { 0 };
  GThread *hash_thread_ = NULL;
  const char *sha256;
  gint64 old_cache = 0;
  gboolean fast = FALSE;
  gboolean ok = FALSE;

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (kind <= TAM_IMPORT_TARGETS, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  tam_import_result_clear (result);
  result->errors = g_ptr_array_new_with_free_func (g_free);

  if (!check_permission (store, actor, kind, error))
    return FALSE;
  if (tam_store_in_transaction (store))
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_FAILED,
                           _ ("An import runs in its own transaction"));
      return FALSE;
    }

  imp.store = store;
  imp.actor = actor;
  imp.kind = kind;
  imp.columns = columns[kind];
  imp.result = result;
  imp.name = g_path_get_basename (path);
  imp.progress = progress;
  imp.user_data = user_data;
  imp.cancellable = cancellable;
  imp.last_progress = -1.0;
  imp.flags = flags;

  hash.path = g_strdup (path);
  hash_thread_ = g_thread_new ("tam-import-hash", hash_thread, &hash);
  imp.reader = tam_row_reader_open_full (path, cancellable, error);
  if (imp.reader == NULL)
    goto out;
  imp.sep = tam_row_reader_separator (imp.reader);
  imp.serials = imp.sep == '\0';
  if (imp.sep == '\0')
    imp.sep = ',';
  if (rejects_path != NULL)
    imp.rejects = g_string_new (NULL);
  if (!read_header (&imp, error))
    goto out;
  _tam_import_report_progress (&imp, 0.0);

  /* Attendance and calls are the big files. Two per-row costs of SQLite
   * are switched off for this connection while they are stored, because
   * the import has already checked everything they would check:
   * - the CHECK constraints test codes against IN lists, which SQLite
   *   evaluates through a temporary b-tree built for every single-row
   *   INSERT (this tripled the cost of a row); status, result and state
   *   are bound from our own constant codes;
   * - the foreign keys look up people, sites and services for every row;
   *   person ids come from the people table read inside this same
   *   IMMEDIATE transaction, sites from those people, services from the
   *   fixed list.
   * foreign_keys can only change outside a transaction. Both are restored
   * below whatever happens; flag pragmas expire the prepared statements,
   * so nothing compiled without the checks survives the import. */
  fast = kind == TAM_IMPORT_ATTENDANCE || kind == TAM_IMPORT_CALLS;
  if (fast)
    {
      tam_store_exec (store, "PRAGMA foreign_keys = OFF", NULL);
      tam_store_exec (store, "PRAGMA ignore_check_constraints = ON", NULL);
    }
  /* Calls, the biggest files, are published in short slices that stay
   * hidden until the end (see _tam_import_slice_begin); the roster and attendance
   * are one transaction. */
  imp.sliced = kind == TAM_IMPORT_CALLS;
  if (imp.sliced)
    {
      gint64 first_call_id = 0;

      imp.run_id = tam_store_import_run_start (store, kind_names[kind],
                                               actor ? actor->person_id : 0, &first_call_id, error);
      if (imp.run_id == 0)
        goto out;
      imp.last_beat = g_get_monotonic_time ();
      /* Checkpoints cost the importer time: fewer, larger ones while it
       * runs (journal_size_limit still trims the WAL afterwards). */
      /* The import checkpoints between its slices itself (_tam_import_slice_end),
       * out of the lock, instead of in the commit of a slice. */
      sqlite3_wal_hook (tam_store_get_db (store), _tam_import_wal_hook_cb, &imp);
      /* Restarting the WAL from its start (after each checkpoint) would
       * cut it back to the limit inside the next slice's lock; it is cut
       * once the import is over instead. */
      tam_store_exec (store, "PRAGMA journal_size_limit = -1", NULL);
    }
  else if (!tam_store_begin (store, error))
    goto out;

  /* A bigger page cache for the duration keeps index pages of a large
   * import in memory instead of spilling them to the WAL. The sliced
   * calls import commits every 80 ms, so its dirty pages never pile
   * up: half as much serves it as well and keeps its memory down. */
  old_cache = tam_store_query_int (store, "PRAGMA cache_size", -2000, NULL);
  tam_store_exec (store, imp.sliced ? "PRAGMA cache_size = -32768" : "PRAGMA cache_size = -65536", NULL);
  switch (kind)
    {
    case TAM_IMPORT_ROSTER:
      ok = _tam_import_import_roster (&imp, error);
      break;
    case TAM_IMPORT_ATTENDANCE:
      ok = _tam_import_import_attendance (&imp, error);
      break;
    case TAM_IMPORT_CALLS:
      ok = _tam_import_import_calls (&imp, error);
      break;
    case TAM_IMPORT_KPI:
      ok = _tam_import_import_kpi (&imp, error);
      break;
    case TAM_IMPORT_HEADCOUNT:
      ok = _tam_import_import_headcount (&imp, error);
      break;
    case TAM_IMPORT_TARGETS:
      ok = _tam_import_import_targets (&imp, error);
      break;
    default:
      g_assert_not_reached ();
    }
  {
    /* PRAGMA takes no bound parameters; the number is the connection's
     * own setting read above, never input. */
    g_autofree char *pragma = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, old_cache);
    tam_store_exec (store, pragma, NULL);
  }
  if (!ok)
    goto rollback;
  ok = FALSE;
  /* The last slice; then one short transaction publishes them all. */
  if (imp.sliced)
    {
      if (!_tam_import_slice_end (&imp, TRUE, error))
        goto rollback;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto rollback;

  if (imp.bad_rows > 0 && rejects_path == NULL)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_IMPORT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: %llu row has errors; nothing was imported",
                                "%s: %llu rows have errors; nothing was imported",
                                (gulong) imp.bad_rows),
                   imp.name, (unsigned long long) imp.bad_rows);
      goto rollback;
    }
  result->rejected = imp.bad_rows;

  sha256 = hash_finish (&hash_thread_, &hash, FALSE, error);
  if (sha256 == NULL)
    goto rollback;
  if (imp.sliced && !tam_store_begin (store, error))
    goto rollback;
  if (kind == TAM_IMPORT_CALLS && !_tam_import_calls_apply_updates (&imp, error))
    goto rollback;
  {
    sqlite3_stmt *stmt = tam_store_prepare (store,
                                            "SELECT 1 FROM imports WHERE kind = ? AND sha256 = ? LIMIT 1", error);
    if (stmt == NULL)
      goto rollback;
    sqlite3_bind_text (stmt, 1, kind_names[kind], -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 2, sha256, -1, SQLITE_STATIC);
    result->same_file_before = sqlite3_step (stmt) == SQLITE_ROW;
    sqlite3_reset (stmt);
  }

  /* Nothing changed, nothing recorded: a re-import leaves the database
   * exactly as it was. */
  if (result->inserted + result->updated > 0 && !record_import (&imp, sha256, error))
    goto rollback;

  if (imp.rejects != NULL)
    {
      g_autoptr (GError) local_error = NULL;

      if (!g_file_set_contents (rejects_path, imp.rejects->str, (gssize) imp.rejects->len, &local_error))
        {
          g_set_error (error, TAM_ERROR, TAM_ERROR_FAILED, _ ("Cannot write the rejected rows to %s: %s"),
                       rejects_path, local_error->message);
          goto rollback;
        }
    }
  if (imp.sliced)
    {
      /* The run's row goes in the same commit as the imports and audit
       * rows: every call of the file becomes visible at once. */
      if (!tam_store_import_run_finish (store, imp.run_id, error))
        goto rollback;
    }
  if (!tam_store_commit (store, error))
    goto rollback;
  imp.run_id = 0;
  if (imp.sliced)
    {
      g_autoptr (GError) counts_error = NULL;

      /* The per-day counts take the new calls now, in short steps, so
       * the next reader is as fast as any other. They are a cache: a
       * failure here leaves them for the next reader to catch up. */
      if (!tam_queue_counts_update (store, &counts_error))
        g_debug ("Counting the imported calls: %s", counts_error->message);
      g_debug ("Calls import: %u slices, the longest held the write lock %.1f ms",
               imp.n_slices, imp.max_slice_us / 1000.0);
    }
  _tam_import_report_progress (&imp, 1.0);
  ok = TRUE;
  goto out;

rollback:
  tam_store_rollback (store);
  imp.slice_start = 0;
  if (imp.run_id != 0)
    {
      g_autoptr (GError) abort_error = NULL;

      /* Hidden until now, the published slices are removed; if this
       * fails too, the next open removes them. */
      if (!tam_store_import_run_abort (store, imp.run_id, &abort_error))
        g_warning ("Removing the calls of an unfinished import: %s", abort_error->message);
    }
out:
  if (fast)
    {
      tam_store_exec (store, "PRAGMA ignore_check_constraints = OFF", NULL);
      tam_store_exec (store, "PRAGMA foreign_keys = ON", NULL);
    }
  /* Back to SQLite's own checkpoints (this replaces our wal hook). */
  if (imp.sliced)
    {
      tam_store_exec (store, "PRAGMA wal_autocheckpoint = 1000", NULL);
      tam_store_exec (store, "PRAGMA journal_size_limit = 67108864", NULL);
    }
  hash_finish (&hash_thread_, &hash, TRUE, NULL);
  g_free (hash.path);
  g_free (hash.sha256);
  g_clear_error (&hash.error);
  import_clear (&imp);
  return ok;
}

gboolean
tam_import_file (TamStore *store,
                 const TamSession *actor,
                 TamImportKind kind,
                 const char *path,
                 const char *rejects_path,
                 TamProgressFunc progress,
                 gpointer user_data,
                 GCancellable *cancellable,
                 TamImportResult *result,
                 GError **error)
{
  return tam_import_file_with_flags (store, actor, kind, path, rejects_path, TAM_IMPORT_FLAGS_NONE, progress,
                                     user_data, cancellable, result, error);
}
