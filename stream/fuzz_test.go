package stream

import (
	"bytes"
	"testing"
	"time"

	"ladder/model"
)

var deltaSeeds = []string{
	`{"type":"orderbook_delta","sid":1,"seq":2,"msg":{"market_ticker":"A","market_id":"x","price_dollars":"0.4100","delta_fp":"-2.50","side":"yes","ts_ms":1762093800000}}`,
	`{"sid":1,"seq":2,"type":"orderbook_delta","msg":{"side":"no","delta_fp":"3","price_dollars":"0.5","market_ticker":"A"}}`,
	`{"type":"orderbook_delta","sid":1,"seq":2,"msg":{"market_ticker":"A","price_dollars":"0.41","delta_fp":"1","side":"yes","client_order_id":"c\u00e9","subaccount":null,"extra":[1,{"a":true}]}}`,
	` { "type" : "orderbook_delta" , "sid" : 1 , "seq" : 2 , "msg" : { "market_ticker" : "A" , "price_dollars" : "0.41" , "delta_fp" : "1" , "side" : "yes" } } `,
	`{"type":"orderbook_delta","SID":1,"sid":1,"seq":2,"msg":{"market_ticker":"A","price_dollars":"0.41","delta_fp":"1","side":"yes"}}`,
	`{"type":"orderbook_delta","sid":1,"seq":2,"msg":{"market_ticker":"A","price_dollars":"0.41","delta_fp":"1","side":"yes","Side":"no"}}`,
	`{"type":"orderbook_delta","sid":1,"seq":1e3,"msg":{"market_ticker":"A","price_dollars":"0.41","delta_fp":"1","side":"yes"}}`,
	`{"type":"orderbook_delta","sid":1,"seq":2,"msg":{"market_ticker":"A","price_dollars":1,"delta_fp":"1","side":"yes"}}`,
	`{"type":"orderbook_snapshot","sid":1,"seq":1,"msg":{"market_ticker":"A","yes_dollars_fp":[["0.4000","10.00"]],"no_dollars_fp":[["0.5000","3.00"]]}}`,
	`{"type":"orderbook_delta","sid":1,"seq":2,"msg":{"market_ticker":"A","price_dollars":"0.41","delta_fp":"1","side":"yes"}} x`,
	`{"type":"ticker","sid":2,"msg":{"market_ticker":"A","yes_bid_dollars":"0.4100"}}`,
	`{"id":1,"type":"error","msg":{"code":17,"msg":"internal"}}`,
	`{"type":"orderbook_delta","sid":9223372036854775807,"seq":-9223372036854775808,"msg":{"market_ticker":"A","price_dollars":"1.0000","delta_fp":"-999999999999.99","side":"no","ts_ms":0}}`,
}

// FuzzDecodeFrame holds the decoders to two promises: no input panics, and
// every frame the fast path accepts decodes identically through
// encoding/json.
func FuzzDecodeFrame(f *testing.F) {
	for _, s := range deltaSeeds {
		f.Add([]byte(s))
	}
	c := fuzzClient()
	f.Fuzz(func(t *testing.T, b []byte) {
		var fast deltaFrame
		ok := decodeDeltaFast(b, &fast)
		d, err := decodeFrame(b)
		if ok {
			if err != nil {
				t.Fatalf("fast path accepted what encoding/json refused (%v): %q", err, b)
			}
			if d.Type != typeDelta {
				t.Fatalf("fast path accepted a %q frame: %q", d.Type, b)
			}
			ref := d.Delta
			ref.Sid, ref.Seq = d.Sid, d.Seq
			if fast.Sid != ref.Sid || fast.Seq != ref.Seq || !bytes.Equal(fast.Ticker, ref.Ticker) || fast.Price != ref.Price ||
				fast.Delta != ref.Delta || fast.Side != ref.Side || fast.TsMs != ref.TsMs {
				t.Fatalf("decoders disagree on %q:\nfast %+v\njson %+v", b, fast, ref)
			}
		}
		c.handleFrame(b, time.UnixMilli(1762093800000)) // must not panic
	})
}

// fuzzClient is a client with one subscribed book and no connection.
func fuzzClient() *Client {
	c := New(Config{URL: "ws://127.0.0.1:1/"})
	c.SetMarkets([]string{"A"}, []string{"A"})
	c.mu.Lock()
	c.sess = newSession(time.Now())
	sub := c.sess.sub(chBook)
	sub.sid = 1
	sub.markets["A"] = true
	c.sess.bySid[1] = sub
	c.mu.Unlock()
	return c
}

func TestFastDecoderSeeds(t *testing.T) {
	wantFast := map[int]bool{0: true, 1: true, 2: true, 3: true, 12: true}
	for i, s := range deltaSeeds {
		var f deltaFrame
		if got := decodeDeltaFast([]byte(s), &f); got != wantFast[i] {
			t.Errorf("seed %d: fast = %v, want %v: %s", i, got, wantFast[i], s)
		}
	}
	var f deltaFrame
	decodeDeltaFast([]byte(deltaSeeds[0]), &f)
	if f.Sid != 1 || f.Seq != 2 || string(f.Ticker) != "A" || f.Price != model.MustPrice("0.41") ||
		f.Delta != mustSignedQty("-2.5") || f.Side != model.Yes || f.TsMs != 1762093800000 {
		t.Fatalf("decoded %+v", f)
	}
}
