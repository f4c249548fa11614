package store

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/otpbox/otpbox/collab"
	"github.com/otpbox/otpbox/internal/pgtest"
)

var pg pgtest.Server

func TestMain(m *testing.M) { os.Exit(pg.Run(m)) }

// backends opens each store implementation for the shared suite; each
// call gets a fresh, empty database.
func backends() map[string]func(t *testing.T) string {
	return map[string]func(t *testing.T) string{
		"sqlite":   func(t *testing.T) string { return "sqlite:" + filepath.Join(t.TempDir(), "db", "otpbox.db") },
		"postgres": func(t *testing.T) string { return pg.URL(t) },
	}
}

func openURL(t *testing.T, url string) Store {
	t.Helper()
	s, err := Open(context.Background(), url)
	if err != nil {
		t.Fatalf("Open(%s): %v", url, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestStore(t *testing.T) {
	tests := map[string]func(t *testing.T, s Store){
		"Users":       testUsers,
		"Progress":    testProgress,
		"Lessons":     testLessons,
		"Sessions":    testSessions,
		"Audit":       testAudit,
		"OpLog":       testOpLog,
		"Concurrency": testConcurrentAppends,
	}
	for name, url := range backends() {
		t.Run(name, func(t *testing.T) {
			for tn, fn := range tests {
				t.Run(tn, func(t *testing.T) { fn(t, openURL(t, url(t))) })
			}
			t.Run("Reopen", func(t *testing.T) { testReopen(t, url(t)) })
		})
	}
}

func hash(s string) []byte { h := sha256.Sum256([]byte(s)); return h[:] }

func mustUser(t *testing.T, s Store, name string, role Role, token string) User {
	t.Helper()
	u := User{ID: NewID(), Username: name, Role: role, Created: time.Now()}
	if err := s.CreateUser(context.Background(), u, hash(token)); err != nil {
		t.Fatalf("CreateUser(%s): %v", name, err)
	}
	return u
}

func testUsers(t *testing.T, s Store) {
	ctx := context.Background()
	alice := mustUser(t, s, "alice", RoleStudent, "tok-a")
	err := s.CreateUser(ctx, User{ID: NewID(), Username: "alice", Role: RoleAdmin, Created: time.Now()}, hash("other"))
	if !errors.Is(err, ErrConflict) {
		t.Fatalf("duplicate username: got %v, want ErrConflict", err)
	}
	got, err := s.UserByToken(ctx, hash("tok-a"))
	if err != nil || got.ID != alice.ID || got.Role != RoleStudent || got.Username != "alice" {
		t.Fatalf("UserByToken = %+v, %v; want alice", got, err)
	}
	if _, err := s.UserByToken(ctx, hash("other")); !errors.Is(err, ErrNotFound) {
		t.Fatalf("token of a refused user: got %v, want ErrNotFound", err)
	}
	if _, err := s.UserByName(ctx, "bob"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("UserByName(bob) = %v, want ErrNotFound", err)
	}
	// EnsureUser: creates, then keeps the id, fixes the role and adds
	// a second token while the first keeps working.
	admin, err := s.EnsureUser(ctx, User{ID: NewID(), Username: "admin", Role: RoleAdmin, Created: time.Now()}, hash("t1"))
	if err != nil {
		t.Fatal(err)
	}
	again, err := s.EnsureUser(ctx, User{ID: NewID(), Username: "admin", Role: RoleAdmin, Created: time.Now()}, hash("t2"))
	if err != nil || again.ID != admin.ID {
		t.Fatalf("EnsureUser again = %+v, %v; want id %s", again, err, admin.ID)
	}
	for _, tok := range []string{"t1", "t2"} {
		if u, err := s.UserByToken(ctx, hash(tok)); err != nil || u.ID != admin.ID {
			t.Fatalf("token %s: %+v, %v", tok, u, err)
		}
	}
	promoted, err := s.EnsureUser(ctx, User{ID: NewID(), Username: "alice", Role: RoleEducator}, hash("tok-a"))
	if err != nil || promoted.ID != alice.ID || promoted.Role != RoleEducator {
		t.Fatalf("EnsureUser role change = %+v, %v", promoted, err)
	}
}

func testProgress(t *testing.T, s Store) {
	ctx := context.Background()
	u := mustUser(t, s, "p", RoleStudent, "tok")
	if evs, err := s.Progress(ctx, u.ID); err != nil || len(evs) != 0 {
		t.Fatalf("empty progress = %v, %v", evs, err)
	}
	for i, ev := range []string{"started", "hint_used", "completed"} {
		if err := s.AddProgress(ctx, ProgressEvent{UserID: u.ID, Lesson: "l1", Step: fmt.Sprint(i), Event: ev, Detail: "d"}); err != nil {
			t.Fatal(err)
		}
	}
	evs, err := s.Progress(ctx, u.ID)
	if err != nil || len(evs) != 3 {
		t.Fatalf("Progress = %v, %v", evs, err)
	}
	if evs[0].Event != "started" || evs[2].Event != "completed" || evs[1].Step != "1" || evs[0].Time.IsZero() {
		t.Fatalf("progress out of order or incomplete: %+v", evs)
	}
	if err := s.AddProgress(ctx, ProgressEvent{UserID: "nobody", Lesson: "l", Step: "s", Event: "started"}); err == nil {
		t.Fatal("progress of an unknown user was accepted")
	}
}

func testLessons(t *testing.T, s Store) {
	ctx := context.Background()
	if ls, err := s.Lessons(ctx); err != nil || len(ls) != 0 {
		t.Fatalf("catalogue starts empty: %v, %v", ls, err)
	}
	if _, err := s.Lesson(ctx, "x"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Lesson(x) = %v, want ErrNotFound", err)
	}
	for _, l := range []Lesson{{ID: "b", Title: "B"}, {ID: "a", Title: "A", Data: []byte(`{"steps":2}`)}, {ID: "b", Title: "B2"}} {
		if err := s.PutLesson(ctx, l); err != nil {
			t.Fatal(err)
		}
	}
	ls, err := s.Lessons(ctx)
	if err != nil || len(ls) != 2 || ls[0].ID != "a" || ls[1].Title != "B2" {
		t.Fatalf("Lessons = %+v, %v", ls, err)
	}
	l, err := s.Lesson(ctx, "a")
	if err != nil || string(l.Data) != `{"steps":2}` {
		t.Fatalf("Lesson(a) = %+v, %v", l, err)
	}
}

func testSessions(t *testing.T, s Store) {
	ctx := context.Background()
	owner := mustUser(t, s, "owner", RoleEducator, "o")
	bob := mustUser(t, s, "bob", RoleStudent, "b")
	sess := Session{ID: NewID(), Name: "pairing", OwnerID: owner.ID, Created: time.Now()}
	if err := s.CreateSession(ctx, sess); err != nil {
		t.Fatal(err)
	}
	got, err := s.Session(ctx, sess.ID)
	if err != nil || got.Name != "pairing" || got.OwnerID != owner.ID {
		t.Fatalf("Session = %+v, %v", got, err)
	}
	if m, err := s.Member(ctx, sess.ID, owner.ID); err != nil || m.Role != MemberOwner {
		t.Fatalf("owner membership = %+v, %v", m, err)
	}
	if _, err := s.Member(ctx, sess.ID, bob.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("non-member: %v, want ErrNotFound", err)
	}
	if err := s.AddMember(ctx, Member{SessionID: sess.ID, UserID: bob.ID, Role: MemberViewer}); err != nil {
		t.Fatal(err)
	}
	if err := s.AddMember(ctx, Member{SessionID: sess.ID, UserID: bob.ID, Role: MemberEditor}); !errors.Is(err, ErrConflict) {
		t.Fatalf("second membership: %v, want ErrConflict", err)
	}
	if m, err := s.Member(ctx, sess.ID, bob.ID); err != nil || m.Role != MemberViewer {
		t.Fatalf("bob's membership = %+v, %v", m, err)
	}
	if _, err := s.Session(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Session(nope) = %v", err)
	}
}

func testAudit(t *testing.T, s Store) {
	ctx := context.Background()
	for i := range 3 {
		if err := s.Audit(ctx, AuditEntry{Actor: "u", Action: fmt.Sprint("a", i), Target: "t", Allowed: i == 1, Reason: "r"}); err != nil {
			t.Fatal(err)
		}
	}
	es, err := s.AuditLog(ctx, 2)
	if err != nil || len(es) != 2 || es[0].Action != "a2" || es[1].Action != "a1" || !es[1].Allowed || es[0].Allowed {
		t.Fatalf("AuditLog = %+v, %v", es, err)
	}
}

func op(t *testing.T, js string) collab.Op {
	t.Helper()
	var o collab.Op
	if err := json.Unmarshal([]byte(js), &o); err != nil {
		t.Fatalf("op %s: %v", js, err)
	}
	return o
}

func testOpLog(t *testing.T, s Store) {
	ctx := context.Background()
	if v, text, err := s.Snapshot(ctx, "d"); err != nil || v != 0 || text != "" {
		t.Fatalf("Snapshot of a new doc = %d, %q, %v", v, text, err)
	}
	ops := []string{`["héllo"]`, `[5," wörld"]`, `[-1,10]`}
	for i, js := range ops {
		if err := s.Append(ctx, collab.StoredOp{Doc: "d", Version: int64(i + 1), Op: op(t, js), Author: "a", ID: fmt.Sprint(i)}); err != nil {
			t.Fatalf("Append %d: %v", i+1, err)
		}
	}
	err := s.Append(ctx, collab.StoredOp{Doc: "d", Version: 2, Op: op(t, `[11,"!"]`), Author: "b", ID: "x"})
	if !errors.Is(err, collab.ErrVersionConflict) {
		t.Fatalf("duplicate version: %v, want ErrVersionConflict", err)
	}
	if err := s.Append(ctx, collab.StoredOp{Doc: "other", Version: 2, Op: op(t, `["x"]`)}); err != nil {
		t.Fatalf("same version of another doc: %v", err)
	}
	got, err := s.Since(ctx, "d", 1)
	if err != nil || len(got) != 2 {
		t.Fatalf("Since(1) = %v, %v", got, err)
	}
	for i, g := range got {
		want := op(t, ops[i+1])
		if g.Version != int64(i+2) || !g.Op.Equal(want) || g.Author != "a" || g.ID != fmt.Sprint(i+1) || g.Doc != "d" || g.Time.IsZero() {
			t.Fatalf("Since[%d] = %+v, want version %d op %v", i, g, i+2, want)
		}
	}
	if err := s.SaveSnapshot(ctx, "d", 3, "ello wörld"); err != nil {
		t.Fatal(err)
	}
	// An older snapshot, as a lagging replica would save, is ignored.
	if err := s.SaveSnapshot(ctx, "d", 2, "stale"); err != nil {
		t.Fatal(err)
	}
	if v, text, err := s.Snapshot(ctx, "d"); err != nil || v != 3 || text != "ello wörld" {
		t.Fatalf("Snapshot = %d, %q, %v", v, text, err)
	}
}

// testConcurrentAppends races appenders for the same versions: exactly one
// wins each version, and every winner is readable.
func testConcurrentAppends(t *testing.T, s Store) {
	ctx := context.Background()
	const versions, racers = 40, 3
	var wg sync.WaitGroup
	wins := make([][]string, versions+1)
	var mu sync.Mutex
	for r := range racers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for v := int64(1); v <= versions; v++ {
				id := fmt.Sprintf("r%d", r)
				err := s.Append(ctx, collab.StoredOp{Doc: "c", Version: v, Op: op(t, `["x"]`), Author: id, ID: id})
				switch {
				case err == nil:
					mu.Lock()
					wins[v] = append(wins[v], id)
					mu.Unlock()
				case !errors.Is(err, collab.ErrVersionConflict):
					t.Errorf("Append v%d: %v", v, err)
				}
			}
		}()
	}
	wg.Wait()
	got, err := s.Since(ctx, "c", 0)
	if err != nil || len(got) != versions {
		t.Fatalf("Since = %d ops, %v; want %d", len(got), err, versions)
	}
	for v := 1; v <= versions; v++ {
		if len(wins[v]) != 1 || got[v-1].ID != wins[v][0] {
			t.Fatalf("version %d: winners %v, stored %q", v, wins[v], got[v-1].ID)
		}
	}
}

// testReopen checks migrations are idempotent and data outlives the
// process's handle.
func testReopen(t *testing.T, url string) {
	ctx := context.Background()
	s := openURL(t, url)
	mustUser(t, s, "keep", RoleStudent, "k")
	if err := s.Append(ctx, collab.StoredOp{Doc: "d", Version: 1, Op: op(t, `["kept"]`)}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s2 := openURL(t, url)
	if u, err := s2.UserByToken(ctx, hash("k")); err != nil || u.Username != "keep" {
		t.Fatalf("after reopen: %+v, %v", u, err)
	}
	if ops, err := s2.Since(ctx, "d", 0); err != nil || len(ops) != 1 {
		t.Fatalf("ops after reopen: %v, %v", ops, err)
	}
	if err := s2.Ping(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestOpenRejectsUnknownScheme(t *testing.T) {
	if _, err := Open(context.Background(), "mysql://x"); err == nil {
		t.Fatal("Open accepted mysql://")
	}
}

func TestAppendBatch(t *testing.T) {
	ctx := context.Background()
	for name, url := range backends() {
		t.Run(name, func(t *testing.T) {
			s := openURL(t, url(t))
			bl, ok := s.(collab.BatchLog)
			if !ok {
				t.Fatalf("%s store is not a collab.BatchLog", name)
			}
			mk := func(v int64, text string) collab.StoredOp {
				return collab.StoredOp{Doc: "b", Version: v, Op: op(t, `["`+text+`"]`), Author: "a", ID: text}
			}
			if err := bl.AppendBatch(ctx, []collab.StoredOp{mk(1, "x"), mk(2, "y")}); err != nil {
				t.Fatal(err)
			}
			// Versions 3 and 2: the conflict on 2 must leave 3 unwritten.
			err := bl.AppendBatch(ctx, []collab.StoredOp{mk(3, "z"), mk(2, "w")})
			if !errors.Is(err, collab.ErrVersionConflict) {
				t.Fatalf("conflicting batch: %v", err)
			}
			if err := bl.AppendBatch(ctx, []collab.StoredOp{mk(3, "v")}); err != nil {
				t.Fatalf("version 3 after a failed batch: %v", err)
			}
			got, err := s.Since(ctx, "b", 0)
			if err != nil || len(got) != 3 || got[2].ID != "v" || got[1].ID != "y" {
				t.Fatalf("Since = %+v, %v", got, err)
			}
		})
	}
}

// TestListenReconnects kills the LISTEN connection's backend: Listen
// reconnects, says so through onConnect, and delivers later ops and
// presence.
func TestListenReconnects(t *testing.T) {
	s := openURL(t, pg.URL(t))
	n := s.(Notifier)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	connects := make(chan struct{}, 10)
	docs := make(chan string, 10)
	presence := make(chan string, 10)
	go n.Listen(ctx, func() { connects <- struct{}{} },
		func(doc string) { docs <- doc },
		func(p []byte) { presence <- string(p) })
	wait := func(what string, ch <-chan struct{}) {
		t.Helper()
		select {
		case <-ch:
		case <-ctx.Done():
			t.Fatalf("no %s", what)
		}
	}
	wait("first connection", connects)
	pgs := s.(*pgStore)
	if _, err := pgs.pool.Exec(ctx, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
		WHERE query LIKE 'LISTEN%' AND pid <> pg_backend_pid()`); err != nil {
		t.Fatal(err)
	}
	wait("reconnection", connects)
	if err := s.Append(ctx, collab.StoredOp{Doc: "after", Version: 1, Op: op(t, `["x"]`)}); err != nil {
		t.Fatal(err)
	}
	if err := n.Publish(ctx, []byte(`{"hello":1}`)); err != nil {
		t.Fatal(err)
	}
	select {
	case d := <-docs:
		if d != "after" {
			t.Fatalf("notified doc %q", d)
		}
	case <-ctx.Done():
		t.Fatal("no op notification after reconnecting")
	}
	select {
	case p := <-presence:
		if p != `{"hello":1}` {
			t.Fatalf("presence payload %q", p)
		}
	case <-ctx.Done():
		t.Fatal("no presence notification after reconnecting")
	}
}
