package server

import (
	"fmt"
	"io"
	"net/http"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// latencyBuckets are the upper bounds, in seconds, of the request latency
// histogram: from a cached GET to a slow fsync.
var latencyBuckets = []float64{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5}

// metrics are the server's counters, exposed in Prometheus's text format.
// They are written by hand: the format is a few lines of text, not worth a
// dependency.
type metrics struct {
	mu       sync.Mutex
	requests map[routeCode]uint64
	latency  map[string]*histogram // by route

	wsConns    atomic.Int64
	opsCommit  atomic.Uint64
	wsMessages atomic.Uint64
}

type routeCode struct {
	route string
	code  int
}

type histogram struct {
	counts []uint64 // per bucket, not cumulative; the last is +Inf
	sum    float64
	n      uint64
}

func newMetrics() *metrics {
	return &metrics{requests: map[routeCode]uint64{}, latency: map[string]*histogram{}}
}

func (m *metrics) observe(route string, code int, d time.Duration) {
	sec := d.Seconds()
	i := sort.SearchFloat64s(latencyBuckets, sec)
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[routeCode{route, code}]++
	h := m.latency[route]
	if h == nil {
		h = &histogram{counts: make([]uint64, len(latencyBuckets)+1)}
		m.latency[route] = h
	}
	h.counts[i]++
	h.sum += sec
	h.n++
}

// write renders the metrics in the text exposition format, sorted so that
// the output is stable.
func (m *metrics) write(w io.Writer) {
	m.mu.Lock()
	keys := make([]routeCode, 0, len(m.requests))
	for k := range m.requests {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].route != keys[j].route {
			return keys[i].route < keys[j].route
		}
		return keys[i].code < keys[j].code
	})
	fmt.Fprintln(w, "# HELP otpbox_http_requests_total HTTP requests by route pattern and status code.")
	fmt.Fprintln(w, "# TYPE otpbox_http_requests_total counter")
	for _, k := range keys {
		fmt.Fprintf(w, "otpbox_http_requests_total{route=%s,code=\"%d\"} %d\n", strconv.Quote(k.route), k.code, m.requests[k])
	}
	routes := make([]string, 0, len(m.latency))
	for r := range m.latency {
		routes = append(routes, r)
	}
	sort.Strings(routes)
	fmt.Fprintln(w, "# HELP otpbox_http_request_duration_seconds HTTP request latency by route pattern.")
	fmt.Fprintln(w, "# TYPE otpbox_http_request_duration_seconds histogram")
	for _, r := range routes {
		h, q := m.latency[r], strconv.Quote(r)
		var cum uint64
		for i, b := range latencyBuckets {
			cum += h.counts[i]
			fmt.Fprintf(w, "otpbox_http_request_duration_seconds_bucket{route=%s,le=\"%g\"} %d\n", q, b, cum)
		}
		fmt.Fprintf(w, "otpbox_http_request_duration_seconds_bucket{route=%s,le=\"+Inf\"} %d\n", q, h.n)
		fmt.Fprintf(w, "otpbox_http_request_duration_seconds_sum{route=%s} %g\n", q, h.sum)
		fmt.Fprintf(w, "otpbox_http_request_duration_seconds_count{route=%s} %d\n", q, h.n)
	}
	m.mu.Unlock()
	fmt.Fprintln(w, "# HELP otpbox_websocket_connections Open collaboration websockets.")
	fmt.Fprintln(w, "# TYPE otpbox_websocket_connections gauge")
	fmt.Fprintf(w, "otpbox_websocket_connections %d\n", m.wsConns.Load())
	fmt.Fprintln(w, "# HELP otpbox_websocket_messages_total Messages received on collaboration websockets.")
	fmt.Fprintln(w, "# TYPE otpbox_websocket_messages_total counter")
	fmt.Fprintf(w, "otpbox_websocket_messages_total %d\n", m.wsMessages.Load())
	fmt.Fprintln(w, "# HELP otpbox_ops_committed_total Collaboration operations committed through this replica.")
	fmt.Fprintln(w, "# TYPE otpbox_ops_committed_total counter")
	fmt.Fprintf(w, "otpbox_ops_committed_total %d\n", m.opsCommit.Load())
}

// statusRecorder remembers the status a handler wrote, for the metrics
// and the access log.
type statusRecorder struct {
	http.ResponseWriter
	code int
}

// WriteHeader records the first status written.
func (r *statusRecorder) WriteHeader(code int) {
	if r.code == 0 {
		r.code = code
	}
	r.ResponseWriter.WriteHeader(code)
}

// Write records an implicit 200.
func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.code == 0 {
		r.code = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController, and the websocket upgrade through
// it, reach the underlying writer's Hijack.
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }
