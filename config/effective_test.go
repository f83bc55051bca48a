package config

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestEffectiveRoundTrips(t *testing.T) {
	path := isolate(t)
	c := Default()
	c.Env = EnvProd
	c.KeyID = "key-id-123"
	c.KeyFile = "/secure/kalshi.pem"
	c.Theme = "mono"
	c.Keys = map[string][]string{"ladder.bid": {"b", "\""}, "ladder.recenter": {}}
	c.Favourites = []string{"KX\\A"}
	c.Risk.MaxPosition = ""
	c.Confirm.AboveDollars = ""
	c.Alerts.Bell = true
	c.Source = path

	writeConfig(t, path, c.Effective())
	got, err := Load()
	if err != nil {
		t.Fatalf("Effective output does not load back: %v\n%s", err, c.Effective())
	}
	if !reflect.DeepEqual(got, c) {
		t.Errorf("round trip changed the config:\n got %+v\nwant %+v\n%s", got, c, c.Effective())
	}
}

func TestEffectiveNeverPrintsKeyMaterial(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	pem := "-----BEGIN RSA PRIVATE KEY-----\nMIIEsecretsecret\n-----END RSA PRIVATE KEY-----\n"
	keyPath := filepath.Join(dir, "key.pem")
	if err := os.WriteFile(keyPath, []byte(pem), 0o600); err != nil {
		t.Fatal(err)
	}

	c := Default()
	c.KeyID, c.KeyFile = "my-key-id", keyPath
	out := c.Effective()
	if !strings.Contains(out, keyPath) || !strings.Contains(out, "my-key-id") {
		t.Errorf("Effective should show the key path and id:\n%s", out)
	}
	if strings.Contains(out, "secret") || strings.Contains(out, "BEGIN") {
		t.Errorf("Effective printed key material:\n%s", out)
	}

	// A key pasted where the path belongs is redacted, not printed.
	c.KeyFile = pem
	out = c.Effective()
	if strings.Contains(out, "secret") || strings.Contains(out, "BEGIN") {
		t.Errorf("Effective printed a pasted key:\n%s", out)
	}
	if !strings.Contains(out, "REDACTED") {
		t.Errorf("Effective does not say the key file was redacted:\n%s", out)
	}
}

func TestEffectiveShowsSourceAndSections(t *testing.T) {
	isolate(t)
	out := Default().Effective()
	for _, want := range []string{"no config file", "env = \"sim\"", "fps = 30", "[confirm]", "[risk]", "[keys]",
		`qty_presets = ["1", "5", "10", "25", "100"]`, "favourites.json",
		`max_daily_loss_dollars = "500"`, `group_contracts_limit = "1000"`} {
		if !strings.Contains(out, want) {
			t.Errorf("Effective() lacks %q:\n%s", want, out)
		}
	}
}
