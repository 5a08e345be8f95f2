/* tam-ladder-view.c: a person's coaching ladder over time, drawn with
 * cairo. */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "tam-gui-utils.h"
#include "tam-ladder-view.h"

typedef struct
{
  TamCoachingLevel level;
  TamCoachingState state;
  int from; /* days since the epoch */
  int until;
} Bar;

struct _TamLadderView
{
  GtkWidget parent_instance;

  GArray *bars; /* Bar */
  int today;
  char *summary;
};

G_DEFINE_FINAL_TYPE (TamLadderView, tam_ladder_view, GTK_TYPE_WIDGET)

#define N_LEVELS (TAM_COACHING_LEVEL_SP4 + 1)
#define ROW_HEIGHT 18
#define LABEL_WIDTH 96
#define MONTHS_BEFORE 24
#define MONTHS_AFTER 7
#define MAX_LANES 4

static int
day_number (const char *date)
{
  int y, m, d;
  GDate g;

  if (date == NULL || sscanf (date, "%d-%d-%d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return -1;
  g_date_clear (&g, 1);
  g_date_set_dmy (&g, d, m, y);
  return (int) g_date_get_julian (&g);
}

static int
bar_cmp (gconstpointer a,
         gconstpointer b)
{
  const Bar *x = a, *y = b;

  return x->from != y->from ? (x->from > y->from) - (x->from < y->from) : (x->until > y->until) - (x->until < y->until);
}

static void
level_color (TamCoachingLevel level,
             GdkRGBA *color)
{
  /* Coaching and counselling blue, BATL and SP1-3 orange, SP4 red. */
  if (level >= TAM_COACHING_LEVEL_SP4)
    gdk_rgba_parse (color, "#e01b24");
  else if (level >= TAM_COACHING_LEVEL_BATL)
    gdk_rgba_parse (color, "#e66100");
  else
    gdk_rgba_parse (color, "#3584e4");
}

static void
tam_ladder_view_snapshot (GtkWidget *widget,
                          GtkSnapshot *snapshot)
{
  TamLadderView *self = TAM_LADDER_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA fg;
  cairo_t *cr;
  double x0 = LABEL_WIDTH, x1 = width - 8;
  int start = self->today - MONTHS_BEFORE * 30;
  int end = self->today + MONTHS_AFTER * 30;
  double scale = (x1 - x0) / MAX (end - start, 1);
  PangoLayout *layout;

  if (width <= LABEL_WIDTH + 16 || height <= 0)
    return;
  tam_widget_get_text_color (widget, &fg);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  layout = gtk_widget_create_pango_layout (widget, NULL);

  /* Rows: the levels, lowest at the bottom. */
  for (int level = 0; level < N_LEVELS; level++)
    {
      double y = (N_LEVELS - 1 - level) * ROW_HEIGHT;
      int lw, lh;

      pango_layout_set_text (layout, tam_coaching_level_to_label (level), -1);
      pango_layout_get_pixel_size (layout, &lw, &lh);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.75);
      cairo_move_to (cr, 4, y + (ROW_HEIGHT - lh) / 2.0);
      pango_cairo_show_layout (cr, layout);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.08);
      cairo_rectangle (cr, x0, y + ROW_HEIGHT - 1, x1 - x0, 1);
      cairo_fill (cr);
    }

  /* Records of one level whose validity overlaps share its row in lanes,
   * one above the other, so that each stays visible on its own. */
  {
    g_autofree int *lane = g_new0 (int, MAX (self->bars->len, 1));
    int n_lanes[N_LEVELS] = { 0 };
    int lane_end[N_LEVELS][MAX_LANES];

    for (guint i = 0; i < self->bars->len; i++)
      {
        const Bar *b = &g_array_index (self->bars, Bar, i);
        int l = 0;

        if (b->state == TAM_COACHING_STATE_PROPOSED)
          continue;
        while (l < n_lanes[b->level] && lane_end[b->level][l] >= b->from)
          l++;
        if (l == MAX_LANES)
          l = MAX_LANES - 1; /* more at once than fit: the last lane */
        else if (l == n_lanes[b->level])
          n_lanes[b->level]++;
        lane_end[b->level][l] = MAX (b->until, b->from);
        lane[i] = l;
      }

    for (guint i = 0; i < self->bars->len; i++)
      {
        const Bar *b = &g_array_index (self->bars, Bar, i);
        double y = (N_LEVELS - 1 - (int) b->level) * ROW_HEIGHT + 3;
        double lane_height = (ROW_HEIGHT - 6.0) / MAX (n_lanes[b->level], 1);
        double bx0 = x0 + (CLAMP (b->from, start, end) - start) * scale;
        GdkRGBA color;

        level_color (b->level, &color);
        if (b->state == TAM_COACHING_STATE_PROPOSED)
          {
            /* An open proposal: a hollow mark on its day. */
            cairo_set_source_rgba (cr, color.red, color.green, color.blue, 1);
            cairo_set_line_width (cr, 1.5);
            cairo_arc (cr, bx0, y + (ROW_HEIGHT - 6) / 2.0, 5, 0, 2 * G_PI);
            cairo_stroke (cr);
            continue;
          }
        {
          double bx1 = x0 + (CLAMP (b->until, start, end) - start) * scale;
          gboolean valid = b->until >= self->today;

          if (valid)
            cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.9);
          else
            cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.3);
          /* A hair of space between lanes. */
          cairo_rectangle (cr, bx0, y + lane[i] * lane_height, MAX (bx1 - bx0, 2),
                           MAX (lane_height - (n_lanes[b->level] > 1 ? 1 : 0), 1));
          cairo_fill (cr);
        }
      }
  }

  /* Today. */
  {
    double tx = x0 + (self->today - start) * scale;
    int lw, lh;

    cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.8);
    cairo_rectangle (cr, tx, 0, 1, N_LEVELS * ROW_HEIGHT);
    cairo_fill (cr);
    pango_layout_set_text (layout, _ ("Today"), -1);
    pango_layout_get_pixel_size (layout, &lw, &lh);
    cairo_move_to (cr, MIN (tx - lw / 2.0, x1 - lw), N_LEVELS * ROW_HEIGHT + 2);
    pango_cairo_show_layout (cr, layout);
  }
  g_object_unref (layout);
  cairo_destroy (cr);
}

static void
tam_ladder_view_finalize (GObject *object)
{
  TamLadderView *self = TAM_LADDER_VIEW (object);

  g_array_unref (self->bars);
  g_free (self->summary);
  G_OBJECT_CLASS (tam_ladder_view_parent_class)->finalize (object);
}

static void
tam_ladder_view_class_init (TamLadderViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = tam_ladder_view_finalize;
  widget_class->snapshot = tam_ladder_view_snapshot;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
tam_ladder_view_init (TamLadderView *self)
{
  self->bars = g_array_new (FALSE, FALSE, sizeof (Bar));
  /* Its size is fixed: the labels and some days across, a row a level. */
  gtk_widget_set_size_request (GTK_WIDGET (self), LABEL_WIDTH + 120, N_LEVELS * ROW_HEIGHT + 22);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Ladder"), -1);
}

GtkWidget *
tam_ladder_view_new (void)
{
  return g_object_new (TAM_TYPE_LADDER_VIEW, NULL);
}

void
tam_ladder_view_set_records (TamLadderView *self,
                             GPtrArray *records,
                             const char *today)
{
  GString *words = g_string_new (NULL);
  int highest = -1;
  const char *highest_until = NULL;

  g_return_if_fail (TAM_IS_LADDER_VIEW (self));

  g_array_set_size (self->bars, 0);
  self->today = day_number (today);
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      const TamCoachingRecord *r = g_ptr_array_index (records, i);
      Bar b = { r->level, r->state, 0, 0 };

      if (r->state == TAM_COACHING_STATE_DISMISSED)
        continue;
      b.from = day_number (r->issued_on ? r->issued_on : r->occurred_on);
      b.until = r->valid_until ? day_number (r->valid_until) : b.from;
      if (b.from < 0)
        continue;
      g_array_append_val (self->bars, b);
      if (r->state == TAM_COACHING_STATE_ISSUED && b.until >= self->today && (int) r->level > highest)
        {
          highest = r->level;
          highest_until = r->valid_until;
        }
    }
  /* By start: the lanes of a level are handed out in that order. */
  g_array_sort (self->bars, bar_cmp);
  if (records == NULL)
    g_string_assign (words, "");
  else if (highest < 0)
    g_string_assign (words, _ ("No level is valid today."));
  else
    /* Translators: "Standing: SP2, valid until 2027-03-01." */
    g_string_printf (words, _ ("Standing: %s, valid until %s."), tam_coaching_level_to_label (highest),
                     highest_until);
  g_free (self->summary);
  self->summary = g_string_free (words, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->summary, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
tam_ladder_view_get_summary (TamLadderView *self)
{
  g_return_val_if_fail (TAM_IS_LADDER_VIEW (self), NULL);
  return self->summary;
}
