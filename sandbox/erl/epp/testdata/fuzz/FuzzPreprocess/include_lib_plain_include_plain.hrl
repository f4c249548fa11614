go test fuzz v1
string("-define(PLAIN, plain).")
