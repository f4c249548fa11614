go test fuzz v1
string("-define(NESTED, {nested, ?LINE, ?FILE}).")
