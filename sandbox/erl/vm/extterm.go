package vm

import (
	"encoding/binary"
	"errors"
	"math"
	"math/big"

	"github.com/otpbox/otpbox/sandbox/erl/term"
	"github.com/otpbox/otpbox/sandbox/internal/etf"
)

// term_to_binary's encoder: OTP 25's default (minor version 1) byte for
// byte, which differs from the sandbox's protocol encoder (package etf,
// minor version 2) in writing latin-1 atoms as ATOM_EXT; every term but
// funs, which carry code. Pids and
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

// termToBinary is term_to_binary/1.
func termToBinary(t term.Term) ([]byte, error) {
	return encodeExt([]byte{extVersion}, t)
}

// binaryToTerm is binary_to_term/1, by the sandbox's decoder (every tag
// the encoder above writes, and more); like OTP 25 it ignores bytes after
// the term.
func binaryToTerm(b []byte, intern func(string) (term.Term, error)) (term.Term, error) {
	t, _, err := etf.Decode(b, intern)
	return t, err
}
