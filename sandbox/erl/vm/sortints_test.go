package vm

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSortInts checks sortInts against pdqsort on slices around the radix
// threshold, with spreads that take one to four radix passes, more than
// four (pdqsort), negative values and values at the small-integer range's
// ends.
func TestSortInts(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	spreads := []int64{1, 2, 100, 1 << 11, 100000, 1 << 22, 1 << 33, 1 << 44, 1 << 50, 1 << 59}
	for _, n := range []int{0, 1, 5, radixMin - 1, radixMin, radixMin + 1, 5000, 200000} {
		for _, spread := range spreads {
			for _, base := range []int64{0, -spread / 2, -(1 << 59), 1<<59 - spread} {
				ns := make([]int64, n)
				for i := range ns {
					ns[i] = base + r.Int64N(spread)
				}
				want := slices.Clone(ns)
				slices.Sort(want)
				sortInts(ns)
				if !slices.Equal(ns, want) {
					t.Fatalf("n=%d spread=%d base=%d: sortInts differs from slices.Sort", n, spread, base)
				}
			}
		}
	}
}

// BenchmarkSortInts sorts list_work's 200,000 values below 100,000
// (sandbox_bench.erl), by sortInts and by pdqsort.
func BenchmarkSortInts(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 4))
	in := make([]int64, 200000)
	for i := range in {
		in[i] = r.Int64N(100000)
	}
	ns := make([]int64, len(in))
	for name, sort := range map[string]func([]int64){"radix": sortInts, "pdq": slices.Sort[[]int64]} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				copy(ns, in)
				sort(ns)
			}
		})
	}
}
