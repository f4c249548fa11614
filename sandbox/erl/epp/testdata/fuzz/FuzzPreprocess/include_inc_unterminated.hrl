go test fuzz v1
string("-ifdef(COMMON).\nx() -> 1.")
