// Package format is io_lib:format in Go: the directives of io:format and
// io_lib:format (~p ~w ~s ~n ~b ~B ~x ~X ~# ~+ ~f ~e ~g ~c ~i ~P ~W ~~, with
// the t and l modifiers, field width, precision, padding character, left
// adjustment and * arguments), term writing as io_lib:write does it, and
// the ~p pretty-printer of io_lib_pretty, with the same output as
// Erlang/OTP 25.
//
// The VM's io:format and io_lib:format BIFs call Format (or FormatTerms). It
// lives in Go, not in Erlang like OTP's io_lib_format, because formatting
// is allocation-heavy and allocation is what costs most in the wasm build
// (see docs/rationale.md).
//
// Known differences from OTP 25: field widths and precisions above
// MaxField fail with ErrLimit; a deep-list format is flattened before it
// is read; the printable range is OTP's default (Latin-1: ~tp prints
// [1046] as a list, as erl does without +pc unicode); io_lib:format/3's
// chars_limit option is not supported.
package format

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// ErrBadArg is the reason io_lib:format fails with: the format and its
// arguments do not fit together. Format's errors wrap it.
var ErrBadArg = errors.New("badarg")

// DefaultLineLength is where ~p breaks lines when no field width says
// otherwise.
const DefaultLineLength = 80

// MaxField bounds field widths and precisions (and so ~p's column and line
// length). OTP has no bound, but "~800000000c" would make the VM allocate
// gigabytes outside its own memory accounting; beyond MaxField Format fails
// with ErrLimit, which the VM reports as system_limit.
const MaxField = 1 << 20

// ErrLimit is the error for a field width or precision above MaxField.
var ErrLimit = errors.New("system_limit")

type adjust uint8

const (
	right adjust = iota
	left
)

// spec is one parsed control sequence.
type spec struct {
	ctl   rune
	width int // -1: none
	prec  int // -1: none
	pad   rune
	adj   adjust
	enc   Encoding
	strs  bool // false with the l modifier
	args  []Term
}

// Format is io_lib:format(Fmt, Args) flattened into a string: fmt is the
// format's characters. It fails, wrapping ErrBadArg, in the cases where
// io_lib:format raises badarg, and with ErrLimit for a field above
// MaxField.
func Format(fmtStr string, args []Term) (string, error) {
	var b strings.Builder
	if err := Append(&b, []rune(fmtStr), args); err != nil {
		return "", err
	}
	return b.String(), nil
}

// Append formats into b. fmt is the format's characters (any code points,
// as an Erlang string may hold).
func Append(b *strings.Builder, fmtRunes []rune, args []Term) error {
	specs, lits, err := scan(fmtRunes, args)
	if err != nil {
		return err
	}
	col := 0
	start := b.Len()
	for i, lit := range lits {
		for _, c := range lit {
			b.WriteRune(c)
			col = advance(col, c)
		}
		if i == len(specs) {
			break
		}
		before := b.Len()
		if err := emit(b, &specs[i], col); err != nil {
			trimTo(b, start)
			return err
		}
		for _, c := range b.String()[before:] {
			col = advance(col, c)
		}
	}
	return nil
}

// trimTo drops what was written after n bytes; a failed format writes
// nothing.
func trimTo(b *strings.Builder, n int) {
	s := b.String()[:n]
	b.Reset()
	b.WriteString(s)
}

// advance is io_lib_format's column tracking, which ~p uses as its start
// column: a newline resets it, a tab moves to the next multiple of 8.
func advance(col int, c rune) int {
	switch c {
	case '\n':
		return 0
	case '\t':
		return (col + 8) / 8 * 8
	}
	return col + 1
}

func badarg(format string, a ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrBadArg}, a...)...)
}

// scan splits the format into literal runs and control sequences, taking
// each sequence's arguments; lits has one more entry than specs.
func scan(f []rune, args []Term) ([]spec, [][]rune, error) {
	var specs []spec
	var lits [][]rune
	var lit []rune
	i := 0
	for i < len(f) {
		if f[i] != '~' {
			lit = append(lit, f[i])
			i++
			continue
		}
		at := i
		i++
		s := spec{width: -1, prec: -1, pad: ' ', strs: true}
		// Field width, possibly negative (left adjusted), possibly *.
		neg := false
		if i < len(f) && f[i] == '-' {
			neg = true
			i++
		}
		var ok bool
		var v int
		if v, i, args, ok = fieldValue(f, i, args); ok {
			if neg {
				v = -v
			}
			if v < 0 {
				s.adj, v = left, -v
			}
			s.width = v
		}
		if i < len(f) && f[i] == '.' {
			i++
			if v, i, args, ok = fieldValue(f, i, args); ok {
				s.prec = v
			}
			if i < len(f) && f[i] == '.' {
				switch {
				case i+1 < len(f) && f[i+1] == '*' && len(args) > 0:
					c, isInt := smallInt(args[0])
					if !isInt {
						return nil, nil, badarg("padding character %s is not a character", Write(args[0], -1, Latin1))
					}
					s.pad, args, i = rune(c), args[1:], i+2
				case i+1 < len(f):
					s.pad, i = f[i+1], i+2
				default:
					return nil, nil, badarg("format ends inside the control sequence at position %d", at+1)
				}
			}
		}
		if s.width > MaxField || s.prec > MaxField {
			return nil, nil, fmt.Errorf("%w: field width or precision above %d in the control sequence at position %d", ErrLimit, MaxField, at+1)
		}
		for i < len(f) && (f[i] == 't' || f[i] == 'l') {
			if f[i] == 't' {
				s.enc = Unicode
			} else {
				s.strs = false
			}
			i++
		}
		if i >= len(f) {
			return nil, nil, badarg("format ends inside the control sequence at position %d", at+1)
		}
		s.ctl = f[i]
		i++
		if s.prec < -1 && s.ctl != 'p' && s.ctl != 'P' {
			// A negative * precision matches no clause of io_lib_format;
			// ~p takes it as a column, which io_lib_pretty raises to 1.
			return nil, nil, badarg("negative precision in the control sequence at position %d", at+1)
		}
		n, known := argCount[s.ctl]
		if !known {
			return nil, nil, badarg("unknown control sequence ~%c at position %d", s.ctl, at+1)
		}
		if len(args) < n {
			return nil, nil, badarg("too few arguments for ~%c at position %d", s.ctl, at+1)
		}
		s.args, args = args[:n], args[n:]
		specs = append(specs, s)
		lits = append(lits, lit)
		lit = nil
	}
	if len(args) > 0 {
		return nil, nil, badarg("%d arguments left over", len(args))
	}
	lits = append(lits, lit)
	return specs, lits, nil
}

// argCount is how many arguments each control character takes.
var argCount = map[rune]int{
	'w': 1, 'p': 1, 'W': 2, 'P': 2, 's': 1, 'e': 1, 'f': 1, 'g': 1, 'b': 1, 'B': 1,
	'x': 2, 'X': 2, '+': 1, '#': 1, 'c': 1, '~': 0, 'n': 0, 'i': 1,
}

// fieldValue reads a number or a * (taking an integer argument).
func fieldValue(f []rune, i int, args []Term) (int, int, []Term, bool) {
	if i < len(f) && f[i] == '*' && len(args) > 0 {
		if v, ok := smallInt(args[0]); ok {
			return v, i + 1, args[1:], true
		}
		return 0, i, args, false
	}
	if i >= len(f) || f[i] < '0' || f[i] > '9' {
		return 0, i, args, false
	}
	v := 0
	for i < len(f) && f[i] >= '0' && f[i] <= '9' {
		if v <= MaxField {
			v = v*10 + int(f[i]-'0')
		}
		i++
	}
	return v, i, args, true
}

// emit writes one control sequence's output; col is the current column.
func emit(b *strings.Builder, s *spec, col int) error {
	a := s.args
	switch s.ctl {
	case '~':
		writeChar(b, '~', s)
	case 'n':
		if s.width >= 0 && s.adj == left {
			return badarg("~n cannot be left adjusted")
		}
		n := 1
		if s.width >= 0 {
			n = s.width
		}
		b.WriteString(strings.Repeat("\n", n))
	case 'i':
	case 'c':
		c, ok := smallInt(a[0])
		if !ok || c < 0 {
			return badarg("~c needs a character, got %s", Write(a[0], -1, Latin1))
		}
		if s.enc == Latin1 {
			c &= 255
		}
		if s.width >= 0 && s.prec >= 0 && s.width < s.prec {
			return badarg("~c: field width smaller than precision")
		}
		writeChar(b, rune(c), s)
	case 'w', 'W':
		depth := -1
		if s.ctl == 'W' {
			d, ok := smallInt(a[1])
			if !ok {
				return badarg("~W needs an integer depth, got %s", Write(a[1], -1, Latin1))
			}
			depth = d
		}
		field(b, Write(a[0], depth, s.enc), s.width, s.adj, s.prec, s.pad)
	case 'p', 'P':
		depth := -1
		if s.ctl == 'P' {
			d, ok := smallInt(a[1])
			if !ok {
				return badarg("~P needs an integer depth, got %s", Write(a[1], -1, Latin1))
			}
			depth = d
		}
		if s.adj == left {
			return badarg("~%c cannot be left adjusted", s.ctl)
		}
		ll := DefaultLineLength
		if s.width >= 0 {
			ll = s.width
		}
		start := col + 1
		if s.prec >= 0 || s.prec < -1 {
			start = s.prec
		}
		p := printer{enc: s.enc, strings: s.strs}
		p.print(b, a[0], start, ll, depth)
	case 's':
		chars, err := stringArg(a[0], s.enc)
		if err != nil {
			return err
		}
		return writeString(b, chars, s)
	case 'e', 'f', 'g':
		return emitFloat(b, s)
	case 'b', 'B', 'x', 'X', '+', '#':
		return emitInt(b, s)
	}
	return nil
}

func writeChar(b *strings.Builder, c rune, s *spec) {
	switch {
	case s.width < 0 && s.prec < 0:
		b.WriteRune(c)
	case s.prec < 0:
		repeat(b, c, s.width)
	case s.width < 0:
		repeat(b, c, s.prec)
	default:
		pad := s.width - s.prec
		if s.adj == right {
			repeat(b, s.pad, pad)
		}
		repeat(b, c, s.prec)
		if s.adj == left {
			repeat(b, s.pad, pad)
		}
	}
}

func repeat(b *strings.Builder, c rune, n int) {
	for ; n > 0; n-- {
		b.WriteRune(c)
	}
}

// field is io_lib_format's term/5: text in a field of width f, replaced by
// stars when it does not fit.
func field(b *strings.Builder, text string, f int, adj adjust, p int, pad rune) {
	if f < 0 && p < 0 {
		b.WriteString(text)
		return
	}
	if f < 0 {
		f = p
	}
	l := utf8.RuneCountInString(text)
	limit := f
	if p >= 0 {
		limit = min(p, f)
	}
	limit = min(l, limit)
	if l > limit {
		padded(b, strings.Repeat("*", limit), f-limit, adj, pad)
		return
	}
	padded(b, text, f-l, adj, pad)
}

func padded(b *strings.Builder, text string, n int, adj adjust, pad rune) {
	if adj == right {
		repeat(b, pad, n)
	}
	b.WriteString(text)
	if adj == left {
		repeat(b, pad, n)
	}
}

// stringArg is the characters ~s prints for t: an atom's name, or an
// iolist (latin1) or chardata (unicode, binaries decoded as UTF-8 when they
// are valid, else byte by byte).
func stringArg(t Term, enc Encoding) ([]rune, error) {
	if kindOf(t) == kAtom {
		cs := []rune(atomName(t))
		if enc == Latin1 {
			for _, c := range cs {
				if c > 255 {
					return nil, badarg("~s of atom %s: characters beyond Latin-1 need ~ts", WriteAtom(atomName(t), Unicode))
				}
			}
		}
		return cs, nil
	}
	var cs []rune
	if !appendChars(&cs, t, enc) {
		return nil, badarg("~s needs a string, binary or atom, got %s", Write(t, -1, Latin1))
	}
	return cs, nil
}

func appendChars(cs *[]rune, t Term, enc Encoding) bool {
	switch kindOf(t) {
	case kBits:
		data, n := bits(t)
		if n%8 != 0 {
			return false
		}
		if enc == Unicode && utf8.Valid(data) {
			*cs = append(*cs, []rune(string(data))...)
			return true
		}
		for _, c := range data {
			*cs = append(*cs, rune(c))
		}
		return true
	case kNil:
		return true
	case kCons:
		for kindOf(t) == kCons {
			h, tl := cons(t)
			if c, ok := smallInt(h); ok {
				if c < 0 || enc == Latin1 && c > 255 || c > utf8.MaxRune {
					return false
				}
				*cs = append(*cs, rune(c))
			} else if !appendChars(cs, h, enc) {
				return false
			}
			t = tl
		}
		if kindOf(t) == kNil {
			return true
		}
		// An improper tail may be a binary, as in an iolist.
		return kindOf(t) == kBits && appendChars(cs, t, enc)
	}
	return false
}

// writeString is io_lib_format's string/6.
func writeString(b *strings.Builder, cs []rune, s *spec) error {
	f, p := s.width, s.prec
	n := len(cs)
	switch {
	case f < 0 && p < 0:
		b.WriteString(string(cs))
	case p < 0:
		stringField(b, cs, f, s.adj, s.pad)
	case f < 0:
		stringField(b, cs, p, left, s.pad)
	case f < p:
		// io_lib_format has no clause for a field narrower than the precision.
		return badarg("~s: field width %d is less than precision %d", f, p)
	case f > p:
		var t []rune
		switch {
		case n > p:
			t = cs[:p]
		case n < p:
			t = append(append(t, cs...), []rune(strings.Repeat(string(s.pad), p-n))...)
		default:
			t = cs
		}
		padded(b, string(t), f-p, s.adj, s.pad)
	default:
		stringField(b, cs, f, s.adj, s.pad)
	}
	return nil
}

func stringField(b *strings.Builder, cs []rune, f int, adj adjust, pad rune) {
	switch {
	case len(cs) > f:
		b.WriteString(string(cs[:f]))
	case len(cs) < f:
		padded(b, string(cs), f-len(cs), adj, pad)
	default:
		b.WriteString(string(cs))
	}
}

func emitFloat(b *strings.Builder, s *spec) error {
	if kindOf(s.args[0]) != kFloat {
		return badarg("~%c needs a float, got %s", s.ctl, Write(s.args[0], -1, Latin1))
	}
	x := floatVal(s.args[0])
	p := s.prec
	if p < 0 {
		p = 6
	}
	// io_lib_format has no clause for a smaller precision.
	least := 1
	if s.ctl == 'e' {
		least = 2
	}
	if p < least {
		return badarg("~%c needs a precision of at least %d", s.ctl, least)
	}
	var text string
	switch s.ctl {
	case 'f':
		text = fixedFloat(x, p)
	case 'e':
		text = expFloat(x, p)
	default:
		text = generalFloat(x, p)
	}
	field(b, text, s.width, s.adj, s.width, s.pad)
	return nil
}

// generalFloat is ~g: ~f form for 0.1 <= |x| < 10000 when the precision
// shows all integer digits, else ~e form; p counts significant digits.
func generalFloat(x float64, p int) string {
	a := x
	if a < 0 {
		a = -a
	}
	e := 0
	useF := true
	switch {
	case a < 0.1:
		e = -2
	case a < 1:
		e = -1
	case a < 10:
		e = 0
	case a < 100:
		e = 1
	case a < 1000:
		e = 2
	case a < 10000:
		e = 3
	default:
		useF = false
	}
	switch {
	case useF && (p <= 1 && e == -1 || p-1 > e && e >= -1):
		return fixedFloat(x, p-1-e)
	case p <= 1:
		return expFloat(x, 2)
	}
	return expFloat(x, p)
}

func emitInt(b *strings.Builder, s *spec) error {
	a := s.args
	if kindOf(a[0]) != kInt {
		return badarg("~%c needs an integer, got %s", s.ctl, Write(a[0], -1, Latin1))
	}
	base := 10
	if s.prec >= 0 {
		base = s.prec
	}
	if base < 2 || base > 36 {
		return badarg("~%c: base %d is not in 2..36", s.ctl, base)
	}
	digits := intText(a[0], base)
	neg := strings.HasPrefix(digits, "-")
	digits = strings.TrimPrefix(digits, "-")
	lower := s.ctl == 'b' || s.ctl == 'x' || s.ctl == '+'
	if lower {
		digits = strings.ToLower(digits)
	}
	var prefix string
	switch s.ctl {
	case 'x', 'X':
		switch kindOf(a[1]) {
		case kAtom:
			prefix = atomName(a[1])
		default:
			var cs []rune
			if !appendChars(&cs, a[1], Unicode) || containsBinary(a[1]) {
				return badarg("~%c needs a prefix that is an atom or a string, got %s", s.ctl, Write(a[1], -1, Latin1))
			}
			prefix = string(cs)
		}
	case '+', '#':
		prefix = fmt.Sprintf("%d#", base)
	}
	text := prefix + digits
	if neg {
		text = "-" + text
	}
	field(b, text, s.width, s.adj, -1, s.pad)
	return nil
}

// containsBinary reports whether a deep list holds a binary, which a ~x
// prefix (a deep character list) may not.
func containsBinary(t Term) bool {
	switch kindOf(t) {
	case kBits:
		return true
	case kCons:
		for kindOf(t) == kCons {
			h, tl := cons(t)
			if containsBinary(h) {
				return true
			}
			t = tl
		}
		return containsBinary(t)
	}
	return false
}
