package dap

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"sync"
)

// SourcePather is implemented by a Runtime that knows the files its
// modules were loaded from (the language server's workspace), so that
// stack frames point at them.
type SourcePather interface {
	SourcePath(module string) (string, bool)
}

// Endpoint serves the adapter on a loopback TCP address for a system that
// is already running: the language server's workspace sandbox. A client
// attaches with {"sandbox": "workspace", "token": T}, T a one-time token
// from NewToken; one session is attached at a time.
type Endpoint struct {
	cfg    *Config
	rt     Runtime
	ln     net.Listener
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu       sync.Mutex
	tokens   map[string]bool
	attached *session
	conns    map[net.Conn]bool
}

// Listen starts an endpoint for rt on 127.0.0.1, on a free port.
func Listen(cfg *Config, rt Runtime) (*Endpoint, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("dap: listening on loopback: %w", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	e := &Endpoint{cfg: cfg, rt: rt, ln: ln, ctx: ctx, cancel: cancel, tokens: map[string]bool{}, conns: map[net.Conn]bool{}}
	e.wg.Add(1)
	go e.accept()
	return e, nil
}

// Addr is the address clients connect to, "127.0.0.1:PORT".
func (e *Endpoint) Addr() string { return e.ln.Addr().String() }

// NewToken returns a fresh token that lets one client attach once.
func (e *Endpoint) NewToken() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("dap: token: %w", err)
	}
	t := hex.EncodeToString(b[:])
	e.mu.Lock()
	e.tokens[t] = true
	e.mu.Unlock()
	return t, nil
}

// Close stops accepting, ends the sessions and waits for them.
func (e *Endpoint) Close() error {
	e.cancel()
	err := e.ln.Close()
	e.mu.Lock()
	for c := range e.conns {
		c.Close()
	}
	e.mu.Unlock()
	e.wg.Wait()
	return err
}

func (e *Endpoint) accept() {
	defer e.wg.Done()
	for {
		c, err := e.ln.Accept()
		if err != nil {
			if !errors.Is(err, net.ErrClosed) {
				e.cfg.log.Warn("dap: accepting", "err", err)
			}
			return
		}
		// Only this machine's clients: the listener is on loopback, and
		// the check keeps it so if that ever changes.
		if a, ok := c.RemoteAddr().(*net.TCPAddr); !ok || !a.IP.IsLoopback() {
			c.Close()
			continue
		}
		e.mu.Lock()
		e.conns[c] = true
		e.mu.Unlock()
		e.wg.Add(1)
		go func() {
			defer e.wg.Done()
			defer func() {
				e.mu.Lock()
				delete(e.conns, c)
				e.mu.Unlock()
				c.Close()
			}()
			if err := newSession(e.cfg, e, c, c).serve(e.ctx); err != nil && !errors.Is(err, context.Canceled) {
				e.cfg.log.Warn("dap: attached session", "err", err)
			}
		}()
	}
}

// attach spends token for s.
func (e *Endpoint) attach(s *session, token string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	ok := false
	for t := range e.tokens {
		if subtle.ConstantTimeCompare([]byte(t), []byte(token)) == 1 {
			delete(e.tokens, t)
			ok = true
			break
		}
	}
	if !ok {
		return errors.New("bad or already used token")
	}
	if e.attached != nil {
		return errors.New("another debug session is attached to this sandbox")
	}
	e.attached = s
	return nil
}

// detached is called when an attached session ends.
func (e *Endpoint) detached(s *session) {
	e.mu.Lock()
	if e.attached == s {
		e.attached = nil
	}
	e.mu.Unlock()
}
