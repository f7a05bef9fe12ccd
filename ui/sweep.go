package ui

import (
	"log/slog"

	"fyne.io/fyne/v2"

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

// nightly backs the kiosk up when the schedule says so (see
// backup.NextRun), off the UI thread and once at a time; Stop waits for it.
// The staff home, if on show, shows the result.
func (s *Shell) nightly() {
	b := s.svc.Backups
	if b == nil || !s.backingUp.CompareAndSwap(false, true) {
		return
	}
	s.jobs.Add(1)
	s.spawn(func() {
		defer s.jobs.Done()
		defer s.backingUp.Store(false)
		due, err := b.Due(s.svc.Now())
		if err != nil {
			slog.Error("backup schedule", "err", err)
			return
		}
		if !due {
			return
		}
		res, err := b.Run(s.ctx, booking.ActorSystem)
		if s.ctx.Err() != nil {
			return
		}
		if err != nil {
			slog.Error("nightly backup", "err", err)
		} else {
			slog.Info("nightly backup", "file", res.File, "bytes", res.Bytes)
		}
		fyne.Do(func() {
			if h, ok := s.current.(*staffHomeScreen); ok {
				h.loadBackup()
			}
		})
	})
}
