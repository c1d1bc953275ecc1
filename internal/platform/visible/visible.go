// Package visible turns the admin caller's channel scope into conditions of a module's SQL
// (spec §5.6 step 3): a channel-limited admin reads only the entities of its channels, and
// an id it may not read is answered as a missing one. The rbac module resolves the scope and
// puts it in the request's context; modules read it here, in their own list and get queries,
// so that every path to an entity (its route, a relation another module lists, a write that
// reads it first) sees the same entities and handlers never filter. The package depends on
// no module, so that modules rbac itself uses (audit) can read the scope too.
package visible

import (
	"context"
	"slices"

	"channeld/internal/platform/ctxval"
	"channeld/internal/platform/sqlq"
)

// Scope is where the caller may do what: rbac.Scope implements it.
type Scope interface {
	// Channels returns whether the caller holds op on resource store-wide (all), else the
	// channels it holds it in, ascending, possibly none.
	Channels(resource, op string) (all bool, ids []string)
}

type carried struct{ s Scope }

// With returns ctx carrying the admin caller's scope.
func With(ctx context.Context, s Scope) context.Context { return ctxval.With(ctx, carried{s}) }

// Readable returns the channels where the caller of ctx may read resource. all is true when
// it reads it store-wide, and when ctx carries no scope at all (a storefront request, a
// background job): only an admin request is limited.
func Readable(ctx context.Context, resource string) (all bool, ids []string) {
	c, ok := ctxval.From[carried](ctx)
	if !ok || c.s == nil {
		return true, nil
	}
	return c.s.Channels(resource, "read")
}

// Restrict adds to w the condition that col, a sales channel id, is a channel where the
// caller may read resource (a null col never is); nothing for a caller who reads it
// everywhere.
func Restrict(ctx context.Context, w *sqlq.Where, resource, col string) {
	if all, ids := Readable(ctx, resource); !all {
		w.In(col, ids)
	}
}

// RestrictLinked adds to w the condition that col is an entity linked, through the link
// table's entityCol and sales_channel_id columns, to at least one channel where the caller
// may read resource.
func RestrictLinked(ctx context.Context, w *sqlq.Where, resource, col, table, entityCol string) {
	all, ids := Readable(ctx, resource)
	if all {
		return
	}
	if len(ids) == 0 {
		w.Add("1 = 0")
		return
	}
	w.Add(col + " IN (SELECT " + entityCol + " FROM " + table + " WHERE sales_channel_id IN (" + w.ArgList(ids) + "))")
}

// Narrow turns a module's sales_channel_id list filter (nil: no filter) into the channels
// where the caller may read resource: for a limited caller the filter becomes the readable
// channels it names, or all of them when it names none, so a filter naming foreign channels
// matches nothing. For a caller who reads resource everywhere the filter is unchanged.
func Narrow(ctx context.Context, resource string, filter []string) []string {
	all, ids := Readable(ctx, resource)
	if all {
		return filter
	}
	if filter == nil {
		return ids
	}
	out := []string{}
	for _, c := range filter {
		if slices.Contains(ids, c) {
			out = append(out, c)
		}
	}
	return out
}
