package config

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// isolate points HOME and the XDG directories at fresh temp dirs and returns
// the config file path Load will read.
func isolate(t *testing.T) (configPath string) {
	t.Helper()
	root := t.TempDir()
	t.Setenv("HOME", filepath.Join(root, "home"))
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(root, "config"))
	t.Setenv("XDG_STATE_HOME", filepath.Join(root, "state"))
	return filepath.Join(root, "config", "ladder", "config.toml")
}

func writeConfig(t *testing.T, path, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestPathsFollowXDG(t *testing.T) {
	root := t.TempDir()
	t.Setenv("HOME", root)
	t.Setenv("XDG_CONFIG_HOME", "/xdg/config")
	t.Setenv("XDG_STATE_HOME", "/xdg/state")
	if p, _ := Path(); p != "/xdg/config/ladder/config.toml" {
		t.Errorf("Path() = %q", p)
	}
	if d, _ := StateDir(); d != "/xdg/state/ladder" {
		t.Errorf("StateDir() = %q", d)
	}
	if p, _ := FavouritesPath(); p != "/xdg/state/ladder/favourites.json" {
		t.Errorf("FavouritesPath() = %q", p)
	}

	// Unset, or relative (invalid per the XDG spec): fall back to HOME.
	for _, v := range []string{"", "relative/dir"} {
		t.Setenv("XDG_CONFIG_HOME", v)
		t.Setenv("XDG_STATE_HOME", v)
		if p, _ := Path(); p != filepath.Join(root, ".config", "ladder", "config.toml") {
			t.Errorf("XDG_CONFIG_HOME=%q: Path() = %q", v, p)
		}
		if d, _ := StateDir(); d != filepath.Join(root, ".local", "state", "ladder") {
			t.Errorf("XDG_STATE_HOME=%q: StateDir() = %q", v, d)
		}
	}
}

func TestLoadWithoutFileGivesValidDefaults(t *testing.T) {
	isolate(t)
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	want := Default()
	if !reflect.DeepEqual(c, want) {
		t.Errorf("Load() = %+v\nwant %+v", c, want)
	}
	if c.Source != "" || c.Env != EnvSim || c.FPS != 30 || c.DefaultQty != "1" ||
		!slices.Equal(c.QtyPresets, []string{"1", "5", "10", "25", "100"}) {
		t.Errorf("unexpected defaults: %+v", c)
	}
	state, _ := StateDir()
	if c.LogFile != filepath.Join(state, "ladder.log") {
		t.Errorf("LogFile = %q, want it in the state dir %q", c.LogFile, state)
	}
	if err := Default().Validate(); err != nil {
		t.Errorf("Default() is invalid: %v", err)
	}
}

func TestLoadFileRequiresTheFile(t *testing.T) {
	isolate(t)
	if _, err := LoadFile(filepath.Join(t.TempDir(), "nope.toml")); err == nil {
		t.Error("LoadFile of a missing file succeeded")
	}
}

func TestLoadReadsEverySetting(t *testing.T) {
	path := isolate(t)
	writeConfig(t, path, `
env = "demo"
key_id = "a1b2c3"
key_file = "~/keys/kalshi.pem"
base_url = "https://demo-api.kalshi.co/trade-api/v2"
ws_url = "wss://demo-api.kalshi.co/trade-api/ws/v2"
tier = "advanced"
theme = "light"
fps = 60
mouse = false
auto_recenter = true
qty_presets = [1, 2, "2.50", 10]
default_qty = 2
favourites = ["KXBTC-25", "INX-25"]
log_file = "/tmp/ladder.log"
record_file = "~/rec.jsonl"

[confirm]
policy = "above"
above_contracts = 50
above_dollars = "12.5"

[risk]
max_order_qty = "500"
max_position = 2000
max_notional_dollars = "250.00"
far_from_market_cents = 5
max_daily_loss_dollars = 75
group_contracts_limit = "300"
max_slippage_ticks = 3

[keys]
"ladder.bid" = ["b", "ctrl+b"]
global.quit = "Q"
ladder.recenter = []

[keys.orders]
amend = "m"
`)
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	home, _ := os.UserHomeDir()
	want := Config{
		Env: EnvDemo, KeyID: "a1b2c3", KeyFile: filepath.Join(home, "keys", "kalshi.pem"),
		BaseURL: "https://demo-api.kalshi.co/trade-api/v2", WSURL: "wss://demo-api.kalshi.co/trade-api/ws/v2",
		Tier: "advanced", Theme: "light", FPS: 60, Mouse: false, AutoRecenter: true,
		Keys: map[string][]string{
			"ladder.bid":      {"b", "ctrl+b"},
			"global.quit":     {"Q"},
			"ladder.recenter": {},
			"orders.amend":    {"m"},
		},
		QtyPresets: []string{"1", "2", "2.50", "10"},
		DefaultQty: "2",
		Confirm:    Confirm{Policy: ConfirmAbove, AboveContracts: "50", AboveDollars: "12.5"},
		Risk: Risk{MaxOrderQty: "500", MaxPosition: "2000", MaxNotionalDollars: "250.00", FarFromMarketCents: 5,
			MaxDailyLossDollars: "75", GroupContractsLimit: "300", MaxSlippageTicks: 3},
		Favourites: []string{"KXBTC-25", "INX-25"},
		LogFile:    "/tmp/ladder.log",
		RecordFile: filepath.Join(home, "rec.jsonl"),
		Source:     path,
	}
	if state, err := StateDir(); err == nil {
		want.JournalFile = filepath.Join(state, "journal.ndjson")
	}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("Load() =\n%+v\nwant\n%+v", c, want)
	}
}

func TestLoadPartialFileKeepsOtherDefaults(t *testing.T) {
	path := isolate(t)
	writeConfig(t, path, "fps = 15\n[risk]\nmax_position = \"\"\n")
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	want := Default()
	want.FPS = 15
	want.Risk.MaxPosition = ""
	want.Source = path
	if !reflect.DeepEqual(c, want) {
		t.Errorf("Load() = %+v\nwant %+v", c, want)
	}
}

func TestLoadErrorsNameTheFileAndLine(t *testing.T) {
	cases := []struct {
		name, body string
		want       []string
	}{
		{"syntax", "env = \"sim\"\nfps = 30\ntheme = dark\n", []string{"line 3"}},
		{"type", "env = \"sim\"\n\nfps = \"fast\"\n", []string{"line 3", "fps"}},
		{"float money", "\n[risk]\nmax_notional_dollars = 12.5\n", []string{"line 3", "max_notional_dollars", `"12.5"`, "never floats"}},
		{"unknown setting", "fps = 30\n[risk]\nmax_ordr_qty = \"5\"\n", []string{`line 3: unknown setting "risk.max_ordr_qty"`}},
		{"unknown table", "fps = 30\n\n[riks] # typo\nmax_position = \"5\"\n", []string{`line 3: unknown setting "riks"`}},
		{"pasted private key", "private_key = \"MIIEsecret\"\n", []string{`line 1: unknown setting "private_key"`}},
		{"bad keys value", "[keys]\n\"ladder.bid\" = 5\n", []string{"keys.ladder.bid"}},
		{"keys set twice", "[keys]\n\"ladder.bid\" = \"b\"\nladder.bid = \"c\"\n", []string{"keys.ladder.bid is set twice"}},
		{"validation", "env = \"live\"\nfps = 500\n", []string{`env: "live"`, "fps: 500"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := isolate(t)
			writeConfig(t, path, c.body)
			_, err := Load()
			if err == nil {
				t.Fatal("Load succeeded")
			}
			for _, want := range append(c.want, path) {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not contain %q", err, want)
				}
			}
			if strings.Contains(err.Error(), "riks.max_position") || strings.Contains(err.Error(), "secret") {
				t.Errorf("error %q reports too much", err)
			}
		})
	}
}

func TestValidate(t *testing.T) {
	cases := []struct {
		name   string
		change func(*Config)
		want   string // "" means valid
	}{
		{"defaults", func(*Config) {}, ""},
		{"prod", func(c *Config) { c.Env = EnvProd }, ""},
		{"bad env", func(c *Config) { c.Env = "production" }, `env: "production"`},
		{"bad theme", func(c *Config) { c.Theme = "solarized" }, "theme: unknown theme"},
		{"theme any case", func(c *Config) { c.Theme = "High-Contrast" }, ""},
		{"fps 0", func(c *Config) { c.FPS = 0 }, "fps: 0"},
		{"fps 120", func(c *Config) { c.FPS = 120 }, ""},
		{"fps 121", func(c *Config) { c.FPS = 121 }, "fps: 121"},
		{"preset 3 decimals", func(c *Config) { c.QtyPresets[1] = "1.234" }, "qty_presets[1]"},
		{"preset zero", func(c *Config) { c.QtyPresets[0] = "0.00" }, "greater than zero"},
		{"preset negative", func(c *Config) { c.QtyPresets[0] = "-1" }, "qty_presets[0]"},
		{"preset exponent", func(c *Config) { c.QtyPresets[0] = "1e3" }, "qty_presets[0]"},
		{"no presets", func(c *Config) { c.QtyPresets = nil }, "qty_presets: want 1 to 5"},
		{"six presets", func(c *Config) { c.QtyPresets = []string{"1", "2", "3", "4", "5", "6"} }, "qty_presets: want 1 to 5"},
		{"default qty empty", func(c *Config) { c.DefaultQty = "" }, "default_qty"},
		{"default qty above max", func(c *Config) { c.DefaultQty = "1000.01" }, "default_qty: 1000.01 is above risk.max_order_qty"},
		{"preset above max", func(c *Config) { c.Risk.MaxOrderQty = "50" }, "qty_presets[4]: 100 is above"},
		{"no max order qty", func(c *Config) { c.Risk.MaxOrderQty = ""; c.DefaultQty = "99999" }, ""},
		{"bad policy", func(c *Config) { c.Confirm.Policy = "sometimes" }, "confirm.policy"},
		{"above without thresholds", func(c *Config) { c.Confirm.AboveContracts, c.Confirm.AboveDollars = "", "" }, `"above" needs`},
		{"always without thresholds", func(c *Config) {
			c.Confirm = Confirm{Policy: ConfirmAlways}
		}, ""},
		{"dollars with 4 decimals", func(c *Config) { c.Confirm.AboveDollars = "0.0001" }, ""},
		{"dollars with 5 decimals", func(c *Config) { c.Confirm.AboveDollars = "0.00001" }, "confirm.above_dollars"},
		{"bad notional", func(c *Config) { c.Risk.MaxNotionalDollars = "$100" }, "risk.max_notional_dollars"},
		{"bad position", func(c *Config) { c.Risk.MaxPosition = "lots" }, "risk.max_position"},
		{"far cents", func(c *Config) { c.Risk.FarFromMarketCents = 100 }, "far_from_market_cents"},
		{"bad daily loss", func(c *Config) { c.Risk.MaxDailyLossDollars = "500.00001" }, "risk.max_daily_loss_dollars"},
		{"no daily loss limit", func(c *Config) { c.Risk.MaxDailyLossDollars = "" }, ""},
		{"bad group limit", func(c *Config) { c.Risk.GroupContractsLimit = "1.001" }, "risk.group_contracts_limit"},
		{"key material", func(c *Config) { c.KeyFile = "-----BEGIN RSA PRIVATE KEY-----\nMIIE" }, "key_file: must be the path"},
		{"http base url", func(c *Config) { c.BaseURL = "http://127.0.0.1:9090/trade-api/v2" }, ""},
		{"bad base url", func(c *Config) { c.BaseURL = "127.0.0.1:9090" }, "base_url"},
		{"ws url must be ws", func(c *Config) { c.WSURL = "https://x/trade-api/ws/v2" }, "ws_url"},
		{"bad favourite", func(c *Config) { c.Favourites = []string{"KX A"} }, "favourites[0]"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := Default()
			c.change(&cfg)
			err := cfg.Validate()
			switch {
			case c.want == "" && err != nil:
				t.Errorf("unexpected error: %v", err)
			case c.want != "" && err == nil:
				t.Errorf("no error, want %q", c.want)
			case c.want != "" && !strings.Contains(err.Error(), c.want):
				t.Errorf("error %q does not contain %q", err, c.want)
			}
		})
	}
}

func TestValidateReportsEveryProblem(t *testing.T) {
	c := Default()
	c.Env, c.FPS, c.Theme = "x", 0, "y"
	err := c.Validate()
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"env:", "fps:", "theme:"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %s", err, want)
		}
	}
}

func TestParseFixed(t *testing.T) {
	good := map[string]int64{"1": 100, "25": 2500, "2.5": 250, "2.50": 250, "0.01": 1, "007": 700}
	for s, want := range good {
		if got, err := parseFixed(s, 2); err != nil || got != want {
			t.Errorf("parseFixed(%q) = %d, %v; want %d", s, got, err, want)
		}
	}
	for _, s := range []string{"", ".5", "1.", "1.234", "+1", "-1", "1,5", " 1", "0", "0.00", "1e2", "9999999999999"} {
		if _, err := parseFixed(s, 2); err == nil {
			t.Errorf("parseFixed(%q) succeeded", s)
		}
	}
}

// [alerts] bell is a setting of its own; a misspelling is an error like
// any unknown setting.
func TestAlertsBell(t *testing.T) {
	path := isolate(t)
	writeConfig(t, path, "[alerts]\nbell = true\n")
	c, err := Load()
	if err != nil || !c.Alerts.Bell {
		t.Fatalf("bell = true: %v, %+v", err, c.Alerts)
	}
	writeConfig(t, path, "[alerts]\nbel = true\n")
	if _, err := Load(); err == nil || !strings.Contains(err.Error(), "alerts.bel") {
		t.Fatalf("a misspelt alert: %v", err)
	}
}
