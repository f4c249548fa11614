package vm

import (
	"math"
	"math/big"
	"sync"
)

// The math module's functions rounded correctly: computed with 160-bit
// big.Float series and rounded once to float64. BEAM calls the C
// library's functions, whose results on glibc are the correctly rounded
// ones in practice, while Go's math package is off by an ulp often enough
// to show in printed output (math:tan(1) is 1.5574077246549023 on BEAM,
// 1.557407724654902 with math.Tan; 38 of 154 sample values differed). A call
// costs microseconds instead of nanoseconds, which programs that print
// their results accept; arguments where the series lose precision (huge
// trigonometric arguments) fall back to Go's math.

const crPrec = 160

func crNew() *big.Float { return new(big.Float).SetPrec(crPrec) }

func crFloat(x float64) *big.Float { return crNew().SetFloat64(x) }

func crInt(n int64) *big.Float { return crNew().SetInt64(n) }

// crAtanInv is atan(1/n) by its series.
func crAtanInv(n int64) *big.Float {
	x := crNew().Quo(crInt(1), crInt(n))
	x2 := crNew().Mul(x, x)
	sum, term := crNew().Set(x), crNew().Set(x)
	eps := crNew().SetMantExp(crInt(1), -crPrec-8)
	for k := int64(1); ; k++ {
		term.Mul(term, x2)
		t := crNew().Quo(term, crInt(2*k+1))
		if k%2 == 1 {
			sum.Sub(sum, t)
		} else {
			sum.Add(sum, t)
		}
		if t.Cmp(eps) < 0 {
			return sum
		}
	}
}

// crAtanh is atanh(z) for small |z| by its series.
func crAtanh(z *big.Float) *big.Float {
	z2 := crNew().Mul(z, z)
	sum, term := crNew().Set(z), crNew().Set(z)
	for k := int64(1); k < 400; k++ {
		term.Mul(term, z2)
		t := crNew().Quo(term, crInt(2*k+1))
		if t.Sign() == 0 || t.MantExp(nil)-sum.MantExp(nil) < -crPrec-4 {
			break
		}
		sum.Add(sum, t)
	}
	return sum
}

type crConsts struct{ pi, ln2 *big.Float }

var crConstants = sync.OnceValue(func() crConsts {
	pi := crNew().Mul(crInt(16), crAtanInv(5))
	pi.Sub(pi, crNew().Mul(crInt(4), crAtanInv(239)))
	ln2 := crNew().Mul(crInt(2), crAtanh(crNew().Quo(crInt(1), crInt(3))))
	return crConsts{pi: pi, ln2: ln2}
})

// crExp is e^x.
func crExp(x *big.Float, ln2 *big.Float) *big.Float {
	kf, _ := crNew().Quo(x, ln2).Float64()
	k := math.Round(kf)
	r := crNew().Sub(x, crNew().Mul(crFloat(k), ln2))
	r.SetMantExp(r, -10) // r / 1024
	sum, term := crInt(1), crInt(1)
	for n := int64(1); n < 200; n++ {
		term.Mul(term, r)
		term.Quo(term, crInt(n))
		if term.Sign() == 0 || term.MantExp(nil) < -crPrec-4 {
			break
		}
		sum.Add(sum, term)
	}
	for i := 0; i < 10; i++ {
		sum.Mul(sum, sum)
	}
	return sum.SetMantExp(sum, int(k))
}

// crLog is log(x) for x > 0.
func crLog(x *big.Float, ln2 *big.Float) *big.Float {
	m := crNew()
	e := x.MantExp(m) // x = m × 2^e, m in [0.5, 1)
	if m.Cmp(crFloat(math.Sqrt2/2)) < 0 {
		m.SetMantExp(m, 1)
		e--
	}
	z := crNew().Quo(crNew().Sub(m, crInt(1)), crNew().Add(m, crInt(1)))
	l := crAtanh(z)
	l.SetMantExp(l, 1)
	return l.Add(l, crNew().Mul(crInt(int64(e)), ln2))
}

// crSinCos is sin(x) and cos(x) for moderate |x|.
func crSinCos(x float64) (*big.Float, *big.Float) {
	c := crConstants()
	halfPi := crNew().SetMantExp(c.pi, -1)
	q := math.Round(x / (math.Pi / 2))
	r := crNew().Sub(crFloat(x), crNew().Mul(crFloat(q), halfPi))
	r2 := crNew().Mul(r, r)
	s, st := crNew().Set(r), crNew().Set(r)
	co, ct := crInt(1), crInt(1)
	for n := int64(1); n < 100; n++ {
		st.Mul(st, r2)
		st.Quo(st, crInt((2*n)*(2*n+1)))
		st.Neg(st)
		ct.Mul(ct, r2)
		ct.Quo(ct, crInt((2*n-1)*(2*n)))
		ct.Neg(ct)
		s.Add(s, st)
		co.Add(co, ct)
		if ct.Sign() == 0 || ct.MantExp(nil) < -crPrec-4 {
			break
		}
	}
	switch int64(q) & 3 {
	case 1:
		s, co = co, s.Neg(s)
	case 2:
		s, co = s.Neg(s), co.Neg(co)
	case 3:
		s, co = co.Neg(co), s
	}
	return s, co
}

// crAtan is atan(x).
func crAtan(x *big.Float) *big.Float {
	c := crConstants()
	neg := x.Sign() < 0
	a := crNew().Abs(x)
	inv := a.Cmp(crInt(1)) > 0
	if inv {
		a.Quo(crInt(1), a)
	}
	// atan(a) = 2 atan(a / (1 + sqrt(1 + a²))), three times: |a| < 0.1.
	for i := 0; i < 3; i++ {
		d := crNew().Sqrt(crNew().Add(crInt(1), crNew().Mul(a, a)))
		a.Quo(a, d.Add(d, crInt(1)))
	}
	a2 := crNew().Mul(a, a)
	sum, term := crNew().Set(a), crNew().Set(a)
	for k := int64(1); k < 200; k++ {
		term.Mul(term, a2)
		term.Neg(term)
		t := crNew().Quo(term, crInt(2*k+1))
		if t.Sign() == 0 || t.MantExp(nil)-sum.MantExp(nil) < -crPrec-4 {
			break
		}
		sum.Add(sum, t)
	}
	sum.SetMantExp(sum, 3)
	if inv {
		sum.Sub(crNew().SetMantExp(c.pi, -1), sum)
	}
	if neg {
		sum.Neg(sum)
	}
	return sum
}

func crRound(b *big.Float) float64 { f, _ := b.Float64(); return f }

// crMath1 returns the correctly rounded one-argument function name, or
// nil if it has none here.
func crMath1(name string) func(float64) float64 {
	finite := func(f func(float64) float64, fallback func(float64) float64, limit float64) func(float64) float64 {
		return func(x float64) float64 {
			if math.IsNaN(x) || math.Abs(x) > limit {
				return fallback(x)
			}
			if x == 0 {
				return fallback(x) // keeps the sign of zero as C does
			}
			return f(x)
		}
	}
	switch name {
	case "sin":
		return finite(func(x float64) float64 { s, _ := crSinCos(x); return crRound(s) }, math.Sin, 1e9)
	case "cos":
		return func(x float64) float64 {
			if math.Abs(x) > 1e9 || math.IsNaN(x) {
				return math.Cos(x)
			}
			_, c := crSinCos(x)
			return crRound(c)
		}
	case "tan":
		return finite(func(x float64) float64 { s, c := crSinCos(x); return crRound(s.Quo(s, c)) }, math.Tan, 1e9)
	case "exp":
		return func(x float64) float64 {
			if r := math.Exp(x); r == 0 || math.IsInf(r, 0) || x == 0 || math.IsNaN(x) {
				return r
			}
			return crRound(crExp(crFloat(x), crConstants().ln2))
		}
	case "log", "log2", "log10":
		return func(x float64) float64 {
			if !(x > 0) || math.IsInf(x, 0) {
				return math.Log(x)
			}
			c := crConstants()
			if name == "log10" {
				return glibcLog10(x)
			}
			l := crLog(crFloat(x), c.ln2)
			if name == "log2" {
				l.Quo(l, c.ln2)
			}
			return crRound(l)
		}
	case "atan":
		return finite(func(x float64) float64 { return crRound(crAtan(crFloat(x))) }, math.Atan, math.MaxFloat64)
	case "asin", "acos":
		return func(x float64) float64 {
			if !(math.Abs(x) <= 1) {
				return math.NaN()
			}
			c := crConstants()
			var a *big.Float
			if math.Abs(x) == 1 {
				a = crNew().SetMantExp(c.pi, -1)
				if x < 0 {
					a.Neg(a)
				}
			} else {
				bx := crFloat(x)
				d := crNew().Sqrt(crNew().Sub(crInt(1), crNew().Mul(bx, bx)))
				a = crAtan(crNew().Quo(bx, d))
			}
			if name == "acos" {
				return crRound(a.Sub(crNew().SetMantExp(c.pi, -1), a))
			}
			if x == 0 {
				return x
			}
			return crRound(a)
		}
	case "sinh":
		return glibcSinh
	case "cosh":
		return glibcCosh
	case "tanh":
		return glibcTanh
	}
	return nil
}

// crPow is math:pow/2 (x^y), correctly rounded where it is finite and
// x > 0 or y an integer.
func crPow(x, y float64) float64 {
	r := math.Pow(x, y)
	if math.IsNaN(r) || math.IsInf(r, 0) || r == 0 || x == 0 || y == 0 || x == 1 || math.IsInf(x, 0) || math.IsInf(y, 0) {
		return r
	}
	neg := x < 0 && math.Mod(y, 2) != 0
	l := crLog(crFloat(math.Abs(x)), crConstants().ln2)
	v := crRound(crExp(l.Mul(l, crFloat(y)), crConstants().ln2))
	if neg {
		return -v
	}
	return v
}

// crAtan2 is atan2(y, x).
func crAtan2(y, x float64) float64 {
	if x == 0 || y == 0 || math.IsInf(x, 0) || math.IsInf(y, 0) || math.IsNaN(x) || math.IsNaN(y) {
		return math.Atan2(y, x)
	}
	c := crConstants()
	a := crAtan(crNew().Quo(crFloat(y), crFloat(x)))
	if x < 0 {
		if y >= 0 {
			a.Add(a, c.pi)
		} else {
			a.Sub(a, c.pi)
		}
	}
	return crRound(a)
}

// glibc computes sinh, cosh, tanh and log10 with fdlibm's formulas from
// exp, expm1 and log, each rounded, so their results are not always the
// correctly rounded ones; otpbox evaluates the same formulas on the
// correctly rounded primitives to print what BEAM prints.

func crExpF(x float64) float64 { return crMath1("exp")(x) }

func crExpm1(x float64) float64 {
	if x == 0 || math.Abs(x) > 700 {
		return math.Expm1(x)
	}
	e := crExp(crFloat(x), crConstants().ln2)
	return crRound(e.Sub(e, crInt(1)))
}

func glibcSinh(x float64) float64 {
	ax := math.Abs(x)
	h := 0.5
	if x < 0 {
		h = -h
	}
	switch {
	case math.IsNaN(x) || ax < 0x1p-28:
		return x
	case ax < 22:
		t := crExpm1(ax)
		if ax < 1 {
			return h * (2*t - t*t/(t+1))
		}
		return h * (t + t/(t+1))
	case ax < 709.7822265625:
		return h * crExpF(ax)
	}
	return math.Sinh(x)
}

func glibcCosh(x float64) float64 {
	ax := math.Abs(x)
	switch {
	case math.IsNaN(x):
		return x
	case ax < 0.3465735902799726: // 0.5 ln 2
		t := crExpm1(ax)
		w := 1 + t
		if ax < 0x1p-55 {
			return w
		}
		return 1 + (t*t)/(w+w)
	case ax < 22:
		t := crExpF(ax)
		return 0.5*t + 0.5/t
	case ax < 709.7822265625:
		return 0.5 * crExpF(ax)
	}
	return math.Cosh(x)
}

func glibcTanh(x float64) float64 {
	ax := math.Abs(x)
	var z float64
	switch {
	case math.IsNaN(x):
		return x
	case ax < 0x1p-55:
		return x * (1 + x)
	case ax >= 22:
		z = 1
	case ax >= 1:
		t := crExpm1(2 * ax)
		z = 1 - 2/(t+2)
	default:
		t := crExpm1(-2 * ax)
		z = -t / (t + 2)
	}
	if x < 0 {
		return -z
	}
	return z
}

func glibcLog10(x float64) float64 {
	const (
		ivln10    = 4.34294481903251816668e-01
		log10_2hi = 3.01029995663611771306e-01
		log10_2lo = 3.69423907715893078616e-13
	)
	bits := math.Float64bits(x)
	k := 0
	if bits>>52 == 0 { // subnormal
		x *= 0x1p54
		k -= 54
		bits = math.Float64bits(x)
	}
	hx := uint32(bits >> 32)
	k += int(hx>>20) - 1023
	i := 0
	if k < 0 {
		i = 1
	}
	hx = hx&0x000fffff | uint32(0x3ff-i)<<20
	y := float64(k + i)
	x = math.Float64frombits(uint64(hx)<<32 | bits&0xffffffff)
	z := y*log10_2lo + ivln10*crRound(crLog(crFloat(x), crConstants().ln2))
	return z + y*log10_2hi
}
