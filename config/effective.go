package config

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Effective renders the configuration as TOML, for `ladder config`. The
// output is valid TOML that loads back to the same settings. It never
// contains key material: only the key id and the key file's path, and not
// even that path if it looks like a pasted key.
func (c Config) Effective() string {
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }

	line("# ladder effective configuration")
	if c.Source != "" {
		line("# read from %s", c.Source)
	} else {
		line("# no config file; built-in defaults")
	}
	if p, err := Path(); err == nil {
		line("# config file location: %s", p)
	}
	line("")
	line("env = %s", quote(c.Env))
	line("key_id = %s", quote(c.KeyID))
	if looksLikeKeyMaterial(c.KeyFile) {
		line("key_file = %s # REDACTED: holds key material, not a path", quote(""))
	} else {
		line("key_file = %s", quote(c.KeyFile))
	}
	line("base_url = %s", quote(c.BaseURL))
	line("ws_url = %s%s", quote(c.WSURL), comment(c.WSURL == "", "derived from base_url"))
	line("tier = %s", quote(c.Tier))
	line("theme = %s%s", quote(c.Theme), comment(c.Theme == "", "dark, or mono when NO_COLOR is set"))
	line("fps = %d", c.FPS)
	line("subaccount = %d%s", c.Subaccount, comment(c.Subaccount == 0, "the primary"))
	line("mouse = %t%s", c.Mouse, comment(!c.Mouse, "clicks and the wheel off"))
	line("auto_recenter = %t", c.AutoRecenter)
	line("qty_presets = %s", quoteList(c.QtyPresets))
	line("default_qty = %s", quote(c.DefaultQty))
	favNote := "seeds the saved list until the dashboard saves one"
	if p, err := FavouritesPath(); err == nil {
		favNote = "saved in " + p
	}
	line("favourites = %s # %s", quoteList(c.Favourites), favNote)
	line("log_file = %s", quote(c.LogFile))
	line("journal_file = %s", quote(c.JournalFile))
	line("record_file = %s%s", quote(c.RecordFile), comment(c.RecordFile == "", "recording off"))

	line("")
	line("[confirm]")
	line("policy = %s", quote(c.Confirm.Policy))
	line("above_contracts = %s%s", quote(c.Confirm.AboveContracts), comment(c.Confirm.AboveContracts == "", "no count threshold"))
	line("above_dollars = %s%s", quote(c.Confirm.AboveDollars), comment(c.Confirm.AboveDollars == "", "no cost threshold"))

	line("")
	line("[risk]")
	line("max_order_qty = %s%s", quote(c.Risk.MaxOrderQty), comment(c.Risk.MaxOrderQty == "", "no limit"))
	line("max_position = %s%s", quote(c.Risk.MaxPosition), comment(c.Risk.MaxPosition == "", "no limit"))
	line("max_notional_dollars = %s%s", quote(c.Risk.MaxNotionalDollars), comment(c.Risk.MaxNotionalDollars == "", "no limit"))
	line("far_from_market_cents = %d%s", c.Risk.FarFromMarketCents, comment(c.Risk.FarFromMarketCents == 0, "warning off"))
	line("max_daily_loss_dollars = %s%s", quote(c.Risk.MaxDailyLossDollars), comment(c.Risk.MaxDailyLossDollars == "", "no limit"))
	line("group_contracts_limit = %s%s", quote(c.Risk.GroupContractsLimit), comment(c.Risk.GroupContractsLimit == "", "no exchange order group"))
	line("max_slippage_ticks = %d # how far beyond the best price a counted take may reach", c.Risk.MaxSlippageTicks)

	line("")
	line("[alerts]")
	line("bell = %t%s", c.Alerts.Bell, comment(!c.Alerts.Bell, "no bell on fills"))

	line("")
	line("[keys] # overrides of the default bindings only")
	actions := make([]string, 0, len(c.Keys))
	for a := range c.Keys {
		actions = append(actions, a)
	}
	slices.Sort(actions)
	for _, a := range actions {
		line("%s = %s", quote(a), quoteList(c.Keys[a]))
	}
	return b.String()
}

func comment(when bool, text string) string {
	if !when {
		return ""
	}
	return " # " + text
}

// quote renders s as a TOML basic string. strconv.Quote would emit Go-only
// escapes such as \x00, which TOML rejects.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			b.WriteString(`\uFFFD`) // invalid UTF-8 cannot appear in TOML
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func quoteList(items []string) string {
	quoted := make([]string, len(items))
	for i, s := range items {
		quoted[i] = quote(s)
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}
