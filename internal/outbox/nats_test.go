package outbox_test

import (
	"context"
	"encoding/json"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"channeld/internal/outbox"
	"channeld/internal/platform/db"
	"channeld/internal/platform/id"
)

// natsURL is the NATS server the tests use: the one .ci/run makes sure answers, or skip when
// none does (CHANNELD_REQUIRE_NATS=1 makes that a failure).
func natsURL(t *testing.T) string {
	t.Helper()
	c, err := net.DialTimeout("tcp", "127.0.0.1:4222", time.Second)
	if err != nil {
		if os.Getenv("CHANNELD_REQUIRE_NATS") != "" {
			t.Fatalf("no NATS server on 127.0.0.1:4222: %v", err)
		}
		t.Skip("no NATS server on 127.0.0.1:4222")
	}
	c.Close()
	return "nats://127.0.0.1:4222"
}

// Events relayed to JetStream land on channeld.<name> in the CHANNELD stream, once each
// even when the relay publishes them again, with Nats-Msg-Id the event id.
func TestRelayToJetStream(t *testing.T) {
	t.Parallel()
	url := natsURL(t)
	eachFixture(t, func(t *testing.T, f fixture) {
		ctx := context.Background()
		pub, err := outbox.DialNATS(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		defer pub.Close()
		name := "natstest-" + strings.ToLower(id.New("x")) + ".created"
		if err := f.d.Tx(ctx, func(tx db.DBTX) error {
			return outbox.Append(ctx, tx, time.Now(), outbox.IDEvent(name, "x_1"), outbox.IDEvent(name, "x_2"))
		}); err != nil {
			t.Fatal(err)
		}
		rec := &recorder{}
		relay := newRelay(f.d, outbox.Publishers{rec, pub}, 10)
		if n, err := relay.Flush(ctx); err != nil || n != 2 {
			t.Fatalf("flush: %d, %v", n, err)
		}
		// A relay that crashed before marking publishes the same events again.
		if err := pub.Publish(ctx, rec.msgs); err != nil {
			t.Fatal(err)
		}

		nc, err := nats.Connect(url)
		if err != nil {
			t.Fatal(err)
		}
		defer nc.Close()
		js, _ := jetstream.New(nc)
		cons, err := js.OrderedConsumer(ctx, outbox.Stream, jetstream.OrderedConsumerConfig{FilterSubjects: []string{"channeld." + name}})
		if err != nil {
			t.Fatal(err)
		}
		batch, err := cons.Fetch(10, jetstream.FetchMaxWait(time.Second))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for m := range batch.Messages() {
			var body struct {
				ID   string            `json:"id"`
				Type string            `json:"type"`
				Data map[string]string `json:"data"`
			}
			if err := json.Unmarshal(m.Data(), &body); err != nil || body.Type != name || m.Headers().Get("Nats-Msg-Id") != body.ID {
				t.Errorf("message %s %v: %v", m.Data(), m.Headers(), err)
			}
			got = append(got, body.Data["id"])
		}
		if strings.Join(got, ",") != "x_1,x_2" {
			t.Errorf("stream holds %v, want x_1 and x_2 once each", got)
		}
	})
}
