package saleschannel

import (
	"context"

	"channeld/internal/platform/fields"
)

// Other modules link their entities to channels (publishable keys, stock locations) and show
// the link from both sides: their entities with a sales_channels relation, and channels with
// a relation of their entities. The helpers below write both sides the same way.

// Linked is an entity of another module with the channels it is linked to.
type Linked[T any] struct {
	Entity   *T
	Channels []*SalesChannel
}

// LinkedSpec returns the spec of spec's entities with a sales_channels relation besides
// their own relations.
func LinkedSpec[T any](spec *fields.Spec[T]) *fields.Spec[Linked[T]] {
	out := &fields.Spec[Linked[T]]{
		Scalars: spec.Scalars,
		Scalar:  func(b []byte, e *Linked[T], name string) []byte { return spec.Scalar(b, e.Entity, name) },
		Relations: map[string]fields.Relation[Linked[T]]{
			"sales_channels": {Unknown: fields.Nested(Spec), AsScalar: true,
				Append: func(b []byte, e *Linked[T], sub *fields.Selection) []byte {
					return Spec.AppendList(b, e.Channels, sub)
				}},
		},
	}
	for name, r := range spec.Relations {
		out.Relations[name] = fields.Relation[Linked[T]]{Unknown: r.Unknown, AsScalar: r.AsScalar,
			Append: func(b []byte, e *Linked[T], sub *fields.Selection) []byte { return r.Append(b, e.Entity, sub) }}
	}
	return out
}

// Link pairs es with their channels, loaded in one batch and only when sel asks for them.
// id names an entity; channelsOf returns the channels per entity id.
func Link[T any](ctx context.Context, es []*T, sel *fields.Selection, id func(*T) string,
	channelsOf func(ctx context.Context, ids []string) (map[string][]*SalesChannel, error)) ([]*Linked[T], error) {
	linked := make([]*Linked[T], len(es))
	ids := make([]string, len(es))
	for i, e := range es {
		linked[i] = &Linked[T]{Entity: e}
		ids[i] = id(e)
	}
	if sel.Rel("sales_channels") == nil && !sel.Has("sales_channels") {
		return linked, nil
	}
	chans, err := channelsOf(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i, l := range linked {
		l.Channels = chans[ids[i]]
	}
	return linked, nil
}

// RelationOf is the relation of channels to another module's entities, written with spec;
// load returns the entities per channel id.
func RelationOf[T any](spec *fields.Spec[T], load func(ctx context.Context, channelIDs []string) (map[string][]*T, error)) Relation {
	return Relation{
		Unknown: fields.Nested(spec),
		Load: func(ctx context.Context, channelIDs []string, sub *fields.Selection) (map[string][]byte, error) {
			byChannel, err := load(ctx, channelIDs)
			if err != nil {
				return nil, err
			}
			out := make(map[string][]byte, len(byChannel))
			for cid, es := range byChannel {
				out[cid] = spec.AppendList(nil, es, sub)
			}
			return out, nil
		},
	}
}
