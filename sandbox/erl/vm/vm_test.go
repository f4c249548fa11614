package vm

import (
	"bytes"
	"strings"
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/term"
)

func load(t *testing.T, src string) (*VM, *bytes.Buffer) {
	t.Helper()
	var out bytes.Buffer
	m := New(NewConfig().WithStdout(&out))
	if err := m.LoadModule("t.erl", []byte(src)); err != nil {
		t.Fatal(err)
	}
	return m, &out
}

func TestFib(t *testing.T) {
	m, _ := load(t, `-module(t).
-export([fib/1]).
fib(0) -> 0;
fib(1) -> 1;
fib(N) when N > 1 -> fib(N-1) + fib(N-2).
`)
	r, err := m.Call("t", "fib", term.MakeInt(20))
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := r.Int(); v != 6765 {
		t.Errorf("fib(20) = %s", Show(r))
	}
}

// A million-deep tail loop runs in constant frame space; a deep body
// recursion does not overflow the Go stack.
func TestTailAndBodyRecursion(t *testing.T) {
	m, _ := load(t, `-module(t).
-export([loop/2, len/1, seq/1]).
loop(0, Acc) -> Acc;
loop(N, Acc) -> loop(N - 1, Acc + 1).
len([]) -> 0;
len([_ | T]) -> 1 + len(T).
seq(N) -> lists:seq(1, N).
`)
	r, err := m.Call("t", "loop", term.MakeInt(1000000), term.MakeInt(0))
	if err != nil || !term.Equal(r, term.MakeInt(1000000)) {
		t.Fatalf("loop = %s, %v", Show(r), err)
	}
	l, err := m.Call("t", "seq", term.MakeInt(200000))
	if err != nil {
		t.Fatal(err)
	}
	r, err = m.Call("t", "len", l)
	if err != nil || !term.Equal(r, term.MakeInt(200000)) {
		t.Fatalf("len = %s, %v", Show(r), err)
	}
}

func TestErrorsAndTry(t *testing.T) {
	m, out := load(t, `-module(t).
-export([main/0, bad/1]).
-record(r, {a = 1, b}).
main() ->
    X = try bad(1) catch error:R:S -> {R, hd(S)} end,
    io:format("~p~n", [X]),
    Y = catch throw(x),
    Z = [A * 2 || A <- [1, 2, 3], A > 1],
    Y2 = 1,
    F = fun(Q) -> Q + Y2 end,
    io:format("~p ~p~n", [Y, Z]),
    #r{b = B} = #r{b = 5},
    M = #{k => 1},
    #{k := K} = M,
    {B, K, (M#{k := 2}), F(41)}.
bad(N) -> case N of 2 -> ok end.
`)
	r, err := m.Call("t", "main")
	if err != nil {
		t.Fatal(err)
	}
	want := "{{case_clause,1},{t,bad,1,[{file,\"t.erl\"},{line,16}]}}\nx [4,6]\n"
	if out.String() != want {
		t.Errorf("output %q, want %q", out.String(), want)
	}
	if got := Show(r); got != "{5,1,#{k => 2},42}" {
		t.Errorf("result %s", got)
	}
}

// The interpreter stops after its budget and resumes where it stopped.
func TestResumable(t *testing.T) {
	m, _ := load(t, `-module(t).
-export([fib/1]).
fib(N) when N < 2 -> N;
fib(N) -> fib(N - 1) + fib(N - 2).
`)
	fn, _, err := m.resolve("t", "fib", 1)
	if err != nil {
		t.Fatal(err)
	}
	p := &proc{vm: m}
	p.start(fn, []term.Term{term.MakeInt(15)})
	yields := 0
	for p.run(7) == statusYield {
		yields++
	}
	if v, _ := p.result.Int(); v != 610 || yields < 100 {
		t.Errorf("fib(15) = %s after %d yields", Show(p.result), yields)
	}
}

func TestUncaughtReasons(t *testing.T) {
	m, _ := load(t, `-module(t).
-export([f/1, g/0, h/0]).
f(a) -> ok.
g() -> F = fun(X) -> X end, F(1, 2).
h() -> X = 1, X + foo.
`)
	cases := []struct {
		fn   string
		args []term.Term
		want string
	}{
		{"f", []term.Term{term.MakeInt(1)}, "function_clause [{t,f,[1],[{file,\"t.erl\"},{line,3}]}]"},
		{"g", nil, "{badarity,{#Fun<t.0.0>,[1,2]}}"},
		{"h", nil, "badarith [{erlang,'+',[1,foo],[]},{t,h,0,[{file,\"t.erl\"},{line,5}]}]"},
	}
	for _, c := range cases {
		_, err := m.Call("t", c.fn, c.args...)
		exc, ok := err.(*Exception)
		if !ok {
			t.Errorf("%s: err = %v", c.fn, err)
			continue
		}
		got := Show(exc.Reason)
		if strings.Contains(c.want, " ") {
			got += " " + Show(exc.Stacktrace)
		}
		if got != c.want {
			t.Errorf("%s: got %s, want %s", c.fn, got, c.want)
		}
	}
}

func TestReceiveAfter(t *testing.T) {
	m, _ := load(t, `-module(t).
-export([f/0]).
f() -> receive _ -> got after 0 -> timeout end.
`)
	r, err := m.Call("t", "f")
	if err != nil || !r.IsAtom("timeout") {
		t.Errorf("f() = %s, %v", Show(r), err)
	}
}
