// Package etf encodes Erlang terms in the External Term Format (version
// 131, what term_to_binary/1 writes), the encoding of every value that
// crosses the sandbox's host/guest boundary. The format is documented by
// OTP (erts/doc/src/erl_ext_dist.xml), compact, and real Erlang is an
// oracle for it: the tests compare with term_to_binary's bytes.
//
// Encoding follows term_to_binary(T, [{minor_version, 2}]) byte for byte for
// every term without funs: UTF-8 atoms, STRING_EXT for short lists of
// bytes, NEW_FLOAT_EXT, the smallest integer form. Closures cannot be
// rebuilt on the other side (their code lives in the VM that made them), so
// they travel as NEW_FUN_EXT with their identity and environment only,
// enough to print them and to tell them apart.
package etf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/big"
	"unicode/utf8"

	"github.com/otpbox/otpbox/sandbox/erl/term"
)

// The tags of the format that this package writes or reads.
const (
	version        = 131
	newFloatExt    = 70
	bitBinaryExt   = 77
	newPidExt      = 88
	newerRefExt    = 90
	smallIntExt    = 97
	integerExt     = 98
	floatExt       = 99
	atomExt        = 100
	pidExt         = 103
	smallTupleExt  = 104
	largeTupleExt  = 105
	nilExt         = 106
	stringExt      = 107
	listExt        = 108
	binaryExt      = 109
	smallBigExt    = 110
	largeBigExt    = 111
	newFunExt      = 112
	exportExt      = 113
	mapExt         = 116
	atomUTF8Ext    = 118
	smallAtomUTF8  = 119
	smallAtomExt   = 115
	maxDecodeDepth = 10000
)

// ErrMalformed is wrapped by every decoding error.
var ErrMalformed = errors.New("malformed external term")

// Encode appends the external form of t (with the version byte) to dst.
func Encode(dst []byte, t term.Term) []byte {
	var e encoder
	return e.encode(append(dst, version), t)
}

// ErrFun is returned by EncodeOTP for a fun, whose code the external
// format would have to carry.
var ErrFun = errors.New("term_to_binary: funs cannot be encoded")

// EncodeOTP appends t as OTP 25's term_to_binary/1 writes it (with the
// version byte): the same format as Encode, except that atoms that fit
// latin-1 are written as ATOM_EXT, as term_to_binary's default minor
// version 1 does, so the bytes match BEAM's; a fun is refused with ErrFun.
func EncodeOTP(dst []byte, t term.Term) ([]byte, error) {
	e := encoder{otp: true}
	b := e.encode(append(dst, version), t)
	if e.err != nil {
		return nil, e.err
	}
	return b, nil
}

// encoder writes one term. otp selects term_to_binary's flavour (EncodeOTP);
// err records a fun met in that flavour.
type encoder struct {
	otp bool
	err error
}

func (e *encoder) encode(b []byte, t term.Term) []byte {
	switch t.Kind() {
	case term.KindInt:
		return encodeInt(b, t)
	case term.KindFloat:
		b = append(b, newFloatExt)
		return binary.BigEndian.AppendUint64(b, math.Float64bits(t.Float()))
	case term.KindAtom:
		return e.encodeAtom(b, t.AtomName())
	case term.KindNil:
		return append(b, nilExt)
	case term.KindCons:
		return e.encodeList(b, t)
	case term.KindTuple:
		es := t.Elems()
		if len(es) < 256 {
			b = append(b, smallTupleExt, byte(len(es)))
		} else {
			b = append(b, largeTupleExt)
			b = binary.BigEndian.AppendUint32(b, uint32(len(es)))
		}
		for _, x := range es {
			b = e.encode(b, x)
		}
		return b
	case term.KindMap:
		m := t.Map()
		b = append(b, mapExt)
		b = binary.BigEndian.AppendUint32(b, uint32(m.Len()))
		// BEAM writes a large map's pairs in maps:to_list/1's order.
		m.RangeList(func(k, v term.Term) bool {
			b = e.encode(b, k)
			b = e.encode(b, v)
			return true
		})
		return b
	case term.KindBits:
		bs := t.Bits()
		n := (bs.Size + 7) / 8
		if bs.Size%8 == 0 {
			b = append(b, binaryExt)
			b = binary.BigEndian.AppendUint32(b, uint32(n))
			return append(b, bs.Data[:n]...)
		}
		b = append(b, bitBinaryExt)
		b = binary.BigEndian.AppendUint32(b, uint32(n))
		b = append(b, byte(bs.Size%8))
		b = append(b, bs.Data[:n]...)
		// The unused low bits of the last byte are written as zeros.
		b[len(b)-1] &= byte(0xff << (8 - bs.Size%8))
		return b
	case term.KindPid:
		// <0.ID.Serial>: the VM's pid number is the ID; nonode@nohost has
		// creation 0, as real Erlang writes it for a non-distributed node.
		id := t.ID()
		b = append(b, newPidExt)
		b = e.encodeAtom(b, "nonode@nohost")
		b = binary.BigEndian.AppendUint32(b, uint32(id&0x7fff))
		b = binary.BigEndian.AppendUint32(b, uint32(id>>15))
		return binary.BigEndian.AppendUint32(b, 0)
	case term.KindRef:
		id := t.ID()
		b = append(b, newerRefExt, 0, 3)
		b = e.encodeAtom(b, "nonode@nohost")
		b = binary.BigEndian.AppendUint32(b, 0)
		b = binary.BigEndian.AppendUint32(b, uint32(id&0x3ffff))
		b = binary.BigEndian.AppendUint32(b, uint32(id>>18))
		return binary.BigEndian.AppendUint32(b, uint32(id>>50))
	case term.KindFun:
		if e.otp {
			e.err = ErrFun
			return b
		}
		return e.encodeFun(b, t.Fun())
	}
	// A port, which the VM never makes: an atom keeps the stream valid.
	return e.encodeAtom(b, "undefined")
}

func encodeInt(b []byte, t term.Term) []byte {
	if v, ok := t.Int(); ok {
		switch {
		case v >= 0 && v < 256:
			return append(b, smallIntExt, byte(v))
		case v >= math.MinInt32 && v <= math.MaxInt32:
			b = append(b, integerExt)
			return binary.BigEndian.AppendUint32(b, uint32(int32(v)))
		}
	}
	bi := t.Big()
	mag := bi.Bytes() // big-endian; the format wants little-endian
	n := len(mag)
	sign := byte(0)
	if bi.Sign() < 0 {
		sign = 1
	}
	if n < 256 {
		b = append(b, smallBigExt, byte(n), sign)
	} else {
		b = append(b, largeBigExt)
		b = binary.BigEndian.AppendUint32(b, uint32(n))
		b = append(b, sign)
	}
	for i := n - 1; i >= 0; i-- {
		b = append(b, mag[i])
	}
	return b
}

// encodeAtom writes the UTF-8 forms; in the OTP flavour an atom whose
// characters all fit latin-1 is written as ATOM_EXT in latin-1.
func (e *encoder) encodeAtom(b []byte, name string) []byte {
	if e.otp {
		latin := make([]byte, 0, len(name))
		for _, r := range name {
			if r > 255 {
				latin = nil
				break
			}
			latin = append(latin, byte(r))
		}
		if latin != nil {
			b = append(b, atomExt)
			b = binary.BigEndian.AppendUint16(b, uint16(len(latin)))
			return append(b, latin...)
		}
	}
	if len(name) < 256 {
		b = append(b, smallAtomUTF8, byte(len(name)))
	} else {
		b = append(b, atomUTF8Ext)
		b = binary.BigEndian.AppendUint16(b, uint16(len(name)))
	}
	return append(b, name...)
}

// encodeList writes a list iteratively (a long list is a long chain of
// cells, never a deep recursion): STRING_EXT when it is a proper list of
// at most 65535 bytes, as term_to_binary does, LIST_EXT otherwise.
func (e *encoder) encodeList(b []byte, t term.Term) []byte {
	n, proper, bytes := 0, true, true
	c := t
	for c.Kind() == term.KindCons {
		h := c.Cons().Head
		if v, ok := h.Int(); !ok || !h.IsSmall() || v < 0 || v > 255 {
			bytes = false
		}
		n++
		c = c.Cons().Tail
	}
	if !c.IsNil() {
		proper = false
	}
	if proper && bytes && n <= 65535 {
		b = append(b, stringExt)
		b = binary.BigEndian.AppendUint16(b, uint16(n))
		for c := t; !c.IsNil(); c = c.Cons().Tail {
			b = append(b, byte(c.Cons().Head.Small()))
		}
		return b
	}
	b = append(b, listExt)
	b = binary.BigEndian.AppendUint32(b, uint32(n))
	c = t
	for c.Kind() == term.KindCons {
		b = e.encode(b, c.Cons().Head)
		c = c.Cons().Tail
	}
	return e.encode(b, c)
}

func (e *encoder) encodeFun(b []byte, f *term.Fun) []byte {
	if f.External {
		b = append(b, exportExt)
		b = e.encode(b, f.Module)
		b = e.encode(b, f.Name)
		return e.encode(b, term.MakeInt(int64(f.Arity)))
	}
	start := len(b)
	b = append(b, newFunExt, 0, 0, 0, 0, byte(f.Arity))
	b = append(b, make([]byte, 16)...) // md5 of the module: unknown here
	b = binary.BigEndian.AppendUint32(b, uint32(f.Index))
	b = binary.BigEndian.AppendUint32(b, uint32(len(f.Env)))
	b = e.encode(b, f.Module)
	b = e.encode(b, term.MakeInt(int64(f.Index)))
	b = e.encode(b, term.MakeInt(int64(f.Uniq)))
	b = e.encode(b, term.MakePid(0))
	for _, x := range f.Env {
		b = e.encode(b, x)
	}
	binary.BigEndian.PutUint32(b[start+1:], uint32(len(b)-start))
	return b
}

// Decode reads one external term (with its version byte) from data and
// returns it with the number of bytes used. Atoms are made with mk (a VM's
// table, or term.MakeAtom); it may fail, for instance on a full table.
func Decode(data []byte, mk func(string) (term.Term, error)) (term.Term, int, error) {
	d := &decoder{data: data, atom: mk}
	if len(data) == 0 || data[0] != version {
		return term.Nil, 0, fmt.Errorf("%w: no version byte 131 at offset 0", ErrMalformed)
	}
	d.pos = 1
	t, err := d.term(0)
	if err != nil {
		return term.Nil, 0, err
	}
	return t, d.pos, nil
}

// MakeAtom is an atom maker for Decode that needs no table.
func MakeAtom(name string) (term.Term, error) { return term.MakeAtom(name), nil }

type decoder struct {
	data []byte
	pos  int
	atom func(string) (term.Term, error)
}

func (d *decoder) fail(format string, args ...any) error {
	return fmt.Errorf("%w: %s at offset %d", ErrMalformed, fmt.Sprintf(format, args...), d.pos)
}

func (d *decoder) take(n int) ([]byte, error) {
	if n < 0 || len(d.data)-d.pos < n {
		return nil, d.fail("need %d bytes, %d left", n, len(d.data)-d.pos)
	}
	b := d.data[d.pos : d.pos+n]
	d.pos += n
	return b, nil
}

func (d *decoder) u8() (int, error) {
	b, err := d.take(1)
	if err != nil {
		return 0, err
	}
	return int(b[0]), nil
}

func (d *decoder) u16() (int, error) {
	b, err := d.take(2)
	if err != nil {
		return 0, err
	}
	return int(binary.BigEndian.Uint16(b)), nil
}

func (d *decoder) u32() (int, error) {
	b, err := d.take(4)
	if err != nil {
		return 0, err
	}
	return int(binary.BigEndian.Uint32(b)), nil
}

func (d *decoder) mkAtom(b []byte, latin1 bool) (term.Term, error) {
	name := string(b)
	if latin1 {
		rs := make([]rune, len(b))
		for i, c := range b {
			rs[i] = rune(c)
		}
		name = string(rs)
	} else if !utf8.Valid(b) {
		return term.Nil, d.fail("atom is not UTF-8")
	}
	return d.atom(name)
}

// count reads an element count and checks that the rest of the input can
// hold that many elements of at least min bytes each, so that a forged
// count cannot make the decoder allocate gigabytes.
func (d *decoder) count(n, min int) (int, error) {
	if n*min > len(d.data)-d.pos {
		return 0, d.fail("count %d exceeds the input", n)
	}
	return n, nil
}

func (d *decoder) term(depth int) (term.Term, error) {
	if depth > maxDecodeDepth {
		return term.Nil, d.fail("nesting deeper than %d", maxDecodeDepth)
	}
	tag, err := d.u8()
	if err != nil {
		return term.Nil, err
	}
	switch tag {
	case smallIntExt:
		v, err := d.u8()
		return term.MakeInt(int64(v)), err
	case integerExt:
		v, err := d.u32()
		return term.MakeInt(int64(int32(uint32(v)))), err
	case newFloatExt:
		b, err := d.take(8)
		if err != nil {
			return term.Nil, err
		}
		return term.MakeFloat(math.Float64frombits(binary.BigEndian.Uint64(b))), nil
	case floatExt:
		b, err := d.take(31)
		if err != nil {
			return term.Nil, err
		}
		var f float64
		if _, err := fmt.Sscanf(string(b), "%g", &f); err != nil {
			return term.Nil, d.fail("bad FLOAT_EXT: %v", err)
		}
		return term.MakeFloat(f), nil
	case smallAtomUTF8, smallAtomExt, atomUTF8Ext, atomExt:
		var n int
		if tag == smallAtomUTF8 || tag == smallAtomExt {
			n, err = d.u8()
		} else {
			n, err = d.u16()
		}
		if err != nil {
			return term.Nil, err
		}
		b, err := d.take(n)
		if err != nil {
			return term.Nil, err
		}
		return d.mkAtom(b, tag == atomExt || tag == smallAtomExt)
	case nilExt:
		return term.Nil, nil
	case stringExt:
		n, err := d.u16()
		if err != nil {
			return term.Nil, err
		}
		b, err := d.take(n)
		if err != nil {
			return term.Nil, err
		}
		elems := make([]term.Term, n)
		for i, c := range b {
			elems[i] = term.MakeSmall(int64(c))
		}
		return term.MakeList(elems...), nil
	case listExt:
		n, err := d.u32()
		if err != nil {
			return term.Nil, err
		}
		if n, err = d.count(n, 1); err != nil {
			return term.Nil, err
		}
		elems := make([]term.Term, n)
		for i := range elems {
			if elems[i], err = d.term(depth + 1); err != nil {
				return term.Nil, err
			}
		}
		tail, err := d.term(depth + 1)
		if err != nil {
			return term.Nil, err
		}
		return term.MakeListTail(elems, tail), nil
	case smallTupleExt, largeTupleExt:
		var n int
		if tag == smallTupleExt {
			n, err = d.u8()
		} else {
			n, err = d.u32()
		}
		if err != nil {
			return term.Nil, err
		}
		if n, err = d.count(n, 1); err != nil {
			return term.Nil, err
		}
		elems := make([]term.Term, n)
		for i := range elems {
			if elems[i], err = d.term(depth + 1); err != nil {
				return term.Nil, err
			}
		}
		return term.MakeTuple(elems...), nil
	case mapExt:
		n, err := d.u32()
		if err != nil {
			return term.Nil, err
		}
		if n, err = d.count(n, 2); err != nil {
			return term.Nil, err
		}
		keys, vals := make([]term.Term, n), make([]term.Term, n)
		for i := range keys {
			if keys[i], err = d.term(depth + 1); err != nil {
				return term.Nil, err
			}
			if vals[i], err = d.term(depth + 1); err != nil {
				return term.Nil, err
			}
		}
		return term.NewMap(keys, vals), nil
	case binaryExt:
		n, err := d.u32()
		if err != nil {
			return term.Nil, err
		}
		b, err := d.take(n)
		if err != nil {
			return term.Nil, err
		}
		return term.MakeBinary(append([]byte(nil), b...)), nil
	case bitBinaryExt:
		n, err := d.u32()
		if err != nil {
			return term.Nil, err
		}
		bits, err := d.u8()
		if err != nil {
			return term.Nil, err
		}
		b, err := d.take(n)
		if err != nil {
			return term.Nil, err
		}
		if n == 0 || bits < 1 || bits > 8 {
			return term.Nil, d.fail("bad BIT_BINARY_EXT trailing bits %d", bits)
		}
		return term.MakeBits(append([]byte(nil), b...), 8*(n-1)+bits), nil
	case smallBigExt, largeBigExt:
		var n int
		if tag == smallBigExt {
			n, err = d.u8()
		} else {
			n, err = d.u32()
		}
		if err != nil {
			return term.Nil, err
		}
		sign, err := d.u8()
		if err != nil {
			return term.Nil, err
		}
		le, err := d.take(n)
		if err != nil {
			return term.Nil, err
		}
		be := make([]byte, n)
		for i, c := range le {
			be[n-1-i] = c
		}
		v := new(big.Int).SetBytes(be)
		if sign != 0 {
			v.Neg(v)
		}
		return term.MakeBig(v), nil
	case newPidExt, pidExt:
		if _, err := d.term(depth + 1); err != nil { // node
			return term.Nil, err
		}
		id, err := d.u32()
		if err != nil {
			return term.Nil, err
		}
		serial, err := d.u32()
		if err != nil {
			return term.Nil, err
		}
		if tag == newPidExt {
			_, err = d.take(4)
		} else {
			_, err = d.take(1)
		}
		return term.MakePid(uint64(id&0x7fff) | uint64(serial)<<15), err
	case newerRefExt:
		n, err := d.u16()
		if err != nil {
			return term.Nil, err
		}
		if _, err := d.term(depth + 1); err != nil { // node
			return term.Nil, err
		}
		if _, err := d.take(4); err != nil { // creation
			return term.Nil, err
		}
		var ws [3]uint64
		for i := 0; i < n; i++ {
			w, err := d.u32()
			if err != nil {
				return term.Nil, err
			}
			if i < 3 {
				ws[i] = uint64(w)
			}
		}
		return term.MakeRef(ws[0]&0x3ffff | ws[1]<<18 | ws[2]<<50), nil
	case exportExt:
		mod, err := d.term(depth + 1)
		if err != nil {
			return term.Nil, err
		}
		name, err := d.term(depth + 1)
		if err != nil {
			return term.Nil, err
		}
		ar, err := d.term(depth + 1)
		if err != nil {
			return term.Nil, err
		}
		a, ok := ar.Int()
		if mod.Kind() != term.KindAtom || name.Kind() != term.KindAtom || !ok || a < 0 || a > 255 {
			return term.Nil, d.fail("bad EXPORT_EXT")
		}
		return term.MakeFun(&term.Fun{Module: mod, Name: name, Arity: int(a), External: true}), nil
	case newFunExt:
		return d.fun(depth)
	}
	return term.Nil, d.fail("unsupported tag %d", tag)
}

func (d *decoder) fun(depth int) (term.Term, error) {
	if _, err := d.take(4); err != nil { // size
		return term.Nil, err
	}
	arity, err := d.u8()
	if err != nil {
		return term.Nil, err
	}
	if _, err := d.take(16 + 4); err != nil { // md5, index
		return term.Nil, err
	}
	nfree, err := d.u32()
	if err != nil {
		return term.Nil, err
	}
	if nfree, err = d.count(nfree, 1); err != nil {
		return term.Nil, err
	}
	var parts [4]term.Term // module, old index, old uniq, pid
	for i := range parts {
		if parts[i], err = d.term(depth + 1); err != nil {
			return term.Nil, err
		}
	}
	env := make([]term.Term, nfree)
	for i := range env {
		if env[i], err = d.term(depth + 1); err != nil {
			return term.Nil, err
		}
	}
	idx, _ := parts[1].Int()
	uniq, _ := parts[2].Int()
	if parts[0].Kind() != term.KindAtom {
		return term.Nil, d.fail("bad NEW_FUN_EXT module")
	}
	return term.MakeFun(&term.Fun{Module: parts[0], Arity: arity, Index: int(idx), Uniq: uint32(uniq), Env: env}), nil
}
