package storefront

import (
	"fmt"
	"testing"
)

// TestPageCacheBounds checks that the page cache empties itself before it holds more than its
// number of pages or its bytes.
func TestPageCacheBounds(t *testing.T) {
	tests := []struct {
		name            string
		max, maxBytes   int
		pages, pageSize int
		want            int // pages held after the puts
	}{
		{"under both bounds", 10, 1000, 5, 100, 5},
		{"the count bound empties it", 4, 1 << 20, 6, 10, 2},
		{"the byte bound empties it", 100, 250, 4, 100, 2},
		{"a page larger than the bound still goes in", 100, 50, 1, 100, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newPageCache(func() uint64 { return 0 }, 0)
			c.max, c.maxBytes = tt.max, tt.maxBytes
			for i := range tt.pages {
				c.put(fmt.Sprint(i), 0, make([]byte, tt.pageSize))
			}
			if len(c.entries) != tt.want || c.bytes != tt.want*tt.pageSize {
				t.Errorf("%d pages of %d bytes, want %d pages of %d", len(c.entries), c.bytes, tt.want, tt.want*tt.pageSize)
			}
		})
	}
}
