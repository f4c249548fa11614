package lsp

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/otpbox/otpbox/sandbox/erl/stdlib"
)

// The VM's embedded standard library (sandbox/erl/stdlib: lists, maps, ...,
// and the OTP behaviours) is part of every workspace, read-only, so that
// definition, hover, signature help and completion reach into it. Editors
// open files, not embedded data, so the modules are written out once to a
// directory named after their content hash; a new otpbox with other
// sources gets another directory.

// stdlibFiles returns the embedded modules by file name.
func stdlibFiles() (map[string][]byte, error) {
	out := map[string][]byte{}
	for _, src := range []struct {
		fsys fs.FS
		glob string
	}{{stdlib.FS, "*.erl"}, {stdlib.OTP, "otp/*.erl"}} {
		names, err := fs.Glob(src.fsys, src.glob)
		if err != nil {
			return nil, fmt.Errorf("listing the embedded stdlib: %w", err)
		}
		for _, n := range names {
			b, err := fs.ReadFile(src.fsys, n)
			if err != nil {
				return nil, fmt.Errorf("reading the embedded stdlib: %w", err)
			}
			out[filepath.Base(n)] = b
		}
	}
	return out, nil
}

// materializeStdlib writes the embedded modules under base (the user's
// cache directory when base is "") and returns their directory. Files are
// written to a temporary name and renamed, so two servers starting at once
// never see half a file.
func materializeStdlib(base string) (string, error) {
	files, err := stdlibFiles()
	if err != nil {
		return "", err
	}
	h := sha256.New()
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(h, "%s\x00%d\x00", n, len(files[n]))
		h.Write(files[n])
	}
	if base == "" {
		if base, err = os.UserCacheDir(); err != nil {
			base = os.TempDir()
		}
		base = filepath.Join(base, "otpbox")
	}
	dir := filepath.Join(base, "stdlib-"+hex.EncodeToString(h.Sum(nil))[:16])
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("creating the stdlib directory: %w", err)
	}
	for _, n := range names {
		p := filepath.Join(dir, n)
		if old, err := os.ReadFile(p); err == nil && string(old) == string(files[n]) {
			continue
		}
		tmp, err := os.CreateTemp(dir, n+".*")
		if err != nil {
			return "", fmt.Errorf("writing the stdlib: %w", err)
		}
		_, werr := tmp.Write(files[n])
		cerr := tmp.Close()
		if werr != nil || cerr != nil {
			os.Remove(tmp.Name())
			return "", fmt.Errorf("writing %s: %w", p, errors.Join(werr, cerr))
		}
		os.Chmod(tmp.Name(), 0o444) // read-only: edits belong in the workspace
		if err := os.Rename(tmp.Name(), p); err != nil {
			return "", fmt.Errorf("writing %s: %w", p, err)
		}
	}
	return dir, nil
}

// inDir reports whether path is inside dir.
func inDir(dir, path string) bool {
	if dir == "" {
		return false
	}
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
