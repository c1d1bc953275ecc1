package ctxval_test

import (
	"context"
	"testing"

	"channeld/internal/platform/ctxval"
)

type scope struct{ id string }
type actor struct{ id string }

func TestWithFrom(t *testing.T) {
	ctx := ctxval.With(context.Background(), scope{"s"})
	ctx = ctxval.With(ctx, actor{"a"})
	if s, ok := ctxval.From[scope](ctx); !ok || s.id != "s" {
		t.Errorf("scope = %v, %v; want s, true", s, ok)
	}
	if a, ok := ctxval.From[actor](ctx); !ok || a.id != "a" {
		t.Errorf("actor = %v, %v; want a, true", a, ok)
	}
	if _, ok := ctxval.From[string](ctx); ok {
		t.Error("a type never put in the context was found")
	}
}
