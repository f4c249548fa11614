go test fuzz v1
string("-define(BAD, 1).\n-define(BAD, 2).\nf() -> ?UNDEFINED_IN_HRL.")
