package storefront_test

import (
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
)

// A product's sales_channels, as a storefront expands them, are the key's enabled channels
// only: never another key's channel, nor a disabled one, with their names and metadata.
func TestStoreRelationsStayInTheKeysChannels(t *testing.T) {
	t.Parallel()
	eachWorld(t, func(t *testing.T, w *world) {
		secret := w.s.Post("/admin/sales-channels", M{"name": "Wholesale", "metadata": M{"margin": "40%"}}).Must(200).String("sales_channel.id")
		shared := w.s.Post("/admin/products", SizedProduct("Shared", "SHARED", w.ChannelA, w.ChannelB, w.ChannelD, secret)).Must(200).String("product.id")
		ids := func(chans ...string) A {
			out := A{}
			for _, c := range chans {
				out = append(out, M{"id": c})
			}
			return out
		}
		for _, tc := range []struct {
			name, key string
			want      A
		}{
			{"key A", w.KeyA, ids(w.ChannelA)},
			{"key AB", w.KeyAB, ids(w.ChannelA, w.ChannelB)},
			{"key D, disabled", w.KeyD, nil},
		} {
			for _, path := range []string{
				"/store/products/" + shared + "?fields=*sales_channels",
				"/store/products/" + shared + "?fields=sales_channels.id,sales_channels.name",
				"/store/products?id=" + shared + "&fields=+sales_channels",
			} {
				r := w.s.Do("GET", path, nil, KeyHeader(tc.key))
				if tc.want == nil {
					if r.Status != 404 && (r.Status != 200 || r.Int("count") != 0) {
						t.Errorf("%s %s: %d %s", tc.name, path, r.Status, r.Body)
					}
					continue
				}
				got := r.Get("product.sales_channels")
				if got == nil {
					got = r.Get("products.0.sales_channels")
				}
				list, _ := got.([]any)
				if r.Status != 200 || len(list) != len(tc.want) {
					t.Errorf("%s %s: %d, channels %v, want %v", tc.name, path, r.Status, got, tc.want)
					continue
				}
				if errs := apitest.Match(got, tc.want, "sales_channels"); len(errs) > 0 {
					t.Errorf("%s %s: %v", tc.name, path, errs)
				}
			}
		}
		// The admin still sees every channel.
		r := w.s.Get("/admin/products/" + shared + "?fields=sales_channels.id").Must(200)
		if list, _ := r.Get("product.sales_channels").([]any); len(list) != 4 {
			t.Errorf("admin sees %d channels, want 4: %s", len(list), r.Body)
		}
	})
}
