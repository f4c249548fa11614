package sema

import (
	"strconv"

	"github.com/otpbox/otpbox/sandbox/erl/syntax"
)

// Binary segment types, after erl_bits:set_bit_type/2 and erl_lint's
// bit_size_check: unknown type names, conflicting specifiers, units
// without sizes, sized utf segments, float sizes, and binary patterns
// with an unsized segment before the end.

type bitType struct {
	typ, sign, endian string
	unit              int // 0: not given
}

// checkBinElem checks one segment and reports whether it is a binary
// segment without a size (size all), which in a pattern must come last.
func (c *checker) checkBinElem(el *syntax.BinElem) (unsized bool) {
	var bt bitType
	for _, t := range el.Types {
		nt := bitType{}
		switch t.Name {
		case "integer", "utf8", "utf16", "utf32", "float", "binary":
			nt.typ = t.Name
		case "bytes":
			nt.typ, nt.unit = "binary", 8
		case "bitstring", "bits":
			nt.typ, nt.unit = "binary", 1
		case "big", "little", "native":
			nt.endian = t.Name
		case "signed", "unsigned":
			nt.sign = t.Name
		case "unit":
			if t.Arg == nil || t.Arg.Value < 1 || t.Arg.Value > 256 {
				arg := "undefined"
				if t.Arg != nil {
					arg = t.Arg.Text
				}
				c.add(Error, el, "undefined_bittype", "bit type {unit,%s} undefined", arg)
				return false
			}
			nt.unit = int(t.Arg.Value)
		default:
			c.add(Error, el, "undefined_bittype", "bit type %s undefined", atomText(t.Name))
			return false
		}
		for _, f := range []struct {
			what     string
			new, acc string
		}{
			{"endianness", nt.endian, bt.endian}, {"sign", nt.sign, bt.sign}, {"type", nt.typ, bt.typ},
			{"unit", unitText(nt.unit), unitText(bt.unit)},
		} {
			if f.new != "" && f.acc != "" && f.new != f.acc {
				c.add(Error, el, "bittype_mismatch", "conflict in %s specification for bit field: '%s' and '%s'", f.what, f.new, f.acc)
				return false
			}
		}
		if nt.endian != "" {
			bt.endian = nt.endian
		}
		if nt.sign != "" {
			bt.sign = nt.sign
		}
		if nt.typ != "" {
			bt.typ = nt.typ
		}
		if nt.unit != 0 {
			bt.unit = nt.unit
		}
	}
	if bt.typ == "" {
		bt.typ = "integer"
	}
	size, sizeKnown, sizeAll := segmentSize(el)
	switch bt.typ {
	case "utf8", "utf16", "utf32":
		if el.Size != nil || bt.unit != 0 {
			c.add(Error, el, "utf_bittype_size_or_unit", "neither size nor unit must be given for segments of type utf8/utf16/utf32")
		}
		return false
	case "integer", "float":
		if el.Size == nil && bt.unit != 0 {
			c.add(Error, el, "bittype_unit", "a bit unit size must not be specified unless a size is specified too")
			return false
		}
		if sizeAll {
			c.add(Error, el, "illegal_bitsize", "illegal bit size")
			return false
		}
	case "binary":
		return el.Size == nil || sizeAll
	}
	if bt.typ == "float" {
		unit := bt.unit
		if unit == 0 {
			unit = 1
		}
		bits := 64
		if el.Size != nil {
			if !sizeKnown {
				return false
			}
			bits = size * unit
		}
		if bits != 16 && bits != 32 && bits != 64 {
			c.add(Warning, el, "bad_bitsize", "bad float bit size")
		}
	}
	return false
}

func unitText(u int) string {
	if u == 0 {
		return ""
	}
	return strconv.Itoa(u)
}

// segmentSize evaluates a literal segment size.
func segmentSize(el *syntax.BinElem) (n int, known, all bool) {
	switch s := el.Size.(type) {
	case *syntax.Integer:
		if s.Big == nil {
			return int(s.Value), true, false
		}
	case *syntax.Atom:
		return 0, false, s.Name == "all"
	}
	return 0, false, false
}
