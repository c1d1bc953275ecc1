package sqlq

import (
	"strings"

	"channeld/internal/platform/apperr"
)

// OrderBy turns Medusa's `order` parameter ("name" or "-name") into an ORDER BY clause over
// whitelisted columns, with the id as tie-breaker so pages never overlap. An empty order
// sorts by id, Medusa's default.
func OrderBy(order string, columns map[string]string, idCol string) (string, error) {
	order = strings.TrimSpace(order)
	if order == "" {
		return " ORDER BY " + idCol + " ASC", nil
	}
	var parts []string
	for _, f := range strings.Split(order, ",") {
		f = strings.TrimSpace(f)
		dir := "ASC"
		if strings.HasPrefix(f, "-") {
			dir = "DESC"
			f = f[1:]
		}
		col, ok := columns[f]
		if !ok {
			return "", apperr.Invalidf("Order field %s is not valid", f)
		}
		parts = append(parts, col+" "+dir)
		if col == idCol {
			return " ORDER BY " + strings.Join(parts, ", "), nil
		}
	}
	return " ORDER BY " + strings.Join(parts, ", ") + ", " + idCol + " ASC", nil
}
