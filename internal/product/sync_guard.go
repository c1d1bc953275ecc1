package product

import (
	"context"
	"strings"

	"channeld/internal/platform/apperr"
	"channeld/internal/rbac"
)

// LimitedSync is the SyncGuard of an admin's direct price writes (spec E36): the automatic
// price sync may change only prices of channels where the caller may update prices; any
// other channel it would reach refuses the whole write, naming those channels. A caller who
// updates prices store-wide, and a write outside an admin request, pass.
func LimitedSync(ctx context.Context, channelIDs []string) error {
	var denied []string
	for _, c := range channelIDs {
		if rbac.CheckWrite(ctx, nil, "price", "update", []string{c}) != nil {
			denied = append(denied, c)
		}
	}
	if len(denied) > 0 {
		return apperr.New(apperr.Forbidden, "Price sync would change prices in sales channels you cannot update: %s", strings.Join(denied, ", "))
	}
	return nil
}
