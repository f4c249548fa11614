// Command mkimage writes the standard library's compiled image (see
// vm.StdlibImage) for the wasm guest to embed. `make guest` runs it with
// the native build of the same tree before building the guest:
//
//	go run ./sandbox/guest/internal/mkimage -o sandbox/guest/image/stdlib.img
//
// (the host's VMs embed the same file, through package image). It writes a file
// only when its contents change, so the guest's build cache stays warm
// across builds of an unchanged VM.
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
	var outs []string
	flag.Func("o", "an image file to write (repeatable)", func(s string) error { outs = append(outs, s); return nil })
	flag.Parse()
	if len(outs) == 0 || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: mkimage -o FILE [-o FILE]...")
		os.Exit(2)
	}
	data, err := vm.StdlibImage()
	if err != nil {
		fmt.Fprintln(os.Stderr, "mkimage: building the stdlib image:", err)
		os.Exit(1)
	}
	for _, out := range outs {
		if err := write(out, data); err != nil {
			fmt.Fprintln(os.Stderr, "mkimage:", err)
			os.Exit(1)
		}
	}
}

func write(path string, data []byte) error {
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
