package dap

import (
	"fmt"
	"strconv"

	godap "github.com/google/go-dap"

	"github.com/otpbox/otpbox/sandbox/erl/term"
	"github.com/otpbox/otpbox/sandbox/erl/vm"
)

// termRef is an expandable term; module gives its record definitions.
type termRef struct {
	value  term.Term
	module string
}

// maxChildren bounds the children one variables response lists when the
// client does not page.
const maxChildren = 1000

func (s *session) onVariables(r *godap.VariablesRequest) {
	d := s.debugger(&r.Request)
	if d == nil {
		return
	}
	v, ok := s.lookup(r.Arguments.VariablesReference)
	if !ok {
		s.sendError(&r.Request, fmt.Sprintf("variables: no variables with reference %d", r.Arguments.VariablesReference))
		return
	}
	var vars []godap.Variable
	switch v := v.(type) {
	case localsRef:
		bs, err := d.Bindings(v.frame.pid, v.frame.index)
		if err != nil {
			s.sendError(&r.Request, fmt.Sprintf("variables: %v", err))
			return
		}
		for _, b := range bs {
			vars = append(vars, s.variable(d, b.Name, b.Name, b.Value, v.frame.module))
		}
	case processRef:
		var err error
		if vars, err = s.processVars(d, v.frame); err != nil {
			s.sendError(&r.Request, fmt.Sprintf("variables: %v", err))
			return
		}
	case termRef:
		vars = s.children(d, v, r.Arguments.Start, r.Arguments.Count)
	default:
		s.sendError(&r.Request, fmt.Sprintf("variables: reference %d is not a variables reference", r.Arguments.VariablesReference))
		return
	}
	resp := &godap.VariablesResponse{Response: response(&r.Request)}
	resp.Body.Variables = vars
	if resp.Body.Variables == nil {
		resp.Body.Variables = []godap.Variable{}
	}
	s.send(resp)
}

// variable describes one value, with a reference for its children when it
// has any.
func (s *session) variable(d Debugger, name, evalName string, t term.Term, module string) godap.Variable {
	v := godap.Variable{Name: name, Value: show(t), Type: typeName(t), EvaluateName: evalName}
	if n := childCount(t); n > 0 {
		v.VariablesReference = s.newHandle(termRef{value: t, module: module})
		if t.Kind() == term.KindMap {
			v.NamedVariables = n
		} else {
			v.IndexedVariables = n
		}
		if fields, ok := recordFields(d, t, module); ok {
			v.Type = "#" + t.Elem(0).AtomName() + "{}"
			v.IndexedVariables, v.NamedVariables = 0, len(fields)
		}
	}
	return v
}

// show prints a term as ~p does, cut short for the variables view.
func show(t term.Term) string {
	s := vm.Show(t)
	if len(s) > 400 {
		s = s[:400] + "..."
	}
	return s
}

func typeName(t term.Term) string {
	switch t.Kind() {
	case term.KindInt:
		return "integer"
	case term.KindFloat:
		return "float"
	case term.KindAtom:
		return "atom"
	case term.KindRef:
		return "reference"
	case term.KindFun:
		return "fun"
	case term.KindPort:
		return "port"
	case term.KindPid:
		return "pid"
	case term.KindTuple:
		return "tuple"
	case term.KindMap:
		return "map"
	case term.KindNil, term.KindCons:
		return "list"
	case term.KindBits:
		if t.IsBinary() {
			return "binary"
		}
		return "bitstring"
	}
	return ""
}

// childCount is how many children t expands to (0: a leaf).
func childCount(t term.Term) int {
	switch t.Kind() {
	case term.KindTuple:
		return t.TupleLen()
	case term.KindMap:
		return t.Map().Len()
	case term.KindCons:
		n := 0
		for ; t.Kind() == term.KindCons; t = t.Cons().Tail {
			n++
		}
		if !t.IsNil() {
			n++ // the improper tail
		}
		return n
	case term.KindBits:
		return (t.Bits().Size + 7) / 8
	}
	return 0
}

// recordFields reports whether tuple t is a record of module's, and its
// field names.
func recordFields(d Debugger, t term.Term, module string) ([]string, bool) {
	if t.Kind() != term.KindTuple || t.TupleLen() < 1 || t.Elem(0).Kind() != term.KindAtom {
		return nil, false
	}
	fields, ok := d.RecordFields(module, t.Elem(0).AtomName())
	if !ok || len(fields) != t.TupleLen()-1 {
		return nil, false
	}
	return fields, true
}

// children lists a term's elements: tuple elements by position (records
// by field name), list elements by position, map values by key, binary
// bytes by position; start and count page through them.
func (s *session) children(d Debugger, ref termRef, start, count int) []godap.Variable {
	t := ref.value
	if count <= 0 {
		count = maxChildren
	}
	var out []godap.Variable
	add := func(i int, name string, v term.Term) bool {
		if i < start {
			return true
		}
		if len(out) >= count {
			return false
		}
		out = append(out, s.variable(d, name, "", v, ref.module))
		return true
	}
	switch t.Kind() {
	case term.KindTuple:
		if fields, ok := recordFields(d, t, ref.module); ok {
			for i, f := range fields {
				if !add(i, f, t.Elem(i+1)) {
					break
				}
			}
			break
		}
		for i, e := range t.Elems() {
			if !add(i, strconv.Itoa(i+1), e) {
				break
			}
		}
	case term.KindMap:
		i := 0
		t.Map().Range(func(k, v term.Term) bool {
			ok := add(i, show(k), v)
			i++
			return ok
		})
	case term.KindCons:
		i := 0
		for ; t.Kind() == term.KindCons; t = t.Cons().Tail {
			if !add(i, strconv.Itoa(i+1), t.Cons().Head) {
				return out
			}
			i++
		}
		if !t.IsNil() {
			add(i, "tail", t)
		}
	case term.KindBits:
		b := t.Bits()
		for i := 0; i < (b.Size+7)/8; i++ {
			if !add(i, strconv.Itoa(i+1), term.MakeInt(int64(b.Data[i]))) {
				break
			}
		}
	}
	return out
}

// processVars is the Process scope: the process's status, name, mailbox,
// dictionary, links and monitors, and for a gen_server its state (the
// State its gen_server frame holds).
func (s *session) processVars(d Debugger, f frameRef) ([]godap.Variable, error) {
	p, err := d.Process(f.pid)
	if err != nil {
		return nil, err
	}
	pids := func(ps []uint64) term.Term {
		out := make([]term.Term, len(ps))
		for i, p := range ps {
			out[i] = term.MakePid(p)
		}
		return term.MakeList(out...)
	}
	atom := func(s string) term.Term { return term.MakeAtom(s) }
	name := atom("undefined")
	if p.RegisteredName != "" {
		name = atom(p.RegisteredName)
	}
	vars := []godap.Variable{
		s.variable(d, "status", "", atom(p.Status), f.module),
		s.variable(d, "registered_name", "", name, f.module),
		s.variable(d, "initial_call", "", atom(p.InitialCall), f.module),
		s.variable(d, "current_function", "", atom(p.CurrentFunction), f.module),
		s.variable(d, "messages", "", term.MakeList(p.Messages...), f.module),
		s.variable(d, "dictionary", "", term.MakeList(p.Dictionary...), f.module),
		s.variable(d, "links", "", pids(p.Links), f.module),
		s.variable(d, "monitors", "", pids(p.Monitors), f.module),
		s.variable(d, "monitored_by", "", pids(p.MonitoredBy), f.module),
		s.variable(d, "trap_exit", "", term.Bool(p.TrapExit), f.module),
	}
	if frames, err := d.Stack(f.pid); err == nil {
		for i, fr := range frames {
			if fr.Module != "gen_server" {
				continue
			}
			bs, _ := d.Bindings(f.pid, i)
			for _, b := range bs {
				if b.Name == "State" {
					// The callback module's records name its fields.
					vars = append(vars, s.variable(d, "gen_server state", "", b.Value, frames[0].Module))
					return vars, nil
				}
			}
		}
	}
	return vars, nil
}
