package translation

import (
	"context"
	"slices"

	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
)

// Handler serves /admin/translations with Medusa's routes and shapes.
type Handler struct{ svc *Service }

// NewHandler returns the handler for svc.
func NewHandler(svc *Service) *Handler { return &Handler{svc: svc} }

// DefaultFields are Medusa's default translation fields.
var DefaultFields = []string{"id", "reference_id", "reference", "locale_code", "translations"}

var scalars = []string{"id", "reference_id", "reference", "locale_code", "translations", "created_at", "updated_at", "deleted_at"}

// Spec writes a translation; channeld deletes translations for good, so deleted_at is null.
var Spec = &fields.Spec[Translation]{
	Scalars: scalars,
	Scalar:  fields.Columns[Translation](scalars, map[string]func([]byte, *Translation) []byte{"deleted_at": fields.Null[Translation]}),
}

var translations = fields.Selector{Defaults: DefaultFields, Check: Spec.Check}

// Routes lists the admin routes.
func (h *Handler) Routes() []httpapi.Route {
	return []httpapi.Route{
		{Method: "GET", Path: "/admin/translations", Summary: "List translations", Query: listQuery, Response: "translations", Serve: httpapi.Entities(translations, Spec, h.list)},
		{Method: "POST", Path: "/admin/translations/batch", Summary: "Create, update and delete translations at once", Query: selectQuery, Body: batchBody, Response: "created", Serve: httpapi.Reply(translations, h.batch)},
	}
}

var selectQuery = v.Object(httpapi.SelectParams()...).Strict()

var listQuery = v.Object(slices.Concat(httpapi.FindParams(20), []v.Field{httpapi.Search()},
	httpapi.MatchFilters("id", "reference_id"),
	[]v.Field{v.F("reference", v.Optional(v.String())), v.F("locale_code", v.Optional(v.String()))})...).Strict()

// translatedFields is the translations object: the fields a storefront shows translated.
var translatedFields = v.Object(
	v.F("title", v.Optional(v.String())),
	v.F("subtitle", v.Optional(v.String())),
	v.F("description", v.Optional(v.String())),
).Strict()

var batchBody = v.Object(
	v.F("create", v.Optional(v.Array(v.Object(
		v.F("reference_id", v.String()),
		v.F("reference", v.Enum(Product, Variant)),
		v.F("locale_code", v.String()),
		v.F("translations", translatedFields),
	).Strict()))),
	v.F("update", v.Optional(v.Array(v.Object(
		v.F("id", v.String()),
		v.F("translations", v.Optional(translatedFields)),
	).Strict()))),
	v.F("delete", v.Optional(v.Array(v.String()))),
).Strict()

type listParams struct {
	httpapi.Paging
	Q           string   `json:"q"`
	ID          []string `json:"id"`
	ReferenceID []string `json:"reference_id"`
	Reference   string   `json:"reference"`
	LocaleCode  string   `json:"locale_code"`
}

func (h *Handler) list(ctx context.Context, in *httpapi.Input[listParams, httpapi.NoBody]) ([]*Translation, int, error) {
	p := in.Query
	return h.svc.List(ctx, Filter{Q: p.Q, IDs: p.ID, ReferenceIDs: p.ReferenceID, Reference: p.Reference, LocaleCode: p.LocaleCode},
		Page{Offset: p.Offset, Limit: p.Limit, Order: p.Order})
}

type batchRequest struct {
	Create []struct {
		ReferenceID  string `json:"reference_id"`
		Reference    string `json:"reference"`
		LocaleCode   string `json:"locale_code"`
		Translations Fields `json:"translations"`
	} `json:"create"`
	Update []struct {
		ID           string  `json:"id"`
		Translations *Fields `json:"translations"`
	} `json:"update"`
	Delete []string `json:"delete"`
}

// batch answers Medusa's {"created", "updated", "deleted": {"ids", "object", "deleted"}}.
func (h *Handler) batch(ctx context.Context, in *httpapi.Input[httpapi.Fields, batchRequest]) ([]byte, error) {
	req := in.Body
	var batch BatchInput
	for _, c := range req.Create {
		batch.Create = append(batch.Create, CreateInput{ReferenceID: c.ReferenceID, Reference: c.Reference,
			LocaleCode: c.LocaleCode, Fields: c.Translations})
	}
	for _, u := range req.Update {
		batch.Update = append(batch.Update, UpdateInput{ID: u.ID, Fields: u.Translations})
	}
	batch.Delete = req.Delete
	res, err := h.svc.Batch(ctx, batch)
	if err != nil {
		return nil, err
	}
	b := append([]byte(`{"created":`), Spec.AppendList(nil, res.Created, in.Fields)...)
	b = append(b, `,"updated":`...)
	b = Spec.AppendList(b, res.Updated, in.Fields)
	b = append(b, `,"deleted":{"ids":[`...)
	for i, id := range res.Deleted {
		if i > 0 {
			b = append(b, ',')
		}
		b = fields.AppendString(b, id)
	}
	return append(b, `],"object":"translation","deleted":true}}`...), nil
}
