package sim

import (
	"fmt"
	"net/http"

	"ladder/model"
)

// APIError is an error the exchange reports to a client: Status is the HTTP
// status the server sends and ErrorBody the wrapped {"error":{…}} object.
type APIError struct {
	Status int
	model.ErrorBody
}

// Error formats the status and Kalshi's code/message/details.
func (e *APIError) Error() string {
	return fmt.Sprintf("%d %s", e.Status, e.ErrorBody.Error())
}

// Error codes the engine emits (Kalshi's documented codes where one exists).
const (
	CodeInvalidOrder      = "invalid_order"
	CodeInvalidOrderSize  = "invalid_order_size"
	CodeInvalidPrice      = "invalid_price"
	CodeBalanceTooLow     = "available_balance_too_low"
	CodeOrderExists       = "order_already_exists"
	CodeNotFound          = "not_found"
	CodeMarketClosed      = "market_closed"
	CodeTickerMismatch    = "order_ticker_mismatch"
	CodeSideMismatch      = "order_side_mismatch"
	CodeClientIDMismatch  = "order_id_and_client_order_id_mismatch"
	CodeOrderGroupBlocked = "order_group_limit_reached"
	CodeUnknownAccount    = "unauthorized"
	CodeInvalidParameters = "invalid_parameters"
)

// apiErr builds the *APIError every engine and server failure is reported
// as; the err* helpers below name the common ones.
func apiErr(status int, code, message, details string) *APIError {
	return &APIError{Status: status, ErrorBody: model.ErrorBody{Code: code, Message: message, Details: details}}
}

func errInvalidOrder(details string) *APIError {
	return apiErr(http.StatusBadRequest, CodeInvalidOrder, "invalid order", details)
}

func errInvalidOrderSize(details string) *APIError {
	return apiErr(http.StatusBadRequest, CodeInvalidOrderSize, "invalid order size", details)
}

func errInvalidPrice(details string) *APIError {
	return apiErr(http.StatusBadRequest, CodeInvalidPrice, "invalid price", details)
}

func errBalanceTooLow(details string) *APIError {
	return apiErr(http.StatusBadRequest, CodeBalanceTooLow, "available balance too low", details)
}

func errNotFound(what string) *APIError {
	return apiErr(http.StatusNotFound, CodeNotFound, "not found", what)
}

func errOrderExists(clientID string) *APIError {
	return apiErr(http.StatusConflict, CodeOrderExists, "order already exists", "client_order_id "+clientID+" belongs to an open order")
}

func errMarketClosed(ticker, status string) *APIError {
	return apiErr(http.StatusBadRequest, CodeMarketClosed, "market closed", "market "+ticker+" is "+status)
}

func errUnknownAccount(acct AccountID) *APIError {
	return apiErr(http.StatusUnauthorized, CodeUnknownAccount, "unknown account", "account "+string(acct)+" does not exist")
}
