/* tam-kpi-table.c: the KPI rows as tables with machine column names
 * (the issue's: `nik,name,agree,valid,returned,pending,qvs,first_pass`,
 * `service,site,available,target,fulfilment`,
 * `nik,name,AHT,FCR,CALLMON,SALES_TARGET,KUIS,score,grade`), written as
 * CSV or as one .xlsx sheet (tam-kpi.h). */
#include "config.h"

#include "tam-csv.h"
#include "tam-kpi-private.h"
#include "tam-kpi-xlsx.h"
#include "tam-report-util.h"

void
tam_kpi_table_free (TamKpiTable *table)
{
  if (table == NULL)
    return;
  g_free (table->title);
  g_strfreev (table->columns);
  g_clear_pointer (&table->types, g_array_unref);
  g_clear_pointer (&table->rows, g_ptr_array_unref);
  g_free (table);
}

/* Building a table: columns first, then rows cell by cell. */
typedef struct
{
  TamKpiTable *t;
  GPtrArray *names;
  GPtrArray *row;
} Builder;

static void
column (Builder *b,
        const char *name,
        TamKpiColumnType type)
{
  g_ptr_array_add (b->names, g_strdup (name));
  g_array_append_val (b->t->types, type);
}

static void
cell_text (Builder *b,
           const char *text)
{
  if (b->row == NULL)
    b->row = g_ptr_array_new ();
  g_ptr_array_add (b->row, g_strdup (text ? text : ""));
}

static void
cell_int (Builder *b,
          gint64 v)
{
  g_autofree char *s = g_strdup_printf ("%" G_GINT64_FORMAT, v);

  cell_text (b, s);
}

/* Two decimals with a dot; NAN: empty. */
static void
cell_double (Builder *b,
             double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  cell_text (b, isnan (v) ? "" : g_ascii_formatd (buf, sizeof buf, "%.2f", v));
}

static void
end_row (Builder *b)
{
  g_ptr_array_add (b->row, NULL);
  g_ptr_array_add (b->t->rows, g_ptr_array_free (g_steal_pointer (&b->row), FALSE));
}

static void
builder_init (Builder *b,
              const char *title)
{
  b->t = g_new0 (TamKpiTable, 1);
  b->t->title = g_strdup (title);
  b->t->types = g_array_new (FALSE, FALSE, sizeof (TamKpiColumnType));
  b->t->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  b->names = g_ptr_array_new ();
  b->row = NULL;
}

static TamKpiTable *
builder_end (Builder *b)
{
  g_ptr_array_add (b->names, NULL);
  b->t->columns = (GStrv) g_ptr_array_free (b->names, FALSE);
  return b->t;
}

/* The columns naming the member at @scope, and a series' month. */
static void
member_columns (Builder *b,
                TamKpiScope scope,
                gboolean month)
{
  if (month)
    column (b, "month", TAM_KPI_COLUMN_TEXT);
  switch (scope)
    {
    case TAM_KPI_SCOPE_NATIONAL:
      column (b, "scope", TAM_KPI_COLUMN_TEXT);
      break;
    case TAM_KPI_SCOPE_SITE:
      column (b, "site", TAM_KPI_COLUMN_TEXT);
      column (b, "name", TAM_KPI_COLUMN_TEXT);
      break;
    case TAM_KPI_SCOPE_SERVICE:
      column (b, "service", TAM_KPI_COLUMN_TEXT);
      column (b, "name", TAM_KPI_COLUMN_TEXT);
      break;
    case TAM_KPI_SCOPE_TEAM:
      column (b, "team_leader_nik", TAM_KPI_COLUMN_TEXT);
      column (b, "name", TAM_KPI_COLUMN_TEXT);
      column (b, "site", TAM_KPI_COLUMN_TEXT);
      break;
    case TAM_KPI_SCOPE_AGENT:
    default:
      column (b, "nik", TAM_KPI_COLUMN_TEXT);
      column (b, "name", TAM_KPI_COLUMN_TEXT);
      break;
    }
}

static void
member_cells (Builder *b,
              const TamKpiMember *m,
              gboolean month)
{
  if (month)
    cell_text (b, m->month);
  switch (m->scope)
    {
    case TAM_KPI_SCOPE_NATIONAL:
      cell_text (b, "NATIONAL");
      break;
    case TAM_KPI_SCOPE_SITE:
    case TAM_KPI_SCOPE_SERVICE:
    case TAM_KPI_SCOPE_AGENT:
    default:
      cell_text (b, m->key);
      cell_text (b, m->name);
      break;
    case TAM_KPI_SCOPE_TEAM:
      cell_text (b, m->key);
      cell_text (b, m->name);
      cell_text (b, m->site);
      break;
    }
}

/* The agent's team leader and site, after the columns. */
static void
agent_columns (Builder *b,
               TamKpiScope scope)
{
  if (scope != TAM_KPI_SCOPE_AGENT)
    return;
  column (b, "team_leader_nik", TAM_KPI_COLUMN_TEXT);
  column (b, "site", TAM_KPI_COLUMN_TEXT);
}

static void
agent_cells (Builder *b,
             const TamKpiMember *m)
{
  if (m->scope != TAM_KPI_SCOPE_AGENT)
    return;
  cell_text (b, m->team_leader_nik);
  cell_text (b, m->site);
}

/* A number column of a row struct: INT columns read a gint64 at
 * @offset, PERCENT and DECIMAL a double. */
typedef struct
{
  const char *name;
  TamKpiColumnType type;
  gsize offset;
} Field;

#define FIELD(Type, member, type)                \
  {                                              \
#member, type, G_STRUCT_OFFSET(Type, member) \
  }

static void
field_columns (Builder *b,
               const Field *fields,
               gsize n_fields)
{
  for (gsize f = 0; f < n_fields; f++)
    column (b, fields[f].name, fields[f].type);
}

static void
field_cells (Builder *b,
             gconstpointer row,
             const Field *fields,
             gsize n_fields)
{
  for (gsize f = 0; f < n_fields; f++)
    {
      gconstpointer value = G_STRUCT_MEMBER_P (row, fields[f].offset);

      if (fields[f].type == TAM_KPI_COLUMN_INT)
        cell_int (b, *(const gint64 *) value);
      else
        cell_double (b, *(const double *) value);
    }
}

/* The member's columns, @fields, the agent's columns; a row each. Every
 * row starts with its TamKpiMember. */
static TamKpiTable *
fields_table (const char *title,
              TamKpiScope scope,
              gboolean series,
              GPtrArray *rows,
              const Field *fields,
              gsize n_fields)
{
  Builder b;

  builder_init (&b, title);
  member_columns (&b, scope, series);
  field_columns (&b, fields, n_fields);
  agent_columns (&b, scope);
  for (guint i = 0; i < rows->len; i++)
    {
      const TamKpiMember *m = rows->pdata[i];

      member_cells (&b, m, series);
      field_cells (&b, m, fields, n_fields);
      agent_cells (&b, m);
      end_row (&b);
    }
  return builder_end (&b);
}

static const Field qvs_fields[] = {
  FIELD (TamKpiQvs, agree, TAM_KPI_COLUMN_INT),
  FIELD (TamKpiQvs, valid, TAM_KPI_COLUMN_INT),
  FIELD (TamKpiQvs, returned, TAM_KPI_COLUMN_INT),
  FIELD (TamKpiQvs, pending, TAM_KPI_COLUMN_INT),
  FIELD (TamKpiQvs, qvs, TAM_KPI_COLUMN_PERCENT),
  FIELD (TamKpiQvs, first_pass, TAM_KPI_COLUMN_PERCENT),
  FIELD (TamKpiQvs, first_pass_valid, TAM_KPI_COLUMN_INT),
};

static TamKpiTable *
qvs_table (const char *title,
           TamKpiScope scope,
           GPtrArray *rows)
{
  gboolean series = FALSE;

  /* Rows of a series carry different months. */
  for (guint i = 1; i < rows->len; i++)
    series |= g_strcmp0 (((TamKpiMember *) rows->pdata[0])->month,
                         ((TamKpiMember *) rows->pdata[i])->month) != 0;
  return fields_table (title, scope, series, rows, qvs_fields, G_N_ELEMENTS (qvs_fields));
}

static TamKpiTable *
headcount_table (const char *title,
                 TamKpiScope scope,
                 GPtrArray *rows)
{
  Builder b;
  /* Rows per pair carry both codes. */
  gboolean pairs = rows->len > 0 && ((TamKpiMember *) rows->pdata[0])->scope == TAM_KPI_SCOPE_SITE &&
                   ((TamKpiMember *) rows->pdata[0])->service != NULL;

  builder_init (&b, title);
  if (pairs)
    {
      column (&b, "service", TAM_KPI_COLUMN_TEXT);
      column (&b, "site", TAM_KPI_COLUMN_TEXT);
    }
  else
    member_columns (&b, scope, FALSE);
  column (&b, "available", TAM_KPI_COLUMN_INT);
  column (&b, "target", TAM_KPI_COLUMN_INT);
  column (&b, "fulfilment", TAM_KPI_COLUMN_PERCENT);
  for (guint i = 0; i < rows->len; i++)
    {
      TamKpiHeadcount *r = rows->pdata[i];

      if (pairs)
        {
          cell_text (&b, r->m.service);
          cell_text (&b, r->m.site);
        }
      else
        member_cells (&b, &r->m, FALSE);
      cell_int (&b, r->available);
      if (r->target >= 0)
        cell_int (&b, r->target);
      else
        cell_text (&b, "");
      cell_double (&b, r->fulfilment);
      end_row (&b);
    }
  return builder_end (&b);
}

static const Field summary_fields[] = {
  FIELD (TamKpiScoreSummary, agents, TAM_KPI_COLUMN_INT),
  FIELD (TamKpiScoreSummary, mean_score, TAM_KPI_COLUMN_DECIMAL),
  FIELD (TamKpiScoreSummary, under_b, TAM_KPI_COLUMN_INT),
};

static TamKpiTable *
scorecard_table (const char *title,
                 TamKpiScope scope,
                 GPtrArray *rows)
{
  Builder b;

  builder_init (&b, title);
  member_columns (&b, scope, FALSE);
  if (scope == TAM_KPI_SCOPE_AGENT)
    {
      for (int p = 0; p < TAM_N_ABU_PARAMETERS; p++)
        column (&b, tam_abu_parameter_to_code (p), TAM_KPI_COLUMN_DECIMAL);
      column (&b, "score", TAM_KPI_COLUMN_DECIMAL);
      column (&b, "grade", TAM_KPI_COLUMN_TEXT);
      column (&b, "under_b", TAM_KPI_COLUMN_INT);
      column (&b, "low_parameters", TAM_KPI_COLUMN_TEXT);
      agent_columns (&b, scope);
      for (guint i = 0; i < rows->len; i++)
        {
          TamKpiScore *r = rows->pdata[i];
          g_autoptr (GString) low = g_string_new (NULL);

          member_cells (&b, &r->m, FALSE);
          for (int p = 0; p < TAM_N_ABU_PARAMETERS; p++)
            {
              cell_double (&b, r->values[p]);
              if (r->low_parameters & (1u << p))
                g_string_append_printf (low, "%s%s", low->len ? " " : "", tam_abu_parameter_to_code (p));
            }
          cell_double (&b, r->score);
          cell_text (&b, isnan (r->score) ? "" : tam_abu_grade_to_code (r->grade));
          cell_int (&b, r->under_b ? 1 : 0);
          cell_text (&b, low->str);
          agent_cells (&b, &r->m);
          end_row (&b);
        }
      return builder_end (&b);
    }
  field_columns (&b, summary_fields, G_N_ELEMENTS (summary_fields));
  for (guint i = 0; i < rows->len; i++)
    {
      const TamKpiMember *m = rows->pdata[i];

      member_cells (&b, m, FALSE);
      field_cells (&b, m, summary_fields, G_N_ELEMENTS (summary_fields));
      end_row (&b);
    }
  return builder_end (&b);
}

static const Field adherence_fields[] = {
  FIELD (TamKpiAdherence, agents, TAM_KPI_COLUMN_INT),
  FIELD (TamKpiAdherence, scheduled, TAM_KPI_COLUMN_INT),
  FIELD (TamKpiAdherence, present, TAM_KPI_COLUMN_INT),
  FIELD (TamKpiAdherence, late, TAM_KPI_COLUMN_INT),
  FIELD (TamKpiAdherence, absent, TAM_KPI_COLUMN_INT),
  FIELD (TamKpiAdherence, sick, TAM_KPI_COLUMN_INT),
  FIELD (TamKpiAdherence, leave, TAM_KPI_COLUMN_INT),
  FIELD (TamKpiAdherence, adherence, TAM_KPI_COLUMN_PERCENT),
};

static const Field ct0_fields[] = {
  FIELD (TamKpiCt0, agents, TAM_KPI_COLUMN_INT),
  FIELD (TamKpiCt0, daily_target, TAM_KPI_COLUMN_INT),
  FIELD (TamKpiCt0, days, TAM_KPI_COLUMN_INT),
  FIELD (TamKpiCt0, agree, TAM_KPI_COLUMN_INT),
  FIELD (TamKpiCt0, valid, TAM_KPI_COLUMN_INT),
  FIELD (TamKpiCt0, target, TAM_KPI_COLUMN_INT),
  FIELD (TamKpiCt0, achievement, TAM_KPI_COLUMN_PERCENT),
};

TamKpiTable *
tam_kpi_table_new (TamKpiKind kind,
                   TamKpiScope scope,
                   const char *title,
                   GPtrArray *rows)
{
  g_return_val_if_fail (rows != NULL, NULL);

  switch (kind)
    {
    case TAM_KPI_QVS:
    case TAM_KPI_FIRST_PASS:
      return qvs_table (title, scope, rows);
    case TAM_KPI_HEADCOUNT:
      return headcount_table (title, scope, rows);
    case TAM_KPI_ABU:
      return scorecard_table (title, scope, rows);
    case TAM_KPI_ADHERENCE:
      return fields_table (title, scope, FALSE, rows, adherence_fields, G_N_ELEMENTS (adherence_fields));
    case TAM_KPI_CT0_AGREE:
      return fields_table (title, scope, FALSE, rows, ct0_fields, G_N_ELEMENTS (ct0_fields));
    default:
      g_return_val_if_reached (NULL);
    }
}

static const Field budget_fields[] = {
  FIELD (TamKpiBudget, agree, TAM_KPI_COLUMN_INT),
  FIELD (TamKpiBudget, valid, TAM_KPI_COLUMN_INT),
  FIELD (TamKpiBudget, returned, TAM_KPI_COLUMN_INT),
  FIELD (TamKpiBudget, pending, TAM_KPI_COLUMN_INT),
  FIELD (TamKpiBudget, qvs, TAM_KPI_COLUMN_PERCENT),
  FIELD (TamKpiBudget, best, TAM_KPI_COLUMN_PERCENT),
  FIELD (TamKpiBudget, returns_left, TAM_KPI_COLUMN_INT),
};

TamKpiTable *
tam_kpi_budget_table_new (const char *title,
                          GPtrArray *rows)
{
  Builder b;
  TamKpiScope scope = rows->len > 0 ? ((TamKpiMember *) rows->pdata[0])->scope : TAM_KPI_SCOPE_NATIONAL;

  builder_init (&b, title);
  member_columns (&b, scope, FALSE);
  field_columns (&b, budget_fields, G_N_ELEMENTS (budget_fields));
  column (&b, "valid_needed", TAM_KPI_COLUMN_INT);
  column (&b, "under", TAM_KPI_COLUMN_INT);
  for (guint i = 0; i < rows->len; i++)
    {
      TamKpiBudget *r = rows->pdata[i];

      member_cells (&b, &r->m, FALSE);
      field_cells (&b, r, budget_fields, G_N_ELEMENTS (budget_fields));
      if (r->valid_needed == G_MAXINT64)
        cell_text (&b, "");
      else
        cell_int (&b, r->valid_needed);
      cell_int (&b, r->under ? 1 : 0);
      end_row (&b);
    }
  return builder_end (&b);
}

char *
tam_kpi_table_to_csv (const TamKpiTable *table)
{
  GString *out = g_string_new (NULL);
  guint n = g_strv_length (table->columns);

  for (guint c = 0; c < n; c++)
    _tam_report_csv_field (out, table->columns[c], c + 1 == n);
  for (guint r = 0; r < table->rows->len; r++)
    {
      char **cells = table->rows->pdata[r];

      for (guint c = 0; c < n; c++)
        _tam_report_csv_field (out, cells[c], c + 1 == n);
    }
  return g_string_free (out, FALSE);
}

void
_tam_kpi_table_put (const TamKpiTable *table,
                    lxw_worksheet *ws,
                    lxw_row_t row0,
                    const TamReportFormats *f,
                    lxw_format *decimal)
{
  guint n = g_strv_length (table->columns);

  worksheet_write_string (ws, row0, 0, table->title ? table->title : "", f->title);
  for (guint c = 0; c < n; c++)
    worksheet_write_string (ws, row0 + 1, (lxw_col_t) c, table->columns[c], f->head);
  for (guint r = 0; r < table->rows->len; r++)
    {
      char **cells = table->rows->pdata[r];
      lxw_row_t row = row0 + 2 + (lxw_row_t) r;

      for (guint c = 0; c < n; c++)
        {
          TamKpiColumnType type = g_array_index (table->types, TamKpiColumnType, c);

          if (cells[c][0] == '\0')
            continue;
          if (type == TAM_KPI_COLUMN_TEXT)
            worksheet_write_string (ws, row, (lxw_col_t) c, cells[c], NULL);
          else
            worksheet_write_number (ws, row, (lxw_col_t) c, g_ascii_strtod (cells[c], NULL),
                                    type == TAM_KPI_COLUMN_INT ? NULL : decimal);
        }
    }
}

static gboolean
write_xlsx (const TamKpiTable *table,
            const char *path,
            GError **error)
{
  g_autofree char *tmp_path = g_strconcat (path, ".part", NULL);
  TamReportFormats f;
  lxw_workbook *wb;
  lxw_worksheet *ws;
  lxw_format *dec2;

  wb = _tam_report_workbook_new (path, tmp_path, &f, error);
  if (wb == NULL)
    return FALSE;
  dec2 = workbook_add_format (wb);
  format_set_num_format (dec2, "0.00");
  ws = workbook_add_worksheet (wb, "KPI");
  _tam_kpi_table_put (table, ws, 0, &f, dec2);
  worksheet_freeze_panes (ws, 2, 0);
  return _tam_report_workbook_close (wb, path, tmp_path, NULL, error);
}

gboolean
tam_kpi_table_write (const TamKpiTable *table,
                     const char *path,
                     GError **error)
{
  gboolean is_csv;

  g_return_val_if_fail (table != NULL && path != NULL, FALSE);

  if (!_tam_report_check_path (path, &is_csv, error))
    return FALSE;
  if (is_csv)
    {
      g_autofree char *csv = tam_kpi_table_to_csv (table);
      g_autoptr (GError) local_error = NULL;

      if (!g_file_set_contents (path, csv, -1, &local_error))
        {
          g_set_error (error, TAM_ERROR, TAM_ERROR_FAILED, _ ("Cannot write “%s”: %s"), path, local_error->message);
          return FALSE;
        }
      return TRUE;
    }
  return write_xlsx (table, path, error);
}
