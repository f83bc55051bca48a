package sim

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
)

// Main is the `ladder sim` subcommand: it runs the simulator standalone
// until ctx is cancelled (main passes a signal-aware context) and returns
// the process exit code. It prints the REST and WebSocket base URLs and the
// trader's key id, never the private key. With --credentials DIR the key
// in DIR is reused when there is one, so a dashboard configured with it
// survives a simulator restart.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ladder sim", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:0", "listen `HOST:PORT` (port 0 picks a free one)")
	seed := fs.Int64("seed", 1, "seed for market activity and fault injection (`N`)")
	tier := fs.String("tier", "basic", "rate-limit tier: "+tierNames())
	activity := fs.String("activity", "normal", "market activity: off|calm|normal|busy|storm")
	faults := fs.String("faults", "", "fault `SPEC`, e.g. drop=0.01,gap=0.005,delay=50ms,5xx=0.01,429=0.02,malformed=0.001,stall=0.01")
	okSeq := fs.String("ok-seq", OKSeqEcho, "how an `ok` reply to update_subscription treats seq on orderbook sids: echo (carries the current number) or consume (takes the next)")
	creds := fs.String("credentials", "", "reuse the trader's key_id and private_key.pem in `DIR`, or create them there (mode 0600)")
	verbose := fs.Bool("v", false, "log requests and connections to stderr")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "Usage: ladder sim [flags]\n\nRun the embedded Kalshi-compatible exchange on its own.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2 // the flag package has already printed the problem and the usage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "ladder sim: unexpected argument %q (run `ladder sim -h` for usage)\n", fs.Arg(0))
		return 2
	}
	if _, err := parseFaults(*faults); err != nil {
		fmt.Fprintf(stderr, "ladder sim: --faults: %v\n", err)
		return 2
	}
	if _, err := lookupTier(*tier); err != nil {
		fmt.Fprintf(stderr, "ladder sim: --tier: %v\n", err)
		return 2
	}
	if _, err := ParseActivity(*activity); err != nil {
		fmt.Fprintf(stderr, "ladder sim: --activity: %v\n", err)
		return 2
	}
	level := slog.LevelWarn
	if *verbose {
		level = slog.LevelDebug
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))

	cfg := Config{Addr: *addr, Seed: *seed, Tier: *tier, Activity: *activity, Faults: *faults, OKSeq: *okSeq, Logger: logger}
	reused := false
	if *creds != "" {
		// A restarted simulator keeps the key a running dashboard holds.
		id, key, found, err := loadCredentialFiles(*creds)
		if err != nil {
			fmt.Fprintf(stderr, "ladder sim: --credentials: %v\n", err)
			return 1
		}
		cfg.TraderKey, cfg.TraderKeyID, reused = key, id, found
	}
	srv, err := Start(ctx, cfg)
	if err != nil {
		fmt.Fprintf(stderr, "ladder sim: %v\n", strings.TrimPrefix(err.Error(), "sim: "))
		return 1
	}
	defer srv.Close()
	if *creds != "" && !reused {
		if err := srv.WriteCredentials(*creds); err != nil {
			fmt.Fprintf(stderr, "ladder sim: %v\n", strings.TrimPrefix(err.Error(), "sim: "))
			return 1
		}
	}
	fmt.Fprintf(stdout, "ladder sim: serving a simulated Kalshi exchange (tier %s, activity %s, seed %d)\n", strings.ToLower(*tier), *activity, *seed)
	fmt.Fprintf(stdout, "REST:   %s\n", srv.RESTURL())
	fmt.Fprintf(stdout, "WS:     %s\n", srv.WSURL())
	fmt.Fprintf(stdout, "key id: %s\n", srv.KeyID())
	switch {
	case reused:
		fmt.Fprintf(stdout, "credentials: %s (reused the existing key_id and private_key.pem)\n", *creds)
	case *creds != "":
		fmt.Fprintf(stdout, "credentials: %s (created key_id and private_key.pem)\n", *creds)
	}
	if *faults != "" {
		fmt.Fprintf(stdout, "faults: %s\n", *faults)
	}
	fmt.Fprintln(stdout, "press Ctrl-C to stop")
	<-ctx.Done()
	if err := srv.Close(); err != nil {
		fmt.Fprintf(stderr, "ladder sim: shutting down: %v\n", err)
		return 1
	}
	return 0
}
