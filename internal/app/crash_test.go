package app_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"path/filepath"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"
)

// A change committed just before the server is killed with SIGKILL is still delivered: the
// event waits in the outbox and the restarted server sends it, signed as before.
func TestEventCommittedBeforeSIGKILLIsDeliveredAfterRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	dir := t.TempDir()
	bin := buildBinary(t, dir)
	dbPath := filepath.Join(dir, "db.sqlite")

	// The receiver refuses everything until the first server is dead, so nothing can be
	// delivered before the kill.
	var accepting atomic.Bool
	var secret atomic.Value
	got := make(chan string, 10)
	recv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !accepting.Load() {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		wh, err := standardwebhooks.NewWebhook(secret.Load().(string))
		if err != nil {
			t.Errorf("secret: %v", err)
			return
		}
		body, _ := io.ReadAll(r.Body)
		if err := wh.Verify(body, r.Header); err != nil {
			t.Errorf("delivery does not verify: %v", err)
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		var ev struct{ Type string }
		_ = json.Unmarshal(body, &ev)
		got <- ev.Type
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(recv.Close)

	start := func() (*exec.Cmd, string) {
		srv := startServe(t, bin, dbPath, []string{"CHANNELD_WEBHOOK_ALLOW_PRIVATE=true"})
		return srv.cmd, srv.base
	}

	first, base := start()
	status, body := call(t, "POST", base+"/auth/user/emailpass", "", `{"email":"admin@example.com","password":"supersecret"}`)
	if status != 200 {
		t.Fatalf("login: %d %s", status, body)
	}
	var tok struct{ Token string }
	_ = json.Unmarshal(body, &tok)
	status, body = call(t, "POST", base+"/admin/sales-channels", tok.Token, `{"name":"Web"}`)
	if status != 200 {
		t.Fatalf("channel: %d %s", status, body)
	}
	var sc struct {
		SalesChannel struct{ ID string } `json:"sales_channel"`
	}
	_ = json.Unmarshal(body, &sc)
	status, body = call(t, "POST", base+"/admin/webhooks", tok.Token,
		`{"url":"`+recv.URL+`/hooks","events":["sales-channel.products-added"]}`)
	if status != 200 {
		t.Fatalf("webhook: %d %s", status, body)
	}
	var hook struct{ Webhook struct{ Secret string } }
	_ = json.Unmarshal(body, &hook)
	secret.Store(hook.Webhook.Secret)
	status, body = call(t, "POST", base+"/admin/products", tok.Token, `{"title":"Lamp"}`)
	if status != 200 {
		t.Fatalf("product: %d %s", status, body)
	}
	var prod struct{ Product struct{ ID string } }
	_ = json.Unmarshal(body, &prod)

	status, body = call(t, "POST", base+"/admin/sales-channels/"+sc.SalesChannel.ID+"/products", tok.Token,
		`{"add":["`+prod.Product.ID+`"]}`)
	if status != 200 {
		t.Fatalf("link: %d %s", status, body)
	}
	if err := first.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = first.Process.Release()
	time.Sleep(200 * time.Millisecond)
	accepting.Store(true)

	start()
	select {
	case typ := <-got:
		if typ != "sales-channel.products-added" {
			t.Errorf("delivered %q, want sales-channel.products-added", typ)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("the link committed before SIGKILL was never delivered after the restart")
	}
}
