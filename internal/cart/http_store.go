package cart

import (
	"context"
	"encoding/json"
	"math"
	"net/http"
	"time"

	"channeld/internal/apikey"
	"channeld/internal/order"
	"channeld/internal/payment"
	"channeld/internal/platform/db"
	"channeld/internal/platform/fields"
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
		{Method: "GET", Path: "/store/carts/{id}", Summary: "Retrieve a cart", Query: selectQuery, Response: "cart", Serve: httpapi.One(httpapi.NoFields, h.retrieve)},
		{Method: "POST", Path: "/store/carts/{id}", Summary: "Update a cart", Query: selectQuery, Body: updateBody, Response: "cart", Serve: httpapi.One(httpapi.NoFields, h.update)},
		{Method: "POST", Path: "/store/carts/{id}/line-items", Summary: "Add a line item to a cart", Query: selectQuery, Body: addItemBody, Response: "cart", Serve: httpapi.One(httpapi.NoFields, h.addItem)},
		{Method: "POST", Path: "/store/carts/{id}/line-items/{line_id}", Summary: "Update a line item of a cart", Query: selectQuery, Body: updateItemBody, Response: "cart", Serve: httpapi.One(httpapi.NoFields, h.updateItem)},
		{Method: "DELETE", Path: "/store/carts/{id}/line-items/{line_id}", Summary: "Remove a line item from a cart", Query: selectQuery, Response: "deleted", Serve: httpapi.Reply(httpapi.NoFields, h.deleteItem)},
		{Method: "POST", Path: "/store/carts/{id}/complete", Summary: "Complete a cart", Query: selectQuery, Response: "order", Serve: httpapi.Reply(httpapi.NoFields, h.complete)},
	}
}

var selectQuery = v.Object(httpapi.SelectParams()...).Strict()

// Line quantities are bounded to 32 bits although their column is a BIGINT: completion
// reserves quantity × required_quantity (itself 32 bits) units, which must fit 64 bits.
var itemSchema = v.Object(
	v.F("variant_id", v.String()),
	v.F("quantity", v.Number().Int().Gt(0).Lte(math.MaxInt32)),
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
	v.F("quantity", v.Number().Int().Gte(0).Lte(math.MaxInt32)),
	v.F("metadata", v.Nullish(v.Record())),
	v.F("additional_data", v.Nullish(v.Record())),
).Strict()

type itemRequest struct {
	VariantID string     `json:"variant_id"`
	Quantity  int64      `json:"quantity"`
	Metadata  v.Metadata `json:"metadata"`
}

func (r itemRequest) input() ItemInput {
	return ItemInput{VariantID: r.VariantID, Quantity: r.Quantity, Metadata: r.Metadata.Value}
}

type createRequest struct {
	RegionID       *string       `json:"region_id"`
	Email          *string       `json:"email"`
	CurrencyCode   *string       `json:"currency_code"`
	Items          []itemRequest `json:"items"`
	SalesChannelID v.Opt[string] `json:"sales_channel_id"`
	Metadata       v.Metadata    `json:"metadata"`
}

type updateRequest struct {
	RegionID       *string       `json:"region_id"`
	Email          v.Opt[string] `json:"email"`
	SalesChannelID v.Opt[string] `json:"sales_channel_id"`
	Metadata       v.Metadata    `json:"metadata"`
}

type updateItemRequest struct {
	Quantity int64      `json:"quantity"`
	Metadata v.Metadata `json:"metadata"`
}

func opt[T any](o v.Opt[T]) Opt[T] { return Opt[T]{Set: o.Set, Null: o.Null, Value: o.Value} }

// metadata is a metadata change as the service takes it: a null document is a nil Value.
func metadata(m v.Metadata) Opt[json.RawMessage] {
	return Opt[json.RawMessage]{Set: m.Set, Value: m.Value}
}

// keyScope is the publishable key the request came with, resolved by the key middleware.
func keyScope(ctx context.Context) apikey.Scope {
	sc, _ := apikey.ScopeFrom(ctx)
	return sc
}

// create stays a plain handler: the service's validation failures answer Medusa's
// {"errors": [...], "message"} body, which no error kind renders.
func (h *Handler) create(w http.ResponseWriter, r *http.Request) error {
	var q httpapi.Fields
	if err := httpapi.DecodeQuery(r, selectQuery, &q); err != nil {
		return err
	}
	var req createRequest
	if err := httpapi.DecodeBody(r, createBody, &req); err != nil {
		return err
	}
	in := CreateInput{Key: keyScope(r.Context()), CustomerID: customerOf(r.Context()), RegionID: req.RegionID, SalesChannelID: opt(req.SalesChannelID),
		CurrencyCode: req.CurrencyCode, Email: req.Email, Metadata: req.Metadata.Value}
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

func (h *Handler) retrieve(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.NoBody]) ([]byte, error) {
	return marshal(h.svc.Get(ctx, in.Path("id"), keyScope(ctx)))
}

func (h *Handler) update(ctx context.Context, in *httpapi.Input[httpapi.Fields, updateRequest]) ([]byte, error) {
	req := in.Body
	return marshal(h.svc.Update(ctx, in.Path("id"), keyScope(ctx), UpdateInput{
		RegionID: req.RegionID, Email: opt(req.Email), SalesChannelID: opt(req.SalesChannelID), Metadata: metadata(req.Metadata),
	}))
}

func (h *Handler) addItem(ctx context.Context, in *httpapi.Input[httpapi.Fields, itemRequest]) ([]byte, error) {
	return marshal(h.svc.AddItem(ctx, in.Path("id"), keyScope(ctx), in.Body.input()))
}

func (h *Handler) updateItem(ctx context.Context, in *httpapi.Input[httpapi.Fields, updateItemRequest]) ([]byte, error) {
	return marshal(h.svc.UpdateItem(ctx, in.Path("id"), in.Path("line_id"), keyScope(ctx), in.Body.Quantity, metadata(in.Body.Metadata)))
}

func (h *Handler) deleteItem(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.NoBody]) ([]byte, error) {
	lineID := in.Path("line_id")
	parent, err := marshal(h.svc.DeleteItem(ctx, in.Path("id"), lineID, keyScope(ctx)))
	if err != nil {
		return nil, err
	}
	return httpapi.DeletedWithParent(lineID, "line-item", parent), nil
}

// complete answers {"type": "order", "order": ...}: Medusa's completion can also answer a cart
// that still needs something, hence the type.
func (h *Handler) complete(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.NoBody]) ([]byte, error) {
	o, err := h.svc.Complete(ctx, in.Path("id"), keyScope(ctx))
	if err != nil {
		return nil, err
	}
	return httpapi.Marshal(struct {
		Type  string     `json:"type"`
		Order order.View `json:"order"`
	}{"order", order.ToView(o)})
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
	// IsTaxInclusive is Medusa's line item field: whether unit_price includes tax.
	IsTaxInclusive bool            `json:"is_tax_inclusive"`
	Subtotal       json.RawMessage `json:"subtotal"`
	Total          json.RawMessage `json:"total"`
	Metadata       json.RawMessage `json:"metadata"`
	CreatedAt      string          `json:"created_at"`
	UpdatedAt      string          `json:"updated_at"`
}

type cartView struct {
	ID             string          `json:"id"`
	RegionID       *string         `json:"region_id"`
	SalesChannelID *string         `json:"sales_channel_id"`
	CustomerID     *string         `json:"customer_id"`
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

func ts(t time.Time) string { return db.FormatTime(t) }

func view(c *Cart) cartView {
	cur := c.CurrencyCode
	major := func(n int64) json.RawMessage { return money.AppendMajor(nil, n, cur) }
	out := cartView{ID: c.ID, RegionID: c.RegionID, SalesChannelID: c.SalesChannelID, CustomerID: c.CustomerID, CurrencyCode: cur, Email: c.Email,
		Metadata: fields.AppendRaw(nil, c.Metadata), Items: []itemView{}, CreatedAt: ts(c.CreatedAt), UpdatedAt: ts(c.UpdatedAt)}
	for _, li := range c.Items {
		line := li.UnitPrice * li.Quantity
		out.Items = append(out.Items, itemView{ID: li.ID, CartID: li.CartID, VariantID: li.VariantID, ProductID: li.ProductID,
			Title: li.Title, ProductTitle: li.ProductTitle, VariantTitle: li.VariantTitle, VariantSKU: li.VariantSKU,
			Quantity: li.Quantity, UnitPrice: major(li.UnitPrice), IsTaxInclusive: li.IsTaxInclusive, Subtotal: major(line), Total: major(line),
			Metadata: fields.AppendRaw(nil, li.Metadata), CreatedAt: ts(li.CreatedAt), UpdatedAt: ts(li.UpdatedAt)})
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
	body, err := marshal(c, nil)
	if err != nil {
		return err
	}
	httpapi.WriteRaw(w, http.StatusOK, httpapi.Envelope("cart", body))
	return nil
}

// marshal writes the cart a service call returned, or passes its error on.
func marshal(c *Cart, err error) ([]byte, error) {
	if err != nil {
		return nil, err
	}
	return httpapi.Marshal(view(c))
}
