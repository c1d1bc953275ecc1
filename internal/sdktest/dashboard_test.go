package sdktest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"channeld/internal/platform/db/dbtest"
)

// EnvRequireDashboard, when "1", turns a missing dashboard build, Playwright or Chromium into
// a failure, as in CI.
const EnvRequireDashboard = "CHANNELD_REQUIRE_DASHBOARD"

// TestAdminDashboard runs admin/dashboard.test.mjs: Medusa's admin dashboard, built by
// admin/build.mjs and served by channeld at /app, driven in headless Chromium on each engine.
// A merchant logs in, opens every page and sets up a channel from them. Screenshots are kept
// in admin/screenshots/<engine>.
func TestAdminDashboard(t *testing.T) {
	root := repoRoot(t)
	node := requireNode(t, root)
	chromium := requireDashboard(t, root)
	bin := buildChanneld(t, root)
	for _, e := range dbtest.Engines() {
		t.Run(string(e), func(t *testing.T) {
			dbURL := dbtest.URL(t, e)
			email, password := "dashboard-admin@example.com", "dashboard-"+randomHex(8)
			baseURL := startServer(t, bin, dbURL, email, password, "--admin-dir", filepath.Join(root, "admin", "build"))
			runNode(t, node, root, "admin/dashboard.test.mjs", map[string]string{
				"CHANNELD_URL":            baseURL,
				"CHANNELD_ADMIN_EMAIL":    email,
				"CHANNELD_ADMIN_PASSWORD": password,
				"CHANNELD_CHROMIUM":       chromium,
				"CHANNELD_SCREENSHOTS":    filepath.Join(root, "admin", "screenshots", string(e)),
			})
		})
	}
}

// requireDashboard returns the Chromium to drive, skipping the test (or failing it when
// EnvRequireDashboard is set) if the build, Playwright or Chromium is missing.
func requireDashboard(t *testing.T, root string) string {
	t.Helper()
	missing := func(format string, args ...any) {
		t.Helper()
		msg := fmt.Sprintf(format, args...)
		if os.Getenv(EnvRequireDashboard) == "1" {
			t.Fatalf("%s (%s=1 requires the dashboard test to run)", msg, EnvRequireDashboard)
		}
		t.Skip(msg)
	}
	for _, p := range []string{"admin/node_modules/playwright-core", "admin/build/index.html"} {
		if _, err := os.Stat(filepath.Join(root, p)); err != nil {
			missing("%s is missing: run `cd admin && npm ci && npm run build`", p)
		}
	}
	chromium := os.Getenv("CHANNELD_CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	if _, err := exec.LookPath(chromium); err != nil {
		missing("no Chromium at %s (Debian: apt-get install chromium; or set CHANNELD_CHROMIUM): %v", chromium, err)
	}
	return chromium
}
