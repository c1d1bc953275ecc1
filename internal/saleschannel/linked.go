package saleschannel

import (
	"context"

	"channeld/internal/platform/fields"
)

// Other modules link their entities to channels (publishable keys, stock locations) and show
// the link from both sides: their entities with a sales_channels relation, and channels with
// a relation of their entities. A Linker writes the first side, RelationOf the second.

// ChannelsOf returns the channels linked to each of the given entities, by entity id.
type ChannelsOf func(ctx context.Context, ids []string) (map[string][]*SalesChannel, error)

// Linker writes another module's entities of type T with a sales_channels relation besides
// their own, loading the channels in one batch and only when the selection asks for them.
type Linker[T any] struct {
	spec       *fields.Spec[linked[T]]
	id         func(*T) string
	channelsOf ChannelsOf
}

// linked is an entity with the channels it is linked to.
type linked[T any] struct {
	entity   *T
	channels []*SalesChannel
}

// NewLinker returns the linker of entities spec writes; id names an entity.
func NewLinker[T any](spec *fields.Spec[T], id func(*T) string, channelsOf ChannelsOf) *Linker[T] {
	out := &fields.Spec[linked[T]]{
		Scalars: spec.Scalars,
		Scalar:  func(b []byte, e *linked[T], name string) []byte { return spec.Scalar(b, e.entity, name) },
		Relations: map[string]fields.Relation[linked[T]]{
			"sales_channels": {Unknown: fields.Nested(Spec), AsScalar: true,
				Append: func(b []byte, e *linked[T], sub *fields.Selection) []byte {
					return Spec.AppendList(b, e.channels, sub)
				}},
		},
	}
	for name, r := range spec.Relations {
		out.Relations[name] = fields.Relation[linked[T]]{Unknown: r.Unknown, AsScalar: r.AsScalar,
			Append: func(b []byte, e *linked[T], sub *fields.Selection) []byte { return r.Append(b, e.entity, sub) }}
	}
	return &Linker[T]{spec: out, id: id, channelsOf: channelsOf}
}

// Check returns Medusa's error for fields that neither the entity nor its channels have.
func (l *Linker[T]) Check(sel *fields.Selection) error { return l.spec.Check(sel) }

// One writes e with the fields of sel.
func (l *Linker[T]) One(ctx context.Context, e *T, sel *fields.Selection) ([]byte, error) {
	ls, err := l.link(ctx, []*T{e}, sel)
	if err != nil {
		return nil, err
	}
	return l.spec.Append(nil, ls[0], sel), nil
}

// List writes es as a JSON array with the fields of sel.
func (l *Linker[T]) List(ctx context.Context, es []*T, sel *fields.Selection) ([]byte, error) {
	ls, err := l.link(ctx, es, sel)
	if err != nil {
		return nil, err
	}
	return l.spec.AppendList(nil, ls, sel), nil
}

func (l *Linker[T]) link(ctx context.Context, es []*T, sel *fields.Selection) ([]*linked[T], error) {
	ls := make([]*linked[T], len(es))
	ids := make([]string, len(es))
	for i, e := range es {
		ls[i] = &linked[T]{entity: e}
		ids[i] = l.id(e)
	}
	if sel.Rel("sales_channels") == nil && !sel.Has("sales_channels") {
		return ls, nil
	}
	chans, err := l.channelsOf(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i, e := range ls {
		e.channels = chans[ids[i]]
	}
	return ls, nil
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
