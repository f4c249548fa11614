package lsp

import (
	"strings"
	"testing"
)

func TestPositionConversion(t *testing.T) {
	// "a😀é" then a CRLF line: 😀 is 4 bytes, 2 UTF-16 units, 1 code
	// point; é is 2 bytes and 1 unit in both other encodings.
	d := newDocument("file:///x.erl", "/x.erl", 1, "a😀é\r\nb\n")
	for _, tc := range []struct {
		enc  string
		char uint32
		off  int
	}{
		{encUTF16, 1, 1}, {encUTF16, 3, 5}, {encUTF16, 4, 7},
		{encUTF8, 1, 1}, {encUTF8, 5, 5}, {encUTF8, 7, 7},
		{encUTF32, 1, 1}, {encUTF32, 2, 5}, {encUTF32, 3, 7},
	} {
		off, err := d.Offset(Position{Line: 0, Character: tc.char}, tc.enc)
		if err != nil || off != tc.off {
			t.Errorf("%s: Offset(0:%d) = %d, %v; want %d", tc.enc, tc.char, off, err, tc.off)
		}
		if p := d.Position(tc.off, tc.enc); p != (Position{0, tc.char}) {
			t.Errorf("%s: Position(%d) = %+v, want 0:%d", tc.enc, tc.off, p, tc.char)
		}
	}
	// Inside the surrogate pair: the start of the character.
	if off, _ := d.Offset(Position{0, 2}, encUTF16); off != 1 {
		t.Errorf("inside a surrogate pair: offset %d, want 1", off)
	}
	// Past the end of a line: its end, before the CRLF.
	if off, _ := d.Offset(Position{0, 99}, encUTF16); off != 7 {
		t.Errorf("past the line end: offset %d, want 7", off)
	}
	if off, _ := d.Offset(Position{1, 0}, encUTF16); off != 9 {
		t.Errorf("line 1: offset %d, want 9", off)
	}
	// The line after the last one, character 0, is the end of the text.
	if off, err := d.Offset(Position{2, 0}, encUTF16); err != nil || off != len(d.Text) {
		t.Errorf("end of text: %d, %v", off, err)
	}
	if _, err := d.Offset(Position{7, 0}, encUTF16); err == nil || !strings.Contains(err.Error(), "out of range") {
		t.Errorf("line 7: got %v, want an out-of-range error", err)
	}
}

func TestApplyIncrementalChanges(t *testing.T) {
	d := newDocument("file:///x.erl", "/x.erl", 1, "f() ->\n    '😀'.\n")
	// Two changes in one notification: the second is in the text the first
	// produced.
	nd, err := d.apply(2, []TextDocumentContentChangeEvent{
		{Range: &Range{Start: Position{1, 5}, End: Position{1, 7}}, Text: "ok"},
		{Range: &Range{Start: Position{0, 0}, End: Position{0, 1}}, Text: "g"},
		{Range: &Range{Start: Position{2, 0}, End: Position{2, 0}}, Text: "%% end\n"},
	}, encUTF16)
	if err != nil {
		t.Fatal(err)
	}
	if want := "g() ->\n    'ok'.\n%% end\n"; nd.Text != want || nd.Version != 2 {
		t.Errorf("got %q v%d, want %q v2", nd.Text, nd.Version, want)
	}
	if d.Text != "f() ->\n    '😀'.\n" {
		t.Error("apply modified the old snapshot")
	}
	full, err := nd.apply(3, []TextDocumentContentChangeEvent{{Text: "x"}}, encUTF16)
	if err != nil || full.Text != "x" || len(full.lines) != 1 {
		t.Errorf("full change: %q, %v", full.Text, err)
	}
	if _, err := d.apply(2, []TextDocumentContentChangeEvent{{Range: &Range{Start: Position{9, 0}, End: Position{9, 1}}}}, encUTF16); err == nil {
		t.Error("a change past the end was accepted")
	}
	if _, err := d.apply(2, []TextDocumentContentChangeEvent{{Range: &Range{Start: Position{1, 2}, End: Position{0, 1}}}}, encUTF16); err == nil {
		t.Error("a reversed range was accepted")
	}
}

func TestURIRoundTrip(t *testing.T) {
	for _, p := range []string{"/tmp/a b/c.erl", "/tmp/ünï/x.hrl"} {
		if got := uriToPath(pathToURI(p)); got != p {
			t.Errorf("%q -> %q -> %q", p, pathToURI(p), got)
		}
	}
	if got := uriToPath("untitled:Untitled-1"); got != "untitled:Untitled-1" {
		t.Errorf("untitled URI: %q", got)
	}
}
