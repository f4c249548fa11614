package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/otpbox/otpbox/collab"

	// The database/sql driver "sqlite3": SQLite compiled to wasm, run by
	// wazero, so no cgo and no system library.
	_ "github.com/ncruces/go-sqlite3/driver"
)

// maxBatch bounds how many appends one group commit takes: enough to
// absorb a burst of editors, small enough that the first op of a batch does
// not wait long for the last.
const maxBatch = 256

// sqliteStore is the embedded store. SQLite allows one writer at a time, so
// the design makes that explicit: all writes go through one connection
// (write), reads through a small pool (read) that WAL lets run beside the
// writer, and op appends are group-committed by one goroutine: every append
// waiting when a transaction starts joins it and they share its fsync.
type sqliteStore struct {
	core
	read, write *sql.DB
	appends     chan appendReq
	quit        chan struct{}
	done        chan struct{}
	closeOnce   sync.Once
	closeErr    error
}

// appendReq is one Append (one op) or AppendBatch (consecutive ops of a
// document, all or none).
type appendReq struct {
	args [][]any
	res  chan error
}

// OpenSQLite opens (creating if needed) the SQLite database at path, with
// write-ahead logging and synchronous=FULL, so that a committed op survives
// power loss, not only a crash of the process. Migrations run before it
// returns.
func OpenSQLite(ctx context.Context, path string) (Store, error) {
	if path == "" {
		return nil, errors.New("sqlite: empty database path")
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("sqlite: creating directory for %s: %w", path, err)
		}
	}
	esc := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
	dsn := "file:" + esc + "?_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)" +
		"&_pragma=journal_mode(wal)&_pragma=synchronous(full)"
	write, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return nil, fmt.Errorf("sqlite: opening %s: %w", path, err)
	}
	write.SetMaxOpenConns(1)
	write.SetMaxIdleConns(1)
	write.SetConnMaxLifetime(0)
	read, err := sql.Open("sqlite3", dsn+"&_pragma=query_only(1)")
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("sqlite: opening %s: %w", path, err)
	}
	read.SetMaxOpenConns(4)
	read.SetMaxIdleConns(4)
	s := &sqliteStore{
		read: read, write: write,
		appends: make(chan appendReq, maxBatch),
		quit:    make(chan struct{}),
		done:    make(chan struct{}),
	}
	s.core = core{db: sqliteDB{read: read, write: write}, d: dialect{
		name: "sqlite", serial: "INTEGER PRIMARY KEY AUTOINCREMENT", blob: "BLOB",
	}}
	if err := s.migrate(ctx); err != nil {
		read.Close()
		write.Close()
		return nil, fmt.Errorf("sqlite %s: %w", path, err)
	}
	go s.committer()
	return s, nil
}

// Append queues op for the next group commit and waits for it: on a nil
// return the op is on disk.
func (s *sqliteStore) Append(ctx context.Context, op collab.StoredOp) error {
	return s.AppendBatch(ctx, []collab.StoredOp{op})
}

// AppendBatch makes the store a collab.BatchLog: the Hub's group commit of
// one document's queued ops rides on the store's group commit across
// documents, so a burst costs one fsync.
func (s *sqliteStore) AppendBatch(ctx context.Context, ops []collab.StoredOp) error {
	req := appendReq{res: make(chan error, 1)}
	for _, op := range ops {
		args, err := opArgs(op)
		if err != nil {
			return err
		}
		req.args = append(req.args, args)
	}
	select {
	case s.appends <- req:
	case <-s.quit:
		return errors.New("sqlite: store closed")
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case err := <-req.res:
		return err
	case <-s.done:
		select {
		case err := <-req.res:
			return err
		default:
			return errors.New("sqlite: store closed before the op was written")
		}
	case <-ctx.Done():
		// The op may still commit; the caller sees the outcome as
		// unknown, and a retry finds ErrVersionConflict.
		return ctx.Err()
	}
}

// committer is the single goroutine that writes ops.
func (s *sqliteStore) committer() {
	defer close(s.done)
	batch := make([]appendReq, 0, maxBatch)
	for {
		select {
		case <-s.quit:
			return
		case r := <-s.appends:
			batch = append(batch[:0], r)
		}
	fill:
		for len(batch) < maxBatch {
			select {
			case r := <-s.appends:
				batch = append(batch, r)
			default:
				break fill
			}
		}
		s.commit(batch)
	}
}

func (s *sqliteStore) commit(batch []appendReq) {
	results := make([]error, len(batch))
	// Not a request's context: one client hanging up must not abort the
	// others' ops in the same transaction.
	ctx := context.Background()
	err := s.db.tx(ctx, func(q querier) error {
		for i, r := range batch {
			// A savepoint per request keeps a batch all-or-none without
			// failing the other requests of the transaction.
			if _, err := q.exec(ctx, "SAVEPOINT req"); err != nil {
				return fmt.Errorf("savepoint: %w", err)
			}
			for _, args := range r.args {
				n, err := q.exec(ctx, insertOp, args...)
				if err != nil {
					return fmt.Errorf("appending op %v@%v: %w", args[0], args[1], err)
				}
				if n == 0 {
					results[i] = fmt.Errorf("op %v@%v: %w", args[0], args[1], collab.ErrVersionConflict)
					if _, err := q.exec(ctx, "ROLLBACK TO req"); err != nil {
						return fmt.Errorf("rollback to savepoint: %w", err)
					}
					break
				}
			}
			if _, err := q.exec(ctx, "RELEASE req"); err != nil {
				return fmt.Errorf("release savepoint: %w", err)
			}
		}
		return nil
	})
	for i, r := range batch {
		if err != nil {
			r.res <- err
		} else {
			r.res <- results[i]
		}
	}
}

// Close stops the committer and closes both pools; it may be called twice.
func (s *sqliteStore) Close() error {
	s.closeOnce.Do(func() {
		close(s.quit)
		<-s.done
		s.closeErr = s.db.close()
	})
	return s.closeErr
}

// sqliteDB routes statements: writes and transactions to the single
// writer connection, plain queries to the reader pool.
type sqliteDB struct{ read, write *sql.DB }

func (d sqliteDB) exec(ctx context.Context, q string, args ...any) (int64, error) {
	return sqlExec(ctx, d.write, q, args)
}

func (d sqliteDB) query(ctx context.Context, q string, args []any, each func(func(...any) error) error) error {
	return sqlQuery(ctx, d.read, q, args, each)
}

func (d sqliteDB) tx(ctx context.Context, fn func(querier) error) error {
	tx, err := d.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: begin: %w", err)
	}
	if err := fn(sqlTx{tx}); err != nil {
		return errors.Join(err, ignoreDone(tx.Rollback()))
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: commit: %w", err)
	}
	return nil
}

func ignoreDone(err error) error {
	if errors.Is(err, sql.ErrTxDone) {
		return nil
	}
	return err
}

func (d sqliteDB) ping(ctx context.Context) error {
	var one int
	if err := d.read.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
		return fmt.Errorf("sqlite: ping: %w", err)
	}
	return nil
}

func (d sqliteDB) close() error { return errors.Join(d.read.Close(), d.write.Close()) }

// sqlTx is a database/sql transaction as a querier.
type sqlTx struct{ tx *sql.Tx }

func (t sqlTx) exec(ctx context.Context, q string, args ...any) (int64, error) {
	return sqlExec(ctx, t.tx, q, args)
}

func (t sqlTx) query(ctx context.Context, q string, args []any, each func(func(...any) error) error) error {
	return sqlQuery(ctx, t.tx, q, args, each)
}

// sqlConn is what *sql.DB and *sql.Tx have in common.
type sqlConn interface {
	ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}

func sqlExec(ctx context.Context, c sqlConn, q string, args []any) (int64, error) {
	res, err := c.ExecContext(ctx, q, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func sqlQuery(ctx context.Context, c sqlConn, q string, args []any, each func(func(...any) error) error) error {
	rows, err := c.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	return eachRow(rows, each)
}

// rows is what database/sql's and pgx's result sets have in common.
type rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

func eachRow(r rows, each func(func(...any) error) error) error {
	for r.Next() {
		if err := each(r.Scan); err != nil {
			return err
		}
	}
	return r.Err()
}
