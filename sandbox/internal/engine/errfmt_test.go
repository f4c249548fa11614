package engine

import (
	"os"
	"strings"
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/term"
	"github.com/otpbox/otpbox/sandbox/erl/vm"
)

// TestFormatExceptionMatchesErlError formats the exceptions of
// testdata/errfmt_cases.erl and compares with what real Erlang's erl_error
// printed for them (testdata/record.sh).
func TestFormatExceptionMatchesErlError(t *testing.T) {
	src, err := os.ReadFile("testdata/errfmt_cases.erl")
	if err != nil {
		t.Fatal(err)
	}
	golden, err := os.ReadFile("testdata/errfmt.golden")
	if err != nil {
		t.Fatal(err)
	}
	v := vm.New(vm.NewConfig())
	if err := v.LoadModule("errfmt_cases.erl", src); err != nil {
		t.Fatal(err)
	}
	list, err := v.Call("errfmt_cases", "cases")
	if err != nil {
		t.Fatal(err)
	}
	cases, _ := term.ListToSlice(list)
	want := strings.Split(strings.TrimSuffix(string(golden), "\n%%%\n"), "\n%%%\n")
	if len(want) != len(cases) {
		t.Fatalf("%d cases, %d in the golden: re-run testdata/record.sh", len(cases), len(want))
	}
	for i, c := range cases {
		e := c.Elems()
		if got := FormatException(e[0], e[1], e[2]); got != want[i] {
			t.Errorf("case %d (%s):\n got:\n%q\nwant:\n%q", i, vm.Show(c), got, want[i])
		}
	}
}
