package model

import "testing"

func TestFormatUUIDStampsVersionAndVariant(t *testing.T) {
	var b [16]byte
	for i := range b {
		b[i] = 0xff
	}
	got := FormatUUID(b)
	if got != "ffffffff-ffff-4fff-bfff-ffffffffffff" {
		t.Fatalf("FormatUUID = %s", got)
	}
	if !ValidUUID(got) {
		t.Fatalf("%s not valid", got)
	}
}

func TestValidUUID(t *testing.T) {
	for s, want := range map[string]bool{
		"3f1e0c2a-1111-4222-8333-444455556666": true,
		"3F1E0C2A-1111-4222-8333-444455556666": true,
		"3f1e0c2a11114222833344445555666":      false,
		"3f1e0c2a-1111-4222-8333-44445555666g": false,
		"3f1e0c2a-1111-4222-8333_444455556666": false,
		"":                                     false,
	} {
		if ValidUUID(s) != want {
			t.Errorf("ValidUUID(%q) = %v, want %v", s, !want, want)
		}
	}
}
