#!/usr/bin/env bash
# What each extra viewer of `ladder serve` costs the server: RSS and CPU of
# the serve process with 0, 1, 5 and 10 OpenSSH viewers, each a 160x48
# tmux pane with the first market's ladder open, under --activity busy.
# The viewers' own CPU (ssh, tmux) is not the server's and is not counted.
# Needs ssh, ssh-keygen, tmux and bc. Results go to stdout; see BENCHMARKS.md.
#
#   serve/viewers-bench.sh            # MEASURE=60 seconds per step by default
set -euo pipefail
cd "$(dirname "$0")/.."
MEASURE=${MEASURE:-60}
WARMUP=${WARMUP:-20}
PORT=${PORT:-22033}
work=$(mktemp -d)
SOCK="ladder-viewers-$$"
cleanup() { tmux -L "$SOCK" kill-server 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

go build -o "$work/ladder" .
export XDG_CONFIG_HOME=$work/config XDG_STATE_HOME=$work/state
mkdir -p "$XDG_CONFIG_HOME/ladder"
ssh-keygen -q -t ed25519 -N '' -C viewer@bench -f "$work/key"
echo "role=view $(cat "$work/key.pub")" > "$XDG_CONFIG_HOME/ladder/authorized_keys"
chmod 600 "$XDG_CONFIG_HOME/ladder/authorized_keys"

tmux -L "$SOCK" new-session -d -s srv -x 120 -y 10 \
  "exec $work/ladder serve --ssh 127.0.0.1:$PORT --activity busy --seed 1 --max-sessions 10 --idle-timeout 0"
sleep 3
PID=$(tmux -L "$SOCK" list-panes -t srv -F '#{pane_pid}')
hz=$(getconf CLK_TCK)
cpu() { awk '{print $14+$15}' "/proc/$PID/stat"; }
rss() { awk '/VmRSS/{print $2}' "/proc/$PID/status"; }
viewers=0
add() {
  while [ "$viewers" -lt "$1" ]; do
    viewers=$((viewers + 1))
    tmux -L "$SOCK" new-session -d -s "v$viewers" -x 160 -y 48 \
      "ssh -F /dev/null -t -p $PORT -i $work/key -o IdentitiesOnly=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR 127.0.0.1"
    sleep 1.5
    tmux -L "$SOCK" send-keys -t "v$viewers" Enter
  done
}
echo "| viewers | RSS (MB) | CPU (% of one core) | load average |"
echo "|---|---|---|---|"
for n in 0 1 5 10; do
  add "$n"
  sleep "$WARMUP"
  c0=$(cpu); t0=$(date +%s.%N); sleep "$MEASURE"; c1=$(cpu); t1=$(date +%s.%N)
  printf '| %d | %.1f | %.1f | %s |\n' "$n" "$(echo "$(rss)/1024" | bc -l)" \
    "$(echo "100*($c1-$c0)/$hz/($t1-$t0)" | bc -l)" "$(cut -d' ' -f1 /proc/loadavg)"
done
tmux -L "$SOCK" send-keys -t srv C-c
sleep 3
echo
echo "bytes sent per session (from the serve log):"
grep -o 'bytes_out=[0-9]*' "$XDG_STATE_HOME/ladder/ladder.log" | sort | uniq -c | head -3
