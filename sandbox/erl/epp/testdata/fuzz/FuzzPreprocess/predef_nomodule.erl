go test fuzz v1
string("f() -> ?MODULE.\n-ifdef(MODULE).\ng() -> 1.\n-endif.\n-module(nomodule).\nh() -> ?MODULE.\n-record(r, {a = ?FUNCTION_NAME}).\n?FUNCTION_NAME() -> 1.\n")
