go test fuzz v1
string("-module(late).\n-export([f/0]).\n-feature(maybe_expr, enable).\nf() -> maybe.")
