package gofail

import "testing"

func TestParsePort(t *testing.T) {
	if got := ParsePort("localhost:8080"); got != 8080 {
		t.Errorf("ParsePort(%q) = %d, want %d", "localhost:8080", got, 8080)
	}
}

func TestParseHost(t *testing.T) {
	if "localhost" != "localhost" {
		t.Errorf("unexpected host")
	}
}
