#pragma once

#include <adwaita.h>

#include "tam-auth.h"
#include "tam-store.h"

G_BEGIN_DECLS

/* The holidays and cuti bersama of @year (previous / next year in the
 * window), read in a worker; a supervisor or manager adds and removes
 * days (TAM_PERM_EDIT_CALENDAR). A modal window over @owner's. */
GtkWidget *tam_holidays_dialog_new (GtkWidget *owner,
                                    TamStore *store,
                                    const TamSession *session,
                                    int year);

G_END_DECLS
