go test fuzz v1
string("-module(circular).\n-define(A, ?B).\n-define(B, ?A).\n-define(C(X), ?C(X)).\n-define(D, ?E).\n-define(E, ok).\nf() -> ?A.\ng() -> ?C(1).\nh() -> ?D.\n")
