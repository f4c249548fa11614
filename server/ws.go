package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/coder/websocket"
	"github.com/otpbox/otpbox/collab"
	"github.com/otpbox/otpbox/server/store"
)

// Subprotocol is the websocket subprotocol of docs/collab-protocol.md.
// Clients may offer it; the server accepts connections without one too.
const Subprotocol = "otpbox.collab.v1"

// outQueue bounds the messages waiting to be written to one websocket. A
// client that falls this far behind is disconnected rather than allowed to
// grow the server's memory; it reconnects and reopens from a snapshot.
const outQueue = 1024

// wsConn is one member's collaboration websocket.
type wsConn struct {
	s       *Server
	ws      *websocket.Conn
	id      string // unique per connection: prefixes the op ids it submits
	user    store.User
	member  store.Member
	session string
	out     chan []byte
	ctx     context.Context
	cancel  context.CancelFunc

	mu   sync.Mutex
	docs map[string]*openDoc // by document name
	// pending maps the stored id of each op submitted and not yet seen
	// on the document's ordered stream to the client's id for it, so
	// the ack goes out in version order with the broadcasts.
	pending map[string]json.RawMessage

	tokens float64 // the rate limiter's bucket
	last   time.Time
}

// openDoc is a document a connection has opened.
type openDoc struct {
	name   string
	key    string // the Hub's document: session id, "/", name
	cancel func()
}

// inMsg is a client message. Fields are checked per type.
type inMsg struct {
	Type   string          `json:"type"`
	Doc    *string         `json:"doc"`
	Base   *int64          `json:"base"`
	ID     json.RawMessage `json:"id"`
	Op     json.RawMessage `json:"op"`
	Offset *int            `json:"offset"`
}

// websocket upgrades a session member's request. Everything that can
// refuse (unknown session, not a member, shutting down) answers before the
// upgrade, as a plain JSON error.
func (s *Server) websocket(w http.ResponseWriter, r *http.Request, actor store.User) error {
	sess, m, err := s.sessionMember(r, actor)
	if err != nil {
		return err
	}
	if !s.authorize(r.Context(), actor, ActJoinSession, resource{ID: sess.ID, Member: m}) {
		return errorf(http.StatusForbidden, "not a member of the session")
	}
	s.mu.Lock()
	closing := s.closing
	if !closing {
		s.wsWG.Add(1)
	}
	s.mu.Unlock()
	if closing {
		return errorf(http.StatusServiceUnavailable, "server shutting down")
	}
	defer s.wsWG.Done()
	ws, err := websocket.Accept(w, r, &websocket.AcceptOptions{Subprotocols: []string{Subprotocol}})
	if err != nil {
		// Accept has answered the client already.
		s.log.Info("websocket upgrade failed", "err", err)
		return nil
	}
	ws.SetReadLimit(s.cfg.MaxMessage)
	// The connection outlives the request's context only as long as the
	// server runs; shutdown closes it explicitly.
	ctx, cancel := context.WithCancel(context.WithoutCancel(r.Context()))
	c := &wsConn{
		s: s, ws: ws, id: store.NewID()[:12], user: actor, member: *m, session: sess.ID,
		out: make(chan []byte, outQueue), ctx: ctx, cancel: cancel,
		docs: map[string]*openDoc{}, pending: map[string]json.RawMessage{},
		tokens: s.cfg.MessageBurst, last: time.Now(),
	}
	s.mu.Lock()
	s.conns[c] = struct{}{}
	s.mu.Unlock()
	s.metrics.wsConns.Add(1)
	s.log.Info("websocket open", "user", actor.Username, "session", sess.ID, "conn", c.id)
	defer func() {
		s.mu.Lock()
		delete(s.conns, c)
		s.mu.Unlock()
		s.metrics.wsConns.Add(-1)
		c.closeDocs()
		cancel()
		s.log.Info("websocket closed", "user", actor.Username, "session", sess.ID, "conn", c.id)
	}()
	go c.writer()
	c.reader()
	return nil
}

// closeWebsockets closes every websocket with 1001 "going away" and
// refuses new ones.
func (s *Server) closeWebsockets() {
	s.mu.Lock()
	s.closing = true
	conns := make([]*wsConn, 0, len(s.conns))
	for c := range s.conns {
		conns = append(conns, c)
	}
	s.mu.Unlock()
	var wg sync.WaitGroup
	for _, c := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.ws.Close(websocket.StatusGoingAway, "server shutting down")
			c.cancel()
		}()
	}
	wg.Wait()
}

// writer is the only goroutine writing to the websocket, so messages go
// out in the order they were queued.
func (c *wsConn) writer() {
	for {
		select {
		case <-c.ctx.Done():
			return
		case b := <-c.out:
			ctx, cancel := context.WithTimeout(c.ctx, 10*time.Second)
			err := c.ws.Write(ctx, websocket.MessageText, b)
			cancel()
			if err != nil {
				c.cancel()
				return
			}
		}
	}
}

// send queues m, disconnecting a client too slow to keep up.
func (c *wsConn) send(m collab.Message) {
	b, err := json.Marshal(m)
	if err != nil {
		c.s.log.Error("encoding websocket message", "err", err)
		return
	}
	select {
	case c.out <- b:
	default:
		c.s.log.Warn("websocket client too slow; disconnecting", "conn", c.id, "user", c.user.Username)
		c.ws.Close(websocket.StatusPolicyViolation, "client too slow")
		c.cancel()
	}
}

func (c *wsConn) refuse(id json.RawMessage, format string, args ...any) {
	c.send(collab.Message{Type: "error", ID: id, Error: fmt.Sprintf(format, args...)})
}

// allow takes a token from the connection's rate bucket.
func (c *wsConn) allow() bool {
	now := time.Now()
	c.tokens = min(c.s.cfg.MessageBurst, c.tokens+now.Sub(c.last).Seconds()*c.s.cfg.MessageRate)
	c.last = now
	if c.tokens < 1 {
		return false
	}
	c.tokens--
	return true
}

func (c *wsConn) reader() {
	for {
		typ, b, err := c.ws.Read(c.ctx)
		if err != nil {
			if websocket.CloseStatus(err) == -1 && c.ctx.Err() == nil {
				c.s.log.Info("websocket read failed", "conn", c.id, "err", err)
			}
			c.cancel()
			return
		}
		c.s.metrics.wsMessages.Add(1)
		if !c.allow() {
			c.refuse(nil, "rate limit exceeded: at most %g messages per second", c.s.cfg.MessageRate)
			continue
		}
		if typ != websocket.MessageText {
			c.refuse(nil, "binary frames are not part of the protocol: send JSON text frames")
			continue
		}
		c.handle(b)
	}
}

// handle acts on one client message. Every refusal is an error message;
// the connection stays open.
func (c *wsConn) handle(b []byte) {
	var m inMsg
	if err := json.Unmarshal(b, &m); err != nil {
		c.refuse(nil, "malformed message: %v", err)
		return
	}
	if m.Doc == nil {
		c.refuse(m.ID, "malformed %q message: field \"doc\" is required", m.Type)
		return
	}
	if err := checkDocName(*m.Doc); err != nil {
		c.refuse(m.ID, "malformed %q message: %v", m.Type, err)
		return
	}
	switch m.Type {
	case "open":
		c.open(*m.Doc, m.ID)
	case "op":
		c.op(*m.Doc, m)
	case "cursor":
		c.cursor(*m.Doc, m)
	default:
		c.refuse(m.ID, "unknown message type %q: want open, op or cursor", m.Type)
	}
}

func checkDocName(name string) error {
	switch {
	case name == "":
		return errors.New("empty document name")
	case len(name) > 512:
		return errors.New("document name longer than 512 bytes")
	case !utf8.ValidString(name):
		return errors.New("document name is not UTF-8")
	}
	for _, r := range name {
		if r < 0x20 || r == 0x7f {
			return fmt.Errorf("document name %q contains a control character", name)
		}
	}
	return nil
}

// open subscribes the connection to a document and sends its snapshot;
// every op committed after the snapshot follows in order. Opening an open
// document sends a fresh snapshot.
func (c *wsConn) open(name string, id json.RawMessage) {
	key := c.session + "/" + name
	c.mu.Lock()
	if d := c.docs[name]; d != nil {
		d.cancel()
		delete(c.docs, name)
	}
	c.mu.Unlock()
	// Join gives the snapshot and the ops after it with none missed.
	version, text, ch, unsubscribe, err := c.s.hub.Join(c.ctx, key)
	if err != nil {
		c.s.log.Error("opening document", "doc", key, "err", err)
		c.refuse(id, "cannot open document %q: internal error", name)
		return
	}
	d := &openDoc{name: name, key: key}
	fctx, fcancel := context.WithCancel(c.ctx)
	d.cancel = func() { fcancel(); unsubscribe(); c.s.presence.leave(key, c) }
	c.mu.Lock()
	c.docs[name] = d
	c.mu.Unlock()
	c.send(collab.Message{Type: "snapshot", Doc: name, Version: &version, Text: &text})
	for _, p := range c.s.presence.join(key, c) {
		c.send(collab.Message{Type: "cursor", Doc: name, User: p.user, Offset: &p.offset})
	}
	go c.forward(fctx, d, ch, version)
}

// forward relays a document's committed ops to the client, in version
// order: the client's own come back as acks, the others' as op messages.
func (c *wsConn) forward(ctx context.Context, d *openDoc, ch <-chan collab.StoredOp, after int64) {
	for {
		select {
		case <-ctx.Done():
			return
		case op, ok := <-ch:
			if !ok {
				// The Hub dropped the subscription (the client fell
				// behind); the client must reopen from a snapshot.
				c.refuse(nil, "document %q: subscription lost; open it again", d.name)
				return
			}
			if op.Version <= after {
				continue
			}
			c.s.presence.transform(d.key, op, c)
			c.mu.Lock()
			cid, own := c.pending[op.ID]
			delete(c.pending, op.ID)
			c.mu.Unlock()
			v := op.Version
			if own {
				c.send(collab.Message{Type: "ack", Doc: d.name, Version: &v, ID: cid})
				continue
			}
			o := op.Op
			c.send(collab.Message{Type: "op", Doc: d.name, Version: &v, Op: &o, Author: op.Author})
		}
	}
}

func (c *wsConn) op(name string, m inMsg) {
	if !c.s.authorize(c.ctx, c.user, ActEditDocument, resource{ID: c.session + "/" + name, Member: &c.member}) {
		c.refuse(m.ID, "viewers cannot edit: you are a viewer of this session")
		return
	}
	switch {
	case len(m.ID) == 0:
		c.refuse(nil, "malformed op message: field \"id\" is required")
		return
	case m.Base == nil:
		c.refuse(m.ID, "malformed op message: field \"base\" is required")
		return
	case len(m.Op) == 0:
		c.refuse(m.ID, "malformed op message: field \"op\" is required")
		return
	}
	var op collab.Op
	if err := json.Unmarshal(m.Op, &op); err != nil {
		c.refuse(m.ID, "malformed op: %v", err)
		return
	}
	c.mu.Lock()
	d := c.docs[name]
	c.mu.Unlock()
	if d == nil {
		c.refuse(m.ID, "document %q is not open: send an open message first", name)
		return
	}
	sid := c.id + "/" + string(m.ID)
	c.mu.Lock()
	c.pending[sid] = m.ID
	c.mu.Unlock()
	// Submit blocks until the op is durable. Reading the next message
	// waits meanwhile, which is what an ot.js client expects: it has at
	// most one op in flight per document.
	_, err := c.s.hub.Submit(c.ctx, d.key, *m.Base, op, c.user.Username, sid)
	if err != nil {
		c.mu.Lock()
		delete(c.pending, sid)
		c.mu.Unlock()
		if errors.Is(err, collab.ErrBaseFromFuture) || errors.Is(err, collab.ErrBadBase) || errors.Is(err, collab.ErrLengthMismatch) {
			c.refuse(m.ID, "op refused: %v", err)
			return
		}
		c.s.log.Error("submitting op", "doc", d.key, "err", err)
		c.refuse(m.ID, "op refused: internal error")
		return
	}
	c.s.metrics.opsCommit.Add(1)
}

func (c *wsConn) cursor(name string, m inMsg) {
	if m.Offset == nil || *m.Offset < 0 {
		c.refuse(m.ID, "malformed cursor message: field \"offset\" must be a non-negative integer")
		return
	}
	key := c.session + "/" + name
	c.mu.Lock()
	open := c.docs[name] != nil
	c.mu.Unlock()
	if !open {
		c.refuse(m.ID, "document %q is not open: send an open message first", name)
		return
	}
	for _, other := range c.s.presence.move(key, c, *m.Offset) {
		other.send(collab.Message{Type: "cursor", Doc: name, User: c.user.Username, Offset: m.Offset})
	}
	if n, ok := c.s.store.(store.Notifier); ok {
		b, err := json.Marshal(remoteCursor{Replica: c.s.replica, Doc: key, User: c.user.Username, Offset: *m.Offset})
		if err == nil {
			err = n.Publish(c.ctx, b)
		}
		if err != nil {
			c.s.log.Warn("publishing cursor to other replicas", "err", err)
		}
	}
}

// remoteCursor is a cursor move as replicas tell each other.
type remoteCursor struct {
	Replica string `json:"r"`
	Doc     string `json:"doc"` // the Hub's key: session id, "/", name
	User    string `json:"user"`
	Offset  int    `json:"offset"`
}

// remotePresence relays another replica's cursor move to this replica's
// connections on the document.
func (s *Server) remotePresence(payload []byte) {
	var rc remoteCursor
	if err := json.Unmarshal(payload, &rc); err != nil {
		s.log.Warn("ignoring a malformed presence notification", "err", err)
		return
	}
	if rc.Replica == s.replica {
		return
	}
	_, name, ok := strings.Cut(rc.Doc, "/")
	if !ok {
		return
	}
	for _, c := range s.presence.members(rc.Doc) {
		c.send(collab.Message{Type: "cursor", Doc: name, User: rc.User, Offset: &rc.Offset})
	}
}

func (c *wsConn) closeDocs() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for name, d := range c.docs {
		d.cancel()
		delete(c.docs, name)
	}
}

// presence holds the cursors of the connections on each document of this
// replica. Cursors live only here, in memory: presence is never stored.
type presence struct {
	mu   sync.Mutex
	docs map[string]map[*wsConn]int // offset, -1 before the first cursor
}

type cursorAt struct {
	user   string
	offset int
}

func newPresence() *presence { return &presence{docs: map[string]map[*wsConn]int{}} }

// join adds c to doc and returns the others' known cursors.
func (p *presence) join(doc string, c *wsConn) []cursorAt {
	p.mu.Lock()
	defer p.mu.Unlock()
	m := p.docs[doc]
	if m == nil {
		m = map[*wsConn]int{}
		p.docs[doc] = m
	}
	m[c] = -1
	var out []cursorAt
	for o, off := range m {
		if o != c && off >= 0 {
			out = append(out, cursorAt{o.user.Username, off})
		}
	}
	return out
}

func (p *presence) leave(doc string, c *wsConn) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.docs[doc], c)
	if len(p.docs[doc]) == 0 {
		delete(p.docs, doc)
	}
}

// move sets c's cursor and returns the connections to tell.
func (p *presence) move(doc string, c *wsConn, offset int) []*wsConn {
	p.mu.Lock()
	defer p.mu.Unlock()
	m := p.docs[doc]
	m[c] = offset
	others := make([]*wsConn, 0, len(m))
	for o := range m {
		if o != c {
			others = append(others, o)
		}
	}
	return others
}

// docNames lists the documents open on this replica.
func (p *presence) docNames() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make([]string, 0, len(p.docs))
	for d := range p.docs {
		out = append(out, d)
	}
	return out
}

// members lists the connections with doc open.
func (p *presence) members(doc string) []*wsConn {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make([]*wsConn, 0, len(p.docs[doc]))
	for c := range p.docs[doc] {
		out = append(out, c)
	}
	return out
}

// transform moves c's cursor on doc through a committed op. Each
// connection's forwarder calls it for its own cursor, so every cursor
// moves once per op.
func (p *presence) transform(doc string, op collab.StoredOp, c *wsConn) {
	p.mu.Lock()
	defer p.mu.Unlock()
	off, ok := p.docs[doc][c]
	if !ok || off < 0 {
		return
	}
	// The client's cursor may lie past the end if it sent it against
	// edits still unacknowledged; clamp it onto the document.
	off = min(off, op.Op.BaseLen())
	own := op.Author == c.user.Username
	p.docs[doc][c] = collab.TransformCursor(off, op.Op, own)
}
