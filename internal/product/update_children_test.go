package product_test

import (
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
)

// TestAdminUpdateChildren covers options and variants in a product update, which Medusa
// upserts with replace.
func TestAdminUpdateChildren(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		tee := s.Post("/admin/products", SizedProduct("Tee", "T")).Must(200)
		id, path := tee.String("product.id"), "/admin/products/"+tee.String("product.id")
		optID := tee.String("product.options.0.id")
		sVal, mVal := tee.String("product.options.0.values.0.id"), tee.String("product.options.0.values.1.id")
		sID, mID := tee.String("product.variants.0.id"), tee.String("product.variants.1.id")
		otherVariant := s.Post("/admin/products", SizedProduct("Other", "O")).Must(200).String("product.variants.0.id")

		// unchanged checks that a refused update left the product as step 2 made it.
		unchanged := func(t *testing.T, r *Response) {
			t.Helper()
			got := s.Get(path).Must(200)
			if diffs := Match(got.JSON, M{"product": M{"title": "Tee",
				"options":  A{M{"id": optID, "title": "Fit", "values": A{M{"id": sVal, "value": "S"}, M{"id": mVal, "value": "M"}}}},
				"variants": A{M{"id": sID, "title": "Tee S"}, M{"id": mID, "title": "Tee M"}},
			}}, ""); len(diffs) > 0 {
				t.Errorf("a refused update changed the product: %v", diffs)
			}
			if n := Scalar[int](t, s, `SELECT count(*) FROM product_variant WHERE id = $1 AND deleted_at IS NULL`, otherVariant); n != 1 {
				t.Errorf("the other product's variant is gone")
			}
			WantEvents(t, s, "product.updated", 2)
		}

		Run(t, s, []Case{
			{Name: "rename an option and add a value", Method: "POST", Path: path,
				Body: M{"options": A{M{"id": optID, "title": "Fit", "values": A{"S", "M", "L"}}}}, Status: 200,
				Want: M{"product": M{"options": A{M{"id": optID, "title": "Fit", "values": A{
					M{"id": sVal, "value": "S"}, M{"id": mVal, "value": "M"}, M{"id": Any, "value": "L"}}}},
					"variants": A{M{"id": sID, "options": A{M{"id": sVal, "option": M{"title": "Fit"}}}}, M{"id": mID}}}}},
			{Name: "drop an unused value", Method: "POST", Path: path,
				Body: M{"options": A{M{"title": "Fit", "values": A{"S", "M"}}}}, Status: 200,
				Want: M{"product": M{"options": A{M{"id": optID, "values": A{M{"id": sVal}, M{"id": mVal}}}}}},
				Check: func(t *testing.T, r *Response) {
					if n := Scalar[int](t, s, `SELECT count(*) FROM product_option_value WHERE value = 'L' AND deleted_at IS NOT NULL`); n != 1 {
						t.Errorf("%d deleted L values, want 1", n)
					}
					WantEvents(t, s, "product.updated", 2)
				}},
			{Name: "refuse dropping a used value", Method: "POST", Path: path,
				Body: M{"title": "Renamed", "options": A{M{"id": optID, "title": "Fit", "values": A{"S", "XL"}}}}, Status: 400,
				Exact: `{"type":"invalid_data","message":"Option value M of option Fit cannot be removed: it is used by a variant"}`,
				Check: unchanged},
			{Name: "refuse dropping a used option", Method: "POST", Path: path, Body: M{"options": A{}}, Status: 400,
				Exact: `{"type":"invalid_data","message":"Option Fit cannot be removed: its value S is used by a variant"}`,
				Check: unchanged},
			{Name: "a variant of another product", Method: "POST", Path: path,
				Body: M{"options": A{M{"title": "Fit", "values": A{"S", "M", "XL"}}},
					"variants": A{M{"id": sID, "title": "Tee Small"}, M{"id": otherVariant, "title": "Mine now"}}}, Status: 400,
				Exact: `{"type":"invalid_data","message":"Variant with id: ` + otherVariant + ` was not found"}`,
				Check: unchanged},
			{Name: "replace variants", Method: "POST", Path: path,
				Body: M{"variants": A{
					M{"id": sID, "title": "Tee Small"},
					M{"title": "Tee New", "sku": "T-N", "options": M{"Fit": "M"}, "manage_inventory": false,
						"prices": A{M{"currency_code": "eur", "amount": 5}}},
				}}, Status: 200,
				Want: M{"product": M{"id": id, "variants": A{
					M{"id": sID, "title": "Tee Small", "sku": "T-S", "options": A{M{"id": sVal}},
						"prices": A{M{"currency_code": "eur", "amount": 1000}}},
					M{"id": Any, "title": "Tee New", "sku": "T-N", "manage_inventory": false, "options": A{M{"id": mVal}},
						"prices": A{M{"currency_code": "eur", "amount": 5}}},
				}}},
				Check: func(t *testing.T, r *Response) {
					if n := Scalar[int](t, s, `SELECT count(*) FROM product_variant WHERE id = $1 AND deleted_at IS NOT NULL`, mID); n != 1 {
						t.Errorf("the unlisted variant was not soft-deleted")
					}
					s.Get(path + "/variants/" + mID).Must(404)
					for name, want := range map[string]int{"product-variant.created": 5, "product-variant.updated": 1, "product-variant.deleted": 1} {
						WantEvents(t, s, name, want)
					}
					WantEvents(t, s, "product.updated", 3)
				}},
		})
	})
}
