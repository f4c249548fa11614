package syntax

import (
	"strings"
	"testing"
)

// tokString renders tokens compactly: kind, or kind:text for classes.
func tokString(toks []Token, tx *Texts) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		switch t.Kind {
		case ATOM, VAR, STRING, INTEGER, FLOAT, CHAR, COMMENT, ILLEGAL, OTHER:
			b.WriteString(t.Kind.String() + ":" + tx.Text(&t))
		default:
			b.WriteString(t.Kind.String())
		}
	}
	return b.String()
}

func TestScanKinds(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"foo(X) -> ok.", "atom:foo ( var:X ) -> atom:ok dot EOF"},
		{"R#r.f", "var:R # atom:r . atom:f EOF"},
		{"1..10", "integer:1 .. integer:10 EOF"},
		{"[a|T] ++ B -- C", "[ atom:a | var:T ] ++ var:B -- var:C EOF"},
		{"=:= =/= =< >= == /= => := :: <- <= << >> || ?= ?? ! ...", "=:= =/= =< >= == /= => := :: <- <= << >> || ?= ?? ! ... EOF"},
		{"a.% c\nb.", "atom:a dot COMMENT:% c atom:b dot EOF"},
		{"maybe else", "atom:maybe atom:else EOF"},
		{"x@y _Z ÅÄÖ åäö", "atom:x@y var:_Z var:ÅÄÖ atom:åäö EOF"},
		{"1.e5", "integer:1 . atom:e5 EOF"},
		{"a @ b", "atom:a other:@ atom:b EOF"},
		{"1_", "integer:1 var:_ EOF"},
	} {
		toks, tx, errs := Scan("t.erl", []byte(tc.src), 0)
		if len(errs) > 0 {
			t.Errorf("Scan(%q): unexpected errors %v", tc.src, errs)
		}
		if got := tokString(toks, tx); got != tc.want {
			t.Errorf("Scan(%q)\n got %s\nwant %s", tc.src, got, tc.want)
		}
	}
}

func TestScanModes(t *testing.T) {
	toks, tx, _ := Scan("", []byte("maybe X ?= 1 else _ -> 2 end % c"), MaybeExpr|DropComments)
	want := "maybe var:X ?= integer:1 else var:_ -> integer:2 end EOF"
	if got := tokString(toks, tx); got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
}

func TestScanValues(t *testing.T) {
	toks, tx, errs := Scan("", []byte(`"a\x{41}\101\^A\n\s\d\e" 'q\'a' $\t $\x41 $a 16#fF 2#1_01 1_000 36#Zz 2.5e-3 1_0.2_5 $
`), 0)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if got, want := tx.Lit(&toks[0]), "aAA\x01\n \x7f\x1b"; got != want {
		t.Errorf("string = %q, want %q", got, want)
	}
	if got := tx.Lit(&toks[1]); got != "q'a" {
		t.Errorf("atom = %q", got)
	}
	ints := []int64{'\t', 0x41, 'a', 255, 5, 1000, 35*36 + 35}
	for i, want := range ints {
		got, _ := tx.Int(&toks[2+i])
		if toks[2+i].Kind == CHAR {
			got = int64(tx.Char(&toks[2+i]))
		}
		if got != want {
			t.Errorf("token %d (%s) = %d, want %d", 2+i, tx.Text(&toks[2+i]), got, want)
		}
	}
	if tx.Float(&toks[9]) != 0.0025 || tx.Float(&toks[10]) != 10.25 {
		t.Errorf("floats = %g, %g", tx.Float(&toks[9]), tx.Float(&toks[10]))
	}
	if toks[11].Kind != CHAR || tx.Char(&toks[11]) != '\n' {
		t.Errorf("$<newline> = %v", toks[11])
	}
	big, ok := ParseInteger("16#ffff_ffff_ffff_ffff_ff")
	if !ok || big.Text(16) != "ffffffffffffffffff" {
		t.Errorf("ParseInteger big = %v %v", big, ok)
	}
}

// Positions as erl_scan reports them: a tab counts one column, columns count
// code points, not bytes.
func TestScanPositions(t *testing.T) {
	toks, tx, _ := Scan("", []byte("\tfoo\tbar\n  'é' \"a\nb\" X"), 0)
	want := []Pos{{1, 1, 2}, {5, 1, 6}, {11, 2, 3}, {16, 2, 7}, {22, 3, 4}}
	for i, w := range want {
		if toks[i].Pos != w {
			t.Errorf("token %d %q at %+v, want %+v", i, tx.Text(&toks[i]), toks[i].Pos, w)
		}
	}
	if e := toks[2].End; e != (Pos{15, 2, 6}) {
		t.Errorf("end of 'é' = %+v", e)
	}
	if e := toks[3].End; e != (Pos{21, 3, 3}) {
		t.Errorf("end of multi-line string = %+v", e)
	}
}

// The messages and positions were checked against erlc (OTP 25).
func TestScanErrors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"f() ->\t\"abc\n", `t.erl:1:8: unterminated string starting with "abc\n"`},
		{"'ab", `t.erl:1:1: unterminated atom starting with 'ab'`},
		{"1.0e400", "t.erl:1:1: illegal float"},
		{"1.0e", "t.erl:1:1: illegal float"},
		{"10#", "t.erl:1:1: illegal integer"},
		{"37#1", "t.erl:1:1: illegal base '37'"},
		{"$", "t.erl:1:1: unterminated character"},
		{"a \u20ac", "t.erl:1:3: illegal character"},
		// erl_scan gives up the string at the bad escape and resumes after
		// it, so the closing quote opens a new string.
		{`"\x{110000}"`, "t.erl:1:2: illegal character|t.erl:1:12: unterminated string starting with \"\""},
	} {
		_, _, errs := Scan("t.erl", []byte(tc.src), 0)
		var got []string
		for _, e := range errs {
			got = append(got, e.Error())
		}
		if strings.Join(got, "|") != tc.want {
			t.Errorf("Scan(%q) errors = %v, want [%s]", tc.src, errs, tc.want)
		}
	}
}

func TestScanCommentPositions(t *testing.T) {
	toks, _, _ := Scan("", []byte("% é€\nfoo %x\xff\n"), 0)
	if c := toks[0]; c.Kind != COMMENT || c.End != (Pos{7, 1, 5}) {
		t.Errorf("comment %v ends at %+v, want 1:5 (byte 7)", c, c.End)
	}
	if a := toks[1]; a.Pos != (Pos{8, 2, 1}) {
		t.Errorf("atom at %+v", a.Pos)
	}
	// A byte of invalid UTF-8 is one (Latin-1) character.
	if c := toks[2]; c.End != (Pos{15, 2, 8}) {
		t.Errorf("second comment ends at %+v", c.End)
	}
}

func TestKeyword(t *testing.T) {
	for k := keywordBeg + 1; k < keywordEnd; k++ {
		if got := Keyword(k.String()); got != k {
			t.Errorf("Keyword(%q) = %v, want %v", k.String(), got, k)
		}
	}
	for _, name := range []string{"", "a", "an", "ands", "ender", "Case", "_", "ok", "xor_", "\xe9t\xe9"} {
		if got := Keyword(name); got != ATOM {
			t.Errorf("Keyword(%q) = %v, want ATOM", name, got)
		}
	}
}
