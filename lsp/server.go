// Package lsp is otpbox's language server: it speaks the Language Server
// Protocol over a byte stream (stdio for "otpbox lsp"), keeps the editor's
// open documents, indexes the workspace's Erlang sources and publishes the
// front end's diagnostics (sandbox/erl/epp, syntax and sema).
//
// Each request kind has its own handler file (lifecycle.go, sync.go,
// watched.go, diagnostics.go); server.go dispatches to them and makes sure
// that no request, however malformed, takes the server down.
package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"

	"go.lsp.dev/jsonrpc2"

	"github.com/otpbox/otpbox/sandbox"
)

// Options configures a Server.
type Options struct {
	// Log receives the server's logs. It must not write to the protocol
	// stream (stdout for "otpbox lsp").
	Log *slog.Logger
	// Debounce is how long diagnostics wait after an edit, so that typing
	// does not re-check a file on every keystroke. Zero means 150 ms.
	Debounce time.Duration
	// OTPLib is OTP's lib directory, for -include_lib of OTP headers
	// ("" when there is none).
	OTPLib string
	// StdlibCache is where the embedded stdlib's modules are written for
	// editors to open ("" means the user's cache directory).
	StdlibCache string
	// Version is reported in serverInfo.
	Version string
	// Isolation is where the workspace sandbox runs its VM (the zero
	// value is wasm) until the client's otpbox.sandbox.isolation setting
	// says otherwise (settings.go).
	Isolation sandbox.Isolation
}

// Server is one language server session: one client connection.
type Server struct {
	opts Options
	log  *slog.Logger
	docs *store
	ws   *workspace
	diag *diagnoser
	// runner is the workspace sandbox for run, test and hot reload.
	runner *runner
	// results keeps the last check of each open document.
	results resultCache

	conn     jsonrpc2.Conn
	handlers map[string]handlerFunc

	mu          sync.Mutex
	initialized bool   // initialize was answered
	shutdown    bool   // shutdown was answered
	enc         string // negotiated position encoding
	// snippetSupport: the client takes snippet completions.
	snippetSupport bool
	exited         chan struct{}
	exitOnce       sync.Once
	// sbset is what the next workspace sandbox starts with: isolation
	// and limits (settings.go).
	sbset sandboxSettings
}

// ErrExitWithoutShutdown is returned by Serve when the client sent exit
// without shutdown first; the specification asks for exit status 1 then.
var ErrExitWithoutShutdown = errors.New("lsp: exit without shutdown")

// New returns a server; Serve runs it.
func New(opts Options) *Server {
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	if opts.Debounce == 0 {
		opts.Debounce = 150 * time.Millisecond
	}
	s := &Server{
		opts:   opts,
		log:    opts.Log,
		docs:   newStore(),
		enc:    encUTF16,
		exited: make(chan struct{}),

		sbset: defaultSandboxSettings(opts.Isolation),
	}
	s.handlers = make(map[string]handlerFunc, len(defaultHandlers))
	for m, h := range defaultHandlers {
		s.handlers[m] = h
	}
	s.ws = newWorkspace(s.log, opts.OTPLib, opts.StdlibCache, s.docs)
	s.diag = newDiagnoser(s)
	s.runner = newRunner(s)
	return s
}

// Serve speaks LSP on r and w until the client sends exit, the input ends or
// ctx is cancelled. c, when not nil, is closed at the end.
func (s *Server) Serve(ctx context.Context, r io.Reader, w io.Writer, c io.Closer) error {
	st := newStream(r, w, c, s.log)
	s.conn = jsonrpc2.NewConn(st, jsonrpc2.WithCodec(codec{}))
	s.conn.Go(ctx, s.handle)
	select {
	case <-s.conn.Done():
	case <-s.exited:
	case <-ctx.Done():
	}
	s.diag.stop()
	s.runner.close()
	// Close waits for handlers to drain; the exit handler itself is one,
	// so close from here, never from inside it.
	go s.conn.Close()
	select {
	case <-s.conn.Done():
	case <-time.After(time.Second):
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	select {
	case <-s.exited:
		if !s.shutdown {
			return ErrExitWithoutShutdown
		}
	default:
	}
	if err := s.conn.Err(); err != nil {
		return fmt.Errorf("lsp: connection: %w", err)
	}
	return nil
}

// handlerFunc handles one method. params is valid only until it returns.
type handlerFunc func(ctx context.Context, s *Server, params json.RawMessage) (any, error)

// defaultHandlers is the dispatch table; each handler lives in its own
// file. A Server copies it, so a test can add a misbehaving handler.
var defaultHandlers = map[string]handlerFunc{
	methodInitialize:            handleInitialize,
	methodInitialized:           handleInitialized,
	methodShutdown:              handleShutdown,
	methodExit:                  handleExit,
	methodDidOpen:               handleDidOpen,
	methodDidChange:             handleDidChange,
	methodDidClose:              handleDidClose,
	methodDidSave:               handleDidSave,
	methodDidChangeWatchedFiles: handleDidChangeWatchedFiles,
	methodDocumentSymbol:        handleDocumentSymbol,
	methodDefinition:            handleDefinition,
	methodHover:                 handleHover,
	methodCompletion:            handleCompletion,
	methodCompletionResolve:     handleCompletionResolve,
	methodFoldingRange:          handleFoldingRange,
	methodReferences:            handleReferences,
	methodDocumentHighlight:     handleDocumentHighlight,
	methodPrepareRename:         handlePrepareRename,
	methodRename:                handleRename,
	methodCodeAction:            handleCodeAction,
	methodSignatureHelp:         handleSignatureHelp,
	methodWorkspaceSymbol:       handleWorkspaceSymbol,
	methodCodeLens:              handleCodeLens,
	methodExecuteCommand:        handleExecuteCommand,
	methodSemanticTokensFull:    handleSemanticTokens,
	methodSemanticTokensRange:   handleSemanticTokens,

	methodDidChangeConfiguration: handleDidChangeConfiguration, // settings.go
}

// handle dispatches one request or notification. It never returns an error
// for a notification (jsonrpc2 would end the connection) and never lets a
// panic escape (jsonrpc2 would too): a failing request is answered with an
// error and the others go on.
func (s *Server) handle(ctx context.Context, req *jsonrpc2.Request) (result any, err error) {
	method := req.Method()
	isCall := req.IsCall()
	defer func() {
		if r := recover(); r != nil {
			s.log.Error("lsp: handler panicked", "method", method, "panic", r, "stack", string(debug.Stack()))
			result, err = nil, jsonrpc2.Errorf(jsonrpc2.InternalError, "internal error in %s: %v", method, r)
		}
		if err != nil && !isCall {
			s.log.Warn("lsp: notification failed", "method", method, "err", err)
			result, err = nil, nil
		}
	}()
	s.mu.Lock()
	initialized, shutdown := s.initialized, s.shutdown
	s.mu.Unlock()
	switch {
	case method == methodExit:
	case !initialized && method != methodInitialize:
		return nil, jsonrpc2.Errorf(serverNotInitialized, "%s before initialize", method)
	case shutdown:
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidRequest, "%s after shutdown", method)
	}
	h, ok := s.handlers[method]
	if !ok {
		if isCall {
			return nil, jsonrpc2.Errorf(jsonrpc2.MethodNotFound, "method not found: %s", method)
		}
		return nil, nil // "$/" and unknown notifications may be ignored
	}
	return h(ctx, s, json.RawMessage(req.Params()))
}

// invalidParams reports a request whose parameters do not fit the
// document, such as a position past its end.
func invalidParams(err error) error {
	return jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%v", err)
}

// serverNotInitialized is LSP's error code for a request before initialize.
const serverNotInitialized jsonrpc2.Code = -32002

// decode unmarshals params, reporting bad ones as InvalidParams.
func decode(params json.RawMessage, v any) error {
	if len(params) == 0 {
		return jsonrpc2.Errorf(jsonrpc2.InvalidParams, "missing params")
	}
	if err := json.Unmarshal(params, v); err != nil {
		return jsonrpc2.Errorf(jsonrpc2.InvalidParams, "invalid params: %v", err)
	}
	return nil
}

// encoding returns the negotiated position encoding.
func (s *Server) encoding() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.enc
}

// notify sends a notification to the client, logging a failure: the client
// going away is not the server's error.
func (s *Server) notify(method string, params any) {
	if err := s.conn.Notify(context.Background(), method, params); err != nil {
		s.log.Debug("lsp: notify failed", "method", method, "err", err)
	}
}

// codec is encoding/json with HTML escaping off, as jsonrpc2 asks. It is
// used instead of jsonrpc2's default (encoding/json/v2's experimental
// module) so that the protocol types' omitempty tags mean what they mean
// everywhere else in Go.
type codec struct{}

func (codec) Marshal(v any) ([]byte, error) {
	switch v := v.(type) {
	case jsonrpc2.RawMessage:
		return v, nil
	case json.RawMessage:
		return v, nil
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("marshal %T: %w", v, err)
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

func (codec) Unmarshal(data []byte, v any) error {
	switch v := v.(type) {
	case *jsonrpc2.RawMessage:
		*v = append((*v)[:0], data...)
		return nil
	case *json.RawMessage:
		*v = append((*v)[:0], data...)
		return nil
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("unmarshal %T: %w", v, err)
	}
	return nil
}
