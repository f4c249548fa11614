// Package chunk reads the diagnostics test corpus of package sema: .erl files
// that hold several small modules separated by a line starting with "%---",
// each line carrying its expected diagnostics inline as comments, in
// go.starlark.net's style:
//
//	X = 1, %### 5: warning: variable 'X' is unused
//
// "%### COL: SEVERITY: MESSAGE" is what erlc prints for that line, with the
// file and line left out: COL is erlc's column, SEVERITY is error or warning.
// A line may carry several annotations. The recorder (package recordlint)
// writes them from real erlc; the tests only read them.
package chunk

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Marker starts an inline expectation.
const Marker = "%###"

// Separator starts the line that ends one chunk and begins the next.
const Separator = "%---"

// Expect is one expected diagnostic.
type Expect struct {
	Line, Col int
	Severity  string // "error" or "warning"
	Message   string
}

func (e Expect) String() string {
	return fmt.Sprintf("%d:%d: %s: %s", e.Line, e.Col, e.Severity, e.Message)
}

// Chunk is one module of a corpus file.
type Chunk struct {
	// Module is the name in the chunk's -module attribute, "" when none.
	Module string
	// Line is the first line of the chunk in the corpus file.
	Line int
	// Src is the chunk's source with every line before it blanked out, so
	// that line numbers are those of the corpus file, and with the
	// annotations removed.
	Src string
	// Expects lists the annotations in line order.
	Expects []Expect
}

var (
	moduleRE = regexp.MustCompile(`^-module\(\s*'?([^')]+)'?\s*\)`)
	annotRE  = regexp.MustCompile(`^\s*(\d+): (error|warning): (.*?)\s*$`)
)

// Split cuts a corpus file into its chunks and parses their annotations.
func Split(src string) ([]Chunk, error) {
	lines := strings.Split(src, "\n")
	var chunks []Chunk
	start := 0
	flush := func(end int) error {
		c := Chunk{Line: start + 1}
		var b strings.Builder
		for i := 0; i < end; i++ {
			if i < start {
				b.WriteByte('\n')
				continue
			}
			code, annots, _ := strings.Cut(lines[i], Marker)
			if annots != "" || strings.HasSuffix(lines[i], Marker) {
				code = strings.TrimRight(code, " \t")
				for _, a := range strings.Split(annots, Marker) {
					m := annotRE.FindStringSubmatch(a)
					if m == nil {
						return fmt.Errorf("line %d: malformed annotation %q: want %q", i+1, a, Marker+" COL: error|warning: MESSAGE")
					}
					col, _ := strconv.Atoi(m[1])
					c.Expects = append(c.Expects, Expect{Line: i + 1, Col: col, Severity: m[2], Message: m[3]})
				}
			}
			if m := moduleRE.FindStringSubmatch(code); m != nil && c.Module == "" {
				c.Module = m[1]
			}
			b.WriteString(code)
			b.WriteByte('\n')
		}
		c.Src = b.String()
		if strings.TrimSpace(c.Src) != "" {
			chunks = append(chunks, c)
		}
		return nil
	}
	for i, l := range lines {
		if strings.HasPrefix(l, Separator) {
			if err := flush(i); err != nil {
				return nil, err
			}
			start = i + 1
		}
	}
	if err := flush(len(lines)); err != nil {
		return nil, err
	}
	return chunks, nil
}
