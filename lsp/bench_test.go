package lsp

import (
	"fmt"
	"log/slog"
	"path/filepath"
	"slices"
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
	var lat latencies
	for i := 0; i < b.N; i++ {
		start := time.Now()
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
		lat = append(lat, time.Since(start))
	}
	lat.report(b)
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
	var lat latencies
	for i := 0; i < b.N; i++ {
		start := time.Now()
		var h *Hover
		if err := c.call(methodHover, params, &h); err != nil || h == nil || !strings.Contains(h.Contents.Value, "big:f1001/1") {
			b.Fatalf("hover: %+v, %v", h, err)
		}
		lat = append(lat, time.Since(start))
	}
	lat.report(b)
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
	var lat latencies
	for i := 0; i < b.N; i++ {
		start := time.Now()
		var l CompletionList
		if err := c.call(methodCompletion, params, &l); err != nil || len(l.Items) < 1000 {
			b.Fatalf("completion: %d items, %v", len(l.Items), err)
		}
		lat = append(lat, time.Since(start))
	}
	lat.report(b)
}

// latencies collects each request's time, for percentiles: a mean hides
// the slow requests a user notices.
type latencies []time.Duration

// report adds p50 and p95 in milliseconds to the benchmark's output.
func (l latencies) report(b *testing.B) {
	if len(l) == 0 {
		return
	}
	slices.Sort(l)
	at := func(p int) float64 { return float64(l[min(len(l)-1, len(l)*p/100)].Microseconds()) / 1000 }
	b.ReportMetric(at(50), "p50-ms")
	b.ReportMetric(at(95), "p95-ms")
}

// benchDoc opens the 10,000-line module and waits for its check.
func benchDoc(b *testing.B) (*client, string, *Document) {
	c := startServer(b, Options{Debounce: time.Millisecond, StdlibCache: b.TempDir()})
	dir := b.TempDir()
	c.initialize(dir)
	uri := pathToURI(filepath.Join(dir, "big.erl"))
	text := tenKLines()
	c.notify(methodDidOpen, DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: uri, Version: 1, Text: text}})
	c.waitDiags(uri, 1)
	return c, uri, newDocument(uri, "", 1, text)
}

// BenchmarkReferences measures references to a function called once in
// the 10,000-line module, and highlight of a variable, over the protocol.
func BenchmarkReferences(b *testing.B) {
	c, uri, d := benchDoc(b)
	at := d.Position(strings.Index(d.Text, "f1001(Y)")+1, encUTF16)
	var p ReferenceParams
	p.TextDocument.URI, p.Position, p.Context.IncludeDeclaration = uri, at, true
	b.ResetTimer()
	var lat latencies
	for i := 0; i < b.N; i++ {
		start := time.Now()
		var got []Location
		if err := c.call(methodReferences, p, &got); err != nil || len(got) != 3 {
			b.Fatalf("references: %d, %v", len(got), err)
		}
		lat = append(lat, time.Since(start))
	}
	lat.report(b)
}

// BenchmarkSemanticTokens measures semanticTokens/full on the 10,000-line
// module, over the protocol.
func BenchmarkSemanticTokens(b *testing.B) {
	c, uri, _ := benchDoc(b)
	b.ResetTimer()
	var lat latencies
	for i := 0; i < b.N; i++ {
		start := time.Now()
		var got SemanticTokens
		if err := c.call(methodSemanticTokensFull, SemanticTokensParams{TextDocument: TextDocumentIdentifier{URI: uri}}, &got); err != nil || len(got.Data) < 5*50000 {
			b.Fatalf("semantic tokens: %d, %v", len(got.Data)/5, err)
		}
		lat = append(lat, time.Since(start))
	}
	lat.report(b)
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
