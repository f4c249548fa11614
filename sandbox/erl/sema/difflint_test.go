//go:build difflint

package sema

// TestDiffLint is a differential test against real erlc, run by hand
// (CI has no erlc):
//
//	go test -tags difflint ./sandbox/erl/sema -run DiffLint -v
//
// It mutates OTP's stdlib and kernel sources at random (deletes lines,
// renames, swaps or underscores variables, renames calls and function
// clauses, duplicates lines),
// checks each mutant with "erlc -W +basic_validation" and with sema, and
// reports every mutant where the diagnostics differ (mutants with syntax
// or preprocessor errors are skipped). OTPBOX_DIFFLINT_SEED fixes the
// random seed; OTPBOX_DIFFLINT_N the number of mutants (default 120).

import (
	"bufio"
	"bytes"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/otpbox/otpbox/sandbox/erl/epp"
)

var varRE = regexp.MustCompile(`\b[A-Z][A-Za-z0-9_]*\b`)
var defRE = regexp.MustCompile(`^([a-z][a-z_0-9]*)\(`)
var callRE = regexp.MustCompile(`\b([a-z][a-z_0-9]*)\(`)
var diagLineRE = regexp.MustCompile(`^([^:]+):(\d+):(\d+): (Warning: )?(.*)$`)

func TestDiffLint(t *testing.T) {
	glob := os.Getenv("OTPBOX_DIFFLINT_GLOB")
	if glob == "" {
		glob = "/usr/lib/erlang/lib/{stdlib,kernel}-*/src/*.erl"
	}
	var files []string
	for _, g := range expandBraces(glob) {
		fs, _ := filepath.Glob(g)
		files = append(files, fs...)
	}
	if len(files) == 0 {
		t.Fatalf("no files match %s", glob)
	}
	seed := time.Now().UnixNano()
	if s, err := strconv.ParseInt(os.Getenv("OTPBOX_DIFFLINT_SEED"), 10, 64); err == nil {
		seed = s
	}
	want := 120
	if n, err := strconv.Atoi(os.Getenv("OTPBOX_DIFFLINT_N")); err == nil {
		want = n
	}
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewSource(seed))
	n, bad, total := 0, 0, 0
	for n < want {
		file := files[rng.Intn(len(files))]
		data, _ := os.ReadFile(file)
		if len(data) > 60000 {
			continue
		}
		lines := strings.Split(string(data), "\n")
		i := 0
		for k := 0; k < 1+rng.Intn(3); k++ {
			i = rng.Intn(len(lines))
			if m := defRE.FindStringSubmatch(lines[i]); m != nil && rng.Intn(2) == 0 {
				// Rename a function clause: calls become undefined, the
				// clause a new function or a head mismatch.
				lines[i] = m[1] + "_x" + lines[i][len(m[1]):]
				continue
			}
			if !strings.HasPrefix(lines[i], "    ") {
				continue
			}
			switch rng.Intn(6) {
			case 5:
				// Use another variable of the file in place of one here.
				all := varRE.FindAllString(string(data), 200)
				locs := varRE.FindAllStringIndex(lines[i], -1)
				if len(all) == 0 || len(locs) == 0 {
					continue
				}
				l := locs[rng.Intn(len(locs))]
				lines[i] = lines[i][:l[0]] + all[rng.Intn(len(all))] + lines[i][l[1]:]
			case 3:
				lines[i] = callRE.ReplaceAllString(lines[i], "${1}2(")
			case 4:
				lines[i] = lines[i] + "\n" + lines[i]
			case 0:
				lines[i] = ""
			case 1:
				lines[i] = varRE.ReplaceAllStringFunc(lines[i], func(s string) string {
					if rng.Intn(3) == 0 {
						return "Zz"
					}
					return s
				})
			case 2:
				locs := varRE.FindAllStringIndex(lines[i], -1)
				if len(locs) == 0 {
					continue
				}
				l := locs[rng.Intn(len(locs))]
				lines[i] = lines[i][:l[0]] + "_" + lines[i][l[0]:]
			}
		}
		src := strings.Join(lines, "\n")
		dir := t.TempDir()
		base := filepath.Base(file)
		path := filepath.Join(dir, base)
		os.WriteFile(path, []byte(src), 0o644)
		// The application's include and source directories, as OTP's
		// makefiles give them, and stdlib's and kernel's.
		app := filepath.Dir(filepath.Dir(file))
		incs := []string{filepath.Join(app, "include"), filepath.Dir(file)}
		for _, a := range []string{"stdlib", "kernel"} {
			d, _ := filepath.Glob("/usr/lib/erlang/lib/" + a + "-*/include")
			incs = append(incs, d...)
		}
		args := []string{"-W", "+basic_validation"}
		for _, d := range incs {
			args = append(args, "-I", d)
		}
		cmd := exec.Command("erlc", append(args, base)...)
		cmd.Dir = dir
		out, _ := cmd.CombinedOutput()
		if bytes.Contains(out, []byte("syntax error")) || bytes.Contains(out, []byte("undefined macro")) ||
			bytes.Contains(out, []byte("can't find include")) || bytes.Contains(out, []byte("parse transform")) {
			continue
		}
		var expect []string
		sc := bufio.NewScanner(bytes.NewReader(out))
		for sc.Scan() {
			m := diagLineRE.FindStringSubmatch(sc.Text())
			if m == nil || m[1] != base {
				continue
			}
			sev := "error"
			if m[4] != "" {
				sev = "warning"
			}
			expect = append(expect, fmt.Sprintf("%s:%s: %s: %s", m[2], m[3], sev, m[5]))
		}
		n++
		total += len(expect)
		cfg := epp.NewConfig().WithIncludeDirs(incs...).WithLibDirs("/usr/lib/erlang/lib")
		r := CheckSource(cfg, path, []byte(src), Options{}, false)
		var got []string
		for _, d := range r.ErlcPositions() {
			if d.File != path {
				continue // erlc's lines for headers are left out above too
			}
			msg, _, _ := strings.Cut(d.Message, "\n")
			got = append(got, fmt.Sprintf("%d:%d: %s: %s", d.Pos.Line, d.Pos.Col, d.Severity, msg))
		}
		missing, extra := diffMultiset(expect, got)
		if len(missing)+len(extra) > 0 {
			bad++
			sort.Strings(extra)
			t.Errorf("%s (mutant %d, line %d: %q):\n missing %v\n extra %v", base, n, i+1, lines[i], missing, extra)
		}
	}
	t.Logf("%d mutants, %d erlc diagnostics, %d differ", n, total, bad)
}

// expandBraces expands one {a,b} group of a glob pattern.
func expandBraces(p string) []string {
	i := strings.Index(p, "{")
	j := strings.Index(p, "}")
	if i < 0 || j < i {
		return []string{p}
	}
	var out []string
	for _, alt := range strings.Split(p[i+1:j], ",") {
		out = append(out, p[:i]+alt+p[j+1:])
	}
	return out
}
