package syntax

import "strings"

// attachComments gives each function without a -doc the %% comment block
// that ends on the line just above it, or just above its -spec. full holds
// the file's full-line %% comments by line (ParseTokens finds them).
func attachComments(f *File, full map[int32]*Comment) {
	if len(full) == 0 {
		return
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
