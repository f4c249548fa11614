go test fuzz v1
string("-module(bad).\n-feature(maybe_expr).\n-feature(maybe_expr, sometimes).\n")
