// Package epp is the Erlang preprocessor: it turns the scanner's tokens into
// the token stream the parser reads, as OTP's epp module does. It handles
// -define/-undef (constants and macros with arguments, overloaded by arity),
// the conditionals -ifdef/-ifndef/-if/-elif/-else/-endif, -include and
// -include_lib, -error/-warning, -feature(maybe_expr, ...), the predefined
// macros (?MODULE, ?LINE, ?FUNCTION_NAME ...) and ??Arg stringification.
//
// Besides the tokens it returns what editor tools need and the parser cannot
// see: every macro definition and use, every include and the ranges that
// false conditionals skipped.
package epp

import (
	"maps"
	"os"
	"slices"
)

// Config says where include files are found and which macros are predefined.
// It is immutable: every With method returns a modified copy, so one Config
// can be shared by concurrent preprocessing runs.
type Config struct {
	includeDirs []string
	libDirs     []string
	defines     map[string]string
	readFile    func(path string) ([]byte, error)
	otpRelease  int
	maybeExpr   bool
	keepBroken  bool
}

// NewConfig returns the default configuration: no include or library
// directories, no user macros, files read with os.ReadFile, and ?OTP_RELEASE
// 25.
func NewConfig() *Config {
	return &Config{readFile: os.ReadFile, otpRelease: 25}
}

func (c *Config) clone() *Config {
	n := *c
	n.includeDirs = slices.Clone(c.includeDirs)
	n.libDirs = slices.Clone(c.libDirs)
	n.defines = maps.Clone(c.defines)
	return &n
}

// WithIncludeDirs returns a copy of c that also searches dirs, in order, for
// -include files (erlc's -I). -include_lib("app/include/x.hrl") is resolved
// under these directories too, both as DIR/app/include/x.hrl and as
// DIR/app-VSN/include/x.hrl.
func (c *Config) WithIncludeDirs(dirs ...string) *Config {
	n := c.clone()
	n.includeDirs = append(n.includeDirs, dirs...)
	return n
}

// WithLibDirs returns a copy of c that resolves -include_lib("app/...")
// under each of dirs, as code:lib_dir/1 and ERL_LIBS do: DIR/app/... or
// DIR/app-VSN/... (the highest version when several are installed). For a
// standard installation the directory is OTP's lib directory, such as
// /usr/lib/erlang/lib.
func (c *Config) WithLibDirs(dirs ...string) *Config {
	n := c.clone()
	n.libDirs = append(n.libDirs, dirs...)
	return n
}

// WithDefines returns a copy of c with the given macros predefined, as
// erlc's -DNAME=VALUE. A value is Erlang source text ("42", "{a,b}"); an
// empty value means the atom true, as -DNAME does.
func (c *Config) WithDefines(defs map[string]string) *Config {
	n := c.clone()
	if n.defines == nil {
		n.defines = make(map[string]string, len(defs))
	}
	maps.Copy(n.defines, defs)
	return n
}

// WithDefine returns a copy of c with one more predefined macro; see
// WithDefines.
func (c *Config) WithDefine(name, value string) *Config {
	return c.WithDefines(map[string]string{name: value})
}

// WithFileReader returns a copy of c that reads include files with fn
// instead of os.ReadFile. The language server passes a reader that returns
// the unsaved contents of open editor buffers. fn must return an error for a
// file that does not exist, so that the search moves on to the next
// directory.
func (c *Config) WithFileReader(fn func(path string) ([]byte, error)) *Config {
	n := c.clone()
	n.readFile = fn
	return n
}

// WithOTPRelease returns a copy of c whose ?OTP_RELEASE is release.
func (c *Config) WithOTPRelease(release int) *Config {
	n := c.clone()
	n.otpRelease = release
	return n
}

// WithMaybeExpr returns a copy of c that starts every file with the
// maybe_expr feature enabled, as erlc's +'{feature,maybe_expr,enable}'
// does; -feature(maybe_expr, disable) in a file still turns it off.
func (c *Config) WithMaybeExpr(on bool) *Config {
	n := c.clone()
	n.maybeExpr = on
	return n
}

// WithKeepBrokenForms returns a copy of c that keeps a form whose macro
// expansion fails, instead of leaving it out as epp (and so erlc) does:
// the form is cut at the failing macro use, which becomes an ILLEGAL
// token, so the parser still builds the part before it (without a second
// error). An editor wants this, so that a function does not vanish from
// the outline while a macro name is being typed; erlc-compatible checks
// do not, since erlc then reports the function as undefined.
func (c *Config) WithKeepBrokenForms(on bool) *Config {
	n := c.clone()
	n.keepBroken = on
	return n
}
