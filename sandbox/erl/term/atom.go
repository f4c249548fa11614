package term

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"unsafe"
)

// atomRec is an atom's identity. Atoms interned by the same table share one
// record, so Equal on them is one pointer comparison; atoms built elsewhere
// (MakeAtom) compare by name.
type atomRec struct {
	name string
	hash atomic.Uint64 // atomWord's stand-in word, once computed (maphash.go)
}

// The atoms Go code names directly, shared by every table.
var (
	True           = predef("true")
	False          = predef("false")
	OK             = predef("ok")
	Error          = predef("error")
	Undefined      = predef("undefined")
	Badarg         = predef("badarg")
	Badarith       = predef("badarith")
	Badmatch       = predef("badmatch")
	Badfun         = predef("badfun")
	Badarity       = predef("badarity")
	Badkey         = predef("badkey")
	Badmap         = predef("badmap")
	Badrecord      = predef("badrecord")
	Undef          = predef("undef")
	Throw          = predef("throw")
	Exit           = predef("exit")
	Normal         = predef("normal")
	Infinity       = predef("infinity")
	CaseClause     = predef("case_clause")
	IfClause       = predef("if_clause")
	TryClause      = predef("try_clause")
	FunctionClause = predef("function_clause")
	SystemLimit    = predef("system_limit")
	File           = predef("file")
	Line           = predef("line")
	Erlang         = predef("erlang")
	Nonode         = predef("nonode@nohost")
)

var predefined []*atomRec

func predef(name string) Term {
	r := &atomRec{name: name}
	predefined = append(predefined, r)
	return Term{w: uint64(KindAtom), p: unsafe.Pointer(r)}
}

// MakeAtom returns the atom name without a table (for Go callers building
// arguments); predefined atoms come back as the shared records.
func MakeAtom(name string) Term {
	for _, r := range predefined {
		if r.name == name {
			return Term{w: uint64(KindAtom), p: unsafe.Pointer(r)}
		}
	}
	return Term{w: uint64(KindAtom), p: unsafe.Pointer(&atomRec{name: name})}
}

// Bool returns true or false.
func Bool(b bool) Term {
	if b {
		return True
	}
	return False
}

// AtomName returns an atom's name; valid only for KindAtom.
func (t Term) AtomName() string { return (*atomRec)(t.p).name }

// IsAtom reports whether t is the atom named name.
func (t Term) IsAtom(name string) bool {
	return t.tag() == KindAtom && (*atomRec)(t.p).name == name
}

// ErrSystemLimit is returned when the atom table is full.
var ErrSystemLimit = errors.New("system_limit")

// DefaultAtomLimit is BEAM's default atom table size.
const DefaultAtomLimit = 1048576

// Atoms is one VM's atom table. It is safe for concurrent use.
type Atoms struct {
	mu     sync.Mutex
	byName map[string]*atomRec
	limit  int
}

// NewAtoms returns a table holding the predefined atoms that accepts up to
// limit atoms in all.
func NewAtoms(limit int) *Atoms {
	a := &Atoms{byName: make(map[string]*atomRec, 256), limit: limit}
	for _, r := range predefined {
		a.byName[r.name] = r
	}
	return a
}

// Intern returns the atom name, adding it if new; it fails with an error
// wrapping ErrSystemLimit when the table is full, and for names longer
// than 255 characters (Erlang's limit) likewise.
func (a *Atoms) Intern(name string) (Term, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	r, ok := a.byName[name]
	if !ok {
		if len(a.byName) >= a.limit {
			return Nil, fmt.Errorf("atom table full (%d atoms): %w", a.limit, ErrSystemLimit)
		}
		if len([]rune(name)) > 255 {
			return Nil, fmt.Errorf("atom of %d characters: %w", len([]rune(name)), ErrSystemLimit)
		}
		r = &atomRec{name: name}
		a.byName[name] = r
	}
	return Term{w: uint64(KindAtom), p: unsafe.Pointer(r)}, nil
}

// Existing returns the atom name only if it is already in the table.
func (a *Atoms) Existing(name string) (Term, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	r, ok := a.byName[name]
	if !ok {
		return Nil, false
	}
	return Term{w: uint64(KindAtom), p: unsafe.Pointer(r)}, true
}

// Canon returns the table's own record for an atom made elsewhere.
func (a *Atoms) Canon(t Term) Term {
	if t.tag() != KindAtom {
		return t
	}
	c, err := a.Intern(t.AtomName())
	if err != nil {
		return t
	}
	return c
}

// Len returns the number of atoms in the table.
func (a *Atoms) Len() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return len(a.byName)
}
