package rbac

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/httpapi"
)

// limitedScope holds product:read store-wide, product:* in A and sales_channel:read in B.
func limitedScope() *Scope {
	return &Scope{assigned: true, global: []Grant{{"product", "read"}},
		channels: map[string][]Grant{"A": {{"product", "*"}}, "B": {{"sales_channel", "read"}}, "C": {}}}
}

func TestScope(t *testing.T) {
	t.Parallel()
	sc := limitedScope()
	tests := []struct {
		resource, op string
		can, global  bool
		all          bool
		ids          []string
	}{
		{"product", "read", true, true, true, nil},
		{"product", "update", true, false, false, []string{"A"}},
		{"sales_channel", "read", true, false, false, []string{"B"}},
		{"order", "read", false, false, false, []string{}},
	}
	for _, tt := range tests {
		if got := sc.Can(tt.resource, tt.op); got != tt.can {
			t.Errorf("Can(%s, %s) = %v", tt.resource, tt.op, got)
		}
		if got := sc.Global(tt.resource, tt.op); got != tt.global {
			t.Errorf("Global(%s, %s) = %v", tt.resource, tt.op, got)
		}
		all, ids := sc.Channels(tt.resource, tt.op)
		if all != tt.all || !slices.Equal(ids, tt.ids) {
			t.Errorf("Channels(%s, %s) = %v, %v", tt.resource, tt.op, all, ids)
		}
	}
	if !sc.In("B", "product", "read") || sc.In("B", "product", "update") || !sc.In("A", "product", "delete") {
		t.Error("In mixes store-wide and channel grants wrongly")
	}
	if !SuperScope().Can("anything", "delete") || !SuperScope().IsSuper() || sc.IsSuper() {
		t.Error("super scope")
	}
}

func TestCheck(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		scope *Scope
		decls []Policies
		want  string // the error message, "" for none
	}{
		{"no role at all", &Scope{}, []Policies{{"product:read"}}, "Forbidden"},
		{"no role, no declaration", &Scope{}, nil, "Forbidden"},
		{"a role without policies passes no declaration", &Scope{assigned: true}, nil, ""},
		{"held somewhere", limitedScope(), []Policies{{"product:read"}, {"product:update"}}, ""},
		{"prefix first", limitedScope(), []Policies{{"order:read"}, {"product:update"}},
			"Insufficient permissions. Required policies: order:read"},
		{"the whole failing list", limitedScope(), []Policies{{"product:read"}, {"user:update", "rbac_role:update"}},
			"Insufficient permissions. Required policies: user:update, rbac_role:update"},
		{"super", SuperScope(), []Policies{{"user:delete"}}, ""},
	}
	for _, tt := range tests {
		err := tt.scope.Check(tt.decls...)
		if got := message(err); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
	if err := limitedScope().CheckChannels(Policies{"product:update"}, "product", "update", []string{"A", "B"}); message(err) !=
		"Insufficient permissions. Required policies: product:update" {
		t.Errorf("channel write check: %v", err)
	}
}

func message(err error) string {
	if e, ok := apperr.As(err); ok {
		return e.Message
	}
	if err != nil {
		return err.Error()
	}
	return ""
}

// TestApply checks that a rule guards its route only, before the handler runs.
func TestApply(t *testing.T) {
	t.Parallel()
	ran := 0
	h := func(http.ResponseWriter, *http.Request) error { ran++; return nil }
	routes := Apply([]httpapi.Route{{Method: "GET", Path: "/admin/x", Handler: h}, {Method: "GET", Path: "/admin/y", Handler: h}},
		[]Rule{{Method: "GET", Path: "/admin/x", Policies: []Policies{{"order:read"}}}})
	ctx := WithScope(context.Background(), limitedScope())
	req := httptest.NewRequest("GET", "/", nil).WithContext(ctx)
	if err := routes[0].Handler(httptest.NewRecorder(), req); message(err) != "Insufficient permissions. Required policies: order:read" {
		t.Errorf("guarded: %v", err)
	}
	if err := routes[1].Handler(httptest.NewRecorder(), req); err != nil || ran != 1 {
		t.Errorf("unguarded: %v, ran %d", err, ran)
	}
}

// TestRuleCheck: a store-wide write needs its declaration store-wide, and a declaration with
// alternatives needs one of them held somewhere.
func TestRuleCheck(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		scope *Scope
		rule  Rule
		want  string
	}{
		{"store-wide held store-wide", limitedScope(), Rule{Policies: []Policies{{"product:read"}}, StoreWide: true}, ""},
		{"store-wide held in a channel", limitedScope(), Rule{Policies: []Policies{{"product:read"}, {"product:update"}}, StoreWide: true},
			"Insufficient permissions. Required policies: product:update"},
		{"store-wide, no role", &Scope{}, Rule{Policies: []Policies{{"product:update"}}, StoreWide: true}, "Forbidden"},
		{"one of, the second held", limitedScope(), Rule{OneOf: []Policies{{"order:update"}, {"product:update"}}}, ""},
		{"one of, none held", limitedScope(), Rule{OneOf: []Policies{{"order:update"}, {"price:update"}}},
			"Insufficient permissions. Required policies: order:update"},
		{"one of after a failing prefix", limitedScope(), Rule{Policies: []Policies{{"user:read"}}, OneOf: []Policies{{"product:update"}}},
			"Insufficient permissions. Required policies: user:read"},
	}
	for _, tt := range tests {
		if got := message(tt.rule.check(tt.scope)); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestCheckWriteSome: a write on what several channels share needs the policy in one of
// them, store-wide when there is none.
func TestCheckWriteSome(t *testing.T) {
	t.Parallel()
	ctx := WithScope(context.Background(), limitedScope())
	decl := Policies{"product:update"}
	tests := []struct {
		channels []string
		ok       bool
	}{
		{[]string{"B", "A"}, true},
		{[]string{"B"}, false},
		{nil, false},
	}
	for _, tt := range tests {
		err := CheckWriteSome(ctx, decl, "product", "update", tt.channels)
		if (err == nil) != tt.ok {
			t.Errorf("%v: %v", tt.channels, err)
		}
	}
	if err := CheckWriteSome(context.Background(), decl, "product", "update", nil); err != nil {
		t.Errorf("no scope: %v", err)
	}
}
