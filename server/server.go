// Package server is otpbox's platform server: the REST API under /api/v1
// (users, progress, lessons, sessions), live collaboration over websockets
// (docs/collab-protocol.md), health and Prometheus metrics, on top of a
// store.Store and a collab.Hub.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"sync"
	"time"

	"github.com/otpbox/otpbox/collab"
	"github.com/otpbox/otpbox/server/store"
)

// Config is what a Server needs. Zero limits take the defaults below.
type Config struct {
	// Store is the database. The server does not close it.
	Store store.Store
	// Log receives structured logs; nil discards them.
	Log *slog.Logger
	// AdminToken, if set, makes a user "admin" (role admin) exist that
	// this token authenticates.
	AdminToken string

	// MaxBody bounds REST request bodies (default 1 MiB).
	MaxBody int64
	// MaxMessage bounds websocket messages (default 1 MiB).
	MaxMessage int64
	// MessageRate and MessageBurst bound each websocket's incoming
	// messages per second (defaults 200 and 400): a token bucket, so
	// that a paste or a burst of keystrokes passes and a flood does not.
	MessageRate, MessageBurst float64
	// DrainTimeout bounds graceful shutdown (default 10s).
	DrainTimeout time.Duration
}

func (c *Config) defaults() {
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
	if c.MaxBody <= 0 {
		c.MaxBody = 1 << 20
	}
	if c.MaxMessage <= 0 {
		c.MaxMessage = 1 << 20
	}
	if c.MessageRate <= 0 {
		c.MessageRate = 200
	}
	if c.MessageBurst <= 0 {
		c.MessageBurst = 400
	}
	if c.DrainTimeout <= 0 {
		c.DrainTimeout = 10 * time.Second
	}
}

// Server serves the API. Create it with New.
type Server struct {
	cfg     Config
	store   store.Store
	log     *slog.Logger
	hub     *collab.Hub
	metrics *metrics
	mux     *http.ServeMux

	// conns are the open websockets, closed with a close frame on
	// shutdown; wsWG waits for their handlers.
	mu       sync.Mutex
	conns    map[*wsConn]struct{}
	closing  bool
	wsWG     sync.WaitGroup
	presence *presence
	// replica tells this process's presence notifications from other
	// replicas'.
	replica string
}

// New makes a server on cfg.Store, creating the admin user if asked.
func New(ctx context.Context, cfg Config) (*Server, error) {
	cfg.defaults()
	if cfg.Store == nil {
		return nil, errors.New("server: no store")
	}
	s := &Server{
		cfg:      cfg,
		store:    cfg.Store,
		log:      cfg.Log,
		metrics:  newMetrics(),
		conns:    map[*wsConn]struct{}{},
		presence: newPresence(),
		replica:  store.NewID(),
	}
	s.hub = newHub(cfg.Store, cfg.Log)
	if cfg.AdminToken != "" {
		u, err := cfg.Store.EnsureUser(ctx, store.User{ID: store.NewID(), Username: "admin", Role: store.RoleAdmin, Created: time.Now()}, HashToken(cfg.AdminToken))
		if err != nil {
			return nil, fmt.Errorf("server: ensuring the admin user: %w", err)
		}
		s.log.Info("admin user ready", "id", u.ID)
	}
	s.routes()
	return s, nil
}

// handlerFunc is an API handler for an authenticated user. A returned
// *apiError is sent as is; any other error is a 500, logged, with a
// generic message.
type handlerFunc func(w http.ResponseWriter, r *http.Request, actor store.User) error

func (s *Server) routes() {
	m := http.NewServeMux()
	m.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	m.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := s.store.Ping(ctx); err != nil {
			s.log.Warn("readiness check failed", "err", err)
			writeError(w, http.StatusServiceUnavailable, "store unreachable")
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
	})
	m.HandleFunc("GET /metrics", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		s.metrics.write(w)
	})
	m.Handle("POST /api/v1/users", s.authed(s.createUser))
	m.Handle("GET /api/v1/me", s.authed(s.me))
	m.Handle("POST /api/v1/progress", s.authed(s.addProgress))
	m.Handle("GET /api/v1/users/{username}/progress", s.authed(s.userProgress))
	m.Handle("GET /api/v1/lessons", s.authed(s.lessons))
	m.Handle("GET /api/v1/lessons/{id}", s.authed(s.lesson))
	m.Handle("POST /api/v1/sessions", s.authed(s.createSession))
	m.Handle("POST /api/v1/sessions/{id}/members", s.authed(s.addMember))
	m.Handle("GET /api/v1/sessions/{id}/ws", s.authedWS(s.websocket))
	s.mux = m
}

// Handler is the server's HTTP handler: routing, JSON 404/405s, panics
// turned into 500s, metrics and access logs.
func (s *Server) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		// The mux is asked for the route first, for the metrics label;
		// it then serves the request itself, which sets the path
		// values that Handler's result would lack.
		_, pattern := s.mux.Handler(r)
		route := pattern
		var h http.Handler = s.mux
		if pattern == "" {
			// The mux's own 404 and 405 answer in plain text; the API
			// promises JSON errors everywhere.
			route = "unmatched"
			h = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if allow := methodsFor(s.mux, r); allow != "" {
					w.Header().Set("Allow", allow)
					writeError(w, http.StatusMethodNotAllowed, fmt.Sprintf("method %s not allowed on %s", r.Method, r.URL.Path))
					return
				}
				writeError(w, http.StatusNotFound, fmt.Sprintf("no route for %s %s", r.Method, r.URL.Path))
			})
		}
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.log.Error("handler panic", "route", route, "panic", p, "stack", string(debug.Stack()))
				if rec.code == 0 {
					writeError(rec, http.StatusInternalServerError, "internal error")
				}
			}
			code := rec.code
			if code == 0 {
				code = http.StatusOK
			}
			d := time.Since(start)
			s.metrics.observe(route, code, d)
			s.log.Debug("request", "method", r.Method, "path", r.URL.Path, "route", route, "status", code, "duration", d)
		}()
		h.ServeHTTP(rec, r)
	})
}

// methodsFor lists the methods the mux accepts for r's path, for the
// Allow header of a 405; "" if the path matches no route at all.
func methodsFor(m *http.ServeMux, r *http.Request) string {
	allow := ""
	for _, method := range []string{http.MethodGet, http.MethodPost} {
		probe := r.Clone(r.Context())
		probe.Method = method
		if _, p := m.Handler(probe); p != "" {
			if allow != "" {
				allow += ", "
			}
			allow += method
		}
	}
	return allow
}

// authed authenticates the bearer token, then runs h; it answers 401
// itself, and turns h's error into the JSON error response.
func (s *Server) authed(h handlerFunc) http.Handler {
	return s.withUser(h, false)
}

// authedWS is authed for the websocket route, which also accepts the
// token as a query parameter because browsers cannot set headers on a
// websocket handshake.
func (s *Server) authedWS(h handlerFunc) http.Handler {
	return s.withUser(h, true)
}

func (s *Server) withUser(h handlerFunc, allowQuery bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, err := s.authenticate(r, allowQuery)
		if err == nil {
			err = h(w, r, u)
		} else if errors.Is(err, errUnauthenticated) {
			s.audit(r.Context(), "", "authenticate", r.URL.Path, false, err.Error())
			w.Header().Set("WWW-Authenticate", `Bearer realm="otpbox"`)
			err = errorf(http.StatusUnauthorized, "%v", err)
		}
		if err == nil {
			return
		}
		var ae *apiError
		if errors.As(err, &ae) {
			writeError(w, ae.status, ae.msg)
			return
		}
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		writeError(w, http.StatusInternalServerError, "internal error")
	})
}

// catchUpAll has the Hub catch up every document open on this replica,
// for the notifications missed while the LISTEN connection was down.
func (s *Server) catchUpAll() {
	for _, doc := range s.presence.docNames() {
		s.hub.Notify(doc)
	}
}

// Serve answers on l until ctx ends, then shuts down gracefully: it stops
// accepting, closes every websocket with a close frame (1001 going away),
// and waits up to DrainTimeout for requests in flight.
func (s *Server) Serve(ctx context.Context, l net.Listener) error {
	hs := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	if n, ok := s.store.(store.Notifier); ok {
		// Other replicas' ops reach this one's members through the Hub,
		// which catches up from the log on each notification.
		lctx, stop := context.WithCancel(ctx)
		defer stop()
		go func() {
			if err := n.Listen(lctx, s.catchUpAll, s.hub.Notify, s.remotePresence); err != nil {
				s.log.Error("listening for other replicas' ops", "err", err)
			}
		}()
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(l) }()
	var listenErr error
	select {
	case listenErr = <-errc:
	case <-ctx.Done():
	}
	s.log.Info("shutting down", "addr", l.Addr().String())
	dctx, cancel := context.WithTimeout(context.Background(), s.cfg.DrainTimeout)
	defer cancel()
	s.closeWebsockets()
	err := hs.Shutdown(dctx)
	defer s.hub.Close()
	done := make(chan struct{})
	go func() { s.wsWG.Wait(); close(done) }()
	select {
	case <-done:
	case <-dctx.Done():
		err = errors.Join(err, errors.New("websockets still open after the drain timeout"))
	}
	if listenErr != nil && !errors.Is(listenErr, http.ErrServerClosed) {
		return fmt.Errorf("serving on %s: %w", l.Addr(), listenErr)
	}
	if err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	return nil
}
