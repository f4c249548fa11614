package dap

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	godap "github.com/google/go-dap"

	"github.com/otpbox/otpbox/sandbox/erl/vm"
	"github.com/otpbox/otpbox/sandbox/guest/image"
)

// launchArgs are the launch request's arguments.
type launchArgs struct {
	// Program is an .erl file (every .erl beside it is loaded too) or a
	// folder of them.
	Program string `json:"program"`
	// Entry is "module:function" or "module" (function main); the default
	// is main in Program's module.
	Entry       string   `json:"entry"`
	StopOnEntry bool     `json:"stopOnEntry"`
	IncludeDirs []string `json:"includeDirs"`
	Limits      Limits   `json:"limits"`
	NoDebug     bool     `json:"noDebug"`

	module, function string
	files            []string
}

// parse checks the arguments and finds the files to load.
func (a *launchArgs) parse() error {
	if a.Program == "" {
		return fmt.Errorf(`launch: "program" is required (an .erl file or a folder)`)
	}
	prog, err := filepath.Abs(a.Program)
	if err != nil {
		return fmt.Errorf("launch: program %q: %w", a.Program, err)
	}
	st, err := os.Stat(prog)
	if err != nil {
		return fmt.Errorf("launch: program: %w", err)
	}
	dir := prog
	if !st.IsDir() {
		if filepath.Ext(prog) != ".erl" {
			return fmt.Errorf("launch: program %q is not an .erl file or a folder", a.Program)
		}
		dir = filepath.Dir(prog)
	}
	a.files, err = filepath.Glob(filepath.Join(dir, "*.erl"))
	if err != nil || len(a.files) == 0 {
		return fmt.Errorf("launch: no .erl files in %s", dir)
	}
	sort.Strings(a.files)
	entry := a.Entry
	if entry == "" {
		if st.IsDir() {
			return fmt.Errorf(`launch: program is a folder: "entry" (module:function) is required`)
		}
		entry = strings.TrimSuffix(filepath.Base(prog), ".erl")
	}
	a.module, a.function, _ = strings.Cut(entry, ":")
	if a.function == "" {
		a.function = "main"
	}
	if a.module == "" {
		return fmt.Errorf("launch: entry %q: want module:function", a.Entry)
	}
	return nil
}

func (s *session) onLaunch(r *godap.LaunchRequest) {
	if s.endpoint != nil {
		s.sendError(&r.Request, `launch: this address debugs the language server's sandbox: attach with {"sandbox": "workspace", "token": ...}`)
		return
	}
	var args launchArgs
	if err := json.Unmarshal(r.Arguments, &args); err != nil {
		s.sendError(&r.Request, fmt.Sprintf("launch: bad arguments: %v", err))
		return
	}
	if err := args.parse(); err != nil {
		s.sendError(&r.Request, err.Error())
		return
	}
	s.mu.Lock()
	launched := s.rt != nil
	s.mu.Unlock()
	if launched {
		s.sendError(&r.Request, "launch: a program is already running in this session")
		return
	}

	// The library modules the program uses are decoded from the image make
	// built, as in a sandbox, instead of compiled at every launch; a
	// build without it, or with one from another VM, compiles them.
	cfg := vm.NewConfig().
		WithStdout(&outputWriter{s: s, category: "stdout"}).
		WithStderr(&outputWriter{s: s, category: "stderr"}).
		WithIncludeDirs(args.IncludeDirs...).
		WithMaxReductions(args.Limits.MaxReductions).
		WithImage(image.Stdlib())
	rt, err := s.cfg.newRuntime(LaunchSpec{VM: cfg, Stdout: &outputWriter{s: s, category: "stdout"}, Stderr: &outputWriter{s: s, category: "stderr"}, IncludeDirs: args.IncludeDirs, Limits: args.Limits})
	if err != nil {
		s.sendError(&r.Request, fmt.Sprintf("launch: %v", err))
		return
	}
	d := rt.Debugger()
	var errs []string
	for _, f := range args.files {
		if _, err := s.reloadFile(rt, f); err != nil {
			errs = append(errs, err.Error())
		}
	}
	if len(errs) > 0 {
		closeRuntime(rt)
		s.sendError(&r.Request, "launch: "+strings.Join(errs, "\n"))
		return
	}
	if args.StopOnEntry {
		d.SetStopOnEntry(true)
	}
	s.mu.Lock()
	s.rt, s.d, s.launch = rt, d, &args
	s.unsub = d.Subscribe(s.onDebugEvent)
	s.mu.Unlock()
	go s.watch(rt, watchEvery)
	s.send(&godap.LaunchResponse{Response: response(&r.Request)})
	s.send(&godap.InitializedEvent{Event: event("initialized")})
}

// watchEvery is how often the launched program's files are checked for
// changes saved by an editor.
const watchEvery = 250 * time.Millisecond

// moduleOf is the module a file defines, by Erlang's file naming rule.
func moduleOf(path string) string {
	return strings.TrimSuffix(filepath.Base(path), ".erl")
}

func (s *session) onConfigurationDone(r *godap.ConfigurationDoneRequest) {
	s.mu.Lock()
	rt, args, started := s.rt, s.launch, s.started
	s.started = true
	s.mu.Unlock()
	if rt == nil {
		s.sendError(&r.Request, "configurationDone: launch first")
		return
	}
	s.send(&godap.ConfigurationDoneResponse{Response: response(&r.Request)})
	if started || args == nil {
		return // attached: the system is already running
	}
	go s.runProgram(rt, args)
}

// runProgram runs the entry point to its end, then ends the session's
// debuggee as `erl -eval 'M:F(), halt().'` would.
func (s *session) runProgram(rt Runtime, args *launchArgs) {
	_, err := rt.Call(args.module, args.function)
	code := 0
	if err != nil {
		code = 1
		if exc, ok := err.(*vm.Exception); ok {
			s.sendOutput("stderr", fmt.Sprintf("** exception %s: %s\n   stacktrace: %s\n", vm.Show(exc.Class), vm.Show(exc.Reason), vm.Show(exc.Stacktrace)))
		} else {
			s.sendOutput("stderr", fmt.Sprintf("otpbox: %v\n", err))
		}
	}
	s.send(&godap.ExitedEvent{Event: event("exited"), Body: godap.ExitedEventBody{ExitCode: code}})
	s.send(&godap.TerminatedEvent{Event: event("terminated")})
}

// outputWriter turns program output into output events.
type outputWriter struct {
	s        *session
	category string
}

func (w *outputWriter) Write(p []byte) (int, error) {
	w.s.sendOutput(w.category, string(p))
	return len(p), nil
}
