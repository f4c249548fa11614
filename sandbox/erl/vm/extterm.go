package vm

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/big"

	"github.com/otpbox/otpbox/sandbox/erl/term"
)

// The external term format (term_to_binary/binary_to_term), the subset a
// single node needs: every term but funs, which carry code. Pids and
// references encode as BEAM's local ones (node nonode@nohost) so that
// equal terms give equal binaries, which phash2 relies on.
const (
	extVersion      = 131
	extNewFloat     = 70
	extBitBinary    = 77
	extNewPid       = 88
	extNewerRef     = 90
	extSmallInt     = 97
	extInt          = 98
	extAtom         = 100
	extSmallTuple   = 104
	extLargeTuple   = 105
	extNil          = 106
	extString       = 107
	extList         = 108
	extBinary       = 109
	extSmallBig     = 110
	extLargeBig     = 111
	extSmallAtom    = 115
	extMap          = 116
	extAtomUTF8     = 118
	extSmallAtomUTF = 119
)

// errExtFun is returned for a fun, which otpbox cannot encode.
var errExtFun = errors.New("term_to_binary: funs cannot be encoded")

// encodeExt appends t's external format (without the version byte).
func encodeExt(dst []byte, t term.Term) ([]byte, error) {
	switch t.Kind() {
	case term.KindInt:
		if v, ok := t.Int(); ok {
			switch {
			case v >= 0 && v < 256:
				return append(dst, extSmallInt, byte(v)), nil
			case v >= math.MinInt32 && v <= math.MaxInt32:
				return binary.BigEndian.AppendUint32(append(dst, extInt), uint32(int32(v))), nil
			}
		}
		return encodeBig(dst, t.Big()), nil
	case term.KindFloat:
		return binary.BigEndian.AppendUint64(append(dst, extNewFloat), math.Float64bits(t.Float())), nil
	case term.KindAtom:
		return encodeAtom(dst, t.AtomName()), nil
	case term.KindNil:
		return append(dst, extNil), nil
	case term.KindTuple:
		n := t.TupleLen()
		if n < 256 {
			dst = append(dst, extSmallTuple, byte(n))
		} else {
			dst = binary.BigEndian.AppendUint32(append(dst, extLargeTuple), uint32(n))
		}
		var err error
		for _, e := range t.Elems() {
			if dst, err = encodeExt(dst, e); err != nil {
				return nil, err
			}
		}
		return dst, nil
	case term.KindCons:
		return encodeList(dst, t)
	case term.KindBits:
		b := t.Bits()
		n := (b.Size + 7) / 8
		if b.Size%8 == 0 {
			dst = binary.BigEndian.AppendUint32(append(dst, extBinary), uint32(n))
			return append(dst, b.Data[:n]...), nil
		}
		dst = binary.BigEndian.AppendUint32(append(dst, extBitBinary), uint32(n))
		dst = append(dst, byte(b.Size%8))
		last := len(dst) + n - 1
		dst = append(dst, b.Data[:n]...)
		dst[last] &= byte(0xff << (8 - b.Size%8))
		return dst, nil
	case term.KindMap:
		m := t.Map()
		dst = binary.BigEndian.AppendUint32(append(dst, extMap), uint32(m.Len()))
		var err error
		for i, k := range m.Keys() {
			if dst, err = encodeExt(dst, k); err != nil {
				return nil, err
			}
			if dst, err = encodeExt(dst, m.Values()[i]); err != nil {
				return nil, err
			}
		}
		return dst, nil
	case term.KindPid:
		dst = encodeAtom(append(dst, extNewPid), "nonode@nohost")
		dst = binary.BigEndian.AppendUint32(dst, uint32(t.ID()))
		return binary.BigEndian.AppendUint32(binary.BigEndian.AppendUint32(dst, 0), 0), nil
	case term.KindRef:
		dst = binary.BigEndian.AppendUint16(append(dst, extNewerRef), 3)
		dst = binary.BigEndian.AppendUint32(encodeAtom(dst, "nonode@nohost"), 0)
		dst = binary.BigEndian.AppendUint32(dst, uint32(t.ID()))
		return binary.BigEndian.AppendUint64(dst, t.ID()>>32), nil
	}
	return nil, errExtFun
}

// encodeAtom writes ATOM_EXT (latin-1) when the name fits latin-1, as OTP
// 25 does, else SMALL_ATOM_UTF8_EXT or ATOM_UTF8_EXT.
func encodeAtom(dst []byte, name string) []byte {
	latin := make([]byte, 0, len(name))
	for _, r := range name {
		if r > 255 {
			latin = nil
			break
		}
		latin = append(latin, byte(r))
	}
	if latin != nil {
		return append(binary.BigEndian.AppendUint16(append(dst, extAtom), uint16(len(latin))), latin...)
	}
	if len(name) < 256 {
		return append(append(dst, extSmallAtomUTF, byte(len(name))), name...)
	}
	return append(binary.BigEndian.AppendUint16(append(dst, extAtomUTF8), uint16(len(name))), name...)
}

func encodeBig(dst []byte, v *big.Int) []byte {
	mag := v.Bytes() // big-endian; the format wants little-endian
	if len(mag) < 256 {
		dst = append(dst, extSmallBig, byte(len(mag)))
	} else {
		dst = binary.BigEndian.AppendUint32(append(dst, extLargeBig), uint32(len(mag)))
	}
	dst = append(dst, byte(0))
	if v.Sign() < 0 {
		dst[len(dst)-1] = 1
	}
	for i := len(mag) - 1; i >= 0; i-- {
		dst = append(dst, mag[i])
	}
	return dst
}

// encodeList uses STRING_EXT for a proper list of bytes, as BEAM does.
func encodeList(dst []byte, t term.Term) ([]byte, error) {
	n, bytesOnly := 0, true
	l := t
	for ; l.Kind() == term.KindCons; l = l.Cons().Tail {
		h := l.Cons().Head
		if !h.IsSmall() || h.Small() < 0 || h.Small() > 255 {
			bytesOnly = false
		}
		n++
	}
	if bytesOnly && l.IsNil() && n < 65536 {
		dst = binary.BigEndian.AppendUint16(append(dst, extString), uint16(n))
		for l := t; l.Kind() == term.KindCons; l = l.Cons().Tail {
			dst = append(dst, byte(l.Cons().Head.Small()))
		}
		return dst, nil
	}
	dst = binary.BigEndian.AppendUint32(append(dst, extList), uint32(n))
	var err error
	for l = t; l.Kind() == term.KindCons; l = l.Cons().Tail {
		if dst, err = encodeExt(dst, l.Cons().Head); err != nil {
			return nil, err
		}
	}
	return encodeExt(dst, l)
}

// extDecoder reads the external format; intern makes atoms.
type extDecoder struct {
	b      []byte
	intern func(string) (term.Term, error)
}

var errExtShort = errors.New("binary_to_term: truncated input")

func (d *extDecoder) take(n int) ([]byte, error) {
	if n < 0 || n > len(d.b) {
		return nil, errExtShort
	}
	s := d.b[:n]
	d.b = d.b[n:]
	return s, nil
}

func (d *extDecoder) u8() (int, error) {
	s, err := d.take(1)
	if err != nil {
		return 0, err
	}
	return int(s[0]), nil
}

func (d *extDecoder) u16() (int, error) {
	s, err := d.take(2)
	if err != nil {
		return 0, err
	}
	return int(binary.BigEndian.Uint16(s)), nil
}

func (d *extDecoder) u32() (int, error) {
	s, err := d.take(4)
	if err != nil {
		return 0, err
	}
	return int(binary.BigEndian.Uint32(s)), nil
}

func (d *extDecoder) atom(n int, latin1 bool) (term.Term, error) {
	s, err := d.take(n)
	if err != nil {
		return term.Nil, err
	}
	name := string(s)
	if latin1 {
		rs := make([]rune, len(s))
		for i, c := range s {
			rs[i] = rune(c)
		}
		name = string(rs)
	}
	return d.intern(name)
}

// decode reads one term.
func (d *extDecoder) decode() (term.Term, error) {
	tag, err := d.u8()
	if err != nil {
		return term.Nil, err
	}
	switch tag {
	case extSmallInt:
		v, err := d.u8()
		return term.MakeInt(int64(v)), err
	case extInt:
		v, err := d.u32()
		return term.MakeInt(int64(int32(uint32(v)))), err
	case extSmallBig, extLargeBig:
		var n int
		if tag == extSmallBig {
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
		s, err := d.take(n)
		if err != nil {
			return term.Nil, err
		}
		be := make([]byte, n)
		for i, c := range s {
			be[n-1-i] = c
		}
		v := new(big.Int).SetBytes(be)
		if sign != 0 {
			v.Neg(v)
		}
		return term.MakeBig(v), nil
	case extNewFloat:
		s, err := d.take(8)
		if err != nil {
			return term.Nil, err
		}
		return term.MakeFloat(math.Float64frombits(binary.BigEndian.Uint64(s))), nil
	case extAtom, extAtomUTF8:
		n, err := d.u16()
		if err != nil {
			return term.Nil, err
		}
		return d.atom(n, tag == extAtom)
	case extSmallAtom, extSmallAtomUTF:
		n, err := d.u8()
		if err != nil {
			return term.Nil, err
		}
		return d.atom(n, tag == extSmallAtom)
	case extNil:
		return term.Nil, nil
	case extSmallTuple, extLargeTuple:
		var n int
		if tag == extSmallTuple {
			n, err = d.u8()
		} else {
			n, err = d.u32()
		}
		if err != nil {
			return term.Nil, err
		}
		es, err := d.terms(n)
		if err != nil {
			return term.Nil, err
		}
		return term.MakeTuple(es...), nil
	case extString:
		n, err := d.u16()
		if err != nil {
			return term.Nil, err
		}
		s, err := d.take(n)
		if err != nil {
			return term.Nil, err
		}
		es := make([]term.Term, n)
		for i, c := range s {
			es[i] = term.MakeInt(int64(c))
		}
		return term.MakeList(es...), nil
	case extList:
		n, err := d.u32()
		if err != nil {
			return term.Nil, err
		}
		es, err := d.terms(n + 1)
		if err != nil {
			return term.Nil, err
		}
		return term.MakeListTail(es[:n], es[n]), nil
	case extBinary:
		n, err := d.u32()
		if err != nil {
			return term.Nil, err
		}
		s, err := d.take(n)
		if err != nil {
			return term.Nil, err
		}
		return term.MakeBinary(append([]byte(nil), s...)), nil
	case extBitBinary:
		n, err := d.u32()
		if err != nil {
			return term.Nil, err
		}
		bits, err := d.u8()
		if err != nil || bits < 1 || bits > 8 || n == 0 {
			return term.Nil, fmt.Errorf("binary_to_term: bad bit binary: %w", errExtShort)
		}
		s, err := d.take(n)
		if err != nil {
			return term.Nil, err
		}
		return term.MakeBits(append([]byte(nil), s...), (n-1)*8+bits), nil
	case extMap:
		n, err := d.u32()
		if err != nil {
			return term.Nil, err
		}
		kvs, err := d.terms(2 * n)
		if err != nil {
			return term.Nil, err
		}
		ks, vs := make([]term.Term, n), make([]term.Term, n)
		for i := range ks {
			ks[i], vs[i] = kvs[2*i], kvs[2*i+1]
		}
		return term.NewMap(ks, vs), nil
	case extNewPid:
		if _, err := d.decode(); err != nil {
			return term.Nil, err
		}
		id, err := d.u32()
		if err != nil {
			return term.Nil, err
		}
		if _, err := d.take(8); err != nil {
			return term.Nil, err
		}
		return term.MakePid(uint64(id)), nil
	case extNewerRef:
		n, err := d.u16()
		if err != nil || n != 3 {
			return term.Nil, fmt.Errorf("binary_to_term: unsupported reference: %w", errExtShort)
		}
		if _, err := d.decode(); err != nil {
			return term.Nil, err
		}
		s, err := d.take(16)
		if err != nil {
			return term.Nil, err
		}
		return term.MakeRef(uint64(binary.BigEndian.Uint32(s[4:])) | binary.BigEndian.Uint64(s[8:])<<32), nil
	}
	return term.Nil, fmt.Errorf("binary_to_term: unsupported tag %d", tag)
}

func (d *extDecoder) terms(n int) ([]term.Term, error) {
	if n > len(d.b) { // every term takes at least a byte
		return nil, errExtShort
	}
	es := make([]term.Term, n)
	for i := range es {
		var err error
		if es[i], err = d.decode(); err != nil {
			return nil, err
		}
	}
	return es, nil
}

// termToBinary is term_to_binary/1.
func termToBinary(t term.Term) ([]byte, error) {
	return encodeExt([]byte{extVersion}, t)
}

// binaryToTerm is binary_to_term/1; like OTP 25 it ignores bytes after
// the term.
func binaryToTerm(b []byte, intern func(string) (term.Term, error)) (term.Term, error) {
	if len(b) == 0 || b[0] != extVersion {
		return term.Nil, errors.New("binary_to_term: no version byte 131")
	}
	d := extDecoder{b: b[1:], intern: intern}
	return d.decode()
}
