package format

import (
	"errors"
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/term"
)

// FuzzFormat feeds arbitrary format strings with a fixed mix of arguments:
// Format must never panic, and every failure must be a badarg or, for
// huge fields, ErrLimit.
func FuzzFormat(f *testing.F) {
	for _, s := range []string{"~p", "~-10.3.xs", "~*.*f", "~tp~n~w", "~10.2.0e|", "~.16#", "~P", "~", "~~~", "~x~X"} {
		f.Add(s)
	}
	args := []Term{
		term.MakeInt(42), term.MakeFloat(-2.5), term.MakeAtom("a b"), term.MakeString("str\n"),
		term.MakeBinary([]byte{0xC3, 0xA9, 1}), term.MakeBits([]byte{0xE0}, 3),
		term.MakeTuple(term.MakeAtom("t"), term.Nil), term.NewMap([]Term{term.MakeInt(1)}, []Term{term.MakeFloat(1)}),
		term.MakeListTail([]Term{term.MakeInt(1)}, term.MakeAtom("tail")), term.MakeInt(-3),
	}
	f.Fuzz(func(t *testing.T, format string) {
		for n := 0; n <= len(args); n++ {
			_, err := Format(format, args[:n])
			if err != nil && !errors.Is(err, ErrBadArg) && !errors.Is(err, ErrLimit) {
				t.Fatalf("Format(%q) with %d args: error %v is not badarg", format, n, err)
			}
		}
	})
}
