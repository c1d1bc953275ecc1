package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

const usage = `channeld: the sales-channel backend of a headless commerce store.

Usage:
  channeld serve        run the HTTP API (SQLite ./channeld.db unless --database-url is given)
  channeld migrate      apply database migrations and exit
  channeld user create  create an admin user (--email, --password)
  channeld webhook listen  receive webhooks, verify their signatures and print them (--secret)

Run "channeld <command> --help" for a command's flags.`

// Run executes channeld with args (without the program name). It returns when the command is
// done or, for serve, when ctx is cancelled or SIGINT/SIGTERM arrives.
func Run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	err := dispatch(ctx, args, getenv, stdout, stderr)
	if errors.Is(err, errHelp) {
		return nil
	}
	return err
}

func dispatch(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprintln(stdout, usage)
		return usageError{msg: "no command given"}
	}
	switch args[0] {
	case "serve":
		return serve(ctx, args[1:], getenv, stdout, stderr)
	case "migrate":
		return migrate(ctx, args[1:], getenv, stdout, stderr)
	case "user":
		if len(args) < 2 || args[1] != "create" {
			return usageError{msg: `unknown user command: want "channeld user create"`}
		}
		return userCreate(ctx, args[2:], getenv, stdout, stderr)
	case "webhook":
		if len(args) < 2 || args[1] != "listen" {
			return usageError{msg: `unknown webhook command: want "channeld webhook listen"`}
		}
		return webhookListen(ctx, args[2:], getenv, stdout)
	case "-h", "--help", "-help", "help":
		fmt.Fprintln(stdout, usage)
		return nil
	}
	return usageError{msg: fmt.Sprintf("unknown command %q (want serve, migrate, user create or webhook listen)", args[0])}
}

func newLogger(w io.Writer, level slog.Level) *slog.Logger {
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: level}))
}

// serveConfig reads serve's flags and environment.
func serveConfig(args []string, getenv func(string) string, stdout io.Writer) (Config, error) {
	var cfg Config
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	level := configFlags(fs, getenv, &cfg, true)
	if err := parse(fs, args, stdout, "Usage: channeld serve [flags]\n\nRuns the HTTP API; migrations run on start."); err != nil {
		return cfg, err
	}
	var err error
	if cfg.LogLevel, err = parseLevel(*level); err != nil {
		return cfg, usageError{msg: err.Error()}
	}
	if cfg.DrainDelay < 0 {
		return cfg, usageError{msg: "invalid CHANNELD_DRAIN_DELAY: want a duration such as 10s"}
	}
	return cfg, nil
}

func serve(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, err := serveConfig(args, getenv, stdout)
	if err != nil {
		return err
	}
	log := newLogger(stdout, cfg.LogLevel)

	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	a, err := Build(ctx, cfg, log, Options{})
	if err != nil {
		ln.Close()
		return err
	}
	defer a.Close()

	if cfg.PprofAddr != "" {
		stopPprof, err := servePprof(cfg.PprofAddr, log)
		if err != nil {
			ln.Close()
			return err
		}
		defer stopPprof()
	}

	stopWorkers := a.RunWorkers()

	srv := &http.Server{Handler: a.Handler, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 120 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	log.Info("channeld listening", "addr", ln.Addr().String(), "engine", string(a.DB.Engine))
	if has, err := a.Auth.HasUsers(ctx); err == nil && !has {
		log.Warn("no admin user yet: nobody can log in to /admin. Create one with " +
			"`channeld user create --email you@example.com --password <8 characters or more>`, " +
			"or start with CHANNELD_ADMIN_EMAIL and CHANNELD_ADMIN_PASSWORD set")
	}

	select {
	case err := <-served:
		stopWorkers()
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	// A second signal stops the process at once.
	stop()
	return drainAndStop(a, srv, cfg, log, stopWorkers)
}

// drainAndStop answers the requests already accepted, then stops the relay and delivers
// what the last requests committed before the database closes.
func drainAndStop(a *App, srv *http.Server, cfg Config, log *slog.Logger, stopRelay func()) error {
	// Draining: requests are still answered, /health says 503 so that a load balancer stops
	// sending, and answers carry Connection: close so clients reconnect elsewhere.
	a.Drain()
	srv.SetKeepAlivesEnabled(false)
	if cfg.DrainDelay > 0 {
		log.Info("draining", "delay", cfg.DrainDelay.String())
		time.Sleep(cfg.DrainDelay)
	}
	log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	err := srv.Shutdown(shutdownCtx)
	stopRelay()
	if _, ferr := a.Relay.Flush(shutdownCtx); ferr != nil {
		log.Error("final outbox flush", "error", ferr.Error())
	}
	if err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	log.Info("stopped")
	return nil
}

func migrate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var cfg Config
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	configFlags(fs, getenv, &cfg, false)
	if err := parse(fs, args, stdout, "Usage: channeld migrate [flags]\n\nApplies the embedded migrations and exits."); err != nil {
		return err
	}
	a, err := Build(ctx, cfg, newLogger(stderr, slog.LevelWarn), Options{})
	if err != nil {
		return err
	}
	defer a.Close()
	fmt.Fprintln(stdout, "migrations applied")
	return nil
}

func userCreate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var cfg Config
	fs := flag.NewFlagSet("user create", flag.ContinueOnError)
	configFlags(fs, getenv, &cfg, false)
	email := fs.String("email", "", "the user's email (required)")
	password := fs.String("password", "", "the user's password, 8 characters or more (required)")
	if err := parse(fs, args, stdout, "Usage: channeld user create --email E --password P [flags]\n\nCreates an admin user holding the Super Admin role."); err != nil {
		return err
	}
	if *email == "" || *password == "" {
		return usageError{msg: "--email and --password are required"}
	}
	cfg.AdminEmail, cfg.AdminPassword = "", ""
	a, err := Build(ctx, cfg, newLogger(stderr, slog.LevelWarn), Options{})
	if err != nil {
		return err
	}
	defer a.Close()
	// The operator's command line makes super admins: it is how access is recovered.
	u, err := a.Auth.CreateUser(ctx, *email, *password, a.RBAC.GrantSuperAdmin(ctx))
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "created user %s (%s)\n", u.Email, u.ID)
	return nil
}

// ExitCode maps Run's error to a process exit code: 2 for a bad command line, 1 otherwise.
func ExitCode(err error) int {
	var ue usageError
	if errors.As(err, &ue) {
		return 2
	}
	return 1
}
