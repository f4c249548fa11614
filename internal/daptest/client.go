// Package daptest is a DAP client for tests that drive the debug adapter
// from outside its package: over TCP (the language server's endpoint) or
// over otpbox dap's standard input and output.
package daptest

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	godap "github.com/google/go-dap"
)

// Timeout bounds every wait for a message.
const Timeout = 20 * time.Second

// Client sends requests and waits for the adapter's messages. A message
// that a wait passes over is kept for the next wait, so an event that
// arrives before a response is not lost.
type Client struct {
	t       testing.TB
	w       io.Writer
	seq     int
	msgs    chan godap.Message
	backlog []godap.Message
	output  strings.Builder
}

// New reads the adapter's messages from r and writes requests to w.
func New(t testing.TB, r io.Reader, w io.Writer) *Client {
	c := &Client{t: t, w: w, msgs: make(chan godap.Message, 256)}
	go func() {
		br := bufio.NewReader(r)
		for {
			m, err := godap.ReadProtocolMessage(br)
			if err != nil {
				close(c.msgs)
				return
			}
			c.msgs <- m
		}
	}()
	return c
}

// Output is the text of the output events seen so far.
func (c *Client) Output() string { return c.output.String() }

// Send sends a request and returns its response.
func (c *Client) Send(command string, args any) godap.ResponseMessage {
	c.t.Helper()
	c.seq++
	seq := c.seq
	b, err := json.Marshal(map[string]any{"seq": seq, "type": "request", "command": command, "arguments": args})
	if err != nil {
		c.t.Fatal(err)
	}
	if err := godap.WriteBaseMessage(c.w, b); err != nil {
		c.t.Fatalf("%s: %v", command, err)
	}
	return c.Await(fmt.Sprintf("the response to %s", command), func(m godap.Message) bool {
		r, ok := m.(godap.ResponseMessage)
		return ok && r.GetResponse().RequestSeq == seq
	}).(godap.ResponseMessage)
}

// OK sends a request that must succeed.
func (c *Client) OK(command string, args any) godap.ResponseMessage {
	c.t.Helper()
	r := c.Send(command, args)
	if !r.GetResponse().Success {
		c.t.Fatalf("%s failed: %s", command, r.GetResponse().Message)
	}
	return r
}

// Event waits for the event named name.
func (c *Client) Event(name string) godap.EventMessage {
	c.t.Helper()
	return c.Await(name+" event", func(m godap.Message) bool {
		e, ok := m.(godap.EventMessage)
		return ok && e.GetEvent().Event == name
	}).(godap.EventMessage)
}

// Await returns the first message, kept or new, that match accepts.
func (c *Client) Await(what string, match func(godap.Message) bool) godap.Message {
	c.t.Helper()
	for i, m := range c.backlog {
		if match(m) {
			c.backlog = append(c.backlog[:i], c.backlog[i+1:]...)
			return m
		}
	}
	timeout := time.After(Timeout)
	for {
		select {
		case m, open := <-c.msgs:
			if !open {
				c.t.Fatalf("the adapter's stream ended while waiting for %s", what)
			}
			if o, ok := m.(*godap.OutputEvent); ok {
				c.output.WriteString(o.Body.Output)
			}
			if match(m) {
				return m
			}
			c.backlog = append(c.backlog, m)
		case <-timeout:
			c.t.Fatalf("no %s; output so far: %s", what, c.output.String())
		}
	}
}
