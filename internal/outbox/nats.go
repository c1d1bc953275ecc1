package outbox

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Stream is the JetStream stream channeld publishes to, on the subjects channeld.<event>.
const (
	Stream        = "CHANNELD"
	SubjectPrefix = "channeld."
)

// NATS publishes events to JetStream, each on channeld.<event name> with Nats-Msg-Id set to
// the event id, so that the stream drops a message the relay publishes twice.
type NATS struct {
	conn *nats.Conn
	js   jetstream.JetStream
}

// DialNATS connects to url and creates the CHANNELD stream when it is missing.
func DialNATS(ctx context.Context, url string) (*NATS, error) {
	nc, err := nats.Connect(url, nats.Name("channeld"), nats.MaxReconnects(-1))
	if err != nil {
		return nil, fmt.Errorf("connect to NATS at %s: %w", url, err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("JetStream at %s: %w", url, err)
	}
	if _, err := js.Stream(ctx, Stream); errors.Is(err, jetstream.ErrStreamNotFound) {
		_, err = js.CreateStream(ctx, jetstream.StreamConfig{Name: Stream, Subjects: []string{SubjectPrefix + ">"},
			Duplicates: 24 * time.Hour})
		if errors.Is(err, jetstream.ErrStreamNameAlreadyInUse) { // another instance made it first
			err = nil
		}
		if err != nil {
			nc.Close()
			return nil, fmt.Errorf("create stream %s: %w", Stream, err)
		}
	} else if err != nil {
		nc.Close()
		return nil, fmt.Errorf("find stream %s: %w", Stream, err)
	}
	return &NATS{conn: nc, js: js}, nil
}

// natsBody is a message's data: the event as webhooks receive it, with its id.
type natsBody struct {
	ID        string          `json:"id"`
	Type      string          `json:"type"`
	Timestamp string          `json:"timestamp"`
	Data      json.RawMessage `json:"data"`
}

// Publish sends msgs asynchronously and waits until the stream has acknowledged each.
func (n *NATS) Publish(ctx context.Context, msgs []Message) error {
	futures := make([]jetstream.PubAckFuture, 0, len(msgs))
	for _, m := range msgs {
		data, err := json.Marshal(natsBody{ID: m.ID, Type: m.Name, Timestamp: m.CreatedAt.UTC().Format("2006-01-02T15:04:05.000Z"), Data: m.Payload})
		if err != nil {
			return fmt.Errorf("encode %s: %w", m.ID, err)
		}
		f, err := n.js.PublishAsync(SubjectPrefix+m.Name, data, jetstream.WithMsgID(m.ID))
		if err != nil {
			return fmt.Errorf("publish %s to NATS: %w", m.ID, err)
		}
		futures = append(futures, f)
	}
	for _, f := range futures {
		select {
		case <-f.Ok():
		case err := <-f.Err():
			return fmt.Errorf("publish %s to NATS: %w", f.Msg().Header.Get(jetstream.MsgIDHeader), err)
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// Close drains the connection.
func (n *NATS) Close() { n.conn.Close() }
