package sandbox

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/imports/wasi_snapshot_preview1"
)

// guestFS holds guestbin/guest.wasm once `make guest` has built it; a
// fresh checkout has only the README, so that the host still compiles.
//
//go:embed guestbin
var guestFS embed.FS

// guestModule returns the embedded guest, or ErrGuestNotBuilt.
func guestModule() ([]byte, error) {
	b, err := fs.ReadFile(guestFS, "guestbin/guest.wasm")
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrGuestNotBuilt
	}
	return b, err
}

// GuestBuilt reports ErrGuestNotBuilt when this binary embeds no guest,
// so that a wasm sandbox cannot start: callers (tests among them) can
// say so before starting one.
func GuestBuilt() error {
	_, err := guestModule()
	return err
}

// ManagerConfig is an immutable Manager configuration.
type ManagerConfig struct {
	cacheDir       string
	noCache        bool
	closeOnContext bool
	guest          []byte
}

// NewManagerConfig returns the defaults: the compilation cache under the
// user cache directory (otpbox/wazero), and guests compiled without
// wazero's interruption checks (see WithInterruptible).
func NewManagerConfig() *ManagerConfig {
	return &ManagerConfig{}
}

// WithCacheDir sets where compiled guests are cached ("" turns the cache
// off: every Manager compiles the guest again).
func (c *ManagerConfig) WithCacheDir(dir string) *ManagerConfig {
	n := *c
	n.cacheDir, n.noCache = dir, dir == ""
	return &n
}

// WithInterruptible compiles the guest with wazero's close-on-context-done
// checks, so that the host can end a guest stuck in Go code (a VM bug)
// at once. Without them (the default: they make the VM 4-6 times slower,
// see docs/rationale.md) the guest stops at its next reduction slice, and
// one stuck in Go code is abandoned: the sandbox ends for its users within
// 100 ms, but its goroutine and memory stay until the process exits.
func (c *ManagerConfig) WithInterruptible(on bool) *ManagerConfig {
	n := *c
	n.closeOnContext = on
	return &n
}

// WithGuest replaces the embedded guest module (tests, benchmarks).
func (c *ManagerConfig) WithGuest(wasm []byte) *ManagerConfig {
	n := *c
	n.guest = wasm
	return &n
}

// Manager creates sandboxes. It holds one wazero runtime with the guest
// compiled once (and cached on disk), so that each wasm sandbox only
// instantiates it. It is safe for concurrent use.
type Manager struct {
	cfg *ManagerConfig

	once     sync.Once
	rt       wazero.Runtime
	compiled wazero.CompiledModule
	initErr  error
}

// NewManager returns a Manager; the guest is compiled on the first wasm
// sandbox.
func NewManager(cfg *ManagerConfig) *Manager {
	if cfg == nil {
		cfg = NewManagerConfig()
	}
	return &Manager{cfg: cfg}
}

func (m *Manager) init(ctx context.Context) error {
	m.once.Do(func() {
		guest := m.cfg.guest
		if guest == nil {
			var err error
			if guest, err = guestModule(); err != nil {
				m.initErr = err
				return
			}
		}
		rc := wazero.NewRuntimeConfigCompiler().WithCloseOnContextDone(m.cfg.closeOnContext)
		if !m.cfg.noCache {
			dir := m.cfg.cacheDir
			if dir == "" {
				base, err := os.UserCacheDir()
				if err == nil {
					dir = filepath.Join(base, "otpbox", "wazero")
				}
			}
			if dir != "" {
				dir = guestCacheDir(dir, m.cfg.closeOnContext, guest)
				if cache, err := wazero.NewCompilationCacheWithDir(dir); err == nil {
					rc = rc.WithCompilationCache(cache)
					pruneGuestCaches(dir, time.Now())
				}
			}
		}
		m.rt = wazero.NewRuntimeWithConfig(ctx, rc)
		if _, err := wasi_snapshot_preview1.Instantiate(ctx, m.rt); err != nil {
			m.initErr = fmt.Errorf("instantiating WASI: %w", err)
			return
		}
		if err := m.hostModule(ctx); err != nil {
			m.initErr = err
			return
		}
		c, err := m.rt.CompileModule(ctx, guest)
		if err != nil {
			m.initErr = fmt.Errorf("compiling the guest: %w", err)
			return
		}
		m.compiled = c
	})
	return m.initErr
}

// New starts a sandbox with cfg (nil: the defaults).
func (m *Manager) New(ctx context.Context, cfg *Config) (*Sandbox, error) {
	if cfg == nil {
		cfg = NewConfig()
	}
	s := newSandbox(cfg)
	if cfg.isolation == Native {
		startNative(s)
		return s, nil
	}
	if err := m.init(ctx); err != nil {
		return nil, err
	}
	if err := m.startWasm(ctx, s); err != nil {
		return nil, err
	}
	return s, nil
}

// Close releases the runtime. Sandboxes still running end with it.
func (m *Manager) Close(ctx context.Context) error {
	if m.rt == nil {
		return nil
	}
	return m.rt.Close(ctx)
}

// guestCacheDir is where the guest's compiled code is cached under base.
// wazero's cache key is the module and wazero's version, not the
// runtime's configuration: code compiled with the interruption checks
// must not be found by a runtime without them, and the other way round,
// so each configuration has its own directory. Within it each guest has
// its own, named by its hash, so that pruneGuestCaches can drop the code
// of guests no binary here embeds any more (each is ~30 MB).
func guestCacheDir(base string, interruptible bool, guest []byte) string {
	kind := "plain"
	if interruptible {
		kind = "interruptible"
	}
	// The name only groups cache files for pruning (wazero names each file
	// by the module's SHA-256 itself), so a fast checksum will do:
	// hashing the 7 MB guest with SHA-256 as well cost ~4 ms per process.
	sum := crc32.Checksum(guest, crc32.MakeTable(crc32.Castagnoli))
	return filepath.Join(base, kind, fmt.Sprintf("%08x-%x", sum, len(guest)))
}

// staleGuestCache is how long a guest's cached code is kept after the
// last Manager that used it: long enough that two otpbox builds used in
// turn do not recompile each other's guest (2.5 s) at every start.
const staleGuestCache = 7 * 24 * time.Hour

// pruneGuestCaches marks dir, the cache of the guest in use, as used now
// and removes the other entries beside it (other guests' caches, and the
// flat layout used before per-guest directories) last used before
// staleGuestCache. Failures only leave files behind: the cache is an
// optimisation.
func pruneGuestCaches(dir string, now time.Time) {
	_ = os.Chtimes(dir, now, now)
	parent := filepath.Dir(dir)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		if e.Name() == filepath.Base(dir) {
			continue
		}
		info, err := e.Info()
		if err != nil || now.Sub(info.ModTime()) < staleGuestCache {
			continue
		}
		_ = os.RemoveAll(filepath.Join(parent, e.Name()))
	}
}

// sandboxKey finds a call's sandbox in the context of a host function.
type sandboxKey struct{}

func sandboxOf(ctx context.Context) *Sandbox { return ctx.Value(sandboxKey{}).(*Sandbox) }

// hostModule defines the guest's imports: otpbox.emit and otpbox.recv.
func (m *Manager) hostModule(ctx context.Context) error {
	_, err := m.rt.NewHostModuleBuilder("otpbox").
		NewFunctionBuilder().
		WithGoModuleFunction(api.GoModuleFunc(func(ctx context.Context, mod api.Module, stack []uint64) {
			ptr, n := api.DecodeU32(stack[0]), api.DecodeU32(stack[1])
			b, ok := mod.Memory().Read(ptr, n)
			if !ok {
				panic(fmt.Errorf("emit: %d bytes at %#x are outside the guest's memory", n, ptr))
			}
			sandboxOf(ctx).onEvent(b)
		}), []api.ValueType{api.ValueTypeI32, api.ValueTypeI32}, nil).
		Export("emit").
		NewFunctionBuilder().
		WithGoModuleFunction(api.GoModuleFunc(func(ctx context.Context, mod api.Module, stack []uint64) {
			ptr, capacity, timeout := api.DecodeU32(stack[0]), api.DecodeU32(stack[1]), int64(stack[2])
			s := sandboxOf(ctx)
			msg, stop := s.waitCommand(durationOf(timeout))
			switch {
			case stop:
				stack[0] = api.EncodeI32(-1)
			case msg == nil:
				stack[0] = 0
			case uint32(len(msg)) > capacity:
				s.held = msg
				stack[0] = api.EncodeI32(-int32(len(msg)))
			default:
				if !mod.Memory().Write(ptr, msg) {
					panic(fmt.Errorf("recv: buffer at %#x is outside the guest's memory", ptr))
				}
				stack[0] = api.EncodeI32(int32(len(msg)))
			}
		}), []api.ValueType{api.ValueTypeI32, api.ValueTypeI32, api.ValueTypeI64}, []api.ValueType{api.ValueTypeI32}).
		Export("recv").
		Instantiate(ctx)
	if err != nil {
		return fmt.Errorf("defining the host module: %w", err)
	}
	return nil
}
