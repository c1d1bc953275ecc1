package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"channeld/internal/webhook"
)

// webhookListen serves a webhook receiver that verifies each delivery with the secret and
// prints the verified event, until SIGINT or SIGTERM.
func webhookListen(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	fs := flag.NewFlagSet("webhook listen", flag.ContinueOnError)
	secret := fs.String("secret", getenv("CHANNELD_WEBHOOK_SECRET"), "the webhook's signing secret, whsec_… (env CHANNELD_WEBHOOK_SECRET)")
	addr := fs.String("addr", "127.0.0.1:9100", "address to listen on")
	if err := parse(fs, args, stdout, "Usage: channeld webhook listen --secret whsec_… [--addr 127.0.0.1:9100]\n\n"+
		"Receives webhook deliveries, verifies their signatures and prints each verified event as a line of JSON."); err != nil {
		return err
	}
	if *secret == "" {
		return usageError{msg: "--secret is required"}
	}
	h, err := webhook.Receiver(*secret, stdout)
	if err != nil {
		return usageError{msg: err.Error()}
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}
