package main

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/otpbox/otpbox/sandbox/erl/epp"
	"github.com/otpbox/otpbox/sandbox/erl/sema"
)

// runCheck is "otpbox check": erlc's front end (preprocessor, parser and
// erl_lint's checks) on files and directories, without compiling.
func runCheck(_ context.Context, e *env, args []string) int {
	fset := newFlagSet(e, "check", "[--syntax-only] [-I DIR]... PATH...",
		"Checks Erlang source files, and directories walked for .erl files, and prints one line\n"+
			"per diagnostic, path:line:col: error|warning: message, sorted by file and position.\n"+
			"Exits 1 when any error was found, 0 otherwise. -include_lib headers are also looked\n"+
			"up under $OTPBOX_OTP_LIB (default /usr/lib/erlang/lib).")
	syntaxOnly := fset.Bool("syntax-only", false, "report only preprocessor and syntax errors")
	var includes stringList
	fset.Var(&includes, "I", "add `DIR` to the include search path (repeatable)")
	// Flags may also follow the paths (check src -I include), as with
	// erlc; the flag package stops at the first path, so parse again
	// after each one.
	var paths []string
	for {
		if status, ok := parseFlags(fset, args); !ok {
			return status
		}
		if fset.NArg() == 0 {
			break
		}
		paths = append(paths, fset.Arg(0))
		args = fset.Args()[1:]
	}
	if len(paths) == 0 {
		fmt.Fprintln(e.stderr, "otpbox check: no files or directories given")
		fset.Usage()
		return 2
	}
	files, err := erlFiles(paths)
	if err != nil {
		fmt.Fprintf(e.stderr, "otpbox check: %v\n", err)
		return 2
	}
	cfg := epp.NewConfig().WithIncludeDirs(includes...)
	if lib := envOr(e, "OTPBOX_OTP_LIB", "/usr/lib/erlang/lib"); dirExists(lib) {
		cfg = cfg.WithLibDirs(lib)
	}
	results := make([]*sema.Result, 0, len(files))
	index := sema.NewIndex()
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintf(e.stderr, "otpbox check: %v\n", err)
			return 2
		}
		r := sema.CheckSource(cfg, path, src, sema.Options{}, *syntaxOnly)
		if r.Module != nil {
			index.Update(path, r.Module)
		}
		results = append(results, r)
	}
	var diags []sema.Diagnostic
	failed := false
	for _, r := range results {
		// Behaviours defined in the checked files are known only now.
		if r.Module != nil && usesWorkspaceBehaviour(r.Module, index) {
			r.Recheck(index.Behaviour)
		}
		// Lines as erlc reports them: generated code points into its
		// grammar file through -file attributes.
		diags = append(diags, r.ErlcPositions()...)
		failed = failed || r.HasErrors()
	}
	sema.SortDiagnostics(diags)
	var b strings.Builder
	for _, d := range diags {
		b.WriteString(d.String())
		b.WriteByte('\n')
	}
	fmt.Fprint(e.stdout, b.String())
	e.log.Debug("check done", "files", len(files), "diagnostics", len(diags))
	if failed {
		return 1
	}
	return 0
}

func usesWorkspaceBehaviour(m *sema.Module, index *sema.Index) bool {
	for _, b := range m.Behaviours {
		if _, otp := sema.OTPBehaviour(b.Name); otp {
			continue
		}
		if _, ok := index.Behaviour(b.Name); ok {
			return true
		}
	}
	return false
}

// erlFiles expands the command line: files as given, directories walked
// for .erl files in lexical order.
func erlFiles(paths []string) ([]string, error) {
	var files []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("cannot read %s: %w", p, err)
		}
		if !info.IsDir() {
			files = append(files, p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return fmt.Errorf("cannot read %s: %w", path, err)
			}
			if !d.IsDir() && strings.HasSuffix(path, ".erl") {
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Strings(found)
		files = append(files, found...)
	}
	return files, nil
}

func dirExists(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.IsDir()
}
