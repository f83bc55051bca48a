// Package config loads ladder's settings from $XDG_CONFIG_HOME/ladder/config.toml
// and keeps the user's favourite markets in the XDG state directory.
//
// Money and quantities stay fixed-point decimal strings here, exactly as
// written; the config file may spell them as strings ("2.50") or integers
// (25) but never as floats. Private keys never pass through this package:
// the config holds only the key's id and the path of its file.
package config

import "path/filepath"

// Environments accepted in Config.Env.
const (
	EnvSim  = "sim"  // the embedded exchange
	EnvDemo = "demo" // Kalshi's demo exchange
	EnvProd = "prod" // real money
)

// Confirmation policies accepted in Confirm.Policy.
const (
	ConfirmNever  = "never"
	ConfirmAlways = "always"
	ConfirmAbove  = "above" // confirm orders above AboveContracts or AboveDollars
)

// Config is ladder's effective configuration. Load fills it from the file
// over Default(); command-line flags then override fields, after which the
// caller should call Validate again.
type Config struct {
	Env     string `toml:"env"`      // sim | demo | prod
	KeyID   string `toml:"key_id"`   // Kalshi API key id (not secret)
	KeyFile string `toml:"key_file"` // path of the PEM private key; never the key itself
	BaseURL string `toml:"base_url"` // REST base, e.g. http://127.0.0.1:9090/trade-api/v2
	WSURL   string `toml:"ws_url"`   // WebSocket URL; empty: derived from BaseURL
	Tier    string `toml:"tier"`     // rate-limit tier name, validated by the limiter's owner
	Theme   string `toml:"theme"`    // theme name; empty: dark, or mono under NO_COLOR
	FPS     int    `toml:"fps"`      // redraw cap, 1–120
	// Subaccount is the subaccount new orders trade in at start: 0, the
	// primary, or 1–63 (kalshi-api.md §11).
	Subaccount int `toml:"subaccount"`
	// Mouse turns clicks and the wheel on (default) or off.
	Mouse bool `toml:"mouse"`
	// AutoRecenter keeps each ladder's inside market in view unless the
	// ladder is in use.
	AutoRecenter bool `toml:"auto_recenter"`

	// Keys rebinds actions: action name ("ladder.bid") → keys. The file may
	// write "ladder.bid" = ["b"], ladder.bid = "b", or [keys.ladder] bid = "b".
	Keys map[string][]string `toml:"keys"`

	QtyPresets []string `toml:"qty_presets"` // contract counts for the preset keys, at most 5
	DefaultQty string   `toml:"default_qty"` // contract count selected at start-up

	Confirm Confirm `toml:"confirm"`
	Risk    Risk    `toml:"risk"`
	Alerts  Alerts  `toml:"alerts"`

	// Favourites are market tickers. Once the dashboard has saved favourites
	// (see SaveFavourites), the state file replaces this list.
	Favourites []string `toml:"favourites"`

	LogFile    string `toml:"log_file"`    // default: StateDir()/ladder.log
	RecordFile string `toml:"record_file"` // record feed frames here; empty: off
	// JournalFile is the append-only audit journal of order actions;
	// default StateDir()/journal.ndjson.
	JournalFile string `toml:"journal_file"`

	// Source is the file the settings were read from; empty if none.
	Source string `toml:"-"`
}

// Confirm is the order confirmation policy.
type Confirm struct {
	Policy         string `toml:"policy"`          // never | always | above
	AboveContracts string `toml:"above_contracts"` // count; empty: no count threshold
	AboveDollars   string `toml:"above_dollars"`   // cost in dollars; empty: no cost threshold
}

// Alerts are the ways the dashboard calls for attention beyond the
// screen.
type Alerts struct {
	// Bell rings the terminal bell on each of my fills (off by default:
	// a shared terminal may not want it).
	Bell bool `toml:"bell"`
}

// Risk holds the pre-trade limits. Empty strings (and 0 cents) switch a
// limit off.
type Risk struct {
	MaxOrderQty string `toml:"max_order_qty"` // contracts per order
	// MaxPosition is the most contracts one market may reach, counting
	// resting, in-flight and queued orders on the same side.
	MaxPosition string `toml:"max_position"`
	// MaxNotionalDollars is the most money at risk in one market, counted
	// the same way.
	MaxNotionalDollars string `toml:"max_notional_dollars"`
	FarFromMarketCents int    `toml:"far_from_market_cents"` // warn when this far from the best price
	// MaxDailyLossDollars locks order entry when the session's P&L falls
	// below minus this amount.
	MaxDailyLossDollars string `toml:"max_daily_loss_dollars"`
	// GroupContractsLimit is the contracts limit of the session's
	// exchange order group over Kalshi's rolling 15 s.
	GroupContractsLimit string `toml:"group_contracts_limit"`
	// MaxSlippageTicks is how many grid ticks beyond the best price a
	// counted take (alt+3 B) may reach.
	MaxSlippageTicks int `toml:"max_slippage_ticks"`
}

// Default returns the built-in configuration: the embedded simulator, 30 fps,
// and conservative limits.
func Default() Config {
	c := Config{
		Env:        EnvSim,
		Tier:       "basic",
		FPS:        30,
		Mouse:      true,
		QtyPresets: []string{"1", "5", "10", "25", "100"},
		DefaultQty: "1",
		Confirm: Confirm{
			Policy:         ConfirmAbove,
			AboveContracts: "100",
			AboveDollars:   "50",
		},
		Risk: Risk{
			MaxOrderQty:         "1000",
			MaxPosition:         "5000",
			MaxNotionalDollars:  "1000",
			FarFromMarketCents:  10,
			MaxDailyLossDollars: "500",
			GroupContractsLimit: "1000",
			MaxSlippageTicks:    5,
		},
	}
	if dir, err := StateDir(); err == nil {
		c.LogFile = filepath.Join(dir, "ladder.log")
		c.JournalFile = filepath.Join(dir, "journal.ndjson")
	}
	return c
}
