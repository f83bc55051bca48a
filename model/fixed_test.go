package model

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

func TestParsePriceAccepts(t *testing.T) {
	tests := []struct {
		in   string
		want Price
	}{
		{"0.5600", 5600},
		{"0.56", 5600},
		{"0.5", 5000},
		{"1", OneDollar},
		{"1.0000", OneDollar},
		{"0", 0},
		{"0.0000", 0},
		{"0.0001", 1},
		{"0.9999", 9999},
		{"0.005", 50},
		{"00.10", 1000},
	}
	for _, tt := range tests {
		got, err := ParsePrice(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParsePrice(%q) = %d, %v; want %d, nil", tt.in, got, err, tt.want)
		}
	}
}

func TestParsePriceRejects(t *testing.T) {
	tests := []struct {
		in, why string
	}{
		{"", "empty"},
		{"-0.5", "negative"},
		{"+0.5", "not a plain decimal"},
		{"1e-2", "not a plain decimal"},
		{"0.12345", "more than 4 decimals"},
		{"NaN", "not a plain decimal"},
		{"Inf", "not a plain decimal"},
		{"-Inf", "negative"},
		{" 0.5", "not a plain decimal"},
		{"0.5 ", "not a plain decimal"},
		{"1.0001", "above $1"},
		{"2", "above $1"},
		{"0x10", "not a plain decimal"},
		{".", "no digits"},
		{"0..5", "not a plain decimal"},
		{"0.5.", "not a plain decimal"},
		{"1,5", "not a plain decimal"},
		{"٣", "not a plain decimal"}, // non-ASCII digit
		{"99999999999999999999", "out of range"},
	}
	for _, tt := range tests {
		got, err := ParsePrice(tt.in)
		if err == nil {
			t.Errorf("ParsePrice(%q) = %d, nil; want an error", tt.in, got)
			continue
		}
		msg := err.Error()
		if !strings.Contains(msg, tt.why) {
			t.Errorf("ParsePrice(%q) error %q does not say %q", tt.in, msg, tt.why)
		}
		if tt.in != "" && !strings.Contains(msg, fmt.Sprintf("%q", tt.in)) {
			t.Errorf("ParsePrice(%q) error %q does not name the bad value", tt.in, msg)
		}
		if !strings.HasPrefix(msg, "price") {
			t.Errorf("ParsePrice(%q) error %q does not say what was parsed", tt.in, msg)
		}
	}
}

func TestPriceString(t *testing.T) {
	tests := []struct {
		p    Price
		want string
	}{
		{0, "0.0000"},
		{1, "0.0001"},
		{5600, "0.5600"},
		{OneDollar, "1.0000"},
		{-50, "-0.0050"},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("Price(%d).String() = %q, want %q", int64(tt.p), got, tt.want)
		}
	}
}

func TestPriceCents(t *testing.T) {
	tests := []struct {
		p    Price
		want string
	}{
		{5600, "56¢"},
		{5650, "56.5¢"},
		{5655, "56.55¢"},
		{25, "0.25¢"},
		{5, "0.05¢"},
		{0, "0¢"},
		{OneDollar, "100¢"},
		{-50, "-0.5¢"}, // a crossed spread
		{-300, "-3¢"},
	}
	for _, tt := range tests {
		if got := tt.p.Cents(); got != tt.want {
			t.Errorf("Price(%d).Cents() = %q, want %q", int64(tt.p), got, tt.want)
		}
	}
}

func TestPriceComplementAndRange(t *testing.T) {
	if got := Price(3000).Complement(); got != 7000 {
		t.Errorf("Complement(0.30) = %s, want 0.7000", got)
	}
	for p, want := range map[Price]bool{0: false, 1: true, 9999: true, OneDollar: false, -1: false} {
		if got := p.InOpenRange(); got != want {
			t.Errorf("Price(%d).InOpenRange() = %v, want %v", int64(p), got, want)
		}
	}
}

func TestParseQty(t *testing.T) {
	tests := []struct {
		in   string
		want Qty
	}{
		{"10.00", 1000},
		{"10", 1000},
		{"0.5", 50},
		{"0.01", 1},
		{"0", 0},
		{"1000000000000", 100_000_000_000_000}, // the largest whole part accepted
	}
	for _, tt := range tests {
		got, err := ParseQty(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseQty(%q) = %d, %v; want %d, nil", tt.in, got, err, tt.want)
		}
		got, err = ParseSignedQty(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseSignedQty(%q) = %d, %v; want %d, nil", tt.in, got, err, tt.want)
		}
	}
	for _, in := range []string{"", "-1", "0.001", "1e3", "+1", " 1", "abc", "1000000000001"} {
		if got, err := ParseQty(in); err == nil {
			t.Errorf("ParseQty(%q) = %d, nil; want an error", in, got)
		} else if in != "" && !strings.Contains(err.Error(), fmt.Sprintf("%q", in)) {
			t.Errorf("ParseQty(%q) error %q does not name the bad value", in, err)
		}
	}
}

func TestParseSignedQty(t *testing.T) {
	ok := map[string]Qty{"-3.5": -350, "-0": 0, "-0.01": -1, "-10.00": -1000, "7": 700}
	for in, want := range ok {
		got, err := ParseSignedQty(in)
		if err != nil || got != want {
			t.Errorf("ParseSignedQty(%q) = %d, %v; want %d, nil", in, got, err, want)
		}
	}
	for _, in := range []string{"-", "--1", "+-1", "-+1", "-0.001", "- 1", "-."} {
		if got, err := ParseSignedQty(in); err == nil {
			t.Errorf("ParseSignedQty(%q) = %d, nil; want an error", in, got)
		}
	}
}

func TestQtyFormat(t *testing.T) {
	tests := []struct {
		q            Qty
		str, shorter string
	}{
		{1000, "10.00", "10"},
		{50, "0.50", "0.5"},
		{5, "0.05", "0.05"},
		{0, "0.00", "0"},
		{1234, "12.34", "12.34"},
		{1230, "12.30", "12.3"},
		{-350, "-3.50", "-3.5"},
		{-50, "-0.50", "-0.5"},
		{-5, "-0.05", "-0.05"},
		{-100, "-1.00", "-1"},
	}
	for _, tt := range tests {
		if got := tt.q.String(); got != tt.str {
			t.Errorf("Qty(%d).String() = %q, want %q", int64(tt.q), got, tt.str)
		}
		if got := tt.q.Short(); got != tt.shorter {
			t.Errorf("Qty(%d).Short() = %q, want %q", int64(tt.q), got, tt.shorter)
		}
	}
	if Contracts(3) != 300 || Qty(-7).Abs() != 7 || Qty(7).Abs() != 7 {
		t.Error("Contracts/Abs wrong")
	}
}

func TestParseMoney(t *testing.T) {
	ok := []struct {
		in   string
		want Money
	}{
		{"0", 0},
		{"12.34", 12_340_000},
		{"12.345678", 12_345_678},
		{"-0.0056", -5_600},
		{"0.000001", 1},
		{"20000000.00", 20_000_000 * Dollar}, // regression: amounts above $10M were refused
		{"1000000000000", 1_000_000_000_000 * Dollar},
	}
	for _, tt := range ok {
		got, err := ParseMoney(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseMoney(%q) = %d, %v; want %d, nil", tt.in, got, err, tt.want)
		}
	}
	for _, in := range []string{"", "$1", "0.1234567", "1e6", "+1", "1000000000001", "NaN", "1 000"} {
		if got, err := ParseMoney(in); err == nil {
			t.Errorf("ParseMoney(%q) = %d, nil; want an error", in, got)
		} else if in != "" && !strings.Contains(err.Error(), fmt.Sprintf("amount %q", in)) {
			t.Errorf("ParseMoney(%q) error %q does not name the bad value", in, err)
		}
	}
}

func TestMoneyFormat(t *testing.T) {
	tests := []struct {
		m          Money
		str, human string
	}{
		{0, "0.0000", "$0.00"},
		{12_340_000, "12.3400", "$12.34"},
		{12_345_678, "12.345678", "$12.345678"},
		{-5_600, "-0.0056", "-$0.0056"},
		{1, "0.000001", "$0.000001"},
		{-Dollar, "-1.0000", "-$1.00"},
		{5_000, "0.0050", "$0.0050"},
		{175_000, "0.1750", "$0.1750"},
		{MoneyFromCents(1234), "12.3400", "$12.34"},
		{Notional(5600, 1000), "5.6000", "$5.60"},
	}
	for _, tt := range tests {
		if got := tt.m.String(); got != tt.str {
			t.Errorf("Money(%d).String() = %q, want %q", int64(tt.m), got, tt.str)
		}
		if got := tt.m.Dollars(); got != tt.human {
			t.Errorf("Money(%d).Dollars() = %q, want %q", int64(tt.m), got, tt.human)
		}
	}
}

// TestFixedJSON covers the three wire forms every fixed-point field accepts:
// a quoted string, a bare number, and null (which leaves the value alone).
func TestFixedJSON(t *testing.T) {
	type doc struct {
		P Price `json:"p"`
		Q Qty   `json:"q"`
		M Money `json:"m"`
	}
	tests := []struct {
		in   string
		want doc
	}{
		{`{"p":"0.5600","q":"10.00","m":"-1.250000"}`, doc{5600, 1000, -1_250_000}},
		{`{"p":0.56,"q":-3.5,"m":12}`, doc{5600, -350, 12 * Dollar}},
		{`{"p":null,"q":null,"m":null}`, doc{}},
		{`{}`, doc{}},
	}
	for _, tt := range tests {
		var got doc
		if err := json.Unmarshal([]byte(tt.in), &got); err != nil || got != tt.want {
			t.Errorf("Unmarshal(%s) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
	}

	// null leaves an existing value untouched, as encoding/json does for
	// built-in types.
	kept := doc{P: 100, Q: 200, M: 300}
	if err := json.Unmarshal([]byte(`{"p":null,"q":null,"m":null}`), &kept); err != nil || kept != (doc{100, 200, 300}) {
		t.Errorf("null changed the value: %+v, %v", kept, err)
	}

	out, err := json.Marshal(doc{5600, -350, 12_345_678})
	if want := `{"p":"0.5600","q":"-3.50","m":"12.345678"}`; err != nil || string(out) != want {
		t.Errorf("Marshal = %s, %v; want %s", out, err, want)
	}
	var back doc
	if err := json.Unmarshal(out, &back); err != nil || back != (doc{5600, -350, 12_345_678}) {
		t.Errorf("round trip = %+v, %v", back, err)
	}

	for _, bad := range []string{`{"p":"1.5"}`, `{"p":"abc"}`, `{"p":true}`, `{"p":""}`, `{"q":"0.001"}`, `{"m":"1e3"}`, `{"p":"-0.1"}`} {
		var d doc
		if err := json.Unmarshal([]byte(bad), &d); err == nil {
			t.Errorf("Unmarshal(%s) = %+v, nil; want an error", bad, d)
		}
	}
}

func TestLevelJSON(t *testing.T) {
	out, err := json.Marshal(Level{Price: 4200, Qty: 1300})
	if want := `["0.4200","13.00"]`; err != nil || string(out) != want {
		t.Errorf("Marshal(Level) = %s, %v; want %s", out, err, want)
	}
	for in, want := range map[string]Level{
		`["0.4200","13.00"]`:      {4200, 1300},
		`["0.42","13"]`:           {4200, 1300},
		`["0.42",13]`:             {4200, 1300},
		` [ "0.0001" , "0.01" ] `: {1, 1},
	} {
		var got Level
		if err := json.Unmarshal([]byte(in), &got); err != nil || got != want {
			t.Errorf("Unmarshal(%s) = %+v, %v; want %+v", in, got, err, want)
		}
	}
	for _, bad := range []string{`["0.42"]`, `["0.42","1","2"]`, `{}`, `"0.42"`, `["x","1"]`, `["0.42","1.001"]`, `["1.01","1"]`} {
		var l Level
		if err := json.Unmarshal([]byte(bad), &l); err == nil {
			t.Errorf("Unmarshal(%s) = %+v, nil; want an error", bad, l)
		}
	}

	var ob OrderbookFP
	in := `{"yes_dollars":[["0.4000","10.00"],["0.4200","13.00"]],"no_dollars":[["0.5200","20.00"]]}`
	if err := json.Unmarshal([]byte(in), &ob); err != nil {
		t.Fatal(err)
	}
	if len(ob.Yes) != 2 || ob.Yes[1] != (Level{4200, 1300}) || len(ob.No) != 1 || ob.No[0] != (Level{5200, 2000}) {
		t.Errorf("OrderbookFP = %+v", ob)
	}
	out, _ = json.Marshal(ob)
	if string(out) != in {
		t.Errorf("OrderbookFP round trip = %s, want %s", out, in)
	}
}

func TestAppendDoesNotAllocate(t *testing.T) {
	buf := make([]byte, 0, 32)
	allocs := testing.AllocsPerRun(100, func() {
		buf = Price(5600).Append(buf[:0])
		buf = Qty(-350).Append(buf[:0])
	})
	if allocs != 0 {
		t.Errorf("Append allocates %.0f times", allocs)
	}
}
