package dashboard

import (
	"context"
	"net/http"
	"slices"
	"time"

	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	"channeld/internal/platform/sqlq"
	v "channeld/internal/platform/validate"
)

// layout is Medusa's layout_configuration, a user's or the store's arrangement of the widgets
// of a dashboard zone. channeld stores none: every list is empty and every zone has neither a
// personal nor a default configuration, which is how the dashboard starts on a new Medusa.
type layout struct {
	ID        string
	CreatedAt time.Time
}

var layoutScalars = []string{"id", "zone", "user_id", "is_system_default", "configuration", "created_at", "updated_at", "deleted_at"}

var layoutSpec = &fields.Spec[layout]{
	Scalars: layoutScalars,
	Scalar: func(b []byte, l *layout, name string) []byte {
		switch name {
		case "id":
			return fields.AppendString(b, l.ID)
		case "created_at", "updated_at":
			return fields.AppendTime(b, l.CreatedAt)
		}
		return fields.AppendNull(b)
	},
}

var layouts = fields.Selector{Defaults: slices.Delete(slices.Clone(layoutScalars), 7, 8), Check: layoutSpec.Check}

func layoutFilters() []v.Field {
	return append(httpapi.MatchFilters("id", "zone"),
		v.F("user_id", v.Nullish(v.StringOrArray())),
		v.F("is_system_default", v.Optional(v.Bool())))
}

// layoutListQuery is Medusa's AdminGetLayoutConfigurationsParams: 20 a page.
var layoutListQuery = v.Object(httpapi.FilterParams(20, layoutFilters)...).Strict()

var layoutOrder = map[string]string{"id": "id", "zone": "zone", "user_id": "user_id",
	"is_system_default": "is_system_default", "created_at": "created_at", "updated_at": "updated_at", "deleted_at": "deleted_at"}

type layoutListParams struct {
	httpapi.Paging
}

func (h *Handler) listLayouts(_ context.Context, in *httpapi.Input[layoutListParams, httpapi.NoBody]) ([]*layout, int, error) {
	if _, err := sqlq.OrderBy(in.Query.Order, layoutOrder, "id"); err != nil {
		return nil, 0, err
	}
	return nil, 0, nil
}

// zoneLayout answers Medusa's configuration of a zone for the caller: no personal one, no
// default one, the default scope.
func (h *Handler) zoneLayout(w http.ResponseWriter, _ *http.Request) error {
	httpapi.WriteRaw(w, http.StatusOK, []byte(`{"personal_configuration":null,"default_configuration":null,"active_scope":"default"}`))
	return nil
}

// searchIndexes answers Medusa's list when no search module is registered.
func (h *Handler) searchIndexes(w http.ResponseWriter, _ *http.Request) error {
	httpapi.WriteRaw(w, http.StatusOK, []byte(`{"search_indexes":[],"enabled":false}`))
	return nil
}

// plugins answers Medusa's list of the plugins in its config: channeld runs none, so the
// dashboard shows no plugin's pages or widgets.
func (h *Handler) plugins(w http.ResponseWriter, _ *http.Request) error {
	httpapi.WriteRaw(w, http.StatusOK, []byte(`{"plugins":[]}`))
	return nil
}
