package sdktest

import (
	"testing"

	"channeld/internal/platform/db/dbtest"
)

// TestStorefrontJourney runs sdktest/journey.test.mjs: every call of the Next.js starter
// storefront, in order and with its own `fields`, through Medusa's JS SDK against a started
// channeld, on each engine.
func TestStorefrontJourney(t *testing.T) {
	root := repoRoot(t)
	node := requireNode(t, root)
	bin := buildChanneld(t, root)
	// One engine after the other, for the reason TestMedusaJSSDK gives.
	for _, e := range dbtest.Engines() {
		t.Run(string(e), func(t *testing.T) {
			dbURL := dbtest.URL(t, e)
			email, password := "journey-admin@example.com", "journey-"+randomHex(8)
			baseURL := startServer(t, bin, dbURL, email, password)
			runNode(t, node, root, "journey.test.mjs", map[string]string{
				"CHANNELD_URL":            baseURL,
				"CHANNELD_ADMIN_EMAIL":    email,
				"CHANNELD_ADMIN_PASSWORD": password,
			})
		})
	}
}
