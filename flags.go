package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"ladder/config"
)

// dashFlags are the dashboard's command-line flags. A flag that is not given
// leaves the config file's value alone; set records which were given.
type dashFlags struct {
	configPath string
	env        string
	keyID      string
	keyFile    string
	baseURL    string
	wsURL      string
	tier       string
	theme      string
	fps        int
	subaccount int
	record     string
	logFile    string
	// Embedded simulator settings (env sim only).
	simSeed     int64
	simActivity string
	simFaults   string

	set map[string]bool
}

func parseDashFlags(args []string, stderr io.Writer) (*dashFlags, error) {
	return parseFlags("ladder", args, stderr, nil)
}

// parseFlags parses the dashboard's flags and, when more is given, the
// flags it adds (ladder serve's).
func parseFlags(name string, args []string, stderr io.Writer, more func(*flag.FlagSet)) (*dashFlags, error) {
	f := &dashFlags{set: map[string]bool{}}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { usage(stderr) }
	fs.StringVar(&f.configPath, "config", "", "config file (default $XDG_CONFIG_HOME/ladder/config.toml)")
	fs.StringVar(&f.env, "env", "", "environment: sim (embedded simulator), demo or prod")
	fs.StringVar(&f.keyID, "key-id", "", "Kalshi API key id (or KALSHI_API_KEY_ID)")
	fs.StringVar(&f.keyFile, "key-file", "", "PEM private key file (or KALSHI_PRIVATE_KEY_PATH; KALSHI_PRIVATE_KEY holds the PEM itself)")
	fs.StringVar(&f.baseURL, "base-url", "", "REST base URL of any Kalshi-compatible server, e.g. http://127.0.0.1:9090/trade-api/v2")
	fs.StringVar(&f.wsURL, "ws-url", "", "WebSocket URL (default: derived from --base-url)")
	fs.StringVar(&f.tier, "tier", "", "rate-limit tier when /account/limits is unavailable: basic, advanced, expert, premier, paragon, prime, prestige")
	fs.StringVar(&f.theme, "theme", "", "colour theme: dark, light, high-contrast, mono")
	fs.IntVar(&f.fps, "fps", 0, "redraw cap in frames per second (default 30; lower it over slow SSH links)")
	fs.IntVar(&f.subaccount, "subaccount", 0, "subaccount new orders trade in at start: 0 (the primary) to 63")
	fs.StringVar(&f.record, "record", "", "append every received feed frame to FILE as NDJSON")
	fs.StringVar(&f.logFile, "log", "", "log file (default $XDG_STATE_HOME/ladder/ladder.log)")
	fs.Int64Var(&f.simSeed, "seed", 1, "embedded simulator: random seed")
	fs.StringVar(&f.simActivity, "activity", "normal", "embedded simulator: market activity calm|normal|busy|storm")
	fs.StringVar(&f.simFaults, "faults", "", "embedded simulator: fault injection spec (see README)")
	if more != nil {
		more(fs)
	}
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q (see ladder --help)", fs.Arg(0))
	}
	fs.Visit(func(fl *flag.Flag) { f.set[fl.Name] = true })
	return f, nil
}

// loadConfig reads the config file (the --config one, or the XDG one) and
// lays the flags and KALSHI_* environment variables over it.
func loadConfig(f *dashFlags) (config.Config, error) {
	var cfg config.Config
	var err error
	if f.configPath != "" {
		cfg, err = config.LoadFile(f.configPath)
	} else {
		cfg, err = config.Load()
	}
	if err != nil {
		return cfg, err
	}
	if v := os.Getenv("KALSHI_API_KEY_ID"); v != "" && !f.set["key-id"] {
		cfg.KeyID = v
	}
	if v := os.Getenv("KALSHI_PRIVATE_KEY_PATH"); v != "" && !f.set["key-file"] {
		cfg.KeyFile = v
	}
	str := func(name string, dst *string, v string) {
		if f.set[name] {
			*dst = v
		}
	}
	str("env", &cfg.Env, f.env)
	str("key-id", &cfg.KeyID, f.keyID)
	str("key-file", &cfg.KeyFile, f.keyFile)
	str("base-url", &cfg.BaseURL, f.baseURL)
	str("ws-url", &cfg.WSURL, f.wsURL)
	str("tier", &cfg.Tier, f.tier)
	str("theme", &cfg.Theme, f.theme)
	str("record", &cfg.RecordFile, f.record)
	str("log", &cfg.LogFile, f.logFile)
	if f.set["fps"] {
		cfg.FPS = f.fps
	}
	if f.set["subaccount"] {
		cfg.Subaccount = f.subaccount
	}
	return cfg, cfg.Validate()
}

// checkEnvChoice refuses a key without an environment (the user wants a
// real exchange, and ladder will not guess which one) and half-set
// credentials: a key id without a key, or a key without its id, never
// falls back to the embedded simulator silently.
func checkEnvChoice(cfg config.Config, f *dashFlags) error {
	if cfg.Env == config.EnvSim && cfg.BaseURL == "" && cfg.WSURL != "" {
		return fmt.Errorf("--ws-url needs --base-url: the embedded simulator chooses its own addresses")
	}
	if f.set["env"] || cfg.Env != config.EnvSim || cfg.BaseURL != "" {
		return nil
	}
	hasID := cfg.KeyID != ""
	hasKey := cfg.KeyFile != "" || os.Getenv("KALSHI_PRIVATE_KEY") != ""
	switch {
	case hasID && hasKey:
		return fmt.Errorf("an API key is configured (flags, config or KALSHI_* variables) but no environment: pass --env demo or --env prod, --base-url for another server, or --env sim for the embedded simulator")
	case hasID:
		// Half-set credentials are a mistake, never a wish for the simulator.
		return fmt.Errorf("an API key id is set (--key-id, the config's key_id or KALSHI_API_KEY_ID) but no private key: pass --key-file (or set KALSHI_PRIVATE_KEY_PATH or KALSHI_PRIVATE_KEY) and --env, or --env sim for the embedded simulator")
	case hasKey:
		return fmt.Errorf("a private key is set (--key-file, the config's key_file, KALSHI_PRIVATE_KEY_PATH or KALSHI_PRIVATE_KEY) but no API key id: pass --key-id (or set KALSHI_API_KEY_ID) and --env, or --env sim for the embedded simulator")
	}
	return nil
}
