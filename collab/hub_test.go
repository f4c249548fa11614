package collab

import (
	"context"
	"errors"
	"fmt"
	"math/rand"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// testClient is a Client driven by a Hub subscription: it edits its own
// copy locally, sends one op at a time, and transforms what others
// committed against its pending ops.
type testClient struct {
	*Client
	hub    *Hub
	doc    string
	name   string
	r      *rand.Rand
	outID  string
	sent   int
	errs   chan error
	stream <-chan StoredOp
	cancel func()
}

func newTestClient(t *testing.T, hub *Hub, doc, name string, seed int64) *testClient {
	ver, text, stream, cancel, err := hub.Join(context.Background(), doc)
	if err != nil {
		t.Fatalf("%s: join: %v", name, err)
	}
	return &testClient{Client: NewClient(ver, text), hub: hub, doc: doc, name: name, r: rand.New(rand.NewSource(seed)),
		errs: make(chan error, 100), stream: stream, cancel: cancel}
}

func (c *testClient) send(op Op, base int64) {
	c.sent++
	c.outID = fmt.Sprintf("%s-%d", c.name, c.sent)
	id := c.outID
	go func() {
		if _, err := c.hub.Submit(context.Background(), c.doc, base, op, c.name, id); err != nil {
			c.errs <- fmt.Errorf("%s: submit %s at %d: %w", c.name, id, base, err)
		}
	}()
}

func (c *testClient) edit() error {
	op := randOp(c.r, c.Text())
	if op.IsNoop() {
		return nil
	}
	out, base, send, err := c.Edit(op)
	if send {
		c.send(out, base)
	}
	return err
}

func (c *testClient) receive(s StoredOp) error {
	if s.Author != c.name {
		_, err := c.Remote(s.Version, s.Op)
		return err
	}
	if s.ID != c.outID {
		return fmt.Errorf("%s: unexpected own op %s", c.name, s.ID)
	}
	out, base, send, err := c.Ack(s.Version)
	if send {
		c.send(out, base)
	}
	return err
}

// run makes edits random edits with random pauses. Once it has nothing
// left to send it calls quiet.Done, and it returns when it has seen the
// final version sent on settled.
func (c *testClient) run(edits int, quiet *sync.WaitGroup, settled <-chan int64) error {
	defer c.cancel()
	var target int64 = -1
	isQuiet := false
	for {
		var tick <-chan time.Time
		if edits > 0 {
			tick = time.After(time.Duration(c.r.Intn(300)) * time.Microsecond)
		}
		if edits == 0 && !c.Pending() && !isQuiet {
			isQuiet = true
			quiet.Done()
		}
		if isQuiet && target >= 0 && c.Version() == target {
			return nil
		}
		select {
		case <-tick:
			if err := c.edit(); err != nil {
				return err
			}
			edits--
		case s, ok := <-c.stream:
			if !ok {
				return fmt.Errorf("%s: subscription closed", c.name)
			}
			if err := c.receive(s); err != nil {
				return err
			}
		case v := <-settled:
			target = v
		case err := <-c.errs:
			return err
		case <-time.After(20 * time.Second):
			return fmt.Errorf("%s: stuck at version %d, outstanding %v", c.name, c.Version(), c.Pending())
		}
	}
}

// notifyingLog tells every hub in hubs after each successful Append, like
// the server's PostgreSQL NOTIFY fan-out between replicas.
type notifyingLog struct {
	*MemLog
	mu   sync.Mutex
	hubs []*Hub
}

func (l *notifyingLog) Append(ctx context.Context, op StoredOp) error {
	if err := l.MemLog.Append(ctx, op); err != nil {
		return err
	}
	l.notify(op.Doc)
	return nil
}

func (l *notifyingLog) AppendBatch(ctx context.Context, ops []StoredOp) error {
	if err := l.MemLog.AppendBatch(ctx, ops); err != nil {
		return err
	}
	l.notify(ops[0].Doc)
	return nil
}

func (l *notifyingLog) notify(doc string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, h := range l.hubs {
		h.Notify(doc)
	}
}

// plainLog hides MemLog's AppendBatch: a Log without group commit.
type plainLog struct{ Log }

// converge runs clients spread over hubs and checks they all end with the
// text the log holds, and that every op sent was committed exactly once.
func converge(t *testing.T, log Log, hubs []*Hub, nClients, edits int) {
	t.Helper()
	const doc = "shared.erl"
	var clients []*testClient
	for i := range nClients {
		clients = append(clients, newTestClient(t, hubs[i%len(hubs)], doc, fmt.Sprintf("c%d", i), int64(i)))
	}
	settled := make([]chan int64, nClients)
	errs := make(chan error, nClients)
	var wg, quiet sync.WaitGroup
	quiet.Add(nClients)
	for i, c := range clients {
		settled[i] = make(chan int64, 1)
		wg.Add(1)
		go func() {
			defer wg.Done()
			// A failed client returns at once; the others then give
			// up at their stuck timeout.
			errs <- c.run(edits, &quiet, settled[i])
		}()
	}
	// When no client has anything left to send, the log's length is the
	// final version; every client waits until it has seen it.
	go func() {
		quiet.Wait()
		// A replica without notifications learns of the others' last
		// ops when asked: Open catches up and broadcasts them.
		for _, h := range hubs {
			if _, _, err := h.Open(context.Background(), doc); err != nil {
				t.Error(err)
			}
		}
		ops, err := log.Since(context.Background(), doc, 0)
		if err != nil {
			t.Error(err)
		}
		for _, s := range settled {
			s <- int64(len(ops))
		}
	}()
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	ops, err := log.Since(context.Background(), doc, 0)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	sent := 0
	for _, c := range clients {
		sent += c.sent
	}
	for i, s := range ops {
		if s.Version != int64(i+1) {
			t.Fatalf("op %d has version %d", i, s.Version)
		}
		key := s.Author + "/" + s.ID
		if seen[key] {
			t.Fatalf("op %s committed twice", key)
		}
		seen[key] = true
	}
	if len(ops) != sent {
		t.Fatalf("%d ops committed, %d sent", len(ops), sent)
	}
	for _, h := range hubs {
		v, text, err := h.Open(context.Background(), doc)
		if err != nil {
			t.Fatal(err)
		}
		if v != int64(len(ops)) {
			t.Fatalf("hub at version %d, log has %d", v, len(ops))
		}
		for _, c := range clients {
			if c.Text() != text {
				t.Fatalf("%s ends with %q, hub with %q", c.name, c.Text(), text)
			}
		}
	}
	// The log replayed from scratch agrees too.
	d := NewDocument("")
	for _, s := range ops {
		if err := d.Apply(s.Op); err != nil {
			t.Fatal(err)
		}
	}
	if d.String() != clients[0].Text() {
		t.Fatalf("log replays to %q, clients have %q", d.String(), clients[0].Text())
	}
}

func TestHubConcurrentSubmittersConverge(t *testing.T) {
	for _, log := range []Log{NewMemLog(), plainLog{NewMemLog()}} {
		h := NewHub(log, WithSnapshotEvery(7), WithHistory(3))
		converge(t, log, []*Hub{h}, 4, 60)
		h.Close()
	}
}

func TestHubReplicasConvergeWithoutNotify(t *testing.T) {
	// Replicas that learn of each other's ops only through conflicts on
	// append, with and without group commit.
	for _, log := range []Log{NewMemLog(), plainLog{NewMemLog()}} {
		a, b := NewHub(log), NewHub(log, WithHistory(2))
		converge(t, log, []*Hub{a, b}, 4, 40)
		a.Close()
		b.Close()
	}
}

func TestHubReplicasConvergeWithNotify(t *testing.T) {
	log := &notifyingLog{MemLog: NewMemLog()}
	a, b := NewHub(log), NewHub(log, WithHistory(5))
	defer a.Close()
	defer b.Close()
	log.hubs = []*Hub{a, b}
	converge(t, log, []*Hub{a, b}, 4, 60)
}

func mustSubmit(t *testing.T, h *Hub, doc string, base int64, op, author, id string) StoredOp {
	t.Helper()
	o, err := ParseOp(op)
	if err != nil {
		t.Fatal(err)
	}
	s, err := h.Submit(context.Background(), doc, base, o, author, id)
	if err != nil {
		t.Fatalf("submit %s at %d: %v", op, base, err)
	}
	return s
}

func TestHubReplicaConflictRetries(t *testing.T) {
	log := NewMemLog()
	a, b := NewHub(log), NewHub(log)
	defer a.Close()
	defer b.Close()
	ctx := context.Background()
	if _, _, err := a.Open(ctx, "d"); err != nil {
		t.Fatal(err)
	}
	_, _, bOps, cancel, err := b.Join(ctx, "d")
	if err != nil {
		t.Fatal(err)
	}
	defer cancel()
	mustSubmit(t, a, "d", 0, `["hello"]`, "alice", "1")
	// b still believes the document is at version 0: its Append of
	// version 1 conflicts, it catches up, transforms and takes version 2.
	s := mustSubmit(t, b, "d", 0, `["world"]`, "bob", "1")
	if s.Version != 2 || s.Op.String() != `["world",5]` {
		t.Fatalf("b committed %v at version %d", s.Op, s.Version)
	}
	for want := int64(1); want <= 2; want++ {
		if got := <-bOps; got.Version != want {
			t.Fatalf("b broadcast version %d, want %d", got.Version, want)
		}
	}
	_, text, err := a.Open(ctx, "d")
	if err != nil || text != "worldhello" {
		t.Fatalf("a reads %q, %v", text, err)
	}
}

// gateLog holds every Append until the test lets it through.
type gateLog struct {
	*MemLog
	entered chan StoredOp
	gate    chan struct{}
}

func (l *gateLog) Append(ctx context.Context, op StoredOp) error {
	l.entered <- op
	<-l.gate
	return l.MemLog.Append(ctx, op)
}

func TestHubAcksOnlyAfterAppend(t *testing.T) {
	log := &gateLog{MemLog: NewMemLog(), entered: make(chan StoredOp), gate: make(chan struct{})}
	h := NewHub(log)
	defer h.Close()
	ops, cancel := h.Subscribe("d")
	defer cancel()
	done := make(chan error, 1)
	go func() {
		_, err := h.Submit(context.Background(), "d", 0, *new(Op).Insert("x"), "u", "1")
		done <- err
	}()
	<-log.entered
	select {
	case err := <-done:
		t.Fatalf("Submit returned (%v) while Append was still running", err)
	case s := <-ops:
		t.Fatalf("version %d broadcast while Append was still running", s.Version)
	default:
	}
	close(log.gate)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if got, _ := log.MemLog.Since(context.Background(), "d", 0); len(got) != 1 {
		t.Fatalf("log holds %d ops after the ack", len(got))
	}
	if s := <-ops; s.Version != 1 {
		t.Fatalf("broadcast version %d", s.Version)
	}
}

// failLog fails every Append.
type failLog struct{ *MemLog }

func (failLog) Append(context.Context, StoredOp) error { return errors.New("disk on fire") }

func TestHubSubmitErrors(t *testing.T) {
	h := NewHub(NewMemLog())
	defer h.Close()
	ctx := context.Background()
	mustSubmit(t, h, "d", 0, `["abc"]`, "u", "1")
	for _, tc := range []struct {
		base int64
		op   string
		want error
	}{
		{2, `[3,"x"]`, ErrBaseFromFuture},
		{-1, `["x"]`, ErrBadBase},
		{1, `[2,"x"]`, ErrLengthMismatch},
		{0, `[1,"x"]`, ErrLengthMismatch}, // version 0 is empty
	} {
		o, _ := ParseOp(tc.op)
		_, err := h.Submit(ctx, "d", tc.base, o, "u", "bad")
		if !errors.Is(err, tc.want) {
			t.Errorf("base %d op %s: got %v, want %v", tc.base, tc.op, err, tc.want)
		}
	}
	if v, text, _ := h.Open(ctx, "d"); v != 1 || text != "abc" {
		t.Fatalf("after refusals: version %d %q", v, text)
	}

	f := NewHub(failLog{NewMemLog()})
	defer f.Close()
	if _, err := f.Submit(ctx, "d", 0, *new(Op).Insert("x"), "u", "1"); err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Fatal("append failure not reported")
	}
	if v, text, _ := f.Open(ctx, "d"); v != 0 || text != "" {
		t.Fatalf("failed append changed the document: version %d %q", v, text)
	}
}

func TestHubResubmissionIsAcknowledgedOnce(t *testing.T) {
	log := NewMemLog()
	h := NewHub(log)
	defer h.Close()
	first := mustSubmit(t, h, "d", 0, `["a"]`, "u", "7")
	mustSubmit(t, h, "d", 1, `[1,"b"]`, "v", "7") // same id, other author
	again := mustSubmit(t, h, "d", 0, `["a"]`, "u", "7")
	if again.Version != first.Version {
		t.Fatalf("resubmission committed again at version %d", again.Version)
	}
	if ops, _ := log.Since(context.Background(), "d", 0); len(ops) != 2 {
		t.Fatalf("log holds %d ops, want 2", len(ops))
	}
}

// countingLog records the versions Since is asked for.
type countingLog struct {
	*MemLog
	mu     sync.Mutex
	afters []int64
}

func (l *countingLog) Since(ctx context.Context, doc string, after int64) ([]StoredOp, error) {
	l.mu.Lock()
	l.afters = append(l.afters, after)
	l.mu.Unlock()
	return l.MemLog.Since(ctx, doc, after)
}

func TestHubSnapshotsBoundReplay(t *testing.T) {
	log := &countingLog{MemLog: NewMemLog()}
	h := NewHub(log, WithSnapshotEvery(10))
	var want string
	for i := range 25 {
		s := mustSubmit(t, h, "d", int64(i), appendOp(i, string(rune('a'+i))), "u", fmt.Sprint(i))
		want += string(rune('a' + i))
		if s.Version != int64(i+1) {
			t.Fatalf("version %d", s.Version)
		}
	}
	h.Close()
	if v, text, _ := log.Snapshot(context.Background(), "d"); v != 20 || text != want[:20] {
		t.Fatalf("snapshot at %d: %q", v, text)
	}
	log.afters = nil
	h2 := NewHub(log)
	defer h2.Close()
	v, text, err := h2.Open(context.Background(), "d")
	if err != nil || v != 25 || text != want {
		t.Fatalf("reopened at %d: %q, %v", v, text, err)
	}
	if len(log.afters) == 0 || log.afters[0] != 20 {
		t.Fatalf("reopening read the log after %v, want after the snapshot (20)", log.afters)
	}
	// A base older than the snapshot still transforms, from the log.
	s := mustSubmit(t, h2, "d", 3, `[3,"!"]`, "w", "1")
	if s.Op.String() != `[3,"!",22]` {
		t.Fatalf("old-base op became %v", s.Op)
	}
}

func TestHubDropsSlowSubscriber(t *testing.T) {
	h := NewHub(NewMemLog(), WithSubscriberBuffer(2))
	defer h.Close()
	ops, cancel := h.Subscribe("d")
	defer cancel()
	for i := range 5 {
		mustSubmit(t, h, "d", int64(i), appendOp(i, "x"), "u", fmt.Sprint(i))
	}
	n := 0
	for range ops {
		n++
	}
	if n != 2 {
		t.Fatalf("slow subscriber got %d ops before being dropped, want its buffer (2)", n)
	}
	cancel() // after the drop, cancel is harmless
}

func TestHubEvictsIdleDocuments(t *testing.T) {
	h := NewHub(NewMemLog(), WithIdleTimeout(time.Millisecond))
	defer h.Close()
	mustSubmit(t, h, "d", 0, `["x"]`, "u", "1")
	ops, cancel := h.Subscribe("d")
	time.Sleep(20 * time.Millisecond)
	if n := docCount(h); n != 1 {
		t.Fatalf("document with a subscriber evicted (%d open)", n)
	}
	cancel()
	if _, ok := <-ops; ok {
		t.Fatal("cancelled subscription still delivers")
	}
	for deadline := time.Now().Add(5 * time.Second); docCount(h) != 0; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("idle document never evicted")
		}
	}
	// It comes back from the log.
	if v, text, err := h.Open(context.Background(), "d"); v != 1 || text != "x" || err != nil {
		t.Fatalf("after eviction: %d %q %v", v, text, err)
	}
}

func docCount(h *Hub) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.docs)
}

func TestHubClosed(t *testing.T) {
	h := NewHub(NewMemLog())
	ops, _ := h.Subscribe("d")
	h.Close()
	if _, ok := <-ops; ok {
		t.Fatal("subscription open after Close")
	}
	if _, _, err := h.Open(context.Background(), "d"); !errors.Is(err, ErrHubClosed) {
		t.Fatalf("Open after Close: %v", err)
	}
	h.Notify("d") // harmless
}

// appendOp is the JSON of an op inserting s at the end of a document of
// length n.
func appendOp(n int, s string) string {
	var o Op
	o.Retain(n).Insert(s)
	return o.String()
}

// batchGateLog is a BatchLog whose writes wait for the test, and which
// records the size of every write.
type batchGateLog struct {
	*MemLog
	gate  chan struct{}
	mu    sync.Mutex
	sizes []int
}

func (l *batchGateLog) record(n int) {
	<-l.gate
	l.mu.Lock()
	l.sizes = append(l.sizes, n)
	l.mu.Unlock()
}

func (l *batchGateLog) Append(ctx context.Context, op StoredOp) error {
	l.record(1)
	return l.MemLog.Append(ctx, op)
}

func (l *batchGateLog) AppendBatch(ctx context.Context, ops []StoredOp) error {
	l.record(len(ops))
	return l.MemLog.AppendBatch(ctx, ops)
}

// TestHubGroupCommit: submissions that queue while an append runs are
// written together, each transformed past the ones before it.
func TestHubGroupCommit(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		log := &batchGateLog{MemLog: NewMemLog(), gate: make(chan struct{})}
		h := NewHub(log)
		defer h.Close()
		ctx := context.Background()
		results := make(chan StoredOp, 6)
		submit := func(author string) {
			// Everyone inserts at the start of version 0.
			s, err := h.Submit(ctx, "d", 0, *new(Op).Insert(author), author, "1")
			if err != nil {
				t.Error(err)
			}
			results <- s
		}
		go submit("a")
		synctest.Wait() // a's append is waiting at the gate
		for _, u := range []string{"b", "c", "d", "e", "f"} {
			go submit(u)
		}
		synctest.Wait() // the others wait for the document's goroutine
		close(log.gate)
		versions := map[int64]string{}
		for range 6 {
			s := <-results
			versions[s.Version] = s.Author
		}
		if len(versions) != 6 {
			t.Fatalf("versions %v", versions)
		}
		if fmt.Sprint(log.sizes) != "[1 5]" {
			t.Fatalf("writes of sizes %v, want [1 5]", log.sizes)
		}
		_, text, err := h.Open(ctx, "d")
		if err != nil {
			t.Fatal(err)
		}
		// Each later op was based on version 0 and, going first in
		// Transform as an incoming op, lands before the earlier ones.
		want := ""
		for v := int64(1); v <= 6; v++ {
			want = versions[v] + want
		}
		if text != want {
			t.Fatalf("text %q, want %q", text, want)
		}
	})
}

// TestHubBatchResubmission: an op resubmitted while the first copy waits
// in the same batch is committed once, and both copies get its version.
func TestHubBatchResubmission(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		log := &batchGateLog{MemLog: NewMemLog(), gate: make(chan struct{})}
		h := NewHub(log)
		defer h.Close()
		ctx := context.Background()
		results := make(chan StoredOp, 3)
		submit := func(author, id string) {
			s, err := h.Submit(ctx, "d", 0, *new(Op).Insert(author), author, id)
			if err != nil {
				t.Error(err)
			}
			results <- s
		}
		go submit("a", "1")
		synctest.Wait()
		go submit("b", "1")
		go submit("b", "1")
		synctest.Wait()
		close(log.gate)
		got := map[string][]int64{}
		for range 3 {
			s := <-results
			got[s.Author] = append(got[s.Author], s.Version)
		}
		if len(got["b"]) != 2 || got["b"][0] != 2 || got["b"][1] != 2 {
			t.Fatalf("versions %v", got)
		}
		if ops, _ := log.Since(ctx, "d", 0); len(ops) != 2 {
			t.Fatalf("log holds %d ops, want 2", len(ops))
		}
	})
}

func TestHubIdleTimeoutZeroKeepsDocuments(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := NewHub(NewMemLog(), WithIdleTimeout(0))
		defer h.Close()
		mustSubmit(t, h, "d", 0, `["x"]`, "u", "1")
		time.Sleep(24 * time.Hour) // the bubble's fake clock
		synctest.Wait()
		if n := docCount(h); n != 1 {
			t.Fatalf("%d documents open, want 1", n)
		}
	})
}

// TestHubCommitsWhenTheCallerGivesUp: a submitter whose context ends
// while its op is being appended gets ctx's error, but the op is committed
// all the same and broadcast, never left half done.
func TestHubCommitsWhenTheCallerGivesUp(t *testing.T) {
	log := &gateLog{MemLog: NewMemLog(), entered: make(chan StoredOp), gate: make(chan struct{})}
	h := NewHub(log)
	defer h.Close()
	ops, cancelSub := h.Subscribe("d")
	defer cancelSub()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := h.Submit(ctx, "d", 0, *new(Op).Insert("x"), "u", "1")
		done <- err
	}()
	<-log.entered
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("Submit: %v, want context.Canceled", err)
	}
	close(log.gate)
	if s := <-ops; s.Version != 1 || s.ID != "1" {
		t.Fatalf("broadcast %+v", s)
	}
}
