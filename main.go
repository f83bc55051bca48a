// Command ladder is a keyboard-driven terminal trading dashboard for the
// Kalshi prediction-market exchange.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"ladder/sim"
)

// version is the release string; overridden at build time with
// -ldflags "-X main.version=...".
var version = "0.1.0-dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is main without the process exit, so tests can drive it.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "version", "--version", "-version":
			fmt.Fprintln(stdout, "ladder", version)
			return 0
		case "help", "--help", "-h", "-help":
			usage(stdout)
			return 0
		case "sim":
			return sim.Main(ctx, args[1:], stdout, stderr)
		case "serve":
			return exitCode(runServe(ctx, args[1:], dashIO{stdout: stdout, stderr: stderr}), stderr)
		case "replay":
			return exitCode(runReplay(ctx, args[1:], stderr), stderr)
		case "config":
			return exitCode(runConfig(args[1:], stdout, stderr), stderr)
		}
	}
	return exitCode(runDashboard(ctx, args, dashIO{stdout: stdout, stderr: stderr}), stderr)
}

// exitCode prints err as one line (never a stack trace) and maps it to the
// process status.
func exitCode(err error, stderr io.Writer) int {
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	}
	fmt.Fprintln(stderr, "ladder:", err)
	return 1
}

var errUsage = errors.New("usage error")

func usage(w io.Writer) {
	fmt.Fprint(w, `ladder — a keyboard-driven terminal trading dashboard for Kalshi

Usage:
  ladder [flags]                 open the dashboard (on the embedded simulator unless a key is given)
  ladder serve [flags]           serve the dashboard over SSH: every session shares one exchange session
  ladder sim [flags]             run the embedded Kalshi-compatible exchange standalone
  ladder replay FILE [--speed X] replay a recorded feed into the dashboard, read-only
  ladder config [--config FILE]  print the effective configuration (never the key)
  ladder version                 print the version

Dashboard flags:
  --env sim|demo|prod    environment (default sim: the embedded exchange, paper money)
  --key-id ID            Kalshi API key id            (env KALSHI_API_KEY_ID)
  --key-file PATH        PEM private key file         (env KALSHI_PRIVATE_KEY_PATH, or the PEM in KALSHI_PRIVATE_KEY)
  --base-url URL         REST base of any Kalshi-compatible server, e.g. http://127.0.0.1:9090/trade-api/v2
  --ws-url URL           WebSocket URL (default: derived from --base-url)
  --tier NAME            rate-limit tier if /account/limits is unavailable (basic … prestige)
  --theme NAME           dark, light, high-contrast or mono (mono is automatic under NO_COLOR)
  --fps N                redraw cap (default 30; lower it over slow SSH links)
  --subaccount N         subaccount new orders trade in at start (0, the primary, to 63; A chooses another)
  --record FILE          append every received feed frame to FILE (NDJSON, no credentials)
  --log FILE             log file (default $XDG_STATE_HOME/ladder/ladder.log)
  --config FILE          config file (default $XDG_CONFIG_HOME/ladder/config.toml)
  --seed N, --activity calm|normal|busy|storm, --faults SPEC   embedded simulator settings

Serve flags (ladder serve takes the dashboard flags too; they choose the backend as for ladder):
  --ssh ADDR             listen address (default 127.0.0.1:2222; anything else warns: reachable from other machines)
  --authorized-keys FILE who may sign in, OpenSSH format, role=view|trade before each key; no role= means view
                         (default $XDG_CONFIG_HOME/ladder/authorized_keys; public keys only, never passwords)
  --host-key FILE        ed25519 host key, created 0600 on first start (default $XDG_STATE_HOME/ladder/ssh_host_ed25519_key)
  --max-sessions N       most dashboards at once (default 8)
  --idle-timeout D       close a session after D without a key press (default 30m; 0: never)
  --output-rate N        output budget per session in bytes a second (default 262144; a slower client gets fewer frames; 0: no cap)
  --stall-timeout D      close a connection that takes no output for D (default 30s; 0: never)

Press ? in the dashboard for every key binding.
`)
}
