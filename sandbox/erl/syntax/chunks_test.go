package syntax

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// chunk is one test case of a chunked testdata file.
type chunk struct {
	line int    // line of the chunk's first line in the testdata file
	src  string // the chunk's source, annotations removed
	want []string
}

var annotRE = regexp.MustCompile(`\s*%###.*$`)

// readChunks splits a testdata file at "---" lines. Each "%### COL: MSG"
// annotation on a line expects an error MSG at that line and column.
func readChunks(t *testing.T, path string) []chunk {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var chunks []chunk
	start := 1
	for _, text := range strings.Split(string(data), "\n---\n") {
		c := chunk{line: start}
		lines := strings.Split(text, "\n")
		for i, l := range lines {
			parts := strings.Split(l, " %### ")
			for _, a := range parts[1:] {
				c.want = append(c.want, fmt.Sprintf("%d:%s", i+1, a))
			}
			lines[i] = annotRE.ReplaceAllString(l, "")
		}
		c.src = strings.Join(lines, "\n")
		chunks = append(chunks, c)
		start += len(lines) + 1
	}
	return chunks
}

// TestErrorChunks checks the scanner's and parser's errors, message and
// position, against those real erlc reports (recorded into the file by
// testdata/gen_errors.go), and that chunks erlc accepts parse cleanly.
//
// mutations.erl holds OTP forms broken by one random token edit each, with
// what erl_scan and erl_parse report (testdata/gen_mutations.go).
func TestErrorChunks(t *testing.T) {
	for _, name := range []string{"errors.erl", "mutations.erl"} {
		t.Run(name, func(t *testing.T) { checkErrorChunks(t, "testdata/"+name) })
	}
}

func checkErrorChunks(t *testing.T, path string) {
	for _, c := range readChunks(t, path) {
		_, errs := ParseFile("chunk.erl", []byte(c.src))
		var got []string
		for _, e := range errs {
			got = append(got, fmt.Sprintf("%d:%d: %s", e.Pos.Line, e.Pos.Col, e.Msg))
		}
		slices.Sort(got)
		want := slices.Clone(c.want)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s:%d: chunk\n%s\ngot errors:\n  %s\nwant:\n  %s", path, c.line, c.src,
				strings.Join(got, "\n  "), strings.Join(want, "\n  "))
		}
	}
}
