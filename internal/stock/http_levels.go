package stock

import (
	"context"

	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
)

var (
	levelQtyFields = []v.Field{
		v.F("stocked_quantity", v.Optional(v.Number().Int().Gte(0))),
		v.F("incoming_quantity", v.Optional(v.Number().Int().Gte(0))),
	}
	levelCreateBody = v.Object(append([]v.Field{v.F("location_id", v.String())}, levelQtyFields...)...).Strict()
	levelUpdateBody = v.Object(levelQtyFields...).Strict()
	batchLevel      = v.Object(append([]v.Field{v.F("inventory_item_id", v.String()), v.F("location_id", v.String())}, levelQtyFields...)...).Strict()
	levelBatchBody  = v.Object(
		v.F("create", v.Optional(v.Array(batchLevel))),
		v.F("update", v.Optional(v.Array(batchLevel))),
		v.F("delete", v.Optional(v.Array(v.String()))),
	).Strict()
	levelListQuery = v.Object(append(httpapi.FindParams(50), httpapi.MatchFilters("location_id")...)...).Strict()
)

type levelListParams struct {
	httpapi.Paging
	LocationID []string `json:"location_id"`
}

// listLevels pages through the item's levels in memory: an item has one level per location.
func (h *Handler) listLevels(ctx context.Context, in *httpapi.Input[levelListParams, httpapi.NoBody]) ([]byte, int, error) {
	p := in.Query
	it, err := h.svc.GetItem(ctx, in.Path("id"))
	if err != nil {
		return nil, 0, err
	}
	levels := it.Levels
	if p.LocationID != nil {
		keep := map[string]bool{}
		for _, l := range p.LocationID {
			keep[l] = true
		}
		levels = nil
		for _, l := range it.Levels {
			if keep[l.LocationID] {
				levels = append(levels, l)
			}
		}
	}
	count := len(levels)
	page := levels[min(p.Offset, count):]
	if p.Limit > 0 && len(page) > p.Limit {
		page = page[:p.Limit]
	}
	return LevelSpec.AppendList(nil, page, in.Fields), count, nil
}

func (h *Handler) createLevel(ctx context.Context, in *httpapi.Input[httpapi.Fields, LevelInput]) (*Item, error) {
	level := in.Body
	level.InventoryItemID = in.Path("id")
	return h.svc.CreateLevel(ctx, level)
}

func (h *Handler) updateLevel(ctx context.Context, in *httpapi.Input[httpapi.Fields, LevelInput]) (*Item, error) {
	level := in.Body
	level.InventoryItemID, level.LocationID = in.Path("id"), in.Path("location_id")
	return h.svc.UpdateLevel(ctx, level)
}

// deleteLevel answers Medusa's {id, object: "inventory-level", deleted, parent}, the item in
// its default fields: the route takes no query.
func (h *Handler) deleteLevel(ctx context.Context, in *httpapi.Input[httpapi.NoQuery, httpapi.NoBody]) ([]byte, error) {
	itemID := in.Path("id")
	levelID, err := h.svc.DeleteLevel(ctx, itemID, in.Path("location_id"))
	if err != nil {
		return nil, err
	}
	it, err := h.svc.GetItem(ctx, itemID)
	if err != nil {
		return nil, err
	}
	return httpapi.DeletedWithParent(levelID, "inventory-level", ItemSpec.Append(nil, it, in.Fields)), nil
}

type levelBatchRequest struct {
	Create []LevelInput `json:"create"`
	Update []LevelInput `json:"update"`
	Delete []string     `json:"delete"`
}

// batchLevels answers {created, updated, deleted}: the levels written and the ids removed.
func (h *Handler) batchLevels(ctx context.Context, in *httpapi.Input[httpapi.NoQuery, levelBatchRequest]) ([]byte, error) {
	res, err := h.svc.BatchLevels(ctx, in.Body.Create, in.Body.Update, in.Body.Delete)
	if err != nil {
		return nil, err
	}
	all := fields.FromList("*")
	b := []byte(`{"created":`)
	b = LevelSpec.AppendList(b, res.Created, all)
	b = append(b, `,"updated":`...)
	b = LevelSpec.AppendList(b, res.Updated, all)
	b = append(b, `,"deleted":[`...)
	for i, id := range res.Deleted {
		if i > 0 {
			b = append(b, ',')
		}
		b = fields.AppendString(b, id)
	}
	return append(b, ']', '}'), nil
}
