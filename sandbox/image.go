package sandbox

import (
	"github.com/otpbox/otpbox/sandbox/erl/vm"
	"github.com/otpbox/otpbox/sandbox/guest/image"
)

// nativeImage is the stdlib's compiled image that `make guest` writes
// for the host (package image), shared by every native sandbox of the
// process; nil without it, and then native sandboxes compile the library
// from source.
func nativeImage() *vm.Image { return image.Stdlib() }
