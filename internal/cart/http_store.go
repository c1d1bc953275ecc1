package cart

import (
	"encoding/json"
	"net/http"
	"time"

	"channeld/internal/apikey"
	"channeld/internal/order"
	"channeld/internal/payment"
	"channeld/internal/platform/db"
	"channeld/internal/platform/httpapi"
	"channeld/internal/platform/money"
	v "channeld/internal/platform/validate"
)

// Handler serves /store/carts behind the publishable-key middleware.
type Handler struct{ svc *Service }

// NewHandler returns the store cart handler.
func NewHandler(svc *Service) *Handler { return &Handler{svc: svc} }

// Routes lists the store cart routes.
func (h *Handler) Routes() []httpapi.Route {
	return []httpapi.Route{
		{Method: "POST", Path: "/store/carts", Summary: "Create a cart", Query: selectQuery, Body: createBody, Response: "cart", Handler: h.create},
		{Method: "GET", Path: "/store/carts/{id}", Summary: "Retrieve a cart", Query: selectQuery, Response: "cart", Handler: h.retrieve},
		{Method: "POST", Path: "/store/carts/{id}", Summary: "Update a cart", Query: selectQuery, Body: updateBody, Response: "cart", Handler: h.update},
		{Method: "POST", Path: "/store/carts/{id}/line-items", Summary: "Add a line item to a cart", Query: selectQuery, Body: addItemBody, Response: "cart", Handler: h.addItem},
		{Method: "POST", Path: "/store/carts/{id}/line-items/{line_id}", Summary: "Update a line item of a cart", Query: selectQuery, Body: updateItemBody, Response: "cart", Handler: h.updateItem},
		{Method: "DELETE", Path: "/store/carts/{id}/line-items/{line_id}", Summary: "Remove a line item from a cart", Query: selectQuery, Response: "deleted", Handler: h.deleteItem},
		{Method: "POST", Path: "/store/carts/{id}/complete", Summary: "Complete a cart", Query: selectQuery, Response: "order", Handler: h.complete},
	}
}

var selectQuery = v.Object(httpapi.SelectParams()...).Strict()

var itemSchema = v.Object(
	v.F("variant_id", v.String()),
	v.F("quantity", v.Number().Int().Gt(0)),
	v.F("metadata", v.Nullish(v.Record())),
).Strict()

var createBody = v.Object(
	v.F("region_id", v.Optional(v.String())),
	v.F("shipping_address", v.Nullish(v.Record())),
	v.F("billing_address", v.Nullish(v.Record())),
	v.F("email", v.Nullish(v.String())),
	v.F("currency_code", v.Optional(v.String())),
	v.F("items", v.Optional(v.Array(itemSchema))),
	v.F("sales_channel_id", v.Nullish(v.String())),
	v.F("promo_codes", v.Optional(v.Array(v.String()))),
	v.F("metadata", v.Nullish(v.Record())),
	v.F("additional_data", v.Nullish(v.Record())),
).Strict()

var updateBody = v.Object(
	v.F("region_id", v.Optional(v.String())),
	v.F("email", v.Nullish(v.String())),
	v.F("shipping_address", v.Nullish(v.Record())),
	v.F("billing_address", v.Nullish(v.Record())),
	v.F("sales_channel_id", v.Nullish(v.String())),
	v.F("metadata", v.Nullish(v.Record())),
	v.F("promo_codes", v.Optional(v.Array(v.String()))),
	v.F("additional_data", v.Nullish(v.Record())),
).Strict()

var addItemBody = itemSchema

var updateItemBody = v.Object(
	v.F("quantity", v.Number().Int().Gte(0)),
	v.F("metadata", v.Nullish(v.Record())),
	v.F("additional_data", v.Nullish(v.Record())),
).Strict()

type itemRequest struct {
	VariantID string          `json:"variant_id"`
	Quantity  int64           `json:"quantity"`
	Metadata  json.RawMessage `json:"metadata"`
}

func (r itemRequest) input() ItemInput {
	return ItemInput{VariantID: r.VariantID, Quantity: r.Quantity, Metadata: nullIfNull(r.Metadata)}
}

type createRequest struct {
	RegionID       *string         `json:"region_id"`
	Email          *string         `json:"email"`
	CurrencyCode   *string         `json:"currency_code"`
	Items          []itemRequest   `json:"items"`
	SalesChannelID v.Opt[string]   `json:"sales_channel_id"`
	Metadata       json.RawMessage `json:"metadata"`
}

type updateRequest struct {
	RegionID       *string                `json:"region_id"`
	Email          v.Opt[string]          `json:"email"`
	SalesChannelID v.Opt[string]          `json:"sales_channel_id"`
	Metadata       v.Opt[json.RawMessage] `json:"metadata"`
}

type updateItemRequest struct {
	Quantity int64                  `json:"quantity"`
	Metadata v.Opt[json.RawMessage] `json:"metadata"`
}

func nullIfNull(raw json.RawMessage) json.RawMessage {
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	return raw
}

func opt[T any](o v.Opt[T]) Opt[T] { return Opt[T]{Set: o.Set, Null: o.Null, Value: o.Value} }

func keyChannels(r *http.Request) []string {
	sc, _ := apikey.ScopeFrom(r.Context())
	return sc.ChannelIDs
}

func (h *Handler) create(w http.ResponseWriter, r *http.Request) error {
	var q httpapi.Fields
	if err := httpapi.DecodeQuery(r, selectQuery, &q); err != nil {
		return err
	}
	var req createRequest
	if err := httpapi.DecodeBody(r, createBody, &req); err != nil {
		return err
	}
	in := CreateInput{KeyChannels: keyChannels(r), RegionID: req.RegionID, SalesChannelID: opt(req.SalesChannelID),
		CurrencyCode: req.CurrencyCode, Email: req.Email, Metadata: nullIfNull(req.Metadata)}
	for _, it := range req.Items {
		in.Items = append(in.Items, it.input())
	}
	c, err := h.svc.Create(r.Context(), in)
	if me, ok := err.(*MultiError); ok {
		httpapi.WriteJSON(w, http.StatusBadRequest, struct {
			Errors  []string `json:"errors"`
			Message string   `json:"message"`
		}{me.Messages, "Provided request body contains errors. Please check the data and retry the request"})
		return nil
	}
	if err != nil {
		return err
	}
	return respond(w, c)
}

func (h *Handler) retrieve(w http.ResponseWriter, r *http.Request) error {
	var q httpapi.Fields
	if err := httpapi.DecodeQuery(r, selectQuery, &q); err != nil {
		return err
	}
	c, err := h.svc.Get(r.Context(), r.PathValue("id"), keyChannels(r))
	if err != nil {
		return err
	}
	return respond(w, c)
}

func (h *Handler) update(w http.ResponseWriter, r *http.Request) error {
	var q httpapi.Fields
	if err := httpapi.DecodeQuery(r, selectQuery, &q); err != nil {
		return err
	}
	var req updateRequest
	if err := httpapi.DecodeBody(r, updateBody, &req); err != nil {
		return err
	}
	c, err := h.svc.Update(r.Context(), r.PathValue("id"), keyChannels(r), UpdateInput{
		RegionID: req.RegionID, Email: opt(req.Email), SalesChannelID: opt(req.SalesChannelID), Metadata: opt(req.Metadata),
	})
	if err != nil {
		return err
	}
	return respond(w, c)
}

func (h *Handler) addItem(w http.ResponseWriter, r *http.Request) error {
	var q httpapi.Fields
	if err := httpapi.DecodeQuery(r, selectQuery, &q); err != nil {
		return err
	}
	var req itemRequest
	if err := httpapi.DecodeBody(r, addItemBody, &req); err != nil {
		return err
	}
	c, err := h.svc.AddItem(r.Context(), r.PathValue("id"), keyChannels(r), req.input())
	if err != nil {
		return err
	}
	return respond(w, c)
}

func (h *Handler) updateItem(w http.ResponseWriter, r *http.Request) error {
	var q httpapi.Fields
	if err := httpapi.DecodeQuery(r, selectQuery, &q); err != nil {
		return err
	}
	var req updateItemRequest
	if err := httpapi.DecodeBody(r, updateItemBody, &req); err != nil {
		return err
	}
	c, err := h.svc.UpdateItem(r.Context(), r.PathValue("id"), r.PathValue("line_id"), keyChannels(r), req.Quantity, opt(req.Metadata))
	if err != nil {
		return err
	}
	return respond(w, c)
}

func (h *Handler) deleteItem(w http.ResponseWriter, r *http.Request) error {
	var q httpapi.Fields
	if err := httpapi.DecodeQuery(r, selectQuery, &q); err != nil {
		return err
	}
	lineID := r.PathValue("line_id")
	c, err := h.svc.DeleteItem(r.Context(), r.PathValue("id"), lineID, keyChannels(r))
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, struct {
		ID      string   `json:"id"`
		Object  string   `json:"object"`
		Deleted bool     `json:"deleted"`
		Parent  cartView `json:"parent"`
	}{lineID, "line-item", true, view(c)})
	return nil
}

type itemView struct {
	ID           string          `json:"id"`
	CartID       string          `json:"cart_id"`
	VariantID    string          `json:"variant_id"`
	ProductID    string          `json:"product_id"`
	Title        string          `json:"title"`
	ProductTitle string          `json:"product_title"`
	VariantTitle string          `json:"variant_title"`
	VariantSKU   *string         `json:"variant_sku"`
	Quantity     int64           `json:"quantity"`
	UnitPrice    json.RawMessage `json:"unit_price"`
	Subtotal     json.RawMessage `json:"subtotal"`
	Total        json.RawMessage `json:"total"`
	Metadata     json.RawMessage `json:"metadata"`
	CreatedAt    string          `json:"created_at"`
	UpdatedAt    string          `json:"updated_at"`
}

type cartView struct {
	ID             string          `json:"id"`
	RegionID       *string         `json:"region_id"`
	SalesChannelID *string         `json:"sales_channel_id"`
	CurrencyCode   string          `json:"currency_code"`
	Email          *string         `json:"email"`
	Metadata       json.RawMessage `json:"metadata"`
	Items          []itemView      `json:"items"`
	ItemTotal      json.RawMessage `json:"item_total"`
	Subtotal       json.RawMessage `json:"subtotal"`
	Total          json.RawMessage `json:"total"`
	CreatedAt      string          `json:"created_at"`
	UpdatedAt      string          `json:"updated_at"`
	CompletedAt    *string         `json:"completed_at"`
	// PaymentCollection is null until the shopper starts paying.
	PaymentCollection *payment.View `json:"payment_collection"`
}

func rawOrNull(raw json.RawMessage) json.RawMessage {
	if len(raw) == 0 {
		return json.RawMessage("null")
	}
	return raw
}

func ts(t time.Time) string { return db.FormatTime(t) }

func view(c *Cart) cartView {
	cur := c.CurrencyCode
	major := func(n int64) json.RawMessage { return money.AppendMajor(nil, n, cur) }
	out := cartView{ID: c.ID, RegionID: c.RegionID, SalesChannelID: c.SalesChannelID, CurrencyCode: cur, Email: c.Email,
		Metadata: rawOrNull(c.Metadata), Items: []itemView{}, CreatedAt: ts(c.CreatedAt), UpdatedAt: ts(c.UpdatedAt)}
	for _, li := range c.Items {
		line := li.UnitPrice * li.Quantity
		out.Items = append(out.Items, itemView{ID: li.ID, CartID: li.CartID, VariantID: li.VariantID, ProductID: li.ProductID,
			Title: li.Title, ProductTitle: li.ProductTitle, VariantTitle: li.VariantTitle, VariantSKU: li.VariantSKU,
			Quantity: li.Quantity, UnitPrice: major(li.UnitPrice), Subtotal: major(line), Total: major(line),
			Metadata: rawOrNull(li.Metadata), CreatedAt: ts(li.CreatedAt), UpdatedAt: ts(li.UpdatedAt)})
	}
	sum := c.Total()
	out.ItemTotal, out.Subtotal, out.Total = major(sum), major(sum), major(sum)
	out.PaymentCollection = payment.ToView(c.Payment)
	if c.CompletedAt != nil {
		s := ts(*c.CompletedAt)
		out.CompletedAt = &s
	}
	return out
}

func respond(w http.ResponseWriter, c *Cart) error {
	httpapi.WriteJSON(w, http.StatusOK, struct {
		Cart cartView `json:"cart"`
	}{view(c)})
	return nil
}

func (h *Handler) complete(w http.ResponseWriter, r *http.Request) error {
	var q httpapi.Fields
	if err := httpapi.DecodeQuery(r, selectQuery, &q); err != nil {
		return err
	}
	o, err := h.svc.Complete(r.Context(), r.PathValue("id"), keyChannels(r))
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, struct {
		Type  string     `json:"type"`
		Order order.View `json:"order"`
	}{"order", order.ToView(o)})
	return nil
}
