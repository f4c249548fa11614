package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"unicode/utf8"

	"github.com/otpbox/otpbox/sandbox/erl/syntax"
)

// Semantic token types, in the legend's order: the index is what the
// protocol sends.
const (
	semFunction = iota
	semMacro
	semRecord
	semVariable
	semAtom
	semString
	semNumber
	semComment
	semKeyword
	semOperator
	semType
	semField
	semModule
)

// semanticLegend names the token types and modifiers. Atoms are
// "enumMember" and records "struct", the standard types closest to them,
// so that every theme colours them.
var semanticLegend = SemanticTokensLegend{
	TokenTypes:     []string{"function", "macro", "struct", "variable", "enumMember", "string", "number", "comment", "keyword", "operator", "type", "property", "namespace"},
	TokenModifiers: []string{"declaration"},
}

const semDeclaration = 1 // modifier bit

// SemanticTokensLegend is the server's legend.
type SemanticTokensLegend struct {
	TokenTypes     []string `json:"tokenTypes"`
	TokenModifiers []string `json:"tokenModifiers"`
}

// SemanticTokensOptions advertises semantic tokens.
type SemanticTokensOptions struct {
	Legend SemanticTokensLegend `json:"legend"`
	Full   bool                 `json:"full"`
	Range  bool                 `json:"range"`
}

// SemanticTokensParams is semanticTokens/full's payload; Range is set for
// semanticTokens/range.
type SemanticTokensParams struct {
	TextDocument TextDocumentIdentifier `json:"textDocument"`
	Range        *Range                 `json:"range,omitempty"`
}

// SemanticTokens is the encoded answer: five integers per token.
type SemanticTokens struct {
	Data []uint32 `json:"data"`
}

// semToken is one classified token, as a byte range.
type semToken struct {
	start, end int
	typ, mods  int
}

// classify scans text and gives each token a type. It works on the raw
// text (no preprocessing) so that it colours what is written, broken code
// and macro uses included.
func classify(text string) []semToken {
	toks, tx, _ := syntax.Scan("", []byte(text), 0)
	var out []semToken
	kind := func(i int) syntax.Kind {
		if i < 0 || i >= len(toks) {
			return syntax.EOF
		}
		return toks[i].Kind
	}
	formStart := true // the next token starts a form
	typeForm := false // inside -spec, -type, -opaque, -callback or -record (field types)
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		typ, mods := -1, 0
		start := int(t.Pos.Offset)
		switch k := t.Kind; {
		case k == syntax.COMMENT:
			typ = semComment
		case k == syntax.STRING || k == syntax.CHAR:
			typ = semString
		case k == syntax.INTEGER || k == syntax.FLOAT:
			typ = semNumber
		case k == syntax.VAR:
			typ = semVariable
		case k.IsKeyword():
			typ = semKeyword
		case k == syntax.QUESTION && (kind(i+1) == syntax.ATOM || kind(i+1) == syntax.VAR):
			typ = semMacro
			i++
		case k == syntax.HASH && kind(i+1) == syntax.ATOM:
			typ = semRecord
			i++
		case k == syntax.PERIOD && kind(i+1) == syntax.ATOM:
			out = append(out, semToken{start, int(t.End.Offset), semOperator, 0})
			i++
			typ, start = semField, int(toks[i].Pos.Offset)
		case k == syntax.MINUS && formStart && kind(i+1) == syntax.ATOM:
			typ = semKeyword
			i++
			switch tx.Lit(&toks[i]) {
			case "spec", "type", "opaque", "callback", "record":
				typeForm = true
			}
		case k == syntax.ATOM:
			next := kind(i + 1)
			switch {
			case next == syntax.COLON && kind(i+2) == syntax.ATOM:
				typ = semModule
			case next == syntax.LPAREN && typeForm:
				typ = semType
			case next == syntax.LPAREN:
				typ = semFunction
				if formStart {
					mods = semDeclaration
				}
			case next == syntax.SLASH && kind(i+2) == syntax.INTEGER:
				typ = semFunction
			default:
				typ = semAtom
			}
		case k >= syntax.LPAREN && k <= syntax.EXNE:
			typ = semOperator
		}
		if t.Kind != syntax.COMMENT {
			formStart = t.Kind == syntax.DOT
			if formStart {
				typeForm = false
			}
		}
		if typ >= 0 {
			out = append(out, semToken{start, int(toks[i].End.Offset), typ, mods})
		}
	}
	return out
}

// posCursor converts increasing byte offsets to positions, walking the
// text once instead of searching for each token's line.
type posCursor struct {
	doc   *Document
	enc   string
	line  int
	off   int
	units uint32
}

func (c *posCursor) at(off int) Position {
	if off < c.off {
		c.line, c.off, c.units = 0, 0, 0
	}
	for c.line+1 < len(c.doc.lines) && c.doc.lines[c.line+1] <= off {
		c.line++
		c.off, c.units = c.doc.lines[c.line], 0
	}
	for c.off < off {
		r, size := utf8.DecodeRuneInString(c.doc.Text[c.off:])
		c.units += uint32(unitLen(r, size, c.enc))
		c.off += size
	}
	return Position{Line: uint32(c.line), Character: c.units}
}

// encodeTokens converts tokens to the protocol's relative form, splitting
// the ones that span lines (strings), keeping those on lines first..last.
func encodeTokens(doc *Document, toks []semToken, enc string, first, last uint32) []uint32 {
	data := []uint32{}
	var prevLine, prevChar uint32
	cur := posCursor{doc: doc, enc: enc}
	emit := func(p Position, end int, typ, mods int) {
		e := cur.at(end)
		if p.Line < first || p.Line > last || e.Character <= p.Character {
			return
		}
		dl, dc := p.Line-prevLine, p.Character
		if dl == 0 {
			dc = p.Character - prevChar
		}
		data = append(data, dl, dc, e.Character-p.Character, uint32(typ), uint32(mods))
		prevLine, prevChar = p.Line, p.Character
	}
	for _, t := range toks {
		start := t.start
		for start < t.end {
			p := cur.at(start)
			if p.Line > last {
				return data
			}
			end := min(t.end, doc.lineEnd(int(p.Line)))
			emit(p, end, t.typ, t.mods)
			if end >= t.end || int(p.Line)+1 >= len(doc.lines) {
				break
			}
			start = doc.lines[p.Line+1]
		}
	}
	return data
}

// handleSemanticTokens answers semanticTokens/full and /range.
func handleSemanticTokens(_ context.Context, s *Server, params json.RawMessage) (any, error) {
	var p SemanticTokensParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	doc := s.docs.get(p.TextDocument.URI)
	if doc == nil {
		return nil, invalidParams(errNotOpen(p.TextDocument.URI))
	}
	first, last := uint32(0), uint32(len(doc.lines))
	if p.Range != nil {
		if p.Range.Start.Line > p.Range.End.Line || int(p.Range.Start.Line) >= len(doc.lines) {
			return nil, invalidParams(errRange(p.Range))
		}
		first, last = p.Range.Start.Line, p.Range.End.Line
	}
	return SemanticTokens{Data: encodeTokens(doc, classify(doc.Text), s.encoding(), first, last)}, nil
}

func errNotOpen(uri string) error { return fmt.Errorf("document %s is not open", uri) }

func errRange(r *Range) error {
	return fmt.Errorf("range %d:%d-%d:%d is outside the document", r.Start.Line, r.Start.Character, r.End.Line, r.End.Character)
}
