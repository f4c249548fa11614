go test fuzz v1
string("-module(basic).\n-define(YES, true).\n-ifdef(YES).\na() -> yes.\n-else.\na() -> no.\n-endif.\n-ifndef(YES).\nb() -> 1.\n-else.\nb() -> 2.\n-endif.\n-ifdef(NO).\n-ifdef(YES).\nc() -> nested.\n-else.\nc() -> nested_else.\n-endif.\n-else.\n-ifndef(NO).\nc() -> outer_else.\n-endif.\n-endif.\n-ifdef('YES').\nd() -> quoted.\n-endif.\n-ifdef(Var).\n-endif.")
