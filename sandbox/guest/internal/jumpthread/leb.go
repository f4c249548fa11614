package main

import (
	"errors"
	"fmt"
)

var errTruncated = errors.New("truncated")

// reader decodes a wasm byte stream; the first error sticks.
type reader struct {
	b   []byte
	pos int
	err error
}

func (r *reader) byte() byte {
	if r.pos >= len(r.b) {
		r.err = errTruncated
		return 0
	}
	c := r.b[r.pos]
	r.pos++
	return c
}

// u32 reads an unsigned LEB128.
func (r *reader) u32() uint32 {
	var v uint32
	for shift := 0; shift < 35; shift += 7 {
		c := r.byte()
		v |= uint32(c&0x7f) << shift
		if c&0x80 == 0 {
			return v
		}
	}
	r.err = errors.New("LEB128 too long")
	return 0
}

// s32 reads a signed LEB128 of at most 32 bits.
func (r *reader) s32() int32 {
	return int32(r.sleb(32))
}

func (r *reader) sleb(bits int) int64 {
	var v int64
	shift := 0
	for {
		c := r.byte()
		if r.err != nil {
			return 0
		}
		v |= int64(c&0x7f) << shift
		shift += 7
		if c&0x80 == 0 {
			if shift < 64 && c&0x40 != 0 {
				v |= -1 << shift
			}
			return v
		}
		if shift >= bits+7 {
			r.err = errors.New("LEB128 too long")
			return 0
		}
	}
}

// blockType skips a block, loop or if's type: empty, a value type, or a
// type index (a signed LEB128).
func (r *reader) blockType() {
	if r.pos < len(r.b) {
		if c := r.b[r.pos]; c == 0x40 || c >= 0x6f && c <= 0x7f {
			r.pos++
			return
		}
	}
	r.sleb(33)
}

// skipImmediates skips the immediates of op (its byte read already), for
// every instruction gc's wasm output uses: the MVP, sign extension,
// non-trapping conversions and bulk memory.
func (r *reader) skipImmediates(op byte) error {
	switch {
	case op == 0x00 || op == 0x01 || op == 0x0f || op == 0x1a || op == 0x1b || op == 0xd1:
	case op == 0x0c || op == 0x0d || op == 0x10 || op >= 0x20 && op <= 0x26 || op == 0xd2: // br, br_if, call, locals, globals, tables, ref.func
		r.u32()
	case op == 0x11: // call_indirect
		r.u32()
		r.u32()
	case op == 0x1c: // select t*
		for n := r.u32(); n > 0 && r.err == nil; n-- {
			r.byte()
		}
	case op >= 0x28 && op <= 0x3e: // loads and stores: align, offset
		r.u32()
		r.u32()
	case op == 0x3f || op == 0x40 || op == 0xd0: // memory.size, memory.grow, ref.null
		r.byte()
	case op == 0x42:
		r.sleb(64)
	case op == 0x43:
		r.pos += 4
	case op == 0x44:
		r.pos += 8
	case op >= 0x45 && op <= 0xc4: // numeric, no immediates
	case op == 0xfc:
		switch sub := r.u32(); {
		case sub <= 7: // saturating truncations
		case sub == 8: // memory.init
			r.u32()
			r.byte()
		case sub == 9 || sub == 13 || sub >= 15 && sub <= 17:
			r.u32()
		case sub == 10: // memory.copy
			r.byte()
			r.byte()
		case sub == 11: // memory.fill
			r.byte()
		case sub == 12 || sub == 14:
			r.u32()
			r.u32()
		default:
			return fmt.Errorf("unknown instruction 0xfc %d", sub)
		}
	default:
		return fmt.Errorf("unknown instruction 0x%02x", op)
	}
	if r.pos > len(r.b) {
		r.err = errTruncated
	}
	return r.err
}

// appendU32 appends v as an unsigned LEB128.
func appendU32(b []byte, v uint32) []byte {
	for v >= 0x80 {
		b = append(b, byte(v)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}

// readU32At decodes the unsigned LEB128 at b[i:].
func readU32At(b []byte, i int) uint32 {
	r := reader{b: b, pos: i}
	return r.u32()
}
