package storefront_test

import (
	"fmt"
	"testing"
	"time"

	"channeld/internal/apitest"
)

// TestProductCache checks that a page nobody asked reuses the products recent pages wrote
// only where they would be written the same: the same fields and channels, no write since.
func TestProductCache(t *testing.T) {
	t.Parallel()
	apitest.EachPair(t, func(t *testing.T, s, other *apitest.Server) {
		front := countedStorefront(t, s, s.App.DB.Commits)

		a, b := s.Channel("A"), s.Channel("B")
		_, keyA := s.PublishableKey("A", a)
		_, keyB := s.PublishableKey("B", b)
		var ids []string
		for i := range 3 {
			ids = append(ids, s.Post("/admin/products", apitest.SizedProduct(fmt.Sprintf("Lamp %d", i), fmt.Sprintf("L%d", i), a, b)).Must(200).String("product.id"))
		}
		page := func(token, query string) (body any, statements int64) {
			t.Helper()
			return front.get(t, token, "/store/products?"+query)
		}

		_, first := page(keyA, "limit=2")
		_, overlapping := page(keyA, "limit=2&order=created_at")
		if overlapping >= first {
			t.Errorf("a page of products written a moment ago took %d statements, the first %d", overlapping, first)
		}
		// Its ids and count come from one statement, and nothing else is read.
		if overlapping != 1 {
			t.Errorf("a page of products all written a moment ago took %d statements, want 1", overlapping)
		}

		page(keyA, "limit=2&fields=title")
		body, _ := page(keyA, "limit=3&fields=title,handle")
		for _, p := range apitest.Lookup(body, "products").([]any) {
			if got := p.(map[string]any); got["handle"] == nil || got["variants"] != nil {
				t.Errorf("fields=title,handle: a product written as %v", got)
			}
		}

		page(keyA, "limit=3&fields=*sales_channels")
		body, _ = page(keyB, "limit=2&fields=*sales_channels")
		if got := apitest.Lookup(body, "products.0.sales_channels.0.id"); got != b || apitest.Lookup(body, "products.0.sales_channels.1") != nil {
			t.Errorf("key B sees the channels %v, want only %s", apitest.Lookup(body, "products.0.sales_channels"), b)
		}

		s.Post("/admin/products/"+ids[0], apitest.M{"title": "Desk lamp"}).Must(200)
		if body, _ := page(keyA, "limit=3&offset=0&order=created_at"); !titled(body, "Desk lamp") {
			t.Errorf("after a local write a new page still says %v", apitest.Lookup(body, "products"))
		}

		other.Post("/admin/products/"+ids[0], apitest.M{"title": "Floor lamp"}).Must(200)
		deadline := time.Now().Add(3 * time.Second)
		for limit := 4; ; limit++ {
			if body, _ := page(keyA, fmt.Sprintf("limit=%d", limit)); titled(body, "Floor lamp") {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("another instance's write is still not shown on new pages")
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
}

// titled reports whether a product of a listing has the title.
func titled(body any, title string) bool {
	ps, _ := apitest.Lookup(body, "products").([]any)
	for _, p := range ps {
		if apitest.Lookup(p, "title") == title {
			return true
		}
	}
	return false
}
