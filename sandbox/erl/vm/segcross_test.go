package vm

import (
	"fmt"
	"strings"
	"testing"
)

// TestFrameSegmentCrossing: recursions whose depth goes to and fro
// across the frame segments' boundaries (2, 6, 14, 30 and 62 frames deep)
// return the right values. runFast moves between segments the process
// already has itself, on calls and on add_ret, cons_ret and ret, where
// it used to hand every crossing to runSlow; a frame lost or doubled there
// would return a value to the wrong register or caller. The sums are
// computed here in Go.
func TestFrameSegmentCrossing(t *testing.T) {
	m, _ := load(t, `-module(t).
-export([run/0]).
run() ->
    {[fib(N) || N <- lists:seq(0, 22)],
     [sum(D) || D <- lists:seq(1, 70)],
     [length(build(D)) || D <- lists:seq(1, 70)],
     catch deep(40)}.
fib(N) when N < 2 -> N;
fib(N) -> fib(N - 1) + fib(N - 2).
sum(0) -> 0;
sum(D) -> sum(D - 1) + wiggle(D).
wiggle(D) -> D + 1.
build(0) -> [];
build(D) -> [D | build(D - 1)].
deep(0) -> throw(bottom);
deep(D) -> 1 + deep(D - 1).
`)
	fib := []int{0, 1}
	for len(fib) < 23 {
		fib = append(fib, fib[len(fib)-1]+fib[len(fib)-2])
	}
	var sums, lens []string
	for d := 1; d <= 70; d++ {
		sums = append(sums, fmt.Sprint(d*(d+1)/2+d))
		lens = append(lens, fmt.Sprint(d))
	}
	want := fmt.Sprintf("{%s,[%s],[%s],bottom}", strings.ReplaceAll(fmt.Sprint(fib), " ", ","),
		strings.Join(sums, ","), strings.Join(lens, ","))
	wantRun(t, m, want)
}
