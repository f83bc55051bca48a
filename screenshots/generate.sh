#!/usr/bin/env bash
# Regenerates the PNGs in this directory from the real program.
#
# It builds ladder and the ansi2svg converter into a temporary directory,
# runs ladder (embedded simulator, fixed --seed, empty config and state
# directories) in a private, detached tmux server at fixed sizes, drives
# each shot with `tmux send-keys`, waits for text to appear on the screen,
# captures the screen with its colours (`tmux capture-pane -e -p -N`), draws
# it as SVG (screenshots/ansi2svg) and converts that to PNG with
# rsvg-convert.
#
# Usage:  screenshots/generate.sh [NAME-PATTERN...]
#           from anywhere; with patterns (shell globs such as 'theme-*'),
#           only the matching shots are made.
#         SEED=n      market seed (default 7)
#         TIMEOUT=s   how long to wait for a text before giving up (default 30)
#         KEEP=dir    also keep each shot's capture (NAME.ansi) in dir
# Needs:  go, tmux; for PNGs rsvg-convert and DejaVu Sans Mono (Debian:
#         librsvg2-bin fonts-dejavu-core), and pngquant to keep the PNGs
#         small; all installed here with apt-get when missing and possible.
#         Without rsvg-convert the SVGs are written instead; without
#         pngquant the PNGs are about three times larger.
#
# The market data is live (the simulator's bots trade on a wall clock), so
# two runs give similar, not identical, pictures.
#
# Why ansi2svg and not charmbracelet/freeze: freeze v0.2.2, tried on these
# captures, draws them wrongly. It places backgrounds at a fixed 1/1.68 em
# per column, half a cell too wide, while the text flows at the font's own
# advance, so depth bars and the cursor row drift off their text (a cell by
# column 150); it ignores bold, faint and reverse (the mono theme loses its
# cursor row and best bid); each SGR parameter opens a <tspan> carrying only
# itself and the text goes into the last, so attributes do not combine
# (ESC[4m ESC[38;5;203m is red, not underlined; ESC[38;5;111m…ESC[1m ─── draws
# a focused border's rest in the default grey); backgrounds 40-47 are
# ignored and 100-107 get fill="" (a grey box over the text); it does not
# know ESC[39m/ESC[49m, and rewriting them to ESC[0m loses what tmux sets
# around them (ESC[38;5;240m ESC[49m ╰──╯ draws the border uncoloured;
# ESC[48;5;24m ▶ ESC[39m ends the cursor row's background after one cell);
# wide and fallback glyphs (CJK, braille) push the rest of their line off
# the grid.
set -euo pipefail

# ---------------------------------------------------------------------------
# The shots. Each `shot` starts ladder in a new tmux session of SIZE cells,
# waits until the feed is live, runs its steps and captures the screen as
# screenshots/NAME.png.
#
#   shot NAME COLSxROWS [OPTION...] -- STEP...
#
# OPTIONs are passed to ladder (e.g. --theme light), except these two:
#   palette=light       draw on a light terminal (default dark)
#   toml='a.b = "v"'    a line for the session's config.toml
# STEPs:
#   key 'K...'   send tmux keys (key names as in tmux send-keys: Enter, BTab,
#                Escape, a letter; several separated by spaces)
#   await TEXT   wait until TEXT is on the screen (fails after $TIMEOUT s,
#                printing the screen); 'A|B' waits for A or B
#   gone TEXT    wait until TEXT is no longer on the screen (same timeout)
#   pause S      wait S seconds (only where no text says the moment came)
# The capture waits for a frame that stays unchanged for a moment, so a
# picture is never taken halfway through a redraw.
#
# Texts this relies on: "live" in the status bar, "opened" when a ladder
# opens, "spr" in a ladder's footer once its book has both sides, "placed"
# after an order is accepted, "cancel" in an armed confirmation dialog,
# "FILLED" or "took" after a fill, "stalled" and "backoff" in the status bar,
# "Messages" atop the history, "·q" beside an order's queue place.
shots() {
	# The dashboard at three sizes: open the first market's ladder and bid
	# one contract at the cursor.
	local size
	for size in 80x24 120x40; do
		shot "dashboard-$size" "$size" -- \
			key Enter await opened await spr \
			key b await placed
	done
	# Wide: a second ladder beside the first (back to the markets pane, down
	# to another event's market, open it), with a bid in each.
	shot dashboard-200x60 200x60 -- \
		key Enter await opened await spr \
		key b await placed \
		key BTab key 'j j j j j j j j' key Enter await opened await spr \
		key b await placed

	# The confirmation dialog for a one-contract bid (policy: confirm every
	# order), once it has armed.
	shot confirm-120x40 120x40 toml='confirm.policy = "always"' -- \
		key Enter await opened await spr \
		key b await Confirm gone arming

	# A stale book: the simulator freezes the feed (each frame has a 1 in 200
	# chance to hold the socket silent for 30 s), the client notices the
	# missing pongs and dims the book.
	shot stale-120x40 120x40 --faults freeze=0.005:30s -- \
		key Enter await opened await spr \
		await stalled pause 1.5

	# Backoff after 429s: each REST request has a 1 in 5 chance to start a
	# burst of five 429s.
	shot backoff-160x48 160x48 --faults 429=0.2 -- \
		await 'Above 3.25%' key Enter await opened await spr \
		key b await backoff

	# A fill: buy one contract at the best ask (IOC). The fill's message and
	# the order's reply come in either order, and the later one stays.
	shot fill-120x40 120x40 -- \
		key Enter await opened await spr \
		key B await 'FILLED|took'

	# The other themes, with a resting bid; the light one drawn on a light
	# terminal as it is meant to be.
	shot theme-light-120x40 120x40 --theme light palette=light -- \
		key Enter await opened await spr \
		key b await placed
	shot theme-high-contrast-120x40 120x40 --theme high-contrast -- \
		key Enter await opened await spr \
		key b await placed
	shot theme-mono-120x40 120x40 --theme mono -- \
		key Enter await opened await spr \
		key b await placed

	# The help overlay over an open ladder.
	shot help-120x40 120x40 -- \
		key Enter await opened await spr \
		key '?' await 'global keys'

	# The event board (e on the market list): the NYC temperature brackets
	# with the cost of buying and the proceeds of selling every outcome
	# against $1, net of fees; at 80x24 the Fed's strike ladder, checked
	# for order. A bid joined from the board's row.
	shot board-120x40 120x40 -- \
		key 'j j j j j' key e await 'buy all' \
		key b await placed
	shot board-80x24 80x24 -- \
		key e await 'strike'

	# The price chart (G) of the first market, from the simulator's day of
	# candles, one minute each, extended live; and the hourly candles.
	shot chart-120x40 120x40 -- \
		key 'j j' key G await '┤' pause 1
	shot chart-hour-80x24 80x24 -- \
		key 'j j' key G await '┤' key p await '[1 h]' await '┤' pause 1

	# The account (A): tier, budgets, usage-level progress, the balance
	# over the session and the subaccounts.
	shot account-120x40 120x40 -- \
		key A await 'tokens/s' await 'primary'

	# The message history (m): a resting bid, a fill, then the history of
	# everything the message line said.
	shot history-120x40 120x40 -- \
		key Enter await opened await spr \
		key b await placed \
		key B await 'FILLED|took' \
		key m await 'Messages'

	# The DOM ladder: a resting bid a few rows under the market shows its
	# place in the queue (·q), a fill opens a position with its entry row
	# (@) and the P&L-at-price column.
	shot dom-160x48 160x48 -- \
		key Enter await opened await spr \
		key B await 'FILLED|took' \
		key 'j j j j' key b await placed await '·q' pause 1
}

# ---------------------------------------------------------------------------
# The machinery.

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
seed=${SEED:-7}
timeout=${TIMEOUT:-30}
keep=${KEEP:-}
patterns=("$@")
work=$(mktemp -d "${TMPDIR:-/tmp}/ladder-shots.XXXXXX")
sock="shots-$$" # a private tmux server: no user config, no other sessions

cleanup() {
	tmux -L "$sock" kill-server 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

say() { printf 'generate.sh: %s\n' "$*" >&2; }
die() {
	say "$*"
	exit 1
}

# apt_install PACKAGE... installs Debian packages when running as root with
# apt-get, refreshing the package lists once if the first attempt fails.
apt_install() {
	command -v apt-get >/dev/null && [ "$(id -u)" = 0 ] || return 1
	say "installing $*"
	apt-get install -y "$@" >&2 || { apt-get update >&2 && apt-get install -y "$@" >&2; }
}

# (Not `fc-list | grep -q`: grep quits at the first match, fc-list dies of
# SIGPIPE and pipefail turns the match into a failure.)
has_font() { [[ $(fc-list 2>/dev/null) == *"DejaVu Sans Mono"* ]]; }

# ensure_tools installs tmux when it is missing (or stops), and reports
# whether rsvg-convert is available, installing it, the font and pngquant
# when they are missing and that is possible.
ensure_tools() {
	command -v go >/dev/null || die "go not found: it builds ladder"
	if ! command -v tmux >/dev/null; then
		apt_install tmux || die "tmux not found (Debian: apt-get install tmux): it runs ladder"
	fi
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

# screen SESSION prints the pane as plain text.
screen() { tmux -L "$sock" capture-pane -p -t "$1"; }

# dead SESSION reports whether ladder has exited in SESSION.
dead() { [ "$(tmux -L "$sock" display-message -p -t "$1" '#{pane_dead}')" = 1 ]; }

# await SESSION TEXT [gone] waits until TEXT (or one of its |-separated
# alternatives) is on the screen (with gone: until none is), and stops the
# script with the screen printed if that does not happen in time or ladder
# exits.
await() {
	local session=$1 text=$2 want=${3:-shown} i on alt alts shown
	IFS='|' read -r -a alts <<<"$text"
	for ((i = 0; i < timeout * 10; i++)); do
		shown=$(screen "$session")
		on=gone
		for alt in "${alts[@]}"; do
			[[ $shown == *"$alt"* ]] && on=shown
		done
		[ "$on" = "$want" ] && return 0
		if dead "$session"; then
			say "ladder exited in $session while waiting for \"$text\" ($want); the screen was:"
			screen "$session" >&2
			exit 1
		fi
		sleep 0.1
	done
	say "timed out after ${timeout}s waiting for \"$text\" ($want) in $session; the screen was:"
	screen "$session" >&2
	exit 1
}

# grab SESSION FILE writes the screen with its colours to FILE (-N keeps
# trailing spaces, which may carry a background), choosing a frame that two
# captures 80 ms apart agree on (a live book redraws often; this keeps a
# half-drawn frame out), or the last capture after 40 tries.
grab() {
	local session=$1 out=$2 a b i
	b=$(tmux -L "$sock" capture-pane -e -p -N -t "$session")
	for ((i = 0; i < 40; i++)); do
		sleep 0.08
		a=$b
		b=$(tmux -L "$sock" capture-pane -e -p -N -t "$session")
		if [ "$a" = "$b" ]; then
			printf '%s\n' "$b" >"$out"
			return
		fi
	done
	say "warning: the screen of $session never held still for 80 ms; using the last capture"
	printf '%s\n' "$b" >"$out"
}

# shot NAME COLSxROWS [OPTION...] -- STEP... (see the top of this file).
shot() {
	local name=$1 size=$2 cols rows palette=dark session
	shift 2
	cols=${size%x*} rows=${size#*x}
	[[ $cols =~ ^[0-9]+$ && $rows =~ ^[0-9]+$ ]] || die "shot $name: size $size is not COLSxROWS"
	if ((${#patterns[@]})); then
		local p match=false
		for p in "${patterns[@]}"; do
			# shellcheck disable=SC2053 # the pattern is a glob on purpose
			[[ $name == $p ]] && match=true
		done
		$match || return 0
	fi

	session="s-$name"
	mkdir -p "$work/$name/config/ladder" "$work/$name/state"
	local flags=()
	while (($#)) && [ "$1" != -- ]; do
		case $1 in
		palette=*) palette=${1#palette=} ;;
		toml=*) printf '%s\n' "${1#toml=}" >>"$work/$name/config/ladder/config.toml" ;;
		*) flags+=("$1") ;;
		esac
		shift
	done
	[ "${1:-}" = -- ] || die "shot $name: want -- before the steps"
	shift

	say "$name: starting ladder at ${cols}×${rows} ${flags[*]}"
	tmux -L "$sock" -f "$work/tmux.conf" new-session -d -s "$session" -x "$cols" -y "$rows" \
		env -u NO_COLOR XDG_CONFIG_HOME="$work/$name/config" XDG_STATE_HOME="$work/$name/state" \
		COLORTERM=truecolor "$work/ladder" --seed "$seed" "${flags[@]}"
	await "$session" live

	while (($#)); do
		(($# >= 2)) || die "shot $name: step $1 wants an argument"
		case $1 in
		key)
			local keys
			read -r -a keys <<<"$2"
			tmux -L "$sock" send-keys -t "$session" "${keys[@]}"
			;;
		await) await "$session" "$2" ;;
		gone) await "$session" "$2" gone ;;
		pause) sleep "$2" ;;
		*) die "shot $name: unknown step $1 (want key, await, gone or pause)" ;;
		esac
		shift 2
	done

	sleep 0.3 # let the frame that showed the awaited text settle
	grab "$session" "$work/$name.ansi"
	tmux -L "$sock" kill-session -t "$session"
	[ -z "$keep" ] || { mkdir -p "$keep" && cp "$work/$name.ansi" "$keep/"; }
	convert_shot "$name" "$cols" "$rows" "$palette"
	made=$((made + 1))
}

# convert_shot NAME COLS ROWS PALETTE turns the capture into NAME.png (or
# NAME.svg without rsvg-convert) in this directory.
convert_shot() {
	local name=$1 cols=$2 rows=$3 palette=$4
	"$work/ansi2svg" -cols "$cols" -rows "$rows" -palette "$palette" -o "$work/$name.svg" "$work/$name.ansi"
	if ! $png; then
		cp "$work/$name.svg" "$here/$name.svg"
		say "wrote screenshots/$name.svg"
		return
	fi
	rsvg-convert -o "$work/$name.png" "$work/$name.svg"
	# Quantised to 256 colours the picture looks the same at a third of the
	# size; pngquant refuses (non-zero) when that would not help.
	if ! command -v pngquant >/dev/null ||
		! pngquant --speed 1 --strip --force --skip-if-larger -o "$here/$name.png" "$work/$name.png"; then
		cp "$work/$name.png" "$here/$name.png"
	fi
	say "wrote screenshots/$name.png ($(($(wc -c <"$here/$name.png") / 1024)) KB)"
}

png=true
ensure_tools || png=false
say "building ladder and ansi2svg"
(cd "$repo" && go build -o "$work/ladder" . && go build -o "$work/ansi2svg" ./screenshots/ansi2svg)

cat >"$work/tmux.conf" <<'EOF'
set -g status off
set -g default-terminal tmux-256color
set -g escape-time 0
set -g remain-on-exit on
EOF

made=0
shots
((made > 0)) || die "no shot matches ${patterns[*]}"
say "done: $made shots"
