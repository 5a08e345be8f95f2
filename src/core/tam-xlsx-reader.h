#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Streams the first worksheet of an .xlsx: the zip container is opened
 * with libzip, xl/sharedStrings.xml is loaded, the sheet XML is read with
 * libxml2's xmlTextReader without building a tree. */
typedef struct _TamXlsxReader TamXlsxReader;

TamXlsxReader *tam_xlsx_reader_open     (const char    *path,
                                         GError       **error);
/* 1 row ready, 0 end, -1 error. Empty cells in a row are "". */
int            tam_xlsx_reader_next     (TamXlsxReader *reader,
                                         GError       **error);
guint          tam_xlsx_reader_n_fields (TamXlsxReader *reader);
const char    *tam_xlsx_reader_field    (TamXlsxReader *reader,
                                         guint          index);
guint          tam_xlsx_reader_row      (TamXlsxReader *reader);
double         tam_xlsx_reader_progress (TamXlsxReader *reader);
void           tam_xlsx_reader_free     (TamXlsxReader *reader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TamXlsxReader, tam_xlsx_reader_free)

G_END_DECLS
