package format

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/otpbox/otpbox/sandbox/erl/term"
)

// readTerms parses a file of Erlang term literals, each ending in ".", as
// record.erl writes them: integers, floats, atoms, strings, lists, tuples,
// maps and binaries of integer segments (<<1,2,3:4>>).
func readTerms(src string) ([]Term, error) {
	p := &litParser{s: src}
	var out []Term
	for {
		p.space()
		if p.i >= len(p.s) {
			return out, nil
		}
		t, err := p.term()
		if err != nil {
			return nil, err
		}
		p.space()
		if !p.eat('.') {
			return nil, p.errorf("expected '.' after a term")
		}
		out = append(out, t)
	}
}

type litParser struct {
	s string
	i int
}

func (p *litParser) errorf(format string, a ...any) error {
	line := 1 + strings.Count(p.s[:p.i], "\n")
	return fmt.Errorf("line %d: "+format, append([]any{line}, a...)...)
}

func (p *litParser) space() {
	for p.i < len(p.s) {
		switch c := p.s[p.i]; {
		case c == ' ' || c == '\n' || c == '\t' || c == '\r':
			p.i++
		case c == '%':
			for p.i < len(p.s) && p.s[p.i] != '\n' {
				p.i++
			}
		default:
			return
		}
	}
}

func (p *litParser) eat(c byte) bool {
	p.space()
	if p.i < len(p.s) && p.s[p.i] == c {
		p.i++
		return true
	}
	return false
}

func (p *litParser) peek() byte {
	p.space()
	if p.i < len(p.s) {
		return p.s[p.i]
	}
	return 0
}

func (p *litParser) term() (Term, error) {
	switch c := p.peek(); {
	case c == '[':
		p.i++
		return p.list()
	case c == '{':
		p.i++
		var es []Term
		if p.eat('}') {
			return term.MakeTuple(), nil
		}
		for {
			e, err := p.term()
			if err != nil {
				return term.Nil, err
			}
			es = append(es, e)
			if p.eat('}') {
				return term.MakeTuple(es...), nil
			}
			if !p.eat(',') {
				return term.Nil, p.errorf("expected ',' or '}' in a tuple")
			}
		}
	case c == '#':
		p.i++
		if !p.eat('{') {
			return term.Nil, p.errorf("expected '{' after '#'")
		}
		var keys, vals []Term
		if p.eat('}') {
			return term.EmptyMap, nil
		}
		for {
			k, err := p.term()
			if err != nil {
				return term.Nil, err
			}
			if !strings.HasPrefix(p.s[p.i:], "=>") {
				p.space()
				if !strings.HasPrefix(p.s[p.i:], "=>") {
					return term.Nil, p.errorf("expected '=>' in a map")
				}
			}
			p.i += 2
			v, err := p.term()
			if err != nil {
				return term.Nil, err
			}
			keys, vals = append(keys, k), append(vals, v)
			if p.eat('}') {
				return term.NewMap(keys, vals), nil
			}
			if !p.eat(',') {
				return term.Nil, p.errorf("expected ',' or '}' in a map")
			}
		}
	case c == '<':
		return p.binary()
	case c == '"':
		cs, err := p.quoted('"')
		if err != nil {
			return term.Nil, err
		}
		return listRunes(cs), nil
	case c == '\'':
		cs, err := p.quoted('\'')
		if err != nil {
			return term.Nil, err
		}
		return term.MakeAtom(string(cs)), nil
	case c == '$':
		p.i++
		r, err := p.char()
		return term.MakeInt(int64(r)), err
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	case c >= 'a' && c <= 'z' || c >= 0xC0:
		j := p.i
		for j < len(p.s) {
			r, n := utf8.DecodeRuneInString(p.s[j:])
			if r < 0x80 && !nameByte(byte(r)) || r >= 0x80 && !nameChar(r) {
				break
			}
			j += n
		}
		a := p.s[p.i:j]
		p.i = j
		return term.MakeAtom(a), nil
	}
	return term.Nil, p.errorf("unexpected %q", p.peek())
}

func nameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '@'
}

func (p *litParser) list() (Term, error) {
	if p.eat(']') {
		return term.Nil, nil
	}
	var elems []Term
	tail := term.Nil
	for {
		e, err := p.term()
		if err != nil {
			return term.Nil, err
		}
		elems = append(elems, e)
		if p.eat('|') {
			if tail, err = p.term(); err != nil {
				return term.Nil, err
			}
			if !p.eat(']') {
				return term.Nil, p.errorf("expected ']' after a list tail")
			}
			break
		}
		if p.eat(']') {
			break
		}
		if !p.eat(',') {
			return term.Nil, p.errorf("expected ',' or ']' in a list")
		}
	}
	return term.MakeListTail(elems, tail), nil
}

func (p *litParser) binary() (Term, error) {
	if !strings.HasPrefix(p.s[p.i:], "<<") {
		return term.Nil, p.errorf("expected '<<'")
	}
	p.i += 2
	var data []byte
	size := 0
	if strings.HasPrefix(p.s[p.i:], ">>") {
		p.i += 2
		return term.MakeBinary(nil), nil
	}
	for {
		v, err := p.number()
		if err != nil {
			return term.Nil, err
		}
		segSize := 8
		if p.eat(':') {
			s, err := p.number()
			if err != nil {
				return term.Nil, err
			}
			n, _ := s.Int()
			segSize = int(n)
		}
		n, _ := v.Int()
		for k := segSize - 1; k >= 0; k-- {
			if size%8 == 0 {
				data = append(data, 0)
			}
			if n>>uint(k)&1 == 1 {
				data[size/8] |= 0x80 >> uint(size%8)
			}
			size++
		}
		p.space()
		if strings.HasPrefix(p.s[p.i:], ">>") {
			p.i += 2
			return term.MakeBits(data, size), nil
		}
		if !p.eat(',') {
			return term.Nil, p.errorf("expected ',' or '>>' in a binary")
		}
	}
}

func (p *litParser) number() (Term, error) {
	p.space()
	j := p.i
	if j < len(p.s) && p.s[j] == '-' {
		j++
	}
	for j < len(p.s) && (p.s[j] >= '0' && p.s[j] <= '9' || p.s[j] == '.' || p.s[j] == 'e' ||
		(p.s[j] == '-' || p.s[j] == '+') && p.s[j-1] == 'e') {
		if p.s[j] == '.' && (j+1 >= len(p.s) || p.s[j+1] < '0' || p.s[j+1] > '9') {
			break // the full stop after a term
		}
		j++
	}
	text := p.s[p.i:j]
	p.i = j
	if strings.ContainsAny(text, ".e") {
		f, err := strconv.ParseFloat(text, 64)
		if err != nil {
			return term.Nil, p.errorf("bad float %q", text)
		}
		return term.MakeFloat(f), nil
	}
	if v, err := strconv.ParseInt(text, 10, 64); err == nil {
		return term.MakeInt(v), nil
	}
	v, ok := new(big.Int).SetString(text, 10)
	if !ok {
		return term.Nil, p.errorf("bad integer %q", text)
	}
	return term.MakeBig(v), nil
}

func (p *litParser) quoted(q byte) ([]rune, error) {
	p.i++ // the opening quote
	var cs []rune
	for {
		if p.i >= len(p.s) {
			return nil, p.errorf("unterminated quote")
		}
		if p.s[p.i] == q {
			p.i++
			return cs, nil
		}
		r, err := p.char()
		if err != nil {
			return nil, err
		}
		cs = append(cs, r)
	}
}

// char reads one possibly escaped character.
func (p *litParser) char() (rune, error) {
	r, n := utf8.DecodeRuneInString(p.s[p.i:])
	p.i += n
	if r != '\\' {
		return r, nil
	}
	r, n = utf8.DecodeRuneInString(p.s[p.i:])
	p.i += n
	switch r {
	case 'n':
		return '\n', nil
	case 't':
		return '\t', nil
	case 'r':
		return '\r', nil
	case 'v':
		return '\v', nil
	case 'b':
		return '\b', nil
	case 'f':
		return '\f', nil
	case 'e':
		return 0x1B, nil
	case 'd':
		return 0x7F, nil
	case 's':
		return ' ', nil
	case 'x':
		if !strings.HasPrefix(p.s[p.i:], "{") {
			return 0, p.errorf("only \\x{...} escapes are supported")
		}
		end := strings.IndexByte(p.s[p.i:], '}')
		v, err := strconv.ParseInt(p.s[p.i+1:p.i+end], 16, 32)
		p.i += end + 1
		return rune(v), err
	}
	if r >= '0' && r <= '7' {
		v := int(r - '0')
		for k := 0; k < 2 && p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '7'; k++ {
			v = v*8 + int(p.s[p.i]-'0')
			p.i++
		}
		return rune(v), nil
	}
	return r, nil
}

// listRunes converts a Go string to an Erlang string term.
func listRunes(s []rune) Term {
	elems := make([]Term, len(s))
	for i, r := range s {
		elems[i] = term.MakeInt(int64(r))
	}
	return term.MakeList(elems...)
}

// termRunes reads an Erlang string term back into runes.
func termRunes(t Term) ([]rune, bool) {
	var rs []rune
	for kindOf(t) == kCons {
		h, tl := cons(t)
		c, ok := smallInt(h)
		if !ok {
			return nil, false
		}
		rs = append(rs, rune(c))
		t = tl
	}
	return rs, kindOf(t) == kNil
}
