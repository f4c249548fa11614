package format

import (
	"strings"
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/term"
)

// The exported writers, on values whose OTP 25 output is in the goldens.
func TestWriters(t *testing.T) {
	a := term.MakeAtom
	nums := term.MakeList(term.MakeInt(1), term.MakeInt(2), term.MakeInt(3))
	for _, c := range []struct{ got, want string }{
		{WriteAtom("hello world", Latin1), "'hello world'"},
		{WriteAtom("case", Latin1), "'case'"},
		{WriteAtom("maybe", Latin1), "maybe"},
		{WriteAtom("é", Latin1), "é"},
		{WriteAtom("\u20ac", Latin1), `'\x{20AC}'`},
		{WriteAtom("\u20ac", Unicode), "'\u20ac'"},
		{WriteString([]rune("q\"x\n\x01é")), `"q\"x\n\001é"`},
		{Write(term.MakeTuple(a("a"), term.MakeString("b"), nums), -1, Latin1), "{a,[98],[1,2,3]}"},
		{Write(term.MakeTuple(a("a"), term.MakeString("b"), nums), 3, Latin1), "{a,[...],...}"},
		{Write(term.MakeBits([]byte{0xA0}, 3), -1, Latin1), "<<5:3>>"},
		{Print(term.MakeString("abc"), 1, 80, -1, Latin1, true), `"abc"`},
		{Print(term.MakeString("abc"), 1, 80, -1, Latin1, false), "[97,98,99]"},
		{FloatToList(3.14159265), "3.14159265000000020862e+00"},
	} {
		if c.got != c.want {
			t.Errorf("got %s, want %s", c.got, c.want)
		}
	}
}

// TestPrintColumns checks that Print breaks at the line length it is given
// and indents continuation lines to its start column.
func TestPrintColumns(t *testing.T) {
	var elems []Term
	for i := 0; i < 30; i++ {
		elems = append(elems, term.MakeAtom("element"))
	}
	l := term.MakeList(elems...)
	out := Print(l, 11, 40, -1, Latin1, true)
	lines := strings.Split(out, "\n")
	if len(lines) < 5 {
		t.Fatalf("Print at line length 40 gave %d lines:\n%s", len(lines), out)
	}
	for i, line := range lines {
		if i > 0 && !strings.HasPrefix(line, strings.Repeat(" ", 11)+"element") {
			t.Errorf("line %d is not indented to column 11: %q", i+1, line)
		}
		if 10+len(line) > 40 && i == 0 || len(line) > 40 {
			t.Errorf("line %d passes column 40: %q", i+1, line)
		}
	}
}

// TestOpaque checks the printed forms of pids, references and funs, which
// carry only numbers and names in package term.
func TestOpaque(t *testing.T) {
	ext := term.MakeFun(&term.Fun{Module: term.MakeAtom("lists"), Name: term.MakeAtom("reverse"), Arity: 1, External: true})
	quoted := term.MakeFun(&term.Fun{Module: term.MakeAtom("my mod"), Name: term.MakeAtom("f"), Arity: 0, External: true})
	local := term.MakeFun(&term.Fun{Module: term.MakeAtom("m"), Name: term.MakeAtom("-main/0-fun-0-"), Arity: 1, Index: 0, Uniq: 12345})
	got, err := Format("~w ~p ~w ~w ~w ~w", []Term{ext, ext, quoted, local, term.MakePid(80), term.MakeRef(7)})
	want := "fun lists:reverse/1 fun lists:reverse/1 fun 'my mod':f/0 #Fun<m.0.12345> <0.80.0> #Ref<0.0.0.7>"
	if err != nil || got != want {
		t.Errorf("got %q, %v\nwant %q", got, err, want)
	}
}
