#pragma once

#include <glib.h>

G_BEGIN_DECLS

extern const char *const tam_schema_migrations[];
extern const guint tam_schema_n_migrations;

G_END_DECLS
