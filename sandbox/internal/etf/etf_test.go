package etf_test

import (
	"bytes"
	"encoding/hex"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/term"
	"github.com/otpbox/otpbox/sandbox/erl/vm"
	"github.com/otpbox/otpbox/sandbox/internal/etf"
)

// goldenTerms builds etf_terms:terms/0 in the VM and reads the bytes real
// Erlang wrote for each term.
func goldenTerms(t *testing.T) ([]term.Term, [][]byte) {
	t.Helper()
	src, err := os.ReadFile("testdata/etf_terms.erl")
	if err != nil {
		t.Fatal(err)
	}
	v := vm.New(vm.NewConfig())
	if err := v.LoadModule("etf_terms.erl", src); err != nil {
		t.Fatal(err)
	}
	list, err := v.Call("etf_terms", "terms")
	if err != nil {
		t.Fatal(err)
	}
	terms, _ := term.ListToSlice(list)
	golden, err := os.ReadFile("testdata/etf_terms.golden")
	if err != nil {
		t.Fatal(err)
	}
	var want [][]byte
	for _, line := range strings.Split(strings.TrimSpace(string(golden)), "\n") {
		b, err := hex.DecodeString(line)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, b)
	}
	if len(terms) != len(want) {
		t.Fatalf("%d terms, %d golden lines: re-run testdata/record.sh", len(terms), len(want))
	}
	return terms, want
}

func TestEncodeMatchesTermToBinary(t *testing.T) {
	terms, want := goldenTerms(t)
	for i, tm := range terms {
		got := etf.Encode(nil, tm)
		if !bytes.Equal(got, want[i]) {
			t.Errorf("term %d (%s):\n got %x\nwant %x", i, vm.Show(tm), got, want[i])
		}
	}
}

func TestDecodeRoundTrip(t *testing.T) {
	terms, want := goldenTerms(t)
	for i, tm := range terms {
		got, n, err := etf.Decode(want[i], etf.MakeAtom)
		if err != nil {
			t.Errorf("term %d: %v", i, err)
			continue
		}
		if n != len(want[i]) {
			t.Errorf("term %d: used %d of %d bytes", i, n, len(want[i]))
		}
		if term.CompareExact(got, tm) != 0 {
			t.Errorf("term %d: decoded %s, want %s", i, vm.Show(got), vm.Show(tm))
		}
	}
}

func TestPidsRefsAndClosuresRoundTrip(t *testing.T) {
	clo := term.MakeFun(&term.Fun{Module: term.MakeAtom("m"), Arity: 2, Index: 3, Uniq: 77, Env: []term.Term{term.MakeInt(5)}})
	for _, tm := range []term.Term{term.MakePid(7), term.MakePid(1 << 40), term.MakeRef(123456789), clo} {
		got, _, err := etf.Decode(etf.Encode(nil, tm), etf.MakeAtom)
		if err != nil {
			t.Fatalf("%s: %v", vm.Show(tm), err)
		}
		if vm.Show(got) != vm.Show(tm) {
			t.Errorf("decoded %s, want %s", vm.Show(got), vm.Show(tm))
		}
	}
}

func TestDecodeRejectsMalformed(t *testing.T) {
	for _, in := range []string{
		"",                 // empty
		"84",               // wrong version
		"83",               // nothing after the version
		"836c7fffffff",     // a list claiming 2G elements
		"8368ff",           // a tuple of 255 with no elements
		"836d00000010aa",   // binary shorter than its length
		"8377028080",       // atom that is not UTF-8
		"83ff",             // unknown tag
		"834d0000000109aa", // bit binary with 9 trailing bits
	} {
		b, _ := hex.DecodeString(in)
		if _, _, err := etf.Decode(b, etf.MakeAtom); !errors.Is(err, etf.ErrMalformed) {
			t.Errorf("Decode(%s) = %v, want ErrMalformed", in, err)
		}
	}
	deep := []byte{131} // the version byte
	for i := 0; i < 20000; i++ {
		deep = append(deep, 104, 1) // SMALL_TUPLE_EXT of one element
	}
	deep = append(deep, 106) // NIL_EXT
	if _, _, err := etf.Decode(deep, etf.MakeAtom); !errors.Is(err, etf.ErrMalformed) {
		t.Errorf("20000-deep tuple: %v, want ErrMalformed", err)
	}
}

func TestDecodeAtomLimit(t *testing.T) {
	atoms := term.NewAtoms(term.NewAtoms(1 << 20).Len()) // full from the start
	_, _, err := etf.Decode(etf.Encode(nil, term.MakeAtom("brand_new")), func(s string) (term.Term, error) { return atoms.Intern(s) })
	if !errors.Is(err, term.ErrSystemLimit) {
		t.Fatalf("got %v, want system_limit", err)
	}
}
