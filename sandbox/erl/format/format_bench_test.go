package format

import (
	"strconv"
	"testing"
)

// benchTerm is sandbox/bench's format_input(): 1,000 tuples
// {item, I, "name-I", [I, I*2, I/4], #{id => I, tags => [a, b]}}.
func benchTerm() Term {
	var t Term = Nil{}
	for i := 1000; i >= 1; i-- {
		name := listRunes([]rune("name-" + strconv.Itoa(i)))
		nums := &Cons{int64(i), &Cons{int64(i * 2), &Cons{float64(i) / 4, Nil{}}}}
		m := &Map{Keys: []Term{Atom("id"), Atom("tags")}, Vals: []Term{int64(i), &Cons{Atom("a"), &Cons{Atom("b"), Nil{}}}}}
		t = &Cons{Tuple{Atom("item"), int64(i), name, nums, m}, t}
	}
	return t
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
