package lsp

import "testing"

// A string over two lines becomes two tokens, one per line, and a range
// request keeps only the tokens on its lines.
func TestSemanticTokensSplitAndRange(t *testing.T) {
	doc := newDocument("file:///x.erl", "/x.erl", 1, "f() -> \"ab\ncd\", X.\ng() -> 1.\n")
	toks := classify(doc.Text)
	all := encodeTokens(doc, toks, encUTF16, 0, 10)
	// Absolute (line, char, length, type) of each token.
	type tok struct{ line, char, n, typ uint32 }
	decode := func(data []uint32) []tok {
		var out []tok
		var line, char uint32
		for i := 0; i+4 < len(data); i += 5 {
			if data[i] > 0 {
				char = 0
			}
			line += data[i]
			char += data[i+1]
			out = append(out, tok{line, char, data[i+2], data[i+3]})
		}
		return out
	}
	got := decode(all)
	var strs []tok
	for _, x := range got {
		if x.typ == semString {
			strs = append(strs, x)
		}
	}
	if len(strs) != 2 || strs[0] != (tok{0, 7, 3, semString}) || strs[1] != (tok{1, 0, 3, semString}) {
		t.Errorf("string tokens %+v, want (0,7,3) and (1,0,3)", strs)
	}
	for _, x := range decode(encodeTokens(doc, toks, encUTF16, 2, 2)) {
		if x.line != 2 {
			t.Errorf("range 2-2 returned a token on line %d", x.line)
		}
	}
	if n := len(decode(encodeTokens(doc, toks, encUTF16, 2, 2))); n == 0 {
		t.Error("range 2-2 returned no tokens")
	}
}

// Every name in bifNames is an auto-imported BIF at some arity.
func TestBIFNames(t *testing.T) {
	got := map[string]bool{}
	for _, fa := range autoImportedBIFs(nil) {
		got[fa.Name] = true
	}
	for _, n := range bifNames {
		if !got[n] {
			t.Errorf("%s is not auto-imported at arity 0..4", n)
		}
	}
}
