package dap

import godap "github.com/google/go-dap"

// crashFilter is the exception filter that stops a process about to die
// of an uncaught exception.
const crashFilter = "crash"

func (s *session) onInitialize(r *godap.InitializeRequest) {
	resp := &godap.InitializeResponse{Response: response(&r.Request)}
	resp.Body = godap.Capabilities{
		SupportsConfigurationDoneRequest:      true,
		SupportsFunctionBreakpoints:           true,
		SupportsConditionalBreakpoints:        true,
		SupportsHitConditionalBreakpoints:     true,
		SupportsLogPoints:                     true,
		SupportsEvaluateForHovers:             true,
		SupportsExceptionInfoRequest:          true,
		SupportsTerminateThreadsRequest:       true,
		SupportsLoadedSourcesRequest:          true,
		SupportsCompletionsRequest:            true,
		SupportsTerminateRequest:              true,
		SupportTerminateDebuggee:              true,
		SupportsSingleThreadExecutionRequests: true,
		ExceptionBreakpointFilters: []godap.ExceptionBreakpointsFilter{
			{Filter: crashFilter, Label: "Uncaught process crash", Description: "Stop a process about to die of an uncaught exception, before it dies", Default: false},
		},
	}
	// The initialized event comes after launch: configuration requests
	// need the program's modules loaded to verify breakpoints.
	s.send(resp)
}
