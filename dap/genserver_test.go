package dap

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	godap "github.com/google/go-dap"
)

const bankSrc = `-module(bank).
-behaviour(gen_server).
-export([main/0, init/1, handle_call/3, handle_cast/2]).
-record(acct, {owner, balance = 0}).

main() ->
    {ok, _} = gen_server:start_link({local, bank}, bank, ann, []),
    B = gen_server:call(bank, {deposit, 30}),
    io:format("balance ~p~n", [B]).

init(Owner) -> {ok, #acct{owner = Owner}}.

handle_call({deposit, N}, _From, S = #acct{balance = B}) ->
    B1 = B + N,
    {reply, B1, S#acct{balance = B1}}.

handle_cast(_, S) -> {noreply, S}.
`

// A whole session on a gen_server: a breakpoint in handle_call stops the
// server process (named by its registered name), the stack runs through
// gen_server, the Process scope shows its state, link and mailbox, next
// and evaluate work, and the program ends.
func TestSessionGenServerHandleCall(t *testing.T) {
	c := startAdapter(t)
	c.launch(map[string]string{"bank.erl": bankSrc}, "bank.erl", nil, func(dir string) {
		c.setBreakpoints(filepath.Join(dir, "bank.erl"), line(14))
	})
	tid := c.stopped("breakpoint").Body.ThreadId
	threads := c.ok("threads", nil).(*godap.ThreadsResponse).Body.Threads
	var names []string
	for _, th := range threads {
		names = append(names, th.Name)
	}
	if !strings.Contains(strings.Join(names, "|"), fmt.Sprintf("bank <0.%d.0>", tid)) {
		t.Errorf("threads %v", names)
	}
	frames := c.stack(tid)
	var fnames []string
	for _, f := range frames {
		fnames = append(fnames, f.Name)
	}
	if frames[0].Name != "bank:handle_call/3" || frames[0].Line != 14 || !strings.Contains(strings.Join(fnames, " "), "gen_server:") {
		t.Errorf("stack %v", fnames)
	}
	// gen_server's frames come from the embedded OTP source.
	for _, f := range frames {
		if strings.HasPrefix(f.Name, "gen_server:") {
			src := c.ok("source", map[string]any{"sourceReference": f.Source.SourceReference}).(*godap.SourceResponse)
			if !strings.Contains(src.Body.Content, "-module(gen_server).") {
				t.Errorf("gen_server source %.60q", src.Body.Content)
			}
			break
		}
	}
	if got, _ := c.locals(frames[0].Id); !strings.HasPrefix(got, "B=0 N=30 S={acct,ann,0} _From={<0.") {
		t.Errorf("locals %s", got)
	}
	sc := c.ok("scopes", map[string]any{"frameId": frames[0].Id}).(*godap.ScopesResponse).Body.Scopes
	if len(sc) != 2 || sc[1].Name != "Process" {
		t.Fatalf("scopes %+v", sc)
	}
	proc := map[string]godap.Variable{}
	for _, v := range c.vars(sc[1].VariablesReference) {
		proc[v.Name] = v
	}
	if proc["registered_name"].Value != "bank" || proc["status"].Value != "stopped" || proc["messages"].Value != "[]" || !strings.HasPrefix(proc["links"].Value, "[<0.") {
		t.Errorf("process scope %+v", proc)
	}
	st := proc["gen_server state"]
	if st.Type != "#acct{}" {
		t.Fatalf("gen_server state %+v", st)
	}
	var fields []string
	for _, v := range c.vars(st.VariablesReference) {
		fields = append(fields, v.Name+"="+v.Value)
	}
	if strings.Join(fields, " ") != "owner=ann balance=0" {
		t.Errorf("state fields %v", fields)
	}
	c.ok("next", map[string]any{"threadId": tid})
	c.stopped("step")
	if got := c.top(tid); got != "bank:handle_call/3:15" {
		t.Errorf("after next %s", got)
	}
	frames = c.stack(tid)
	if r := c.eval(frames[0].Id, "B1 * 2"); r != "60" {
		t.Errorf("evaluate %s", r)
	}
	c.ok("continue", map[string]any{"threadId": tid})
	c.exited(0)
	if got := c.out("stdout"); got != "balance 30\n" {
		t.Errorf("output %q", got)
	}
}

// Two worker processes stop at the same breakpoint; each is continued on
// its own while the other stays stopped (allThreadsStopped false).
func TestSessionTwoProcessesStoppedIndependently(t *testing.T) {
	c := startAdapter(t)
	src := `-module(two).
-export([main/0, work/2]).
main() ->
    Self = self(),
    [spawn(two, work, [Self, N]) || N <- [1, 2]],
    R = [receive {done, N, V} -> {N, V} end || N <- [1, 2]],
    io:format("~p~n", [R]).
work(Parent, N) ->
    V = N * 100,
    Parent ! {done, N, V}.
`
	c.launch(map[string]string{"two.erl": src}, "two.erl", nil, func(dir string) {
		c.setBreakpoints(filepath.Join(dir, "two.erl"), line(10))
	})
	a := c.stopped("breakpoint").Body.ThreadId
	b := c.stopped("breakpoint").Body.ThreadId
	if a == b {
		t.Fatal("one thread stopped twice")
	}
	va := c.eval(c.stack(a)[0].Id, "V")
	vb := c.eval(c.stack(b)[0].Id, "V")
	if va == vb {
		t.Errorf("both stopped with V=%s", va)
	}
	c.ok("continue", map[string]any{"threadId": a})
	exited := c.event("thread").(*godap.ThreadEvent)
	for exited.Body.Reason != "exited" {
		exited = c.event("thread").(*godap.ThreadEvent)
	}
	if exited.Body.ThreadId != a {
		t.Errorf("thread %d exited, want %d", exited.Body.ThreadId, a)
	}
	// b is still stopped: its stack can be read.
	if got := c.top(b); got != "two:work/2:10" {
		t.Errorf("b at %s", got)
	}
	c.ok("continue", map[string]any{"threadId": b})
	c.exited(0)
	if got := c.out("stdout"); got != "[{1,100},{2,200}]\n" {
		t.Errorf("output %q", got)
	}
}

// A spawned process's crash report arrives once, as stderr output, worded
// by the VM's logger.
func TestSessionCrashReportOutput(t *testing.T) {
	c := startAdapter(t)
	src := `-module(cr).
-export([main/0]).
main() ->
    {Pid, Ref} = spawn_monitor(fun() -> 1 = length([a, b]) end),
    receive {'DOWN', Ref, process, Pid, _} -> ok end.
`
	c.launch(map[string]string{"cr.erl": src}, "cr.erl", nil, nil)
	c.exited(0)
	errs := c.out("stderr")
	if strings.Count(errs, "Error in process") != 1 || !strings.Contains(errs, "badmatch") {
		t.Errorf("stderr %q", errs)
	}
}

// The Process scope shows what a stopped process's mailbox still holds
// after a selective receive, and its dictionary.
func TestSessionProcessScopeMailbox(t *testing.T) {
	c := startAdapter(t)
	src := `-module(mb).
-export([main/0, waiter/0]).
main() ->
    {W, Ref} = spawn_monitor(mb, waiter, []),
    W ! other,
    W ! go,
    receive {'DOWN', Ref, process, W, R} -> R end.
waiter() ->
    put(seen, 0),
    receive go -> ok end,
    done.
`
	c.launch(map[string]string{"mb.erl": src}, "mb.erl", nil, func(dir string) {
		c.setBreakpoints(filepath.Join(dir, "mb.erl"), line(11))
	})
	tid := c.stopped("breakpoint").Body.ThreadId
	frames := c.stack(tid)
	sc := c.ok("scopes", map[string]any{"frameId": frames[0].Id}).(*godap.ScopesResponse).Body.Scopes
	proc := map[string]string{}
	for _, v := range c.vars(sc[1].VariablesReference) {
		proc[v.Name] = v.Value
	}
	if proc["messages"] != "[other]" || proc["dictionary"] != "[{seen,0}]" || proc["initial_call"] != "'mb:waiter/0'" || proc["monitored_by"] == "[]" {
		t.Errorf("process scope %v", proc)
	}
	c.ok("continue", map[string]any{"threadId": tid})
	c.exited(0)
}
