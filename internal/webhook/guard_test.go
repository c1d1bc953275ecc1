package webhook

import (
	"context"
	"testing"
	"time"
)

// URLs into channeld's own network are refused unless private addresses are allowed, both
// when saved and when a connection is made to an address a name resolved to.
func TestGuardRefusesPrivateAddresses(t *testing.T) {
	t.Parallel()
	strict, open := Guard{}, Guard{AllowPrivate: true}
	for _, c := range []struct {
		url    string
		strict bool // accepted without AllowPrivate
		open   bool // accepted with it
	}{
		{"http://127.0.0.1:8080/hook", false, true},
		{"http://localhost/hook", false, true},
		{"http://10.1.2.3/hook", false, true},
		{"http://192.168.0.10/hook", false, true},
		{"http://169.254.169.254/latest/meta-data", false, true},
		{"http://[::1]/hook", false, true},
		{"http://[fe80::1]/hook", false, true},
		{"http://100.64.0.1/hook", false, true},
		{"http://0.0.0.0/hook", false, true},
		{"https://93.184.215.14/hook", true, true},
		{"ftp://93.184.215.14/hook", false, false},
		{"/relative", false, false},
		{"http://user:pw@93.184.215.14/", false, false},
	} {
		if err := strict.CheckURL(context.Background(), c.url); (err == nil) != c.strict {
			t.Errorf("strict %s: %v", c.url, err)
		}
		if err := open.CheckURL(context.Background(), c.url); (err == nil) != c.open {
			t.Errorf("open %s: %v", c.url, err)
		}
	}
	for addr, ok := range map[string]bool{"127.0.0.1:80": false, "10.0.0.1:443": false, "[::ffff:127.0.0.1]:80": false, "93.184.215.14:443": true} {
		if err := strict.control("tcp", addr, nil); (err == nil) != ok {
			t.Errorf("dial %s: %v", addr, err)
		}
	}
}

func TestPatternsAndBackoff(t *testing.T) {
	t.Parallel()
	ch := "sc_1"
	w := &Webhook{Events: []string{"sales-channel.*", "product.created"}, SalesChannelID: &ch}
	for _, c := range []struct {
		name, payload string
		want          bool
	}{
		{"sales-channel.updated", `{"id":"sc_1"}`, true},
		{"sales-channel.products-added", `{"id":"sc_1","product_ids":["p"]}`, true},
		{"sales-channel.updated", `{"id":"sc_2"}`, false},
		{"product.created", `{"id":"prod_1"}`, false}, // names no channel
		{"cart.created", `{"id":"cart_1","sales_channel_id":"sc_1"}`, false},
	} {
		if got := w.Matches(c.name, []byte(c.payload)); got != c.want {
			t.Errorf("%s %s: %v", c.name, c.payload, got)
		}
	}
	for i, want := range []time.Duration{time.Second, 5 * time.Second, 30 * time.Second, 2 * time.Minute} {
		if got := Backoff(i + 1); got < want || got > want+want/5 {
			t.Errorf("retry %d after %s, want %s plus up to 20%%", i+1, got, want)
		}
	}
	var total time.Duration
	n := 0
	for total < GiveUpAfter {
		n++
		total += Backoff(n)
	}
	if n < 10 || n > 20 {
		t.Errorf("%d attempts before giving up after a day", n)
	}
}
