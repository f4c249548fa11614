package vm

import (
	"bytes"
	_ "embed" // code.go, the instruction set, feeds the image fingerprint
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"hash/crc64"
	"io/fs"
	"math"
	"math/big"
	"path"
	"reflect"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/otpbox/otpbox/sandbox/erl/stdlib"
	"github.com/otpbox/otpbox/sandbox/erl/syntax"
	"github.com/otpbox/otpbox/sandbox/erl/term"
)

// An image is compiled modules serialised: the wasm guest embeds one of
// the standard library so that a fresh sandbox decodes lists or
// gen_server in a fraction of the time epp, the parser and the compiler
// take inside wasm (docs/rationale.md, "sandbox: the standard library in
// a fresh guest").
//
// Layout (integers are varints unless noted):
//
//	magic, fingerprint (8 bytes), module count,
//	per module: name, body offset, body length, CRC-32 of the body
//	the bodies
//
// Each body is self-contained, so a VM decodes a module only when code
// first calls it: its own string table (atoms, function, variable and
// segment type names), then the module's exports, BIFs, remote call
// sites, record definitions (their syntax trees, for the debugger's
// evaluation) and functions with their code, line table, constants,
// variable names, binary segments and argument lists.

// imageFormat is the layout's version: bump it when the encoding below
// changes. Changes to the instruction set or to the structures encoded
// change the fingerprint by themselves (imageFingerprint).
const imageFormat = 1

const imageMagic = "otpbox-vm-image\n"

// fingerprintSize is the size of the fingerprint after the magic.
const fingerprintSize = 8

// instrSet is code.go itself: the opcodes' names, order and operand
// documentation, hashed into the fingerprint so that an image made by a
// VM with another instruction set is refused rather than misread.
//
//go:embed code.go
var instrSet string

// ErrImageMismatch is wrapped by ParseImage's error for an image made by
// a VM with another instruction set or image format: rebuild it (make
// guest) or compile from source.
var ErrImageMismatch = errors.New("image made by a different VM build")

// imageNodeTypes are the syntax nodes a record definition's defaults and
// types can hold (the implementations of syntax.Expr), by their index in
// the encoding. A node type missing here fails the encoding, and so the
// round-trip test, with its name.
var imageNodeTypes = []reflect.Type{
	reflect.TypeFor[*syntax.Atom](), reflect.TypeFor[*syntax.Var](), reflect.TypeFor[*syntax.Integer](),
	reflect.TypeFor[*syntax.Float](), reflect.TypeFor[*syntax.Char](), reflect.TypeFor[*syntax.String](),
	reflect.TypeFor[*syntax.Tuple](), reflect.TypeFor[*syntax.List](), reflect.TypeFor[*syntax.Binary](),
	reflect.TypeFor[*syntax.Map](), reflect.TypeFor[*syntax.MapField](), reflect.TypeFor[*syntax.Record](),
	reflect.TypeFor[*syntax.RecordIndex](), reflect.TypeFor[*syntax.RecordAccess](), reflect.TypeFor[*syntax.UnaryOp](),
	reflect.TypeFor[*syntax.BinaryOp](), reflect.TypeFor[*syntax.Match](), reflect.TypeFor[*syntax.MaybeMatch](),
	reflect.TypeFor[*syntax.Catch](), reflect.TypeFor[*syntax.Call](), reflect.TypeFor[*syntax.Remote](),
	reflect.TypeFor[*syntax.FunRef](), reflect.TypeFor[*syntax.Fun](), reflect.TypeFor[*syntax.Case](),
	reflect.TypeFor[*syntax.If](), reflect.TypeFor[*syntax.Receive](), reflect.TypeFor[*syntax.Try](),
	reflect.TypeFor[*syntax.Block](), reflect.TypeFor[*syntax.Maybe](), reflect.TypeFor[*syntax.Comprehension](),
	reflect.TypeFor[*syntax.Generator](), reflect.TypeFor[*syntax.BadExpr](), reflect.TypeFor[*syntax.TypeUnion](),
	reflect.TypeFor[*syntax.TypeAnn](), reflect.TypeFor[*syntax.TypeFun](), reflect.TypeFor[*syntax.TypeList](),
	reflect.TypeFor[*syntax.TypeBinary](),
}

// imageFingerprint hashes what an image's meaning depends on: the format
// version, the instruction set's source, and the layout (field names and
// types) of every structure the encoding reads or writes, syntax nodes
// included. Nobody has to remember to change it.
var imageFingerprint = sync.OnceValue(imageFingerprintOf)

func imageFingerprintOf() [fingerprintSize]byte {
	// CRC-64, not SHA-256: this runs in every fresh guest that loads a
	// library module, and SHA-256 took 0.5 ms there (wasm); the image
	// is the build's own, not an adversary's.
	h := crc64.New(crc64.MakeTable(crc64.ECMA))
	buf := make([]byte, 0, len(instrSet)+8<<10)
	buf = fmt.Appendf(buf, "format %d\n%s\n", imageFormat, instrSet)
	seen := make(map[reflect.Type]bool, 256) // a growing map was most of the time

	var layout func(t reflect.Type)
	layout = func(t reflect.Type) {
		if seen[t] {
			return
		}
		seen[t] = true
		buf = append(append(append(buf, t.Name()...), byte(t.Kind())), ';')
		switch t.Kind() {
		case reflect.Pointer, reflect.Slice:
			layout(t.Elem())
		case reflect.Map:
			layout(t.Key())
			layout(t.Elem())
		case reflect.Struct:
			for i := range t.NumField() {
				f := t.Field(i)
				buf = append(append(buf, f.Name...), ':')
				layout(f.Type)
			}
		}
	}
	for _, t := range []reflect.Type{reflect.TypeFor[Module](), reflect.TypeFor[ext](), reflect.TypeFor[term.Fun]()} {
		layout(t)
	}
	for _, t := range imageNodeTypes {
		layout(t)
	}
	h.Write(buf)
	var sum [fingerprintSize]byte
	h.Sum(sum[:0])
	return sum
}

// imageOpNames lists the opcodes by number, read from instrSet's const block.
var imageOpNames = sync.OnceValue(func() []string {
	var names []string
	in := false
	for _, line := range strings.Split(instrSet, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "opMove ") || strings.HasPrefix(line, "opMove\t"):
			in = true
		case in && line == ")":
			return names
		}
		if in && len(line) > 2 && line[:2] == "op" && line[2] >= 'A' && line[2] <= 'Z' {
			names = append(names, strings.FieldsFunc(line, func(r rune) bool { return r == ' ' || r == '\t' })[0])
		}
	}
	return names
})

// Image is an image and the index of the modules it holds, each decoded
// on demand into the VM that asks for it. It is safe for concurrent use
// by many VMs.
type Image struct {
	data    []byte
	once    sync.Once
	modules map[string]imageEntry
	err     error
}

type imageEntry struct {
	off, n int
	crc    uint32
}

// ParseImage checks data's header and fingerprint and indexes its
// modules; data must stay unchanged while the Image is used. The error
// wraps ErrImageMismatch for an image of another VM build.
func ParseImage(data []byte) (*Image, error) {
	img := NewImage(data)
	if err := img.Err(); err != nil {
		return nil, err
	}
	return img, nil
}

// NewImage returns the image in data, to be checked and indexed when a
// VM first needs a module from it (or Err is called): a program that
// uses no library module then never pays for it. A VM given an image
// that fails the check compiles from source.
func NewImage(data []byte) *Image { return &Image{data: data} }

// Err checks and indexes the image, once, and returns what was wrong with
// it, wrapping ErrImageMismatch for an image of another VM build.
func (img *Image) Err() error {
	img.once.Do(func() { img.modules, img.err = parseImage(img.data) })
	return img.err
}

func parseImage(data []byte) (map[string]imageEntry, error) {
	if !bytes.HasPrefix(data, []byte(imageMagic)) {
		return nil, errors.New("vm image: not an image (bad magic)")
	}
	r := &reader{b: data, off: len(imageMagic)}
	fp := r.bytes(fingerprintSize)
	if r.err != nil {
		return nil, fmt.Errorf("vm image: header: %w", r.err)
	}
	if want := imageFingerprint(); !bytes.Equal(fp, want[:]) {
		return nil, fmt.Errorf("vm image: fingerprint %s, this VM's is %s: %w",
			hex.EncodeToString(fp[:6]), hex.EncodeToString(want[:6]), ErrImageMismatch)
	}
	n := r.count(4)
	modules := make(map[string]imageEntry, n)
	type raw struct {
		name      string
		off, size int
		crc       uint32
	}
	entries := make([]raw, 0, n)
	for range n {
		e := raw{name: string(r.bytes(r.count(1))), off: r.int(), size: r.int(), crc: uint32(r.uvarint())}
		entries = append(entries, e)
	}
	if r.err != nil {
		return nil, fmt.Errorf("vm image: index: %w", r.err)
	}
	base := r.off
	for _, e := range entries {
		if e.off > len(data)-base || e.size > len(data)-base-e.off {
			return nil, fmt.Errorf("vm image: module %q lies outside the image (%d bytes at %d of %d)", e.name, e.size, e.off, len(data)-base)
		}
		if _, dup := modules[e.name]; dup {
			return nil, fmt.Errorf("vm image: module %q twice", e.name)
		}
		modules[e.name] = imageEntry{off: base + e.off, n: e.size, crc: e.crc}
	}
	return modules, nil
}

// Modules returns the names of the image's modules, sorted (none when
// Err reports a problem).
func (img *Image) Modules() []string {
	_ = img.Err()
	names := make([]string, 0, len(img.modules))
	for n := range img.modules {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// Size returns the image's size in bytes.
func (img *Image) Size() int { return len(img.data) }

// WithImage makes the VM take the modules it loads on first use from img
// when it holds them, instead of compiling their source; img must come
// from the same sources as the stdlib the VM would otherwise compile. A
// module the image fails to decode is compiled from source.
func (c *Config) WithImage(img *Image) *Config { n := c.clone(); n.image = img; return n }

// ImageLoads reports how many modules the VM decoded from its image
// (WithImage) and the last error that made it compile one from source
// instead (a mismatched or corrupt image).
func (v *VM) ImageLoads() (int, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.imageLoads, v.imageErr
}

// loadFromImage decodes module name from the image, counting it; nil
// when the image lacks it or fails (the error is kept for ImageLoads).
// A module whose atoms do not fit is the error: the image is not at
// fault, and compiling the source would refuse it too.
func (v *VM) loadFromImage(name string) (*Module, error) {
	m, err := v.moduleFromImage(name)
	if errors.Is(err, term.ErrSystemLimit) {
		return nil, err
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if err != nil {
		v.imageErr = err
		return nil, nil
	}
	if m != nil {
		v.imageLoads++
	}
	return m, nil
}

// moduleFromImage decodes module name from the configured image into v:
// nil, nil when there is no image or it lacks the module.
func (v *VM) moduleFromImage(name string) (*Module, error) {
	img := v.cfg.image
	if img == nil {
		return nil, nil
	}
	if err := img.Err(); err != nil {
		return nil, err
	}
	e, ok := img.modules[name]
	if !ok {
		return nil, nil
	}
	body := img.data[e.off : e.off+e.n]
	if crc32.ChecksumIEEE(body) != e.crc {
		return nil, fmt.Errorf("vm image: module %s: checksum mismatch (corrupt image)", name)
	}
	m, err := decodeModule(v, body)
	if err != nil {
		return nil, fmt.Errorf("vm image: module %s: %w", name, err)
	}
	if m.name != name {
		return nil, fmt.Errorf("vm image: module %s holds module %s", name, m.name)
	}
	return m, nil
}

// StdlibImage compiles every module of the embedded standard library
// (stdlib.FS and stdlib.OTP) and returns their image. The build runs it
// natively and embeds the result in the wasm guest.
func StdlibImage() ([]byte, error) {
	v := New(NewConfig())
	files, err := stdlibFiles()
	if err != nil {
		return nil, err
	}
	mods := make([]*Module, 0, len(files))
	for _, f := range files {
		m, err := v.compileSource(f.name, f.src)
		if err != nil {
			return nil, err
		}
		mods = append(mods, m)
	}
	return encodeImage(v, mods)
}

// stdlibFile is one module of the embedded standard library: its file's
// base name and source.
type stdlibFile struct {
	name string
	src  []byte
}

// stdlibFiles reads every module of stdlib.FS and stdlib.OTP.
func stdlibFiles() ([]stdlibFile, error) {
	var out []stdlibFile
	for _, dir := range []struct {
		fsys fs.FS
		glob string
	}{{stdlib.FS, "*.erl"}, {stdlib.OTP, "otp/*.erl"}} {
		names, err := fs.Glob(dir.fsys, dir.glob)
		if err != nil {
			return nil, fmt.Errorf("listing the stdlib: %w", err)
		}
		for _, n := range names {
			src, err := fs.ReadFile(dir.fsys, n)
			if err != nil {
				return nil, fmt.Errorf("reading %s: %w", n, err)
			}
			out = append(out, stdlibFile{path.Base(n), src})
		}
	}
	return out, nil
}

// encodeImage serialises mods, compiled by v, which must have distinct
// names.
func encodeImage(v *VM, mods []*Module) ([]byte, error) {
	// A BIF is named by the key it is found under, which may not be its
	// own name (erlang:'!'/2 is send/2).
	bifKeys := make(map[*bif]string, len(v.bifs))
	for k, b := range v.bifs {
		if old, ok := bifKeys[b]; !ok || k < old {
			bifKeys[b] = k
		}
	}
	type body struct {
		name string
		b    []byte
	}
	bodies := make([]body, 0, len(mods))
	for _, m := range mods {
		b, err := encodeModule(m, bifKeys)
		if err != nil {
			return nil, fmt.Errorf("encoding module %s: %w", m.name, err)
		}
		bodies = append(bodies, body{m.name, b})
	}
	slices.SortFunc(bodies, func(a, b body) int { return strings.Compare(a.name, b.name) })
	var w writer
	w.b = append(w.b, imageMagic...)
	fp := imageFingerprint()
	w.b = append(w.b, fp[:]...)
	w.uvarint(uint64(len(bodies)))
	off := 0
	for i, b := range bodies {
		if i > 0 && bodies[i-1].name == b.name {
			return nil, fmt.Errorf("module %s twice", b.name)
		}
		w.uvarint(uint64(len(b.name)))
		w.b = append(w.b, b.name...)
		w.uvarint(uint64(off))
		w.uvarint(uint64(len(b.b)))
		w.uvarint(uint64(crc32.ChecksumIEEE(b.b)))
		off += len(b.b)
	}
	for _, b := range bodies {
		w.b = append(w.b, b.b...)
	}
	return w.b, nil
}

// ---- encoding

type writer struct {
	b []byte
}

func (w *writer) uvarint(x uint64) { w.b = binary.AppendUvarint(w.b, x) }
func (w *writer) varint(x int64)   { w.b = binary.AppendVarint(w.b, x) }
func (w *writer) byte(x byte)      { w.b = append(w.b, x) }

func (w *writer) bool(x bool) {
	if x {
		w.byte(1)
	} else {
		w.byte(0)
	}
}

// moduleEncoder writes one module's body: strings go to a table written
// before everything else, referred to by index.
type moduleEncoder struct {
	writer
	strs  map[string]int
	order []string
	local map[*Func]int
	depth int
}

// maxImageDepth bounds the nesting of terms and syntax trees, so a
// corrupt image cannot exhaust the stack.
const maxImageDepth = 10000

func (e *moduleEncoder) str(s string) {
	i, ok := e.strs[s]
	if !ok {
		i = len(e.order)
		e.strs[s] = i
		e.order = append(e.order, s)
	}
	e.uvarint(uint64(i))
}

// encodeModule writes what the VM needs of m. A field added to Module,
// Func, instr or segment that the compiler fills must be written here and
// read back in decodeModule: TestImageRoundTrip compares every field and
// names the one that came back different.
func encodeModule(m *Module, bifKeys map[*bif]string) ([]byte, error) {
	e := &moduleEncoder{strs: map[string]int{}, local: map[*Func]int{}}
	for i, fn := range m.local {
		e.local[fn] = i
	}
	e.str(m.name)
	e.str(m.file)
	e.bool(m.exportAll)
	exports := make([]string, 0, len(m.exports))
	for k, ok := range m.exports {
		if ok {
			exports = append(exports, k)
		}
	}
	slices.Sort(exports)
	e.uvarint(uint64(len(exports)))
	for _, k := range exports {
		e.str(k)
	}
	e.uvarint(uint64(len(m.bifs)))
	for _, b := range m.bifs {
		k, ok := bifKeys[b]
		if !ok {
			return nil, fmt.Errorf("BIF %s:%s/%d is not the VM's", b.mod, b.name, b.arity)
		}
		e.str(k)
	}
	e.uvarint(uint64(len(m.exts)))
	for _, x := range m.exts {
		e.str(x.mod)
		e.str(x.name)
		e.uvarint(uint64(x.arity))
	}
	recs := make([]string, 0, len(m.records))
	for name := range m.records {
		recs = append(recs, name)
	}
	slices.Sort(recs)
	e.uvarint(uint64(len(recs)))
	for _, name := range recs {
		e.str(name)
		if err := e.node(reflect.ValueOf(m.records[name])); err != nil {
			return nil, fmt.Errorf("record %s: %w", name, err)
		}
	}
	e.uvarint(uint64(len(m.local)))
	for _, fn := range m.local {
		if err := e.function(fn); err != nil {
			return nil, fmt.Errorf("function %s/%d: %w", fn.name, fn.arity, err)
		}
	}
	// The string table goes first, so the decoder has it before the
	// references.
	var out writer
	out.uvarint(uint64(len(e.order)))
	for _, s := range e.order {
		out.uvarint(uint64(len(s)))
		out.b = append(out.b, s...)
	}
	return append(out.b, e.b...), nil
}

func (e *moduleEncoder) function(fn *Func) error {
	e.str(fn.name)
	e.uvarint(uint64(fn.arity))
	e.uvarint(uint64(fn.nregs))
	e.varint(int64(fn.line))
	e.uvarint(uint64(fn.nfree))
	e.varint(int64(fn.index))
	parent := -1
	if fn.parent != nil {
		i, ok := e.local[fn.parent]
		if !ok {
			return errors.New("parent function not in the module")
		}
		parent = i
	}
	e.varint(int64(parent))
	e.bool(fn.hasSelf)
	e.varint(int64(fn.selfReg))
	code := fn.code
	if fn.dbg != nil {
		code = fn.dbg.orig // without the debugger's traps
	}
	if len(fn.lines) != len(code) {
		return fmt.Errorf("%d lines for %d instructions", len(fn.lines), len(code))
	}
	e.uvarint(uint64(len(code)))
	prev := int32(0)
	for i, in := range code {
		e.byte(byte(in.op))
		e.varint(int64(in.a))
		e.varint(int64(in.b))
		e.varint(int64(in.c))
		e.varint(int64(in.d))
		e.varint(int64(fn.lines[i] - prev))
		prev = fn.lines[i]
	}
	e.uvarint(uint64(len(fn.consts)))
	for _, k := range fn.consts {
		if err := e.term(k); err != nil {
			return err
		}
	}
	e.uvarint(uint64(len(fn.varNames)))
	for _, n := range fn.varNames {
		e.str(n)
	}
	e.uvarint(uint64(len(fn.segs)))
	for _, segs := range fn.segs {
		e.uvarint(uint64(len(segs)))
		for _, s := range segs {
			e.str(s.typ)
			e.varint(int64(s.sizeReg))
			e.varint(int64(s.unit))
			e.bool(s.signed)
			e.bool(s.little)
			e.varint(int64(s.valReg))
			e.varint(int64(s.offReg))
		}
	}
	e.uvarint(uint64(len(fn.argLists)))
	for _, regs := range fn.argLists {
		e.uvarint(uint64(len(regs)))
		for _, r := range regs {
			e.varint(int64(r))
		}
	}
	return nil
}

// Term tags.
const (
	tagSmall byte = iota
	tagBig
	tagFloat
	tagAtom
	tagNil
	tagList // n elements, then the tail
	tagString
	tagTuple
	tagMap
	tagBits
	tagFun
)

func (e *moduleEncoder) term(t term.Term) error {
	if e.depth++; e.depth > maxImageDepth {
		return errors.New("term nested too deep")
	}
	defer func() { e.depth-- }()
	switch t.Kind() {
	case term.KindInt:
		if t.IsSmall() {
			e.byte(tagSmall)
			e.varint(t.Small())
			return nil
		}
		b := t.Big()
		e.byte(tagBig)
		e.bool(b.Sign() < 0)
		mag := b.Bytes()
		e.uvarint(uint64(len(mag)))
		e.b = append(e.b, mag...)
	case term.KindFloat:
		e.byte(tagFloat)
		e.b = binary.LittleEndian.AppendUint64(e.b, math.Float64bits(t.Float()))
	case term.KindAtom:
		e.byte(tagAtom)
		e.str(t.AtomName())
	case term.KindNil:
		e.byte(tagNil)
	case term.KindCons:
		if s, ok := stringOf(t); ok {
			e.byte(tagString)
			e.str(s)
			return nil
		}
		var elems []term.Term
		for t.Kind() == term.KindCons {
			elems = append(elems, t.Cons().Head)
			t = t.Cons().Tail
		}
		e.byte(tagList)
		e.uvarint(uint64(len(elems)))
		for _, x := range elems {
			if err := e.term(x); err != nil {
				return err
			}
		}
		return e.term(t)
	case term.KindTuple:
		e.byte(tagTuple)
		e.uvarint(uint64(t.TupleLen()))
		for _, x := range t.Elems() {
			if err := e.term(x); err != nil {
				return err
			}
		}
	case term.KindMap:
		m := t.Map()
		e.byte(tagMap)
		e.uvarint(uint64(m.Len()))
		for _, part := range [][]term.Term{m.Keys(), m.Values()} {
			for _, x := range part {
				if err := e.term(x); err != nil {
					return err
				}
			}
		}
	case term.KindBits:
		b := t.Bits()
		e.byte(tagBits)
		e.uvarint(uint64(b.Size))
		e.b = append(e.b, b.Data[:(b.Size+7)/8]...)
	case term.KindFun:
		return e.fun(t.Fun())
	default:
		return fmt.Errorf("constant of kind %s cannot be in an image", t.Kind())
	}
	return nil
}

// stringOf returns a proper list of Unicode code points as UTF-8.
func stringOf(t term.Term) (string, bool) {
	var sb strings.Builder
	for t.Kind() == term.KindCons {
		h := t.Cons().Head
		if !h.IsSmall() || h.Small() < 0 || h.Small() > utf8.MaxRune || !utf8.ValidRune(rune(h.Small())) {
			return "", false
		}
		sb.WriteRune(rune(h.Small()))
		t = t.Cons().Tail
	}
	return sb.String(), t.IsNil()
}

func (e *moduleEncoder) fun(f *term.Fun) error {
	e.byte(tagFun)
	if err := e.term(f.Module); err != nil {
		return err
	}
	if err := e.term(f.Name); err != nil {
		return err
	}
	e.uvarint(uint64(f.Arity))
	e.bool(f.External)
	e.varint(int64(f.Index))
	e.uvarint(uint64(f.Uniq))
	e.uvarint(uint64(len(f.Env)))
	for _, x := range f.Env {
		if err := e.term(x); err != nil {
			return err
		}
	}
	code := -1
	if f.Code != nil {
		fn, ok := f.Code.(*Func)
		if !ok {
			return fmt.Errorf("fun constant with code of type %T", f.Code)
		}
		if code, ok = e.local[fn]; !ok {
			return errors.New("fun constant of another module's function")
		}
	}
	e.varint(int64(code))
	return nil
}

// node encodes a syntax tree by reflection over its fields: a pointer or
// an interface is 0 for nil, else 1 (the node type's index + 1 for an
// interface), then the value; structures their fields in order.
func (e *moduleEncoder) node(v reflect.Value) error {
	if e.depth++; e.depth > maxImageDepth {
		return errors.New("syntax tree nested too deep")
	}
	defer func() { e.depth-- }()
	switch v.Kind() {
	case reflect.Interface:
		if v.IsNil() {
			e.uvarint(0)
			return nil
		}
		if v.Elem().IsNil() {
			return fmt.Errorf("nil %s in a syntax tree", v.Elem().Type())
		}
		i := slices.Index(imageNodeTypes, v.Elem().Type())
		if i < 0 {
			return fmt.Errorf("syntax node %s is not in imageNodeTypes", v.Elem().Type())
		}
		e.uvarint(uint64(i + 1))
		return e.node(v.Elem().Elem())
	case reflect.Pointer:
		if v.IsNil() {
			e.uvarint(0)
			return nil
		}
		e.uvarint(1)
		if b, ok := v.Interface().(*big.Int); ok {
			e.bool(b.Sign() < 0)
			mag := b.Bytes()
			e.uvarint(uint64(len(mag)))
			e.b = append(e.b, mag...)
			return nil
		}
		return e.node(v.Elem())
	case reflect.Struct:
		for i := range v.NumField() {
			if !v.Type().Field(i).IsExported() {
				return fmt.Errorf("%s.%s is unexported", v.Type(), v.Type().Field(i).Name)
			}
			if err := e.node(v.Field(i)); err != nil {
				return err
			}
		}
	case reflect.Slice:
		if v.IsNil() {
			e.uvarint(0)
			return nil
		}
		e.uvarint(uint64(v.Len()) + 1) // 0 is nil
		for i := range v.Len() {
			if err := e.node(v.Index(i)); err != nil {
				return err
			}
		}
	case reflect.String:
		e.str(v.String())
	case reflect.Bool:
		e.bool(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		e.varint(v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		e.uvarint(v.Uint())
	case reflect.Float64:
		e.b = binary.LittleEndian.AppendUint64(e.b, math.Float64bits(v.Float()))
	default:
		return fmt.Errorf("syntax field of kind %s", v.Kind())
	}
	return nil
}

// ---- decoding

// reader reads an image; its first error sticks, and every read after it
// returns zero values.
type reader struct {
	b   []byte
	off int
	err error
}

func (r *reader) fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf("at byte %d: %s", r.off, fmt.Sprintf(format, args...))
	}
}

func (r *reader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	// Most numbers are one byte: registers, opcodes' operands, lengths.
	if r.off < len(r.b) && r.b[r.off] < 0x80 {
		r.off++
		return uint64(r.b[r.off-1])
	}
	x, n := binary.Uvarint(r.b[r.off:])
	if n <= 0 {
		r.fail("bad varint")
		return 0
	}
	r.off += n
	return x
}

func (r *reader) varint() int64 {
	if r.err != nil {
		return 0
	}
	if r.off < len(r.b) && r.b[r.off] < 0x80 {
		u := r.b[r.off]
		r.off++
		return int64(u>>1) ^ -int64(u&1) // zig-zag
	}
	x, n := binary.Varint(r.b[r.off:])
	if n <= 0 {
		r.fail("bad varint")
		return 0
	}
	r.off += n
	return x
}

// int reads a non-negative int that fits 31 bits.
func (r *reader) int() int {
	x := r.uvarint()
	if x > math.MaxInt32 {
		r.fail("number %d out of range", x)
		return 0
	}
	return int(x)
}

// int32 reads a signed 32-bit number.
func (r *reader) int32() int32 {
	x := r.varint()
	if x < math.MinInt32 || x > math.MaxInt32 {
		r.fail("number %d out of range", x)
		return 0
	}
	return int32(x)
}

// count reads a number of elements that each take at least min bytes,
// so a corrupt count cannot ask for more memory than the data holds.
func (r *reader) count(min int) int {
	n := r.int()
	if r.err == nil && n > (len(r.b)-r.off)/min {
		r.fail("count %d exceeds the data left", n)
		return 0
	}
	return n
}

func (r *reader) byte() byte {
	if r.err != nil {
		return 0
	}
	if r.off >= len(r.b) {
		r.fail("truncated")
		return 0
	}
	r.off++
	return r.b[r.off-1]
}

func (r *reader) bool() bool {
	switch r.byte() {
	case 0:
		return false
	case 1:
		return true
	}
	r.fail("bad boolean")
	return false
}

func (r *reader) bytes(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || n > len(r.b)-r.off {
		r.fail("truncated")
		return nil
	}
	r.off += n
	return r.b[r.off-n : r.off]
}

// moduleDecoder reads one module's body into a VM: atoms go into its
// table, BIFs are its own.
type moduleDecoder struct {
	reader
	vm    *VM
	strs  []string
	atoms []term.Term // by string index, interned on first use
	local []*Func
	depth int
	// newAtoms, when not nil, makes this a dry run that interns nothing:
	// it collects, in decoding order, the atoms the table lacks
	// (imageAtomRoom).
	newAtoms *[]string
}

func (d *moduleDecoder) str() string {
	i := d.uvarint()
	if i >= uint64(len(d.strs)) {
		d.fail("string %d of %d", i, len(d.strs))
		return ""
	}
	return d.strs[i]
}

func (d *moduleDecoder) atom() term.Term {
	i := d.uvarint()
	if i >= uint64(len(d.strs)) {
		d.fail("string %d of %d", i, len(d.strs))
		return term.Nil
	}
	if t := d.atoms[i]; t.Kind() == term.KindAtom {
		return t
	}
	if d.newAtoms != nil {
		if _, ok := d.vm.atoms.Existing(d.strs[i]); !ok {
			*d.newAtoms = append(*d.newAtoms, d.strs[i])
		}
		// Any atom will do as the stand-in: the dry run's module is
		// thrown away.
		d.atoms[i] = term.Undefined
		return term.Undefined
	}
	t, err := d.vm.atoms.Intern(d.strs[i])
	if err != nil {
		d.fail("atom %q: %v", d.strs[i], err)
		return term.Nil
	}
	d.atoms[i] = t
	return t
}

func decodeModule(v *VM, body []byte) (m *Module, err error) {
	// Every atom is one of the body's strings, so a table with room for
	// all of them needs no check; nearer the limit a dry run counts the
	// module's new atoms first, so that one that does not fit is refused
	// whole and leaves the table as it was, as a module compiled from
	// source is (compiler.atomRoom).
	if n, _ := binary.Uvarint(body); v.cfg.atomLimit-v.atoms.Len() < int(min(n, math.MaxInt32)) {
		if err := imageAtomRoom(v, body); err != nil {
			return nil, err
		}
	}
	return decodeModuleWith(&moduleDecoder{reader: reader{b: body}, vm: v})
}

// imageAtomRoom decodes body without interning anything and answers the
// atom limit's compile error when its new atoms do not all fit, naming
// the first that does not, in decoding order.
func imageAtomRoom(v *VM, body []byte) error {
	var fresh []string
	m, err := decodeModuleWith(&moduleDecoder{reader: reader{b: body}, vm: v, newAtoms: &fresh})
	if err != nil {
		return err
	}
	room := v.cfg.atomLimit - v.atoms.Len()
	if len(fresh) <= room {
		return nil
	}
	return atomLimitError(m.file, syntax.Pos{}, fresh[max(room, 0)], v.cfg.atomLimit)
}

func decodeModuleWith(d *moduleDecoder) (m *Module, err error) {
	v := d.vm
	n := d.count(1)
	d.strs = make([]string, n)
	for i := range d.strs {
		d.strs[i] = string(d.bytes(d.count(1)))
	}
	d.atoms = make([]term.Term, n)
	m = &Module{funcs: map[string]*Func{}, exports: map[string]bool{}, records: map[string]*syntax.RecordDef{}}
	m.name = d.str()
	m.file = d.str()
	m.exportAll = d.bool()
	for range d.count(1) {
		m.exports[d.str()] = true
	}
	m.bifs = make([]*bif, d.count(1))
	for i := range m.bifs {
		k := d.str()
		if m.bifs[i] = v.bifs[k]; m.bifs[i] == nil && d.err == nil {
			d.fail("no BIF %s in this VM", k)
		}
	}
	m.exts = make([]ext, d.count(3))
	for i := range m.exts {
		m.exts[i] = ext{mod: d.str(), name: d.str(), arity: d.int()}
	}
	for range d.count(2) {
		name := d.str()
		var def *syntax.RecordDef
		d.node(reflect.ValueOf(&def).Elem())
		if def == nil && d.err == nil {
			d.fail("record %s without a definition", name)
		}
		m.records[name] = def
	}
	m.local = make([]*Func, d.count(1))
	for i := range m.local {
		m.local[i] = &Func{mod: m}
	}
	d.local = m.local
	for _, fn := range m.local {
		if d.function(fn); d.err != nil {
			break
		}
		if fn.index < 0 {
			m.funcs[fmt.Sprintf("%s/%d", fn.name, fn.arity)] = fn
		}
	}
	if d.err == nil && d.off != len(d.b) {
		d.fail("%d bytes left over", len(d.b)-d.off)
	}
	if d.err != nil {
		return nil, d.err
	}
	return m, nil
}

func (d *moduleDecoder) function(fn *Func) {
	fn.name = d.str()
	fn.arity = d.int()
	fn.nregs = d.int()
	fn.line = d.int32()
	fn.nfree = d.int()
	fn.index = int(d.int32())
	if p := d.int32(); p >= 0 {
		if int(p) >= len(d.local) {
			d.fail("parent %d of %d functions", p, len(d.local))
			return
		}
		fn.parent = d.local[p]
	}
	fn.hasSelf = d.bool()
	fn.selfReg = d.int32()
	n := d.count(6)
	ops := imageOpNames()
	fn.code = make([]instr, n)
	fn.lines = make([]int32, n)
	line := int32(0)
	for i := range fn.code {
		o := d.byte()
		if int(o) >= len(ops) {
			d.fail("opcode %d of %d", o, len(ops))
			return
		}
		fn.code[i] = instr{op: op(o), a: d.int32(), b: d.int32(), c: d.int32(), d: d.int32()}
		line += d.int32()
		fn.lines[i] = line
	}
	fn.consts = make([]term.Term, d.count(1))
	for i := range fn.consts {
		fn.consts[i] = d.term()
	}
	fn.varNames = make([]string, d.count(1))
	for i := range fn.varNames {
		fn.varNames[i] = d.str()
	}
	if n := d.count(1); n > 0 {
		fn.segs = make([][]segment, n)
		for i := range fn.segs {
			fn.segs[i] = make([]segment, d.count(7))
			for j := range fn.segs[i] {
				fn.segs[i][j] = segment{typ: d.str(), sizeReg: d.int32(), unit: int(d.int32()), signed: d.bool(),
					little: d.bool(), valReg: d.int32(), offReg: d.int32()}
			}
		}
	}
	if n := d.count(1); n > 0 {
		fn.argLists = make([][]int32, n)
		for i := range fn.argLists {
			fn.argLists[i] = make([]int32, d.count(1))
			for j := range fn.argLists[i] {
				fn.argLists[i][j] = d.int32()
			}
		}
	}
	markLeaf(fn) // derived from the code, not stored
}

func (d *moduleDecoder) term() term.Term {
	if d.depth++; d.depth > maxImageDepth {
		d.fail("term nested too deep")
	}
	defer func() { d.depth-- }()
	if d.err != nil {
		return term.Nil
	}
	switch tag := d.byte(); tag {
	case tagSmall:
		return term.MakeInt(d.varint())
	case tagBig:
		neg := d.bool()
		b := new(big.Int).SetBytes(d.bytes(d.count(1)))
		if neg {
			b.Neg(b)
		}
		return term.MakeBig(b)
	case tagFloat:
		b := d.bytes(8)
		if d.err != nil {
			return term.Nil
		}
		return term.MakeFloat(math.Float64frombits(binary.LittleEndian.Uint64(b)))
	case tagAtom:
		return d.atom()
	case tagNil:
		return term.Nil
	case tagList:
		elems := make([]term.Term, d.count(1))
		for i := range elems {
			elems[i] = d.term()
		}
		return term.MakeListTail(elems, d.term())
	case tagString:
		return term.MakeString(d.str())
	case tagTuple:
		elems := make([]term.Term, d.count(1))
		for i := range elems {
			elems[i] = d.term()
		}
		return term.MakeTuple(elems...)
	case tagMap:
		n := d.count(2)
		keys, vals := make([]term.Term, n), make([]term.Term, n)
		for i := range keys {
			keys[i] = d.term()
		}
		for i := range vals {
			vals[i] = d.term()
		}
		if d.err != nil {
			return term.Nil
		}
		return term.NewMap(keys, vals)
	case tagBits:
		size := d.int()
		data := d.bytes((size + 7) / 8)
		if d.err != nil {
			return term.Nil
		}
		return term.MakeBits(bytes.Clone(data), size)
	case tagFun:
		return d.fun()
	default:
		d.fail("term tag %d", tag)
	}
	return term.Nil
}

func (d *moduleDecoder) fun() term.Term {
	f := &term.Fun{Module: d.term(), Name: d.term(), Arity: d.int(), External: d.bool(), Index: int(d.int32()), Uniq: uint32(d.uvarint())}
	if n := d.count(1); n > 0 {
		f.Env = make([]term.Term, n)
		for i := range f.Env {
			f.Env[i] = d.term()
		}
	}
	if c := d.int32(); c >= 0 {
		if int(c) >= len(d.local) {
			d.fail("fun of function %d of %d", c, len(d.local))
			return term.Nil
		}
		f.Code = d.local[c]
	}
	if d.err != nil {
		return term.Nil
	}
	if f.Module.Kind() != term.KindAtom || f.Name.Kind() != term.KindAtom {
		d.fail("fun whose module or name is not an atom")
		return term.Nil
	}
	return term.MakeFun(f)
}

// node decodes into v (settable) what moduleEncoder.node wrote.
func (d *moduleDecoder) node(v reflect.Value) {
	if d.depth++; d.depth > maxImageDepth {
		d.fail("syntax tree nested too deep")
	}
	defer func() { d.depth-- }()
	if d.err != nil {
		return
	}
	switch v.Kind() {
	case reflect.Interface:
		i := d.uvarint()
		if i == 0 || d.err != nil {
			return
		}
		if i > uint64(len(imageNodeTypes)) {
			d.fail("syntax node type %d of %d", i, len(imageNodeTypes))
			return
		}
		t := imageNodeTypes[i-1]
		if !t.Implements(v.Type()) {
			d.fail("syntax node %s where a %s belongs", t, v.Type())
			return
		}
		p := reflect.New(t.Elem())
		d.node(p.Elem())
		v.Set(p)
	case reflect.Pointer:
		switch d.uvarint() {
		case 0:
			return
		case 1:
		default:
			d.fail("bad pointer mark")
			return
		}
		if v.Type() == reflect.TypeFor[*big.Int]() {
			neg := d.bool()
			b := new(big.Int).SetBytes(d.bytes(d.count(1)))
			if neg {
				b.Neg(b)
			}
			v.Set(reflect.ValueOf(b))
			return
		}
		p := reflect.New(v.Type().Elem())
		d.node(p.Elem())
		v.Set(p)
	case reflect.Struct:
		for i := range v.NumField() {
			if !v.Type().Field(i).IsExported() {
				d.fail("%s.%s is unexported", v.Type(), v.Type().Field(i).Name)
				return
			}
			d.node(v.Field(i))
		}
	case reflect.Slice:
		n := d.int() // 0: nil, else the length + 1
		if n == 0 || d.err != nil {
			return
		}
		if n--; n > len(d.b)-d.off {
			d.fail("count %d exceeds the data left", n)
			return
		}
		s := reflect.MakeSlice(v.Type(), n, n)
		for i := range n {
			d.node(s.Index(i))
		}
		v.Set(s)
	case reflect.String:
		v.SetString(d.str())
	case reflect.Bool:
		v.SetBool(d.bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		x := d.varint()
		if v.OverflowInt(x) {
			d.fail("%d overflows %s", x, v.Type())
			return
		}
		v.SetInt(x)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		x := d.uvarint()
		if v.OverflowUint(x) {
			d.fail("%d overflows %s", x, v.Type())
			return
		}
		v.SetUint(x)
	case reflect.Float64:
		if b := d.bytes(8); d.err == nil {
			v.SetFloat(math.Float64frombits(binary.LittleEndian.Uint64(b)))
		}
	default:
		d.fail("syntax field of kind %s", v.Kind())
	}
}
