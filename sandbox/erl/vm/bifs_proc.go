package vm

import (
	"fmt"
	"sort"
	"time"
	"unicode/utf8"

	"github.com/otpbox/otpbox/sandbox/erl/term"
)

// The BIFs BEAM implements in C for processes, timers, the process
// dictionary and code loading. They run inside a reduction slice, so the
// world lock is held and scheduler state can be touched directly.

func addProcBifs(t map[string]*bif) {
	add := func(mod, name string, arity int, fn bifFn) {
		t[fmt.Sprintf("%s:%s/%d", mod, name, arity)] = &bif{mod: mod, name: name, arity: arity, fn: fn}
	}
	ctl := func(mod, name string, arity int, fn func(p *proc, a []term.Term, tail bool, dst int32) bool) {
		t[fmt.Sprintf("%s:%s/%d", mod, name, arity)] = &bif{mod: mod, name: name, arity: arity, control: fn}
	}
	e := func(name string, arity int, fn bifFn) { add("erlang", name, arity, fn) }

	e("self", 0, func(p *proc, a []term.Term) (term.Term, bool) { return term.MakePid(p.pid), true })

	// spawn and friends: opts say link/monitor.
	spawnFun := func(link, mon bool) bifFn {
		return func(p *proc, a []term.Term) (term.Term, bool) {
			f := a[0]
			if f.Kind() != term.KindFun || f.Fun().Arity != 0 {
				return p.badarg()
			}
			return p.spawnWith(func(q *proc) { q.startFun(f) }, link, mon)
		}
	}
	spawnMFA := func(link, mon bool) bifFn {
		return func(p *proc, a []term.Term) (term.Term, bool) {
			args, ok := term.ListToSlice(a[2])
			if a[0].Kind() != term.KindAtom || a[1].Kind() != term.KindAtom || !ok {
				return p.badarg()
			}
			return p.spawnWith(func(q *proc) { q.startMFA(a[0].AtomName(), a[1].AtomName(), args) }, link, mon)
		}
	}
	e("spawn", 1, spawnFun(false, false))
	e("spawn", 3, spawnMFA(false, false))
	e("spawn_link", 1, spawnFun(true, false))
	e("spawn_link", 3, spawnMFA(true, false))
	e("spawn_monitor", 1, spawnFun(false, true))
	e("spawn_monitor", 3, spawnMFA(false, true))
	// The node forms: this VM is the only node, nonode@nohost. BEAM would
	// hand back the pid of a process that never started on an unknown
	// node (and report noconnection to a link or monitor); here an
	// unknown node is badarg.
	onNode := func(local bifFn) bifFn {
		return func(p *proc, a []term.Term) (term.Term, bool) {
			if !term.Equal(a[0], term.Nonode) {
				return p.badarg()
			}
			return local(p, a[1:])
		}
	}
	for _, f := range []struct {
		name      string
		link, mon bool
	}{{"spawn", false, false}, {"spawn_link", true, false}, {"spawn_monitor", false, true}} {
		e(f.name, 2, onNode(spawnFun(f.link, f.mon)))
		e(f.name, 4, onNode(spawnMFA(f.link, f.mon)))
	}
	e("spawn_opt", 2, func(p *proc, a []term.Term) (term.Term, bool) {
		link, mon, prio, ok := spawnOpts(a[1])
		if !ok || a[0].Kind() != term.KindFun || a[0].Fun().Arity != 0 {
			return p.badarg()
		}
		f := a[0]
		return p.spawnWith(func(q *proc) { q.startFun(f); q.setPriority(prio) }, link, mon)
	})
	e("spawn_opt", 4, func(p *proc, a []term.Term) (term.Term, bool) {
		link, mon, prio, ok := spawnOpts(a[3])
		args, ok2 := term.ListToSlice(a[2])
		if !ok || !ok2 || a[0].Kind() != term.KindAtom || a[1].Kind() != term.KindAtom {
			return p.badarg()
		}
		return p.spawnWith(func(q *proc) { q.startMFA(a[0].AtomName(), a[1].AtomName(), args); q.setPriority(prio) }, link, mon)
	})

	send := func(p *proc, a []term.Term) (term.Term, bool) {
		to := a[0]
		if to.Kind() == term.KindTuple && to.TupleLen() == 2 {
			to = to.Elem(0) // {Name, Node}: one node
		}
		switch to.Kind() {
		case term.KindPid:
			if q := p.vm.sched.procs.get(to.ID()); q != nil {
				p.vm.deliver(q, a[1])
			}
		case term.KindAtom:
			q := p.vm.sched.names[to.AtomName()]
			if q == nil {
				return p.badarg()
			}
			p.vm.deliver(q, a[1])
		case term.KindRef:
			p.vm.sendAlias(to.ID(), a[1])
		default:
			return p.badarg()
		}
		return a[1], true
	}
	e("send", 2, send)
	t["erlang:send/2"].send = true
	t["erlang:!/2"] = &bif{mod: "erlang", name: "send", arity: 2, fn: send, send: true}
	e("send", 3, func(p *proc, a []term.Term) (term.Term, bool) {
		if _, ok := send(p, a[:2]); !ok {
			return term.Nil, false
		}
		return term.OK, true
	})

	ctl("erlang", "exit", 2, func(p *proc, a []term.Term, tail bool, dst int32) bool {
		v := p.vm
		switch a[0].Kind() {
		case term.KindPid:
			if q := v.sched.procs.get(a[0].ID()); q != nil {
				v.exitSignal(term.MakePid(p.pid), q, a[1], false)
			}
		default:
			p.failReason = term.Badarg
			return p.raiseBif(v.lookupBif("erlang", "exit", 2), a)
		}
		return p.afterSignal(term.True, tail, dst)
	})
	// halt stops the whole VM: the caller ends (no crash report), and
	// the driver returns *HaltError before running anything else.
	halt := func(p *proc, a []term.Term, tail bool, dst int32) bool {
		status := 0
		if len(a) > 0 {
			if n, ok := a[0].Int(); ok && n >= 0 {
				status = int(n)
			} else if _, ok := listToUTF8(a[0]); ok || a[0].IsAtom("abort") {
				status = 1 // a slogan: BEAM writes a crash dump and exits 1
			} else {
				p.failReason = term.Badarg
				return p.raiseBif(p.vm.lookupBif("erlang", "halt", len(a)), a)
			}
		}
		p.vm.halted = &HaltError{Status: status}
		p.x().killReason = p.vm.atom("halt")
		return p.afterSignal(term.True, tail, dst)
	}
	ctl("erlang", "halt", 0, halt)
	ctl("erlang", "halt", 1, halt)
	ctl("erlang", "halt", 2, halt)
	ctl("erlang", "link", 1, func(p *proc, a []term.Term, tail bool, dst int32) bool {
		v := p.vm
		if a[0].Kind() != term.KindPid {
			p.failReason = term.Badarg
			return p.raiseBif(v.lookupBif("erlang", "link", 1), a)
		}
		q := v.sched.procs.get(a[0].ID())
		switch {
		case q == p:
		case q == nil && p.trapExit:
			v.deliver(p, term.MakeTuple(v.atom("EXIT"), a[0], v.atom("noproc")))
		case q == nil:
			p.failReason = v.atom("noproc")
			return p.raiseBif(v.lookupBif("erlang", "link", 1), a)
		case !p.linkedTo(q.pid):
			p.link(q)
			v.dbg.linkChanged(p.pid, q.pid, true)
		}
		return p.afterSignal(term.True, tail, dst)
	})
	e("unlink", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		if a[0].Kind() != term.KindPid {
			return p.badarg()
		}
		linked := p.linkedTo(a[0].ID())
		p.unlink(a[0].ID())
		if q := p.vm.sched.procs.get(a[0].ID()); q != nil {
			q.unlink(p.pid)
		}
		if linked {
			p.vm.dbg.linkChanged(p.pid, a[0].ID(), false)
		}
		return term.True, true
	})
	ctl("erlang", "raise", 3, func(p *proc, a []term.Term, tail bool, dst int32) bool {
		var class term.Term
		switch {
		case a[0].IsAtom("error"):
			class = term.Error
		case a[0].IsAtom("exit"):
			class = term.Exit
		case a[0].IsAtom("throw"):
			class = term.Throw
		}
		if _, ok := term.ListToSlice(a[2]); !ok || class == (term.Term{}) {
			p.failReason = term.Badarg
			return p.raiseBif(p.vm.lookupBif("erlang", "raise", 3), a)
		}
		return p.raise(class, a[1], a[2])
	})
	e("process_flag", 2, func(p *proc, a []term.Term) (term.Term, bool) {
		switch {
		case a[0].IsAtom("trap_exit"):
			b, ok := isBool(a[1])
			if !ok {
				return p.badarg()
			}
			old := p.trapExit
			p.trapExit = b
			return term.Bool(old), true
		case a[0].IsAtom("priority"):
			if !(a[1].IsAtom("low") || a[1].IsAtom("normal") || a[1].IsAtom("high") || a[1].IsAtom("max")) {
				return p.badarg()
			}
			old := p.priority()
			p.setPriority(a[1].AtomName())
			return old, true
		case a[0].IsAtom("min_heap_size"), a[0].IsAtom("fullsweep_after"), a[0].IsAtom("message_queue_data"), a[0].IsAtom("sensitive"):
			return p.vm.atom("normal"), true
		}
		return p.badarg()
	})
	e("monitor", 2, func(p *proc, a []term.Term) (term.Term, bool) {
		if !a[0].IsAtom("process") {
			return p.badarg()
		}
		return p.monitor(a[1])
	})
	e("monitor", 3, func(p *proc, a []term.Term) (term.Term, bool) {
		opts, ok := term.ListToSlice(a[2])
		if !a[0].IsAtom("process") || !ok {
			return p.badarg()
		}
		ref, ok := p.monitor(a[1])
		if !ok {
			return ref, ok
		}
		for _, o := range opts {
			if o.Kind() == term.KindTuple && o.TupleLen() == 2 && o.Elem(0).IsAtom("alias") && o.Elem(1).Kind() == term.KindAtom {
				p.vm.sched.setAlias(ref.ID(), p, o.Elem(1).AtomName())
			}
		}
		return ref, true
	})
	demonitor := func(p *proc, ref term.Term, opts term.Term) (term.Term, bool) {
		flush, info := false, false
		l, ok := term.ListToSlice(opts)
		if ref.Kind() != term.KindRef || !ok {
			return p.badarg()
		}
		for _, o := range l {
			switch {
			case o.IsAtom("flush"):
				flush = true
			case o.IsAtom("info"):
				info = true
			default:
				return p.badarg()
			}
		}
		if al := p.vm.sched.aliases[ref.ID()]; al != nil && al.mode != "explicit_unalias" {
			delete(p.vm.sched.aliases, ref.ID())
		}
		m, found := p.dropMonitor(ref.ID(), true)
		if found {
			if q := p.vm.sched.procs.get(m.other); q != nil {
				q.dropMonitor(m.ref, false)
			}
		}
		if flush {
			p.flushDown(ref)
		}
		if info {
			return term.Bool(found), true
		}
		return term.True, true
	}
	e("demonitor", 1, func(p *proc, a []term.Term) (term.Term, bool) { return demonitor(p, a[0], term.Nil) })
	e("demonitor", 2, func(p *proc, a []term.Term) (term.Term, bool) { return demonitor(p, a[0], a[1]) })

	e("register", 2, func(p *proc, a []term.Term) (term.Term, bool) {
		s := p.vm.sched
		if a[0].Kind() != term.KindAtom || a[0].IsAtom("undefined") || a[1].Kind() != term.KindPid {
			return p.badarg()
		}
		q := s.procs.get(a[1].ID())
		if q == nil || q.ext.regName() != "" || s.names[a[0].AtomName()] != nil {
			return p.badarg()
		}
		name := a[0].AtomName()
		q.x().name = name
		s.names[name] = q
		p.vm.dbg.nameChanged(q.pid, name, true)
		return term.True, true
	})
	e("unregister", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		s := p.vm.sched
		if a[0].Kind() != term.KindAtom || s.names[a[0].AtomName()] == nil {
			return p.badarg()
		}
		q := s.names[a[0].AtomName()]
		q.x().name = ""
		delete(s.names, a[0].AtomName())
		p.vm.dbg.nameChanged(q.pid, a[0].AtomName(), false)
		return term.True, true
	})
	e("whereis", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		if a[0].Kind() != term.KindAtom {
			return p.badarg()
		}
		if q := p.vm.sched.names[a[0].AtomName()]; q != nil {
			return term.MakePid(q.pid), true
		}
		return term.Undefined, true
	})
	e("registered", 0, func(p *proc, a []term.Term) (term.Term, bool) {
		names := make([]string, 0, len(p.vm.sched.names))
		for n := range p.vm.sched.names {
			names = append(names, n)
		}
		sort.Strings(names)
		out := make([]term.Term, len(names))
		for i, n := range names {
			out[i] = p.vm.atom(n)
		}
		return term.MakeList(out...), true
	})
	e("is_process_alive", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		if a[0].Kind() != term.KindPid {
			return p.badarg()
		}
		ok := p.vm.sched.procs.has(a[0].ID())
		return term.Bool(ok || a[0].ID() == p.pid), true
	})
	e("processes", 0, func(p *proc, a []term.Term) (term.Term, bool) {
		ids := make([]uint64, 0, p.vm.sched.procs.len())
		for q := range p.vm.sched.procs.all() {
			ids = append(ids, q.pid)
		}
		sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
		out := make([]term.Term, len(ids))
		for i, id := range ids {
			out[i] = term.MakePid(id)
		}
		return term.MakeList(out...), true
	})
	e("group_leader", 0, func(p *proc, a []term.Term) (term.Term, bool) {
		if p.groupLeader == (term.Term{}) {
			return term.MakePid(0), true
		}
		return p.groupLeader, true
	})
	e("group_leader", 2, func(p *proc, a []term.Term) (term.Term, bool) {
		q := p.target(a[1])
		if a[0].Kind() != term.KindPid || q == nil {
			return p.badarg()
		}
		q.groupLeader = a[0]
		return term.True, true
	})
	add("io", "format", 3, func(p *proc, a []term.Term) (term.Term, bool) {
		s, ok := formatChars(p, a[1], a[2])
		if !ok || !p.write(a[0], []byte(s)) {
			return p.badarg()
		}
		return term.OK, true
	})
	t["io:fwrite/3"] = t["io:format/3"]
	add("io", "put_chars", 2, func(p *proc, a []term.Term) (term.Term, bool) {
		b, ok := flatten(a[1], nil, true)
		if !ok || !p.write(a[0], b) {
			return p.badarg()
		}
		return term.OK, true
	})
	add("io", "nl", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		if !p.write(a[0], []byte("\n")) {
			return p.badarg()
		}
		return term.OK, true
	})
	e("alias", 0, func(p *proc, a []term.Term) (term.Term, bool) { return p.newAlias("explicit_unalias"), true })
	e("alias", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		mode := "explicit_unalias"
		if l, ok := term.ListToSlice(a[0]); ok && len(l) == 1 && l[0].IsAtom("reply") {
			mode = "reply_demonitor"
		}
		return p.newAlias(mode), true
	})
	e("unalias", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		if a[0].Kind() != term.KindRef {
			return p.badarg()
		}
		al := p.vm.sched.aliases[a[0].ID()]
		if al == nil || al.owner != p {
			return term.False, true
		}
		delete(p.vm.sched.aliases, a[0].ID())
		return term.True, true
	})
	e("yield", 0, func(p *proc, a []term.Term) (term.Term, bool) { return term.True, true })
	e("process_info", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		q := p.target(a[0])
		if a[0].Kind() != term.KindPid {
			return p.badarg()
		}
		if q == nil {
			return term.Undefined, true
		}
		var out []term.Term
		for _, k := range []string{"registered_name", "current_function", "initial_call", "status", "message_queue_len", "links", "dictionary", "trap_exit", "group_leader", "reductions"} {
			it := q.info(k)
			if k == "registered_name" && it.Elem(1).IsNil() {
				continue
			}
			out = append(out, it)
		}
		return term.MakeList(out...), true
	})
	e("process_info", 2, func(p *proc, a []term.Term) (term.Term, bool) {
		if a[0].Kind() != term.KindPid {
			return p.badarg()
		}
		q := p.target(a[0])
		if q == nil {
			return term.Undefined, true
		}
		if a[1].Kind() == term.KindAtom {
			it := q.info(a[1].AtomName())
			if it == (term.Term{}) {
				return p.badarg()
			}
			if a[1].IsAtom("registered_name") && it.Elem(1).IsNil() {
				return term.Nil, true
			}
			return it, true
		}
		items, ok := term.ListToSlice(a[1])
		if !ok {
			return p.badarg()
		}
		out := make([]term.Term, len(items))
		for i, k := range items {
			if k.Kind() != term.KindAtom {
				return p.badarg()
			}
			if out[i] = q.info(k.AtomName()); out[i] == (term.Term{}) {
				return p.badarg()
			}
		}
		return term.MakeList(out...), true
	})

	// The process dictionary.
	e("put", 2, func(p *proc, a []term.Term) (term.Term, bool) {
		old := term.Undefined
		x := p.x()
		if i := p.dictFind(a[0]); i >= 0 {
			old = x.dict[i].Elem(1)
			x.dict[i] = term.MakeTuple(a[0], a[1])
		} else {
			x.dict = append(x.dict, term.MakeTuple(a[0], a[1]))
		}
		return old, true
	})
	e("get", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		if i := p.dictFind(a[0]); i >= 0 {
			return p.ext.dict[i].Elem(1), true
		}
		return term.Undefined, true
	})
	e("get", 0, func(p *proc, a []term.Term) (term.Term, bool) { return term.MakeList(p.ext.dictionary()...), true })
	e("erase", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		if i := p.dictFind(a[0]); i >= 0 {
			x := p.ext
			old := x.dict[i].Elem(1)
			x.dict = append(x.dict[:i], x.dict[i+1:]...)
			return old, true
		}
		return term.Undefined, true
	})
	e("erase", 0, func(p *proc, a []term.Term) (term.Term, bool) {
		old := term.MakeList(p.ext.dictionary()...)
		if p.ext != nil {
			p.ext.dict = nil
		}
		return old, true
	})
	e("get_keys", 0, func(p *proc, a []term.Term) (term.Term, bool) {
		dict := p.ext.dictionary()
		out := make([]term.Term, len(dict))
		for i, kv := range dict {
			out[i] = kv.Elem(0)
		}
		return term.MakeList(out...), true
	})
	e("get_keys", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		var out []term.Term
		for _, kv := range p.ext.dictionary() {
			if term.ExactEqual(kv.Elem(1), a[0]) {
				out = append(out, kv.Elem(0))
			}
		}
		return term.MakeList(out...), true
	})

	// Timers.
	startTimer := func(wrap bool) bifFn {
		return func(p *proc, a []term.Term) (term.Term, bool) {
			ms, ok := a[0].Int()
			dest := a[1]
			if !ok || ms < 0 || (dest.Kind() != term.KindPid && dest.Kind() != term.KindAtom) {
				return p.badarg()
			}
			v := p.vm
			v.refs++
			ref := term.MakeRef(v.refs)
			msg := a[2]
			if wrap {
				msg = term.MakeTuple(v.atom("timeout"), ref, a[2])
			}
			tm := &timer{at: v.now().Add(time.Duration(ms) * time.Millisecond), dest: dest, msg: msg}
			v.sched.add(tm)
			if v.sched.byRef == nil {
				v.sched.byRef = map[uint64]*timer{}
			}
			v.sched.byRef[ref.ID()] = tm
			tm.ref = ref.ID()
			return ref, true
		}
	}
	e("send_after", 3, startTimer(false))
	e("start_timer", 3, startTimer(true))
	e("send_after", 4, func(p *proc, a []term.Term) (term.Term, bool) { return startTimer(false)(p, a[:3]) })
	e("start_timer", 4, func(p *proc, a []term.Term) (term.Term, bool) { return startTimer(true)(p, a[:3]) })
	readTimer := func(cancel bool) bifFn {
		return func(p *proc, a []term.Term) (term.Term, bool) {
			if a[0].Kind() != term.KindRef {
				return p.badarg()
			}
			s := p.vm.sched
			tm := s.byRef[a[0].ID()]
			if tm == nil || tm.dead {
				return term.False, true
			}
			left := tm.at.Sub(p.vm.now()).Milliseconds()
			if left < 0 {
				left = 0
			}
			if cancel {
				s.cancel(tm)
				delete(s.byRef, tm.ref)
			}
			return term.MakeInt(left), true
		}
	}
	e("cancel_timer", 1, readTimer(true))
	e("cancel_timer", 2, func(p *proc, a []term.Term) (term.Term, bool) { return readTimer(true)(p, a[:1]) })
	e("read_timer", 1, readTimer(false))

	// Time. The native unit is the nanosecond, as on BEAM for Linux.
	e("monotonic_time", 0, func(p *proc, a []term.Term) (term.Term, bool) {
		return term.MakeInt(int64(p.vm.now().Sub(p.vm.start))), true
	})
	e("monotonic_time", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		return convertTime(p, int64(p.vm.now().Sub(p.vm.start)), a[0])
	})
	e("system_time", 0, func(p *proc, a []term.Term) (term.Term, bool) { return term.MakeInt(p.vm.now().UnixNano()), true })
	e("system_time", 1, func(p *proc, a []term.Term) (term.Term, bool) { return convertTime(p, p.vm.now().UnixNano(), a[0]) })
	add("os", "system_time", 0, func(p *proc, a []term.Term) (term.Term, bool) { return term.MakeInt(p.vm.now().UnixNano()), true })
	add("os", "system_time", 1, func(p *proc, a []term.Term) (term.Term, bool) { return convertTime(p, p.vm.now().UnixNano(), a[0]) })
	timestamp := func(p *proc, a []term.Term) (term.Term, bool) {
		us := p.vm.now().UnixMicro()
		return term.MakeTuple(term.MakeInt(us/1e12), term.MakeInt(us/1e6%1e6), term.MakeInt(us%1e6)), true
	}
	e("timestamp", 0, timestamp)
	e("now", 0, timestamp)
	add("os", "timestamp", 0, timestamp)
	e("convert_time_unit", 3, func(p *proc, a []term.Term) (term.Term, bool) {
		n, ok := a[0].Int()
		from, ok2 := timeUnit(a[1])
		if !ok || !ok2 {
			return p.badarg()
		}
		return convertTime(p, n*(1e9/from), a[2])
	})

	// Code loading.
	mod := func(p *proc, t term.Term) (string, bool) {
		if t.Kind() != term.KindAtom {
			return "", false
		}
		return t.AtomName(), true
	}
	add("code", "is_loaded", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		name, ok := mod(p, a[0])
		if !ok {
			return p.badarg()
		}
		if m := p.vm.loadedModule(name); m != nil {
			return term.MakeTuple(term.File, term.MakeString(m.file)), true
		}
		return term.False, true
	})
	e("module_loaded", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		name, ok := mod(p, a[0])
		if !ok {
			return p.badarg()
		}
		return term.Bool(p.vm.loadedModule(name) != nil), true
	})
	e("function_exported", 3, func(p *proc, a []term.Term) (term.Term, bool) {
		n, ok := a[2].Int()
		if a[0].Kind() != term.KindAtom || a[1].Kind() != term.KindAtom || !ok {
			return p.badarg()
		}
		m := p.vm.loadedModule(a[0].AtomName())
		if m == nil {
			return term.False, true
		}
		key := fmt.Sprintf("%s/%d", a[1].AtomName(), n)
		return term.Bool(m.funcs[key] != nil && (m.exportAll || m.exports[key])), true
	})
	e("is_builtin", 3, func(p *proc, a []term.Term) (term.Term, bool) {
		n, ok := a[2].Int()
		if a[0].Kind() != term.KindAtom || a[1].Kind() != term.KindAtom || !ok {
			return p.badarg()
		}
		return term.Bool(p.vm.lookupBif(a[0].AtomName(), a[1].AtomName(), int(n)) != nil && a[0].IsAtom("erlang")), true
	})
	e("check_old_code", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		if a[0].Kind() != term.KindAtom {
			return p.badarg()
		}
		return term.Bool(p.vm.old[a[0].AtomName()] != nil), true
	})
	e("pid_to_list", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		if a[0].Kind() != term.KindPid {
			return p.badarg()
		}
		return term.MakeString(showPid(a[0].ID())), true
	})
	add("code", "all_loaded", 0, func(p *proc, a []term.Term) (term.Term, bool) {
		ms := p.vm.loadedModules()
		sort.Slice(ms, func(i, j int) bool { return ms[i].name < ms[j].name })
		out := make([]term.Term, len(ms))
		for i, m := range ms {
			out[i] = term.MakeTuple(p.vm.atom(m.name), term.MakeString(m.file))
		}
		return term.MakeList(out...), true
	})
	add("code", "ensure_loaded", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		name, ok := mod(p, a[0])
		if !ok {
			return p.badarg()
		}
		if _, err := p.vm.module(name); err != nil {
			return term.MakeTuple(term.Error, p.vm.atom("nofile")), true
		}
		return term.MakeTuple(p.vm.atom("module"), a[0]), true
	})
	add("code", "soft_purge", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		name, ok := mod(p, a[0])
		if !ok {
			return p.badarg()
		}
		o := p.vm.old[name]
		if o == nil {
			return term.True, true
		}
		for q := range p.vm.sched.procs.all() {
			if q.runs(o) {
				return term.False, true
			}
		}
		delete(p.vm.old, name)
		return term.True, true
	})
	e("check_process_code", 2, func(p *proc, a []term.Term) (term.Term, bool) {
		name, ok := mod(p, a[1])
		if !ok || a[0].Kind() != term.KindPid {
			return p.badarg()
		}
		q := p.target(a[0])
		o := p.vm.old[name]
		return term.Bool(q != nil && o != nil && q.runs(o)), true
	})
	ctl("code", "purge", 1, func(p *proc, a []term.Term, tail bool, dst int32) bool {
		name, ok := mod(p, a[0])
		if !ok {
			p.failReason = term.Badarg
			return p.raiseBif(p.vm.lookupBif("code", "purge", 1), a)
		}
		return p.afterSignal(term.Bool(p.vm.purgeLocked(name)), tail, dst)
	})
	add("code", "delete", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		name, ok := mod(p, a[0])
		if !ok {
			return p.badarg()
		}
		v := p.vm
		cur := v.loadedModule(name)
		if cur == nil || v.old[name] != nil {
			return term.False, true
		}
		v.old[name] = cur
		v.mu.Lock()
		delete(v.modules, name)
		v.codeGen.Add(1)
		v.mu.Unlock()
		return term.True, true
	})
	ctl("otpbox", "load_source", 2, func(p *proc, a []term.Term, tail bool, dst int32) bool {
		v := p.vm
		src, ok := listToUTF8(a[1])
		if a[0].Kind() != term.KindAtom || !ok {
			p.failReason = term.Badarg
			return p.raiseBif(v.lookupBif("otpbox", "load_source", 2), a)
		}
		m, err := v.compileSource(a[0].AtomName()+".erl", src)
		if err != nil {
			return p.afterSignal(term.MakeTuple(term.Error, term.MakeString(err.Error())), tail, dst)
		}
		v.installLocked(m)
		return p.afterSignal(term.MakeTuple(v.atom("module"), v.atom(m.name)), tail, dst)
	})
}

// afterSignal delivers a control BIF's result, unless a signal it sent
// killed the calling process itself.
func (p *proc) afterSignal(v term.Term, tail bool, dst int32) bool {
	if k := p.ext.killedBy(); k != (term.Term{}) {
		p.exc = &Exception{Class: term.Exit, Reason: k, Stacktrace: term.Nil}
		return false
	}
	p.deliver(v, tail, dst)
	return true
}

// spawnWith starts a process; link and mon ask for spawn_link and
// spawn_monitor.
func (p *proc) spawnWith(start func(q *proc), link, mon bool) (term.Term, bool) {
	v := p.vm
	q, err := v.spawnProc(p, func(q *proc) error { start(q); return nil })
	if err != nil {
		v.limitHit(p.pid, "processes", v.cfg.maxProcesses)
		return p.fail(term.SystemLimit)
	}
	pid := term.MakePid(q.pid)
	if link {
		p.link(q)
		v.dbg.linkChanged(p.pid, q.pid, true)
	}
	if mon {
		ref, _ := p.monitor(pid)
		return term.MakeTuple(pid, ref), true
	}
	return pid, true
}

func (p *proc) priority() term.Term {
	if pr := p.ext.priority(); pr != "" {
		return p.vm.atom(pr)
	}
	return p.vm.atom("normal")
}

// setPriority sets process_flag(priority); "" and normal are the
// default, which needs no extra state.
func (p *proc) setPriority(prio string) {
	if prio == "normal" {
		prio = ""
	}
	if prio != "" || p.ext != nil {
		p.x().prio = prio
	}
}

func spawnOpts(opts term.Term) (link, mon bool, prio string, ok bool) {
	l, ok := term.ListToSlice(opts)
	if !ok {
		return false, false, "", false
	}
	for _, o := range l {
		switch {
		case o.IsAtom("link"):
			link = true
		case o.IsAtom("monitor"):
			mon = true
		case o.Kind() == term.KindTuple && o.TupleLen() == 2 && o.Elem(0).IsAtom("priority") && o.Elem(1).Kind() == term.KindAtom:
			prio = o.Elem(1).AtomName()
		}
	}
	return link, mon, prio, true
}

// target is the live process pid names (p itself included).
func (p *proc) target(pid term.Term) *proc {
	if pid.Kind() != term.KindPid {
		return nil
	}
	if pid.ID() == p.pid {
		return p
	}
	return p.vm.sched.procs.get(pid.ID())
}

// monitor makes p monitor a pid or a registered name.
func (p *proc) monitor(t term.Term) (term.Term, bool) {
	v := p.vm
	v.refs++
	ref := term.MakeRef(v.refs)
	var q *proc
	name := ""
	switch t.Kind() {
	case term.KindPid:
		q = p.target(t)
	case term.KindAtom:
		name = t.AtomName()
		q = v.sched.names[name]
	case term.KindTuple:
		if t.TupleLen() != 2 || t.Elem(0).Kind() != term.KindAtom {
			return p.badarg()
		}
		name = t.Elem(0).AtomName()
		q = v.sched.names[name]
	default:
		return p.badarg()
	}
	if q == nil {
		who := t
		if name != "" {
			who = term.MakeTuple(v.atom(name), term.Nonode)
		}
		v.deliver(p, term.MakeTuple(v.atom("DOWN"), ref, v.atom("process"), who, v.atom("noproc")))
		return ref, true
	}
	p.x().monitors.add(monitor{ref: ref.ID(), other: q.pid, name: name})
	q.x().watch(monitor{ref: ref.ID(), other: p.pid, name: name})
	return ref, true
}

// flushDown drops {'DOWN', Ref, ...} from p's mailbox.
func (p *proc) flushDown(ref term.Term) {
	out := p.mailbox[:0]
	for _, m := range p.mailbox {
		if m.Kind() == term.KindTuple && m.TupleLen() == 5 && m.Elem(0).IsAtom("DOWN") && term.ExactEqual(m.Elem(1), ref) {
			continue
		}
		out = append(out, m)
	}
	p.mailbox = out
}

func (p *proc) dictFind(k term.Term) int {
	for i, kv := range p.ext.dictionary() {
		if term.ExactEqual(kv.Elem(0), k) {
			return i
		}
	}
	return -1
}

// info is process_info(q, item), or the zero Term for an unknown item.
func (q *proc) info(item string) term.Term {
	v := q.vm
	var val term.Term
	switch item {
	case "message_queue_len":
		val = term.MakeInt(int64(len(q.mailbox)))
	case "messages":
		val = term.MakeList(q.mailbox...)
	case "links":
		links := q.ext.linkList()
		out := make([]term.Term, len(links))
		for i, id := range links {
			out[i] = term.MakePid(id)
		}
		val = term.MakeList(out...)
	case "monitors":
		ms := q.ext.held().live()
		out := make([]term.Term, len(ms))
		for i, m := range ms {
			if m.name != "" {
				out[i] = term.MakeTuple(v.atom("process"), term.MakeTuple(v.atom(m.name), term.Nonode))
			} else {
				out[i] = term.MakeTuple(v.atom("process"), term.MakePid(m.other))
			}
		}
		val = term.MakeList(out...)
	case "monitored_by":
		ms := q.ext.watchers().live()
		out := make([]term.Term, len(ms))
		for i, m := range ms {
			out[i] = term.MakePid(m.other)
		}
		val = term.MakeList(out...)
	case "registered_name":
		if name := q.ext.regName(); name == "" {
			val = term.Nil
		} else {
			val = v.atom(name)
		}
	case "status":
		switch q.state {
		case psRunning:
			val = v.atom("running")
		case psRunnable:
			val = v.atom("runnable")
		case psStopped:
			val = v.atom("suspended")
		default:
			val = v.atom("waiting")
		}
	case "current_function":
		val = term.Undefined
		if n := q.nframes(); n > 0 {
			fn := q.frameAt(n - 1).fn.real()
			val = term.MakeTuple(v.atom(fn.mod.name), v.atom(trimFunName(fn.name)), term.MakeInt(int64(fn.arity)))
		}
	case "initial_call":
		// q.initial names the fun for the debugger; BEAM reports the
		// apply a fun-started process begins in.
		val = q.initial
		if q.funStart {
			val = term.MakeTuple(v.atom("erlang"), v.atom("apply"), term.MakeInt(2))
		}
		if val == (term.Term{}) {
			val = term.Undefined
		}
	case "dictionary":
		val = term.MakeList(q.ext.dictionary()...)
	case "trap_exit":
		val = term.Bool(q.trapExit)
	case "reductions":
		val = term.MakeInt(q.reds)
	case "memory":
		val = term.MakeInt(int64(q.memory()))
	case "heap_size", "total_heap_size", "stack_size":
		val = term.MakeInt(int64(q.stackTerms()))
	case "group_leader":
		val = term.MakePid(0)
	case "priority":
		val = q.priority()
	default:
		return term.Term{}
	}
	return term.MakeTuple(v.atom(item), val)
}

// memory estimates a process's own memory in bytes: its structure, stack
// and frames (terms it shares with others are not counted).
func (q *proc) memory() int {
	const procSize, termSize, frameSize = 400, 16, 40
	return procSize + q.stackTerms()*termSize + q.frameSlots()*frameSize + cap(q.mailbox)*termSize
}

// runs reports whether q has a frame in module version m.
func (q *proc) runs(m *Module) bool {
	for i := range q.nframes() {
		if q.frameAt(i).fn.real().mod == m {
			return true
		}
	}
	return false
}

// installLocked makes m the newest version of its module; world is held.
// The version it replaces becomes old code; an old version already there
// is purged first.
func (v *VM) installLocked(m *Module) {
	if cur := v.loadedModule(m.name); cur != nil {
		v.purgeLocked(m.name)
		v.old[m.name] = cur
	}
	v.installModule(m)
	v.dbg.emit(Event{Kind: EventModuleLoaded, Name: m.name, Other: uint64(m.version)})
}

// purgeLocked removes a module's old code, killing the processes still
// running it; it reports whether there was old code.
func (v *VM) purgeLocked(name string) bool {
	o := v.old[name]
	if o == nil {
		return false
	}
	for q := range v.sched.procs.all() {
		if q.runs(o) {
			v.killProc(q, v.atom("killed"))
		}
	}
	delete(v.old, name)
	return true
}

func timeUnit(t term.Term) (int64, bool) {
	if n, ok := t.Int(); ok && n > 0 {
		return n, true
	}
	if t.Kind() != term.KindAtom {
		return 0, false
	}
	switch t.AtomName() {
	case "second", "seconds":
		return 1, true
	case "millisecond", "milli_seconds":
		return 1000, true
	case "microsecond", "micro_seconds":
		return 1000000, true
	case "nanosecond", "nano_seconds", "native", "perf_counter":
		return 1000000000, true
	}
	return 0, false
}

// convertTime converts ns nanoseconds to unit, rounding down as BEAM does.
func convertTime(p *proc, ns int64, unit term.Term) (term.Term, bool) {
	per, ok := timeUnit(unit)
	if !ok {
		return p.badarg()
	}
	if per >= 1e9 {
		return term.MakeInt(ns * (per / 1e9)), true
	}
	d := 1e9 / per
	q := ns / d
	if ns < 0 && ns%d != 0 {
		q--
	}
	return term.MakeInt(q), true
}

// listToUTF8 encodes an Erlang string (a list of code points) or a binary.
func listToUTF8(t term.Term) ([]byte, bool) {
	if t.IsBinary() {
		return t.Bits().Data, true
	}
	l, ok := term.ListToSlice(t)
	if !ok {
		return nil, false
	}
	out := make([]byte, 0, len(l))
	for _, c := range l {
		n, ok := c.Int()
		if !ok || n < 0 || n > utf8.MaxRune {
			return nil, false
		}
		out = utf8.AppendRune(out, rune(n))
	}
	return out, true
}

// applyFunc returns otpbox$spawn:apply/N (N = 2 for a fun, 3 for M, F,
// A), a process's first call: it tail-calls erlang:apply, so the process starts in the function it was
// spawned with, with no frame of its own in stack traces.
func (v *VM) applyFunc(n int) *Func {
	if v.spawn[0] == nil {
		m, err := v.compileSource("otpbox$spawn.erl", []byte("-module('otpbox$spawn').\n-export([apply/2, apply/3]).\napply(F, A) -> erlang:apply(F, A).\napply(M, F, A) -> erlang:apply(M, F, A).\n"))
		if err != nil {
			panic(fmt.Sprintf("vm: the spawn trampoline does not compile: %v", err))
		}
		v.spawn = [2]*Func{m.funcs["apply/2"], m.funcs["apply/3"]}
	}
	return v.spawn[n-2]
}

func (s *scheduler) setAlias(ref uint64, owner *proc, mode string) {
	if s.aliases == nil {
		s.aliases = map[uint64]*alias{}
	}
	s.aliases[ref] = &alias{owner: owner, mode: mode}
}

func (p *proc) newAlias(mode string) term.Term {
	p.vm.refs++
	p.vm.sched.setAlias(p.vm.refs, p, mode)
	return term.MakeRef(p.vm.refs)
}

// sendAlias delivers msg through an alias; a message to an inactive alias
// is dropped, as BEAM does.
func (v *VM) sendAlias(ref uint64, msg term.Term) {
	al := v.sched.aliases[ref]
	if al == nil {
		return
	}
	if al.mode == "reply_demonitor" {
		delete(v.sched.aliases, ref)
		if m, ok := al.owner.dropMonitor(ref, true); ok {
			if q := v.sched.procs.get(m.other); q != nil {
				q.dropMonitor(ref, false)
			}
		}
	}
	v.deliver(al.owner, msg)
}

// moduleInfoBif is M:module_info/0,1, which erlc generates in every
// module: module, exports, attributes, compile, md5.
func moduleInfoBif(m *Module, arity int) *bif {
	item := func(p *proc, what string) (term.Term, bool) {
		v := p.vm
		switch what {
		case "module":
			return v.atom(m.name), true
		case "exports", "functions":
			var keys []string
			for k, fn := range m.funcs {
				if (what == "functions" || m.exportAll || m.exports[k]) && fn.index < 0 {
					keys = append(keys, k)
				}
			}
			sort.Strings(keys)
			out := make([]term.Term, 0, len(keys)+2)
			for _, k := range keys {
				fn := m.funcs[k]
				out = append(out, term.MakeTuple(v.atom(fn.name), term.MakeInt(int64(fn.arity))))
			}
			out = append(out, term.MakeTuple(v.atom("module_info"), term.MakeInt(0)), term.MakeTuple(v.atom("module_info"), term.MakeInt(1)))
			return term.MakeList(out...), true
		case "attributes", "compile":
			return term.Nil, true
		}
		return p.badarg()
	}
	return &bif{mod: m.name, name: "module_info", arity: arity, fn: func(p *proc, a []term.Term) (term.Term, bool) {
		if arity == 1 {
			if a[0].Kind() != term.KindAtom {
				return p.badarg()
			}
			return item(p, a[0].AtomName())
		}
		var out []term.Term
		for _, k := range []string{"module", "exports", "attributes", "compile"} {
			x, _ := item(p, k)
			out = append(out, term.MakeTuple(p.vm.atom(k), x))
		}
		return term.MakeList(out...), true
	}}
}
