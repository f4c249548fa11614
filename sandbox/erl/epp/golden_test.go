package epp

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/syntax"
)

// The golden tests run every testdata/cases/*.txtar case through Preprocess
// and compare with what real epp produced for it, recorded by
// testdata/record.sh into the .golden file beside it: the expanded tokens
// line by line, the errors and the warnings, each with file, line and
// column.

var txtarHeader = regexp.MustCompile(`^-- (.+) --$`)

// txtarFile is one file of a txtar archive.
type txtarFile struct {
	name string
	data string
}

// parseTxtar splits a txtar archive as record.escript does: the text before
// the first header is a comment; a file's content is its lines joined by
// newlines.
func parseTxtar(s string) []txtarFile {
	var files []txtarFile
	var cur *txtarFile
	var lines []string
	flush := func() {
		if cur != nil {
			cur.data = strings.Join(lines, "\n")
			files = append(files, *cur)
		}
	}
	for _, l := range strings.Split(s, "\n") {
		if m := txtarHeader.FindStringSubmatch(l); m != nil {
			flush()
			cur, lines = &txtarFile{name: m[1]}, nil
			continue
		}
		lines = append(lines, l)
	}
	flush()
	return files
}

// renderTokens writes the tokens as record.escript does: per form, one line
// per run of tokens on the same source line, lines as -file attributes
// make them, and -file attributes left out.
func renderTokens(b *strings.Builder, res *Result, mainPath string) {
	line := int32(-1)
	toks := res.Tokens
	for i := 0; i < len(toks); i++ {
		t := &toks[i]
		if t.Kind == syntax.EOF {
			break
		}
		if t.Kind == syntax.COMMENT {
			continue
		}
		if line < 0 && i+2 < len(toks) && t.Kind == syntax.MINUS && res.Texts.Lit(&toks[i+1]) == "file" && toks[i+2].Kind == syntax.LPAREN {
			for i < len(toks) && toks[i].Kind != syntax.DOT {
				i++
			}
			continue
		}
		file := res.Texts.File(t)
		if file == "" {
			file = mainPath
		}
		_, tl := res.Info.Remap(file, t.Pos.Offset, t.Pos.Line)
		if tl != line {
			if line >= 0 {
				b.WriteByte('\n')
			}
			line = tl
			fmt.Fprintf(b, "%d:", line)
		}
		b.WriteByte(' ')
		b.WriteString(tokenSrc(res.Texts, t))
		if t.Kind == syntax.DOT {
			b.WriteByte('\n')
			line = -1
		}
	}
	if line >= 0 {
		b.WriteByte('\n')
	}
}

func renderMsgs(b *strings.Builder, kind string, errs []syntax.Error) {
	for _, e := range errs {
		fmt.Fprintf(b, "%s %s:%d:%d: %s\n", kind, e.File, e.Pos.Line, e.Pos.Col, e.Msg)
	}
}

// goldenSections splits a golden file into its "== file" sections.
func goldenSections(s string) map[string]string {
	out := map[string]string{}
	name := ""
	for _, l := range strings.SplitAfter(s, "\n") {
		if n, ok := strings.CutPrefix(l, "== "); ok {
			name = strings.TrimSpace(n)
			continue
		}
		out[name] += l
	}
	return out
}

// splitSection separates a section's token lines, errors and warnings.
func splitSection(s string) (toks, errs, warns string) {
	for _, l := range strings.SplitAfter(s, "\n") {
		if l == "" {
			continue
		}
		if !strings.HasSuffix(l, "\n") {
			l += "\n"
		}
		switch {
		case strings.HasPrefix(l, "error "):
			errs += l
		case strings.HasPrefix(l, "warning "):
			warns += l
		default:
			toks += l
		}
	}
	return
}

// preprocessCase extracts a case into a temporary directory, makes it the
// working directory (epp's file names are relative there) and
// preprocesses each top-level .erl file with inc/ as include directory and
// lib/ as library directory.
func preprocessCase(t *testing.T, archive string) map[string]*Result {
	t.Helper()
	dir := t.TempDir()
	var mains []string
	for _, f := range parseTxtar(archive) {
		p := filepath.Join(dir, f.name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(f.data), 0o644); err != nil {
			t.Fatal(err)
		}
		if filepath.Dir(f.name) == "." && strings.HasSuffix(f.name, ".erl") {
			mains = append(mains, f.name)
		}
	}
	sort.Strings(mains)
	t.Chdir(dir)
	cfg := NewConfig().WithIncludeDirs("inc").WithLibDirs("lib")
	out := map[string]*Result{}
	for _, m := range mains {
		src, err := os.ReadFile(m)
		if err != nil {
			t.Fatal(err)
		}
		out[m] = Preprocess(cfg, m, src)
	}
	return out
}

func TestGolden(t *testing.T) {
	cases, _ := filepath.Glob("testdata/cases/*.txtar")
	if len(cases) == 0 {
		t.Fatal("no test cases in testdata/cases")
	}
	for _, c := range cases {
		name := strings.TrimSuffix(filepath.Base(c), ".txtar")
		archive, err := os.ReadFile(c)
		if err != nil {
			t.Fatal(err)
		}
		golden, err := os.ReadFile(strings.TrimSuffix(c, ".txtar") + ".golden")
		if err != nil {
			t.Fatalf("%v (record it with testdata/record.sh)", err)
		}
		t.Run(name, func(t *testing.T) {
			want := goldenSections(string(golden))
			results := preprocessCase(t, string(archive))
			if len(results) != len(want) {
				t.Errorf("%d files preprocessed, golden has %d sections", len(results), len(want))
			}
			for file, res := range results {
				wantToks, wantErrs, wantWarns := splitSection(want[file])
				var b strings.Builder
				renderTokens(&b, res, file)
				if got := b.String(); got != wantToks {
					t.Errorf("%s: tokens differ\n--- got\n%s--- want (epp)\n%s", file, got, wantToks)
				}
				b.Reset()
				renderMsgs(&b, "error", res.Errors)
				if got := b.String(); got != wantErrs {
					t.Errorf("%s: errors differ\n--- got\n%s--- want (epp)\n%s", file, got, wantErrs)
				}
				b.Reset()
				renderMsgs(&b, "warning", res.Warnings)
				if got := b.String(); got != wantWarns {
					t.Errorf("%s: warnings differ\n--- got\n%s--- want (epp)\n%s", file, got, wantWarns)
				}
			}
		})
	}
}
