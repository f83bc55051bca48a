package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// Load reads the config file at Path() over Default(), then the saved
// favourites, and validates the result. A missing config file is not an
// error: ladder runs on defaults.
func Load() (Config, error) {
	path, err := Path()
	if err != nil {
		return Config{}, err
	}
	return load(path, false)
}

// LoadFile is Load for a file the user named explicitly (a --config flag),
// so a missing file is an error.
func LoadFile(path string) (Config, error) {
	return load(path, true)
}

func load(path string, mustExist bool) (Config, error) {
	c := Default()
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist) && !mustExist:
		// Defaults only.
	case err != nil:
		return Config{}, fmt.Errorf("config: %w", err)
	default:
		if err := decode(data, &c); err != nil {
			return Config{}, fmt.Errorf("config file %s: %w", path, err)
		}
		c.Source = path
	}

	if favs, ok, err := loadFavourites(); err != nil {
		return Config{}, err
	} else if ok {
		c.Favourites = favs
	}

	c.KeyFile = expandHome(c.KeyFile)
	c.LogFile = expandHome(c.LogFile)
	c.RecordFile = expandHome(c.RecordFile)
	c.JournalFile = expandHome(c.JournalFile)

	if err := c.Validate(); err != nil {
		where := "default configuration"
		if c.Source != "" {
			where = "config file " + c.Source
		}
		return Config{}, fmt.Errorf("%s: %w", where, err)
	}
	return c, nil
}

// fileConfig is Config as the TOML decoder sees it. The embedded Config takes
// every plain setting; the fields declared here shadow the ones that need
// custom decoding (quantities and money that may be written as integers, and
// the flexible [keys] table). Fields that are absent from the file keep
// the values they start with.
type fileConfig struct {
	Config
	Keys       keyOverrides `toml:"keys"`
	QtyPresets []decimal    `toml:"qty_presets"`
	DefaultQty decimal      `toml:"default_qty"`
	Confirm    fileConfirm  `toml:"confirm"`
	Risk       fileRisk     `toml:"risk"`
}

type fileConfirm struct {
	Policy         string  `toml:"policy"`
	AboveContracts decimal `toml:"above_contracts"`
	AboveDollars   decimal `toml:"above_dollars"`
}

type fileRisk struct {
	MaxOrderQty         decimal `toml:"max_order_qty"`
	MaxPosition         decimal `toml:"max_position"`
	MaxNotionalDollars  decimal `toml:"max_notional_dollars"`
	FarFromMarketCents  int     `toml:"far_from_market_cents"`
	MaxDailyLossDollars decimal `toml:"max_daily_loss_dollars"`
	GroupContractsLimit decimal `toml:"group_contracts_limit"`
	MaxSlippageTicks    int     `toml:"max_slippage_ticks"`
}

// decode applies the TOML document in data on top of *c. Unknown settings are
// errors: a misspelt risk limit that is silently ignored is a limit that is
// silently off.
func decode(data []byte, c *Config) error {
	f := fileConfig{
		Config:     *c,
		Keys:       keyOverrides(c.Keys),
		DefaultQty: decimal(c.DefaultQty),
		Confirm: fileConfirm{
			Policy:         c.Confirm.Policy,
			AboveContracts: decimal(c.Confirm.AboveContracts),
			AboveDollars:   decimal(c.Confirm.AboveDollars),
		},
		Risk: fileRisk{
			MaxOrderQty:         decimal(c.Risk.MaxOrderQty),
			MaxPosition:         decimal(c.Risk.MaxPosition),
			MaxNotionalDollars:  decimal(c.Risk.MaxNotionalDollars),
			FarFromMarketCents:  c.Risk.FarFromMarketCents,
			MaxDailyLossDollars: decimal(c.Risk.MaxDailyLossDollars),
			GroupContractsLimit: decimal(c.Risk.GroupContractsLimit),
			MaxSlippageTicks:    c.Risk.MaxSlippageTicks,
		},
	}
	md, err := toml.Decode(string(data), &f)
	if err != nil {
		return err // a toml.ParseError names the line
	}
	if err := unknownSettings(data, md.Undecoded()); err != nil {
		return err
	}

	*c = f.Config
	c.Keys = map[string][]string(f.Keys)
	if md.IsDefined("qty_presets") {
		c.QtyPresets = make([]string, len(f.QtyPresets))
		for i, q := range f.QtyPresets {
			c.QtyPresets[i] = string(q)
		}
	}
	c.DefaultQty = string(f.DefaultQty)
	c.Confirm = Confirm{
		Policy:         f.Confirm.Policy,
		AboveContracts: string(f.Confirm.AboveContracts),
		AboveDollars:   string(f.Confirm.AboveDollars),
	}
	c.Risk = Risk{
		MaxOrderQty:         string(f.Risk.MaxOrderQty),
		MaxPosition:         string(f.Risk.MaxPosition),
		MaxNotionalDollars:  string(f.Risk.MaxNotionalDollars),
		FarFromMarketCents:  f.Risk.FarFromMarketCents,
		MaxDailyLossDollars: string(f.Risk.MaxDailyLossDollars),
		GroupContractsLimit: string(f.Risk.GroupContractsLimit),
		MaxSlippageTicks:    f.Risk.MaxSlippageTicks,
	}
	return nil
}

// unknownSettings reports each undecoded key with its line. A table that is
// unknown as a whole is reported once, not once per key inside it.
func unknownSettings(data []byte, undecoded []toml.Key) error {
	var errs []error
	reported := map[string]bool{}
	for _, k := range undecoded {
		if len(k) > 1 && reported[k[:len(k)-1].String()] {
			reported[k.String()] = true
			continue
		}
		reported[k.String()] = true
		if line := lineOf(data, k); line > 0 {
			errs = append(errs, fmt.Errorf("line %d: unknown setting %q", line, k.String()))
		} else {
			errs = append(errs, fmt.Errorf("unknown setting %q", k.String()))
		}
	}
	return errors.Join(errs...)
}

// lineOf finds the line that defines key k: a [table] header or a
// "name = value" line inside the right table. The TOML decoder does not
// expose key positions, and an error that points at the line saves hunting.
// It returns 0 when the key is written in a way this scan does not follow.
func lineOf(data []byte, k toml.Key) int {
	want := k.String()
	section := ""
	for i, raw := range strings.Split(string(data), "\n") {
		line := strings.TrimSpace(raw)
		if strings.HasPrefix(line, "[") {
			name, _, _ := strings.Cut(strings.TrimLeft(line, "["), "]")
			section = strings.TrimSpace(name)
			if section == want {
				return i + 1
			}
			continue
		}
		lhs, _, ok := strings.Cut(line, "=")
		if !ok || strings.HasPrefix(line, "#") {
			continue
		}
		full := strings.TrimSpace(lhs)
		if section != "" {
			full = section + "." + full
		}
		if full == want {
			return i + 1
		}
	}
	return 0
}

// decimal is a fixed-point number as written in the file: a string such as
// "2.50", or an integer. Floats are refused because 0.1 is not exactly
// representable in binary and money must never pass through one.
type decimal string

func (d *decimal) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case string:
		*d = decimal(v)
	case int64:
		*d = decimal(strconv.FormatInt(v, 10))
	case float64:
		return fmt.Errorf("write %v as a string, e.g. \"%v\": fractional amounts are fixed-point strings, never floats", v, v)
	default:
		return fmt.Errorf("want a number or a decimal string, got %T", v)
	}
	return nil
}

// keyOverrides is the [keys] table flattened to action name → keys. It
// accepts quoted names ("ladder.bid" = ...), dotted names (ladder.bid = ...)
// and sub-tables ([keys.ladder]), and a single key or a list of keys.
type keyOverrides map[string][]string

func (k *keyOverrides) UnmarshalTOML(v any) error {
	table, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("[keys] must be a table of action = [keys]")
	}
	out := keyOverrides{}
	if err := out.flatten("", table); err != nil {
		return err
	}
	*k = out
	return nil
}

func (k keyOverrides) flatten(prefix string, table map[string]any) error {
	names := make([]string, 0, len(table))
	for name := range table {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		action := prefix + name
		var keys []string
		switch v := table[name].(type) {
		case map[string]any:
			if err := k.flatten(action+".", v); err != nil {
				return err
			}
			continue
		case string:
			keys = []string{v}
		case []any:
			keys = make([]string, 0, len(v))
			for _, item := range v {
				s, ok := item.(string)
				if !ok {
					return fmt.Errorf("keys.%s: every key must be a string, got %v", action, item)
				}
				keys = append(keys, s)
			}
		default:
			return fmt.Errorf("keys.%s: want a key or a list of keys, e.g. [\"b\", \"ctrl+b\"]", action)
		}
		if _, dup := k[action]; dup {
			return fmt.Errorf("keys.%s is set twice", action)
		}
		k[action] = keys
	}
	return nil
}
