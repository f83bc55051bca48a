package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestHostKeyCreatedPrivateAndReused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state", "ladder", "ssh_host_ed25519_key")
	first, created, err := LoadHostKey(path)
	if err != nil || !created {
		t.Fatalf("first start: created %v, err %v", created, err)
	}
	if first.PublicKey().Type() != "ssh-ed25519" {
		t.Errorf("host key type %s, want ssh-ed25519", first.PublicKey().Type())
	}
	for p, want := range map[string]os.FileMode{path: 0o600, filepath.Dir(path): 0o700} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != want {
			t.Errorf("%s mode %04o, want %04o", p, got, want)
		}
	}
	again, created, err := LoadHostKey(path)
	if err != nil || created {
		t.Fatalf("second start: created %v, err %v", created, err)
	}
	if Fingerprint(again) != Fingerprint(first) || !strings.HasPrefix(Fingerprint(first), "SHA256:") {
		t.Fatalf("the host key changed across starts: %s then %s", Fingerprint(first), Fingerprint(again))
	}
}

func TestHostKeyReadableByOthersIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "key")
	if _, _, err := LoadHostKey(path); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := LoadHostKey(path); err == nil || !strings.Contains(err.Error(), "accessible by others (mode 0644): chmod 600") {
		t.Fatalf("err = %v", err)
	}
}
