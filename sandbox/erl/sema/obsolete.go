package sema

import (
	"fmt"
	"strings"

	"github.com/otpbox/otpbox/sandbox/erl/syntax"
)

// mfa names a function of another module.
type mfa struct {
	m, f string
	a    int
}

// deprecatedCall warns about a call of a deprecated or removed OTP
// function, worded as erlc words it (the table is generated from
// otp_internal).
func (c *checker) deprecatedCall(n syntax.Node, m, f string, arity int) {
	if c.nowarnDeprecatedAll {
		return
	}
	key := mfa{m, f, arity}
	if c.nowarnDeprecated[key] {
		return
	}
	msg, ok := obsoleteFuncs[key]
	if !ok {
		// A clause for any arity, or any function of the module: the
		// table's text names them as F/0 or _/0.
		name := atomText(f)
		if msg, ok = obsoleteFuncs[mfa{m, f, -1}]; !ok {
			if msg, ok = obsoleteFuncs[mfa{m, "_", -1}]; !ok {
				return
			}
			name = "_"
		}
		msg = strings.Replace(msg, fmt.Sprintf("%s:%s/0", atomText(m), name), fmt.Sprintf("%s:%s/%d", atomText(m), atomText(f), arity), 1)
	}
	code := "deprecated"
	if strings.Contains(msg, " is removed") {
		code = "removed"
	}
	c.add(Warning, n, code, "%s", msg)
}
