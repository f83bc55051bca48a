package serve

import (
	"fmt"

	"ladder/themes"
)

// sessionTheme is a session's theme: the client's LADDER_THEME if it sent
// one (ssh -o SetEnv=LADDER_THEME=light), else the configured theme, else
// the default for the client's terminal (mono when it sent NO_COLOR).
func sessionTheme(configured string, base themes.Theme, env []string) (themes.Theme, error) {
	if name, ok := envValue(env, "LADDER_THEME"); ok && name != "" {
		t, err := themes.ByName(name)
		if err != nil {
			return t, fmt.Errorf("LADDER_THEME: %w", err)
		}
		return t, nil
	}
	if configured != "" {
		return base, nil
	}
	_, noColor := envValue(env, "NO_COLOR")
	return themes.Default(noColor), nil
}
