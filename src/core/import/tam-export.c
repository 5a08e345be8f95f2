/* tam-export.c: the roster out to a file, in exactly the columns the
 * roster import reads, so export -> edit -> import round-trips. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "tam-csv.h"
#include "tam-export.h"
#include "tam-import.h"
#include "tam-people.h"

static const char *const roster_header[] = {
  "nik", "name", "role", "site", "service", "team_leader_nik", "status", "hired_on", "contract_end"
};

/* Column widths in characters, for the spreadsheet. */
static const double roster_widths[] = { 14, 32, 20, 12, 18, 16, 20, 12, 12 };

static const char *
roster_field (const TamPerson *p,
              guint column)
{
  const char *v = NULL;

  switch (column)
    {
    case 0:
      v = p->nik;
      break;
    case 1:
      v = p->name;
      break;
    case 2:
      v = p->role;
      break;
    case 3:
      v = p->site;
      break;
    case 4:
      v = p->service;
      break;
    case 5:
      v = p->team_leader_nik;
      break;
    case 6:
      v = p->status;
      break;
    case 7:
      v = p->hired_on;
      break;
    case 8:
      v = p->contract_end;
      break;
    default:
      g_assert_not_reached ();
    }
  return v ? v : "";
}

static void
progress_every (GPtrArray *people,
                guint i,
                TamProgressFunc progress,
                gpointer user_data)
{
  guint step = MAX (1, people->len / 100);

  if (progress != NULL && i % step == 0)
    progress ((double) i / MAX (1, people->len), user_data);
}

static gboolean
export_csv (GPtrArray *people,
            const char *path,
            TamProgressFunc progress,
            gpointer user_data,
            GCancellable *cancellable,
            GError **error)
{
  g_autoptr (GString) out = g_string_sized_new (128 * (people->len + 1));
  g_autoptr (GError) local_error = NULL;

  for (guint c = 0; c < G_N_ELEMENTS (roster_header); c++)
    g_string_append_printf (out, "%s%s", c ? "," : "", roster_header[c]);
  g_string_append_c (out, '\n');

  for (guint i = 0; i < people->len; i++)
    {
      const TamPerson *p = people->pdata[i];

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      for (guint c = 0; c < G_N_ELEMENTS (roster_header); c++)
        {
          if (c > 0)
            g_string_append_c (out, ',');
          tam_csv_append_field (out, roster_field (p, c), -1, ',');
        }
      g_string_append_c (out, '\n');
      progress_every (people, i, progress, user_data);
    }

  /* Written to a temporary file and renamed: never half a file. */
  if (!g_file_set_contents (path, out->str, (gssize) out->len, &local_error))
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_FAILED, _ ("Cannot write %s: %s"),
                   path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
xlsx_date (const char *text,
           lxw_datetime *dt)
{
  int y, m, d;

  if (text == NULL || sscanf (text, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return FALSE;
  memset (dt, 0, sizeof *dt);
  dt->year = y;
  dt->month = m;
  dt->day = d;
  return TRUE;
}

static gboolean
export_xlsx (GPtrArray *people,
             const char *path,
             TamProgressFunc progress,
             gpointer user_data,
             GCancellable *cancellable,
             GError **error)
{
  g_autofree char *tmp_path = g_strconcat (path, ".part", NULL);
  lxw_workbook *wb;
  lxw_worksheet *ws;
  lxw_format *bold, *date_format;
  lxw_error err;

  wb = workbook_new (tmp_path);
  if (wb == NULL)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_FAILED, _ ("Cannot write %s"), path);
      return FALSE;
    }
  ws = workbook_add_worksheet (wb, "Roster");
  bold = workbook_add_format (wb);
  format_set_bold (bold);
  /* Real date cells, shown the way the import and the desk write them. */
  date_format = workbook_add_format (wb);
  format_set_num_format (date_format, "yyyy-mm-dd");

  for (guint c = 0; c < G_N_ELEMENTS (roster_header); c++)
    {
      worksheet_write_string (ws, 0, (lxw_col_t) c, roster_header[c], bold);
      worksheet_set_column (ws, (lxw_col_t) c, (lxw_col_t) c, roster_widths[c],
                            c >= 7 ? date_format : NULL);
    }
  worksheet_freeze_panes (ws, 1, 0);
  worksheet_autofilter (ws, 0, 0, (lxw_row_t) people->len, G_N_ELEMENTS (roster_header) - 1);

  for (guint i = 0; i < people->len; i++)
    {
      const TamPerson *p = people->pdata[i];
      lxw_row_t row = (lxw_row_t) i + 1;

      if (g_cancellable_is_cancelled (cancellable))
        break;
      for (guint c = 0; c < G_N_ELEMENTS (roster_header); c++)
        {
          const char *v = roster_field (p, c);
          lxw_datetime dt;

          if (*v == '\0')
            continue;
          if (c >= 7 && xlsx_date (v, &dt))
            worksheet_write_datetime (ws, row, (lxw_col_t) c, &dt, date_format);
          else
            worksheet_write_string (ws, row, (lxw_col_t) c, v, NULL);
        }
      progress_every (people, i, progress, user_data);
    }

  err = workbook_close (wb);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_unlink (tmp_path);
      return FALSE;
    }
  if (err != LXW_NO_ERROR)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_FAILED, _ ("Cannot write %s: %s"),
                   path, lxw_strerror (err));
      g_unlink (tmp_path);
      return FALSE;
    }
  if (g_rename (tmp_path, path) != 0)
    {
      int saved = errno;
      g_set_error (error, TAM_ERROR, TAM_ERROR_FAILED, _ ("Cannot write %s: %s"),
                   path, g_strerror (saved));
      g_unlink (tmp_path);
      return FALSE;
    }
  return TRUE;
}

gboolean
tam_export_roster (TamStore *store,
                   const TamSession *actor,
                   const char *path,
                   TamProgressFunc progress,
                   gpointer user_data,
                   GCancellable *cancellable,
                   GError **error)
{
  g_autoptr (GPtrArray) people = NULL;
  g_autofree char *lower = NULL;
  gboolean xlsx;
  gboolean ok;

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!tam_session_require (actor, TAM_PERM_EXPORT, error))
    return FALSE;

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".xlsx"))
    xlsx = TRUE;
  else if (g_str_has_suffix (lower, ".csv"))
    xlsx = FALSE;
  else
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID,
                   _ ("Export to a file ending in .csv or .xlsx, not “%s”"), path);
      return FALSE;
    }

  people = tam_people_list (store, error);
  if (people == NULL)
    return FALSE;
  if (progress != NULL)
    progress (0.0, user_data);
  if (xlsx)
    ok = export_xlsx (people, path, progress, user_data, cancellable, error);
  else
    ok = export_csv (people, path, progress, user_data, cancellable, error);
  if (ok && progress != NULL)
    progress (1.0, user_data);
  return ok;
}
