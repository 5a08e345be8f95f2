/* tam-dates.c: the one parser of dates and times as office files and
 * forms write them: "2026-10-05" or "05/10/2026" (d/m allowed), "8:00",
 * "08:00" or "08:00:00", "2026-10-05 09:12:33" / "05/10/2026 09:12" /
 * "2026-10-05T09:12", and (from spreadsheets) Excel serial numbers. The
 * imports call the non-allocating forms a million times; the forms and
 * the core call tam_parse_date() and tam_parse_time(). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tam-dates.h"
#include "tam-error.h"

gboolean
tam_serial_to_parts (double serial,
                     gboolean date1904,
                     int *y,
                     int *m,
                     int *d,
                     int *hh,
                     int *mm,
                     int *ss)
{
  GDate date;
  gint64 total, days, secs;

  if (!isfinite (serial) || serial < 0 || serial > 2958465.99999)
    return FALSE;
  total = (gint64) llround (serial * 86400.0);
  days = total / 86400;
  secs = total % 86400;

  g_date_clear (&date, 1);
  if (date1904)
    {
      g_date_set_dmy (&date, 1, G_DATE_JANUARY, 1904);
      g_date_add_days (&date, (guint) days);
    }
  else if (days >= 61)
    {
      /* Excel counts a 29 February 1900 that never was: from 1 March 1900
       * on, day N is N days after 30 December 1899. */
      g_date_set_dmy (&date, 30, G_DATE_DECEMBER, 1899);
      g_date_add_days (&date, (guint) days);
    }
  else if (days >= 1)
    {
      g_date_set_dmy (&date, 31, G_DATE_DECEMBER, 1899);
      g_date_add_days (&date, (guint) (days == 60 ? 59 : days));
    }
  else
    return FALSE;
  if (g_date_get_year (&date) > 9999)
    return FALSE;

  *y = g_date_get_year (&date);
  *m = g_date_get_month (&date);
  *d = g_date_get_day (&date);
  *hh = (int) (secs / 3600);
  *mm = (int) (secs / 60 % 60);
  *ss = (int) (secs % 60);
  return TRUE;
}

static inline gboolean
digits (const char *s,
        gsize n,
        int *out)
{
  int v = 0;

  if (n == 0)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    {
      if (s[i] < '0' || s[i] > '9')
        return FALSE;
      v = v * 10 + (s[i] - '0');
    }
  *out = v;
  return TRUE;
}

static void
format_date (char out[11],
             int y,
             int m,
             int d)
{
  out[0] = '0' + y / 1000;
  out[1] = '0' + y / 100 % 10;
  out[2] = '0' + y / 10 % 10;
  out[3] = '0' + y % 10;
  out[4] = '-';
  out[5] = '0' + m / 10;
  out[6] = '0' + m % 10;
  out[7] = '-';
  out[8] = '0' + d / 10;
  out[9] = '0' + d % 10;
  out[10] = '\0';
}

static void
format_hms (char *out,
            int h,
            int m,
            int s,
            gboolean seconds)
{
  out[0] = '0' + h / 10;
  out[1] = '0' + h % 10;
  out[2] = ':';
  out[3] = '0' + m / 10;
  out[4] = '0' + m % 10;
  if (seconds)
    {
      out[5] = ':';
      out[6] = '0' + s / 10;
      out[7] = '0' + s % 10;
      out[8] = '\0';
    }
  else
    out[5] = '\0';
}

/* An Excel serial number ("46300" or "46300.3875"): the reader turns
 * cells with a date format into ISO text itself, but a date typed into a
 * cell formatted as a plain number still arrives as one. */
static gboolean
parse_serial (const char *s,
              double *out)
{
  char *end = NULL;
  double v;

  if (*s == '\0' || !(g_ascii_isdigit (*s) || *s == '.'))
    return FALSE;
  v = g_ascii_strtod (s, &end);
  if (end == NULL || *end != '\0' || v < 0 || v > 2958465.0)
    return FALSE;
  *out = v;
  return TRUE;
}

static void
serial_to_time (double v,
                int *h,
                int *m,
                int *s)
{
  double frac = v - (gint64) v;
  int secs = (int) (frac * 86400.0 + 0.5);

  if (secs >= 86400)
    secs = 86399;
  *h = secs / 3600;
  *m = secs / 60 % 60;
  *s = secs % 60;
}

static gboolean
parse_date_parts (const char *s,
                  gsize n,
                  gboolean serials,
                  int *y,
                  int *m,
                  int *d)
{
  /* A spreadsheet's date cell with a date-and-time format: the time
   * must be midnight. */
  if (serials && n == 19 && strcmp (s + 10, " 00:00:00") == 0)
    n = 10;
  if (n == 10 && s[4] == '-' && s[7] == '-')
    {
      if (!digits (s, 4, y) || !digits (s + 5, 2, m) || !digits (s + 8, 2, d))
        return FALSE;
    }
  else if (n >= 8 && n <= 10 && memchr (s, '/', n) != NULL)
    {
      /* dd/mm/yyyy, as Indonesian offices write it; d/m allowed. */
      const char *s1 = memchr (s, '/', n);
      const char *s2 = memchr (s1 + 1, '/', n - (gsize) (s1 + 1 - s));
      gsize dl, ml;

      if (s2 == NULL)
        return FALSE;
      dl = (gsize) (s1 - s);
      ml = (gsize) (s2 - s1 - 1);
      if (dl > 2 || ml > 2 || n - (gsize) (s2 + 1 - s) != 4 ||
          !digits (s, dl, d) || !digits (s1 + 1, ml, m) || !digits (s2 + 1, 4, y))
        return FALSE;
    }
  else
    {
      double v;
      int h, mi, sec;

      if (!serials || !parse_serial (s, &v) || !tam_serial_to_parts (v, FALSE, y, m, d, &h, &mi, &sec))
        return FALSE;
    }
  return *y >= 1900 && *y <= 2999 && g_date_valid_dmy ((GDateDay) *d, (GDateMonth) *m, (GDateYear) *y);
}

gboolean
tam_date_parse (const char *s,
                gboolean serials,
                char out[11],
                guint32 *day_key)
{
  int y, m, d;

  if (!parse_date_parts (s, strlen (s), serials, &y, &m, &d))
    return FALSE;
  format_date (out, y, m, d);
  if (day_key != NULL)
    *day_key = (guint32) (y * 372 + m * 31 + d);
  return TRUE;
}

static gboolean
parse_time_parts (const char *s,
                  gsize n,
                  gboolean serials,
                  int *h,
                  int *m,
                  int *sec)
{
  const char *c1 = memchr (s, ':', n);
  gsize hl;

  *sec = 0;
  if (c1 == NULL)
    {
      double v;
      if (!serials || !parse_serial (s, &v) || v >= 1.0)
        return FALSE;
      serial_to_time (v, h, m, sec);
      return TRUE;
    }
  hl = (gsize) (c1 - s);
  if (hl > 2 || !digits (s, hl, h))
    return FALSE;
  if (n - hl - 1 == 2)
    {
      if (!digits (c1 + 1, 2, m))
        return FALSE;
    }
  else if (n - hl - 1 == 5 && c1[3] == ':')
    {
      if (!digits (c1 + 1, 2, m) || !digits (c1 + 4, 2, sec))
        return FALSE;
    }
  else
    return FALSE;
  return *h <= 23 && *m <= 59 && *sec <= 59;
}

gboolean
tam_time_parse (const char *s,
                gboolean serials,
                char out[6])
{
  int h, m, sec;

  if (!parse_time_parts (s, strlen (s), serials, &h, &m, &sec))
    return FALSE;
  format_hms (out, h, m, sec, FALSE);
  return TRUE;
}

/* "2026-10-05 09:12:33", "05/10/2026 09:12", "2026-10-05T09:12" or an
 * Excel serial -> "YYYY-MM-DD HH:MM:SS". */
gboolean
tam_datetime_parse (const char *s,
                    gboolean serials,
                    char out[20])
{
  const char *sp;
  int y, mo, d, h, mi, sec;
  gsize n = strlen (s);

  sp = strpbrk (s, " T");
  if (sp == NULL)
    {
      double v;
      if (!serials || !parse_serial (s, &v) || !tam_serial_to_parts (v, FALSE, &y, &mo, &d, &h, &mi, &sec))
        return FALSE;
    }
  else
    {
      const char *t = sp;
      while (*t == ' ' || *t == 'T')
        t++;
      if (!parse_date_parts (s, (gsize) (sp - s), FALSE, &y, &mo, &d) ||
          !parse_time_parts (t, n - (gsize) (t - s), FALSE, &h, &mi, &sec))
        return FALSE;
      if (y < 1900)
        return FALSE;
    }
  format_date (out, y, mo, d);
  out[10] = ' ';
  format_hms (out + 11, h, mi, sec, TRUE);
  return TRUE;
}

char *
tam_parse_date (const char *text)
{
  char out[11];

  if (text == NULL || !tam_date_parse (text, FALSE, out, NULL))
    return NULL;
  return g_strdup (out);
}

char *
tam_parse_date_or_error (const char *text,
                         GError **error)
{
  char *day = tam_parse_date (text);

  if (day == NULL)
    g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("“%s” is not a date (2026-10-05 or 05/10/2026)"),
                 text ? text : "");
  return day;
}

char *
tam_today (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

char *
tam_date_or_today (const char *text,
                   GError **error)
{
  return text == NULL ? tam_today () : tam_parse_date_or_error (text, error);
}

char *
tam_parse_time (const char *text)
{
  char out[6];

  if (text == NULL || !tam_time_parse (text, FALSE, out))
    return NULL;
  return g_strdup (out);
}
