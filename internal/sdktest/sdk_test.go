// Package sdktest runs Medusa's JS SDK (sdktest/sdk.test.mjs at the repository root) against
// a real channeld binary, once on SQLite and once on PostgreSQL when CHANNELD_TEST_DATABASE_URL
// is set. It needs node on PATH and `npm ci` run in sdktest/; without them the test is skipped,
// unless CHANNELD_REQUIRE_SDK=1, as in CI, where it fails instead.
package sdktest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"channeld/internal/apitest"
	"channeld/internal/platform/db/dbtest"
)

// EnvRequire, when "1", turns a missing node or sdktest/node_modules into a failure.
const EnvRequire = "CHANNELD_REQUIRE_SDK"

const (
	buildTimeout  = 5 * time.Minute
	healthTimeout = 30 * time.Second
	nodeTimeout   = 3 * time.Minute
	stopTimeout   = 20 * time.Second
)

func TestMedusaJSSDK(t *testing.T) {
	root := repoRoot(t)
	node := requireNode(t, root)

	bin := buildChanneld(t, root)
	// The engines run one after the other, not in parallel: each server's address comes from
	// apitest.FreeAddr and is free only until another listener takes it.
	for _, e := range dbtest.Engines() {
		t.Run(string(e), func(t *testing.T) {
			dbURL := dbtest.URL(t, e) // cleanups registered before the server's, so they run after it stops
			email := "sdk-admin@example.com"
			password := "sdktest-" + randomHex(8)
			baseURL := startServer(t, bin, dbURL, email, password)
			runNode(t, node, root, "sdk.test.mjs", map[string]string{
				"CHANNELD_URL":            baseURL,
				"CHANNELD_ADMIN_EMAIL":    email,
				"CHANNELD_ADMIN_PASSWORD": password,
			})
		})
	}
	if len(dbtest.Engines()) == 1 {
		t.Logf("ran on SQLite only: set %s to a postgres:// URL to run on PostgreSQL too", dbtest.EnvURL)
	}
}

// repoRoot walks up from the package directory to the directory holding go.mod.
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's directory")
		}
		dir = parent
	}
}

// requireNode returns the path of node, skipping the test (or failing it when EnvRequire is
// set) if node or the installed SDK is missing.
func requireNode(t *testing.T, root string) string {
	t.Helper()
	missing := func(format string, args ...any) {
		t.Helper()
		msg := fmt.Sprintf(format, args...)
		if os.Getenv(EnvRequire) == "1" {
			t.Fatalf("%s (%s=1 requires the SDK test to run)", msg, EnvRequire)
		}
		t.Skip(msg)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		missing("node is not on PATH: %v", err)
	}
	sdk := filepath.Join(root, "sdktest", "node_modules", "@medusajs", "js-sdk")
	if _, err := os.Stat(sdk); err != nil {
		missing("%s is missing: run `npm ci` in sdktest/", sdk)
	}
	return node
}

// buildChanneld builds ./cmd/channeld into a temporary directory and returns the binary's path.
func buildChanneld(t *testing.T, root string) string {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		goBin = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	bin := filepath.Join(t.TempDir(), "channeld")
	ctx, cancel := context.WithTimeout(context.Background(), buildTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, goBin, "build", "-o", bin, "./cmd/channeld")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/channeld: %v\n%s", err, out)
	}
	return bin
}

// startServer runs `channeld serve` on a free port of 127.0.0.1 against dbURL, waits until
// /health answers and returns the base URL. args are added to serve's flags. At cleanup it sends SIGTERM and waits for the
// process to exit, killing it if it does not within stopTimeout.
func startServer(t *testing.T, bin, dbURL, email, password string, args ...string) string {
	t.Helper()
	addr := apitest.FreeAddr(t)
	baseURL := "http://" + addr

	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, append([]string{"serve", "--addr", addr, "--database-url", dbURL}, args...)...)
	cmd.Env = append(os.Environ(),
		"CHANNELD_ADMIN_EMAIL="+email,
		"CHANNELD_ADMIN_PASSWORD="+password,
	)
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) }
	cmd.WaitDelay = stopTimeout
	var logs apitest.SyncBuffer
	cmd.Stdout = &logs
	cmd.Stderr = &logs
	if err := cmd.Start(); err != nil {
		cancel()
		t.Fatalf("start channeld: %v", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()

	t.Cleanup(func() {
		cancel() // sends SIGTERM; WaitDelay kills the process if it is still running after it
		select {
		case err := <-exited:
			if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL {
				t.Errorf("channeld did not stop within %s of SIGTERM and was killed", stopTimeout)
			} else if !cmd.ProcessState.Success() {
				t.Logf("channeld exited: %v", err)
			}
		case <-time.After(stopTimeout + 10*time.Second):
			t.Errorf("channeld did not stop")
		}
		if t.Failed() {
			t.Logf("channeld output:\n%s", logs.String())
		}
	})

	client := &http.Client{Timeout: 2 * time.Second}
	deadline := time.Now().Add(healthTimeout)
	for {
		select {
		case err := <-exited:
			exited <- err // let the cleanup see it too
			t.Fatalf("channeld exited before answering /health: %v\n%s", err, logs.String())
		default:
		}
		resp, err := client.Get(baseURL + "/health")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return baseURL
			}
			err = fmt.Errorf("status %s", resp.Status)
		}
		if time.Now().After(deadline) {
			t.Fatalf("channeld did not answer GET /health within %s: %v\n%s", healthTimeout, err, logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// runNode runs `node --test <script>` from the repository root with env added, failing the
// test with node's output if it exits non-zero. script is relative to sdktest/ unless it
// names another folder of the repository.
func runNode(t *testing.T, node, root, script string, env map[string]string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), nodeTimeout)
	defer cancel()
	if !strings.Contains(script, "/") {
		script = filepath.Join("sdktest", script)
	}
	cmd := exec.CommandContext(ctx, node, "--test", script)
	cmd.Dir = root
	cmd.Env = os.Environ()
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	cmd.WaitDelay = 5 * time.Second
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("node --test %s: %v\n%s", script, err, out)
	}
	t.Logf("node --test %s passed:\n%s", script, summary(string(out)))
}

// summary keeps the closing counts of node's test report.
func summary(out string) string {
	var keep []string
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "# ") && !strings.HasPrefix(line, "# Subtest") {
			keep = append(keep, line)
		}
	}
	return strings.Join(keep, "\n")
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
