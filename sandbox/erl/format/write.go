package format

import (
	"strconv"
	"strings"
)

// Encoding says which characters may be printed as themselves: Latin1 is
// io_lib's default, Unicode is what the t modifier (~tp, ~ts, ~tw) asks for.
type Encoding int

// The encodings.
const (
	Latin1 Encoding = iota
	Unicode
)

// Write is io_lib:write(T, [{depth, Depth}, {encoding, Enc}]): the term as
// ~w prints it. Depth < 0 means no limit.
func Write(t Term, depth int, enc Encoding) string {
	var b strings.Builder
	writeTerm(&b, t, depth, enc)
	return b.String()
}

func writeTerm(b *strings.Builder, t Term, d int, enc Encoding) {
	if d == 0 {
		b.WriteString("...")
		return
	}
	switch kindOf(t) {
	case kInt:
		if v, ok := t.Int(); ok {
			var buf [24]byte
			b.Write(strconv.AppendInt(buf[:0], v, 10))
			return
		}
		b.WriteString(intText(t, 10))
	case kFloat:
		appendShortFloat(b, floatVal(t))
	case kAtom:
		writeAtom(b, atomName(t), enc)
	case kRef, kFun, kPort, kPid:
		b.WriteString(opaqueText(t))
	case kBits:
		writeBinary(b, t, d)
	case kNil:
		b.WriteString("[]")
	case kCons:
		if d == 1 {
			b.WriteString("[...]")
			return
		}
		h, tl := cons(t)
		b.WriteByte('[')
		writeTerm(b, h, d-1, enc)
		d--
		for {
			if kindOf(tl) == kNil {
				break
			}
			if d == 1 {
				b.WriteString("|...")
				break
			}
			if kindOf(tl) != kCons {
				b.WriteByte('|')
				writeTerm(b, tl, d-1, enc)
				break
			}
			h, tl = cons(tl)
			b.WriteByte(',')
			writeTerm(b, h, d-1, enc)
			d--
		}
		b.WriteByte(']')
	case kTuple:
		n := tupleLen(t)
		if n == 0 {
			b.WriteString("{}")
			return
		}
		if d == 1 {
			b.WriteString("{...}")
			return
		}
		b.WriteByte('{')
		writeTerm(b, tupleAt(t, 0), d-1, enc)
		d--
		for i := 1; i < n; i++ {
			if d == 1 {
				b.WriteString(",...")
				break
			}
			b.WriteByte(',')
			writeTerm(b, tupleAt(t, i), d-1, enc)
			d--
		}
		b.WriteByte('}')
	case kMap:
		if d == 1 || mapSize(t) == 0 {
			b.WriteString("#{}")
			return
		}
		keys, vals := mapPairs(t)
		b.WriteString("#{")
		d0 := d - 1
		for i := range keys {
			if i > 0 {
				if d0-(i-1) == 1 {
					b.WriteString(",...")
					break
				}
				b.WriteByte(',')
			}
			writeTerm(b, keys[i], d0, enc)
			b.WriteString(" => ")
			writeTerm(b, vals[i], d0, enc)
		}
		b.WriteByte('}')
	}
}

// writeBinary is io_lib:write_binary: bytes as integers, a trailing
// partial byte as Value:Bits, "..." once the depth runs out.
func writeBinary(b *strings.Builder, t Term, d int) {
	b.WriteString("<<")
	for i, s := range binarySegments(t, d) {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(s)
	}
	b.WriteString(">>")
}

// binarySegments is the comma-separated parts of a binary written with
// depth d: each byte, then "V:N" for trailing bits or "..." when cut short.
func binarySegments(t Term, d int) []string {
	data, n := bits(t)
	var segs []string
	for i := 0; n > 0; i++ {
		if d == 1 {
			segs = append(segs, "...")
			break
		}
		if n < 8 {
			v := int(data[i]) >> (8 - n)
			segs = append(segs, strconv.Itoa(v)+":"+strconv.Itoa(n))
			break
		}
		segs = append(segs, strconv.Itoa(int(data[i])))
		n -= 8
		d--
	}
	return segs
}

// reserved are the words an atom must be quoted to avoid (erl_scan's
// reserved words in OTP 25; 'maybe' and 'else' are not among them).
var reserved = map[string]bool{
	"after": true, "begin": true, "case": true, "try": true, "cond": true, "catch": true,
	"andalso": true, "orelse": true, "end": true, "fun": true, "if": true, "let": true,
	"of": true, "receive": true, "when": true, "bnot": true, "not": true, "div": true,
	"rem": true, "band": true, "and": true, "bor": true, "bxor": true, "bsl": true,
	"bsr": true, "or": true, "xor": true,
}

// WriteAtom is io_lib:write_atom (enc Unicode) or write_atom_as_latin1
// (enc Latin1): the atom's name, quoted when it would not read back as the
// same atom unquoted.
func WriteAtom(name string, enc Encoding) string {
	var b strings.Builder
	writeAtom(&b, name, enc)
	return b.String()
}

func writeAtom(b *strings.Builder, name string, enc Encoding) {
	if !atomNeedsQuotes(name) {
		b.WriteString(name)
		return
	}
	mode := unicodeAsLatin1
	if enc == Unicode {
		mode = unicodeAsUnicode
	}
	writeQuoted(b, name, '\'', mode)
}

func atomNeedsQuotes(name string) bool {
	if reserved[name] {
		return true
	}
	first := true
	for _, c := range name {
		if first {
			if !(c >= 'a' && c <= 'z' || c >= 'ß' && c <= 'ÿ' && c != '÷') {
				return true
			}
			first = false
			continue
		}
		if !nameChar(c) {
			return true
		}
	}
	return first // the empty atom is ''
}

func nameChar(c rune) bool {
	return c >= 'a' && c <= 'z' || c >= 'ß' && c <= 'ÿ' && c != '÷' ||
		c >= 'A' && c <= 'Z' || c >= 'À' && c <= 'Þ' && c != '×' ||
		c >= '0' && c <= '9' || c == '_' || c == '@'
}

// quoteMode is io_lib's string_char encoding argument.
type quoteMode int

const (
	latin1Only       quoteMode = iota // write_latin1_string: chars < 256 only
	unicodeAsLatin1                   // chars > 255 as \x{HEX}
	unicodeAsUnicode                  // chars >= 160 as themselves
)

// WriteString is io_lib:write_string(S, $"): a quoted, escaped string.
func WriteString(s []rune) string {
	var b strings.Builder
	writeQuotedRunes(&b, s, '"', unicodeAsUnicode)
	return b.String()
}

func writeQuoted(b *strings.Builder, s string, q rune, mode quoteMode) {
	writeQuotedRunes(b, []rune(s), q, mode)
}

func writeQuotedRunes(b *strings.Builder, s []rune, q rune, mode quoteMode) {
	b.WriteRune(q)
	for _, c := range s {
		writeStringChar(b, c, q, mode)
	}
	b.WriteRune(q)
}

func writeStringChar(b *strings.Builder, c, q rune, mode quoteMode) {
	switch {
	case c == q:
		b.WriteByte('\\')
		b.WriteRune(c)
	case c == '\\':
		b.WriteString(`\\`)
	case c >= ' ' && c <= '~':
		b.WriteRune(c)
	case c >= 0xA0 && c <= 0xFF && mode != unicodeAsUnicode:
		b.WriteRune(c)
	case c >= 0xA0 && mode == unicodeAsUnicode:
		b.WriteRune(c)
	case c > 0xFF && mode == unicodeAsLatin1:
		b.WriteString(`\x{`)
		b.WriteString(strings.ToUpper(strconv.FormatInt(int64(c), 16)))
		b.WriteByte('}')
	case c == '\n':
		b.WriteString(`\n`)
	case c == '\r':
		b.WriteString(`\r`)
	case c == '\t':
		b.WriteString(`\t`)
	case c == '\v':
		b.WriteString(`\v`)
	case c == '\b':
		b.WriteString(`\b`)
	case c == '\f':
		b.WriteString(`\f`)
	case c == 0x1B:
		b.WriteString(`\e`)
	case c == 0x7F:
		b.WriteString(`\d`)
	default:
		// Other control characters, as three octal digits.
		b.WriteByte('\\')
		b.WriteByte(byte('0' + (c>>6)&7))
		b.WriteByte(byte('0' + (c>>3)&7))
		b.WriteByte(byte('0' + c&7))
	}
}
