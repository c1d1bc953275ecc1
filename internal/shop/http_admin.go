package shop

import (
	"context"
	"slices"
	"time"

	"channeld/internal/currency"
	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	"channeld/internal/platform/locale"
	v "channeld/internal/platform/validate"
)

// Handler serves /admin/stores.
type Handler struct{ svc *Service }

// NewHandler returns the admin store handler.
func NewHandler(svc *Service) *Handler { return &Handler{svc: svc} }

// Routes lists the admin store routes.
func (h *Handler) Routes() []httpapi.Route {
	return []httpapi.Route{
		{Method: "GET", Path: "/admin/stores", Summary: "List stores", Query: listQuery, Response: "stores", Serve: httpapi.Page(stores, h.list)},
		{Method: "GET", Path: "/admin/stores/{id}", Summary: "Retrieve the store", Query: selectQuery, Response: "store", Serve: httpapi.Entity(stores, storeSpec, h.retrieve)},
		{Method: "POST", Path: "/admin/stores/{id}", Summary: "Update the store", Query: selectQuery, Body: updateBody, Response: "store", Serve: httpapi.Entity(stores, storeSpec, h.update)},
	}
}

var selectQuery = v.Object(httpapi.SelectParams()...).Strict()

var listQuery = v.Object(slices.Concat(httpapi.FindParams(20), []v.Field{httpapi.Search()},
	httpapi.MatchFilters("id", "name"))...).Strict()

var updateBody = v.Object(
	v.F("name", v.Optional(v.String())),
	v.F("supported_currencies", v.Optional(v.Array(v.Object(
		v.F("currency_code", v.String()),
		v.F("is_default", v.Optional(v.Bool())),
		v.F("is_tax_inclusive", v.Optional(v.Bool())),
	)))),
	v.F("supported_locales", v.Optional(v.Array(v.Object(
		v.F("locale_code", v.String()),
	)))),
	v.F("default_sales_channel_id", v.Nullish(v.String())),
	v.F("default_region_id", v.Nullish(v.String())),
	v.F("default_location_id", v.Nullish(v.String())),
	v.F("metadata", v.Nullish(v.Record())),
	v.F("sync_prices_across_channels", v.Optional(v.Bool())),
).Strict()

// DefaultFields are Medusa's default admin store fields.
var DefaultFields = []string{"id", "name", "*supported_currencies", "*supported_currencies.currency",
	"default_sales_channel_id", "default_region_id", "default_location_id", "metadata", "created_at", "updated_at"}

var currencySpec = &fields.Spec[currencyView]{
	Scalars: currencyScalars,
	Scalar: fields.Columns(currencyScalars, map[string]func([]byte, *currencyView) []byte{
		"currency_code": func(b []byte, c *currencyView) []byte { return fields.AppendString(b, c.Code) },
		"store_id":      func(b []byte, c *currencyView) []byte { return fields.AppendString(b, c.storeID) },
		"deleted_at":    fields.Null[currencyView],
	}),
	Relations: map[string]fields.Relation[currencyView]{
		// Medusa's linked currency, from the currency list channeld serves at /admin/currencies.
		"currency": {
			Unknown: fields.Nested(currency.Spec),
			Append: func(b []byte, c *currencyView, sub *fields.Selection) []byte {
				return currency.AppendLinked(b, c.Code, c.since, sub)
			},
		},
	},
}

type currencyView struct {
	Currency
	storeID string
	since   time.Time // the store's creation, when channeld first served its currency list
}

var (
	currencyScalars = []string{"id", "currency_code", "is_default", "is_tax_inclusive", "store_id", "created_at", "updated_at", "deleted_at"}
	storeScalars    = []string{"id", "name", "default_sales_channel_id", "default_region_id", "default_location_id", "metadata", "created_at", "updated_at"}
)

var storeSpec = &fields.Spec[Store]{
	Scalars: storeScalars,
	Scalar:  fields.Columns[Store](storeScalars, nil),
	Relations: map[string]fields.Relation[Store]{
		// channeld's own setting: only when `fields` names it (channel-model.md §0.2).
		"sync_prices_across_channels": fields.OptIn(func(b []byte, s *Store) []byte {
			return fields.AppendBool(b, s.SyncPricesAcrossChannels)
		}),
		"supported_currencies": {
			Unknown:  fields.Nested(currencySpec),
			AsScalar: true,
			Append: func(b []byte, s *Store, sub *fields.Selection) []byte {
				views := make([]*currencyView, len(s.Currencies))
				for i, c := range s.Currencies {
					views[i] = &currencyView{Currency: c, storeID: s.ID, since: s.CreatedAt}
				}
				return currencySpec.AppendList(b, views, sub)
			},
		},
		// Opt-in (channel-model.md §0.2): Medusa answers it by default only behind its
		// translation feature flag, which is off by default.
		"supported_locales": {
			Unknown:  fields.Nested(localeSpec),
			AsScalar: true,
			Append: func(b []byte, s *Store, sub *fields.Selection) []byte {
				views := make([]*localeView, len(s.Locales))
				for i, l := range s.Locales {
					views[i] = &localeView{Locale: l, storeID: s.ID}
				}
				return localeSpec.AppendList(b, views, sub)
			},
		},
	},
}

type localeView struct {
	Locale
	storeID string
}

var localeScalars = []string{"locale_code", "store_id", "created_at", "updated_at", "deleted_at"}

// localeSpec writes a store locale as Medusa does, without the row id channeld does not keep
// (a store's locale is its code); `locale` is Medusa's linked locale, {code, name}.
var localeSpec = &fields.Spec[localeView]{
	Scalars: localeScalars,
	Scalar: fields.Columns(localeScalars, map[string]func([]byte, *localeView) []byte{
		"locale_code": func(b []byte, l *localeView) []byte { return fields.AppendString(b, l.Code) },
		"store_id":    func(b []byte, l *localeView) []byte { return fields.AppendString(b, l.storeID) },
		"deleted_at":  fields.Null[localeView],
	}),
	Relations: map[string]fields.Relation[localeView]{
		"locale": {
			Unknown: func(*fields.Selection) []string { return nil },
			Append: func(b []byte, l *localeView, _ *fields.Selection) []byte {
				b = append(b, `{"code":`...)
				b = fields.AppendString(b, l.Code)
				b = append(b, `,"name":`...)
				b = fields.AppendString(b, locale.Name(l.Code))
				return append(b, '}')
			},
		},
	},
}

// stores selects the fields of every store route.
var stores = fields.Selector{Defaults: DefaultFields, Check: storeSpec.Check}

type listParams struct {
	httpapi.Paging
	Q    string   `json:"q"`
	ID   []string `json:"id"`
	Name []string `json:"name"`
}

func (h *Handler) list(ctx context.Context, in *httpapi.Input[listParams, httpapi.NoBody]) ([]byte, int, error) {
	p := in.Query
	all, err := h.svc.List(ctx, p.ID, p.Q)
	if err != nil {
		return nil, 0, err
	}
	if p.Name != nil && len(all) == 1 && !contains(p.Name, all[0].Name) {
		all = nil
	}
	count := len(all)
	if p.Offset >= len(all) || p.Limit == 0 {
		all = nil
	}
	return storeSpec.AppendList(nil, all, in.Fields), count, nil
}

func (h *Handler) retrieve(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.NoBody]) (*Store, error) {
	return h.svc.Get(ctx, in.Path("id"))
}

type updateRequest struct {
	Name                *string         `json:"name"`
	SupportedCurrencies []CurrencyInput `json:"supported_currencies"`
	SupportedLocales    *[]struct {
		LocaleCode string `json:"locale_code"`
	} `json:"supported_locales"`
	DefaultSalesChannelID v.Opt[*string] `json:"default_sales_channel_id"`
	DefaultRegionID       v.Opt[*string] `json:"default_region_id"`
	DefaultLocationID     v.Opt[*string] `json:"default_location_id"`
	Metadata              v.Metadata     `json:"metadata"`
	SyncPrices            *bool          `json:"sync_prices_across_channels"`
}

func (h *Handler) update(ctx context.Context, in *httpapi.Input[httpapi.Fields, updateRequest]) (*Store, error) {
	req := in.Body
	var locales *[]string
	if req.SupportedLocales != nil {
		codes := make([]string, len(*req.SupportedLocales))
		for i, l := range *req.SupportedLocales {
			codes[i] = l.LocaleCode
		}
		locales = &codes
	}
	return h.svc.Update(ctx, in.Path("id"), UpdateInput{
		Name:                     req.Name,
		Currencies:               req.SupportedCurrencies,
		Locales:                  locales,
		SetDefaultSalesChannelID: req.DefaultSalesChannelID.Set, DefaultSalesChannelID: optValue(req.DefaultSalesChannelID),
		SetDefaultRegionID: req.DefaultRegionID.Set, DefaultRegionID: optValue(req.DefaultRegionID),
		SetDefaultLocationID: req.DefaultLocationID.Set, DefaultLocationID: optValue(req.DefaultLocationID),
		SetMetadata: req.Metadata.Set, Metadata: req.Metadata.Value,
		SyncPricesAcrossChannels: req.SyncPrices,
	})
}

func optValue(o v.Opt[*string]) *string {
	if !o.Set || o.Null {
		return nil
	}
	return o.Value
}
