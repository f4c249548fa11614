package sema

// BehaviourInfo is what a behaviour requires of its callback modules: the
// callbacks, and which of them are optional (as -optional_callbacks
// declares them).
type BehaviourInfo struct {
	Callbacks []FA
	Optional  []FA
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
