/* tam-import-kpi.c: the ABU scores of the month (`month,nik,parameter,
 * value`, .csv or .xlsx) into kpi_inputs through tam_kpi_put_input(),
 * and what the KPI imports share (months, agents, numbers). One
 * transaction, all or nothing, like the roster (tam-import.c). This is
 * the entry point the coaching module reuses: tam_import_file
 * (TAM_IMPORT_KPI). */
#include "config.h"

#include <math.h>

#include "tam-import-private.h"
#include "tam-kpi.h"

enum
{
  K_MONTH, /* month and NIK first: _tam_import_month_rows reads them */
  K_NIK,
  K_PARAMETER,
  K_VALUE,
};
const Column _tam_import_kpi_columns[] = {
  { "month", TRUE }, { "nik", TRUE }, { "parameter", TRUE }, { "value", TRUE }, { NULL, FALSE }
};

gboolean
_tam_import_parse_month (Import *imp,
                         const char *text,
                         char out[8])
{
  char date[11];

  if (strlen (text) == 7 && tam_kpi_month_bounds (text, NULL, NULL, NULL))
    {
      memcpy (out, text, 8);
      return TRUE;
    }
  /* A date cell (a spreadsheet's first of the month) stands for its
   * month. */
  if (tam_date_parse (text, imp->serials, date, NULL))
    {
      memcpy (out, date, 7);
      out[7] = '\0';
      return TRUE;
    }
  _tam_import_row_bad (imp, "month", _ ("not a month “%s” (write it as 2026-10)"), text);
  return FALSE;
}

const PersonRef *
_tam_import_kpi_agent (Import *imp,
                       GHashTable *people,
                       const char *nik)
{
  const PersonRef *ref;

  if (nik[0] == '\0')
    {
      _tam_import_row_bad (imp, "nik", _ ("the NIK is empty"));
      return NULL;
    }
  ref = g_hash_table_lookup (people, nik);
  if (ref == NULL)
    {
      _tam_import_row_bad (imp, "nik", _ ("unknown NIK “%s”"), nik);
      return NULL;
    }
  if (g_strcmp0 (ref->role, "AGENT") != 0)
    {
      _tam_import_row_bad (imp, "nik", _ ("%s is not an agent"), nik);
      return NULL;
    }
  return ref;
}

gboolean
_tam_import_parse_number (const char *text,
                          double *value)
{
  g_autofree char *copy = g_strdup (text);
  char *comma = strchr (copy, ',');
  char *end = NULL;

  /* "87,5" as written in Indonesian spreadsheets. */
  if (comma != NULL && strchr (copy, '.') == NULL && strchr (comma + 1, ',') == NULL)
    *comma = '.';
  if (copy[0] == '\0')
    return FALSE;
  *value = g_ascii_strtod (copy, &end);
  return end != copy && *end == '\0' && isfinite (*value);
}

gboolean
_tam_import_kpi_stored (Import *imp,
                        gboolean ok,
                        const TamKpiWriteCounts *counts,
                        const char *column,
                        GError *local_error,
                        GError **error)
{
  if (ok)
    {
      imp->result->inserted += counts->inserted;
      imp->result->updated += counts->updated;
      imp->result->unchanged += counts->unchanged;
      return TRUE;
    }
  /* A value the core refuses is the row's fault; anything else (the
   * database) stops the import. */
  if (local_error->domain == TAM_ERROR && local_error->code == TAM_ERROR_INVALID)
    {
      _tam_import_row_bad (imp, column, "%s", local_error->message);
      g_error_free (local_error);
      return TRUE;
    }
  g_propagate_error (error, local_error);
  return FALSE;
}

/* Whether a row of key @key is to be stored: FALSE when the same key is
 * already on an earlier line (reported as a bad row, in @column) or when
 * nothing is written any more after a bad row. Takes @key. */
gboolean
_tam_import_kpi_fresh (Import *imp,
                       GHashTable *seen,
                       char *key,
                       const char *column)
{
  guint line = GPOINTER_TO_UINT (g_hash_table_lookup (seen, key));

  if (line != 0)
    {
      _tam_import_row_bad (imp, column, _ ("the same row is already on line %u"), line);
      g_free (key);
      return FALSE;
    }
  g_hash_table_insert (seen, key, GUINT_TO_POINTER (tam_row_reader_line (imp->reader)));
  return _tam_import_writing (imp);
}

gboolean
_tam_import_month_rows (Import *imp,
                        gboolean by_agent,
                        MonthRowFunc row,
                        GError **error)
{
  g_autoptr (GHashTable) people = by_agent ? _tam_import_load_people (imp, error) : NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int rc;

  if (by_agent && people == NULL)
    return FALSE;
  while ((rc = _tam_import_next_row (imp, error)) > 0)
    {
      const PersonRef *agent = NULL;
      char month[8];

      if (!_tam_import_parse_month (imp, _tam_import_get (imp, 0), month))
        continue;
      if (by_agent && (agent = _tam_import_kpi_agent (imp, people, _tam_import_get (imp, 1))) == NULL)
        continue;
      if (!row (imp, month, agent, seen, error))
        return FALSE;
    }
  return rc == 0;
}

static gboolean
kpi_row (Import *imp,
         const char *month,
         const PersonRef *agent,
         GHashTable *seen,
         GError **error)
{
  const char *value_text = _tam_import_get (imp, K_VALUE);
  g_autofree char *code = g_ascii_strup (_tam_import_get (imp, K_PARAMETER), -1);
  int parameter = (int) tam_abu_parameter_from_code (code);
  TamKpiWriteCounts counts = { 0 };
  GError *local_error = NULL;
  double value;
  gboolean ok;

  if (parameter < 0)
    {
      _tam_import_row_bad (imp, "parameter", _ ("unknown parameter “%s” (AHT, FCR, CALLMON, SALES_TARGET or KUIS)"),
                           _tam_import_get (imp, K_PARAMETER));
      return TRUE;
    }
  if (!_tam_import_parse_number (value_text, &value) || value < 0 || value > 100)
    {
      _tam_import_row_bad (imp, "value", _ ("the value “%s” is not a score from 0 to 100"), value_text);
      return TRUE;
    }
  if (!_tam_import_kpi_fresh (imp, seen, g_strdup_printf ("%s\x1f%" G_GINT64_FORMAT "\x1f%d", month, agent->id, parameter),
                              "parameter"))
    return TRUE;
  ok = tam_kpi_put_input (imp->store, imp->actor, month, agent->id, (TamAbuParameter) parameter, value,
                          &counts, &local_error);
  return _tam_import_kpi_stored (imp, ok, &counts, "value", local_error, error);
}

gboolean
_tam_import_import_kpi (Import *imp,
                        GError **error)
{
  return _tam_import_month_rows (imp, TRUE, kpi_row, error);
}
