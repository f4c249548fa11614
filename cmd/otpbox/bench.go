package main

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/otpbox/otpbox/internal/collabload"
)

// runBench dispatches `otpbox bench TARGET`. collab is the only target so
// far; the table keeps room for more.
func runBench(ctx context.Context, e *env, args []string) int {
	if len(args) > 0 && args[0] == "collab" {
		return runBenchCollab(ctx, e, args[1:])
	}
	fs := newFlagSet(e, "bench", "collab [flags]",
		"Load-test a running otpbox server. Targets:\n\n"+
			"\tcollab   editors typing into one live session, or idle websockets held\n\n"+
			"Run 'otpbox bench collab --help' for its flags.")
	if st, ok := parseFlags(fs, args); !ok {
		return st
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(e.stderr, "otpbox bench: missing target (collab)")
	} else {
		fmt.Fprintf(e.stderr, "otpbox bench: unknown target %q (want collab)\n", fs.Arg(0))
	}
	fs.Usage()
	return 2
}

func runBenchCollab(ctx context.Context, e *env, args []string) int {
	fs := newFlagSet(e, "bench collab", "[--url URL] [--editors N --rate R --duration D | --idle K --hold D]",
		"Drive a running `otpbox serve` through its REST API and collaboration websocket.\n\n"+
			"Typing mode (default): N editors, members of a fresh session, type into one document\n"+
			"at R edits per second each for D, as ot.js clients; reports acknowledgement latency\n"+
			"(p50/p95/p99, from sending an op to its ack) and acknowledged ops per second, and fails\n"+
			"unless every editor converges to the server's text with one version per acked op.\n\n"+
			"Idle mode (--idle K): holds K websockets, each with a document open, for the hold time,\n"+
			"and reports memory per connection (the server's RSS with --server-pid).\n\n"+
			"Needs the server's admin token (OTPBOX_ADMIN_TOKEN) to create users and a session.")
	url := fs.String("url", envOr(e, "OTPBOX_URL", "http://127.0.0.1:8080"), "the server's base `URL` (env OTPBOX_URL)")
	token := fs.String("admin-token", e.getenv("OTPBOX_ADMIN_TOKEN"), "the server's admin `token` (env OTPBOX_ADMIN_TOKEN)")
	editors := fs.Int("editors", 20, "typing editors")
	rate := fs.Float64("rate", 10, "edits per second per editor")
	duration := fs.Duration("duration", 10*time.Second, "how long the editors type")
	idle := fs.Int("idle", 0, "hold `K` idle websockets instead of typing")
	hold := fs.Duration("hold", 10*time.Second, "how long idle websockets are held")
	pid := fs.Int("server-pid", 0, "the server's process id, to read its memory (same machine only)")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	if st, ok := parseFlags(fs, args); !ok {
		return st
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "otpbox bench collab: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	if *token == "" {
		fmt.Fprintln(e.stderr, "otpbox bench collab: no admin token: set OTPBOX_ADMIN_TOKEN or pass --admin-token")
		return 2
	}
	var res interface{ String() string }
	var err error
	if *idle > 0 {
		res, err = collabload.RunIdle(ctx, collabload.IdleConfig{
			URL: *url, AdminToken: *token, Conns: *idle, Hold: *hold, ServerPID: *pid, Log: e.log,
		})
	} else {
		res, err = collabload.RunEditors(ctx, collabload.EditorsConfig{
			URL: *url, AdminToken: *token, Editors: *editors, Rate: *rate, Duration: *duration, Log: e.log,
		})
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "otpbox bench collab: %v\n", err)
		return 1
	}
	if *asJSON {
		b, err := json.MarshalIndent(res, "", "  ")
		if err != nil {
			fmt.Fprintf(e.stderr, "otpbox bench collab: %v\n", err)
			return 1
		}
		fmt.Fprintf(e.stdout, "%s\n", b)
		return 0
	}
	fmt.Fprintln(e.stdout, res.String())
	return 0
}
