package config

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
)

// Favourites live in a state file (FavouritesPath) rather than in config.toml
// because the dashboard writes them, and rewriting the user's hand-edited
// TOML would lose its comments and layout. The config file's `favourites`
// list seeds them until the first save; from then on the state file wins.

// favouritesFile is the JSON layout of the state file. An object rather than
// a bare list, so more fields can be added later without breaking old files.
type favouritesFile struct {
	Favourites []string `json:"favourites"`
}

// SaveFavourites replaces the saved favourite tickers. The write is atomic
// (temporary file, fsync, rename in the same directory), so a crash leaves
// either the old list or the new one, and the file is private (0600).
func SaveFavourites(tickers []string) error {
	path, err := FavouritesPath()
	if err != nil {
		return err
	}
	clean := make([]string, 0, len(tickers))
	for _, t := range tickers {
		if t != "" && !slices.Contains(clean, t) {
			clean = append(clean, t)
		}
	}
	data, err := json.MarshalIndent(favouritesFile{Favourites: clean}, "", "  ")
	if err != nil {
		return err
	}
	if err := writeFileAtomic(path, append(data, '\n')); err != nil {
		return fmt.Errorf("saving favourites: %w", err)
	}
	return nil
}

// loadFavourites reads the saved favourites; ok is false when none were ever
// saved.
func loadFavourites() (tickers []string, ok bool, err error) {
	path, err := FavouritesPath()
	if err != nil {
		return nil, false, nil // no home directory: nothing was saved either
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("favourites: %w", err)
	}
	var f favouritesFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, false, fmt.Errorf("favourites file %s: %w (fix or delete it)", path, err)
	}
	if f.Favourites == nil {
		f.Favourites = []string{}
	}
	return f.Favourites, true, nil
}

// writeFileAtomic writes data to path with mode 0600 by renaming a fully
// written temporary file over it, creating the directory (0700) if needed.
func writeFileAtomic(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if err = tmp.Chmod(0o600); err != nil {
		return err
	}
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
