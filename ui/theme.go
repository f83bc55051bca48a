package ui

import (
	"ladder/themes"
	"ladder/ui/styles"

	tea "charm.land/bubbletea/v2"
)

// nextTheme cycles the theme and rebuilds the styles once.
func (m *Model) nextTheme() {
	next := themes.Next(m.opts.Theme.Name)
	if m.opts.NoColor {
		next = themes.NextMono(m.opts.Theme.Name)
		if next == m.opts.Theme.Name {
			m.say(lvlInfo, "NO_COLOR is set: "+next+" is the only theme without colour")
			return
		}
	}
	t, err := themes.ByName(next)
	if err != nil {
		m.say(lvlBad, err.Error())
		return
	}
	m.setTheme(t)
	m.autoTheme = false // the user's choice wins over a late answer
	m.say(lvlInfo, "theme "+t.Name)
}

// onBackground picks dark or light from the terminal's background colour,
// asked for at start (Init) when no theme was chosen: an explicit --theme,
// the config's theme, NO_COLOR (mono) or the theme key win over it.
func (m *Model) onBackground(msg tea.BackgroundColorMsg) {
	if !m.autoTheme {
		return
	}
	m.autoTheme = false // the first answer decides
	name := themes.NameDark
	if !msg.IsDark() {
		name = themes.NameLight
	}
	if name == m.opts.Theme.Name {
		return
	}
	t, err := themes.ByName(name)
	if err != nil {
		m.opts.Logger.Warn("background theme", "err", err)
		return
	}
	m.setTheme(t)
	m.opts.Logger.Info("theme from the terminal's background", "theme", name)
}

// setTheme switches to a theme, building its styles once.
func (m *Model) setTheme(t themes.Theme) {
	m.opts.Theme = t
	st := styles.New(t)
	m.st = &st
	m.help.Styles = st.Help
}
