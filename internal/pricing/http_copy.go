package pricing

import (
	"context"
	"encoding/json"
	"strconv"

	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
)

var copyBody = v.Object(
	v.F("source_sales_channel_id", v.Nullable(v.String())),
	v.F("source_currency_code", v.String()),
	v.F("currency_code", v.Optional(v.String())),
	v.F("factor", v.Optional(v.Number())),
	v.F("rounding", v.Optional(roundingBody)),
	v.F("variant_ids", v.Optional(v.Array(v.String()))),
	v.F("overwrite", v.Optional(v.Bool())),
	v.F("dry_run", v.Optional(v.Bool())),
	v.F("expected_checksum", v.Optional(v.String())),
).Strict()

type copyReq struct {
	SourceSalesChannelID *string      `json:"source_sales_channel_id"`
	SourceCurrencyCode   string       `json:"source_currency_code"`
	CurrencyCode         *string      `json:"currency_code"`
	Factor               *json.Number `json:"factor"`
	Rounding             *roundingReq `json:"rounding"`
	VariantIDs           []string     `json:"variant_ids"`
	Overwrite            bool         `json:"overwrite"`
	DryRun               bool         `json:"dry_run"`
	ExpectedChecksum     *string      `json:"expected_checksum"`
}

// copyPrices answers {"dry_run", "changes", "summary", "checksum"}.
func (h *Handler) copyPrices(ctx context.Context, in *httpapi.Input[httpapi.NoQuery, copyReq]) ([]byte, error) {
	r := in.Body
	ci := CopyInput{SourceChannelID: r.SourceSalesChannelID, SourceCurrency: r.SourceCurrencyCode, Currency: r.CurrencyCode,
		Rounding: r.Rounding.input(), VariantIDs: r.VariantIDs, Overwrite: r.Overwrite, DryRun: r.DryRun,
		ExpectedChecksum: r.ExpectedChecksum}
	if r.Factor != nil {
		s := r.Factor.String()
		ci.Factor = &s
	}
	res, err := h.svc.CopyPrices(ctx, in.Path("id"), ci)
	if err != nil {
		return nil, err
	}
	b := append([]byte(`{"dry_run":`), strconv.FormatBool(res.DryRun)...)
	b = append(b, `,"changes":[`...)
	counts := map[string]int{}
	for i, c := range res.Changes {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendCopyChange(b, c)
		counts[c.Action]++
	}
	b = append(b, `],"summary":{`...)
	for i, action := range []string{CopyCreate, CopyUpdate, CopyUnchanged, CopySkip, CopyMissingSource} {
		if i > 0 {
			b = append(b, ',')
		}
		b = fields.AppendString(b, action)
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(counts[action]), 10)
	}
	b = append(b, `},"checksum":`...)
	b = fields.AppendString(b, res.Checksum)
	return append(b, '}'), nil
}

// appendCopyChange writes {variant_id, currency_code, action, before, computed, after}; the
// checksum hashes the same text.
func appendCopyChange(b []byte, c CopyChange) []byte {
	b = append(b, `{"variant_id":`...)
	b = fields.AppendString(b, c.VariantID)
	b = append(b, `,"currency_code":`...)
	b = fields.AppendString(b, c.Currency)
	b = append(b, `,"action":`...)
	b = fields.AppendString(b, c.Action)
	b = append(b, `,"before":`...)
	b = appendAmount(b, c.Before, c.Currency)
	b = append(b, `,"computed":`...)
	b = appendAmount(b, c.Computed, c.Currency)
	b = append(b, `,"after":`...)
	b = appendAmount(b, c.After, c.Currency)
	return append(b, '}')
}
