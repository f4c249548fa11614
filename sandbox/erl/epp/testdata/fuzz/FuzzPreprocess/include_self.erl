go test fuzz v1
string("-module(self).\n-include(\"self.erl\").\n")
