package syntax

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// ParseFile scans and parses src with no preprocessing: macros are not
// expanded and preprocessor directives (-define, -ifdef, ...) are kept as
// plain attributes. Tests and tools that need no macros use it; real
// modules go through package epp, then ParseTokens.
//
// As in OTP 25, maybe and else are keywords only in a file that says
// -feature(maybe_expr, enable).
func ParseFile(file string, src []byte) (*File, []Error) {
	var r Reparser
	return r.ParseFile(file, src)
}

// A Reparser parses files one after another, as ParseFile does, reusing
// its token buffer between calls: re-parsing a 10,000-line module then
// allocates the tree but not the tokens again. It is not safe for
// concurrent use.
type Reparser struct {
	toks []Token
}

// ParseFile is the package's ParseFile, with r's buffer.
func (r *Reparser) ParseFile(file string, src []byte) (*File, []Error) {
	tx := &Texts{}
	toks, errs := ScanAppend(r.toks[:0], tx, file, src, 0)
	if bytes.Contains(src, []byte("maybe_expr")) && EnablesMaybe(toks, tx) {
		tx = &Texts{}
		toks, errs = ScanAppend(toks[:0], tx, file, src, MaybeExpr)
	}
	f, perrs := ParseTokens(file, toks, tx)
	// Tokens hold no pointers, so the buffer does not keep the
	// previous source alive.
	r.toks = toks[:0]
	return f, append(errs, perrs...)
}

// ParseTokens parses a token stream (as produced by Scan or by the
// preprocessor, ending with EOF or not) into a File; tx holds their text. COMMENT tokens are
// collected into File.Comments and used for documentation.
//
// A syntax error ends only the form it is in: it is reported with erlc's
// wording, parsing resumes after the form's dot, and the form is still in
// the tree with everything parsed before the error. As with erl_scan, an
// ILLEGAL token (which the scanner reported already) ends its form, which
// gets no second error; the tokens after it start a new form.
func ParseTokens(file string, toks []Token, tx *Texts) (*File, []Error) {
	f := &File{Name: file}
	var errs []Error
	p := &parser{file: file, tx: tx}
	var pendingDoc string
	// A form is the range toks[start:end] of the token stream; the parser
	// skips the comments inside it, so no token is copied.
	start, end := -1, -1
	flush := func() {
		if start < 0 {
			return
		}
		// Only a form's last token can be ILLEGAL: it ends the form.
		p.reset(toks[start:end], toks[end-1].Kind == ILLEGAL)
		start = -1
		fm := p.parseForm()
		errs = append(errs, p.errs...)
		p.errs = p.errs[:0]
		switch fm := fm.(type) {
		case *Attribute:
			if fm.Name.Name == "doc" {
				if s, ok := fm.Value.(*String); ok {
					pendingDoc = s.Value
				}
			}
		case *Function:
			fm.Doc = pendingDoc
			pendingDoc = ""
		}
		f.Forms = append(f.Forms, fm)
	}
	// full holds the main file's full-line %% comments by line, for
	// attachComments: a comment is full-line when no other token of the
	// same file precedes it on its line. Finding them here, rather than in
	// a pass of their own, reads each token once while it is in cache.
	var full map[int32]*Comment
	lastLine := int32(0)
	for i := range toks {
		t := &toks[i]
		own := t.FileIdx == 0 && t.MacroIdx == 0
		switch t.Kind {
		case COMMENT:
			c := alloc(&p.comments)
			*c = Comment{Loc: Loc{t.Pos, t.End}, Text: tx.Text(t)}
			f.Comments = append(f.Comments, c)
			if own {
				if t.Pos.Line != lastLine && strings.HasPrefix(c.Text, "%%") {
					if full == nil {
						full = make(map[int32]*Comment)
					}
					full[t.Pos.Line] = c
				}
				lastLine = t.End.Line
			}
			continue
		case EOF:
			if own {
				lastLine = t.End.Line
			}
			flush()
			continue
		}
		if own {
			lastLine = t.End.Line
		}
		if start < 0 {
			start = i
		}
		end = i + 1
		if t.Kind == DOT || t.Kind == ILLEGAL {
			// erl_scan ends a form at a bad token, as at a dot: what
			// follows is scanned and parsed as the next form.
			flush()
		}
	}
	flush()
	attachComments(f, full)
	if len(toks) > 0 {
		f.Loc = Loc{toks[0].Pos, toks[len(toks)-1].End}
	}
	return f, errs
}

// EnablesMaybe reports whether toks hold -feature(maybe_expr, enable), the
// directive after which OTP 25 reads maybe and else as keywords; tx holds
// their text.
func EnablesMaybe(toks []Token, tx *Texts) bool {
	want := [...]Kind{MINUS, ATOM, LPAREN, ATOM, COMMA, ATOM, RPAREN}
	lits := [len(want)]string{1: "feature", 3: "maybe_expr", 5: "enable"}
outer:
	for i := 0; i+len(want) <= len(toks); i++ {
		if toks[i].Kind != MINUS || toks[i].Pos.Col != 1 {
			continue
		}
		for j, k := range want {
			t := toks[i+j]
			if t.Kind != k || lits[j] != "" && tx.Lit(&t) != lits[j] {
				continue outer
			}
		}
		return true
	}
	return false
}

// ParseExpr parses tokens holding one expression, optionally followed by a
// dot, such as the condition of -if; tx holds their text. The preprocessor
// evaluates with it.
func ParseExpr(toks []Token, tx *Texts) (Expr, error) {
	var form []Token
	for _, t := range toks {
		if t.Kind != COMMENT && t.Kind != EOF {
			form = append(form, t)
		}
	}
	if n := len(form); n > 0 && form[n-1].Kind == DOT {
		form = form[:n-1]
	}
	if len(form) == 0 {
		return nil, errors.New("empty expression")
	}
	p := &parser{tx: tx}
	p.reset(form, slices.ContainsFunc(form, func(t Token) bool { return t.Kind == ILLEGAL }))
	x := p.expr()
	if !p.failed && p.tok.Kind != EOF {
		p.syntaxError()
	}
	if len(p.errs) > 0 {
		return x, p.errs[0]
	}
	if p.failed {
		// Only a form with a scanner error fails quietly.
		return x, errors.New("illegal token in expression")
	}
	return x, nil
}

// parser parses one form at a time. After the first error it behaves as if
// the form had ended (the current token becomes EOF), so every loop ends and
// every parse function returns what it built so far.
type parser struct {
	file   string
	tx     *Texts
	toks   []Token // the form: starts and ends with a non-comment token
	next_  int
	tok    *Token // current token
	last   *Token // last consumed token
	eof    Token  // what tok is at the end of the form or after an error
	first  Token  // stands for last before anything is consumed
	failed bool
	quiet  bool // the form holds an ILLEGAL token: report no syntax error
	errs   []Error
	fields []typedField // scratch for typedTuple
	stack  []Expr       // scratch for lists being built (exprs)

	// Slabs for the most frequent leaves: one allocation per slabSize
	// nodes instead of one per node.
	atoms    []Atom
	vars     []Var
	ints     []Integer
	tuples   []Tuple
	lists    []List
	calls    []Call
	binops   []BinaryOp
	matches  []Match
	clauses  []Clause
	comments []Comment
	// exprSlab backs the tree's expression lists: each is an exact-size,
	// capacity-capped window of it, so that a 10-element argument list
	// costs no allocation of its own.
	exprSlab []Expr
}

const slabSize = 64

// alloc returns a zero T from the slab, refilling it when empty.
func alloc[T any](slab *[]T) *T {
	if len(*slab) == 0 {
		*slab = make([]T, slabSize)
	}
	x := &(*slab)[0]
	*slab = (*slab)[1:]
	return x
}

// exprSlabSize is the number of list elements one exprSlab allocation
// holds; longer lists get a slice of their own.
const exprSlabSize = 512

// takeExprs moves p.stack[mark:] into a slice carved from exprSlab (nil
// when empty) and pops it off the stack.
func (p *parser) takeExprs(mark int) []Expr {
	n := len(p.stack) - mark
	if n == 0 {
		return nil
	}
	var es []Expr
	switch {
	case n > exprSlabSize/8:
		es = make([]Expr, n)
	default:
		if n > len(p.exprSlab) {
			p.exprSlab = make([]Expr, exprSlabSize)
		}
		es, p.exprSlab = p.exprSlab[:n:n], p.exprSlab[n:]
	}
	copy(es, p.stack[mark:])
	clear(p.stack[mark:])
	p.stack = p.stack[:mark]
	return es
}

// reset starts parsing the form toks; quiet says that it holds an ILLEGAL
// token.
func (p *parser) reset(toks []Token, quiet bool) {
	p.toks = toks
	p.next_ = 0
	p.failed = false
	p.quiet = quiet
	end := toks[len(toks)-1].End
	p.eof = Token{Kind: EOF, Pos: end, End: end}
	p.first = Token{Pos: toks[0].Pos, End: toks[0].Pos}
	p.last = &p.first
	p.advance()
}

func (p *parser) advance() {
	for p.next_ < len(p.toks) && p.toks[p.next_].Kind == COMMENT {
		p.next_++
	}
	if p.failed || p.next_ >= len(p.toks) {
		p.tok = &p.eof
		return
	}
	p.tok = &p.toks[p.next_]
	p.next_++
}

func (p *parser) next() {
	p.last = p.tok
	p.advance()
}

// peek returns the kind of the token after the current one.
func (p *parser) peek() Kind {
	if p.failed {
		return EOF
	}
	for i := p.next_; i < len(p.toks); i++ {
		if k := p.toks[i].Kind; k != COMMENT {
			return k
		}
	}
	return EOF
}

// syntaxError reports "syntax error before: T" for the current token, as
// yecc does, and ends the form.
func (p *parser) syntaxError() {
	if p.failed {
		return
	}
	t := *p.tok
	pos, end := t.Pos, t.End
	if t.Kind == EOF {
		// At the end of input yecc points at the start of the last token.
		last := p.toks[len(p.toks)-1]
		pos, end = last.Pos, last.End
	}
	p.fail(pos, end, "syntax error before: "+tokenDesc(p.tx, &t))
}

// fail records an error (unless the form is quiet) and ends the form.
func (p *parser) fail(pos, end Pos, msg string) {
	if p.failed {
		return
	}
	if !p.quiet {
		p.errs = append(p.errs, Error{File: p.fileAt(pos), Pos: pos, End: end, Msg: msg})
	}
	p.failed = true
	p.tok = &p.eof
}

// fileAt is the file of the form's token at pos: a form from an included
// file (at any depth) has its errors reported in that file, as erlc does,
// not at the same offset in the main file. Positions are per file, so the
// token is matched by offset and line; a position no token starts at (the
// end of the form) belongs to the current token's file.
func (p *parser) fileAt(pos Pos) string {
	f := p.tok
	if p.tok.Kind == EOF && len(p.toks) > 0 {
		f = &p.toks[len(p.toks)-1]
	}
	for i := range p.toks {
		if t := &p.toks[i]; t.Pos.Offset == pos.Offset && t.Pos.Line == pos.Line {
			f = t
			break
		}
	}
	if f.FileIdx == 0 {
		return p.file
	}
	return p.tx.File(f)
}

func (p *parser) failAt(n Node, msg string) {
	s := n.Span()
	p.fail(s.Pos, s.End, msg)
}

func (p *parser) got(k Kind) bool {
	if p.tok.Kind == k {
		p.next()
		return true
	}
	return false
}

func (p *parser) expect(k Kind) bool {
	if p.tok.Kind == k {
		p.next()
		return true
	}
	p.syntaxError()
	return false
}

// loc returns the span from start to the end of the last consumed token.
func (p *parser) loc(start Pos) Loc {
	end := p.last.End
	if end.Offset < start.Offset {
		end = start
	}
	return Loc{start, end}
}

func (p *parser) bad() *BadExpr {
	pos := p.tok.Pos
	p.syntaxError()
	return &BadExpr{Loc{pos, pos}}
}

func (p *parser) atom() *Atom {
	if p.tok.Kind != ATOM {
		p.syntaxError()
		return nil
	}
	a := alloc(&p.atoms)
	*a = Atom{Loc{p.tok.Pos, p.tok.End}, p.tx.Lit(p.tok)}
	p.next()
	return a
}

func (p *parser) variable() *Var {
	if p.tok.Kind != VAR {
		p.syntaxError()
		return nil
	}
	v := alloc(&p.vars)
	*v = Var{Loc{p.tok.Pos, p.tok.End}, p.tx.Lit(p.tok)}
	p.next()
	return v
}

// ---- Forms ----

func (p *parser) parseForm() Form {
	start := p.tok.Pos
	var f Form
	if p.tok.Kind == MINUS {
		f = p.attribute()
	} else if p.tok.Kind == ATOM {
		f = p.function()
	} else {
		p.syntaxError()
		return &BadForm{p.formLoc(start)}
	}
	if !p.failed {
		if p.tok.Kind == DOT {
			p.next()
		} else {
			p.syntaxError()
		}
	}
	return f
}

// formLoc spans the whole form, dot included, even when parsing stopped
// early, so that a cursor anywhere in a broken form finds it.
func (p *parser) formLoc(start Pos) Loc {
	return Loc{start, p.toks[len(p.toks)-1].End}
}

func (p *parser) function() Form {
	start := p.tok.Pos
	fn := &Function{}
	for {
		c := p.functionClause()
		fn.Clauses = append(fn.Clauses, c)
		if !p.got(SEMI) {
			break
		}
	}
	first := fn.Clauses[0]
	if a, ok := first.Name.(*Atom); ok {
		fn.Name = a.Name
	}
	fn.Arity = len(first.Patterns)
	if !p.failed {
		for _, c := range fn.Clauses[1:] {
			if a, ok := c.Name.(*Atom); !ok || a.Name != fn.Name || len(c.Patterns) != fn.Arity {
				p.fail(c.Pos, c.Pos, "head mismatch")
				break
			}
		}
	}
	fn.Loc = p.formLoc(start)
	return fn
}

func (p *parser) functionClause() *Clause {
	start := p.tok.Pos
	c := alloc(&p.clauses)
	if a := p.atom(); a != nil {
		c.Name = a
	}
	c.Patterns = p.patArgs()
	p.clauseRest(c)
	c.Loc = p.loc(start)
	return c
}

// clauseRest parses an optional guard and the body of a clause.
func (p *parser) clauseRest(c *Clause) {
	if p.got(WHEN) {
		c.Guard = p.guard()
	}
	if p.expect(ARROW) {
		c.Body = p.exprs()
	}
}

func (p *parser) guard() [][]Expr {
	var g [][]Expr
	for {
		g = append(g, p.exprs())
		if !p.got(SEMI) {
			return g
		}
	}
}

func (p *parser) patArgs() []Expr {
	if !p.expect(LPAREN) {
		return nil
	}
	if p.got(RPAREN) {
		return nil
	}
	mark := len(p.stack)
	for {
		e := p.pattern()
		p.stack = append(p.stack, e)
		if !p.got(COMMA) {
			break
		}
	}
	args := p.takeExprs(mark)
	p.expect(RPAREN)
	return args
}

func (p *parser) attribute() Form {
	start := p.tok.Pos
	p.next() // -
	if p.tok.Kind != ATOM {
		p.syntaxError()
		return &BadForm{p.formLoc(start)}
	}
	if lit := p.tx.Lit(p.tok); lit == "spec" || lit == "callback" {
		return p.spec(start)
	}
	name := p.atom()
	if p.tok.Kind == DOT && directives[name.Name] {
		// -else. -endif. in unpreprocessed source
		return &Attribute{Loc: p.formLoc(start), Name: name}
	}
	// erl_parse's three shapes: '-' atom attr_val, '-' atom typed_attr_val
	// and '-' atom '(' typed_attr_val ')'. All start with an expression,
	// possibly after a parenthesis that belongs to the attribute.
	paren := false
	var first Expr
	if p.got(LPAREN) {
		first = p.expr()
		if p.tok.Kind == RPAREN {
			// '(' expr ')': a parenthesised first expression, which may go on.
			p.next()
			first = p.binRest(p.postfixAfter(first), 0, false)
		} else {
			paren = true
		}
	} else {
		first = p.expr()
	}
	// yecc builds the attribute (and runs its checks) when it reduces the
	// rule: right after the value, or after the ')' that closes it.
	closeParen := func() {
		if paren {
			p.expect(RPAREN)
		}
	}
	switch p.tok.Kind {
	case COLONCOL:
		p.next()
		t := p.topType()
		closeParen()
		return p.typedAttr(start, name, first, t)
	case COMMA:
		p.next()
		if p.tok.Kind == LBRACE {
			tup, typed := p.typedTuple()
			if typed {
				closeParen()
				return p.typedRecord(start, name, first, tup)
			}
			rest := []Expr{first, p.binRest(p.postfixAfter(tup), 0, false)}
			if p.got(COMMA) {
				rest = append(rest, p.exprs()...)
			}
			closeParen()
			return p.buildAttribute(start, name, rest)
		}
		rest := append([]Expr{first}, p.exprs()...)
		closeParen()
		return p.buildAttribute(start, name, rest)
	}
	if paren {
		// Only ')', ',' or '::' may follow '(' expr.
		p.syntaxError()
	}
	return p.buildAttribute(start, name, []Expr{first})
}

// typedField is an element of a tuple in which some elements may carry a
// type (the field list of -record).
type typedField struct {
	x Expr
	t Type // nil when untyped
}

// typedTuple parses '{' typed_exprs '}' and reports whether any element had
// a type; when none had, the caller treats it as a plain tuple.
func (p *parser) typedTuple() (*Tuple, bool) {
	start := p.tok.Pos
	p.next() // {
	tup := &Tuple{}
	typed := false
	p.fields = p.fields[:0]
	if !p.got(RBRACE) {
		for {
			e := p.expr()
			var t Type
			if p.got(COLONCOL) {
				t = p.topType()
				typed = true
			}
			p.fields = append(p.fields, typedField{e, t})
			tup.Elems = append(tup.Elems, e)
			if !p.got(COMMA) {
				break
			}
		}
		p.expect(RBRACE)
	}
	tup.Loc = p.loc(start)
	return tup, typed
}

// typedAttr builds -type/-opaque Name(Params) :: T (erl_parse's
// build_typed_attribute), rejecting the typed form for other attributes.
func (p *parser) typedAttr(start Pos, name *Atom, head Expr, t Type) Form {
	switch name.Name {
	case "type", "opaque":
	case "record":
		p.failAt(name, "bad record declaration")
		return &Attribute{Loc: p.formLoc(start), Name: name, Value: head}
	default:
		p.failAt(name, "bad attribute")
		return &Attribute{Loc: p.formLoc(start), Name: name, Value: head}
	}
	td := &TypeDef{Opaque: name.Name == "opaque", Type: t}
	call, ok := head.(*Call)
	if ok {
		td.Name, ok = call.Fun.(*Atom)
	}
	if !ok {
		p.failAt(name, "bad "+name.Name+" declaration")
	} else {
		for _, a := range call.Args {
			if v, isVar := a.(*Var); isVar && v.Name != "_" {
				td.Params = append(td.Params, v)
			} else {
				p.failAt(a, "bad type variable")
			}
		}
	}
	td.Loc = p.formLoc(start)
	return td
}

// typedRecord builds -record(Name, {Fields}) where some field has a type.
func (p *parser) typedRecord(start Pos, name *Atom, first Expr, tup *Tuple) Form {
	if name.Name != "record" {
		p.failAt(name, "bad attribute")
		return &Attribute{Loc: p.formLoc(start), Name: name, Value: first}
	}
	r := &RecordDef{}
	if a, ok := first.(*Atom); ok {
		r.Name = a
	} else {
		p.failAt(name, "bad record declaration")
	}
	r.Fields = p.recordFields(p.fields)
	r.Loc = p.formLoc(start)
	return r
}

// recordFields checks record field definitions: atom, atom = Default, each
// optionally typed.
func (p *parser) recordFields(fields []typedField) []*RecordFieldDef {
	var out []*RecordFieldDef
	for _, f := range fields {
		d := &RecordFieldDef{Type: f.t}
		switch x := f.x.(type) {
		case *Atom:
			d.Name = x
		case *Match:
			if a, ok := x.Left.(*Atom); ok {
				d.Name, d.Default = a, x.Right
			}
		}
		if d.Name == nil {
			p.failAt(f.x, "bad record field")
		}
		d.Loc = f.x.Span()
		if f.t != nil {
			d.End = f.t.Span().End
		}
		out = append(out, d)
	}
	return out
}

// directives are the preprocessor's own attributes; when the parser sees
// them (ParseFile on unpreprocessed source) it keeps them as attributes.
var directives = map[string]bool{
	"define": true, "undef": true, "ifdef": true, "ifndef": true, "else": true,
	"endif": true, "if": true, "elif": true, "include": true, "include_lib": true,
	"error": true, "warning": true,
}

// buildAttribute turns an attribute's values into its form, with
// erl_parse's build_attribute checks and messages.
func (p *parser) buildAttribute(start Pos, name *Atom, vals []Expr) Form {
	loc := func() Loc { return p.formLoc(start) }
	badDecl := func(n Node) {
		p.failAt(n, "bad "+name.Name+" declaration")
	}
	switch name.Name {
	case "module":
		m := &ModuleAttr{}
		if a, ok := vals[0].(*Atom); ok && len(vals) <= 2 {
			m.Name = a
			if len(vals) == 2 && !isVarList(vals[1]) {
				p.failAt(vals[1], "bad variable list")
			}
		} else {
			badDecl(vals[0])
		}
		m.Loc = loc()
		return m
	case "export":
		e := &ExportAttr{}
		if len(vals) > 1 {
			badDecl(vals[1])
		}
		e.Funcs = p.farityList(vals[0])
		e.Loc = loc()
		return e
	case "export_type":
		// erl_parse checks only -export; a malformed -export_type is a
		// plain attribute here, for erl_lint (sema) to reject.
		if len(vals) == 1 && isFarityList(vals[0]) {
			return &ExportAttr{Loc: loc(), Type: true, Funcs: p.farityList(vals[0])}
		}
	case "import":
		im := &ImportAttr{}
		// erl_parse blames the second value for any malformed import.
		if a, ok := vals[0].(*Atom); ok && len(vals) == 2 {
			im.Module = a
			im.Funcs = p.farityList(vals[1])
		} else {
			badDecl(vals[min(1, len(vals)-1)])
		}
		im.Loc = loc()
		return im
	case "record":
		r := &RecordDef{}
		a, ok := vals[0].(*Atom)
		if !ok || len(vals) != 2 {
			badDecl(vals[0])
		} else if tup, isTuple := vals[1].(*Tuple); !isTuple {
			r.Name = a
			badDecl(vals[1])
		} else {
			r.Name = a
			fields := make([]typedField, len(tup.Elems))
			for i, e := range tup.Elems {
				fields[i].x = e
			}
			r.Fields = p.recordFields(fields)
		}
		r.Loc = loc()
		return r
	case "file":
		if len(vals) != 2 || !isKind[*String](vals[0]) || !isKind[*Integer](vals[1]) {
			badDecl(vals[0])
		}
	case "behaviour", "behavior":
		if a, ok := vals[0].(*Atom); ok && len(vals) == 1 {
			return &BehaviourAttr{Loc: loc(), Spelling: name.Name, Name: a}
		}
	}
	a := &Attribute{Name: name, Value: vals[0]}
	switch {
	case len(vals) > 1 && (directives[name.Name] || name.Name == "file" || name.Name == "feature"):
		a.Value = &Tuple{Loc{vals[0].Span().Pos, vals[len(vals)-1].Span().End}, vals}
	case len(vals) > 1:
		p.failAt(vals[1], "bad attribute")
	case !directives[name.Name] && !isTerm(vals[0], true):
		p.failAt(vals[0], "bad attribute")
	}
	a.Loc = loc()
	return a
}

func isKind[T Expr](x Expr) bool {
	_, ok := x.(T)
	return ok
}

func isVarList(x Expr) bool {
	l, ok := x.(*List)
	if !ok || l.Tail != nil {
		return false
	}
	for _, e := range l.Elems {
		if !isKind[*Var](e) {
			return false
		}
	}
	return true
}

// isTerm reports whether x is a literal term, as erl_parse's normalise/1
// requires of an attribute's value. With farity, Name/Arity counts as a
// term inside lists, tuples and map values, as attribute_farity/1 allows.
func isTerm(x Expr, farity bool) bool {
	switch x := x.(type) {
	case *Atom, *Integer, *Float, *Char, *String:
		return true
	case *List:
		for _, e := range x.Elems {
			if !isTerm(e, farity) {
				return false
			}
		}
		return x.Tail == nil || isTerm(x.Tail, farity)
	case *Tuple:
		for _, e := range x.Elems {
			if !isTerm(e, farity) {
				return false
			}
		}
		return true
	case *Map:
		if x.Base != nil {
			return false
		}
		for _, f := range x.Fields {
			if f.Exact || !isTerm(f.Key, false) || !isTerm(f.Value, farity) {
				return false
			}
		}
		return true
	case *Binary:
		for _, e := range x.Elems {
			if !isTerm(e.Value, false) || e.Size != nil && !isKind[*Integer](e.Size) {
				return false
			}
		}
		return true
	case *UnaryOp:
		if x.Op != PLUS && x.Op != MINUS {
			return false
		}
		return isKind[*Integer](x.X) || isKind[*Float](x.X) || isKind[*Char](x.X)
	case *BinaryOp:
		return farity && x.Op == SLASH && isKind[*Atom](x.X) && isKind[*Integer](x.Y)
	case *FunRef:
		return isKind[*Atom](x.Module) && isKind[*Atom](x.Name) && isKind[*Integer](x.Arity)
	}
	return false
}

func isFarityList(x Expr) bool {
	l, ok := x.(*List)
	if !ok || l.Tail != nil {
		return false
	}
	for _, e := range l.Elems {
		op, ok := e.(*BinaryOp)
		if !ok || op.Op != SLASH || !isKind[*Atom](op.X) || !isKind[*Integer](op.Y) {
			return false
		}
	}
	return true
}

// farityList reads [f/1, g/2] into NameArity nodes, with erl_parse's errors.
func (p *parser) farityList(x Expr) []*NameArity {
	var out []*NameArity
	l, ok := x.(*List)
	if !ok {
		p.failAt(x, "bad Name/Arity")
		return nil
	}
	for i, e := range l.Elems {
		op, ok := e.(*BinaryOp)
		if !ok || op.Op != SLASH {
			// erl_parse blames the list cell, which starts at '[' for the
			// first element.
			at := e.Span()
			if i == 0 {
				at.Pos = l.Pos
			}
			p.fail(at.Pos, at.End, "bad Name/Arity")
			return out
		}
		name, ok := op.X.(*Atom)
		if !ok {
			p.failAt(op.X, "bad function name")
			return out
		}
		arity, ok := op.Y.(*Integer)
		if !ok {
			p.failAt(op.Y, "bad function arity")
			return out
		}
		out = append(out, &NameArity{op.Loc, name, arity})
	}
	if l.Tail != nil {
		p.failAt(l.Tail, "bad Name/Arity")
	}
	return out
}

func (p *parser) spec(start Pos) Form {
	s := &Spec{Callback: p.tx.Lit(p.tok) == "callback"}
	p.next()
	paren := p.got(LPAREN)
	s.Name = p.atom()
	if p.got(COLON) {
		s.Module, s.Name = s.Name, p.atom()
	}
	for {
		s.Clauses = append(s.Clauses, p.specClause())
		if !p.got(SEMI) {
			break
		}
	}
	if paren {
		p.expect(RPAREN)
	}
	s.Arity = len(s.Clauses[0].Params)
	s.Loc = p.formLoc(start)
	return s
}

func (p *parser) specClause() *SpecClause {
	start := p.tok.Pos
	c := &SpecClause{}
	c.Params, _, c.Result = p.funType()
	if p.got(WHEN) {
		for {
			c.Constraints = append(c.Constraints, p.constraint())
			if !p.got(COMMA) {
				break
			}
		}
	}
	c.Loc = p.loc(start)
	return c
}

func (p *parser) constraint() *Constraint {
	start := p.tok.Pos
	c := &Constraint{}
	switch p.tok.Kind {
	case VAR:
		c.Var = p.variable()
		if c.Var.Name == "_" {
			p.failAt(c.Var, "bad type variable")
		}
		p.expect(COLONCOL)
		c.Type = p.topType()
	case ATOM:
		name := p.atom()
		p.expect(LPAREN)
		args := p.topTypes(RPAREN)
		p.expect(RPAREN)
		if name.Name != "is_subtype" || len(args) != 2 {
			p.failAt(name, fmt.Sprintf("unsupported constraint %s", writeAtom(name.Name)))
		} else if v, ok := args[0].(*Var); ok && v.Name != "_" {
			c.Var, c.Type = v, args[1]
		} else {
			p.failAt(args[0], "bad type variable")
		}
	default:
		p.syntaxError()
	}
	c.Loc = p.loc(start)
	return c
}

// funType parses (Params) -> Result, or (...) -> Result (anyArity set).
func (p *parser) funType() (params []Type, anyArity bool, result Type) {
	if !p.expect(LPAREN) {
		return nil, false, nil
	}
	if p.got(DOTDOTDOT) {
		anyArity = true
	} else {
		params = p.topTypes(RPAREN)
	}
	if p.expect(RPAREN) && p.expect(ARROW) {
		result = p.topType()
	}
	return params, anyArity, result
}

// ---- Types ----

// topTypes parses a comma-separated list of types, possibly empty when the
// next token is end.
func (p *parser) topTypes(end Kind) []Type {
	if p.tok.Kind == end {
		return nil
	}
	var ts []Type
	for {
		ts = append(ts, p.topType())
		if !p.got(COMMA) {
			return ts
		}
	}
}

func (p *parser) topType() Type {
	start := p.tok.Pos
	if p.tok.Kind == VAR && p.peek() == COLONCOL {
		v := p.variable()
		p.next()
		t := p.topType()
		return &TypeAnn{p.loc(start), v, t}
	}
	t := p.typeExpr(0)
	if p.tok.Kind != BAR {
		return t
	}
	u := &TypeUnion{Types: []Type{t}}
	for p.got(BAR) {
		rest := p.topType()
		if ru, ok := rest.(*TypeUnion); ok {
			u.Types = append(u.Types, ru.Types...)
		} else {
			u.Types = append(u.Types, rest)
		}
	}
	u.Loc = p.loc(start)
	return u
}

// typePrec gives the precedence of binary type operators.
func typePrec(k Kind) int {
	switch k {
	case DOTDOT:
		return 200
	case PLUS, MINUS, BOR, BXOR, BSL, BSR, OR, XOR:
		return 400
	case STAR, SLASH, DIV, REM, BAND, AND:
		return 500
	}
	return 0
}

func (p *parser) typeExpr(min int) Type {
	start := p.tok.Pos
	var x Type
	switch p.tok.Kind {
	case PLUS, MINUS, BNOT, NOT:
		op := p.tok.Kind
		p.next()
		y := p.typeExpr(600)
		x = &UnaryOp{p.loc(start), op, y}
	default:
		x = p.typePrimary()
	}
	for {
		op := p.tok.Kind
		prec := typePrec(op)
		if prec == 0 || prec < min {
			return x
		}
		opPos := p.tok.Pos
		p.next()
		y := p.typeExpr(prec + 1)
		x = &BinaryOp{p.loc(start), op, opPos, x, y}
		if op == DOTDOT && p.tok.Kind == DOTDOT {
			p.syntaxError()
		}
	}
}

func (p *parser) typePrimary() Type {
	start := p.tok.Pos
	switch p.tok.Kind {
	case LPAREN:
		p.next()
		t := p.topType()
		p.expect(RPAREN)
		return t
	case VAR:
		return p.variable()
	case INTEGER, CHAR:
		return p.literal()
	case ATOM:
		a := p.atom()
		switch p.tok.Kind {
		case LPAREN:
			p.next()
			args := p.topTypes(RPAREN)
			p.expect(RPAREN)
			return &Call{p.loc(start), a, args}
		case COLON:
			p.next()
			name := p.atom()
			rem := &Remote{p.loc(start), a, name}
			p.expect(LPAREN)
			args := p.topTypes(RPAREN)
			p.expect(RPAREN)
			return &Call{p.loc(start), rem, args}
		}
		return a
	case LBRACKET:
		p.next()
		if p.got(RBRACKET) {
			return &List{Loc: p.loc(start)}
		}
		elem := p.topType()
		nonEmpty := false
		if p.got(COMMA) {
			p.expect(DOTDOTDOT)
			nonEmpty = true
		}
		p.expect(RBRACKET)
		return &TypeList{p.loc(start), elem, nonEmpty}
	case LBRACE:
		p.next()
		elems := p.topTypes(RBRACE)
		p.expect(RBRACE)
		return &Tuple{p.loc(start), elems}
	case HASH:
		p.next()
		if p.tok.Kind == ATOM {
			r := &Record{Name: p.atom()}
			if p.expect(LBRACE) && !p.got(RBRACE) {
				for {
					fs := p.tok.Pos
					name := p.atom()
					p.expect(COLONCOL)
					t := p.topType()
					r.Fields = append(r.Fields, &RecordField{p.loc(fs), name, t})
					if !p.got(COMMA) {
						break
					}
				}
				p.expect(RBRACE)
			}
			r.Loc = p.loc(start)
			return r
		}
		m := &Map{}
		if p.expect(LBRACE) && !p.got(RBRACE) {
			for {
				fs := p.tok.Pos
				k := p.topType()
				exact := p.tok.Kind == ASSOC
				if exact || p.tok.Kind == MAPSTO {
					p.next()
				} else {
					p.syntaxError()
				}
				v := p.topType()
				m.Fields = append(m.Fields, &MapField{p.loc(fs), k, v, exact})
				if !p.got(COMMA) {
					break
				}
			}
			p.expect(RBRACE)
		}
		m.Loc = p.loc(start)
		return m
	case DOUBLELT:
		return p.binaryType()
	case FUN:
		p.next()
		p.expect(LPAREN)
		if p.got(RPAREN) {
			return &TypeFun{Loc: p.loc(start), Any: true}
		}
		params, anyArity, result := p.funType()
		p.expect(RPAREN)
		return &TypeFun{p.loc(start), false, anyArity, params, result}
	}
	return p.bad()
}

func (p *parser) binaryType() Type {
	start := p.tok.Pos
	p.next() // <<
	b := &TypeBinary{}
	if p.got(DOUBLEGT) {
		b.Loc = p.loc(start)
		return b
	}
	// erl_parse checks that the variables are _ when it reduces each part,
	// so a bad variable is reported only once its part parsed.
	check := func(vs ...*Var) {
		for _, v := range vs {
			if v != nil && v.Name != "_" {
				p.failAt(v, "Bad binary type")
				return
			}
		}
	}
	v1 := p.variable()
	p.expect(COLON)
	if p.tok.Kind == VAR && p.peek() == STAR {
		v2 := p.variable()
		p.next()
		b.Unit = p.typeExpr(501)
		check(v1, v2)
	} else {
		b.Size = p.typeExpr(0)
		check(v1)
		if p.got(COMMA) {
			v3 := p.variable()
			p.expect(COLON)
			v4 := p.variable()
			p.expect(STAR)
			b.Unit = p.typeExpr(501)
			check(v3, v4)
		}
	}
	p.expect(DOUBLEGT)
	b.Loc = p.loc(start)
	return b
}

// ---- Expressions ----

func (p *parser) exprs() []Expr {
	// Elements gather on a shared stack (nested lists push above this
	// mark and pop before we continue), then move to an exact-size slice:
	// one allocation per list instead of one per growth step.
	mark := len(p.stack)
	for {
		e := p.expr()
		p.stack = append(p.stack, e)
		if !p.got(COMMA) {
			break
		}
	}
	return p.takeExprs(mark)
}

func (p *parser) expr() Expr { return p.binExpr(0, false) }

// pattern parses pat_expr: the operators and terms allowed in function and
// fun heads and catch clauses (no calls, no '!', no andalso/orelse).
func (p *parser) pattern() Expr { return p.binExpr(0, true) }

// binPrec returns the precedence and right-associativity of an infix
// operator, following erl_parse.yrl; 0 means not an operator here.
func binPrec(k Kind, pat bool) (int, bool) {
	switch k {
	case MATCH:
		return 100, true
	case BANG:
		if !pat {
			return 100, true
		}
	case ORELSE:
		if !pat {
			return 150, true
		}
	case ANDALSO:
		if !pat {
			return 160, true
		}
	case EQ, NE, LE, LT, GE, GT, EXEQ, EXNE:
		return 200, false
	case PLUSPLUS, MINUSMINUS:
		return 300, true
	case PLUS, MINUS, BOR, BXOR, BSL, BSR, OR, XOR:
		return 400, false
	case STAR, SLASH, DIV, REM, BAND, AND:
		return 500, false
	}
	return 0, false
}

func (p *parser) binExpr(min int, pat bool) Expr {
	if !pat && p.tok.Kind == CATCH {
		// catch has the lowest precedence: it takes everything after it.
		start := p.tok.Pos
		p.next()
		x := p.expr()
		return &Catch{p.loc(start), x}
	}
	return p.binRest(p.unary(pat), min, pat)
}

// binRest continues a binary-operator expression whose first operand x has
// been parsed.
func (p *parser) binRest(x Expr, min int, pat bool) Expr {
	start := x.Span().Pos
	for {
		op := p.tok.Kind
		prec, right := binPrec(op, pat)
		if prec == 0 || prec < min {
			return x
		}
		opPos := p.tok.Pos
		p.next()
		next := prec + 1
		if right {
			next = prec
		}
		y := p.binExpr(next, pat)
		if op == MATCH {
			m := alloc(&p.matches)
			*m = Match{p.loc(start), x, y}
			x = m
		} else {
			b := alloc(&p.binops)
			*b = BinaryOp{p.loc(start), op, opPos, x, y}
			x = b
		}
		if prec == 200 {
			// Comparison operators do not associate.
			if q, _ := binPrec(p.tok.Kind, pat); q == 200 {
				p.syntaxError()
			}
		}
	}
}

func (p *parser) unary(pat bool) Expr {
	switch p.tok.Kind {
	case PLUS, MINUS, BNOT, NOT:
		start := p.tok.Pos
		op := p.tok.Kind
		p.next()
		var x Expr
		if !pat && p.tok.Kind == CATCH {
			x = p.binExpr(0, false)
		} else {
			x = p.unary(pat)
		}
		return &UnaryOp{p.loc(start), op, x}
	}
	return p.postfix(pat)
}

func (p *parser) postfix(pat bool) Expr {
	if p.tok.Kind == HASH {
		x := p.hashExpr(nil, pat)
		if pat {
			return x
		}
		return p.hashChain(x)
	}
	x := p.exprMax(pat)
	if pat {
		return x
	}
	return p.postfixAfter(x)
}

// postfixAfter continues an expr_max x with a remote name (and call), a
// call, or map and record updates and accesses.
func (p *parser) postfixAfter(x Expr) Expr {
	switch p.tok.Kind {
	case COLON:
		start := x.Span().Pos
		p.next()
		name := p.exprMax(false)
		x = &Remote{p.loc(start), x, name}
		if p.tok.Kind == LPAREN {
			x = p.call(x)
		}
		return x
	case LPAREN:
		return p.call(x)
	}
	return p.hashChain(x)
}

func (p *parser) hashChain(x Expr) Expr {
	for p.tok.Kind == HASH {
		x = p.hashExpr(x, false)
	}
	return x
}

func (p *parser) call(fun Expr) Expr {
	start := fun.Span().Pos
	p.next() // (
	var args []Expr
	if !p.got(RPAREN) {
		args = p.exprs()
		p.expect(RPAREN)
	}
	c := alloc(&p.calls)
	*c = Call{p.loc(start), fun, args}
	return c
}

// hashExpr parses what follows '#': a map or record expression, with base
// (an update or field access) or without.
func (p *parser) hashExpr(base Expr, pat bool) Expr {
	start := p.tok.Pos
	if base != nil {
		start = base.Span().Pos
	}
	p.next() // #
	switch p.tok.Kind {
	case LBRACE:
		return p.mapExpr(start, base, pat)
	case ATOM:
		name := p.atom()
		if p.got(PERIOD) {
			field := p.atom()
			if base == nil {
				return &RecordIndex{p.loc(start), name, field}
			}
			return &RecordAccess{p.loc(start), base, name, field}
		}
		r := &Record{Base: base, Name: name}
		if p.expect(LBRACE) && !p.got(RBRACE) {
			for {
				fs := p.tok.Pos
				var fname *Atom
				switch p.tok.Kind {
				case ATOM:
					fname = p.atom()
				case VAR:
					v := p.variable()
					fname = &Atom{v.Loc, v.Name}
				default:
					p.syntaxError()
				}
				var val Expr
				if p.expect(MATCH) {
					val = p.expr()
				}
				r.Fields = append(r.Fields, &RecordField{p.loc(fs), fname, val})
				if !p.got(COMMA) {
					break
				}
			}
			p.expect(RBRACE)
		}
		r.Loc = p.loc(start)
		return r
	}
	return p.bad()
}

func (p *parser) mapExpr(start Pos, base Expr, pat bool) Expr {
	p.next() // {
	m := &Map{Base: base}
	if !p.got(RBRACE) {
		for {
			f := p.mapField()
			m.Fields = append(m.Fields, f)
			if base == nil && !pat && len(m.Fields) == 1 && !f.Exact && p.tok.Kind == BARBAR {
				// Map comprehension (OTP 26 syntax).
				p.next()
				quals := p.quals()
				p.expect(RBRACE)
				return &Comprehension{p.loc(start), HASH, f, quals}
			}
			if !p.got(COMMA) {
				break
			}
		}
		p.expect(RBRACE)
	}
	m.Loc = p.loc(start)
	return m
}

func (p *parser) mapField() *MapField {
	start := p.tok.Pos
	k := p.expr()
	exact := p.tok.Kind == ASSOC
	var v Expr
	if exact || p.tok.Kind == MAPSTO {
		p.next()
		v = p.expr()
	} else {
		p.syntaxError()
	}
	return &MapField{p.loc(start), k, v, exact}
}

func (p *parser) literal() Expr {
	t := p.tok
	loc := Loc{t.Pos, t.End}
	p.next()
	switch t.Kind {
	case INTEGER:
		n := alloc(&p.ints)
		text := p.tx.Text(t)
		v, small := smallInt(text)
		*n = Integer{Loc: loc, Text: text, Value: v}
		if !small {
			n.Big, _ = ParseInteger(text)
		}
		return n
	case FLOAT:
		return &Float{loc, p.tx.Text(t), p.tx.Float(t)}
	case CHAR:
		return &Char{loc, p.tx.Text(t), p.tx.Char(t)}
	case ATOM:
		a := alloc(&p.atoms)
		*a = Atom{loc, p.tx.Lit(t)}
		return a
	}
	// STRING: adjacent string literals are one.
	s := &String{loc, p.tx.Lit(t)}
	if p.tok.Kind == STRING {
		var b strings.Builder
		b.WriteString(s.Value)
		for p.tok.Kind == STRING {
			b.WriteString(p.tx.Lit(p.tok))
			p.next()
		}
		s.Value = b.String()
		s.Loc = p.loc(t.Pos)
	}
	return s
}

func (p *parser) exprMax(pat bool) Expr {
	start := p.tok.Pos
	switch p.tok.Kind {
	case VAR:
		return p.variable()
	case ATOM, INTEGER, FLOAT, CHAR, STRING:
		return p.literal()
	case LBRACKET:
		return p.list(pat)
	case DOUBLELT:
		return p.binary(pat)
	case LBRACE:
		p.next()
		t := alloc(&p.tuples)
		if !p.got(RBRACE) {
			t.Elems = p.exprs()
			p.expect(RBRACE)
		}
		t.Loc = p.loc(start)
		return t
	case LPAREN:
		p.next()
		x := p.binExpr(0, pat)
		p.expect(RPAREN)
		return x
	}
	if !pat {
		switch p.tok.Kind {
		case BEGIN:
			p.next()
			body := p.exprs()
			p.expect(END)
			return &Block{p.loc(start), body}
		case IF:
			p.next()
			var cs []*Clause
			for {
				cstart := p.tok.Pos
				c := &Clause{Guard: p.guard()}
				if p.expect(ARROW) {
					c.Body = p.exprs()
				}
				c.Loc = p.loc(cstart)
				cs = append(cs, c)
				if !p.got(SEMI) {
					break
				}
			}
			p.expect(END)
			return &If{p.loc(start), cs}
		case CASE:
			p.next()
			x := p.expr()
			var cs []*Clause
			if p.expect(OF) {
				cs = p.crClauses()
			}
			p.expect(END)
			return &Case{p.loc(start), x, cs}
		case RECEIVE:
			return p.receive()
		case FUN:
			return p.fun()
		case TRY:
			return p.try()
		case MAYBE:
			return p.maybe()
		}
	}
	return p.bad()
}

// crClauses parses case/receive/of/else clauses: Pattern [when G] -> Body.
func (p *parser) crClauses() []*Clause {
	var cs []*Clause
	for {
		start := p.tok.Pos
		c := alloc(&p.clauses)
		mark := len(p.stack)
		e := p.expr()
		p.stack = append(p.stack, e)
		c.Patterns = p.takeExprs(mark)
		p.clauseRest(c)
		c.Loc = p.loc(start)
		cs = append(cs, c)
		if !p.got(SEMI) {
			return cs
		}
	}
}

func (p *parser) list(pat bool) Expr {
	start := p.tok.Pos
	p.next() // [
	l := alloc(&p.lists)
	if p.got(RBRACKET) {
		l.Loc = p.loc(start)
		return l
	}
	first := p.expr()
	if !pat && p.tok.Kind == BARBAR {
		p.next()
		quals := p.quals()
		p.expect(RBRACKET)
		return &Comprehension{p.loc(start), LBRACKET, first, quals}
	}
	mark := len(p.stack)
	p.stack = append(p.stack, first)
	for p.got(COMMA) {
		e := p.expr()
		p.stack = append(p.stack, e)
	}
	l.Elems = p.takeExprs(mark)
	if p.got(BAR) {
		l.Tail = p.expr()
	}
	p.expect(RBRACKET)
	l.Loc = p.loc(start)
	return l
}

// quals parses comprehension qualifiers: generators and filters.
func (p *parser) quals() []Expr {
	var qs []Expr
	for {
		start := p.tok.Pos
		x := p.expr()
		switch p.tok.Kind {
		case LARROW, LDARROW:
			k := p.tok.Kind
			if _, isBin := x.(*Binary); k == LDARROW && !isBin {
				p.syntaxError()
			}
			p.next()
			src := p.expr()
			x = &Generator{p.loc(start), k, nil, x, src}
		case ASSOC:
			// Map generator K := V <- M (OTP 26 syntax).
			p.next()
			v := p.expr()
			p.expect(LARROW)
			src := p.expr()
			x = &Generator{p.loc(start), LARROW, x, v, src}
		}
		qs = append(qs, x)
		if !p.got(COMMA) {
			return qs
		}
	}
}

func (p *parser) binary(pat bool) Expr {
	start := p.tok.Pos
	p.next() // <<
	b := &Binary{}
	if p.got(DOUBLEGT) {
		b.Loc = p.loc(start)
		return b
	}
	for {
		e := p.binElem()
		if !pat && len(b.Elems) == 0 && p.tok.Kind == BARBAR && e.Size == nil && e.Types == nil {
			if _, isOp := e.Value.(*UnaryOp); !isOp {
				p.next()
				quals := p.quals()
				p.expect(DOUBLEGT)
				return &Comprehension{p.loc(start), DOUBLELT, e.Value, quals}
			}
		}
		b.Elems = append(b.Elems, e)
		if !p.got(COMMA) {
			break
		}
	}
	p.expect(DOUBLEGT)
	b.Loc = p.loc(start)
	return b
}

func (p *parser) binElem() *BinElem {
	start := p.tok.Pos
	e := &BinElem{}
	switch p.tok.Kind {
	case PLUS, MINUS, BNOT, NOT:
		op := p.tok.Kind
		p.next()
		x := p.exprMax(false)
		e.Value = &UnaryOp{p.loc(start), op, x}
	default:
		e.Value = p.exprMax(false)
	}
	if p.got(COLON) {
		e.Size = p.exprMax(false)
	}
	if p.got(SLASH) {
		for {
			ts := p.tok.Pos
			bt := &BinType{}
			if a := p.atom(); a != nil {
				bt.Name = a.Name
			}
			if p.got(COLON) {
				if p.tok.Kind == INTEGER {
					bt.Arg = p.literal().(*Integer)
				} else {
					p.syntaxError()
				}
			}
			bt.Loc = p.loc(ts)
			e.Types = append(e.Types, bt)
			if !p.got(MINUS) {
				break
			}
		}
	}
	e.Loc = p.loc(start)
	return e
}

func (p *parser) receive() Expr {
	start := p.tok.Pos
	p.next()
	r := &Receive{}
	if p.tok.Kind != AFTER {
		r.Clauses = p.crClauses()
	}
	if p.got(AFTER) {
		r.Timeout = p.expr()
		if p.expect(ARROW) {
			r.AfterBody = p.exprs()
		}
	}
	p.expect(END)
	r.Loc = p.loc(start)
	return r
}

func (p *parser) fun() Expr {
	start := p.tok.Pos
	p.next() // fun
	switch {
	case p.tok.Kind == ATOM && p.peek() != COLON:
		// fun Name/Arity: after 'fun' an atom can only begin a reference.
		name := p.atom()
		p.expect(SLASH)
		var arity Expr
		if p.tok.Kind == INTEGER {
			arity = p.literal()
		} else {
			arity = p.bad()
		}
		return &FunRef{p.loc(start), nil, name, arity}
	case (p.tok.Kind == ATOM || p.tok.Kind == VAR) && p.peek() == COLON:
		mod := p.atomOrVar()
		p.next()
		name := p.atomOrVar()
		p.expect(SLASH)
		var arity Expr
		if p.tok.Kind == INTEGER || p.tok.Kind == VAR {
			arity = p.exprMax(false)
		} else {
			arity = p.bad()
		}
		return &FunRef{p.loc(start), mod, name, arity}
	}
	f := &Fun{}
	for {
		cstart := p.tok.Pos
		c := &Clause{}
		if p.tok.Kind == VAR {
			v := p.variable()
			c.Name = v
			if f.Name == nil {
				f.Name = v
			}
		}
		c.Patterns = p.patArgs()
		p.clauseRest(c)
		c.Loc = p.loc(cstart)
		f.Clauses = append(f.Clauses, c)
		if !p.got(SEMI) {
			break
		}
	}
	p.expect(END)
	f.Loc = p.loc(start)
	if !p.failed {
		// As erl_parse's build_fun: all clauses named alike, same arity.
		first := f.Clauses[0]
		for _, c := range f.Clauses[1:] {
			if sameClauseName(c.Name, first.Name) && len(c.Patterns) == len(first.Patterns) {
				continue
			}
			p.fail(c.Pos, c.Pos, "head mismatch")
			break
		}
	}
	return f
}

func sameClauseName(a, b Expr) bool {
	va, aok := a.(*Var)
	vb, bok := b.(*Var)
	if !aok || !bok {
		return aok == bok
	}
	return va.Name == vb.Name
}

func (p *parser) atomOrVar() Expr {
	if p.tok.Kind == VAR {
		return p.variable()
	}
	if p.tok.Kind == ATOM {
		return p.atom()
	}
	return p.bad()
}

func (p *parser) try() Expr {
	start := p.tok.Pos
	p.next()
	t := &Try{Body: p.exprs()}
	if p.got(OF) {
		t.Of = p.crClauses()
	}
	switch p.tok.Kind {
	case CATCH:
		p.next()
		t.Catch = p.catchClauses()
		if p.got(AFTER) {
			t.After = p.exprs()
		}
		p.expect(END)
	case AFTER:
		p.next()
		t.After = p.exprs()
		p.expect(END)
	default:
		p.syntaxError()
	}
	t.Loc = p.loc(start)
	return t
}

func (p *parser) catchClauses() []*Clause {
	var cs []*Clause
	for {
		start := p.tok.Pos
		c := &Clause{}
		if (p.tok.Kind == ATOM || p.tok.Kind == VAR) && p.peek() == COLON {
			c.Class = p.atomOrVar()
			p.next()
		}
		c.Patterns = []Expr{p.pattern()}
		if c.Class != nil && p.got(COLON) {
			if v := p.variable(); v != nil {
				c.Stack = v
			}
		}
		p.clauseRest(c)
		c.Loc = p.loc(start)
		cs = append(cs, c)
		if !p.got(SEMI) {
			return cs
		}
	}
}

func (p *parser) maybe() Expr {
	start := p.tok.Pos
	p.next()
	m := &Maybe{}
	for {
		estart := p.tok.Pos
		x := p.expr()
		if p.got(MAYBEARROW) {
			y := p.expr()
			x = &MaybeMatch{p.loc(estart), x, y}
		}
		m.Body = append(m.Body, x)
		if !p.got(COMMA) {
			break
		}
	}
	if p.got(ELSE) {
		m.HasElse = true
		m.Else = p.crClauses()
	}
	p.expect(END)
	m.Loc = p.loc(start)
	return m
}
