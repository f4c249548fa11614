package cell

import "testing"

// TestCells checks the operations' results; the guest build (GOARCH=wasm)
// runs the same checks on its plain loads and stores.
func TestCells(t *testing.T) {
	var i Int32
	if i.CompareAndSwap(1, 2) || i.Load() != 0 {
		t.Errorf("CompareAndSwap(1, 2) on 0 swapped: %d", i.Load())
	}
	if !i.CompareAndSwap(0, 3) || i.Load() != 3 {
		t.Errorf("CompareAndSwap(0, 3) on 0: %d", i.Load())
	}
	i.Store(-4)
	if i.Load() != -4 {
		t.Errorf("Store(-4): %d", i.Load())
	}
	var p Pointer[int]
	x := 7
	if p.Load() != nil {
		t.Error("a new Pointer is not nil")
	}
	if p.Store(&x); p.Load() != &x {
		t.Error("Pointer.Store")
	}
	var b Bool
	if b.Store(true); !b.Load() {
		t.Error("Bool.Store(true)")
	}
	if b.Store(false); b.Load() {
		t.Error("Bool.Store(false)")
	}
	var u Uint64
	u.Store(1 << 40)
	if got := u.Add(5); got != 1<<40+5 || u.Load() != got {
		t.Errorf("Uint64.Add: %d, then %d", got, u.Load())
	}
}
