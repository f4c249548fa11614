go test fuzz v1
string("-define(COMMON, common).\n-include(\"sub/nested.hrl\").")
