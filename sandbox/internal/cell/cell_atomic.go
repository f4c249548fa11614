//go:build !wasm

package cell

import "sync/atomic"

// Pointer is an atomically read and written *T.
type Pointer[T any] struct{ v atomic.Pointer[T] }

// Load returns the pointer.
func (c *Pointer[T]) Load() *T { return c.v.Load() }

// Store sets the pointer.
func (c *Pointer[T]) Store(p *T) { c.v.Store(p) }

// Int32 is an atomically read and written int32.
type Int32 struct{ v atomic.Int32 }

// Load returns the value.
func (c *Int32) Load() int32 { return c.v.Load() }

// Store sets the value.
func (c *Int32) Store(v int32) { c.v.Store(v) }

// CompareAndSwap sets the value to new if it is old, and reports whether
// it did.
func (c *Int32) CompareAndSwap(old, new int32) bool { return c.v.CompareAndSwap(old, new) }

// Bool is an atomically read and written bool.
type Bool struct{ v atomic.Bool }

// Load returns the value.
func (c *Bool) Load() bool { return c.v.Load() }

// Store sets the value.
func (c *Bool) Store(v bool) { c.v.Store(v) }

// Uint64 is an atomically read and written uint64.
type Uint64 struct{ v atomic.Uint64 }

// Load returns the value.
func (c *Uint64) Load() uint64 { return c.v.Load() }

// Store sets the value.
func (c *Uint64) Store(v uint64) { c.v.Store(v) }

// Add adds d and returns the new value.
func (c *Uint64) Add(d uint64) uint64 { return c.v.Add(d) }
