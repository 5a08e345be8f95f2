/* tam-slot-model.c: stable row slots over a list model (see the header). */
#include "config.h"

#include "tam-slot-model.h"

/* TamSlot */

struct _TamSlot
{
  GObject parent_instance;
  GObject *item;
};

G_DEFINE_FINAL_TYPE (TamSlot, tam_slot, G_TYPE_OBJECT)

enum
{
  SLOT_PROP_0,
  SLOT_PROP_ITEM,
  SLOT_N_PROPS
};

static GParamSpec *slot_properties[SLOT_N_PROPS];

static void
tam_slot_dispose (GObject *object)
{
  g_clear_object (&TAM_SLOT (object)->item);
  G_OBJECT_CLASS (tam_slot_parent_class)->dispose (object);
}

static void
tam_slot_get_property (GObject *object,
                       guint prop_id,
                       GValue *value,
                       GParamSpec *pspec)
{
  switch (prop_id)
    {
    case SLOT_PROP_ITEM:
      g_value_set_object (value, TAM_SLOT (object)->item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tam_slot_class_init (TamSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tam_slot_dispose;
  object_class->get_property = tam_slot_get_property;
  slot_properties[SLOT_PROP_ITEM] =
      g_param_spec_object ("item", NULL, NULL, G_TYPE_OBJECT,
                           G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, SLOT_N_PROPS, slot_properties);
}

static void
tam_slot_init (TamSlot *self)
{
}

/* Takes @item over. */
static void
tam_slot_take_item (TamSlot *self,
                    GObject *item)
{
  if (self->item == item)
    {
      g_clear_object (&item);
      return;
    }
  g_clear_object (&self->item);
  self->item = item;
  g_object_notify_by_pspec (G_OBJECT (self), slot_properties[SLOT_PROP_ITEM]);
}

gpointer
tam_slot_get_item (TamSlot *self)
{
  g_return_val_if_fail (TAM_IS_SLOT (self), NULL);
  return self->item;
}

/* TamSlotModel */

struct _TamSlotModel
{
  GObject parent_instance;
  GListModel *model;
  GPtrArray *slots; /* TamSlot, created as the view asks for them */
  guint n_items;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TamSlotModel, tam_slot_model, G_TYPE_OBJECT, G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return TAM_TYPE_SLOT;
}

static guint
get_n_items (GListModel *model)
{
  return TAM_SLOT_MODEL (model)->n_items;
}

static gpointer
get_item (GListModel *model,
          guint position)
{
  TamSlotModel *self = TAM_SLOT_MODEL (model);
  TamSlot *slot;

  if (position >= self->n_items)
    return NULL;
  while (self->slots->len <= position)
    g_ptr_array_add (self->slots, g_object_new (TAM_TYPE_SLOT, NULL));
  slot = g_ptr_array_index (self->slots, position);
  if (slot->item == NULL)
    tam_slot_take_item (slot, g_list_model_get_item (self->model, position));
  return g_object_ref (slot);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
items_changed_cb (GListModel *model,
                  guint position,
                  guint removed,
                  guint added,
                  TamSlotModel *self)
{
  guint old_n = self->n_items;
  guint new_n = g_list_model_get_n_items (model);

  /* Every slot from @position on may hold another item now (later items
   * shift when the counts differ). Slots past the end let go. */
  for (guint i = position; i < self->slots->len; i++)
    tam_slot_take_item (g_ptr_array_index (self->slots, i),
                        i < new_n ? g_list_model_get_item (model, i) : NULL);
  self->n_items = new_n;
  if (new_n != old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), MIN (old_n, new_n),
                                old_n > new_n ? old_n - new_n : 0,
                                new_n > old_n ? new_n - old_n : 0);
}

GListModel *
tam_slot_model_get_model (TamSlotModel *self)
{
  g_return_val_if_fail (TAM_IS_SLOT_MODEL (self), NULL);
  return self->model;
}

gpointer
tam_slot_model_peek (TamSlotModel *self,
                     guint position)
{
  g_autoptr (GObject) item = NULL;

  g_return_val_if_fail (TAM_IS_SLOT_MODEL (self), NULL);

  if (position < self->slots->len)
    {
      TamSlot *slot = g_ptr_array_index (self->slots, position);
      if (slot->item != NULL)
        return slot->item;
    }
  /* Not asked for by the view yet: the model below keeps it alive. */
  item = g_list_model_get_item (self->model, position);
  return item;
}

guint
tam_slot_model_find (TamSlotModel *self,
                     GEqualFunc func,
                     gconstpointer data)
{
  g_return_val_if_fail (TAM_IS_SLOT_MODEL (self), GTK_INVALID_LIST_POSITION);

  for (guint i = 0; i < self->n_items; i++)
    if (func (tam_slot_model_peek (self, i), data))
      return i;
  return GTK_INVALID_LIST_POSITION;
}

static void
tam_slot_model_dispose (GObject *object)
{
  TamSlotModel *self = TAM_SLOT_MODEL (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, items_changed_cb, self);
  g_clear_object (&self->model);
  g_clear_pointer (&self->slots, g_ptr_array_unref);
  G_OBJECT_CLASS (tam_slot_model_parent_class)->dispose (object);
}

static void
tam_slot_model_class_init (TamSlotModelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = tam_slot_model_dispose;
}

static void
tam_slot_model_init (TamSlotModel *self)
{
  self->slots = g_ptr_array_new_with_free_func (g_object_unref);
}

TamSlotModel *
tam_slot_model_new (GListModel *model)
{
  TamSlotModel *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (TAM_TYPE_SLOT_MODEL, NULL);
  self->model = g_object_ref (model);
  self->n_items = g_list_model_get_n_items (model);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), self);
  return self;
}
