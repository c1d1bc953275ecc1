package stock_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"channeld/internal/apitest"
)

// availProduct creates a product with the given status, in the given channels, with one
// variant per spec; it returns the product id and the variant ids in order.
func availProduct(t *testing.T, srv *apitest.Server, title, status string, channels []string, variants ...M) (string, []string) {
	t.Helper()
	vals := A{}
	for i, v := range variants {
		vals = append(vals, fmt.Sprint(i))
		v["options"] = M{"Size": fmt.Sprint(i)}
		v["prices"] = A{M{"currency_code": "eur", "amount": 100}}
	}
	scs := A{}
	for _, c := range channels {
		scs = append(scs, M{"id": c})
	}
	vs := A{}
	for _, v := range variants {
		vs = append(vs, v)
	}
	r := srv.Post("/admin/products", M{"title": title, "status": status, "options": A{M{"title": "Size", "values": vals}},
		"variants": vs, "sales_channels": scs}).Must(200)
	out := []string{}
	for i := range variants {
		out = append(out, r.String(fmt.Sprintf("product.variants.%d.id", i)))
	}
	return r.String("product.id"), out
}

func availPath(channelID string, variantIDs ...string) string {
	q := url.Values{}
	for _, v := range variantIDs {
		q.Add("variant_id[]", v)
	}
	return "/admin/sales-channels/" + channelID + "/availability?" + q.Encode()
}

func many(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("variant_%03d", i)
	}
	return out
}

// entry is the Want of one availability entry.
func entry(id string, sellable bool, qty any, codes ...string) M {
	rs := A{}
	for _, c := range codes {
		rs = append(rs, M{"code": c, "message": apitest.Any})
	}
	return M{"variant_id": id, "sellable": sellable, "quantity": qty, "reasons": rs}
}

func TestChannelAvailability(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, srv *apitest.Server) {
		web, bare, off, nowhere := srv.Channel("Web"), srv.Channel("Bare"), srv.Channel("Off"), srv.Channel("Nowhere")
		srv.Post("/admin/sales-channels/"+off, M{"is_disabled": true}).Must(200)
		loc := srv.Location("Main", web)
		other := srv.Location("Elsewhere")
		shipFrom(srv, loc, "Main", storeRules)
		// Nowhere's location has only a return option: it ships nowhere.
		shut := srv.Location("Shut", nowhere)
		shipFrom(srv, shut, "Shut", A{M{"attribute": "is_return", "operator": "eq", "value": "true"}})

		lampID, lamp := availProduct(t, srv, "Desk lamp", "published", []string{web, bare, off, nowhere},
			M{"title": "Stocked", "sku": "STOCKED"},
			M{"title": "Zero", "sku": "ZERO"},
			M{"title": "Back", "sku": "BACK", "allow_backorder": true},
			M{"title": "Nolevel", "sku": "NOLEVEL"},
			M{"title": "Free", "sku": "FREE", "manage_inventory": false},
			M{"title": "Noitem", "sku": "NOITEM"},
			M{"title": "Gone", "sku": "GONE"},
		)
		stocked, zero, back, nolevel, free, noitem, gone := lamp[0], lamp[1], lamp[2], lamp[3], lamp[4], lamp[5], lamp[6]
		srv.StockAt(srv.InventoryItem("STOCKED"), loc, 5)
		srv.StockAt(srv.InventoryItem("ZERO"), loc, 0)
		srv.StockAt(srv.InventoryItem("BACK"), loc, 0)
		srv.StockAt(srv.InventoryItem("NOLEVEL"), other, 9) // stocked, but not at a location of Web
		noitemItem := srv.InventoryItem("NOITEM")
		srv.Do("DELETE", "/admin/products/"+lampID+"/variants/"+noitem+"/inventory-items/"+noitemItem, nil, nil).Must(200)
		srv.Do("DELETE", "/admin/products/"+lampID+"/variants/"+gone, nil, nil).Must(200)
		// Reserved units count against stock.
		apitest.Exec(t, srv, `UPDATE inventory_level SET reserved_quantity = 2 WHERE location_id = $1 AND inventory_item_id = $2`,
			loc, srv.InventoryItem("STOCKED"))

		draftID, draft := availProduct(t, srv, "Draft chair", "draft", nil,
			M{"title": "Chair", "sku": "CHAIR"}, M{"title": "Loose", "sku": "LOOSE", "manage_inventory": false})
		srv.StockAt(srv.InventoryItem("CHAIR"), loc, 3)

		var msgs map[string]string
		collect := func(t *testing.T, r *apitest.Response) {
			msgs = map[string]string{}
			for i := range r.Len("availability") {
				for j := range r.Len(fmt.Sprintf("availability.%d.reasons", i)) {
					p := fmt.Sprintf("availability.%d.reasons.%d.", i, j)
					msgs[r.String(p+"code")] = r.String(p + "message")
				}
			}
		}
		apitest.Run(t, srv, []apitest.Case{
			{Name: "web, in the order asked", Method: "GET", Path: availPath(web, free, stocked, zero, back, nolevel, noitem, gone, "variant_nope", stocked), Status: 200,
				Want: M{"availability": A{
					entry(free, true, nil),
					entry(stocked, true, 3),
					entry(zero, false, 0, "insufficient_stock"),
					entry(back, true, 0),
					entry(nolevel, false, 0, "no_inventory_level"),
					entry(noitem, false, 0, "no_inventory_level"),
					entry(gone, false, nil, "variant_not_found"),
					entry("variant_nope", false, nil, "variant_not_found"),
					entry(stocked, true, 3),
				}},
				Check: func(t *testing.T, r *apitest.Response) {
					collect(t, r)
					if m := msgs["no_inventory_level"]; !strings.Contains(m, `"Noitem" (`+noitem+`)`) || !strings.Contains(m, "/admin/products/"+lampID+"/variants/"+noitem+"/inventory-items") {
						t.Errorf("no item message: %s", m)
					}
					if m := msgs["insufficient_stock"]; !strings.Contains(m, `"Zero"`) || !strings.Contains(m, `"allow_backorder": true`) || !strings.Contains(m, `"Main" `+loc) {
						t.Errorf("insufficient message: %s", m)
					}
					if m := msgs["variant_not_found"]; !strings.Contains(m, "variant_nope") {
						t.Errorf("not found message: %s", m)
					}
				}},
			{Name: "level elsewhere names the items and the channel's locations", Method: "GET", Path: availPath(web, nolevel), Status: 200,
				Check: func(t *testing.T, r *apitest.Response) {
					collect(t, r)
					m := msgs["no_inventory_level"]
					for _, s := range []string{srv.InventoryItem("NOLEVEL"), `"Web" (` + web + `)`, loc, "/location-levels"} {
						if !strings.Contains(m, s) {
							t.Errorf("message lacks %q: %s", s, m)
						}
					}
				}},
			{Name: "draft product outside the channel", Method: "GET", Path: availPath(web, draft[0], draft[1]), Status: 200,
				Want: M{"availability": A{
					entry(draft[0], false, 3, "product_not_in_channel", "product_not_published"),
					entry(draft[1], false, nil, "product_not_in_channel", "product_not_published"),
				}},
				Check: func(t *testing.T, r *apitest.Response) {
					collect(t, r)
					want := `Product "Draft chair" (` + draftID + `) is not available in sales channel "Web" (` + web + `): add it with POST /admin/sales-channels/` + web + `/products`
					if m := msgs["product_not_in_channel"]; !strings.HasPrefix(m, want) {
						t.Errorf("got %s\nwant prefix %s", m, want)
					}
					if m := msgs["product_not_published"]; !strings.Contains(m, `"draft"`) || !strings.Contains(m, "/admin/products/"+draftID) {
						t.Errorf("not published message: %s", m)
					}
				}},
			{Name: "channel without a location", Method: "GET", Path: availPath(bare, stocked, free, noitem), Status: 200,
				Want: M{"availability": A{
					entry(stocked, false, 0, "no_stock_location"),
					entry(free, true, nil),
					entry(noitem, false, 0, "no_stock_location", "no_inventory_level"),
				}},
				Check: func(t *testing.T, r *apitest.Response) {
					collect(t, r)
					if m := msgs["no_stock_location"]; !strings.Contains(m, `"Bare" (`+bare+`)`) || !strings.Contains(m, "/sales-channels") {
						t.Errorf("no location message: %s", m)
					}
				}},
			{Name: "locations that ship nowhere", Method: "GET", Path: availPath(nowhere, free), Status: 200,
				Want: M{"availability": A{entry(free, false, nil, "no_shipping_option")}},
				Check: func(t *testing.T, r *apitest.Response) {
					collect(t, r)
					if m := msgs["no_shipping_option"]; !strings.Contains(m, `"Nowhere" (`+nowhere+`)`) || !strings.Contains(m, shut) ||
						!strings.Contains(m, "/admin/stock-locations/"+shut+"/fulfillment-sets") {
						t.Errorf("no shipping message: %s", m)
					}
				}},
			{Name: "every reason at once", Method: "GET", Path: availPath(off, draft[0], free), Status: 200,
				Want: M{"availability": A{
					entry(draft[0], false, 0, "channel_disabled", "product_not_in_channel", "product_not_published", "no_stock_location"),
					entry(free, false, nil, "channel_disabled"),
				}},
				Check: func(t *testing.T, r *apitest.Response) {
					collect(t, r)
					if m := msgs["channel_disabled"]; !strings.Contains(m, `"Off" (`+off+`)`) || !strings.Contains(m, `"is_disabled": false`) {
						t.Errorf("disabled message: %s", m)
					}
				}},
			{Name: "a single id as a string", Method: "GET", Path: "/admin/sales-channels/" + web + "/availability?variant_id=" + stocked, Status: 200,
				Want: M{"availability": A{entry(stocked, true, 3)}}},
			{Name: "qs indices, as the JS SDK sends them", Method: "GET", Path: "/admin/sales-channels/" + web + "/availability?variant_id[0]=" + free + "&variant_id[1]=" + stocked, Status: 200,
				Want: M{"availability": A{entry(free, true, nil), entry(stocked, true, 3)}}},
			{Name: "unknown channel", Method: "GET", Path: availPath("sc_nope", stocked), Status: 404,
				Exact: apitest.ErrBody("not_found", "Sales channel with id: sc_nope not found")},
			{Name: "variant_id required", Method: "GET", Path: "/admin/sales-channels/" + web + "/availability", Status: 400},
			{Name: "unknown parameter", Method: "GET", Path: availPath(web, stocked) + "&fields=id", Status: 400},
			{Name: "at most 100", Method: "GET", Path: availPath(web, many(101)...), Status: 400},
			{Name: "100 is fine", Method: "GET", Path: availPath(web, many(100)...), Status: 200,
				Check: func(t *testing.T, r *apitest.Response) {
					if r.Len("availability") != 100 {
						t.Errorf("got %d entries", r.Len("availability"))
					}
				}},
			{Name: "the channel itself still answers", Method: "GET", Path: "/admin/sales-channels/" + web, Status: 200,
				Want: M{"sales_channel": M{"id": web}}},
		})
	})
}

// storeRules make a shipping option one a storefront may use.
var storeRules = A{M{"attribute": "enabled_in_store", "operator": "eq", "value": "true"},
	M{"attribute": "is_return", "operator": "eq", "value": "false"}}

// shipFrom makes the location ship to Germany with the manual provider and one flat option
// with rules.
func shipFrom(srv *apitest.Server, loc, name string, rules A) {
	srv.Post("/admin/stock-locations/"+loc+"/fulfillment-providers", M{"add": A{"manual_manual"}}).Must(200)
	set := srv.Post("/admin/stock-locations/"+loc+"/fulfillment-sets?fields=fulfillment_sets.id", M{"name": name, "type": "shipping"}).
		Must(200).String("stock_location.fulfillment_sets.0.id")
	zone := srv.Post("/admin/fulfillment-sets/"+set+"/service-zones?fields=service_zones.id",
		M{"name": name + " Germany", "geo_zones": A{M{"type": "country", "country_code": "de"}}}).Must(200).String("fulfillment_set.service_zones.0.id")
	srv.Post("/admin/shipping-options", M{"name": name + " standard", "service_zone_id": zone, "shipping_profile_id": "sp_00000000000000000000000000",
		"provider_id": "manual_manual", "price_type": "flat", "type": M{"label": "Standard", "code": "standard"},
		"prices": A{M{"currency_code": "eur", "amount": 5}}, "rules": rules}).Must(200)
}
