package syntax

import (
	"flag"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/ast.txt with the current output")

// TestASTGolden parses each chunk of testdata/ast.txt (source, "==>", then
// the expected Dump of every form, one per line) and compares.
func TestASTGolden(t *testing.T) {
	const path = "testdata/ast.txt"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	chunks := strings.Split(string(data), "\n---\n")
	for i, c := range chunks {
		src, want, ok := strings.Cut(c, "==>\n")
		if !ok {
			src, want, _ = strings.Cut(c, "==>")
		}
		f, errs := ParseFile("ast.erl", []byte(src))
		for _, e := range errs {
			t.Errorf("chunk %d: %v", i+1, e)
		}
		var b strings.Builder
		for _, form := range f.Forms {
			b.WriteString(Dump(form) + "\n")
		}
		got := b.String()
		if *update {
			chunks[i] = src + "==>\n" + strings.TrimSuffix(got, "\n")
			continue
		}
		if strings.TrimSpace(got) != strings.TrimSpace(want) {
			t.Errorf("chunk %d:\n%s\ngot:\n%s\nwant:\n%s", i+1, src, got, want)
		}
	}
	if *update {
		if err := os.WriteFile(path, []byte(strings.Join(chunks, "\n---\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
