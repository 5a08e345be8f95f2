/* tam-letter.c: the letters of coaching and discipline (see tam-letter.h).
 * The letters are Indonesian whatever the desk's language: they are the
 * operation's documents, signed by the agent. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

#include "tam-letter.h"
#include "tam-pdf-page.h"

#define MARGIN 56.0
#define LABEL_WIDTH 140.0

struct _TamLetter
{
  TamCoachingRecord *record;
  char *title;
  GPtrArray *blocks; /* Block: paragraphs and fields, top to bottom */
  char *signs;       /* "role\nname" blocks, separated by '\x1e' */
};

/* A paragraph (markup, justified) or a field ("Nama : ..."). */
typedef struct
{
  char *label; /* NULL: a paragraph */
  char *text;
} Block;

static void
block_free (gpointer data)
{
  Block *b = data;

  g_free (b->label);
  g_free (b->text);
  g_free (b);
}

static void
para (GPtrArray *blocks,
      char *markup)
{
  Block *b = g_new0 (Block, 1);

  b->text = markup;
  g_ptr_array_add (blocks, b);
}

static const char *const months_id[] = {
  "Januari",
  "Februari",
  "Maret",
  "April",
  "Mei",
  "Juni",
  "Juli",
  "Agustus",
  "September",
  "Oktober",
  "November",
  "Desember",
};

char *
tam_letter_format_date (const char *date)
{
  int y, m, d;

  if (date == NULL || strlen (date) < 10 || date[4] != '-' || date[7] != '-')
    return g_strdup ("-");
  y = atoi (date);
  m = atoi (date + 5);
  d = atoi (date + 8);
  if (!g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return g_strdup ("-");
  return g_strdup_printf ("%d %s %d", d, months_id[m - 1], y);
}

static const char *
level_name (int level)
{
  static const char *const names[] = {
    [TAM_COACHING_LEVEL_COACHING1] = "Coaching 1",
    [TAM_COACHING_LEVEL_COACHING2] = "Coaching 2",
    [TAM_COACHING_LEVEL_KONSELING1] = "Konseling 1",
    [TAM_COACHING_LEVEL_KONSELING2] = "Konseling 2",
    [TAM_COACHING_LEVEL_BATL] = "Berita Acara Teguran Lisan (BATL)",
    [TAM_COACHING_LEVEL_SP1] = "Surat Peringatan Pertama (SP1)",
    [TAM_COACHING_LEVEL_SP2] = "Surat Peringatan Kedua (SP2)",
    [TAM_COACHING_LEVEL_SP3] = "Surat Peringatan Ketiga (SP3)",
    [TAM_COACHING_LEVEL_SP4] = "Rekomendasi Pengembalian ke Vendor (SP4)",
  };

  if (level < 0 || level >= (int) G_N_ELEMENTS (names))
    return "-";
  return names[level];
}

static const char *
title_for (TamCoachingLevel level)
{
  switch (level)
    {
    case TAM_COACHING_LEVEL_COACHING1:
    case TAM_COACHING_LEVEL_COACHING2:
      return "CATATAN COACHING";
    case TAM_COACHING_LEVEL_KONSELING1:
    case TAM_COACHING_LEVEL_KONSELING2:
      return "CATATAN KONSELING";
    case TAM_COACHING_LEVEL_BATL:
      return "BERITA ACARA TEGURAN LISAN";
    case TAM_COACHING_LEVEL_SP1:
      return "SURAT PERINGATAN PERTAMA (SP1)";
    case TAM_COACHING_LEVEL_SP2:
      return "SURAT PERINGATAN KEDUA (SP2)";
    case TAM_COACHING_LEVEL_SP3:
      return "SURAT PERINGATAN KETIGA (SP3)";
    case TAM_COACHING_LEVEL_SP4:
    default:
      return "REKOMENDASI PENGEMBALIAN KE VENDOR (SP4)";
    }
}

static const char *
position_name (const char *role)
{
  static const struct
  {
    const char *code, *name;
  } names[] = {
    { "AGENT", "Agen Telemarketing" },
    { "TEAM_LEADER", "Team Leader" },
    { "SUPERVISOR_OPS", "Supervisor Operasional" },
    { "SUPERVISOR_QUALITY", "Supervisor Quality" },
    { "QCO", "Quality Control Officer" },
    { "QA", "Quality Assurance" },
    { "TRAINER", "Trainer" },
    { "QC_TIER2", "QC Tier 2" },
    { "HD_SUPPORT", "HD Support" },
    { "MANAGER", "Manager" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (names[i].code, role) == 0)
      return names[i].name;
  return role ? role : "-";
}

static const char *
category_name (const char *category)
{
  if (g_strcmp0 (category, "PERFORMANCE") == 0)
    return "Kinerja";
  if (g_strcmp0 (category, "SERVICE_DISCIPLINE") == 0)
    return "Kedisiplinan Layanan (Mengacu pada SOP)";
  if (g_strcmp0 (category, "CUSTOMER_SOP") == 0)
    return "Pelanggaran SOP yang Berefek pada Kepuasan Pelanggan";
  if (g_strcmp0 (category, "PRODUCTIVITY") == 0)
    return "Pelanggaran Produktifitas Kerja";
  return category ? category : "-";
}

static void
field (GPtrArray *blocks,
       const char *label,
       const char *value)
{
  Block *b = g_new0 (Block, 1);

  b->label = g_strdup (label);
  b->text = g_strdup (value && *value ? value : "-");
  g_ptr_array_add (blocks, b);
}

TamLetter *
tam_letter_new (TamStore *store,
                const TamSession *session,
                gint64 id,
                GError **error)
{
  g_autoptr (TamCoachingRecord) r = NULL;
  const TamCatalog *catalog;
  const TamCoachingRule *rule;
  g_autoptr (GError) catalog_error = NULL;
  g_autofree char *occurred = NULL, *issued = NULL, *until = NULL, *ack = NULL;
  g_autofree char *tl = NULL;
  GPtrArray *body;
  GString *signs;
  TamLetter *letter;
  const char *repeat;
  g_autofree char *repeat_text = NULL;

  r = tam_coaching_get (store, session, id, error);
  if (r == NULL)
    return NULL;
  if (r->state != TAM_COACHING_STATE_ISSUED)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID,
                   _ ("Record %lld is not issued: a letter is printed for an issued record"), (long long) id);
      return NULL;
    }
  catalog = tam_catalog_get_default (&catalog_error);
  rule = catalog ? tam_catalog_find (catalog, r->rule_code) : NULL;

  occurred = tam_letter_format_date (r->occurred_on);
  issued = tam_letter_format_date (r->issued_on);
  until = tam_letter_format_date (r->valid_until);
  tl = r->team_leader_name ? g_strdup_printf ("%s (%s)", r->team_leader_name, r->team_leader_nik) : NULL;

  body = g_ptr_array_new_with_free_func (block_free);
  {
    g_autofree char *opening = NULL;
    g_autofree char *head = NULL;

    /* Each kind of letter opens as the operation writes it. */
    if (r->level <= TAM_COACHING_LEVEL_KONSELING2)
      opening = g_strdup_printf ("Pada tanggal %s telah dilaksanakan sesi %s oleh atasan langsung kepada:", issued,
                                 level_name (r->level));
    else if (r->level == TAM_COACHING_LEVEL_BATL)
      opening = g_strdup_printf ("Pada hari ini, %s, telah dilakukan teguran lisan kepada karyawan di bawah ini, "
                                 "dan dibuatkan berita acara ini:",
                                 issued);
    else if (r->level < TAM_COACHING_LEVEL_SP4)
      opening = g_strdup_printf ("Yang bertanda tangan di bawah ini memberikan %s kepada:", level_name (r->level));
    else
      opening = g_strdup ("Yang bertanda tangan di bawah ini merekomendasikan agar karyawan di bawah ini "
                          "dikembalikan ke vendor penyalur:");
    head = g_markup_printf_escaped ("Nomor: %s/%" G_GINT64_FORMAT "/IK-PEMBINAAN\n\n%s",
                                    r->level >= TAM_COACHING_LEVEL_SP1 ? "SP" : r->level == TAM_COACHING_LEVEL_BATL ? "BATL"
                                                                                                                    : "PMB",
                                    r->id, opening);
    para (body, g_steal_pointer (&head));
  }
  field (body, "Nama", r->name);
  field (body, "NIK", r->nik);
  field (body, "Jabatan", position_name (r->role));
  field (body, "Site", tam_site_to_label (tam_site_from_code (r->site)));
  field (body, "Layanan", r->service ? tam_service_to_label (tam_service_from_code (r->service)) : NULL);
  field (body, "Team Leader", tl);
  {
    g_autofree char *row = rule ? g_strdup_printf ("%s, butir %u (%s)", category_name (rule->category), rule->row,
                                                   rule->code)
                                : g_strdup (r->rule_code);
    para (body, g_markup_printf_escaped ("<b>Pelanggaran</b>\n%s", rule ? rule->text : r->rule_code));
    field (body, "Ketentuan IK", row);
    field (body, "Versi katalog", r->catalog_version);
  }
  field (body, "Tanggal kejadian", occurred);
  if (r->note != NULL && *r->note != '\0')
    field (body, "Keterangan", r->note);
  if (r->call_id != NULL)
    field (body, "ID panggilan", r->call_id);
  if (rule != NULL && *rule->notes != '\0')
    field (body, "Catatan IK", rule->notes);
  field (body, "Pembinaan sebelumnya", r->previous_level >= 0 ? level_name (r->previous_level) : "Tidak ada pembinaan yang masih berlaku");
  {
    g_autofree char *validity = g_strdup_printf ("%s s.d. %s", issued, until);

    field (body, "Masa berlaku", validity);
  }

  if (r->level >= TAM_COACHING_LEVEL_SP4)
    repeat = "Dengan ini direkomendasikan agar yang bersangkutan dikembalikan ke vendor. Rekomendasi ini berlaku "
             "setelah dikonfirmasi oleh Manager.";
  else
    {
      const char *next = r->mode == TAM_COACHING_MODE_DIRECT ? level_name (TAM_COACHING_LEVEL_SP4)
                                                             : level_name (r->level + 1);

      repeat_text = g_strdup_printf ("Apabila yang bersangkutan mengulangi pelanggaran yang sama selama masa berlaku "
                                     "pembinaan ini, pembinaan akan ditingkatkan menjadi %s%s%s",
                                     next, rule && *rule->escalation ? ". Ketentuan IK: " : ".",
                                     rule && *rule->escalation ? rule->escalation : "");
      repeat = repeat_text;
    }
  {
    para (body, g_markup_printf_escaped ("<b>Konsekuensi</b>\n%s", repeat));
  }
  para (body, g_strdup ("Tanda tangan di bawah ini menyatakan penerimaan dokumen, bukan persetujuan atas isinya."));
  ack = tam_letter_format_date (r->acknowledged_on);
  if (r->refused)
    {
      para (body, g_markup_printf_escaped ("Yang bersangkutan menolak menandatangani pada %s, "
                                           "disaksikan oleh %s (%s).",
                                           ack, r->witness_name, r->witness_nik));
    }
  else if (r->acknowledged_on != NULL)
    {
      para (body, g_markup_printf_escaped ("Diterima oleh yang bersangkutan pada %s.", ack));
    }
  {
    para (body, g_markup_printf_escaped ("%s, %s", tam_site_to_label (tam_site_from_code (r->site)), issued));
  }

  signs = g_string_new (NULL);
  g_string_append_printf (signs, "Yang memberikan,\n%s\n%s\x1e", r->decided_by_name ? r->decided_by_name : "-",
                          position_name (r->decided_by_role));
  g_string_append_printf (signs, "Team Leader,\n%s\n \x1e", r->team_leader_name ? r->team_leader_name : "-");
  g_string_append_printf (signs, "Yang menerima,\n%s\n%s", r->name, r->nik);
  if (r->refused)
    g_string_append_printf (signs, "\x1eSaksi,\n%s\n%s", r->witness_name, r->witness_nik);

  letter = g_new0 (TamLetter, 1);
  letter->title = g_strdup (title_for (r->level));
  letter->blocks = body;
  letter->signs = g_string_free (signs, FALSE);
  letter->record = g_steal_pointer (&r);
  return letter;
}

void
tam_letter_free (TamLetter *letter)
{
  if (letter == NULL)
    return;
  tam_coaching_record_free (letter->record);
  g_free (letter->title);
  g_clear_pointer (&letter->blocks, g_ptr_array_unref);
  g_free (letter->signs);
  g_free (letter);
}

const char *
tam_letter_get_title (TamLetter *letter)
{
  return letter->title;
}

void
tam_letter_draw (TamLetter *letter,
                 cairo_t *cr,
                 double width,
                 double height)
{
  double x = MARGIN, y = MARGIN, w = width - 2 * MARGIN;
  int lw, lh;
  g_autoptr (PangoLayout) head = NULL;
  g_autoptr (PangoLayout) body = NULL;
  g_autoptr (PangoLayout) value = NULL;
  g_autoptr (PangoLayout) label = NULL;
  g_auto (GStrv) blocks = NULL;
  guint n;

  tam_pdf_page_begin (cr);

  head = tam_pdf_layout_new (cr, "DejaVu Sans Bold 9", w);
  tam_pdf_show (cr, head, "CONTACT CENTER TRANSVISION — TAM OUTBOUND", x, &y, 4);
  tam_pdf_rule (cr, x, y, w, 0.8);
  y += 14;

  pango_layout_set_font_description (head, NULL);
  {
    g_autoptr (PangoFontDescription) desc = pango_font_description_from_string ("DejaVu Sans Bold 12");

    pango_layout_set_font_description (head, desc);
  }
  pango_layout_set_alignment (head, PANGO_ALIGN_CENTER);
  tam_pdf_show (cr, head, letter->title, x, &y, 16);

  body = tam_pdf_layout_new (cr, "DejaVu Sans 9.5", w);
  value = tam_pdf_layout_new (cr, "DejaVu Sans 9.5", w - LABEL_WIDTH);
  label = tam_pdf_layout_new (cr, "DejaVu Sans 9.5", LABEL_WIDTH - 6);
  for (guint i = 0; i < letter->blocks->len; i++)
    {
      const Block *b = letter->blocks->pdata[i];
      const Block *prev = i > 0 ? letter->blocks->pdata[i - 1] : NULL;

      /* A gap between a paragraph and what follows, and before one. */
      if (prev != NULL && (b->label == NULL || prev->label == NULL))
        y += 9;
      if (b->label == NULL)
        {
          pango_layout_set_justify (body, TRUE);
          pango_layout_set_markup (body, b->text, -1);
          cairo_move_to (cr, x, y);
          pango_cairo_show_layout (cr, body);
          pango_layout_get_size (body, &lw, &lh);
        }
      else
        {
          g_autofree char *colon = g_strconcat (": ", b->text, NULL);

          int label_h;

          pango_layout_set_text (label, b->label, -1);
          cairo_move_to (cr, x, y);
          pango_cairo_show_layout (cr, label);
          pango_layout_get_size (label, &lw, &label_h);
          pango_layout_set_text (value, colon, -1);
          cairo_move_to (cr, x + LABEL_WIDTH, y);
          pango_cairo_show_layout (cr, value);
          pango_layout_get_size (value, &lw, &lh);
          lh = MAX (lh, label_h);
        }
      y += (double) lh / PANGO_SCALE + 1.5;
    }
  y += 18;

  /* Signature blocks side by side, a line to sign above each name. */
  blocks = g_strsplit (letter->signs, "\x1e", -1);
  n = g_strv_length (blocks);
  /* A long letter keeps its signatures on the page. */
  y = MIN (y, height - MARGIN - 100);
  for (guint i = 0; i < n; i++)
    {
      double bw = w / n, bx = x + i * bw;
      g_auto (GStrv) lines = g_strsplit (blocks[i], "\n", 3);
      g_autoptr (PangoLayout) sign = tam_pdf_layout_new (cr, "DejaVu Sans 9", bw - 8);

      pango_layout_set_alignment (sign, PANGO_ALIGN_CENTER);
      pango_layout_set_text (sign, lines[0], -1);
      cairo_move_to (cr, bx, y);
      pango_cairo_show_layout (cr, sign);
      cairo_move_to (cr, bx + 10, y + 70);
      cairo_line_to (cr, bx + bw - 18, y + 70);
      cairo_stroke (cr);
      if (lines[1] != NULL)
        {
          g_autofree char *who = g_strdup_printf ("%s\n%s", lines[1], lines[2] ? lines[2] : "");

          pango_layout_set_text (sign, who, -1);
          cairo_move_to (cr, bx, y + 74);
          pango_cairo_show_layout (cr, sign);
        }
    }
  cairo_restore (cr);
}

static void
draw_letter (cairo_t *cr,
             double width,
             double height,
             gpointer letter)
{
  tam_letter_draw (letter, cr, width, height);
}

gboolean
tam_letter_write_pdf (TamLetter *letter,
                      const char *path,
                      GError **error)
{
  g_autofree char *subject = g_strdup_printf ("%s %s %s", letter->record->nik, letter->record->rule_code,
                                              tam_coaching_level_to_code (letter->record->level));

  return tam_pdf_write_a4 (path, letter->title, subject, draw_letter, letter, error);
}
