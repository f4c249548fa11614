package term

import (
	"hash/fnv"
	"math"
	"math/big"
)

// This file computes the hash OTP 25 places map keys by in its hash array
// mapped tries (maps of more than 32 keys). BEAM iterates such a map in the
// order of that trie, and maps:to_list/1, maps:keys/1, io:format's ~p and
// term_to_binary/1 all show that order, so matching BEAM's output means
// hashing keys exactly as BEAM does. The algorithm was learnt from erts
// (make_internal_hash: Bob Jenkins' 96-bit mix over the term's 64-bit
// machine words) and checked against real OTP 25 by the map tests.
//
// Where BEAM hashes something otpbox does not represent the same way, the
// hash is a stand-in with the same equality behaviour: atoms (BEAM hashes
// the atom's index in its atom table, which depends on load order), pids,
// ports, references and funs. Maps keyed by those iterate in an order of
// otpbox's own; docs/language.md records it.

const (
	hconst       = 0x9e3779b9 // the golden ratio, Jenkins' arbitrary value
	internalSalt = 3432918353 // OTP 25 starts every internal hash from it
	// hconst times 2..22, modulo 2^32: one constant per kind of input.
	hconst4  = 0x78dde6e4
	hconst7  = 0x5384540f
	hconst8  = 0xf1bbcdc8
	hconst9  = 0x8ff34781
	hconst10 = 0x2e2ac13a
	hconst11 = 0xcc623af3
	hconst12 = 0x6a99b4ac
	hconst13 = 0x08d12e65
	hconst15 = 0x454021d7
	hconst16 = 0xe3779b90
	hconst17 = 0x81af1549
	hconst18 = 0x1fe68f02
	hconst20 = 0x5c558274
	hconst21 = 0xfa8cfc2d
	hconst22 = 0x98c475e6
)

// BEAM's 64-bit immediate words for the terms hashed by their word.
const (
	immSmallTag = 0xF
	immAtomTag  = 0x0B
	immPidTag   = 0x3
	immPortTag  = 0x7
	immNil      = 0x3B
)

func jmix(a, b, c uint32) uint32 {
	_, _, c = jmix3(a, b, c)
	return c
}

// ihasher accumulates one internal hash.
type ihasher struct{ h uint32 }

func (s *ihasher) pair(x, y, k uint32) { s.h = jmix(k+x, k+y, s.h) }

func (s *ihasher) word(w uint64) { s.pair(uint32(w), uint32(w>>32), hconst) }

// constant is BEAM's light mixing of a type marker.
func (s *ihasher) constant(k uint32) {
	s.h ^= k
	s.h = s.h<<17 | s.h>>15
}

// mapKeyHash is BEAM's hash of a map key at the trie's first eight levels.
//
// A small integer, the commonest key, is hashed here without the general
// walk: the same mix of the same word as ihasher.term's.
func mapKeyHash(t Term) uint32 {
	if t.tag() == KindInt {
		w := uint64(t.Small())<<4 | immSmallTag
		return jmix(hconst+uint32(w), hconst+uint32(w>>32), internalSalt)
	}
	return internalHash(t, 0)
}

// internalHash is OTP 25's make_internal_hash(t, salt).
func internalHash(t Term, salt uint32) uint32 {
	s := ihasher{h: salt ^ internalSalt}
	s.term(t)
	return s.h
}

func (s *ihasher) term(t Term) {
	switch t.tag() {
	case KindInt:
		s.word(uint64(t.Small())<<4 | immSmallTag)
	case kindBig:
		b := t.Big()
		con := uint32(hconst11)
		if b.Sign() < 0 {
			con = hconst10
		}
		// BEAM's 64-bit digits of the magnitude, least significant first.
		mag := new(big.Int).Abs(b).Bytes()
		for end := len(mag); end > 0; end -= 8 {
			var w uint64
			for _, c := range mag[max(0, end-8):end] {
				w = w<<8 | uint64(c)
			}
			s.pair(uint32(w), uint32(w>>32), con)
		}
	case KindFloat:
		f := t.Float()
		if f == 0 {
			f = 0 // -0.0 hashes as 0.0
		}
		bits := math.Float64bits(f)
		s.pair(uint32(bits), uint32(bits>>32), hconst12)
	case KindAtom:
		s.word(atomWord(t))
	case KindNil:
		s.word(immNil)
	case KindPid:
		s.word(t.ID()<<4 | immPidTag)
	case KindPort:
		s.word(t.ID()<<4 | immPortTag)
	case KindRef:
		id := t.ID()
		s.pair(uint32(id), 0, hconst7)
		s.pair(uint32(id>>32), 0, hconst8)
	case KindTuple:
		es := t.Elems()
		s.pair(uint32(len(es)), 0, hconst9)
		for _, e := range es {
			s.term(e)
		}
	case KindCons:
		s.list(t)
	case KindBits:
		s.bits(t.Bits())
	case KindMap:
		s.hashMap(t.Map())
	case KindFun:
		f := t.Fun()
		s.pair(uint32(len(f.Env)), uint32(atomWord(f.Module)), hconst20)
		s.pair(uint32(f.Index), uint32(atomWord(f.Name)), hconst21)
		s.pair(uint32(f.Arity), 0, hconst21)
		for _, e := range f.Env {
			s.term(e)
		}
	}
}

// atomWord stands in for BEAM's atom word, whose index otpbox cannot know:
// a 58-bit FNV hash of the name in the index bits, so that distinct atoms
// practically never share a word.
// The word is kept in the atom's record once computed, so a map keyed by
// atoms hashes a key without going over its name (BenchmarkAtomKeyHash:
// 18 -> 8 ns natively; the hash's calls through an interface cost more in
// wasm).
func atomWord(t Term) uint64 {
	r := (*atomRec)(t.p)
	if w := r.hash.Load(); w != 0 {
		return w
	}
	h := fnv.New64a()
	h.Write([]byte(r.name))
	w := h.Sum64()<<6 | immAtomTag
	r.hash.Store(w)
	return w
}

func isByte(t Term) (uint32, bool) {
	if t.tag() == KindInt {
		if v := t.Small(); v >= 0 && v < 256 {
			return uint32(v), true
		}
	}
	return 0, false
}

// list hashes runs of bytes four at a time, and other elements with
// markers for head and improper tail, as BEAM does.
func (s *ihasher) list(t Term) {
	for {
		cell := t.Cons()
		c, sh := 0, uint32(0)
		for {
			b, ok := isByte(cell.Head)
			if !ok {
				break
			}
			sh = sh<<8 + b
			if c == 3 {
				s.pair(sh, 0, hconst4)
				c, sh = 0, 0
			} else {
				c++
			}
			t = cell.Tail
			if t.tag() != KindCons {
				break
			}
			cell = t.Cons()
		}
		if c > 0 {
			s.pair(sh, uint32(c), hconst22)
		}
		if t.tag() != KindCons {
			s.term(t)
			return
		}
		tail := cell.Tail
		s.constant(hconst17)
		s.term(cell.Head)
		if tail.tag() != KindCons {
			s.constant(hconst18)
			s.term(tail)
			return
		}
		t = tail
	}
}

func (s *ihasher) bits(b *Bits) {
	whole := b.Size / 8
	rest := b.Size % 8
	con := hconst13 + s.h
	if whole == 0 && rest == 0 {
		s.h = con
		return
	}
	s.h = blockHash(b.Data[:whole], con)
	if rest > 0 {
		s.pair(uint32(rest), uint32(b.Data[whole]>>(8-rest)), hconst15)
	}
}

// blockHash is Jenkins' lookup2 hash of k from initval.
func blockHash(k []byte, initval uint32) uint32 {
	a, b, c := uint32(hconst), uint32(hconst), initval
	n := len(k)
	le := func(p []byte) uint32 {
		return uint32(p[0]) | uint32(p[1])<<8 | uint32(p[2])<<16 | uint32(p[3])<<24
	}
	for len(k) >= 12 {
		a += le(k[0:])
		b += le(k[4:])
		c += le(k[8:])
		a, b, c = jmix3(a, b, c)
		k = k[12:]
	}
	c += uint32(n)
	// The tail bytes land in a, b and c (whose low byte holds the length).
	for i := len(k) - 1; i >= 0; i-- {
		switch {
		case i >= 8:
			c += uint32(k[i]) << (8 * (i - 7))
		case i >= 4:
			b += uint32(k[i]) << (8 * (i - 4))
		default:
			a += uint32(k[i]) << (8 * i)
		}
	}
	_, _, c = jmix3(a, b, c)
	return c
}

func jmix3(a, b, c uint32) (uint32, uint32, uint32) {
	a -= b
	a -= c
	a ^= c >> 13
	b -= c
	b -= a
	b ^= a << 8
	c -= a
	c -= b
	c ^= b >> 13
	a -= b
	a -= c
	a ^= c >> 12
	b -= c
	b -= a
	b ^= a << 16
	c -= a
	c -= b
	c ^= b >> 5
	a -= b
	a -= c
	a ^= c >> 3
	b -= c
	b -= a
	b ^= a << 10
	c -= a
	c -= b
	c ^= b >> 15
	return a, b, c
}

// hashMap hashes a map key that is itself a map: its size, then its pairs
// in BEAM's order (a flatmap forwards, a trie backwards).
func (s *ihasher) hashMap(m *Map) {
	s.pair(uint32(m.Len()), 0, hconst16)
	if m.root == nil {
		keys, vals := m.fkeys(), m.fvals()
		for i := range keys {
			s.term(keys[i])
			s.term(vals[i])
		}
		return
	}
	m.ordered().rangeBackward(func(k, v Term) bool {
		s.term(k)
		s.term(v)
		return true
	})
}
