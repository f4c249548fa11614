// Package pgtest gives tests a real PostgreSQL. If OTPBOX_TEST_PG_URL is
// set, its server is used; otherwise a throwaway cluster is created with
// the installed initdb and pg_ctl (found in PATH or under
// /usr/lib/postgresql/*/bin, where Debian's postgresql package puts them)
// on a free loopback port, started on first use and removed when the test
// binary ends. Every URL call returns a fresh, empty database.
//
// PostgreSQL refuses to run as root; when the tests do, the cluster is
// owned and run by the postgres system user (or nobody).
package pgtest

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/otpbox/otpbox/internal/testenv"
)

// Server is a PostgreSQL for one test binary. The zero value is ready;
// declare one in the test package and run the tests through Run.
type Server struct {
	once    sync.Once
	missing string // why PostgreSQL is unavailable, if it is
	err     error  // why starting it failed
	base    string // URL of the server's postgres database
	dir     string // the throwaway cluster, "" when external
	pgCtl   string
	cred    *syscall.Credential
	mu      sync.Mutex
	dbs     int
}

// Run runs the tests and then stops the cluster if one was started. Use it
// from TestMain: os.Exit(srv.Run(m)).
func (s *Server) Run(m *testing.M) int {
	code := m.Run()
	if err := s.stop(); err != nil {
		fmt.Fprintf(os.Stderr, "pgtest: %v\n", err)
	}
	return code
}

// URL returns the URL of a new empty database, starting the server on
// first use. A missing PostgreSQL ends the test through testenv.Missing.
func (s *Server) URL(t testing.TB) string {
	t.Helper()
	s.once.Do(s.start)
	if s.missing != "" {
		testenv.Missing(t, "%s", s.missing)
	}
	if s.err != nil {
		t.Fatalf("starting PostgreSQL: %v", s.err)
	}
	s.mu.Lock()
	s.dbs++
	name := fmt.Sprintf("otpbox_test_%d_%d", os.Getpid(), s.dbs)
	s.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, s.base)
	if err != nil {
		t.Fatalf("connecting to test PostgreSQL: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("creating test database: %v", err)
	}
	return replaceDB(s.base, name)
}

// replaceDB swaps the database name in a postgres:// URL.
func replaceDB(url, name string) string {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return url
	}
	q := ""
	if i := strings.IndexByte(url, '?'); i >= 0 {
		q = url[i:]
	}
	auth := cfg.User
	if cfg.Password != "" {
		auth += ":" + cfg.Password
	}
	return fmt.Sprintf("postgres://%s@%s/%s%s", auth, net.JoinHostPort(cfg.Host, strconv.Itoa(int(cfg.Port))), name, q)
}

func (s *Server) start() {
	if u := os.Getenv("OTPBOX_TEST_PG_URL"); u != "" {
		s.base = u
		return
	}
	bin, err := findBin()
	if err != nil {
		s.missing = err.Error()
		return
	}
	s.pgCtl = filepath.Join(bin, "pg_ctl")
	s.err = s.initCluster(bin)
}

func findBin() (string, error) {
	if p, err := exec.LookPath("pg_ctl"); err == nil {
		if _, err := os.Stat(filepath.Join(filepath.Dir(p), "initdb")); err == nil {
			return filepath.Dir(p), nil
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	// Newest major version first; versions are numbers, so compare as such.
	sort.Slice(dirs, func(i, j int) bool {
		vi, _ := strconv.Atoi(filepath.Base(filepath.Dir(dirs[i])))
		vj, _ := strconv.Atoi(filepath.Base(filepath.Dir(dirs[j])))
		return vi > vj
	})
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	return "", fmt.Errorf("PostgreSQL (initdb, pg_ctl) not found in PATH or /usr/lib/postgresql/*/bin; install Debian's postgresql package or set OTPBOX_TEST_PG_URL")
}

func (s *Server) initCluster(bin string) error {
	dir, err := os.MkdirTemp("", "otpbox-pg-")
	if err != nil {
		return fmt.Errorf("creating cluster directory: %w", err)
	}
	s.dir = dir
	if os.Geteuid() == 0 {
		cred, err := unprivileged()
		if err != nil {
			return err
		}
		s.cred = cred
		if err := os.Chown(dir, int(cred.Uid), int(cred.Gid)); err != nil {
			return fmt.Errorf("handing %s to uid %d: %w", dir, cred.Uid, err)
		}
	}
	data := filepath.Join(dir, "data")
	if out, err := s.run(filepath.Join(bin, "initdb"), "-D", data, "-U", "postgres",
		"--auth=trust", "-E", "UTF8", "--no-sync", "--locale=C"); err != nil {
		return fmt.Errorf("initdb: %w\n%s", err, out)
	}
	port, err := freePort()
	if err != nil {
		return err
	}
	// fsync is off: these clusters hold throwaway test data, and the
	// durability tests kill otpbox, not PostgreSQL.
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", port, dir)
	if out, err := s.run(s.pgCtl, "-D", data, "-l", filepath.Join(dir, "log"), "-w", "-t", "60", "-o", opts, "start"); err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "log"))
		return fmt.Errorf("pg_ctl start: %w\n%s\n%s", err, out, log)
	}
	s.base = fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", port)
	return nil
}

// unprivileged returns the credentials of the postgres system user, or of
// nobody when there is none.
func unprivileged() (*syscall.Credential, error) {
	for _, name := range []string{"postgres", "nobody"} {
		u, err := user.Lookup(name)
		if err != nil {
			continue
		}
		uid, err1 := strconv.ParseUint(u.Uid, 10, 32)
		gid, err2 := strconv.ParseUint(u.Gid, 10, 32)
		if err1 == nil && err2 == nil {
			return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil
		}
	}
	return nil, fmt.Errorf("running as root and neither a postgres nor a nobody user exists to run PostgreSQL as")
}

func (s *Server) run(name string, args ...string) ([]byte, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = s.dir
	if s.cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: s.cred}
	}
	return cmd.CombinedOutput()
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("finding a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func (s *Server) stop() error {
	if s.dir == "" {
		return nil
	}
	var err error
	if s.base != "" {
		if out, e := s.run(s.pgCtl, "-D", filepath.Join(s.dir, "data"), "-m", "immediate", "-w", "stop"); e != nil {
			err = fmt.Errorf("pg_ctl stop: %w\n%s", e, out)
		}
	}
	if e := os.RemoveAll(s.dir); e != nil && err == nil {
		err = fmt.Errorf("removing test cluster: %w", e)
	}
	return err
}
