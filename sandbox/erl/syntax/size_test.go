package syntax

import (
	"reflect"
	"testing"
	"unsafe"
)

// The token's size and its having no pointers are a performance contract:
// see the comment on Token.
func TestTokenSize(t *testing.T) {
	if n := unsafe.Sizeof(Token{}); n > 48 {
		t.Errorf("Token is %d bytes, want at most 48", n)
	}
	typ := reflect.TypeFor[Token]()
	for i := range typ.NumField() {
		switch f := typ.Field(i); f.Type.Kind() {
		case reflect.String, reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
			t.Errorf("Token.%s is a %s: the token must hold no pointers", f.Name, f.Type.Kind())
		}
	}
}
