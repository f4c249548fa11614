package server

import (
	"log/slog"

	"github.com/otpbox/otpbox/collab"
	"github.com/otpbox/otpbox/server/store"
)

// newHub makes the collaboration Hub on the store's op log.
func newHub(st store.Store, log *slog.Logger) *collab.Hub {
	return collab.NewHub(st, collab.WithLogger(log))
}
