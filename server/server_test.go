package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/otpbox/otpbox/internal/pgtest"
	"github.com/otpbox/otpbox/server/store"
)

var pg pgtest.Server

func TestMain(m *testing.M) { os.Exit(pg.Run(m)) }

const adminToken = "admin-token-for-tests-0123456789abcdef"

// dbURLs gives each backend a fresh database per call.
func dbURLs() map[string]func(t testing.TB) string {
	return map[string]func(t testing.TB) string{
		"sqlite":   func(t testing.TB) string { return "sqlite:" + filepath.Join(t.TempDir(), "otpbox.db") },
		"postgres": func(t testing.TB) string { return pg.URL(t) },
	}
}

// forEachBackend runs fn as a subtest per store.
func forEachBackend(t *testing.T, fn func(t *testing.T, url string)) {
	for name, url := range dbURLs() {
		t.Run(name, func(t *testing.T) { fn(t, url(t)) })
	}
}

// env is a running server reached over real HTTP on loopback.
type env struct {
	t     testing.TB
	srv   *Server
	st    store.Store
	base  string // http://127.0.0.1:PORT
	admin string
}

func testLogger(t testing.TB) *slog.Logger {
	if testing.Verbose() {
		return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return slog.New(slog.DiscardHandler)
}

// newEnv starts a server on url's database with Serve on a real
// listener, as otpbox serve does, so that replicas LISTEN as in
// production. It stops at the end of the test.
func newEnv(t testing.TB, url string, tweak ...func(*Config)) *env {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, url)
	if err != nil {
		t.Fatalf("opening store: %v", err)
	}
	cfg := Config{Store: st, Log: testLogger(t), AdminToken: adminToken}
	for _, f := range tweak {
		f(&cfg)
	}
	e, stop := serveEnv(t, st, cfg)
	t.Cleanup(func() {
		if err := stop(); err != nil {
			t.Errorf("Serve: %v", err)
		}
		st.Close()
	})
	return e
}

// serveEnv runs a Server on st with Serve on a loopback listener; stop
// shuts it down and returns Serve's error.
func serveEnv(t testing.TB, st store.Store, cfg Config) (*env, func() error) {
	t.Helper()
	ctx := context.Background()
	s, err := New(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	sctx, cancel := context.WithCancel(ctx)
	served := make(chan error, 1)
	go func() { served <- s.Serve(sctx, l) }()
	stop := func() error { cancel(); return <-served }
	return &env{t: t, srv: s, st: st, base: "http://" + l.Addr().String(), admin: adminToken}, stop
}

// do sends a request and decodes the JSON answer into a map.
func (e *env) do(method, path, token, body string) (int, map[string]any) {
	e.t.Helper()
	code, b := e.raw(method, path, token, strings.NewReader(body))
	var m map[string]any
	if len(b) > 0 {
		if err := json.Unmarshal(b, &m); err != nil {
			e.t.Fatalf("%s %s: answer is not a JSON object: %v: %s", method, path, err, b)
		}
	}
	if code >= 400 {
		if msg, ok := m["error"].(string); !ok || msg == "" {
			e.t.Fatalf("%s %s: status %d without an error message: %s", method, path, code, b)
		}
	}
	return code, m
}

func (e *env) raw(method, path, token string, body io.Reader) (int, []byte) {
	e.t.Helper()
	req, err := http.NewRequest(method, e.base+path, body)
	if err != nil {
		e.t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return resp.StatusCode, b
}

// user creates a user through the API and returns its token.
func (e *env) user(name, role string) string {
	e.t.Helper()
	code, m := e.do("POST", "/api/v1/users", e.admin, `{"username":"`+name+`","role":"`+role+`"}`)
	if code != http.StatusCreated {
		e.t.Fatalf("creating %s: %d %v", name, code, m)
	}
	return m["token"].(string)
}

// session creates a session owned by token's holder.
func (e *env) session(token string) string {
	e.t.Helper()
	code, m := e.do("POST", "/api/v1/sessions", token, `{"name":"s"}`)
	if code != http.StatusCreated {
		e.t.Fatalf("creating session: %d %v", code, m)
	}
	return m["id"].(string)
}

func (e *env) member(owner, session, username, role string) {
	e.t.Helper()
	code, m := e.do("POST", "/api/v1/sessions/"+session+"/members", owner, `{"username":"`+username+`","role":"`+role+`"}`)
	if code != http.StatusCreated {
		e.t.Fatalf("adding member %s: %d %v", username, code, m)
	}
}

func TestAccessRules(t *testing.T) {
	forEachBackend(t, func(t *testing.T, url string) {
		e := newEnv(t, url)
		stu := e.user("stu", "student")
		stu2 := e.user("stu2", "student")
		edu := e.user("edu", "educator")
		if err := e.st.PutLesson(context.Background(), store.Lesson{ID: "intro", Title: "Intro", Data: []byte(`{"steps":3}`)}); err != nil {
			t.Fatal(err)
		}
		forged := NewToken()
		sess := e.session(edu)

		type rule struct {
			method, path, token, body string
			want                      int
		}
		rules := []rule{
			// No token, a malformed header, a forged token: 401 everywhere.
			{"GET", "/api/v1/me", "", "", 401},
			{"GET", "/api/v1/me", forged, "", 401},
			{"GET", "/api/v1/me", adminToken + "x", "", 401},
			{"POST", "/api/v1/users", "", `{"username":"x","role":"student"}`, 401},
			{"POST", "/api/v1/users", forged, `{"username":"x","role":"student"}`, 401},
			{"GET", "/api/v1/lessons", "", "", 401},
			{"POST", "/api/v1/sessions", forged, `{"name":"n"}`, 401},
			{"GET", "/api/v1/users/stu/progress", "", "", 401},
			// Only admins create users.
			{"POST", "/api/v1/users", stu, `{"username":"x","role":"student"}`, 403},
			{"POST", "/api/v1/users", edu, `{"username":"x","role":"admin"}`, 403},
			{"POST", "/api/v1/users", adminToken, `{"username":"stu","role":"student"}`, 409},
			// Progress: own, educators and admins; not other students.
			{"POST", "/api/v1/progress", stu, `{"lesson":"intro","step":"1","event":"started"}`, 201},
			{"POST", "/api/v1/progress", stu, `{"lesson":"intro","step":"1","event":"check_passed","detail":"ok"}`, 201},
			{"GET", "/api/v1/users/stu/progress", stu, "", 200},
			{"GET", "/api/v1/users/stu/progress", edu, "", 200},
			{"GET", "/api/v1/users/stu/progress", adminToken, "", 200},
			{"GET", "/api/v1/users/stu/progress", stu2, "", 403},
			{"GET", "/api/v1/users/nobody/progress", stu2, "", 403},
			{"GET", "/api/v1/users/nobody/progress", edu, "", 404},
			// Catalogue.
			{"GET", "/api/v1/lessons", stu, "", 200},
			{"GET", "/api/v1/lessons/intro", stu, "", 200},
			{"GET", "/api/v1/lessons/missing", stu, "", 404},
			// Sessions: owner only adds members; duplicates conflict.
			{"POST", "/api/v1/sessions/" + sess + "/members", stu, `{"username":"stu2","role":"editor"}`, 403},
			{"POST", "/api/v1/sessions/" + sess + "/members", adminToken, `{"username":"stu2","role":"editor"}`, 403},
			{"POST", "/api/v1/sessions/" + sess + "/members", edu, `{"username":"stu","role":"viewer"}`, 201},
			{"POST", "/api/v1/sessions/" + sess + "/members", edu, `{"username":"stu","role":"editor"}`, 409},
			{"POST", "/api/v1/sessions/" + sess + "/members", stu, `{"username":"stu2","role":"editor"}`, 403},
			{"POST", "/api/v1/sessions/" + sess + "/members", edu, `{"username":"ghost","role":"editor"}`, 404},
			{"POST", "/api/v1/sessions/nosuch/members", edu, `{"username":"stu","role":"editor"}`, 404},
			// Websocket: members only, refused before the upgrade.
			{"GET", "/api/v1/sessions/" + sess + "/ws", stu2, "", 403},
			{"GET", "/api/v1/sessions/" + sess + "/ws", "", "", 401},
			{"GET", "/api/v1/sessions/nosuch/ws", stu, "", 404},
			// Unknown routes and methods answer JSON too.
			{"GET", "/api/v1/nothing", stu, "", 404},
			{"DELETE", "/api/v1/me", stu, "", 405},
		}
		for _, r := range rules {
			code, m := e.do(r.method, r.path, r.token, r.body)
			if code != r.want {
				who := map[string]string{"": "nobody", forged: "forged", stu: "stu", stu2: "stu2", edu: "edu", adminToken: "admin"}[r.token]
				t.Errorf("%s %s as %s: got %d %v, want %d", r.method, r.path, who, code, m, r.want)
			}
		}

		code, me := e.do("GET", "/api/v1/me", stu, "")
		if code != 200 || me["username"] != "stu" || me["role"] != "student" || me["id"] == "" || me["token"] != nil {
			t.Errorf("GET /me = %d %v", code, me)
		}
		_, prog := e.do("GET", "/api/v1/users/stu/progress", edu, "")
		evs, _ := prog["events"].([]any)
		if len(evs) != 2 || evs[1].(map[string]any)["event"] != "check_passed" || evs[1].(map[string]any)["detail"] != "ok" {
			t.Errorf("progress = %v", prog)
		}
		_, ls := e.do("GET", "/api/v1/lessons", stu, "")
		if l, _ := ls["lessons"].([]any); len(l) != 1 || l[0].(map[string]any)["title"] != "Intro" {
			t.Errorf("lessons = %v", ls)
		}
		_, l := e.do("GET", "/api/v1/lessons/intro", stu, "")
		if d, _ := l["data"].(map[string]any); d["steps"] != float64(3) {
			t.Errorf("lesson = %v", l)
		}
		// The token shown once works; the admin token from the
		// environment made an admin.
		code, m := e.do("POST", "/api/v1/users", adminToken, `{"username":"new","role":"educator"}`)
		if code != 201 || m["username"] != "new" || m["role"] != "educator" || len(m["token"].(string)) < 43 {
			t.Fatalf("create user = %d %v", code, m)
		}
		if code, me := e.do("GET", "/api/v1/me", m["token"].(string), ""); code != 200 || me["username"] != "new" {
			t.Errorf("new user's token: %d %v", code, me)
		}

		// Refusals and admin actions are in the audit log.
		audit, err := e.st.AuditLog(context.Background(), 200)
		if err != nil {
			t.Fatal(err)
		}
		var refusals, adminActs, unauth int
		for _, a := range audit {
			switch {
			case a.Action == "authenticate" && !a.Allowed:
				unauth++
			case !a.Allowed:
				refusals++
			case a.Action == string(ActCreateUser):
				adminActs++
			}
		}
		if unauth < 9 || refusals < 8 || adminActs < 4 {
			t.Errorf("audit log: %d unauthenticated, %d refusals, %d admin actions; want at least 9, 8, 4", unauth, refusals, adminActs)
		}
	})
}

func TestBadInput(t *testing.T) {
	forEachBackend(t, func(t *testing.T, url string) {
		e := newEnv(t, url)
		stu := e.user("stu", "student")
		huge := `{"lesson":"` + strings.Repeat("x", 1<<20) + `","step":"1","event":"started"}`
		cases := []struct {
			path, token, body string
			want              int
			msg               string // a substring of the error
		}{
			{"/api/v1/users", adminToken, `{"username":`, 400, "malformed JSON"},
			{"/api/v1/users", adminToken, `not json`, 400, "malformed JSON"},
			{"/api/v1/users", adminToken, ``, 400, "empty request body"},
			{"/api/v1/users", adminToken, `[1,2]`, 400, "want a JSON object"},
			{"/api/v1/users", adminToken, `{"username":42,"role":"student"}`, 400, `field "username"`},
			{"/api/v1/users", adminToken, `{"username":"a","role":"student","admin":true}`, 400, `unknown field "admin"`},
			{"/api/v1/users", adminToken, `{"username":"a","role":"root"}`, 400, `"root" is not student`},
			{"/api/v1/users", adminToken, `{"username":"a b","role":"student"}`, 400, `field "username"`},
			{"/api/v1/users", adminToken, `{"role":"student"}`, 400, `"username" is required`},
			{"/api/v1/users", adminToken, `{"username":"a","role":"student"} {}`, 400, "after the JSON object"},
			{"/api/v1/progress", stu, `{"lesson":"l","step":"1","event":"finished"}`, 400, `"finished" is not one of`},
			{"/api/v1/progress", stu, `{"lesson":"l","step":1,"event":"started"}`, 400, `field "step"`},
			{"/api/v1/progress", stu, `{"lesson":"l","event":"started"}`, 400, `"step" is required`},
			{"/api/v1/progress", stu, huge, 413, "larger than"},
			{"/api/v1/sessions", stu, `{"name":""}`, 400, `"name" is required`},
			{"/api/v1/sessions", stu, `{"name":["x"]}`, 400, `field "name"`},
		}
		for _, c := range cases {
			code, m := e.do("POST", c.path, c.token, c.body)
			msg, _ := m["error"].(string)
			if code != c.want || !strings.Contains(msg, c.msg) {
				body := c.body
				if len(body) > 60 {
					body = body[:60] + "..."
				}
				t.Errorf("POST %s %s: got %d %q, want %d with %q", c.path, body, code, msg, c.want, c.msg)
			}
		}
	})
}

func TestHealthAndMetrics(t *testing.T) {
	e := newEnv(t, dbURLs()["sqlite"](t))
	for _, p := range []string{"/healthz", "/readyz"} {
		if code, _ := e.raw("GET", p, "", nil); code != 200 {
			t.Errorf("GET %s = %d", p, code)
		}
	}
	e.do("GET", "/api/v1/me", "", "")
	e.do("GET", "/api/v1/me", adminToken, "")
	code, b := e.raw("GET", "/metrics", "", nil)
	if code != 200 {
		t.Fatalf("GET /metrics = %d", code)
	}
	for _, want := range []string{
		`otpbox_http_requests_total{route="GET /api/v1/me",code="401"} 1`,
		`otpbox_http_requests_total{route="GET /api/v1/me",code="200"} 1`,
		`otpbox_http_request_duration_seconds_count{route="GET /api/v1/me"} 2`,
		`otpbox_http_request_duration_seconds_bucket{route="GET /api/v1/me",le="+Inf"} 2`,
		"# TYPE otpbox_websocket_connections gauge",
		"otpbox_ops_committed_total 0",
	} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("metrics lack %q:\n%s", want, b)
		}
	}
	// readyz fails once the store is gone.
	e.st.Close()
	if code, _ := e.raw("GET", "/readyz", "", nil); code != http.StatusServiceUnavailable {
		t.Errorf("GET /readyz with a closed store = %d, want 503", code)
	}
}

func TestPolicyIsTotal(t *testing.T) {
	// Every action has a rule: an unknown one is refused, and no known
	// one falls through to the default.
	for _, a := range []Action{ActCreateUser, ActReadMe, ActWriteProgress, ActReadProgress, ActReadLessons,
		ActCreateSession, ActAddMember, ActJoinSession, ActEditDocument} {
		_, reason := decide(store.User{Role: store.RoleAdmin}, a, resource{})
		if reason == "unknown action" {
			t.Errorf("action %s has no rule", a)
		}
	}
	if ok, _ := decide(store.User{Role: store.RoleAdmin}, "session.delete", resource{}); ok {
		t.Error("an unknown action was allowed")
	}
}
