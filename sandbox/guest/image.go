//go:build wasip1 && otpbox_image

package main

import (
	_ "embed" // the image

	"github.com/otpbox/otpbox/sandbox/erl/vm"
)

// stdlibImg is the standard library compiled by the native build of the
// same tree, which `make guest` writes before it builds the guest with
// the otpbox_image tag (see image/README.md). A []byte embed, not an
// embed.FS: reading a file out of an embed.FS copies it, and that copy
// was 0.15 MiB more per idle sandbox.
//
//go:embed image/stdlib.img
var stdlibImg []byte

// stdlibImage returns the embedded image, checked only when the VM first
// needs a library module.
func stdlibImage() *vm.Image { return vm.NewImage(stdlibImg) }
