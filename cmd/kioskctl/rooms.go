package main

import (
	"flag"
	"fmt"
)

// roomJSON is a room as CLI.md gives it.
type roomJSON struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Floor     int    `json:"floor"`
	Capacity  int    `json:"capacity"`
	HourlyFee int64  `json:"hourly_fee"`
}

// roomsCmd lists the rooms for hire.
type roomsCmd struct{}

func (*roomsCmd) readsOnly() {}

func (*roomsCmd) flags(*flag.FlagSet)         {}
func (*roomsCmd) check(map[string]bool) error { return nil }

func (*roomsCmd) run(e *env) error {
	rooms, err := e.c.Booking.Rooms()
	if err != nil {
		return err
	}
	out := make([]roomJSON, 0, len(rooms))
	rows := make([][]string, 0, len(rooms))
	for _, r := range rooms {
		out = append(out, roomJSON{ID: r.ID, Name: r.Name, Floor: r.Floor, Capacity: r.Capacity, HourlyFee: r.HourlyFee})
		rows = append(rows, []string{r.ID, r.Name + " / " + r.NameEN, fmt.Sprintf("%dF", r.Floor),
			fmt.Sprintf("%d", r.Capacity), won(r.HourlyFee)})
	}
	return e.emit(out, table([]string{"ID", "이름 / Name", "층 Floor", "정원 Seats", "시간당 / Hourly"}, rows))
}
