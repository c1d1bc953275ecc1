package product_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	text "strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
	"channeld/internal/platform/db"
	"channeld/internal/platform/db/dbtest"
)

// The read model is checked against the answer computed from the source tables, after every
// kind of change that moves it.
const (
	oracleListing = `SELECT psc.sales_channel_id || ' ' || p.id || ' ' ||
			CASE WHEN p.status = 'published' AND NOT sc.is_disabled THEN 'listed' ELSE 'unlisted' END || ' ' || p.title
		FROM product_sales_channel psc
		JOIN product p ON p.id = psc.product_id AND p.deleted_at IS NULL
		JOIN sales_channel sc ON sc.id = psc.sales_channel_id AND sc.deleted_at IS NULL`
	readListing = `SELECT sales_channel_id || ' ' || product_id || ' ' ||
			CASE WHEN listed THEN 'listed' ELSE 'unlisted' END || ' ' || title FROM product_listing`
	oracleCounts = `SELECT 'all ' || count(*) FROM product WHERE deleted_at IS NULL
		UNION ALL SELECT 'linked:' || psc.sales_channel_id || ' ' || count(*) FROM product_sales_channel psc
			JOIN product p ON p.id = psc.product_id AND p.deleted_at IS NULL GROUP BY psc.sales_channel_id
		UNION ALL SELECT 'listed:' || psc.sales_channel_id || ' ' || count(*) FROM product_sales_channel psc
			JOIN product p ON p.id = psc.product_id AND p.deleted_at IS NULL AND p.status = 'published'
			JOIN sales_channel sc ON sc.id = psc.sales_channel_id AND sc.deleted_at IS NULL AND NOT sc.is_disabled
			GROUP BY psc.sales_channel_id`
	readCounts = `SELECT scope || ' ' || n FROM product_count WHERE n <> 0 AND scope NOT LIKE '%-set:%'`
	// Each registered channel set's count: the distinct products its channels list (listed-set)
	// or link (linked-set).
	oracleSets = `SELECT m.scope || ' ' || (SELECT count(DISTINCT psc.product_id) FROM product_sales_channel psc
			JOIN product p ON p.id = psc.product_id AND p.deleted_at IS NULL
			JOIN sales_channel sc ON sc.id = psc.sales_channel_id AND sc.deleted_at IS NULL
			WHERE psc.sales_channel_id IN (SELECT sales_channel_id FROM product_count_member WHERE scope = m.scope)
			AND (m.scope LIKE 'linked-set:%' OR p.status = 'published' AND NOT sc.is_disabled))
		FROM (SELECT DISTINCT scope FROM product_count_member) m`
	readSets = `SELECT scope || ' ' || n FROM product_count WHERE scope LIKE '%-set:%'`
	// A product's search text: its fields, then each live variant's, in variant id order.
	oracleTexts = `SELECT p.id || ' ' || p.title || char(31) || coalesce(p.subtitle, '') || char(31)
			|| coalesce(p.description, '') || char(31) || p.handle
			|| coalesce((SELECT group_concat(char(31) || v.title || char(31) || coalesce(v.sku, '') || char(31)
				|| coalesce(v.barcode, '') || char(31) || coalesce(v.ean, '') || char(31) || coalesce(v.upc, ''), '' ORDER BY v.id)
			FROM product_variant v WHERE v.product_id = p.id AND v.deleted_at IS NULL), '')
		FROM product p WHERE p.deleted_at IS NULL`
	readTexts = `SELECT product_id || ' ' || doc FROM product_search`
)

// sortedColumn reads the first column of query's rows, in sorted order.
func sortedColumn(t *testing.T, q db.DBTX, query string) []string {
	t.Helper()
	out := dbtest.Column[string](t, q, query)
	slices.Sort(out)
	return out
}

func checkReadModel(t *testing.T, s *apitest.Server, step string) {
	t.Helper()
	q := s.App.DB.Read()
	texts := oracleTexts
	if s.App.DB.Engine == db.Postgres {
		texts = text.NewReplacer("char(31)", "chr(31)", "group_concat", "string_agg").Replace(texts)
	}
	for _, c := range []struct{ what, want, got string }{
		{"listing", oracleListing, readListing},
		{"counts", oracleCounts, readCounts},
		{"channel set counts", oracleSets, readSets},
		{"search rows", texts, readTexts},
	} {
		if d := cmp.Diff(sortedColumn(t, q, c.want), sortedColumn(t, q, c.got)); d != "" {
			t.Fatalf("after %s, %s (-want +got):\n%s", step, c.what, d)
		}
	}
}

// TestListingFollowsChanges runs every kind of change that moves the read model, in turn and
// then at random, and compares the read model with the source tables after each.
func TestListingFollowsChanges(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		channel := func(name string) string {
			return s.Post("/admin/sales-channels", M{"name": name}).Must(200).String("sales_channel.id")
		}
		a, b, c := channel("A"), channel("B"), channel("C")
		n := 0
		create := func(status string, chans ...string) string {
			n++
			scs := A{}
			for _, ch := range chans {
				scs = append(scs, M{"id": ch})
			}
			title := fmt.Sprintf("P%d", n)
			return s.Post("/admin/products", M{"title": title, "status": status, "sales_channels": scs,
				"options":  A{M{"title": "Size", "values": A{"S", "M"}}},
				"variants": A{M{"title": title + " S", "sku": title + "-S", "options": M{"Size": "S"}, "prices": A{}}}}).
				Must(200).String("product.id")
		}
		p1, p2 := create("published", a, b), create("draft", b)
		p3 := create("published", c)
		// Pages through several channels register their sets, whose counts then follow.
		sets := func(chans ...string) {
			_, token := s.PublishableKey("set", chans...)
			s.Do("GET", "/store/products?limit=1", nil, KeyHeader(token)).Must(200)
			s.Get("/admin/products?limit=1&sales_channel_id=" + text.Join(chans, "&sales_channel_id=")).Must(200)
		}
		sets(a, b)
		sets(b, c)
		sets(a, b, c)
		if n := dbtest.Column[int](t, s.App.DB.Read(), `SELECT count(*) FROM product_count WHERE scope LIKE '%-set:%'`); n[0] != 6 {
			t.Fatalf("%d channel sets registered, want 6", n[0])
		}
		var variant string
		steps := []struct {
			name string
			do   func()
		}{
			{"creating products", func() {}},
			{"publishing", func() { s.Post("/admin/products/"+p2, M{"status": "published"}).Must(200) }},
			{"renaming", func() { s.Post("/admin/products/"+p1, M{"title": "Renamed"}).Must(200) }},
			{"replacing channels", func() { s.Post("/admin/products/"+p1, M{"sales_channels": A{M{"id": c}}}).Must(200) }},
			{"linking from the channel", func() {
				s.Post("/admin/sales-channels/"+a+"/products", M{"add": A{p2, p3}, "remove": A{p1}}).Must(200)
			}},
			{"adding a variant", func() {
				variant = s.Post("/admin/products/"+p3+"/variants", M{"title": "Extra", "sku": "X-1", "options": M{"Size": "M"}, "prices": A{}}).
					Must(200).Get("product.variants").([]any)[1].(map[string]any)["id"].(string)
			}},
			{"renaming a variant", func() { s.Post("/admin/products/"+p3+"/variants/"+variant, M{"title": "Extra 2"}).Must(200) }},
			{"deleting a variant", func() { s.Do("DELETE", "/admin/products/"+p3+"/variants/"+variant, nil, nil).Must(200) }},
			{"disabling a channel", func() { s.Post("/admin/sales-channels/"+a, M{"is_disabled": true}).Must(200) }},
			{"unpublishing in a disabled channel", func() { s.Post("/admin/products/"+p2, M{"status": "draft"}).Must(200) }},
			{"enabling a channel", func() { s.Post("/admin/sales-channels/"+a, M{"is_disabled": false}).Must(200) }},
			{"a batch", func() {
				s.Post("/admin/products/batch", M{"create": A{M{"title": "Batch", "status": "published", "sales_channels": A{M{"id": b}}}},
					"update": A{M{"id": p2, "status": "published"}}, "delete": A{p1}}).Must(200)
			}},
			{"deleting a product", func() { s.Do("DELETE", "/admin/products/"+p3, nil, nil).Must(200) }},
			{"deleting a channel", func() { s.Do("DELETE", "/admin/sales-channels/"+b, nil, nil).Must(200) }},
		}
		for _, st := range steps {
			st.do()
			checkReadModel(t, s, st.name)
		}

		rng := rand.New(rand.NewPCG(1, 2))
		chans := []string{a, c, channel("D")}
		sets(a, c)
		sets(c, chans[2])
		var products []string
		for i := range 40 {
			pick := chans[rng.IntN(len(chans))]
			switch op := rng.IntN(5); {
			case op == 0 || len(products) == 0:
				products = append(products, create([]string{"draft", "published"}[rng.IntN(2)], pick))
			case op == 1:
				s.Post("/admin/products/"+products[rng.IntN(len(products))], M{"status": []string{"draft", "published"}[rng.IntN(2)]}).Must(200)
			case op == 2:
				s.Post("/admin/sales-channels/"+pick+"/products", M{"add": A{products[rng.IntN(len(products))]},
					"remove": A{products[rng.IntN(len(products))]}}).Must(200)
			case op == 3:
				s.Post("/admin/sales-channels/"+pick, M{"is_disabled": rng.IntN(2) == 0}).Must(200)
			default:
				k := rng.IntN(len(products))
				s.Do("DELETE", "/admin/products/"+products[k], nil, nil).Must(200)
				products = slices.Delete(products, k, k+1)
			}
			checkReadModel(t, s, fmt.Sprintf("random change %d", i))
		}
	})
}
