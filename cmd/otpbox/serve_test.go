package main

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe to read while serve writes to it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServeDefaults runs serve with no --db: the SQLite file goes under
// XDG_DATA_HOME, the admin token from the environment works, and
// cancelling the context (as SIGTERM does) ends it with status 0.
func TestServeDefaults(t *testing.T) {
	data := t.TempDir()
	vars := map[string]string{"XDG_DATA_HOME": data, "OTPBOX_ADDR": "127.0.0.1:0", "OTPBOX_ADMIN_TOKEN": "tok"}
	var stderr syncBuffer
	e := &env{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &stderr,
		getenv: func(k string) string { return vars[k] }, log: discardLogger()}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	status := make(chan int, 1)
	go func() { status <- runServe(ctx, e, nil) }()
	addrRE := regexp.MustCompile(`listening on (http://\S+)`)
	var base string
	for deadline := time.Now().Add(30 * time.Second); base == ""; {
		if m := addrRE.FindStringSubmatch(stderr.String()); m != nil {
			base = m[1]
			break
		}
		select {
		case st := <-status:
			t.Fatalf("serve exited with %d: %s", st, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not start: %s", stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	req, _ := http.NewRequest("GET", base+"/api/v1/me", nil)
	req.Header.Set("Authorization", "Bearer tok")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("GET /me with OTPBOX_ADMIN_TOKEN = %d", resp.StatusCode)
	}
	if _, err := os.Stat(filepath.Join(data, "otpbox", "otpbox.db")); err != nil {
		t.Fatalf("default database not created: %v", err)
	}
	cancel()
	if st := <-status; st != 0 {
		t.Fatalf("serve exited with %d after cancel: %s", st, stderr.String())
	}
}

func TestServeRejectsBadDatabaseURL(t *testing.T) {
	st, _, stderr := runCLI(t, "serve", "--db", "mysql://x", "--addr", "127.0.0.1:0")
	if st != 1 || !strings.Contains(stderr, "want sqlite:PATH or postgres://") {
		t.Fatalf("status %d, stderr %q", st, stderr)
	}
	if st, _, _ := runCLI(t, "serve", "extra"); st != 2 {
		t.Fatalf("an extra argument: status %d, want 2", st)
	}
}
