package epp

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/syntax"
)

// writeTree creates files (path → contents) under a new temporary directory
// and returns it.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// text renders the tokens of res as source-like text, one form per line.
func text(res *Result) string {
	var b strings.Builder
	for i := range res.Tokens {
		t := &res.Tokens[i]
		if t.Kind == syntax.EOF {
			break
		}
		if t.Kind == syntax.COMMENT {
			continue
		}
		if b.Len() > 0 && !strings.HasSuffix(b.String(), "\n") {
			b.WriteByte(' ')
		}
		b.WriteString(tokenSrc(res.Texts, t))
		if t.Kind == syntax.DOT {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func errorList(errs []syntax.Error) string {
	var s []string
	for _, e := range errs {
		s = append(s, e.Error())
	}
	return strings.Join(s, "\n")
}

func preprocessFile(t *testing.T, cfg *Config, path string) *Result {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return Preprocess(cfg, path, src)
}

// TestIncludeSearchOrder removes the candidates one by one: the including
// file's directory wins, then its ../include, then the -I directories in
// order.
func TestIncludeSearchOrder(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"app/src/m.erl":       "-module(m).\nf() -> ?WHO.\n",
		"app/src/x.hrl":       "-define(WHO, src).\n",
		"app/include/x.hrl":   "-define(WHO, app_include).\n",
		"i1/x.hrl":            "-define(WHO, i1).\n",
		"i2/x.hrl":            "-define(WHO, i2).\n",
		"app/src/m.erl.extra": "",
	})
	main := filepath.Join(dir, "app/src/m.erl")
	src := "-module(m).\n-include(\"x.hrl\").\nf() -> ?WHO.\n"
	if err := os.WriteFile(main, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := NewConfig().WithIncludeDirs(filepath.Join(dir, "i1"), filepath.Join(dir, "i2"))
	for _, step := range []struct{ want, remove string }{
		{"src", "app/src/x.hrl"},
		{"app_include", "app/include/x.hrl"},
		{"i1", "i1/x.hrl"},
		{"i2", "i2/x.hrl"},
	} {
		res := preprocessFile(t, cfg, main)
		if len(res.Errors) > 0 {
			t.Fatalf("want %s: unexpected errors:\n%s", step.want, errorList(res.Errors))
		}
		if got := text(res); !strings.Contains(got, "f ( ) -> "+step.want+" .") {
			t.Errorf("want the x.hrl of %s, got:\n%s", step.want, got)
		}
		if err := os.Remove(filepath.Join(dir, step.remove)); err != nil {
			t.Fatal(err)
		}
	}
	res := preprocessFile(t, cfg, main)
	if got := errorList(res.Errors); !strings.Contains(got, `2:10: can't find include file "x.hrl"`) {
		t.Errorf("with no x.hrl left, got errors:\n%s", got)
	}
	// The missing include does not stop the file: the error for ?WHO
	// comes after it.
	if got := errorList(res.Errors); !strings.Contains(got, "3:9: undefined macro 'WHO'") {
		t.Errorf("the rest of the file was not preprocessed:\n%s", got)
	}
	if inc := res.Info.Includes; len(inc) != 1 || inc[0].Path != "" || inc[0].Err == "" {
		t.Errorf("Info.Includes = %+v, want one include with an error", inc)
	}
}

// TestNestedIncludeRelative checks that an included file's own includes
// are searched from its directory, not the main file's.
func TestNestedIncludeRelative(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"m.erl":         "-module(m).\n-include(\"sub/a.hrl\").\nf() -> ?B.\n",
		"sub/a.hrl":     "-include(\"b.hrl\").\n",
		"sub/b.hrl":     "-define(B, {?FILE, ?LINE}).\n",
		"b.hrl":         "-define(B, wrong).\n",
		"unused/x.hrl":  "",
		"sub/deep/c.hr": "",
	})
	res := preprocessFile(t, NewConfig(), filepath.Join(dir, "m.erl"))
	if len(res.Errors) > 0 {
		t.Fatal(errorList(res.Errors))
	}
	want := `f ( ) -> { "` + filepath.Join(dir, "m.erl") + `" , 3 } .`
	if got := text(res); !strings.Contains(got, want) {
		t.Errorf("got:\n%s\nwant a line %s", got, want)
	}
	if n := len(res.Info.Includes); n != 2 || res.Info.Includes[1].Path != filepath.Join(dir, "sub/b.hrl") {
		t.Errorf("Info.Includes = %+v", res.Info.Includes)
	}
}

// TestIncludeLibVersions resolves -include_lib under library directories,
// plain and versioned (the highest version, compared numerically), and
// under -I directories.
func TestIncludeLibVersions(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"lib/app-1.2/include/h.hrl":  "-define(V, v1_2).\n",
		"lib/app-1.10/include/h.hrl": "-define(V, v1_10).\n",
		"lib/app-x/include/h.hrl":    "-define(V, not_a_version).\n",
		"lib/other/include/o.hrl":    "-define(O, other).\n",
		"idir/third/include/t.hrl":   "-define(T, third).\n",
		"m.erl": "-module(m).\n-include_lib(\"app/include/h.hrl\").\n-include_lib(\"other/include/o.hrl\").\n" +
			"-include_lib(\"third/include/t.hrl\").\nf() -> {?V, ?O, ?T}.\n",
	})
	cfg := NewConfig().WithLibDirs(filepath.Join(dir, "lib")).WithIncludeDirs(filepath.Join(dir, "idir"))
	res := preprocessFile(t, cfg, filepath.Join(dir, "m.erl"))
	if len(res.Errors) > 0 {
		t.Fatal(errorList(res.Errors))
	}
	if got := text(res); !strings.Contains(got, "f ( ) -> { v1_10 , other , third } .") {
		t.Errorf("got:\n%s", got)
	}
	if p := res.Info.Includes[0].Path; p != filepath.Join(dir, "lib/app-1.10/include/h.hrl") {
		t.Errorf("include_lib resolved to %s", p)
	}
}

// TestFileReader serves an include from memory, as the language server does
// for unsaved buffers, and checks that the reader is what is used.
func TestFileReader(t *testing.T) {
	files := map[string]string{
		"/ws/src/defs.hrl": "-define(X, from_buffer).\n",
	}
	var asked []string
	cfg := NewConfig().WithFileReader(func(path string) ([]byte, error) {
		asked = append(asked, path)
		if s, ok := files[path]; ok {
			return []byte(s), nil
		}
		return nil, fs.ErrNotExist
	})
	res := Preprocess(cfg, "/ws/src/m.erl", []byte("-module(m).\n-include(\"defs.hrl\").\nf() -> ?X.\n"))
	if len(res.Errors) > 0 {
		t.Fatal(errorList(res.Errors))
	}
	if got := text(res); !strings.Contains(got, "f ( ) -> from_buffer .") {
		t.Errorf("got:\n%s", got)
	}
	if len(asked) != 1 || asked[0] != "/ws/src/defs.hrl" {
		t.Errorf("reader asked for %v", asked)
	}
}

// TestConfigDefines covers -D style macros and that With methods copy.
func TestConfigDefines(t *testing.T) {
	base := NewConfig()
	cfg := base.WithDefines(map[string]string{"DEBUG": "", "N": "{1, two}"}).WithDefine("M", "42")
	src := "-module(m).\n-ifdef(DEBUG).\nf() -> {?N, ?M}.\n-endif.\n"
	res := Preprocess(cfg, "m.erl", []byte(src))
	if len(res.Errors) > 0 {
		t.Fatal(errorList(res.Errors))
	}
	if got := text(res); !strings.Contains(got, "f ( ) -> { { 1 , two } , 42 } .") {
		t.Errorf("got:\n%s", got)
	}
	if len(base.defines) != 0 {
		t.Errorf("WithDefines changed the receiver: %v", base.defines)
	}
	res = Preprocess(cfg, "m.erl", []byte("-module(m).\n-define(N, 1).\n"))
	if got := errorList(res.Errors); got != "m.erl:2:9: redefining macro 'N'" {
		t.Errorf("redefining a -D macro: got %q", got)
	}
	res = Preprocess(NewConfig().WithDefine("LINE", "1"), "m.erl", []byte("-module(m).\n"))
	if got := errorList(res.Errors); !strings.Contains(got, "redefining predefined macro 'LINE'") {
		t.Errorf("a -D of a predefined macro: got %q", got)
	}
	res = Preprocess(NewConfig().WithOTPRelease(27), "m.erl", []byte("-module(m).\nf() -> ?OTP_RELEASE.\n"))
	if got := text(res); !strings.Contains(got, "f ( ) -> 27 .") {
		t.Errorf("WithOTPRelease: got:\n%s", got)
	}
}

// TestInfo checks the definitions, uses, includes and skipped ranges that
// tools get.
func TestInfo(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"h.hrl": "-define(H(A, B), {A, B}).\n",
	})
	src := `-module(m).
-include("h.hrl").
-include("nope.hrl").
-define(C, 1).
-ifdef(NOPE).
skipped() -> 1.
-else.
f() -> ?H(?C, ?LINE).
-endif.
g() -> ?UNDEF.
`
	path := filepath.Join(dir, "m.erl")
	res := Preprocess(NewConfig(), path, []byte(src))
	in := res.Info
	if len(in.Defines) != 2 {
		t.Fatalf("Defines = %+v", in.Defines)
	}
	h, c := in.Defines[0], in.Defines[1]
	if h.Name != "H" || h.Arity != 2 || strings.Join(h.Params, ",") != "A,B" || h.File != filepath.Join(dir, "h.hrl") ||
		h.Pos.Line != 1 || h.Pos.Col != 9 || len(h.Body) != 5 {
		t.Errorf("H = %+v", h)
	}
	if c.Name != "C" || c.Arity != -1 || c.File != path || c.Pos.Line != 4 || len(c.Body) != 1 {
		t.Errorf("C = %+v", c)
	}
	type use struct {
		name        string
		arity       int
		line, col   int32
		def         *MacroDef
		hasEndAfter bool
	}
	want := []use{
		{"H", 2, 8, 8, h, true},
		{"C", -1, 8, 11, c, true},
		{"LINE", -1, 8, 15, nil, true},
		{"UNDEF", -1, 10, 8, nil, true},
	}
	if len(in.Uses) != len(want) {
		t.Fatalf("Uses = %+v", in.Uses)
	}
	for i, w := range want {
		u := in.Uses[i]
		if u.Name != w.name || u.Arity != w.arity || u.Pos.Line != w.line || u.Pos.Col != w.col || u.Def != w.def || u.File != path {
			t.Errorf("use %d = %+v, want %+v", i, u, w)
		}
		if !u.Pos.Before(u.End) {
			t.Errorf("use %d: End %v not after Pos %v", i, u.End, u.Pos)
		}
	}
	if len(in.Includes) != 2 || in.Includes[0].Path != filepath.Join(dir, "h.hrl") || in.Includes[1].Err != `can't find include file "nope.hrl"` ||
		in.Includes[1].Pos.Line != 3 || in.Includes[1].Pos.Col != 10 {
		t.Errorf("Includes = %+v", in.Includes)
	}
	if len(in.Skipped) != 1 {
		t.Fatalf("Skipped = %+v", in.Skipped)
	}
	sk := in.Skipped[0]
	if got := src[sk.Start.Offset:sk.End.Offset]; got != "\nskipped() -> 1.\n" {
		t.Errorf("skipped text = %q", got)
	}
}

// TestPositions checks the position contract of expanded tokens: body
// tokens sit at the macro's name and carry the '?' in Macro, argument
// tokens keep their own positions, tokens of included files carry File.
func TestPositions(t *testing.T) {
	dir := writeTree(t, map[string]string{"h.hrl": "-define(P(X), {body, X}).\nfrom_hrl() -> ok.\n"})
	path := filepath.Join(dir, "m.erl")
	src := "-module(m).\n-include(\"h.hrl\").\nf() ->\n    ?P(arg).\n"
	res := Preprocess(NewConfig(), path, []byte(src))
	if len(res.Errors) > 0 {
		t.Fatal(errorList(res.Errors))
	}
	find := func(lit string) syntax.Token {
		for _, tk := range res.Tokens {
			if res.Texts.Lit(&tk) == lit {
				return tk
			}
		}
		t.Fatalf("no token %q", lit)
		return syntax.Token{}
	}
	q := syntax.Pos{Offset: int32(strings.Index(src, "?P")), Line: 4, Col: 5}
	body := find("body")
	if res.Texts.Macro(&body) != q || body.Pos.Line != 4 || body.Pos.Col != 6 || body.FileIdx != 0 {
		t.Errorf("body token = %+v, want Macro %v at the name 4:6", body, q)
	}
	arg := find("arg")
	if arg.MacroIdx != 0 || arg.Pos.Line != 4 || arg.Pos.Col != 8 {
		t.Errorf("argument token = %+v, want its own position 4:8 and no Macro", arg)
	}
	inc := find("from_hrl")
	if res.Texts.File(&inc) != filepath.Join(dir, "h.hrl") || inc.Pos.Line != 2 || inc.Pos.Col != 1 {
		t.Errorf("included token = %+v", inc)
	}
}

// TestParseFile goes through the parser: errors of both phases come back
// together, and doc comments reach the parser.
func TestParseFile(t *testing.T) {
	src := "-module(m).\n-export([f/0]).\n%% Says hello.\nf() -> ?UNDEF.\n%% Adds.\ng(A) -> A + .\n%% Doubles.\nh(X) -> 2 * X.\n"
	f, res := ParseFile(NewConfig(), "m.erl", []byte(src))
	got := errorList(res.Errors)
	if !strings.Contains(got, "m.erl:4:9: undefined macro 'UNDEF'") || !strings.Contains(got, "m.erl:6:13: syntax error before: '.'") {
		t.Errorf("errors:\n%s", got)
	}
	var doc string
	for _, fm := range f.Forms {
		if fn, ok := fm.(*syntax.Function); ok && fn.Name == "h" {
			doc = fn.Doc
		}
	}
	if doc != "Doubles." {
		t.Errorf("doc of h/1 = %q", doc)
	}
	if len(res.Comments) != 3 {
		t.Errorf("Comments = %d, want 3", len(res.Comments))
	}
}

// TestRunaway stops expansions that real epp loops on forever.
func TestRunaway(t *testing.T) {
	src := "-module(m).\n-define(F(X), ?X(X)).\nf() -> ?F(F).\n" +
		"-define(A0, x).\n-define(A1, ?A0 ?A0).\n-define(A2, ?A1 ?A1).\n-define(A3, ?A2 ?A2).\n" +
		"-define(A4, ?A3 ?A3).\n-define(A5, ?A4 ?A4).\n-define(A6, ?A5 ?A5).\n-define(A7, ?A6 ?A6).\n" +
		"-define(A8, ?A7 ?A7).\n-define(A9, ?A8 ?A8).\n-define(B0, ?A9 ?A9).\n-define(B1, ?B0 ?B0).\n" +
		"-define(B2, ?B1 ?B1).\n-define(B3, ?B2 ?B2).\n-define(B4, ?B3 ?B3).\n-define(B5, ?B4 ?B4).\n" +
		"-define(B6, ?B5 ?B5).\n-define(B7, ?B6 ?B6).\ng() -> ?B7.\n"
	res := Preprocess(NewConfig(), "m.erl", []byte(src))
	got := errorList(res.Errors)
	if strings.Count(got, "macro expansion too deep") != 2 {
		t.Errorf("errors:\n%s", got)
	}
}

func TestNilConfig(t *testing.T) {
	res := Preprocess(nil, "m.erl", []byte("-module(m).\nf() -> ?MODULE.\n"))
	if len(res.Errors) > 0 || !strings.Contains(text(res), "f ( ) -> m .") {
		t.Errorf("got %s / %s", text(res), errorList(res.Errors))
	}
}

func TestWithMaybeExpr(t *testing.T) {
	src := "-module(m).\n-if(?FEATURE_ENABLED(maybe_expr)).\nf() -> maybe ok end.\n-endif.\n"
	res := Preprocess(NewConfig().WithMaybeExpr(true), "m.erl", []byte(src))
	var kinds []syntax.Kind
	for _, tk := range res.Tokens {
		if res.Texts.Text(&tk) == "maybe" {
			kinds = append(kinds, tk.Kind)
		}
	}
	if len(kinds) != 1 || kinds[0] != syntax.MAYBE {
		t.Errorf("maybe tokens: %v, want one MAYBE keyword", kinds)
	}
	if res := Preprocess(NewConfig(), "m.erl", []byte(src)); strings.Contains(text(res), "maybe") {
		t.Errorf("maybe_expr is on by default:\n%s", text(res))
	}
}

// TestFileAttribute checks -file: ?FILE and ?LINE follow it, token
// positions do not, and Info.Remap gives erlc's view.
func TestFileAttribute(t *testing.T) {
	src := "-module(m).\n-file(\"gen.yrl\", 100).\nf() -> {?FILE, ?LINE}.\n"
	res := Preprocess(NewConfig(), "m.erl", []byte(src))
	if len(res.Errors) > 0 {
		t.Fatal(errorList(res.Errors))
	}
	if got := text(res); !strings.Contains(got, `f ( ) -> { "gen.yrl" , 101 } .`) {
		t.Errorf("got:\n%s", got)
	}
	var f syntax.Token
	for _, tk := range res.Tokens {
		if res.Texts.Lit(&tk) == "f" {
			f = tk
		}
	}
	if f.Pos.Line != 3 {
		t.Errorf("token f at line %d, want its real line 3", f.Pos.Line)
	}
	if name, line := res.Info.Remap("m.erl", f.Pos.Offset, f.Pos.Line); name != "gen.yrl" || line != 101 {
		t.Errorf("Remap = %s:%d, want gen.yrl:101", name, line)
	}
	if name, line := res.Info.Remap("m.erl", 0, 1); name != "m.erl" || line != 1 {
		t.Errorf("Remap before the attribute = %s:%d", name, line)
	}
}

func TestKeepBrokenForms(t *testing.T) {
	src := "-module(m).\n-export([f/1]).\nf(X) -> Y = X + 1, ?UNDEF(Y).\n"
	for _, keep := range []bool{false, true} {
		f, res := ParseFile(NewConfig().WithKeepBrokenForms(keep), "m.erl", []byte(src))
		if got := errorList(res.Errors); got != "m.erl:3:21: undefined macro 'UNDEF/1'" {
			t.Errorf("keep=%v: errors:\n%s", keep, got)
		}
		var fn *syntax.Function
		for _, fm := range f.Forms {
			if x, ok := fm.(*syntax.Function); ok {
				fn = x
			}
		}
		if keep != (fn != nil) {
			t.Errorf("keep=%v: function in tree = %v", keep, fn != nil)
		}
		if fn != nil && (fn.Name != "f" || fn.Arity != 1) {
			t.Errorf("kept function is %s/%d", fn.Name, fn.Arity)
		}
	}
}

// TestInPlaceOutput covers the output written over the input tokens: a
// -file attribute after consumed directives, macro bodies defined early
// and used after their -define's tokens were overwritten, and output that
// overtakes the input (a long expansion) partway.
func TestInPlaceOutput(t *testing.T) {
	src := "-module(m).\n-define(A, {a, b, c}).\n-define(B, x).\n-file(\"gen.yrl\", 10).\n" +
		"f() -> ?A.\n-define(LONG, [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20]).\n" +
		"g() -> {?LONG, ?LONG, ?LONG}.\nh() -> {?A, ?B, ?LINE}.\n"
	res := Preprocess(NewConfig(), "m.erl", []byte(src))
	if len(res.Errors) > 0 {
		t.Fatal(errorList(res.Errors))
	}
	long := "[ 1 , 2 , 3 , 4 , 5 , 6 , 7 , 8 , 9 , 10 , 11 , 12 , 13 , 14 , 15 , 16 , 17 , 18 , 19 , 20 ]"
	want := "- module ( m ) .\n- file ( \"gen.yrl\" , 10 ) .\nf ( ) -> { a , b , c } .\n" +
		"g ( ) -> { " + long + " , " + long + " , " + long + " } .\nh ( ) -> { { a , b , c } , x , 14 } .\n"
	if got := text(res); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if d := res.Info.Defines[0]; len(d.Body) != 7 || res.Texts.Lit(&d.Body[1]) != "a" {
		t.Errorf("body of A = %v", d.Body)
	}
}
