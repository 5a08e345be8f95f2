#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Numbers and month names as the desk shows them, in one place (the
 * charts, their tooltips, the KPI cards).
 *
 * The language is the user's first choice in g_get_language_names ()
 * (LANGUAGE, then LC_ALL, LC_MESSAGES, LANG: the order gettext uses to
 * pick a translation): "id", "id_ID", "id_ID.UTF-8"… give Indonesian,
 * anything else (and C/POSIX) English. So `LANGUAGE=id` turns the numbers
 * Indonesian together with the translated strings. GLib re-reads the
 * variables when they change, so a test may switch with g_setenv ().
 * It is not the C library's LC_NUMERIC: printf () follows setlocale (),
 * which a headless tamctl may leave at "C", and the desk formats the
 * same everywhere.
 *
 *   English     95.3 %   1,402   Jan 2026 … May 2026 … Dec 2026
 *   Indonesian  95,3 %   1.402   Jan 2026 … Mei 2026 … Des 2026 */
typedef enum
{
  TAM_LANGUAGE_AUTO,
  TAM_LANGUAGE_ENGLISH,
  TAM_LANGUAGE_INDONESIAN,
} TamLanguage;

/* The language the desk formats in now (never TAM_LANGUAGE_AUTO). */
TamLanguage tam_format_language (void);
/* @lang itself, or the detected one for TAM_LANGUAGE_AUTO. */
TamLanguage tam_format_resolve (TamLanguage lang);

/* @value rounded to @decimals (0–6) with the language's thousands and
 * decimal separators: "1,402.5" / "1.402,5". NaN gives "–". */
char *tam_format_number (TamLanguage lang,
                         double value,
                         int decimals);
/* @value (0–100) as a percentage: "95.3 %" / "95,3 %". */
char *tam_format_percent (TamLanguage lang,
                          double value,
                          int decimals);
/* As tam_format_number () with up to @max_decimals, dropping trailing
 * zeros: 95 → "95", 95.5 → "95.5" (targets, axis ticks). */
char *tam_format_number_trim (TamLanguage lang,
                              double value,
                              int max_decimals);
/* A month key "YYYY-MM" as "Jan 2026" / "Mei 2026"; NULL when @key is
 * not a month. */
char *tam_format_month (TamLanguage lang,
                        const char *key);

G_END_DECLS
