package api

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestBaseURLs(t *testing.T) {
	rest, ws, err := BaseURLs(EnvProd)
	if err != nil || rest != "https://external-api.kalshi.com/trade-api/v2" || ws != "wss://external-api-ws.kalshi.com/trade-api/ws/v2" {
		t.Errorf("prod: %q %q %v", rest, ws, err)
	}
	rest, ws, err = BaseURLs(EnvDemo)
	if err != nil || rest != "https://external-api.demo.kalshi.co/trade-api/v2" || ws != "wss://external-api-ws.demo.kalshi.co/trade-api/ws/v2" {
		t.Errorf("demo: %q %q %v", rest, ws, err)
	}
	if rest, ws, err := BaseURLs(EnvSim); err != nil || rest != "" || ws != "" {
		t.Errorf("sim: %q %q %v", rest, ws, err)
	}
	if _, _, err := BaseURLs("staging"); err == nil {
		t.Error("unknown env accepted")
	}
	if e, err := ParseEnv(" PROD "); err != nil || e != EnvProd {
		t.Errorf("ParseEnv: %q %v", e, err)
	}
	if _, err := NewClient(Config{Env: EnvSim}); err == nil {
		t.Error("sim without a URL accepted")
	}
	c, err := NewClient(Config{Env: EnvDemo})
	if err != nil || c.BaseURL() != DemoRESTURL {
		t.Errorf("demo client: %v", err)
	}
}

func TestWSURLFromREST(t *testing.T) {
	for in, want := range map[string]string{
		"http://127.0.0.1:8080/trade-api/v2":         "ws://127.0.0.1:8080/trade-api/ws/v2",
		"https://proxy.example/kalshi/trade-api/v2/": "wss://proxy.example/kalshi/trade-api/ws/v2",
		ProdRESTURL:       ProdWSURL,
		DemoRESTURL + "/": DemoWSURL,
		"https://api.elections.kalshi.com/trade-api/v2": "wss://api.elections.kalshi.com/trade-api/ws/v2",
	} {
		got, err := WSURLFromREST(in)
		if err != nil || got != want {
			t.Errorf("%s → %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"ftp://x/trade-api/v2", "https://x/other", "::"} {
		if _, err := WSURLFromREST(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestTLSRequiredOffLoopback(t *testing.T) {
	for url, ok := range map[string]bool{
		"http://example.com/trade-api/v2":           false,
		"http://10.0.0.1/trade-api/v2":              false,
		"http://127.0.0.1.example.com/trade-api/v2": false,
		"http://localhost.example.com/trade-api/v2": false,
		"ftp://127.0.0.1/trade-api/v2":              false,
		"https://user:pw@example.com/trade-api/v2":  false,
		"/trade-api/v2":                             false,
		"":                                          false,
		"http://127.0.0.1:9/trade-api/v2":           true,
		"http://127.5.6.7/trade-api/v2":             true,
		"http://[::1]:9/trade-api/v2":               true,
		"http://localhost:9/trade-api/v2":           true,
		"https://example.com/trade-api/v2":          true,
	} {
		_, err := NewClient(Config{BaseURL: url})
		if (err == nil) != ok {
			t.Errorf("%q: err=%v, want ok=%v", url, err, ok)
		}
	}
}

// An https server works end to end (the caller supplies the client that
// trusts the test certificate).
func TestTLSServer(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/trade-api/v2/exchange/status" {
			http.NotFound(w, r)
			return
		}
		writeJSON(w, 200, `{"exchange_active":true,"trading_active":true}`)
	}))
	defer srv.Close()
	c, err := NewClient(Config{BaseURL: srv.URL + RESTPrefix, HTTPClient: srv.Client()})
	if err != nil {
		t.Fatal(err)
	}
	st, err := c.GetExchangeStatus(t.Context())
	if err != nil || !st.ExchangeActive || !st.TradingActive {
		t.Fatalf("%+v %v", st, err)
	}
	if ws, _ := c.WSURL(); ws != "wss"+srv.URL[len("https"):]+WSPrefix {
		t.Errorf("ws url %q", ws)
	}
}
