package epp

import (
	_ "embed"
	"slices"
	"strings"

	"github.com/otpbox/otpbox/sandbox/erl/syntax"
)

// eunitHeader is the -include_lib name of EUnit's header.
const eunitHeader = "eunit/include/eunit.hrl"

// EmbeddedEunitPath is the path reported for the built-in eunit.hrl, used
// when -include_lib("eunit/include/eunit.hrl") is not found on disk.
const EmbeddedEunitPath = "<otpbox>/eunit/include/eunit.hrl"

//go:embed include/eunit.hrl
var embeddedEunit []byte

// eunitState collects what eunit's auto-export needs. In erlc, eunit.hrl
// adds the parse transform eunit_autoexport, which exports test/0 (defining
// it as eunit:test(Module) unless the module does) and every function of
// arity 0 named *_test, *_test_ or *_exported_. otpbox has no parse
// transforms, so the preprocessor does the same on the token stream: the
// export attribute goes right after -module, the test/0 function at the end.
type eunitState struct {
	at      syntax.Token // the include's "(" token, where generated tokens point
	names   []string
	hasTest bool
}

// startEunit is called after eunit.hrl was included.
func (p *pp) startEunit(f *fileCtx, at syntax.Token) {
	if p.eunit != nil || p.isDefined("EUNIT_NOAUTO") || p.isDefined("NOTEST") {
		return
	}
	at.FileIdx = f.fileIdx
	p.eunit = &eunitState{at: at}
	p.info.EunitAutoExport = true
}

// noteForm records a function of arity 0 that the auto-export concerns.
func (s *eunitState) noteForm(tx *syntax.Texts, ts []syntax.Token) {
	if len(ts) < 3 || ts[0].Kind != syntax.ATOM || ts[1].Kind != syntax.LPAREN || ts[2].Kind != syntax.RPAREN {
		return
	}
	name := tx.Lit(&ts[0])
	if name == "test" {
		s.hasTest = true
		return
	}
	if (strings.HasSuffix(name, "_test") || strings.HasSuffix(name, "_test_") || strings.HasSuffix(name, "_exported_")) &&
		!slices.Contains(s.names, name) {
		s.names = append(s.names, name)
	}
}

// finish inserts the export attribute and test/0.
func (s *eunitState) finish(p *pp) {
	if p.moduleEnd < 0 {
		return // no -module: eunit_autoexport leaves such a file alone
	}
	tx := p.tx
	mod := tx.Lit(&p.macros["MODULE"].defs[0].Body[0])
	gen := func(t syntax.Token) syntax.Token {
		t.Pos, t.End, t.FileIdx = s.at.Pos, s.at.End, s.at.FileIdx
		tx.SetMacro(&t, s.at.Pos)
		return t
	}
	punct := func(k syntax.Kind, text string) syntax.Token { return gen(tx.Make(k, text, "")) }
	names := s.names
	if !s.hasTest {
		names = append([]string{"test"}, names...)
	}
	exp := []syntax.Token{
		punct(syntax.MINUS, "-"), gen(atomToken(tx, "export")), punct(syntax.LPAREN, "("), punct(syntax.LBRACKET, "["),
	}
	for i, n := range names {
		if i > 0 {
			exp = append(exp, punct(syntax.COMMA, ","))
		}
		exp = append(exp, gen(atomToken(tx, n)), punct(syntax.SLASH, "/"), gen(intToken(tx, 0)))
	}
	exp = append(exp, punct(syntax.RBRACKET, "]"), punct(syntax.RPAREN, ")"), punct(syntax.DOT, "."))
	p.out = slices.Insert(p.out, p.moduleEnd, exp...)
	if !s.hasTest {
		p.out = append(p.out,
			gen(atomToken(tx, "test")), punct(syntax.LPAREN, "("), punct(syntax.RPAREN, ")"), punct(syntax.ARROW, "->"),
			gen(atomToken(tx, "eunit")), punct(syntax.COLON, ":"), gen(atomToken(tx, "test")), punct(syntax.LPAREN, "("),
			gen(atomToken(tx, mod)), punct(syntax.RPAREN, ")"), punct(syntax.DOT, "."))
	}
}
