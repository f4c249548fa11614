package lsp

import (
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"unicode/utf8"
)

// Document is an immutable snapshot of an open editor buffer. An edit makes
// a new snapshot, so the diagnostics goroutine and request handlers can keep
// using the one they took without locks.
type Document struct {
	URI     string
	Path    string // file system path; for a non-file URI, the URI itself
	Version int32
	Text    string
	// lines holds the byte offset at which each line starts; lines[0] is 0.
	lines []int
}

func newDocument(uri, path string, version int32, text string) *Document {
	return &Document{URI: uri, Path: path, Version: version, Text: text, lines: lineStarts(text)}
}

func lineStarts(text string) []int {
	starts := make([]int, 1, strings.Count(text, "\n")+1)
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// lineEnd returns the byte offset of the end of line l's content, before its
// "\n" or "\r\n".
func (d *Document) lineEnd(l int) int {
	if l+1 < len(d.lines) {
		end := d.lines[l+1] - 1
		if end > d.lines[l] && d.Text[end-1] == '\r' {
			end--
		}
		return end
	}
	return len(d.Text)
}

// Offset converts an LSP position, counted in enc's code units, to a byte
// offset. A character past the end of its line means the end of the line, as
// the specification asks; a line past the end of the document is an error,
// except the line just after the last, which means the end of the text. A
// position inside a UTF-16 surrogate pair or a UTF-8 sequence moves to the
// start of that character.
func (d *Document) Offset(p Position, enc string) (int, error) {
	line := int(p.Line)
	if line >= len(d.lines) {
		if line == len(d.lines) && p.Character == 0 {
			return len(d.Text), nil
		}
		return 0, fmt.Errorf("position %d:%d is out of range: %s has %d lines", p.Line, p.Character, d.URI, len(d.lines))
	}
	off, end := d.lines[line], d.lineEnd(line)
	want := int(p.Character)
	for units := 0; off < end; {
		r, size := utf8.DecodeRuneInString(d.Text[off:end])
		n := unitLen(r, size, enc)
		if units+n > want {
			break
		}
		units += n
		off += size
	}
	return off, nil
}

// unitLen is the length of one character in enc's code units.
func unitLen(r rune, size int, enc string) int {
	switch enc {
	case encUTF8:
		return size
	case encUTF32:
		return 1
	}
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// Position converts a byte offset to an LSP position in enc's code units.
// Offsets outside the text are clamped to it.
func (d *Document) Position(off int, enc string) Position {
	off = max(0, min(off, len(d.Text)))
	// The last line starting at or before off.
	lo, hi := 0, len(d.lines)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if d.lines[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	units := 0
	for i := d.lines[lo]; i < off; {
		r, size := utf8.DecodeRuneInString(d.Text[i:off])
		units += unitLen(r, size, enc)
		i += size
	}
	return Position{Line: uint32(lo), Character: uint32(units)}
}

// Range converts a byte range to an LSP range.
func (d *Document) Range(start, end int, enc string) Range {
	return Range{Start: d.Position(start, enc), End: d.Position(end, enc)}
}

// apply returns a new snapshot with the changes applied in order, as
// didChange requires: each range is in the text that the previous change
// produced.
func (d *Document) apply(version int32, changes []TextDocumentContentChangeEvent, enc string) (*Document, error) {
	cur := d
	for i, c := range changes {
		if c.Range == nil {
			cur = newDocument(d.URI, d.Path, version, c.Text)
			continue
		}
		start, err := cur.Offset(c.Range.Start, enc)
		if err != nil {
			return nil, fmt.Errorf("change %d: start: %w", i, err)
		}
		end, err := cur.Offset(c.Range.End, enc)
		if err != nil {
			return nil, fmt.Errorf("change %d: end: %w", i, err)
		}
		if end < start {
			return nil, fmt.Errorf("change %d: range end %d:%d is before its start %d:%d", i,
				c.Range.End.Line, c.Range.End.Character, c.Range.Start.Line, c.Range.Start.Character)
		}
		cur = newDocument(d.URI, d.Path, version, cur.Text[:start]+c.Text+cur.Text[end:])
	}
	if cur == d {
		cur = newDocument(d.URI, d.Path, version, d.Text)
	}
	return cur, nil
}

// store holds the open documents.
type store struct {
	mu   sync.Mutex
	docs map[string]*Document // by URI
}

func newStore() *store { return &store{docs: make(map[string]*Document)} }

func (s *store) get(uri string) *Document {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.docs[uri]
}

func (s *store) set(d *Document) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.docs[d.URI] = d
}

func (s *store) remove(uri string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.docs, uri)
}

// byPath returns the open document for a file path, for the preprocessor's
// file reader: an included header's unsaved edits count.
func (s *store) byPath(path string) *Document {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range s.docs {
		if d.Path == path {
			return d
		}
	}
	return nil
}

// all returns the open documents.
func (s *store) all() []*Document {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]*Document, 0, len(s.docs))
	for _, d := range s.docs {
		out = append(out, d)
	}
	return out
}

// uriToPath returns the file system path of a file: URI, or the URI itself
// for other schemes (an unsaved "untitled:" buffer), which then names the
// document in diagnostics but is never found on disk.
func uriToPath(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" {
		return uri
	}
	return filepath.FromSlash(u.Path)
}

// pathToURI returns the file: URI of an absolute path.
func pathToURI(path string) string {
	if strings.Contains(path, ":") && !filepath.IsAbs(path) {
		return path // already a URI (see uriToPath)
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(path)}
	return u.String()
}
