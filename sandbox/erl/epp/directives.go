package epp

import (
	"github.com/otpbox/otpbox/sandbox/erl/syntax"
)

// errWarn handles -error(Term) and -warning(Term): the term, macros
// expanded, is reported as erlc reports it.
func (p *pp) errWarn(f *fileCtx, what string, tag syntax.Token, args []syntax.Token) {
	if len(args) == 0 || args[0].Kind != syntax.LPAREN {
		p.errorAt(f.path, firstOr(args, tag), "badly formed '%s'", what)
		return
	}
	e := expander{p: p, f: f, form: args}
	toks, err := e.expandForm(nil)
	var t term
	ok := err == nil
	if ok {
		es, perr := parseExprs(p.tx, toks)
		ok = perr == nil && len(es) == 1
		if ok {
			t, ok = toTerm(es[0])
		}
	}
	if !ok {
		p.errorAt(f.path, tag, "badly formed '%s'", what)
		return
	}
	e2 := syntax.Error{File: f.path, Pos: tag.Pos, End: tag.End, Msg: "-" + what + "(" + formatTerm(t) + ")."}
	if what == "error" {
		p.errs = append(p.errs, e2)
	} else {
		p.warns = append(p.warns, e2)
	}
}

// feature handles -feature(Feature, enable | disable). OTP 25 knows one
// configurable feature, maybe_expr, which makes maybe and else reserved
// words for the rest of the file; the directive is only allowed before the
// first ordinary attribute or function, as in erlc.
func (p *pp) feature(f *fileCtx, tag syntax.Token, args []syntax.Token) {
	ok := len(args) == 6 && args[0].Kind == syntax.LPAREN && args[1].Kind == syntax.ATOM &&
		args[2].Kind == syntax.COMMA && args[3].Kind == syntax.ATOM && args[4].Kind == syntax.RPAREN &&
		args[5].Kind == syntax.DOT
	if !ok {
		p.errorAt(f.path, firstOr(args, tag), "badly formed 'feature'")
		return
	}
	if !p.inPrefix {
		p.errorAt(f.path, tag, "feature directive not allowed after exports or record definitions")
		return
	}
	ftr, ind := p.tx.Lit(&args[1]), p.tx.Lit(&args[3])
	if ind != "enable" && ind != "disable" {
		p.errorAt(f.path, firstOr(args, tag), "badly formed 'feature'")
		return
	}
	if ftr != "maybe_expr" {
		p.errorAt(f.path, tag, "the feature '%s' does not exist.", ftr)
		return
	}
	p.maybeOn = ind == "enable"
	p.setFeatureMacro("FEATURE_ENABLED", p.maybeOn)
}
