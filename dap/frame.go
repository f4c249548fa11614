package dap

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// maxFrame bounds one message's body: a client never sends more (a whole
// source file is far below it), so a larger Content-Length is garbage and
// its body is skipped rather than allocated.
const maxFrame = 64 << 20

// errBadFrame is a malformed header block or an oversized body: the
// message is skipped and the stream reads on.
var errBadFrame = errors.New("bad message framing")

// readFrame reads one "Content-Length" framed message. Unlike go-dap's
// ReadBaseMessage it never allocates what a bad header asks for, and it
// resynchronises after a malformed header block (up to its blank line).
func readFrame(r *bufio.Reader) ([]byte, error) {
	length, fields := -1, 0
	var bad error
	for {
		line, err := r.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			// An overlong line: drop it whole.
			for errors.Is(err, bufio.ErrBufferFull) {
				_, err = r.ReadSlice('\n')
			}
			bad = fmt.Errorf("%w: overlong header line", errBadFrame)
			fields++
			if err != nil {
				return nil, err
			}
			continue
		}
		if err != nil {
			if errors.Is(err, io.EOF) && (fields > 0 || len(line) > 0) {
				err = io.ErrUnexpectedEOF
			}
			return nil, err
		}
		line = bytes.TrimRight(line, "\r\n")
		if len(line) == 0 {
			if fields == 0 {
				continue // blank lines between messages
			}
			break
		}
		fields++
		name, value, ok := bytes.Cut(line, []byte(":"))
		if !ok {
			bad = fmt.Errorf("%w: %q is not a header field", errBadFrame, shorten(line))
			continue
		}
		if bytes.EqualFold(bytes.TrimSpace(name), []byte("Content-Length")) {
			n, err := strconv.Atoi(string(bytes.TrimSpace(value)))
			if err != nil || n < 0 {
				bad = fmt.Errorf("%w: Content-Length %q", errBadFrame, shorten(value))
				continue
			}
			length = n
		}
	}
	if bad == nil && length < 0 {
		bad = fmt.Errorf("%w: no Content-Length", errBadFrame)
	}
	if bad != nil {
		return nil, bad
	}
	if length > maxFrame {
		if _, err := io.CopyN(io.Discard, r, int64(length)); err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("%w: a %d-byte message (the limit is %d)", errBadFrame, length, maxFrame)
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(r, body); err != nil {
		return nil, err
	}
	return body, nil
}

func shorten(b []byte) string {
	if len(b) > 60 {
		return string(b[:60]) + "..."
	}
	return string(b)
}
