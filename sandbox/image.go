package sandbox

import (
	"io/fs"
	"sync"

	"github.com/otpbox/otpbox/sandbox/erl/vm"
)

// nativeImage is the stdlib's compiled image that `make guest` also puts
// in guestbin (beside the guest, which embeds its own copy), parsed once
// for every native sandbox of the process; nil without it, and then
// native sandboxes compile the library from source. It is immutable.
var nativeImage = sync.OnceValue(func() *vm.Image {
	data, err := fs.ReadFile(guestFS, "guestbin/stdlib.img")
	if err != nil {
		return nil
	}
	return vm.NewImage(data)
})
