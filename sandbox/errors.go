package sandbox

import (
	"errors"
	"fmt"
	"strings"

	"github.com/otpbox/otpbox/sandbox/erl/term"
)

// ErrClosed is returned by a sandbox that was closed.
var ErrClosed = errors.New("sandbox closed")

// ErrGuestNotBuilt is returned when the binary was built without the
// guest module (a plain `go build` of a fresh checkout).
var ErrGuestNotBuilt = errors.New("guest not built: run make (it builds sandbox/guestbin/guest.wasm, which the host embeds)")

// LimitError says which limit stopped a sandbox (or refused a module).
type LimitError struct {
	Limit string // "memory", "timeout", "output", "module size", "reductions", "process count", "atom count"
	Max   string // the limit's value, as the user wrote it
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("%s limit (%s) exceeded", e.Limit, e.Max)
}

// CrashError says a sandbox's guest died: a Go panic or fatal error in the
// VM, or a trap. Only that sandbox ends.
type CrashError struct {
	Reason string
}

func (e *CrashError) Error() string { return "guest crashed: " + e.Reason }

// Diagnostic is one compile error at a position.
type Diagnostic struct {
	File      string
	Line, Col int
	Message   string
}

func (d Diagnostic) String() string {
	return fmt.Sprintf("%s:%d:%d: error: %s", d.File, d.Line, d.Col, d.Message)
}

// CompileError is a module that did not compile.
type CompileError struct {
	Diagnostics []Diagnostic
	// Limit is set when a limit refused the module (its size): the
	// sandbox goes on, and errors.As finds the *LimitError.
	Limit *LimitError
}

// Unwrap gives the limit that refused the module, if one did.
func (e *CompileError) Unwrap() error {
	if e.Limit == nil {
		return nil
	}
	return e.Limit
}

func (e *CompileError) Error() string {
	s := make([]string, len(e.Diagnostics))
	for i, d := range e.Diagnostics {
		s[i] = d.String()
	}
	return strings.Join(s, "\n")
}

// Exception is an Erlang exception that no catch handled.
type Exception struct {
	Class, Reason, Stacktrace term.Term
	// Formatted is the exception as the Erlang shell prints it:
	// "** exception error: ..." and a line per stack frame.
	Formatted string
}

func (e *Exception) Error() string { return e.Formatted }
