package apitest

import (
	"bytes"
	"net"
	"sync"
	"testing"
)

// The helpers below serve tests that start channeld as `channeld serve` would run, in the test
// process or as a binary, rather than through New.

// SyncBuffer is a bytes.Buffer that a running server and the test may use at once, to
// collect the server's output.
type SyncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write appends p to the buffer.
func (b *SyncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String returns what was written so far.
func (b *SyncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// FreeAddr returns a host:port on 127.0.0.1 that was free a moment ago, for a server that
// takes its address as a flag. The port is released before the server binds it, so another
// listener may take it in between: tests using it do not run in parallel.
func FreeAddr(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	if err := ln.Close(); err != nil {
		t.Fatal(err)
	}
	return addr
}
