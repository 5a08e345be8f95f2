/* tam-calendar.c: working days (see tam-calendar.h). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tam-audit.h"
#include "tam-calendar.h"
#include "tam-dates.h"

typedef struct
{
  TamDayKind kind;
  char *name;
  gboolean estimated;
} Shipped;

struct _TamCalendar
{
  GHashTable *shipped;  /* date -> Shipped */
  GHashTable *added;    /* date -> name */
  GHashTable *workdays; /* date (shipped holidays made working days) */
};

static void
shipped_free (gpointer data)
{
  Shipped *s = data;

  g_free (s->name);
  g_free (s);
}

void
tam_calendar_day_free (TamCalendarDay *day)
{
  if (day == NULL)
    return;
  g_free (day->name);
  g_free (day);
}

char *
tam_calendar_default_path (void)
{
  const char *env = g_getenv ("TAM_DATADIR");
  char *path;

  if (env != NULL && *env != '\0')
    return g_build_filename (env, "holidays.csv", NULL);
  path = g_build_filename (TAM_PKGDATADIR, "holidays.csv", NULL);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return path;
  g_free (path);
  return g_build_filename (TAM_SOURCE_DATADIR, "holidays.csv", NULL);
}

static TamCalendar *
calendar_new (void)
{
  TamCalendar *c = g_new0 (TamCalendar, 1);

  c->shipped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, shipped_free);
  c->added = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  c->workdays = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return c;
}

void
tam_calendar_free (TamCalendar *calendar)
{
  if (calendar == NULL)
    return;
  g_hash_table_unref (calendar->shipped);
  g_hash_table_unref (calendar->added);
  g_hash_table_unref (calendar->workdays);
  g_free (calendar);
}

static gboolean
parse_day (const char *text,
           GDate *date)
{
  int y, m, d;
  char tail;

  if (text == NULL || strlen (text) != 10 || sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  if (!g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

static void
format_day (const GDate *date,
            char out[11])
{
  g_snprintf (out, 11, "%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

TamCalendar *
tam_calendar_new_from_file (const char *path,
                            GError **error)
{
  g_autofree char *default_path = path ? NULL : tam_calendar_default_path ();
  g_autofree char *text = NULL;
  g_autoptr (GError) local = NULL;
  g_auto (GStrv) lines = NULL;
  TamCalendar *c;
  gboolean header = FALSE;

  if (path == NULL)
    path = default_path;
  if (!g_file_get_contents (path, &text, NULL, &local))
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_NOT_FOUND, _ ("The holiday calendar cannot be read: %s"),
                   local->message);
      return NULL;
    }
  c = calendar_new ();
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) f = NULL;
      char *line = g_strstrip (lines[i]);
      GDate date;
      Shipped *s;

      if (*line == '\0' || *line == '#')
        continue;
      if (!header)
        {
          header = TRUE;
          if (strcmp (line, "date,kind,name,source") != 0)
            {
              g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID,
                           _ ("%s, line %u: the header must be date,kind,name,source"), path, i + 1);
              goto fail;
            }
          continue;
        }
      f = g_strsplit (line, ",", -1);
      if (g_strv_length (f) != 4)
        {
          g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("%s, line %u: 4 fields expected, %u found"), path,
                       i + 1, g_strv_length (f));
          goto fail;
        }
      if (!parse_day (f[0], &date))
        {
          g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("%s, line %u, field date: “%s” is not a date (YYYY-MM-DD)"),
                       path, i + 1, f[0]);
          goto fail;
        }
      s = g_new0 (Shipped, 1);
      if (strcmp (f[1], "HOLIDAY") == 0)
        s->kind = TAM_DAY_HOLIDAY;
      else if (strcmp (f[1], "CUTI_BERSAMA") == 0)
        s->kind = TAM_DAY_CUTI_BERSAMA;
      else
        {
          g_free (s);
          g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID,
                       _ ("%s, line %u, field kind: “%s” is neither HOLIDAY nor CUTI_BERSAMA"), path, i + 1, f[1]);
          goto fail;
        }
      if (strcmp (f[3], "SKB") != 0 && strcmp (f[3], "ESTIMATED") != 0)
        {
          g_free (s);
          g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID,
                       _ ("%s, line %u, field source: “%s” is neither SKB nor ESTIMATED"), path, i + 1, f[3]);
          goto fail;
        }
      if (g_hash_table_contains (c->shipped, f[0]))
        {
          g_free (s);
          g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("%s, line %u: %s is listed twice"), path, i + 1, f[0]);
          goto fail;
        }
      s->name = g_strdup (f[2]);
      s->estimated = strcmp (f[3], "ESTIMATED") == 0;
      g_hash_table_insert (c->shipped, g_strdup (f[0]), s);
    }
  return c;

fail:
  tam_calendar_free (c);
  return NULL;
}

void
tam_calendar_override (TamCalendar *calendar,
                       const char *date,
                       gboolean holiday,
                       const char *name)
{
  if (holiday)
    {
      g_hash_table_remove (calendar->workdays, date);
      g_hash_table_insert (calendar->added, g_strdup (date), g_strdup (name ? name : ""));
    }
  else
    {
      g_hash_table_remove (calendar->added, date);
      if (g_hash_table_contains (calendar->shipped, date))
        g_hash_table_add (calendar->workdays, g_strdup (date));
    }
}

TamCalendar *
tam_calendar_load (TamStore *store,
                   GError **error)
{
  TamCalendar *c = tam_calendar_new_from_file (NULL, error);
  sqlite3_stmt *s;

  if (c == NULL || store == NULL)
    return c;
  s = tam_store_prepare (store, "SELECT day, kind, name FROM calendar_days", error);
  if (s == NULL)
    {
      tam_calendar_free (c);
      return NULL;
    }
  while (sqlite3_step (s) == SQLITE_ROW)
    tam_calendar_override (c, (const char *) sqlite3_column_text (s, 0),
                           strcmp ((const char *) sqlite3_column_text (s, 1), "HOLIDAY") == 0,
                           (const char *) sqlite3_column_text (s, 2));
  sqlite3_reset (s);
  return c;
}

static TamDayKind
kind_of (const TamCalendar *c,
         const GDate *date,
         const char *text,
         const char **name)
{
  Shipped *s;
  const char *added;

  if (name)
    *name = NULL;
  if ((added = g_hash_table_lookup (c->added, text)) != NULL)
    {
      if (name)
        *name = added;
      return TAM_DAY_ADDED;
    }
  s = g_hash_table_lookup (c->shipped, text);
  if (s != NULL && !g_hash_table_contains (c->workdays, text))
    {
      if (name)
        *name = s->name;
      /* A holiday on a weekend is still named. */
      return s->kind;
    }
  if (g_date_get_weekday (date) == G_DATE_SATURDAY || g_date_get_weekday (date) == G_DATE_SUNDAY)
    return TAM_DAY_WEEKEND;
  return TAM_DAY_WORKDAY;
}

TamDayKind
tam_calendar_day_kind (const TamCalendar *calendar,
                       const char *date,
                       const char **name)
{
  GDate d;

  if (!parse_day (date, &d))
    {
      if (name)
        *name = NULL;
      return TAM_DAY_WORKDAY;
    }
  return kind_of (calendar, &d, date, name);
}

static gboolean
is_workday (const TamCalendar *c,
            const GDate *d)
{
  char text[11];

  format_day (d, text);
  return kind_of (c, d, text, NULL) == TAM_DAY_WORKDAY;
}

gboolean
tam_calendar_is_workday (const TamCalendar *calendar,
                         const char *date)
{
  GDate d;

  return parse_day (date, &d) && is_workday (calendar, &d);
}

char *
tam_workday_add (const TamCalendar *calendar,
                 const char *date,
                 int n)
{
  GDate d;
  char out[11];
  int step = n < 0 ? -1 : 1;

  g_return_val_if_fail (calendar != NULL, NULL);
  if (!parse_day (date, &d))
    return NULL;
  for (int left = abs (n); left > 0;)
    {
      if (step > 0)
        g_date_add_days (&d, 1);
      else
        g_date_subtract_days (&d, 1);
      if (is_workday (calendar, &d))
        left--;
    }
  format_day (&d, out);
  return g_strdup (out);
}

int
tam_workdays_between (const TamCalendar *calendar,
                      const char *from,
                      const char *to)
{
  GDate a, b;
  int n = 0, sign = 1;

  if (!parse_day (from, &a) || !parse_day (to, &b))
    return 0;
  if (g_date_compare (&b, &a) < 0)
    {
      GDate t = a;
      a = b;
      b = t;
      sign = -1;
    }
  while (g_date_compare (&a, &b) < 0)
    {
      g_date_add_days (&a, 1);
      if (is_workday (calendar, &a))
        n++;
    }
  return sign * n;
}

static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  const TamCalendarDay *x = *(TamCalendarDay *const *) a;
  const TamCalendarDay *y = *(TamCalendarDay *const *) b;

  return strcmp (x->date, y->date);
}

GPtrArray *
tam_calendar_list (const TamCalendar *calendar,
                   int year)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) tam_calendar_day_free);
  g_autofree char *prefix = year > 0 ? g_strdup_printf ("%04d-", year) : g_strdup ("");
  GHashTableIter it;
  gpointer key, value;

  g_hash_table_iter_init (&it, calendar->shipped);
  while (g_hash_table_iter_next (&it, &key, &value))
    {
      Shipped *s = value;
      TamCalendarDay *d;

      if (!g_str_has_prefix (key, prefix) || g_hash_table_contains (calendar->added, key))
        continue;
      d = g_new0 (TamCalendarDay, 1);
      g_strlcpy (d->date, key, sizeof d->date);
      d->kind = s->kind;
      d->name = g_strdup (s->name);
      d->estimated = s->estimated;
      d->removed = g_hash_table_contains (calendar->workdays, key);
      g_ptr_array_add (out, d);
    }
  g_hash_table_iter_init (&it, calendar->added);
  while (g_hash_table_iter_next (&it, &key, &value))
    {
      TamCalendarDay *d;

      if (!g_str_has_prefix (key, prefix))
        continue;
      d = g_new0 (TamCalendarDay, 1);
      g_strlcpy (d->date, key, sizeof d->date);
      d->kind = TAM_DAY_ADDED;
      d->name = g_strdup (value);
      g_ptr_array_add (out, d);
    }
  g_ptr_array_sort (out, compare_days);
  return out;
}

static gboolean
edit_day (TamStore *store,
          const TamSession *session,
          const char *date,
          const char *name,
          gboolean add,
          GError **error)
{
  g_autoptr (TamCalendar) cal = NULL;
  g_autofree char *day = NULL;
  g_autofree char *now = tam_now_string ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gboolean own_tx = !tam_store_in_transaction (store);
  TamDayKind kind;
  sqlite3_stmt *s;

  if (!tam_session_require (session, TAM_PERM_EDIT_CALENDAR, error))
    return FALSE;
  if ((day = tam_parse_date_or_error (date, error)) == NULL)
    return FALSE;
  if (add && (name == NULL || strspn (name, " \t") == strlen (name)))
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("A holiday needs a name"));
      return FALSE;
    }
  if (own_tx && !tam_store_begin (store, error))
    return FALSE;
  cal = tam_calendar_load (store, error);
  if (cal == NULL)
    goto fail;
  kind = tam_calendar_day_kind (cal, day, NULL);
  before = g_strdup_printf ("{\"day\":\"%s\",\"kind\":%d}", day, (int) kind);
  if (add)
    {
      if (kind != TAM_DAY_WORKDAY && kind != TAM_DAY_WEEKEND)
        {
          g_set_error (error, TAM_ERROR, TAM_ERROR_DUPLICATE, _ ("%s is already a holiday"), day);
          goto fail;
        }
      s = tam_store_prepare (store,
                             "INSERT OR REPLACE INTO calendar_days (day, kind, name, set_by, set_at)"
                             " VALUES (?, 'HOLIDAY', ?, ?, ?)",
                             error);
      if (s == NULL)
        goto fail;
      sqlite3_bind_text (s, 1, day, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (s, 2, name, -1, SQLITE_TRANSIENT);
    }
  else if (kind == TAM_DAY_ADDED)
    {
      /* The shipped holiday under it (if any) comes back too. */
      s = tam_store_prepare (store, "DELETE FROM calendar_days WHERE day = ?", error);
      if (s == NULL)
        goto fail;
      sqlite3_bind_text (s, 1, day, -1, SQLITE_TRANSIENT);
    }
  else if (kind == TAM_DAY_HOLIDAY || kind == TAM_DAY_CUTI_BERSAMA)
    {
      s = tam_store_prepare (store,
                             "INSERT OR REPLACE INTO calendar_days (day, kind, name, set_by, set_at)"
                             " VALUES (?, 'WORKDAY', ?, ?, ?)",
                             error);
      if (s == NULL)
        goto fail;
      sqlite3_bind_text (s, 1, day, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (s, 2, "", -1, SQLITE_STATIC);
    }
  else
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_NOT_FOUND, _ ("%s is not a holiday"), day);
      goto fail;
    }
  if (sqlite3_bind_parameter_count (s) == 4)
    {
      sqlite3_bind_int64 (s, 3, session->person_id);
      sqlite3_bind_text (s, 4, now, -1, SQLITE_TRANSIENT);
    }
  if (!tam_store_step_write (store, s, FALSE, _ ("Could not store the calendar day"), error))
    goto fail;
  after = g_strdup_printf ("{\"day\":\"%s\",\"holiday\":%s}", day, add ? "true" : "false");
  if (!tam_audit_append (store, session, add ? "HOLIDAY_ADD" : "HOLIDAY_REMOVE", "calendar_days", day, before, after,
                         error))
    goto fail;
  return tam_store_commit_own (store, own_tx, error);

fail:
  return tam_store_rollback_own (store, own_tx);
}

gboolean
tam_calendar_add (TamStore *store,
                  const TamSession *session,
                  const char *date,
                  const char *name,
                  GError **error)
{
  return edit_day (store, session, date, name, TRUE, error);
}

gboolean
tam_calendar_remove (TamStore *store,
                     const TamSession *session,
                     const char *date,
                     GError **error)
{
  return edit_day (store, session, date, NULL, FALSE, error);
}
