package vm

import (
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/term"
)

// leafSrc's run/0 calls leaf funs (markLeaf) through lists:foldl and
// lists:map with small integers (the fast path), bignums, floats and
// products too large for it (a frame), and bad arguments (badarith with
// the fun's frame on the stack, as in BEAM).
const leafSrc = `-module(t).
-export([run/0, funs/0, brk/1]).
run() ->
    N = 5,
    Add = fun(X, Acc) -> X + Acc end,
    Lin = fun(X) -> X * 2 + 1 end,
    Clo = fun(X) -> X * N - 3 end,
    Tup = fun(X) -> {X, X + 1} end,
    Big = 576460752303423487,
    {lists:foldl(Add, 0, [1, 2, 3]), lists:foldl(Add, 0.5, [1, 2]), Add(Big, 1),
     lists:map(Lin, [1, Big, 1.5, 1 bsl 40]), lists:map(Clo, [1, -2, 1 bsl 33]),
     lists:map(Tup, [1, Big]), err(fun(X) -> Add(X, a) end), err(Lin), err(Clo)}.
err(F) ->
    try lists:map(F, [1, a]) catch error:R:S -> [{M, Op, Args, _}, Fr | _] = S, {R, {M, Op, Args}, Fr} end.
funs() ->
    [fun(X, Acc) -> X + Acc end, fun(X) -> X * 2 + 1 end, fun(X) when X > 0 -> X end,
     fun(X) -> self() end, fun F(X) -> X + 1 end, fun(X) -> [X | X] end].
brk(L) ->
    lists:map(fun(X) ->
                  X + 1
              end, L).
`

// TestLeafFun checks leaf funs' results and errors against Erlang/OTP
// 25's (erl, recorded 2026-11-28; OTP's error_info element left out of
// the compared frame) and which funs are leaves.
func TestLeafFun(t *testing.T) {
	m, _ := load(t, leafSrc)
	wantRun(t, m, `{6,3.5,576460752303423488,[3,1152921504606846975,4.0,2199023255553],[2,-13,42949672957],`+
		`[{1,2},{576460752303423487,576460752303423488}],`+
		`{badarith,{erlang,'+',[1,a]},{t,'-run/0-fun-0-',2,[{file,[116,46,101,114,108]},{line,5}]}},`+
		`{badarith,{erlang,'*',[a,2]},{t,'-run/0-fun-1-',1,[{file,[116,46,101,114,108]},{line,6}]}},`+
		`{badarith,{erlang,'*',[a,5]},{t,'-run/0-fun-2-',1,[{file,[116,46,101,114,108]},{line,7}]}}}`)
	funs, err := m.Call("t", "funs")
	if err != nil {
		t.Fatal(err)
	}
	want := []bool{true, true, false, false, false, true}
	for i, f := 0, funs; f.Kind() == term.KindCons; i, f = i+1, f.Cons().Tail {
		if fn := f.Cons().Head.Fun().Code.(*Func); fn.leaf != want[i] {
			t.Errorf("fun %d (%s): leaf %v, want %v\n%s", i, fn.name, fn.leaf, want[i], dumpFunc(fn))
		}
	}
}

// TestLeafFunBreakpoint: a breakpoint in a leaf fun's body stops there
// with the fun's frame and bindings (the fast path gives up at the trap).
func TestLeafFunBreakpoint(t *testing.T) {
	s := newSession(t, leafSrc)
	mod, err := s.vm.module("t")
	if err != nil {
		t.Fatal(err)
	}
	for _, fn := range mod.local {
		if fn.name == "-brk/1-fun-0-" && !fn.leaf {
			t.Fatalf("brk's fun is not a leaf:\n%s", dumpFunc(fn))
		}
	}
	if _, err := s.d.SetBreakpoints("t", []LineBreakpoint{{Line: 20}}); err != nil {
		t.Fatal(err)
	}
	s.call("brk", term.MakeList(term.MakeInt(1), term.MakeInt(2)))
	for _, want := range []string{"X=1", "X=2"} {
		e := s.stopped(StopBreakpoint)
		if got := s.where(e.Pid); got != "-brk/1-fun-0-/1:20" {
			t.Errorf("stopped at %s", got)
		}
		if got := s.bindings(e.Pid, 0); got != want {
			t.Errorf("bindings %s, want %s", got, want)
		}
		if err := s.d.Continue(e.Pid); err != nil {
			t.Fatal(err)
		}
	}
	if r := s.result(); Show(r) != "[2,3]" {
		t.Errorf("result %s", Show(r))
	}
}

// TestFunLoop runs lists:foldl_1's fused loop (opFunLoop) over several
// reduction slices, through elements its leaf gives up on (a float, a
// bignum), with a closure, and into errors (the fun's frame, then
// foldl_1's, on the stack), against Erlang/OTP 25's results (erl,
// 2026-11-28; the first three frames compared, without locations).
func TestFunLoop(t *testing.T) {
	m, _ := load(t, `-module(t).
-export([run/0]).
run() ->
    Add = fun(X, Acc) -> X + Acc end,
    N = 3,
    Lin = fun(X, Acc) -> X * N + Acc end,
    {lists:foldl(Add, 0, lists:seq(1, 10000)), lists:foldl(Add, 0, [1, 2, 1.5, 3, 576460752303423487, 4]),
     lists:foldl(Lin, 1, [1, 2, 3]), lists:foreach(fun(X) -> X + 1 end, [1, 2]),
     err(fun() -> lists:foldl(Add, 0, [1, 2, a, 3]) end),
     err(fun() -> lists:foldl(Add, 0, [1, 2 | x]) end)}.
err(F) ->
    try F() catch error:R:S -> {R, [{M, Fn, args(A)} || {M, Fn, A, _} <- lists:sublist(S, 3)]} end.
args(A) when is_list(A) -> tl(A);
args(A) -> A.
`)
	lists, err := m.module("lists")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"foldl_1/3", "foreach_1/2"} {
		if fn := lists.funcs[name]; fn.code[0].op != opFunLoop {
			t.Errorf("%s does not start with fun_loop:\n%s", name, dumpFunc(fn))
		}
	}
	wantRun(t, m, `{50005000,5.764607523034235e17,19,ok,{badarith,[{erlang,'+',[3]},{t,'-run/0-fun-0-',2},{lists,foldl_1,3}]},`+
		`{function_clause,[{lists,foldl_1,[3,x]},{t,err,1},{t,run,0}]}}`)
}

// TestLoopBreakpoints: breakpoints in a leaf fun that lists:foldl or
// lists:map calls stop on every element, and so does one in foldl_1 or
// map_1 itself (a fused loop runs no iteration of its own while its
// function's code holds traps).
func TestLoopBreakpoints(t *testing.T) {
	s := newSession(t, `-module(t).
-export([sum/1, double/1]).
sum(L) ->
    lists:foldl(fun(X, Acc) ->
                    X + Acc
                end, 0, L).
double(L) ->
    lists:map(fun(X) ->
                  X * 2
              end, L).
`)
	lists, err := s.vm.module("lists")
	if err != nil {
		t.Fatal(err)
	}
	list := term.MakeList(term.MakeInt(1), term.MakeInt(2), term.MakeInt(3))
	for _, c := range []struct {
		fun, loop string
		op        op
		line      int // the fun's body
		inFun     []string
		inLoop    []string
		result    string
	}{
		{"sum", "foldl_1/3", opFunLoop, 5, []string{"Acc=0 X=1", "Acc=1 X=2", "Acc=3 X=3"},
			[]string{"Acc=1 F=#Fun<t.0.0> _F=#Fun<t.0.0>", "Acc=3 F=#Fun<t.0.0> _F=#Fun<t.0.0>", "Acc=6 F=#Fun<t.0.0> _F=#Fun<t.0.0>"}, "6"},
		{"double", "map_1/2", opBodyLoop, 9, []string{"X=1", "X=2", "X=3"},
			[]string{"F=#Fun<t.1.0> _F=#Fun<t.1.0>", "F=#Fun<t.1.0> _F=#Fun<t.1.0>", "F=#Fun<t.1.0> _F=#Fun<t.1.0>"}, "[2,4,6]"},
	} {
		loop := lists.funcs[c.loop]
		if loop.code[0].op != c.op {
			t.Fatalf("%s starts with %s:\n%s", c.loop, opNames[loop.code[0].op], dumpFunc(loop))
		}
		for _, bp := range []struct {
			mod   string
			line  int
			wants []string
		}{{"t", c.line, c.inFun}, {"lists", int(loop.lines[0]), c.inLoop}} {
			if _, err := s.d.SetBreakpoints(bp.mod, []LineBreakpoint{{Line: bp.line}}); err != nil {
				t.Fatal(err)
			}
			s.call(c.fun, list)
			for _, want := range bp.wants {
				e := s.stopped(StopBreakpoint)
				if got := s.bindings(e.Pid, 0); got != want {
					t.Errorf("%s, breakpoint in %s: bindings %s, want %s", c.fun, bp.mod, got, want)
				}
				if err := s.d.Continue(e.Pid); err != nil {
					t.Fatal(err)
				}
			}
			if r := s.result(); Show(r) != c.result {
				t.Errorf("%s: result %s", c.fun, Show(r))
			}
			if _, err := s.d.SetBreakpoints(bp.mod, nil); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestBodyLoop runs lists:map_1's fused loop (opBodyLoop) over several
// reduction slices, through elements its leaf gives up on, and into
// errors, whose stack traces show the body calls' frames, against
// Erlang/OTP 25's results (erl, 2026-11-28; the first six frames,
// without locations). One difference is the VM's and older than the
// loop (the VM before it gave the same trace): BEAM's badarith trace
// has two map_1 frames, the VM's three, one per body call in progress.
func TestBodyLoop(t *testing.T) {
	m, _ := load(t, `-module(t).
-export([run/0]).
run() ->
    N = 3,
    Lin = fun(X) -> X * N + 1 end,
    L = lists:map(Lin, lists:seq(1, 10000)),
    {lists:sum(L), lists:last(L), lists:map(Lin, [1, 2.5, 576460752303423487, 4]),
     err(fun() -> lists:map(Lin, [1, 2, 3, a, 5]) end),
     err(fun() -> lists:map(Lin, [1, 2 | x]) end)}.
err(F) ->
    try F() catch error:R:S -> {R, [{M, Fn, args(A)} || {M, Fn, A, _} <- lists:sublist(S, 6)]} end.
args(A) when is_list(A) -> tl(A);
args(A) -> A.
`)
	wantRun(t, m, `{150025000,30001,[4,8.5,1729382256910270462,13],`+
		`{badarith,[{erlang,'*',[3]},{t,'-run/0-fun-0-',1},{lists,map_1,2},{lists,map_1,2},{lists,map_1,2},{lists,map,2}]},`+
		`{function_clause,[{lists,map_1,[x]},{lists,map_1,2},{lists,map,2},{t,err,1},{t,run,0}]}}`)
}

// TestTupleLoop runs maps:fold_1's fused loop (opTupleLoop) over its
// {K, V, Next} batches for several reduction slices, through values its
// leaf gives up on, and into an error, against Erlang/OTP 25's results
// (erl, 2026-11-28; the first three frames, without locations).
func TestTupleLoop(t *testing.T) {
	m, _ := load(t, `-module(t).
-export([run/0]).
run() ->
    M = maps:from_list(lists:zip(lists:seq(1, 10000), lists:seq(1, 10000))),
    Add = fun(_K, V, Acc) -> V + Acc end,
    {maps:fold(Add, 0, M), maps:fold(Add, 0, #{a => 1, b => 2.5, c => 576460752303423487}),
     maps:fold(fun(K, _V, Acc) -> K * 2 + Acc end, 1, #{1 => x, 2 => y}),
     err(fun() -> maps:fold(Add, 0, #{a => 1, b => x}) end)}.
err(F) ->
    try F() catch error:R:S -> {R, [{M, Fn, args(A)} || {M, Fn, A, _} <- lists:sublist(S, 3)]} end.
args(A) when is_list(A) -> tl(A);
args(A) -> A.
`)
	maps, err := m.module("maps")
	if err != nil {
		t.Fatal(err)
	}
	if fn := maps.funcs["fold_1/3"]; fn.code[0].op != opTupleLoop {
		t.Errorf("fold_1 does not start with tuple_loop:\n%s", dumpFunc(fn))
	}
	wantRun(t, m, `{50005000,5.764607523034235e17,7,{badarith,[{erlang,'+',[1]},{t,'-run/0-fun-0-',3},{maps,fold_1,3}]}}`)
}
