package pricing

import (
	"context"
	"encoding/json"

	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
	"channeld/internal/product"
)

var batchBody = v.Object(
	v.F("create", v.Optional(v.Array(v.Object(
		v.F("variant_id", v.String()),
		v.F("currency_code", v.String()),
		v.F("amount", v.Number()),
	).Strict()))),
	v.F("update", v.Optional(v.Array(v.Object(
		v.F("id", v.String()),
		v.F("amount", v.Number()),
	).Strict()))),
	v.F("delete", v.Optional(v.Array(v.String()))),
).Strict()

type batchReq struct {
	Create []struct {
		VariantID    string      `json:"variant_id"`
		CurrencyCode string      `json:"currency_code"`
		Amount       json.Number `json:"amount"`
	} `json:"create"`
	Update []struct {
		ID     string      `json:"id"`
		Amount json.Number `json:"amount"`
	} `json:"update"`
	Delete []string `json:"delete"`
}

// batch writes the channel's prices and answers {"created", "updated", "deleted"}, every key
// present.
func (h *Handler) batch(ctx context.Context, in *httpapi.Input[httpapi.NoQuery, batchReq]) ([]byte, error) {
	var b PriceBatch
	for _, c := range in.Body.Create {
		b.Create = append(b.Create, PriceCreate{VariantID: c.VariantID, CurrencyCode: c.CurrencyCode, Amount: c.Amount.String()})
	}
	for _, u := range in.Body.Update {
		b.Update = append(b.Update, PriceUpdate{ID: u.ID, Amount: u.Amount.String()})
	}
	b.Delete = in.Body.Delete
	res, err := h.svc.WriteBatch(ctx, in.Path("id"), b)
	if err != nil {
		return nil, err
	}
	out := append([]byte(`{"created":`), product.PriceSpec.AppendList(nil, res.Created, priceFields)...)
	out = append(out, `,"updated":`...)
	out = product.PriceSpec.AppendList(out, res.Updated, priceFields)
	out = append(out, `,"deleted":`...)
	out = appendDeleted(out, res.Deleted, "price")
	return append(out, '}'), nil
}
