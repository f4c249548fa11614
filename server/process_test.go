package server

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/otpbox/otpbox/collab"
	"github.com/otpbox/otpbox/server/client"
)

// buildOtpbox builds cmd/otpbox into dir with the go command that runs
// the tests.
func buildOtpbox(t *testing.T, dir string) string {
	t.Helper()
	goBin := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(goBin); err != nil {
		goBin = testenvGo(t)
	}
	bin := filepath.Join(dir, "otpbox")
	cmd := exec.Command(goBin, "build", "-o", bin, "github.com/otpbox/otpbox/cmd/otpbox")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func testenvGo(t *testing.T) string {
	p, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("no go command to build otpbox with: %v", err)
	}
	return p
}

// proc is an otpbox serve process.
type proc struct {
	cmd  *exec.Cmd
	addr string
	log  *strings.Builder
	done chan struct{}
}

func freeAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// startServe runs bin serve on db and waits until /healthz answers.
func startServe(t *testing.T, bin, db string) *proc {
	t.Helper()
	p := &proc{addr: freeAddr(t), log: &strings.Builder{}, done: make(chan struct{})}
	p.cmd = exec.Command(bin, "serve", "--addr", p.addr, "--db", db)
	p.cmd.Env = append(os.Environ(), "OTPBOX_ADMIN_TOKEN="+adminToken, "OTPBOX_LOG=info")
	p.cmd.Stderr = &lockedWriter{b: p.log}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.cmd.Wait(); close(p.done) }()
	t.Cleanup(func() { p.cmd.Process.Kill(); <-p.done })
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get("http://" + p.addr + "/healthz")
		if err == nil {
			resp.Body.Close()
			return p
		}
		select {
		case <-p.done:
			t.Fatalf("otpbox serve exited: %s", p.log)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("otpbox serve not up after 30s: %v\n%s", err, p.log)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

type lockedWriter struct {
	mu sync.Mutex
	b  *strings.Builder
}

func (w *lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

var markerRE = regexp.MustCompile(`<[a-z][0-9]+>`)

// ackedMarkers lists the markers inserted by the ops the server acked.
func ackedMarkers(t *testing.T, ops []collab.Op) []string {
	var out []string
	for _, o := range ops {
		b, err := json.Marshal(o)
		if err != nil {
			t.Fatal(err)
		}
		// Decoded again: the encoding escapes '<' and '>'.
		var items []any
		if err := json.Unmarshal(b, &items); err != nil {
			t.Fatal(err)
		}
		for _, it := range items {
			if s, ok := it.(string); ok {
				out = append(out, markerRE.FindAllString(s, -1)...)
			}
		}
	}
	return out
}

// TestKillDuringSession SIGKILLs otpbox serve while three members type,
// restarts it on the same database, and checks that every edit the server
// acknowledged is in the document.
func TestKillDuringSession(t *testing.T) {
	bin := buildOtpbox(t, t.TempDir())
	forEachBackend(t, func(t *testing.T, db string) {
		p := startServe(t, bin, db)
		e := &env{t: t, base: "http://" + p.addr, admin: adminToken}
		owner := e.user("owner", "educator")
		sess := e.session(owner)
		tokens := []string{owner}
		for _, n := range []string{"b", "c"} {
			tokens = append(tokens, e.user(n, "student"))
			e.member(owner, sess, n, "editor")
		}
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		docs := make([]*client.Doc, len(tokens))
		for i, tok := range tokens {
			c, err := client.Dial(ctx, e.wsURL(sess), tok)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			if docs[i], err = c.Open(ctx, "crash.erl"); err != nil {
				t.Fatal(err)
			}
		}
		var wg sync.WaitGroup
		for i, d := range docs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				rng := rand.New(rand.NewPCG(uint64(i), uint64(time.Now().UnixNano())))
				// Typing ends with an error when the server dies.
				_, err := typist(ctx, d, string(rune('a'+i)), 100000, rng)
				t.Logf("typist %d stopped: %v", i, err)
			}()
		}
		// Kill once a good number of edits are acknowledged.
		for docs[0].Version() < 150 && ctx.Err() == nil {
			time.Sleep(10 * time.Millisecond)
		}
		if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		<-p.done
		wg.Wait()
		var acked []string
		var ops int
		for _, d := range docs {
			a := d.Acked()
			ops += len(a)
			acked = append(acked, ackedMarkers(t, a)...)
		}
		if ops == 0 || len(acked) == 0 {
			t.Fatalf("no acknowledged edit before the kill (%d ops, %d markers, version %d): the test proves nothing", ops, len(acked), docs[0].Version())
		}

		p2 := startServe(t, bin, db)
		c, err := client.Dial(ctx, "ws://"+p2.addr+"/api/v1/sessions/"+sess+"/ws", owner)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		d, err := c.Open(ctx, "crash.erl")
		if err != nil {
			t.Fatal(err)
		}
		text := d.Text()
		if d.Version() < int64(ops) {
			t.Errorf("after restart the document is at version %d, but %d ops were acknowledged", d.Version(), ops)
		}
		for _, m := range acked {
			if strings.Count(text, m) != 1 {
				t.Errorf("acknowledged marker %s appears %d times after the restart", m, strings.Count(text, m))
			}
		}
		t.Logf("%s: %d ops acknowledged before SIGKILL (%d markers), document at version %d after restart",
			db[:strings.IndexByte(db, ':')], ops, len(acked), d.Version())
	})
}

// TestReplicasConverge runs two servers on one PostgreSQL with the
// members split between them: edits reach the other replica's members
// through LISTEN/NOTIFY, and concurrent appends to the same version are
// resolved by transform-and-retry.
func TestReplicasConverge(t *testing.T) {
	url := pg.URL(t)
	a := newEnv(t, url)
	b := newEnv(t, url)
	owner := a.user("owner", "educator")
	sess := a.session(owner)
	tokens := []string{owner}
	for _, n := range []string{"b", "c", "d"} {
		tokens = append(tokens, a.user(n, "student"))
		a.member(owner, sess, n, "editor")
	}
	urls := []string{a.wsURL(sess), b.wsURL(sess)}
	text := converge(t, sess, tokens, func(i int) string { return urls[i%2] }, 50)
	if !strings.Contains(text, "<a") || !strings.Contains(text, "<b") {
		t.Fatalf("text lacks edits from both replicas: %q", text)
	}
	// Cursors cross replicas too: d on b sees owner's cursor set on a.
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	ca, err := client.Dial(ctx, a.wsURL(sess), owner)
	if err != nil {
		t.Fatal(err)
	}
	defer ca.Close()
	cb, err := client.Dial(ctx, b.wsURL(sess), tokens[3])
	if err != nil {
		t.Fatal(err)
	}
	defer cb.Close()
	da, err := ca.Open(ctx, "shared.erl")
	if err != nil {
		t.Fatal(err)
	}
	db, err := cb.Open(ctx, "shared.erl")
	if err != nil {
		t.Fatal(err)
	}
	if err := da.SetCursor(4); err != nil {
		t.Fatal(err)
	}
	for db.Cursors()["owner"] != 4 {
		if ctx.Err() != nil {
			t.Fatalf("the cursor set on replica a never reached replica b: %v", db.Cursors())
		}
		time.Sleep(10 * time.Millisecond)
	}
	// A late member on either replica opens the same text.
	for _, e := range []*env{a, b} {
		c, err := client.Dial(context.Background(), e.wsURL(sess), tokens[3])
		if err != nil {
			t.Fatal(err)
		}
		d, err := c.Open(context.Background(), "shared.erl")
		if err != nil {
			t.Fatal(err)
		}
		if d.Text() != text {
			t.Errorf("late member on %s opens %q, want %q", e.base, d.Text(), text)
		}
		c.Close()
	}
}
