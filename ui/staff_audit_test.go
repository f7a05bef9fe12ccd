package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/widget"

	"github.com/yeongdeungpo/kiosk/booking"
)

// auditLines are the log lines the audit screen shows.
func (f *fixture) auditLines() []string {
	f.t.Helper()
	a, ok := f.shell.current.(*staffAuditScreen)
	if !ok {
		f.t.Fatalf("not on the audit screen: %s", f.shell.Screen())
	}
	var out []string
	for _, o := range a.list.Objects {
		if l, ok := o.(*widget.Label); ok && l.Text != T("audit.none") {
			out = append(out, l.Text)
		}
	}
	return out
}

// TestAuditScreen: the chain's check on top; the log newest first, paged
// older and newer; filtered by person and by kind of action, each filter
// keeping exactly the entries that match.
func TestAuditScreen(t *testing.T) {
	f := newFixture(t, at(10, 0))
	f.claim(managerPIN)
	f.addReception()
	kim := f.member("김접수")
	made := 0
	for d := 1; made < 30; d++ {
		day := at(0, 0).AddDate(0, 0, d)
		if day.Weekday() == time.Sunday {
			continue
		}
		for h := 9; h < 18 && made < 30; h++ {
			b := f.book("seminar", day.Add(time.Duration(h)*time.Hour), day.Add(time.Duration(h+1)*time.Hour))
			if made < 3 {
				if _, err := f.c.Booking.Pay(kim.Actor(), b.ID, booking.PayCard); err != nil {
					t.Fatal(err)
				}
			}
			made++
		}
	}
	f.tapText(T("staff.home"))
	f.tapText(T("staff.audit"))
	n := f.c.DB.AuditLen()
	if !f.hasText(T("audit.verified", map[string]any{"N": groupThousands(int64(n))})) {
		t.Fatalf("no chain check for %d entries: %q", n, f.texts())
	}
	first := f.auditLines()
	if len(first) < 3 {
		t.Fatalf("first page: %q", first)
	}
	if !strings.Contains(first[0], "booking.create") {
		t.Errorf("newest entry is %q; the last write was a booking", first[0])
	}
	f.tapText(T("audit.older"))
	older := f.auditLines()
	if len(older) == 0 || older[0] == first[0] {
		t.Fatalf("older page %q after %q", older, first)
	}
	f.tapText(T("audit.newer"))
	if again := f.auditLines(); strings.Join(again, "|") != strings.Join(first, "|") {
		t.Fatalf("newer page differs from the first: %q vs %q", again, first)
	}

	f.tapText(T("audit.who", map[string]any{"Who": T("audit.who.all")}))
	f.tapText("김접수")
	lines := f.auditLines()
	if len(lines) != 3 {
		t.Fatalf("김접수's entries: %q, want the 3 payments", lines)
	}
	for _, l := range lines {
		if !strings.Contains(l, "김접수") || !strings.Contains(l, "booking.pay") {
			t.Errorf("filtered line %q", l)
		}
	}
	f.tapText(T("audit.who", map[string]any{"Who": "김접수"}))
	f.tapText(T("audit.who.all"))
	f.tapText(T("audit.what", map[string]any{"What": T("audit.action.all")}))
	f.tapText(T("audit.action.staff"))
	staffLines := f.auditLines()
	if len(staffLines) < 3 { // the code issued, the claim, the member added
		t.Fatalf("staff entries: %q", staffLines)
	}
	for _, l := range staffLines {
		if !strings.Contains(l, "  ·  staff.") {
			t.Errorf("staff filter kept %q", l)
		}
	}
}
