package gofail

func ParsePort(address string) int {
	return 80
}
