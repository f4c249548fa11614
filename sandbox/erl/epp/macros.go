package epp

import (
	"fmt"
	"slices"
	"sort"

	"github.com/otpbox/otpbox/sandbox/erl/syntax"
)

// macroEntry holds every definition of one macro name. User macros may be
// overloaded by arity; a predefined macro has one definition and cannot be
// redefined.
type macroEntry struct {
	defs   []*MacroDef
	predef bool
	// unset marks a predefined macro without a value yet, such as
	// ?MODULE before -module.
	unset bool
}

// lookup returns the definition a use with arity n (-1: no parentheses)
// expands to, as epp's expand_macro1 chooses it: a macro with a single
// constant definition matches any use; otherwise the arity must match.
func (m *macroEntry) lookup(n int) *MacroDef {
	if len(m.defs) == 1 && m.defs[0].Arity < 0 {
		return m.defs[0]
	}
	for _, d := range m.defs {
		if d.Arity == n {
			return d
		}
	}
	return nil
}

// macroUses is the set of macros one definition of a macro uses, for epp's
// circular-definition check.
type macroUses struct {
	arity int
	uses  []usesKey
}

type usesKey struct {
	name  string
	arity int
}

// predefine installs the predefined macros, then the Config's.
func (p *pp) predefine() {
	for _, name := range []string{"MODULE", "MODULE_STRING", "BASE_MODULE", "BASE_MODULE_STRING", "FUNCTION_NAME", "FUNCTION_ARITY"} {
		p.macros[name] = &macroEntry{predef: true, unset: true}
	}
	p.setPredef("FILE", stringToken(p.tx, p.mainPath))
	p.setPredef("LINE", intToken(p.tx, 1))
	p.setPredef("MACHINE", atomToken(p.tx, "BEAM"))
	p.setPredef("BEAM", atomToken(p.tx, "true"))
	p.setPredef("OTP_RELEASE", intToken(p.tx, p.cfg.otpRelease))
	// OTP 25's only configurable feature is maybe_expr (experimental, so
	// available but not enabled by default).
	p.setFeatureMacro("FEATURE_AVAILABLE", true)
	p.setFeatureMacro("FEATURE_ENABLED", p.cfg.maybeExpr)

	names := make([]string, 0, len(p.cfg.defines))
	for n := range p.cfg.defines {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		v := p.cfg.defines[n]
		if v == "" {
			v = "true"
		}
		body, errs := syntax.ScanAppend(nil, p.tx, "-D"+n, []byte(v), syntax.DropComments)
		p.addScanErrors("-D"+n, errs)
		if len(body) > 0 && body[len(body)-1].Kind == syntax.EOF {
			body = body[:len(body)-1]
		}
		if e, ok := p.macros[n]; ok {
			msg := "redefining macro '%s'"
			if e.predef {
				msg = "redefining predefined macro '%s'"
			}
			p.errs = append(p.errs, syntax.Error{File: p.mainPath, Msg: fmt.Sprintf(msg, n)})
			continue
		}
		p.macros[n] = &macroEntry{defs: []*MacroDef{{Name: n, Arity: -1, Body: body}}}
	}
}

// setPredef gives a predefined macro its constant value.
func (p *pp) setPredef(name string, value syntax.Token) {
	p.macros[name] = &macroEntry{predef: true, defs: []*MacroDef{{Name: name, Arity: -1, Body: []syntax.Token{value}, Predefined: true}}}
	p.gen++
}

// setFeatureMacro defines ?FEATURE_AVAILABLE(F) or ?FEATURE_ENABLED(F):
// true for maybe_expr when on, false otherwise.
func (p *pp) setFeatureMacro(name string, on bool) {
	var body []syntax.Token
	if on {
		tx := p.tx
		body = []syntax.Token{
			tx.Make(syntax.LPAREN, "(", ""),
			tx.Make(syntax.LPAREN, "(", ""),
			tx.Make(syntax.VAR, "X", "X"),
			tx.Make(syntax.RPAREN, ")", ""),
			tx.Make(syntax.EQ, "==", ""),
			atomToken(tx, "maybe_expr"),
			tx.Make(syntax.RPAREN, ")", ""),
		}
	} else {
		body = []syntax.Token{atomToken(p.tx, "false")}
	}
	p.macros[name] = &macroEntry{predef: true, defs: []*MacroDef{{Name: name, Arity: 1, Params: []string{"X"}, Body: body, Predefined: true}}}
	p.gen++
}

// isDefined reports whether -ifdef(name) holds.
func (p *pp) isDefined(name string) bool {
	e, ok := p.macros[name]
	return ok && !e.unset
}

// define handles -define(...). args starts after "define".
func (p *pp) define(f *fileCtx, defTok syntax.Token, args []syntax.Token) {
	if len(args) < 2 || args[0].Kind != syntax.LPAREN || !patName(args[1]) {
		p.errorAt(f.path, mismatch(args, defTok, patParenName), "badly formed 'define'")
		return
	}
	nameTok := args[1]
	rest := args[2:]
	def := &MacroDef{Name: macroName(p.tx, &nameTok), Arity: -1, Pos: nameTok.Pos, End: nameTok.End, File: f.path}
	switch {
	case len(rest) > 0 && rest[0].Kind == syntax.COMMA:
		body, errTok, msg := macroBody(rest[1:], rest[0])
		if msg != "" {
			p.errorAt(f.path, errTok, "%s", msg)
			return
		}
		def.Body = body
	case len(rest) > 0 && rest[0].Kind == syntax.LPAREN:
		i, last := 1, rest[0]
		bad := func() {
			p.errorAt(f.path, firstOr(rest[min(i, len(rest)):], last), "badly formed 'define'")
		}
		if i < len(rest) && rest[i].Kind == syntax.RPAREN {
			last = rest[i]
			i++
		} else {
			for {
				if i >= len(rest) || rest[i].Kind != syntax.VAR {
					bad()
					return
				}
				param := p.tx.Lit(&rest[i])
				if slices.Contains(def.Params, param) {
					p.errorAt(f.path, rest[i], "argument '%s' already used", param)
					return
				}
				def.Params = append(def.Params, param)
				last = rest[i]
				i++
				if i < len(rest) && rest[i].Kind == syntax.RPAREN {
					last = rest[i]
					i++
					break
				}
				// epp blames the comma when no parameter follows it.
				if i >= len(rest) || rest[i].Kind != syntax.COMMA || i+1 >= len(rest) || rest[i+1].Kind != syntax.VAR {
					bad()
					return
				}
				last = rest[i]
				i++
			}
		}
		if i >= len(rest) || rest[i].Kind != syntax.COMMA {
			p.errorAt(f.path, firstOr(rest[min(i, len(rest)):], last), "badly formed define: missing comma")
			return
		}
		body, errTok, msg := macroBody(rest[i+1:], rest[i])
		if msg != "" {
			p.errorAt(f.path, errTok, "%s", msg)
			return
		}
		def.Arity = len(def.Params)
		def.Body = body
	default:
		p.errorAt(f.path, firstOr(rest, defTok), "badly formed 'define'")
		return
	}
	p.addDefine(f, nameTok, def)
}

// macroBody returns the replacement tokens of a definition: everything up
// to the closing ") .".
func macroBody(ts []syntax.Token, prev syntax.Token) ([]syntax.Token, syntax.Token, string) {
	n := len(ts)
	if n >= 2 && ts[n-2].Kind == syntax.RPAREN && ts[n-1].Kind == syntax.DOT {
		// A copy: the form's tokens are overwritten by the output later.
		return slices.Clone(ts[:n-2]), syntax.Token{}, ""
	}
	if n > 0 && ts[n-1].Kind == syntax.DOT {
		return nil, ts[n-1], "badly formed define: missing closing right parenthesis"
	}
	if n > 0 {
		prev = ts[n-1]
	}
	return nil, prev, "premature end"
}

func (p *pp) addDefine(f *fileCtx, nameTok syntax.Token, def *MacroDef) {
	e, ok := p.macros[def.Name]
	switch {
	case ok && e.predef:
		p.errorAt(f.path, nameTok, "redefining predefined macro '%s'", def.Name)
		return
	case ok && slices.ContainsFunc(e.defs, func(d *MacroDef) bool { return d.Arity == def.Arity }):
		p.errorAt(f.path, nameTok, "redefining macro '%s'", def.Name)
		return
	case !ok:
		e = &macroEntry{}
		p.macros[def.Name] = e
	}
	e.defs = append(e.defs, def)
	p.info.Defines = append(p.info.Defines, def)
	p.uses[def.Name] = append(p.uses[def.Name], macroUses{arity: def.Arity, uses: bodyUses(p.tx, def.Body)})
	p.gen++
}

// bodyUses lists the macros a body uses, with the arity each use has
// within the body itself, as epp's macro_ref does.
func bodyUses(tx *syntax.Texts, body []syntax.Token) []usesKey {
	var us []usesKey
	for i := 0; i < len(body); i++ {
		t := body[i]
		if t.Kind == syntax.QQ {
			i++
			continue
		}
		if t.Kind != syntax.QUESTION || i+1 >= len(body) {
			continue
		}
		n := body[i+1]
		if n.Kind == syntax.QUESTION {
			i++
			continue
		}
		if n.Kind != syntax.ATOM && n.Kind != syntax.VAR {
			continue
		}
		args, paren, _, _ := collectArgs(sliceSource(body[i+2:]), nil)
		arity := -1
		if paren {
			arity = len(args)
		}
		us = append(us, usesKey{tx.Lit(&n), arity})
	}
	return us
}

// undef handles -undef(Name).
func (p *pp) undef(f *fileCtx, undefTok syntax.Token, args []syntax.Token) {
	m, ok := matchNameArg(args)
	if !ok {
		p.errorAt(f.path, mismatch(args, undefTok, patParenName, patRParen, patDot), "badly formed 'undef'")
		return
	}
	delete(p.macros, p.tx.Lit(&m))
	delete(p.uses, p.tx.Lit(&m))
	p.gen++
}

// checkCircular reports a use of name/arity whose definitions use
// themselves, directly or through other macros, as epp's check_uses does.
func (p *pp) checkCircular(name string, arity int) (string, bool) {
	k := usesKey{name, arity}
	if g, ok := p.checked[k]; ok && g == p.gen {
		return "", true
	}
	var anc []usesKey
	var walk func(k usesKey) (usesKey, bool)
	walk = func(k usesKey) (usesKey, bool) {
		if slices.Contains(anc, k) {
			return k, false
		}
		if len(anc) > 1000 {
			return k, false
		}
		anc = append(anc, k)
		for _, u := range p.macroUsesOf(k) {
			if bad, ok := walk(u); !ok {
				return bad, false
			}
		}
		anc = anc[:len(anc)-1]
		return usesKey{}, true
	}
	if bad, ok := walk(k); !ok {
		if bad.arity < 0 {
			return fmt.Sprintf("circular macro '%s'", bad.name), false
		}
		return fmt.Sprintf("circular macro '%s/%d'", bad.name, bad.arity), false
	}
	p.checked[k] = p.gen
	return "", true
}

func (p *pp) macroUsesOf(k usesKey) []usesKey {
	l := p.uses[k.name]
	for _, u := range l {
		if u.arity == k.arity {
			return u.uses
		}
	}
	for _, u := range l {
		if u.arity < 0 {
			return u.uses
		}
	}
	return nil
}
