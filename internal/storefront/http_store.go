package storefront

import (
	"context"
	"errors"
	"golang.org/x/sync/singleflight"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"channeld/internal/apikey"
	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
	"channeld/internal/product"
)

// Handler serves /store/products; its routes must run behind apikey's RequirePublishable.
type Handler struct {
	svc   *Service
	cache *pageCache
	// rendered keeps each product of a listing as written for one render context, so that a
	// page nobody asked yet loads and writes only the products no recent page held.
	rendered *pageCache
	// flight makes concurrent misses of one page share one computation, so an expired or
	// invalidated hot page costs one query, not one per waiting visitor.
	flight singleflight.Group
	// kept keeps the reads every page makes whatever it holds: its channel's locales and its
	// pricing context.
	kept *keptReads
}

// NewHandler returns the store handler for svc; commits is the database's commit counter,
// which invalidates cached pages (see pageCache).
func NewHandler(svc *Service, commits func() uint64) *Handler {
	return &Handler{svc: svc, cache: newPageCache(commits, time.Second), rendered: newProductCache(commits, time.Second),
		kept: newKeptReads(commits, time.Second)}
}

// Routes lists the store routes. Their handlers do not go through httpapi's endpoints: list
// answers from the page cache before it decodes anything, and both strip the stock markers
// from `fields` before they select.
func (h *Handler) Routes() []httpapi.Route {
	return []httpapi.Route{
		{Method: "GET", Path: "/store/products", Summary: "List the products the publishable key's channels sell", Query: listQuery, Response: "products", Handler: h.list},
		{Method: "GET", Path: "/store/products/{id}", Summary: "Retrieve a product the publishable key's channels sell", Query: retrieveQuery, Response: "product", Handler: h.retrieve},
		{Method: "GET", Path: "/store/locales", Summary: "List the languages the publishable key's storefront offers", Query: localesQuery, Response: "locales", Handler: h.locales},
	}
}

// groupFields are the filters $and and $or groups may hold.
func groupFields() []v.Field {
	return slices.Concat([]v.Field{httpapi.Search()}, httpapi.MatchFilters("id", "title", "handle"),
		[]v.Field{v.F("is_giftcard", v.Optional(v.BoolString()))},
		httpapi.DateFilters("created_at", "updated_at", "deleted_at"))
}

var variantsFilter = v.Object(v.F("options", v.Optional(v.Object(
	httpapi.MatchFilters("value", "option_id")...).Strict()))).Strict()

// storeFields are Medusa's store product parameters besides paging (§4.2).
func storeFields() []v.Field {
	group := v.Object(groupFields()...).Strict()
	return slices.Concat(groupFields(),
		httpapi.MatchFilters("sales_channel_id", "category_id", "collection_id", "tag_id", "type_id"),
		[]v.Field{
			v.F("region_id", v.Optional(v.String())),
			v.F("currency_code", v.Optional(v.String())),
			v.F("country_code", v.Optional(v.String())),
			v.F("province", v.Optional(v.String())),
			v.F("cart_id", v.Optional(v.String())),
			v.F("locale", v.Optional(v.String())),
			v.F("variants", v.Optional(variantsFilter)),
			v.F("$and", v.Optional(v.Array(group))),
			v.F("$or", v.Optional(v.Array(group))),
		})
}

// Both queries are strict, as Medusa's store product schemas are: unknown parameters are
// refused. The by-id route accepts the same set.
var (
	listQuery     = v.Object(append(httpapi.FindParams(50), storeFields()...)...).Strict()
	retrieveQuery = listQuery
)

type groupParams struct {
	Q          string   `json:"q"`
	ID         []string `json:"id"`
	Title      []string `json:"title"`
	Handle     []string `json:"handle"`
	IsGiftcard *bool    `json:"is_giftcard"`
	httpapi.DateParams
}

func (g groupParams) filter() product.Filter {
	return product.Filter{Q: g.Q, IDs: g.ID, Titles: g.Title, Handles: g.Handle, IsGiftcard: g.IsGiftcard,
		CreatedAt: g.CreatedAt, UpdatedAt: g.UpdatedAt, DeletedAt: g.DeletedAt}
}

type params struct {
	httpapi.Paging
	groupParams
	SalesChannelID []string `json:"sales_channel_id"`
	CategoryID     []string `json:"category_id"`
	CollectionID   []string `json:"collection_id"`
	TagID          []string `json:"tag_id"`
	TypeID         []string `json:"type_id"`
	RegionID       string   `json:"region_id"`
	CurrencyCode   string   `json:"currency_code"`
	Locale         string   `json:"locale"`
	Variants       *struct {
		Options *struct {
			Value    []string `json:"value"`
			OptionID []string `json:"option_id"`
		} `json:"options"`
	} `json:"variants"`
	And []groupParams `json:"$and"`
	Or  []groupParams `json:"$or"`
}

// query turns decoded parameters into a storefront query and the response's selection.
// decodeParams reads a store product query: its parameters, the query they make and the
// fields they select.
func decodeParams(r *http.Request, schema v.Schema) (p params, q Query, sel *fields.Selection, err error) {
	if err = httpapi.DecodeQuery(r, schema, &p); err != nil {
		return p, q, nil, err
	}
	q, sel, err = p.query()
	q.Locale = requestedLocale(r, p.Locale)
	return p, q, sel, err
}

func (p params) query() (Query, *fields.Selection, error) {
	param, stocked := stripStock(deref(p.Fields))
	sel := fields.Parse(param, p.Fields != nil, DefaultFields)
	if err := productSpec.Check(sel); err != nil {
		return Query{}, nil, err
	}
	f := product.StoreFilter{Filter: p.groupParams.filter(), CollectionIDs: p.CollectionID, TypeIDs: p.TypeID,
		TagIDs: p.TagID, CategoryIDs: p.CategoryID}
	for _, a := range p.And {
		f.And = append(f.And, a.filter())
	}
	for _, o := range p.Or {
		f.Or = append(f.Or, o.filter())
	}
	if p.Variants != nil && p.Variants.Options != nil {
		f.OptionValues, f.OptionIDs = p.Variants.Options.Value, p.Variants.Options.OptionID
	}
	return Query{
		Channels: p.SalesChannelID,
		Filter:   f,
		Include:  product.IncludeFor(sel),
		RegionID: p.RegionID,
		Currency: p.CurrencyCode,
		// Medusa prices when any requested field names variants.calculated_price.
		Priced: p.Fields != nil && strings.Contains(*p.Fields, "variants.calculated_price"),
		// and computes stock when any names variants.inventory_quantity.
		Stocked: stocked,
	}, sel, nil
}

// scopeOf returns the key scope RequirePublishable left on the request; without it the route
// was mounted outside the store group, which is a wiring bug.
func scopeOf(r *http.Request) (apikey.Scope, error) {
	s, ok := apikey.ScopeFrom(r.Context())
	if !ok {
		return apikey.Scope{}, errors.New("store route without a publishable key scope")
	}
	return s, nil
}

// scopeFrom returns the channels of the key scope on ctx (see scopeOf).
func scopeFrom(ctx context.Context) ([]string, error) {
	s, ok := apikey.ScopeFrom(ctx)
	if !ok {
		return nil, errors.New("store route without a publishable key scope")
	}
	return s.ChannelIDs, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func (h *Handler) list(w http.ResponseWriter, r *http.Request) error {
	scope, err := scopeOf(r)
	if err != nil {
		return err
	}
	key := cacheKey(r.URL.Path, scope.ChannelIDs, r.URL.RawQuery) + localeKey(r)
	cached, commits, ok := h.cache.get(key)
	if ok {
		httpapi.WriteRaw(w, http.StatusOK, cached)
		return nil
	}
	p, q, sel, err := decodeParams(r, listQuery)
	if err != nil {
		return err
	}
	// The computation outlives a caller that goes away, since others may be waiting on it.
	ctx := context.WithoutCancel(r.Context())
	shared, err, _ := h.flight.Do(key+"\x00"+strconv.FormatUint(commits, 10), func() (any, error) {
		held := h.rendered.holder(renderKey(r.URL.Path, scope.ChannelIDs, r.URL.RawQuery) + localeKey(r))
		q.Include.Rendered = held.has
		q.kept = h.kept
		page, err := h.svc.List(ctx, scope, q, product.Page{Offset: p.Offset, Limit: p.Limit, Order: p.Order})
		if err != nil {
			return nil, err
		}
		products := view(page.Products, page.Prices, page.Stock)
		body := httpapi.AppendListOpening(make([]byte, 0, held.size(products)+64), "products")
		body = held.appendList(body, products, sel, commits)
		body = httpapi.AppendListClosing(body, page.Count, p.Offset, p.Limit)
		h.cache.put(key, commits, body)
		return body, nil
	})
	if err != nil {
		return err
	}
	httpapi.WriteRaw(w, http.StatusOK, shared.([]byte))
	return nil
}

func (h *Handler) retrieve(w http.ResponseWriter, r *http.Request) error {
	_, q, sel, err := decodeParams(r, retrieveQuery)
	if err != nil {
		return err
	}
	scope, err := scopeOf(r)
	if err != nil {
		return err
	}
	page, err := h.svc.Get(r.Context(), scope, r.PathValue("id"), q)
	if err != nil {
		return err
	}
	httpapi.WriteRaw(w, http.StatusOK, httpapi.Envelope("product", productSpec.Append(nil, view(page.Products, page.Prices, page.Stock)[0], sel)))
	return nil
}
