package booking

import (
	"testing"

	"github.com/yeongdeungpo/kiosk/internal/staff"
	"github.com/yeongdeungpo/kiosk/internal/staff/stafftest"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// manager is a manager enrolled in db (once), whom the tests act as for
// the centre's side of things.
func manager(tb testing.TB, db *store.DB) store.Actor {
	tb.Helper()
	return stafftest.Enroll(tb, db, "테스트관리자", staff.RoleManager)
}

// reception is a receptionist enrolled in db (once).
func reception(tb testing.TB, db *store.DB) store.Actor {
	tb.Helper()
	return stafftest.Enroll(tb, db, "테스트접수", staff.RoleReception)
}
