package etf

import (
	"bytes"
	"errors"
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/term"
)

// TestEncodeOTP: term_to_binary's flavour writes latin-1 atoms as
// ATOM_EXT (as erlang:term_to_binary(abc) gives <<131,100,0,3,"abc">>),
// keeps UTF-8 atoms beyond latin-1, decodes back to the same term, and
// refuses a fun anywhere in the term.
func TestEncodeOTP(t *testing.T) {
	b, err := EncodeOTP(nil, term.MakeAtom("abc"))
	if err != nil || !bytes.Equal(b, []byte{131, 100, 0, 3, 'a', 'b', 'c'}) {
		t.Errorf("EncodeOTP(abc) = %v, %v", b, err)
	}
	in := term.MakeTuple(term.MakeAtom("é"), term.MakeAtom("λ"), term.MakeInt(7))
	b, err = EncodeOTP(nil, in)
	if err != nil {
		t.Fatal(err)
	}
	out, _, err := Decode(b, MakeAtom)
	if err != nil || !term.ExactEqual(in, out) {
		t.Errorf("round trip of %v: %v, %v", in, out, err)
	}
	fun := term.MakeFun(&term.Fun{Module: term.MakeAtom("m"), Name: term.MakeAtom("f"), Arity: 0, External: true})
	if _, err := EncodeOTP(nil, term.MakeList(term.MakeInt(1), fun)); !errors.Is(err, ErrFun) {
		t.Errorf("EncodeOTP of a list with a fun: %v, want ErrFun", err)
	}
}
