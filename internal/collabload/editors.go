package collabload

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	mrand "math/rand/v2"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/coder/websocket"
	"github.com/otpbox/otpbox/collab"
)

// EditorsConfig describes a typing load: Editors members of one session,
// each typing into one document at Rate edits per second for Duration.
type EditorsConfig struct {
	URL        string // the server, http://host:port
	AdminToken string // creates the users and the session
	Editors    int
	Rate       float64 // edits per second per editor
	Duration   time.Duration
	// Settle bounds the wait, after typing stops, for the last acks and
	// for every editor to converge (default 30s).
	Settle time.Duration
	HTTP   *http.Client // nil: http.DefaultClient
	Log    *slog.Logger // nil: discard
}

// EditorsResult is what a typing load measured.
type EditorsResult struct {
	Editors int
	Edits   int           // local edits made (keystrokes)
	Sent    int           // ops sent (edits made while one was in flight are composed)
	Acked   int           // ops acknowledged
	Remote  int           // other editors' ops received, summed over editors
	Refused int           // error messages received
	Elapsed time.Duration // from the first edit to the last ack
	AckP50  time.Duration
	AckP95  time.Duration
	AckP99  time.Duration
	AckMax  time.Duration
	// OpsPerSecond is acknowledged ops per second over Elapsed.
	OpsPerSecond float64
	Version      int64 // the document's final version
	Length       int   // its final length in code points
	Diverged     int   // editors whose final text differs from the server's
}

// String is the human-readable report.
func (r EditorsResult) String() string {
	return fmt.Sprintf("editors %d, edits %d, ops sent %d, acked %d, refused %d\n"+
		"ack latency p50 %v  p95 %v  p99 %v  max %v\n"+
		"throughput %.1f acked ops/s over %v\n"+
		"final version %d, length %d, editors diverged %d",
		r.Editors, r.Edits, r.Sent, r.Acked, r.Refused,
		r.AckP50.Round(time.Microsecond), r.AckP95.Round(time.Microsecond), r.AckP99.Round(time.Microsecond), r.AckMax.Round(time.Microsecond),
		r.OpsPerSecond, r.Elapsed.Round(time.Millisecond), r.Version, r.Length, r.Diverged)
}

// runPrefix returns a fresh name prefix so repeated runs do not collide.
func runPrefix(kind string) string {
	var b [4]byte
	_, _ = rand.Read(b[:])
	return "bench-" + kind + "-" + hex.EncodeToString(b[:])
}

// RunEditors runs a typing load and reports it. It fails if the editors
// do not converge to the server's text, or if an acknowledged op is
// missing from the document's history.
func RunEditors(ctx context.Context, cfg EditorsConfig) (EditorsResult, error) {
	if cfg.Editors < 1 || cfg.Rate <= 0 || cfg.Duration <= 0 {
		return EditorsResult{}, fmt.Errorf("want editors ≥ 1, rate > 0 and duration > 0; got %d, %g, %v", cfg.Editors, cfg.Rate, cfg.Duration)
	}
	if cfg.Settle <= 0 {
		cfg.Settle = 30 * time.Second
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	admin, err := newAPI(cfg.URL, cfg.AdminToken, cfg.HTTP)
	if err != nil {
		return EditorsResult{}, err
	}
	prefix := runPrefix("edit")
	session, users, err := setup(ctx, admin, prefix, cfg.Editors)
	if err != nil {
		return EditorsResult{}, err
	}
	const doc = "bench.erl"
	eds := make([]*editor, len(users))
	for i, u := range users {
		c, err := admin.dial(ctx, session, u.Token)
		if err != nil {
			closeAll(eds)
			return EditorsResult{}, err
		}
		eds[i] = &editor{name: u.Username, conn: c, doc: doc, r: mrand.New(mrand.NewPCG(uint64(i), 1))}
		ver, text, err := openDoc(ctx, c, doc)
		if err != nil {
			closeAll(eds)
			return EditorsResult{}, err
		}
		eds[i].Client = collab.NewClient(ver, text)
	}
	defer closeAll(eds)

	cfg.Log.Info("typing", "editors", cfg.Editors, "rate", cfg.Rate, "duration", cfg.Duration)
	start := time.Now()
	stopTyping := start.Add(cfg.Duration)
	settleBy := stopTyping.Add(cfg.Settle)
	var wg, quiet sync.WaitGroup
	quiet.Add(len(eds))
	final := make(chan int64, len(eds))
	errs := make([]error, len(eds))
	for i, e := range eds {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = e.run(ctx, cfg.Rate, stopTyping, settleBy, &quiet, final)
		}()
	}
	// When no editor has anything in flight, a fresh reader's snapshot
	// is the final state every editor must reach.
	type finalState struct {
		version int64
		text    string
		err     error
	}
	wantCh := make(chan finalState, 1)
	go func() {
		quiet.Wait()
		var f finalState
		f.version, f.text, f.err = snapshot(ctx, admin, session, users[0].Token, doc)
		v := f.version
		if f.err != nil {
			v = -1
		}
		for range eds {
			final <- v
		}
		wantCh <- f
	}()
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return EditorsResult{}, err
	}
	want := <-wantCh
	if want.err != nil {
		return EditorsResult{}, fmt.Errorf("reading the final document: %w", want.err)
	}

	res := EditorsResult{Editors: len(eds), Version: want.version}
	var lat []time.Duration
	var last time.Time
	for _, e := range eds {
		res.Edits += e.edits
		res.Sent += e.sent
		res.Acked += e.acked
		res.Remote += e.remote
		res.Refused += e.refused
		lat = append(lat, e.latencies...)
		if e.lastAck.After(last) {
			last = e.lastAck
		}
	}
	res.Elapsed = last.Sub(start)
	if res.Elapsed > 0 {
		res.OpsPerSecond = float64(res.Acked) / res.Elapsed.Seconds()
	}
	res.Length = len([]rune(want.text))
	for _, e := range eds {
		if e.Text() != want.text {
			res.Diverged++
		}
	}
	slices.Sort(lat)
	res.AckP50, res.AckP95, res.AckP99 = percentile(lat, 50), percentile(lat, 95), percentile(lat, 99)
	if len(lat) > 0 {
		res.AckMax = lat[len(lat)-1]
	}
	switch {
	case res.Diverged > 0:
		return res, fmt.Errorf("%d of %d editors ended with a text other than the server's", res.Diverged, len(eds))
	case res.Version != int64(res.Acked):
		// The document started empty at version 0 and only these editors
		// wrote to it: every ack must be one version, no more, no less.
		return res, fmt.Errorf("%d ops acknowledged but the document is at version %d", res.Acked, res.Version)
	}
	return res, nil
}

// percentile returns the p-th percentile of sorted durations (nearest rank).
func percentile(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := (len(sorted)*p + 99) / 100
	return sorted[max(0, min(i-1, len(sorted)-1))]
}

// snapshot opens doc on a fresh connection and returns what it reads.
func snapshot(ctx context.Context, a *api, session, token, doc string) (int64, string, error) {
	c, err := a.dial(ctx, session, token)
	if err != nil {
		return 0, "", err
	}
	defer c.Close(websocket.StatusNormalClosure, "")
	return openDoc(ctx, c, doc)
}

func closeAll(eds []*editor) {
	for _, e := range eds {
		if e != nil {
			e.conn.Close(websocket.StatusNormalClosure, "")
		}
	}
}

// editor is one simulated member: a collab.Client (ot.js's client state
// machine) typing at a cursor, like a person: mostly characters,
// sometimes a backspace.
type editor struct {
	name string
	conn *websocket.Conn
	doc  string
	r    *mrand.Rand

	*collab.Client
	cursor int
	outID  string
	sentAt time.Time

	edits, sent, acked, remote, refused int
	latencies                           []time.Duration
	lastAck                             time.Time
}

// run types until stop, then waits for its last ack, reports quiet, and
// waits until it has reached the final version.
func (e *editor) run(ctx context.Context, rate float64, stop, settleBy time.Time, quiet *sync.WaitGroup, final <-chan int64) error {
	ctx, cancel := context.WithDeadline(ctx, settleBy)
	defer cancel()
	in := make(chan collab.Message, 64)
	readErr := make(chan error, 1)
	go func() {
		for {
			m, err := readMsg(ctx, e.conn)
			if err != nil {
				readErr <- err
				return
			}
			select {
			case in <- m:
			case <-ctx.Done():
				return
			}
		}
	}()
	interval := time.Duration(float64(time.Second) / rate)
	// A random phase, so that editors do not all type in the same
	// instant.
	next := time.Now().Add(time.Duration(e.r.Int64N(int64(interval))))
	isQuiet := false
	defer func() {
		// An editor that gives up must not hold the others' settling.
		if !isQuiet {
			quiet.Done()
		}
	}()
	target := int64(-1)
	for {
		typing := time.Now().Before(stop)
		if !typing && !e.Pending() && !isQuiet {
			isQuiet = true
			quiet.Done()
		}
		if isQuiet && target >= 0 && e.Version() >= target {
			if e.Version() > target {
				return fmt.Errorf("%s: at version %d, past the final version %d", e.name, e.Version(), target)
			}
			return nil
		}
		var tick <-chan time.Time
		if typing {
			tick = time.After(time.Until(next))
		}
		select {
		case <-tick:
			next = next.Add(interval)
			if err := e.type1(ctx); err != nil {
				return err
			}
		case m := <-in:
			if err := e.receive(ctx, m); err != nil {
				return err
			}
		case v := <-final:
			if v < 0 {
				return nil // the caller reports the coordinator's error
			}
			target = v
		case err := <-readErr:
			return fmt.Errorf("%s: %w", e.name, err)
		case <-ctx.Done():
			return fmt.Errorf("%s: not settled in time (version %d, waiting for an ack: %v): %w", e.name, e.Version(), e.Pending(), ctx.Err())
		}
	}
}

const letters = "abcdefghijklmnopqrstuvwxyz     \n"

// type1 makes one keystroke at the cursor.
func (e *editor) type1(ctx context.Context) error {
	n := e.Len()
	var op collab.Op
	if e.cursor > 0 && e.r.IntN(8) == 0 {
		op.Retain(e.cursor - 1).Delete(1).Retain(n - e.cursor)
	} else {
		op.Retain(e.cursor).Insert(string(letters[e.r.IntN(len(letters))])).Retain(n - e.cursor)
	}
	out, base, send, err := e.Edit(op)
	if err != nil {
		return fmt.Errorf("%s: %w", e.name, err)
	}
	e.cursor = collab.TransformCursor(e.cursor, op, true)
	e.edits++
	if send {
		return e.send(ctx, out, base)
	}
	return nil
}

func (e *editor) send(ctx context.Context, op collab.Op, base int64) error {
	e.sent++
	e.outID = fmt.Sprintf("%q", fmt.Sprint(e.sent))
	e.sentAt = time.Now()
	return writeMsg(ctx, e.conn, collab.Message{Type: "op", Doc: e.doc, Base: &base, ID: json.RawMessage(e.outID), Op: &op})
}

func (e *editor) receive(ctx context.Context, m collab.Message) error {
	switch m.Type {
	case "ack":
		if string(m.ID) != e.outID {
			return fmt.Errorf("%s: ack for %s, but waiting for %s", e.name, m.ID, e.outID)
		}
		now := time.Now()
		out, base, send, err := e.Ack(*m.Version)
		if err != nil {
			return fmt.Errorf("%s: %w", e.name, err)
		}
		e.latencies = append(e.latencies, now.Sub(e.sentAt))
		e.lastAck = now
		e.acked++
		if send {
			return e.send(ctx, out, base)
		}
	case "op":
		applied, err := e.Remote(*m.Version, *m.Op)
		if err != nil {
			return fmt.Errorf("%s: %w", e.name, err)
		}
		e.cursor = collab.TransformCursor(e.cursor, applied, false)
		e.remote++
	case "error":
		e.refused++
		return fmt.Errorf("%s: server refused %s: %s", e.name, m.ID, m.Error)
	}
	return nil
}
