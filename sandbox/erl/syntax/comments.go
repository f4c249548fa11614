package syntax

import "strings"

// attachComments gives each function without a -doc the %% comment block
// that ends on the line just above it, or just above its -spec.
func attachComments(f *File, toks []Token) {
	if len(f.Comments) == 0 {
		return
	}
	// A comment is a full-line comment when no other token of the same
	// file precedes it on its line.
	full := make(map[int32]*Comment)
	lastLine := int32(0)
	ci := 0
	for i := range toks {
		t := &toks[i]
		if t.File != "" || t.Macro.IsValid() {
			continue
		}
		if t.Kind == COMMENT {
			for ci < len(f.Comments) && f.Comments[ci].Pos.Offset != t.Pos.Offset {
				ci++
			}
			if ci < len(f.Comments) && t.Pos.Line != lastLine && strings.HasPrefix(t.Text, "%%") {
				full[t.Pos.Line] = f.Comments[ci]
			}
		}
		lastLine = t.End.Line
	}
	// A -spec between the comment block and the function does not
	// separate them: the spec's start line stands in for the function's.
	specStart := make(map[int32]int32)
	for _, form := range f.Forms {
		if s, ok := form.(*Spec); ok && !s.Callback {
			specStart[s.End.Line] = s.Pos.Line
		}
	}
	for _, form := range f.Forms {
		fn, ok := form.(*Function)
		if !ok || fn.Doc != "" {
			continue
		}
		top := fn.Pos.Line
		if l, ok := specStart[top-1]; ok {
			top = l
		}
		var lines []string
		for l := top - 1; full[l] != nil; l-- {
			lines = append(lines, strings.TrimPrefix(strings.TrimLeft(full[l].Text, "%"), " "))
		}
		for i, j := 0, len(lines)-1; i < j; i, j = i+1, j-1 {
			lines[i], lines[j] = lines[j], lines[i]
		}
		fn.Doc = strings.Join(lines, "\n")
	}
}
