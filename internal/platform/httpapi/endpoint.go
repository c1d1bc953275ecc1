package httpapi

import (
	"context"
	"net/http"

	"channeld/internal/platform/fields"
)

// Most routes open the same way: decode the query, select `fields`, decode the body, call one
// service method, answer under the route's Response key. An Endpoint does this from the
// route's own Query, Body and Response, so the row that documents a route is the one that
// validates it, and a module writes only the call in between.

// Endpoint builds a route's handler from the route; set it as Route.Serve.
type Endpoint func(Route) HandlerFunc

// Input is a request as an endpoint's function receives it: decoded, validated and with its
// selection checked. Values that middleware resolves once per request (the actor, the caller's
// channel scope) travel in the context the function is given, beside the Input.
type Input[Q, B any] struct {
	Query Q
	Body  B
	// Fields is the checked `fields` selection; nil when the route's selector ignores it.
	Fields *fields.Selection
	r      *http.Request
}

// Path returns the value of a path wildcard, such as "id" in /admin/regions/{id}.
func (in *Input[Q, B]) Path(name string) string { return in.r.PathValue(name) }

// Selecting is a route's decoded query: Fields, Paging, NoQuery, or a struct embedding one.
type Selecting interface{ FieldsParam() *string }

// Paged is a list route's decoded query: Paging or a struct embedding it.
type Paged interface {
	Selecting
	Window() (offset, limit int)
}

// NoFields is the selector of routes that accept `fields` and answer a fixed shape anyway.
var NoFields = fields.Selector{}

// One serves a route that answers one entity as {"<Response>": <entity>}; fn returns the
// entity's JSON.
func One[Q Selecting, B any](sel fields.Selector, fn func(context.Context, *Input[Q, B]) ([]byte, error)) Endpoint {
	return serve(sel, func(ctx context.Context, rt Route, in *Input[Q, B]) ([]byte, error) {
		raw, err := fn(ctx, in)
		if err != nil {
			return nil, err
		}
		return Envelope(rt.Response, raw), nil
	})
}

// Page serves a route that answers Medusa's page, {"<Response>": [...], "count", "offset",
// "limit"}; fn returns the page's items as a JSON array and how many entities match in all.
func Page[Q Paged, B any](sel fields.Selector, fn func(context.Context, *Input[Q, B]) ([]byte, int, error)) Endpoint {
	return serve(sel, func(ctx context.Context, rt Route, in *Input[Q, B]) ([]byte, error) {
		items, count, err := fn(ctx, in)
		if err != nil {
			return nil, err
		}
		offset, limit := in.Query.Window()
		return ListEnvelope(rt.Response, items, count, offset, limit), nil
	})
}

// Entity is One for a route whose entity a spec writes as it is: fn returns the entity, and
// spec writes it with the request's selection.
func Entity[T any, Q Selecting, B any](sel fields.Selector, spec *fields.Spec[T], fn func(context.Context, *Input[Q, B]) (*T, error)) Endpoint {
	return Written(sel, specWriter[T]{spec}, fn)
}

// Writer writes one entity with a selection, loading first whatever the selection asks for
// that the entity does not carry (a saleschannel.Linker writes an entity with its channels).
type Writer[T any] interface {
	One(ctx context.Context, e *T, sel *fields.Selection) ([]byte, error)
}

// Written is One for a route whose entity w writes: fn returns the entity.
func Written[T any, Q Selecting, B any](sel fields.Selector, w Writer[T], fn func(context.Context, *Input[Q, B]) (*T, error)) Endpoint {
	return One(sel, func(ctx context.Context, in *Input[Q, B]) ([]byte, error) {
		e, err := fn(ctx, in)
		if err != nil {
			return nil, err
		}
		return w.One(ctx, e, in.Fields)
	})
}

// specWriter is the Writer of a spec, which needs nothing loaded.
type specWriter[T any] struct{ spec *fields.Spec[T] }

func (w specWriter[T]) One(_ context.Context, e *T, sel *fields.Selection) ([]byte, error) {
	return w.spec.Append(nil, e, sel), nil
}

// Entities is Page for a route whose entities a spec writes as they are: fn returns the
// page's entities and how many match in all.
func Entities[T any, Q Paged, B any](sel fields.Selector, spec *fields.Spec[T], fn func(context.Context, *Input[Q, B]) ([]*T, int, error)) Endpoint {
	return Page(sel, func(ctx context.Context, in *Input[Q, B]) ([]byte, int, error) {
		es, count, err := fn(ctx, in)
		if err != nil {
			return nil, 0, err
		}
		return spec.AppendList(nil, es, in.Fields), count, nil
	})
}

// Reply serves a route whose whole answer fn writes: batch results, a deletion with its
// parent, anything that is not one entity under the Response key.
func Reply[Q Selecting, B any](sel fields.Selector, fn func(context.Context, *Input[Q, B]) ([]byte, error)) Endpoint {
	return serve(sel, func(ctx context.Context, _ Route, in *Input[Q, B]) ([]byte, error) { return fn(ctx, in) })
}

// Delete serves a route that deletes the entity its path's {id} names and answers Medusa's
// {id, object, deleted: true}.
func Delete(object string, del func(ctx context.Context, id string) error) Endpoint {
	return func(Route) HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) error {
			id := r.PathValue("id")
			if err := del(r.Context(), id); err != nil {
				return err
			}
			WriteJSON(w, http.StatusOK, Deleted{ID: id, Object: object, Deleted: true})
			return nil
		}
	}
}

// serve decodes a request for its route and writes what answer returns, with status 200.
func serve[Q Selecting, B any](sel fields.Selector, answer func(context.Context, Route, *Input[Q, B]) ([]byte, error)) Endpoint {
	return func(rt Route) HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) error {
			in, err := decode[Q, B](r, rt, sel)
			if err != nil {
				return err
			}
			body, err := answer(r.Context(), rt, in)
			if err != nil {
				return err
			}
			WriteRaw(w, http.StatusOK, body)
			return nil
		}
	}
}

// decode reads a request as its route declares it, in Medusa's order of precedence: the query
// (when the route has one), then `fields`, then the body (when the route has one), so that a
// bad query is reported before bad fields and bad fields before the body is read.
func decode[Q Selecting, B any](r *http.Request, rt Route, sel fields.Selector) (*Input[Q, B], error) {
	in := &Input[Q, B]{r: r}
	if rt.Query != nil {
		if err := DecodeQuery(r, rt.Query, &in.Query); err != nil {
			return nil, err
		}
	}
	var err error
	if in.Fields, err = sel.Select(in.Query.FieldsParam()); err != nil {
		return nil, err
	}
	if rt.Body != nil {
		if err := DecodeBody(r, rt.Body, &in.Body); err != nil {
			return nil, err
		}
	}
	return in, nil
}
