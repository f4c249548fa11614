package dap

import (
	"bufio"
	"errors"
	"io"
	"strings"
	"testing"
)

func TestReadFrame(t *testing.T) {
	in := strings.Join([]string{
		"Content-Length: 2\r\n\r\n{}",
		"\r\n",                                // a stray blank line between messages
		"Nonsense\r\n\r\n",                    // not a header field
		"Content-Length: x\r\n\r\n",           // not a number
		"X-Other: 1\r\n\r\n",                  // no Content-Length
		"Content-Length: 99999999999\r\n\r\n", // oversized: its body is skipped
	}, "")
	r := bufio.NewReaderSize(strings.NewReader(in+strings.Repeat("h", 70000)+": v\r\n\r\n"+"Content-Length: 3\r\n\r\n[1]"), 4096)
	b, err := readFrame(r)
	if err != nil || string(b) != "{}" {
		t.Fatalf("first frame %q, %v", b, err)
	}
	for i := 0; i < 3; i++ {
		if _, err := readFrame(r); !errors.Is(err, errBadFrame) {
			t.Fatalf("bad header %d: %v", i, err)
		}
	}
	// The oversized frame's body is the rest of the input: reading it ends
	// the stream.
	if _, err := readFrame(r); !errors.Is(err, io.EOF) {
		t.Fatalf("oversized frame: %v", err)
	}
	r = bufio.NewReaderSize(strings.NewReader(strings.Repeat("h", 70000)+": v\r\n\r\nContent-Length: 3\r\n\r\n[1]"), 4096)
	if _, err := readFrame(r); !errors.Is(err, errBadFrame) {
		t.Fatalf("overlong line: %v", err)
	}
	if b, err := readFrame(r); err != nil || string(b) != "[1]" {
		t.Fatalf("frame after an overlong line: %q, %v", b, err)
	}
	if _, err := readFrame(bufio.NewReader(strings.NewReader("Content-Length: 5\r\n\r\nab"))); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("truncated body: %v", err)
	}
}
