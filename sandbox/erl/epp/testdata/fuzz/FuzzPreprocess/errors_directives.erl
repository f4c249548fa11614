go test fuzz v1
string("-module(directives).\n-error(foo).\n-warning({bar, \"x\", [1, 2], 1.5, 'Q', -3}).\n-error(foo bar).\n-error.\n-define(MSG, \"from a macro\").\n-warning(?MSG).\n-error(\"text\" \"joined\").\n-warning([]).\n-warning([300, 1]).\n")
