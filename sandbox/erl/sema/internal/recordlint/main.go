// Command recordlint writes real erlc's diagnostics into the inline
// annotations of package sema's test corpus (see package chunk for the
// format), or with -check reports where the annotations and erlc disagree.
//
//	go run ./sandbox/erl/sema/internal/recordlint [-check] [FILE.erl...]
//
// Without FILE arguments it processes sandbox/erl/sema/testdata/*.erl. It
// runs "erlc -W +basic_validation", which stops after erl_lint, so the
// annotations hold exactly the linter's errors and warnings and none of the
// optimisation passes' warnings, which package sema does not emulate. It
// needs erlc (OTP 25) on PATH; the tests themselves do not.
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/otpbox/otpbox/sandbox/erl/sema/internal/chunk"
)

func main() {
	check := flag.Bool("check", false, "report disagreements instead of rewriting the files")
	flag.Parse()
	files := flag.Args()
	if len(files) == 0 {
		var err error
		files, err = filepath.Glob("sandbox/erl/sema/testdata/*.erl")
		if err != nil || len(files) == 0 {
			fmt.Fprintln(os.Stderr, "recordlint: no corpus files; run from the repository root or name the files")
			os.Exit(2)
		}
	}
	bad := false
	for _, f := range files {
		ok, err := process(f, *check)
		if err != nil {
			slog.Error("recordlint", "file", f, "err", err)
			os.Exit(1)
		}
		bad = bad || !ok
	}
	if bad {
		os.Exit(1)
	}
}

// process records (or checks) one corpus file; ok is false when -check
// found a difference.
func process(path string, check bool) (ok bool, err error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return false, fmt.Errorf("reading corpus: %w", err)
	}
	chunks, err := chunk.Split(string(data))
	if err != nil {
		return false, fmt.Errorf("%s: %w", path, err)
	}
	got := map[int][]chunk.Expect{}
	ok = true
	for _, c := range chunks {
		if c.Module == "" {
			// erlc's "no module definition" case: any file name will do.
			c.Module = fmt.Sprintf("nomodule_%d", c.Line)
		}
		diags, err := erlc(c)
		if err != nil {
			return false, fmt.Errorf("%s:%d: %w", path, c.Line, err)
		}
		for _, d := range diags {
			got[d.Line] = append(got[d.Line], d)
		}
		if check && fmt.Sprint(diags) != fmt.Sprint(c.Expects) {
			ok = false
			fmt.Printf("%s: module %s:\n  erlc:     %v\n  recorded: %v\n", path, c.Module, diags, c.Expects)
		}
	}
	if check {
		return ok, nil
	}
	lines := strings.Split(string(data), "\n")
	for i, l := range lines {
		code, _, _ := strings.Cut(l, chunk.Marker)
		if strings.HasPrefix(l, chunk.Separator) {
			code = l
		}
		code = strings.TrimRight(code, " \t")
		for _, d := range got[i+1] {
			code += fmt.Sprintf(" %s %d: %s: %s", chunk.Marker, d.Col, d.Severity, d.Message)
		}
		lines[i] = code
	}
	return true, os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644)
}

var diagRE = regexp.MustCompile(`^([^:]+):(\d+):(\d+): (Warning: )?(.*)$`)

// erlc compiles one chunk as MODULE.erl in a scratch directory and returns
// the diagnostics erlc printed for that file, in erlc's order.
func erlc(c chunk.Chunk) ([]chunk.Expect, error) {
	dir, err := os.MkdirTemp("", "recordlint")
	if err != nil {
		return nil, fmt.Errorf("scratch directory: %w", err)
	}
	defer os.RemoveAll(dir)
	name := c.Module + ".erl"
	if err := os.WriteFile(filepath.Join(dir, name), []byte(c.Src), 0o644); err != nil {
		return nil, fmt.Errorf("writing chunk: %w", err)
	}
	cmd := exec.Command("erlc", "-W", "+basic_validation", name)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		return nil, fmt.Errorf("running erlc: %w", err)
	}
	var diags []chunk.Expect
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		m := diagRE.FindStringSubmatch(sc.Text())
		if m == nil || m[1] != name {
			continue
		}
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		sev := "error"
		if m[4] != "" {
			sev = "warning"
		}
		diags = append(diags, chunk.Expect{Line: line, Col: col, Severity: sev, Message: m[5]})
	}
	sort.SliceStable(diags, func(i, j int) bool {
		if diags[i].Line != diags[j].Line {
			return diags[i].Line < diags[j].Line
		}
		return diags[i].Col < diags[j].Col
	})
	return diags, nil
}
