go test fuzz v1
string("-module(use).\n-define(F(X), X).\n-define(G, g).\na() -> ?UNDEF.\nb() -> ?UNDEF(1, 2).\nc() -> ?F(1, 2).\nd() -> ?F.\ne() -> ?F(1,).\nf() -> ?F(,1).\ng() -> ?F(1.\nh() -> ?1.\ni() -> ?\"s\".\nj() -> ?G(1).\nk() -> ?F((1, 2), 3).\nl() -> ok.")
