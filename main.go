// Command ladder is a keyboard-driven terminal trading dashboard for the
// Kalshi prediction-market exchange.
package main

import (
	"fmt"
	"io"
	"os"
)

// version is the release string; overridden at build time with
// -ldflags "-X main.version=...".
var version = "0.1.0-dev"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is main without the process exit, so tests can drive it.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "version", "--version", "-version":
			fmt.Fprintln(stdout, "ladder", version)
			return 0
		case "help", "--help", "-h", "-help":
			usage(stdout)
			return 0
		}
	}
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprint(w, `ladder — a keyboard-driven terminal trading dashboard for Kalshi

Usage:
  ladder [flags]        open the dashboard (embedded simulator unless a key is given)
  ladder sim [flags]    run the embedded Kalshi-compatible exchange standalone
  ladder replay FILE    replay a recorded feed, read-only
  ladder config         print the effective configuration
  ladder version        print the version
`)
}
