package app_test

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"channeld/internal/apitest"
)

// buildBinary compiles cmd/channeld into dir, so the test signals a real process as an
// orchestrator would.
func buildBinary(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "channeld")
	out, err := exec.Command("go", "build", "-o", bin, "../../cmd/channeld").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// slowCreate opens a connection, sends a channel creation whose body arrives in two parts,
// and waits for release before sending the second: until then the request is in flight.
type slowCreate struct {
	conn net.Conn
	rest string
}

func startSlowCreate(t *testing.T, addr, token string, n int) *slowCreate {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	body := fmt.Sprintf(`{"name":"In flight %d"}`, n)
	head := fmt.Sprintf("POST /admin/sales-channels HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\n"+
		"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", addr, token, len(body), body[:5])
	if _, err := io.WriteString(conn, head); err != nil {
		t.Fatalf("write: %v", err)
	}
	return &slowCreate{conn: conn, rest: body[5:]}
}

// finish sends the rest of the body and returns the status of the answer.
func (s *slowCreate) finish() (int, error) {
	defer s.conn.Close()
	if _, err := io.WriteString(s.conn, s.rest); err != nil {
		return 0, err
	}
	_ = s.conn.SetReadDeadline(time.Now().Add(20 * time.Second))
	res, err := http.ReadResponse(bufio.NewReader(s.conn), nil)
	if err != nil {
		return 0, err
	}
	res.Body.Close()
	return res.StatusCode, nil
}

// On SIGTERM under load, every request the server had accepted finishes with its answer,
// /health says 503 while the server drains, and the process exits 0.
func TestSIGTERMFinishesAcceptedRequests(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	dir := t.TempDir()
	bin := buildBinary(t, dir)
	srv := startServe(t, bin, filepath.Join(dir, "db.sqlite"), nil, "--drain-delay", "1s")
	cmd, addr, base, exited, out := srv.cmd, srv.addr, srv.base, srv.exited, srv.out

	status, body := call(t, "POST", base+"/auth/user/emailpass", "", `{"email":"admin@example.com","password":"supersecret"}`)
	if status != 200 {
		t.Fatalf("login: %d %s", status, body)
	}
	var tok struct{ Token string }
	_ = json.Unmarshal(body, &tok)

	// 60 requests in flight, and a keep-alive client polling /health.
	inflight := make([]*slowCreate, 60)
	for i := range inflight {
		inflight[i] = startSlowCreate(t, addr, tok.Token, i)
	}
	time.Sleep(100 * time.Millisecond) // let the server read their headers
	poller := &http.Client{Timeout: 5 * time.Second}
	var sawDraining bool
	var pollErr error
	pollDone := make(chan struct{})
	go func() {
		defer close(pollDone)
		for {
			res, err := poller.Get(base + "/health")
			if err != nil {
				// Once the server stops listening, a new connection is refused: that is the
				// end of polling, not a lost answer. While draining every answer closes its
				// connection, so each poll opens a new one, and one that the kernel accepted
				// just as the listener closed is reset before the server could read it: the
				// load balancer this drain is for stopped sending at the first 503.
				if !isRefused(err) && !(sawDraining && isReset(err)) {
					pollErr = err
				}
				return
			}
			res.Body.Close()
			if res.StatusCode == http.StatusServiceUnavailable {
				sawDraining = true
			}
			time.Sleep(20 * time.Millisecond)
		}
	}()

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	var wg sync.WaitGroup
	errs := make(chan string, len(inflight))
	for i, s := range inflight {
		wg.Add(1)
		go func() {
			defer wg.Done()
			status, err := s.finish()
			if err != nil || status != 200 {
				errs <- fmt.Sprintf("request %d: status %d, %v", i, status, err)
			}
		}()
	}
	wg.Wait()
	close(errs)
	var lost []string
	for e := range errs {
		lost = append(lost, e)
	}
	if len(lost) > 0 {
		t.Errorf("%d of %d accepted requests got no answer:\n%s", len(lost), len(inflight), strings.Join(lost, "\n"))
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("exit: %v\n%s", err, out.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("the server did not exit after SIGTERM\n%s", out.String())
	}
	<-pollDone
	if pollErr != nil {
		t.Errorf("a /health request on a kept-alive connection got no answer: %v", pollErr)
	}
	if !sawDraining {
		t.Error("/health never answered 503 while draining")
	}
}

func isRefused(err error) bool {
	return strings.Contains(err.Error(), "connection refused")
}

// isReset reports a connection closed before any answer: EOF, or reset by the peer.
func isReset(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNRESET)
}

// served is a channeld process a test started: its base URL, its output, and a channel that
// receives its exit.
type served struct {
	cmd    *exec.Cmd
	addr   string
	base   string
	exited chan error
	out    *apitest.SyncBuffer
}

// startServe runs bin's serve on 127.0.0.1 against dbPath with the README's admin, the
// environment's variables plus env, and args; it returns once /health answers, and the process
// is killed when the test ends.
func startServe(t *testing.T, bin, dbPath string, env []string, args ...string) *served {
	t.Helper()
	addr := apitest.FreeAddr(t)
	cmd := exec.Command(bin, append([]string{"serve", "--addr", addr, "--database-url", dbPath, "--log-level", "warn"}, args...)...)
	cmd.Env = append(append(os.Environ(), "CHANNELD_ADMIN_EMAIL=admin@example.com", "CHANNELD_ADMIN_PASSWORD=supersecret"), env...)
	out := &apitest.SyncBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	base := "http://" + addr
	waitHealthy(t, base, exited, out)
	return &served{cmd: cmd, addr: addr, base: base, exited: exited, out: out}
}

// waitHealthy polls base's /health until it answers 200, failing the test if the server
// exits first or takes more than 20 seconds.
func waitHealthy(t *testing.T, base string, exited chan error, out *apitest.SyncBuffer) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		res, err := http.Get(base + "/health")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return
			}
		}
		select {
		case err := <-exited:
			t.Fatalf("serve exited early: %v\n%s", err, out.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve never became healthy\n%s", out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}
