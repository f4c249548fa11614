package collabload

import (
	"bufio"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/coder/websocket"
)

// IdleConfig describes an idle load: Conns websockets of one session
// member, each with a document open, held for Hold.
type IdleConfig struct {
	URL        string
	AdminToken string
	Conns      int
	Hold       time.Duration
	// ServerPID, when the server runs on this machine, lets the generator
	// read the server's resident memory before and after connecting.
	ServerPID int
	// Dialers is how many connections are set up at once (default 32).
	Dialers int
	HTTP    *http.Client
	Log     *slog.Logger
}

// IdleResult is what an idle load measured.
type IdleResult struct {
	Conns       int
	Alive       int           // connections that answered a ping after the hold
	ConnectTime time.Duration // to set up all connections
	// ServerRSSBefore and ServerRSSAfter are the server's resident memory
	// in bytes before connecting and at the end of the hold (0 without
	// ServerPID).
	ServerRSSBefore, ServerRSSAfter int64
	// ClientHeap is this process's heap in use after connecting, for
	// scale: the client side holds the same connections.
	ClientHeap uint64
}

// ServerBytesPerConn is the server's resident memory growth per held
// connection.
func (r IdleResult) ServerBytesPerConn() float64 {
	if r.Conns == 0 || r.ServerRSSAfter == 0 {
		return 0
	}
	return float64(r.ServerRSSAfter-r.ServerRSSBefore) / float64(r.Conns)
}

// String is the human-readable report.
func (r IdleResult) String() string {
	s := fmt.Sprintf("idle connections %d held, %d alive after the hold, connected in %v\n"+
		"client heap in use %.1f MiB (%.1f KiB per connection)",
		r.Conns, r.Alive, r.ConnectTime.Round(time.Millisecond),
		float64(r.ClientHeap)/(1<<20), float64(r.ClientHeap)/1024/float64(max(r.Conns, 1)))
	if r.ServerRSSAfter > 0 {
		s += fmt.Sprintf("\nserver RSS %.1f MiB -> %.1f MiB: %.1f KiB per connection",
			float64(r.ServerRSSBefore)/(1<<20), float64(r.ServerRSSAfter)/(1<<20), r.ServerBytesPerConn()/1024)
	} else {
		s += "\nserver memory not measured (give the server's pid)"
	}
	return s
}

// RunIdle holds an idle load and reports its memory cost.
func RunIdle(ctx context.Context, cfg IdleConfig) (IdleResult, error) {
	if cfg.Conns < 1 || cfg.Hold < 0 {
		return IdleResult{}, fmt.Errorf("want conns ≥ 1 and hold ≥ 0; got %d, %v", cfg.Conns, cfg.Hold)
	}
	if cfg.Dialers <= 0 {
		cfg.Dialers = 32
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	admin, err := newAPI(cfg.URL, cfg.AdminToken, cfg.HTTP)
	if err != nil {
		return IdleResult{}, err
	}
	session, users, err := setup(ctx, admin, runPrefix("idle"), 1)
	if err != nil {
		return IdleResult{}, err
	}
	var res IdleResult
	if cfg.ServerPID > 0 {
		if res.ServerRSSBefore, err = rss(cfg.ServerPID); err != nil {
			return res, err
		}
	}
	conns := make([]*websocket.Conn, cfg.Conns)
	defer func() {
		for _, c := range conns {
			if c != nil {
				c.Close(websocket.StatusNormalClosure, "")
			}
		}
	}()
	start := time.Now()
	var firstErr error
	var mu sync.Mutex
	parallel(len(conns), cfg.Dialers, func(i int) bool {
		c, err := admin.dial(ctx, session, users[0].Token)
		if err == nil {
			_, _, err = openDoc(ctx, c, "idle.erl")
			// Nothing more is read: CloseRead drains cursors and
			// answers pings and the close handshake.
			c.CloseRead(ctx)
		}
		mu.Lock()
		defer mu.Unlock()
		conns[i] = c
		if err != nil && firstErr == nil {
			firstErr = fmt.Errorf("connection %d: %w", i, err)
		}
		return err == nil
	})
	if firstErr != nil {
		return res, firstErr
	}
	res.Conns = len(conns)
	res.ConnectTime = time.Since(start)
	cfg.Log.Info("connected", "conns", res.Conns, "in", res.ConnectTime)
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	res.ClientHeap = ms.HeapInuse

	select {
	case <-time.After(cfg.Hold):
	case <-ctx.Done():
		return res, ctx.Err()
	}
	if cfg.ServerPID > 0 {
		if res.ServerRSSAfter, err = rss(cfg.ServerPID); err != nil {
			return res, err
		}
	}
	var alive atomic.Int64
	parallel(len(conns), cfg.Dialers, func(i int) bool {
		pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		if conns[i].Ping(pctx) == nil {
			alive.Add(1)
		}
		return true
	})
	res.Alive = int(alive.Load())
	if res.Alive != res.Conns {
		return res, fmt.Errorf("%d of %d connections died during the hold", res.Conns-res.Alive, res.Conns)
	}
	return res, nil
}

// rss reads a process's resident set size from /proc (Linux).
func rss(pid int) (int64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, fmt.Errorf("reading the server's memory (pid %d): %w", pid, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			if err != nil {
				return 0, fmt.Errorf("pid %d: VmRSS %q: %w", pid, rest, err)
			}
			return kb * 1024, nil
		}
	}
	if err := sc.Err(); err != nil {
		return 0, fmt.Errorf("reading /proc/%d/status: %w", pid, err)
	}
	return 0, fmt.Errorf("pid %d: no VmRSS in /proc/%d/status", pid, pid)
}

// parallel calls fn(i) for i in [0, n) from the given number of workers;
// a worker stops when fn returns false.
func parallel(n, workers int, fn func(i int) bool) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n || !fn(i) {
					return
				}
			}
		}()
	}
	wg.Wait()
}
