#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TAM_ERROR (tam_error_quark ())

typedef enum
{
  TAM_ERROR_FAILED,
  TAM_ERROR_NOT_SQLITE, /* the file is not an SQLite database */
  TAM_ERROR_CORRUPT,    /* SQLite says the file is damaged */
  TAM_ERROR_TOO_NEW,    /* written by a newer TAM Desk */
  TAM_ERROR_PERMISSION, /* the signed-in role may not do this */
  TAM_ERROR_AUTH,       /* unknown user or wrong password */
  TAM_ERROR_INVALID,    /* a field fails validation */
  TAM_ERROR_NOT_FOUND,
  TAM_ERROR_DUPLICATE,
  TAM_ERROR_CONFLICT, /* someone else changed or claimed it first */
  TAM_ERROR_IMPORT,   /* an import file has bad rows */
  TAM_ERROR_BUSY,
} TamError;

GQuark tam_error_quark (void);

G_END_DECLS
