go test fuzz v1
string("-module(const).\n-define(A, 1).\n-define(B, {?A, two}).\n-define(empty, ).\n-define('Quoted', q).\nf() -> [?A, ?B, ?empty ?'Quoted'].\n-define(A, 2).\ng() -> ?A.\n-undef(A).\n-define(A, 3).\nh() -> ?A + ?A.")
