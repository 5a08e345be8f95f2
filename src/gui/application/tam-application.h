#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TAM_TYPE_APPLICATION (tam_application_get_type ())
G_DECLARE_FINAL_TYPE (TamApplication, tam_application, TAM, APPLICATION, AdwApplication)

/* com.infomedia.TAM; `tam [--db FILE]`. Not unique: several desks (two
 * QCOs) may run against one database file. */
TamApplication *tam_application_new (void);

G_END_DECLS
