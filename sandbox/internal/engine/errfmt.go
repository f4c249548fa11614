package engine

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/otpbox/otpbox/sandbox/erl/format"
	"github.com/otpbox/otpbox/sandbox/erl/sema"
	"github.com/otpbox/otpbox/sandbox/erl/term"
)

// indent is erl_error's S at the shell's column 4; the shell prints "** "
// in its place on the first line.
const indent = "   "

// FormatException renders an uncaught exception as the Erlang shell does:
// "** " followed by erl_error:format_exception/7 at column 4, with terms
// printed by io_lib:print(T, Col, 80, 30). It covers the reasons BEAM
// raises and prints any other reason as a term. OTP 24's extended error
// information ("*** argument 1: not an atom") is not produced: the VM's
// stack frames carry no error_info.
func FormatException(class, reason, stack term.Term) string {
	frames, ok := stackFrames(stack)
	if !ok {
		reason, frames = term.MakeTuple(reason, stack), nil
	}
	var trace1 []term.Term
	if class.IsAtom("error") && len(frames) > 0 {
		arity := frames[0].Elem(2)
		if (reason.IsAtom("function_clause") && arity.Kind() != term.KindInt) || reason.IsAtom("undef") {
			trace1, frames = frames[:1], frames[1:]
		}
	}
	exited := exitedPrefix(class)
	var b strings.Builder
	b.WriteString("** ")
	b.WriteString(exited)
	b.WriteString(explain(class, reason, trace1, len(exited)))
	s := indent + "  "
	for i, f := range frames {
		b.WriteByte('\n')
		b.WriteString(s)
		e := f.Elems()
		m, fn, a, loc := e[0], e[1], e[2], e[3]
		n := 0
		args, isList := term.ListToSlice(a)
		if isList && a.Kind() != term.KindInt {
			n = len(args)
		} else {
			v, _ := a.Int()
			n = int(v)
		}
		switch {
		case i > 0:
			b.WriteString("in call from")
		case isOp(m, fn, n):
			b.WriteString("in operator ")
		default:
			b.WriteString("in function ")
		}
		b.WriteByte(' ')
		b.WriteString(mfaString(m, fn, n))
		if a.Kind() == term.KindInt {
			b.WriteByte(' ')
			b.WriteString(location(loc))
			continue
		}
		pre := s + "   called as "
		b.WriteByte('\n')
		b.WriteString(pre)
		b.WriteString(formatCall(m, fn, args, utf8.RuneCountInString(pre)))
	}
	return b.String()
}

func exitedPrefix(class term.Term) string {
	if class.Kind() == term.KindAtom {
		switch class.AtomName() {
		case "error", "exit", "throw":
			return "exception " + class.AtomName() + ": "
		}
	}
	return "exception " + pr(class, 1) + ": "
}

// stackFrames checks erl_error's is_stacktrace.
func stackFrames(t term.Term) ([]term.Term, bool) {
	fs, ok := term.ListToSlice(t)
	if !ok {
		return nil, false
	}
	for _, f := range fs {
		if f.Kind() != term.KindTuple || f.TupleLen() != 4 {
			return nil, false
		}
		e := f.Elems()
		if e[0].Kind() != term.KindAtom || e[1].Kind() != term.KindAtom {
			return nil, false
		}
		if _, isList := term.ListToSlice(e[2]); e[2].Kind() != term.KindInt && !isList {
			return nil, false
		}
		if _, isList := term.ListToSlice(e[3]); !isList {
			return nil, false
		}
	}
	return fs, true
}

// pr is the shell's format fun: io_lib:print(T, Col, 80, 30).
func pr(t term.Term, col int) string { return format.Print(t, col, 80, 30, format.Unicode, true) }

// explain is erl_error's explain_reason. pre is the width of the class
// prefix; values start after indent, the prefix and the message.
func explain(class, reason term.Term, trace1 []term.Term, pre int) string {
	isErr := class.IsAtom("error")
	if isErr && len(trace1) == 0 {
		if reason.Kind() == term.KindAtom {
			switch reason.AtomName() {
			case "badarg":
				return "bad argument"
			case "badarith":
				return "an error occurred when evaluating an arithmetic expression"
			case "if_clause":
				return "no true branch found when evaluating an if expression"
			case "noproc":
				return "no such process or port"
			case "notalive":
				return "the node cannot be part of a distributed system"
			case "system_limit":
				return "a system limit has been reached"
			case "timeout_value":
				return "bad receive timeout value"
			}
		}
		if reason.Kind() == term.KindTuple && reason.TupleLen() == 2 && reason.Elem(0).Kind() == term.KindAtom {
			v := reason.Elem(1)
			switch reason.Elem(0).AtomName() {
			case "badarg":
				return formatValue(v, "bad argument: ", pre)
			case "badkey":
				return formatValue(v, "bad key: ", pre)
			case "badmap":
				return formatValue(v, "bad map: ", pre)
			case "badfun":
				return formatValue(v, "bad function ", pre)
			case "badmatch":
				return formatValue(v, "no match of right hand side value ", pre)
			case "case_clause":
				return formatValue(v, "no case clause matching ", pre)
			case "try_clause":
				return formatValue(v, "no try clause matching ", pre)
			case "bad_filter":
				return formatValue(v, "bad filter ", pre)
			case "bad_generator":
				return formatValue(v, "bad generator ", pre)
			case "badarity":
				if v.Kind() == term.KindTuple && v.TupleLen() == 2 && v.Elem(0).Kind() == term.KindFun {
					if as, ok := term.ListToSlice(v.Elem(1)); ok {
						return formatFun(v.Elem(0)) + " called with " + argss(len(as))
					}
				}
			}
		}
	}
	if isErr && len(trace1) == 1 {
		e := trace1[0].Elems()
		m, f, a, loc := e[0], e[1], e[2], e[3]
		if reason.IsAtom("undef") {
			n := 0
			if as, ok := term.ListToSlice(a); ok && a.Kind() != term.KindInt {
				n = len(as)
			} else {
				v, _ := a.Int()
				n = int(v)
			}
			return "undefined function " + mfaString(m, f, n)
		}
		// function_clause with the arguments of the failed call.
		as, _ := term.ListToSlice(a)
		msg := "no function clause matching "
		return msg + formatCall(m, f, as, len(indent)+pre+utf8.RuneCountInString(msg)) + " " + location(loc)
	}
	return pr(reason, len(indent)+1+pre)
}

// formatValue is erl_error's format_value: the value after the message,
// or on its own line when that takes fewer lines.
func formatValue(v term.Term, msg string, pre int) string {
	s1 := pr(v, pre+len(indent)+utf8.RuneCountInString(msg)+1)
	if n1 := strings.Count(s1, "\n"); n1 > 1 {
		s2 := pr(v, len(indent)+1+pre)
		if strings.Count(s2, "\n") < n1 {
			return msg + "\n" + indent + strings.Repeat(" ", pre) + s2
		}
	}
	return msg + s1
}

func argss(n int) string {
	switch n {
	case 0:
		return "no arguments"
	case 1:
		return "one argument"
	case 2:
		return "two arguments"
	}
	return fmt.Sprintf("%d arguments", n)
}

func formatFun(f term.Term) string {
	fn := f.Fun()
	if fn.External {
		return mfaString(fn.Module, fn.Name, fn.Arity)
	}
	return format.Write(f, -1, format.Unicode)
}

var operators = map[string]int{ // name → arities it is an operator at (bit set)
	"+": 6, "-": 6, "*": 4, "/": 4, "bnot": 2, "div": 4, "rem": 4, "band": 4, "bor": 4,
	"bxor": 4, "bsl": 4, "bsr": 4, "not": 2, "and": 4, "or": 4, "xor": 4, "==": 4,
	"/=": 4, "=<": 4, "<": 4, ">=": 4, ">": 4, "=:=": 4, "=/=": 4, "++": 4, "--": 4, "!": 4,
}

// isOp is erl_error's is_op: erlang's operators (erl_internal:op_type).
func isOp(m, f term.Term, arity int) bool {
	return m.IsAtom("erlang") && f.Kind() == term.KindAtom && operators[f.AtomName()]&(1<<arity) != 0
}

// mfaString is erl_error's mfa_to_string: auto-imported BIFs and
// operators without their module.
func mfaString(m, f term.Term, arity int) string {
	return mfString(m, f, arity) + fmt.Sprintf("/%d", arity)
}

func mfString(m, f term.Term, arity int) string {
	if m.IsAtom("erlang") && f.Kind() == term.KindAtom {
		if sema.IsAutoImported(f.AtomName(), arity) {
			return format.Write(f, -1, format.Unicode)
		}
		if isOp(m, f, arity) {
			if f.AtomName() == "/" {
				return format.Write(f, -1, format.Unicode)
			}
			return f.AtomName()
		}
	}
	return format.Write(m, -1, format.Unicode) + ":" + format.Write(f, -1, format.Unicode)
}

// formatCall is erl_error's format_call for a frame called with arguments:
// M:F(A1, A2) with the arguments pretty-printed as a list whose brackets
// become parentheses; operators print infix.
func formatCall(m, f term.Term, args []term.Term, col int) string {
	if isOp(m, f, len(args)) {
		switch len(args) {
		case 1:
			op := f.AtomName() + " "
			return op + pr(args[0], col+len(op)+1)
		case 2:
			s1 := pr(args[0], col+1)
			op := " " + f.AtomName() + " "
			return s1 + op + pr(args[1], col+utf8.RuneCountInString(s1)+len(op)+1)
		}
	}
	mf := mfString(m, f, len(args))
	s := pr(term.MakeList(args...), col+utf8.RuneCountInString(mf)+1)
	return mf + "(" + s[1:len(s)-1] + ")"
}

// location is erl_error's location: "(File, line N)" when both are known.
func location(loc term.Term) string {
	var file, line term.Term
	var haveFile, haveLine bool
	items, _ := term.ListToSlice(loc)
	for _, it := range items {
		if it.Kind() != term.KindTuple || it.TupleLen() != 2 {
			continue
		}
		switch k := it.Elem(0); {
		case k.IsAtom("file") && !haveFile:
			file, haveFile = it.Elem(1), true
		case k.IsAtom("line") && !haveLine:
			line, haveLine = it.Elem(1), true
		}
	}
	if !haveFile || !haveLine {
		return ""
	}
	fs, err := format.Format("~ts", []term.Term{file})
	if err != nil {
		fs = pr(file, 1)
	}
	return fmt.Sprintf("(%s, line %s)", fs, format.Write(line, -1, format.Unicode))
}
