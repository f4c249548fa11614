package vm

import (
	"math"
	"testing"
)

// TestCorrectlyRounded checks values where Go's math package and the
// correctly rounded result (BEAM's, through glibc) differ.
func TestCorrectlyRounded(t *testing.T) {
	for _, c := range []struct {
		fn   string
		x    float64
		want float64
	}{
		{"tan", 1, 1.5574077246549023},
		{"sin", 2, 0.9092974268256817},
		{"cos", 0.1, 0.9950041652780258},
		{"log", 3, 1.0986122886681098},
		{"atan", 10, 1.4711276743037347},
		{"exp", 0.01, 1.010050167084168},
		{"asin", 0.0001, 1.0000000016666667e-4},
	} {
		if got := crMath1(c.fn)(c.x); got != c.want {
			t.Errorf("%s(%v) = %v, want %v (Go's math: off by %g)", c.fn, c.x, got, c.want, got-c.want)
		}
	}
	if got := crPow(10, 1.37); got != 23.442288153199225 {
		t.Errorf("pow(10, 1.37) = %v", got)
	}
	if got := crMath1("sin")(math.Copysign(0, -1)); !math.Signbit(got) {
		t.Errorf("sin(-0.0) = %v, want -0.0", got)
	}
}

func BenchmarkMathTan(b *testing.B) {
	tan := crMath1("tan")
	for i := 0; i < b.N; i++ {
		tan(1 + float64(i%100)/100)
	}
}
