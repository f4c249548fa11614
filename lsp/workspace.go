package lsp

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/otpbox/otpbox/sandbox/erl/epp"
	"github.com/otpbox/otpbox/sandbox/erl/sema"
)

// workspace indexes the Erlang sources under the root folders: which file
// defines which module and what each exports (sema.Index), for the features
// that look across modules and for behaviours defined in the workspace.
type workspace struct {
	log    *slog.Logger
	otpLib string
	docs   *store
	index  *sema.Index

	mu          sync.Mutex
	roots       []string
	files       []string // every .erl and .hrl found, sorted
	includeDirs []string // every include/ directory, sorted
	// stdlibDir holds the embedded stdlib's modules, indexed read-only
	// ("" until the first scan, or when they could not be written).
	stdlibDir  string
	stdlibBase string
	ready      chan struct{}
	readyOnce  sync.Once
}

func newWorkspace(log *slog.Logger, otpLib, stdlibBase string, docs *store) *workspace {
	return &workspace{log: log, otpLib: otpLib, stdlibBase: stdlibBase, docs: docs, index: sema.NewIndex(), ready: make(chan struct{})}
}

func (w *workspace) setRoots(roots []string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.roots = roots
}

func isErlangFile(path string) bool {
	ext := filepath.Ext(path)
	return ext == ".erl" || ext == ".hrl"
}

// skipDir reports directories that hold no sources of the workspace's own:
// rebar3's build output, version control and editor state.
func skipDir(name string) bool {
	return name == "_build" || name == "node_modules" || (strings.HasPrefix(name, ".") && name != ".")
}

// findFiles walks the roots for .erl and .hrl files. It finds rebar3's
// layouts (src/, include/, test/, apps/*/...) because it takes every
// directory, not a fixed list.
func findFiles(roots []string) (files, includeDirs []string) {
	seenInc := map[string]bool{}
	for _, root := range roots {
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil // an unreadable directory is skipped, not fatal
			}
			if d.IsDir() {
				if path != root && skipDir(d.Name()) {
					return filepath.SkipDir
				}
				if d.Name() == "include" && !seenInc[path] {
					seenInc[path] = true
					includeDirs = append(includeDirs, path)
				}
				return nil
			}
			if isErlangFile(path) {
				files = append(files, path)
			}
			return nil
		})
	}
	sort.Strings(files)
	sort.Strings(includeDirs)
	return files, includeDirs
}

// scan indexes every module under the roots, then marks the index ready.
func (w *workspace) scan() {
	defer w.readyOnce.Do(func() { close(w.ready) })
	w.mu.Lock()
	roots := w.roots
	w.mu.Unlock()
	files, incs := findFiles(roots)
	stdDir, err := materializeStdlib(w.stdlibBase)
	if err != nil {
		w.log.Warn("lsp: the embedded stdlib is not indexed", "err", err)
	}
	var std []string
	if stdDir != "" {
		std, _ = findFiles([]string{stdDir})
	}
	w.mu.Lock()
	w.files, w.includeDirs, w.stdlibDir = files, incs, stdDir
	w.mu.Unlock()
	// A workspace module shadows the stdlib's module of the same name
	// (the index would otherwise pick by path order).
	own := map[string]bool{}
	for _, f := range files {
		own[filepath.Base(f)] = true
	}
	for _, f := range std {
		if !own[filepath.Base(f)] {
			w.reindex(f)
		}
	}
	for _, f := range files {
		if filepath.Ext(f) == ".erl" {
			w.reindex(f)
		}
	}
	w.log.Info("lsp: workspace indexed", "roots", roots, "files", len(files), "modules", len(w.index.Modules()))
}

// config is the preprocessor configuration for the file at path: its own
// directory, its application's include/ directory and every include/
// directory of the workspace are searched, -include_lib also under the
// workspace's application directories and OTP's lib, and open documents
// are read from the editor rather than the disk.
func (w *workspace) config(path string) *epp.Config {
	w.mu.Lock()
	dirs := []string{filepath.Dir(path), filepath.Join(filepath.Dir(filepath.Dir(path)), "include")}
	dirs = append(dirs, w.includeDirs...)
	var libs []string
	for _, r := range w.roots {
		libs = append(libs, filepath.Join(r, "apps"), filepath.Join(r, "_build", "default", "lib"), filepath.Dir(r))
	}
	w.mu.Unlock()
	if w.otpLib != "" {
		libs = append(libs, w.otpLib)
	}
	return epp.NewConfig().WithIncludeDirs(dirs...).WithLibDirs(libs...).WithFileReader(func(p string) ([]byte, error) {
		if d := w.docs.byPath(p); d != nil {
			return []byte(d.Text), nil
		}
		return os.ReadFile(p)
	})
}

// check runs the front end on one file's text.
func (w *workspace) check(path string, src []byte, cache *sema.Cache) *sema.Result {
	return sema.CheckSource(w.config(path), path, src, sema.Options{Behaviour: w.behaviour, Cache: cache}, false)
}

// behaviour finds a behaviour defined in the workspace. The embedded
// stdlib's gen_server and friends are left to sema's built-in knowledge
// of OTP's behaviours, which follows OTP's own optional callbacks.
func (w *workspace) behaviour(name string) (sema.BehaviourInfo, bool) {
	m := w.index.Module(name)
	w.mu.Lock()
	std := w.stdlibDir
	w.mu.Unlock()
	if m == nil || inDir(std, m.File) {
		return sema.BehaviourInfo{}, false
	}
	return m.BehaviourInfo()
}

// reindex re-reads a module from disk (or the editor) into the index.
func (w *workspace) reindex(path string) {
	if filepath.Ext(path) != ".erl" {
		return
	}
	src, err := os.ReadFile(path)
	if d := w.docs.byPath(path); d != nil {
		src, err = []byte(d.Text), nil
	}
	if err != nil {
		w.index.Remove(path)
		return
	}
	if r := w.check(path, src, nil); r.Module != nil {
		w.index.Update(path, r.Module)
	}
}

func (w *workspace) remove(path string) { w.index.Remove(path) }

// addFile records a file created under the roots; a header in a new
// include/ directory makes that directory an include directory.
func (w *workspace) addFile(path string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if i, found := slices.BinarySearch(w.files, path); !found {
		w.files = slices.Insert(w.files, i, path)
	}
	if dir := filepath.Dir(path); filepath.Base(dir) == "include" {
		if i, found := slices.BinarySearch(w.includeDirs, dir); !found {
			w.includeDirs = slices.Insert(w.includeDirs, i, dir)
		}
	}
}

// removeFile forgets a deleted file.
func (w *workspace) removeFile(path string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if i, found := slices.BinarySearch(w.files, path); found {
		w.files = slices.Delete(w.files, i, i+1)
	}
}

// wait blocks until the first scan is done, for features that look across
// modules.
func (w *workspace) wait(ctx context.Context) error {
	select {
	case <-w.ready:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("waiting for the workspace index: %w", ctx.Err())
	}
}
