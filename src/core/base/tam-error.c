/* tam-error.c: the error domain of the core (TAM_ERROR). */
#include "config.h"

#include "tam-error.h"

G_DEFINE_QUARK (tam - error - quark, tam_error)
