package syntax

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// listsSource reads OTP's lists.erl, a large real module, or skips.
func listsSource(b *testing.B) []byte {
	b.Helper()
	files, _ := filepath.Glob("/usr/lib/erlang/lib/stdlib-*/src/lists.erl")
	if len(files) == 0 {
		b.Skip("OTP sources (erlang-src) not installed: no lists.erl")
	}
	src, err := os.ReadFile(files[0])
	if err != nil {
		b.Fatalf("reading lists.erl: %v", err)
	}
	return src
}

func BenchmarkScan(b *testing.B) {
	src := listsSource(b)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		Scan("lists.erl", src, 0)
	}
}

// BenchmarkScanReuse is BenchmarkScan into a reused token buffer, as
// epp.Reparser scans: the scanner's own cost, without allocating and
// clearing the buffer.
func BenchmarkScanReuse(b *testing.B) {
	src := listsSource(b)
	b.SetBytes(int64(len(src)))
	var toks []Token
	for b.Loop() {
		toks, _ = ScanAppend(toks[:0], &Texts{}, "lists.erl", src, 0)
	}
}

// BenchmarkParse scans and parses lists.erl without preprocessing (its few
// macro uses give a handful of errors, which cost nothing extra).
func BenchmarkParse(b *testing.B) {
	src := listsSource(b)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		ParseFile("lists.erl", src)
	}
}

// synthModule builds a module of about n lines with varied constructs.
func synthModule(n int) []byte {
	var sb strings.Builder
	sb.WriteString("-module(synth).\n-export([f0/2]).\n-record(st, {a = 0 :: integer(), b = [] :: list()}).\n")
	for i := 0; sb.Len() == 0 || strings.Count(sb.String(), "\n") < n; i++ {
		fmt.Fprintf(&sb, `%%%% f%d does things.
-spec f%d(term(), #st{}) -> {ok, term()} | error.
f%d(X, #st{a = A} = S) when is_integer(X), X > %d ->
    Y = [E * 2 || E <- lists:seq(1, X), E rem 2 =:= 0],
    case maps:get(key, #{key => Y, other => <<X:8, "bin"/binary>>}, none) of
        none -> error;
        [H | _] -> {ok, S#st{a = A + H, b = Y}}
    end;
f%d(_, S) ->
    try S#st.b of [] -> error; L -> {ok, lists:reverse(L)} catch _:_ -> error end.
`, i, i, i, i, i)
	}
	return []byte(sb.String())
}

// BenchmarkReparse10k is the language server's case: the user edits one
// 10,000-line module and it is scanned and parsed again, with a Reparser
// kept per document.
func BenchmarkReparse10k(b *testing.B) {
	src := synthModule(10000)
	if _, errs := ParseFile("synth.erl", src); len(errs) > 0 {
		b.Fatalf("synthetic module has errors: %v", errs[0])
	}
	b.SetBytes(int64(len(src)))
	var r Reparser
	for b.Loop() {
		r.ParseFile("synth.erl", src)
	}
}

// BenchmarkParse10kFresh parses the same module with no buffer reuse.
func BenchmarkParse10kFresh(b *testing.B) {
	src := synthModule(10000)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		ParseFile("synth.erl", src)
	}
}

// BenchmarkParseStdlib scans and parses every .erl file of OTP's stdlib
// without preprocessing (macro uses become syntax errors, which the
// parser recovers from), the parser's share of preprocessing and parsing
// the whole of stdlib.
func BenchmarkParseStdlib(b *testing.B) {
	files, _ := filepath.Glob("/usr/lib/erlang/lib/stdlib-*/src/*.erl")
	if len(files) == 0 {
		b.Skip("OTP sources (erlang-src) not installed")
	}
	var srcs [][]byte
	size := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatalf("reading %s: %v", f, err)
		}
		srcs = append(srcs, src)
		size += len(src)
	}
	b.SetBytes(int64(size))
	var r Reparser // one token buffer for all files, as a batch checker would
	for b.Loop() {
		for i, src := range srcs {
			r.ParseFile(files[i], src)
		}
	}
}
