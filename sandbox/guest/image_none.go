//go:build wasip1 && !otpbox_image

package main

import "github.com/otpbox/otpbox/sandbox/erl/vm"

// stdlibImage is nil in a guest built without the otpbox_image tag (a
// plain go build, without make's image/stdlib.img): the VM compiles the
// library from source.
func stdlibImage() *vm.Image { return nil }
