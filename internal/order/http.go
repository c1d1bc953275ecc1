package order

import (
	"net/http"
	"slices"

	"channeld/internal/apikey"
	"channeld/internal/platform/db"
	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
)

// Handler serves the admin order and reservation routes and the store order route.
type Handler struct{ db *db.DB }

// NewHandler returns the order handler reading d.
func NewHandler(d *db.DB) *Handler { return &Handler{db: d} }

// Routes lists the admin routes.
func (h *Handler) Routes() []httpapi.Route {
	return []httpapi.Route{
		{Method: "GET", Path: "/admin/orders", Summary: "List orders", Query: listQuery, Response: "orders", Handler: h.list},
		{Method: "GET", Path: "/admin/orders/{id}", Summary: "Retrieve an order", Query: selectQuery, Response: "order", Handler: h.retrieve},
		{Method: "GET", Path: "/admin/reservations", Summary: "List reservations", Query: reservationQuery, Response: "reservations", Handler: h.reservations},
	}
}

// StoreRoutes lists the store routes, mounted behind the publishable-key check.
func (h *Handler) StoreRoutes() []httpapi.Route {
	return []httpapi.Route{
		{Method: "GET", Path: "/store/orders/{id}", Summary: "Retrieve an order", Query: selectQuery, Response: "order", Handler: h.storeRetrieve},
	}
}

var selectQuery = v.Object(httpapi.SelectParams()...).Strict()

var listQuery = v.Object(append(httpapi.FindParams(15),
	v.F("id", v.Optional(v.StringOrArray())),
	v.F("q", v.Optional(v.String())),
	v.F("sales_channel_id", v.Optional(v.Array(v.String()))),
	v.F("created_at", v.Optional(v.OperatorMap(v.String()))),
	v.F("updated_at", v.Optional(v.OperatorMap(v.String()))),
)...).Strict()

var reservationQuery = v.Object(append(httpapi.FindParams(20),
	v.F("location_id", v.Optional(v.StringOrArray())),
	v.F("inventory_item_id", v.Optional(v.StringOrArray())),
)...).Strict()

type listParams struct {
	httpapi.Paging
	ID             []string       `json:"id"`
	Q              string         `json:"q"`
	SalesChannelID []string       `json:"sales_channel_id"`
	CreatedAt      map[string]any `json:"created_at"`
	UpdatedAt      map[string]any `json:"updated_at"`
}

type reservationParams struct {
	httpapi.Paging
	LocationID      []string `json:"location_id"`
	InventoryItemID []string `json:"inventory_item_id"`
}

func selection(param *string) (*fields.Selection, error) {
	s := ""
	if param != nil {
		s = *param
	}
	sel := fields.Parse(s, param != nil, DefaultFields)
	return sel, Spec.Check(sel)
}

func (h *Handler) list(w http.ResponseWriter, r *http.Request) error {
	var p listParams
	if err := httpapi.DecodeQuery(r, listQuery, &p); err != nil {
		return err
	}
	sel, err := selection(p.Fields)
	if err != nil {
		return err
	}
	os, count, err := List(r.Context(), h.db.Read(), h.db.ILike(), Filter{IDs: p.ID, SalesChannelIDs: p.SalesChannelID, Q: p.Q,
		CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}, p.Order, p.Limit, p.Offset)
	if err != nil {
		return err
	}
	httpapi.WriteRaw(w, http.StatusOK, httpapi.ListEnvelope("orders", Spec.AppendList(nil, os, sel), count, p.Offset, p.Limit))
	return nil
}

func (h *Handler) one(w http.ResponseWriter, r *http.Request, allowed func(*Order) bool) error {
	var q httpapi.Fields
	if err := httpapi.DecodeQuery(r, selectQuery, &q); err != nil {
		return err
	}
	sel, err := selection(q.Fields)
	if err != nil {
		return err
	}
	o, err := Get(r.Context(), h.db.Read(), r.PathValue("id"))
	if err != nil {
		return err
	}
	if !allowed(o) {
		return ErrNotFound(o.ID)
	}
	httpapi.WriteRaw(w, http.StatusOK, httpapi.Envelope("order", Spec.Append(nil, o, sel)))
	return nil
}

func (h *Handler) retrieve(w http.ResponseWriter, r *http.Request) error {
	return h.one(w, r, func(*Order) bool { return true })
}

// storeRetrieve answers only an order of one of the key's channels.
func (h *Handler) storeRetrieve(w http.ResponseWriter, r *http.Request) error {
	sc, _ := apikey.ScopeFrom(r.Context())
	return h.one(w, r, func(o *Order) bool {
		return o.SalesChannelID != nil && slices.Contains(sc.ChannelIDs, *o.SalesChannelID)
	})
}

func (h *Handler) reservations(w http.ResponseWriter, r *http.Request) error {
	var p reservationParams
	if err := httpapi.DecodeQuery(r, reservationQuery, &p); err != nil {
		return err
	}
	sel := fields.Parse(deref(p.Fields), p.Fields != nil, ReservationFields)
	if err := ReservationSpec.Check(sel); err != nil {
		return err
	}
	rs, count, err := ListReservations(r.Context(), h.db.Read(), ReservationFilter{LocationIDs: p.LocationID, InventoryItemIDs: p.InventoryItemID},
		p.Limit, p.Offset)
	if err != nil {
		return err
	}
	httpapi.WriteRaw(w, http.StatusOK, httpapi.ListEnvelope("reservations", ReservationSpec.AppendList(nil, rs, sel), count, p.Offset, p.Limit))
	return nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
