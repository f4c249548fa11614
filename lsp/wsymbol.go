package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// WorkspaceSymbolParams is workspace/symbol's payload.
type WorkspaceSymbolParams struct {
	Query string `json:"query"`
}

// SymbolInformation is one workspace symbol.
type SymbolInformation struct {
	Name          string   `json:"name"`
	Kind          int      `json:"kind"`
	Location      Location `json:"location"`
	ContainerName string   `json:"containerName,omitempty"`
}

// maxWorkspaceSymbols bounds the answer: a client filters further as the
// user types, and converting positions reads each file.
const maxWorkspaceSymbols = 200

// fuzzyScore matches query against name as a case-insensitive subsequence
// and scores the match: higher for a prefix, for consecutive characters
// and for characters at word starts (after _ : /). It returns -1 when
// query is not a subsequence of name.
func fuzzyScore(query, name string) int {
	if query == "" {
		return 0
	}
	q, n := strings.ToLower(query), strings.ToLower(name)
	score, qi, prev := 0, 0, -2
	for i := 0; i < len(n) && qi < len(q); i++ {
		if n[i] != q[qi] {
			continue
		}
		switch {
		case i == 0:
			score += 8
		case prev == i-1:
			score += 5
		case n[i-1] == '_' || n[i-1] == ':' || n[i-1] == '/':
			score += 4
		default:
			score++
		}
		prev = i
		qi++
	}
	if qi < len(q) {
		return -1
	}
	return score*16 - len(n) // among equals, shorter names first
}

// handleWorkspaceSymbol answers workspace/symbol from the index: modules,
// functions (module:name/arity) and records whose names fuzzily match the
// query, best first.
func handleWorkspaceSymbol(ctx context.Context, s *Server, params json.RawMessage) (any, error) {
	var p WorkspaceSymbolParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	if err := s.ws.wait(ctx); err != nil {
		return nil, err
	}
	type hit struct {
		score      int
		name, cont string
		kind       int
		sp         span
	}
	var hits []hit
	add := func(name, cont string, kind int, sp span) {
		if sc := fuzzyScore(p.Query, name); sc >= 0 {
			hits = append(hits, hit{sc, name, cont, kind, sp})
		}
	}
	for _, name := range s.ws.index.Modules() {
		m := s.ws.index.Module(name)
		if m == nil {
			continue
		}
		add(name, "", symModule, span{m.File, m.NamePos.Offset, m.NamePos.Offset + int32(len(name))})
		for _, fn := range m.Functions {
			add(fmt.Sprintf("%s:%s/%d", name, fn.Name, fn.Arity), name, symFunction, span{fileOr(fn.File, m.File), fn.Pos.Offset, fn.Pos.Offset + int32(len(fn.Name))})
		}
		for rname, r := range m.Records {
			sp := span{fileOr(r.File, m.File), r.Pos.Offset, r.End.Offset}
			if r.Node != nil && r.Node.Name != nil {
				sp = atomSpan(sp.file, r.Node.Name)
			}
			add("#"+rname, name, symStruct, sp)
		}
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].score != hits[j].score {
			return hits[i].score > hits[j].score
		}
		return hits[i].name < hits[j].name
	})
	if len(hits) > maxWorkspaceSymbols {
		hits = hits[:maxWorkspaceSymbols]
	}
	enc := s.encoding()
	conv := spanDocs{s: s}
	out := []SymbolInformation{}
	for _, h := range hits {
		if l, ok := conv.location(h.sp, enc); ok {
			out = append(out, SymbolInformation{Name: h.name, Kind: h.kind, Location: l, ContainerName: h.cont})
		}
	}
	return out, nil
}
