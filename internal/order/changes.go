package order

import (
	"context"
	"fmt"
	"slices"

	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
)

// channeld makes no order changes: no edits, returns, claims or exchanges. The order page of
// Medusa's dashboard lists an order's changes of each kind, and these routes answer its
// questions as a Medusa store where none was ever made does: empty lists in Medusa's
// envelopes, with Medusa's query parameters checked.
func (h *Handler) changeRoutes() []httpapi.Route {
	list := func(path, key string, filters ...string) httpapi.Route {
		q := v.Object(slices.Concat(httpapi.FindParams(20), []v.Field{httpapi.Search()},
			httpapi.MatchFilters(append([]string{"id", "order_id", "status"}, filters...)...),
			httpapi.DateFilters("created_at", "updated_at", "deleted_at"))...).Strict()
		return httpapi.Route{Method: "GET", Path: path, Summary: "List an order's " + key + " (channeld makes none)", Query: q,
			Response: key, Serve: httpapi.Reply(httpapi.NoFields, emptyPage(key))}
	}
	changes := v.Object(slices.Concat(httpapi.SelectParams(), httpapi.MatchFilters("id", "status", "change_type"))...).Strict()
	return []httpapi.Route{
		list("/admin/returns", "returns", "return_id", "claim_id", "exchange_id"),
		list("/admin/claims", "claims"),
		list("/admin/exchanges", "exchanges"),
		{Method: "GET", Path: "/admin/orders/{id}/changes", Summary: "List an order's changes (channeld makes none)", Query: changes,
			Response: "order_changes", Serve: httpapi.Reply(httpapi.NoFields, h.orderChanges)},
	}
}

// emptyPage answers an empty list of key with the query's paging.
func emptyPage(key string) func(context.Context, *httpapi.Input[changeListParams, httpapi.NoBody]) ([]byte, error) {
	return func(_ context.Context, in *httpapi.Input[changeListParams, httpapi.NoBody]) ([]byte, error) {
		return fmt.Appendf(nil, `{%q:[],"count":0,"offset":%d,"limit":%d}`, key, in.Query.Offset, in.Query.Limit), nil
	}
}

type changeListParams struct{ httpapi.Paging }

// orderChanges answers {"order_changes": []} for an order the caller may read, and the
// order's 404 for any other.
func (h *Handler) orderChanges(ctx context.Context, in *httpapi.Input[httpapi.NoQuery, httpapi.NoBody]) ([]byte, error) {
	if _, err := h.svc.Get(ctx, in.Path("id")); err != nil {
		return nil, err
	}
	return []byte(`{"order_changes":[]}`), nil
}
