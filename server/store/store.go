// Package store is the platform server's persistence: users and token
// hashes, learning progress, the lessons catalogue, live sessions and their
// members, the audit log, and the collaboration operation log with its
// snapshots (a collab.Log).
//
// Two implementations share one SQL core and one test suite: an embedded
// SQLite database (the default, one file, no server to run) and PostgreSQL
// for deployments with several server replicas.
package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/otpbox/otpbox/collab"
)

// Errors returned by every Store. They are sentinel values so that the HTTP
// layer can map them to statuses with errors.Is, whatever the database.
var (
	// ErrNotFound means the user, session, lesson or token does not exist.
	ErrNotFound = errors.New("not found")
	// ErrConflict means a unique key is already taken: a username, or a
	// member already in a session.
	ErrConflict = errors.New("already exists")
)

// Role is a user's platform-wide role.
type Role string

// The platform roles, from least to most privileged.
const (
	RoleStudent  Role = "student"
	RoleEducator Role = "educator"
	RoleAdmin    Role = "admin"
)

// Valid reports whether r is one of the three roles.
func (r Role) Valid() bool {
	return r == RoleStudent || r == RoleEducator || r == RoleAdmin
}

// MemberRole is a user's role inside one live session.
type MemberRole string

// Session member roles. The owner is an editor who may also add members.
const (
	MemberOwner  MemberRole = "owner"
	MemberEditor MemberRole = "editor"
	MemberViewer MemberRole = "viewer"
)

// User is an account. Tokens are not part of it: only their hashes are
// stored, in a table of their own, so a user may hold several.
type User struct {
	ID       string
	Username string
	Role     Role
	Created  time.Time
}

// ProgressEvent is one step of a student's way through a lesson.
type ProgressEvent struct {
	ID     int64
	UserID string
	Lesson string
	Step   string
	Event  string
	Detail string
	Time   time.Time
}

// Lesson is an entry of the catalogue. Data is the lesson's own JSON
// description, opaque to the store: the lessons package defines it.
type Lesson struct {
	ID      string
	Title   string
	Summary string
	Data    []byte
	Updated time.Time
}

// Session is a live collaboration session.
type Session struct {
	ID      string
	Name    string
	OwnerID string
	Created time.Time
}

// Member is a user's membership of a session.
type Member struct {
	SessionID string
	UserID    string
	Role      MemberRole
}

// AuditEntry records an authorization decision worth keeping: an admin
// action or a refusal.
type AuditEntry struct {
	ID      int64
	Time    time.Time
	Actor   string // user id, or "" when no user was authenticated
	Action  string
	Target  string
	Allowed bool
	Reason  string
}

// Store is everything the server persists. Every method is safe for
// concurrent use. The collab.Log methods make a Store the Hub's log.
type Store interface {
	collab.Log

	// Ping checks that the database answers (for /readyz).
	Ping(ctx context.Context) error
	// Close releases the database. Calls in flight may fail.
	Close() error

	// CreateUser adds a user holding one token, given by its hash.
	// ErrConflict if the username is taken.
	CreateUser(ctx context.Context, u User, tokenHash []byte) error
	// EnsureUser makes the user with u's username exist with u's role
	// and holding the token with tokenHash, creating it if needed. It
	// returns the stored user.
	EnsureUser(ctx context.Context, u User, tokenHash []byte) (User, error)
	// UserByToken finds the holder of the token whose SHA-256 is hash.
	UserByToken(ctx context.Context, hash []byte) (User, error)
	// UserByName finds a user by username.
	UserByName(ctx context.Context, username string) (User, error)

	// AddProgress records an event; its ID and Time are set by the store
	// when zero.
	AddProgress(ctx context.Context, e ProgressEvent) error
	// Progress lists a user's events, oldest first.
	Progress(ctx context.Context, userID string) ([]ProgressEvent, error)

	// PutLesson creates or replaces a catalogue entry.
	PutLesson(ctx context.Context, l Lesson) error
	// Lessons lists the catalogue ordered by id, without Data.
	Lessons(ctx context.Context) ([]Lesson, error)
	// Lesson returns one entry with its Data.
	Lesson(ctx context.Context, id string) (Lesson, error)

	// CreateSession adds a session and makes its owner a member with
	// role owner, atomically.
	CreateSession(ctx context.Context, s Session) error
	// Session finds a session by id.
	Session(ctx context.Context, id string) (Session, error)
	// AddMember adds a member; ErrConflict if already one.
	AddMember(ctx context.Context, m Member) error
	// Member returns a user's membership of a session, ErrNotFound if none.
	Member(ctx context.Context, sessionID, userID string) (Member, error)

	// Audit appends an entry to the audit log.
	Audit(ctx context.Context, e AuditEntry) error
	// AuditLog lists the newest limit entries, newest first.
	AuditLog(ctx context.Context, limit int) ([]AuditEntry, error)
}

// Notifier is implemented by stores that can tell other server replicas
// about committed operations and presence (PostgreSQL's LISTEN/NOTIFY).
type Notifier interface {
	// Listen calls onOp with the document of every op committed by any
	// replica, this one included, and onPresence with every payload
	// given to Publish by any replica, until ctx ends. It calls
	// onConnect each time it starts listening: after a reconnection,
	// notifications sent meanwhile are lost, and the caller must catch
	// up every document it holds.
	Listen(ctx context.Context, onConnect func(), onOp func(doc string), onPresence func(payload []byte)) error
	// Publish sends a presence payload (at most 7,000 bytes) to every
	// replica's Listen. Presence is not stored.
	Publish(ctx context.Context, payload []byte) error
}

// Open opens the store named by a --db URL: "sqlite:PATH" or
// "postgres://..." (also "postgresql://..."). Migrations run before it
// returns.
func Open(ctx context.Context, url string) (Store, error) {
	switch {
	case strings.HasPrefix(url, "sqlite:"):
		return OpenSQLite(ctx, strings.TrimPrefix(url, "sqlite:"))
	case strings.HasPrefix(url, "postgres://"), strings.HasPrefix(url, "postgresql://"):
		return OpenPostgres(ctx, url)
	}
	return nil, fmt.Errorf("database URL %q: want sqlite:PATH or postgres://...", url)
}
