package testenv

import (
	"path/filepath"
	"sort"
	"testing"
)

// OTPLibDir is where Debian's erlang packages install OTP's applications.
const OTPLibDir = "/usr/lib/erlang/lib"

// OTPSources returns the .erl files of the named OTP applications' sources
// (Debian's erlang-src), sorted, or ends the test through Missing when
// none is installed.
func OTPSources(t testing.TB, apps ...string) []string {
	t.Helper()
	var files []string
	for _, app := range apps {
		fs, _ := filepath.Glob(filepath.Join(OTPLibDir, app+"-*", "src", "*.erl"))
		files = append(files, fs...)
	}
	if len(files) == 0 {
		Missing(t, "OTP sources of %v (Debian package erlang-src) not found under %s", apps, OTPLibDir)
	}
	sort.Strings(files)
	return files
}

// OTPIncludeDirs gives the include directories OTP's own build passes to
// erlc for one of its source files: the application's include directory
// and kernel's (stdlib's Makefile adds -I ../../kernel/include). The lib
// root for -include_lib is OTPLibDir.
func OTPIncludeDirs(file string) []string {
	appDir := filepath.Dir(filepath.Dir(file))
	kernel, _ := filepath.Glob(filepath.Join(OTPLibDir, "kernel-*", "include"))
	return append([]string{filepath.Join(appDir, "include")}, kernel...)
}
