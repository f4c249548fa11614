package collab

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"
)

// ErrBaseFromFuture is wrapped by Submit's error when the op's base version
// is newer than any version committed for the document.
var ErrBaseFromFuture = errors.New("base version from the future")

// ErrBadBase is wrapped by Submit's error when the base version is negative.
var ErrBadBase = errors.New("negative base version")

// ErrHubClosed is returned by calls on a Hub after Close.
var ErrHubClosed = errors.New("collab: hub closed")

// ErrTooManyConflicts is wrapped by Submit's error when other replicas kept
// winning the race for the next version more times than the retry limit.
var ErrTooManyConflicts = errors.New("too many version conflicts")

// hubConfig is what HubOptions set.
type hubConfig struct {
	snapshotEvery int64
	history       int
	subBuffer     int
	idle          time.Duration
	maxRetries    int
	now           func() time.Time
	log           *slog.Logger
}

// HubOption configures a Hub.
type HubOption func(*hubConfig)

// WithSnapshotEvery saves a snapshot of a document every n committed ops,
// which bounds how many ops Open replays (default 500).
func WithSnapshotEvery(n int) HubOption {
	return func(c *hubConfig) { c.snapshotEvery = int64(max(n, 1)) }
}

// WithHistory keeps the last n committed ops of each open document in
// memory for transforming submissions based on older versions; older bases
// are served from the Log (default 1000).
func WithHistory(n int) HubOption { return func(c *hubConfig) { c.history = max(n, 1) } }

// WithSubscriberBuffer sets the channel buffer of each subscriber (default
// 256). A subscriber that falls that far behind is dropped: its channel is
// closed, and it must open the document again. The buffer is allocated up
// front (about 130 bytes an op), so it is the main cost of an idle
// subscription: 256 ops is over a second of 20 people typing at 10 edits/s.
func WithSubscriberBuffer(n int) HubOption { return func(c *hubConfig) { c.subBuffer = max(n, 1) } }

// WithIdleTimeout stops a document's goroutine and frees its text after
// it had no request and no subscriber for d (default 5 minutes); zero or
// less keeps documents until Close.
func WithIdleTimeout(d time.Duration) HubOption { return func(c *hubConfig) { c.idle = d } }

// WithClock sets the clock that stamps committed ops (default time.Now).
func WithClock(now func() time.Time) HubOption { return func(c *hubConfig) { c.now = now } }

// WithLogger sets the logger (default slog.Default()).
func WithLogger(l *slog.Logger) HubOption { return func(c *hubConfig) { c.log = l } }

// Hub sequences the operations of many documents: each open document has
// one goroutine that takes submissions in turn, transforms each against the
// ops committed since its base version, appends it to the Log at the next
// version and only then acknowledges it (Submit returns) and broadcasts it
// to subscribers, in version order.
//
// Several Hubs (server replicas) may share one Log. The Log's unique
// (doc, version) key decides races: a Hub whose Append conflicts catches up
// from the Log, transforms the op against what the other replica committed,
// and retries at the next version, as ShareDB does. A replica learns of the
// other's commits on its next Append, Open or Submit, or at once when told
// through Notify (the server calls it on a PostgreSQL NOTIFY).
type Hub struct {
	log Log
	cfg hubConfig

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu     sync.Mutex
	docs   map[string]*docSeq
	closed bool
}

// NewHub returns a Hub that persists to log.
func NewHub(log Log, opts ...HubOption) *Hub {
	cfg := hubConfig{
		snapshotEvery: 500,
		history:       1000,
		subBuffer:     256,
		idle:          5 * time.Minute,
		maxRetries:    100,
		now:           time.Now,
		log:           slog.Default(),
	}
	for _, o := range opts {
		o(&cfg)
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &Hub{log: log, cfg: cfg, ctx: ctx, cancel: cancel, docs: map[string]*docSeq{}}
}

// Close stops every document goroutine and closes every subscription. It
// waits for in-flight submissions to finish.
func (h *Hub) Close() {
	h.mu.Lock()
	h.closed = true
	h.mu.Unlock()
	h.cancel()
	h.wg.Wait()
}

// acquire returns the sequencer of doc, starting it if needed, and pins it
// against idle eviction until release.
func (h *Hub) acquire(doc string) (*docSeq, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil, ErrHubClosed
	}
	d := h.docs[doc]
	if d == nil {
		d = &docSeq{
			hub:       h,
			name:      doc,
			reqs:      make(chan request),
			poke:      make(chan struct{}, 1),
			subs:      map[*subscription]struct{}{},
			committed: map[string]int64{},
		}
		h.docs[doc] = d
		h.wg.Add(1)
		go d.run()
	}
	d.refs++
	return d, nil
}

func (h *Hub) release(d *docSeq) {
	h.mu.Lock()
	d.refs--
	h.mu.Unlock()
}

// do sends a request to doc's goroutine and waits for its answer.
func (h *Hub) do(ctx context.Context, doc string, r request) (result, error) {
	d, err := h.acquire(doc)
	if err != nil {
		return result{}, err
	}
	defer h.release(d)
	r.ctx = ctx
	r.reply = make(chan result, 1)
	select {
	case d.reqs <- r:
	case <-ctx.Done():
		return result{}, ctx.Err()
	case <-h.ctx.Done():
		return result{}, ErrHubClosed
	}
	select {
	case res := <-r.reply:
		return res, res.err
	case <-ctx.Done():
		// The goroutine finishes the request on its own; for a submit,
		// the op may still commit, and a resubmission with the same id is
		// recognised and acknowledged with the committed op.
		return result{}, ctx.Err()
	}
}

// Open loads doc (from its latest snapshot and the ops after it), catches
// up with ops other replicas committed, and returns its current version and
// text. A document never written reads ("", version 0).
func (h *Hub) Open(ctx context.Context, doc string) (version int64, text string, err error) {
	res, err := h.do(ctx, doc, request{kind: reqOpen})
	if err != nil {
		return 0, "", err
	}
	return res.version, res.text, nil
}

// Join is Open and Subscribe at once: the channel carries exactly the ops
// committed after the returned version, none missed and none repeated.
// Call cancel when done.
func (h *Hub) Join(ctx context.Context, doc string) (version int64, text string, ops <-chan StoredOp, cancel func(), err error) {
	res, err := h.do(ctx, doc, request{kind: reqJoin})
	if err != nil {
		return 0, "", nil, nil, err
	}
	return res.version, res.text, res.sub.ch, res.sub.cancel, nil
}

// Submit commits op, which was made on version base of doc, on behalf of
// author; id is the author's id for the op. It transforms op against the
// ops committed since base, assigns the next version, appends it to the Log,
// and returns the committed op once Append has returned: the caller may
// acknowledge it then. Subscribers receive it after that.
//
// Ties: the incoming op is Transform's FIRST operand and each committed op
// the second, exactly as ot.js's Server does, so when two inserts meet at
// one position the later-sequenced op's text goes first. A client must
// therefore transform as ot.js's Client does, with its own pending op
// first: Transform(outstanding, remote) (then Transform(buffer, remote')).
// Passing the remote op first diverges from the server on such ties.
//
// A resubmission of an (author, id) already committed within the
// in-memory history returns the committed op again instead of applying it
// twice.
//
// Errors wrap ErrBaseFromFuture, ErrBadBase or ErrLengthMismatch for a bad
// submission (the server answers them with a protocol error), or are the
// Log's errors.
func (h *Hub) Submit(ctx context.Context, doc string, base int64, op Op, author, id string) (StoredOp, error) {
	res, err := h.do(ctx, doc, request{kind: reqSubmit, base: base, op: op, author: author, id: id})
	if err != nil {
		return StoredOp{}, err
	}
	return res.op, nil
}

// Subscribe returns a channel of the ops committed to doc from now on, in
// version order, and a function that ends the subscription. The channel is
// closed when the subscription ends, when the subscriber falls more than
// the subscriber buffer behind, or when the Hub closes. To know which
// version the stream starts after, use Join.
func (h *Hub) Subscribe(doc string) (<-chan StoredOp, func()) {
	d, err := h.acquire(doc)
	if err != nil {
		ch := make(chan StoredOp)
		close(ch)
		return ch, func() {}
	}
	defer h.release(d)
	s := d.subscribe()
	return s.ch, s.cancel
}

// Notify tells the Hub that another replica committed ops to doc: if doc
// is open here, its goroutine catches up from the Log and broadcasts them.
// It does not block; notifications that arrive while a catch-up is pending
// are merged into it.
func (h *Hub) Notify(doc string) {
	h.mu.Lock()
	d := h.docs[doc]
	h.mu.Unlock()
	if d == nil {
		return
	}
	select {
	case d.poke <- struct{}{}:
	default:
	}
}

type reqKind int

const (
	reqOpen reqKind = iota
	reqJoin
	reqSubmit
)

type request struct {
	kind   reqKind
	ctx    context.Context
	base   int64
	op     Op
	author string
	id     string
	reply  chan result
}

type result struct {
	version int64
	text    string
	op      StoredOp
	sub     *subscription
	err     error
}

// subscription is one Subscribe or Join.
type subscription struct {
	d    *docSeq
	ch   chan StoredOp
	once sync.Once
}

func (s *subscription) cancel() {
	s.d.mu.Lock()
	defer s.d.mu.Unlock()
	s.closeLocked()
}

// closeLocked ends the subscription; d.mu is held.
func (s *subscription) closeLocked() {
	s.once.Do(func() {
		delete(s.d.subs, s)
		close(s.ch)
	})
}

// docSeq is the sequencer of one document. Fields below the line are owned
// by its goroutine.
type docSeq struct {
	hub  *Hub
	name string
	reqs chan request
	poke chan struct{}
	refs int // guarded by hub.mu

	mu   sync.Mutex
	subs map[*subscription]struct{}

	loaded      bool
	version     int64
	text        *Document
	hist        []StoredOp // the last committed ops, consecutive, ending at version
	committed   map[string]int64
	snapVersion int64
}

func (d *docSeq) subscribe() *subscription {
	s := &subscription{d: d, ch: make(chan StoredOp, d.hub.cfg.subBuffer)}
	d.mu.Lock()
	d.subs[s] = struct{}{}
	d.mu.Unlock()
	return s
}

func (d *docSeq) run() {
	h := d.hub
	defer h.wg.Done()
	defer d.closeSubs()
	var idleC <-chan time.Time
	idle := time.NewTimer(max(h.cfg.idle, time.Hour))
	defer idle.Stop()
	if h.cfg.idle > 0 {
		idleC = idle.C
	}
	for {
		select {
		case r := <-d.reqs:
			d.serve(r)
		case <-d.poke:
			if d.loaded {
				if err := d.catchUp(h.ctx); err != nil {
					h.cfg.log.Warn("collab: catching up after notify", "doc", d.name, "err", err)
				}
			}
		case <-idleC:
			if d.evict() {
				return
			}
		case <-h.ctx.Done():
			return
		}
		if idleC != nil {
			idle.Reset(h.cfg.idle)
		}
	}
}

// evict removes the document from the Hub if nobody uses it.
func (d *docSeq) evict() bool {
	h := d.hub
	h.mu.Lock()
	defer h.mu.Unlock()
	d.mu.Lock()
	nsubs := len(d.subs)
	d.mu.Unlock()
	if d.refs > 0 || nsubs > 0 {
		return false
	}
	delete(h.docs, d.name)
	return true
}

func (d *docSeq) closeSubs() {
	d.mu.Lock()
	defer d.mu.Unlock()
	for s := range d.subs {
		s.closeLocked()
	}
}

// maxBatch bounds the submissions committed in one durable write.
const maxBatch = 64

// serve answers r. A submission takes with it the submissions already
// waiting, when the Log can append them at once: group commit, so that a
// busy document pays one fsync per batch rather than per op.
func (d *docSeq) serve(r request) {
	if r.kind != reqSubmit {
		r.reply <- d.handle(r)
		return
	}
	batch := []request{r}
	var held *request
	if _, ok := d.hub.log.(BatchLog); ok {
	drain:
		for len(batch) < maxBatch {
			select {
			case r2 := <-d.reqs:
				if r2.kind != reqSubmit {
					held = &r2
					break drain
				}
				batch = append(batch, r2)
			default:
				break drain
			}
		}
	}
	d.submitBatch(batch)
	if held != nil {
		held.reply <- d.handle(*held)
	}
}

func (d *docSeq) handle(r request) result {
	if err := d.load(r.ctx); err != nil {
		return result{err: err}
	}
	switch r.kind {
	case reqOpen, reqJoin:
		if err := d.catchUp(r.ctx); err != nil {
			return result{err: err}
		}
		res := result{version: d.version, text: d.text.String()}
		if r.kind == reqJoin {
			res.sub = d.subscribe()
		}
		return res
	default:
		// Submissions go through serve; handle never sees one.
		return result{err: fmt.Errorf("collab: internal error: request kind %d", r.kind)}
	}
}

// load reads the document from its snapshot and the ops after it, once.
func (d *docSeq) load(ctx context.Context) error {
	if d.loaded {
		return nil
	}
	v, text, err := d.hub.log.Snapshot(ctx, d.name)
	if err != nil {
		return fmt.Errorf("collab: loading snapshot of %q: %w", d.name, err)
	}
	d.version, d.snapVersion, d.text = v, v, NewDocument(text)
	d.hist = d.hist[:0]
	clear(d.committed)
	if err := d.catchUp(ctx); err != nil {
		return err
	}
	d.loaded = true
	return nil
}

// catchUp applies and broadcasts the ops other replicas committed after
// the version held here.
func (d *docSeq) catchUp(ctx context.Context) error {
	ops, err := d.hub.log.Since(ctx, d.name, d.version)
	if err != nil {
		return fmt.Errorf("collab: reading ops of %q after version %d: %w", d.name, d.version, err)
	}
	for _, o := range ops {
		if o.Version != d.version+1 {
			return fmt.Errorf("collab: log of %q returned version %d after version %d", d.name, o.Version, d.version)
		}
		if err := d.commit(ctx, o); err != nil {
			return fmt.Errorf("collab: replaying version %d of %q: %w", o.Version, d.name, err)
		}
	}
	return nil
}

// since returns the committed ops with versions in (base, d.version].
func (d *docSeq) since(ctx context.Context, base int64) ([]StoredOp, error) {
	if base == d.version {
		return nil, nil
	}
	if len(d.hist) > 0 && d.hist[0].Version <= base+1 {
		return d.hist[base+1-d.hist[0].Version:], nil
	}
	ops, err := d.hub.log.Since(ctx, d.name, base)
	if err != nil {
		return nil, fmt.Errorf("collab: reading ops of %q after version %d: %w", d.name, base, err)
	}
	// The log may already hold more than this replica has applied; those
	// are caught up with on conflict.
	for len(ops) > 0 && ops[len(ops)-1].Version > d.version {
		ops = ops[:len(ops)-1]
	}
	if int64(len(ops)) != d.version-base {
		return nil, fmt.Errorf("collab: log of %q has %d ops after version %d, want %d", d.name, len(ops), base, d.version-base)
	}
	return ops, nil
}

// rebase transforms op, made on version base, to apply to the current
// version. The incoming op is Transform's first operand, as in ot.js's
// Server, so that ot.js clients break ties the same way.
func (d *docSeq) rebase(ctx context.Context, op Op, base int64) (Op, error) {
	ops, err := d.since(ctx, base)
	if err != nil {
		return Op{}, err
	}
	for _, c := range ops {
		if op, _, err = Transform(op, c.Op); err != nil {
			return Op{}, fmt.Errorf("collab: op based on version %d of %q against version %d: %w", base, d.name, c.Version, err)
		}
	}
	return op, nil
}

func dedupKey(author, id string) string { return author + "\x00" + id }

// lookup returns the committed op of (author, id), if it is in the history.
func (d *docSeq) lookup(author, id string) (StoredOp, bool) {
	if id == "" {
		return StoredOp{}, false
	}
	v, ok := d.committed[dedupKey(author, id)]
	if !ok || len(d.hist) == 0 || v < d.hist[0].Version {
		return StoredOp{}, false
	}
	return d.hist[v-d.hist[0].Version], true
}

// prepare checks a submission and transforms it to apply to the current
// version. A resubmission of a committed op returns that op as dup.
func (d *docSeq) prepare(r request) (dup *StoredOp, op Op, err error) {
	ctx := r.ctx
	if r.base < 0 {
		return nil, Op{}, fmt.Errorf("collab: doc %q: %w: %d", d.name, ErrBadBase, r.base)
	}
	if r.base > d.version {
		// Another replica may have committed it; look before refusing.
		if err := d.catchUp(ctx); err != nil {
			return nil, Op{}, err
		}
		if r.base > d.version {
			return nil, Op{}, fmt.Errorf("collab: doc %q: %w: base %d, latest version %d", d.name, ErrBaseFromFuture, r.base, d.version)
		}
	}
	if s, ok := d.lookup(r.author, r.id); ok {
		return &s, Op{}, nil
	}
	if want, err := d.lengthAt(ctx, r.base); err != nil {
		return nil, Op{}, err
	} else if r.op.BaseLen() != want {
		return nil, Op{}, fmt.Errorf("collab: doc %q: %w: op base length %d, but version %d has length %d", d.name, ErrLengthMismatch, r.op.BaseLen(), r.base, want)
	}
	op, err = d.rebase(ctx, r.op, r.base)
	return nil, op, err
}

// submitBatch commits the submissions that queued up together: each is
// transformed against the committed ops and the batch's earlier ones, and
// all are appended at once (one durable write when the Log is a BatchLog),
// then acknowledged. It answers every request.
func (d *docSeq) submitBatch(reqs []request) {
	type pending struct {
		r     request
		op    Op
		twins []request // resubmissions of the same (author, id) in this batch
	}
	var batch []pending
	byKey := map[string]int{}
	reply := func(p pending, res result) {
		p.r.reply <- res
		for _, t := range p.twins {
			t.reply <- res
		}
	}
	// place transforms every pending op again from the op as its client
	// sent it: against the committed ops since its base, then against
	// the batch's earlier ops, the order of the log and so the order in
	// which the client transforms its outstanding op against the stream.
	// Transform satisfies TP1 but not TP2, so an op transformed against
	// an equivalent sequence in another order (the batch's earlier ops,
	// then another replica's, as moving already transformed ops past the
	// newcomers would) can land elsewhere than on its client's copy.
	place := func(ctx context.Context) error {
		for i := range batch {
			op, err := d.rebase(ctx, batch[i].r.op, batch[i].r.base)
			if err != nil {
				return err
			}
			for _, p := range batch[:i] {
				if op, _, err = Transform(op, p.op); err != nil {
					return fmt.Errorf("collab: doc %q: rebasing a batch: %w", d.name, err)
				}
			}
			batch[i].op = op
		}
		return nil
	}
	for _, r := range reqs {
		if i, ok := byKey[dedupKey(r.author, r.id)]; ok && r.id != "" {
			batch[i].twins = append(batch[i].twins, r)
			continue
		}
		if err := d.load(r.ctx); err != nil {
			r.reply <- result{err: err}
			continue
		}
		from := d.version
		dup, op, err := d.prepare(r)
		if d.version != from {
			// prepare caught up with another replica's ops: the batch
			// so far must be placed after them, or refused, since ops
			// placed before them can no longer be appended. Another
			// caller giving up must not refuse the batch.
			if perr := place(context.WithoutCancel(r.ctx)); perr != nil {
				for _, p := range batch {
					reply(p, result{err: perr})
				}
				batch = batch[:0]
				clear(byKey)
			}
		}
		if err == nil && dup == nil {
			for _, p := range batch {
				if op, _, err = Transform(op, p.op); err != nil {
					break
				}
			}
		}
		switch {
		case err != nil:
			r.reply <- result{err: err}
		case dup != nil:
			r.reply <- result{op: *dup}
		default:
			byKey[dedupKey(r.author, r.id)] = len(batch)
			batch = append(batch, pending{r: r, op: op})
		}
	}
	if len(batch) == 0 {
		return
	}
	fail := func(err error) {
		for _, p := range batch {
			reply(p, result{err: err})
		}
	}
	// A caller giving up must not cancel the write: an op cut off half way
	// through its append would be neither clearly committed nor clearly
	// refused, and in a batch the others still wait for it.
	ctx := context.WithoutCancel(batch[0].r.ctx)
	for attempt := 0; ; attempt++ {
		stored := make([]StoredOp, len(batch))
		now := d.hub.cfg.now()
		for i, p := range batch {
			stored[i] = StoredOp{Doc: d.name, Version: d.version + 1 + int64(i), Op: p.op, Author: p.r.author, ID: p.r.id, Time: now}
		}
		err := d.append(ctx, stored)
		if err == nil {
			for i, s := range stored {
				if err := d.commit(ctx, s); err != nil {
					// The ops are durable; only this replica's copy failed.
					d.loaded = false
					for _, p := range batch[i:] {
						reply(p, result{err: err})
					}
					return
				}
				reply(batch[i], result{op: s})
			}
			return
		}
		if !errors.Is(err, ErrVersionConflict) {
			fail(fmt.Errorf("collab: appending version %d of %q: %w", stored[0].Version, d.name, err))
			return
		}
		if attempt >= d.hub.cfg.maxRetries {
			fail(fmt.Errorf("collab: doc %q: %w (%d)", d.name, ErrTooManyConflicts, attempt))
			return
		}
		if err := d.catchUp(ctx); err != nil {
			fail(err)
			return
		}
		// An earlier attempt whose append failed ambiguously (a timeout
		// after the commit) shows up here as already committed; appends
		// are all or nothing, so the first op tells for the batch.
		if s, ok := d.lookup(batch[0].r.author, batch[0].r.id); ok && batch[0].r.id != "" {
			for _, p := range batch {
				s, _ = d.lookup(p.r.author, p.r.id)
				reply(p, result{op: s})
			}
			return
		}
		if err := place(ctx); err != nil {
			fail(err)
			return
		}
	}
}

// append writes consecutive ops durably, all or nothing.
func (d *docSeq) append(ctx context.Context, ops []StoredOp) error {
	if len(ops) == 1 {
		return d.hub.log.Append(ctx, ops[0])
	}
	return d.hub.log.(BatchLog).AppendBatch(ctx, ops)
}

// lengthAt returns the document's length at version v (at most the
// current one), from the history's base lengths.
func (d *docSeq) lengthAt(ctx context.Context, v int64) (int, error) {
	ops, err := d.since(ctx, v)
	if err != nil {
		return 0, err
	}
	if len(ops) == 0 {
		return d.text.Len(), nil
	}
	return ops[0].Op.BaseLen(), nil
}

// commit applies a committed op, records it, broadcasts it and saves a
// snapshot when one is due.
func (d *docSeq) commit(ctx context.Context, s StoredOp) error {
	if err := d.text.Apply(s.Op); err != nil {
		return err
	}
	d.version = s.Version
	if len(d.hist) >= d.hub.cfg.history {
		drop := len(d.hist) - d.hub.cfg.history + 1
		for _, o := range d.hist[:drop] {
			if o.ID != "" {
				delete(d.committed, dedupKey(o.Author, o.ID))
			}
		}
		// Shift in place rather than reslicing, so the backing array does
		// not grow without bound.
		n := copy(d.hist, d.hist[drop:])
		d.hist = d.hist[:n]
	}
	d.hist = append(d.hist, s)
	if s.ID != "" {
		d.committed[dedupKey(s.Author, s.ID)] = s.Version
	}
	d.broadcast(s)
	if s.Version-d.snapVersion >= d.hub.cfg.snapshotEvery {
		// A failed snapshot only costs replay time later: log it and go on.
		if err := d.hub.log.SaveSnapshot(ctx, d.name, s.Version, d.text.String()); err != nil {
			d.hub.cfg.log.Warn("collab: saving snapshot", "doc", d.name, "version", s.Version, "err", err)
		} else {
			d.snapVersion = s.Version
		}
	}
	return nil
}

func (d *docSeq) broadcast(s StoredOp) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for sub := range d.subs {
		select {
		case sub.ch <- s:
		default:
			// Blocking here would let one slow reader stall every writer
			// of the document: drop it, it reopens and resynchronises.
			d.hub.cfg.log.Warn("collab: dropping a subscriber that fell behind", "doc", d.name, "version", s.Version)
			sub.closeLocked()
		}
	}
}
