package fulfillment

import (
	"context"
	"encoding/json"
	"slices"

	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
)

func (h *Handler) optionRoutes() []httpapi.Route {
	options := fields.Selector{Defaults: optionDefaults, Check: OptionSpec.Check}
	const one = "/admin/shipping-options/{id}"
	return []httpapi.Route{
		{Method: "GET", Path: "/admin/shipping-options", Summary: "List shipping options", Query: optionListQuery, Response: "shipping_options", Serve: httpapi.Entities(options, OptionSpec, h.listOptions)},
		{Method: "POST", Path: "/admin/shipping-options", Summary: "Create a shipping option", Query: selectQuery, Body: optionCreateBody, Response: "shipping_option", Serve: httpapi.Entity(options, OptionSpec, h.createOption)},
		{Method: "GET", Path: one, Summary: "Retrieve a shipping option", Query: selectQuery, Response: "shipping_option", Serve: httpapi.Entity(options, OptionSpec, h.option)},
		{Method: "POST", Path: one, Summary: "Update a shipping option", Query: selectQuery, Body: optionUpdateBody, Response: "shipping_option", Serve: httpapi.Entity(options, OptionSpec, h.updateOption)},
		{Method: "DELETE", Path: one, Summary: "Delete a shipping option", Response: "deleted", Serve: httpapi.Delete("shipping_option", h.svc.DeleteOption)},
		{Method: "POST", Path: one + "/rules/batch", Summary: "Create, update and delete rules of a shipping option", Query: selectQuery, Body: ruleBatchBody, Response: "created", Serve: httpapi.Reply(httpapi.NoFields, h.batchRules)},
	}
}

var optionListQuery = v.Object(slices.Concat(httpapi.FindParams(20), []v.Field{httpapi.Search()},
	httpapi.MatchFilters("id", "service_zone_id", "shipping_profile_id", "provider_id", "stock_location_id", "shipping_option_type_id"),
	[]v.Field{v.F("is_return", v.Optional(v.BoolString())), v.F("admin_only", v.Optional(v.BoolString()))},
	httpapi.DateFilters("created_at", "updated_at", "deleted_at"))...).Strict()

type optionListParams struct {
	httpapi.Paging
	Q                    string   `json:"q"`
	ID                   []string `json:"id"`
	ServiceZoneID        []string `json:"service_zone_id"`
	ShippingProfileID    []string `json:"shipping_profile_id"`
	ProviderID           []string `json:"provider_id"`
	StockLocationID      []string `json:"stock_location_id"`
	ShippingOptionTypeID []string `json:"shipping_option_type_id"`
	IsReturn             *bool    `json:"is_return"`
	AdminOnly            *bool    `json:"admin_only"`
	httpapi.DateParams
}

var ruleOperatorSchema = v.Enum(ruleOperators...)

var ruleFields = []v.Field{
	v.F("operator", ruleOperatorSchema),
	v.F("attribute", v.String()),
	v.F("value", v.Union(v.String(), v.Array(v.String()))),
}

var (
	ruleCreate = v.Object(ruleFields...).Strict()
	ruleUpdate = v.Object(append([]v.Field{v.F("id", v.String())}, ruleFields...)...).Strict()
)

var typeObject = v.Object(
	v.F("label", v.String()),
	v.F("description", v.Optional(v.String())),
	v.F("code", v.String()),
).Strict()

var priceRules = v.Array(v.Object(
	v.F("attribute", v.Literal("item_total")),
	v.F("operator", v.Enum("gte", "lte", "gt", "lt", "eq")),
	v.F("value", v.Number()),
))

func priceWith(key string, optional bool) v.Schema {
	fs := []v.Field{v.F(key, v.String()), v.F("amount", v.Number()), v.F("rules", v.Optional(priceRules))}
	if optional {
		fs = []v.Field{v.F("id", v.Optional(v.String())), v.F(key, v.Optional(v.String())),
			v.F("amount", v.Optional(v.Number())), v.F("rules", v.Optional(priceRules))}
	}
	return v.Object(fs...).Strict()
}

// exactlyOneType is Medusa's refinement of a new option: a type or a type_id, not both.
func exactlyOneType(out any) bool {
	m, _ := out.(map[string]any)
	_, t := m["type"]
	_, id := m["type_id"]
	return t != id
}

// atMostOneType is the update's: not both.
func atMostOneType(out any) bool {
	m, _ := out.(map[string]any)
	_, t := m["type"]
	_, id := m["type_id"]
	return !(t && id)
}

var optionCreateBody = v.Refine(v.Object(
	v.F("name", v.String()),
	v.F("service_zone_id", v.String()),
	v.F("shipping_profile_id", v.String()),
	v.F("data", v.Optional(v.Record())),
	v.F("price_type", v.Enum(PriceCalculated, PriceFlat)),
	v.F("provider_id", v.String()),
	v.F("type", v.Optional(typeObject)),
	v.F("type_id", v.Optional(v.String())),
	v.F("prices", v.Array(v.Union(priceWith("currency_code", false), priceWith("region_id", false)))),
	v.F("rules", v.Optional(v.Array(ruleCreate))),
	v.F("metadata", v.Optional(v.Record())),
).Strict(), exactlyOneType, "Exactly one of 'type' or 'type_id' must be provided, but not both")

var optionUpdateBody = v.Refine(v.Object(
	v.F("name", v.Optional(v.String())),
	v.F("data", v.Optional(v.Record())),
	v.F("price_type", v.Optional(v.Enum(PriceCalculated, PriceFlat))),
	v.F("provider_id", v.Optional(v.String())),
	v.F("shipping_profile_id", v.Optional(v.String())),
	v.F("type", v.Optional(typeObject)),
	v.F("type_id", v.Optional(v.String())),
	v.F("prices", v.Optional(v.Array(v.Union(priceWith("currency_code", true), priceWith("region_id", true))))),
	v.F("rules", v.Optional(v.Array(v.Union(ruleUpdate, ruleCreate)))),
	v.F("metadata", v.Optional(v.Record())),
).Strict(), atMostOneType, "Only one of 'type' or 'type_id' can be provided")

var ruleBatchBody = v.Object(
	v.F("create", v.Optional(v.Array(ruleCreate))),
	v.F("update", v.Optional(v.Array(ruleUpdate))),
	v.F("delete", v.Optional(v.Array(v.String()))),
)

type optionReq struct {
	Name              *string        `json:"name"`
	ServiceZoneID     *string        `json:"service_zone_id"`
	ShippingProfileID *string        `json:"shipping_profile_id"`
	Data              v.Metadata     `json:"data"`
	PriceType         *string        `json:"price_type"`
	ProviderID        *string        `json:"provider_id"`
	Type              *TypeInput     `json:"type"`
	TypeID            *string        `json:"type_id"`
	Prices            *[]*PriceInput `json:"prices"`
	Rules             *[]*RuleInput  `json:"rules"`
	Metadata          v.Metadata     `json:"metadata"`
}

func (r optionReq) input() OptionInput {
	in := OptionInput{Name: r.Name, ServiceZoneID: r.ServiceZoneID, ShippingProfileID: r.ShippingProfileID,
		PriceType: r.PriceType, ProviderID: r.ProviderID, Type: r.Type, TypeID: r.TypeID,
		SetData: r.Data.Set, Data: r.Data.Value, SetMetadata: r.Metadata.Set, Metadata: r.Metadata.Value}
	if r.Prices != nil {
		in.SetPrices, in.Prices = true, *r.Prices
	}
	if r.Rules != nil {
		in.SetRules, in.Rules = true, *r.Rules
	}
	return in
}

func (h *Handler) listOptions(ctx context.Context, in *httpapi.Input[optionListParams, httpapi.NoBody]) ([]*Option, int, error) {
	p := in.Query
	return h.svc.Options(ctx, OptionFilter{Q: p.Q, IDs: p.ID, ServiceZoneIDs: p.ServiceZoneID, ShippingProfileIDs: p.ShippingProfileID,
		ProviderIDs: p.ProviderID, LocationIDs: p.StockLocationID, TypeIDs: p.ShippingOptionTypeID, IsReturn: p.IsReturn,
		AdminOnly: p.AdminOnly, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}, Page{Offset: p.Offset, Limit: p.Limit, Order: p.Order})
}

func (h *Handler) createOption(ctx context.Context, in *httpapi.Input[httpapi.Fields, optionReq]) (*Option, error) {
	return h.svc.CreateOption(ctx, in.Body.input())
}

func (h *Handler) option(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.NoBody]) (*Option, error) {
	return h.svc.Option(ctx, in.Path("id"))
}

func (h *Handler) updateOption(ctx context.Context, in *httpapi.Input[httpapi.Fields, optionReq]) (*Option, error) {
	return h.svc.UpdateOption(ctx, in.Path("id"), in.Body.input())
}

type ruleBatchReq struct {
	Create []*RuleInput `json:"create"`
	Update []*RuleInput `json:"update"`
	Delete []string     `json:"delete"`
}

// batchRules answers Medusa's batch result: the rules created and updated, and the deleted
// ids.
func (h *Handler) batchRules(ctx context.Context, in *httpapi.Input[httpapi.Fields, ruleBatchReq]) ([]byte, error) {
	res, err := h.svc.BatchRules(ctx, in.Path("id"), in.Body.Create, in.Body.Update, in.Body.Delete)
	if err != nil {
		return nil, err
	}
	all := fields.FromList("*")
	b := []byte(`{"created":`)
	b = ruleSpec.AppendList(b, res.Created, all)
	b = append(b, `,"updated":`...)
	b = ruleSpec.AppendList(b, res.Updated, all)
	b = append(b, `,"deleted":{"ids":`...)
	ids, err := json.Marshal(res.Deleted)
	if err != nil {
		return nil, err
	}
	b = append(b, ids...)
	return append(b, `,"object":"shipping_option_rule","deleted":true}}`...), nil
}
