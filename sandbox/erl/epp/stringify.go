package epp

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/otpbox/otpbox/sandbox/erl/syntax"
)

// stringify renders tokens as epp renders ??Arg: each token's source form
// as io_lib writes it (so 16#ff becomes 255 and 'a' becomes a), joined by
// single spaces.
func stringify(tx *syntax.Texts, ts []syntax.Token) string {
	var b strings.Builder
	for i := range ts {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(tokenSrc(tx, &ts[i]))
	}
	return b.String()
}

// tokenSrc is epp's token_src: the text io_lib writes for a token's value.
func tokenSrc(tx *syntax.Texts, t *syntax.Token) string {
	switch t.Kind {
	case syntax.DOT:
		return "."
	case syntax.VAR:
		return tx.Lit(t)
	case syntax.CHAR:
		return writeChar(tx.Char(t))
	case syntax.STRING:
		return quoteString(tx.Lit(t))
	case syntax.ATOM:
		return quoteAtom(tx.Lit(t))
	case syntax.INTEGER:
		if v, ok := syntax.ParseInteger(tx.Text(t)); ok {
			return v.String()
		}
		return tx.Text(t)
	case syntax.FLOAT:
		return formatFloat(tx.Float(t))
	}
	return tx.Text(t)
}

// formatFloat writes f as io_lib's ~w does: the shortest digits that read
// back as f, in plain or exponent notation, whichever is shorter (plain on
// a tie).
func formatFloat(f float64) string {
	sign := ""
	if f < 0 || f == 0 && strconv.FormatFloat(f, 'g', -1, 64)[0] == '-' {
		sign, f = "-", -f
	}
	e := strconv.FormatFloat(f, 'e', -1, 64) // d.ddde±XX
	mant, expS, _ := strings.Cut(e, "e")
	exp, _ := strconv.Atoi(expS)
	digits := strings.Replace(mant, ".", "", 1)
	frac := digits[1:]
	if frac == "" {
		frac = "0"
	}
	sci := digits[:1] + "." + frac + "e" + strconv.Itoa(exp)
	var plain string
	switch {
	case exp >= 0 && len(digits) <= exp+1:
		plain = digits + strings.Repeat("0", exp+1-len(digits)) + ".0"
	case exp >= 0:
		plain = digits[:exp+1] + "." + digits[exp+1:]
	default:
		plain = "0." + strings.Repeat("0", -exp-1) + digits
	}
	if len(sci) < len(plain) {
		return sign + sci
	}
	return sign + plain
}

// escapeChar returns the escape io_lib uses for r inside a quoted atom,
// string or character literal, or "" when r is written as itself.
func escapeChar(r rune) string {
	switch r {
	case '\n':
		return `\n`
	case '\r':
		return `\r`
	case '\t':
		return `\t`
	case '\v':
		return `\v`
	case '\b':
		return `\b`
	case '\f':
		return `\f`
	case 27:
		return `\e`
	case 127:
		return `\d`
	case '\\':
		return `\\`
	}
	if r < 32 || r >= 128 && r < 160 {
		return fmt.Sprintf(`\%03o`, r)
	}
	return ""
}

func quoteWith(s string, q rune) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteRune(q)
	for _, r := range s {
		if r == q {
			b.WriteByte('\\')
			b.WriteRune(r)
			continue
		}
		if esc := escapeChar(r); esc != "" {
			b.WriteString(esc)
			continue
		}
		b.WriteRune(r)
	}
	b.WriteRune(q)
	return b.String()
}

// quoteString writes s as io_lib:write_string does.
func quoteString(s string) string { return quoteWith(s, '"') }

// writeChar writes c as io_lib:write_char does.
func writeChar(c rune) string {
	if c == ' ' {
		return `$\s`
	}
	if esc := escapeChar(c); esc != "" {
		return "$" + esc
	}
	return "$" + string(c)
}

// quoteAtom writes an atom as io_lib:write_atom does: bare when it reads
// back as the same atom, quoted otherwise.
func quoteAtom(name string) string {
	if atomNeedsQuotes(name) {
		return quoteWith(name, '\'')
	}
	return name
}

func atomNeedsQuotes(name string) bool {
	if name == "" {
		return true
	}
	for i, r := range name {
		if i == 0 {
			if !(r >= 'a' && r <= 'z' || r >= 0xDF && r <= 0xFF && r != 0xF7) {
				return true
			}
			continue
		}
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '@' ||
			r >= 0xC0 && r <= 0xFF && r != 0xD7 && r != 0xF7) {
			return true
		}
	}
	k := syntax.Keyword(name)
	return k != syntax.ATOM && k != syntax.MAYBE && k != syntax.ELSE
}
