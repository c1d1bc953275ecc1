package product_test

import (
	"testing"

	. "channeld/internal/apitest"
)

// TestUnlinkDropsChannelPrices checks V19 and §2.6: removing a product from a channel,
// through the channel's products route or a product update, deletes its variants' prices in
// that channel (cause product_unlinked) and nothing else; linking it again brings none back.
func TestUnlinkDropsChannelPrices(t *testing.T) {
	t.Parallel()
	routes := []struct {
		name   string
		unlink func(s *Server, productID, c, d string) *Response
	}{
		{"channel products route", func(s *Server, productID, c, _ string) *Response {
			return s.Post("/admin/sales-channels/"+c+"/products", M{"remove": A{productID}})
		}},
		{"product update", func(s *Server, productID, _, d string) *Response {
			return s.Post("/admin/products/"+productID, M{"sales_channels": A{M{"id": d}}})
		}},
		{"product batch update", func(s *Server, productID, _, d string) *Response {
			return s.Post("/admin/products/batch", M{"update": A{M{"id": productID, "sales_channels": A{M{"id": d}}}}})
		}},
	}
	for _, route := range routes {
		t.Run(route.name, func(t *testing.T) {
			t.Parallel()
			Each(t, func(t *testing.T, s *Server) {
				c, d := s.Channel("C"), s.Channel("D")
				p := s.Post("/admin/products", onePriced("Lamp", A{price("usd", 10, ""), price("usd", 5, c), price("usd", 6, d)}, c, d)).Must(200)
				pid, vid := p.String("product.id"), p.String("product.variants.0.id")
				gone := pricesOf(s, pid, vid).String("variant.prices.1.id")
				route.unlink(s, pid, c, d).Must(200)
				s.Post("/admin/sales-channels/"+c+"/products", M{"add": A{pid}}).Must(200)
				if diffs := Match(pricesOf(s, pid, vid).Get("variant.prices"), A{
					M{"amount": 10, "rules": M{}}, M{"amount": 6, "rules": M{"sales_channel_id": d}},
				}, ""); len(diffs) > 0 {
					t.Fatalf("prices after unlinking from C and linking again: %v", diffs)
				}
				wantBody(t, s.Get("/admin/audit-logs?resource_id="+gone).Must(200), M{"count": 2, "audit_logs": A{
					M{"action": "price.deleted", "sales_channel_id": c, "cause": "product_unlinked",
						"changes": M{"before": M{"variant_id": vid, "currency_code": "usd", "amount": 5}, "after": nil}},
					M{"action": "price.created", "cause": nil},
				}})
				wantBody(t, s.Get("/admin/audit-logs?resource_id="+pid+"&sales_channel_id="+c+"&order=created_at").Must(200), M{"audit_logs": A{
					M{"action": "sales_channel.product_added", "resource": "product", "changes": M{"before": nil, "after": M{"product_id": pid}}},
					M{"action": "sales_channel.product_removed", "changes": M{"before": M{"product_id": pid}, "after": nil}},
					M{"action": "sales_channel.product_added"},
				}})
			})
		})
	}
}
