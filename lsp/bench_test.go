package lsp

import (
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/otpbox/otpbox/internal/testenv"
)

// tenKLines is a module of about 10,000 lines: 2,000 five-line functions.
func tenKLines() string {
	var b strings.Builder
	b.WriteString("-module(big).\n-export([f0/1]).\n")
	for i := 0; i < 2000; i++ {
		next := (i + 1) % 2000
		fmt.Fprintf(&b, "f%d(X) when is_integer(X) ->\n    Y = X * %d,\n    f%d(Y);\nf%d(_) ->\n    ok.\n", i, i, next, i)
	}
	return b.String()
}

// BenchmarkDiagnosticsAfterEdit measures, end to end over the protocol,
// the time from an incremental didChange on a 10,000-line module to its
// diagnostics arriving (debounce set to 1 ms; the default is 150 ms).
func BenchmarkDiagnosticsAfterEdit(b *testing.B) {
	c := startServer(b, Options{Debounce: time.Millisecond})
	dir := b.TempDir()
	c.initialize(dir)
	uri := pathToURI(filepath.Join(dir, "big.erl"))
	text := tenKLines()
	c.notify(methodDidOpen, DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: uri, Version: 1, Text: text}})
	if ds := c.waitDiags(uri, 1); len(ds) != 0 {
		b.Fatalf("diagnostics on the clean module: %+v", ds)
	}
	line := uint32(strings.Count(text[:strings.Index(text, "Y = X * 1000")], "\n"))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		v := int32(i + 2)
		// Alternate the multiplier's last digit, a one-character edit.
		c.notify(methodDidChange, DidChangeTextDocumentParams{
			TextDocument: VersionedTextDocumentIdentifier{URI: uri, Version: v},
			ContentChanges: []TextDocumentContentChangeEvent{{
				Range: &Range{Start: Position{line, 15}, End: Position{line, 16}},
				Text:  fmt.Sprint(i % 10),
			}},
		})
		c.waitDiags(uri, v)
	}
}

// BenchmarkHover measures a hover request on a call in a 10,000-line
// module, over the protocol, once the document has been checked.
func BenchmarkHover(b *testing.B) {
	c := startServer(b, Options{Debounce: time.Millisecond})
	dir := b.TempDir()
	c.initialize(dir)
	uri := pathToURI(filepath.Join(dir, "big.erl"))
	text := tenKLines()
	c.notify(methodDidOpen, DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: uri, Version: 1, Text: text}})
	c.waitDiags(uri, 1)
	call := strings.Index(text, "f1001(Y)")
	d := newDocument(uri, "", 1, text)
	params := TextDocumentPositionParams{TextDocument: TextDocumentIdentifier{URI: uri}, Position: d.Position(call+1, encUTF16)}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var h *Hover
		if err := c.call(methodHover, params, &h); err != nil || h == nil || !strings.Contains(h.Contents.Value, "big:f1001/1") {
			b.Fatalf("hover: %+v, %v", h, err)
		}
	}
}

// BenchmarkCompletion measures a completion request for local functions in
// a 10,000-line module (2,000 candidates before filtering), over the
// protocol, once the document has been checked.
func BenchmarkCompletion(b *testing.B) {
	c := startServer(b, Options{Debounce: time.Millisecond})
	dir := b.TempDir()
	c.initialize(dir)
	uri := pathToURI(filepath.Join(dir, "big.erl"))
	text := tenKLines()
	c.notify(methodDidOpen, DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: uri, Version: 1, Text: text}})
	c.waitDiags(uri, 1)
	d := newDocument(uri, "", 1, text)
	// Just after "f1" in the call "f1001(Y)".
	params := TextDocumentPositionParams{TextDocument: TextDocumentIdentifier{URI: uri}, Position: d.Position(strings.Index(text, "f1001(Y)")+2, encUTF16)}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var l CompletionList
		if err := c.call(methodCompletion, params, &l); err != nil || len(l.Items) < 1000 {
			b.Fatalf("completion: %d items, %v", len(l.Items), err)
		}
	}
}

// BenchmarkIndexOTP indexes OTP's stdlib and kernel sources (183 modules)
// as a workspace: what the server does after initialized on such a tree.
func BenchmarkIndexOTP(b *testing.B) {
	roots, _ := filepath.Glob("/usr/lib/erlang/lib/stdlib-*/src")
	kernel, _ := filepath.Glob("/usr/lib/erlang/lib/kernel-*/src")
	roots = append(roots, kernel...)
	if len(roots) != 2 {
		testenv.Missing(b, "OTP's stdlib and kernel sources (Debian's erlang-src) under /usr/lib/erlang/lib")
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		ws := newWorkspace(slog.New(slog.DiscardHandler), "/usr/lib/erlang/lib", b.TempDir(), newStore())
		ws.setRoots(roots)
		ws.scan()
		if n := len(ws.index.Modules()); n < 180 {
			b.Fatalf("indexed %d modules, want at least 180", n)
		}
	}
}
