// Package image holds the standard library's compiled image
// (vm.StdlibImage) that `make guest` writes into this directory, for the
// host's VMs, which decode library modules from it instead of compiling
// their source: native sandboxes and the debug adapter's own VM. The wasm
// guest embeds the same file itself (../image.go).
package image

import (
	"embed"
	"io/fs"
	"sync"

	"github.com/otpbox/otpbox/sandbox/erl/vm"
)

// files is this directory: stdlib.img once make has written it, and
// otherwise only the README, so that a fresh checkout still compiles.
//
//go:embed *
var files embed.FS

// stdlib parses the image once for the whole process; it is immutable.
var stdlib = sync.OnceValue(func() *vm.Image {
	data, err := fs.ReadFile(files, "stdlib.img")
	if err != nil {
		return nil
	}
	return vm.NewImage(data)
})

// Stdlib returns the embedded image, or nil in a build without it (a
// plain go build without `make guest`), where VMs compile the library
// from source. An image from another VM build is refused by the VM when
// it first needs a module (vm.ErrImageMismatch), and the module is
// compiled from source then too.
func Stdlib() *vm.Image { return stdlib() }
