package collab

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// StoredOp is one committed operation of a document.
//
// Version is the document's version after this op: the first op of a
// document has Version 1, and version N is the document after N ops. Op is
// the op as committed, transformed to apply to version Version-1. ID is the
// submitter's id for the op (unique per author), used to acknowledge it and
// to recognise a resubmission of an op already committed.
type StoredOp struct {
	Doc     string
	Version int64
	Op      Op
	Author  string
	ID      string
	Time    time.Time
}

// ErrVersionConflict is returned by Log.Append when the log already holds
// an op with the same (doc, version): another replica committed first. The
// Hub then catches up from the log, transforms and retries at the next
// version.
var ErrVersionConflict = errors.New("collab: version already committed")

// Log is the durable operation log of every document, implemented by the
// server's store (SQLite, PostgreSQL) and by MemLog for tests.
//
// Implementations must be safe for concurrent use.
type Log interface {
	// Append stores op. It returns only once op is durable (fsync'd or
	// committed), and returns an error wrapping ErrVersionConflict when
	// (op.Doc, op.Version) already exists.
	Append(ctx context.Context, op StoredOp) error
	// Since returns the ops of doc with Version > after, in ascending
	// version order.
	Since(ctx context.Context, doc string, after int64) ([]StoredOp, error)
	// Snapshot returns the latest saved snapshot of doc, or (0, "", nil)
	// when there is none.
	Snapshot(ctx context.Context, doc string) (version int64, text string, err error)
	// SaveSnapshot records that doc reads text at version. Saving a
	// version that is already saved, or older than the latest snapshot,
	// must succeed (replicas race to save the same snapshot).
	SaveSnapshot(ctx context.Context, doc string, version int64, text string) error
}

// BatchLog is a Log that can also append several consecutive ops of one
// document in one durable write (one transaction, one fsync). When the
// Hub's Log is a BatchLog, the submissions that queue up for a document
// while an append runs are committed together: group commit.
type BatchLog interface {
	Log
	// AppendBatch stores ops, which are of one document with consecutive
	// versions, all or none. It returns only once they are durable, and
	// an error wrapping ErrVersionConflict when any of their (doc,
	// version) already exists, storing none.
	AppendBatch(ctx context.Context, ops []StoredOp) error
}

// MemLog is an in-memory Log for tests and benchmarks. It keeps everything
// and is safe for concurrent use.
type MemLog struct {
	mu    sync.Mutex
	ops   map[string][]StoredOp
	snaps map[string]memSnap
}

type memSnap struct {
	version int64
	text    string
}

// NewMemLog returns an empty in-memory log.
func NewMemLog() *MemLog {
	return &MemLog{ops: map[string][]StoredOp{}, snaps: map[string]memSnap{}}
}

// Append stores op. Versions must be appended in order without gaps, as the
// Hub does; a gap is a bug in the caller and gets its own error.
func (m *MemLog) Append(ctx context.Context, op StoredOp) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	ops := m.ops[op.Doc]
	next := int64(len(ops)) + 1
	switch {
	case op.Version < next:
		return fmt.Errorf("memlog: doc %q version %d: %w", op.Doc, op.Version, ErrVersionConflict)
	case op.Version > next:
		return fmt.Errorf("memlog: doc %q version %d appended but the next version is %d", op.Doc, op.Version, next)
	}
	m.ops[op.Doc] = append(ops, op)
	return nil
}

// AppendBatch stores consecutive ops of one document, all or none.
func (m *MemLog) AppendBatch(ctx context.Context, ops []StoredOp) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if len(ops) == 0 {
		return nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	doc := ops[0].Doc
	next := int64(len(m.ops[doc])) + 1
	for i, op := range ops {
		if op.Doc != doc || op.Version != ops[0].Version+int64(i) {
			return fmt.Errorf("memlog: batch item %d (doc %q version %d) does not follow doc %q version %d", i, op.Doc, op.Version, doc, ops[0].Version+int64(i)-1)
		}
	}
	switch {
	case ops[0].Version < next:
		return fmt.Errorf("memlog: doc %q version %d: %w", doc, ops[0].Version, ErrVersionConflict)
	case ops[0].Version > next:
		return fmt.Errorf("memlog: doc %q version %d appended but the next version is %d", doc, ops[0].Version, next)
	}
	m.ops[doc] = append(m.ops[doc], ops...)
	return nil
}

// Since returns the ops of doc after the given version.
func (m *MemLog) Since(ctx context.Context, doc string, after int64) ([]StoredOp, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	ops := m.ops[doc]
	if after < 0 {
		after = 0
	}
	if after >= int64(len(ops)) {
		return nil, nil
	}
	return append([]StoredOp(nil), ops[after:]...), nil
}

// Snapshot returns the latest snapshot of doc.
func (m *MemLog) Snapshot(ctx context.Context, doc string) (int64, string, error) {
	if err := ctx.Err(); err != nil {
		return 0, "", err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.snaps[doc]
	return s.version, s.text, nil
}

// SaveSnapshot keeps the snapshot if it is newer than the one held.
func (m *MemLog) SaveSnapshot(ctx context.Context, doc string, version int64, text string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if version > m.snaps[doc].version {
		m.snaps[doc] = memSnap{version, text}
	}
	return nil
}
