go test fuzz v1
string("-define(LOCAL, local).\nlocal_fun() -> ?FILE.")
