#pragma once

#include <adwaita.h>

#include "tam-people.h"

G_BEGIN_DECLS

#define TAM_TYPE_PERSON_DIALOG (tam_person_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TamPersonDialog, tam_person_dialog, TAM, PERSON_DIALOG, AdwWindow)

/* Add (@person NULL) or edit a person. Validates with tam_people_validate
 * and shows each message under its field; saves with tam_people_save,
 * then emits "saved" (the NIK) and closes. */
TamPersonDialog *tam_person_dialog_new  (GtkWindow        *parent,
                                         TamStore         *store,
                                         const TamSession *session,
                                         const TamPerson  *person);
/* The same as clicking Save; TRUE when the person was stored. */
gboolean         tam_person_dialog_save (TamPersonDialog  *self);

G_END_DECLS
