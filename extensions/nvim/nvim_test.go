// Package nvim_test runs Neovim, headless, as a real LSP client of "otpbox
// lsp": the end-to-end check that an editor which was not written with
// this server in mind can talk to it. The editor side is lsp_check.lua.
package nvim_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/otpbox/otpbox/internal/testenv"
)

// module is the file the editor opens. The emoji before the unbound
// variable is two UTF-16 code units and four UTF-8 bytes, so a server that
// miscounts columns puts the error in the wrong place.
const module = `-module(demo).
-export([greet/1, hello/0, main/0]).

%% Greets someone.
-spec greet(string()) -> string().
greet(Name) -> "😀" ++ Who.

hello() -> greet("x").

main() -> hello().
`

// greetLine is the 0-based line of greet's clause, callLine that of the
// call to it, where the editor asks for its definition and hover.
const (
	greetLine = 5
	callLine  = 7
	mainLine  = 9
)

// editAt and editText make the body use Name: the edit inserts text before
// "Who." on greet's line, after the emoji, so the client sends an
// incremental change whose position depends on the encoding.
const (
	editAt   = "Who."
	editText = "Name ++ "
)

type editorResult struct {
	OffsetEncoding string          `json:"offset_encoding"`
	Capabilities   json.RawMessage `json:"capabilities"`
	Steps          [][]struct {
		Lnum     int    `json:"lnum"`
		Col      int    `json:"col"`
		Severity int    `json:"severity"`
		Message  string `json:"message"`
	} `json:"steps"`
	Text       string      `json:"text"`
	Symbols    []lspSymbol `json:"symbols"`
	Definition []struct {
		URI   string `json:"uri"`
		Range struct {
			Start struct {
				Line      int `json:"line"`
				Character int `json:"character"`
			} `json:"start"`
		} `json:"range"`
	} `json:"definition"`
	Hover struct {
		Contents json.RawMessage `json:"contents"`
	} `json:"hover"`
	Completion []string `json:"completion"`
	Lenses     []struct {
		Line    int    `json:"line"`
		Title   string `json:"title"`
		Command string `json:"command"`
	} `json:"lenses"`
	References []struct {
		Range struct {
			Start struct {
				Line      int `json:"line"`
				Character int `json:"character"`
			} `json:"start"`
		} `json:"range"`
	} `json:"references"`
	Rename struct {
		Changes map[string][]struct {
			NewText string `json:"newText"`
		} `json:"changes"`
	} `json:"rename"`
}

// lspSymbol is the part of an LSP DocumentSymbol the test checks.
type lspSymbol struct {
	Name  string `json:"name"`
	Kind  int    `json:"kind"`
	Range struct {
		Start struct {
			Line int `json:"line"`
		} `json:"start"`
	} `json:"range"`
	Children []lspSymbol `json:"children"`
}

func TestNeovimClient(t *testing.T) {
	nvim := testenv.LookPath(t, "nvim")
	dir := t.TempDir()
	bin := buildOtpbox(t, dir)
	root := filepath.Join(dir, "ws")
	file := filepath.Join(root, "src", "demo.erl")
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(module), 0o644); err != nil {
		t.Fatal(err)
	}
	script, err := filepath.Abs("lsp_check.lua")
	if err != nil {
		t.Fatal(err)
	}
	readInputs(t, script)
	callAt := strings.Index(strings.Split(module, "\n")[callLine], "greet(")
	var res editorResult
	data := runNvim(t, nvim, dir, []string{"-c", "luafile " + script}, []string{
		"OTPBOX_BIN=" + bin,
		"OTPBOX_ROOT=" + root,
		"OTPBOX_FILE=" + file,
		"OTPBOX_EDIT_LINE=" + strconv.Itoa(greetLine),
		"OTPBOX_CALL_LINE=" + strconv.Itoa(callLine),
		"OTPBOX_CALL_CHAR=" + strconv.Itoa(callAt+1),
		"OTPBOX_COMPLETE_CHAR=" + strconv.Itoa(callAt+len("gre")),
		"OTPBOX_EDIT_AT=" + editAt,
		"OTPBOX_EDIT_TEXT=" + editText,
	}, &res)
	if res.OffsetEncoding != "utf-16" {
		t.Errorf("offset encoding %q, want utf-16 (Neovim 0.7 offers no other)", res.OffsetEncoding)
	}
	if len(res.Steps) != 2 {
		t.Fatalf("want 2 steps of diagnostics, got %s", data)
	}

	// After opening: Who is unbound and Name unused, each where the
	// editor's own (byte) columns say.
	lines := strings.Split(module, "\n")
	want := map[string]int{
		"variable 'Who' is unbound": strings.Index(lines[greetLine], "Who"),
		"variable 'Name' is unused": strings.Index(lines[greetLine], "Name"),
	}
	for _, d := range res.Steps[0] {
		col, ok := want[d.Message]
		if !ok {
			t.Errorf("after open: unexpected diagnostic %d:%d %q", d.Lnum, d.Col, d.Message)
			continue
		}
		if d.Lnum != greetLine || d.Col != col {
			t.Errorf("after open: %q at %d:%d, want %d:%d", d.Message, d.Lnum, d.Col, greetLine, col)
		}
		delete(want, d.Message)
	}
	for msg := range want {
		t.Errorf("after open: missing diagnostic %q; got %+v", msg, res.Steps[0])
	}

	// The outline: the module, with greet/1 under it at its line.
	var outline []string
	var walk func(prefix string, ss []lspSymbol)
	walk = func(prefix string, ss []lspSymbol) {
		for _, s := range ss {
			outline = append(outline, fmt.Sprintf("%s%s kind %d line %d", prefix, s.Name, s.Kind, s.Range.Start.Line))
			walk(prefix+s.Name+" > ", s.Children)
		}
	}
	walk("", res.Symbols)
	for _, want := range []string{"demo kind 2 line 0", fmt.Sprintf("demo > greet/1 kind 12 line %d", greetLine)} {
		if !slices.Contains(outline, want) {
			t.Errorf("outline lacks %q; it is:\n%s", want, strings.Join(outline, "\n"))
		}
	}

	// Definition of the call: greet's clause, in the same file. (Neovim
	// 0.7 shows a Location as a one-element list; the script normalises.)
	fileURI := "file://" + filepath.ToSlash(file)
	if len(res.Definition) != 1 || res.Definition[0].URI != fileURI || res.Definition[0].Range.Start.Line != greetLine {
		t.Errorf("definition of greet on line %d: %+v, want %s line %d", callLine, res.Definition, fileURI, greetLine)
	}

	// Hover on the call: the -spec and the %% comment.
	var hover string
	var markup struct{ Value string }
	if json.Unmarshal(res.Hover.Contents, &markup) == nil && markup.Value != "" {
		hover = markup.Value
	} else {
		hover = string(res.Hover.Contents)
	}
	for _, want := range []string{"greet(string()) -> string()", "Greets someone."} {
		if !strings.Contains(hover, want) {
			t.Errorf("hover on greet lacks %q; it is:\n%s", want, hover)
		}
	}

	// Completion after "gre" in the call offers greet/1.
	if !slices.Contains(res.Completion, "greet/1") {
		t.Errorf("completion after \"gre\" lacks greet/1; it offers %q", res.Completion)
	}

	// Code lenses: Run and Debug above main/0.
	var lenses []string
	for _, l := range res.Lenses {
		lenses = append(lenses, fmt.Sprintf("%d %s %s", l.Line, l.Title, l.Command))
	}
	for _, want := range []string{fmt.Sprintf("%d ▶ Run otpbox.run", mainLine), fmt.Sprintf("%d Debug otpbox.debug", mainLine)} {
		if !slices.Contains(lenses, want) {
			t.Errorf("code lenses lack %q; they are %q", want, lenses)
		}
	}

	// References to greet/1: the export entry, the -spec, the clause and
	// the call; rename edits the same four places.
	var refLines []int
	for _, r := range res.References {
		refLines = append(refLines, r.Range.Start.Line)
	}
	slices.Sort(refLines)
	if !slices.Equal(refLines, []int{1, greetLine - 1, greetLine, callLine}) {
		t.Errorf("references to greet on lines %v, want [1 %d %d %d]", refLines, greetLine-1, greetLine, callLine)
	}
	if edits := res.Rename.Changes[fileURI]; len(edits) != 4 || edits[0].NewText != "salute" {
		t.Errorf("rename of greet: %+v, want 4 edits to salute", res.Rename.Changes)
	}

	// After the edit Name is used and only Who, moved right, is reported:
	// the server saw exactly the editor's text, which it only can if it
	// applied the incremental change at the right column.
	wantText := strings.Replace(module, editAt, editText+editAt, 1)
	if res.Text+"\n" != wantText {
		t.Fatalf("editor text after the edit:\n%s\nwant:\n%s", res.Text, wantText)
	}
	edited := strings.Split(wantText, "\n")[greetLine]
	var got []string
	for _, d := range res.Steps[1] {
		got = append(got, fmt.Sprintf("%d:%d %s", d.Lnum, d.Col, d.Message))
	}
	wantAfter := []string{fmt.Sprintf("%d:%d variable 'Who' is unbound", greetLine, strings.Index(edited, "Who"))}
	if strings.Join(got, "\n") != strings.Join(wantAfter, "\n") {
		t.Errorf("after the edit, diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantAfter, "\n"))
	}
}

// buildOtpbox builds the otpbox binary into dir: the editor starts it as
// its language server.
func buildOtpbox(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "otpbox")
	build := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-o", bin, "github.com/otpbox/otpbox/cmd/otpbox")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building otpbox: %v\n%s", err, out)
	}
	return bin
}

// isolatedXDG keeps the user's Neovim configuration, plugins and state
// out of the editor the test runs.
func isolatedXDG(dir string) []string {
	return []string{
		"XDG_CONFIG_HOME=" + filepath.Join(dir, "config"),
		"XDG_DATA_HOME=" + filepath.Join(dir, "data"),
		"XDG_STATE_HOME=" + filepath.Join(dir, "state"),
		"XDG_CACHE_HOME=" + filepath.Join(dir, "cache"),
	}
}

// runNvim runs a headless Neovim with args (one of the check scripts) in
// dir, with env added and OTPBOX_RESULT naming the file the script writes
// its JSON to, and decodes that into res; it returns the JSON for error
// messages. A script that reported an error fails the test.
func runNvim(t *testing.T, nvim, dir string, args, env []string, res any) []byte {
	t.Helper()
	resultFile := filepath.Join(t.TempDir(), "result.json")
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, nvim, append([]string{"--headless", "--clean", "-n", "-i", "NONE"}, args...)...)
	cmd.Env = append(append(os.Environ(), env...), "OTPBOX_RESULT="+resultFile)
	cmd.Env = append(cmd.Env, isolatedXDG(dir)...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("nvim: %v\n%s", err, out)
	}
	data, err := os.ReadFile(resultFile)
	if err != nil {
		t.Fatalf("nvim wrote no result: %v", err)
	}
	var failed struct {
		Error string `json:"error"`
	}
	if err := json.Unmarshal(data, &failed); err != nil {
		t.Fatalf("bad result %s: %v", data, err)
	}
	if failed.Error != "" {
		t.Fatalf("the editor script failed: %s\nresult: %s", failed.Error, data)
	}
	if err := json.Unmarshal(data, res); err != nil {
		t.Fatalf("bad result %s: %v", data, err)
	}
	return data
}

// readInputs reads the Lua files Neovim will load: only files the test
// process itself opens enter go test's cache key, so without this an edit
// to the plugin or a script would be answered from the cache.
func readInputs(t *testing.T, paths ...string) {
	t.Helper()
	for _, p := range paths {
		if _, err := os.ReadFile(p); err != nil {
			t.Fatalf("reading %s: %v", p, err)
		}
	}
}
