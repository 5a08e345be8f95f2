/* tam-training-import.c: quiz results as quiz tools export them (nik,
 * score; CSV or .xlsx), all or nothing, each bad row named by file and
 * line like the other imports. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "tam-rows.h"
#include "tam-training-private.h"

#define MAX_ERRORS 20

typedef struct
{
  gint64 person_id;
  char *nik;
  double score;
} ScoreRow;

static void
score_row_free (gpointer data)
{
  ScoreRow *r = data;

  g_free (r->nik);
  g_free (r);
}

/* "85", "85.5", "85,5" (a decimal comma, as an Indonesian spreadsheet
 * writes it). */
static gboolean
parse_score (const char *text,
             double *score)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end = NULL;

  if (copy[0] == '\0')
    return FALSE;
  if (strchr (copy, '.') == NULL)
    g_strdelimit (copy, ",", '.');
  *score = g_ascii_strtod (copy, &end);
  return end != copy && *end == '\0' && isfinite (*score);
}

static void G_GNUC_PRINTF (5, 6)
    add_error (GPtrArray *errors,
               const char *name,
               guint line,
               const char *column,
               const char *format,
               ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  if (errors->len >= MAX_ERRORS)
    return;
  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  if (column != NULL)
    g_ptr_array_add (errors, g_strdup_printf (_ ("%s:%u: column %s: %s"), name, line, column, reason));
  else
    g_ptr_array_add (errors, g_strdup_printf ("%s:%u: %s", name, line, reason));
}

gboolean
tam_training_import_scores (TamStore *store,
                            const TamSession *actor,
                            gint64 training_id,
                            const char *path,
                            guint *n_scores,
                            GPtrArray **errors_out,
                            GError **error)
{
  g_autoptr (GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (score_row_free);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *name = NULL;
  g_autofree char *now = NULL;
  TamRowReader *reader;
  int nik_col = -1, score_col = -1;
  guint n_bad = 0;
  gboolean own_tx;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (n_scores != NULL)
    *n_scores = 0;
  if (errors_out != NULL)
    *errors_out = NULL;
  if (!tam_session_require (actor, TAM_PERM_RECORD_TRAINING, error))
    return FALSE;
  {
    g_autoptr (TamTraining) t = tam_training_get (store, training_id, error);
    if (t == NULL)
      return FALSE;
  }
  name = g_path_get_basename (path);
  reader = tam_row_reader_open (path, error);
  if (reader == NULL)
    return FALSE;
  rc = tam_row_reader_next (reader, error);
  if (rc <= 0)
    {
      if (rc == 0)
        g_set_error (error, TAM_ERROR, TAM_ERROR_IMPORT,
                     _ ("%s: the file is empty; it needs a header row naming its columns nik and score"), name);
      tam_row_reader_free (reader);
      return FALSE;
    }
  for (guint i = 0; i < tam_row_reader_n_fields (reader); i++)
    {
      g_autofree char *field = g_strstrip (g_strdup (tam_row_reader_field (reader, i)));
      g_autofree char *h = g_ascii_strdown (field, -1);

      if (strcmp (h, "nik") == 0 && nik_col < 0)
        nik_col = (int) i;
      else if (strcmp (h, "score") == 0 && score_col < 0)
        score_col = (int) i;
    }
  if (nik_col < 0 || score_col < 0)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_IMPORT, _ ("%s:%u: missing column: %s (the header must name nik and score)"),
                   name, tam_row_reader_line (reader), nik_col < 0 ? "nik" : "score");
      tam_row_reader_free (reader);
      return FALSE;
    }

  stmt = tam_store_prepare (store,
                            "SELECT p.id, x.person_id IS NOT NULL FROM people p LEFT JOIN training_participants x"
                            " ON x.person_id = p.id AND x.training_id = ? WHERE p.nik = ?",
                            error);
  if (stmt == NULL)
    {
      tam_row_reader_free (reader);
      return FALSE;
    }
  while ((rc = tam_row_reader_next (reader, error)) > 0)
    {
      guint line = tam_row_reader_line (reader);
      g_autofree char *nik = g_strstrip (g_strdup (tam_row_reader_field (reader, (guint) nik_col)));
      const char *score_text = tam_row_reader_field (reader, (guint) score_col);
      gpointer first;
      double score;
      gint64 person_id = 0;
      gboolean is_enrolled = FALSE;
      ScoreRow *r;

      if (nik[0] == '\0' && score_text[0] == '\0')
        continue;
      if (nik[0] == '\0')
        {
          add_error (errors, name, line, "nik", _ ("the NIK is empty"));
          n_bad++;
          continue;
        }
      if (!parse_score (score_text, &score))
        {
          add_error (errors, name, line, "score", _ ("not a number “%s”"), score_text);
          n_bad++;
          continue;
        }
      if (score < 0 || score > 100)
        {
          add_error (errors, name, line, "score", _ ("a quiz score is from 0 to 100, not %s"), score_text);
          n_bad++;
          continue;
        }
      if (g_hash_table_lookup_extended (seen, nik, NULL, &first))
        {
          add_error (errors, name, line, "nik", _ ("%s is already on line %u"), nik, GPOINTER_TO_UINT (first));
          n_bad++;
          continue;
        }
      g_hash_table_insert (seen, g_strdup (nik), GUINT_TO_POINTER (line));
      sqlite3_bind_int64 (stmt, 1, training_id);
      sqlite3_bind_text (stmt, 2, nik, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          person_id = sqlite3_column_int64 (stmt, 0);
          is_enrolled = sqlite3_column_int (stmt, 1) != 0;
        }
      sqlite3_reset (stmt);
      if (person_id == 0)
        {
          add_error (errors, name, line, "nik", _ ("unknown NIK “%s”"), nik);
          n_bad++;
          continue;
        }
      if (!is_enrolled)
        {
          add_error (errors, name, line, "nik", _ ("%s is not enrolled in this training"), nik);
          n_bad++;
          continue;
        }
      r = g_new0 (ScoreRow, 1);
      r->person_id = person_id;
      r->nik = g_steal_pointer (&nik);
      r->score = score;
      g_ptr_array_add (rows, r);
    }
  tam_row_reader_free (reader);
  if (rc < 0)
    return FALSE;
  if (n_bad > 0)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_IMPORT,
                   g_dngettext (GETTEXT_PACKAGE, "%s: %u bad row; nothing was stored:\n%s",
                                "%s: %u bad rows; nothing was stored:\n%s", n_bad),
                   name, n_bad, (const char *) errors->pdata[0]);
      if (errors_out != NULL)
        *errors_out = g_steal_pointer (&errors);
      return FALSE;
    }
  if (rows->len == 0)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_IMPORT, _ ("%s: no scores in the file"), name);
      return FALSE;
    }

  own_tx = !tam_store_in_transaction (store);
  if (own_tx && !tam_store_begin (store, error))
    return FALSE;
  now = tam_now_string ();
  {
    double pass_mark = tam_training_pass_mark (store);

    for (guint i = 0; i < rows->len; i++)
      {
        ScoreRow *r = rows->pdata[i];
        TamTrainingScoreRow row = { training_id, r->person_id, r->nik, r->score, pass_mark, now };

        if (!_tam_training_score_one (store, actor, &row, NULL, error))
          return tam_store_rollback_own (store, own_tx);
      }
  }
  if (own_tx && !tam_store_commit (store, error))
    return FALSE;
  if (n_scores != NULL)
    *n_scores = rows->len;
  return TRUE;
}
