package collab

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"testing/synctest"
)

// replicaLog is one replica's view of a shared MemLog that lets a test
// stop the replica's document goroutine at chosen points: once paused,
// its next Since reads the log, then waits until resume before returning
// what it read; and hook runs before each of its writes.
type replicaLog struct {
	*MemLog

	mu     sync.Mutex
	gate   chan struct{}
	armed  bool // the next Since waits for gate
	hook   func(ops []StoredOp)
	writes []int // the size of every write, conflicting ones included
}

func (l *replicaLog) pause() {
	l.mu.Lock()
	l.gate, l.armed = make(chan struct{}), true
	l.mu.Unlock()
}

func (l *replicaLog) resume() {
	l.mu.Lock()
	close(l.gate)
	l.mu.Unlock()
}

func (l *replicaLog) Since(ctx context.Context, doc string, after int64) ([]StoredOp, error) {
	ops, err := l.MemLog.Since(ctx, doc, after)
	l.mu.Lock()
	gate, armed := l.gate, l.armed
	l.armed = false
	l.mu.Unlock()
	if armed {
		// What was read stays read: ops committed meanwhile are news.
		<-gate
	}
	return ops, err
}

func (l *replicaLog) write(ops []StoredOp) {
	l.mu.Lock()
	l.writes = append(l.writes, len(ops))
	hook := l.hook
	l.mu.Unlock()
	if hook != nil {
		hook(ops)
	}
}

func (l *replicaLog) Append(ctx context.Context, op StoredOp) error {
	l.write([]StoredOp{op})
	return l.MemLog.Append(ctx, op)
}

func (l *replicaLog) AppendBatch(ctx context.Context, ops []StoredOp) error {
	l.write(ops)
	return l.MemLog.AppendBatch(ctx, ops)
}

// smallOps are every one-character insert and delete on "abc",
// inserting s.
func smallOps(s string) []Op {
	var ops []Op
	for p := 0; p <= 3; p++ {
		ops = append(ops, *new(Op).Retain(p).Insert(s).Retain(3 - p))
	}
	for p := range 3 {
		ops = append(ops, *new(Op).Retain(p).Delete(1).Retain(2 - p))
	}
	return ops
}

// batchCase is one run of TestHubBatchMeetsOtherReplica: replica a has
// x and y, both made on version 1 ("abc") by two of its members, waiting
// in one batch, when replica b commits t, also made on version 1.
type batchCase struct {
	x, y, t Op
	// viaPrepare: a learns of t while building the batch, because a
	// third member z submits on t's version; otherwise a learns of it
	// when its append of the batch conflicts.
	viaPrepare bool
}

// run drives the interleaving and returns an error when a member's copy
// ends different from the log, or when the interleaving was not the
// intended one.
func (c batchCase) run(t *testing.T) error {
	ctx := context.Background()
	mem := NewMemLog()
	if err := mem.Append(ctx, StoredOp{Doc: "d", Version: 1, Op: *new(Op).Insert("abc")}); err != nil {
		return err
	}
	la := &replicaLog{MemLog: mem}
	a, b := NewHub(la), NewHub(mem)
	defer a.Close()
	defer b.Close()
	if _, _, err := a.Open(ctx, "d"); err != nil {
		return err
	}
	type member struct {
		name string
		cl   *Client
		op   Op
		base int64
	}
	members := []*member{
		{name: "x", cl: NewClient(1, "abc"), op: c.x},
		{name: "y", cl: NewClient(1, "abc"), op: c.y},
		{name: "t", cl: NewClient(1, "abc"), op: c.t},
	}
	for _, m := range members {
		out, base, send, err := m.cl.Edit(m.op)
		if err != nil || !send {
			return fmt.Errorf("%s: edit: send %v, %v", m.name, send, err)
		}
		m.op, m.base = out, base
	}
	submitT := func() error {
		_, err := b.Submit(ctx, "d", 1, members[2].op, "t", "1")
		return err
	}
	var hookErr error
	if !c.viaPrepare {
		var once sync.Once
		la.hook = func(ops []StoredOp) {
			once.Do(func() { hookErr = submitT() })
		}
	}
	errs := make(chan error, 4)
	la.pause()
	go func() {
		_, _, err := a.Open(ctx, "d")
		errs <- err
	}()
	synctest.Wait() // a's goroutine waits in Since: submissions queue up
	if c.viaPrepare {
		if err := submitT(); err != nil {
			return err
		}
		z := NewClient(1, "abc")
		t1, err := mem.Since(ctx, "d", 1)
		if err != nil {
			return err
		}
		if _, err := z.Remote(2, t1[0].Op); err != nil {
			return err
		}
		members = append(members, &member{name: "z", cl: z, op: *new(Op).Retain(z.Len()).Insert("z"), base: 2})
		if _, _, _, err := z.Edit(members[3].op); err != nil {
			return err
		}
	}
	for _, m := range members {
		if m.name == "t" {
			continue
		}
		go func() {
			_, err := a.Submit(ctx, "d", m.base, m.op, m.name, "1")
			errs <- err
		}()
		// The document's request channel queues senders in order.
		synctest.Wait()
	}
	la.resume()
	for range len(members) {
		if err := <-errs; err != nil {
			return err
		}
	}
	if hookErr != nil {
		return hookErr
	}
	wantWrites := "[2 2]"
	if c.viaPrepare {
		wantWrites = "[3]"
	}
	if got := fmt.Sprint(la.writes); got != wantWrites {
		return fmt.Errorf("replica a wrote batches of sizes %s, want %s", got, wantWrites)
	}
	ops, err := mem.Since(ctx, "d", 1)
	if err != nil {
		return err
	}
	if ops[0].Author != "t" {
		return fmt.Errorf("version 2 is %s's, want t's", ops[0].Author)
	}
	// Every member receives the log in order, as the server's stream
	// delivers it: its own op as an ack, the others' as remote ops.
	want := NewDocument("abc")
	for _, s := range ops {
		if err := want.Apply(s.Op); err != nil {
			return fmt.Errorf("replaying version %d: %w", s.Version, err)
		}
		for _, m := range members {
			switch {
			case s.Version <= m.cl.Version():
			case s.Author == m.name:
				_, _, _, err = m.cl.Ack(s.Version)
			default:
				_, err = m.cl.Remote(s.Version, s.Op)
			}
			if err != nil {
				return fmt.Errorf("%s at version %d: %w", m.name, s.Version, err)
			}
		}
	}
	for _, m := range members {
		if m.cl.Text() != want.String() {
			return fmt.Errorf("member %s ends with %q, the log with %q", m.name, m.cl.Text(), want.String())
		}
	}
	return nil
}

// TestHubBatchMeetsOtherReplica: a replica with a batch of two members'
// ops in flight learns that another replica committed an op first, for
// every combination of one-character edits of "abc". The batch must be
// transformed against the log in the order the members receive it (the
// other replica's op first, then the batch's earlier ops); carrying ops
// already transformed past the batch's earlier ops placed an insert next
// to a concurrent delete on the other side of a concurrent insert, so the
// member diverged: the cause of server's flaky TestReplicasConverge.
func TestHubBatchMeetsOtherReplica(t *testing.T) {
	for _, viaPrepare := range []bool{false, true} {
		t.Run(fmt.Sprintf("viaPrepare=%v", viaPrepare), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				failed := 0
				for _, x := range smallOps("x") {
					for _, y := range smallOps("y") {
						for _, to := range smallOps("t") {
							c := batchCase{x: x, y: y, t: to, viaPrepare: viaPrepare}
							if err := c.run(t); err != nil {
								if failed++; failed <= 5 {
									t.Errorf("x=%v y=%v t=%v: %v", x, y, to, err)
								}
							}
						}
					}
				}
				if failed > 0 {
					t.Errorf("%d of %d cases failed", failed, 7*7*7)
				}
			})
		})
	}
}
