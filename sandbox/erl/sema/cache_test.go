package sema

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/epp"
	"github.com/otpbox/otpbox/sandbox/erl/sema/internal/chunk"
)

// TestCacheSameDiagnostics checks every corpus module three ways: without
// a cache; with a cache warmed on the same module moved down by an edit
// above it (every function replayed and shifted); and again after that.
// All must give the same diagnostics.
func TestCacheSameDiagnostics(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.erl")
	cfg := epp.NewConfig()
	hits := 0
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		chunks, err := chunk.Split(string(data))
		if err != nil {
			t.Fatal(err)
		}
		for _, ch := range chunks {
			want := diagStrings(CheckSource(cfg, "m.erl", []byte(ch.Src), Options{}, false))
			cache := NewCache()
			moved := strings.Replace(ch.Src, "\n-export(", "\n%% an edit\n\n-export(", 1)
			CheckSource(cfg, "m.erl", []byte(moved), Options{Cache: cache}, false)
			before := cache.Hits
			got := diagStrings(CheckSource(cfg, "m.erl", []byte(ch.Src), Options{Cache: cache}, false))
			hits += cache.Hits - before
			if !slices.Equal(got, want) {
				t.Errorf("%s module %s: with the cache:\n%s\nwithout:\n%s", file, ch.Module, strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			again := diagStrings(CheckSource(cfg, "m.erl", []byte(ch.Src), Options{Cache: cache}, false))
			if !slices.Equal(again, want) {
				t.Errorf("%s module %s: third run differs:\n%s", file, ch.Module, strings.Join(again, "\n"))
			}
		}
	}
	if hits < 100 {
		t.Errorf("only %d functions were replayed from the cache", hits)
	}
}

// TestCacheSeesDependencies: a change outside a function that alters its
// diagnostics (a record's fields, an import, the set of functions) must
// not replay a stale result.
func TestCacheSeesDependencies(t *testing.T) {
	cfg := epp.NewConfig()
	cache := NewCache()
	run := func(src string) []string {
		t.Helper()
		got := diagStrings(CheckSource(cfg, "m.erl", []byte(src), Options{Cache: cache}, false))
		want := diagStrings(CheckSource(cfg, "m.erl", []byte(src), Options{}, false))
		if !slices.Equal(got, want) {
			t.Errorf("cached:\n%s\nuncached:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		return got
	}
	run("-module(m).\n-export([f/1]).\n-record(r, {a}).\nf(X) -> {X#r.a, g()}.\n")
	run("-module(m).\n-export([f/1]).\n-record(r, {b}).\nf(X) -> {X#r.a, g()}.\n")
	run("-module(m).\n-export([f/1]).\n-record(r, {b}).\nf(X) -> {X#r.a, g()}.\ng() -> ok.\n")
	run("-module(m).\n-export([f/1]).\n-compile({no_auto_import, [size/1]}).\n-record(r, {b}).\nf(X) -> {X#r.a, g(), size(X)}.\ng() -> ok.\n")
}
