package httpapi

import "channeld/internal/platform/validate"

// Bounds on pagination: Medusa has none, but an unbounded page or a negative offset is a
// request no storefront means to make.
const (
	MaxLimit  = 1000
	MaxOffset = 1<<31 - 1
)

// SelectParams is Medusa's createSelectParams: the `fields` parameter alone.
func SelectParams() []validate.Field {
	return []validate.Field{validate.F("fields", validate.Optional(validate.String()))}
}

// FindParams is Medusa's createFindParams: fields, offset, limit (defaulting to
// defaultLimit) and order.
func FindParams(defaultLimit int) []validate.Field {
	return []validate.Field{
		validate.F("fields", validate.Optional(validate.String())),
		validate.F("offset", validate.Default(validate.IntString().Gte(0).Lte(MaxOffset), int64(0))),
		validate.F("limit", validate.Default(validate.IntString().Gte(0).Lte(MaxLimit), int64(defaultLimit))),
		validate.F("order", validate.Optional(validate.String())),
	}
}

// Fields is the decoded `fields` parameter: nil when absent.
type Fields struct {
	Fields *string `json:"fields"`
}

// Paging is the decoded offset, limit and order.
type Paging struct {
	Fields *string `json:"fields"`
	Offset int     `json:"offset"`
	Limit  int     `json:"limit"`
	Order  string  `json:"order"`
}
