package format

import (
	"strconv"
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/term"
)

// benchTerm is sandbox/bench's format_input(): 1,000 tuples
// {item, I, "name-I", [I, I*2, I/4], #{id => I, tags => [a, b]}}.
func benchTerm() Term {
	items := make([]Term, 0, 1000)
	for i := 1; i <= 1000; i++ {
		name := term.MakeString("name-" + strconv.Itoa(i))
		nums := term.MakeList(term.MakeInt(int64(i)), term.MakeInt(int64(i*2)), term.MakeFloat(float64(i)/4))
		m := term.NewMap([]Term{term.MakeAtom("id"), term.MakeAtom("tags")},
			[]Term{term.MakeInt(int64(i)), term.MakeList(term.MakeAtom("a"), term.MakeAtom("b"))})
		items = append(items, term.MakeTuple(term.MakeAtom("item"), term.MakeInt(int64(i)), name, nums, m))
	}
	return term.MakeList(items...)
}

// BenchmarkFormatP is io_lib:format("~p", [T]) on sandbox/bench's term;
// compare.sh reports BEAM's time for the same call as FormatP.
func BenchmarkFormatP(b *testing.B) {
	t := benchTerm()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Format("~p", []Term{t}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFormatW is the same term with ~w.
func BenchmarkFormatW(b *testing.B) {
	t := benchTerm()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Format("~w", []Term{t}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkShortFloat is ~w of one float.
func BenchmarkShortFloat(b *testing.B) {
	for i := 0; i < b.N; i++ {
		_ = ShortFloat(1.2345678901234567e-7 * float64(i+1))
	}
}
