package epp

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/otpbox/otpbox/sandbox/erl/syntax"
)

// coalesceStrings joins adjacent string tokens, as epp does for the file
// name of -include("a" "b.hrl").
func coalesceStrings(tx *syntax.Texts, ts []syntax.Token) []syntax.Token {
	for i := 0; i+1 < len(ts); i++ {
		if ts[i].Kind == syntax.STRING && ts[i+1].Kind == syntax.STRING {
			out := slices.Clone(ts[:i])
			s := ts[i]
			lit := tx.Lit(&s)
			j := i + 1
			for ; j < len(ts) && ts[j].Kind == syntax.STRING; j++ {
				lit += tx.Lit(&ts[j])
				s.End = ts[j].End
			}
			tx.SetLit(&s, lit)
			out = append(out, s)
			return append(out, coalesceStrings(tx, ts[j:])...)
		}
	}
	return ts
}

// include handles -include and -include_lib.
func (p *pp) include(f *fileCtx, lib bool, dirTok syntax.Token, args []syntax.Token) {
	what := "include"
	if lib {
		what = "include_lib"
	}
	args = coalesceStrings(p.tx, args)
	if len(args) != 4 || args[0].Kind != syntax.LPAREN || args[1].Kind != syntax.STRING ||
		args[2].Kind != syntax.RPAREN || args[3].Kind != syntax.DOT {
		p.errorAt(f.path, mismatch(args, dirTok, patLParen, patString, patRParen, patDot), "badly formed '%s'", what)
		return
	}
	nameTok := args[1]
	name := p.tx.Lit(&nameTok)
	// The include is listed before the files it includes.
	p.info.Includes = append(p.info.Includes, Include{Lib: lib, Name: name, Pos: nameTok.Pos, End: nameTok.End, File: f.path})
	inc := &p.info.Includes[len(p.info.Includes)-1]
	if p.includes++; p.includes > maxIncludes {
		inc.Err = "too many includes"
		p.errorAt(f.path, nameTok, "%s", inc.Err)
		return
	}
	if p.depth >= maxIncludeDepth {
		at := nameTok
		if lib {
			at = dirTok
		}
		inc.Err = what + " too deep"
		p.errorAt(f.path, at, "%s", inc.Err)
		return
	}
	path, data, ok := p.findInclude(f, name, lib)
	if !ok {
		kind := "file"
		if lib {
			kind = "lib"
		}
		inc.Err = "can't find include " + kind + " \"" + name + "\""
		p.errorAt(f.path, nameTok, "%s", inc.Err)
		return
	}
	inc.Path = path
	// The include's output may overwrite args.
	lparen := args[0]
	p.enterFile(path, data) // invalidates inc
	if lib && name == eunitHeader {
		p.startEunit(f, lparen)
	}
}

// enterFile preprocesses an included file in the current macro table.
func (p *pp) enterFile(path string, data []byte) {
	// Each include depth has a buffer of its own, reused by the next
	// include at that depth: nothing keeps an include's tokens once it
	// is done (emit copies them, macro bodies are clones).
	incs := &p.bufs.incs
	for len(*incs) <= p.depth {
		*incs = append(*incs, nil)
	}
	toks, errs := syntax.ScanAppend((*incs)[p.depth][:0], p.tx, path, data, 0)
	(*incs)[p.depth] = toks[:0]
	p.addScanErrors(path, errs)
	idx := p.tx.AddFile(path)
	for i := range toks {
		toks[i].FileIdx = idx
	}
	saved := p.macros["FILE"]
	p.setPredef("FILE", stringToken(p.tx, path))
	p.depth++
	p.runFile(&fileCtx{path: path, dir: filepath.Dir(path), toks: toks, fileIdx: idx})
	p.depth--
	p.macros["FILE"] = saved
	p.gen++
}

// findInclude looks for an include file: in the including file's directory,
// then its ../include, then each include directory; for -include_lib also
// as app/... under each include and library directory, versioned
// directories (app-1.2.3) included, and finally among the built-in headers.
func (p *pp) findInclude(f *fileCtx, name string, lib bool) (string, []byte, bool) {
	if filepath.IsAbs(name) {
		return p.try(name)
	}
	dirs := make([]string, 0, 2+len(p.cfg.includeDirs))
	dirs = append(dirs, f.dir, filepath.Join(f.dir, "..", "include"))
	dirs = append(dirs, p.cfg.includeDirs...)
	for _, d := range dirs {
		if path, data, ok := p.try(filepath.Join(d, name)); ok {
			return path, data, true
		}
	}
	if !lib {
		return "", nil, false
	}
	app, rest, ok := strings.Cut(filepath.ToSlash(name), "/")
	if ok && app != "" && app != "." && app != ".." {
		for _, d := range slices.Concat(p.cfg.includeDirs, p.cfg.libDirs) {
			if path, data, ok := p.try(filepath.Join(d, app, rest)); ok {
				return path, data, true
			}
			if v := p.versionedDir(d, app); v != "" {
				if path, data, ok := p.try(filepath.Join(d, v, rest)); ok {
					return path, data, true
				}
			}
		}
	}
	if name == eunitHeader {
		return EmbeddedEunitPath, embeddedEunit, true
	}
	return "", nil, false
}

func (p *pp) try(path string) (string, []byte, bool) {
	data, err := p.cfg.readFile(path)
	if err != nil {
		return "", nil, false
	}
	return path, data, true
}

// versionedDir returns the entry app-VSN of dir with the highest version,
// as code:lib_dir/1 picks it, or "".
func (p *pp) versionedDir(dir, app string) string {
	if p.dirCache == nil {
		p.dirCache = make(map[string][]string)
	}
	names, ok := p.dirCache[dir]
	if !ok {
		entries, err := os.ReadDir(dir)
		if err == nil {
			for _, e := range entries {
				names = append(names, e.Name())
			}
		}
		p.dirCache[dir] = names
	}
	best, bestV := "", []int(nil)
	for _, n := range names {
		v, ok := strings.CutPrefix(n, app+"-")
		if !ok {
			continue
		}
		ver, ok := parseVersion(v)
		if !ok {
			continue
		}
		if best == "" || slices.Compare(ver, bestV) > 0 {
			best, bestV = n, ver
		}
	}
	return best
}

// parseVersion parses "1.2.3" into its numbers.
func parseVersion(s string) ([]int, bool) {
	var v []int
	for _, part := range strings.Split(s, ".") {
		n, err := strconv.Atoi(part)
		if err != nil || n < 0 {
			return nil, false
		}
		v = append(v, n)
	}
	return v, true
}
