//go:build !wasip1

// Command guest is the sandbox's guest module; it only makes sense built
// for GOOS=wasip1 GOARCH=wasm (see main.go and `make guest`).
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "guest: build with GOOS=wasip1 GOARCH=wasm (make guest); the host embeds it")
	os.Exit(2)
}
