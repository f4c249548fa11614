package vm

import (
	"cmp"
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"strconv"
	"strings"

	"github.com/otpbox/otpbox/sandbox/erl/term"
)

// bif is a function implemented in Go. fn returns false after setting
// p.failReason (default badarg) and optionally p.failClass. control BIFs
// (apply) manipulate frames themselves.
type bif struct {
	mod, name string
	arity     int
	fn        func(p *proc, a []term.Term) (term.Term, bool)
	control   func(p *proc, a []term.Term, tail bool, dst int32) bool
	noFrame   bool // errors it raises show the caller on top (error/1, throw/1)
	// inOTPErlang: OTP implements it in Erlang (io:format ...), so a tail
	// call to it leaves no caller frame in stack traces.
	inOTPErlang bool
	// send: erlang:send/2 (and !), which the receive loop (recvloop.go)
	// runs itself for a pid.
	send bool
	// small: the operator smallBinop computes for two small integers
	// (div, rem, band, bor, bxor), else 0.
	small byte
}

// smallBinop is the integer operator op ('/' div, '%' rem, '&' band, '|'
// bor, '^' bxor) on two small integers; ok is false where it needs the
// general path (a division by zero, which raises badarith). Go's / and %
// truncate towards zero, as div and rem do.
func smallBinop(op byte, x, y int64) (term.Term, bool) {
	switch op {
	case '/':
		if y != 0 {
			return term.MakeInt(x / y), true // SmallMin div -1 is not small
		}
	case '%':
		if y != 0 {
			return term.MakeSmall(x % y), true
		}
	case '&':
		return term.MakeSmall(x & y), true
	case '|':
		return term.MakeSmall(x | y), true
	case '^':
		return term.MakeSmall(x ^ y), true
	}
	return term.Term{}, false
}

func (p *proc) fail(reason term.Term) (term.Term, bool) {
	p.failReason = reason
	return term.Nil, false
}

func (p *proc) badarg() (term.Term, bool) { return p.fail(term.Badarg) }

func (p *proc) badarith() (term.Term, bool) { return p.fail(term.Badarith) }

type bifFn = func(p *proc, a []term.Term) (term.Term, bool)

func bifTable() map[string]*bif {
	t := map[string]*bif{}
	add := func(mod, name string, arity int, fn bifFn) {
		t[fmt.Sprintf("%s:%s/%d", mod, name, arity)] = &bif{mod: mod, name: name, arity: arity, fn: fn}
	}
	e := func(name string, arity int, fn bifFn) { add("erlang", name, arity, fn) }

	// Arithmetic.
	e("+", 2, func(p *proc, a []term.Term) (term.Term, bool) { return arith(p, '+', a[0], a[1]) })
	e("-", 2, func(p *proc, a []term.Term) (term.Term, bool) { return arith(p, '-', a[0], a[1]) })
	e("*", 2, func(p *proc, a []term.Term) (term.Term, bool) { return arith(p, '*', a[0], a[1]) })
	e("/", 2, func(p *proc, a []term.Term) (term.Term, bool) {
		x, ok1 := a[0].ToFloat()
		y, ok2 := a[1].ToFloat()
		if !ok1 || !ok2 || !a[0].IsNumber() || !a[1].IsNumber() || y == 0 {
			return p.badarith()
		}
		return floatResult(p, x/y)
	})
	for _, op := range []string{"bsl", "bsr"} {
		op := op
		e(op, 2, func(p *proc, a []term.Term) (term.Term, bool) { return intOp(p, op, a[0], a[1]) })
	}
	// div, rem and the bitwise operators of two small integers answer
	// before intOp's switch on the operator's name (string compares; in
	// the wasm build the `band` of sandbox_bench's random-number step was
	// 6% of ListWork200k), and a fun made of them is a leaf (markLeaf).
	for _, o := range []struct {
		name string
		op   byte
	}{{"div", '/'}, {"rem", '%'}, {"band", '&'}, {"bor", '|'}, {"bxor", '^'}} {
		o := o
		e(o.name, 2, func(p *proc, a []term.Term) (term.Term, bool) {
			if x, y := a[0], a[1]; x.IsSmall() && y.IsSmall() {
				if v, ok := smallBinop(o.op, x.Small(), y.Small()); ok {
					return v, true
				}
			}
			return intOp(p, o.name, a[0], a[1])
		})
		t["erlang:"+o.name+"/2"].small = o.op
	}
	e("-", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		if a[0].Kind() == term.KindFloat {
			return term.MakeFloat(-a[0].Float()), true
		}
		return arith(p, '-', term.MakeInt(0), a[0])
	})
	e("+", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		if !a[0].IsNumber() {
			return p.badarith()
		}
		return a[0], true
	})
	e("bnot", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		if !a[0].IsInt() {
			return p.badarith()
		}
		return term.MakeBig(new(big.Int).Not(a[0].Big())), true
	})
	e("abs", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		switch {
		case a[0].Kind() == term.KindFloat:
			// OTP negates only floats below zero: abs(-0.0) is -0.0.
			if f := a[0].Float(); f < 0 {
				return term.MakeFloat(-f), true
			}
			return a[0], true
		case a[0].IsInt():
			return term.MakeBig(new(big.Int).Abs(a[0].Big())), true
		}
		return p.badarg()
	})
	e("float", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		f, ok := a[0].ToFloat()
		if !ok {
			return p.badarg()
		}
		return term.MakeFloat(f), true
	})
	e("trunc", 1, func(p *proc, a []term.Term) (term.Term, bool) { return toInt(p, a[0], math.Trunc) })
	e("round", 1, func(p *proc, a []term.Term) (term.Term, bool) { return toInt(p, a[0], math.Round) })
	e("floor", 1, func(p *proc, a []term.Term) (term.Term, bool) { return toInt(p, a[0], math.Floor) })
	e("ceil", 1, func(p *proc, a []term.Term) (term.Term, bool) { return toInt(p, a[0], math.Ceil) })
	e("min", 2, func(p *proc, a []term.Term) (term.Term, bool) {
		if term.Compare(a[1], a[0]) < 0 {
			return a[1], true
		}
		return a[0], true
	})
	e("max", 2, func(p *proc, a []term.Term) (term.Term, bool) {
		if term.Compare(a[1], a[0]) > 0 {
			return a[1], true
		}
		return a[0], true
	})

	// Comparison and boolean operators.
	cmp := func(name string, f func(a, b term.Term) bool) {
		e(name, 2, func(p *proc, a []term.Term) (term.Term, bool) { return term.Bool(f(a[0], a[1])), true })
	}
	cmp("==", term.Equal)
	cmp("/=", func(a, b term.Term) bool { return !term.Equal(a, b) })
	cmp("=:=", term.ExactEqual)
	cmp("=/=", func(a, b term.Term) bool { return !term.ExactEqual(a, b) })
	cmp("<", func(a, b term.Term) bool { return order(a, b) < 0 })
	cmp("=<", func(a, b term.Term) bool { return order(a, b) <= 0 })
	cmp(">", func(a, b term.Term) bool { return order(a, b) > 0 })
	cmp(">=", func(a, b term.Term) bool { return order(a, b) >= 0 })
	boolOp := func(name string, f func(x, y bool) bool) {
		e(name, 2, func(p *proc, a []term.Term) (term.Term, bool) {
			x, ok1 := isBool(a[0])
			y, ok2 := isBool(a[1])
			if !ok1 || !ok2 {
				return p.badarg()
			}
			return term.Bool(f(x, y)), true
		})
	}
	boolOp("and", func(x, y bool) bool { return x && y })
	boolOp("or", func(x, y bool) bool { return x || y })
	boolOp("xor", func(x, y bool) bool { return x != y })
	e("not", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		x, ok := isBool(a[0])
		if !ok {
			return p.badarg()
		}
		return term.Bool(!x), true
	})

	// Type tests.
	typ := func(name string, f func(t term.Term) bool) {
		e(name, 1, func(p *proc, a []term.Term) (term.Term, bool) { return term.Bool(f(a[0])), true })
	}
	typ("is_integer", term.Term.IsInt)
	typ("is_float", func(t term.Term) bool { return t.Kind() == term.KindFloat })
	typ("is_number", term.Term.IsNumber)
	typ("is_atom", func(t term.Term) bool { return t.Kind() == term.KindAtom })
	typ("is_boolean", func(t term.Term) bool { _, ok := isBool(t); return ok })
	typ("is_tuple", func(t term.Term) bool { return t.Kind() == term.KindTuple })
	typ("is_list", func(t term.Term) bool { return t.Kind() == term.KindCons || t.IsNil() })
	typ("is_map", func(t term.Term) bool { return t.Kind() == term.KindMap })
	typ("is_binary", term.Term.IsBinary)
	typ("is_bitstring", func(t term.Term) bool { return t.Kind() == term.KindBits })
	typ("is_function", func(t term.Term) bool { return t.Kind() == term.KindFun })
	typ("is_pid", func(t term.Term) bool { return t.Kind() == term.KindPid })
	typ("is_reference", func(t term.Term) bool { return t.Kind() == term.KindRef })
	typ("is_port", func(t term.Term) bool { return t.Kind() == term.KindPort })
	e("is_function", 2, func(p *proc, a []term.Term) (term.Term, bool) {
		n, ok := a[1].Int()
		if !ok || n < 0 {
			return p.badarg()
		}
		return term.Bool(a[0].Kind() == term.KindFun && a[0].Fun().Arity == int(n)), true
	})
	e("is_record", 2, func(p *proc, a []term.Term) (term.Term, bool) {
		if a[1].Kind() != term.KindAtom {
			return p.badarg()
		}
		return term.Bool(a[0].Kind() == term.KindTuple && a[0].TupleLen() > 0 && term.Equal(a[0].Elem(0), a[1])), true
	})

	addTermBifs(e)
	addConvBifs(e)
	addLibBifs(add)
	// erlc turns maps:get/2 into the guard BIF map_get/2, so errors name it.
	t["maps:get/2"] = t["erlang:map_get/2"]
	t["erlang:apply/3"] = &bif{mod: "erlang", name: "apply", arity: 3, control: applyMFA}
	t["erlang:apply/2"] = &bif{mod: "erlang", name: "apply", arity: 2, control: applyFun}
	for _, b := range t {
		b.inOTPErlang = b.mod == "io" || b.mod == "io_lib" || (b.mod == "lists" && b.name == "sort")
	}
	for _, k := range []string{"erlang:error/1", "erlang:error/2", "erlang:throw/1", "erlang:exit/1", "erlang:raise/3", "erlang:nif_error/1", "erlang:$map_update/3", "erlang:$map_check/1", "erlang://2"} {
		t[k].noFrame = true
	}
	return t
}

func applyMFA(p *proc, a []term.Term, tail bool, dst int32) bool {
	args, ok := term.ListToSlice(a[2])
	if a[0].Kind() != term.KindAtom || a[1].Kind() != term.KindAtom || !ok {
		p.failReason = term.Badarg
		return p.raiseBif(p.vm.lookupBif("erlang", "apply", 3), a)
	}
	mod, name := a[0].AtomName(), a[1].AtomName()
	fn, b, err := p.vm.resolve(mod, name, len(args))
	if err != nil {
		if tail {
			p.top().pc = -1
		}
		return p.raiseUnresolved(err, mod, name, args)
	}
	if b != nil {
		return p.callBif(b, args, tail, dst)
	}
	p.enter(fn, args, tail, dst)
	return true
}

func applyFun(p *proc, a []term.Term, tail bool, dst int32) bool {
	args, ok := term.ListToSlice(a[1])
	if !ok {
		p.failReason = term.Badarg
		return p.raiseBif(p.vm.lookupBif("erlang", "apply", 2), a)
	}
	return p.callFun(a[0], args, tail, dst)
}

func isBool(t term.Term) (bool, bool) {
	switch {
	case t.IsAtom("true"):
		return true, true
	case t.IsAtom("false"):
		return false, true
	}
	return false, false
}

func floatResult(p *proc, f float64) (term.Term, bool) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return p.badarith()
	}
	return term.MakeFloat(f), true
}

func arith(p *proc, op byte, x, y term.Term) (term.Term, bool) {
	if !x.IsNumber() || !y.IsNumber() {
		return p.badarith()
	}
	// Operands that fit int64 (small, or big but not by much, as
	// intermediate results of hashing and random-number code are) are
	// computed without big.Int temporaries: garbage between a list's
	// cells spreads them over the heap, and walking the list then misses
	// the cache on every cell.
	if a, ok := x.Int(); ok {
		if b, ok := y.Int(); ok {
			switch op {
			case '+':
				if s := a + b; (a >= 0) != (b >= 0) || (s >= 0) == (a >= 0) {
					return term.MakeInt(s), true
				}
			case '-':
				if s := a - b; (a >= 0) == (b >= 0) || (s >= 0) == (a >= 0) {
					return term.MakeInt(s), true
				}
			case '*':
				if a == math.MinInt64 || b == math.MinInt64 {
					break
				}
				hi, lo := bits.Mul64(uint64(absInt(a)), uint64(absInt(b)))
				if hi == 0 && lo <= math.MaxInt64 {
					s := int64(lo)
					if (a < 0) != (b < 0) {
						s = -s
					}
					return term.MakeInt(s), true
				}
			}
		}
	}
	if x.IsInt() && y.IsInt() {
		r := new(big.Int)
		switch op {
		case '+':
			r.Add(x.Big(), y.Big())
		case '-':
			r.Sub(x.Big(), y.Big())
		case '*':
			r.Mul(x.Big(), y.Big())
		}
		return term.MakeBig(r), true
	}
	a, ok1 := x.ToFloat()
	b, ok2 := y.ToFloat()
	if !ok1 || !ok2 {
		return p.badarith()
	}
	switch op {
	case '+':
		return floatResult(p, a+b)
	case '-':
		return floatResult(p, a-b)
	}
	return floatResult(p, a*b)
}

func absInt(a int64) int64 {
	if a < 0 {
		return -a
	}
	return a
}

func intOp(p *proc, op string, x, y term.Term) (term.Term, bool) {
	if !x.IsInt() || !y.IsInt() {
		return p.badarith()
	}
	if a, ok := x.Int(); ok {
		if b, ok := y.Int(); ok {
			switch op {
			case "div", "rem":
				if b == 0 {
					return p.badarith()
				}
				if b == -1 { // MinInt64 div -1 overflows; the result is -a
					if op == "rem" {
						return term.MakeSmall(0), true
					}
					if a != math.MinInt64 {
						return term.MakeInt(-a), true
					}
					break
				}
				if op == "div" {
					return term.MakeInt(a / b), true
				}
				return term.MakeInt(a % b), true
			case "band":
				return term.MakeInt(a & b), true
			case "bor":
				return term.MakeInt(a | b), true
			case "bxor":
				return term.MakeInt(a ^ b), true
			}
		}
	}
	a, b := x.Big(), y.Big()
	r := new(big.Int)
	switch op {
	case "div", "rem":
		if b.Sign() == 0 {
			return p.badarith()
		}
		if op == "div" {
			r.Quo(a, b)
		} else {
			r.Rem(a, b)
		}
	case "band":
		r.And(a, b)
	case "bor":
		r.Or(a, b)
	case "bxor":
		r.Xor(a, b)
	case "bsl", "bsr":
		n, ok := y.Int()
		if !ok {
			return p.fail(term.SystemLimit)
		}
		if op == "bsr" {
			n = -n
		}
		if n > 1<<24 {
			return p.fail(term.SystemLimit)
		}
		if n >= 0 {
			r.Lsh(a, uint(n))
		} else {
			r.Rsh(a, uint(-n))
		}
	}
	return term.MakeBig(r), true
}

func toInt(p *proc, t term.Term, f func(float64) float64) (term.Term, bool) {
	if t.IsInt() {
		return t, true
	}
	if t.Kind() != term.KindFloat {
		return p.badarg()
	}
	v := f(t.Float())
	if math.Abs(v) < 1<<62 {
		return term.MakeInt(int64(v)), true
	}
	b, _ := big.NewFloat(v).Int(nil)
	return term.MakeBig(b), true
}

// chars converts a flat list of character codes to a Go string.
func chars(t term.Term) (string, bool) {
	var sb strings.Builder
	for t.Kind() == term.KindCons {
		c := t.Cons()
		n, ok := c.Head.Int()
		if !ok || n < 0 || n > 0x10ffff {
			return "", false
		}
		sb.WriteRune(rune(n))
		t = c.Tail
	}
	return sb.String(), t.IsNil()
}

func parseInt(s string, base int) (term.Term, bool) {
	if s == "" {
		return term.Nil, false
	}
	b, ok := new(big.Int).SetString(s, base)
	if !ok || strings.HasPrefix(strings.TrimLeft(s, "+-"), "+") || strings.Contains(s, "_") {
		return term.Nil, false
	}
	return term.MakeBig(b), true
}

func intText(t term.Term, base int) string {
	if t.IsSmall() {
		return strings.ToUpper(strconv.FormatInt(t.Small(), base))
	}
	return strings.ToUpper(t.Big().Text(base))
}

// order is term.Compare with the small-integer case first: guards such as
// N < 2 compare small integers far more often than anything else.
func order(a, b term.Term) int {
	if a.IsSmall() && b.IsSmall() {
		return cmp.Compare(a.Small(), b.Small())
	}
	return term.Compare(a, b)
}
