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
func tokenDesc(t Token) string {
	switch t.Kind {
	case EOF:
		return ""
	case DOT:
		return "'.'"
	case ATOM:
		return writeAtom(t.Lit)
	case VAR:
		return t.Lit
	case INTEGER:
		if v, ok := ParseInteger(t.Text); ok {
			return v.String()
		}
		return t.Text
	case FLOAT:
		return formatFloat(t.Float)
	case CHAR:
		return writeChar(rune(t.Int))
	case STRING:
		return writeString(t.Lit, '"')
	case OTHER, ILLEGAL:
		return writeAtom(t.Text)
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

// attachComments gives each function without a -doc the %% comment block
// that ends on the line just above it, or just above its -spec.
func attachComments(f *File, toks []Token) {
	if len(f.Comments) == 0 {
		return
	}
	// A comment is a full-line comment when no other token of the same
	// file precedes it on its line.
	full := make(map[int32]*Comment)
	lastLine := int32(0)
	ci := 0
	for i := range toks {
		t := &toks[i]
		if t.File != "" || t.Macro.IsValid() {
			continue
		}
		if t.Kind == COMMENT {
			for ci < len(f.Comments) && f.Comments[ci].Pos.Offset != t.Pos.Offset {
				ci++
			}
			if ci < len(f.Comments) && t.Pos.Line != lastLine && strings.HasPrefix(t.Text, "%%") {
				full[t.Pos.Line] = f.Comments[ci]
			}
		}
		lastLine = t.End.Line
	}
	// A -spec between the comment block and the function does not
	// separate them: the spec's start line stands in for the function's.
	specStart := make(map[int32]int32)
	for _, form := range f.Forms {
		if s, ok := form.(*Spec); ok && !s.Callback {
			specStart[s.End.Line] = s.Pos.Line
		}
	}
	for _, form := range f.Forms {
		fn, ok := form.(*Function)
		if !ok || fn.Doc != "" {
			continue
		}
		top := fn.Pos.Line
		if l, ok := specStart[top-1]; ok {
			top = l
		}
		var lines []string
		for l := top - 1; full[l] != nil; l-- {
			lines = append(lines, strings.TrimPrefix(strings.TrimLeft(full[l].Text, "%"), " "))
		}
		for i, j := 0, len(lines)-1; i < j; i, j = i+1, j-1 {
			lines[i], lines[j] = lines[j], lines[i]
		}
		fn.Doc = strings.Join(lines, "\n")
	}
}
