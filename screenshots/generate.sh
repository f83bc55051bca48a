#!/usr/bin/env bash
# Regenerates the PNGs in this directory from the real program.
#
# It builds ladder and the ansi2svg converter into a temporary directory,
# runs ladder (embedded simulator, fixed --seed, empty config and state
# directories) in a private, detached tmux server at fixed sizes, drives a
# short session with `tmux send-keys`, captures each screen with its colours
# (`tmux capture-pane -e -p`), draws it as SVG (screenshots/ansi2svg) and
# converts that to PNG with rsvg-convert.
#
# Usage:  screenshots/generate.sh          (from anywhere; SEED=n to vary)
# Needs:  go, tmux; for PNGs rsvg-convert and DejaVu Sans Mono (Debian:
#         librsvg2-bin fonts-dejavu-core), and pngquant to keep the PNGs
#         small; all installed here with apt-get when missing and possible.
#         Without rsvg-convert the SVGs are written instead; without
#         pngquant the PNGs are about three times larger.
#
# The market data is live (the simulator's bots trade on a wall clock), so
# two runs give similar, not identical, pictures.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
seed=${SEED:-7}
work=$(mktemp -d "${TMPDIR:-/tmp}/ladder-shots.XXXXXX")
sock="shots-$$" # a private tmux server: no user config, no other sessions

cleanup() {
	tmux -L "$sock" kill-server 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

say() { printf 'generate.sh: %s\n' "$*" >&2; }

# apt_install PACKAGE... installs Debian packages when running as root with
# apt-get, refreshing the package lists once if the first attempt fails.
apt_install() {
	command -v apt-get >/dev/null && [ "$(id -u)" = 0 ] || return 1
	say "installing $*"
	apt-get install -y "$@" >&2 || { apt-get update >&2 && apt-get install -y "$@" >&2; }
}

has_font() { fc-list 2>/dev/null | grep -q 'DejaVu Sans Mono'; }

# ensure_png_tools reports whether rsvg-convert is available, installing it,
# the font and pngquant when they are missing and that is possible.
ensure_png_tools() {
	if ! command -v rsvg-convert >/dev/null || ! has_font; then
		apt_install librsvg2-bin fonts-dejavu-core || true
	fi
	if ! command -v pngquant >/dev/null; then
		apt_install pngquant || say "pngquant not available: the PNGs will be larger"
	fi
	if ! command -v rsvg-convert >/dev/null; then
		say "rsvg-convert not found (Debian: apt-get install librsvg2-bin fonts-dejavu-core): skipping PNG conversion, writing SVGs to $here instead"
		return 1
	fi
	has_font || say "warning: DejaVu Sans Mono not found; another monospace font will be used and may not sit on the cell grid"
	return 0
}

say "building ladder and ansi2svg"
(cd "$repo" && go build -o "$work/ladder" . && go build -o "$work/ansi2svg" ./screenshots/ansi2svg)
png=true
ensure_png_tools || png=false

cat >"$work/tmux.conf" <<'EOF'
set -g status off
set -g default-terminal tmux-256color
set -g escape-time 0
set -g remain-on-exit on
EOF

# screen SESSION prints the pane as plain text.
screen() { tmux -L "$sock" capture-pane -p -t "$1"; }

# wait_for SESSION TEXT waits (up to 20 s) until TEXT is on the screen, and
# fails with the screen printed if it never appears or ladder exits.
wait_for() {
	local session=$1 text=$2 i
	for ((i = 0; i < 200; i++)); do
		if [[ $(screen "$session") == *"$text"* ]]; then
			return 0
		fi
		if [ "$(tmux -L "$sock" display-message -p -t "$session" '#{pane_dead}')" = 1 ]; then
			say "ladder exited in $session:"
			screen "$session" >&2
			exit 1
		fi
		sleep 0.1
	done
	say "timed out waiting for \"$text\" in $session; the screen was:"
	screen "$session" >&2
	exit 1
}

# start SESSION COLS ROWS [LADDER FLAGS...] runs ladder in a new session of
# exactly COLS×ROWS cells with its own config and state directories, and
# waits until the feed is live.
start() {
	local session=$1 cols=$2 rows=$3
	shift 3
	mkdir -p "$work/$session/config" "$work/$session/state"
	tmux -L "$sock" -f "$work/tmux.conf" new-session -d -s "$session" -x "$cols" -y "$rows" \
		env -u NO_COLOR XDG_CONFIG_HOME="$work/$session/config" XDG_STATE_HOME="$work/$session/state" \
		COLORTERM=truecolor "$work/ladder" --seed "$seed" "$@"
	wait_for "$session" "live"
	sleep 1 # let the simulator's bots fill the books
}

# keys SESSION KEY... sends keys and gives the frame time to be drawn.
keys() {
	local session=$1
	shift
	tmux -L "$sock" send-keys -t "$session" "$@"
	sleep 0.4
}

# shoot SESSION NAME COLS ROWS [PALETTE] captures the screen as NAME.png
# (or NAME.svg without rsvg-convert).
shoot() {
	local session=$1 name=$2 cols=$3 rows=$4 palette=${5:-dark}
	sleep 0.5
	tmux -L "$sock" capture-pane -e -p -t "$session" >"$work/$name.ansi"
	"$work/ansi2svg" -cols "$cols" -rows "$rows" -palette "$palette" -o "$work/$name.svg" "$work/$name.ansi"
	if $png; then
		rsvg-convert -o "$work/$name.png" "$work/$name.svg"
		# Quantised to 256 colours the picture looks the same at a third of
		# the size; pngquant refuses (non-zero) when that would not help.
		if ! command -v pngquant >/dev/null ||
			! pngquant --speed 1 --strip --force --skip-if-larger -o "$here/$name.png" "$work/$name.png"; then
			cp "$work/$name.png" "$here/$name.png"
		fi
		say "wrote screenshots/$name.png ($(($(wc -c <"$here/$name.png") / 1024)) KB)"
	else
		cp "$work/$name.svg" "$here/$name.svg"
		say "wrote screenshots/$name.svg"
	fi
	tmux -L "$sock" kill-session -t "$session"
}

# The session, at three sizes: open the first market's ladder and bid one
# contract at the cursor.
for size in 80x24 120x40; do
	cols=${size%x*} rows=${size#*x}
	s="shots-$size"
	start "$s" "$cols" "$rows"
	keys "$s" Enter
	wait_for "$s" "opened"
	keys "$s" b
	wait_for "$s" "placed"
	shoot "$s" "dashboard-$size" "$cols" "$rows"
done

# Wide: a second ladder beside the first (back to the markets pane, down to
# another event's market, enter), with a bid in each.
s=shots-200x60
start "$s" 200 60
keys "$s" Enter
wait_for "$s" "opened"
keys "$s" b
wait_for "$s" "placed"
keys "$s" BTab
keys "$s" j j j j j j j j
keys "$s" Enter
wait_for "$s" "opened"
keys "$s" b
shoot "$s" dashboard-200x60 200 60

# The light theme, drawn on a light terminal as it is meant to be.
s=shots-light
start "$s" 120 40 --theme light
keys "$s" Enter
wait_for "$s" "opened"
keys "$s" b
wait_for "$s" "placed"
shoot "$s" ladder-light-120x40 120 40 light

# The help overlay over an open ladder.
s=shots-help
start "$s" 120 40
keys "$s" Enter
wait_for "$s" "opened"
keys "$s" '?'
wait_for "$s" "global keys"
shoot "$s" help-120x40 120 40

say "done"
