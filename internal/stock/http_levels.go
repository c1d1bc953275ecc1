package stock

import (
	"net/http"

	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
)

func (h *Handler) listLevels(w http.ResponseWriter, r *http.Request) error {
	var p struct {
		httpapi.Paging
		LocationID []string `json:"location_id"`
	}
	if err := httpapi.DecodeQuery(r, levelListQuery, &p); err != nil {
		return err
	}
	sel := fields.Parse(deref(p.Fields), p.Fields != nil, []string{"*"})
	if err := LevelSpec.Check(sel); err != nil {
		return err
	}
	it, err := h.svc.GetItem(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
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
	httpapi.WriteRaw(w, http.StatusOK, httpapi.ListEnvelope("inventory_levels", LevelSpec.AppendList(nil, page, sel), count, p.Offset, p.Limit))
	return nil
}

func (h *Handler) createLevel(w http.ResponseWriter, r *http.Request) error {
	sel, err := itemSelection(r)
	if err != nil {
		return err
	}
	var in LevelInput
	if err := httpapi.DecodeBody(r, levelCreateBody, &in); err != nil {
		return err
	}
	in.InventoryItemID = r.PathValue("id")
	it, err := h.svc.CreateLevel(r.Context(), in)
	if err != nil {
		return err
	}
	return writeItem(w, it, sel)
}

func (h *Handler) updateLevel(w http.ResponseWriter, r *http.Request) error {
	sel, err := itemSelection(r)
	if err != nil {
		return err
	}
	var in LevelInput
	if err := httpapi.DecodeBody(r, levelUpdateBody, &in); err != nil {
		return err
	}
	in.InventoryItemID, in.LocationID = r.PathValue("id"), r.PathValue("location_id")
	it, err := h.svc.UpdateLevel(r.Context(), in)
	if err != nil {
		return err
	}
	return writeItem(w, it, sel)
}

// deleteLevel answers Medusa's {id, object: "inventory-level", deleted, parent}.
func (h *Handler) deleteLevel(w http.ResponseWriter, r *http.Request) error {
	itemID := r.PathValue("id")
	levelID, err := h.svc.DeleteLevel(r.Context(), itemID, r.PathValue("location_id"))
	if err != nil {
		return err
	}
	it, err := h.svc.GetItem(r.Context(), itemID)
	if err != nil {
		return err
	}
	b := []byte(`{"id":`)
	b = fields.AppendString(b, levelID)
	b = append(b, `,"object":"inventory-level","deleted":true,"parent":`...)
	b = ItemSpec.Append(b, it, fields.Parse("", false, ItemDefaultFields))
	httpapi.WriteRaw(w, http.StatusOK, append(b, '}'))
	return nil
}

// batchLevels answers {created, updated, deleted}: the levels written and the ids removed.
func (h *Handler) batchLevels(w http.ResponseWriter, r *http.Request) error {
	var req struct {
		Create []LevelInput `json:"create"`
		Update []LevelInput `json:"update"`
		Delete []string     `json:"delete"`
	}
	if err := httpapi.DecodeBody(r, levelBatchBody, &req); err != nil {
		return err
	}
	res, err := h.svc.BatchLevels(r.Context(), req.Create, req.Update, req.Delete)
	if err != nil {
		return err
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
	httpapi.WriteRaw(w, http.StatusOK, append(b, ']', '}'))
	return nil
}
