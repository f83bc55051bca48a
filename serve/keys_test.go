package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"

	"ladder/serve/sshtest"
)

func TestParseKeysRoles(t *testing.T) {
	a, aLine := sshtest.NewKey(t, "alice@laptop")
	b, bLine := sshtest.NewKey(t, "bob@phone")
	c, cLine := sshtest.NewKey(t, "")
	stranger, _ := sshtest.NewKey(t, "mallory")
	keys, err := ParseKeys([]byte("# the desk\n\nrole=trade " + aLine + "\n" + bLine + "\n  ROLE=\"view\" " + cLine + "\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		signer    gossh.Signer
		role      Role
		defaulted bool
		name      string
	}{
		{a, RoleTrade, false, "alice@laptop"},
		{b, RoleView, true, "bob@phone"},
		{c, RoleView, false, gossh.FingerprintSHA256(c.PublicKey())},
	} {
		k, ok := keys.Lookup(tc.signer.PublicKey())
		if !ok {
			t.Fatalf("%s not found", tc.name)
		}
		if k.Role != tc.role || k.Defaulted != tc.defaulted || k.Name() != tc.name || k.Fingerprint != gossh.FingerprintSHA256(tc.signer.PublicKey()) {
			t.Errorf("%s: %+v", tc.name, k)
		}
		if act := k.Actor(); act.Role != string(tc.role) || act.Fingerprint != k.Fingerprint {
			t.Errorf("%s: actor %+v", tc.name, act)
		}
	}
	if _, ok := keys.Lookup(stranger.PublicKey()); ok {
		t.Error("an unlisted key was found")
	}
	if got := keys.Summary(); got != "1 trade, 2 view (1 without role=, so view)" {
		t.Errorf("summary = %q", got)
	}
}

// A mistake in the file stops the start with one line naming it.
func TestParseKeysRefusesMistakes(t *testing.T) {
	_, line := sshtest.NewKey(t, "alice@laptop")
	for name, tc := range map[string]struct{ file, want string }{
		"unknown role":     {"role=admin " + line, `line 1: unknown role "admin": the roles are view and trade`},
		"empty role":       {"role= " + line, `line 1: unknown role ""`},
		"other option":     {"# c\nfrom=\"10.0.0.0/8\" " + line, `line 2: option "from=\"10.0.0.0/8\"" is not supported by ladder serve; the only option is role=view or role=trade`},
		"restriction":      {"role=trade,no-pty " + line, `option "no-pty" is not supported`},
		"not a key":        {"role=trade ssh-ed25519 AAAAnotbase64", "line 1: not an OpenSSH public key line"},
		"same key twice":   {"role=view " + line + "\nrole=trade " + line, "line 2: the key SHA256:"},
		"nothing in it":    {"# only comments\n\n", "no keys: nobody could connect"},
		"private key file": {"-----BEGIN OPENSSH PRIVATE KEY-----", "line 1: not an OpenSSH public key line"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := ParseKeys([]byte(tc.file))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("the error is not one line: %q", err)
			}
		})
	}
}

func TestLoadKeysFileChecks(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "authorized_keys")
	if _, err := LoadKeys(path); err == nil || !strings.Contains(err.Error(), "does not exist: create it with one line per key") {
		t.Fatalf("missing file: %v", err)
	}
	_, line := sshtest.NewKey(t, "alice@laptop")
	if err := os.WriteFile(path, []byte("role=trade "+line+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadKeys(path); err != nil {
		t.Fatalf("a good file: %v", err)
	}
	if err := os.Chmod(path, 0o666); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadKeys(path); err == nil || !strings.Contains(err.Error(), "writable by others (mode 0666): chmod 600") {
		t.Fatalf("a world-writable file: %v", err)
	}
	if err := os.WriteFile(path, []byte("role=boss "+line+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadKeys(path); err == nil || !strings.Contains(err.Error(), path+": line 1: unknown role") {
		t.Fatalf("an unknown role: %v", err)
	}
}
