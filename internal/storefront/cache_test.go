package storefront_test

import (
	"testing"
	"time"

	"channeld/internal/apitest"
)

// TestPageCache checks what the page cache promises: a repeated page costs no statement, a
// write through this instance shows on the very next request, and a write through another
// instance on the same database shows within a second.
func TestPageCache(t *testing.T) {
	t.Parallel()
	apitest.EachPair(t, func(t *testing.T, s, other *apitest.Server) {
		front := countedStorefront(t, s, s.App.DB.Commits)

		sc := s.Channel("A")
		_, token := s.PublishableKey("A", sc)
		prod := s.Post("/admin/products", apitest.SizedProduct("Lamp", "Lamp", sc)).Must(200).String("product.id")

		get := func() (title string, statements int64) {
			t.Helper()
			body, statements := front.get(t, token, "/store/products?fields=title")
			title, _ = apitest.Lookup(body, "products.0.title").(string)
			return title, statements
		}

		if title, c := get(); title != "Lamp" || c == 0 {
			t.Fatalf("first page: title %q after %d statements", title, c)
		}
		if title, c := get(); title != "Lamp" || c != 0 {
			t.Fatalf("repeated page: title %q after %d statements, want it from the cache", title, c)
		}
		s.Post("/admin/products/"+prod, apitest.M{"title": "Desk lamp"}).Must(200)
		if title, _ := get(); title != "Desk lamp" {
			t.Fatalf("after a local write the page says %q", title)
		}
		other.Post("/admin/products/"+prod, apitest.M{"title": "Floor lamp"}).Must(200)
		deadline := time.Now().Add(3 * time.Second)
		for {
			title, _ := get()
			if title == "Floor lamp" {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("another instance's write is still not shown: %q", title)
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
}
