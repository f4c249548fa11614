package main

import (
	"context"
	"fmt"
	"time"

	"github.com/otpbox/otpbox/dap"
	"github.com/otpbox/otpbox/sandbox"
)

// runDap is "otpbox dap": the debug adapter on stdin and stdout, running
// the launched program in a sandbox of its own (wasm unless --isolation
// native).
func runDap(ctx context.Context, e *env, args []string) int {
	fs := newFlagSet(e, "dap", "",
		"Runs the Erlang debug adapter, speaking DAP on standard input and output.\n"+
			"The launch request's arguments: program (an .erl file, every .erl beside it is\n"+
			"loaded too, or a folder), entry (module:function, default <module>:main),\n"+
			"stopOnEntry, includeDirs, and limits: timeout (per call, \"30s\"; default none),\n"+
			"memory (\"256MiB\"), maxProcesses, maxOutput (\"10MiB\"), maxAtoms and maxModuleSize\n"+
			"(\"1MiB\"), the sandbox's limits.\n"+
			"Logs go to standard error (level from $OTPBOX_LOG).")
	isolation := fs.String("isolation", envOr(e, "OTPBOX_ISOLATION", "wasm"), "where the program's VM runs: wasm (isolated) or native (in process, faster; trusted code) ($OTPBOX_ISOLATION)")
	if st, ok := parseFlags(fs, args); !ok {
		return st
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "otpbox dap: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	iso, ok := sandbox.ParseIsolation(*isolation)
	if !ok {
		fmt.Fprintf(e.stderr, "otpbox dap: --isolation %q: want wasm or native\n", *isolation)
		return 2
	}
	mgr := sandbox.NewManager(nil)
	defer mgr.Close(context.Background())
	cfg := dap.NewConfig().WithLogger(e.log).WithLauncher(func(spec dap.LaunchSpec) (dap.Runtime, error) {
		return launchSandbox(ctx, mgr, iso, spec)
	})
	if err := dap.Serve(ctx, cfg, e.stdin, e.stdout); err != nil {
		e.log.Error("otpbox dap", "err", err)
		return 1
	}
	return 0
}

// sandboxRuntime is a launched sandbox's runtime, closed with the session.
type sandboxRuntime struct {
	dap.Runtime
	sb *sandbox.Sandbox
}

func (r sandboxRuntime) Close() error { return r.sb.Close() }

// launchSandbox starts the sandbox a launch request runs its program in,
// with isolation iso and the request's limits.
func launchSandbox(ctx context.Context, mgr *sandbox.Manager, iso sandbox.Isolation, spec dap.LaunchSpec) (dap.Runtime, error) {
	l := spec.Limits
	cfg := sandbox.NewConfig().WithIsolation(iso).WithIncludeDirs(spec.IncludeDirs...).
		WithStdout(spec.Stdout).WithStderr(spec.Stderr)
	if l.MaxReductions != 0 {
		return nil, fmt.Errorf("limits.maxReductions: the sandbox bounds a run by limits.timeout instead")
	}
	if l.Timeout != "" {
		d, err := time.ParseDuration(l.Timeout)
		if err != nil || d < 0 {
			return nil, fmt.Errorf("limits.timeout %q: want a duration such as \"30s\"", l.Timeout)
		}
		cfg = cfg.WithTimeout(d)
	}
	if l.Memory != "" {
		n, err := sandbox.ParseSize(l.Memory)
		if err != nil {
			return nil, fmt.Errorf("limits.memory: %w", err)
		}
		cfg = cfg.WithMemory(n)
	}
	if l.MaxOutput != "" {
		n, err := sandbox.ParseSize(l.MaxOutput)
		if err != nil {
			return nil, fmt.Errorf("limits.maxOutput: %w", err)
		}
		cfg = cfg.WithMaxOutput(n)
	}
	if l.MaxProcesses < 0 {
		return nil, fmt.Errorf("limits.maxProcesses %d: want at least 1", l.MaxProcesses)
	}
	if l.MaxProcesses > 0 {
		cfg = cfg.WithMaxProcesses(l.MaxProcesses)
	}
	if l.MaxAtoms < 0 {
		return nil, fmt.Errorf("limits.maxAtoms %d: want at least 1", l.MaxAtoms)
	}
	if l.MaxAtoms > 0 {
		cfg = cfg.WithAtomLimit(l.MaxAtoms)
	}
	if l.MaxModuleSize != "" {
		n, err := sandbox.ParseSize(l.MaxModuleSize)
		if err != nil {
			return nil, fmt.Errorf("limits.maxModuleSize: %w", err)
		}
		cfg = cfg.WithMaxModuleSize(n)
	}
	sb, err := mgr.New(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("starting the sandbox: %w", err)
	}
	rt, err := sb.DebugRuntime(ctx)
	if err != nil {
		sb.Close()
		return nil, err
	}
	return sandboxRuntime{Runtime: rt, sb: sb}, nil
}
