package store

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/otpbox/otpbox/collab"
)

// querier is the little the SQL core needs from a database or a
// transaction. database/sql (SQLite) and pgx (PostgreSQL) differ in their
// types but not in these three operations, so one adapter each lets every
// query be written once. Queries use $N placeholders in increasing order,
// which both SQLite and PostgreSQL accept.
type querier interface {
	// exec runs a statement and returns the number of rows it changed.
	exec(ctx context.Context, q string, args ...any) (int64, error)
	// query runs q and calls each for every row; scan reads the row.
	query(ctx context.Context, q string, args []any, each func(scan func(dest ...any) error) error) error
}

// database is a querier that can also run a transaction.
type database interface {
	querier
	// tx runs fn in a transaction, committed when fn returns nil.
	tx(ctx context.Context, fn func(q querier) error) error
	ping(ctx context.Context) error
	close() error
}

// dialect holds what differs in the schema between the two databases.
type dialect struct {
	name   string
	serial string // an auto-incremented integer primary key
	blob   string // a byte string column type
	// lock, if set, runs first in the migration transaction so that
	// replicas starting together migrate one at a time.
	lock string
}

// core implements Store over a database, except for Append, which each
// database does its own way (group commit in SQLite, NOTIFY in
// PostgreSQL).
type core struct {
	db database
	d  dialect
}

// migrations are applied in order, each once, recorded in
// schema_migrations. Never edit an applied migration; append a new one.
var migrations = [][]string{
	1: {
		`CREATE TABLE users (
			id TEXT PRIMARY KEY,
			username TEXT NOT NULL UNIQUE,
			role TEXT NOT NULL,
			created BIGINT NOT NULL)`,
		`CREATE TABLE tokens (
			hash {{blob}} PRIMARY KEY,
			user_id TEXT NOT NULL REFERENCES users(id),
			created BIGINT NOT NULL)`,
		`CREATE TABLE progress (
			id {{serial}},
			user_id TEXT NOT NULL REFERENCES users(id),
			lesson TEXT NOT NULL,
			step TEXT NOT NULL,
			event TEXT NOT NULL,
			detail TEXT NOT NULL,
			time BIGINT NOT NULL)`,
		`CREATE INDEX progress_user ON progress(user_id, id)`,
		`CREATE TABLE lessons (
			id TEXT PRIMARY KEY,
			title TEXT NOT NULL,
			summary TEXT NOT NULL,
			data TEXT NOT NULL,
			updated BIGINT NOT NULL)`,
		`CREATE TABLE sessions (
			id TEXT PRIMARY KEY,
			name TEXT NOT NULL,
			owner_id TEXT NOT NULL REFERENCES users(id),
			created BIGINT NOT NULL)`,
		`CREATE TABLE members (
			session_id TEXT NOT NULL REFERENCES sessions(id),
			user_id TEXT NOT NULL REFERENCES users(id),
			role TEXT NOT NULL,
			PRIMARY KEY (session_id, user_id))`,
		`CREATE TABLE audit (
			id {{serial}},
			time BIGINT NOT NULL,
			actor TEXT NOT NULL,
			action TEXT NOT NULL,
			target TEXT NOT NULL,
			allowed BOOLEAN NOT NULL,
			reason TEXT NOT NULL)`,
		// The primary key is the (document, version) uniqueness that
		// makes concurrent replicas safe: a second append of a version
		// loses, and its Hub transforms and retries.
		`CREATE TABLE ops (
			doc TEXT NOT NULL,
			version BIGINT NOT NULL,
			op TEXT NOT NULL,
			author TEXT NOT NULL,
			op_id TEXT NOT NULL,
			time BIGINT NOT NULL,
			PRIMARY KEY (doc, version))`,
		`CREATE TABLE snapshots (
			doc TEXT PRIMARY KEY,
			version BIGINT NOT NULL,
			text TEXT NOT NULL)`,
	},
}

// migrate brings the schema up to date in one transaction.
func (c *core) migrate(ctx context.Context) error {
	return c.db.tx(ctx, func(q querier) error {
		if c.d.lock != "" {
			if _, err := q.exec(ctx, c.d.lock); err != nil {
				return fmt.Errorf("locking for migration: %w", err)
			}
		}
		if _, err := q.exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
			version INTEGER PRIMARY KEY, applied BIGINT NOT NULL)`); err != nil {
			return fmt.Errorf("creating schema_migrations: %w", err)
		}
		var have int64
		if err := queryRow(ctx, q, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`, nil, &have); err != nil {
			return fmt.Errorf("reading schema version: %w", err)
		}
		for v := int(have) + 1; v < len(migrations); v++ {
			for _, stmt := range migrations[v] {
				stmt = strings.NewReplacer("{{serial}}", c.d.serial, "{{blob}}", c.d.blob).Replace(stmt)
				if _, err := q.exec(ctx, stmt); err != nil {
					return fmt.Errorf("migration %d: %w", v, err)
				}
			}
			if _, err := q.exec(ctx, `INSERT INTO schema_migrations (version, applied) VALUES ($1, $2)`, v, now()); err != nil {
				return fmt.Errorf("recording migration %d: %w", v, err)
			}
		}
		return nil
	})
}

// queryRow scans the single row of q into dest; ErrNotFound if no row.
func queryRow(ctx context.Context, q querier, sql string, args []any, dest ...any) error {
	found := false
	err := q.query(ctx, sql, args, func(scan func(...any) error) error {
		if found {
			return nil
		}
		found = true
		return scan(dest...)
	})
	if err != nil {
		return err
	}
	if !found {
		return ErrNotFound
	}
	return nil
}

func now() int64 { return time.Now().UnixNano() }

// NewID returns a random 128-bit identifier in hex: unguessable, so that
// knowing one session's id says nothing about another's.
func NewID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return hex.EncodeToString(b[:])
}

// Ping implements Store.Ping.
func (c *core) Ping(ctx context.Context) error { return c.db.ping(ctx) }

// CreateUser implements Store.CreateUser.
func (c *core) CreateUser(ctx context.Context, u User, tokenHash []byte) error {
	return c.db.tx(ctx, func(q querier) error { return createUser(ctx, q, u, tokenHash) })
}

func createUser(ctx context.Context, q querier, u User, tokenHash []byte) error {
	n, err := q.exec(ctx, `INSERT INTO users (id, username, role, created) VALUES ($1, $2, $3, $4)
		ON CONFLICT DO NOTHING`, u.ID, u.Username, string(u.Role), u.Created.UnixNano())
	if err != nil {
		return fmt.Errorf("creating user %q: %w", u.Username, err)
	}
	if n == 0 {
		return fmt.Errorf("user %q: %w", u.Username, ErrConflict)
	}
	return addToken(ctx, q, u.ID, tokenHash)
}

func addToken(ctx context.Context, q querier, userID string, hash []byte) error {
	if _, err := q.exec(ctx, `INSERT INTO tokens (hash, user_id, created) VALUES ($1, $2, $3)
		ON CONFLICT DO NOTHING`, hash, userID, now()); err != nil {
		return fmt.Errorf("storing token: %w", err)
	}
	return nil
}

// EnsureUser implements Store.EnsureUser.
func (c *core) EnsureUser(ctx context.Context, u User, tokenHash []byte) (User, error) {
	var out User
	err := c.db.tx(ctx, func(q querier) error {
		have, err := userWhere(ctx, q, `username = $1`, u.Username)
		if errors.Is(err, ErrNotFound) {
			out = u
			return createUser(ctx, q, u, tokenHash)
		}
		if err != nil {
			return err
		}
		if have.Role != u.Role {
			if _, err := q.exec(ctx, `UPDATE users SET role = $1 WHERE id = $2`, string(u.Role), have.ID); err != nil {
				return fmt.Errorf("updating role of %q: %w", u.Username, err)
			}
			have.Role = u.Role
		}
		out = have
		return addToken(ctx, q, have.ID, tokenHash)
	})
	return out, err
}

func userWhere(ctx context.Context, q querier, cond string, arg any) (User, error) {
	var u User
	var role string
	var created int64
	err := queryRow(ctx, q, `SELECT id, username, role, created FROM users WHERE `+cond, []any{arg},
		&u.ID, &u.Username, &role, &created)
	if err != nil {
		return User{}, fmt.Errorf("user: %w", err)
	}
	u.Role, u.Created = Role(role), time.Unix(0, created)
	return u, nil
}

// UserByToken implements Store.UserByToken.
func (c *core) UserByToken(ctx context.Context, hash []byte) (User, error) {
	var u User
	var role string
	var created int64
	var stored []byte
	err := queryRow(ctx, c.db, `SELECT u.id, u.username, u.role, u.created, t.hash
		FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.hash = $1`, []any{hash},
		&u.ID, &u.Username, &role, &created, &stored)
	if err != nil {
		return User{}, fmt.Errorf("token: %w", err)
	}
	// The index lookup compares hashes, never the secret token itself;
	// the constant-time compare makes the accepted match independent of
	// how the database compares bytes.
	if subtle.ConstantTimeCompare(stored, hash) != 1 {
		return User{}, fmt.Errorf("token: %w", ErrNotFound)
	}
	u.Role, u.Created = Role(role), time.Unix(0, created)
	return u, nil
}

// UserByName implements Store.UserByName.
func (c *core) UserByName(ctx context.Context, username string) (User, error) {
	return userWhere(ctx, c.db, `username = $1`, username)
}

// AddProgress implements Store.AddProgress.
func (c *core) AddProgress(ctx context.Context, e ProgressEvent) error {
	if e.Time.IsZero() {
		e.Time = time.Now()
	}
	_, err := c.db.exec(ctx, `INSERT INTO progress (user_id, lesson, step, event, detail, time)
		VALUES ($1, $2, $3, $4, $5, $6)`, e.UserID, e.Lesson, e.Step, e.Event, e.Detail, e.Time.UnixNano())
	if err != nil {
		return fmt.Errorf("recording progress: %w", err)
	}
	return nil
}

// Progress implements Store.Progress.
func (c *core) Progress(ctx context.Context, userID string) ([]ProgressEvent, error) {
	events := []ProgressEvent{}
	err := c.db.query(ctx, `SELECT id, user_id, lesson, step, event, detail, time FROM progress
		WHERE user_id = $1 ORDER BY id`, []any{userID}, func(scan func(...any) error) error {
		var e ProgressEvent
		var t int64
		if err := scan(&e.ID, &e.UserID, &e.Lesson, &e.Step, &e.Event, &e.Detail, &t); err != nil {
			return err
		}
		e.Time = time.Unix(0, t)
		events = append(events, e)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading progress: %w", err)
	}
	return events, nil
}

// PutLesson implements Store.PutLesson.
func (c *core) PutLesson(ctx context.Context, l Lesson) error {
	if l.Data == nil {
		l.Data = []byte("{}")
	}
	_, err := c.db.exec(ctx, `INSERT INTO lessons (id, title, summary, data, updated) VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (id) DO UPDATE SET title = excluded.title, summary = excluded.summary,
			data = excluded.data, updated = excluded.updated`,
		l.ID, l.Title, l.Summary, string(l.Data), now())
	if err != nil {
		return fmt.Errorf("storing lesson %q: %w", l.ID, err)
	}
	return nil
}

// Lessons implements Store.Lessons.
func (c *core) Lessons(ctx context.Context) ([]Lesson, error) {
	lessons := []Lesson{}
	err := c.db.query(ctx, `SELECT id, title, summary, updated FROM lessons ORDER BY id`, nil,
		func(scan func(...any) error) error {
			var l Lesson
			var t int64
			if err := scan(&l.ID, &l.Title, &l.Summary, &t); err != nil {
				return err
			}
			l.Updated = time.Unix(0, t)
			lessons = append(lessons, l)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("listing lessons: %w", err)
	}
	return lessons, nil
}

// Lesson implements Store.Lesson.
func (c *core) Lesson(ctx context.Context, id string) (Lesson, error) {
	l := Lesson{ID: id}
	var data string
	var t int64
	if err := queryRow(ctx, c.db, `SELECT title, summary, data, updated FROM lessons WHERE id = $1`, []any{id},
		&l.Title, &l.Summary, &data, &t); err != nil {
		return Lesson{}, fmt.Errorf("lesson %q: %w", id, err)
	}
	l.Data, l.Updated = []byte(data), time.Unix(0, t)
	return l, nil
}

// CreateSession implements Store.CreateSession.
func (c *core) CreateSession(ctx context.Context, s Session) error {
	return c.db.tx(ctx, func(q querier) error {
		if _, err := q.exec(ctx, `INSERT INTO sessions (id, name, owner_id, created) VALUES ($1, $2, $3, $4)`,
			s.ID, s.Name, s.OwnerID, s.Created.UnixNano()); err != nil {
			return fmt.Errorf("creating session: %w", err)
		}
		return addMember(ctx, q, Member{SessionID: s.ID, UserID: s.OwnerID, Role: MemberOwner})
	})
}

// Session implements Store.Session.
func (c *core) Session(ctx context.Context, id string) (Session, error) {
	s := Session{ID: id}
	var t int64
	if err := queryRow(ctx, c.db, `SELECT name, owner_id, created FROM sessions WHERE id = $1`, []any{id},
		&s.Name, &s.OwnerID, &t); err != nil {
		return Session{}, fmt.Errorf("session: %w", err)
	}
	s.Created = time.Unix(0, t)
	return s, nil
}

// AddMember implements Store.AddMember.
func (c *core) AddMember(ctx context.Context, m Member) error { return addMember(ctx, c.db, m) }

func addMember(ctx context.Context, q querier, m Member) error {
	n, err := q.exec(ctx, `INSERT INTO members (session_id, user_id, role) VALUES ($1, $2, $3)
		ON CONFLICT DO NOTHING`, m.SessionID, m.UserID, string(m.Role))
	if err != nil {
		return fmt.Errorf("adding member: %w", err)
	}
	if n == 0 {
		return fmt.Errorf("member of session: %w", ErrConflict)
	}
	return nil
}

// Member implements Store.Member.
func (c *core) Member(ctx context.Context, sessionID, userID string) (Member, error) {
	m := Member{SessionID: sessionID, UserID: userID}
	var role string
	if err := queryRow(ctx, c.db, `SELECT role FROM members WHERE session_id = $1 AND user_id = $2`,
		[]any{sessionID, userID}, &role); err != nil {
		return Member{}, fmt.Errorf("membership: %w", err)
	}
	m.Role = MemberRole(role)
	return m, nil
}

// Audit implements Store.Audit.
func (c *core) Audit(ctx context.Context, e AuditEntry) error {
	if e.Time.IsZero() {
		e.Time = time.Now()
	}
	if _, err := c.db.exec(ctx, `INSERT INTO audit (time, actor, action, target, allowed, reason)
		VALUES ($1, $2, $3, $4, $5, $6)`, e.Time.UnixNano(), e.Actor, e.Action, e.Target, e.Allowed, e.Reason); err != nil {
		return fmt.Errorf("writing audit log: %w", err)
	}
	return nil
}

// AuditLog implements Store.AuditLog.
func (c *core) AuditLog(ctx context.Context, limit int) ([]AuditEntry, error) {
	entries := []AuditEntry{}
	err := c.db.query(ctx, `SELECT id, time, actor, action, target, allowed, reason FROM audit
		ORDER BY id DESC LIMIT $1`, []any{limit}, func(scan func(...any) error) error {
		var e AuditEntry
		var t int64
		if err := scan(&e.ID, &t, &e.Actor, &e.Action, &e.Target, &e.Allowed, &e.Reason); err != nil {
			return err
		}
		e.Time = time.Unix(0, t)
		entries = append(entries, e)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading audit log: %w", err)
	}
	return entries, nil
}

// opArgs are the columns of an ops row, in the order of insertOp.
func opArgs(op collab.StoredOp) ([]any, error) {
	b, err := json.Marshal(op.Op)
	if err != nil {
		return nil, fmt.Errorf("encoding op %s@%d: %w", op.Doc, op.Version, err)
	}
	t := op.Time
	if t.IsZero() {
		t = time.Now()
	}
	return []any{op.Doc, op.Version, string(b), op.Author, op.ID, t.UnixNano()}, nil
}

const insertOp = `INSERT INTO ops (doc, version, op, author, op_id, time) VALUES ($1, $2, $3, $4, $5, $6)
	ON CONFLICT DO NOTHING`

// Since implements Store.Since.
func (c *core) Since(ctx context.Context, doc string, after int64) ([]collab.StoredOp, error) {
	var ops []collab.StoredOp
	err := c.db.query(ctx, `SELECT version, op, author, op_id, time FROM ops
		WHERE doc = $1 AND version > $2 ORDER BY version`, []any{doc, after},
		func(scan func(...any) error) error {
			op := collab.StoredOp{Doc: doc}
			var text string
			var t int64
			if err := scan(&op.Version, &text, &op.Author, &op.ID, &t); err != nil {
				return err
			}
			if err := json.Unmarshal([]byte(text), &op.Op); err != nil {
				return fmt.Errorf("stored op %s@%d: %w", doc, op.Version, err)
			}
			op.Time = time.Unix(0, t)
			ops = append(ops, op)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("reading ops of %q after %d: %w", doc, after, err)
	}
	return ops, nil
}

// Snapshot implements Store.Snapshot.
func (c *core) Snapshot(ctx context.Context, doc string) (int64, string, error) {
	var v int64
	var text string
	err := queryRow(ctx, c.db, `SELECT version, text FROM snapshots WHERE doc = $1`, []any{doc}, &v, &text)
	if errors.Is(err, ErrNotFound) {
		return 0, "", nil
	}
	if err != nil {
		return 0, "", fmt.Errorf("reading snapshot of %q: %w", doc, err)
	}
	return v, text, nil
}

// SaveSnapshot implements Store.SaveSnapshot.
func (c *core) SaveSnapshot(ctx context.Context, doc string, version int64, text string) error {
	// A replica that lags may save an older snapshot than one already
	// there; the WHERE keeps the newest.
	_, err := c.db.exec(ctx, `INSERT INTO snapshots (doc, version, text) VALUES ($1, $2, $3)
		ON CONFLICT (doc) DO UPDATE SET version = excluded.version, text = excluded.text
		WHERE excluded.version > snapshots.version`, doc, version, text)
	if err != nil {
		return fmt.Errorf("saving snapshot of %q at %d: %w", doc, version, err)
	}
	return nil
}

// notifyPayload and parseNotifyPayload encode a committed op for
// PostgreSQL's NOTIFY: the version, a space, the document.
func parseNotifyPayload(p string) (doc string, version int64, err error) {
	v, d, ok := strings.Cut(p, " ")
	if !ok {
		return "", 0, fmt.Errorf("notification %q: want \"VERSION DOC\"", p)
	}
	version, err = strconv.ParseInt(v, 10, 64)
	if err != nil {
		return "", 0, fmt.Errorf("notification %q: %w", p, err)
	}
	return d, version, nil
}
