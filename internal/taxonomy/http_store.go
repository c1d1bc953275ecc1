package taxonomy

import (
	"context"
	"errors"
	"slices"

	"channeld/internal/apikey"
	"channeld/internal/platform/apperr"
	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
)

// storeCollections are Medusa's store collection fields.
var storeCollections = fields.Selector{Defaults: []string{"id", "title", "handle", "external_id", "created_at", "updated_at"},
	Check: CollectionSpec.Check}

// storeListQuery is Medusa's store collection list query; its order defaults to -created_at.
var storeListQuery = v.Object(slices.Concat(httpapi.FindParams(10), []v.Field{httpapi.Search()},
	httpapi.MatchFilters("id", "title", "handle", "external_id"), httpapi.DateFilters("created_at", "updated_at"))...).Strict()

// storeNotFound is Medusa's store message for a collection it does not show.
func storeNotFound(id string) error {
	return apperr.NotFoundf("Collection with id: %s was not found", id)
}

// StoreRoutes lists the store routes; they must run behind apikey's RequirePublishable.
func (h *Handler) StoreRoutes() []httpapi.Route {
	return []httpapi.Route{
		{Method: "GET", Path: "/store/collections", Summary: "List the collections the publishable key's channels sell products of", Query: storeListQuery, Response: "collections", Serve: httpapi.Entities(storeCollections, CollectionSpec, h.storeList)},
		{Method: "GET", Path: "/store/collections/{id}", Summary: "Retrieve a collection the publishable key's channels sell products of", Query: selectQuery, Response: "collection", Serve: httpapi.Entity(storeCollections, CollectionSpec, h.storeRetrieve)},
	}
}

func channelsOf(ctx context.Context) ([]string, error) {
	s, ok := apikey.ScopeFrom(ctx)
	if !ok {
		return nil, errors.New("store route without a publishable key scope")
	}
	return s.ChannelIDs, nil
}

func (h *Handler) storeList(ctx context.Context, in *httpapi.Input[listParams, httpapi.NoBody]) ([]*Collection, int, error) {
	chans, err := channelsOf(ctx)
	if err != nil {
		return nil, 0, err
	}
	f, p := in.Query.filter(in.Query.Title)
	if p.Order == "" {
		p.Order = "-created_at"
	}
	return h.svc.StoreCollections(ctx, chans, f, p)
}

func (h *Handler) storeRetrieve(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.NoBody]) (*Collection, error) {
	chans, err := channelsOf(ctx)
	if err != nil {
		return nil, err
	}
	return h.svc.StoreCollection(ctx, chans, in.Path("id"))
}
