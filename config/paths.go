package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
)

// Path returns the config file's location: $XDG_CONFIG_HOME/ladder/config.toml,
// or ~/.config/ladder/config.toml. It is the same on every OS, so the README's
// instructions hold on macOS too.
func Path() (string, error) {
	dir, err := xdgDir("XDG_CONFIG_HOME", ".config")
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "ladder", "config.toml"), nil
}

// StateDir returns the directory for logs, recordings and favourites:
// $XDG_STATE_HOME/ladder, or ~/.local/state/ladder. It is not created here.
func StateDir() (string, error) {
	dir, err := xdgDir("XDG_STATE_HOME", filepath.Join(".local", "state"))
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "ladder"), nil
}

// FavouritesPath returns the file SaveFavourites writes:
// StateDir()/favourites.json.
func FavouritesPath() (string, error) {
	dir, err := StateDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "favourites.json"), nil
}

// xdgDir returns $env, or ~/fallback when it is unset. The XDG spec says a
// relative value is invalid and must be ignored, so it is.
func xdgDir(env, fallback string) (string, error) {
	if dir := os.Getenv(env); filepath.IsAbs(dir) {
		return dir, nil
	}
	home, err := os.UserHomeDir()
	if err != nil || home == "" {
		return "", errors.New("cannot find the home directory; set HOME or " + env)
	}
	return filepath.Join(home, fallback), nil
}

// expandHome turns a leading "~/" into the home directory, since paths in a
// config file are not seen by a shell.
func expandHome(path string) string {
	rest, ok := strings.CutPrefix(path, "~/")
	if !ok && path != "~" {
		return path
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return path
	}
	return filepath.Join(home, rest)
}
