#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _TamStore TamStore;
typedef struct _TamSession TamSession;
typedef struct _TamPerson TamPerson;
typedef struct _TamAttendance TamAttendance;

G_END_DECLS
