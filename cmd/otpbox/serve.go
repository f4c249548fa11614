package main

import (
	"context"
	"fmt"
	"net"
	"path/filepath"

	"github.com/otpbox/otpbox/server"
	"github.com/otpbox/otpbox/server/store"
)

func runServe(ctx context.Context, e *env, args []string) int {
	fs := newFlagSet(e, "serve", "[--addr HOST:PORT] [--db URL]",
		"Run the platform server: the REST API under /api/v1, live collaboration websockets,\n"+
			"/healthz, /readyz and /metrics. SIGINT or SIGTERM shuts it down gracefully.\n\n"+
			"If OTPBOX_ADMIN_TOKEN is set, a user \"admin\" (role admin) exists with that token.")
	addr := fs.String("addr", envOr(e, "OTPBOX_ADDR", "127.0.0.1:8080"), "`HOST:PORT` to listen on (env OTPBOX_ADDR)")
	db := fs.String("db", envOr(e, "OTPBOX_DB", ""),
		"database `URL`: sqlite:PATH or postgres://... (env OTPBOX_DB; default sqlite:$XDG_DATA_HOME/otpbox/otpbox.db)")
	if st, ok := parseFlags(fs, args); !ok {
		return st
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "otpbox serve: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	if *db == "" {
		p, err := defaultDBPath(e)
		if err != nil {
			fmt.Fprintf(e.stderr, "otpbox serve: %v; pass --db\n", err)
			return 1
		}
		*db = "sqlite:" + p
	}
	st, err := store.Open(ctx, *db)
	if err != nil {
		fmt.Fprintf(e.stderr, "otpbox serve: %v\n", err)
		return 1
	}
	defer st.Close()
	srv, err := server.New(ctx, server.Config{Store: st, Log: e.log, AdminToken: e.getenv("OTPBOX_ADMIN_TOKEN")})
	if err != nil {
		fmt.Fprintf(e.stderr, "otpbox serve: %v\n", err)
		return 1
	}
	l, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(e.stderr, "otpbox serve: %v\n", err)
		return 1
	}
	// The one line a user (and a test that asked for port 0) needs, on
	// stderr whatever the log level.
	fmt.Fprintf(e.stderr, "otpbox serve: listening on http://%s\n", l.Addr())
	if err := srv.Serve(ctx, l); err != nil {
		fmt.Fprintf(e.stderr, "otpbox serve: %v\n", err)
		return 1
	}
	return 0
}

// defaultDBPath is the SQLite file under the user data directory
// ($XDG_DATA_HOME, else ~/.local/share), as the XDG base directory spec
// has it.
func defaultDBPath(e *env) (string, error) {
	dir := e.getenv("XDG_DATA_HOME")
	if dir == "" {
		home := e.getenv("HOME")
		if home == "" {
			return "", fmt.Errorf("neither XDG_DATA_HOME nor HOME is set")
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "otpbox", "otpbox.db"), nil
}
