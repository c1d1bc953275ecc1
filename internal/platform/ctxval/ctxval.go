// Package ctxval carries one value of each type in a context, keyed by the type itself, so a
// package that puts a value in a request's context needs no key type and helpers of its own.
package ctxval

import "context"

// key is the context key of values of type T; each T is its own key type.
type key[T any] struct{}

// With returns ctx carrying v, which From[T] finds again.
func With[T any](ctx context.Context, v T) context.Context {
	return context.WithValue(ctx, key[T]{}, v)
}

// From returns the T that With put in ctx, and whether there was one.
func From[T any](ctx context.Context) (T, bool) {
	v, ok := ctx.Value(key[T]{}).(T)
	return v, ok
}
