package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/otpbox/otpbox/sandbox"
)

// Exit statuses of otpbox run and otpbox test.
const (
	exitOK      = 0 // the call returned (run); every test passed (test)
	exitFailed  = 1 // an uncaught exception, a compile error, a failed test
	exitUsage   = 2 // bad flags or arguments, unreadable files
	exitStopped = 3 // a limit stopped the sandbox, or its guest crashed
)

const runDescription = `Compile the files into a fresh sandbox and call MOD:FUN() (default: main/0
of the first file's module). Program output goes to stdout as Erlang prints
it; the run ends when the call returns.

Exit status: 0 when the call returned; 1 on an uncaught exception (printed
on stderr as the Erlang shell prints it) or a compile error (file:line:col:
error: ...); 2 on a usage error; 3 when a limit stopped the sandbox
("otpbox: sandbox stopped: ..." names the limit) or its guest crashed;
N when the program called erlang:halt(N), as erl exits.

--timeout bounds the wall-clock time of the call, from when it starts
(compiling the files is not counted).

Sizes take units (512KiB, 256MiB, 1GiB) or plain bytes; durations Go's form
(500ms, 5s, 2m).`

// sandboxFlags are the flags run and test share.
type sandboxFlags struct {
	isolation    string
	includes     stringList
	timeout      time.Duration
	memory       string
	maxProcesses int
	maxOutput    string
	maxAtoms     int
	maxModule    string
	virtualTime  bool
	// envErr holds the environment defaults that did not parse, for
	// config to report (a bad $OTPBOX_TIMEOUT is an error, not ignored).
	envErr error
}

// envInt is an integer flag's default from the environment variable key,
// or def.
func (f *sandboxFlags) envInt(e *env, key, flag string, def int) int {
	v := e.getenv(key)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		f.envErr = errors.Join(f.envErr, fmt.Errorf("$%s %q (the default of --%s): want an integer", key, v, flag))
		return def
	}
	return n
}

func (f *sandboxFlags) register(e *env, fs *flag.FlagSet, defTimeout string) {
	fs.StringVar(&f.isolation, "isolation", envOr(e, "OTPBOX_ISOLATION", "wasm"), "where the VM runs: wasm (isolated) or native (in process, faster; trusted code) ($OTPBOX_ISOLATION)")
	fs.Var(&f.includes, "I", "directory searched by -include (repeatable)")
	d, _ := time.ParseDuration(defTimeout)
	if v := e.getenv("OTPBOX_TIMEOUT"); v != "" {
		var err error
		if d, err = time.ParseDuration(v); err != nil {
			f.envErr = errors.Join(f.envErr, fmt.Errorf("$OTPBOX_TIMEOUT %q (the default of --timeout): want a duration such as 500ms, 5s or 2m", v))
			d, _ = time.ParseDuration(defTimeout)
		}
	}
	fs.DurationVar(&f.timeout, "timeout", d, "wall-clock limit of each call: the run's main call, or the test run; compiling is not counted ($OTPBOX_TIMEOUT)")
	fs.StringVar(&f.memory, "memory", envOr(e, "OTPBOX_MEMORY", "256MiB"), "memory limit of the VM ($OTPBOX_MEMORY)")
	fs.IntVar(&f.maxProcesses, "max-processes", f.envInt(e, "OTPBOX_MAX_PROCESSES", "max-processes", sandbox.DefaultMaxProcesses), "most Erlang processes alive at once; spawn raises system_limit beyond ($OTPBOX_MAX_PROCESSES)")
	fs.StringVar(&f.maxOutput, "max-output", envOr(e, "OTPBOX_MAX_OUTPUT", "10MiB"), "most bytes the program may print ($OTPBOX_MAX_OUTPUT)")
	fs.IntVar(&f.maxAtoms, "max-atoms", f.envInt(e, "OTPBOX_MAX_ATOMS", "max-atoms", sandbox.DefaultAtomLimit), "size of the atom table; list_to_atom raises system_limit beyond, and a module whose atoms do not fit is refused ($OTPBOX_MAX_ATOMS)")
	fs.StringVar(&f.maxModule, "max-module-size", envOr(e, "OTPBOX_MAX_MODULE_SIZE", sandbox.FormatSize(sandbox.DefaultMaxModuleSize)), "largest module source that may be loaded ($OTPBOX_MAX_MODULE_SIZE)")
	fs.BoolVar(&f.virtualTime, "virtual-time", false, "run on simulated time: timers fire in order however loaded the machine is, sleeps take no real time (--timeout stays wall-clock)")
}

// config turns the flags into a sandbox configuration.
func (f *sandboxFlags) config(e *env) (*sandbox.Config, error) {
	if f.envErr != nil {
		return nil, f.envErr
	}
	iso, ok := sandbox.ParseIsolation(f.isolation)
	if !ok {
		return nil, fmt.Errorf("--isolation %q: want wasm or native", f.isolation)
	}
	mem, err := sandbox.ParseSize(f.memory)
	if err != nil {
		return nil, fmt.Errorf("--memory: %w", err)
	}
	out, err := sandbox.ParseSize(f.maxOutput)
	if err != nil {
		return nil, fmt.Errorf("--max-output: %w", err)
	}
	if f.maxProcesses < 1 {
		return nil, fmt.Errorf("--max-processes %d: want at least 1", f.maxProcesses)
	}
	if f.maxAtoms < 1 {
		return nil, fmt.Errorf("--max-atoms %d: want at least 1", f.maxAtoms)
	}
	modSize, err := sandbox.ParseSize(f.maxModule)
	if err == nil && modSize < 1 {
		err = fmt.Errorf("size %q: want at least 1 byte", f.maxModule)
	}
	if err != nil {
		return nil, fmt.Errorf("--max-module-size: %w", err)
	}
	if f.timeout < 0 {
		return nil, fmt.Errorf("--timeout %v: want a positive duration (0: none)", f.timeout)
	}
	return sandbox.NewConfig().WithIsolation(iso).WithMemory(mem).WithMaxOutput(out).
		WithMaxProcesses(f.maxProcesses).WithAtomLimit(f.maxAtoms).WithMaxModuleSize(modSize).
		WithTimeout(f.timeout).WithIncludeDirs(f.includes...).
		WithStdout(e.stdout).WithStderr(e.stderr).WithVirtualTime(f.virtualTime), nil
}

// dedicatedGC sets this process's collector for the one native sandbox
// that `run` and `test` start (sandbox.DedicatedNativeGC, where GOGC or
// GOMEMLIMIT set by the user win), unless the sandbox runs in wasm, whose
// guest has its own. It returns the function that restores the previous
// settings.
func (f *sandboxFlags) dedicatedGC(e *env) (restore func()) {
	mem, err := sandbox.ParseSize(f.memory)
	iso, _ := sandbox.ParseIsolation(f.isolation)
	if err != nil || iso != sandbox.Native {
		return func() {}
	}
	return sandbox.DedicatedNativeGC(mem, e.getenv)
}

// stopped reports an error that ended a sandbox, with its exit status.
func stopped(e *env, err error) int {
	var limit *sandbox.LimitError
	var crash *sandbox.CrashError
	switch {
	case errors.As(err, &limit), errors.As(err, &crash), errors.Is(err, context.Canceled):
		fmt.Fprintf(e.stderr, "otpbox: sandbox stopped: %v\n", err)
		return exitStopped
	case errors.Is(err, sandbox.ErrGuestNotBuilt):
		fmt.Fprintf(e.stderr, "otpbox: %v\n", err)
		return exitStopped
	}
	fmt.Fprintf(e.stderr, "otpbox: %v\n", err)
	return exitFailed
}

// sourceFile is one file given on the command line, read before any
// sandbox starts so that a missing file is a usage error even where the
// sandbox itself could not start.
type sourceFile struct {
	path string
	src  []byte
}

// readFiles reads every file; ok is false (and the error printed) when
// one cannot be read.
func readFiles(e *env, files []string) (srcs []sourceFile, ok bool) {
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			fmt.Fprintf(e.stderr, "otpbox: %v\n", err)
			return nil, false
		}
		srcs = append(srcs, sourceFile{f, src})
	}
	return srcs, true
}

// loadFiles compiles srcs into sb, printing compile errors. ok is false
// when one did not compile (status says how to exit).
func loadFiles(ctx context.Context, e *env, sb *sandbox.Sandbox, srcs []sourceFile) (mods []string, status int, ok bool) {
	failed := false
	for _, f := range srcs {
		mod, err := sb.Load(ctx, f.path, f.src)
		var ce *sandbox.CompileError
		switch {
		case errors.As(err, &ce):
			fmt.Fprintln(e.stderr, ce.Error())
			failed = true
		case err != nil:
			return nil, stopped(e, err), false
		}
		mods = append(mods, mod)
	}
	if failed {
		return nil, exitFailed, false
	}
	return mods, exitOK, true
}

func runRun(ctx context.Context, e *env, args []string) int {
	fs := newFlagSet(e, "run", "[flags] FILE.erl...", runDescription)
	var sf sandboxFlags
	sf.register(e, fs, "30s")
	call := fs.String("call", "", "the function to call, MOD:FUN (default: main in the first file's module)")
	if st, ok := parseFlags(fs, args); !ok {
		return st
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(e.stderr, "otpbox run: no .erl files given")
		fs.Usage()
		return exitUsage
	}
	var mod, fun string
	if *call != "" {
		m, f, ok := strings.Cut(*call, ":")
		if !ok || m == "" || f == "" {
			fmt.Fprintf(e.stderr, "otpbox run: --call %q: want MOD:FUN\n", *call)
			return exitUsage
		}
		mod, fun = m, f
	}
	cfg, err := sf.config(e)
	if err != nil {
		fmt.Fprintf(e.stderr, "otpbox run: %v\n", err)
		return exitUsage
	}
	defer sf.dedicatedGC(e)()
	return withSandbox(ctx, e, cfg, fs.Args(), func(sb *sandbox.Sandbox, mods []string) int {
		if mod == "" {
			mod, fun = mods[0], "main"
		}
		_, err := sb.Call(ctx, mod, fun)
		return callStatus(e, err)
	})
}

// withSandbox starts a sandbox with cfg, loads files into it and runs fn
// on it, returning fn's exit status (or the status of what failed first).
func withSandbox(ctx context.Context, e *env, cfg *sandbox.Config, files []string, fn func(sb *sandbox.Sandbox, mods []string) int) int {
	srcs, ok := readFiles(e, files)
	if !ok {
		return exitUsage
	}
	mgr := sandbox.NewManager(nil)
	defer mgr.Close(context.Background())
	sb, err := mgr.New(ctx, cfg)
	if err != nil {
		return stopped(e, err)
	}
	defer sb.Close()
	mods, st, ok := loadFiles(ctx, e, sb, srcs)
	if !ok {
		return st
	}
	return fn(sb, mods)
}

// callStatus reports how a call ended: nothing on success, the exception
// as the shell prints it, or why the sandbox stopped.
func callStatus(e *env, err error) int {
	var exc *sandbox.Exception
	var halt *sandbox.HaltError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &exc):
		fmt.Fprintln(e.stderr, exc.Formatted)
		return exitFailed
	case errors.As(err, &halt):
		// As erl: the status erlang:halt gave, after the output written
		// before it (output events arrive before the call's reply); the
		// OS keeps the low byte, as of erl's halt(300), which exits 44.
		return halt.Status & 0xff
	}
	return stopped(e, err)
}
