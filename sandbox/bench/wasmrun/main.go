// Command wasmrun runs a Go test binary built for GOOS=wasip1 GOARCH=wasm
// under wazero's compiler, the runtime the sandbox uses, so that a
// package's benchmarks can be measured in the wasm build:
//
//	GOOS=wasip1 GOARCH=wasm go test -c -o pkg.wasm ./some/pkg
//	go run ./sandbox/bench/wasmrun pkg.wasm ./some/pkg -test.run '^$' -test.bench .
//
// The second argument is mounted as the guest's root directory, so the
// tests find their testdata as they do natively.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/imports/wasi_snapshot_preview1"
	"github.com/tetratelabs/wazero/sys"
)

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: wasmrun TEST.wasm PKGDIR [test flags...]")
		os.Exit(2)
	}
	os.Exit(run(os.Args[1], os.Args[2], os.Args[3:]))
}

func run(binPath, dir string, args []string) int {
	ctx := context.Background()
	bin, err := os.ReadFile(binPath)
	if err != nil {
		fmt.Fprintf(os.Stderr, "wasmrun: %v\n", err)
		return 1
	}
	r := wazero.NewRuntimeWithConfig(ctx, wazero.NewRuntimeConfigCompiler())
	defer r.Close(ctx)
	wasi_snapshot_preview1.MustInstantiate(ctx, r)
	cfg := wazero.NewModuleConfig().
		WithStdout(os.Stdout).WithStderr(os.Stderr).
		WithArgs(append([]string{"test"}, args...)...).
		WithFSConfig(wazero.NewFSConfig().WithDirMount(dir, "/")).
		WithSysNanotime().WithSysWalltime().WithSysNanosleep()
	// The Go runtime's own tuning passes through, so that one setting
	// (GOGC=400 sandbox/bench/wasm.sh, as the sandbox's guest runs) applies
	// to the native and the wasm build alike.
	for _, k := range []string{"GOGC", "GOMEMLIMIT", "GODEBUG"} {
		if v, ok := os.LookupEnv(k); ok {
			cfg = cfg.WithEnv(k, v)
		}
	}
	if _, err := r.InstantiateWithConfig(ctx, bin, cfg); err != nil {
		var exit *sys.ExitError
		if errors.As(err, &exit) {
			return int(exit.ExitCode())
		}
		fmt.Fprintf(os.Stderr, "wasmrun: running %s: %v\n", binPath, err)
		return 1
	}
	return 0
}
