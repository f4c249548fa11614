package collab

import (
	"errors"
	"fmt"
)

// Client is the client half of the protocol, ot.js's Client state
// machine: it keeps a local copy of the document, lets the user edit it
// at once, and sends at most one op at a time, composing the edits made
// meanwhile into a buffer. Ops other members committed are transformed
// against the unacknowledged local ones with the local op as Transform's
// first operand, mirroring the Hub, which puts the incoming op first:
// that is what makes client and server break insert ties the same way.
//
// A Client is not safe for concurrent use.
type Client struct {
	version     int64
	doc         *Document
	outstanding *Op // sent, not acknowledged
	buffer      *Op // edited since, not sent
}

// ErrClientState is wrapped by errors about a message that does not fit
// the client's state: an ack with nothing outstanding, or a version out of
// sequence.
var ErrClientState = errors.New("message out of sequence")

// NewClient starts a client on a document snapshot.
func NewClient(version int64, text string) *Client {
	return &Client{version: version, doc: NewDocument(text)}
}

// Version is the last server version the client has seen.
func (c *Client) Version() int64 { return c.version }

// Text is the local document, local edits included.
func (c *Client) Text() string { return c.doc.String() }

// Len is the local document's length in code points.
func (c *Client) Len() int { return c.doc.Len() }

// Pending reports whether an op is waiting for its acknowledgement.
func (c *Client) Pending() bool { return c.outstanding != nil }

// Outstanding returns the op waiting for its acknowledgement, transformed
// past the remote ops received since it was sent: the op as the server
// commits it.
func (c *Client) Outstanding() (Op, bool) {
	if c.outstanding == nil {
		return Op{}, false
	}
	return *c.outstanding, true
}

// Edit applies a local edit. When no op is in flight it returns the op to
// send now and its base version (send is true); otherwise the edit joins
// the buffer, sent when the outstanding op is acknowledged.
func (c *Client) Edit(op Op) (out Op, base int64, send bool, err error) {
	if err := c.doc.Apply(op); err != nil {
		return Op{}, 0, false, fmt.Errorf("collab: client: local edit: %w", err)
	}
	switch {
	case c.outstanding == nil:
		c.outstanding = &op
		return op, c.version, true, nil
	case c.buffer == nil:
		c.buffer = &op
	default:
		b, err := Compose(*c.buffer, op)
		if err != nil {
			return Op{}, 0, false, fmt.Errorf("collab: client: composing local edits: %w", err)
		}
		c.buffer = &b
	}
	return Op{}, 0, false, nil
}

// Ack records that the outstanding op was committed as version. When
// edits were buffered meanwhile it returns them as the next op to send,
// based on version.
func (c *Client) Ack(version int64) (out Op, base int64, send bool, err error) {
	if c.outstanding == nil {
		return Op{}, 0, false, fmt.Errorf("collab: client: %w: ack of version %d with no op outstanding", ErrClientState, version)
	}
	if version != c.version+1 {
		return Op{}, 0, false, fmt.Errorf("collab: client: %w: ack of version %d after version %d", ErrClientState, version, c.version)
	}
	c.version = version
	c.outstanding, c.buffer = c.buffer, nil
	if c.outstanding == nil {
		return Op{}, 0, false, nil
	}
	return *c.outstanding, c.version, true, nil
}

// Remote takes another member's op, committed as version, and returns it
// transformed past the local unacknowledged edits: the op to apply to the
// local editor, which the client has already applied to its own copy.
func (c *Client) Remote(version int64, op Op) (Op, error) {
	if version != c.version+1 {
		return Op{}, fmt.Errorf("collab: client: %w: op of version %d after version %d", ErrClientState, version, c.version)
	}
	var err error
	if c.outstanding != nil {
		var o Op
		if o, op, err = Transform(*c.outstanding, op); err != nil {
			return Op{}, fmt.Errorf("collab: client: version %d against the outstanding op: %w", version, err)
		}
		c.outstanding = &o
	}
	if c.buffer != nil {
		var b Op
		if b, op, err = Transform(*c.buffer, op); err != nil {
			return Op{}, fmt.Errorf("collab: client: version %d against the buffer: %w", version, err)
		}
		c.buffer = &b
	}
	if err := c.doc.Apply(op); err != nil {
		return Op{}, fmt.Errorf("collab: client: applying version %d: %w", version, err)
	}
	c.version = version
	return op, nil
}
