package config

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestSaveFavouritesRoundTripsThroughLoad(t *testing.T) {
	path := isolate(t)
	writeConfig(t, path, "fps = 20\nfavourites = [\"FROM-CONFIG\"]\n")

	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(c.Favourites, []string{"FROM-CONFIG"}) {
		t.Fatalf("before any save, favourites = %v, want the config's list", c.Favourites)
	}

	if err := SaveFavourites([]string{"KXA", "KXB", "KXA", ""}); err != nil {
		t.Fatal(err)
	}
	c, err = Load()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(c.Favourites, []string{"KXA", "KXB"}) {
		t.Errorf("after save, favourites = %v, want [KXA KXB]", c.Favourites)
	}
	if c.FPS != 20 {
		t.Errorf("saving favourites changed other settings: fps = %d", c.FPS)
	}
	if body, _ := os.ReadFile(path); !strings.Contains(string(body), "fps = 20") {
		t.Errorf("config.toml was rewritten: %q", body)
	}

	// Removing every favourite must stick, not fall back to the config's list.
	if err := SaveFavourites(nil); err != nil {
		t.Fatal(err)
	}
	c, err = Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Favourites) != 0 {
		t.Errorf("after saving none, favourites = %v", c.Favourites)
	}
}

func TestSaveFavouritesWritesAPrivateFileAtomically(t *testing.T) {
	isolate(t)
	if err := SaveFavourites([]string{"KXA"}); err != nil {
		t.Fatal(err)
	}
	if err := SaveFavourites([]string{"KXB"}); err != nil {
		t.Fatal(err)
	}
	path, _ := FavouritesPath()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if mode := info.Mode().Perm(); mode != 0o600 {
		t.Errorf("favourites file mode = %o, want 600", mode)
	}
	dirInfo, _ := os.Stat(filepath.Dir(path))
	if mode := dirInfo.Mode().Perm(); mode != 0o700 {
		t.Errorf("state dir mode = %o, want 700", mode)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("state dir holds %v; temporary files were left behind", names)
	}
	body, _ := os.ReadFile(path)
	if want := "{\n  \"favourites\": [\n    \"KXB\"\n  ]\n}\n"; string(body) != want {
		t.Errorf("favourites.json = %q, want %q", body, want)
	}
}

func TestMalformedFavouritesFileIsNamed(t *testing.T) {
	isolate(t)
	path, _ := FavouritesPath()
	writeConfig(t, path, "[not json")
	_, err := Load()
	if err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("err = %v, want one naming %s", err, path)
	}
}
