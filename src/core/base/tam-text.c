/* tam-text.c: small checks of user-typed text. */
#include "config.h"

#include "tam-text.h"

gboolean
tam_text_is_blank (const char *s)
{
  if (s == NULL)
    return TRUE;
  while (g_ascii_isspace (*s))
    s++;
  return *s == '\0';
}
