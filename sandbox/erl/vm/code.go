package vm

import (
	"github.com/otpbox/otpbox/sandbox/erl/syntax"
	"github.com/otpbox/otpbox/sandbox/erl/term"
)

// op is a bytecode operation. Operands a, b, c are frame register numbers
// unless noted; d is a jump target (instruction index) for tests, or -1.
type op uint8

const (
	opMove       op = iota // a = b
	opConst                // a = consts[b]
	opJump                 // goto a
	opCall                 // a = funcs[b](the registers argLists[c]); its frame starts at register d
	opTailCall             // return funcs[b](the registers argLists[c]); d = 1: in-order moves are safe
	opCallExt              // a = exts[b](the registers argLists[c])
	opTailExt              // return exts[b](the registers argLists[c])
	opCallFun              // a = regs[b](the registers argLists[c]); a closure's frame starts at register d
	opTailFun              // return regs[b](the d registers argLists[c])
	opBif                  // a = bifs[b](the registers argLists[c]); on error goto d if d >= 0
	opRet                  // return regs[a]
	opAdd                  // a = b + c (fail d: a guard's fail label, or -1)
	opSub                  // a = b - c (fail d)
	opIsEqExact            // if !(b =:= c) goto d
	opIsNeExact            // if b =:= c goto d
	opIsTuple              // if b is not a tuple of arity c goto d
	opIsCons               // if b is not [_|_] goto d
	opIsNil                // if b is not [] goto d
	opIsTrue               // if b is not true goto d
	opGetElem              // a = element c (0-based) of b
	opGetHd                // a = hd(b)
	opGetTl                // a = tl(b)
	opMakeTuple            // a = {regs[c:c+b]}
	opMakeCons             // a = [b|c]
	opRaiseErr             // raise error: kind b (errBadmatch...), value c
	opTry                  // push handler at d; on exception regs[a:a+3] = Class, Reason, Stack
	opTryEnd               // pop handler
	opMakeFun              // a = fun funcs[b] closing over regs[c:c+d]
	opReraise              // raise again regs[a:a+3] (Class, Reason, Stack)
	opCatchValue           // a = the value of catch for the exception in regs[b:b+3]
	opIsMap                // if b is not a map goto d
	opMapGet               // a = map b's value under c, else goto d
	opBinBuild             // a = binary of segs[b] (fail d)
	opBinStart             // if b is not a bitstring goto d; a = 0 (the offset)
	opBinGet               // a = segment segs[c] read from b (goto d on mismatch)
	opBinEnd               // if offset c is not the end of b goto d
	opRecvPeek             // a = the message at the receive's scan position, else goto d
	opRecvNext             // advance the scan position; goto a
	opRecvRemove           // take the scanned message out of the mailbox
	opRecvWait             // wait (timeout in regs[a] unless a < 0); on a new message goto b, on timeout goto d; registers from c-1 up are dead while it waits (c = 0: not known)
	opMul                  // a = b * c (fail d)
	opAddI                 // a = b + the integer c (fail d)
	opSubI                 // a = b - the integer c (fail d)
	opIsLt                 // if !(b < c) goto d
	opIsGe                 // if !(b >= c) goto d
	opIsEq                 // if !(b == c) goto d
	opIsNe                 // if !(b /= c) goto d
	opIsType               // if b is not of type c (typeTests) goto d
	opIsFunArity           // if b is not a fun of arity c goto d
	opIsEqConst            // if !(b =:= consts[c]) goto d
	// opGetList fuses "is_cons b (fail d); get_hd a <- b; get_tl c <- b",
	// which stay after it (skipped) for the debugger's analyses.
	opGetList
	opLtI // if !(b < the integer c) goto d
	opGtI // if !(b > the integer c) goto d
	opGeI // if !(b >= the integer c) goto d
	opLeI // if !(b =< the integer c) goto d
	// opMulI is a = b * the integer c (fail d).
	opMulI
	// opConsRet fuses "make_cons a <- [b|c]; ret a" (the ret stays after
	// it, unreached): a body-recursive list builder's last step.
	opConsRet
	// opAddRet fuses "add a <- b + c; ret a" (d = opAdd) or "addi a <- b
	// + the integer c; ret a" (d = opAddI), the ret staying after it for
	// all but small integers: a fun such as fun(X, Acc) -> X + Acc end.
	opAddRet
	// opFunLoop is the opGetList of a loop "get_list; call_fun; tail_call
	// to itself" (lists:foldl_1 and foreach_1) whose iterations it runs
	// itself while the fun is a leaf (funLoop).
	opFunLoop
	// opBodyLoop is the opGetList of "get_list; call_fun; call itself"
	// (lists:map_1), whose calls it makes itself while the fun is a leaf
	// (bodyLoop).
	opBodyLoop
	// opTupleLoop is the opIsTuple (of arity c) of a loop "is_tuple;
	// get_elem of each element; call_fun; tail_call to itself"
	// (maps:fold_1 over its {K, V, Next} batches), run as opFunLoop runs
	// its loop.
	opTupleLoop
	// opMapPut is the opBif "a = $map_check(argLists[c])" of a map update
	// M#{K => V} (b is that BIF's index), fused with the $map_put BIF
	// after it, which stays (its arguments argLists[c+1]): for a map it
	// makes the put and skips that BIF, for anything else it runs as the
	// opBif it was (mapExpr).
	opMapPut
	// opWalkLoop is the opGetList of a loop "get_list; tail_call to
	// itself" (lists:last/2), whose iterations it runs itself (walkLoop).
	opWalkLoop
)

// typeTests are the guard type tests opIsType makes, by its c operand.
var typeTests = [...]string{"is_integer", "is_float", "is_number", "is_atom", "is_boolean", "is_tuple",
	"is_list", "is_map", "is_binary", "is_bitstring", "is_function", "is_pid", "is_reference"}

// hasType reports whether t passes typeTests[code].
func hasType(t term.Term, code int32) bool {
	switch code {
	case 0:
		return t.IsInt()
	case 1:
		return t.Kind() == term.KindFloat
	case 2:
		return t.IsNumber()
	case 3:
		return t.Kind() == term.KindAtom
	case 4:
		return t == term.True || t == term.False
	case 5:
		return t.Kind() == term.KindTuple
	case 6:
		return t.Kind() == term.KindCons || t.IsNil()
	case 7:
		return t.Kind() == term.KindMap
	case 8:
		return t.IsBinary()
	case 9:
		return t.Kind() == term.KindBits
	case 10:
		return t.Kind() == term.KindFun
	case 11:
		return t.Kind() == term.KindPid
	case 12:
		return t.Kind() == term.KindRef
	}
	return false
}

// Kinds of opRaiseErr.
const (
	errBadmatch = iota
	errCaseClause
	errIfClause
	errFunctionClause
	errTryClause
	errBadrecord
)

type instr struct {
	op         op
	a, b, c, d int32
}

// Func is one compiled function (or fun body).
type Func struct {
	mod    *Module
	name   string
	arity  int
	nregs  int
	line   int32 // of the first clause, for function_clause
	code   []instr
	lines  []int32 // source line per instruction
	consts []term.Term
	// varNames maps register -> source variable name ("" for temporaries),
	// for the debugger.
	varNames []string
	segs     [][]segment // binary segments of opBinBuild/opBinGet
	// argLists are local calls' argument registers: arguments are read
	// where they are, with no moves into consecutive registers.
	argLists [][]int32
	nfree    int   // closures: env values arrive after the arguments
	index    int   // closures: index in the module's fun table
	parent   *Func // closures: the function the fun is written in
	hasSelf  bool  // a named fun: regs[selfReg] is the fun itself
	selfReg  int32
	// leaf: call_fun may run the code without a frame (leaf.go);
	// addArgs: the code sums two or three of its arguments (fun(X, Acc)
	// -> X + Acc end, markAddArgs), which callLeaf adds without leafEval.
	leaf, addArgs bool
	// base: the code starts "lti A, K; ret R" or "is_eq_const A, K;
	// ret R" (K a small integer) with A and R arguments (fib(N) when N <
	// 2 -> N; loop(0, Acc) -> Acc), which a call may answer without a
	// frame and a tail call may start past (markBase): baseArg is A,
	// baseRet R, and baseElse the pc the test jumps to when it fails. The
	// clause answers a small integer x when uint64(x-baseLo) < baseSpan:
	// one unsigned compare for both tests.
	base                       bool
	baseArg, baseRet, baseElse int32
	baseLo                     int64
	baseSpan                   uint64
	// funMod and funName are the module and name atoms of the funs made
	// from this one (make_fun), interned on first use: a Func belongs to
	// one VM's module, and interning them at every make_fun took the atom
	// table's lock and hashed two strings per closure (spawn(fun ...)).
	funMod, funName term.Term
	// funInitial is the {Module, Name, Arity} initial call of the
	// processes spawned with these funs, made on first use: a lookup in
	// the scheduler's table of them hashed two terms per spawn(Fun).
	funInitial term.Term
	dbg        *fnDebug // the debugger's data: pristine code while code holds traps
}

// ext is a remote call site: resolved at run time, so reloading a module
// takes effect on the next call. The resolution is cached in the site
// and valid while the VM's code generation is still gen: any load or
// deletion of a module starts a new generation.
type ext struct {
	mod, name string
	arity     int
	fn        *Func
	b         *bif
	gen       uint64
}

// Module is one loaded version of a module.
type Module struct {
	name  string
	file  string
	funcs map[string]*Func // "name/arity"
	exts  []ext
	bifs  []*bif
	local []*Func // call targets by index (functions and closures)
	// records are the module's record definitions, for the debugger's
	// evaluation and display.
	records map[string]*syntax.RecordDef
	// exports are the exported "name/arity"s (every function with
	// exportAll), for erlang:function_exported/3.
	exports   map[string]bool
	exportAll bool
	// version counts the module's loads, from 1 (the debugger's frames
	// show it).
	version int
	// stdlib is set on a module the VM loaded from its own standard
	// library, whose code it may therefore know (funLoop's walk of a map
	// for maps:fold_1), as opposed to one a program loaded under the same
	// name.
	stdlib bool
}
