package sandbox

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/experimental"
	"github.com/tetratelabs/wazero/sys"
)

func durationOf(ns int64) time.Duration {
	if ns < 0 {
		return -1
	}
	return time.Duration(ns)
}

// tailBuffer keeps the last bytes written to it: the guest's stderr, where
// the Go runtime writes why it died.
type tailBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	const keep = 16 << 10
	t.buf.Write(p)
	if t.buf.Len() > 2*keep {
		b := append([]byte(nil), t.buf.Bytes()[t.buf.Len()-keep:]...)
		t.buf.Reset()
		t.buf.Write(b)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.buf.String()
}

func (m *Manager) startWasm(ctx context.Context, s *Sandbox) error {
	mem := newLinearMemory(uint64(s.cfg.memory), &s.memHit)
	// The guest runs under its own context: the caller's ctx only covers
	// starting it. Stopping goes through Sandbox.stop.
	gctx, cancel := context.WithCancel(context.WithValue(context.Background(), sandboxKey{}, s))
	gctx = experimental.WithMemoryAllocator(gctx, experimental.MemoryAllocatorFunc(
		func(capacity, _ uint64) experimental.LinearMemory {
			mem.allocate(capacity)
			return mem
		}))
	stderr := &tailBuffer{}
	mc := wazero.NewModuleConfig().WithName("").
		WithStdout(stderr).WithStderr(stderr).
		WithSysNanotime().WithSysWalltime().WithSysNanosleep().
		WithStartFunctions()
	for _, kv := range guestRuntimeEnv(s.cfg.memory) {
		mc = mc.WithEnv(kv[0], kv[1])
	}
	mod, err := m.rt.InstantiateModule(gctx, m.compiled, mc)
	if err != nil {
		cancel()
		mem.Free()
		mem.guestEnded()
		if s.memHit.Load() {
			return &LimitError{Limit: "memory", Max: FormatSize(s.cfg.memory)}
		}
		if merr := mem.allocErr(); merr != nil {
			return fmt.Errorf("instantiating the guest: %w", merr)
		}
		return fmt.Errorf("instantiating the guest: %w", err)
	}
	start := mod.ExportedFunction("_start")
	if start == nil {
		cancel()
		mod.Close(ctx)
		mem.guestEnded()
		return errors.New("the guest module has no _start")
	}
	// Cancelling the guest's context ends it wherever it is when the
	// runtime was built with close-on-context-done; otherwise it ends at
	// its next recv.
	s.forceMu.Lock()
	s.force = func() {
		cancel()
		mod.CloseWithExitCode(context.Background(), 137)
	}
	s.forceMu.Unlock()
	s.start(func() error {
		// Last: the memory goes only once no guest code can touch it.
		defer mem.guestEnded()
		defer cancel()
		defer mod.Close(context.Background())
		_, err := start.Call(gctx)
		var exit *sys.ExitError
		if errors.As(err, &exit) {
			if exit.ExitCode() == 0 {
				return nil
			}
			if msg := strings.TrimSpace(stderr.String()); msg != "" {
				return fmt.Errorf("exit status %d: %s", exit.ExitCode(), firstLines(msg, 8))
			}
			return fmt.Errorf("exit status %d", exit.ExitCode())
		}
		if err != nil {
			return fmt.Errorf("%w%s", err, suffix(firstLines(strings.TrimSpace(stderr.String()), 8)))
		}
		return nil
	})
	return nil
}

// guestGCPercent is the guest's GOGC. The guest's heap lives in its own
// linear memory, bounded by the sandbox's limit, so collecting less often
// costs nothing outside it; the soft limit below makes the collector work
// harder as the heap nears the hard one (docs/rationale.md, "sandbox: the
// guest's collector").
const guestGCPercent = 400

// guestRuntimeEnv is the guest's whole environment: the Go runtime's GOGC,
// and GOMEMLIMIT at 70% of the sandbox's memory limit, so that a program
// whose live data fits is collected in time rather than stopped, and one
// whose data does not still hits the hard limit with a clean "memory"
// stop. The Go runtime reads both before the guest's first allocation.
func guestRuntimeEnv(memory int64) [][2]string {
	return [][2]string{
		{"GOGC", strconv.Itoa(guestGCPercent)},
		{"GOMEMLIMIT", strconv.FormatInt(memory/10*7, 10)},
	}
}

func suffix(s string) string {
	if s == "" {
		return ""
	}
	return ": " + s
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "\n")
}
