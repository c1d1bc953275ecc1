package pricing

import (
	"encoding/json"

	"channeld/internal/platform/fields"
	"channeld/internal/platform/money"
)

// ruleFields is a rule as its audit entries show it: the wire object without timestamps,
// amounts in major units of the rule's currency and the factor as the number it is.
type ruleFields struct {
	ID                   *string         `json:"id"`
	SalesChannelID       string          `json:"sales_channel_id"`
	CurrencyCode         string          `json:"currency_code"`
	SourceSalesChannelID *string         `json:"source_sales_channel_id"`
	SourceCurrencyCode   string          `json:"source_currency_code"`
	Factor               json.RawMessage `json:"factor"`
	Rounding             roundingFields  `json:"rounding"`
}

type roundingFields struct {
	Increment json.RawMessage `json:"increment"`
	Mode      string          `json:"mode"`
	Offset    json.RawMessage `json:"offset"`
}

// ruleWire is a rule as the routes answer it.
type ruleWire struct {
	ruleFields
	CreatedAt json.RawMessage `json:"created_at"`
	UpdatedAt json.RawMessage `json:"updated_at"`
}

// ruleRecord is r's audit object.
func ruleRecord(r *Rule) ruleFields {
	id := r.ID
	return ruleFields{
		ID: &id, SalesChannelID: r.SalesChannelID, CurrencyCode: r.CurrencyCode,
		SourceSalesChannelID: r.SourceChannelID, SourceCurrencyCode: r.SourceCurrency,
		Factor: json.RawMessage(r.Factor),
		Rounding: roundingFields{
			Increment: money.AppendMajor(nil, r.Rounding.Increment, r.CurrencyCode),
			Mode:      string(r.Rounding.Mode),
			Offset:    money.AppendMajor(nil, r.Rounding.Offset, r.CurrencyCode),
		},
	}
}

// RuleWire is r as the routes answer it; withID false writes id null (a dry run's rule).
func RuleWire(r *Rule, withID bool) any {
	w := ruleWire{ruleFields: ruleRecord(r),
		CreatedAt: fields.AppendTime(nil, r.CreatedAt), UpdatedAt: fields.AppendTime(nil, r.UpdatedAt)}
	if !withID {
		w.ID = nil
	}
	return w
}
