go test fuzz v1
string("-endif.")
