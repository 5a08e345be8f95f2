#pragma once

#include <adwaita.h>

#include "tam-auth.h"
#include "tam-store.h"

G_BEGIN_DECLS

#define TAM_TYPE_WINDOW (tam_window_get_type ())
G_DECLARE_FINAL_TYPE (TamWindow, tam_window, TAM, WINDOW, AdwApplicationWindow)

/* Opens @db_path (NULL: the file remembered in GSettings, else
 * tam_store_default_path ()). A store error shows a status page with the
 * message; otherwise the sign-in page, then the desk. @app may be NULL. */
TamWindow *tam_window_new (GtkApplication *app,
                           const char *db_path);
/* Opens another database (signing out); FALSE and the error page when it
 * cannot be opened. */
gboolean tam_window_open_database (TamWindow *self,
                                   const char *path,
                                   GError **error);
/* The explicit New Database: creates @path when it does not exist. */
gboolean tam_window_create_database (TamWindow *self,
                                     const char *path,
                                     GError **error);
/* NULL while the database could not be opened. */
TamStore *tam_window_get_store (TamWindow *self);
/* NULL until someone signed in. */
const TamSession *tam_window_get_session (TamWindow *self);
/* A tab of the desk by name ("roster", "attendance", "queue"…), NULL when
 * nobody is signed in or the role has no such tab. */
GtkWidget *tam_window_get_page (TamWindow *self,
                                const char *name);
/* Back to the sign-in page; the session and its tabs are dropped. */
void tam_window_sign_out (TamWindow *self);

G_END_DECLS
