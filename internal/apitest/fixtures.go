package apitest

// The fixtures below create through the admin API what many tests start from, and fail the
// test unless the server accepts it.

// Channel creates a sales channel and returns its id.
func (s *Server) Channel(name string) string {
	s.t.Helper()
	return s.Post("/admin/sales-channels", M{"name": name}).Must(200).String("sales_channel.id")
}

// Location creates a stock location linked to the channels and returns its id.
func (s *Server) Location(name string, channels ...string) string {
	s.t.Helper()
	id := s.Post("/admin/stock-locations", M{"name": name}).Must(200).String("stock_location.id")
	if len(channels) > 0 {
		s.Post("/admin/stock-locations/"+id+"/sales-channels", M{"add": channels}).Must(200)
	}
	return id
}

// PublishableKey creates a publishable API key linked to the channels and returns its id and
// the token a storefront sends (see KeyHeader).
func (s *Server) PublishableKey(title string, channels ...string) (id, token string) {
	s.t.Helper()
	r := s.Post("/admin/api-keys", M{"title": title, "type": "publishable"}).Must(200)
	id, token = r.String("api_key.id"), r.String("api_key.token")
	if len(channels) > 0 {
		s.Post("/admin/api-keys/"+id+"/sales-channels", M{"add": channels}).Must(200)
	}
	return id, token
}

// InventoryItem returns the id of the inventory item with the SKU, such as the one a
// product's inventory-managed variant gets.
func (s *Server) InventoryItem(sku string) string {
	s.t.Helper()
	return s.Get("/admin/inventory-items?sku=" + sku).Must(200).String("inventory_items.0.id")
}

// StockAt gives an inventory item a level at a location with n units stocked.
func (s *Server) StockAt(itemID, locationID string, n int) {
	s.t.Helper()
	s.Post("/admin/inventory-items/"+itemID+"/location-levels", M{"location_id": locationID, "stocked_quantity": n}).Must(200)
}

// SizedProduct is the body of a published product in the channels with a Size option (S, M)
// and one variant per size, SKUs sku-S and sku-M: S is priced in EUR alone and not
// inventory-managed, M is priced in EUR and USD and managed.
func SizedProduct(title, sku string, channels ...string) M {
	scs := A{}
	for _, c := range channels {
		scs = append(scs, M{"id": c})
	}
	return M{"title": title, "status": "published",
		"options": A{M{"title": "Size", "values": A{"S", "M"}}},
		"variants": A{
			M{"title": title + " S", "sku": sku + "-S", "options": M{"Size": "S"}, "manage_inventory": false,
				"prices": A{M{"currency_code": "eur", "amount": 1000}}},
			M{"title": title + " M", "sku": sku + "-M", "options": M{"Size": "M"},
				"prices": A{M{"currency_code": "eur", "amount": 12.5}, M{"currency_code": "usd", "amount": 14}}},
		},
		"sales_channels": scs}
}

// KeyHeader is the header that carries a publishable key's token on /store requests.
func KeyHeader(token string) map[string]string {
	return map[string]string{"x-publishable-api-key": token}
}

// Storefronts is what the store tests of several modules start from: sales channels A, B and
// D, a publishable key for each of them, one for A and B together and one for no channel,
// and a region in EUR and one in USD.
type Storefronts struct {
	ChannelA, ChannelB, ChannelD     string
	KeyA, KeyB, KeyD, KeyAB, KeyNone string // tokens
	KeyBID                           string // key B's id, for tests that change it
	EUR, USD                         string // region ids
}

// Storefronts creates the channels, keys and regions of a Storefronts.
func (s *Server) Storefronts() Storefronts {
	s.t.Helper()
	var f Storefronts
	f.ChannelA, f.ChannelB, f.ChannelD = s.Channel("A"), s.Channel("B"), s.Channel("D")
	_, f.KeyA = s.PublishableKey("A", f.ChannelA)
	f.KeyBID, f.KeyB = s.PublishableKey("B", f.ChannelB)
	_, f.KeyD = s.PublishableKey("D", f.ChannelD)
	_, f.KeyAB = s.PublishableKey("AB", f.ChannelA, f.ChannelB)
	_, f.KeyNone = s.PublishableKey("none")
	f.EUR = s.Post("/admin/regions", M{"name": "Europe", "currency_code": "eur"}).Must(200).String("region.id")
	f.USD = s.Post("/admin/regions", M{"name": "US", "currency_code": "usd"}).Must(200).String("region.id")
	return f
}
