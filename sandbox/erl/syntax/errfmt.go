package syntax

import (
	"math"
	"strconv"
	"strings"
)

// tokenDesc renders a token the way yecc's "syntax error before: ~s" does
// (yecctoken2string in OTP's yeccpre.hrl): atoms and symbols as quoted
// atoms, numbers by value, strings and characters in Erlang syntax, the
// end of input as nothing.
func tokenDesc(tx *Texts, t *Token) string {
	switch t.Kind {
	case EOF:
		return ""
	case DOT:
		return "'.'"
	case ATOM:
		return writeAtom(tx.Lit(t))
	case VAR:
		return tx.Lit(t)
	case INTEGER:
		if v, ok := ParseInteger(tx.Text(t)); ok {
			return v.String()
		}
		return tx.Text(t)
	case FLOAT:
		return formatFloat(tx.Float(t))
	case CHAR:
		return writeChar(tx.Char(t))
	case STRING:
		return writeString(tx.Lit(t), '"')
	case OTHER, ILLEGAL:
		return writeAtom(tx.Text(t))
	}
	return writeAtom(t.Kind.String())
}

// writeAtom quotes an atom name when Erlang's io_lib:write_atom would.
func writeAtom(name string) string {
	if !atomNeedsQuotes(name) {
		return name
	}
	return writeString(name, '\'')
}

func atomNeedsQuotes(name string) bool {
	if name == "" {
		return true
	}
	for i, r := range name {
		if i == 0 && !isLowerStart(r) {
			return true
		}
		if !isNameChar(r) {
			return true
		}
	}
	k := Keyword(name)
	return k != ATOM && k != MAYBE && k != ELSE
}

// writeChar renders a character literal as io_lib:write_char does.
func writeChar(r rune) string {
	if r == ' ' {
		return `$\s`
	}
	s := writeString(string(r), '"')
	return "$" + s[1:len(s)-1]
}

// formatFloat renders a float as Erlang's io_lib:write does: the shortest
// digits that read back, in fixed or scientific notation, whichever is
// shorter (fixed on a tie), always with a fraction part.
func formatFloat(f float64) string {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return strconv.FormatFloat(f, 'g', -1, 64)
	}
	fixed := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.Contains(fixed, ".") {
		fixed += ".0"
	}
	sci := strconv.FormatFloat(f, 'e', -1, 64)
	mant, exp, _ := strings.Cut(sci, "e")
	if !strings.Contains(mant, ".") {
		mant += ".0"
	}
	e, _ := strconv.Atoi(exp)
	sci = mant + "e" + strconv.Itoa(e)
	if len(sci) < len(fixed) {
		return sci
	}
	return fixed
}
