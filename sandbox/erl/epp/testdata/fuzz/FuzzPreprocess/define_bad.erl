go test fuzz v1
string("-module(bad).\n-define(X, 1).\n-define(X, 2).\n-define(F(A), A).\n-define(F(B), B).\n-define(LINE, 2).\n-define(MODULE, m).\n-define(D(A, A), 1).\n-define(P(A) 1).\n-define(Q(A, 1), 1).\n-define(R, 1.\n-define(S).\n-define(1, x).\n-define(T(A), A) + 1.\n-undef(X, Y).\n-undef(X).\nf() -> ?X.")
