// Command mkimage writes the standard library's compiled image (see
// vm.StdlibImage) for the wasm guest to embed. `make guest` runs it with
// the native build of the same tree before building the guest:
//
//	go run ./sandbox/guest/internal/mkimage -o sandbox/guest/image/stdlib.img
//
// It writes the file only when its contents change, so the guest's build
// cache stays warm across builds of an unchanged VM.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/otpbox/otpbox/sandbox/erl/vm"
)

func main() {
	out := flag.String("o", "", "the image file to write")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: mkimage -o FILE")
		os.Exit(2)
	}
	if err := write(*out); err != nil {
		fmt.Fprintln(os.Stderr, "mkimage:", err)
		os.Exit(1)
	}
}

func write(path string) error {
	data, err := vm.StdlibImage()
	if err != nil {
		return fmt.Errorf("building the stdlib image: %w", err)
	}
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, data) {
		return nil
	}
	// Through a temporary file, so an interrupted run never leaves a
	// truncated image for the guest to embed.
	tmp, err := os.CreateTemp(filepath.Dir(path), ".stdlib-*.img")
	if err != nil {
		return fmt.Errorf("writing the image: %w", err)
	}
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Chmod(0o644)
	}
	if err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return fmt.Errorf("writing the image: %w", err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("writing the image: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("writing the image: %w", err)
	}
	return nil
}
