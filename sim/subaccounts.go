package sim

import (
	"fmt"
	"net/http"

	"ladder/model"
)

// Subaccounts (kalshi-api.md §11): every user has the primary, 0, and may
// create up to 63 numbered ones. Each holds its own cash and positions;
// orders and fills stay with the user and carry their subaccount's number.
// Cash moves between subaccounts only by transfer. Self-trade prevention
// and client_order_id uniqueness stay per user: two subaccounts of one
// user never trade with each other, and one client_order_id names one
// open order across all of them.

// CodeInvalidSubaccount is the error code for a subaccount number out of
// 0–63 or one that was never created.
const CodeInvalidSubaccount = "invalid_subaccount"

// CodeTransferExists is the 409 code for a reused client_transfer_id.
const CodeTransferExists = "transfer_already_exists"

func errSubaccount(details string) *APIError {
	return apiErr(http.StatusBadRequest, CodeInvalidSubaccount, "invalid subaccount", details)
}

// checkSubaccountRange refuses numbers outside 0–63.
func checkSubaccountRange(n int) *APIError {
	if n < 0 || n > model.MaxSubaccount {
		return errSubaccount(fmt.Sprintf("subaccount %d is outside 0–%d", n, model.MaxSubaccount))
	}
	return nil
}

// CheckSubaccount reports whether the user has subaccount sub: nil when it
// does, invalid_subaccount when it is out of range or was never created.
func (e *Engine) CheckSubaccount(acct AccountID, sub int) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	a, err := e.account(acct)
	if err != nil {
		return err
	}
	if _, err := a.ledger(sub); err != nil {
		return err
	}
	return nil
}

// CreateSubaccount opens the user's next numbered subaccount (1, 2, … 63)
// with no cash; its netting flag starts as the primary's.
func (e *Engine) CreateSubaccount(acct AccountID) (int, error) {
	e.begin()
	defer e.end()
	a, err := e.account(acct)
	if err != nil {
		return 0, err
	}
	if a.numSubs >= model.MaxSubaccount {
		return 0, errSubaccount(fmt.Sprintf("all %d subaccounts already exist", model.MaxSubaccount))
	}
	a.numSubs++
	a.subs[a.numSubs] = newLedger(a.numSubs, 0, a.primary().netting, e.now)
	return a.numSubs, nil
}

// SubaccountBalances lists every subaccount's available cash.
func (e *Engine) SubaccountBalances(acct AccountID) []model.SubaccountBalance {
	e.mu.Lock()
	defer e.mu.Unlock()
	a := e.accounts[acct]
	if a == nil {
		return []model.SubaccountBalance{}
	}
	out := make([]model.SubaccountBalance, 0, a.numSubs+1)
	for _, l := range a.ledgers() {
		out = append(out, model.SubaccountBalance{SubaccountNumber: l.num, Balance: l.available(), UpdatedTS: l.updated.Unix()})
	}
	return out
}

// TransferCash moves cash between two of the user's subaccounts. The
// client_transfer_id is remembered for good: a reused one is a 409 and
// moves nothing, so a client may resend after a lost answer. Only cash
// not held for resting orders can move.
func (e *Engine) TransferCash(acct AccountID, req model.SubaccountTransferRequest) error {
	e.begin()
	defer e.end()
	a, err := e.account(acct)
	if err != nil {
		return err
	}
	switch {
	case !model.ValidUUID(req.ClientTransferID):
		return apiErr(http.StatusBadRequest, CodeInvalidParameters, "invalid parameters", "client_transfer_id must be a UUID")
	case req.AmountCents <= 0:
		return apiErr(http.StatusBadRequest, CodeInvalidParameters, "invalid parameters", "amount_cents must be positive")
	case req.AmountCents > maxTransferCents:
		return apiErr(http.StatusBadRequest, CodeInvalidParameters, "invalid parameters", "amount_cents is too large")
	case req.ExchangeIndex != 0:
		return apiErr(http.StatusBadRequest, CodeInvalidParameters, "invalid parameters", "the simulator has one exchange shard, 0")
	case req.FromSubaccount == req.ToSubaccount:
		return apiErr(http.StatusBadRequest, CodeInvalidParameters, "invalid parameters", "from_subaccount and to_subaccount are the same")
	}
	if a.transferIDs[req.ClientTransferID] {
		return apiErr(http.StatusConflict, CodeTransferExists, "transfer already exists",
			"client_transfer_id "+req.ClientTransferID+" was already used")
	}
	from, err := a.ledger(req.FromSubaccount)
	if err != nil {
		return err
	}
	to, err := a.ledger(req.ToSubaccount)
	if err != nil {
		return err
	}
	amount := model.MoneyFromCents(req.AmountCents)
	if from.available() < amount {
		return errBalanceTooLow(fmt.Sprintf("subaccount %d has %s available, the transfer needs %s",
			from.num, from.available().Dollars(), amount.Dollars()))
	}
	from.cash -= amount
	to.cash += amount
	from.updated, to.updated = e.now, e.now
	a.transferIDs[req.ClientTransferID] = true
	a.transfers = append(a.transfers, model.SubaccountTransfer{
		TransferID: e.ids.next(), FromSubaccount: from.num, ToSubaccount: to.num,
		AmountCents: req.AmountCents, CreatedTS: e.now.Unix(),
	})
	if limit := a.historyCap(); len(a.transfers) > 2*limit {
		n := copy(a.transfers, a.transfers[len(a.transfers)-limit:])
		clear(a.transfers[n:])
		a.transfers = a.transfers[:n]
	}
	return nil
}

// maxTransferCents keeps a transfer far from Money's range.
const maxTransferCents = 1 << 50

// SubaccountTransfers lists the user's transfers, newest first.
func (e *Engine) SubaccountTransfers(acct AccountID) []model.SubaccountTransfer {
	e.mu.Lock()
	defer e.mu.Unlock()
	a := e.accounts[acct]
	if a == nil {
		return []model.SubaccountTransfer{}
	}
	out := make([]model.SubaccountTransfer, 0, len(a.transfers))
	for i := len(a.transfers) - 1; i >= 0; i-- {
		out = append(out, a.transfers[i])
	}
	return out
}

// Netting lists every subaccount's netting flag.
func (e *Engine) Netting(acct AccountID) []model.NettingConfig {
	e.mu.Lock()
	defer e.mu.Unlock()
	a := e.accounts[acct]
	if a == nil {
		return []model.NettingConfig{}
	}
	out := make([]model.NettingConfig, 0, a.numSubs+1)
	for _, l := range a.ledgers() {
		out = append(out, model.NettingConfig{SubaccountNumber: l.num, Enabled: l.netting})
	}
	return out
}

// SetNetting sets one subaccount's netting flag. Kalshi does not document
// what the flag changes; the simulator records and reports it, and its
// ledger nets YES/NO pairs to cash whatever the flag says.
func (e *Engine) SetNetting(acct AccountID, sub int, enabled bool) error {
	e.begin()
	defer e.end()
	a, err := e.account(acct)
	if err != nil {
		return err
	}
	l, err := a.ledger(sub)
	if err != nil {
		return err
	}
	l.netting = enabled
	l.updated = e.now
	return nil
}
