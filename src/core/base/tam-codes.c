#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "tam-codes.h"
#include "tam-enums.h"

/* The lists are the nicks of the enums of tam-enums.h, in their order:
 * the nick annotations of tam-enums.h are the one place the codes are
 * written down. */
static const char *const *
nick_list (GType type,
           const char *const **cache)
{
  if (g_once_init_enter (cache))
    {
      GEnumClass *klass = g_type_class_ref (type);
      const char **list = g_new0 (const char *, klass->n_values + 1);

      for (guint i = 0; i < klass->n_values; i++)
        list[i] = klass->values[i].value_nick;
      /* Kept for the life of the process, like the class it points into. */
      g_once_init_leave (cache, (const char *const *) list);
    }
  return *cache;
}

const char *const *
tam_roles (void)
{
  static const char *const *list;

  return nick_list (TAM_TYPE_ROLE, &list);
}

const char *const *
tam_sites (void)
{
  static const char *const *list;

  return nick_list (TAM_TYPE_SITE, &list);
}

const char *const *
tam_services (void)
{
  static const char *const *list;

  return nick_list (TAM_TYPE_SERVICE, &list);
}

const char *const *
tam_person_statuses (void)
{
  static const char *const *list;

  return nick_list (TAM_TYPE_PERSON_STATUS, &list);
}

const char *const *
tam_attendance_statuses (void)
{
  static const char *const *list;

  return nick_list (TAM_TYPE_ATTENDANCE_STATUS, &list);
}

gboolean
tam_code_is_valid (const char *const *codes,
                   const char *code)
{
  if (code == NULL)
    return FALSE;
  for (guint i = 0; codes[i] != NULL; i++)
    if (strcmp (codes[i], code) == 0)
      return TRUE;
  return FALSE;
}

/* The string-based labels, for callers that hold a code: an unknown
 * code is its own label. */
#define CODE_LABEL(name, type)                  \
  const char *                                  \
      tam_##name##_label (const char *code)     \
  {                                             \
    type value = tam_##name##_from_code (code); \
                                                \
    if ((int) value < 0)                        \
      return code ? code : "";                  \
    return tam_##name##_to_label (value);       \
  }

CODE_LABEL (role, TamRole)
CODE_LABEL (site, TamSite)
CODE_LABEL (service, TamService)
CODE_LABEL (person_status, TamPersonStatus)
CODE_LABEL (attendance_status, TamAttendanceStatus)

const char *
tam_attendance_status_parse (const char *text)
{
  static const struct
  {
    const char *word;
    const char *code;
  } words[] = {
    { "HADIR", "PRESENT" },
    { "TELAT", "LATE" },
    { "ALPA", "ABSENT_NO_NOTICE" },
    { "SAKIT", "SICK_NOTE" },
    { "CUTI", "LEAVE" },
    { "LIBUR", "OFF" },
  };
  char up[32];
  gsize n;

  if (text == NULL)
    return NULL;
  while (*text == ' ')
    text++;
  n = strlen (text);
  while (n > 0 && text[n - 1] == ' ')
    n--;
  if (n == 0 || n >= sizeof up)
    return NULL;
  for (gsize i = 0; i < n; i++)
    up[i] = g_ascii_toupper (text[i]);
  up[n] = '\0';

  if ((int) tam_attendance_status_from_code (up) >= 0)
    return tam_attendance_status_to_code (tam_attendance_status_from_code (up));
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strcmp (words[i].word, up) == 0)
      return words[i].code;
  return NULL;
}

const char *
tam_customer_number_normalize (const char *text,
                               char buf[TAM_CUSTOMER_NUMBER_MAX + 2])
{
  const char *p = text;
  guint n = 0;
  char first = '\0', second = '\0';

  if (text == NULL || strlen (text) > TAM_CUSTOMER_NUMBER_MAX)
    return NULL;
  if (*p == '+')
    p++;
  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          if (n == 0)
            first = *p;
          else if (n == 1)
            second = *p;
          n++;
        }
      else if ((*p == ' ' || *p == '-') && n > 0 && g_ascii_isdigit (p[1]))
        continue;
      else
        return NULL;
    }
  if (text[0] == '+')
    return first == '6' && second == '2' && n >= 10 && n <= 15 ? text : NULL;
  if (first == '8' && n >= 9 && n <= 14)
    {
      buf[0] = '0';
      memcpy (buf + 1, text, strlen (text) + 1);
      return buf;
    }
  if (n < 10 || n > 15)
    return NULL;
  return first == '0' || (first == '6' && second == '2') ? text : NULL;
}
