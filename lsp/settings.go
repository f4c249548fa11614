package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

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
		Sandbox *SandboxSettings `json:"sandbox"`
	} `json:"otpbox"`
}

// SandboxSettings is otpbox.sandbox: where the workspace sandbox runs and
// its limits, in the units of otpbox run's flags. Each value is kept raw
// so that one of the wrong type is reported by its name while the others
// still apply; an absent one keeps its value, a null one its default.
type SandboxSettings struct {
	// Isolation is "wasm" or "native" (--isolation).
	Isolation json.RawMessage `json:"isolation"`
	// Memory is a size such as "256MiB" (--memory).
	Memory json.RawMessage `json:"memory"`
	// Timeout is the wall-clock limit of one run, such as "30s" (--timeout).
	Timeout json.RawMessage `json:"timeout"`
	// MaxProcesses is a count (--max-processes).
	MaxProcesses json.RawMessage `json:"maxProcesses"`
	// MaxAtoms is the size of the atom table (--max-atoms).
	MaxAtoms json.RawMessage `json:"maxAtoms"`
	// MaxOutput is a size (--max-output).
	MaxOutput json.RawMessage `json:"maxOutput"`
	// MaxModuleSize is a size (--max-module-size).
	MaxModuleSize json.RawMessage `json:"maxModuleSize"`
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

// sandboxSettings is what the next workspace sandbox is started with. It
// is comparable: the runner restarts its sandbox when the value it
// started with is no longer the one set.
type sandboxSettings struct {
	iso           sandbox.Isolation
	memory        int64
	timeout       time.Duration
	maxProcesses  int
	maxAtoms      int
	maxOutput     int64
	maxModuleSize int64
}

// defaultSandboxSettings are the sandbox's own defaults, in isolation iso
// (otpbox lsp --isolation), with runTimeout since an editor command must
// come back.
func defaultSandboxSettings(iso sandbox.Isolation) sandboxSettings {
	return sandboxSettings{
		iso: iso, memory: sandbox.DefaultMemory, timeout: runTimeout,
		maxProcesses: sandbox.DefaultMaxProcesses, maxAtoms: sandbox.DefaultAtomLimit,
		maxOutput: sandbox.DefaultMaxOutput, maxModuleSize: sandbox.DefaultMaxModuleSize,
	}
}

// config is the sandbox configuration these settings ask for.
func (ss sandboxSettings) config() *sandbox.Config {
	return sandbox.NewConfig().WithIsolation(ss.iso).WithMemory(ss.memory).WithTimeout(ss.timeout).
		WithMaxProcesses(ss.maxProcesses).WithAtomLimit(ss.maxAtoms).
		WithMaxOutput(ss.maxOutput).WithMaxModuleSize(ss.maxModuleSize)
}

// settingError is one setting the server could not take: its full name,
// the value as the client sent it, and why.
type settingError struct {
	name  string
	value json.RawMessage
	err   error
}

func (e *settingError) Error() string {
	return fmt.Sprintf("otpbox.sandbox.%s %s: %v", e.name, e.value, e.err)
}

func (e *settingError) Unwrap() error { return e.err }

// update returns ss with the values in set applied. A bad value keeps
// the old one and is returned as a *settingError; the good ones around
// it still apply.
func (ss sandboxSettings) update(set *SandboxSettings, def sandboxSettings) (sandboxSettings, []error) {
	var errs []error
	take := func(name string, raw json.RawMessage, parse func(json.RawMessage) error, reset func()) {
		switch {
		case raw == nil:
		case bytes.Equal(raw, []byte("null")):
			reset()
		default:
			if err := parse(raw); err != nil {
				errs = append(errs, &settingError{name: name, value: raw, err: err})
			}
		}
	}
	take("isolation", set.Isolation, func(raw json.RawMessage) error {
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return errWantIsolation
		}
		iso, ok := sandbox.ParseIsolation(s)
		if !ok {
			return errWantIsolation
		}
		ss.iso = iso
		return nil
	}, func() { ss.iso = def.iso })
	size := func(field *int64, min int64) func(json.RawMessage) error {
		return func(raw json.RawMessage) error {
			n, err := parseSizeSetting(raw)
			if err == nil && n < min {
				err = fmt.Errorf("want at least %d bytes", min)
			}
			if err != nil {
				return err
			}
			*field = n
			return nil
		}
	}
	count := func(field *int) func(json.RawMessage) error {
		return func(raw json.RawMessage) error {
			n, err := parseCountSetting(raw)
			if err != nil {
				return err
			}
			*field = n
			return nil
		}
	}
	take("memory", set.Memory, size(&ss.memory, 1), func() { ss.memory = def.memory })
	take("maxOutput", set.MaxOutput, size(&ss.maxOutput, 0), func() { ss.maxOutput = def.maxOutput })
	take("maxModuleSize", set.MaxModuleSize, size(&ss.maxModuleSize, 1), func() { ss.maxModuleSize = def.maxModuleSize })
	take("maxProcesses", set.MaxProcesses, count(&ss.maxProcesses), func() { ss.maxProcesses = def.maxProcesses })
	take("maxAtoms", set.MaxAtoms, count(&ss.maxAtoms), func() { ss.maxAtoms = def.maxAtoms })
	take("timeout", set.Timeout, func(raw json.RawMessage) error {
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return errWantDuration
		}
		d, err := time.ParseDuration(s)
		if err != nil || d <= 0 {
			return errWantDuration
		}
		ss.timeout = d
		return nil
	}, func() { ss.timeout = def.timeout })
	return ss, errs
}

var (
	errWantIsolation = errors.New(`want "wasm" or "native"`)
	errWantDuration  = errors.New(`want a positive duration such as "500ms", "30s" or "2m"`)
	errWantCount     = errors.New("want a whole number of at least 1")
)

// parseSizeSetting reads a size as otpbox run's flags take it, from a
// string ("256MiB") or a number of bytes.
func parseSizeSetting(raw json.RawMessage) (int64, error) {
	var s string
	if json.Unmarshal(raw, &s) != nil {
		var n json.Number
		if err := json.Unmarshal(raw, &n); err != nil {
			return 0, errors.New(`want a size such as "512KiB", "256MiB" or "1GiB"`)
		}
		s = n.String()
	}
	n, err := sandbox.ParseSize(s)
	if err != nil {
		return 0, fmt.Errorf("reading the size: %w", err)
	}
	return n, nil
}

// parseCountSetting reads a count of at least 1, from a number or, as an
// nvim user may write it, a string of digits.
func parseCountSetting(raw json.RawMessage) (int, error) {
	var s string
	if json.Unmarshal(raw, &s) != nil {
		var n json.Number
		if err := json.Unmarshal(raw, &n); err != nil {
			return 0, errWantCount
		}
		s = n.String()
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 0, errWantCount
	}
	return n, nil
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
// fault and the session must go on. New settings apply to the next
// workspace sandbox the server starts, which is at the next run, test or
// otpbox.debugAdapter: the live sandbox, started with the old settings,
// is then closed with its processes (runner.sandbox).
func (s *Server) applySettings(raw json.RawMessage, from string) {
	if len(raw) == 0 || string(raw) == "null" {
		return
	}
	var set Settings
	if err := json.Unmarshal(raw, &set); err != nil {
		s.warnUser(fmt.Sprintf("otpbox: ignoring the settings in %s: %v", from, err))
		return
	}
	if set.Otpbox == nil || set.Otpbox.Sandbox == nil {
		return
	}
	s.mu.Lock()
	old := s.sbset
	next, errs := old.update(set.Otpbox.Sandbox, defaultSandboxSettings(s.opts.Isolation))
	s.sbset = next
	s.mu.Unlock()
	for _, err := range errs {
		var se *settingError
		keeping := ""
		if errors.As(err, &se) {
			keeping = "; keeping " + old.show(se.name)
		}
		s.warnUser(fmt.Sprintf("otpbox: %s: %v%s", from, err, keeping))
	}
	if next != old {
		s.log.Info("lsp: workspace sandbox settings changed; they apply to the next sandbox", "from", from,
			"isolation", next.iso.String(), "memory", next.memory, "timeout", next.timeout,
			"maxProcesses", next.maxProcesses, "maxAtoms", next.maxAtoms,
			"maxOutput", next.maxOutput, "maxModuleSize", next.maxModuleSize)
	}
}

// show prints the value of the setting called name as a user writes it.
func (ss sandboxSettings) show(name string) string {
	switch name {
	case "isolation":
		return ss.iso.String()
	case "memory":
		return sandbox.FormatSize(ss.memory)
	case "timeout":
		return ss.timeout.String()
	case "maxProcesses":
		return strconv.Itoa(ss.maxProcesses)
	case "maxAtoms":
		return strconv.Itoa(ss.maxAtoms)
	case "maxOutput":
		return sandbox.FormatSize(ss.maxOutput)
	case "maxModuleSize":
		return sandbox.FormatSize(ss.maxModuleSize)
	}
	return "the old value"
}

// sandboxSettings is what the next workspace sandbox starts with.
func (s *Server) sandboxSettings() sandboxSettings {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sbset
}

// isolation is where the next workspace sandbox runs its VM.
func (s *Server) isolation() sandbox.Isolation {
	return s.sandboxSettings().iso
}

// warnUser logs a warning and shows it in the editor.
func (s *Server) warnUser(msg string) {
	s.log.Warn("lsp: " + msg)
	s.notify(methodShowMessage, ShowMessageParams{Type: messageWarning, Message: msg})
}
