package currency

import (
	"context"
	"strconv"
	"time"

	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	"channeld/internal/platform/money"
	v "channeld/internal/platform/validate"
)

// Handler serves /admin/currencies. Since is the time the currencies were first served (the
// store's creation): Medusa's rows carry the time its currency module first loaded them.
type Handler struct{ since time.Time }

// NewHandler returns the handler; since is written as every currency's created_at and
// updated_at.
func NewHandler(since time.Time) *Handler { return &Handler{since: since.UTC()} }

// view is a currency as written, with its timestamps.
type view struct {
	*Currency
	since time.Time
}

var scalars = []string{"code", "symbol", "symbol_native", "name", "decimal_digits", "rounding", "raw_rounding",
	"created_at", "updated_at", "deleted_at"}

// Spec writes a currency as Medusa's currency module does; rounding is a big number, written
// as a number with its raw form beside it.
var Spec = &fields.Spec[view]{
	Scalars: scalars,
	Scalar: func(b []byte, c *view, name string) []byte {
		switch name {
		case "code":
			return fields.AppendString(b, c.Code)
		case "symbol":
			return fields.AppendString(b, c.Symbol)
		case "symbol_native":
			return fields.AppendString(b, c.SymbolNative)
		case "name":
			return fields.AppendString(b, c.Name)
		case "decimal_digits":
			return fields.AppendInt(b, int64(c.DecimalDigits()))
		case "rounding":
			return strconv.AppendFloat(b, c.Rounding, 'f', -1, 64)
		case "raw_rounding":
			b = append(b, `{"value":`...)
			b = fields.AppendString(b, strconv.FormatFloat(c.Rounding, 'f', -1, 64))
			return append(b, `,"precision":20}`...)
		case "created_at", "updated_at":
			return fields.AppendTime(b, c.since)
		}
		return fields.AppendNull(b)
	},
}

// AppendLinked writes the currency with code as Medusa writes a record's linked currency (a
// store currency's `currency`): the fields sub selects, with since as its timestamps. A code
// channeld accepts but Medusa does not list is written as its code and decimal digits.
func AppendLinked(b []byte, code string, since time.Time, sub *fields.Selection) []byte {
	c := Lookup(code)
	if c == nil {
		b = append(b, `{"code":`...)
		b = fields.AppendString(b, code)
		b = append(b, `,"decimal_digits":`...)
		b = fields.AppendInt(b, int64(money.Digits(code)))
		return append(b, '}')
	}
	return Spec.Append(b, &view{Currency: c, since: since.UTC()}, sub)
}

// currencies selects Medusa's default currency fields.
var currencies = fields.Selector{Defaults: []string{"code", "name", "symbol", "symbol_native", "decimal_digits", "rounding"},
	Check: Spec.Check, Key: "code"}

// Routes lists the admin routes.
func (h *Handler) Routes() []httpapi.Route {
	return []httpapi.Route{
		{Method: "GET", Path: "/admin/currencies", Summary: "List currencies", Query: listQuery, Response: "currencies",
			Serve: httpapi.Entities(currencies, Spec, h.list)},
		{Method: "GET", Path: "/admin/currencies/{code}", Summary: "Retrieve a currency", Query: selectQuery, Response: "currency",
			Serve: httpapi.Entity(currencies, Spec, h.retrieve)},
	}
}

var selectQuery = v.Object(httpapi.SelectParams()...).Strict()

func filterFields() []v.Field {
	return append([]v.Field{httpapi.Search()}, httpapi.MatchFilters("code")...)
}

// listQuery is Medusa's AdminGetCurrenciesParams: q, code and their $and/$or, 200 a page.
var listQuery = v.Object(httpapi.FilterParams(200, filterFields)...).Strict()

type filterParams struct {
	Q    string   `json:"q"`
	Code []string `json:"code"`
}

func (p filterParams) filter() Filter { return Filter{Q: p.Q, Codes: p.Code} }

type listParams struct {
	httpapi.Paging
	filterParams
	httpapi.Groups[filterParams]
}

func (h *Handler) list(_ context.Context, in *httpapi.Input[listParams, httpapi.NoBody]) ([]*view, int, error) {
	p := in.Query
	f := p.filterParams.filter()
	f.And, f.Or = httpapi.ConvertGroups(p.Groups, filterParams.filter)
	cs, count, err := List(f, p.Order, p.Offset, p.Limit)
	if err != nil {
		return nil, 0, err
	}
	out := make([]*view, len(cs))
	for i, c := range cs {
		out[i] = &view{Currency: c, since: h.since}
	}
	return out, count, nil
}

func (h *Handler) retrieve(_ context.Context, in *httpapi.Input[httpapi.Fields, httpapi.NoBody]) (*view, error) {
	c, err := Get(in.Path("code"))
	if err != nil {
		return nil, err
	}
	return &view{Currency: c, since: h.since}, nil
}
