#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Dates: "2026-10-05" or "05/10/2026" -> "2026-10-05" (newly allocated),
 * NULL when it is not a real calendar date. Times: "8:00", "08:00" or
 * "08:00:00" -> "08:00". */
char *tam_parse_date (const char *text);
char *tam_parse_time (const char *text);

/* tam_parse_date(), or NULL with TAM_ERROR_INVALID (“… is not a date”)
 * in @error. */
char *tam_parse_date_or_error (const char *text,
                               GError **error);

/* Today, local time, YYYY-MM-DD. */
char *tam_today (void);

/* tam_today() when @text is NULL, else tam_parse_date_or_error(). */
char *tam_date_or_today (const char *text,
                         GError **error);

/* The same without allocating (the imports' million rows). @serials: an
 * Excel serial number is accepted too (a spreadsheet cell). @day_key, if
 * not NULL, gets a number that orders and tells days apart. */
gboolean tam_date_parse (const char *text,
                         gboolean serials,
                         char out[11],
                         guint32 *day_key);
gboolean tam_time_parse (const char *text,
                         gboolean serials,
                         char out[6]);
/* "2026-10-05 09:12:33", "05/10/2026 09:12", "2026-10-05T09:12" or a
 * serial -> "YYYY-MM-DD HH:MM:SS". */
gboolean tam_datetime_parse (const char *text,
                             gboolean serials,
                             char out[20]);

/* An Excel serial day number (1900 system, with its phantom 29 February
 * 1900, or @date1904) as its parts, rounded to the second. */
gboolean tam_serial_to_parts (double serial,
                              gboolean date1904,
                              int *y,
                              int *m,
                              int *d,
                              int *hh,
                              int *mm,
                              int *ss);

G_END_DECLS
