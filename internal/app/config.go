package app

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"channeld/internal/platform/httpapi"
)

// Config is everything channeld reads from flags and the environment. Flags win over
// environment variables, which win over defaults.
type Config struct {
	Addr            string
	DatabaseURL     string
	JWTSecret       string
	AdminEmail      string
	AdminPassword   string
	LogLevel        slog.Level
	ShutdownTimeout time.Duration
	// DrainDelay is how long serve keeps answering after SIGTERM, with /health saying 503,
	// before it stops accepting connections: the time a load balancer needs to stop sending.
	DrainDelay time.Duration
	// PprofAddr, when set, serves net/http/pprof there, apart from the API.
	PprofAddr     string
	RelayInterval time.Duration
	CORS          httpapi.CORS
	// WebhookAllowPrivate lets webhooks reach loopback, private and link-local addresses.
	WebhookAllowPrivate bool
	// NATSURL, when set, publishes every event to JetStream there.
	NATSURL string
	// AdminDir holds the build of Medusa's admin dashboard that serve answers at /app; none
	// is served when it is empty or holds no build.
	AdminDir string
}

// configFlags declares the flags shared by the subcommands that open the database.
func configFlags(fs *flag.FlagSet, getenv func(string) string, cfg *Config, withServer bool) *string {
	fs.StringVar(&cfg.DatabaseURL, "database-url", envOr(getenv, "DATABASE_URL", "./channeld.db"),
		"SQLite file path or postgres:// URL (env DATABASE_URL)")
	level := fs.String("log-level", envOr(getenv, "CHANNELD_LOG_LEVEL", "info"), "debug, info, warn or error (env CHANNELD_LOG_LEVEL)")
	if withServer {
		fs.StringVar(&cfg.Addr, "addr", envOr(getenv, "CHANNELD_ADDR", "127.0.0.1:9000"), "address to listen on (env CHANNELD_ADDR)")
		fs.DurationVar(&cfg.ShutdownTimeout, "shutdown-timeout", 15*time.Second, "how long in-flight requests may take to finish on shutdown")
		fs.Var(durationValue{&cfg.DrainDelay}, "drain-delay",
			"on SIGTERM or SIGINT, keep serving this long with /health answering 503 before closing the listener, e.g. 10s (env CHANNELD_DRAIN_DELAY)")
		if v := getenv("CHANNELD_DRAIN_DELAY"); v != "" {
			if err := fs.Set("drain-delay", v); err != nil {
				cfg.DrainDelay = -1 // reported by serve: a bad value must not pass silently
			}
		}
		fs.StringVar(&cfg.PprofAddr, "pprof-addr", getenv("CHANNELD_PPROF_ADDR"),
			"serve Go's profiler (net/http/pprof) on this address, e.g. 127.0.0.1:6060; off when empty (env CHANNELD_PPROF_ADDR)")
	}
	cfg.JWTSecret = getenv("CHANNELD_JWT_SECRET")
	cfg.AdminEmail = getenv("CHANNELD_ADMIN_EMAIL")
	cfg.AdminPassword = getenv("CHANNELD_ADMIN_PASSWORD")
	cfg.RelayInterval = 250 * time.Millisecond
	cfg.WebhookAllowPrivate = getenv("CHANNELD_WEBHOOK_ALLOW_PRIVATE") == "true"
	if withServer {
		fs.StringVar(&cfg.AdminDir, "admin-dir", envOr(getenv, "CHANNELD_ADMIN_DIR", "admin/build"),
			"serve the admin dashboard built there at /app (env CHANNELD_ADMIN_DIR)")
		fs.StringVar(&cfg.NATSURL, "nats-url", getenv("CHANNELD_NATS_URL"),
			"publish every event to NATS JetStream at this URL, e.g. nats://127.0.0.1:4222; off when empty (env CHANNELD_NATS_URL)")
	}
	// Medusa's starter defaults: a storefront on :8000, the admin on :5173 or :9000.
	cfg.CORS = httpapi.CORS{
		Store: httpapi.ParseOrigins(envOr(getenv, "CHANNELD_STORE_CORS", "http://localhost:8000")),
		Admin: httpapi.ParseOrigins(envOr(getenv, "CHANNELD_ADMIN_CORS", "http://localhost:5173,http://localhost:9000")),
		Auth:  httpapi.ParseOrigins(envOr(getenv, "CHANNELD_AUTH_CORS", "http://localhost:5173,http://localhost:9000,http://localhost:8000")),
	}
	return level
}

func envOr(getenv func(string) string, key, def string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return def
}

func parseLevel(s string) (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(strings.ToUpper(s))); err != nil {
		return 0, fmt.Errorf("invalid log level %q: want debug, info, warn or error", s)
	}
	return l, nil
}

// errHelp means --help was asked for and usage was printed.
var errHelp = errors.New("help requested")

// usageError is a bad command line: run prints it as one line and exits non-zero.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// parse parses args with fs, printing usage to stdout on --help.
func parse(fs *flag.FlagSet, args []string, stdout io.Writer, usage string) error {
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(stdout, usage)
			fs.SetOutput(stdout)
			fs.PrintDefaults()
			return errHelp
		}
		return usageError{msg: err.Error()}
	}
	if fs.NArg() > 0 {
		return usageError{msg: fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	return nil
}

// durationValue is a flag.Value for a duration that is never negative.
type durationValue struct{ d *time.Duration }

func (v durationValue) String() string {
	if v.d == nil {
		return "0s"
	}
	return v.d.String()
}

func (v durationValue) Set(s string) error {
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return fmt.Errorf("invalid duration %q: want e.g. 10s", s)
	}
	*v.d = d
	return nil
}
