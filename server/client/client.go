// Package client is a Go client of otpbox's collaboration protocol
// (docs/collab-protocol.md): a websocket to one session, and per open
// document the ot.js client state machine, so that local edits apply at
// once and remote ones are transformed against the edits still in flight.
//
// The server's tests, the load generator (otpbox bench collab) and the
// language server's collaboration bridge use it.
package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync"

	"github.com/coder/websocket"
	"github.com/otpbox/otpbox/collab"
)

// Conn is a websocket to a session. Its methods are safe for concurrent
// use.
type Conn struct {
	ws     *websocket.Conn
	ctx    context.Context
	cancel context.CancelFunc
	wmu    sync.Mutex // serialises writes

	mu      sync.Mutex
	docs    map[string]*Doc
	opening map[string]chan *Doc
	errs    []string
	done    chan struct{}
	err     error
	nextID  int
}

// Dial connects to a session's websocket URL (ws://HOST/api/v1/sessions/ID/ws)
// with a bearer token. An HTTP refusal before the upgrade comes back as an
// error that includes the status and the server's message.
func Dial(ctx context.Context, url, token string) (*Conn, error) {
	h := http.Header{}
	h.Set("Authorization", "Bearer "+token)
	ws, resp, err := websocket.Dial(ctx, url, &websocket.DialOptions{HTTPHeader: h, Subprotocols: []string{"otpbox.collab.v1"}})
	if err != nil {
		if resp != nil {
			return nil, &DialError{Status: resp.StatusCode, Err: err}
		}
		return nil, fmt.Errorf("dialing %s: %w", url, err)
	}
	ws.SetReadLimit(64 << 20)
	cctx, cancel := context.WithCancel(context.Background())
	c := &Conn{ws: ws, ctx: cctx, cancel: cancel, docs: map[string]*Doc{}, opening: map[string]chan *Doc{}, done: make(chan struct{})}
	go c.read()
	return c, nil
}

// DialError is a refused handshake.
type DialError struct {
	Status int
	Err    error
}

// Error says the status and the handshake error.
func (e *DialError) Error() string {
	return fmt.Sprintf("websocket refused with HTTP %d: %v", e.Status, e.Err)
}

// Unwrap returns the handshake error.
func (e *DialError) Unwrap() error { return e.Err }

// Close closes the websocket with a normal close frame.
func (c *Conn) Close() error {
	err := c.ws.Close(websocket.StatusNormalClosure, "bye")
	c.cancel()
	<-c.done
	return err
}

// Done is closed when the connection ends; Err then says why.
func (c *Conn) Done() <-chan struct{} { return c.done }

// Err is why the connection ended, nil while it is open.
func (c *Conn) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// Errors returns the error messages the server has sent so far.
func (c *Conn) Errors() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.errs...)
}

func (c *Conn) write(m collab.Message) error {
	b, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("encoding %s message: %w", m.Type, err)
	}
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if err := c.ws.Write(c.ctx, websocket.MessageText, b); err != nil {
		return fmt.Errorf("sending %s message: %w", m.Type, err)
	}
	return nil
}

// Open opens a document of the session and waits for its snapshot.
func (c *Conn) Open(ctx context.Context, doc string) (*Doc, error) {
	ch := make(chan *Doc, 1)
	c.mu.Lock()
	c.opening[doc] = ch
	c.mu.Unlock()
	if err := c.write(collab.Message{Type: "open", Doc: doc}); err != nil {
		return nil, err
	}
	select {
	case d := <-ch:
		return d, nil
	case <-c.done:
		return nil, fmt.Errorf("opening %q: connection closed: %w", doc, c.Err())
	case <-ctx.Done():
		return nil, fmt.Errorf("opening %q: %w", doc, ctx.Err())
	}
}

func (c *Conn) read() {
	defer close(c.done)
	for {
		_, b, err := c.ws.Read(c.ctx)
		if err != nil {
			c.mu.Lock()
			c.err = err
			for _, d := range c.docs {
				d.cond.Broadcast()
			}
			c.mu.Unlock()
			return
		}
		var m collab.Message
		if err := json.Unmarshal(b, &m); err != nil {
			c.fail(fmt.Errorf("server sent a malformed message: %w", err))
			return
		}
		send, err := c.dispatch(m)
		if err == nil && send != nil {
			// The buffered edits, sent on their predecessor's ack. The
			// reader sends them itself, outside the lock, so they go out
			// before anything it reads next is handled.
			err = c.write(*send)
		}
		if err != nil {
			c.fail(err)
			return
		}
	}
}

func (c *Conn) fail(err error) {
	c.mu.Lock()
	c.err = err
	c.mu.Unlock()
	c.ws.Close(websocket.StatusProtocolError, "protocol error")
}

// dispatch applies one server message; it returns a message to send
// when an ack releases the buffered edits.
func (c *Conn) dispatch(m collab.Message) (*collab.Message, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if m.Type == "error" {
		c.errs = append(c.errs, m.Error)
		if d := c.docFor(m.ID); d != nil {
			d.refused(m.Error)
		}
		return nil, nil
	}
	if m.Type == "snapshot" {
		if m.Version == nil || m.Text == nil {
			return nil, errors.New("snapshot without version or text")
		}
		d := &Doc{c: c, name: m.Doc, text: []rune(*m.Text), st: collab.NewClient(*m.Version, *m.Text), cursors: map[string]int{}}
		d.cond = sync.NewCond(&c.mu)
		c.docs[m.Doc] = d
		if ch := c.opening[m.Doc]; ch != nil {
			delete(c.opening, m.Doc)
			ch <- d
		}
		return nil, nil
	}
	d := c.docs[m.Doc]
	if d == nil {
		return nil, fmt.Errorf("%s message for document %q, which is not open", m.Type, m.Doc)
	}
	defer d.cond.Broadcast()
	switch m.Type {
	case "ack":
		if m.Version == nil {
			return nil, errors.New("ack without version")
		}
		return d.ack(*m.Version)
	case "op":
		if m.Version == nil || m.Op == nil {
			return nil, errors.New("op without version or op")
		}
		return nil, d.remote(*m.Op, *m.Version)
	case "cursor":
		if m.Offset != nil {
			d.cursors[m.User] = *m.Offset
		}
		return nil, nil
	}
	return nil, fmt.Errorf("unknown message type %q", m.Type)
}

// docFor finds the document whose op in flight has this id.
func (c *Conn) docFor(id json.RawMessage) *Doc {
	for _, d := range c.docs {
		if d.st.Pending() && string(d.outID) == string(id) {
			return d
		}
	}
	return nil
}

// Doc is an open document: its text as this client sees it. The ot.js
// client states (synchronized, awaiting an ack, awaiting with a buffer)
// are collab.Client's, the same state machine every client uses.
type Doc struct {
	c    *Conn
	name string
	cond *sync.Cond // on c.mu; signalled on every change
	st   *collab.Client
	// text is st.Text() as runes, kept so that WaitFor's conditions and
	// Edit's callbacks do not convert the document on every call.
	text []rune

	outID     json.RawMessage
	acked     []collab.Op
	refusal   string
	cursors   map[string]int
	remoteOps int
}

// Edit applies a local edit at once and sends it (or buffers it while
// another is in flight). fn builds the op from the current text, under the
// document's lock, so the op always fits the text it applies to.
func (d *Doc) Edit(fn func(text []rune) (collab.Op, bool)) error {
	c := d.c
	c.mu.Lock()
	if c.err != nil {
		err := c.err
		c.mu.Unlock()
		return fmt.Errorf("connection closed: %w", err)
	}
	op, ok := fn(d.text)
	if !ok {
		c.mu.Unlock()
		return nil
	}
	out, base, sendNow, err := d.st.Edit(op)
	if err != nil {
		c.mu.Unlock()
		return fmt.Errorf("local edit: %w", err)
	}
	d.text = []rune(d.st.Text())
	var send *collab.Message
	if sendNow {
		send = d.sendLocked(out, base)
	}
	d.cond.Broadcast()
	c.mu.Unlock()
	if send != nil {
		return c.write(*send)
	}
	return nil
}

// sendLocked returns the message that sends op, the op in flight, based
// on version base.
func (d *Doc) sendLocked(op collab.Op, base int64) *collab.Message {
	d.c.nextID++
	d.outID = json.RawMessage(strconv.Quote(strconv.Itoa(d.c.nextID)))
	return &collab.Message{Type: "op", Doc: d.name, Base: &base, ID: d.outID, Op: &op}
}

// ack: the op in flight is durable at version v. It returns the buffered
// edits to send next, if any.
func (d *Doc) ack(v int64) (*collab.Message, error) {
	committed, _ := d.st.Outstanding()
	out, base, send, err := d.st.Ack(v)
	if err != nil {
		return nil, err
	}
	d.acked = append(d.acked, committed)
	d.outID = nil
	if !send {
		return nil, nil
	}
	return d.sendLocked(out, base), nil
}

// remote applies another member's op, committed at version v, after
// transforming it past the local edits the server has not seen.
func (d *Doc) remote(op collab.Op, v int64) error {
	if _, err := d.st.Remote(v, op); err != nil {
		return err
	}
	d.text = []rune(d.st.Text())
	d.remoteOps++
	return nil
}

func (d *Doc) refused(msg string) {
	d.refusal = msg
	d.cond.Broadcast()
}

// Text is the document as this client sees it.
func (d *Doc) Text() string {
	d.c.mu.Lock()
	defer d.c.mu.Unlock()
	return string(d.text)
}

// Version is the server version the client's text is based on.
func (d *Doc) Version() int64 {
	d.c.mu.Lock()
	defer d.c.mu.Unlock()
	return d.st.Version()
}

// Acked returns the ops the server has acknowledged, in order, as sent
// (each possibly several composed local edits).
func (d *Doc) Acked() []collab.Op {
	d.c.mu.Lock()
	defer d.c.mu.Unlock()
	return append([]collab.Op(nil), d.acked...)
}

// Cursors returns the other members' last known cursor offsets.
func (d *Doc) Cursors() map[string]int {
	d.c.mu.Lock()
	defer d.c.mu.Unlock()
	out := make(map[string]int, len(d.cursors))
	for k, v := range d.cursors {
		out[k] = v
	}
	return out
}

// SetCursor sends the local cursor offset.
func (d *Doc) SetCursor(offset int) error {
	return d.c.write(collab.Message{Type: "cursor", Doc: d.name, Offset: &offset})
}

// WaitFor blocks until cond holds (checked with the document locked and
// passed its text and version), the server refuses an op, the connection
// ends, or ctx ends.
func (d *Doc) WaitFor(ctx context.Context, cond func(text []rune, version int64, synced bool) bool) error {
	c := d.c
	stop := context.AfterFunc(ctx, func() {
		c.mu.Lock()
		d.cond.Broadcast()
		c.mu.Unlock()
	})
	defer stop()
	c.mu.Lock()
	defer c.mu.Unlock()
	for {
		switch {
		case cond(d.text, d.st.Version(), !d.st.Pending()):
			return nil
		case d.refusal != "":
			return fmt.Errorf("server refused an op: %s", d.refusal)
		case c.err != nil:
			return fmt.Errorf("connection closed: %w", c.err)
		case ctx.Err() != nil:
			return fmt.Errorf("waiting on %q at version %d: %w", d.name, d.st.Version(), ctx.Err())
		}
		d.cond.Wait()
	}
}

// WaitSynced waits until every local edit is acknowledged.
func (d *Doc) WaitSynced(ctx context.Context) error {
	return d.WaitFor(ctx, func(_ []rune, _ int64, synced bool) bool { return synced })
}

// WaitVersion waits until the client has seen version v and has no
// edits in flight.
func (d *Doc) WaitVersion(ctx context.Context, v int64) error {
	return d.WaitFor(ctx, func(_ []rune, have int64, synced bool) bool { return synced && have >= v })
}
