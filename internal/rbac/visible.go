package rbac

import (
	"context"
	"slices"

	"channeld/internal/platform/ctxval"
	"channeld/internal/platform/sqlq"
)

// Readable is what a module's admin queries filter by (spec §5.6 step 3): the channels where
// the caller of ctx may read resource. all is true when it reads it store-wide, and when ctx
// carries no scope at all (a storefront request, a background job): only an admin request is
// limited. Otherwise ids are the channels, ascending, possibly none.
//
// Modules read the scope from the context in their own list and get queries, so that every
// path to an entity (its route, a relation another module lists, a write that reads it
// first) sees the same entities; handlers never filter.
func Readable(ctx context.Context, resource string) (all bool, ids []string) {
	s, ok := ctxval.From[*Scope](ctx)
	if !ok || s == nil {
		return true, nil
	}
	return s.Channels(resource, "read")
}

// Restrict adds to w the condition that col, a sales channel id, is a channel where the
// caller may read resource; it adds nothing for a caller who reads it everywhere.
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
