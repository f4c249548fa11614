go test fuzz v1
string("-module(elif).\n-if(true).\na() -> 1.\n-elif(false).\na() -> 2.\n-elif(true).\na() -> 3.\n-endif.\n-ifdef(X).\n-else.\nb() -> 1.\n-elif(true).\nb() -> 2.\n-endif.\n-ifdef(X).\n-else.\n-elif(true).\n-endif.")
