package syntax

import (
	"testing"
	"unsafe"
)

// The token's size is a performance contract: see the comment on Token.
func TestTokenSize(t *testing.T) {
	if n := unsafe.Sizeof(Token{}); n > 96 {
		t.Errorf("Token is %d bytes, want at most 96", n)
	}
}
