package app_test

import (
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
)

// product creates a product in the channels and returns its id.
func product(s *apitest.Server, title string, channels ...string) string {
	return s.Post("/admin/products", SizedProduct(title, title, channels...)).Must(200).String("product.id")
}

// TestLimitedAdminSeesItsChannels is V33: a foreign channel or product answers as a missing
// one, lists and counts hold only readable entities, and channel relations only readable
// channels.
func TestLimitedAdminSeesItsChannels(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		a, b := s.Channel("A"), s.Channel("B")
		inA, inB, inBoth := product(s, "pa", a), product(s, "pb", b), product(s, "pab", a, b)
		product(s, "nowhere")
		_, la := s.Limited("la@example.com", []string{"product:read", "sales_channel:read"}, a)
		Run(t, la, []Case{
			{Name: "channels by id", Method: "GET", Path: "/admin/sales-channels?id[]=" + a + "&id[]=" + b + "&fields=id", Status: 200,
				Want: M{"sales_channels": A{M{"id": a}}, "count": 1}},
			{Name: "every channel", Method: "GET", Path: "/admin/sales-channels?fields=id", Status: 200,
				Want: M{"sales_channels": A{M{"id": a}}, "count": 1}},
			{Name: "a foreign channel", Method: "GET", Path: "/admin/sales-channels/" + b, Status: 404,
				Exact: ErrBody("not_found", "Sales channel with id: "+b+" not found")},
			{Name: "products of both channels", Method: "GET", Path: "/admin/products?sales_channel_id[]=" + a + "&sales_channel_id[]=" + b + "&fields=id&order=id", Status: 200,
				Want: M{"products": A{M{"id": inA}, M{"id": inBoth}}, "count": 2}},
			{Name: "products of the foreign channel", Method: "GET", Path: "/admin/products?sales_channel_id[]=" + b + "&fields=id", Status: 200,
				Want: M{"products": A{}, "count": 0}},
			{Name: "every product", Method: "GET", Path: "/admin/products?fields=id&order=id", Status: 200,
				Want: M{"products": A{M{"id": inA}, M{"id": inBoth}}, "count": 2}},
			{Name: "a foreign product", Method: "GET", Path: "/admin/products/" + inB, Status: 404,
				Exact: ErrBody("not_found", "Product with id: "+inB+" was not found")},
			{Name: "a product in both shows one channel", Method: "GET", Path: "/admin/products/" + inBoth + "?fields=id,*sales_channels", Status: 200,
				Want: M{"product": M{"id": inBoth, "sales_channels": A{M{"id": a}}}}},
		})
		// A category's products are the readable ones too.
		cat := s.Post("/admin/product-categories", M{"name": "Lamps"}).Must(200).String("product_category.id")
		for _, p := range []string{inA, inB} {
			s.Post("/admin/products/"+p, M{"categories": A{M{"id": cat}}}).Must(200)
		}
		_, lc := s.Limited("lc@example.com", []string{"product:read", "product_category:read", "sales_channel:read"}, a)
		Run(t, lc, []Case{
			{Name: "a category's products", Method: "GET", Path: "/admin/product-categories/" + cat + "?fields=id,*products", Status: 200,
				Want: M{"product_category": M{"id": cat, "products": A{M{"id": inA}}}}},
		})
		// The same requests for missing ids answer the same bodies.
		Run(t, la, []Case{
			{Name: "a missing channel", Method: "GET", Path: "/admin/sales-channels/sc_missing", Status: 404,
				Exact: ErrBody("not_found", "Sales channel with id: sc_missing not found")},
			{Name: "a missing product", Method: "GET", Path: "/admin/products/prod_missing", Status: 404,
				Exact: ErrBody("not_found", "Product with id: prod_missing was not found")},
		})
		// The super admin still sees everything.
		s.Get("/admin/products?fields=id").Must(200)
		if n := s.Get("/admin/products?fields=id").Int("count"); n != 4 {
			t.Errorf("super admin counts %d products, want 4", n)
		}
	})
}

// TestLimitedAuditTrail is V41: a reader limited to A lists A's entries only, never another
// channel's nor store-wide ones.
func TestLimitedAuditTrail(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		a, b := s.Channel("A"), s.Channel("B")
		p := s.Post("/admin/products", M{"title": "Shared"}).Must(200).String("product.id")
		s.Post("/admin/sales-channels/"+a+"/products", M{"add": A{p}}).Must(200)
		s.Post("/admin/sales-channels/"+b+"/products", M{"add": A{p}}).Must(200)
		laID, la := s.Limited("la@example.com", []string{"audit_log:read", "sales_channel:read"}, a)
		sa := s.Get("/admin/users/me").Must(200).String("user.id")
		Run(t, la, []Case{
			{Name: "its channel's entry", Method: "GET", Path: "/admin/audit-logs?action=sales_channel.product_added&resource_id=" + p, Status: 200,
				Want: M{"audit_logs": A{M{"sales_channel_id": a, "resource_id": p}}, "count": 1}},
			{Name: "no store-wide entry", Method: "GET", Path: "/admin/audit-logs?action=rbac_role.created", Status: 200,
				Want: M{"audit_logs": A{}, "count": 0}},
			{Name: "a foreign channel's filter", Method: "GET", Path: "/admin/audit-logs?sales_channel_id=" + b, Status: 200,
				Want: M{"audit_logs": A{}, "count": 0}},
		})
		Run(t, s, []Case{
			{Name: "the assignment", Method: "GET", Path: "/admin/audit-logs?action=rbac_role.user_added&resource=user_rbac_role&sales_channel_id=" + a + "&actor_id=" + sa, Status: 200,
				Want: M{"count": 1, "audit_logs": A{M{"changes": M{"after": M{"user_id": laID, "rbac_role_id": Any, "sales_channel_id": a}}}}}},
		})
	})
}

// TestLimitedTranslations: a limited reader lists the translations of its channels' products
// and their variants only.
func TestLimitedTranslations(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		a, b := s.Channel("A"), s.Channel("B")
		inA, inB := product(s, "pa", a), product(s, "pb", b)
		variantA := variantOf(s, inA, "pa-S")
		s.Post("/admin/translations/batch", M{"create": A{
			M{"reference_id": inA, "reference": "product", "locale_code": "fr-FR", "translations": M{"title": "A"}},
			M{"reference_id": variantA, "reference": "product_variant", "locale_code": "fr-FR", "translations": M{"title": "A S"}},
			M{"reference_id": inB, "reference": "product", "locale_code": "fr-FR", "translations": M{"title": "B"}},
		}}).Must(200)
		_, la := s.Limited("la@example.com", []string{"translation:read"}, a)
		Run(t, la, []Case{
			{Name: "its products' translations", Method: "GET", Path: "/admin/translations?fields=reference_id&order=reference", Status: 200,
				Want: M{"translations": A{M{"reference_id": inA}, M{"reference_id": variantA}}, "count": 2}},
			{Name: "a foreign product's", Method: "GET", Path: "/admin/translations?reference_id=" + inB, Status: 200,
				Want: M{"translations": A{}, "count": 0}},
		})
	})
}
