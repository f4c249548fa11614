go test fuzz v1
string("-module(off).\nf() -> [maybe, else].")
