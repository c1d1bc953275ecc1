package cart

import (
	"context"
	"encoding/json"
	"math"
	"net/http"

	"channeld/internal/apikey"
	"channeld/internal/order"
	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
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
		{Method: "GET", Path: "/store/carts/{id}", Summary: "Retrieve a cart", Query: selectQuery, Response: "cart", Serve: httpapi.One(check, h.retrieve)},
		{Method: "POST", Path: "/store/carts/{id}", Summary: "Update a cart", Query: selectQuery, Body: updateBody, Response: "cart", Serve: httpapi.One(check, h.update)},
		{Method: "POST", Path: "/store/carts/{id}/line-items", Summary: "Add a line item to a cart", Query: selectQuery, Body: addItemBody, Response: "cart", Serve: httpapi.One(check, h.addItem)},
		{Method: "POST", Path: "/store/carts/{id}/line-items/{line_id}", Summary: "Update a line item of a cart", Query: selectQuery, Body: updateItemBody, Response: "cart", Serve: httpapi.One(check, h.updateItem)},
		{Method: "DELETE", Path: "/store/carts/{id}/line-items/{line_id}", Summary: "Remove a line item from a cart", Query: selectQuery, Response: "deleted", Serve: httpapi.Reply(check, h.deleteItem)},
		{Method: "POST", Path: "/store/carts/{id}/promotions", Summary: "Apply promotion codes to a cart", Query: selectQuery, Body: promoBody, Response: "cart", Serve: httpapi.One(check, h.addPromotions)},
		{Method: "DELETE", Path: "/store/carts/{id}/promotions", Summary: "Remove promotion codes from a cart", Query: selectQuery, Body: promoBody, Response: "cart", Serve: httpapi.One(check, h.removePromotions)},
		{Method: "POST", Path: "/store/carts/{id}/shipping-methods", Summary: "Add a shipping method to a cart", Query: selectQuery, Body: methodBody, Response: "cart", Serve: httpapi.One(check, h.addShippingMethod)},
		{Method: "GET", Path: "/store/shipping-options", Summary: "List the shipping options of a cart", Query: optionsQuery, Response: "shipping_options", Serve: httpapi.Reply(httpapi.NoFields, h.shippingOptions)},
		{Method: "POST", Path: "/store/shipping-options/{id}/calculate", Summary: "Price a shipping option for a cart", Query: selectQuery, Body: calculateBody, Response: "shipping_option", Serve: httpapi.One(httpapi.NoFields, h.calculate)},
		{Method: "POST", Path: "/store/carts/{id}/complete", Summary: "Complete a cart", Query: selectQuery, Response: "order", Serve: httpapi.Reply(order.Selector, h.complete)},
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

// addressSchema is Medusa's address payload; an update may name the address it replaces.
var addressSchema = v.Object(append([]v.Field{v.F("id", v.Optional(v.String()))}, httpapi.AddressFields()...)...).Strict()

// methodBody is one option; Medusa also takes a list of them.
var methodSchema = v.Object(
	v.F("option_id", v.String()),
	v.F("data", v.Optional(v.Record())),
)

var methodBody = v.Union(methodSchema, v.Array(methodSchema))

var optionsQuery = v.Object(append(httpapi.FindParams(20),
	v.F("cart_id", v.String()),
	v.F("is_return", v.Optional(v.BoolString())),
)...).Strict()

var calculateBody = v.Object(
	v.F("cart_id", v.String()),
	v.F("data", v.Optional(v.Record())),
)

var promoBody = v.Object(v.F("promo_codes", v.Array(v.String()))).Strict()

var createBody = v.Object(
	v.F("region_id", v.Nullish(v.String())),
	v.F("shipping_address", v.Optional(addressSchema)),
	v.F("billing_address", v.Optional(addressSchema)),
	v.F("email", v.Nullish(v.String())),
	v.F("currency_code", v.Optional(v.String())),
	v.F("items", v.Optional(v.Array(itemSchema))),
	v.F("sales_channel_id", v.Nullish(v.String())),
	v.F("promo_codes", v.Optional(v.Array(v.String()))),
	v.F("metadata", v.Nullish(v.Record())),
	v.F("locale", v.Nullish(v.String())),
	v.F("additional_data", v.Nullish(v.Record())),
).Strict()

var updateBody = v.Object(
	v.F("region_id", v.Optional(v.String())),
	v.F("email", v.Nullish(v.String())),
	v.F("shipping_address", v.Optional(addressSchema)),
	v.F("billing_address", v.Optional(addressSchema)),
	v.F("sales_channel_id", v.Nullish(v.String())),
	v.F("metadata", v.Nullish(v.Record())),
	v.F("promo_codes", v.Optional(v.Array(v.String()))),
	v.F("locale", v.Nullish(v.String())),
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

type addressRequest struct {
	ID          *string    `json:"id"`
	FirstName   *string    `json:"first_name"`
	LastName    *string    `json:"last_name"`
	Phone       *string    `json:"phone"`
	Company     *string    `json:"company"`
	Address1    *string    `json:"address_1"`
	Address2    *string    `json:"address_2"`
	City        *string    `json:"city"`
	CountryCode *string    `json:"country_code"`
	Province    *string    `json:"province"`
	PostalCode  *string    `json:"postal_code"`
	Metadata    v.Metadata `json:"metadata"`
}

func (a *addressRequest) input() *AddressInput {
	if a == nil {
		return nil
	}
	return &AddressInput{ID: a.ID, FirstName: a.FirstName, LastName: a.LastName, Phone: a.Phone, Company: a.Company,
		Address1: a.Address1, Address2: a.Address2, City: a.City, CountryCode: a.CountryCode, Province: a.Province,
		PostalCode: a.PostalCode, Metadata: a.Metadata.Value}
}

type createRequest struct {
	RegionID        *string         `json:"region_id"`
	Email           *string         `json:"email"`
	CurrencyCode    *string         `json:"currency_code"`
	Items           []itemRequest   `json:"items"`
	SalesChannelID  v.Opt[string]   `json:"sales_channel_id"`
	Metadata        v.Metadata      `json:"metadata"`
	Locale          *string         `json:"locale"`
	ShippingAddress *addressRequest `json:"shipping_address"`
	BillingAddress  *addressRequest `json:"billing_address"`
	PromoCodes      []string        `json:"promo_codes"`
}

type updateRequest struct {
	RegionID        *string         `json:"region_id"`
	Email           v.Opt[string]   `json:"email"`
	SalesChannelID  v.Opt[string]   `json:"sales_channel_id"`
	Metadata        v.Metadata      `json:"metadata"`
	Locale          v.Opt[string]   `json:"locale"`
	ShippingAddress *addressRequest `json:"shipping_address"`
	BillingAddress  *addressRequest `json:"billing_address"`
	PromoCodes      []string        `json:"promo_codes"`
}

type methodRequest struct {
	OptionID string          `json:"option_id"`
	Data     json.RawMessage `json:"data"`
}

// methodsRequest is one option or a list of them.
type methodsRequest []methodRequest

func (m *methodsRequest) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '[' {
		return json.Unmarshal(b, (*[]methodRequest)(m))
	}
	var one methodRequest
	if err := json.Unmarshal(b, &one); err != nil {
		return err
	}
	*m = methodsRequest{one}
	return nil
}

type optionsParams struct {
	httpapi.Paging
	CartID   string `json:"cart_id"`
	IsReturn bool   `json:"is_return"`
}

type calculateRequest struct {
	CartID string `json:"cart_id"`
}

type promoRequest struct {
	PromoCodes []string `json:"promo_codes"`
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
	sel, err := check.Select(q.FieldsParam())
	if err != nil {
		return err
	}
	var req createRequest
	if err := httpapi.DecodeBody(r, createBody, &req); err != nil {
		return err
	}
	key := keyScope(r.Context())
	in := CreateInput{Key: key, CustomerID: customerOf(r.Context()), RegionID: req.RegionID, SalesChannelID: opt(req.SalesChannelID),
		CurrencyCode: req.CurrencyCode, Email: req.Email, Locale: req.Locale, Metadata: req.Metadata.Value,
		ShippingAddress: req.ShippingAddress.input(), BillingAddress: req.BillingAddress.input(), PromoCodes: req.PromoCodes}
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
	body, err := h.svc.Write(r.Context(), c, sel, key)
	if err != nil {
		return err
	}
	httpapi.WriteRaw(w, http.StatusOK, httpapi.Envelope("cart", body))
	return nil
}

// write answers the cart a service call returned, with the request's fields.
func (h *Handler) write(ctx context.Context, sel *fields.Selection, c *Cart, err error) ([]byte, error) {
	if err != nil {
		return nil, err
	}
	return h.svc.Write(ctx, c, sel, keyScope(ctx))
}

func (h *Handler) retrieve(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.NoBody]) ([]byte, error) {
	c, err := h.svc.Get(ctx, in.Path("id"), keyScope(ctx))
	return h.write(ctx, in.Fields, c, err)
}

func (h *Handler) update(ctx context.Context, in *httpapi.Input[httpapi.Fields, updateRequest]) ([]byte, error) {
	req := in.Body
	c, err := h.svc.Update(ctx, in.Path("id"), keyScope(ctx), UpdateInput{
		RegionID: req.RegionID, Email: opt(req.Email), SalesChannelID: opt(req.SalesChannelID), Metadata: metadata(req.Metadata),
		Locale: opt(req.Locale), ShippingAddress: req.ShippingAddress.input(), BillingAddress: req.BillingAddress.input(),
		PromoCodes: req.PromoCodes,
	})
	return h.write(ctx, in.Fields, c, err)
}

func (h *Handler) addItem(ctx context.Context, in *httpapi.Input[httpapi.Fields, itemRequest]) ([]byte, error) {
	c, err := h.svc.AddItem(ctx, in.Path("id"), keyScope(ctx), in.Body.input())
	return h.write(ctx, in.Fields, c, err)
}

func (h *Handler) updateItem(ctx context.Context, in *httpapi.Input[httpapi.Fields, updateItemRequest]) ([]byte, error) {
	c, err := h.svc.UpdateItem(ctx, in.Path("id"), in.Path("line_id"), keyScope(ctx), in.Body.Quantity, metadata(in.Body.Metadata))
	return h.write(ctx, in.Fields, c, err)
}

func (h *Handler) deleteItem(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.NoBody]) ([]byte, error) {
	lineID := in.Path("line_id")
	c, err := h.svc.DeleteItem(ctx, in.Path("id"), lineID, keyScope(ctx))
	parent, err := h.write(ctx, in.Fields, c, err)
	if err != nil {
		return nil, err
	}
	return httpapi.DeletedWithParent(lineID, "line-item", parent), nil
}

// addPromotions answers Medusa's error for the first code: channeld has no promotions.
func (h *Handler) addPromotions(ctx context.Context, in *httpapi.Input[httpapi.Fields, promoRequest]) ([]byte, error) {
	if err := checkPromoCodes(in.Body.PromoCodes); err != nil {
		return nil, err
	}
	c, err := h.svc.Get(ctx, in.Path("id"), keyScope(ctx))
	return h.write(ctx, in.Fields, c, err)
}

// removePromotions removes nothing, as no code was ever applied, and answers the cart.
func (h *Handler) removePromotions(ctx context.Context, in *httpapi.Input[httpapi.Fields, promoRequest]) ([]byte, error) {
	c, err := h.svc.Get(ctx, in.Path("id"), keyScope(ctx))
	return h.write(ctx, in.Fields, c, err)
}

// complete answers {"type": "order", "order": ...} with the fields of one order: Medusa's
// completion can also answer a cart that still needs something, hence the type.
func (h *Handler) complete(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.NoBody]) ([]byte, error) {
	o, err := h.svc.Complete(ctx, in.Path("id"), keyScope(ctx))
	if err != nil {
		return nil, err
	}
	channels := keyScope(ctx).ChannelIDs
	if o.SalesChannelID != nil {
		channels = []string{*o.SalesChannelID}
	}
	body, err := h.svc.Orders.WriteOne(ctx, o, in.Fields, channels)
	if err != nil {
		return nil, err
	}
	out := append([]byte(`{"type":"order","order":`), body...)
	return append(out, '}'), nil
}

func (h *Handler) addShippingMethod(ctx context.Context, in *httpapi.Input[httpapi.Fields, methodsRequest]) ([]byte, error) {
	ms := make([]MethodInput, len(in.Body))
	for i, m := range in.Body {
		ms[i] = MethodInput{OptionID: m.OptionID, Data: m.Data}
	}
	c, err := h.svc.AddShippingMethods(ctx, in.Path("id"), keyScope(ctx), ms)
	return h.write(ctx, in.Fields, c, err)
}

// shippingOptions answers {"shipping_options": [...]} without paging keys, as Medusa does.
// Return options are not offered to carts, so is_return=true lists none.
func (h *Handler) shippingOptions(ctx context.Context, in *httpapi.Input[optionsParams, httpapi.NoBody]) ([]byte, error) {
	offers, err := h.svc.ShippingOptions(ctx, in.Query.CartID, keyScope(ctx))
	if err != nil {
		return nil, err
	}
	views := []any{}
	if !in.Query.IsReturn {
		for _, o := range offers {
			views = append(views, o.View)
		}
	}
	return httpapi.Marshal(struct {
		ShippingOptions []any `json:"shipping_options"`
	}{views})
}

func (h *Handler) calculate(ctx context.Context, in *httpapi.Input[httpapi.Fields, calculateRequest]) ([]byte, error) {
	o, err := h.svc.QuoteOption(ctx, in.Path("id"), in.Body.CartID, keyScope(ctx))
	if err != nil {
		return nil, err
	}
	return httpapi.Marshal(o.View)
}
