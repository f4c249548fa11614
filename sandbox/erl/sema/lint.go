package sema

import (
	"fmt"
	"strings"

	"github.com/otpbox/otpbox/sandbox/erl/syntax"
)

// Options configures Check.
type Options struct {
	// Behaviour looks up a behaviour that is not one of OTP's standard
	// ones, such as one defined by -callback attributes in the workspace
	// (Index.Behaviour). Nil means only OTP's behaviours are known.
	Behaviour func(name string) (BehaviourInfo, bool)
	// FormFiles gives, for each form of the file, the path of the file
	// it came from when that is an included file, or "" for the module's
	// own file. CheckSource fills it from the preprocessor's tokens.
	FormFiles []string
	// Src is the source text of the module's file. When given, it places
	// the diagnostics that erlc reports at an operator the syntax tree
	// does not record (the => or := of a map field) exactly.
	Src []byte
	// Cache, when set, keeps per-function results between checks of the
	// same file (see Cache); FormHashes, parallel to the file's forms,
	// are the keys CheckSource computes for it.
	Cache      *Cache
	FormHashes []uint64
	// Broken marks forms that have syntax errors. They are left out of
	// the checks, as erlc leaves them out, so a broken function is
	// "undefined" for its callers.
	Broken map[syntax.Form]bool
}

// checker is the state of one Check run, erl_lint's #lint{} record.
type checker struct {
	vars  // variable names and binding positions of the variable tables
	m     *Module
	opts  Options
	diags []Diagnostic
	file  string // the file of the form being checked

	// Compile options that steer the checks.
	warnExportVars, warnShadowVars, warnUnusedVars, warnUnusedImport bool
	warnUnusedFunction, warnUnusedRecord, warnBifClash               bool
	warnUnderscoreMatch, warnExportAll, warnUnusedType               bool
	noAutoAll                                                        bool
	noAuto, nowarnUnusedFunction                                     map[FA]bool
	nowarnDeprecatedAll                                              bool
	nowarnDeprecated                                                 map[mfa]bool

	locals             map[FA]bool        // every function defined anywhere in the module
	fn                 FA                 // the function being checked
	calls              map[FA]map[FA]bool // local call graph, for unused functions
	called             []calledAt         // every local call, for undefined functions
	usedRecords        map[string]bool    // records used anywhere
	usedImports        map[FA]bool        // imports called
	seenFunction       bool               // a function has been seen: most attributes are errors now
	seenForm           bool               // the first form has been seen: it must be -module
	eunitAutoExport    bool               // -compile({parse_transform, eunit_autoexport})
	scopePos           syntax.Pos         // VariablesAt's position
	scopeWanted        bool
	collectRefs        bool // VariableRefs: note what each variable occurrence refers to
	exportAllAttrs     []exportAllAt
	nowarnUnusedRecord map[string]bool
	refs               []varRef
	scope              vt                // the variables in scope at scopePos
	recordFiles        map[string]string // record name -> file of its definition
	bvt                *vt               // new variables of the binary pattern whose size is being checked
	onLoad             []FA              // -on_load functions, roots for unused functions
	onLoadAttr         *syntax.Attribute // the valid -on_load
	onLoadFile         string
	loadNif            bool                 // erlang:load_nif/2 is called
	behaviours         []Behaviour          // in order
	exportAttrs        []*syntax.ExportAttr // valid -export attributes
	typeUses           []typeUse            // local type uses, for undefined and unused types
	formHash           uint64               // the cache key of the form being checked
	envHash            uint64               // what checking a function depends on besides its own tokens
	recording          bool                 // log record and import uses for the cache
	recordLog          []string
	importLog          []FA
	typeFiles          map[FA]string // file of each type definition
	specFiles          map[FA]string // file of each spec
}

type calledAt struct {
	fa   FA
	pos  syntax.Pos
	end  syntax.Pos
	file string
}

// Check checks a parsed module and returns its symbol table and
// diagnostics, sorted by position. The diagnostics are erl_lint's, worded
// as erlc words them; the syntax errors that produced f are not included
// (CheckSource adds them).
func Check(file *syntax.File, opts Options) (*Module, []Diagnostic) {
	c := newChecker(file.Name, opts)
	c.run(file)
	SortDiagnostics(c.diags)
	return c.m, c.diags
}

func newChecker(path string, opts Options) *checker {
	c := &checker{
		m:                    newModule(path),
		opts:                 opts,
		warnShadowVars:       true,
		warnUnusedVars:       true,
		warnUnusedFunction:   true,
		warnUnusedRecord:     true,
		warnBifClash:         true,
		warnUnderscoreMatch:  true,
		warnExportAll:        true,
		warnUnusedType:       true,
		nowarnDeprecated:     map[mfa]bool{},
		nowarnUnusedRecord:   map[string]bool{},
		typeFiles:            map[FA]string{},
		specFiles:            map[FA]string{},
		noAuto:               map[FA]bool{},
		nowarnUnusedFunction: map[FA]bool{},
		locals:               map[FA]bool{},
		calls:                map[FA]map[FA]bool{},
		usedRecords:          map[string]bool{},
		usedImports:          map[FA]bool{},
		recordFiles:          map[string]string{},
	}
	c.ids = map[string]int32{}
	return c
}

func (c *checker) formFile(i int) string {
	if i < len(c.opts.FormFiles) && c.opts.FormFiles[i] != "" {
		return c.opts.FormFiles[i]
	}
	return c.m.File
}

func (c *checker) add(sev Severity, n syntax.Node, code, format string, args ...any) {
	loc := n.Span()
	c.addAt(sev, loc.Pos, loc.End, code, format, args...)
}

func (c *checker) addAt(sev Severity, pos, end syntax.Pos, code, format string, args ...any) {
	msg := format
	if len(args) > 0 {
		msg = fmt.Sprintf(format, args...)
	}
	c.diags = append(c.diags, Diagnostic{File: c.file, Pos: pos, End: end, Severity: sev, Code: code, Message: msg})
}

// opAfter is the position of the first token after n: the operator that
// follows an operand. Without the source it guesses one space.
func (c *checker) opAfter(n syntax.Node) syntax.Pos {
	if n == nil {
		return syntax.Pos{}
	}
	p := n.Span().End
	if c.file != c.m.File || c.opts.Src == nil || int(p.Offset) > len(c.opts.Src) {
		p.Col++
		p.Offset++
		return p
	}
	src := c.opts.Src
	for int(p.Offset) < len(src) && (src[p.Offset] == ' ' || src[p.Offset] == '\t') {
		p.Offset++
		p.Col++
	}
	return p
}

// attrPos is where erlc reports an attribute: at its name, just after the
// '-'.
func attrPos(n syntax.Node) syntax.Pos {
	p := n.Span().Pos
	p.Col++
	p.Offset++
	return p
}

func (c *checker) run(file *syntax.File) {
	forms := make([]syntax.Form, 0, len(file.Forms))
	files := make([]string, 0, len(file.Forms))
	var hashes []uint64
	for i, f := range file.Forms {
		if c.opts.Broken[f] {
			continue
		}
		if _, bad := f.(*syntax.BadForm); bad {
			continue
		}
		forms = append(forms, f)
		files = append(files, c.formFile(i))
		if i < len(c.opts.FormHashes) {
			hashes = append(hashes, c.opts.FormHashes[i])
		}
	}
	if c.opts.Cache != nil {
		if len(hashes) != len(forms) {
			c.opts.Cache = nil
		} else {
			c.opts.Cache.begin()
			defer c.opts.Cache.end()
		}
	}
	c.preScan(forms, files)
	env := fnvOffset
	if c.opts.Cache != nil {
		env = c.preScanHash(forms, hashes)
	}
	for i, f := range forms {
		c.file = files[i]
		if c.opts.Cache != nil {
			if _, fn := f.(*syntax.Function); fn {
				c.envHash, c.formHash = uint64(env), hashes[i]
			} else {
				// A function's check depends on the attributes before
				// it (records, imports); a changed one changes the key.
				env = env.int(int64(hashes[i]))
			}
		}
		c.form(f)
	}
	c.file = c.m.File
	c.postChecks(forms, files)
}

// preScanHash hashes what every function's check depends on: the set of
// functions (local calls, BIF clashes) and the -compile attributes.
func (c *checker) preScanHash(forms []syntax.Form, hashes []uint64) fnv64 {
	var set uint64
	for fa := range c.locals {
		set ^= uint64(fnvOffset.str(fa.Name).int(int64(fa.Arity)))
	}
	h := fnvOffset.int(int64(set)).int(int64(len(c.locals)))
	for i, f := range forms {
		if a, ok := f.(*syntax.Attribute); ok && a.Name.Name == "compile" {
			h = h.int(int64(hashes[i]))
		}
	}
	return h
}

// preScan collects what erl_lint knows before it walks the forms: the
// compile options (from every -compile attribute wherever it is) and the
// set of locally defined functions.
func (c *checker) preScan(forms []syntax.Form, files []string) {
	for i, f := range forms {
		switch f := f.(type) {
		case *syntax.Function:
			c.locals[FA{f.Name, f.Arity}] = true
		case *syntax.Attribute:
			if f.Name.Name != "compile" || f.Value == nil {
				continue
			}
			c.file = files[i]
			for _, opt := range flattenTerm(f.Value) {
				c.compileOption(f, opt)
			}
		}
	}
	// Warned only now: a later nowarn_export_all turns it off.
	if c.warnExportAll {
		for _, a := range c.exportAllAttrs {
			c.file = a.file
			c.addAt(Warning, attrPos(a.attr), a.attr.End, "export_all", "export_all flag enabled - all functions will be exported")
		}
	}
}

func flattenTerm(e syntax.Expr) []syntax.Expr {
	l, ok := e.(*syntax.List)
	if !ok {
		return []syntax.Expr{e}
	}
	var out []syntax.Expr
	for _, x := range l.Elems {
		out = append(out, flattenTerm(x)...)
	}
	return out
}

// faList reads [f/1, {g,2}] or a single f/1 or {g,2}.
func faList(e syntax.Expr) []FA {
	var out []FA
	for _, x := range flattenTerm(e) {
		switch x := x.(type) {
		case *syntax.BinaryOp:
			a, ok1 := x.X.(*syntax.Atom)
			n, ok2 := x.Y.(*syntax.Integer)
			if ok1 && ok2 && x.Op == syntax.SLASH {
				out = append(out, FA{a.Name, int(n.Value)})
			}
		case *syntax.Tuple:
			if len(x.Elems) == 2 {
				a, ok1 := x.Elems[0].(*syntax.Atom)
				n, ok2 := x.Elems[1].(*syntax.Integer)
				if ok1 && ok2 {
					out = append(out, FA{a.Name, int(n.Value)})
				}
			}
		}
	}
	return out
}

func (c *checker) compileOption(attr *syntax.Attribute, opt syntax.Expr) {
	switch o := opt.(type) {
	case *syntax.Atom:
		switch o.Name {
		case "export_all":
			c.m.ExportAll = true
		case "warn_export_vars":
			c.warnExportVars = true
		case "nowarn_export_vars":
			c.warnExportVars = false
		case "nowarn_shadow_vars":
			c.warnShadowVars = false
		case "nowarn_unused_vars":
			c.warnUnusedVars = false
		case "warn_unused_import":
			c.warnUnusedImport = true
		case "nowarn_unused_function":
			c.warnUnusedFunction = false
		case "nowarn_unused_record":
			c.warnUnusedRecord = false
		case "nowarn_bif_clash":
			c.warnBifClash = false
		case "nowarn_underscore_match":
			c.warnUnderscoreMatch = false
		case "nowarn_deprecated_function":
			c.nowarnDeprecatedAll = true
		case "nowarn_unused_type":
			c.warnUnusedType = false
		case "nowarn_export_all":
			c.warnExportAll = false
		case "no_auto_import":
			c.noAutoAll = true
		}
	case *syntax.Tuple:
		if len(o.Elems) != 2 {
			return
		}
		tag, ok := o.Elems[0].(*syntax.Atom)
		if !ok {
			return
		}
		switch tag.Name {
		case "no_auto_import":
			for _, f := range faList(o.Elems[1]) {
				c.noAuto[f] = true
			}
		case "nowarn_unused_function":
			for _, f := range faList(o.Elems[1]) {
				c.nowarnUnusedFunction[f] = true
			}
		case "parse_transform":
			// eunit.hrl's transform exports the test functions, so that
			// they are not unused; otpbox runs no transforms but knows
			// what this one does.
			if a, ok := o.Elems[1].(*syntax.Atom); ok && a.Name == "eunit_autoexport" {
				c.eunitAutoExport = true
			}
		case "nowarn_unused_record":
			for _, x := range flattenTerm(o.Elems[1]) {
				if a, ok := x.(*syntax.Atom); ok {
					c.nowarnUnusedRecord[a.Name] = true
				}
			}
		case "nowarn_deprecated_function":
			for _, x := range flattenTerm(o.Elems[1]) {
				t, ok := x.(*syntax.Tuple)
				if !ok || len(t.Elems) != 3 {
					continue
				}
				m, ok1 := t.Elems[0].(*syntax.Atom)
				f, ok2 := t.Elems[1].(*syntax.Atom)
				a, ok3 := t.Elems[2].(*syntax.Integer)
				if ok1 && ok2 && ok3 {
					c.nowarnDeprecated[mfa{m.Name, f.Name, int(a.Value)}] = true
				}
			}
		}
	}
	if a, ok := opt.(*syntax.Atom); ok && a.Name == "export_all" {
		c.exportAllAttrs = append(c.exportAllAttrs, exportAllAt{attr, c.file})
	}
}

type exportAllAt struct {
	attr *syntax.Attribute
	file string
}

// form checks one form, in erl_lint's two states: before the first
// function every attribute is allowed; after it only records, types,
// specs and -dialyzer are.
func (c *checker) form(f syntax.Form) {
	if !c.seenForm {
		c.seenForm = true
		if _, ok := f.(*syntax.ModuleAttr); !ok {
			pos := f.Span().Pos
			if _, fn := f.(*syntax.Function); !fn {
				pos = attrPos(f)
			}
			c.addAt(Error, pos, pos, "undefined_module", "no module definition")
		}
	}
	if c.seenFunction {
		name := ""
		switch f := f.(type) {
		case *syntax.ModuleAttr:
			name = "module"
		case *syntax.ExportAttr:
			name = "export"
			if f.Type {
				name = "export_type"
			}
		case *syntax.ImportAttr:
			name = "import"
		case *syntax.BehaviourAttr:
			name = f.Spelling
		case *syntax.Spec:
			if f.Callback {
				name = "callback"
			}
		case *syntax.Attribute:
			// -compile and -file are allowed anywhere.
			switch f.Name.Name {
			case "dialyzer", "compile", "file":
			default:
				name = f.Name.Name
			}
		}
		if name != "" {
			c.addAt(Error, attrPos(f), f.Span().End, "attribute", "attribute %s after function definitions", atomText(name))
			return
		}
	}
	switch f := f.(type) {
	case *syntax.ModuleAttr:
		if c.m.Name != "" {
			c.addAt(Error, attrPos(f), f.End, "redefine_module", "redefining module")
			return
		}
		if f.Name != nil {
			c.m.Name, c.m.NamePos = f.Name.Name, f.Name.Pos
		}
	case *syntax.ExportAttr:
		c.export(f)
	case *syntax.ImportAttr:
		c.importAttr(f)
	case *syntax.BehaviourAttr:
		if f.Name != nil {
			b := Behaviour{Name: f.Name.Name, Pos: attrPos(f)}
			c.behaviours = append(c.behaviours, b)
			c.m.Behaviours = append(c.m.Behaviours, b)
		}
	case *syntax.RecordDef:
		c.recordDef(f)
	case *syntax.TypeDef:
		c.typeDef(f)
	case *syntax.Spec:
		if f.Name != nil {
			c.specDecl(f)
		}
	case *syntax.Attribute:
		c.attribute(f)
	case *syntax.Function:
		c.seenFunction = true
		c.function(f)
	}
}

func (c *checker) attribute(f *syntax.Attribute) {
	switch f.Name.Name {
	case "optional_callbacks":
		if f.Value != nil {
			for _, fa := range faList(f.Value) {
				c.m.OptionalCallbacks[fa] = true
			}
		}
	case "on_load":
		if f.Value == nil {
			return
		}
		for _, fa := range faList(f.Value) {
			c.onLoad = append(c.onLoad, fa)
			switch {
			case len(c.onLoad) > 1:
				c.addAt(Error, attrPos(f), f.End, "multiple_on_loads", "more than one on_load attribute")
			case fa.Arity != 0:
				c.addAt(Error, attrPos(f), f.End, "bad_on_load_arity", "function %s has wrong arity (must be 0)", fa)
			default:
				c.onLoadAttr, c.onLoadFile = f, c.file
			}
		}
	}
}

func (c *checker) export(f *syntax.ExportAttr) {
	if f.Type {
		for _, na := range f.Funcs {
			if na.Name == nil || na.Arity == nil {
				continue
			}
			fa := FA{na.Name.Name, int(na.Arity.Value)}
			if _, dup := c.m.ExportedTypes[fa]; dup {
				c.addAt(Warning, attrPos(f), f.End, "duplicated_export_type", "type %s already exported", fa)
				continue
			}
			c.m.ExportedTypes[fa] = na.Pos
			c.typeUses = append(c.typeUses, typeUse{fa: fa, pos: attrPos(f), end: f.End, file: c.file})
		}
		return
	}
	c.exportAttrs = append(c.exportAttrs, f)
	for _, na := range f.Funcs {
		if na.Name == nil || na.Arity == nil {
			continue
		}
		fa := FA{na.Name.Name, int(na.Arity.Value)}
		// module_info/0,1 are exported by the compiler already.
		if _, dup := c.m.Exports[fa]; dup || fa == (FA{"module_info", 0}) || fa == (FA{"module_info", 1}) {
			c.addAt(Warning, attrPos(f), f.End, "duplicated_export", "function %s already exported", fa)
			continue
		}
		c.m.Exports[fa] = na.Pos
		// An export counts as a call, so exporting an undefined function
		// is an "undefined function" at the attribute.
		c.called = append(c.called, calledAt{fa, attrPos(f), f.End, c.file})
	}
}

func (c *checker) importAttr(f *syntax.ImportAttr) {
	if f.Module == nil {
		return
	}
	seen := map[FA]bool{}
	var fas []FA
	for _, na := range f.Funcs {
		if na.Name == nil || na.Arity == nil {
			continue
		}
		fa := FA{na.Name.Name, int(na.Arity.Value)}
		if !seen[fa] {
			seen[fa] = true
			fas = append(fas, fa)
		}
	}
	sortFAs(fas)
	failed := false
	for _, fa := range fas {
		if mod, ok := c.m.Imports[fa]; ok {
			c.addAt(Error, attrPos(f), f.End, "redefine_import", "function %s already imported from %s", fa, atomText(mod))
			failed = true
			continue
		}
		if autoImported[fa] && c.warnBifClash && !c.noAutoAll && !c.noAuto[fa] {
			if oldBIFs[fa] {
				c.addAt(Error, attrPos(f), f.End, "redefine_old_bif_import", "import directive overrides pre R14 auto-imported BIF %s\n - use \"-compile({no_auto_import,[%s]}).\" to resolve name clash", fa, fa)
			} else {
				c.addAt(Warning, attrPos(f), f.End, "redefine_bif_import", "import directive overrides auto-imported BIF %s\n - use \"-compile({no_auto_import,[%s]}).\" to resolve name clash", fa, fa)
			}
		}
	}
	if failed {
		return
	}
	for _, fa := range fas {
		c.m.Imports[fa] = f.Module.Name
	}
}

func (c *checker) recordDef(f *syntax.RecordDef) {
	if f.Name == nil {
		return
	}
	name := f.Name.Name
	if _, dup := c.m.Records[name]; dup {
		c.addAt(Error, attrPos(f), f.End, "redefine_record", "record %s already defined", atomText(name))
		return
	}
	r := &Record{Name: name, Pos: f.Name.Pos, End: f.Name.End, Node: f, File: c.file}
	seen := map[string]bool{}
	for _, fd := range f.Fields {
		if fd.Name == nil {
			continue
		}
		if seen[fd.Name.Name] {
			c.add(Error, fd, "redefine_field", "field %s already defined in record %s", atomText(fd.Name.Name), atomText(name))
			continue
		}
		seen[fd.Name.Name] = true
		r.Fields = append(r.Fields, fd.Name.Name)
		if fd.Default != nil {
			// Defaults are checked as expressions where no variable is
			// bound; what they call and use counts as used, which is
			// generous (erlc counts it only where the default applies)
			// but never reports a use that erlc would not.
			saved := c.fn
			c.fn = recordNode(name)
			c.expr(fd.Default, nil)
			c.fn = saved
		}
	}
	var types []syntax.Expr
	for _, fd := range f.Fields {
		if fd.Type != nil {
			types = append(types, fd.Type)
		}
	}
	// The record is defined for its own field types (#r{} in a field of r
	// is fine) but not for its defaults, which were checked above.
	c.m.Records[name] = r
	c.recordFiles[name] = c.file
	saved := c.fn
	c.fn = recordNode(name)
	c.checkTypes(types, nil)
	c.fn = saved
}

// isEunitTest reports whether eunit_autoexport exports fa: a function of
// arity 0 whose name ends in _test, _test_ or _exported_.
func isEunitTest(fa FA) bool {
	return fa.Arity == 0 && (strings.HasSuffix(fa.Name, "_test") || strings.HasSuffix(fa.Name, "_test_") || strings.HasSuffix(fa.Name, "_exported_"))
}

// pseudoLocals are the functions the compiler adds to every module.
var pseudoLocals = map[FA]bool{{"module_info", 0}: true, {"module_info", 1}: true, {"record_info", 2}: true}

// recordNode is the node of record name in the call graph: functions
// called by its field defaults hang off it, and every use of the record
// links to it, so that a function called only from a default counts as
// used where the record is.
func recordNode(name string) FA { return FA{Name: name, Arity: -1} }

func (c *checker) function(f *syntax.Function) {
	fa := FA{f.Name, f.Arity}
	c.fn = fa
	if c.m.funcs[fa] != nil || pseudoLocals[fa] {
		c.add(Error, f, "redefine_function", "function %s already defined", fa)
	} else {
		fn := &Function{FA: fa, Pos: f.Pos, End: f.End, Node: f, File: c.file}
		c.m.funcs[fa] = fn
		c.m.Functions = append(c.m.Functions, fn)
		if _, imp := c.m.Imports[fa]; imp {
			c.add(Error, f, "define_import", "defining imported function %s", fa)
		}
	}
	c.cachedFunction(f, fa, c.formHash)
}

// callFunction records a local call for the undefined and unused
// function checks.
func (c *checker) callFunction(n syntax.Node, fa FA) {
	loc := n.Span()
	c.called = append(c.called, calledAt{fa, loc.Pos, loc.End, c.file})
	c.edge(c.fn, fa)
}

func (c *checker) edge(from, to FA) {
	m := c.calls[from]
	if m == nil {
		m = map[FA]bool{}
		c.calls[from] = m
	}
	m[to] = true
}

func (c *checker) isLocal(fa FA) bool { return c.locals[fa] }

func (c *checker) autoSuppressed(fa FA) bool { return c.noAutoAll || c.noAuto[fa] }

// postChecks are erl_lint's checks after all forms: behaviours, imports,
// undefined and unused functions, unused records.
func (c *checker) postChecks(forms []syntax.Form, files []string) {
	c.checkBehaviours()
	c.postTypes()
	if c.warnUnusedImport {
		for _, f := range forms {
			imp, ok := f.(*syntax.ImportAttr)
			if !ok || imp.Module == nil {
				continue
			}
			for _, na := range imp.Funcs {
				if na.Name == nil || na.Arity == nil {
					continue
				}
				fa := FA{na.Name.Name, int(na.Arity.Value)}
				if c.m.Imports[fa] == imp.Module.Name && !c.usedImports[fa] {
					c.addAt(Warning, attrPos(imp), imp.End, "unused_import", "import %s:%s is unused", atomText(imp.Module.Name), fa)
				}
			}
		}
	}
	c.checkDialyzer(forms, files)
	c.checkOptionFunctions(forms, files)
	c.checkNifs(forms, files)
	if len(c.onLoad) == 1 && c.onLoadAttr != nil && c.m.funcs[c.onLoad[0]] == nil {
		c.diags = append(c.diags, Diagnostic{File: c.onLoadFile, Pos: attrPos(c.onLoadAttr), End: c.onLoadAttr.End, Severity: Error, Code: "undefined_on_load", Message: fmt.Sprintf("function %s undefined", c.onLoad[0])})
	}
	for _, cl := range c.called {
		if c.m.funcs[cl.fa] == nil && !pseudoLocals[cl.fa] {
			c.diags = append(c.diags, Diagnostic{File: cl.file, Pos: cl.pos, End: cl.end, Severity: Error, Code: "undefined_function", Message: fmt.Sprintf("function %s undefined", cl.fa)})
		}
	}
	if !c.m.ExportAll && c.warnUnusedFunction {
		reached := map[FA]bool{}
		var work []FA
		for fa := range c.m.Exports {
			work = append(work, fa)
		}
		if c.eunitAutoExport {
			for _, fn := range c.m.Functions {
				if isEunitTest(fn.FA) {
					work = append(work, fn.FA)
				}
			}
		}
		work = append(work, c.onLoad...)
		for len(work) > 0 {
			fa := work[len(work)-1]
			work = work[:len(work)-1]
			if reached[fa] {
				continue
			}
			reached[fa] = true
			for callee := range c.calls[fa] {
				work = append(work, callee)
			}
		}
		for _, fn := range c.m.Functions {
			if !reached[fn.FA] && !c.nowarnUnusedFunction[fn.FA] {
				c.diags = append(c.diags, Diagnostic{File: fn.File, Pos: fn.Pos, End: fn.End, Severity: Warning, Code: "unused_function", Message: fmt.Sprintf("function %s is unused", fn.FA)})
			}
		}
	}
	if c.warnUnusedRecord {
		for name, r := range c.m.Records {
			if !c.usedRecords[name] && !c.nowarnUnusedRecord[name] && r.File == c.m.File {
				c.diags = append(c.diags, Diagnostic{File: r.File, Pos: attrPos(r.Node), End: r.Node.End, Severity: Warning, Code: "unused_record", Message: fmt.Sprintf("record %s is unused", atomText(name))})
			}
		}
	}
}

func (c *checker) behaviourInfo(name string) (BehaviourInfo, bool) {
	if b, ok := otpBehaviours[name]; ok {
		return b, true
	}
	if c.opts.Behaviour != nil {
		return c.opts.Behaviour(name)
	}
	return BehaviourInfo{}, false
}

func (c *checker) exported(fa FA) bool {
	if c.m.ExportAll {
		return c.m.funcs[fa] != nil
	}
	_, ok := c.m.Exports[fa]
	return ok
}

func (c *checker) checkBehaviours() {
	type owner struct {
		b   Behaviour
		idx int
	}
	required := map[FA][]owner{}
	var order []FA
	for i, b := range c.behaviours {
		info, ok := c.behaviourInfo(b.Name)
		if !ok {
			c.addAt(Warning, b.Pos, b.Pos, "undefined_behaviour", "behaviour %s undefined", atomText(b.Name))
			continue
		}
		optional := map[FA]bool{}
		for _, fa := range info.Optional {
			optional[fa] = true
		}
		// erlc reports missing callbacks in name/arity order.
		var missing []FA
		for _, fa := range info.Callbacks {
			if !optional[fa] && !c.exported(fa) {
				missing = append(missing, fa)
			}
		}
		sortFAs(missing)
		for _, fa := range missing {
			c.addAt(Warning, b.Pos, b.Pos, "undefined_behaviour_func", "undefined callback function %s (behaviour '%s')", fa, b.Name)
		}
		for _, fa := range info.Callbacks {
			if optional[fa] && !c.exported(fa) {
				continue
			}
			if len(required[fa]) == 0 {
				order = append(order, fa)
			}
			required[fa] = append(required[fa], owner{b, i})
		}
	}
	for _, fa := range order {
		owners := required[fa]
		for _, o := range owners[1:] {
			first := owners[0].b
			c.addAt(Warning, o.b.Pos, o.b.Pos, "conflicting_behaviours", "conflicting behaviours - callback %s required by both '%s' and '%s' (line %d, column %d)", fa, o.b.Name, first.Name, first.Pos.Line, first.Pos.Col)
		}
	}
}

// isUnderscore reports whether a variable name starts with '_', which
// silences the unused warning.
func isUnderscore(name string) bool { return strings.HasPrefix(name, "_") }

// checkDialyzer reports the functions named in -dialyzer attributes that
// the module does not define.
func (c *checker) checkDialyzer(forms []syntax.Form, files []string) {
	for i, f := range forms {
		a, ok := f.(*syntax.Attribute)
		if !ok || a.Name.Name != "dialyzer" || a.Value == nil {
			continue
		}
		for _, v := range flattenTerm(a.Value) {
			t, ok := v.(*syntax.Tuple)
			if !ok || len(t.Elems) != 2 {
				continue
			}
			// One check per option and function, as erl_lint pairs them.
			opts := len(flattenTerm(t.Elems[0]))
			for _, fa := range faList(t.Elems[1]) {
				for o := 0; o < opts && c.m.funcs[fa] == nil; o++ {
					c.diags = append(c.diags, Diagnostic{File: files[i], Pos: attrPos(a), End: a.End, Severity: Error, Code: "undefined_function", Message: fmt.Sprintf("function %s undefined", fa)})
				}
			}
		}
	}
}

// checkNifs checks -nifs attributes: the functions must be defined, and
// the module should call erlang:load_nif/2.
func (c *checker) checkNifs(forms []syntax.Form, files []string) {
	first := true
	for i, f := range forms {
		a, ok := f.(*syntax.Attribute)
		if !ok || a.Name.Name != "nifs" || a.Value == nil {
			continue
		}
		fas := faList(a.Value)
		if len(fas) > 0 && first && !c.loadNif {
			c.diags = append(c.diags, Diagnostic{File: files[i], Pos: attrPos(a), End: a.End, Severity: Warning, Code: "no_load_nif", Message: "nifs defined, but no call to erlang:load_nif/2"})
		}
		if len(fas) > 0 {
			first = false
		}
		for _, fa := range fas {
			if c.m.funcs[fa] == nil {
				c.diags = append(c.diags, Diagnostic{File: files[i], Pos: attrPos(a), End: a.End, Severity: Error, Code: "undefined_nif", Message: fmt.Sprintf("nif %s undefined", fa)})
			}
		}
	}
}

// checkOptionFunctions reports the functions named in -compile options
// inline, nowarn_unused_function and nowarn_bif_clash that are neither
// defined nor imported.
func (c *checker) checkOptionFunctions(forms []syntax.Form, files []string) {
	msgs := map[string]string{
		"inline":                 "inlined function %s undefined",
		"nowarn_unused_function": "function %s undefined",
		"nowarn_bif_clash":       "function %s undefined",
	}
	for i, f := range forms {
		a, ok := f.(*syntax.Attribute)
		if !ok || a.Name.Name != "compile" || a.Value == nil {
			continue
		}
		for _, opt := range flattenTerm(a.Value) {
			t, ok := opt.(*syntax.Tuple)
			if !ok || len(t.Elems) != 2 {
				continue
			}
			tag, ok := t.Elems[0].(*syntax.Atom)
			if !ok || msgs[tag.Name] == "" {
				continue
			}
			for _, fa := range faList(t.Elems[1]) {
				if _, imp := c.m.Imports[fa]; c.m.funcs[fa] == nil && !imp {
					c.diags = append(c.diags, Diagnostic{File: files[i], Pos: attrPos(a), End: a.End, Severity: Error, Code: "bad_" + tag.Name, Message: fmt.Sprintf(msgs[tag.Name], fa)})
				}
			}
		}
	}
}
