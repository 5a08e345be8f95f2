#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when @s is NULL, empty or only white space (ASCII). */
gboolean tam_text_is_blank (const char *s);

G_END_DECLS
