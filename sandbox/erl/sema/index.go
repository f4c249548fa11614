package sema

import (
	"sort"
	"sync"
)

// Index is the workspace's view of its modules: which file defines which
// module, and what each module defines and exports. The language server
// keeps one and updates it file by file as the user edits; an update
// replaces one file's entry and costs a few map operations, so it can run
// on every keystroke. It is safe for concurrent use.
type Index struct {
	mu      sync.RWMutex
	files   map[string]*Module   // path -> module checked from it
	modules map[string][]*Module // module name -> modules of that name, by path
}

// NewIndex returns an empty index.
func NewIndex() *Index {
	return &Index{files: map[string]*Module{}, modules: map[string][]*Module{}}
}

// Update records the module checked from path, replacing what the index
// held for that file. A module without a name is recorded for the file
// but found by no name.
func (ix *Index) Update(path string, m *Module) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.removeLocked(path)
	ix.files[path] = m
	if m.Name == "" {
		return
	}
	list := append(ix.modules[m.Name], m)
	sort.Slice(list, func(i, j int) bool { return list[i].File < list[j].File })
	ix.modules[m.Name] = list
}

// Remove forgets the file at path.
func (ix *Index) Remove(path string) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.removeLocked(path)
}

func (ix *Index) removeLocked(path string) {
	old := ix.files[path]
	if old == nil {
		return
	}
	delete(ix.files, path)
	list := ix.modules[old.Name]
	for i, m := range list {
		if m == old {
			list = append(list[:i:i], list[i+1:]...)
			break
		}
	}
	if len(list) == 0 {
		delete(ix.modules, old.Name)
	} else {
		ix.modules[old.Name] = list
	}
}

// File returns the module checked from path, or nil.
func (ix *Index) File(path string) *Module {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.files[path]
}

// Module returns the module called name, or nil. When several files
// define it (a copy in a test directory, say), the one with the smallest
// path wins, so that the answer does not depend on the order of updates.
func (ix *Index) Module(name string) *Module {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if list := ix.modules[name]; len(list) > 0 {
		return list[0]
	}
	return nil
}

// Modules returns the names of all indexed modules, sorted.
func (ix *Index) Modules() []string {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	names := make([]string, 0, len(ix.modules))
	for n := range ix.modules {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Exports returns the functions module exports, sorted; ok is false when
// the module is not in the index.
func (ix *Index) Exports(module string) (fns []FA, ok bool) {
	m := ix.Module(module)
	if m == nil {
		return nil, false
	}
	if m.ExportAll {
		for _, f := range m.Functions {
			fns = append(fns, f.FA)
		}
	} else {
		for fa := range m.Exports {
			fns = append(fns, fa)
		}
	}
	sortFAs(fns)
	return fns, true
}

// Definition finds module:name/arity for go-to-definition; exported
// reports whether other modules may call it.
func (ix *Index) Definition(module, name string, arity int) (fn *Function, exported bool) {
	m := ix.Module(module)
	if m == nil {
		return nil, false
	}
	fn = m.Function(name, arity)
	return fn, fn != nil && m.IsExported(name, arity)
}

// Behaviour returns the behaviour that a workspace module of that name
// defines with -callback attributes. Options.Behaviour takes it, so that
// modules implementing a workspace behaviour get "undefined callback"
// warnings as erlc gives them when the behaviour is compiled.
func (ix *Index) Behaviour(name string) (BehaviourInfo, bool) {
	m := ix.Module(name)
	if m == nil {
		return BehaviourInfo{}, false
	}
	return m.BehaviourInfo()
}
