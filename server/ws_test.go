package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/otpbox/otpbox/collab"
	"github.com/otpbox/otpbox/server/client"
	"github.com/otpbox/otpbox/server/store"
)

func (e *env) wsURL(session string) string {
	return "ws" + strings.TrimPrefix(e.base, "http") + "/api/v1/sessions/" + session + "/ws"
}

// rawWS is a websocket driven message by message, for protocol tests.
type rawWS struct {
	t  testing.TB
	ws *websocket.Conn
}

func (e *env) rawDial(session, token string) *rawWS {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	h := http.Header{"Authorization": {"Bearer " + token}}
	ws, _, err := websocket.Dial(ctx, e.wsURL(session), &websocket.DialOptions{HTTPHeader: h})
	if err != nil {
		e.t.Fatalf("dialing: %v", err)
	}
	e.t.Cleanup(func() { ws.CloseNow() })
	return &rawWS{t: e.t, ws: ws}
}

func (w *rawWS) send(typ websocket.MessageType, s string) {
	w.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := w.ws.Write(ctx, typ, []byte(s)); err != nil {
		w.t.Fatalf("sending %s: %v", s, err)
	}
}

func (w *rawWS) recv() map[string]any {
	w.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	typ, b, err := w.ws.Read(ctx)
	if err != nil {
		w.t.Fatalf("reading: %v", err)
	}
	if typ != websocket.MessageText {
		w.t.Fatalf("server sent a binary frame")
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		w.t.Fatalf("server sent non-JSON %q", b)
	}
	return m
}

// roundTrip sends s and expects a reply of type want whose error (for
// errors) contains msg.
func (w *rawWS) roundTrip(s, want, msg string) map[string]any {
	w.t.Helper()
	w.send(websocket.MessageText, s)
	m := w.recv()
	if m["type"] != want || (msg != "" && !strings.Contains(fmt.Sprint(m["error"]), msg)) {
		w.t.Fatalf("sent %s: got %v, want %s %q", s, m, want, msg)
	}
	return m
}

func TestWebsocketProtocol(t *testing.T) {
	forEachBackend(t, func(t *testing.T, url string) {
		e := newEnv(t, url)
		owner := e.user("owner", "educator")
		viewer := e.user("viewer", "student")
		stranger := e.user("stranger", "student")
		sess := e.session(owner)
		e.member(owner, sess, "viewer", "viewer")

		// Refused before the upgrade: a real websocket handshake gets
		// the HTTP status.
		for tok, want := range map[string]int{stranger: 403, "forged": 401} {
			_, err := client.Dial(context.Background(), e.wsURL(sess), tok)
			var de *client.DialError
			if !errors.As(err, &de) || de.Status != want {
				t.Errorf("dial with a %d token: %v", want, err)
			}
		}

		w := e.rawDial(sess, owner)
		snap := w.roundTrip(`{"type":"open","doc":"main.erl"}`, "snapshot", "")
		if snap["version"] != float64(0) || snap["text"] != "" || snap["doc"] != "main.erl" {
			t.Fatalf("snapshot of a new doc = %v", snap)
		}
		// Garbage: every refusal is an error message, the connection
		// stays open.
		w.send(websocket.MessageBinary, "\x00\x01")
		if m := w.recv(); m["type"] != "error" || !strings.Contains(m["error"].(string), "binary") {
			t.Fatalf("binary frame: %v", m)
		}
		w.roundTrip(`{"type":"op",`, "error", "malformed message")
		w.roundTrip(`[1,2,3]`, "error", "malformed message")
		w.roundTrip(`{"type":"dance","doc":"main.erl"}`, "error", "unknown message type")
		w.roundTrip(`{"type":"open"}`, "error", `"doc" is required`)
		w.roundTrip(`{"type":"open","doc":42}`, "error", "malformed message")
		w.roundTrip(`{"type":"op","doc":"main.erl","base":0,"op":["x"]}`, "error", `"id" is required`)
		m := w.roundTrip(`{"type":"op","doc":"main.erl","base":0,"id":"a","op":[0.5]}`, "error", "malformed op")
		if m["id"] != "a" {
			t.Fatalf("error lacks the op's id: %v", m)
		}
		w.roundTrip(`{"type":"op","doc":"main.erl","base":0,"id":"b","op":{"x":1}}`, "error", "malformed op")
		w.roundTrip(`{"type":"op","doc":"main.erl","base":5,"id":"c","op":["x"]}`, "error", "")
		w.roundTrip(`{"type":"op","doc":"main.erl","base":0,"id":"d","op":[3,"x"]}`, "error", "")
		w.roundTrip(`{"type":"op","doc":"other.erl","base":0,"id":"e","op":["x"]}`, "error", "not open")
		w.roundTrip(`{"type":"cursor","doc":"main.erl","offset":-1}`, "error", "offset")
		// And the connection still works.
		ack := w.roundTrip(`{"type":"op","doc":"main.erl","base":0,"id":7,"op":["héllo"]}`, "ack", "")
		if ack["version"] != float64(1) || ack["id"] != float64(7) || ack["doc"] != "main.erl" {
			t.Fatalf("ack = %v", ack)
		}

		// A viewer reads and gets ops but cannot edit; still connected.
		v := e.rawDial(sess, viewer)
		if s := v.roundTrip(`{"type":"open","doc":"main.erl"}`, "snapshot", ""); s["text"] != "héllo" || s["version"] != float64(1) {
			t.Fatalf("viewer's snapshot = %v", s)
		}
		v.roundTrip(`{"type":"op","doc":"main.erl","base":1,"id":"v1","op":[5,"!"]}`, "error", "viewer")
		w.roundTrip(`{"type":"op","doc":"main.erl","base":1,"id":"w2","op":[5," wörld"]}`, "ack", "")
		if op := v.recv(); op["type"] != "op" || op["version"] != float64(2) || op["author"] != "owner" {
			t.Fatalf("viewer got %v, want the owner's op 2", op)
		}
		// Cursors: broadcast with the user, not echoed.
		v.send(websocket.MessageText, `{"type":"cursor","doc":"main.erl","offset":3}`)
		if c := w.recv(); c["type"] != "cursor" || c["user"] != "viewer" || c["offset"] != float64(3) {
			t.Fatalf("cursor broadcast = %v", c)
		}
		// An op before the viewer's cursor moves it, as a newcomer sees.
		w.roundTrip(`{"type":"op","doc":"main.erl","base":2,"id":"w3","op":["<<",11]}`, "ack", "")
		v.recv()
		late := e.rawDial(sess, owner)
		late.roundTrip(`{"type":"open","doc":"main.erl"}`, "snapshot", "")
		if c := late.recv(); c["type"] != "cursor" || c["user"] != "viewer" || c["offset"] != float64(5) {
			t.Fatalf("newcomer's view of the viewer's cursor = %v, want offset 5", c)
		}
		// Documents are scoped to their session.
		other := e.session(owner)
		o := e.rawDial(other, owner)
		if s := o.roundTrip(`{"type":"open","doc":"main.erl"}`, "snapshot", ""); s["text"] != "" {
			t.Fatalf("another session's main.erl = %v", s)
		}
	})
}

func TestWebsocketLimits(t *testing.T) {
	e := newEnv(t, dbURLs()["sqlite"](t), func(c *Config) {
		c.MaxMessage = 1024
		c.MessageRate, c.MessageBurst = 0.001, 3 // no refill during the test
	})
	owner := e.user("owner", "educator")
	sess := e.session(owner)
	w := e.rawDial(sess, owner)
	for range 3 {
		w.roundTrip(`{"type":"open","doc":"d"}`, "snapshot", "")
	}
	w.roundTrip(`{"type":"open","doc":"d"}`, "error", "rate limit")
	// Over the message limit the connection closes with 1009.
	w.send(websocket.MessageText, `{"type":"open","doc":"`+strings.Repeat("x", 2000)+`"}`)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for {
		if _, _, err := w.ws.Read(ctx); err != nil {
			if st := websocket.CloseStatus(err); st != websocket.StatusMessageTooBig {
				t.Fatalf("oversized message: %v (status %d), want close 1009", err, st)
			}
			break
		}
	}
	// The ?token= form, for browsers.
	ws, _, err := websocket.Dial(ctx, e.wsURL(sess)+"?token="+owner, nil)
	if err != nil {
		t.Fatalf("dial with ?token=: %v", err)
	}
	ws.CloseNow()
}

// typist types into d until it has made n edits: inserts of its own
// numbered markers and of filler dots, and deletes of dots only, at random
// places and with random pauses. Markers are never cut, so at the end each
// must be in the text exactly once.
func typist(ctx context.Context, d *client.Doc, name string, n int, rng *rand.Rand) ([]string, error) {
	var markers []string
	for i := range n {
		time.Sleep(time.Duration(rng.IntN(3000)) * time.Microsecond)
		err := d.Edit(func(text []rune) (collab.Op, bool) {
			// Boundaries: positions not inside a marker.
			var bounds, dots []int
			depth := 0
			for p, r := range text {
				if depth == 0 {
					bounds = append(bounds, p)
				}
				switch r {
				case '<':
					depth++
				case '>':
					depth--
				case '.':
					if depth == 0 {
						dots = append(dots, p)
					}
				}
			}
			bounds = append(bounds, len(text))
			var op collab.Op
			switch k := rng.IntN(10); {
			case k < 3 && len(dots) > 0:
				p := dots[rng.IntN(len(dots))]
				op.Retain(p).Delete(1).Retain(len(text) - p - 1)
			case k < 6:
				p := bounds[rng.IntN(len(bounds))]
				op.Retain(p).Insert(strings.Repeat(".", 1+rng.IntN(3))).Retain(len(text) - p)
			default:
				m := fmt.Sprintf("<%s%d>", name, i)
				markers = append(markers, m)
				p := bounds[rng.IntN(len(bounds))]
				op.Retain(p).Insert(m).Retain(len(text) - p)
			}
			return op, true
		})
		if err != nil {
			return markers, err
		}
	}
	return markers, d.WaitSynced(ctx)
}

// checkConverged checks every client ended on the same text and that the
// text holds every marker exactly once.
func checkConverged(t *testing.T, docs []*client.Doc, markers []string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var top int64
	for _, d := range docs {
		top = max(top, d.Version())
	}
	for _, d := range docs {
		if err := d.WaitVersion(ctx, top); err != nil {
			t.Fatal(err)
		}
	}
	text := docs[0].Text()
	for i, d := range docs {
		if d.Text() != text {
			t.Fatalf("client %d diverged:\n%q\nvs client 0:\n%q", i, d.Text(), text)
		}
	}
	for _, m := range markers {
		if c := strings.Count(text, m); c != 1 {
			t.Errorf("marker %s appears %d times", m, c)
		}
	}
	return text
}

func TestConcurrentEditorsConverge(t *testing.T) {
	forEachBackend(t, func(t *testing.T, url string) {
		e := newEnv(t, url)
		owner := e.user("owner", "educator")
		sess := e.session(owner)
		tokens := []string{owner}
		for _, n := range []string{"b", "c"} {
			tokens = append(tokens, e.user(n, "student"))
			e.member(owner, sess, n, "editor")
		}
		converge(t, sess, tokens, func(int) string { return e.wsURL(sess) }, 60)
	})
}

// converge runs one typist per token, client i dialing url(i), and checks
// that all converge with every edit kept once.
func converge(t *testing.T, sess string, tokens []string, url func(i int) string, edits int) string {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	docs := make([]*client.Doc, len(tokens))
	for i, tok := range tokens {
		c, err := client.Dial(ctx, url(i), tok)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		if docs[i], err = c.Open(ctx, "shared.erl"); err != nil {
			t.Fatal(err)
		}
	}
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		markers []string
	)
	for i, d := range docs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(i), uint64(time.Now().UnixNano())))
			ms, err := typist(ctx, d, string(rune('a'+i)), edits, rng)
			if err != nil {
				t.Errorf("typist %d: %v", i, err)
			}
			mu.Lock()
			markers = append(markers, ms...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}
	return checkConverged(t, docs, markers)
}

func TestGracefulShutdown(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, dbURLs()["sqlite"](t))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	e, stop := serveEnv(t, st, Config{Store: st, Log: testLogger(t), AdminToken: adminToken})
	owner := e.user("owner", "educator")
	sess := e.session(owner)
	c, err := client.Dial(ctx, e.wsURL(sess), owner)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Open(ctx, "d"); err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- stop() }()
	select {
	case <-c.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("websocket still open after shutdown")
	}
	if st := websocket.CloseStatus(c.Err()); st != websocket.StatusGoingAway {
		t.Errorf("close status %d (%v), want 1001 going away", st, c.Err())
	}
	if err := <-served; err != nil {
		t.Errorf("Serve: %v", err)
	}
	if _, err := net.Dial("tcp", strings.TrimPrefix(e.base, "http://")); err == nil {
		t.Error("still accepting after shutdown")
	}
}
