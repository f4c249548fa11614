package epp

import (
	"fmt"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/otpbox/otpbox/sandbox/erl/syntax"
)

// maxIncludeDepth is epp's limit on nested includes; a file that includes
// itself stops there with "include too deep", as in erlc.
const maxIncludeDepth = 8

// maxIncludes bounds the files one run includes: a file that includes
// itself several times would otherwise take exponential time under the
// depth limit.
const maxIncludes = 2000

// Preprocess scans src (the contents of the file at path) and preprocesses
// it. It never stops at an error: a bad directive or a missing include is
// reported and the rest of the file is still processed. A form whose macro
// expansion fails is left out of Tokens, as epp leaves it out (see
// Config.WithKeepBrokenForms for the editor's alternative).
func Preprocess(cfg *Config, path string, src []byte) *Result {
	return preprocess(cfg, path, src, true, nil)
}

// A Reparser preprocesses (and parses) files one after another, as
// Preprocess and ParseFile do, reusing its token buffers between calls:
// the scanner's output for the main file and for each level of include,
// and the output stream. Tokens are most of a run's memory; allocating
// and zeroing these buffers afresh for each file cost more than the
// preprocessing itself (docs/rationale.md). The zero value is ready to
// use; a Reparser is not safe for concurrent use.
//
// The Tokens of a Result that a Reparser returned live in its buffers:
// they are valid until the Reparser's next call. Everything else in the
// Result (comments, Texts, Info, errors) and the parsed tree are the
// caller's.
type Reparser struct {
	scan     []syntax.Token   // the main file's tokens, and the output written over them
	out      []syntax.Token   // the output when it is not written in place (the fuzz test)
	scratch  []syntax.Token   // one form's expansion
	arena    []syntax.Token   // macro bodies being expanded (pp.arena)
	argBuf   []syntax.Token   // a macro use's arguments (pp.argBuf)
	stripped []syntax.Token   // a main-file form without its comments (fileCtx.stripped)
	incs     [][]syntax.Token // the tokens of the include at each depth
}

// Preprocess is the package's Preprocess, with r's buffers.
func (r *Reparser) Preprocess(cfg *Config, path string, src []byte) *Result {
	return preprocess(cfg, path, src, true, r)
}

// ParseFile is the package's ParseFile, with r's buffers.
func (r *Reparser) ParseFile(cfg *Config, path string, src []byte) (*syntax.File, *Result) {
	return parseResult(path, r.Preprocess(cfg, path, src))
}

// preprocess is Preprocess; inPlace false makes it build the output in a
// slice of its own from the start, which the fuzz test compares against.
// With r nil the buffers are allocated for this run only.
func preprocess(cfg *Config, path string, src []byte, inPlace bool, r *Reparser) *Result {
	if cfg == nil {
		cfg = NewConfig()
	}
	if r == nil {
		r = &Reparser{}
	}
	p := newPP(cfg, path)
	p.bufs = r
	// The main file is scanned a form at a time, as the form loop asks for
	// it, right after the output so far, which is written over it (see
	// scanMore and emit); its scan errors still come first, as epp's do.
	// OTP's sources average a token every 3 to 4 bytes; sizing for one
	// every 3 saves regrowing a large slice.
	if want := len(src)/3 + 16; cap(r.scan) < want {
		r.scan = make([]syntax.Token, 0, want)
	}
	nPre := len(p.errs)
	f := &fileCtx{path: path, dir: filepath.Dir(path), main: true, stripped: r.stripped[:0],
		sc: syntax.NewScanner(p.tx, path, src, 0)}
	p.inPlace, p.buf, p.mainF, p.scratch = inPlace, r.scan[:0], f, r.scratch[:0]
	p.arena, p.argBuf = r.arena[:0], r.argBuf[:0]
	if !inPlace {
		p.out = r.out[:0]
	}
	p.runFile(f)
	r.scan = p.buf[:0]
	if errs := f.sc.Errors(); len(errs) > 0 {
		later := slices.Clone(p.errs[nPre:])
		p.errs = p.errs[:nPre]
		p.addScanErrors(path, errs)
		p.errs = append(p.errs, later...)
	}
	if p.inPlace {
		p.out, p.inPlace = p.buf[:p.w], false
	} else {
		// Keep the separate output buffer (never the scan buffer,
		// which p.out shares when the output stayed in place).
		r.out = p.out[:0]
	}
	r.scratch, r.arena, r.argBuf, r.stripped = p.scratch[:0], p.arena[:0], p.argBuf[:0], f.stripped[:0]
	p.finish(f.eofToken())
	return &Result{Tokens: p.out, Comments: p.comments, Texts: p.tx, Info: &p.info, Errors: p.errs, Warnings: p.warns}
}

// pp is the state of one preprocessing run.
type pp struct {
	cfg      *Config
	mainPath string
	// tx holds the text of every token of the run.
	tx     *syntax.Texts
	macros map[string]*macroEntry
	// uses maps a macro name to the macros its definitions use, for epp's
	// circularity check; gen counts changes to the table so that a check
	// that passed is remembered until the next change.
	uses    map[string][]macroUses
	gen     int
	checked map[usesKey]int

	out      []syntax.Token
	comments []syntax.Token
	errs     []syntax.Error
	warns    []syntax.Error
	info     Info

	depth    int
	includes int
	maybeOn  bool
	inPrefix bool
	// moduleEnd is the index in out just after the -module form, where
	// eunit's auto-export goes.
	moduleEnd int
	eunit     *eunitState
	dirCache  map[string][]string
	// cur is the form being handled.
	cur rawForm

	// The main file's forms are scanned into buf one at a time, each at
	// buf[w:], just after the output so far. While inPlace, the output is
	// buf[:w]: a form that goes out unchanged is already in place, and the
	// others are written over forms read already. Otherwise (the fuzz
	// test's reference) the output is out.
	inPlace bool
	buf     []syntax.Token
	w       int
	mainF   *fileCtx
	// bufs holds the buffers reused from run to run.
	bufs *Reparser
	// scratch receives the expansion of one form before it is emitted.
	scratch []syntax.Token
	// arena holds the substituted macro bodies of the form being
	// expanded, argBuf the arguments of the macro use being expanded.
	arena, argBuf []syntax.Token
}

// outLen is the number of tokens emitted so far.
func (p *pp) outLen() int {
	if p.inPlace {
		return p.w
	}
	return len(p.out)
}

// emit appends ts to the output and returns where they now are.
func (p *pp) emit(ts []syntax.Token) []syntax.Token {
	if !p.inPlace {
		p.out = append(p.out, ts...)
		return p.out[len(p.out)-len(ts):]
	}
	// Every main-file token scanned so far has been read when something
	// is emitted (the form loop reads a whole form first, and an include
	// is handled at its -include), so the output may overwrite anything
	// after buf[:w].
	end := p.w + len(ts)
	if end > cap(p.buf) {
		// Includes and expansions made the output outgrow the buffer:
		// move it to a larger one, sized for the rest of the file.
		nb := make([]syntax.Token, p.w, end+end/8+p.mainF.sc.Remaining()/3+256)
		copy(nb, p.buf[:p.w])
		p.buf = nb
	}
	dst := p.buf[p.w:end]
	if len(ts) > 0 && &dst[0] != &ts[0] {
		copy(dst, ts)
	}
	p.w = end
	return dst
}

func newPP(cfg *Config, path string) *pp {
	p := &pp{
		cfg:       cfg,
		mainPath:  path,
		tx:        &syntax.Texts{},
		macros:    make(map[string]*macroEntry, 64),
		uses:      make(map[string][]macroUses),
		checked:   make(map[usesKey]int),
		inPrefix:  true,
		moduleEnd: -1,
		maybeOn:   cfg.maybeExpr,
	}
	p.predefine()
	return p
}

// fileCtx is one file being preprocessed: the main file or an include.
type fileCtx struct {
	path string
	dir  string
	toks []syntax.Token
	i    int
	main bool
	// fileIdx is the FileIdx of f's tokens: 0 for the main file.
	fileIdx uint16
	// sc scans the main file's forms into toks as they are needed; it
	// is nil for an include, scanned whole.
	sc       *syntax.Scanner
	scanDone bool
	eof      syntax.Token // the main file's EOF token, once scanned
	// istk is the stack of open conditionals ("ifdef", "ifndef", "if",
	// "else"), as epp keeps it: per file, so that a conditional cannot span
	// an include boundary.
	istk []string
	// lineDelta is what the last -file attribute adds to ?LINE.
	lineDelta int32
	// stripped is the buffer behind the current form's copy without
	// comments (rawForm.toks), when it needs one.
	stripped []syntax.Token
}

func (p *pp) errorAt(file string, t syntax.Token, format string, args ...any) {
	p.errs = append(p.errs, syntax.Error{File: file, Pos: t.Pos, End: t.End, Msg: fmt.Sprintf(format, args...)})
}

func (p *pp) addScanErrors(file string, errs []syntax.Error) {
	for _, e := range errs {
		if e.File == "" {
			e.File = file
		}
		p.errs = append(p.errs, e)
	}
}

// rawForm is one form as nextForm finds it.
type rawForm struct {
	lead []syntax.Token // the comments before the form
	raw  []syntax.Token // the form as written, comments included
	// toks is the form without comments: raw itself when it has none, or
	// when it is an ordinary form of the main file without macros, which
	// is copied out as written.
	toks  []syntax.Token
	macro bool // the form holds a '?' or '??'
}

// nextForm returns the next form (up to and including its DOT, or up to
// EOF) and the comments before it; toks is empty at the end of the file.
// Slices of f.toks are returned where possible, so that the common case
// copies nothing.
func (p *pp) nextForm(f *fileCtx) rawForm {
	var rf rawForm
	if f.sc != nil && !f.scanDone && f.i == len(f.toks) {
		p.scanMore(f)
	}
	start := f.i
	for f.i < len(f.toks) && f.toks[f.i].Kind == syntax.COMMENT {
		f.i++
	}
	rf.lead = f.toks[start:f.i]
	if f.main {
		p.comments = append(p.comments, rf.lead...)
	}
	start = f.i
	hasComment := false
loop:
	for f.i < len(f.toks) {
		t := &f.toks[f.i]
		switch t.Kind {
		case syntax.EOF:
			break loop
		case syntax.COMMENT:
			hasComment = true
		case syntax.QUESTION, syntax.QQ:
			rf.macro = true
		case syntax.ATOM:
			if p.maybeOn && t.Src.Len >= 4 && t.Src.Len <= 5 {
				// A quoted 'maybe' stays an atom: its text has quotes.
				switch p.tx.Text(t) {
				case "maybe":
					t.Kind, t.LitIdx = syntax.MAYBE, 0
				case "else":
					t.Kind, t.LitIdx = syntax.ELSE, 0
				}
			}
		case syntax.MAYBE, syntax.ELSE:
			if !p.maybeOn {
				t.Kind = syntax.ATOM // its name is its text
			}
		}
		f.i++
		if t.Kind == syntax.DOT {
			break
		}
	}
	rf.raw = f.toks[start:f.i]
	rf.toks = rf.raw
	if !hasComment {
		return rf
	}
	if f.main && !rf.macro && len(rf.raw) > 1 && rf.raw[1].Kind != syntax.COMMENT && directive(p.tx, rf.raw) == "" {
		// An ordinary form without macros goes out as written, comments
		// and all, so there is no need for a copy without them.
		for _, t := range rf.raw {
			if t.Kind == syntax.COMMENT {
				p.comments = append(p.comments, t)
			}
		}
		return rf
	}
	// The copy without comments goes to f's own scratch buffer: the form
	// is done with before the file's next one is read (an include reads
	// its forms through a fileCtx of its own).
	rf.toks = f.stripped[:0]
	for _, t := range rf.raw {
		if t.Kind == syntax.COMMENT {
			if f.main {
				p.comments = append(p.comments, t)
			}
			continue
		}
		rf.toks = append(rf.toks, t)
	}
	f.stripped = rf.toks
	return rf
}

// scanMore scans the main file's next form into p.buf just after the
// output, over the forms read already, so that it is read (and written
// out) while in the cache, and a form that goes out unchanged is in place.
// Nothing holds a slice of the forms read already (macro bodies and
// comments are copies); growing p.buf copies the output along with it.
func (p *pp) scanMore(f *fileCtx) {
	buf, more := f.sc.Form(p.buf[:p.w])
	if !more {
		// The EOF token is kept aside: the last form's output may
		// overwrite it.
		f.eof = buf[len(buf)-1]
		buf = buf[:len(buf)-1]
	}
	p.buf, f.toks, f.i, f.scanDone = buf, buf[p.w:], 0, !more
}

// eofToken returns f's EOF token.
func (f *fileCtx) eofToken() syntax.Token {
	if f.scanDone {
		return f.eof
	}
	if n := len(f.toks); n > 0 && f.toks[n-1].Kind == syntax.EOF {
		return f.toks[n-1]
	}
	return syntax.Token{Kind: syntax.EOF}
}

// runFile preprocesses every form of f, emitting the output.
func (p *pp) runFile(f *fileCtx) {
	var sis []string // skip stack: non-empty while a false branch is skipped
	var skipStart syntax.Pos
	for {
		rf := p.nextForm(f)
		form := rf.toks
		if len(sis) > 0 {
			if len(form) == 0 {
				break
			}
			sis = p.skipForm(f, form, sis)
			if len(sis) == 0 {
				p.addSkipped(f, skipStart, form[0].Pos)
			}
			continue
		}
		if f.main {
			// The main file's comments stay in the stream, in source
			// order, for the parser's doc comments.
			p.emit(rf.lead)
		}
		if len(form) == 0 {
			break
		}
		p.cur = rf
		if sis = p.form(f, form); len(sis) > 0 {
			skipStart = form[len(form)-1].End
		}
	}
	eof := f.eofToken()
	if len(sis) > 0 {
		p.addSkipped(f, skipStart, eof.Pos)
		// As epp does, the skip stack replaces the file's own stack at the
		// end of a file, so that each open conditional is reported.
		f.istk = sis
	}
	for i := len(f.istk) - 1; i >= 0; i-- {
		p.errorAt(f.path, eof, "unterminated '-%s'", f.istk[i])
	}
}

func (p *pp) addSkipped(f *fileCtx, start, end syntax.Pos) {
	if start.Offset < end.Offset {
		p.info.Skipped = append(p.info.Skipped, Range{File: f.path, Start: start, End: end})
	}
}

// directive returns the name of the directive form starts, or "".
func directive(tx *syntax.Texts, form []syntax.Token) string {
	if len(form) < 2 || form[0].Kind != syntax.MINUS {
		return ""
	}
	switch t := &form[1]; t.Kind {
	case syntax.ATOM:
		switch lit := tx.Lit(t); lit {
		case "define", "undef", "ifdef", "ifndef", "else", "elif", "endif",
			"include", "include_lib", "error", "warning", "feature", "file":
			return lit
		}
	case syntax.IF:
		return "if"
	case syntax.ELSE:
		return "else"
	}
	return ""
}

// form handles one form outside skipped code. It returns a non-empty skip
// stack when the form starts skipping.
func (p *pp) form(f *fileCtx, form []syntax.Token) []string {
	d := directive(p.tx, form)
	if d == "" {
		p.plainForm(f, form)
		return nil
	}
	if d == "file" {
		// A copy: emitting the attribute may overwrite form in place.
		saved := slices.Clone(form)
		p.plainForm(f, form)
		p.fileDirective(f, saved)
		return nil
	}
	name, args := form[1], form[2:]
	switch d {
	case "define":
		p.define(f, name, args)
	case "undef":
		p.inPrefix = false
		p.undef(f, name, args)
	case "error", "warning":
		p.inPrefix = false
		p.errWarn(f, d, name, args)
	case "feature":
		p.feature(f, name, args)
	case "include", "include_lib":
		p.include(f, d == "include_lib", name, args)
	case "ifdef", "ifndef":
		m, ok := matchNameArg(args)
		if !ok {
			p.errorAt(f.path, mismatch(args, name, patParenName, patRParen, patDot), "badly formed '%s'", d)
			return []string{d}
		}
		if p.isDefined(p.tx.Lit(&m)) == (d == "ifdef") {
			f.istk = append(f.istk, d)
			return nil
		}
		return []string{d}
	case "if":
		if len(args) == 0 || args[0].Kind != syntax.LPAREN {
			p.errorAt(f.path, firstOr(args, name), "badly formed 'if'")
			return []string{"if"}
		}
		if p.evalIf(f, name, args) {
			f.istk = append(f.istk, "if")
			return nil
		}
		return []string{"if"}
	case "elif":
		return p.switchBranch(f, name, d)
	case "else":
		if len(args) != 1 || args[0].Kind != syntax.DOT {
			p.errorAt(f.path, firstOr(args, name), "badly formed 'else'")
			return nil
		}
		return p.switchBranch(f, name, d)
	case "endif":
		if len(args) != 1 || args[0].Kind != syntax.DOT {
			p.errorAt(f.path, firstOr(args, name), "badly formed 'endif'")
			return nil
		}
		if n := len(f.istk); n > 0 {
			f.istk = f.istk[:n-1]
		} else {
			p.errorAt(f.path, name, "unbalanced '-endif'")
		}
	}
	return nil
}

// switchBranch handles -elif and -else (d) met in code that is not
// skipped: the open conditional's branch was taken, so what follows is
// skipped.
func (p *pp) switchBranch(f *fileCtx, tok syntax.Token, d string) []string {
	n := len(f.istk)
	if n == 0 {
		p.errorAt(f.path, tok, "unbalanced '-%s'", d)
		return nil
	}
	top := f.istk[n-1]
	f.istk = f.istk[:n-1]
	switch {
	case top == "else" && d == "else":
		p.errorAt(f.path, tok, "repeated '-else'")
		return []string{"else"}
	case top == "else":
		p.errorAt(f.path, tok, "unbalanced '-elif'")
		return []string{"else"}
	}
	return []string{d}
}

// fileDirective applies -file("Name", Line) (already emitted as an
// attribute): from the next line on, ?FILE is Name and ?LINE counts from
// Line, as in epp.
func (p *pp) fileDirective(f *fileCtx, form []syntax.Token) {
	e := expander{p: p, f: f, form: form[2:]}
	args, err := e.expandForm(nil)
	args = coalesceStrings(p.tx, args)
	if err != nil || len(args) != 6 || args[0].Kind != syntax.LPAREN || args[1].Kind != syntax.STRING ||
		args[2].Kind != syntax.COMMA || args[3].Kind != syntax.INTEGER || args[4].Kind != syntax.RPAREN {
		return // the parser reports a malformed attribute
	}
	d := FileDirective{File: f.path, After: form[len(form)-1].End.Offset, Name: p.tx.Lit(&args[1]),
		Delta: int32(intValue(p.tx, &args[3])) - form[1].Pos.Line}
	p.info.FileDirectives = append(p.info.FileDirectives, d)
	f.lineDelta = d.Delta
	p.setPredef("FILE", stringToken(p.tx, d.Name))
}

// skipForm handles one form inside skipped code and returns the new skip
// stack, mirroring epp's skip_toks: only conditionals are looked at.
func (p *pp) skipForm(f *fileCtx, form []syntax.Token, sis []string) []string {
	top := len(sis) - 1
	switch d := directive(p.tx, form); d {
	case "ifdef", "ifndef", "if":
		return append(sis, d)
	case "else":
		switch {
		case sis[top] == "else":
			p.errorAt(f.path, form[1], "repeated '-else'")
		case sis[top] == "elif":
			sis[top] = "else"
		case top == 0:
			f.istk = append(f.istk, "else")
			return sis[:0]
		}
		return sis
	case "elif":
		switch {
		case sis[top] == "else":
			p.errorAt(f.path, form[1], "'elif' following 'else'")
		case top == 0:
			// epp evaluates an -elif whenever it skips the outermost
			// branch, even after an earlier branch was taken.
			ifTok := p.tx.Make(syntax.IF, "if", "")
			ifTok.Pos, ifTok.End = form[1].Pos, form[1].End
			return p.form(f, append([]syntax.Token{form[0], ifTok}, form[2:]...))
		}
		return sis
	case "endif":
		return sis[:top]
	}
	return sis
}

func firstOr(ts []syntax.Token, t syntax.Token) syntax.Token {
	if len(ts) > 0 {
		return ts[0]
	}
	return t
}

// Token patterns for mismatch.
type pattern func(syntax.Token) bool

var (
	patLParen    pattern = func(t syntax.Token) bool { return t.Kind == syntax.LPAREN }
	patParenName pattern = nil // expands to ( then a name; see mismatch
	patName      pattern = func(t syntax.Token) bool { return t.Kind == syntax.ATOM || t.Kind == syntax.VAR }
	patRParen    pattern = func(t syntax.Token) bool { return t.Kind == syntax.RPAREN }
	patDot       pattern = func(t syntax.Token) bool { return t.Kind == syntax.DOT }
	patString    pattern = func(t syntax.Token) bool { return t.Kind == syntax.STRING }
)

// mismatch returns the token epp's find_mismatch blames for a badly formed
// directive: the first token that does not fit the expected shape, or the
// last one that did when the form ends early.
func mismatch(ts []syntax.Token, last syntax.Token, pats ...pattern) syntax.Token {
	var expanded []pattern
	for _, pt := range pats {
		if pt == nil {
			expanded = append(expanded, patLParen, patName)
			continue
		}
		expanded = append(expanded, pt)
	}
	for i, pt := range expanded {
		if i >= len(ts) {
			return last
		}
		if !pt(ts[i]) {
			return ts[i]
		}
		last = ts[i]
	}
	if len(ts) > len(expanded) {
		return ts[len(expanded)]
	}
	return last
}

// matchNameArg matches "( Name ) ." and returns Name.
func matchNameArg(args []syntax.Token) (syntax.Token, bool) {
	if len(args) == 4 && args[0].Kind == syntax.LPAREN && patName(args[1]) &&
		args[2].Kind == syntax.RPAREN && args[3].Kind == syntax.DOT {
		return args[1], true
	}
	return syntax.Token{}, false
}

// macroName is the table key of a macro name token.
func macroName(tx *syntax.Texts, t *syntax.Token) string { return tx.Lit(t) }

// plainForm expands the macros of an ordinary form and emits it.
func (p *pp) plainForm(f *fileCtx, form []syntax.Token) {
	var expanded []syntax.Token
	if !p.cur.macro {
		// Nothing to expand: the form goes out as it is, with its
		// comments when it is in the main file. (Read it back from
		// where emit put it: in place, the source may be overwritten.)
		if f.main {
			expanded = p.emit(p.cur.raw)
		} else {
			expanded = p.emit(form)
		}
	} else {
		if f.main && len(p.cur.raw) != len(form) {
			// Comments inside a form that has macros go before it.
			for i, t := range p.cur.raw {
				if t.Kind == syntax.COMMENT {
					p.emit(p.cur.raw[i : i+1])
				}
			}
		}
		e := expander{p: p, f: f, form: form}
		out, err := e.expandForm(p.scratch[:0])
		p.scratch = out
		if err != nil {
			p.errs = append(p.errs, *err)
			if p.cfg.keepBroken {
				// The parser ends a form at an ILLEGAL token.
				p.emit(out)
				bad := p.tx.Make(syntax.ILLEGAL, "?", "")
				bad.Pos, bad.End, bad.FileIdx = err.Pos, err.End, f.fileIdx
				p.emit([]syntax.Token{bad})
			}
			return
		}
		expanded = p.emit(out)
	}
	if p.inPrefix {
		p.inPrefix = len(expanded) == 0 || len(expanded) >= 2 && expanded[0].Kind == syntax.MINUS && inPrefixAttr(p.tx, &expanded[1])
	}
	p.scanModule(expanded)
	if p.eunit != nil {
		p.eunit.noteForm(p.tx, expanded)
	}
}

func inPrefixAttr(tx *syntax.Texts, t *syntax.Token) bool {
	switch t.Kind {
	case syntax.IF, syntax.ELSE:
		return true
	case syntax.ATOM:
		switch tx.Lit(t) {
		case "module", "feature", "else", "elif", "endif", "ifdef", "ifndef", "define", "undef", "include", "include_lib":
			return true
		}
	}
	return false
}

// scanModule sets ?MODULE and ?MODULE_STRING from a -module attribute.
func (p *pp) scanModule(ts []syntax.Token) {
	if len(ts) < 5 || ts[0].Kind != syntax.MINUS || ts[1].Kind != syntax.ATOM ||
		ts[2].Kind != syntax.LPAREN || ts[3].Kind != syntax.ATOM {
		return
	}
	if ts[4].Kind != syntax.RPAREN && ts[4].Kind != syntax.COMMA {
		return
	}
	name := p.tx.Lit(&ts[3])
	switch p.tx.Lit(&ts[1]) {
	case "module":
		p.setPredef("MODULE", atomToken(p.tx, name))
		p.setPredef("MODULE_STRING", stringToken(p.tx, name))
		p.moduleEnd = p.outLen()
	case "extends":
		p.setPredef("BASE_MODULE", atomToken(p.tx, name))
		p.setPredef("BASE_MODULE_STRING", stringToken(p.tx, name))
	}
}

// atomToken returns an ATOM token for name with its source text.
func atomToken(tx *syntax.Texts, name string) syntax.Token {
	return tx.Make(syntax.ATOM, quoteAtom(name), name)
}

func stringToken(tx *syntax.Texts, s string) syntax.Token {
	return tx.Make(syntax.STRING, quoteString(s), s)
}

func intToken(tx *syntax.Texts, n int) syntax.Token {
	s := strconv.Itoa(n)
	return tx.Make(syntax.INTEGER, s, s)
}

// intValue is the value of an INTEGER token, 0 when it does not fit.
func intValue(tx *syntax.Texts, t *syntax.Token) int64 {
	v, _ := tx.Int(t)
	return v
}

// finish emits the EOF token and eunit's auto-exports.
func (p *pp) finish(eof syntax.Token) {
	if p.eunit != nil {
		p.eunit.finish(p)
	}
	p.out = append(p.out, eof)
}

// ParseFile preprocesses src and parses the result. The parse errors come
// after the preprocessing errors in res.Errors.
func ParseFile(cfg *Config, path string, src []byte) (*syntax.File, *Result) {
	return parseResult(path, Preprocess(cfg, path, src))
}

// parseResult parses res's tokens and adds the parse errors to res.
func parseResult(path string, res *Result) (*syntax.File, *Result) {
	f, errs := syntax.ParseTokens(path, res.Tokens, res.Texts)
	for _, e := range errs {
		if e.File == "" {
			e.File = path
		}
		res.Errors = append(res.Errors, e)
	}
	return f, res
}
