go test fuzz v1
string("-module(cond).\n-ifdef(X).\n-include(\"missing_but_skipped.hrl\").\n-endif.\n-include(\"unterminated.hrl\").\n-include(\"stray.hrl\").\n-include(\"bad.hrl\").\nh() -> ?BAD.")
