package epp

import (
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/syntax"
)

// noDisk is a file reader with nothing on it, so eunit.hrl must come from
// the embedded copy.
func noDisk(string) ([]byte, error) { return nil, fs.ErrNotExist }

const eunitModule = `-module(m).
-include_lib("eunit/include/eunit.hrl").
-export([f/0]).
f() -> 1.
a_test() -> ?assertEqual(2, f()).
b_test_() -> [?_assert(f() =:= 1), ?_assertError(badarith, 1 / zero())].
c_exported_() -> ok.
helper(X) -> ?assertMatch({ok, _}, X).
zero() -> 0.
`

func TestEmbeddedEunit(t *testing.T) {
	cfg := NewConfig().WithFileReader(noDisk)
	f, res := ParseFile(cfg, "m.erl", []byte(eunitModule))
	if len(res.Errors) > 0 {
		t.Fatalf("errors:\n%s", errorList(res.Errors))
	}
	if inc := res.Info.Includes; len(inc) != 1 || inc[0].Path != EmbeddedEunitPath {
		t.Fatalf("Includes = %+v", inc)
	}
	if !res.Info.EunitAutoExport {
		t.Error("EunitAutoExport not set")
	}
	got := text(res)
	lines := strings.Split(got, "\n")
	if lines[0] != "- module ( m ) ." || lines[1] != "- export ( [ test / 0 , a_test / 0 , b_test_ / 0 , c_exported_ / 0 ] ) ." {
		t.Errorf("auto-export not right after -module:\n%s", strings.Join(lines[:3], "\n"))
	}
	if !strings.HasSuffix(got, "test ( ) -> eunit : test ( m ) .\n") {
		t.Errorf("test/0 not appended; output ends with:\n%s", got[max(0, len(got)-200):])
	}
	// The error term of assertEqual, with the expression as epp
	// stringifies it and the line of the use.
	for _, want := range []string{
		"erlang : error ( { assertEqual , [ { module , m } , { line , 5 } ] ++ [ ] ++ [ { expression , ( \"f ( )\" ) } , { expected , EUnit__Want } , { value , EUnit__Got } ] } )",
		"{ 6 , fun ( ) -> ( begin ( ( fun ( ) -> case ( f ( ) =:= 1 ) of true -> ok ;",
		"{ expression , ( \"1 / zero ( )\" ) } , { pattern , \"{ \" ++ ( \"error\" ) ++ \" , \" ++ ( \"badarith\" ) ++ \" , [...] }\" }",
		"erlang : error ( { assertMatch , [ { module , m } , { line , 8 } ] ++ [ ] ++ [ { expression , ( \"X\" ) } , { pattern , ( \"{ ok , _ }\" ) } , { value , EUnit__Got } ] } )",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("expansion lacks %q", want)
		}
	}
	names := map[string]bool{}
	for _, fm := range f.Forms {
		if fn, ok := fm.(*syntax.Function); ok {
			names[fn.Name] = true
		}
	}
	if !names["test"] || !names["a_test"] {
		t.Errorf("functions parsed: %v", names)
	}
}

func TestEunitSwitches(t *testing.T) {
	cfg := NewConfig().WithFileReader(noDisk)
	for _, c := range []struct {
		name, defines string
		auto          bool
		want          string
	}{
		{"NOTEST", "-define(NOTEST, true).\n", false, "a_test ( ) -> begin"},
		{"EUNIT_NOAUTO", "-define(EUNIT_NOAUTO, true).\n", false, "a_test ( ) -> begin"},
		{"NOASSERT", "-define(NOASSERT, true).\n-define(NOTEST, true).\n", false, "a_test ( ) -> ok ."},
		{"NODEBUG", "-define(NODEBUG, true).\n-define(NOTEST, true).\n", false, "a_test ( ) -> ok ."},
		{"NODEBUG but TEST", "-define(NODEBUG, true).\n-define(TEST, true).\n", true, "a_test ( ) -> begin"},
	} {
		src := strings.Replace(eunitModule, "-include_lib", c.defines+"-include_lib", 1)
		res := Preprocess(cfg, "m.erl", []byte(src))
		if len(res.Errors) > 0 {
			t.Errorf("%s: errors:\n%s", c.name, errorList(res.Errors))
			continue
		}
		if res.Info.EunitAutoExport != c.auto {
			t.Errorf("%s: EunitAutoExport = %v", c.name, res.Info.EunitAutoExport)
		}
		if got := text(res); !strings.Contains(got, c.want) {
			t.Errorf("%s: no %q in:\n%s", c.name, c.want, got)
		}
	}
}

// TestEunitOnDisk uses OTP's own eunit.hrl when it is installed: the
// auto-export works with it too, and the macros expand without error.
func TestEunitOnDisk(t *testing.T) {
	if _, err := os.Stat(otpLibDir); err != nil {
		t.Skipf("no OTP installation at %s; the embedded header is tested without it", otpLibDir)
	}
	res := Preprocess(NewConfig().WithLibDirs(otpLibDir), "m.erl", []byte(eunitModule))
	if len(res.Errors) > 0 {
		t.Fatalf("errors:\n%s", errorList(res.Errors))
	}
	if inc := res.Info.Includes; len(inc) < 2 || !strings.HasPrefix(inc[0].Path, otpLibDir) {
		t.Fatalf("Includes = %+v", inc)
	}
	if !res.Info.EunitAutoExport || !strings.Contains(text(res), "- export ( [ test / 0 , a_test / 0") {
		t.Errorf("no auto-export with the real header")
	}
}
