package product_test

import (
	"context"
	"fmt"
	"testing"

	"channeld/internal/apitest"
	"channeld/internal/platform/db"
	"channeld/internal/platform/db/dbtest"
	"channeld/internal/product"
)

// TestTrigramIndexesWriteThrough checks on PostgreSQL that every trigram index (product
// search, order email, inventory item search) writes new entries straight into its tree, so
// that a search after a bulk import reads no pending list: the option is set on each, and a
// batch of products leaves nothing pending in the product search index.
func TestTrigramIndexesWriteThrough(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		a := s.App
		if a.DB.Engine != db.Postgres {
			t.Skip("GIN indexes are PostgreSQL's")
		}
		q := a.DB.Read()
		indexes := dbtest.Column[string](t, q, `SELECT c.relname || ' ' || coalesce(array_to_string(c.reloptions, ','), '')
			FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
			WHERE am.amname = 'gin' AND c.relnamespace = current_schema()::regnamespace ORDER BY c.relname`)
		want := []string{"idx_inventory_item_search_doc fastupdate=off", "idx_order_email_trgm fastupdate=off",
			"idx_product_search_doc fastupdate=off"}
		if fmt.Sprint(indexes) != fmt.Sprint(want) {
			t.Fatalf("GIN indexes %q, want %q", indexes, want)
		}

		var in product.BatchInput
		for i := range 300 {
			in.Create = append(in.Create, product.CreateInput{Title: fmt.Sprintf("Lamp %04d", i), Status: "published"})
		}
		if _, err := a.Products.Batch(context.Background(), in); err != nil {
			t.Fatal(err)
		}
		if pending := dbtest.Column[int64](t, a.DB.Write(), `SELECT gin_clean_pending_list('idx_product_search_doc'::regclass)`); pending[0] != 0 {
			t.Fatalf("%d pages of the product search index were pending after a batch", pending[0])
		}
	})
}
