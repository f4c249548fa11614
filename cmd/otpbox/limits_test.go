package main

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// runCLIEnv is runCLI with environment variables.
func runCLIEnv(t *testing.T, vars map[string]string, args ...string) (status int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(k string) string { return vars[k] }, log: discardLogger()}
	status = dispatch(context.Background(), e, args)
	return status, out.String(), errb.String()
}

// TestRunLimitFlags: --max-atoms and --max-module-size reach the
// sandbox, and a module they refuse is a compile error naming the limit
// (status 1), not a stopped sandbox; list_to_atom past --max-atoms
// raises system_limit, which the program catches. Both modes.
func TestRunLimitFlags(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	hello := "-module(hello).\n-export([main/0]).\nmain() -> io:format(\"hi~n\").\n"
	writeFile(t, dir, "hello.erl", hello)
	var many strings.Builder
	many.WriteString("-module(many).\n-export([main/0]).\nmain() -> [\n")
	for i := 0; i < 5000; i++ {
		fmt.Fprintf(&many, "  zz_atom_%d,\n", i)
	}
	many.WriteString("  zz_last].\n")
	writeFile(t, dir, "many.erl", many.String())
	writeFile(t, dir, "bomb.erl", `-module(bomb).
-export([main/0]).
main() -> io:format("~p~n", [bomb(0)]).
bomb(N) ->
    try list_to_atom("bomb_" ++ integer_to_list(N)) of
        _ -> bomb(N + 1)
    catch error:system_limit -> caught
    end.
`)
	for _, iso := range isolations {
		t.Run(iso, func(t *testing.T) {
			needGuest(t, iso)
			for _, c := range []struct {
				args   []string
				status int
				stdout string
				stderr *regexp.Regexp
			}{
				{[]string{"--max-module-size", "16", "hello.erl"}, 1, "",
					regexp.MustCompile(fmt.Sprintf(`^hello\.erl:1:1: error: module size limit \(16 bytes\) exceeded: the source is %d bytes\n$`, len(hello)))},
				{[]string{"--max-atoms", "3000", "many.erl"}, 1, "",
					regexp.MustCompile(`^many\.erl:\d+:3: error: atom 'zz_atom_\d+' does not fit in the atom table: atom count limit \(3000\) exceeded\n$`)},
				{[]string{"--max-atoms", "3000", "bomb.erl"}, 0, "caught\n", regexp.MustCompile(`^$`)},
				{[]string{"--max-atoms", "3000", "--max-module-size", "1KiB", "hello.erl"}, 0, "hi\n", regexp.MustCompile(`^$`)},
			} {
				st, out, errOut := runCLI(t, append([]string{"run", "--isolation", iso}, c.args...)...)
				if st != c.status || out != c.stdout || !c.stderr.MatchString(errOut) {
					t.Errorf("otpbox run %s: status %d, stdout %q, stderr %q; want %d, %q, stderr matching %s",
						strings.Join(c.args, " "), st, out, errOut, c.status, c.stdout, c.stderr)
				}
			}
		})
	}
}

// TestLimitUsageErrors: a limit that does not parse, from a flag or from
// the environment variable that sets its default, is a usage error whose
// message names the flag or the variable; nothing is silently replaced
// by a default.
func TestLimitUsageErrors(t *testing.T) {
	dir := t.TempDir()
	hello := writeFile(t, dir, "hello.erl", "-module(hello).\n-export([main/0]).\nmain() -> ok.\n")
	for _, c := range []struct {
		vars map[string]string
		args []string
		want string
	}{
		{nil, []string{"--max-atoms", "0"}, "--max-atoms 0: want at least 1"},
		{nil, []string{"--max-atoms", "many"}, "-max-atoms"},
		{nil, []string{"--max-module-size", "big"}, `--max-module-size: size "big"`},
		{nil, []string{"--max-module-size", "0"}, "--max-module-size"},
		{nil, []string{"--timeout", "soon"}, "-timeout"},
		{nil, []string{"--memory", "1XB"}, `--memory: size "1XB"`},
		{map[string]string{"OTPBOX_TIMEOUT": "forever"}, nil, `$OTPBOX_TIMEOUT "forever" (the default of --timeout)`},
		{map[string]string{"OTPBOX_MAX_PROCESSES": "lots"}, nil, `$OTPBOX_MAX_PROCESSES "lots" (the default of --max-processes)`},
		{map[string]string{"OTPBOX_MAX_ATOMS": "1e6"}, nil, `$OTPBOX_MAX_ATOMS "1e6" (the default of --max-atoms)`},
		{map[string]string{"OTPBOX_MAX_MODULE_SIZE": "huge"}, nil, `--max-module-size: size "huge"`},
	} {
		for _, cmd := range []string{"run", "test"} {
			args := append(append([]string{cmd, "--isolation", "native"}, c.args...), hello)
			st, _, errOut := runCLIEnv(t, c.vars, args...)
			if st != 2 || !strings.Contains(errOut, c.want) {
				t.Errorf("%v otpbox %s: status %d, stderr %q; want 2 and %q", c.vars, strings.Join(args[1:], " "), st, errOut, c.want)
			}
		}
	}
}
