//go:build wasm

package cell

// Pointer is an atomically read and written *T.
type Pointer[T any] struct{ v *T }

// Load returns the pointer.
func (c *Pointer[T]) Load() *T { return c.v }

// Store sets the pointer.
func (c *Pointer[T]) Store(p *T) { c.v = p }

// Int32 is an atomically read and written int32.
type Int32 struct{ v int32 }

// Load returns the value.
func (c *Int32) Load() int32 { return c.v }

// Store sets the value.
func (c *Int32) Store(v int32) { c.v = v }

// CompareAndSwap sets the value to new if it is old, and reports whether
// it did.
func (c *Int32) CompareAndSwap(old, new int32) bool {
	if c.v != old {
		return false
	}
	c.v = new
	return true
}

// Bool is an atomically read and written bool.
type Bool struct{ v bool }

// Load returns the value.
func (c *Bool) Load() bool { return c.v }

// Store sets the value.
func (c *Bool) Store(v bool) { c.v = v }

// Uint64 is an atomically read and written uint64.
type Uint64 struct{ v uint64 }

// Load returns the value.
func (c *Uint64) Load() uint64 { return c.v }

// Store sets the value.
func (c *Uint64) Store(v uint64) { c.v = v }

// Add adds d and returns the new value.
func (c *Uint64) Add(d uint64) uint64 {
	c.v += d
	return c.v
}
