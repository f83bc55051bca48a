package config

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"unicode"

	"ladder/model"
	"ladder/themes"
)

// Decimal places accepted in the config, matching Kalshi's wire format:
// counts are *_fp strings with 2 decimals, dollar amounts have at most 4.
const (
	countDecimals  = 2
	dollarDecimals = 4
)

// maxPresets is the number of preset keys (ladder.preset_1 … preset_5).
const maxPresets = 5

// Validate reports every problem at once, each naming its setting, so one
// edit fixes them all. Two checks are left to the callers that own the
// lists: the tier name (limiter) and the [keys] action and key names
// (ui.KeyMap.Rebind).
func (c Config) Validate() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }

	switch c.Env {
	case EnvSim, EnvDemo, EnvProd:
	default:
		bad("env: %q is not one of %s, %s, %s", c.Env, EnvSim, EnvDemo, EnvProd)
	}
	if looksLikeKeyMaterial(c.KeyFile) {
		bad("key_file: must be the path of the private key file, not the key itself")
	}
	if err := checkURL(c.BaseURL, "http", "https"); err != nil {
		bad("base_url: %v", err)
	}
	if err := checkURL(c.WSURL, "ws", "wss"); err != nil {
		bad("ws_url: %v", err)
	}
	if c.Subaccount < 0 || c.Subaccount > 63 {
		bad("subaccount: %d is outside 0–63 (0 is the primary)", c.Subaccount)
	}
	if c.Theme != "" {
		if _, err := themes.ByName(c.Theme); err != nil {
			bad("theme: %v", err)
		}
	}
	if c.FPS < 1 || c.FPS > 120 {
		bad("fps: %d is outside 1–120", c.FPS)
	}
	if t := c.Risk.MaxSlippageTicks; t < 1 || t > 1000 {
		bad("risk.max_slippage_ticks: %d is outside 1–1000", t)
	}

	maxOrder, maxOrderErr := parseOptional(c.Risk.MaxOrderQty, countDecimals)
	if maxOrderErr != nil {
		bad("risk.max_order_qty: %v", maxOrderErr)
	}
	checkQty := func(name, s string) {
		q, err := parseFixed(s, countDecimals)
		switch {
		case err != nil:
			bad("%s: %v", name, err)
		case maxOrder > 0 && q > maxOrder:
			bad("%s: %s is above risk.max_order_qty %s", name, s, c.Risk.MaxOrderQty)
		}
	}
	if len(c.QtyPresets) == 0 || len(c.QtyPresets) > maxPresets {
		bad("qty_presets: want 1 to %d quantities (one per preset key), got %d", maxPresets, len(c.QtyPresets))
	}
	for i, q := range c.QtyPresets {
		checkQty(fmt.Sprintf("qty_presets[%d]", i), q)
	}
	checkQty("default_qty", c.DefaultQty)

	switch c.Confirm.Policy {
	case ConfirmNever, ConfirmAlways, ConfirmAbove:
	default:
		bad("confirm.policy: %q is not one of %s, %s, %s", c.Confirm.Policy, ConfirmNever, ConfirmAlways, ConfirmAbove)
	}
	if _, err := parseOptional(c.Confirm.AboveContracts, countDecimals); err != nil {
		bad("confirm.above_contracts: %v", err)
	}
	if _, err := parseOptional(c.Confirm.AboveDollars, dollarDecimals); err != nil {
		bad("confirm.above_dollars: %v", err)
	}
	if c.Confirm.Policy == ConfirmAbove && c.Confirm.AboveContracts == "" && c.Confirm.AboveDollars == "" {
		bad(`confirm.policy: "above" needs above_contracts or above_dollars`)
	}

	if _, err := parseOptional(c.Risk.MaxPosition, countDecimals); err != nil {
		bad("risk.max_position: %v", err)
	}
	if _, err := parseOptional(c.Risk.MaxNotionalDollars, dollarDecimals); err != nil {
		bad("risk.max_notional_dollars: %v", err)
	}
	if _, err := parseOptional(c.Risk.MaxDailyLossDollars, dollarDecimals); err != nil {
		bad("risk.max_daily_loss_dollars: %v", err)
	}
	if _, err := parseOptional(c.Risk.GroupContractsLimit, countDecimals); err != nil {
		bad("risk.group_contracts_limit: %v", err)
	}
	if c.Risk.FarFromMarketCents < 0 || c.Risk.FarFromMarketCents > 99 {
		bad("risk.far_from_market_cents: %d is outside 0–99 (0 turns the warning off)", c.Risk.FarFromMarketCents)
	}

	for i, t := range c.Favourites {
		if t == "" || strings.ContainsFunc(t, unicode.IsSpace) {
			bad("favourites[%d]: %q is not a market ticker", i, t)
		}
	}
	return errors.Join(errs...)
}

// looksLikeKeyMaterial catches a PEM pasted where a path belongs, so it is
// refused (and never printed by Effective).
func looksLikeKeyMaterial(s string) bool {
	return strings.Contains(s, "-----BEGIN") || strings.Contains(s, "PRIVATE KEY") || strings.ContainsAny(s, "\r\n")
}

func checkURL(raw string, schemes ...string) error {
	if raw == "" {
		return nil
	}
	u, err := url.Parse(raw)
	if err != nil {
		return err
	}
	for _, s := range schemes {
		if u.Scheme == s && u.Host != "" {
			return nil
		}
	}
	return fmt.Errorf("%q is not an absolute %s URL", raw, strings.Join(schemes, " or "))
}

// parseOptional is parseFixed where "" means "no limit" (returned as 0).
func parseOptional(s string, decimals int) (int64, error) {
	if s == "" {
		return 0, nil
	}
	return parseFixed(s, decimals)
}

// parseFixed parses a positive count ("25", "2.50") or dollar amount with
// the model's exact fixed-point parsers (never a float), returning integer
// units of 10^-decimals.
func parseFixed(s string, decimals int) (int64, error) {
	var v int64
	var err error
	switch decimals {
	case countDecimals:
		var q model.Qty
		q, err = model.ParseQty(s)
		v = int64(q)
	default:
		var m model.Money
		m, err = model.ParseMoney(s)
		v = int64(m) / 100 // Money is in 10^-6 dollars; dollar settings use 10^-4
		if err == nil && int64(m)%100 != 0 {
			err = fmt.Errorf("%q has more than %d decimal places", s, decimals)
		}
	}
	if err != nil {
		return 0, err
	}
	if v <= 0 {
		return 0, fmt.Errorf("%q must be greater than zero", s)
	}
	return v, nil
}
