package vm

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"unsafe"

	"github.com/otpbox/otpbox/sandbox/erl/stdlib"
	"github.com/otpbox/otpbox/sandbox/erl/term"
)

// conformanceDir holds the VM's conformance programs; this package cannot
// import package conformance (it imports vm), so the tests read its files.
const conformanceDir = "conformance/testdata"

var stdlibImage = sync.OnceValues(func() (*Image, error) {
	data, err := StdlibImage()
	if err != nil {
		return nil, err
	}
	return ParseImage(data)
})

func testStdlibImage(t testing.TB) *Image {
	t.Helper()
	img, err := stdlibImage()
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// stdlibSources returns every stdlib and OTP module's source by file name.
func stdlibSources(t *testing.T) map[string][]byte {
	t.Helper()
	files, err := stdlibFiles()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range files {
		out[f.name] = f.src
	}
	return out
}

func conformanceSources(t *testing.T) map[string][]byte {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(conformanceDir, "*.erl"))
	if err != nil {
		t.Fatal(err)
	}
	if len(names) < 100 {
		t.Fatalf("%d conformance programs in %s", len(names), conformanceDir)
	}
	out := map[string][]byte{}
	for _, n := range names {
		src, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(n)] = src
	}
	return out
}

// throughImage encodes m, compiled by from, alone, parses the image and
// decodes it into v.
func throughImage(t testing.TB, from, v *VM, m *Module) *Module {
	t.Helper()
	data, err := encodeImage(from, []*Module{m})
	if err != nil {
		t.Fatalf("encoding %s: %v", m.name, err)
	}
	img, err := ParseImage(data)
	if err != nil {
		t.Fatalf("parsing the image of %s: %v", m.name, err)
	}
	got, err := v.withImage(img).moduleFromImage(m.name)
	if err != nil || got == nil {
		t.Fatalf("decoding %s: %v", m.name, err)
	}
	return got
}

// withImage returns a shallow copy of v whose configuration has img, for
// decoding into v's atom table and BIFs.
func (v *VM) withImage(img *Image) *VM {
	c := *v.cfg
	c.image = img
	w := &VM{cfg: &c, atoms: v.atoms, bifs: v.bifs}
	return w
}

// TestImageRoundTrip compiles every stdlib and OTP module and every
// conformance program, sends each through an image and compares the
// result with the compiled module field by field.
func TestImageRoundTrip(t *testing.T) {
	srcs := stdlibSources(t)
	for name, src := range conformanceSources(t) {
		srcs[name] = src
	}
	v := New(NewConfig())
	for name, src := range srcs {
		m, err := v.compileSource(name, src)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		got := throughImage(t, v, v, m)
		if d := diffModules(m, got); d != "" {
			t.Errorf("%s: the decoded module differs: %s", name, d)
		}
	}
}

// diffModules compares two modules and each of their functions.
func diffModules(a, b *Module) string {
	if d := diffValues(reflect.ValueOf(a).Elem(), reflect.ValueOf(b).Elem(), "Module", a, b); d != "" {
		return d
	}
	for i, fn := range a.local {
		at := fmt.Sprintf("%s/%d", fn.name, fn.arity)
		if d := diffValues(reflect.ValueOf(fn).Elem(), reflect.ValueOf(b.local[i]).Elem(), at, a, b); d != "" {
			return d
		}
	}
	return ""
}

// diffValues compares a and b, of the same type, structurally: nil and
// empty slices and maps alike, terms by exact equality, a *Func by its
// place in its module (a and b's), a *Module by name. It names the first
// difference.
func diffValues(a, b reflect.Value, at string, ma, mb *Module) string {
	if a.Type() == reflect.TypeFor[term.Term]() {
		return diffTerms(readable(a).Interface().(term.Term), readable(b).Interface().(term.Term), at, ma, mb)
	}
	switch a.Kind() {
	case reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				return at + ": one is nil"
			}
			return ""
		}
		switch a.Type() {
		case reflect.TypeFor[*Func]():
			fa, fb := (*Func)(a.UnsafePointer()), (*Func)(b.UnsafePointer())
			if i, j := localIndex(ma, fa), localIndex(mb, fb); i != j {
				return fmt.Sprintf("%s: function %d, want %d", at, j, i)
			}
			return ""
		case reflect.TypeFor[*Module]():
			if x, y := (*Module)(a.UnsafePointer()).name, (*Module)(b.UnsafePointer()).name; x != y {
				return fmt.Sprintf("%s: module %s, want %s", at, y, x)
			}
			return ""
		case reflect.TypeFor[*bif]():
			if a.UnsafePointer() != b.UnsafePointer() {
				return at + ": another BIF"
			}
			return ""
		}
		return diffValues(a.Elem(), b.Elem(), at, ma, mb)
	case reflect.Interface:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				return at + ": one is nil"
			}
			return ""
		}
		if a.Elem().Type() != b.Elem().Type() {
			return fmt.Sprintf("%s: %s, want %s", at, b.Elem().Type(), a.Elem().Type())
		}
		return diffValues(a.Elem(), b.Elem(), at, ma, mb)
	case reflect.Struct:
		for i := range a.NumField() {
			if d := diffValues(a.Field(i), b.Field(i), at+"."+a.Type().Field(i).Name, ma, mb); d != "" {
				return d
			}
		}
		return ""
	case reflect.Slice:
		if a.Len() != b.Len() {
			return fmt.Sprintf("%s: length %d, want %d", at, b.Len(), a.Len())
		}
		for i := range a.Len() {
			if d := diffValues(a.Index(i), b.Index(i), fmt.Sprintf("%s[%d]", at, i), ma, mb); d != "" {
				return d
			}
		}
		return ""
	case reflect.Map:
		if a.Len() != b.Len() {
			return fmt.Sprintf("%s: %d entries, want %d", at, b.Len(), a.Len())
		}
		for _, k := range a.MapKeys() {
			bv := b.MapIndex(k)
			if !bv.IsValid() {
				return fmt.Sprintf("%s: no key %v", at, k)
			}
			if d := diffValues(a.MapIndex(k), bv, fmt.Sprintf("%s[%v]", at, k), ma, mb); d != "" {
				return d
			}
		}
		return ""
	case reflect.Func:
		if !a.IsNil() || !b.IsNil() {
			return at + ": a func value"
		}
		return ""
	}
	x, y := leaf(a), leaf(b)
	if x != y {
		return fmt.Sprintf("%s: %v, want %v", at, y, x)
	}
	return ""
}

// leaf returns a scalar's value, unexported fields' included.
func leaf(v reflect.Value) any {
	switch v.Kind() {
	case reflect.Bool:
		return v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint()
	case reflect.Float32, reflect.Float64:
		return v.Float()
	case reflect.String:
		return v.String()
	case reflect.UnsafePointer:
		return v.Pointer()
	}
	panic(fmt.Sprintf("diffValues: a %s", v.Kind()))
}

// readable returns v, addressable, without the read-only mark of an
// unexported field.
func readable(v reflect.Value) reflect.Value {
	if v.CanInterface() {
		return v
	}
	return reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem()
}

func localIndex(m *Module, fn *Func) int {
	for i, f := range m.local {
		if f == fn {
			return i
		}
	}
	return -1
}

func diffTerms(a, b term.Term, at string, ma, mb *Module) string {
	if a.Kind() != b.Kind() {
		return fmt.Sprintf("%s: a %s, want a %s", at, b.Kind(), a.Kind())
	}
	switch a.Kind() {
	case term.KindFun:
		fa, fb := a.Fun(), b.Fun()
		if fa.Code != nil || fb.Code != nil {
			ca, _ := fa.Code.(*Func)
			cb, _ := fb.Code.(*Func)
			if ca == nil || cb == nil || localIndex(ma, ca) != localIndex(mb, cb) {
				return at + ": a fun of another function"
			}
		}
		ca, cb := *fa, *fb
		ca.Code, cb.Code = nil, nil
		return diffValues(reflect.ValueOf(&ca).Elem(), reflect.ValueOf(&cb).Elem(), at+"(fun)", ma, mb)
	case term.KindTuple:
		for i := range a.TupleLen() {
			if d := diffTerms(a.Elem(i), b.Elem(i), fmt.Sprintf("%s{%d}", at, i), ma, mb); d != "" {
				return d
			}
		}
	case term.KindCons:
		if d := diffTerms(a.Cons().Head, b.Cons().Head, at+"[hd]", ma, mb); d != "" {
			return d
		}
		return diffTerms(a.Cons().Tail, b.Cons().Tail, at+"[tl]", ma, mb)
	case term.KindAtom:
		// The same table's record, not only the same name.
		if reflect.ValueOf(a).Field(1).Pointer() != reflect.ValueOf(b).Field(1).Pointer() {
			return fmt.Sprintf("%s: atom %s is not the VM's own", at, b.AtomName())
		}
	}
	if term.CompareExact(a, b) != 0 || a.IsSmall() != b.IsSmall() {
		return fmt.Sprintf("%s: %s, want %s", at, Show(b), Show(a))
	}
	return ""
}

// TestImageConformance runs every conformance program twice, once with
// everything compiled from source and once with everything (the runner,
// the program and the stdlib modules it uses) decoded from images, and
// wants the same output.
func TestImageConformance(t *testing.T) {
	img := testStdlibImage(t)
	srcs := conformanceSources(t)
	runner := srcs["conformance_runner.erl"]
	compiler := New(NewConfig())
	runnerMod, err := compiler.compileSource("conformance_runner.erl", runner)
	if err != nil {
		t.Fatal(err)
	}
	fromImage := 0
	for file, src := range srcs {
		name := strings.TrimSuffix(file, ".erl")
		if name == "conformance_runner" {
			continue
		}
		var want, got bytes.Buffer
		wantErr := runConformance(t, New(NewConfig().WithStdout(&want).WithVirtualTime(true)), name, func(v *VM) error {
			if err := v.LoadModule("conformance_runner.erl", runner); err != nil {
				return err
			}
			return v.LoadModule(file, src)
		})
		v := New(NewConfig().WithStdout(&got).WithVirtualTime(true).WithImage(img))
		gotErr := runConformance(t, v, name, func(v *VM) error {
			m, err := compiler.compileSource(file, src)
			if err != nil {
				return err
			}
			for _, m := range []*Module{runnerMod, m} {
				v.dbg.world.Lock()
				v.installLocked(throughImage(t, compiler, v, m))
				v.dbg.world.Unlock()
			}
			return nil
		})
		if fmt.Sprint(wantErr) != fmt.Sprint(gotErr) || want.String() != got.String() {
			t.Errorf("%s: through the image:\n%s%v\nfrom source:\n%s%v", name, got.String(), gotErr, want.String(), wantErr)
		}
		for _, m := range v.loadedModules() {
			if _, ok := img.modules[m.name]; ok {
				fromImage++
			}
		}
	}
	if fromImage < len(srcs) {
		t.Errorf("only %d stdlib modules came from the image over %d programs", fromImage, len(srcs))
	}
}

func runConformance(t *testing.T, v *VM, name string, load func(*VM) error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	if err := load(v); err != nil {
		return err
	}
	_, err = v.Call("conformance_runner", "run", term.MakeAtom(name))
	return err
}

// The stdlib's modules load from the image, not from source, and behave.
func TestImageLoadsStdlib(t *testing.T) {
	img := testStdlibImage(t)
	if got := len(img.Modules()); got < 15 {
		t.Fatalf("the stdlib image holds %d modules: %v", got, img.Modules())
	}
	// An empty stdlib file system: a module can only come from the image.
	v := New(NewConfig().WithImage(img).WithStdlib(fstestEmpty{}))
	r, err := v.Call("lists", "seq", term.MakeInt(1), term.MakeInt(3))
	if err != nil {
		t.Fatal(err)
	}
	if Show(r) != "[1,2,3]" {
		t.Errorf("lists:seq(1, 3) = %s", Show(r))
	}
	if _, err := v.Call("lists", "no_such", term.Nil); err == nil {
		t.Error("lists:no_such/1 called")
	}
}

type fstestEmpty struct{}

func (fstestEmpty) Open(name string) (fs.File, error) {
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// A mismatched or corrupt image is refused with an error naming the
// problem, and a module whose body is corrupt is compiled from source.
func TestImageRejects(t *testing.T) {
	data, err := StdlibImage()
	if err != nil {
		t.Fatal(err)
	}
	bad := bytes.Clone(data)
	bad[len(imageMagic)] ^= 1
	if _, err := ParseImage(bad); !errors.Is(err, ErrImageMismatch) {
		t.Errorf("ParseImage with another fingerprint: %v, want ErrImageMismatch", err)
	}
	if _, err := ParseImage([]byte("not an image")); err == nil || !strings.Contains(err.Error(), "magic") {
		t.Errorf("ParseImage of text: %v", err)
	}
	if _, err := ParseImage(data[:len(imageMagic)+40]); err == nil {
		t.Error("ParseImage of a truncated image succeeded")
	}
	// Flip a byte inside lists' body.
	img, err := ParseImage(data)
	if err != nil {
		t.Fatal(err)
	}
	e := img.modules["lists"]
	bad = bytes.Clone(data)
	bad[e.off+e.n/2] ^= 0x55
	img, err = ParseImage(bad)
	if err != nil {
		t.Fatal(err)
	}
	v := New(NewConfig().WithImage(img))
	if _, err := v.moduleFromImage("lists"); err == nil || !strings.Contains(err.Error(), "checksum") {
		t.Errorf("decoding a corrupt lists: %v", err)
	}
	r, err := v.Call("lists", "reverse", term.MakeList(term.MakeInt(1), term.MakeInt(2)))
	if err != nil || Show(r) != "[2,1]" {
		t.Errorf("lists:reverse/1 after the image failed: %s, %v", Show(r), err)
	}
}

// imageOpNames reads the opcodes from code.go in their numeric order.
func TestImageOpNames(t *testing.T) {
	names := imageOpNames()
	for o, want := range map[op]string{opMove: "opMove", opConst: "opConst", opGetList: "opGetList", opLtI: "opLtI", opLeI: "opLeI", opBinBuild: "opBinBuild"} {
		if int(o) >= len(names) || names[o] != want {
			t.Errorf("imageOpNames()[%d] is not %s (%d names)", o, want, len(names))
		}
	}
	if len(names) > 255 {
		t.Errorf("%d opcodes do not fit a byte", len(names))
	}
}

// The image is deterministic: the same sources give the same bytes.
func TestImageDeterministic(t *testing.T) {
	a, err := StdlibImage()
	if err != nil {
		t.Fatal(err)
	}
	b, err := StdlibImage()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("two builds of the stdlib image differ")
	}
}

func FuzzDecodeImage(f *testing.F) {
	small, err := encodeImage(New(NewConfig()), nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(small)
	v := New(NewConfig())
	for _, src := range []string{
		"-module(a).\n-export([f/1]).\n-record(r, {x = 1 + 2, y = \"s\" :: string()}).\nf(X) -> {X, 1.5, <<1:3>>, [a|b], #{k => v}, fun f/1, 1 bsl 70, #r{}}.\n",
		"-module(b).\n-export([g/0]).\ng() -> F = fun G(0) -> ok; G(N) -> G(N - 1) end, F(3), lists:map(fun(X) -> X end, [1]).\n",
	} {
		m, err := v.compileSource("x.erl", []byte(src))
		if err != nil {
			f.Fatal(err)
		}
		data, err := encodeImage(v, []*Module{m})
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
		img, err := ParseImage(data)
		if err != nil {
			f.Fatal(err)
		}
		e := img.modules[m.name]
		f.Add(data[e.off : e.off+e.n]) // a body alone, for decodeModule
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		v := New(NewConfig())
		if img, err := ParseImage(data); err == nil {
			for _, name := range img.Modules() {
				_, _ = v.withImage(img).moduleFromImage(name)
			}
		}
		// A body without the checksum's protection.
		_, _ = decodeModule(v, data)
	})
}

// BenchmarkImageDecode and BenchmarkStdlibCompile compare a module's two
// ways into a VM, natively.
func BenchmarkImageDecode(b *testing.B) {
	img := testStdlibImage(b)
	v := New(NewConfig().WithImage(img))
	for _, name := range []string{"lists", "gen_server", "io_lib"} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := v.moduleFromImage(name); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("all", func(b *testing.B) {
		for b.Loop() {
			for _, name := range img.Modules() {
				if _, err := v.moduleFromImage(name); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}

func BenchmarkStdlibCompile(b *testing.B) {
	v := New(NewConfig())
	for _, name := range []string{"lists", "gen_server", "io_lib"} {
		dir, file := stdlib.FS, name+".erl"
		if _, err := fs.Stat(dir, file); err != nil {
			dir, file = stdlib.OTP, "otp/"+file
		}
		src, err := fs.ReadFile(dir, file)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := v.compileSource(name+".erl", src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkImageFingerprint(b *testing.B) {
	for b.Loop() {
		imageFingerprintOf()
	}
}

// Many VMs share one image (native sandboxes in one process): each
// decodes its own modules from it at once.
func TestImageConcurrentVMs(t *testing.T) {
	data, err := StdlibImage()
	if err != nil {
		t.Fatal(err)
	}
	img := NewImage(data) // checked by the first VM that needs a module
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v := New(NewConfig().WithImage(img))
			r, err := v.Call("lists", "seq", term.MakeInt(1), term.MakeInt(4))
			if err == nil && Show(r) != "[1,2,3,4]" {
				err = fmt.Errorf("lists:seq(1, 4) = %s", Show(r))
			}
			if n, ierr := v.ImageLoads(); err == nil && (n != 1 || ierr != nil) {
				err = fmt.Errorf("ImageLoads = %d, %v", n, ierr)
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}
