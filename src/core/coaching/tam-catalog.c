/* tam-catalog.c: reading data/pembinaan.xml (see tam-catalog.h). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <string.h>

#include "tam-catalog.h"
#include "tam-error.h"

typedef struct
{
  char *file;
  int line;
  char *message;
} FirstError;

static void
first_error_cb (void *data,
                xmlErrorPtr err)
{
  FirstError *first = data;

  if (first->message != NULL || err == NULL)
    return;
  first->file = g_strdup (err->file);
  first->line = err->line;
  first->message = g_strstrip (g_strdup (err->message ? err->message : ""));
}

static void
rule_free (gpointer data)
{
  TamCoachingRule *rule = data;

  g_free (rule->code);
  g_free (rule->category);
  g_free (rule->text);
  g_free (rule->summary);
  g_free (rule->escalation);
  g_free (rule->notes);
  g_strfreev (rule->parameters);
  g_free (rule);
}

void
tam_catalog_free (TamCatalog *catalog)
{
  if (catalog == NULL)
    return;
  g_free (catalog->path);
  g_free (catalog->version);
  g_clear_pointer (&catalog->by_code, g_hash_table_unref);
  g_clear_pointer (&catalog->rules, g_ptr_array_unref);
  g_free (catalog);
}

static char *
prop (xmlNode *node,
      const char *name)
{
  xmlChar *v = xmlGetProp (node, (const xmlChar *) name);
  char *s = g_strdup (v ? (const char *) v : "");

  xmlFree (v);
  return s;
}

static char *
content (xmlNode *node)
{
  xmlChar *v = xmlNodeGetContent (node);
  char *s = g_strstrip (g_strdup (v ? (const char *) v : ""));

  xmlFree (v);
  return s;
}

static gboolean
fail_at (GError **error,
         const char *path,
         long line,
         const char *message)
{
  g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID, "%s:%ld: %s", path, line, message);
  return FALSE;
}

static gboolean
read_rule (TamCatalog *catalog,
           xmlNode *node,
           const char *category,
           GError **error)
{
  TamCoachingRule *rule = g_new0 (TamCoachingRule, 1);
  g_autofree char *first = prop (node, "first");
  g_autofree char *mode = prop (node, "mode");
  g_autofree char *row = prop (node, "row");

  rule->line = (guint) xmlGetLineNo (node);
  rule->code = prop (node, "code");
  rule->category = g_strdup (category);
  rule->row = (guint) g_ascii_strtoull (row, NULL, 10);
  rule->first = tam_coaching_level_from_code (first);
  rule->mode = tam_coaching_mode_from_code (mode);
  rule->escalation = g_strdup ("");
  rule->notes = g_strdup ("");
  rule->status = -1;
  rule->top = catalog->settings.return_level;
  g_ptr_array_add (catalog->rules, rule);

  for (xmlNode *c = node->children; c != NULL; c = c->next)
    {
      const char *name = (const char *) c->name;

      if (c->type != XML_ELEMENT_NODE)
        continue;
      if (strcmp (name, "text") == 0)
        rule->text = content (c);
      else if (strcmp (name, "summary") == 0)
        rule->summary = content (c);
      else if (strcmp (name, "escalation") == 0)
        g_free (rule->escalation), rule->escalation = content (c);
      else if (strcmp (name, "notes") == 0)
        g_free (rule->notes), rule->notes = content (c);
      else if (strcmp (name, "trigger") == 0)
        {
          g_autofree char *kind = prop (c, "kind");

          if (strcmp (kind, "attendance") == 0)
            {
              g_autofree char *status = prop (c, "status");

              rule->trigger = TAM_TRIGGER_ATTENDANCE;
              rule->status = tam_attendance_status_from_code (status);
            }
          else if (strcmp (kind, "count") == 0)
            {
              g_autofree char *count = prop (c, "count");

              rule->trigger = TAM_TRIGGER_COUNT;
              rule->count = strcmp (count, "ALPA_MONTH") == 0 ? TAM_COUNT_ALPA_MONTH
                                                              : TAM_COUNT_ABSENCES_3_MONTHS;
            }
          else if (strcmp (kind, "kpi") == 0)
            {
              g_autofree char *params = prop (c, "parameter");

              rule->trigger = TAM_TRIGGER_KPI;
              rule->parameters = g_strsplit_set (g_strstrip (params), " \t\n", -1);
            }
          else
            rule->trigger = TAM_TRIGGER_MANUAL;
        }
    }

  /* What the schema cannot say. */
  if (g_hash_table_contains (catalog->by_code, rule->code))
    {
      g_autofree char *msg = g_strdup_printf (_ ("the rule code %s is used twice"), rule->code);
      return fail_at (error, catalog->path, rule->line, msg);
    }
  if (rule->mode == TAM_COACHING_MODE_IMMEDIATE_SP4 && rule->first != catalog->settings.return_level)
    return fail_at (error, catalog->path, rule->line,
                    _ ("an IMMEDIATE_SP4 rule must start at the return-to-vendor level"));
  g_hash_table_insert (catalog->by_code, rule->code, rule);
  return TRUE;
}

TamCatalog *
tam_catalog_load (const char *path,
                  const char *schema_path,
                  GError **error)
{
  g_autoptr (TamCatalog) catalog = NULL;
  g_autofree char *rng_path = NULL;
  xmlParserCtxtPtr pctxt = NULL;
  xmlDocPtr doc = NULL;
  xmlRelaxNGParserCtxtPtr rctxt = NULL;
  xmlRelaxNGPtr schema = NULL;
  xmlRelaxNGValidCtxtPtr vctxt = NULL;
  FirstError first = { 0 };
  xmlNode *root;
  gboolean ok = FALSE;

  g_return_val_if_fail (path != NULL, NULL);

  xmlInitParser ();
  if (schema_path != NULL)
    rng_path = g_strdup (schema_path);
  else
    {
      g_autofree char *dir = g_path_get_dirname (path);

      rng_path = g_build_filename (dir, "pembinaan.rng", NULL);
    }

  catalog = g_new0 (TamCatalog, 1);
  catalog->path = g_strdup (path);
  catalog->rules = g_ptr_array_new_with_free_func (rule_free);
  catalog->by_code = g_hash_table_new (g_str_hash, g_str_equal);

  pctxt = xmlNewParserCtxt ();
  xmlSetStructuredErrorFunc (&first, first_error_cb);
  doc = xmlCtxtReadFile (pctxt, path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  xmlSetStructuredErrorFunc (NULL, NULL);
  if (doc == NULL)
    {
      xmlErrorPtr err = xmlCtxtGetLastError (pctxt);

      if (err != NULL && err->file != NULL)
        fail_at (error, path, err->line, g_strstrip (err->message));
      else
        g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("%s: cannot read the rule catalog"), path);
      goto out;
    }

  rctxt = xmlRelaxNGNewParserCtxt (rng_path);
  xmlRelaxNGSetParserStructuredErrors (rctxt, first_error_cb, &first);
  schema = xmlRelaxNGParse (rctxt);
  if (schema == NULL)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("%s: cannot read the catalog's schema: %s"),
                   rng_path, first.message ? first.message : "");
      goto out;
    }
  vctxt = xmlRelaxNGNewValidCtxt (schema);
  xmlRelaxNGSetValidStructuredErrors (vctxt, first_error_cb, &first);
  if (xmlRelaxNGValidateDoc (vctxt, doc) != 0)
    {
      if (first.message != NULL)
        fail_at (error, path, first.line, first.message);
      else
        fail_at (error, path, 1, _ ("the rule catalog does not follow its schema"));
      goto out;
    }

  root = xmlDocGetRootElement (doc);
  catalog->version = prop (root, "version");
  for (xmlNode *c = root->children; c != NULL; c = c->next)
    {
      if (c->type != XML_ELEMENT_NODE)
        continue;
      if (strcmp ((const char *) c->name, "settings") == 0)
        {
          g_autofree char *v = prop (c, "validity-months");
          g_autofree char *t = prop (c, "performance-threshold");
          g_autofree char *r = prop (c, "return-level");
          g_autofree char *a = prop (c, "alpa-per-month");
          g_autofree char *n = prop (c, "absences");
          g_autofree char *m = prop (c, "absence-months");

          catalog->settings.validity_months = (guint) g_ascii_strtoull (v, NULL, 10);
          catalog->settings.performance_threshold = g_ascii_strtod (t, NULL);
          catalog->settings.return_level = tam_coaching_level_from_code (r);
          catalog->settings.alpa_per_month = (guint) g_ascii_strtoull (a, NULL, 10);
          catalog->settings.absences = (guint) g_ascii_strtoull (n, NULL, 10);
          catalog->settings.absence_months = (guint) g_ascii_strtoull (m, NULL, 10);
        }
      else if (strcmp ((const char *) c->name, "category") == 0)
        {
          g_autofree char *code = prop (c, "code");

          for (xmlNode *r = c->children; r != NULL; r = r->next)
            if (r->type == XML_ELEMENT_NODE && !read_rule (catalog, r, code, error))
              goto out;
        }
    }
  ok = TRUE;

out:
  g_free (first.file);
  g_free (first.message);
  if (vctxt != NULL)
    xmlRelaxNGFreeValidCtxt (vctxt);
  if (schema != NULL)
    xmlRelaxNGFree (schema);
  if (rctxt != NULL)
    xmlRelaxNGFreeParserCtxt (rctxt);
  if (doc != NULL)
    xmlFreeDoc (doc);
  if (pctxt != NULL)
    xmlFreeParserCtxt (pctxt);
  return ok ? g_steal_pointer (&catalog) : NULL;
}

char *
tam_catalog_default_path (void)
{
  const char *env = g_getenv ("TAM_DATADIR");
  char *path;

  if (env != NULL && *env != '\0')
    return g_build_filename (env, "pembinaan.xml", NULL);
  path = g_build_filename (TAM_PKGDATADIR, "pembinaan.xml", NULL);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return path;
  g_free (path);
  return g_build_filename (TAM_SOURCE_DATADIR, "pembinaan.xml", NULL);
}

static GMutex default_lock;
static TamCatalog *default_catalog;

const TamCatalog *
tam_catalog_get_default (GError **error)
{
  const TamCatalog *result;

  g_mutex_lock (&default_lock);
  if (default_catalog == NULL)
    {
      g_autofree char *path = tam_catalog_default_path ();

      default_catalog = tam_catalog_load (path, NULL, error);
    }
  result = default_catalog;
  g_mutex_unlock (&default_lock);
  return result;
}

const TamCoachingRule *
tam_catalog_find (const TamCatalog *catalog,
                  const char *code)
{
  g_return_val_if_fail (catalog != NULL, NULL);
  return code ? g_hash_table_lookup (catalog->by_code, code) : NULL;
}

const char *
tam_coaching_rule_summary (const TamCoachingRule *rule)
{
  return g_dgettext (GETTEXT_PACKAGE, rule->summary);
}

const char *
tam_coaching_category_label (const char *category)
{
  static const struct
  {
    const char *code, *label;
  } labels[] = {
    { "PERFORMANCE", N_ ("Performance") },
    { "SERVICE_DISCIPLINE", N_ ("Service discipline") },
    { "CUSTOMER_SOP", N_ ("SOP breaches affecting customers") },
    { "PRODUCTIVITY", N_ ("Productivity and attendance") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].code, category) == 0)
      return _ (labels[i].label);
  return category ? category : "";
}
