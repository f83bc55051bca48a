package ui

import (
	"ladder/themes"
	"ladder/ui/styles"
)

// nextTheme cycles the theme and rebuilds the styles once.
func (m *Model) nextTheme() {
	t, err := themes.ByName(themes.Next(m.opts.Theme.Name))
	if err != nil {
		m.say(lvlBad, err.Error())
		return
	}
	m.setTheme(t)
	m.say(lvlInfo, "theme "+t.Name)
}

// setTheme switches to a theme, building its styles once.
func (m *Model) setTheme(t themes.Theme) {
	m.opts.Theme = t
	st := styles.New(t)
	m.st = &st
	m.help.Styles = st.Help
}
