go test fuzz v1
string("-module(iferrors).\n-if(atom_to_list(a) == \"a\").\na() -> 1.\n-endif.\n-if(lists:reverse([]) == []).\nb() -> 1.\n-endif.\n-if(1 +).\nc() -> 1.\n-endif.\n-if(X = 1).\nd() -> 1.\n-endif.\n-if(a, b).\ne() -> 1.\n-endif.\n-if true.\nf() -> 1.\n-endif.\n-if(?UNDEFINED).\ng() -> 1.\n-endif.")
