package server

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"github.com/otpbox/otpbox/server/store"
)

// NewToken returns a fresh bearer token: 256 random bits, base64url. Only
// its hash (HashToken) is ever stored.
func NewToken() string {
	var b [32]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// HashToken is the SHA-256 of a token, the form in which the store keeps
// it. A fast hash is enough: tokens are 256 random bits, not passwords, so
// there is nothing to brute-force.
func HashToken(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

// Action is something a user may or may not do. Every authorization
// decision of the server names one and goes through decide.
type Action string

// The actions of the API.
const (
	ActCreateUser    Action = "user.create"
	ActReadMe        Action = "me.read"
	ActWriteProgress Action = "progress.write"
	ActReadProgress  Action = "progress.read"
	ActReadLessons   Action = "lessons.read"
	ActCreateSession Action = "session.create"
	ActAddMember     Action = "session.add_member"
	ActJoinSession   Action = "session.join"
	ActEditDocument  Action = "session.edit"
)

// resource is what an action applies to, with the facts the policy needs:
// the target user for progress, the actor's membership for a session.
type resource struct {
	// ID names the resource in the audit log: a username or session id.
	ID string
	// TargetUser is the user whose data is read (ActReadProgress).
	TargetUser string
	// Member is the actor's membership of the session, nil if none.
	Member *store.Member
}

// decide is the policy: the one place that says who may do what. It is a
// pure function of its arguments so that it can be read, and tested, in
// isolation; authorize wraps it with the audit log.
func decide(actor store.User, act Action, res resource) (ok bool, reason string) {
	switch act {
	case ActCreateUser:
		if actor.Role == store.RoleAdmin {
			return true, "admin"
		}
		return false, "only admins create users"
	case ActReadMe, ActWriteProgress, ActReadLessons, ActCreateSession:
		return true, "any user"
	case ActReadProgress:
		switch {
		case actor.ID == res.TargetUser:
			return true, "own progress"
		case actor.Role == store.RoleEducator, actor.Role == store.RoleAdmin:
			return true, string(actor.Role)
		}
		return false, "students see only their own progress"
	case ActAddMember:
		if res.Member != nil && res.Member.Role == store.MemberOwner {
			return true, "session owner"
		}
		return false, "only the session's owner adds members"
	case ActJoinSession:
		if res.Member != nil {
			return true, "member"
		}
		return false, "not a member of the session"
	case ActEditDocument:
		if res.Member != nil && (res.Member.Role == store.MemberOwner || res.Member.Role == store.MemberEditor) {
			return true, string(res.Member.Role)
		}
		return false, "viewers cannot edit"
	}
	return false, "unknown action"
}

// authorize applies the policy and records what must be recorded: every
// refusal, and every action an admin takes by virtue of being admin.
func (s *Server) authorize(ctx context.Context, actor store.User, act Action, res resource) bool {
	ok, reason := decide(actor, act, res)
	if !ok || (actor.Role == store.RoleAdmin && reason == "admin") {
		s.audit(ctx, actor.ID, act, res.ID, ok, reason)
	}
	return ok
}

func (s *Server) audit(ctx context.Context, actor string, act Action, target string, ok bool, reason string) {
	level := slog.LevelInfo
	if !ok {
		level = slog.LevelWarn
	}
	s.log.Log(ctx, level, "authorization", "actor", actor, "action", string(act), "target", target, "allowed", ok, "reason", reason)
	// The audit write must not depend on the request surviving: a client
	// that hangs up right after a refusal still leaves its trace.
	if err := s.store.Audit(context.WithoutCancel(ctx), store.AuditEntry{
		Actor: actor, Action: string(act), Target: target, Allowed: ok, Reason: reason,
	}); err != nil {
		s.log.Error("writing audit log", "err", err)
	}
}

// errUnauthenticated is returned by authenticate for a missing, malformed
// or unknown token.
var errUnauthenticated = errors.New("missing or unknown bearer token")

// authenticate finds the user presenting r's token: the Authorization:
// Bearer header, or, for websockets only (browsers cannot set headers on
// them), the token query parameter.
func (s *Server) authenticate(r *http.Request, allowQuery bool) (store.User, error) {
	token, ok := "", false
	if h := r.Header.Get("Authorization"); h != "" {
		token, ok = strings.CutPrefix(h, "Bearer ")
	} else if allowQuery {
		token = r.URL.Query().Get("token")
		ok = token != ""
	}
	if !ok || token == "" {
		return store.User{}, errUnauthenticated
	}
	u, err := s.store.UserByToken(r.Context(), HashToken(token))
	if errors.Is(err, store.ErrNotFound) {
		return store.User{}, errUnauthenticated
	}
	return u, err
}
