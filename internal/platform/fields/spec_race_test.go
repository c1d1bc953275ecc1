package fields

import (
	"sync"
	"testing"
)

// Specs are package variables that concurrent requests share from the first one on; under
// the race detector this fails if a first use writes the spec unguarded.
func TestSpecFirstUseIsSafeForConcurrentRequests(t *testing.T) {
	type item struct{ ID string }
	spec := &Spec[item]{Scalars: []string{"id"}, Scalar: func(b []byte, e *item, _ string) []byte { return AppendString(b, e.ID) }}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := spec.Check(FromList("id")); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
}
