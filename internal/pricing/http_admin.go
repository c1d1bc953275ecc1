package pricing

import (
	"context"
	"slices"
	"strings"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	"channeld/internal/platform/money"
	v "channeld/internal/platform/validate"
)

// Handler serves a channel's price routes under /admin/sales-channels/{id}.
type Handler struct{ svc *Service }

// NewHandler returns the admin handler for svc.
func NewHandler(svc *Service) *Handler { return &Handler{svc: svc} }

// Routes lists the admin routes: the effective price table, channel price batches, price
// inheritance rules and one-off copies.
func (h *Handler) Routes() []httpapi.Route {
	const base = "/admin/sales-channels/{id}"
	none := httpapi.NoFields
	return []httpapi.Route{
		{Method: "GET", Path: base + "/prices", Summary: "List a sales channel's effective prices", Query: tableQuery, Response: "prices", Serve: httpapi.Page(none, h.table)},
		{Method: "POST", Path: base + "/prices/batch", Summary: "Create, update and delete a sales channel's prices", Query: emptyQuery, Body: batchBody, Response: "created", Serve: httpapi.Reply(none, h.batch)},
		{Method: "POST", Path: base + "/prices/sync", Summary: "Copy prices into a sales channel, with a preview", Query: emptyQuery, Body: copyBody, Response: "changes", Serve: httpapi.Reply(none, h.copyPrices)},
		{Method: "GET", Path: base + "/price-inheritance", Summary: "List a sales channel's price inheritance rules", Query: rulesQuery, Response: "price_inheritances", Serve: httpapi.Page(none, h.rules)},
		{Method: "POST", Path: base + "/price-inheritance", Summary: "Make a sales channel inherit prices in a currency", Query: emptyQuery, Body: ruleCreateBody, Response: "price_inheritance", Serve: httpapi.Reply(none, h.createRule)},
		{Method: "POST", Path: base + "/price-inheritance/{rule_id}", Summary: "Update a price inheritance rule", Query: emptyQuery, Body: ruleUpdateBody, Response: "price_inheritance", Serve: httpapi.Reply(none, h.updateRule)},
		{Method: "DELETE", Path: base + "/price-inheritance/{rule_id}", Summary: "Delete a price inheritance rule", Query: emptyQuery, Response: "deleted", Serve: httpapi.Reply(none, h.deleteRule)},
	}
}

// emptyQuery refuses any query parameter: these routes answer fixed shapes.
var emptyQuery = v.Object().Strict()

// windowFields are offset and limit with their defaults, for the list routes.
func windowFields(defaultLimit int) []v.Field {
	return []v.Field{
		v.F("offset", v.Default(v.IntString().Gte(0).Lte(httpapi.MaxOffset), int64(0))),
		v.F("limit", v.Default(v.IntString().Gte(0).Lte(httpapi.MaxLimit), int64(defaultLimit))),
	}
}

// sources are the values of the table's source filter.
var sources = []string{SourceOverride, SourceInherited, SourceBase, SourceNone}

var tableQuery = v.Object(append([]v.Field{
	v.F("variant_id", v.Optional(v.StringOrArray())),
	v.F("product_id", v.Optional(v.StringOrArray())),
	v.F("currency_code", v.Optional(v.StringOrArray())),
	v.F("source", v.Optional(v.StringOrArray())),
}, windowFields(50)...)...).Strict()

// window is a decoded offset and limit.
type window struct {
	Offset int `json:"offset"`
	Limit  int `json:"limit"`
}

// FieldsParam returns nil: the routes take no `fields`.
func (window) FieldsParam() *string { return nil }

// Window returns the page's offset and limit.
func (w window) Window() (offset, limit int) { return w.Offset, w.Limit }

type tableParams struct {
	window
	VariantID    []string `json:"variant_id"`
	ProductID    []string `json:"product_id"`
	CurrencyCode []string `json:"currency_code"`
	Source       []string `json:"source"`
}

// table answers a page of the channel's effective price table.
func (h *Handler) table(ctx context.Context, in *httpapi.Input[tableParams, httpapi.NoBody]) ([]byte, int, error) {
	p := in.Query
	for _, src := range p.Source {
		if !slices.Contains(sources, src) {
			// The enum's wording, which a union of an enum and an array of it would lose.
			return nil, 0, apperr.Invalidf("Invalid request: Expected: '%s' for field 'source', but got: '%s'",
				strings.Join(sources, ", "), src)
		}
	}
	f := TableFilter{VariantIDs: p.VariantID, ProductIDs: p.ProductID, Sources: p.Source, Offset: p.Offset, Limit: p.Limit}
	if p.CurrencyCode != nil {
		f.Currencies = make([]string, len(p.CurrencyCode))
		for i, k := range p.CurrencyCode {
			f.Currencies[i] = strings.ToLower(k)
		}
	}
	rows, count, err := h.svc.Table(ctx, in.Path("id"), f)
	if err != nil {
		return nil, 0, err
	}
	b := []byte{'['}
	for i, r := range rows {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendTableRow(b, r)
	}
	return append(b, ']'), count, nil
}

// appendTableRow writes {variant_id, product_id, currency_code, amount, source, price_id,
// inherited_from}.
func appendTableRow(b []byte, r TableRow) []byte {
	b = append(b, `{"variant_id":`...)
	b = fields.AppendString(b, r.VariantID)
	b = append(b, `,"product_id":`...)
	b = fields.AppendString(b, r.ProductID)
	b = append(b, `,"currency_code":`...)
	b = fields.AppendString(b, r.CurrencyCode)
	b = append(b, `,"amount":`...)
	b = appendAmount(b, amountOf(r.Price), r.CurrencyCode)
	b = append(b, `,"source":`...)
	b = fields.AppendString(b, r.Source())
	b = append(b, `,"price_id":`...)
	if r.Price != nil && r.Price.Source != SourceInherited {
		b = fields.AppendString(b, r.Price.PriceID)
	} else {
		b = fields.AppendNull(b)
	}
	b = append(b, `,"inherited_from":`...)
	if r.Price == nil || r.Price.Rule == nil {
		return append(fields.AppendNull(b), '}')
	}
	rule := r.Price.Rule
	b = append(b, `{"sales_channel_id":`...)
	b = fields.AppendNullString(b, rule.SourceChannelID)
	b = append(b, `,"currency_code":`...)
	b = fields.AppendString(b, rule.SourceCurrency)
	b = append(b, `,"factor":`...)
	b = append(b, rule.Factor...)
	return append(b, "}}"...)
}

func amountOf(p *Resolved) *int64 {
	if p == nil {
		return nil
	}
	return &p.Amount
}

// appendAmount writes minor units of currency as a major-unit number, or null.
func appendAmount(b []byte, minor *int64, currency string) []byte {
	if minor == nil {
		return fields.AppendNull(b)
	}
	return money.AppendMajor(b, *minor, currency)
}

// priceFields are the admin price object's fields (§2.3).
var priceFields = fields.FromList("id", "variant_id", "currency_code", "amount", "raw_amount", "min_quantity",
	"max_quantity", "rules", "created_at", "updated_at")

// appendDeleted writes Medusa's batch deletion summary.
func appendDeleted(b []byte, ids []string, object string) []byte {
	b = append(b, `{"ids":[`...)
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = fields.AppendString(b, id)
	}
	b = append(b, `],"object":`...)
	b = fields.AppendString(b, object)
	return append(b, `,"deleted":true}`...)
}
