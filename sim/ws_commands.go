package sim

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"

	"ladder/model"
)

// WebSocket error codes (kalshi-api.md §6, asyncapi.yaml).
const (
	wsErrProcess           = 1
	wsErrParamsRequired    = 2
	wsErrChannelsRequired  = 3
	wsErrSidsRequired      = 4
	wsErrUnknownCommand    = 5
	wsErrAlreadySubscribed = 6
	wsErrUnknownSid        = 7
	wsErrUnknownChannel    = 8
	wsErrInvalidParam      = 11
	wsErrOneSid            = 12
	wsErrUnsupportedAction = 13
	wsErrMarketRequired    = 14
	wsErrActionRequired    = 15
	wsErrMarketNotFound    = 16
)

type wsCommand struct {
	ID     int64           `json:"id"`
	Cmd    string          `json:"cmd"`
	Params json.RawMessage `json:"params"`
}

// handleCommand runs one client command. Replies go through the same queue
// as data, so a reply is never overtaken by the frames it announces.
func (c *wsConn) handleCommand(data []byte) {
	var cmd wsCommand
	if err := json.Unmarshal(data, &cmd); err != nil {
		c.replyError(0, wsErrProcess, "Unable to process message: "+err.Error())
		return
	}
	switch cmd.Cmd {
	case "subscribe":
		c.cmdSubscribe(cmd)
	case "unsubscribe":
		c.cmdUnsubscribe(cmd)
	case "update_subscription":
		c.cmdUpdate(cmd)
	case "list_subscriptions":
		c.cmdList(cmd)
	default:
		c.replyError(cmd.ID, wsErrUnknownCommand, "Unknown command: "+strconv.Quote(cmd.Cmd))
	}
}

// params decodes cmd.Params into v, replying with the error and returning
// false when they are missing (2) or malformed (11).
func (c *wsConn) params(cmd wsCommand, v any) bool {
	if len(bytes.TrimSpace(cmd.Params)) == 0 || string(bytes.TrimSpace(cmd.Params)) == "null" {
		c.replyError(cmd.ID, wsErrParamsRequired, "Params required")
		return false
	}
	if err := json.Unmarshal(cmd.Params, v); err != nil {
		c.replyError(cmd.ID, wsErrInvalidParam, "Invalid parameter: "+err.Error())
		return false
	}
	return true
}

type subscribeParams struct {
	Channels            []string `json:"channels"`
	MarketTicker        string   `json:"market_ticker"`
	MarketTickers       []string `json:"market_tickers"`
	SendInitialSnapshot bool     `json:"send_initial_snapshot"`
	UseYesPrice         bool     `json:"use_yes_price"`
}

// mergeTickers joins market_ticker and market_tickers, without duplicates.
func mergeTickers(one string, many []string) []string {
	var out []string
	for _, t := range append([]string{one}, many...) {
		if t != "" && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// checkMarkets replies 16 for the first unknown ticker.
func (c *wsConn) checkMarkets(id int64, tickers []string) bool {
	for _, t := range tickers {
		if _, ok := c.s.engine.Market(t); !ok {
			c.replyErrorMarket(id, wsErrMarketNotFound, "Market not found: "+t, t)
			return false
		}
	}
	return true
}

func (c *wsConn) subscriptionFor(channel string) *subscription {
	for _, sub := range c.subs {
		if sub.channel == channel {
			return sub
		}
	}
	return nil
}

// cmdSubscribe validates the whole command first, so a bad channel or
// market subscribes nothing. Subscribing again to a channel the connection
// already has merges new markets into the existing sid (as Kalshi does
// since Oct 2025); a subscribe that would change nothing is error 6.
func (c *wsConn) cmdSubscribe(cmd wsCommand) {
	var p subscribeParams
	if !c.params(cmd, &p) {
		return
	}
	if len(p.Channels) == 0 {
		c.replyError(cmd.ID, wsErrChannelsRequired, "Channels required")
		return
	}
	var channels []string
	for _, ch := range p.Channels {
		if _, ok := lookupChannel(ch); !ok {
			c.replyError(cmd.ID, wsErrUnknownChannel, "Unknown channel name: "+strconv.Quote(ch))
			return
		}
		if !slices.Contains(channels, ch) {
			channels = append(channels, ch)
		}
	}
	tickers := mergeTickers(p.MarketTicker, p.MarketTickers)
	if !c.checkMarkets(cmd.ID, tickers) {
		return
	}
	for _, ch := range channels {
		info, _ := lookupChannel(ch)
		if info.needsMarkets && len(tickers) == 0 {
			c.replyError(cmd.ID, wsErrMarketRequired, "Market Ticker required for channel "+ch)
			return
		}
		if existing := c.subscriptionFor(ch); existing != nil && len(c.newMarkets(existing, tickers)) == 0 {
			c.replyError(cmd.ID, wsErrAlreadySubscribed, "Already subscribed to "+ch+" (sid "+strconv.FormatInt(existing.sid, 10)+")")
			return
		}
	}
	for _, ch := range channels {
		if existing := c.subscriptionFor(ch); existing != nil {
			added := c.newMarkets(existing, tickers)
			if ch == chOrderbook {
				c.enqueue(subscribedFrame(cmd.ID, existing))
				c.addMarkets(cmd.ID, existing, added)
			} else {
				c.s.hub.updateMarkets(existing, true, added, func([]string) []byte { return subscribedFrame(cmd.ID, existing) })
			}
			continue
		}
		info, _ := lookupChannel(ch)
		c.nextSid++
		sub := &subscription{
			sid: c.nextSid, channel: ch, info: info, conn: c,
			useYes:  p.UseYesPrice && ch == chOrderbook,
			all:     info.ignoreMarkets || len(tickers) == 0,
			markets: make(map[string]bool),
		}
		if ch != chOrderbook && !sub.all {
			for _, t := range tickers {
				sub.markets[t] = true
			}
		}
		c.subs[sub.sid] = sub
		frames := [][]byte{subscribedFrame(cmd.ID, sub)}
		if ch == chTicker && p.SendInitialSnapshot {
			frames = append(frames, c.tickerSnapshots(sub, tickers)...)
		}
		if !c.s.hub.register(sub, frames...) {
			return
		}
		if ch == chOrderbook {
			c.addMarkets(cmd.ID, sub, tickers)
		}
	}
}

// newMarkets is the part of tickers the subscription does not have yet.
// A subscription to every market (or to a channel without market filters)
// has nothing to add.
func (c *wsConn) newMarkets(sub *subscription, tickers []string) []string {
	if sub.all || sub.info.ignoreMarkets {
		return nil
	}
	var out []string
	for _, t := range tickers {
		if !c.s.hub.hasMarket(sub, t) {
			out = append(out, t)
		}
	}
	return out
}

// addMarkets registers orderbook markets with a snapshot each.
func (c *wsConn) addMarkets(id int64, sub *subscription, tickers []string) {
	for _, t := range tickers {
		if err := c.s.hub.snapshot(sub, t, true); err != nil {
			c.replyErrorMarket(id, wsErrMarketNotFound, "Market not found: "+t, t)
		}
	}
}

// tickerSnapshots answers send_initial_snapshot with one ticker frame per
// market (every market when the subscription has no filter), built from
// the market's current quote.
func (c *wsConn) tickerSnapshots(sub *subscription, tickers []string) [][]byte {
	var markets []model.Market
	if len(tickers) == 0 {
		markets = c.s.engine.Markets()
	}
	for _, t := range tickers {
		if m, ok := c.s.engine.Market(t); ok {
			markets = append(markets, m)
		}
	}
	now := c.s.cfg.Now().UnixMilli()
	var frames [][]byte
	for _, m := range markets {
		id, _ := c.s.engine.MarketID(m.Ticker)
		msg, err := json.Marshal(model.TickerMsg{
			MarketTicker: m.Ticker, MarketID: id, Price: m.LastPrice, YesBid: m.YesBid, YesAsk: m.YesAsk,
			YesBidSize: m.YesBidSize, YesAskSize: m.YesAskSize, Volume: m.Volume,
			OpenInterest: m.OpenInterest, TsMs: now,
		})
		if err == nil {
			frames = append(frames, appendEnvelope(nil, 0, sub.info.msgType, sub.sid, 0, msg))
		}
	}
	return frames
}

func (c *wsConn) cmdUnsubscribe(cmd wsCommand) {
	var p struct {
		Sids []int64 `json:"sids"`
	}
	if !c.params(cmd, &p) {
		return
	}
	if len(p.Sids) == 0 {
		c.replyError(cmd.ID, wsErrSidsRequired, "Subscription IDs required")
		return
	}
	for _, sid := range p.Sids {
		if c.subs[sid] == nil {
			c.replyError(cmd.ID, wsErrUnknownSid, "Unknown subscription ID: "+strconv.FormatInt(sid, 10))
			return
		}
	}
	for _, sid := range p.Sids {
		sub := c.subs[sid]
		if sub == nil { // listed twice
			continue
		}
		c.s.hub.unregister(sub)
		delete(c.subs, sid)
		c.enqueue(appendEnvelope(nil, cmd.ID, "unsubscribed", sid, sub.seq.Load(), nil))
	}
}

type updateParams struct {
	Sid           *int64   `json:"sid"`
	Sids          []int64  `json:"sids"`
	MarketTicker  string   `json:"market_ticker"`
	MarketTickers []string `json:"market_tickers"`
	Action        string   `json:"action"`
}

func (c *wsConn) cmdUpdate(cmd wsCommand) {
	var p updateParams
	if !c.params(cmd, &p) {
		return
	}
	if p.Action == "" {
		c.replyError(cmd.ID, wsErrActionRequired, "Action required")
		return
	}
	if (p.Sid != nil) == (len(p.Sids) > 0) || len(p.Sids) > 1 {
		c.replyError(cmd.ID, wsErrOneSid, "Exactly one subscription ID is required")
		return
	}
	sid := int64(0)
	if p.Sid != nil {
		sid = *p.Sid
	} else {
		sid = p.Sids[0]
	}
	sub := c.subs[sid]
	if sub == nil {
		c.replyError(cmd.ID, wsErrUnknownSid, "Unknown subscription ID: "+strconv.FormatInt(sid, 10))
		return
	}
	tickers := mergeTickers(p.MarketTicker, p.MarketTickers)
	switch p.Action {
	case "add_markets", "delete_markets":
		if sub.info.ignoreMarkets {
			c.replyError(cmd.ID, wsErrUnsupportedAction, "Unsupported action for channel "+sub.channel+": "+p.Action)
			return
		}
		if len(tickers) == 0 {
			c.replyError(cmd.ID, wsErrMarketRequired, "Market Ticker required")
			return
		}
		if sub.all {
			c.replyError(cmd.ID, wsErrInvalidParam, "Invalid parameter: subscription "+strconv.FormatInt(sid, 10)+" already covers every market")
			return
		}
		if p.Action == "delete_markets" {
			if sub.channel == chOrderbook {
				c.s.hub.updateMarkets(sub, false, tickers, nil)
				c.replyOK(cmd.ID, sub, c.s.hub.markets(sub))
				return
			}
			c.s.hub.updateMarkets(sub, false, tickers, c.okFrame(cmd.ID, sub))
			return
		}
		if !c.checkMarkets(cmd.ID, tickers) {
			return
		}
		added := c.newMarkets(sub, tickers)
		if sub.channel == chOrderbook {
			list := append(c.s.hub.markets(sub), added...)
			slices.Sort(list)
			c.replyOK(cmd.ID, sub, list)
			c.addMarkets(cmd.ID, sub, added)
			return
		}
		c.s.hub.updateMarkets(sub, true, added, c.okFrame(cmd.ID, sub))
	case "get_snapshot":
		if sub.channel != chOrderbook {
			c.replyError(cmd.ID, wsErrUnsupportedAction, "Unsupported action for channel "+sub.channel+": get_snapshot")
			return
		}
		if len(tickers) == 0 {
			c.replyError(cmd.ID, wsErrMarketRequired, "Market Ticker required")
			return
		}
		for _, t := range tickers {
			if !c.s.hub.hasMarket(sub, t) {
				c.replyErrorMarket(cmd.ID, wsErrInvalidParam, "Invalid parameter: market "+t+" is not in subscription "+strconv.FormatInt(sid, 10), t)
				return
			}
		}
		c.replyOK(cmd.ID, sub, c.s.hub.markets(sub))
		for _, t := range tickers {
			if err := c.s.hub.snapshot(sub, t, false); err != nil {
				c.replyErrorMarket(cmd.ID, wsErrMarketNotFound, "Market not found: "+t, t)
			}
		}
	default:
		c.replyError(cmd.ID, wsErrUnsupportedAction, "Unsupported action: "+strconv.Quote(p.Action))
	}
}

type subscriptionRef struct {
	Channel string `json:"channel"`
	Sid     int64  `json:"sid"`
}

func (c *wsConn) cmdList(cmd wsCommand) {
	list := make([]subscriptionRef, 0, len(c.subs))
	for _, sub := range c.subs {
		list = append(list, subscriptionRef{Channel: sub.channel, Sid: sub.sid})
	}
	slices.SortFunc(list, func(a, b subscriptionRef) int { return int(a.Sid - b.Sid) })
	msg, _ := json.Marshal(list)
	c.enqueue(appendEnvelope(nil, cmd.ID, "ok", 0, 0, msg))
}

func subscribedFrame(id int64, sub *subscription) []byte {
	msg, _ := json.Marshal(subscriptionRef{Channel: sub.channel, Sid: sub.sid})
	return appendEnvelope(nil, id, "subscribed", 0, 0, msg)
}

// replyOK queues the `ok` reply to update_subscription on an orderbook sid.
// Kalshi does not say whether its seq consumes a number; Config.OKSeq
// picks the reading. Consuming takes the next number under the engine lock,
// where book frames take theirs, so the numbers reach the client in order.
func (c *wsConn) replyOK(id int64, sub *subscription, markets []string) {
	if c.s.cfg.OKSeq == OKSeqConsume {
		c.s.engine.Sequenced(func() {
			c.enqueue(okEnvelope(id, sub.sid, sub.seq.Add(1), markets))
		})
		return
	}
	c.enqueue(c.okFrame(id, sub)(markets))
}

func okEnvelope(id, sid, seq int64, markets []string) []byte {
	msg, _ := json.Marshal(struct {
		MarketTickers []string `json:"market_tickers"`
	}{orEmpty(markets)})
	return appendEnvelope(nil, id, "ok", sid, seq, msg)
}

// okFrame builds the `ok` reply to update_subscription from the
// subscription's full market list; seq is the last seq sent on the sid.
func (c *wsConn) okFrame(id int64, sub *subscription) func([]string) []byte {
	return func(markets []string) []byte { return okEnvelope(id, sub.sid, sub.seq.Load(), markets) }
}

type wsErrorMsg struct {
	Code         int    `json:"code"`
	Msg          string `json:"msg"`
	MarketTicker string `json:"market_ticker,omitempty"`
}

func (c *wsConn) replyError(id int64, code int, text string) { c.replyErrorMarket(id, code, text, "") }

func (c *wsConn) replyErrorMarket(id int64, code int, text, ticker string) {
	msg, _ := json.Marshal(wsErrorMsg{Code: code, Msg: text, MarketTicker: ticker})
	c.enqueue(appendEnvelope(nil, id, "error", 0, 0, msg))
}
