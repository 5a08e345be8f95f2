#pragma once

#include <adwaita.h>

#include "tam-types.h"

G_BEGIN_DECLS

#define TAM_TYPE_PREFERENCES_WINDOW (tam_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (TamPreferencesWindow, tam_preferences_window, TAM, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* The database file (GSettings database-path, used at the next start)
 * and the recordings folder (recordings-folder). @open_path is the file
 * open now, shown for reference (may be NULL). Pages may add their own
 * groups with adw_preferences_window_add (). The Assessment page lists
 * and edits the assessment parameters of @store (may be NULL: the page
 * is empty); editing needs a @session (may be NULL) that can
 * TAM_PERM_EDIT_PARAMETERS, the core checks again. */
TamPreferencesWindow *tam_preferences_window_new (GtkWindow *parent,
                                                  const char *open_path,
                                                  TamStore *store,
                                                  const TamSession *session);
/* What the Choose… buttons do once a file or folder is chosen; the
 * database is checked by opening it first. */
gboolean tam_preferences_window_set_database (TamPreferencesWindow *self,
                                              const char *path,
                                              GError **error);
void tam_preferences_window_set_recordings_folder (TamPreferencesWindow *self,
                                                   const char *path);

G_END_DECLS
