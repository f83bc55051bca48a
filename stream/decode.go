package stream

import (
	"encoding/json"
	"errors"
	"fmt"

	"ladder/model"
)

// Message types on the wire.
const (
	typeDelta      = "orderbook_delta"
	typeSnapshot   = "orderbook_snapshot"
	typeTicker     = "ticker"
	typeTrade      = "trade"
	typeFill       = "fill"
	typeUserOrder  = "user_order"
	typePosition   = "market_position"
	typeLifecycle  = "market_lifecycle_v2"
	typeSubscribed = "subscribed"
	typeUnsub      = "unsubscribed"
	typeOK         = "ok"
	typeError      = "error"
)

// ignoredTypes are valid messages the dashboard has no use for.
var ignoredTypes = map[string]bool{
	"event_lifecycle": true, "event_fee_update": true, "order_group_updates": true,
	"multivariate_market_lifecycle": true, "list_subscriptions": true,
}

// wireFrame is the envelope every server frame shares.
type wireFrame struct {
	Type string          `json:"type"`
	ID   int64           `json:"id"`
	Sid  int64           `json:"sid"`
	Seq  int64           `json:"seq"`
	Msg  json.RawMessage `json:"msg"`
}

// deltaWire is orderbook_delta's msg with presence tracking, so a missing
// field is an error rather than a zero.
type deltaWire struct {
	MarketTicker  *string      `json:"market_ticker"`
	MarketID      *string      `json:"market_id"`
	Price         *model.Price `json:"price_dollars"`
	Delta         *model.Qty   `json:"delta_fp"`
	Side          *string      `json:"side"`
	ClientOrderID *string      `json:"client_order_id"`
	Subaccount    *int         `json:"subaccount"`
	TsMs          int64        `json:"ts_ms"`
}

// decoded is one frame decoded by the reference (encoding/json) path.
// Exactly one payload pointer is set for a data message.
type decoded struct {
	wireFrame
	Delta      deltaFrame
	Snapshot   *model.BookSnapshotMsg
	Ticker     *model.TickerMsg
	Trade      *model.TradeMsg
	Fill       *model.FillMsg
	Order      *model.UserOrderMsg
	Position   *model.PositionMsg
	Lifecycle  *model.LifecycleMsg
	Subscribed struct {
		Channel string `json:"channel"`
		Sid     int64  `json:"sid"`
	}
	OKTickers []string
	ErrCode   int
	ErrMsg    string
	ErrMarket string // the market an error names, when the server says
	// BadTicker is the market a frame with an unusable payload named, when
	// it could be read at all, so its book can be resynced.
	BadTicker string
}

// errUnknownType marks a well-formed frame of a type we do not know.
var errUnknownType = errors.New("unknown message type")

// decodeFrame decodes any server frame with encoding/json. On error the
// envelope fields that could be read are still returned.
func decodeFrame(b []byte) (*decoded, error) {
	d := &decoded{}
	if err := json.Unmarshal(b, &d.wireFrame); err != nil {
		return d, fmt.Errorf("frame: %w", err)
	}
	if d.Type == "" {
		return d, errors.New("frame without type")
	}
	var err error
	switch d.Type {
	case typeDelta:
		err = decodeDeltaJSON(d)
	case typeSnapshot:
		d.Snapshot = &model.BookSnapshotMsg{}
		if err = unmarshalMsg(d.Msg, d.Snapshot); err == nil && d.Snapshot.MarketTicker == "" {
			err = errors.New("snapshot without market_ticker")
		}
	case typeTicker:
		d.Ticker = &model.TickerMsg{}
		if err = unmarshalMsg(d.Msg, d.Ticker); err == nil && d.Ticker.MarketTicker == "" {
			err = errors.New("ticker without market_ticker")
		}
	case typeTrade:
		d.Trade = &model.TradeMsg{}
		if err = unmarshalMsg(d.Msg, d.Trade); err == nil && d.Trade.MarketTicker == "" {
			err = errors.New("trade without market_ticker")
		}
	case typeFill:
		d.Fill = &model.FillMsg{}
		if err = unmarshalMsg(d.Msg, d.Fill); err == nil && (d.Fill.TradeID == "" || d.Fill.OrderID == "") {
			err = errors.New("fill without trade_id or order_id")
		}
	case typeUserOrder:
		d.Order = &model.UserOrderMsg{}
		if err = unmarshalMsg(d.Msg, d.Order); err == nil && d.Order.OrderID == "" {
			err = errors.New("user_order without order_id")
		}
	case typePosition:
		d.Position = &model.PositionMsg{}
		if err = unmarshalMsg(d.Msg, d.Position); err == nil && d.Position.MarketTicker == "" {
			err = errors.New("market_position without market_ticker")
		}
	case typeLifecycle:
		d.Lifecycle = &model.LifecycleMsg{}
		if err = unmarshalMsg(d.Msg, d.Lifecycle); err == nil && d.Lifecycle.MarketTicker == "" {
			err = errors.New("lifecycle without market_ticker")
		}
	case typeSubscribed:
		if err = unmarshalMsg(d.Msg, &d.Subscribed); err == nil && (d.Subscribed.Sid <= 0 || d.Subscribed.Channel == "") {
			err = errors.New("subscribed without channel or sid")
		}
	case typeOK:
		// update_subscription answers {market_tickers:[...]}; list_subscriptions an array.
		if len(d.Msg) > 0 && d.Msg[0] == '{' {
			var m struct {
				MarketTickers []string `json:"market_tickers"`
			}
			if err = json.Unmarshal(d.Msg, &m); err == nil {
				d.OKTickers = m.MarketTickers
			}
		}
	case typeUnsub:
	case typeError:
		var m struct {
			Code         int    `json:"code"`
			Msg          string `json:"msg"`
			MarketTicker string `json:"market_ticker"`
		}
		if err = unmarshalMsg(d.Msg, &m); err == nil {
			d.ErrCode, d.ErrMsg, d.ErrMarket = m.Code, m.Msg, m.MarketTicker
		}
	default:
		if !ignoredTypes[d.Type] {
			err = errUnknownType
		}
	}
	if err != nil {
		d.BadTicker = tickerOf(d.Msg)
		return d, fmt.Errorf("%s frame: %w", d.Type, err)
	}
	return d, nil
}

func unmarshalMsg(raw json.RawMessage, v any) error {
	if len(raw) == 0 || string(raw) == "null" {
		return errors.New("missing msg")
	}
	return json.Unmarshal(raw, v)
}

// decodeDeltaJSON is the reference decoder for orderbook_delta.
func decodeDeltaJSON(d *decoded) error {
	var w deltaWire
	if err := unmarshalMsg(d.Msg, &w); err != nil {
		return err
	}
	switch {
	case w.MarketTicker == nil || *w.MarketTicker == "":
		return errors.New("missing market_ticker")
	case w.Price == nil:
		return errors.New("missing price_dollars")
	case w.Delta == nil:
		return errors.New("missing delta_fp")
	case w.Side == nil:
		return errors.New("missing side")
	}
	side, err := model.ParseSide(*w.Side)
	if err != nil {
		return err
	}
	d.Delta = deltaFrame{
		Sid: d.Sid, Seq: d.Seq, Ticker: []byte(*w.MarketTicker),
		Price: *w.Price, Delta: *w.Delta, Side: side, TsMs: w.TsMs,
	}
	return nil
}

// tickerOf pulls market_ticker (or ticker) out of a payload that failed to
// decode, if it is there at all.
func tickerOf(raw json.RawMessage) string {
	var m struct {
		MarketTicker string `json:"market_ticker"`
		Ticker       string `json:"ticker"`
	}
	if json.Unmarshal(raw, &m) != nil {
		return ""
	}
	if m.MarketTicker != "" {
		return m.MarketTicker
	}
	return m.Ticker
}

// maxSaneDelta bounds a believable level change (100 million contracts);
// anything larger is treated as corrupt input.
const maxSaneDelta = 100_000_000 * model.Contract

// checkDelta rejects decoded deltas that are well-formed JSON but nonsense.
func checkDelta(f *deltaFrame) error {
	switch {
	case f.Sid <= 0:
		return errors.New("orderbook_delta without sid")
	case f.Seq <= 0:
		return errors.New("orderbook_delta without seq")
	case !f.Price.InOpenRange():
		return fmt.Errorf("orderbook_delta price %s outside (0, 1)", f.Price)
	case f.Delta.Abs() > maxSaneDelta:
		return fmt.Errorf("orderbook_delta size %s is absurd", f.Delta)
	}
	return nil
}
