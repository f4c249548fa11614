package chunk

import (
	"strings"
	"testing"
)

func TestSplit(t *testing.T) {
	src := "-module(a).\nf() -> X. %### 8: error: variable 'X' is unbound\n%---\n-module('b c').\nf(Y) -> ok. %### 3: warning: variable 'Y' is unused %### 9: warning: second\n"
	chunks, err := Split(src)
	if err != nil {
		t.Fatal(err)
	}
	if len(chunks) != 2 || chunks[0].Module != "a" || chunks[1].Module != "b c" {
		t.Fatalf("chunks: %+v", chunks)
	}
	if got := chunks[0].Expects; len(got) != 1 || got[0].String() != "2:8: error: variable 'X' is unbound" {
		t.Errorf("first chunk's expectations: %v", got)
	}
	if got := chunks[1].Expects; len(got) != 2 || got[0].Line != 5 || got[1].Message != "second" {
		t.Errorf("second chunk's expectations: %v", got)
	}
	// Lines keep their numbers: the second chunk starts with blank lines,
	// and the annotations are gone from the source.
	if !strings.HasPrefix(chunks[1].Src, "\n\n\n-module('b c').\nf(Y) -> ok.\n") || strings.Contains(chunks[1].Src, Marker) {
		t.Errorf("second chunk's source: %q", chunks[1].Src)
	}
}

func TestSplitRejectsMalformedAnnotation(t *testing.T) {
	_, err := Split("-module(a).\nf() -> ok. %### oops\n")
	if err == nil || !strings.Contains(err.Error(), "line 2: malformed annotation") {
		t.Errorf("err = %v", err)
	}
}
