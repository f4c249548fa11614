package format

import (
	"errors"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestCases runs every {Format, Args} of testdata/cases.txt and compares
// with what real Erlang/OTP 25 returned (testdata/cases.golden, recorded by
// testdata/record.sh).
func TestCases(t *testing.T) {
	src, err := os.ReadFile("testdata/cases.golden")
	if err != nil {
		t.Fatal(err)
	}
	cases, err := readTerms(string(src))
	if err != nil {
		t.Fatalf("cases.golden: %v", err)
	}
	if len(cases) < 150 {
		t.Fatalf("only %d cases", len(cases))
	}
	for i, c := range cases {
		tup := c.(Tuple)
		fmtRunes, ok := termRunes(tup[0])
		if !ok {
			t.Fatalf("case %d: format is not a string", i+1)
		}
		var args []Term
		for a := tup[1]; kindOf(a) == KCons; {
			var h Term
			h, a = cons(a)
			args = append(args, h)
		}
		got, err := Format(string(fmtRunes), args)
		name := strconv.Itoa(i+1) + ":" + strconv.Quote(string(fmtRunes))
		if kindOf(tup[2]) == KAtom { // badarg
			if !errors.Is(err, ErrBadArg) {
				t.Errorf("%s: got %q, %v; want badarg", name, got, err)
			}
			continue
		}
		want, _ := termRunes(tup[2].(Tuple)[1])
		if err != nil {
			t.Errorf("%s: %v; want\n%s", name, err, string(want))
			continue
		}
		if got != string(want) {
			t.Errorf("%s:\ngot\n%s\nwant\n%s", name, got, string(want))
		}
	}
}

// TestFloats compares float printing with real Erlang on 2,000 floats:
// ~w (shortest round trip), float_to_list/1, ~.3f, ~.4e and ~g.
func TestFloats(t *testing.T) {
	src, err := os.ReadFile("testdata/floats.golden")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(src)), "\n")
	if len(lines) != 2000 {
		t.Fatalf("%d lines in floats.golden, want 2000", len(lines))
	}
	bad := 0
	for _, line := range lines {
		fs := strings.Fields(line)
		bitsV, err := strconv.ParseUint(fs[0], 16, 64)
		if err != nil {
			t.Fatal(err)
		}
		f := math.Float64frombits(bitsV)
		got := []string{ShortFloat(f), FloatToList(f), fixedFloat(f, 3), expFloat(f, 4), generalFloat(f, 6)}
		for k, g := range got {
			if g != fs[k+1] && bad < 20 {
				bad++
				t.Errorf("%s (%v) column %d: got %s, want %s", fs[0], f, k+1, g, fs[k+1])
			}
		}
	}
}

func TestShortFloatExamples(t *testing.T) {
	for f, want := range map[float64]string{
		1.0: "1.0", 0.1: "0.1", 1e10: "1.0e10", 1e-5: "1.0e-5", 123456789012345680.0: "1.2345678901234568e17",
		100.0: "100.0", 1e5: "1.0e5", 0.0001: "0.0001", math.Copysign(0, -1): "-0.0", 5e-324: "5.0e-324",
	} {
		if got := ShortFloat(f); got != want {
			t.Errorf("ShortFloat(%v) = %s, want %s", f, got, want)
		}
	}
}

func TestBadArgMessages(t *testing.T) {
	for _, c := range []struct {
		format string
		args   []Term
		want   string
	}{
		{"~w ~w", []Term{Atom("one")}, "too few arguments for ~w at position 4"},
		{"~w", []Term{Atom("a"), Atom("b")}, "1 arguments left over"},
		{"~q", []Term{Atom("a")}, "unknown control sequence ~q at position 1"},
		{"~f", []Term{int64(1)}, "~f needs a float, got 1"},
		{"~s", []Term{int64(1)}, "~s needs a string, binary or atom, got 1"},
	} {
		_, err := Format(c.format, c.args)
		if !errors.Is(err, ErrBadArg) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Format(%q) error = %v, want badarg mentioning %q", c.format, err, c.want)
		}
	}
}

func TestAppendWritesNothingOnError(t *testing.T) {
	var b strings.Builder
	b.WriteString("kept")
	if err := Append(&b, []rune("abc ~w ~f"), []Term{Atom("x"), Atom("notfloat")}); err == nil {
		t.Fatal("no error")
	}
	if b.String() != "kept" {
		t.Errorf("builder holds %q after a failed format, want %q", b.String(), "kept")
	}
}
