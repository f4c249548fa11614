package vm

import (
	"fmt"

	"github.com/otpbox/otpbox/sandbox/erl/syntax"
)

// noReturnFuncs finds the module's functions that never return normally:
// every clause raises (error/exit/throw) or calls such a function, or
// loops forever. erlc's type analysis finds the same functions and turns
// a call to one into a tail call (the code after it is dead), which
// removes the caller's frame from stack traces; otpbox does the same so
// that its stack traces are BEAM's. It is the greatest fixed point: start
// with every function and drop those with a clause that can return.
func noReturnFuncs(m *Module, fns []*syntax.Function) map[*Func]bool {
	nr := make(map[*Func]bool, len(fns))
	for i := range fns {
		nr[m.local[i]] = true
	}
	for changed := true; changed; {
		changed = false
		for i, f := range fns {
			fn := m.local[i]
			if !nr[fn] {
				continue
			}
			for _, cl := range f.Clauses {
				if !bodyNoReturn(m, nr, cl.Body) {
					delete(nr, fn)
					changed = true
					break
				}
			}
		}
	}
	return nr
}

func bodyNoReturn(m *Module, nr map[*Func]bool, es []syntax.Expr) bool {
	for _, e := range es {
		if exprNoReturn(m, nr, e) {
			return true
		}
	}
	return false
}

func anyNoReturn(m *Module, nr map[*Func]bool, es []syntax.Expr) bool {
	for _, e := range es {
		if e != nil && exprNoReturn(m, nr, e) {
			return true
		}
	}
	return false
}

func clausesNoReturn(m *Module, nr map[*Func]bool, cls []*syntax.Clause) bool {
	for _, cl := range cls {
		if !bodyNoReturn(m, nr, cl.Body) {
			return false
		}
	}
	return len(cls) > 0
}

// exprNoReturn reports whether evaluating e surely raises or loops; it
// answers false whenever unsure.
func exprNoReturn(m *Module, nr map[*Func]bool, e syntax.Expr) bool {
	switch e := e.(type) {
	case *syntax.Call:
		if anyNoReturn(m, nr, e.Args) {
			return true
		}
		n := len(e.Args)
		switch f := e.Fun.(type) {
		case *syntax.Atom:
			if fn, ok := m.funcs[fmt.Sprintf("%s/%d", f.Name, n)]; ok {
				return nr[fn]
			}
			return raisesAlways("erlang", f.Name, n)
		case *syntax.Remote:
			ma, ok1 := f.Module.(*syntax.Atom)
			fa, ok2 := f.Name.(*syntax.Atom)
			return ok1 && ok2 && raisesAlways(ma.Name, fa.Name, n)
		}
	case *syntax.Tuple:
		return anyNoReturn(m, nr, e.Elems)
	case *syntax.List:
		return anyNoReturn(m, nr, e.Elems) || (e.Tail != nil && exprNoReturn(m, nr, e.Tail))
	case *syntax.Match:
		return exprNoReturn(m, nr, e.Right)
	case *syntax.Block:
		return bodyNoReturn(m, nr, e.Body)
	case *syntax.BinaryOp:
		if exprNoReturn(m, nr, e.X) {
			return true
		}
		if e.Op == syntax.ANDALSO || e.Op == syntax.ORELSE {
			return false
		}
		return exprNoReturn(m, nr, e.Y)
	case *syntax.Case:
		return exprNoReturn(m, nr, e.X) || clausesNoReturn(m, nr, e.Clauses)
	case *syntax.If:
		return clausesNoReturn(m, nr, e.Clauses)
	}
	return false
}

// raisesAlways reports the BIFs that only raise.
func raisesAlways(mod, name string, arity int) bool {
	if mod != "erlang" {
		return false
	}
	switch name {
	case "error":
		return arity == 1 || arity == 2 || arity == 3
	case "exit", "throw":
		return arity == 1
	case "raise":
		return arity == 3
	}
	return false
}
