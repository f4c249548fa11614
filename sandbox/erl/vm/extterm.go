package vm

import (
	"github.com/otpbox/otpbox/sandbox/erl/term"
	"github.com/otpbox/otpbox/sandbox/internal/etf"
)

// The external term format is the sandbox's package etf: one encoder and
// one decoder. term_to_binary uses its OTP flavour (byte for byte what
// OTP 25 writes; funs refused).

// termToBinary is term_to_binary/1.
func termToBinary(t term.Term) ([]byte, error) { return etf.EncodeOTP(nil, t) }

// binaryToTerm is binary_to_term/1; like OTP 25 it ignores bytes after
// the term.
func binaryToTerm(b []byte, intern func(string) (term.Term, error)) (term.Term, error) {
	t, _, err := etf.Decode(b, intern)
	return t, err
}
