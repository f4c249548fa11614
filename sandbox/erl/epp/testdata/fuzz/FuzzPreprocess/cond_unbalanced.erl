go test fuzz v1
string("-module(unbalanced).\n-endif.\n-else.\n-elif(true).\n-ifdef(A).\n-else.\n-else.\n-endif.\n-ifndef(A).\n-else.\n-else.\n-endif.\n-ifdef(A, B).\n-endif.\n-ifdef(A).\n-else(x).\n-endif(x).\n-endif.\n-ifdef(A).\n-ifndef(B).\nf() -> 1.\n")
