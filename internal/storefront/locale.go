package storefront

import (
	"context"
	"net/http"
	"slices"

	"channeld/internal/apikey"
	"channeld/internal/platform/db"
	"channeld/internal/platform/httpapi"
	"channeld/internal/platform/locale"
	v "channeld/internal/platform/validate"
	"channeld/internal/product"
	"channeld/internal/saleschannel"
	"channeld/internal/translation"
)

// A storefront reads in one locale (channel-model.md §6): the `locale` query parameter, else
// Medusa's x-medusa-locale header, else the pricing channel's default locale. A locale the
// channel does not offer is ignored for the channel's default, so a stale storefront cookie
// never breaks a page. Translated fields replace the originals; a field without a
// translation keeps the original.

// localeHeader is the header Medusa's storefronts send the visitor's locale in.
const localeHeader = "x-medusa-locale"

// Languages are what the storefront asks of the modules that own languages: a channel's
// locales (saleschannel.Service), the store's (shop.LocaleReader) and the translations of a
// page (translation.Service), each read through the storefront's connection. The zero value
// serves no languages: every read answers in the originals.
type Languages struct {
	Channels     ChannelLocales
	Store        StoreLocales
	Translations Translations
}

// ChannelLocales returns the locales of a channel, ordered by code.
type ChannelLocales interface {
	Locales(ctx context.Context, q db.DBTX, channelID string) ([]saleschannel.Locale, error)
}

// StoreLocales returns the store's locale codes, ordered.
type StoreLocales interface {
	StoreLocaleCodes(ctx context.Context, q db.DBTX) ([]string, error)
}

// Translations returns the translated fields of entities in one locale, in one statement.
type Translations interface {
	FieldsIn(ctx context.Context, q db.DBTX, localeCode string, ids []string) (map[translation.Ref]translation.Fields, error)
}

// requestedLocale is the locale a request asks for, as sent: the query parameter, else the
// header; "" when neither names one.
func requestedLocale(r *http.Request, param string) string {
	if param != "" {
		return param
	}
	return r.Header.Get(localeHeader)
}

// localeKey is what the response caches add to their keys for the locale: the query, already
// in the keys, holds the parameter, and the header is the rest of what a read's locale
// depends on. A change to a channel's locales commits, which empties the caches.
func localeKey(r *http.Request) string { return "\x00" + r.Header.Get(localeHeader) }

// pricingChannel is the channel a read prices and reads its language in: the key's only
// channel, else the single requested one; "" when there is none.
func pricingChannel(scope apikey.Scope, requested []string) string {
	if len(scope.ChannelIDs) == 1 {
		return scope.ChannelIDs[0]
	}
	if len(requested) == 1 {
		return requested[0]
	}
	return ""
}

// localeOf returns the locale a read answers in, "" for the originals. A requested tag that
// is not well formed counts as not requested.
func (s *Service) localeOf(ctx context.Context, q db.DBTX, scope apikey.Scope, query Query) (string, error) {
	requested, _ := locale.Canonical(query.Locale)
	channel := pricingChannel(scope, query.Channels)
	if channel == "" || s.langs.Channels == nil {
		return requested, nil
	}
	var offered []saleschannel.Locale
	var err error
	read := func() ([]saleschannel.Locale, error) { return s.langs.Channels.Locales(ctx, q, channel) }
	if query.kept != nil {
		offered, err = query.kept.locales.get(channel, read)
	} else {
		offered, err = read()
	}
	if err != nil || len(offered) == 0 {
		return requested, err
	}
	def := ""
	for _, l := range offered {
		if l.Code == requested && requested != "" {
			return requested, nil
		}
		if l.IsDefault {
			def = l.Code
		}
	}
	return def, nil
}

// translate returns ps in the read's locale: copies of the products and variants that have
// translations, with the translated fields in place, read in one statement for the page, and
// ps itself when no locale applies.
func (s *Service) translate(ctx context.Context, q db.DBTX, scope apikey.Scope, query Query, ps []*product.Product) ([]*product.Product, error) {
	if len(ps) == 0 || s.langs.Translations == nil {
		return ps, nil
	}
	code, err := s.localeOf(ctx, q, scope, query)
	if err != nil || code == "" {
		return ps, err
	}
	var ids []string
	for _, p := range ps {
		ids = append(ids, p.ID)
		for _, v := range p.Variants {
			ids = append(ids, v.ID)
		}
	}
	found, err := s.langs.Translations.FieldsIn(ctx, q, code, ids)
	if err != nil || len(found) == 0 {
		return ps, err
	}
	out := make([]*product.Product, len(ps))
	for i, p := range ps {
		out[i] = translatedProduct(p, found)
	}
	return out, nil
}

// translatedProduct returns p with its translated fields, a copy when any changes: products
// may be shared with other readers, which must keep seeing the originals.
func translatedProduct(p *product.Product, found map[translation.Ref]translation.Fields) *product.Product {
	cp := *p
	changed := false
	if f, ok := found[translation.Ref{Reference: translation.Product, ID: p.ID}]; ok {
		if f.Title != nil {
			cp.Title = *f.Title
		}
		cp.Subtitle = firstSet(f.Subtitle, p.Subtitle)
		cp.Description = firstSet(f.Description, p.Description)
		changed = true
	}
	cloned := false
	for j, v := range p.Variants {
		f, ok := found[translation.Ref{Reference: translation.Variant, ID: v.ID}]
		if !ok || f.Title == nil {
			continue
		}
		if !cloned {
			cp.Variants, cloned = slices.Clone(p.Variants), true
		}
		vc := *v
		vc.Title = *f.Title
		cp.Variants[j] = &vc
		changed = true
	}
	if !changed {
		return p
	}
	return &cp
}

func firstSet(a, b *string) *string {
	if a != nil {
		return a
	}
	return b
}

// localesQuery is GET /store/locales's query: a channel of the key may be named, as for
// products.
var localesQuery = v.Object(httpapi.MatchFilters("sales_channel_id")...)

type localesParams struct {
	SalesChannelID []string `json:"sales_channel_id"`
}

// Locale is a language a storefront may offer, with its English name.
type Locale struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// Locales returns the languages a key's storefront offers: its pricing channel's when that
// channel has locales, else the store's.
func (s *Service) Locales(ctx context.Context, scope apikey.Scope, requested []string) ([]Locale, error) {
	if len(requested) > 0 {
		if _, err := channels(scope, requested); err != nil {
			return nil, err
		}
	}
	q := s.read()
	var codes []string
	if channel := pricingChannel(scope, requested); channel != "" && s.langs.Channels != nil {
		offered, err := s.langs.Channels.Locales(ctx, q, channel)
		if err != nil {
			return nil, err
		}
		for _, l := range offered {
			codes = append(codes, l.Code)
		}
	}
	if len(codes) == 0 && s.langs.Store != nil {
		var err error
		if codes, err = s.langs.Store.StoreLocaleCodes(ctx, q); err != nil {
			return nil, err
		}
	}
	out := make([]Locale, len(codes))
	for i, c := range codes {
		out[i] = Locale{Code: c, Name: locale.Name(c)}
	}
	return out, nil
}

func (h *Handler) locales(w http.ResponseWriter, r *http.Request) error {
	var p localesParams
	if err := httpapi.DecodeQuery(r, localesQuery, &p); err != nil {
		return err
	}
	scope, err := scopeOf(r)
	if err != nil {
		return err
	}
	ls, err := h.svc.Locales(r.Context(), scope, p.SalesChannelID)
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, map[string][]Locale{"locales": ls})
	return nil
}
