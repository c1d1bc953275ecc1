package saleschannel

import (
	"context"
	"slices"

	"channeld/internal/audit"
	"channeld/internal/outbox"
	"channeld/internal/platform/db"
)

// PriceKeeper drops, inside a channel's changing transaction, the prices and price
// inheritance rules a change leaves without a place (channel-model.md §1.3). Prices belong
// to the product module and rules to pricing, whose tables this module never writes; the
// pricing module implements it (pricing.Keeper).
type PriceKeeper interface {
	// CurrenciesRemoved deletes the channel's explicit prices in currencies and its rules
	// for them (cause currency_removed).
	CurrenciesRemoved(ctx context.Context, tx db.DBTX, channelID string, currencies []string) error
	// ChannelDeleted deletes the channel's prices and every rule it is the target or the
	// source of (cause channel_deleted).
	ChannelDeleted(ctx context.Context, tx db.DBTX, channelID string) error
}

// removedCurrencies returns the codes of before that after no longer lists, ascending.
func removedCurrencies(before, after []Currency) []string {
	var out []string
	for _, c := range before {
		if _, ok := findCurrency(after, c.Code); !ok {
			out = append(out, c.Code)
		}
	}
	slices.Sort(out)
	return out
}

// auditFields returns the fields of c a write can set, as the API writes them: a
// sales_channel entry records these (all on create and delete, the changed ones on update).
func auditFields(c *SalesChannel) audit.Fields {
	currencies := make([]currencyView, len(c.Currencies))
	for i, cur := range c.Currencies {
		currencies[i] = currencyView(cur)
	}
	locales := make([]localeView, len(c.Locales))
	for i, l := range c.Locales {
		locales[i] = localeView(l)
	}
	return audit.Fields{
		"name": c.Name, "description": c.Description, "is_disabled": c.IsDisabled, "metadata": c.Metadata,
		"supported_currencies": currencies, "supported_locales": locales, "seller_id": c.SellerID,
	}
}

// currencyView and localeView are the settings as the API writes them.
type (
	currencyView struct {
		Code           string `json:"currency_code"`
		IsDefault      bool   `json:"is_default"`
		IsTaxInclusive bool   `json:"is_tax_inclusive"`
	}
	localeView struct {
		Code      string `json:"locale_code"`
		IsDefault bool   `json:"is_default"`
	}
)

// channelEntry is a sales_channel.<verb> entry of channel channelID.
func channelEntry(verb, channelID string, before, after any) audit.Entry {
	return audit.Entry{Action: "sales_channel." + verb, Resource: "sales_channel", ResourceID: channelID,
		SalesChannelID: &channelID, Before: before, After: after}
}

// recordUpdate records sales_channel.updated with the fields that changed, if any did.
func (s *Service) recordUpdate(ctx context.Context, tx db.DBTX, before audit.Fields, c *SalesChannel) error {
	b, a, changed := audit.Changed(before, auditFields(c))
	if !changed {
		return nil
	}
	return s.audit.Record(ctx, tx, channelEntry("updated", c.ID, b, a))
}

// LinkKind is an entity of another module that channels link to, named as its audit
// entries name it.
type LinkKind string

// The linked entities whose link changes are recorded through RecordLinks; products record
// theirs in the product module, which owns their side effects on prices.
const (
	LinkAPIKey        LinkKind = "api_key"
	LinkStockLocation LinkKind = "stock_location"
)

// RecordLinks records, on tx, a sales_channel.<kind>_added entry for each channel in add
// that before lacked, and a <kind>_removed entry for each channel in remove that before held
// (remove wins over add, as the link routes apply it), in the changed channel: the entity's
// links went from before through add, then remove.
func (s *Service) RecordLinks(ctx context.Context, tx db.DBTX, kind LinkKind, entityID string, before, add, remove []string) error {
	ref := map[string]string{string(kind) + "_id": entityID}
	var entries []audit.Entry
	entry := func(verb, channelID string, b, a any) audit.Entry {
		return audit.Entry{Action: "sales_channel." + string(kind) + "_" + verb, Resource: string(kind), ResourceID: entityID,
			SalesChannelID: &channelID, Before: b, After: a}
	}
	events := linkEvents[kind]
	seen := map[string]bool{}
	for _, c := range add {
		if !seen[c] && !slices.Contains(before, c) && !slices.Contains(remove, c) {
			entries = append(entries, entry("added", c, nil, ref))
			events.Added(c, entityID)
		}
		seen[c] = true
	}
	for _, c := range remove {
		if slices.Contains(before, c) && !seen["-"+c] {
			entries = append(entries, entry("removed", c, ref, nil))
			events.Removed(c, entityID)
		}
		seen["-"+c] = true
	}
	if err := outbox.Append(ctx, tx, s.now(), events.Events()...); err != nil {
		return err
	}
	return s.audit.Record(ctx, tx, entries...)
}

// linkEvents names the events of each kind's link changes.
var linkEvents = map[LinkKind]outbox.Links{
	LinkAPIKey:        {Kind: "api-keys", Key: "api_key_ids"},
	LinkStockLocation: {Kind: "stock-locations", Key: "stock_location_ids"},
}
