// Command otpbox is the one binary of the otpbox editor backend: the language
// server, the debug adapter, the platform server and the command-line tools
// that check, run and test Erlang code in a sandbox.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
)

// env is what a subcommand may touch of the outside world. Passing it in,
// rather than reaching for os.Stdout and friends, keeps every subcommand
// testable in-process.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
	log    *slog.Logger
}

// command is one subcommand. run receives the arguments after the
// subcommand's name and returns the process exit status.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, e *env, args []string) int
}

// commands lists every subcommand. Each lives in its own file.
func commands() []command {
	cmds := []command{
		{"version", "print the version", runVersion},
		{"check", "check Erlang sources: syntax and erl_lint's diagnostics", runCheck},
		{"bench", "load-test a running server (bench collab: live editing, idle websockets)", runBench},
		{"serve", "run the platform server (REST API, collaboration websockets)", runServe},
		{"lsp", "run the Erlang language server on stdin/stdout", runLsp},
		{"run", "compile Erlang files into a sandbox and call MOD:FUN()", runRun},
		{"test", "run the EUnit tests of Erlang files in a sandbox", runTest},
		{"dap", "run the Erlang debug adapter on stdin/stdout", runDap},
	}
	sort.Slice(cmds, func(i, j int) bool { return cmds[i].name < cmds[j].name })
	return cmds
}

// version is set by the linker in release builds.
var version = "devel"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	e := &env{
		stdin:  os.Stdin,
		stdout: os.Stdout,
		stderr: os.Stderr,
		getenv: os.Getenv,
		// Logs go to stderr: stdout carries program output or a protocol
		// stream (LSP, DAP) and must never mix with logs.
		log: slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: logLevel(os.Getenv("OTPBOX_LOG"))})),
	}
	os.Exit(dispatch(ctx, e, os.Args[1:]))
}

func logLevel(s string) slog.Level {
	var l slog.Level
	if err := l.UnmarshalText([]byte(s)); err != nil {
		return slog.LevelWarn
	}
	return l
}

// dispatch runs the subcommand named by args[0].
func dispatch(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 {
		usage(e.stderr)
		return 2
	}
	name := args[0]
	switch name {
	case "-h", "-help", "--help", "help":
		usage(e.stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name == name {
			return c.run(ctx, e, args[1:])
		}
	}
	fmt.Fprintf(e.stderr, "otpbox: unknown command %q\n\n", name)
	usage(e.stderr)
	return 2
}

func usage(w io.Writer) {
	var b strings.Builder
	b.WriteString("otpbox is an editor backend for learning and building with Erlang/OTP.\n\n")
	b.WriteString("Usage:\n\n\totpbox <command> [arguments]\n\nCommands:\n\n")
	for _, c := range commands() {
		fmt.Fprintf(&b, "\t%-10s %s\n", c.name, c.summary)
	}
	b.WriteString("\nRun 'otpbox <command> --help' for a command's flags.\n")
	io.WriteString(w, b.String())
}

// newFlagSet returns a flag set that reports errors instead of exiting, with
// a usage message that names the command.
func newFlagSet(e *env, name, synopsis, description string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: otpbox %s %s\n\n%s\n", name, synopsis, description)
		var hasFlags bool
		fs.VisitAll(func(*flag.Flag) { hasFlags = true })
		if hasFlags {
			fmt.Fprintf(fs.Output(), "\nFlags:\n")
			fs.PrintDefaults()
		}
	}
	return fs
}

// parseFlags parses args into fs. It returns ok=false with the exit status
// to use when parsing ended the command: 0 for --help, 2 for a bad flag.
func parseFlags(fs *flag.FlagSet, args []string) (status int, ok bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0, false
		}
		return 2, false
	}
	return 0, true
}

// stringList is a repeatable string flag, such as -I DIR.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

// envOr returns the environment variable key, or def when it is unset. Flags
// use it for their defaults so that every flag has an environment fallback.
func envOr(e *env, key, def string) string {
	if v := e.getenv(key); v != "" {
		return v
	}
	return def
}

func runVersion(_ context.Context, e *env, args []string) int {
	fs := newFlagSet(e, "version", "", "Print the version of otpbox.")
	if st, ok := parseFlags(fs, args); !ok {
		return st
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "otpbox version: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	fmt.Fprintf(e.stdout, "otpbox %s\n", version)
	return 0
}

func discardLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }
