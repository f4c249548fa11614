package sandbox

import (
	"io"
	"time"
)

// Isolation says where a sandbox's VM runs.
type Isolation int

const (
	// Wasm runs the VM inside wazero: its own linear memory, its own
	// crash, no way out. The default.
	Wasm Isolation = iota
	// Native runs the same VM in the host process, for trusted local code
	// that wants speed; the VM's own accounting enforces the limits.
	Native
)

func (i Isolation) String() string {
	if i == Native {
		return "native"
	}
	return "wasm"
}

// ParseIsolation reads "wasm" or "native".
func ParseIsolation(s string) (Isolation, bool) {
	switch s {
	case "wasm":
		return Wasm, true
	case "native":
		return Native, true
	}
	return Wasm, false
}

// The default limits.
const (
	DefaultMemory        = 256 << 20
	DefaultMaxOutput     = 10 << 20
	DefaultMaxProcesses  = 100000
	DefaultAtomLimit     = 1 << 20
	DefaultMaxModuleSize = 4 << 20
)

// Config is an immutable sandbox configuration; each With method returns
// a modified copy.
type Config struct {
	isolation     Isolation
	memory        int64
	timeout       time.Duration
	maxProcesses  int
	maxOutput     int64
	atomLimit     int
	maxModuleSize int64
	includeDirs   []string
	stdout        io.Writer
	stderr        io.Writer
	testHooks     bool // tests only: the guest accepts '$hang' and '$panic'
	virtualTime   bool
}

// NewConfig returns the defaults: wasm isolation, 256 MiB of memory, no
// time limit per call, 100,000 processes, 10 MiB of output, BEAM's atom
// limit, 4 MiB per module source, output discarded (see Subscribe).
func NewConfig() *Config {
	return &Config{
		memory: DefaultMemory, maxProcesses: DefaultMaxProcesses, maxOutput: DefaultMaxOutput,
		atomLimit: DefaultAtomLimit, maxModuleSize: DefaultMaxModuleSize,
		stdout: io.Discard, stderr: io.Discard,
	}
}

func (c *Config) clone() *Config { n := *c; return &n }

// WithIsolation chooses wasm or native.
func (c *Config) WithIsolation(i Isolation) *Config { n := c.clone(); n.isolation = i; return n }

// WithMemory bounds the VM's memory in bytes: the guest's linear memory
// in wasm, the heap growth since the sandbox started in native.
func (c *Config) WithMemory(bytes int64) *Config { n := c.clone(); n.memory = bytes; return n }

// WithTimeout bounds the wall-clock time of each Call (0: no bound).
func (c *Config) WithTimeout(d time.Duration) *Config { n := c.clone(); n.timeout = d; return n }

// WithMaxProcesses bounds the number of live Erlang processes.
func (c *Config) WithMaxProcesses(max int) *Config { n := c.clone(); n.maxProcesses = max; return n }

// WithMaxOutput bounds the bytes the program may write (stdout and
// stderr together).
func (c *Config) WithMaxOutput(bytes int64) *Config { n := c.clone(); n.maxOutput = bytes; return n }

// WithVirtualTime runs the VM on simulated time (vm.Config's
// WithVirtualTime): the clock stands still while processes run and jumps
// to the next timer when all of them wait, so a program's timers and
// receive timeouts fire in the same order however loaded the machine is,
// and sleeps take no real time. It suits a run whose only input is its
// program (otpbox run --virtual-time, the conformance programs through
// the sandbox); a process waiting for a message from the host would see
// its timeouts expire at once. The time limit stays wall-clock time.
func (c *Config) WithVirtualTime(on bool) *Config { n := c.clone(); n.virtualTime = on; return n }

// WithAtomLimit sets the size of the atom table (system_limit beyond).
func (c *Config) WithAtomLimit(max int) *Config { n := c.clone(); n.atomLimit = max; return n }

// WithMaxModuleSize bounds the size of one module's source.
func (c *Config) WithMaxModuleSize(bytes int64) *Config {
	n := c.clone()
	n.maxModuleSize = bytes
	return n
}

// WithIncludeDirs sets the directories -include searches after the
// including file's own.
func (c *Config) WithIncludeDirs(dirs ...string) *Config {
	n := c.clone()
	n.includeDirs = append([]string(nil), dirs...)
	return n
}

// WithStdout sets where the program's standard output goes.
func (c *Config) WithStdout(w io.Writer) *Config { n := c.clone(); n.stdout = w; return n }

// WithStderr sets where the program's standard error goes.
func (c *Config) WithStderr(w io.Writer) *Config { n := c.clone(); n.stderr = w; return n }
