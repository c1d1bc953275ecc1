package pricing

import (
	"context"
	"encoding/json"

	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
)

var rulesQuery = v.Object(windowFields(50)...).Strict()

var roundingBody = v.Object(
	v.F("increment", v.Optional(v.Number())),
	v.F("mode", v.Optional(v.Enum("half_up", "up", "down"))),
	v.F("offset", v.Optional(v.Number())),
).Strict()

// ruleCreateBody is §3.2's create body: source_sales_channel_id is a required key that may
// be null (the base prices).
var ruleCreateBody = v.Object(
	v.F("currency_code", v.String()),
	v.F("source_sales_channel_id", v.Nullable(v.String())),
	v.F("source_currency_code", v.String()),
	v.F("factor", v.Number()),
	v.F("rounding", v.Optional(roundingBody)),
	v.F("dry_run", v.Optional(v.Bool())),
).Strict()

var ruleUpdateBody = ruleCreateBody.Partial()

type roundingReq struct {
	Increment *json.Number `json:"increment"`
	Mode      *string      `json:"mode"`
	Offset    *json.Number `json:"offset"`
}

func (r *roundingReq) input() RoundingInput {
	var in RoundingInput
	if r == nil {
		return in
	}
	in.Mode = r.Mode
	if r.Increment != nil {
		s := r.Increment.String()
		in.Increment = &s
	}
	if r.Offset != nil {
		s := r.Offset.String()
		in.Offset = &s
	}
	return in
}

type ruleReq struct {
	CurrencyCode         *string        `json:"currency_code"`
	SourceSalesChannelID v.Opt[*string] `json:"source_sales_channel_id"`
	SourceCurrencyCode   *string        `json:"source_currency_code"`
	Factor               *json.Number   `json:"factor"`
	Rounding             *roundingReq   `json:"rounding"`
	DryRun               bool           `json:"dry_run"`
}

func (r ruleReq) input() RuleInput {
	in := RuleInput{Currency: r.CurrencyCode, SetSource: r.SourceSalesChannelID.Set,
		SourceChannelID: r.SourceSalesChannelID.Value, SourceCurrency: r.SourceCurrencyCode,
		Rounding: r.Rounding.input(), DryRun: r.DryRun}
	if r.Factor != nil {
		s := r.Factor.String()
		in.Factor = &s
	}
	return in
}

// rules answers a page of the channel's rules.
func (h *Handler) rules(ctx context.Context, in *httpapi.Input[window, httpapi.NoBody]) ([]byte, int, error) {
	rs, count, err := h.svc.Rules(ctx, in.Path("id"), in.Query.Offset, in.Query.Limit)
	if err != nil {
		return nil, 0, err
	}
	wires := make([]any, len(rs))
	for i, r := range rs {
		wires[i] = RuleWire(r, true)
	}
	b, err := httpapi.Marshal(wires)
	return b, count, err
}

func (h *Handler) createRule(ctx context.Context, in *httpapi.Input[httpapi.NoQuery, ruleReq]) ([]byte, error) {
	res, err := h.svc.CreateRule(ctx, in.Path("id"), in.Body.input())
	return ruleAnswer(res, err)
}

func (h *Handler) updateRule(ctx context.Context, in *httpapi.Input[httpapi.NoQuery, ruleReq]) ([]byte, error) {
	res, err := h.svc.UpdateRule(ctx, in.Path("id"), in.Path("rule_id"), in.Body.input())
	return ruleAnswer(res, err)
}

// ruleAnswer is {"price_inheritance": rule}, with "changes" and no id for a dry run.
func ruleAnswer(res *RuleResult, err error) ([]byte, error) {
	if err != nil {
		return nil, err
	}
	if !res.DryRun {
		return httpapi.Marshal(map[string]any{"price_inheritance": RuleWire(res.Rule, true)})
	}
	changes := make([]ruleEffectWire, len(res.Changes))
	for i, c := range res.Changes {
		changes[i] = ruleEffectWire{VariantID: c.VariantID, CurrencyCode: c.Currency,
			Before: appendAmount(nil, c.Before, c.Currency), After: appendAmount(nil, c.After, c.Currency),
			SourceBefore: c.SourceBefore, SourceAfter: c.SourceAfter}
	}
	return httpapi.Marshal(struct {
		Rule    any              `json:"price_inheritance"`
		Changes []ruleEffectWire `json:"changes"`
	}{RuleWire(res.Rule, false), changes})
}

type ruleEffectWire struct {
	VariantID    string          `json:"variant_id"`
	CurrencyCode string          `json:"currency_code"`
	Before       json.RawMessage `json:"before"`
	After        json.RawMessage `json:"after"`
	SourceBefore string          `json:"source_before"`
	SourceAfter  string          `json:"source_after"`
}

func (h *Handler) deleteRule(ctx context.Context, in *httpapi.Input[httpapi.NoQuery, httpapi.NoBody]) ([]byte, error) {
	ruleID := in.Path("rule_id")
	if err := h.svc.DeleteRule(ctx, in.Path("id"), ruleID); err != nil {
		return nil, err
	}
	return httpapi.Marshal(httpapi.Deleted{ID: ruleID, Object: "price_inheritance", Deleted: true})
}
