package vm

import (
	"fmt"
	"strings"
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/term"
)

// opNames names the opcodes in dumps.
var opNames = [...]string{opMove: "move", opConst: "const", opJump: "jump", opCall: "call", opTailCall: "tail_call",
	opCallExt: "call_ext", opTailExt: "tail_ext", opCallFun: "call_fun", opTailFun: "tail_fun", opBif: "bif",
	opRet: "ret", opAdd: "add", opSub: "sub", opIsEqExact: "is_eq_exact", opIsNeExact: "is_ne_exact",
	opIsTuple: "is_tuple", opIsCons: "is_cons", opIsNil: "is_nil", opIsTrue: "is_true", opGetElem: "get_elem",
	opGetHd: "get_hd", opGetTl: "get_tl", opMakeTuple: "make_tuple", opMakeCons: "make_cons",
	opRaiseErr: "raise_err", opTry: "try", opTryEnd: "try_end", opMakeFun: "make_fun", opReraise: "reraise",
	opCatchValue: "catch_value", opIsMap: "is_map", opMapGet: "map_get", opBinBuild: "bin_build",
	opBinStart: "bin_start", opBinGet: "bin_get", opBinEnd: "bin_end", opRecvPeek: "recv_peek",
	opRecvNext: "recv_next", opRecvRemove: "recv_remove", opRecvWait: "recv_wait", opMul: "mul",
	opAddI: "addi", opSubI: "subi", opIsLt: "is_lt", opIsGe: "is_ge", opIsEq: "is_eq", opIsNe: "is_ne",
	opIsType: "is_type", opIsFunArity: "is_fun_arity", opIsEqConst: "is_eq_const", opGetList: "get_list",
	opLtI: "lti", opGtI: "gti", opGeI: "gei", opLeI: "lei", opMulI: "muli", opConsRet: "cons_ret", opAddRet: "add_ret", opFunLoop: "fun_loop", opBodyLoop: "body_loop", opTupleLoop: "tuple_loop", opMapPut: "map_put", opWalkLoop: "walk_loop"}

// dumpFunc lists fn's instructions, one a line, for tests' logs and for
// reading what the compiler made of a function.
func dumpFunc(fn *Func) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s/%d: %d registers, %d free\n", fn.name, fn.arity, fn.nregs, fn.nfree)
	for i, in := range fn.code {
		name := "?"
		if int(in.op) < len(opNames) && opNames[in.op] != "" {
			name = opNames[in.op]
		}
		fmt.Fprintf(&b, "%4d %-13s %d %d %d %d", i, name, in.a, in.b, in.c, in.d)
		switch in.op {
		case opCall, opTailCall, opCallExt, opTailExt, opCallFun, opTailFun, opBif:
			fmt.Fprintf(&b, "  args %v", fn.argLists[in.c])
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// ops lists fn's opcodes by name, up to its first raise_err (the clause
// failure every function ends with).
func ops(fn *Func) string {
	var names []string
	for _, in := range fn.code {
		if in.op == opRaiseErr {
			break
		}
		names = append(names, opNames[in.op])
	}
	return strings.Join(names, " ")
}

// TestHotLoopCode pins down what the loops of sandbox/bench's list
// programs compile to (go test -run TestHotLoopCode -v logs the code):
// a fun whose body starts on its head line has no self-move for the
// debugger, a literal multiplier is an immediate, lists:foldl's loop
// tests nothing but the list, foldl_1 and map_1 start with their fused
// loops (leaf.go), and a body-recursive builder ends in one
// cons-and-return.
func TestHotLoopCode(t *testing.T) {
	m, _ := load(t, `-module(t).
-export([fold/1, mapl/1, build/1]).
fold(L) -> lists:foldl(fun(X, Acc) -> X + Acc end, 0, L).
mapl(L) -> lists:last(lists:map(fun(X) -> X * 2 + 1 end, L)).
build(0) -> [];
build(N) -> [N | build(N - 1)].
`)
	if _, err := m.Call("t", "fold", term.MakeList(term.MakeInt(1))); err != nil {
		t.Fatal(err)
	}
	lists, err := m.module("lists")
	if err != nil {
		t.Fatal(err)
	}
	mod, _ := m.module("t")
	for _, fn := range mod.local {
		t.Log(dumpFunc(fn))
	}
	for _, name := range []string{"foldl_1/3", "map_1/2"} {
		t.Log(dumpFunc(lists.funcs[name]))
	}
	for _, c := range []struct {
		fn   *Func
		want string
	}{
		{mod.local[3], "add_ret ret"},
		{mod.local[4], "muli add_ret ret"},
		{lists.funcs["foldl_1/3"], "fun_loop get_hd get_tl call_fun tail_call"},
		{lists.funcs["map_1/2"], "body_loop get_hd get_tl call_fun call cons_ret"},
		{mod.local[2], "is_eq_const const ret move subi call cons_ret"},
	} {
		if got := ops(c.fn); !strings.HasPrefix(got, c.want) {
			t.Errorf("%s/%d: %s, want it to start %s", c.fn.name, c.fn.arity, got, c.want)
		}
	}
}
