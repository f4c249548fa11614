package vm

import (
	"encoding/binary"
	"math"
	"math/big"
	"math/bits"
	"unicode/utf8"

	"github.com/otpbox/otpbox/sandbox/erl/syntax"
	"github.com/otpbox/otpbox/sandbox/erl/term"
)

// segment describes one segment of a binary construction or match.
type segment struct {
	typ     string // integer, float, binary, bits, utf8, utf16, utf32
	sizeReg int32  // -1: the type's default size
	unit    int
	signed  bool
	little  bool
	valReg  int32 // construction: the value
	offReg  int32 // matching: the offset register
}

func (c *compiler) segSpec(e *syntax.BinElem) segment {
	s := segment{typ: "integer", sizeReg: -1, unit: 1}
	for _, t := range e.Types {
		switch t.Name {
		case "integer", "float", "binary", "bytes", "bits", "bitstring", "utf8", "utf16", "utf32":
			s.typ = t.Name
		case "signed":
			s.signed = true
		case "unsigned":
			s.signed = false
		case "little":
			s.little = true
		case "big":
			s.little = false
		case "native":
			s.little = true
		case "unit":
			if t.Arg != nil {
				s.unit = int(t.Arg.Value)
			}
		}
	}
	switch s.typ {
	case "bytes":
		s.typ = "binary"
	case "bitstring":
		s.typ = "bits"
	}
	if s.typ == "binary" && !hasUnit(e) {
		s.unit = 8
	}
	if e.Size != nil {
		s.sizeReg = c.tmp()
		c.expr(e.Size, s.sizeReg, false)
	}
	return s
}

func hasUnit(e *syntax.BinElem) bool {
	for _, t := range e.Types {
		if t.Name == "unit" {
			return true
		}
	}
	return false
}

func (c *compiler) binaryExpr(e *syntax.Binary, dst int32) {
	var segs []segment
	for _, el := range e.Elems {
		if s, ok := el.Value.(*syntax.String); ok {
			// "abc"/T is "a"/T, "b"/T, "c"/T.
			spec := c.segSpec(el)
			for _, ch := range s.Value {
				k := c.tmp()
				c.loadConst(k, term.MakeInt(int64(ch)))
				seg := spec
				seg.valReg = k
				segs = append(segs, seg)
			}
			continue
		}
		v := c.tmp()
		c.expr(el.Value, v, false)
		s := c.segSpec(el)
		s.valReg = v
		segs = append(segs, s)
	}
	c.f.segs = append(c.f.segs, segs)
	i := c.emit(opBinBuild, dst, int32(len(c.f.segs)-1), 0, c.failLabel())
	if c.gfail != nil {
		*c.gfail = append(*c.gfail, i)
	}
}

// binaryPattern matches r against a binary pattern.
func (c *compiler) binaryPattern(p *syntax.Binary, r int32, fails *[]int) {
	c.binaryPatternRest(p, r, fails, -1)
}

// binaryPatternRest is binaryPattern; when rest >= 0 the last segment (a
// bits segment taking the rest) goes to register rest and no end check is
// made.
func (c *compiler) binaryPatternRest(p *syntax.Binary, r int32, fails *[]int, rest int32) {
	off := c.tmp()
	*fails = append(*fails, c.emit(opBinStart, off, r, 0, -1))
	for _, el := range p.Elems {
		if s, ok := el.Value.(*syntax.String); ok {
			spec := c.segSpec(el)
			spec.offReg = off
			for _, ch := range s.Value {
				d := c.tmp()
				c.f.segs = append(c.f.segs, []segment{spec})
				*fails = append(*fails, c.emit(opBinGet, d, r, int32(len(c.f.segs)-1), -1))
				k := c.tmp()
				c.loadConst(k, term.MakeInt(int64(ch)))
				*fails = append(*fails, c.emit(opIsEqExact, 0, d, k, -1))
			}
			continue
		}
		s := c.segSpec(el)
		if (s.typ == "binary" || s.typ == "bits") && el.Size == nil {
			s.sizeReg = -2 // the rest
		}
		s.offReg = off
		c.f.segs = append(c.f.segs, []segment{s})
		d := c.tmp()
		*fails = append(*fails, c.emit(opBinGet, d, r, int32(len(c.f.segs)-1), -1))
		if rest >= 0 && el == p.Elems[len(p.Elems)-1] {
			c.emit(opMove, rest, d, 0, 0)
			return
		}
		c.pattern(el.Value, d, fails)
	}
	*fails = append(*fails, c.emit(opBinEnd, 0, r, off, -1))
}

// bitWriter appends bits to a buffer.
type bitWriter struct {
	buf  []byte
	nbit int
}

func (w *bitWriter) writeBits(v *big.Int, n int) {
	// Two's complement of v in n bits, big-endian.
	m := new(big.Int).Lsh(big.NewInt(1), uint(n))
	x := new(big.Int).Mod(v, m)
	for i := n - 1; i >= 0; i-- {
		w.writeBit(x.Bit(i))
	}
}

func (w *bitWriter) writeBit(b uint) {
	if w.nbit%8 == 0 {
		w.buf = append(w.buf, 0)
	}
	if b != 0 {
		w.buf[w.nbit/8] |= 0x80 >> (w.nbit % 8)
	}
	w.nbit++
}

func (w *bitWriter) writeBytes(b []byte, nbits int) {
	if w.nbit%8 == 0 && nbits%8 == 0 {
		w.buf = append(w.buf, b[:nbits/8]...)
		w.nbit += nbits
		return
	}
	for i := 0; i < nbits; i++ {
		w.writeBit(uint(b[i/8]>>(7-i%8)) & 1)
	}
}

func segSize(regs []term.Term, s segment) (int, bool) {
	if s.sizeReg < 0 {
		return -1, true
	}
	n, ok := regs[s.sizeReg].Int()
	if !ok || n < 0 {
		return 0, false
	}
	return int(n) * s.unit, true
}

func buildBinary(regs []term.Term, segs []segment) (term.Term, bool) {
	var w bitWriter
	for _, s := range segs {
		v := regs[s.valReg]
		n, ok := segSize(regs, s)
		if !ok {
			return term.Nil, false
		}
		switch s.typ {
		case "integer":
			if !v.IsInt() {
				return term.Nil, false
			}
			if n < 0 {
				n = 8
			}
			x := v.Big()
			if s.little && n%8 == 0 {
				var t bitWriter
				t.writeBits(x, n)
				for i := len(t.buf) - 1; i >= 0; i-- {
					w.writeBytes(t.buf[i:i+1], 8)
				}
				continue
			}
			w.writeBits(x, n)
		case "float":
			f, ok := v.ToFloat()
			if !ok {
				return term.Nil, false
			}
			if n < 0 {
				n = 64
			}
			b := make([]byte, 8)
			switch n {
			case 64:
				if s.little {
					binary.LittleEndian.PutUint64(b, math.Float64bits(f))
				} else {
					binary.BigEndian.PutUint64(b, math.Float64bits(f))
				}
			case 32:
				b = b[:4]
				if s.little {
					binary.LittleEndian.PutUint32(b, math.Float32bits(float32(f)))
				} else {
					binary.BigEndian.PutUint32(b, math.Float32bits(float32(f)))
				}
			default:
				return term.Nil, false
			}
			w.writeBytes(b, n)
		case "binary", "bits":
			if v.Kind() != term.KindBits {
				return term.Nil, false
			}
			b := v.Bits()
			if n < 0 {
				n = b.Size
				if s.typ == "binary" && n%8 != 0 {
					return term.Nil, false
				}
			}
			if n > b.Size {
				return term.Nil, false
			}
			w.writeBytes(b.Data, n)
		case "utf8", "utf16", "utf32":
			r, ok := v.Int()
			if !ok || r < 0 || r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff) {
				return term.Nil, false
			}
			var b []byte
			switch s.typ {
			case "utf8":
				b = utf8.AppendRune(nil, rune(r))
			case "utf32":
				b = []byte{byte(r >> 24), byte(r >> 16), byte(r >> 8), byte(r)}
			default:
				if r < 0x10000 {
					b = []byte{byte(r >> 8), byte(r)}
				} else {
					r -= 0x10000
					hi, lo := 0xd800+(r>>10), 0xdc00+(r&0x3ff)
					b = []byte{byte(hi >> 8), byte(hi), byte(lo >> 8), byte(lo)}
				}
			}
			if s.little {
				// utf16 is little-endian per 16-bit unit, utf32 whole.
				if s.typ == "utf32" {
					b[0], b[1], b[2], b[3] = b[3], b[2], b[1], b[0]
				} else if s.typ == "utf16" {
					for i := 0; i < len(b); i += 2 {
						b[i], b[i+1] = b[i+1], b[i]
					}
				}
			}
			w.writeBytes(b, 8*len(b))
		}
	}
	return term.MakeBits(w.buf, w.nbit), true
}

func readBits(b *term.Bits, off, n int) *big.Int {
	x := new(big.Int)
	for i := 0; i < n; i++ {
		bit := (b.Data[(off+i)/8] >> (7 - (off+i)%8)) & 1
		x.Lsh(x, 1)
		if bit != 0 {
			x.SetBit(x, 0, 1)
		}
	}
	return x
}

func sliceBits(b *term.Bits, off, n int) term.Term {
	if off%8 == 0 {
		end := (off + n + 7) / 8
		data := b.Data[off/8 : end]
		if n%8 != 0 {
			data = append([]byte(nil), data...)
			data[len(data)-1] &= byte(0xff << (8 - n%8))
		}
		return term.MakeBits(data, n)
	}
	var w bitWriter
	for i := 0; i < n; i++ {
		w.writeBit(uint(b.Data[(off+i)/8]>>(7-(off+i)%8)) & 1)
	}
	return term.MakeBits(w.buf, w.nbit)
}

// matchSegment reads one segment at *off; ok false on mismatch.
func matchSegment(regs []term.Term, bin term.Term, s segment) (term.Term, bool) {
	b := bin.Bits()
	off64, _ := regs[s.offReg].Int()
	off := int(off64)
	rest := b.Size - off
	n, ok := segSize(regs, s)
	if !ok {
		return term.Nil, false
	}
	var v term.Term
	switch s.typ {
	case "integer":
		if n < 0 {
			n = 8
		}
		if n > rest {
			return term.Nil, false
		}
		x := readBits(b, off, n)
		if s.little && n%8 == 0 {
			bs := x.FillBytes(make([]byte, n/8))
			for i, j := 0, len(bs)-1; i < j; i, j = i+1, j-1 {
				bs[i], bs[j] = bs[j], bs[i]
			}
			x.SetBytes(bs)
		}
		if s.signed && n > 0 && x.Bit(n-1) == 1 {
			x.Sub(x, new(big.Int).Lsh(big.NewInt(1), uint(n)))
		}
		v = term.MakeBig(x)
	case "float":
		if n < 0 {
			n = 64
		}
		if n > rest || (n != 64 && n != 32) {
			return term.Nil, false
		}
		x := readBits(b, off, n).FillBytes(make([]byte, n/8))
		var f float64
		if n == 64 {
			u := binary.BigEndian.Uint64(x)
			if s.little {
				u = binary.LittleEndian.Uint64(x)
			}
			f = math.Float64frombits(u)
		} else {
			u := binary.BigEndian.Uint32(x)
			if s.little {
				u = binary.LittleEndian.Uint32(x)
			}
			f = float64(math.Float32frombits(u))
		}
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return term.Nil, false
		}
		v = term.MakeFloat(f)
	case "binary", "bits":
		if s.sizeReg == -2 {
			n = rest
			if s.typ == "binary" && n%8 != 0 {
				return term.Nil, false
			}
		}
		if n > rest {
			return term.Nil, false
		}
		v = sliceBits(b, off, n)
	case "utf8":
		if rest < 8 || off%8 != 0 {
			return term.Nil, false
		}
		r, size := utf8.DecodeRune(b.Data[off/8 : (off+rest)/8])
		if r == utf8.RuneError && size <= 1 {
			return term.Nil, false
		}
		n = size * 8
		v = term.MakeInt(int64(r))
	default:
		w := 32
		if s.typ == "utf16" {
			w = 16
		}
		if rest < w {
			return term.Nil, false
		}
		unit := func(at int) int64 {
			x := readBits(b, at, w).Int64()
			if s.little && w == 16 {
				x = x>>8 | (x&0xff)<<8
			} else if s.little {
				x = int64(bits.ReverseBytes32(uint32(x)))
			}
			return x
		}
		x := unit(off)
		n = w
		if w == 16 && x >= 0xd800 && x <= 0xdbff && rest >= 32 {
			lo := unit(off + 16)
			x = 0x10000 + (x-0xd800)<<10 + (lo - 0xdc00)
			n = 32
		}
		v = term.MakeInt(x)
	}
	regs[s.offReg] = term.MakeInt(int64(off + n))
	return v, true
}
