package lsp

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Editing an open header re-checks the open modules that include it, from
// its unsaved text.
func TestHeaderEditRechecksIncluders(t *testing.T) {
	dir := t.TempDir()
	c := startServer(t, Options{})
	c.initialize(dir)
	mod, hdr := filepath.Join(dir, "src", "m.erl"), filepath.Join(dir, "include", "h.hrl")
	mu, hu := pathToURI(mod), pathToURI(hdr)
	hdrText := "-record(circle, {radius}).\n-define(UNUSED, 1).\n"
	writeTestFile(t, hdr, hdrText)
	modText := "-module(m).\n-export([f/1]).\n-include(\"../include/h.hrl\").\nf(#circle{radius = R}) -> R.\n"
	writeTestFile(t, mod, modText)

	c.notify(methodDidOpen, DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: mu, LanguageID: "erlang", Version: 1, Text: modText}})
	if ds := c.waitDiags(mu, 1); len(ds) != 0 {
		t.Fatalf("module on open: %s", formatDiags(ds))
	}
	c.notify(methodDidOpen, DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: hu, LanguageID: "erlang", Version: 1, Text: hdrText}})
	if ds := c.waitDiags(hu, 1); len(ds) != 0 {
		t.Fatalf("header on open, want no diagnostics (it is no module, its record is used elsewhere):\n%s", formatDiags(ds))
	}

	// Rename the record in the header, unsaved, and break its second line.
	c.notify(methodDidChange, DidChangeTextDocumentParams{
		TextDocument:   VersionedTextDocumentIdentifier{URI: hu, Version: 2},
		ContentChanges: []TextDocumentContentChangeEvent{{Text: "-record(square, {side}).\n-define(.\n"}},
	})
	ds := c.waitDiags(hu, 2)
	if len(ds) != 1 || ds[0].Severity != 1 || ds[0].Range.Start.Line != 1 {
		t.Errorf("header after the edit, want one error on line 2:\n%s", formatDiags(ds))
	}
	// The module is re-checked against the edited header.
	ds = c.waitDiags(mu, 1)
	var msgs []string
	for _, d := range ds {
		msgs = append(msgs, d.Message)
	}
	if !strings.Contains(strings.Join(msgs, "\n"), "record circle undefined") {
		t.Errorf("module after the header edit, want record circle undefined:\n%s", formatDiags(ds))
	}
}

func writeTestFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
