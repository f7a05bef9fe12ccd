package main

import (
	"flag"

	"github.com/yeongdeungpo/kiosk/tenants"
)

// unitJSON is a unit as CLI.md gives it; Occupant is the company holding
// it today, "" when vacant.
type unitJSON struct {
	ID       string `json:"id"`
	Kind     string `json:"kind"`
	Name     string `json:"name"`
	Occupant string `json:"occupant"`
}

// unitsCmd lists the units with today's occupant.
type unitsCmd struct{}

func (*unitsCmd) readsOnly() {}

func (*unitsCmd) flags(*flag.FlagSet)         {}
func (*unitsCmd) check(map[string]bool) error { return nil }

func (*unitsCmd) run(e *env) error {
	dir, err := e.c.Tenants.Directory(e.c.Booking.Now())
	if err != nil {
		return err
	}
	out := make([]unitJSON, 0, len(dir))
	rows := make([][]string, 0, len(dir))
	for _, o := range dir {
		out = append(out, unitJSON{ID: o.Unit.ID, Kind: string(o.Unit.Kind), Name: o.Unit.Name, Occupant: o.Tenant})
		occupant := o.Tenant
		if occupant == "" {
			occupant = "(공실 / vacant)"
		}
		rows = append(rows, []string{o.Unit.ID, kindLabel(o.Unit.Kind), o.Unit.Name, occupant})
	}
	return e.emit(out, table([]string{"ID", "종류 / Kind", "이름 / Name", "입주기업 / Occupant"}, rows))
}

func kindLabel(k tenants.Kind) string {
	switch k {
	case tenants.KindIncubator:
		return "보육실 incubator"
	case tenants.KindYouth:
		return "청년 youth"
	case tenants.KindAgency:
		return "기관 agency"
	}
	return string(k)
}
