package epp

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"strings"

	"github.com/otpbox/otpbox/sandbox/erl/syntax"
)

// This file evaluates the conditions of -if and -elif, and reads the terms
// of -error and -warning. epp parses these with erl_parse and evaluates them
// with erl_eval restricted to guard expressions; a small parser and
// evaluator of its own keeps this package independent of the full parser
// and of any VM. The accepted language is Erlang's guard expressions over
// numbers, atoms, strings, tuples and lists, plus defined(Macro).

// expr is a parsed -if expression.
type expr struct {
	op   string // "lit", "var", "tuple", "list", "call", "unary", "binary", "match", "catch"
	val  term
	tok  syntax.Token
	mod  string // remote call module, "" for a local call
	name string // call name or operator
	args []*expr
	tail *expr // list tail after '|'
}

// term is an evaluated Erlang term: *big.Int, float64, atom, tuple or list
// (proper lists only).
type term any

type atom string
type tuple []term
type list []term

var errEval = errors.New("evaluation failed")

// syntaxError is erl_parse's "syntax error before: X".
type syntaxError struct {
	tok syntax.Token
	tx  *syntax.Texts
}

func (e *syntaxError) Error() string { return "syntax error before: " + tokenForError(e.tx, &e.tok) }

// tokenForError writes a token as erl_parse's error messages do.
func tokenForError(tx *syntax.Texts, t *syntax.Token) string {
	switch t.Kind {
	case syntax.ATOM:
		return quoteAtom(tx.Lit(t))
	case syntax.VAR:
		return tx.Lit(t)
	case syntax.STRING:
		return quoteString(tx.Lit(t))
	case syntax.CHAR:
		return writeChar(tx.Char(t))
	case syntax.INTEGER, syntax.FLOAT:
		return tokenSrc(tx, t)
	case syntax.DOT:
		return "'.'"
	case syntax.EOF:
		return ""
	}
	return "'" + tx.Text(t) + "'"
}

type exprParser struct {
	ts []syntax.Token
	i  int
	tx *syntax.Texts
}

func (p *exprParser) peek() syntax.Token {
	if p.i < len(p.ts) {
		return p.ts[p.i]
	}
	if n := len(p.ts); n > 0 {
		return syntax.Token{Kind: syntax.EOF, Pos: p.ts[n-1].End, End: p.ts[n-1].End}
	}
	return syntax.Token{Kind: syntax.EOF}
}

func (p *exprParser) next() syntax.Token {
	t := p.peek()
	if p.i < len(p.ts) {
		p.i++
	}
	return t
}

func (p *exprParser) expect(k syntax.Kind) error {
	if t := p.next(); t.Kind != k {
		return &syntaxError{t, p.tx}
	}
	return nil
}

// parseExprs parses "E1, ..., En ." as erl_parse:parse_exprs does.
func parseExprs(tx *syntax.Texts, ts []syntax.Token) ([]*expr, error) {
	p := &exprParser{ts: ts, tx: tx}
	var es []*expr
	for {
		e, err := p.expr()
		if err != nil {
			return nil, err
		}
		es = append(es, e)
		if p.peek().Kind != syntax.COMMA {
			break
		}
		p.next()
	}
	if err := p.expect(syntax.DOT); err != nil {
		return nil, err
	}
	if p.i != len(ts) {
		return nil, &syntaxError{p.peek(), p.tx}
	}
	return es, nil
}

// Binary operator precedences, from erl_parse.yrl.
var binPrec = map[syntax.Kind]struct {
	prec  int
	right bool
}{
	syntax.MATCH: {100, true}, syntax.BANG: {100, true},
	syntax.ORELSE: {150, true}, syntax.ANDALSO: {160, true},
	syntax.EQ: {200, false}, syntax.NE: {200, false}, syntax.LT: {200, false}, syntax.LE: {200, false},
	syntax.GT: {200, false}, syntax.GE: {200, false}, syntax.EXEQ: {200, false}, syntax.EXNE: {200, false},
	syntax.PLUSPLUS: {300, true}, syntax.MINUSMINUS: {300, true},
	syntax.PLUS: {400, false}, syntax.MINUS: {400, false}, syntax.BOR: {400, false}, syntax.BXOR: {400, false},
	syntax.BSL: {400, false}, syntax.BSR: {400, false}, syntax.OR: {400, false}, syntax.XOR: {400, false},
	syntax.SLASH: {500, false}, syntax.STAR: {500, false}, syntax.DIV: {500, false}, syntax.REM: {500, false},
	syntax.BAND: {500, false}, syntax.AND: {500, false},
}

func (p *exprParser) expr() (*expr, error) {
	if t := p.peek(); t.Kind == syntax.CATCH {
		p.next()
		e, err := p.expr()
		if err != nil {
			return nil, err
		}
		return &expr{op: "catch", tok: t, args: []*expr{e}}, nil
	}
	return p.binary(100)
}

func (p *exprParser) binary(min int) (*expr, error) {
	left, err := p.unary()
	if err != nil {
		return nil, err
	}
	for {
		t := p.peek()
		info, ok := binPrec[t.Kind]
		if !ok || info.prec < min {
			return left, nil
		}
		p.next()
		next := info.prec + 1
		if info.right {
			next = info.prec
		}
		right, err := p.binary(next)
		if err != nil {
			return nil, err
		}
		op := "binary"
		if t.Kind == syntax.MATCH || t.Kind == syntax.BANG {
			op = "match"
		}
		left = &expr{op: op, tok: t, name: p.tx.Text(&t), args: []*expr{left, right}}
		if info.prec == 200 {
			// Comparisons do not chain.
			if nt := p.peek(); binPrec[nt.Kind].prec == 200 {
				return nil, &syntaxError{nt, p.tx}
			}
		}
	}
}

func (p *exprParser) unary() (*expr, error) {
	t := p.peek()
	switch t.Kind {
	case syntax.PLUS, syntax.MINUS, syntax.BNOT, syntax.NOT:
		p.next()
		e, err := p.unary()
		if err != nil {
			return nil, err
		}
		return &expr{op: "unary", tok: t, name: p.tx.Text(&t), args: []*expr{e}}, nil
	}
	return p.call()
}

func (p *exprParser) call() (*expr, error) {
	e, err := p.primary()
	if err != nil {
		return nil, err
	}
	if p.peek().Kind == syntax.COLON {
		colon := p.next()
		fn, err := p.primary()
		if err != nil {
			return nil, err
		}
		if e.op != "lit" || fn.op != "lit" || p.peek().Kind != syntax.LPAREN {
			return nil, &syntaxError{colon, p.tx}
		}
		m, ok1 := e.val.(atom)
		f, ok2 := fn.val.(atom)
		if !ok1 || !ok2 {
			return nil, &syntaxError{colon, p.tx}
		}
		args, err := p.args()
		if err != nil {
			return nil, err
		}
		return &expr{op: "call", tok: e.tok, mod: string(m), name: string(f), args: args}, nil
	}
	if p.peek().Kind == syntax.LPAREN {
		f, ok := e.val.(atom)
		if e.op != "lit" || !ok {
			return nil, &syntaxError{p.peek(), p.tx}
		}
		args, err := p.args()
		if err != nil {
			return nil, err
		}
		return &expr{op: "call", tok: e.tok, name: string(f), args: args}, nil
	}
	return e, nil
}

// args parses "( E, ... )".
func (p *exprParser) args() ([]*expr, error) {
	p.next()
	if p.peek().Kind == syntax.RPAREN {
		p.next()
		return nil, nil
	}
	args, err := p.exprList()
	if err != nil {
		return nil, err
	}
	return args, p.expect(syntax.RPAREN)
}

// elements parses the elements of a tuple or list after its opening
// bracket, up to the closing one; a list may end in "| Tail".
func (p *exprParser) elements(e *expr, close syntax.Kind) (*expr, error) {
	if p.peek().Kind == close {
		p.next()
		return e, nil
	}
	var err error
	if e.args, err = p.exprList(); err != nil {
		return nil, err
	}
	if e.op == "list" && p.peek().Kind == syntax.BAR {
		p.next()
		if e.tail, err = p.expr(); err != nil {
			return nil, err
		}
	}
	return e, p.expect(close)
}

// exprList parses "E, ..., E" (at least one).
func (p *exprParser) exprList() ([]*expr, error) {
	var es []*expr
	for {
		e, err := p.expr()
		if err != nil {
			return nil, err
		}
		es = append(es, e)
		if p.peek().Kind != syntax.COMMA {
			return es, nil
		}
		p.next()
	}
}

func (p *exprParser) primary() (*expr, error) {
	t := p.next()
	switch t.Kind {
	case syntax.INTEGER:
		v, ok := syntax.ParseInteger(p.tx.Text(&t))
		if !ok {
			return nil, &syntaxError{t, p.tx}
		}
		return &expr{op: "lit", tok: t, val: v}, nil
	case syntax.FLOAT:
		return &expr{op: "lit", tok: t, val: p.tx.Float(&t)}, nil
	case syntax.CHAR:
		return &expr{op: "lit", tok: t, val: big.NewInt(int64(p.tx.Char(&t)))}, nil
	case syntax.ATOM:
		return &expr{op: "lit", tok: t, val: atom(p.tx.Lit(&t))}, nil
	case syntax.STRING:
		s := p.tx.Lit(&t)
		// Adjacent strings are one string.
		for p.peek().Kind == syntax.STRING {
			nt := p.next()
			s += p.tx.Lit(&nt)
		}
		return &expr{op: "lit", tok: t, val: stringTerm(s)}, nil
	case syntax.VAR:
		return &expr{op: "var", tok: t, name: p.tx.Lit(&t)}, nil
	case syntax.LPAREN:
		e, err := p.expr()
		if err != nil {
			return nil, err
		}
		return e, p.expect(syntax.RPAREN)
	case syntax.LBRACE:
		return p.elements(&expr{op: "tuple", tok: t}, syntax.RBRACE)
	case syntax.LBRACKET:
		return p.elements(&expr{op: "list", tok: t}, syntax.RBRACKET)
	}
	return nil, &syntaxError{t, p.tx}
}

func stringTerm(s string) list {
	l := make(list, 0, len(s))
	for _, r := range s {
		l = append(l, big.NewInt(int64(r)))
	}
	return l
}

// guardBIFs are the BIFs allowed in guards (erl_internal:guard_bif/2 in
// OTP 25), by name and arity.
var guardBIFs = map[string]bool{
	"abs/1": true, "binary_part/2": true, "binary_part/3": true, "bit_size/1": true, "byte_size/1": true,
	"ceil/1": true, "element/2": true, "float/1": true, "floor/1": true, "hd/1": true, "is_map_key/2": true,
	"length/1": true, "map_size/1": true, "map_get/2": true, "node/0": true, "node/1": true, "round/1": true,
	"self/0": true, "size/1": true, "tl/1": true, "trunc/1": true, "tuple_size/1": true,
	"is_atom/1": true, "is_binary/1": true, "is_bitstring/1": true, "is_boolean/1": true, "is_float/1": true,
	"is_function/1": true, "is_function/2": true, "is_integer/1": true, "is_list/1": true, "is_map/1": true,
	"is_number/1": true, "is_pid/1": true, "is_port/1": true, "is_record/2": true, "is_record/3": true,
	"is_reference/1": true, "is_tuple/1": true,
}

// nonGuardBIFs are common auto-imported BIFs that are not guard BIFs: epp
// rejects a call to one of them in -if as a badly formed condition.
var nonGuardBIFs = map[string]bool{
	"apply": true, "atom_to_binary": true, "atom_to_list": true, "binary_to_atom": true, "binary_to_list": true,
	"binary_to_term": true, "erase": true, "error": true, "exit": true, "float_to_list": true, "float_to_binary": true,
	"get": true, "group_leader": true, "halt": true, "integer_to_binary": true, "integer_to_list": true,
	"is_process_alive": true, "link": true, "list_to_atom": true, "list_to_binary": true, "list_to_float": true,
	"list_to_integer": true, "list_to_tuple": true, "make_ref": true, "monitor": true, "nodes": true, "now": true,
	"open_port": true, "process_flag": true, "process_info": true, "processes": true, "put": true, "register": true,
	"setelement": true, "spawn": true, "spawn_link": true, "term_to_binary": true, "throw": true,
	"tuple_to_list": true, "unlink": true, "unregister": true, "whereis": true, "max": true, "min": true,
	"list_to_existing_atom": true, "binary_to_integer": true, "binary_to_float": true, "send": true,
}

// isGuard reports whether e is a guard expression once defined/1 calls are
// left aside, as epp's assert_guard_expr checks.
func isGuard(e *expr) bool {
	switch e.op {
	case "match", "catch":
		return false
	case "binary":
		// List operators are not allowed in guards.
		if e.tok.Kind == syntax.PLUSPLUS || e.tok.Kind == syntax.MINUSMINUS {
			return false
		}
	case "call":
		if e.mod == "" {
			if e.name != "defined" && nonGuardBIFs[e.name] && !guardBIFs[fmt.Sprintf("%s/%d", e.name, len(e.args))] {
				return false
			}
		} else if e.mod != "erlang" || !guardBIFs[fmt.Sprintf("%s/%d", e.name, len(e.args))] {
			return false
		}
	}
	for _, a := range e.args {
		if !isGuard(a) {
			return false
		}
	}
	return e.tail == nil || isGuard(e.tail)
}

// evalIf evaluates the condition of -if or -elif; args starts at "(".
// Errors are reported and count as false, which then skips the branch.
func (p *pp) evalIf(f *fileCtx, ifTok syntax.Token, args []syntax.Token) bool {
	e := expander{p: p, f: f, form: args}
	toks, perr := e.expandForm(nil)
	if perr != nil {
		p.errs = append(p.errs, *perr)
		return false
	}
	es, err := parseExprs(p.tx, toks)
	if err != nil {
		var se *syntaxError
		if errors.As(err, &se) {
			p.errorAt(tokFilePath(p.tx, se.tok, f), se.tok, "%s", err.Error())
		}
		return false
	}
	if len(es) != 1 || !isGuard(es[0]) {
		p.errorAt(f.path, ifTok, "badly formed 'if'")
		return false
	}
	ev := evaluator{p: p}
	v, err := ev.eval(es[0])
	return err == nil && v == atom("true")
}

func tokFilePath(tx *syntax.Texts, t syntax.Token, f *fileCtx) string {
	if file := tx.File(&t); file != "" {
		return file
	}
	if f.main {
		return f.path
	}
	return f.path
}

type evaluator struct{ p *pp }

func (ev *evaluator) eval(e *expr) (term, error) {
	switch e.op {
	case "lit":
		return e.val, nil
	case "var":
		return nil, errEval // unbound
	case "tuple", "list":
		vs := make([]term, len(e.args))
		for i, a := range e.args {
			v, err := ev.eval(a)
			if err != nil {
				return nil, err
			}
			vs[i] = v
		}
		if e.op == "tuple" {
			return tuple(vs), nil
		}
		if e.tail != nil {
			t, err := ev.eval(e.tail)
			if err != nil {
				return nil, err
			}
			tl, ok := t.(list)
			if !ok {
				return nil, errEval // improper lists are not modelled
			}
			vs = append(vs, tl...)
		}
		return list(vs), nil
	case "unary":
		v, err := ev.eval(e.args[0])
		if err != nil {
			return nil, err
		}
		return unaryOp(e.tok.Kind, v)
	case "binary":
		l, err := ev.eval(e.args[0])
		if err != nil {
			return nil, err
		}
		switch e.tok.Kind {
		case syntax.ANDALSO, syntax.ORELSE:
			if l != atom("true") && l != atom("false") {
				return nil, errEval
			}
			if (l == atom("true")) == (e.tok.Kind == syntax.ORELSE) {
				return l, nil
			}
			return ev.eval(e.args[1])
		}
		r, err := ev.eval(e.args[1])
		if err != nil {
			return nil, err
		}
		return binaryOp(e.tok.Kind, l, r)
	case "call":
		if e.mod == "" && e.name == "defined" && len(e.args) == 1 {
			a := e.args[0]
			if a.op == "var" {
				_, ok := ev.p.macros[a.name]
				return boolAtom(ok), nil
			}
			if n, ok := a.val.(atom); ok && a.op == "lit" {
				_, ok := ev.p.macros[string(n)]
				return boolAtom(ok), nil
			}
			return nil, errEval
		}
		args := make([]term, len(e.args))
		for i, a := range e.args {
			v, err := ev.eval(a)
			if err != nil {
				return nil, err
			}
			args[i] = v
		}
		return callBIF(e.name, args)
	}
	return nil, errEval
}

func boolAtom(b bool) atom {
	if b {
		return "true"
	}
	return "false"
}

func unaryOp(k syntax.Kind, v term) (term, error) {
	switch k {
	case syntax.NOT:
		switch v {
		case atom("true"):
			return atom("false"), nil
		case atom("false"):
			return atom("true"), nil
		}
	case syntax.PLUS:
		if isNumber(v) {
			return v, nil
		}
	case syntax.MINUS:
		switch x := v.(type) {
		case *big.Int:
			return new(big.Int).Neg(x), nil
		case float64:
			return -x, nil
		}
	case syntax.BNOT:
		if x, ok := v.(*big.Int); ok {
			return new(big.Int).Not(x), nil
		}
	}
	return nil, errEval
}

func isNumber(v term) bool {
	switch v.(type) {
	case *big.Int, float64:
		return true
	}
	return false
}

func toFloat(v term) float64 {
	switch x := v.(type) {
	case *big.Int:
		f, _ := new(big.Float).SetInt(x).Float64()
		return f
	case float64:
		return x
	}
	return math.NaN()
}

func binaryOp(k syntax.Kind, l, r term) (term, error) {
	switch k {
	case syntax.EQ:
		return boolAtom(compare(l, r, false) == 0), nil
	case syntax.NE:
		return boolAtom(compare(l, r, false) != 0), nil
	case syntax.EXEQ:
		return boolAtom(compare(l, r, true) == 0), nil
	case syntax.EXNE:
		return boolAtom(compare(l, r, true) != 0), nil
	case syntax.LT:
		return boolAtom(compare(l, r, false) < 0), nil
	case syntax.LE:
		return boolAtom(compare(l, r, false) <= 0), nil
	case syntax.GT:
		return boolAtom(compare(l, r, false) > 0), nil
	case syntax.GE:
		return boolAtom(compare(l, r, false) >= 0), nil
	case syntax.AND, syntax.OR, syntax.XOR:
		lb, ok1 := l.(atom)
		rb, ok2 := r.(atom)
		if !ok1 || !ok2 || lb != "true" && lb != "false" || rb != "true" && rb != "false" {
			return nil, errEval
		}
		a, b := lb == "true", rb == "true"
		switch k {
		case syntax.AND:
			return boolAtom(a && b), nil
		case syntax.OR:
			return boolAtom(a || b), nil
		}
		return boolAtom(a != b), nil
	case syntax.PLUSPLUS:
		ll, ok1 := l.(list)
		if !ok1 {
			return nil, errEval
		}
		rl, ok2 := r.(list)
		if !ok2 {
			return nil, errEval
		}
		return append(append(list{}, ll...), rl...), nil
	case syntax.MINUSMINUS:
		ll, ok1 := l.(list)
		rl, ok2 := r.(list)
		if !ok1 || !ok2 {
			return nil, errEval
		}
		out := append(list{}, ll...)
		for _, x := range rl {
			for i, y := range out {
				if compare(x, y, true) == 0 {
					out = append(out[:i], out[i+1:]...)
					break
				}
			}
		}
		return out, nil
	}
	if !isNumber(l) || !isNumber(r) {
		return nil, errEval
	}
	li, lInt := l.(*big.Int)
	ri, rInt := r.(*big.Int)
	switch k {
	case syntax.PLUS, syntax.MINUS, syntax.STAR:
		if lInt && rInt {
			z := new(big.Int)
			switch k {
			case syntax.PLUS:
				return z.Add(li, ri), nil
			case syntax.MINUS:
				return z.Sub(li, ri), nil
			}
			return z.Mul(li, ri), nil
		}
		a, b := toFloat(l), toFloat(r)
		switch k {
		case syntax.PLUS:
			return a + b, nil
		case syntax.MINUS:
			return a - b, nil
		}
		return a * b, nil
	case syntax.SLASH:
		b := toFloat(r)
		if b == 0 {
			return nil, errEval
		}
		return toFloat(l) / b, nil
	}
	if !lInt || !rInt {
		return nil, errEval
	}
	z := new(big.Int)
	switch k {
	case syntax.DIV, syntax.REM:
		if ri.Sign() == 0 {
			return nil, errEval
		}
		if k == syntax.DIV {
			return z.Quo(li, ri), nil
		}
		return z.Rem(li, ri), nil
	case syntax.BAND:
		return z.And(li, ri), nil
	case syntax.BOR:
		return z.Or(li, ri), nil
	case syntax.BXOR:
		return z.Xor(li, ri), nil
	case syntax.BSL, syntax.BSR:
		if !ri.IsInt64() || ri.Int64() > 1<<16 || ri.Int64() < -(1<<16) {
			return nil, errEval
		}
		n := ri.Int64()
		if k == syntax.BSR {
			n = -n
		}
		if n >= 0 {
			return z.Lsh(li, uint(n)), nil
		}
		return z.Rsh(li, uint(-n)), nil
	}
	return nil, errEval
}

// typeRank orders term types as Erlang does: number < atom < tuple < list.
func typeRank(v term) int {
	switch v.(type) {
	case *big.Int, float64:
		return 0
	case atom:
		return 1
	case tuple:
		return 2
	case list:
		return 3
	}
	return 4
}

// compare is Erlang's term order; exact distinguishes 1 from 1.0.
func compare(a, b term, exact bool) int {
	ra, rb := typeRank(a), typeRank(b)
	if ra != rb {
		return ra - rb
	}
	switch x := a.(type) {
	case *big.Int:
		if y, ok := b.(*big.Int); ok {
			return x.Cmp(y)
		}
		if c := cmpFloat(toFloat(x), toFloat(b)); c != 0 || !exact {
			return c
		}
		return -1
	case float64:
		if _, ok := b.(*big.Int); ok && exact {
			if c := cmpFloat(x, toFloat(b)); c != 0 {
				return c
			}
			return 1
		}
		return cmpFloat(x, toFloat(b))
	case atom:
		return strings.Compare(string(x), string(b.(atom)))
	case tuple:
		y := b.(tuple)
		if len(x) != len(y) {
			return len(x) - len(y)
		}
		for i := range x {
			if c := compare(x[i], y[i], exact); c != 0 {
				return c
			}
		}
		return 0
	case list:
		y := b.(list)
		for i := 0; i < len(x) && i < len(y); i++ {
			if c := compare(x[i], y[i], exact); c != 0 {
				return c
			}
		}
		return len(x) - len(y)
	}
	return 0
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// callBIF evaluates a guard BIF; anything else fails, which makes the
// condition false, as epp's local-function handler does.
func callBIF(name string, args []term) (term, error) {
	if len(args) == 1 {
		v := args[0]
		switch name {
		case "is_atom":
			_, ok := v.(atom)
			return boolAtom(ok), nil
		case "is_boolean":
			return boolAtom(v == atom("true") || v == atom("false")), nil
		case "is_integer":
			_, ok := v.(*big.Int)
			return boolAtom(ok), nil
		case "is_float":
			_, ok := v.(float64)
			return boolAtom(ok), nil
		case "is_number":
			return boolAtom(isNumber(v)), nil
		case "is_list":
			_, ok := v.(list)
			return boolAtom(ok), nil
		case "is_tuple":
			_, ok := v.(tuple)
			return boolAtom(ok), nil
		case "is_binary", "is_bitstring", "is_map", "is_pid", "is_port", "is_reference", "is_function":
			return atom("false"), nil
		case "length":
			if l, ok := v.(list); ok {
				return big.NewInt(int64(len(l))), nil
			}
		case "tuple_size", "size":
			if t, ok := v.(tuple); ok {
				return big.NewInt(int64(len(t))), nil
			}
		case "hd", "tl":
			if l, ok := v.(list); ok && len(l) > 0 {
				if name == "hd" {
					return l[0], nil
				}
				return l[1:], nil
			}
		case "abs":
			switch x := v.(type) {
			case *big.Int:
				return new(big.Int).Abs(x), nil
			case float64:
				return math.Abs(x), nil
			}
		case "float":
			if isNumber(v) {
				return toFloat(v), nil
			}
		case "trunc", "round", "floor", "ceil":
			switch x := v.(type) {
			case *big.Int:
				return x, nil
			case float64:
				var r float64
				switch name {
				case "trunc":
					r = math.Trunc(x)
				case "round":
					r = math.Round(x)
				case "floor":
					r = math.Floor(x)
				default:
					r = math.Ceil(x)
				}
				z, _ := big.NewFloat(r).Int(nil)
				return z, nil
			}
		}
	}
	if name == "element" && len(args) == 2 {
		n, ok1 := args[0].(*big.Int)
		t, ok2 := args[1].(tuple)
		if ok1 && ok2 && n.IsInt64() && n.Int64() >= 1 && n.Int64() <= int64(len(t)) {
			return t[n.Int64()-1], nil
		}
	}
	return nil, errEval
}

// toTerm turns a parsed expression into the term it denotes, for -error
// and -warning, as erl_parse:parse_term accepts: literals, tuples, lists
// and negated numbers.
func toTerm(e *expr) (term, bool) {
	switch e.op {
	case "lit":
		return e.val, true
	case "tuple", "list":
		vs := make([]term, len(e.args))
		for i, a := range e.args {
			v, ok := toTerm(a)
			if !ok {
				return nil, false
			}
			vs[i] = v
		}
		if e.op == "tuple" {
			return tuple(vs), true
		}
		if e.tail != nil {
			t, ok := toTerm(e.tail)
			tl, isList := t.(list)
			if !ok || !isList {
				return nil, false
			}
			vs = append(vs, tl...)
		}
		return list(vs), true
	case "unary":
		if e.tok.Kind == syntax.MINUS || e.tok.Kind == syntax.PLUS {
			if v, ok := toTerm(e.args[0]); ok && isNumber(v) {
				r, err := unaryOp(e.tok.Kind, v)
				return r, err == nil
			}
		}
	}
	return nil, false
}

// formatTerm writes t as io_lib's ~tp does for short terms.
func formatTerm(t term) string {
	var b strings.Builder
	writeTerm(&b, t)
	return b.String()
}

func writeTerm(b *strings.Builder, t term) {
	switch x := t.(type) {
	case *big.Int:
		b.WriteString(x.String())
	case float64:
		b.WriteString(formatFloat(x))
	case atom:
		b.WriteString(quoteAtom(string(x)))
	case tuple:
		b.WriteByte('{')
		for i, e := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			writeTerm(b, e)
		}
		b.WriteByte('}')
	case list:
		if s, ok := printable(x); ok {
			b.WriteString(quoteString(s))
			return
		}
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			writeTerm(b, e)
		}
		b.WriteByte(']')
	}
}

// printable reports whether l prints as a string under the default
// printable range (latin1), and returns it.
func printable(l list) (string, bool) {
	if len(l) == 0 {
		return "", false
	}
	var sb strings.Builder
	for _, e := range l {
		n, ok := e.(*big.Int)
		if !ok || !n.IsInt64() {
			return "", false
		}
		c := n.Int64()
		switch {
		case c >= 32 && c <= 126, c >= 160 && c <= 255:
		case c == '\n', c == '\r', c == '\t', c == '\v', c == '\b', c == '\f', c == 27:
		default:
			return "", false
		}
		sb.WriteRune(rune(c))
	}
	return sb.String(), true
}
