package vm

import (
	"errors"
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/term"
)

func TestMaxBinaryRaisesSystemLimit(t *testing.T) {
	src := []byte(`-module(dbl).
-export([main/0]).
main() -> double(<<"x">>, 0).
double(B, N) ->
    try double(<<B/binary, B/binary>>, N + 1)
    catch error:system_limit -> {N, byte_size(B)}
    end.
`)
	v := New(NewConfig().WithMaxBinary(1 << 20))
	if err := v.LoadModule("dbl.erl", src); err != nil {
		t.Fatal(err)
	}
	got, err := v.Call("dbl", "main")
	if err != nil {
		var exc *Exception
		errors.As(err, &exc)
		t.Fatalf("main() = %v", err)
	}
	// The deepest call that raised held a 1 MiB binary: doubling it would
	// pass the bound.
	want := term.MakeTuple(term.MakeInt(20), term.MakeInt(1<<20))
	if term.Compare(got, want) != 0 {
		t.Fatalf("main() = %s, want %s", Show(got), Show(want))
	}
}
