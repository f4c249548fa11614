package stdlib

import (
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/epp"
	"github.com/otpbox/otpbox/sandbox/erl/sema"
	"github.com/otpbox/otpbox/sandbox/erl/syntax"
)

// TestModulesParse checks every embedded module with the front end: it
// parses without errors, declares the module its file is named after, and
// defines every function it exports.
func TestModulesParse(t *testing.T) {
	names, err := fs.Glob(FS, "*.erl")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"lists.erl", "maps.erl", "proplists.erl", "string.erl", "unicode.erl", "io_lib.erl"} {
		if !slices.Contains(names, want) {
			t.Errorf("FS lacks %s", want)
		}
	}
	for _, name := range names {
		src, err := FS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, errs := syntax.ParseFile(name, src)
		for _, e := range errs {
			t.Errorf("%s: %v", name, e)
		}
		module := ""
		defined := map[string]bool{}
		var exported []string
		for _, form := range f.Forms {
			switch x := form.(type) {
			case *syntax.ModuleAttr:
				module = x.Name.Name
			case *syntax.ExportAttr:
				if !x.Type {
					for _, na := range x.Funcs {
						exported = append(exported, na.Name.Name+"/"+na.Arity.Text)
					}
				}
			case *syntax.Function:
				defined[x.Name+"/"+strconv.Itoa(x.Arity)] = true
			}
		}
		if module+".erl" != name {
			t.Errorf("%s declares module %q", name, module)
		}
		for _, e := range exported {
			if !defined[e] {
				t.Errorf("%s exports %s but does not define it", name, e)
			}
		}
		if len(exported) < 5 {
			t.Errorf("%s exports only %v", name, exported)
		}
	}
}

// TestModulesLint runs the front end's erl_lint-style checks on every
// module: like erlc (which compiles them warning-free in
// testdata/compare.sh), it must find nothing to complain about.
func TestModulesLint(t *testing.T) {
	names, err := fs.Glob(FS, "*.erl")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		src, err := FS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		r := sema.CheckSource(epp.NewConfig(), name, src, sema.Options{}, false)
		for _, d := range r.Diagnostics {
			t.Errorf("%s:%d:%d: %s: %s", name, d.Pos.Line, d.Pos.Col, d.Code, d.Message)
		}
	}
}

// TestBIFs checks that BIFs names exactly the functions whose body is
// erlang:nif_error(undef).
func TestBIFs(t *testing.T) {
	names, err := fs.Glob(FS, "*.erl")
	if err != nil {
		t.Fatal(err)
	}
	var stubs []string
	for _, name := range names {
		src, err := FS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, _ := syntax.ParseFile(name, src)
		module := strings.TrimSuffix(name, ".erl")
		for _, form := range f.Forms {
			fn, ok := form.(*syntax.Function)
			if ok && len(fn.Clauses) == 1 && isNifError(fn.Clauses[0].Body) {
				stubs = append(stubs, module+":"+fn.Name+"/"+strconv.Itoa(fn.Arity))
			}
		}
	}
	slices.Sort(stubs)
	want := slices.Clone(BIFs)
	slices.Sort(want)
	if !slices.Equal(stubs, want) {
		t.Errorf("stub functions in the modules:\n%v\nBIFs says:\n%v", stubs, want)
	}
}

func isNifError(body []syntax.Expr) bool {
	if len(body) != 1 {
		return false
	}
	call, ok := body[0].(*syntax.Call)
	if !ok {
		return false
	}
	r, ok := call.Fun.(*syntax.Remote)
	if !ok {
		return false
	}
	m, ok1 := r.Module.(*syntax.Atom)
	n, ok2 := r.Name.(*syntax.Atom)
	return ok1 && ok2 && m.Name == "erlang" && n.Name == "nif_error"
}
