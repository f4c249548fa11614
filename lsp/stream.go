package lsp

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"sync"

	"go.lsp.dev/jsonrpc2"
)

// maxFrame bounds one message's body. A larger Content-Length is skipped
// rather than allocated: an editor never sends one (a 5 MB file is far
// below it), so it is garbage or an attack.
const maxFrame = 256 << 20

// maxHeaderLine bounds one header line; a longer one is garbage.
const maxHeaderLine = 4096

// stream is an LSP "Content-Length" framed jsonrpc2.Stream that survives bad
// input. jsonrpc2's own header stream ends the connection on the first
// malformed header or body (its read loop stops at any Read error), so one
// stray byte from a client would kill the server. This one answers a body
// that is not JSON-RPC with a ParseError response (id null, as JSON-RPC 2.0
// asks), skips a malformed header block, and reads on; only the end of the
// input or a failed write ends it.
type stream struct {
	in  *bufio.Reader
	out io.Writer
	c   io.Closer
	log *slog.Logger

	wmu sync.Mutex
}

func newStream(r io.Reader, w io.Writer, c io.Closer, log *slog.Logger) *stream {
	return &stream{in: bufio.NewReaderSize(r, 64<<10), out: w, c: c, log: log}
}

// Read returns the next well-formed message.
func (s *stream) Read(ctx context.Context) (jsonrpc2.Message, int64, error) {
	for {
		if err := ctx.Err(); err != nil {
			return nil, 0, err
		}
		body, n, err := s.readFrame()
		if errors.Is(err, errBadHeader) {
			s.log.Warn("lsp: skipping malformed message header", "err", err)
			continue
		}
		if err != nil {
			return nil, 0, err
		}
		if body == nil {
			continue // an oversized frame, skipped
		}
		msg, err := jsonrpc2.DecodeMessage(body)
		if err != nil {
			s.log.Warn("lsp: malformed message", "err", err, "bytes", len(body))
			resp := jsonrpc2.NewResponse(jsonrpc2.ID{}, nil, jsonrpc2.Errorf(jsonrpc2.ParseError, "malformed JSON-RPC message: %v", err))
			if _, werr := s.Write(ctx, resp); werr != nil {
				return nil, 0, werr
			}
			continue
		}
		return msg, n, nil
	}
}

var errBadHeader = errors.New("bad header")

// readFrame reads one header block and its body. A malformed header block is
// consumed up to its blank line (or the next line that looks like the start
// of a header) and reported as errBadHeader, so the next frame is read
// cleanly. The body is a fresh slice: decoded requests borrow it.
func (s *stream) readFrame() ([]byte, int64, error) {
	length, sawLength, consumed, fields := -1, false, int64(0), 0
	var bad error
	for {
		line, err := s.readLine()
		if err != nil {
			if errors.Is(err, io.EOF) && consumed > 0 {
				err = io.ErrUnexpectedEOF
			}
			return nil, 0, err
		}
		consumed += int64(len(line))
		line = bytes.TrimRight(line, "\r\n")
		if len(line) == 0 {
			if fields == 0 {
				continue // blank lines between frames
			}
			break
		}
		fields++
		name, value, ok := bytes.Cut(line, []byte(":"))
		if !ok {
			bad = fmt.Errorf("%w: line %q is not a header field", errBadHeader, truncate(line))
			continue
		}
		if bytes.EqualFold(bytes.TrimSpace(name), []byte("Content-Length")) {
			n, err := strconv.Atoi(string(bytes.TrimSpace(value)))
			if err != nil || n <= 0 {
				bad = fmt.Errorf("%w: Content-Length %q", errBadHeader, truncate(value))
				continue
			}
			length, sawLength = n, true
		}
	}
	if bad != nil {
		return nil, 0, bad
	}
	if !sawLength {
		return nil, 0, fmt.Errorf("%w: no Content-Length", errBadHeader)
	}
	if length > maxFrame {
		s.log.Warn("lsp: skipping oversized message", "bytes", length)
		if _, err := s.in.Discard(length); err != nil {
			return nil, 0, fmt.Errorf("skipping an oversized message: %w", err)
		}
		return nil, consumed + int64(length), nil
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(s.in, body); err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return nil, 0, fmt.Errorf("reading a %d-byte message: %w", length, err)
	}
	return body, consumed + int64(length), nil
}

// readLine reads one line; the rest of an overlong line is discarded, so
// binary garbage without newlines costs no memory.
func (s *stream) readLine() ([]byte, error) {
	line, err := s.in.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) || len(line) > maxHeaderLine {
		for errors.Is(err, bufio.ErrBufferFull) {
			_, err = s.in.ReadSlice('\n')
		}
		if err != nil {
			return nil, err
		}
		return []byte("<overlong line>\n"), nil
	}
	if err != nil {
		if len(line) > 0 && errors.Is(err, io.EOF) {
			return nil, io.ErrUnexpectedEOF
		}
		return nil, err
	}
	return line, nil
}

func truncate(b []byte) string {
	if len(b) > 40 {
		return string(b[:40]) + "..."
	}
	return string(b)
}

// Write frames msg as one write.
func (s *stream) Write(ctx context.Context, msg jsonrpc2.Message) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	body, err := jsonrpc2.EncodeMessage(msg)
	if err != nil {
		return 0, fmt.Errorf("encoding a message: %w", err)
	}
	buf := make([]byte, 0, len(body)+32)
	buf = append(buf, "Content-Length: "...)
	buf = strconv.AppendInt(buf, int64(len(body)), 10)
	buf = append(buf, "\r\n\r\n"...)
	buf = append(buf, body...)
	s.wmu.Lock()
	defer s.wmu.Unlock()
	n, err := s.out.Write(buf)
	if err != nil {
		return int64(n), fmt.Errorf("writing a message: %w", err)
	}
	return int64(n), nil
}

// Close closes the underlying connection.
func (s *stream) Close() error {
	if s.c == nil {
		return nil
	}
	return s.c.Close()
}
