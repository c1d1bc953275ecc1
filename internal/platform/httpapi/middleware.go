package httpapi

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

type requestIDKey struct{}

type outcomeKey struct{}

// outcome is what WriteError tells the request log about an error answer.
type outcome struct {
	errType, message string
}

// noteError records an answered error for the request's log line, when Instrument runs.
func noteError(ctx context.Context, errType, message string) {
	if o, ok := ctx.Value(outcomeKey{}).(*outcome); ok {
		o.errType, o.message = errType, message
	}
}

// RequestID returns the id of the request being served, or "".
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// Metrics are the HTTP figures channeld exports to Prometheus.
type Metrics struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

// NewMetrics registers the HTTP metrics in reg.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "channeld_http_requests_total",
			Help: "HTTP requests served, by route pattern, method and status.",
		}, []string{"route", "method", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "channeld_http_request_duration_seconds",
			Help:    "Time to serve an HTTP request, by route pattern and method.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
		}, []string{"route", "method"}),
	}
	reg.MustRegister(m.requests, m.duration)
	return m
}

// statusRecorder remembers the status a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

// Instrument wraps the router: it gives each request an id (kept from X-Request-Id when the
// caller sent a sane one), recovers panics into a 500, and logs and measures every request by
// its route pattern, so metric labels stay few whatever the paths.
func Instrument(next http.Handler, log *slog.Logger, m *Metrics) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		reqID := r.Header.Get("X-Request-Id")
		if reqID == "" || len(reqID) > 64 {
			reqID = newRequestID()
		}
		w.Header().Set("X-Request-Id", reqID)
		out := &outcome{}
		ctx := context.WithValue(context.WithValue(r.Context(), requestIDKey{}, reqID), outcomeKey{}, out)
		r = r.WithContext(ctx)
		rec := &statusRecorder{ResponseWriter: w}
		defer func() {
			if p := recover(); p != nil {
				log.ErrorContext(r.Context(), "panic", "panic", p, "request_id", reqID)
				if rec.status == 0 {
					WriteJSON(rec, http.StatusInternalServerError, errorBody{
						Code: "unknown_error", Type: "unknown_error", Message: "An unknown error occurred.",
					})
				}
			}
			// ServeMux sets r.Pattern on the request it was handed, which is this one.
			route := r.Pattern
			if route == "" || route == "/" {
				route = "unmatched"
			}
			status := rec.status
			if status == 0 {
				status = http.StatusOK
			}
			elapsed := time.Since(start)
			if m != nil {
				m.requests.WithLabelValues(route, r.Method, strconv.Itoa(status)).Inc()
				m.duration.WithLabelValues(route, r.Method).Observe(elapsed.Seconds())
			}
			attrs := []slog.Attr{
				slog.String("request_id", reqID),
				slog.String("method", r.Method),
				slog.String("route", route),
				slog.String("path", r.URL.Path),
				slog.Int("status", status),
				slog.Float64("duration_ms", float64(elapsed.Microseconds())/1000),
			}
			// A refused request says why, so an operator need not reproduce it.
			if out.errType != "" {
				attrs = append(attrs, slog.String("error_type", out.errType), slog.String("error", out.message))
			}
			log.LogAttrs(r.Context(), slog.LevelInfo, "request", attrs...)
		}()
		next.ServeHTTP(rec, r)
	})
}

func newRequestID() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
