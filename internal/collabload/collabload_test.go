package collabload

import (
	"bufio"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/otpbox/otpbox/internal/testenv"
)

const adminToken = "collabload-test-admin-token"

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
	buildOut  []byte
)

// otpboxBinary builds the otpbox command once per test binary: the load
// generator is tested against the real server, as a separate process, the
// way `otpbox bench collab` is used.
func otpboxBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "collabload-bin")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "otpbox")
		goBin := filepath.Join(runtime.GOROOT(), "bin", "go")
		buildOut, buildErr = exec.Command(goBin, "build", "-o", binPath, "github.com/otpbox/otpbox/cmd/otpbox").CombinedOutput()
	})
	if buildErr != nil {
		t.Fatalf("building otpbox: %v\n%s", buildErr, buildOut)
	}
	return binPath
}

var listening = regexp.MustCompile(`listening on (http://\S+)`)

// startServer runs `otpbox serve` on SQLite in a temporary directory and
// returns its URL and process id.
func startServer(t *testing.T) (string, int) {
	t.Helper()
	bin := otpboxBinary(t)
	if out, _ := exec.Command(bin, "serve", "--help").CombinedOutput(); !strings.Contains(string(out), "Usage: otpbox serve") {
		testenv.Missing(t, "the otpbox serve command (not in this build): %s", out)
	}
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--db", "sqlite:"+filepath.Join(t.TempDir(), "otpbox.db"))
	cmd.Env = append(os.Environ(), "OTPBOX_ADMIN_TOKEN="+adminToken, "OTPBOX_LOG=error")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
	})
	urls := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if m := listening.FindStringSubmatch(sc.Text()); m != nil {
				urls <- m[1]
				break
			}
		}
		close(urls)
		_, _ = io.Copy(io.Discard, stderr)
	}()
	select {
	case u, ok := <-urls:
		if !ok {
			t.Fatal("otpbox serve exited without listening")
		}
		return u, cmd.Process.Pid
	case <-time.After(30 * time.Second):
		t.Fatal("otpbox serve did not start within 30s")
	}
	return "", 0
}

func TestEditorsConverge(t *testing.T) {
	url, _ := startServer(t)
	res, err := RunEditors(context.Background(), EditorsConfig{
		URL: url, AdminToken: adminToken, Editors: 5, Rate: 40, Duration: 800 * time.Millisecond,
	})
	if err != nil {
		t.Fatalf("%v\n%v", err, res)
	}
	t.Log(res)
	if res.Edits < 5*10 {
		t.Errorf("only %d edits in 0.8 s from 5 editors at 40/s", res.Edits)
	}
	if res.Acked != res.Sent || res.Version != int64(res.Acked) || res.Diverged != 0 {
		t.Errorf("sent %d, acked %d, final version %d, diverged %d", res.Sent, res.Acked, res.Version, res.Diverged)
	}
	if res.Remote != res.Acked*(res.Editors-1) {
		t.Errorf("each editor should see every other editor's op: %d remote ops for %d acks", res.Remote, res.Acked)
	}
	if res.AckP50 <= 0 || res.AckP50 > res.AckP99 || res.AckP99 > res.AckMax {
		t.Errorf("latencies out of order: %v", res)
	}
}

func TestEditorsBadAdminToken(t *testing.T) {
	url, _ := startServer(t)
	_, err := RunEditors(context.Background(), EditorsConfig{URL: url, AdminToken: "wrong", Editors: 1, Rate: 1, Duration: time.Second})
	if err == nil || !strings.Contains(err.Error(), "401") {
		t.Fatalf("want a 401 error, got %v", err)
	}
	if _, err := RunEditors(context.Background(), EditorsConfig{URL: "ftp://x", Editors: 1, Rate: 1, Duration: time.Second}); err == nil {
		t.Fatal("ftp URL accepted")
	}
}

func TestIdleConnections(t *testing.T) {
	url, pid := startServer(t)
	res, err := RunIdle(context.Background(), IdleConfig{URL: url, AdminToken: adminToken, Conns: 40, Hold: 50 * time.Millisecond, ServerPID: pid})
	if err != nil {
		t.Fatal(err)
	}
	t.Log(res)
	if res.Conns != 40 || res.Alive != 40 || res.ServerRSSAfter <= 0 || res.ServerRSSBefore <= 0 {
		t.Fatalf("got %+v", res)
	}
}

// TestBenchCommand runs `otpbox bench collab` itself, both modes.
func TestBenchCommand(t *testing.T) {
	url, pid := startServer(t)
	bin := otpboxBinary(t)
	for _, args := range [][]string{
		{"--editors", "3", "--rate", "20", "--duration", "500ms"},
		{"--idle", "10", "--hold", "10ms", "--server-pid", strconv.Itoa(pid), "--json"},
	} {
		cmd := exec.Command(bin, append([]string{"bench", "collab", "--url", url}, args...)...)
		cmd.Env = append(os.Environ(), "OTPBOX_ADMIN_TOKEN="+adminToken)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("bench collab %v: %v\n%s", args, err, out)
		}
		want := "diverged 0"
		if args[0] == "--idle" {
			want = `"Alive": 10`
		}
		if !strings.Contains(string(out), want) {
			t.Fatalf("bench collab %v printed:\n%s", args, out)
		}
	}
}
