package sema

// BehaviourInfo is what a behaviour requires of its callback modules: the
// callbacks, and which of them are optional (as -optional_callbacks
// declares them).
type BehaviourInfo struct {
	Callbacks []FA
	Optional  []FA
}

// otpBehaviours holds OTP 25's behaviours as their modules'
// behaviour_info/1 returns them (recorded with erl), in the same order,
// which is the order erlc reports missing callbacks in.
var otpBehaviours = map[string]BehaviourInfo{
	"gen_server": {
		Callbacks: []FA{{"init", 1}, {"handle_call", 3}, {"handle_cast", 2}, {"handle_info", 2}, {"handle_continue", 2}, {"terminate", 2}, {"code_change", 3}, {"format_status", 2}, {"format_status", 1}},
		Optional:  []FA{{"handle_info", 2}, {"handle_continue", 2}, {"terminate", 2}, {"code_change", 3}, {"format_status", 1}, {"format_status", 2}},
	},
	"gen_statem": {
		Callbacks: []FA{{"init", 1}, {"callback_mode", 0}, {"state_name", 3}, {"handle_event", 4}, {"terminate", 3}, {"code_change", 4}, {"format_status", 2}, {"format_status", 1}},
		Optional:  []FA{{"format_status", 1}, {"format_status", 2}, {"terminate", 3}, {"code_change", 4}, {"state_name", 3}, {"handle_event", 4}},
	},
	"gen_event": {
		Callbacks: []FA{{"init", 1}, {"handle_event", 2}, {"handle_call", 2}, {"handle_info", 2}, {"terminate", 2}, {"code_change", 3}, {"format_status", 2}, {"format_status", 1}},
		Optional:  []FA{{"handle_info", 2}, {"terminate", 2}, {"code_change", 3}, {"format_status", 1}, {"format_status", 2}},
	},
	"gen_fsm": {
		Callbacks: []FA{{"init", 1}, {"handle_event", 3}, {"handle_sync_event", 4}, {"handle_info", 3}, {"terminate", 3}, {"code_change", 4}, {"format_status", 2}},
		Optional:  []FA{{"handle_info", 3}, {"terminate", 3}, {"code_change", 4}, {"format_status", 2}},
	},
	"supervisor":        {Callbacks: []FA{{"init", 1}}},
	"supervisor_bridge": {Callbacks: []FA{{"init", 1}, {"terminate", 2}}},
	"application":       {Callbacks: []FA{{"start", 2}, {"stop", 1}}},
}

// OTPBehaviour returns the callbacks of one of OTP's standard behaviours.
func OTPBehaviour(name string) (BehaviourInfo, bool) {
	b, ok := otpBehaviours[name]
	return b, ok
}

// BehaviourInfo returns the behaviour that the module defines with its
// -callback attributes; ok is false when it declares none.
func (m *Module) BehaviourInfo() (info BehaviourInfo, ok bool) {
	if len(m.Callbacks) == 0 {
		return BehaviourInfo{}, false
	}
	for _, fn := range m.callbackOrder {
		info.Callbacks = append(info.Callbacks, fn)
		if m.OptionalCallbacks[fn] {
			info.Optional = append(info.Optional, fn)
		}
	}
	return info, true
}
