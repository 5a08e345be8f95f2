#pragma once

#include <adwaita.h>

#include "tam-auth.h"
#include "tam-store.h"

G_BEGIN_DECLS

#define TAM_TYPE_ROSTER_PAGE (tam_roster_page_get_type ())
G_DECLARE_FINAL_TYPE (TamRosterPage, tam_roster_page, TAM, ROSTER_PAGE, GtkWidget)

/* The roster tab: every person, searchable, filterable, sortable; add,
 * edit, deactivate; import and export. */
GtkWidget *tam_roster_page_new (TamStore *store,
                                const TamSession *session);
/* Re-reads the roster from the store, keeping filters and selection. */
void tam_roster_page_reload (TamRosterPage *self);
/* What the Import / Export buttons run once a file is chosen (in a
 * worker, with progress and Cancel). */
void tam_roster_page_import_file (TamRosterPage *self,
                                  const char *path);
void tam_roster_page_export_file (TamRosterPage *self,
                                  const char *path);
/* Selects the person with @nik (clearing filters if needed); FALSE if
 * there is none. */
gboolean tam_roster_page_select_nik (TamRosterPage *self,
                                     const char *nik);

G_END_DECLS
