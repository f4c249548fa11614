package collab

import "encoding/json"

// Message is one message of the collaboration protocol, in either
// direction (docs/collab-protocol.md): open, snapshot, op, ack, cursor and
// error. Each type uses some of the fields; omitempty leaves the others
// out of the JSON, so one struct serves the server, the Go client and the
// load generator. Optional numbers are pointers because 0 is a real
// version, base and offset.
type Message struct {
	Type    string          `json:"type"`
	Doc     string          `json:"doc,omitempty"`
	Base    *int64          `json:"base,omitempty"`
	Version *int64          `json:"version,omitempty"`
	Text    *string         `json:"text,omitempty"`
	ID      json.RawMessage `json:"id,omitempty"`
	Op      *Op             `json:"op,omitempty"`
	Author  string          `json:"author,omitempty"`
	User    string          `json:"user,omitempty"`
	Offset  *int            `json:"offset,omitempty"`
	Error   string          `json:"error,omitempty"`
}
