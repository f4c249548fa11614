package vm

import (
	"math/big"
	"strings"
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/term"
)

// X * K with a literal K is one instruction with K inside it (opMulI):
// it agrees with big.Int arithmetic on small, boundary and big operands,
// multiplies floats, fails with badarith naming both operands in order,
// and fails a guard instead of raising.
func TestMulImmediate(t *testing.T) {
	m, _ := load(t, `-module(t).
-export([mul3/1, mulneg/1, guarded/1, bad/1]).
mul3(X) -> X * 3.
mulneg(X) -> X * -1073741824.
guarded(X) when X * 2 > 10 -> big;
guarded(_) -> small.
bad(X) -> try X * 7 catch error:R:S -> {R, hd(S)} end.
`)
	for _, v := range []int64{0, 1, -1, 1<<31 - 1, 1 << 31, -(1 << 31), term.SmallMax, term.SmallMin, 1 << 61} {
		for _, k := range []struct {
			fn string
			k  int64
		}{{"mul3", 3}, {"mulneg", -1073741824}} {
			got, err := m.Call("t", k.fn, term.MakeInt(v))
			want := new(big.Int).Mul(big.NewInt(v), big.NewInt(k.k))
			if err != nil || got.Big().Cmp(want) != 0 || !term.ExactEqual(got, term.MakeBig(want)) {
				t.Errorf("%s(%d) = %s, %v; want %s", k.fn, v, Show(got), err, want)
			}
		}
	}
	if got, err := m.Call("t", "mul3", term.MakeFloat(1.5)); err != nil || Show(got) != "4.5" {
		t.Errorf("mul3(1.5) = %s, %v", Show(got), err)
	}
	for v, want := range map[int64]string{5: "small", 6: "big"} {
		if got, err := m.Call("t", "guarded", term.MakeInt(v)); err != nil || Show(got) != want {
			t.Errorf("guarded(%d) = %s, %v; want %s", v, Show(got), err, want)
		}
	}
	if got, err := m.Call("t", "guarded", term.Nil); err != nil || Show(got) != "small" {
		t.Errorf("guarded([]) = %s, %v; want small", Show(got), err)
	}
	got, err := m.Call("t", "bad", term.Nil)
	if want := "{badarith,{erlang,'*',[[],7],[]}}"; err != nil || Show(got) != want {
		t.Errorf("bad([]) = %s, %v;\n want %s", Show(got), err, want)
	}
}

// A body call's frame starts over the caller's dead temporaries
// (frameBase), never over its variables: stopped at the bottom of a
// body recursion, every outer frame still shows its own H, T and the
// fun's result computed before the recursive call.
func TestFrameBaseKeepsCallerVariables(t *testing.T) {
	s := newSession(t, `-module(t).
-export([main/0]).
main() -> m(fun(X) -> X * 10 end, [1, 2, 3]).
m(F, [H | T]) ->
    V = F(H),
    [{V, H} | m(F, T)];
m(_F, []) ->
    [].
`)
	if _, err := s.d.SetBreakpoints("t", []LineBreakpoint{{Line: 8}}); err != nil {
		t.Fatal(err)
	}
	s.call("main")
	e := s.stopped(StopBreakpoint)
	for frame, want := range []string{"", "H=3", "H=2", "H=1"} {
		got := s.bindings(e.Pid, frame)
		t.Logf("frame %d: %s", frame, got)
		if want != "" && !strings.Contains(got, want) {
			t.Errorf("frame %d: bindings %s, want %s among them", frame, got, want)
		}
	}
	for frame, want := range map[int]string{1: "V=30", 2: "V=20", 3: "V=10"} {
		if got := s.bindings(e.Pid, frame); !strings.Contains(got, want) {
			t.Errorf("frame %d: bindings %s, want %s among them", frame, got, want)
		}
	}
	if err := s.d.Continue(e.Pid); err != nil {
		t.Fatal(err)
	}
	if got := Show(s.result()); got != "[{10,1},{20,2},{30,3}]" {
		t.Errorf("main() = %s", got)
	}
}

// "X + Y; ret" is one opAddRet: small integers inline, and bignums,
// floats and errors through the add it fuses, with BEAM's badarith and
// the function's own frame in the stack trace.
func TestAddRet(t *testing.T) {
	m, _ := load(t, `-module(t).
-export([add/2, inc/1, run/0]).
add(X, Y) -> X + Y.
inc(X) -> X + 7.
run() ->
    F = fun(X, Acc) -> X + Acc end,
    {lists:foldl(F, 0, [1, 2, 3]), lists:foldl(F, 0.5, [1, 2]),
     try add(a, 1) catch error:R:S -> [Top, Fr | _] = S, {R, Top, Fr} end}.
`)
	for _, c := range []struct {
		fn   string
		args []term.Term
		want string
	}{
		{"add", []term.Term{term.MakeInt(2), term.MakeInt(3)}, "5"},
		{"add", []term.Term{term.MakeInt(term.SmallMax), term.MakeInt(1)}, "576460752303423488"},
		{"add", []term.Term{term.MakeFloat(1.5), term.MakeInt(2)}, "3.5"},
		{"inc", []term.Term{term.MakeInt(term.SmallMax)}, "576460752303423494"},
		{"inc", []term.Term{term.MakeInt(-7)}, "0"},
	} {
		if got, err := m.Call("t", c.fn, c.args...); err != nil || Show(got) != c.want {
			t.Errorf("%s%v = %s, %v; want %s", c.fn, c.args, Show(got), err, c.want)
		}
	}
	wantRun(t, m, `{6,3.5,{badarith,{erlang,'+',[a,1],[]},{t,add,2,[{file,[116,46,101,114,108]},{line,3}]}}}`)
}
