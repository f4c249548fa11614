// Package collabload is the load generator behind `otpbox bench collab`:
// it drives a running `otpbox serve` over its public REST API and
// collaboration websocket (docs/collab-protocol.md) as real editors would,
// and measures what users feel: how long an edit waits for its
// acknowledgement, how many edits per second the server sustains, whether
// everyone converges, and what idle connections cost.
package collabload

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/coder/websocket"

	"github.com/otpbox/otpbox/collab"
)

// api is a client of the server's REST API, acting as one user.
type api struct {
	base  *url.URL
	token string
	http  *http.Client
}

func newAPI(baseURL, token string, hc *http.Client) (*api, error) {
	u, err := url.Parse(strings.TrimRight(baseURL, "/"))
	if err != nil {
		return nil, fmt.Errorf("server URL %q: %w", baseURL, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("server URL %q: want http:// or https://", baseURL)
	}
	if hc == nil {
		hc = http.DefaultClient
	}
	return &api{base: u, token: token, http: hc}, nil
}

func (a *api) as(token string) *api { return &api{base: a.base, token: token, http: a.http} }

// post sends body as JSON to path and decodes the answer into out,
// expecting status 201 (or 200).
func (a *api) post(ctx context.Context, path string, body, out any) error {
	b, err := json.Marshal(body)
	if err != nil {
		return fmt.Errorf("POST %s: %w", path, err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, a.base.String()+path, bytes.NewReader(b))
	if err != nil {
		return fmt.Errorf("POST %s: %w", path, err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+a.token)
	resp, err := a.http.Do(req)
	if err != nil {
		return fmt.Errorf("POST %s: %w", path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return fmt.Errorf("POST %s: reading the answer: %w", path, err)
	}
	if resp.StatusCode != http.StatusCreated && resp.StatusCode != http.StatusOK {
		var e struct{ Error string }
		_ = json.Unmarshal(data, &e)
		return fmt.Errorf("POST %s: %s: %s", path, resp.Status, e.Error)
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("POST %s: decoding %s: %w", path, data, err)
	}
	return nil
}

// user is a user the generator created, with its token.
type user struct {
	Username string `json:"username"`
	Token    string `json:"token"`
}

func (a *api) createUser(ctx context.Context, name string) (user, error) {
	var u user
	err := a.post(ctx, "/api/v1/users", map[string]string{"username": name, "role": "student"}, &u)
	return u, err
}

func (a *api) createSession(ctx context.Context, name string) (string, error) {
	var s struct {
		ID string `json:"id"`
	}
	if err := a.post(ctx, "/api/v1/sessions", map[string]string{"name": name}, &s); err != nil {
		return "", err
	}
	if s.ID == "" {
		return "", errors.New("POST /api/v1/sessions: no id in the answer")
	}
	return s.ID, nil
}

func (a *api) addMember(ctx context.Context, session, username, role string) error {
	return a.post(ctx, "/api/v1/sessions/"+url.PathEscape(session)+"/members",
		map[string]string{"username": username, "role": role}, nil)
}

// dial opens the session's collaboration websocket as the user of token.
func (a *api) dial(ctx context.Context, session, token string) (*websocket.Conn, error) {
	u := *a.base
	if u.Scheme == "https" {
		u.Scheme = "wss"
	} else {
		u.Scheme = "ws"
	}
	u.Path += "/api/v1/sessions/" + url.PathEscape(session) + "/ws"
	h := http.Header{}
	h.Set("Authorization", "Bearer "+token)
	c, resp, err := websocket.Dial(ctx, u.String(), &websocket.DialOptions{
		HTTPClient:   a.http,
		HTTPHeader:   h,
		Subprotocols: []string{"otpbox.collab.v1"},
	})
	if err != nil {
		if resp != nil {
			return nil, fmt.Errorf("websocket %s: %s: %w", u.Redacted(), resp.Status, err)
		}
		return nil, fmt.Errorf("websocket %s: %w", u.Redacted(), err)
	}
	// Snapshots of big documents exceed the default 32 KiB read limit.
	c.SetReadLimit(64 << 20)
	return c, nil
}

// setup creates a session owned by a fresh user and n member users
// (editors), returning the owner's api, the session id and the members.
// All names carry prefix, so runs do not collide.
func setup(ctx context.Context, admin *api, prefix string, n int) (string, []user, error) {
	owner, err := admin.createUser(ctx, prefix+"-owner")
	if err != nil {
		return "", nil, fmt.Errorf("creating the session owner (is the admin token right?): %w", err)
	}
	ownerAPI := admin.as(owner.Token)
	session, err := ownerAPI.createSession(ctx, prefix)
	if err != nil {
		return "", nil, err
	}
	users := make([]user, n)
	for i := range users {
		u, err := admin.createUser(ctx, fmt.Sprintf("%s-e%d", prefix, i))
		if err != nil {
			return "", nil, err
		}
		if err := ownerAPI.addMember(ctx, session, u.Username, "editor"); err != nil {
			return "", nil, err
		}
		users[i] = u
	}
	return session, users, nil
}

func writeMsg(ctx context.Context, c *websocket.Conn, m collab.Message) error {
	b, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("encoding a %s message: %w", m.Type, err)
	}
	if err := c.Write(ctx, websocket.MessageText, b); err != nil {
		return fmt.Errorf("sending a %s message: %w", m.Type, err)
	}
	return nil
}

func readMsg(ctx context.Context, c *websocket.Conn) (collab.Message, error) {
	_, b, err := c.Read(ctx)
	if err != nil {
		return collab.Message{}, fmt.Errorf("reading: %w", err)
	}
	var m collab.Message
	if err := json.Unmarshal(b, &m); err != nil {
		return collab.Message{}, fmt.Errorf("decoding %q: %w", b, err)
	}
	// Check the fields each type needs here, so that the handlers can
	// dereference them.
	switch {
	case (m.Type == "snapshot" || m.Type == "ack" || m.Type == "op") && m.Version == nil,
		m.Type == "snapshot" && m.Text == nil,
		m.Type == "op" && m.Op == nil:
		return collab.Message{}, fmt.Errorf("server sent a %s message without its fields: %s", m.Type, b)
	}
	return m, nil
}

// openDoc sends open and waits for the document's snapshot.
func openDoc(ctx context.Context, c *websocket.Conn, doc string) (int64, string, error) {
	if err := writeMsg(ctx, c, collab.Message{Type: "open", Doc: doc}); err != nil {
		return 0, "", err
	}
	for {
		m, err := readMsg(ctx, c)
		if err != nil {
			return 0, "", err
		}
		switch m.Type {
		case "snapshot":
			return *m.Version, *m.Text, nil
		case "error":
			return 0, "", fmt.Errorf("opening %q: server refused: %s", doc, m.Error)
		}
		// Cursors of members already there may come first.
	}
}
