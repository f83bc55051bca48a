package serve

import (
	"context"
	"time"

	"ladder/api"
	"ladder/journal"
	"ladder/model"
)

// journalShutdown records that the server stopped and which orders it left
// resting, as the dashboard's "leave them resting and quit" does: serve
// never cancels on the way out. The list is the exchange's, read once.
func (s *Server) journalShutdown() {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var ids []string
	orders, err := s.cfg.Trader.GetOrders(ctx, api.OrdersQuery{Status: string(model.Resting)})
	if err != nil {
		s.log.Warn("resting orders at shutdown not read", "err", err)
	}
	for _, o := range orders {
		ids = append(ids, o.OrderID)
	}
	if err := s.cfg.Journal.Note(journal.ActionShutdown, nil, ids); err != nil {
		s.log.Warn("journal write failed", "action", journal.ActionShutdown, "err", err)
	}
	s.log.Info("ladder serve stopped; resting orders left on the exchange", "resting", len(ids))
}
