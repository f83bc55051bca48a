package main

import (
	"fmt"
	"log/slog"
	"strings"

	"ladder/config"
	"ladder/ui"
)

// startup is what `ladder` and `ladder serve` settle before connecting:
// the configuration, the log, the profile and the dashboard options the
// config describes.
type startup struct {
	cfg     config.Config
	log     *slog.Logger
	opts    ui.Options
	closers []func()
}

func (s *startup) close() {
	for i := len(s.closers) - 1; i >= 0; i-- {
		s.closers[i]()
	}
}

// start resolves the config behind the flags, refuses conflicting keys,
// and opens the log (and the CPU profile, when asked for).
func start(f *dashFlags) (_ *startup, err error) {
	s := &startup{}
	defer func() {
		if err != nil {
			s.close()
		}
	}()
	if s.cfg, err = loadConfig(f); err != nil {
		return nil, err
	}
	if err := checkEnvChoice(s.cfg, f); err != nil {
		return nil, err
	}
	km, conflicts, err := buildKeyMap(s.cfg.Keys)
	if err != nil {
		return nil, err
	}
	// A conflicting trading key is refused, not warned about: a key that
	// silently does something else (quit, or buy instead of sell) is worse
	// than not starting.
	if len(conflicts) > 0 {
		return nil, fmt.Errorf("the [keys] section of the config file has conflicts; fix them and start again:\n  %s", strings.Join(conflicts, "\n  "))
	}
	theme, err := chooseTheme(s.cfg.Theme)
	if err != nil {
		return nil, err
	}
	log, closeLog, err := openLog(s.cfg.LogFile)
	if err != nil {
		return nil, err
	}
	s.log = log
	s.closers = append(s.closers, closeLog)
	stopProfile, err := startProfile()
	if err != nil {
		return nil, err
	}
	s.closers = append(s.closers, stopProfile)
	if s.opts, err = uiOptions(s.cfg, km, theme, log); err != nil {
		return nil, err
	}
	return s, nil
}
