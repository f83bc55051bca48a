package serve

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	gossh "golang.org/x/crypto/ssh"

	"ladder/journal"
)

// Role is what a key may do once signed in.
type Role string

// Roles. A key without a role= option is a viewer: granting trade must be
// written down, never implied.
const (
	RoleView  Role = "view"  // watch: order entry says "view only"
	RoleTrade Role = "trade" // trade: orders, cancels and the kill switch
)

// Key is one line of the authorized-keys file.
type Key struct {
	PublicKey   gossh.PublicKey
	Role        Role
	Comment     string // e.g. alice@laptop
	Fingerprint string // SHA256:…, what logs and the journal name
	Line        int
	// Defaulted says the line had no role= option, so it is a viewer.
	Defaulted bool
}

// Actor is the key as the journal names it.
func (k *Key) Actor() journal.Actor {
	return journal.Actor{Fingerprint: k.Fingerprint, Comment: k.Comment, Role: string(k.Role)}
}

// Name is how people see the key: its comment, or its fingerprint.
func (k *Key) Name() string { return k.Actor().Name() }

// Keys are the authorized keys, read once at start: editing the file takes
// effect at the next start.
type Keys struct {
	list  []*Key
	byKey map[string]*Key // by the key's wire encoding
}

// LoadKeys reads an authorized-keys file. Like sshd's StrictModes it
// refuses a file that others may write: whoever can write it can grant
// themselves the trade role.
func LoadKeys(path string) (*Keys, error) {
	fi, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("authorized keys file %s does not exist: create it with one line per key, e.g. role=trade ssh-ed25519 AAAA… you@laptop (see README, ladder serve)", path)
	}
	if err != nil {
		return nil, fmt.Errorf("authorized keys: %w", err)
	}
	if perm := fi.Mode().Perm(); perm&0o022 != 0 {
		return nil, fmt.Errorf("authorized keys file %s is writable by others (mode %04o): chmod 600 %s", path, perm, path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("authorized keys: %w", err)
	}
	keys, err := ParseKeys(data)
	if err != nil {
		return nil, fmt.Errorf("authorized keys file %s: %w", path, err)
	}
	return keys, nil
}

// ParseKeys reads authorized keys in OpenSSH format, one per line, with
// the role as an option before the key:
//
//	role=trade ssh-ed25519 AAAA… alice@laptop
//	role=view ssh-ed25519 AAAA… desk-screen
//	ssh-ed25519 AAAA… bob@phone          (no role: view)
//
// Blank lines and lines starting with # are ignored. Any other option
// (from=, command=, no-pty, cert-authority, …) is refused rather than
// ignored: ladder does not enforce them, and a restriction that silently
// does nothing is worse than none. So are unknown roles, unparsable lines,
// the same key twice and a file with no key at all.
func ParseKeys(data []byte) (*Keys, error) {
	k := &Keys{byKey: map[string]*Key{}}
	for i, line := range bytes.Split(data, []byte("\n")) {
		n := i + 1
		line = bytes.TrimSpace(line)
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		pub, comment, options, _, err := gossh.ParseAuthorizedKey(line)
		if err != nil {
			return nil, fmt.Errorf("line %d: not an OpenSSH public key line: %v", n, err)
		}
		key := &Key{PublicKey: pub, Comment: comment, Fingerprint: gossh.FingerprintSHA256(pub), Line: n, Role: RoleView, Defaulted: true}
		for _, opt := range options {
			name, value, _ := strings.Cut(opt, "=")
			if !strings.EqualFold(name, "role") {
				return nil, fmt.Errorf("line %d: option %q is not supported by ladder serve; the only option is role=view or role=trade", n, opt)
			}
			if uq, err := strconv.Unquote(value); err == nil {
				value = uq
			}
			switch Role(strings.ToLower(value)) {
			case RoleView:
				key.Role = RoleView
			case RoleTrade:
				key.Role = RoleTrade
			default:
				return nil, fmt.Errorf("line %d: unknown role %q: the roles are view and trade", n, value)
			}
			key.Defaulted = false
		}
		wire := string(pub.Marshal())
		if prev, dup := k.byKey[wire]; dup {
			return nil, fmt.Errorf("line %d: the key %s is already on line %d; list each key once, with one role", n, key.Fingerprint, prev.Line)
		}
		k.byKey[wire] = key
		k.list = append(k.list, key)
	}
	if len(k.list) == 0 {
		return nil, errors.New("no keys: nobody could connect; add a line such as role=trade ssh-ed25519 AAAA… you@laptop")
	}
	return k, nil
}

// Lookup finds an authorized key.
func (k *Keys) Lookup(pub gossh.PublicKey) (*Key, bool) {
	if pub == nil {
		return nil, false
	}
	key, ok := k.byKey[string(pub.Marshal())]
	return key, ok
}

// Summary counts the keys by role for the start-up lines: "2 trade, 1
// view (1 without role=, so view)".
func (k *Keys) Summary() string {
	var trade, view, defaulted int
	for _, key := range k.list {
		switch {
		case key.Role == RoleTrade:
			trade++
		case key.Defaulted:
			view++
			defaulted++
		default:
			view++
		}
	}
	s := fmt.Sprintf("%d trade, %d view", trade, view)
	if defaulted > 0 {
		s += fmt.Sprintf(" (%d without role=, so view)", defaulted)
	}
	return s
}
