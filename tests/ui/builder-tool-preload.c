/* Preloaded into gtk4-builder-tool by the packaging test, so that
 * `gtk4-builder-tool validate` knows the libadwaita types our templates
 * derive from (it looks template parents up by name, and nothing in it
 * links libadwaita). Child types are then resolved through their
 * *_get_type symbols, which this library brings in. */
#include <adwaita.h>

__attribute__ ((constructor)) static void
tam_builder_tool_preload (void)
{
  g_type_ensure (ADW_TYPE_APPLICATION_WINDOW);
  g_type_ensure (ADW_TYPE_WINDOW);
  g_type_ensure (ADW_TYPE_PREFERENCES_WINDOW);
  g_type_ensure (ADW_TYPE_BIN);
}
