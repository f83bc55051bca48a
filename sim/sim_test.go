package sim

import (
	"context"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestStartURLsAndDefaults(t *testing.T) {
	h := start(t, nil)
	if !strings.HasPrefix(h.s.RESTURL(), "http://127.0.0.1:") || !strings.HasSuffix(h.s.RESTURL(), "/trade-api/v2") {
		t.Fatalf("REST URL %q", h.s.RESTURL())
	}
	host := strings.TrimSuffix(strings.TrimPrefix(h.s.RESTURL(), "http://"), "/trade-api/v2")
	if h.s.WSURL() != "ws://"+host+"/trade-api/ws/v2" {
		t.Fatalf("WS URL %q", h.s.WSURL())
	}
	cfg := Config{}.withDefaults()
	if cfg.Addr != "127.0.0.1:0" || cfg.TimestampWindow != 30*time.Second || cfg.PingInterval != 10*time.Second ||
		cfg.StartBalance != 10_000_000_000 || cfg.Activity != "normal" {
		t.Fatalf("defaults %+v", cfg)
	}
}

func TestStartRejectsBadConfig(t *testing.T) {
	for name, cfg := range map[string]Config{
		"tier":     {Tier: "gold"},
		"activity": {Activity: "frantic"},
		"faults":   {Faults: "drop=7"},
		"addr":     {Addr: "256.0.0.1:99999"},
	} {
		cfg.TraderKey = testKeys()[0]
		if s, err := Start(context.Background(), cfg); err == nil {
			_ = s.Close()
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestCloseJoinsAndIsIdempotent(t *testing.T) {
	s, err := Start(context.Background(), Config{Activity: "calm", TraderKey: testKeys()[0], TickInterval: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	addr := strings.TrimPrefix(strings.TrimSuffix(s.RESTURL(), apiPrefix), "http://")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	if c, err := net.Dial("tcp", addr); err == nil {
		c.Close()
		t.Fatal("still listening after Close")
	}
}

func TestCancelledContextStopsServing(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	s, err := Start(ctx, Config{Activity: "off", TraderKey: testKeys()[0]})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	cancel()
	eventually(t, "the listener to close", func() bool {
		resp, err := http.Get(s.RESTURL() + "/exchange/status")
		if err == nil {
			resp.Body.Close()
		}
		return err != nil
	})
}

func TestActivityMovesBooks(t *testing.T) {
	h := start(t, func(c *Config) { c.Activity = "busy"; c.Now = nil })
	eventually(t, "bot activity to reach a book", func() bool {
		for _, m := range h.s.Engine().Markets() {
			if ob, err := h.s.Engine().Orderbook(m.Ticker, 1); err == nil && len(ob.Yes)+len(ob.No) > 0 {
				return true
			}
		}
		return false
	})
}
