package dap

import (
	"strings"

	godap "github.com/google/go-dap"
)

// onCompletions completes the word before the cursor in the debug
// console: a frame's variables, loaded module names, and after "mod:"
// that module's functions.
func (s *session) onCompletions(r *godap.CompletionsRequest) {
	d := s.debugger(&r.Request)
	if d == nil {
		return
	}
	text := []rune(r.Arguments.Text)
	col := r.Arguments.Column - 1 // DAP columns are 1-based by default
	if col < 0 || col > len(text) {
		col = len(text)
	}
	start := col
	for start > 0 && isWordRune(text[start-1]) {
		start--
	}
	word := string(text[start:col])
	var items []godap.CompletionItem
	addIf := func(label, typ string) {
		if strings.HasPrefix(label, word) {
			items = append(items, godap.CompletionItem{Label: label, Type: godap.CompletionItemType(typ), Start: start + 1, Length: len([]rune(word))})
		}
	}
	if start > 0 && text[start-1] == ':' {
		ms := start - 1
		for ms > 0 && isWordRune(text[ms-1]) {
			ms--
		}
		for _, fa := range d.Functions(string(text[ms : start-1])) {
			name, _, _ := strings.Cut(fa, "/")
			addIf(name, "function")
		}
	} else {
		if r.Arguments.FrameId != 0 {
			if v, ok := s.lookup(r.Arguments.FrameId); ok {
				if f, ok := v.(frameRef); ok {
					bs, _ := d.Bindings(f.pid, f.index)
					for _, b := range bs {
						addIf(b.Name, "variable")
					}
				}
			}
		}
		for _, m := range d.Modules() {
			addIf(m.Name, "module")
		}
	}
	resp := &godap.CompletionsResponse{Response: response(&r.Request)}
	resp.Body.Targets = dedupe(items)
	s.send(resp)
}

func isWordRune(c rune) bool {
	return c == '_' || c == '@' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func dedupe(items []godap.CompletionItem) []godap.CompletionItem {
	seen := map[string]bool{}
	out := []godap.CompletionItem{}
	for _, it := range items {
		if !seen[it.Label] {
			seen[it.Label] = true
			out = append(out, it)
		}
	}
	return out
}
