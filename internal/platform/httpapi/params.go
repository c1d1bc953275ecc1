package httpapi

import "channeld/internal/platform/validate"

// Bounds on pagination: Medusa has none, but an unbounded page or a negative offset is a
// request no storefront means to make.
const (
	MaxLimit  = 1000
	MaxOffset = 1<<31 - 1
)

// MaxSearch bounds the free-text `q` parameter, in characters: a search is a few words, and
// its LIKE pattern must stay far below SQLite's limit of 50,000 bytes.
const MaxSearch = 1000

// Search is the free-text `q` parameter of list routes.
func Search() validate.Field {
	return validate.F("q", validate.Optional(validate.String().Max(MaxSearch)))
}

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

// LinkParams is Medusa's body for adding and removing links in one request: {"add": [ids],
// "remove": [ids]}.
func LinkParams() []validate.Field {
	return []validate.Field{
		validate.F("add", validate.Optional(validate.Array(validate.String()))),
		validate.F("remove", validate.Optional(validate.Array(validate.String()))),
	}
}

// Links is a decoded LinkParams body.
type Links struct {
	Add    []string `json:"add"`
	Remove []string `json:"remove"`
}

// FilterParams is a list query with Medusa's applyAndAndOrOperators: FindParams, the
// entity's filters, and $and and $or arrays of groups of the same filters.
func FilterParams(defaultLimit int, filters func() []validate.Field) []validate.Field {
	group := validate.Object(filters()...)
	fs := append(FindParams(defaultLimit), filters()...)
	return append(fs, validate.F("$and", validate.Optional(validate.Array(group))),
		validate.F("$or", validate.Optional(validate.Array(group))))
}

// Groups is the decoded $and and $or of a FilterParams query, F being the decoded filters.
type Groups[F any] struct {
	And []F `json:"$and"`
	Or  []F `json:"$or"`
}

// ConvertGroups converts the groups into a module's filter type.
func ConvertGroups[F, T any](g Groups[F], conv func(F) T) (and, or []T) {
	for _, f := range g.And {
		and = append(and, conv(f))
	}
	for _, f := range g.Or {
		or = append(or, conv(f))
	}
	return and, or
}

// Fields is the decoded `fields` parameter: nil when absent.
type Fields struct {
	Fields *string `json:"fields"`
}

// FieldsParam returns the `fields` parameter, nil when absent.
func (f Fields) FieldsParam() *string { return f.Fields }

// Paging is the decoded offset, limit and order.
type Paging struct {
	Fields *string `json:"fields"`
	Offset int     `json:"offset"`
	Limit  int     `json:"limit"`
	Order  string  `json:"order"`
}

// FieldsParam returns the `fields` parameter, nil when absent.
func (p Paging) FieldsParam() *string { return p.Fields }

// Window returns the offset and limit a list answers with.
func (p Paging) Window() (offset, limit int) { return p.Offset, p.Limit }

// NoQuery is the query of a route that declares none: nothing is decoded into it.
type NoQuery struct{}

// FieldsParam returns nil: such a route has no `fields`.
func (NoQuery) FieldsParam() *string { return nil }

// NoBody is the body of a route that declares none: nothing is read into it.
type NoBody struct{}

// MatchFilters are list filters on plain fields, each matching one value or any of several
// (`?id=a` or `?id[]=a&id[]=b`).
func MatchFilters(names ...string) []validate.Field {
	out := make([]validate.Field, len(names))
	for i, n := range names {
		out[i] = validate.F(n, validate.Optional(validate.StringOrArray()))
	}
	return out
}

// DateFilters are list filters on timestamps, each an operator map (`?created_at[$gte]=...`).
func DateFilters(names ...string) []validate.Field {
	out := make([]validate.Field, len(names))
	for i, n := range names {
		out[i] = validate.F(n, validate.Optional(validate.OperatorMap(validate.String())))
	}
	return out
}

// DateParams are the decoded created_at, updated_at and deleted_at filters of a list query;
// embed it in the query's struct.
type DateParams struct {
	CreatedAt map[string]any `json:"created_at"`
	UpdatedAt map[string]any `json:"updated_at"`
	DeletedAt map[string]any `json:"deleted_at"`
}

// AddressFields are the fields of Medusa's address payload, shared by cart and customer
// addresses: each may be null, and metadata is an object.
func AddressFields() []validate.Field {
	return []validate.Field{
		validate.F("first_name", validate.Nullish(validate.String())),
		validate.F("last_name", validate.Nullish(validate.String())),
		validate.F("phone", validate.Nullish(validate.String())),
		validate.F("company", validate.Nullish(validate.String())),
		validate.F("address_1", validate.Nullish(validate.String())),
		validate.F("address_2", validate.Nullish(validate.String())),
		validate.F("city", validate.Nullish(validate.String())),
		validate.F("country_code", validate.Nullish(validate.String())),
		validate.F("province", validate.Nullish(validate.String())),
		validate.F("postal_code", validate.Nullish(validate.String())),
		validate.F("metadata", validate.Nullish(validate.Record())),
	}
}
