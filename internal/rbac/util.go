package rbac

import "strings"

// joinComma joins ids as the spec's messages list them.
func joinComma(ids []string) string { return strings.Join(ids, ", ") }

// unique returns ids without repeats, in first-seen order.
func unique(ids []string) []string {
	seen := make(map[string]bool, len(ids))
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
