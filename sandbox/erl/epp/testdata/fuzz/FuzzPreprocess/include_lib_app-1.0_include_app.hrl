go test fuzz v1
string("-define(APP, {app, \"1.0\"}).")
