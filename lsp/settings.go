package lsp

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/otpbox/otpbox/sandbox"
)

// The configuration methods.
const (
	methodDidChangeConfiguration = "workspace/didChangeConfiguration"
	methodShowMessage            = "window/showMessage"
)

// messageWarning is window/showMessage's type for a warning.
const messageWarning = 2

// Settings is the server's settings object, as a client sends it in
// initializationOptions and in workspace/didChangeConfiguration's
// settings: VS Code's settings tree under "otpbox" (docs/lsp-extensions.md).
type Settings struct {
	Otpbox *struct {
		Sandbox *struct {
			// Isolation is "wasm" or "native": where the next workspace
			// sandbox runs its VM.
			Isolation *string `json:"isolation"`
		} `json:"sandbox"`
	} `json:"otpbox"`
}

// DidChangeConfigurationParams is workspace/didChangeConfiguration's
// payload.
type DidChangeConfigurationParams struct {
	Settings json.RawMessage `json:"settings"`
}

// ShowMessageParams is window/showMessage's payload.
type ShowMessageParams struct {
	Type    int    `json:"type"`
	Message string `json:"message"`
}

func handleDidChangeConfiguration(_ context.Context, s *Server, params json.RawMessage) (any, error) {
	var p DidChangeConfigurationParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	s.applySettings(p.Settings, "workspace/didChangeConfiguration")
	return nil, nil
}

// applySettings takes the settings a client sent (from says where). A
// setting absent keeps its value; a bad one keeps it too and is reported
// to the user, since an editor's settings file is not the protocol's
// fault and the session must go on. A new isolation applies to the next
// workspace sandbox the server starts, which is at the next run, test or
// otpbox.debugAdapter: the live sandbox, in the old isolation, is then
// closed with its processes (runner.sandbox).
func (s *Server) applySettings(raw json.RawMessage, from string) {
	if len(raw) == 0 || string(raw) == "null" {
		return
	}
	var set Settings
	if err := json.Unmarshal(raw, &set); err != nil {
		s.warnUser(fmt.Sprintf("otpbox: ignoring the settings in %s: %v", from, err))
		return
	}
	if set.Otpbox == nil || set.Otpbox.Sandbox == nil || set.Otpbox.Sandbox.Isolation == nil {
		return
	}
	v := *set.Otpbox.Sandbox.Isolation
	iso, ok := sandbox.ParseIsolation(v)
	if !ok {
		s.warnUser(fmt.Sprintf("otpbox: %s: otpbox.sandbox.isolation %q: want \"wasm\" or \"native\"; keeping %s", from, v, s.isolation()))
		return
	}
	s.mu.Lock()
	s.iso = iso
	s.mu.Unlock()
	s.log.Info("lsp: workspace sandbox isolation set; applies to the next sandbox", "isolation", iso.String(), "from", from)
}

// isolation is where the next workspace sandbox runs its VM.
func (s *Server) isolation() sandbox.Isolation {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.iso
}

// warnUser logs a warning and shows it in the editor.
func (s *Server) warnUser(msg string) {
	s.log.Warn("lsp: " + msg)
	s.notify(methodShowMessage, ShowMessageParams{Type: messageWarning, Message: msg})
}
