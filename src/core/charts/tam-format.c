/* tam-format.c: numbers and month names in the desk's two languages. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tam-format.h"

static gboolean
is_indonesian (const char *name)
{
  /* "id", "id_ID", "id.UTF-8", "id@…"; "in" is the old ISO code. */
  if ((name[0] == 'i' && name[1] == 'd') || (name[0] == 'i' && name[1] == 'n'))
    return name[2] == '\0' || name[2] == '_' || name[2] == '.' || name[2] == '@';
  return FALSE;
}

TamLanguage
tam_format_language (void)
{
  const char *const *names = g_get_language_names ();

  /* The first entry is the user's first choice; "C" is always last. */
  if (names[0] != NULL && is_indonesian (names[0]))
    return TAM_LANGUAGE_INDONESIAN;
  return TAM_LANGUAGE_ENGLISH;
}

TamLanguage
tam_format_resolve (TamLanguage lang)
{
  return lang == TAM_LANGUAGE_AUTO ? tam_format_language () : lang;
}

char *
tam_format_number (TamLanguage lang,
                   double value,
                   int decimals)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char fmt[8];
  const char *digits;
  const char *dot;
  gboolean negative;
  gboolean all_zero = TRUE;
  char thousands;
  char decimal;
  size_t n_int;
  GString *out;

  if (!isfinite (value))
    return g_strdup ("–");
  decimals = CLAMP (decimals, 0, 6);
  g_snprintf (fmt, sizeof fmt, "%%.%df", decimals);
  g_ascii_formatd (buf, sizeof buf, fmt, value);

  lang = tam_format_resolve (lang);
  thousands = lang == TAM_LANGUAGE_INDONESIAN ? '.' : ',';
  decimal = lang == TAM_LANGUAGE_INDONESIAN ? ',' : '.';

  negative = buf[0] == '-';
  digits = negative ? buf + 1 : buf;
  for (const char *p = digits; *p != '\0'; p++)
    if (*p >= '1' && *p <= '9')
      all_zero = FALSE;
  if (all_zero)
    negative = FALSE; /* -0.04 rounded is "0.0", not "-0.0" */

  dot = strchr (digits, '.');
  n_int = dot != NULL ? (size_t) (dot - digits) : strlen (digits);

  out = g_string_new (negative ? "-" : NULL);
  for (size_t i = 0; i < n_int; i++)
    {
      if (i > 0 && (n_int - i) % 3 == 0)
        g_string_append_c (out, thousands);
      g_string_append_c (out, digits[i]);
    }
  if (dot != NULL)
    {
      g_string_append_c (out, decimal);
      g_string_append (out, dot + 1);
    }
  return g_string_free (out, FALSE);
}

char *
tam_format_number_trim (TamLanguage lang,
                        double value,
                        int max_decimals)
{
  int decimals = 0;

  if (!isfinite (value))
    return g_strdup ("–");
  max_decimals = CLAMP (max_decimals, 0, 6);
  /* The fewest decimals that show @value as it rounds to @max_decimals. */
  while (decimals < max_decimals)
    {
      double scale = pow (10, decimals);
      double full = pow (10, max_decimals);

      if (fabs (round (value * scale) / scale - round (value * full) / full) < 0.5 / full)
        break;
      decimals++;
    }
  return tam_format_number (lang, value, decimals);
}

char *
tam_format_percent (TamLanguage lang,
                    double value,
                    int decimals)
{
  g_autofree char *number = tam_format_number (lang, value, decimals);

  if (!isfinite (value))
    return g_steal_pointer (&number);
  return g_strconcat (number, " %", NULL);
}

/* English, Indonesian. */
static const char *const month_names[2][12] = {
  { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" },
  { "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des" },
};

char *
tam_format_month (TamLanguage lang,
                  const char *key)
{
  int year;
  int month;

  g_return_val_if_fail (key != NULL, NULL);

  /* Exactly YYYY-MM (the store's month keys), nothing after. */
  if (strlen (key) != 7 || key[4] != '-')
    return NULL;
  for (int i = 0; i < 7; i++)
    if (i != 4 && !g_ascii_isdigit (key[i]))
      return NULL;
  year = atoi (key);
  month = atoi (key + 5);
  if (month < 1 || month > 12)
    return NULL;

  lang = tam_format_resolve (lang);
  return g_strdup_printf ("%s %04d", month_names[lang == TAM_LANGUAGE_INDONESIAN][month - 1], year);
}
