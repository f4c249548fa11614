package vm

import (
	"math"
	"math/big"
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/term"
)

// The int64 fast paths of arith and intOp agree with big.Int arithmetic
// at and around every overflow boundary.
func TestArithInt64Edges(t *testing.T) {
	var vals []int64
	for _, v := range []int64{0, 1, 2, 3, 1 << 31, 1 << 32, term.SmallMax, term.SmallMin, math.MaxInt32,
		1 << 62, math.MaxInt64 / 2, math.MaxInt64, math.MinInt64, 3037000499, 3037000500, 1103515245} {
		for _, d := range []int64{-1, 0, 1} {
			vals = append(vals, v+d, -(v + d))
		}
	}
	p := &proc{}
	want := func(op string, a, b *big.Int) *big.Int {
		r := new(big.Int)
		switch op {
		case "+":
			return r.Add(a, b)
		case "-":
			return r.Sub(a, b)
		case "*":
			return r.Mul(a, b)
		case "div":
			return r.Quo(a, b)
		case "rem":
			return r.Rem(a, b)
		case "band":
			return r.And(a, b)
		case "bor":
			return r.Or(a, b)
		}
		return r.Xor(a, b)
	}
	for _, a := range vals {
		for _, b := range vals {
			x, y := term.MakeInt(a), term.MakeInt(b)
			for _, op := range []string{"+", "-", "*", "div", "rem", "band", "bor", "bxor"} {
				var got term.Term
				var ok bool
				if len(op) == 1 {
					got, ok = arith(p, op[0], x, y)
				} else {
					got, ok = intOp(p, op, x, y)
				}
				if b == 0 && (op == "div" || op == "rem") {
					if ok {
						t.Errorf("%d %s 0 succeeded", a, op)
					}
					continue
				}
				w := want(op, big.NewInt(a), big.NewInt(b))
				if !ok || got.Big().Cmp(w) != 0 || !term.ExactEqual(got, term.MakeBig(w)) {
					t.Errorf("%d %s %d = %s, want %s", a, op, b, Show(got), w)
				}
			}
		}
	}
}
