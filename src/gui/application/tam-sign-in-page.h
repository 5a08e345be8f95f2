#pragma once

#include <adwaita.h>

#include "tam-auth.h"

G_BEGIN_DECLS

#define TAM_TYPE_SIGN_IN_PAGE (tam_sign_in_page_get_type ())
G_DECLARE_FINAL_TYPE (TamSignInPage, tam_sign_in_page, TAM, SIGN_IN_PAGE, GtkWidget)

/* NIK + password. Emits "signed-in" with the new TamSession (owned by the
 * page: copy it) after tam_auth_sign_in succeeded; errors are shown in
 * the page. */
GtkWidget *tam_sign_in_page_new (void);
void tam_sign_in_page_set_store (TamSignInPage *self,
                                 TamStore *store);
/* Clears the password and the message, fills in @nik, focuses. */
void tam_sign_in_page_reset (TamSignInPage *self,
                             const char *nik);

G_END_DECLS
