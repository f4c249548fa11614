//go:build wasip1

package main

import (
	"embed"

	"github.com/otpbox/otpbox/sandbox/erl/vm"
)

// imageFS holds image/stdlib.img, the standard library compiled by the
// native build of the same tree, when `make guest` wrote it first (see
// image/README.md); a guest built without it compiles the library from
// source.
//
//go:embed image
var imageFS embed.FS

// stdlibImage returns the embedded image, checked only when the VM first
// needs a library module, or nil.
func stdlibImage() *vm.Image {
	data, err := imageFS.ReadFile("image/stdlib.img")
	if err != nil {
		return nil
	}
	return vm.NewImage(data)
}
