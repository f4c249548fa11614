package epp

import (
	"fmt"

	"github.com/otpbox/otpbox/sandbox/erl/syntax"
)

// Limits that stop runaway expansions, which real epp would loop on
// forever (-define(F(X), ?X). ?F(F)(F)) or blow up exponentially on.
const (
	maxExpansionsPerForm = 100_000
	maxExpansionDepth    = 200
	maxTokensPerForm     = 1 << 21
)

// tokenSource is a token stream that can be looked ahead into.
type tokenSource interface {
	at(k int) (syntax.Token, bool)
}

type sliceSource []syntax.Token

func (s sliceSource) at(k int) (syntax.Token, bool) {
	if k < len(s) {
		return s[k], true
	}
	return syntax.Token{}, false
}

// frame is a run of tokens being expanded: the form itself, or the body of
// a macro with arguments, whose expansion may read past its end (as in
// epp, where such a body is expanded together with the rest of the form).
type frame struct {
	toks []syntax.Token
	i    int
}

// expander expands the macros of one form.
type expander struct {
	p    *pp
	f    *fileCtx
	form []syntax.Token
	// root is the expander of the whole form; sub-expanders of constant
	// bodies share its counters and its output start.
	root   *expander
	frames []frame
	out    []syntax.Token
	start  int
	depth  int

	steps int
	// fname caches ?FUNCTION_NAME and ?FUNCTION_ARITY for the form.
	fnameDone bool
	fnameErr  string
	fname     string
	farity    int
}

// expandForm expands e.form, appending to out.
func (e *expander) expandForm(out []syntax.Token) ([]syntax.Token, *syntax.Error) {
	e.root = e
	// Nothing of an earlier form's expansion is alive any more (expandForm
	// calls do not nest), so its substituted bodies can be overwritten.
	e.p.arena = e.p.arena[:0]
	e.start = len(out)
	e.out = out
	e.frames = []frame{{toks: e.form}}
	err := e.run()
	return e.out, err
}

func (e *expander) at(k int) (syntax.Token, bool) {
	for j := len(e.frames) - 1; j >= 0; j-- {
		fr := &e.frames[j]
		n := len(fr.toks) - fr.i
		if k < n {
			return fr.toks[fr.i+k], true
		}
		k -= n
	}
	return syntax.Token{}, false
}

func (e *expander) advance(n int) {
	for n > 0 && len(e.frames) > 0 {
		fr := &e.frames[len(e.frames)-1]
		if r := len(fr.toks) - fr.i; n < r {
			fr.i += n
			return
		} else {
			n -= r
		}
		e.frames = e.frames[:len(e.frames)-1]
	}
}

func (e *expander) errAt(t syntax.Token, format string, args ...any) *syntax.Error {
	file := e.p.tx.File(&t)
	if file == "" {
		file = e.p.mainPath
	}
	return &syntax.Error{File: file, Pos: t.Pos, End: t.End, Msg: fmt.Sprintf(format, args...)}
}

func (e *expander) run() *syntax.Error {
	for {
		// Fast path: copy plain tokens of the top frame.
		if n := len(e.frames); n > 0 {
			fr := &e.frames[n-1]
			j := fr.i
			for j < len(fr.toks) && fr.toks[j].Kind != syntax.QUESTION && fr.toks[j].Kind != syntax.QQ {
				j++
			}
			e.out = append(e.out, fr.toks[fr.i:j]...)
			fr.i = j
		}
		t, ok := e.at(0)
		if !ok {
			return nil
		}
		if t.Kind != syntax.QUESTION && t.Kind != syntax.QQ {
			// The top frame ran out; drop it and go on with the next.
			e.frames = e.frames[:len(e.frames)-1]
			continue
		}
		e.advance(1)
		if t.Kind == syntax.QQ {
			// "??" outside a macro body: epp reads it as "?" followed
			// by the illegal macro name "?".
			bad := t
			bad.Pos.Col++
			bad.Pos.Offset++
			return e.errAt(bad, "illegal macro call '??'")
		}
		n, ok := e.at(0)
		if !ok {
			e.out = append(e.out, t)
			return nil
		}
		if n.Kind != syntax.ATOM && n.Kind != syntax.VAR {
			text := e.p.tx.Text(&n)
			if text == "" {
				text = n.Kind.String()
			}
			return e.errAt(n, "illegal macro call '?%s'", text)
		}
		e.advance(1)
		if err := e.macro(t, n); err != nil {
			return err
		}
	}
}

// origin is the position of the '?' a use written by the user has; for a
// use that came out of another expansion it is that expansion's origin.
func origin(tx *syntax.Texts, q *syntax.Token) syntax.Pos {
	if q.MacroIdx != 0 {
		return tx.Macro(q)
	}
	return q.Pos
}

// place gives t the position of token at (the macro's name, or an argument
// token) and records the use's '?' in Macro: tokens of a body report the
// use, as epp gives them the use's location.
func place(tx *syntax.Texts, t syntax.Token, q, at syntax.Token) syntax.Token {
	t.Pos, t.End = at.Pos, at.End
	t.FileIdx = at.FileIdx
	tx.SetMacro(&t, origin(tx, &q))
	return t
}

// macro expands the use of macro n whose '?' is q.
func (e *expander) macro(q, n syntax.Token) *syntax.Error {
	r := e.root
	r.steps++
	if r.steps > maxExpansionsPerForm || e.depth > maxExpansionDepth || len(e.out)-r.start > maxTokensPerForm {
		return e.errAt(n, "macro expansion too deep")
	}
	tx := e.p.tx
	name := tx.Lit(&n)
	user := q.MacroIdx == 0
	if n.Kind == syntax.VAR {
		switch name {
		case "LINE":
			e.recordUse(user, q, n, -1, nil)
			line := n.Pos.Line
			if n.FileIdx == e.f.fileIdx {
				line += e.f.lineDelta
			}
			e.out = append(e.out, place(tx, intToken(tx, int(line)), q, n))
			return nil
		case "FUNCTION_NAME", "FUNCTION_ARITY":
			e.recordUse(user, q, n, -1, nil)
			if !r.fnameDone {
				r.functionName()
			}
			if r.fnameErr != "" {
				return e.errAt(n, r.fnameErr, name)
			}
			if name == "FUNCTION_NAME" {
				e.out = append(e.out, place(tx, atomToken(tx, r.fname), q, n))
			} else {
				e.out = append(e.out, place(tx, intToken(tx, r.farity), q, n))
			}
			return nil
		}
	}
	args, paren, consumed, argErr := collectArgs(e, &e.p.argBuf)
	arity := -1
	if paren {
		arity = len(args)
	}
	if argErr {
		e.recordUse(user, q, n, arity, nil)
		return e.errAt(n, "badly formed argument for macro '%s'", name)
	}
	entry, ok := e.p.macros[name]
	if !ok || entry.unset {
		e.recordUse(user, q, n, arity, nil)
		if arity < 0 {
			return e.errAt(n, "undefined macro '%s'", name)
		}
		return e.errAt(n, "undefined macro '%s/%d'", name, arity)
	}
	def := entry.lookup(arity)
	e.recordUse(user, q, n, arity, def)
	if def == nil {
		return e.errAt(n, "argument mismatch for macro '%s'", name)
	}
	if msg, ok := e.p.checkCircular(name, arity); !ok {
		return e.errAt(n, "%s", msg)
	}
	if def.Arity < 0 {
		// A constant's body is expanded on its own, then spliced in.
		sub := expander{p: e.p, f: e.f, root: r, depth: e.depth + 1, out: e.out}
		sub.frames = []frame{{toks: e.p.substitute(def, nil, q, n)}}
		err := sub.run()
		e.out = sub.out
		return err
	}
	for _, a := range args {
		if len(a) == 0 {
			return e.errAt(n, "argument mismatch for macro '%s'", name)
		}
	}
	e.advance(consumed)
	body := e.p.substitute(def, args, q, n)
	if len(body) > 0 {
		e.frames = append(e.frames, frame{toks: body})
	}
	return nil
}

func (e *expander) recordUse(user bool, q, n syntax.Token, arity int, def *MacroDef) {
	if !user {
		return
	}
	file := e.p.tx.File(&q)
	if file == "" {
		file = e.p.mainPath
	}
	e.p.info.Uses = append(e.p.info.Uses, MacroUse{Name: e.p.tx.Lit(&n), Arity: arity, Pos: q.Pos, End: n.End, File: file, Def: def})
}

// substitute returns def's body with the arguments put in place of the
// parameters and ??Param turned into strings, every body token placed at
// the use.
//
// The result is carved out of p.arena, which expandForm recycles for each
// form: bodies are read only while their form is expanded, and allocating
// each afresh was a tenth of the preprocessor's memory on OTP's stdlib.
func (p *pp) substitute(def *MacroDef, args [][]syntax.Token, q, n syntax.Token) []syntax.Token {
	body := def.Body
	start := len(p.arena)
	out := p.arena
	arg := func(name string) ([]syntax.Token, bool) {
		for i, p := range def.Params {
			if p == name && i < len(args) {
				return args[i], true
			}
		}
		return nil, false
	}
	// at is where body tokens are placed: the macro's name at first, then,
	// as epp does it, the last token of the latest argument put in.
	at := n
	for i := 0; i < len(body); i++ {
		t := body[i]
		switch {
		case t.Kind == syntax.VAR:
			if a, ok := arg(p.tx.Lit(&t)); ok {
				out = append(out, a...)
				if len(a) > 0 {
					at = a[len(a)-1]
				}
				continue
			}
		case t.Kind == syntax.QQ && i+1 < len(body) && body[i+1].Kind == syntax.VAR:
			i++
			out = append(out, stringArg(p.tx, body[i], arg, q, at))
			continue
		case t.Kind == syntax.QUESTION && i+2 < len(body) && body[i+1].Kind == syntax.QUESTION && body[i+2].Kind == syntax.VAR:
			i += 2
			out = append(out, stringArg(p.tx, body[i], arg, q, at))
			continue
		}
		out = append(out, place(p.tx, t, q, at))
	}
	// When append moved the arena to a new array, the bodies handed out
	// before keep the old one, which nothing writes to any more.
	p.arena = out
	return out[start:len(out):len(out)]
}

// stringArg expands ??V: the string of V's argument tokens, or, when V is
// not a parameter, V itself (epp drops the ?? then).
func stringArg(tx *syntax.Texts, v syntax.Token, arg func(string) ([]syntax.Token, bool), q, n syntax.Token) syntax.Token {
	a, ok := arg(tx.Lit(&v))
	if !ok {
		return place(tx, v, q, n)
	}
	return place(tx, stringToken(tx, stringify(tx, a)), q, n)
}

// collectArgs reads the arguments of a macro use from src, which starts
// just after the macro's name. paren reports whether there was an argument
// list; consumed counts its tokens, parentheses included. bad reports a
// malformed list, which epp calls a badly formed argument.
//
// With buf non-nil the arguments' tokens go to *buf, overwriting what an
// earlier call left there: the expander reads a use's arguments only
// until it has substituted them.
func collectArgs(src tokenSource, buf *[]syntax.Token) (args [][]syntax.Token, paren bool, consumed int, bad bool) {
	t, ok := src.at(0)
	if !ok || t.Kind != syntax.LPAREN {
		return nil, false, 0, false
	}
	k := 1
	if t, ok := src.at(1); ok {
		switch t.Kind {
		case syntax.RPAREN:
			return [][]syntax.Token{}, true, 2, false
		case syntax.COMMA:
			return nil, true, 0, true
		}
	}
	var closers []syntax.Kind
	var toks []syntax.Token
	if buf != nil {
		toks = (*buf)[:0]
	}
	// ends[i] is where argument i ends in toks; the arguments become
	// slices of toks once it has stopped growing.
	var endsArr [8]int
	ends := endsArr[:0]
	split := func() [][]syntax.Token {
		if buf != nil {
			*buf = toks
		}
		args := make([][]syntax.Token, len(ends))
		from := 0
		for i, to := range ends {
			if to > from {
				args[i] = toks[from:to:to]
			}
			from = to
		}
		return args
	}
	for {
		t, ok := src.at(k)
		if !ok {
			return nil, true, 0, true
		}
		if len(closers) == 0 && (t.Kind == syntax.COMMA || t.Kind == syntax.RPAREN) {
			ends = append(ends, len(toks))
			k++
			if t.Kind == syntax.RPAREN {
				return split(), true, k, false
			}
			if nt, ok := src.at(k); ok && nt.Kind == syntax.RPAREN {
				return nil, true, 0, true
			}
			continue
		}
		switch t.Kind {
		case syntax.LPAREN:
			closers = append(closers, syntax.RPAREN)
		case syntax.DOUBLELT:
			closers = append(closers, syntax.DOUBLEGT)
		case syntax.LBRACKET:
			closers = append(closers, syntax.RBRACKET)
		case syntax.LBRACE:
			closers = append(closers, syntax.RBRACE)
		case syntax.BEGIN, syntax.IF, syntax.CASE, syntax.RECEIVE, syntax.TRY, syntax.COND:
			closers = append(closers, syntax.END)
		case syntax.FUN:
			// fun (...) and fun Name(...) open a block; fun f/1 does not.
			nt, _ := src.at(k + 1)
			nnt, _ := src.at(k + 2)
			if nt.Kind == syntax.LPAREN || nt.Kind == syntax.VAR && nnt.Kind == syntax.LPAREN {
				closers = append(closers, syntax.END)
			}
		default:
			if m := len(closers); m > 0 && t.Kind == closers[m-1] {
				closers = closers[:m-1]
			}
		}
		toks = append(toks, t)
		k++
	}
}

// functionName works out ?FUNCTION_NAME and ?FUNCTION_ARITY from the start
// of the form, as epp does: the form must begin with Name(Args...).
func (e *expander) functionName() {
	e.fnameDone = true
	head := e.out[e.start:]
	if len(head) == 0 {
		e.fnameErr = "?%s must not begin a form"
		return
	}
	if len(head) < 2 || head[0].Kind != syntax.ATOM || head[1].Kind != syntax.LPAREN {
		e.fnameErr = "?%s can only be used within a function"
		return
	}
	e.fname = e.p.tx.Lit(&head[0])
	level, arity := 1, 0
	for _, t := range head[2:] {
		switch t.Kind {
		case syntax.COMMA:
			if level == 1 {
				arity++
			}
			continue
		case syntax.LPAREN, syntax.LBRACE, syntax.LBRACKET, syntax.DOUBLELT:
			// epp counts an argument only when a non-bracket token
			// comes, so f({}) has arity 0 there too.
			level++
			continue
		case syntax.RPAREN, syntax.RBRACE, syntax.RBRACKET, syntax.DOUBLEGT:
			if level == 1 {
				e.farity = arity
				return
			}
			level--
			continue
		}
		if arity == 0 {
			arity = 1
		}
	}
	e.farity = arity
}
