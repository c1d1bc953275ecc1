package storefront_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
)

// TestMergedChannels pages through a key of two channels that share some products, in every
// order a listing index serves, and checks each page against the whole list sorted here: a
// product of both channels appears once, and pages neither overlap nor skip.
func TestMergedChannels(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		scA, scB := s.Channel("A"), s.Channel("B")
		_, keyAB := s.PublishableKey("AB", scA, scB)
		// Titles repeat, so that ties on title are broken by id.
		titles := []string{"Mug", "Bowl", "Mug", "Cup", "Plate", "Bowl", "Jug"}
		var all []string
		for i, title := range titles {
			chans := [][]string{{scA}, {scB}, {scA, scB}}[i%3]
			body := SizedProduct(title, title, chans...)
			body["handle"] = fmt.Sprintf("item-%d", i)
			for j, v := range body["variants"].(A) {
				v.(M)["sku"] = fmt.Sprintf("ITEM-%d-%d", i, j)
			}
			all = append(all, s.Post("/admin/products", body).Must(200).String("product.id"))
		}
		hidden := SizedProduct("Hidden", "HIDDEN", scA, scB)
		hidden["status"] = "draft"
		s.Post("/admin/products", hidden).Must(200)
		type row struct{ id, title, created string }
		var rows []row
		for _, id := range all {
			r := s.Get("/admin/products/" + id + "?fields=id,title,created_at").Must(200)
			rows = append(rows, row{id, r.String("product.title"), r.String("product.created_at")})
		}
		for _, order := range []string{"", "id", "-id", "created_at", "-created_at", "title", "-title"} {
			field, desc := strings.CutPrefix(order, "-")
			want := slices.Clone(rows)
			slices.SortStableFunc(want, func(a, b row) int {
				key := map[string]func(row) string{"": nil, "id": nil,
					"created_at": func(r row) string { return r.created }, "title": func(r row) string { return r.title }}[field]
				if key != nil {
					if c := strings.Compare(key(a), key(b)); c != 0 {
						if desc {
							return -c
						}
						return c
					}
					return strings.Compare(a.id, b.id)
				}
				if desc {
					return strings.Compare(b.id, a.id)
				}
				return strings.Compare(a.id, b.id)
			})
			for _, page := range []struct{ limit, offset int }{{3, 0}, {3, 2}, {2, 5}, {10, 0}, {4, 6}} {
				r := s.Do("GET", fmt.Sprintf("/store/products?fields=id&limit=%d&offset=%d&order=%s", page.limit, page.offset, order),
					nil, KeyHeader(keyAB)).Must(200)
				var got, exp []string
				for i := range r.Len("products") {
					got = append(got, r.String(fmt.Sprintf("products.%d.id", i)))
				}
				for _, w := range want[min(page.offset, len(want)):min(page.offset+page.limit, len(want))] {
					exp = append(exp, w.id)
				}
				if !slices.Equal(got, exp) || r.Int("count") != len(rows) {
					t.Errorf("order %q limit %d offset %d: %v (count %d), want %v (count %d)",
						order, page.limit, page.offset, got, r.Int("count"), exp, len(rows))
				}
			}
		}
	})
}
