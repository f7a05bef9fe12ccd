package ui

import (
	"log/slog"

	"github.com/yeongdeungpo/kiosk/booking"
)

// sweep releases lapsed holds and no-shows, completes finished bookings
// and destroys personal data past its retention period, as the consent
// screen promises; the log and the audit record counts only.
func sweep(svc Services) {
	res, err := svc.Booking.Sweep(booking.ActorSystem)
	if err != nil {
		slog.Error("booking sweep", "err", err)
		return
	}
	if res.Lapsed+res.NoShows+res.Completed > 0 {
		slog.Info("bookings moved on", "lapsed", res.Lapsed, "no_shows", res.NoShows, "completed", res.Completed)
	}
	if n, err := svc.Booking.Purge(booking.ActorSystem); err != nil {
		slog.Error("personal data purge", "err", err)
	} else if n > 0 {
		slog.Info("personal data destroyed after retention", "bookings", n)
	}
	if n, err := svc.Tenants.Purge(booking.ActorSystem); err != nil {
		slog.Error("tenant personal data purge", "err", err)
	} else if n > 0 {
		slog.Info("personal data destroyed after retention", "tenants", n)
	}
}
