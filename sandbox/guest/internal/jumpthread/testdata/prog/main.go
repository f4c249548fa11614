// Program prog exercises what gc's wasm output does with its dispatch
// loops: switches, loops, closures and interface calls (call_indirect),
// goroutines and channels (a goroutine switch unwinds the wasm stack and
// resumes functions at their resume points), defer, panic and recover,
// maps and the collector. jumpthread's test runs it before and after the
// rewrite and wants the same output.
package main

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"sort"
	"strings"
)

type shape interface{ area() float64 }

type rect struct{ w, h float64 }
type circle struct{ r float64 }

func (r rect) area() float64   { return r.w * r.h }
func (c circle) area() float64 { return 3 * c.r * c.r }

func classify(n int) string {
	switch {
	case n%15 == 0:
		return "fizzbuzz"
	case n%5 == 0:
		return "buzz"
	case n%3 == 0:
		return "fizz"
	}
	return fmt.Sprint(n)
}

func op(code byte, a, b int) int {
	switch code {
	case 'a':
		return a + b
	case 's':
		return a - b
	case 'm':
		return a * b
	case 'd':
		return a / b
	case 'r':
		return a % b
	case 'x':
		return a ^ b
	case 'o':
		return a | b
	case 'n':
		return a & b
	}
	return -1
}

func safeDiv(a, b int) (q int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered: %v", r)
		}
	}()
	return a / b, nil
}

func collatz(n int) int {
	steps := 0
	for n != 1 {
		if n%2 == 0 {
			n /= 2
		} else {
			n = 3*n + 1
		}
		steps++
	}
	return steps
}

func main() {
	var b strings.Builder
	for i := 1; i <= 30; i++ {
		b.WriteString(classify(i))
		b.WriteByte(' ')
	}
	fmt.Println(b.String())
	acc := 7
	for i, c := range []byte("asmdrxonasmd") {
		acc = op(c, acc, i+3)
	}
	fmt.Println("ops", acc)
	shapes := []shape{rect{2, 3}, circle{1.5}, rect{4, 0.5}}
	total := 0.0
	for _, s := range shapes {
		total += s.area()
	}
	fmt.Println("area", total)
	add := func(k int) func(int) int { return func(x int) int { return x + k } }
	fs := []func(int) int{add(1), add(10), add(100)}
	x := 0
	for i := 0; i < 1000; i++ {
		x = fs[i%3](x)
	}
	fmt.Println("closures", x)
	if _, err := safeDiv(1, 0); err != nil {
		fmt.Println(err)
	}
	q, err := safeDiv(17, 5)
	fmt.Println("div", q, err, errors.Is(err, nil))
	ch := make(chan int)
	done := make(chan []int)
	go func() {
		var got []int
		for v := range ch {
			got = append(got, v*v)
			runtime.Gosched()
		}
		done <- got
	}()
	for i := 0; i < 50; i++ {
		ch <- collatz(i + 1)
	}
	close(ch)
	got := <-done
	sum := 0
	for _, v := range got {
		sum += v
	}
	fmt.Println("goroutine", len(got), sum)
	m := map[string]int{}
	for i := 0; i < 5000; i++ {
		m[fmt.Sprintf("k%d", i%97)] += i
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Println("map", len(keys), keys[0], m[keys[0]], keys[len(keys)-1], m[keys[len(keys)-1]])
	var garbage [][]byte
	for i := 0; i < 2000; i++ {
		garbage = append(garbage, make([]byte, 1024))
		if len(garbage) > 100 {
			garbage = garbage[1:]
		}
	}
	runtime.GC()
	fmt.Println("gc", len(garbage))
	fmt.Fprintln(os.Stderr, "done")
}
