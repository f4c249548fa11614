package store

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/otpbox/otpbox/collab"
)

// notifyChannel is the PostgreSQL channel on which every replica announces
// the ops it commits.
const notifyChannel = "otpbox_ops"

// presenceChannel carries cursor moves between replicas.
const presenceChannel = "otpbox_presence"

// pgStore is the PostgreSQL store. PostgreSQL handles concurrent writers
// itself, and its commits are durable by default (synchronous_commit=on),
// so ops are appended directly, each announced with NOTIFY in the same
// statement: the notification is delivered only if the op commits.
type pgStore struct {
	core
	pool *pgxpool.Pool
}

// OpenPostgres connects to the PostgreSQL database at url and runs the
// migrations.
func OpenPostgres(ctx context.Context, url string) (Store, error) {
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	s := &pgStore{pool: pool}
	s.core = core{db: pgDB{pool}, d: dialect{
		name: "postgres", serial: "BIGSERIAL PRIMARY KEY", blob: "BYTEA",
		lock: "SELECT pg_advisory_xact_lock(7468730)",
	}}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: %w", err)
	}
	return s, nil
}

const appendNotify = `WITH ins AS (` + insertOp + ` RETURNING version)
	SELECT pg_notify('` + notifyChannel + `', version::text || ' ' || $1) FROM ins`

// Append stores op and notifies the other replicas, in one statement.
func (s *pgStore) Append(ctx context.Context, op collab.StoredOp) error {
	return appendPG(ctx, s.db, op)
}

// AppendBatch makes the store a collab.BatchLog: one transaction, so one
// WAL flush, for a document's queued ops.
func (s *pgStore) AppendBatch(ctx context.Context, ops []collab.StoredOp) error {
	return s.db.tx(ctx, func(q querier) error {
		for _, op := range ops {
			if err := appendPG(ctx, q, op); err != nil {
				return err
			}
		}
		return nil
	})
}

func appendPG(ctx context.Context, q querier, op collab.StoredOp) error {
	args, err := opArgs(op)
	if err != nil {
		return err
	}
	n, err := q.exec(ctx, appendNotify, args...)
	if err != nil {
		return fmt.Errorf("appending op %s@%d: %w", op.Doc, op.Version, err)
	}
	if n == 0 {
		return fmt.Errorf("op %s@%d: %w", op.Doc, op.Version, collab.ErrVersionConflict)
	}
	return nil
}

// Listen holds one connection LISTENing for committed ops and presence,
// reconnecting after errors with backoff, until ctx ends.
func (s *pgStore) Listen(ctx context.Context, onConnect func(), onOp func(doc string), onPresence func([]byte)) error {
	backoff := 100 * time.Millisecond
	for {
		err := s.listenOnce(ctx, onConnect, onOp, onPresence)
		if ctx.Err() != nil {
			return nil
		}
		slog.Warn("postgres listen failed; reconnecting", "err", err, "in", backoff)
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(backoff):
		}
		backoff = min(2*backoff, 5*time.Second)
	}
}

// Publish sends a presence payload to every replica.
func (s *pgStore) Publish(ctx context.Context, payload []byte) error {
	if len(payload) > 7000 {
		return fmt.Errorf("presence payload of %d bytes: at most 7000", len(payload))
	}
	if _, err := s.pool.Exec(ctx, "SELECT pg_notify($1, $2)", presenceChannel, string(payload)); err != nil {
		return fmt.Errorf("publishing presence: %w", err)
	}
	return nil
}

func (s *pgStore) listenOnce(ctx context.Context, onConnect func(), onOp func(doc string), onPresence func([]byte)) error {
	pc, err := s.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("acquiring listen connection: %w", err)
	}
	// A connection that was LISTENing must not go back to the pool:
	// take it out of the pool for good, and close it when done.
	conn := pc.Hijack()
	defer conn.Close(context.Background())
	for _, ch := range []string{notifyChannel, presenceChannel} {
		if _, err := conn.Exec(ctx, "LISTEN "+ch); err != nil {
			return fmt.Errorf("LISTEN %s: %w", ch, err)
		}
	}
	onConnect()
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return fmt.Errorf("waiting for notification: %w", err)
		}
		if n.Channel == presenceChannel {
			onPresence([]byte(n.Payload))
			continue
		}
		doc, _, err := parseNotifyPayload(n.Payload)
		if err != nil {
			slog.Warn("ignoring notification", "err", err)
			continue
		}
		onOp(doc)
	}
}

// Close closes the pool.
func (s *pgStore) Close() error { return s.db.close() }

// pgDB is a pgx pool as a database.
type pgDB struct{ pool *pgxpool.Pool }

func (d pgDB) exec(ctx context.Context, q string, args ...any) (int64, error) {
	tag, err := d.pool.Exec(ctx, q, args...)
	return tag.RowsAffected(), err
}

func (d pgDB) query(ctx context.Context, q string, args []any, each func(func(...any) error) error) error {
	rows, err := d.pool.Query(ctx, q, args...)
	return pgRows(rows, err, each)
}

func (d pgDB) tx(ctx context.Context, fn func(querier) error) error {
	return pgx.BeginFunc(ctx, d.pool, func(tx pgx.Tx) error { return fn(pgTx{tx}) })
}

func (d pgDB) ping(ctx context.Context) error {
	if err := d.pool.Ping(ctx); err != nil {
		return fmt.Errorf("postgres: ping: %w", err)
	}
	return nil
}

func (d pgDB) close() error { d.pool.Close(); return nil }

type pgTx struct{ tx pgx.Tx }

func (t pgTx) exec(ctx context.Context, q string, args ...any) (int64, error) {
	tag, err := t.tx.Exec(ctx, q, args...)
	return tag.RowsAffected(), err
}

func (t pgTx) query(ctx context.Context, q string, args []any, each func(func(...any) error) error) error {
	rows, err := t.tx.Query(ctx, q, args...)
	return pgRows(rows, err, each)
}

func pgRows(rows pgx.Rows, err error, each func(func(...any) error) error) error {
	if err != nil {
		return err
	}
	defer rows.Close()
	return eachRow(rows, each)
}
