package vm

import "github.com/otpbox/otpbox/sandbox/erl/term"

// binaryTooLarge reports whether the binary that segs build from regs
// would hold more than max bytes, counting the binary and bits segments
// (the ones that can make a binary grow without bound) before anything
// is allocated.
func binaryTooLarge(regs []term.Term, segs []segment, max int64) bool {
	var n int64
	for _, s := range segs {
		if v := regs[s.valReg]; v.Kind() == term.KindBits {
			n += int64(v.Bits().Size / 8)
		}
	}
	return n > max
}
