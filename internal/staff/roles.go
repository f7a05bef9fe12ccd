package staff

import (
	"errors"
	"strings"

	"github.com/yeongdeungpo/kiosk/internal/store"
)

// Permission is a kind of action that only some roles may take. The domain
// services ask Require before every such action; the screens ask Can only
// to decide which buttons to show.
type Permission string

// Permissions.
const (
	// PermBookings: mark room bookings paid, cancel them for the centre,
	// block rooms, help a visitor check in.
	PermBookings Permission = "bookings"
	// PermTenancy: move-ins, extensions, move-outs, tenants' payments,
	// imports.
	PermTenancy Permission = "tenancy"
	// PermMoney: the tenancy figures, arrears and the district's report.
	PermMoney Permission = "money"
	// PermSettings: rooms, fees, hours, closures, tenancy rules, pass keys
	// and the export folder.
	PermSettings Permission = "settings"
	// PermStaff: add, rename and remove staff, set their PINs, unlock them.
	PermStaff Permission = "staff"
	// PermReveal: see personal data unmasked.
	PermReveal Permission = "reveal"
	// PermExport: write tables to the export folder.
	PermExport Permission = "export"
	// PermAudit: read the audit log.
	PermAudit Permission = "audit"
)

// grants is what each role may do. Reception runs the room bookings; the
// manager runs everything.
var grants = map[Role][]Permission{
	RoleReception: {PermBookings},
	RoleManager:   {PermBookings, PermTenancy, PermMoney, PermSettings, PermStaff, PermReveal, PermExport, PermAudit},
}

// Roles lists the roles, in the order a screen offers them.
var Roles = []Role{RoleReception, RoleManager}

// Can reports whether role r grants p.
func (r Role) Can(p Permission) bool {
	for _, g := range grants[r] {
		if g == p {
			return true
		}
	}
	return false
}

// Can reports whether the member's role grants p.
func (s Staff) Can(p Permission) bool { return s.Role.Can(p) }

// actorPrefix starts the audit actor of a staff member.
const actorPrefix = "staff:"

// Require refuses, inside tx, an action that actor may not take: a member
// of staff whose role does not grant p (ErrForbidden), a member who no
// longer exists (ErrUnknownStaff), a visitor or any other actor
// (ErrForbidden). kioskctl and the kiosk's own jobs (store.ActorCLI,
// store.ActorSystem) act for whoever administers the machine and may do
// everything. The member is read in tx, so a member removed or demoted
// while signed in is refused from the next action on.
func Require(tx *store.Txn, actor store.Actor, p Permission) error {
	return check(actor, p, func(id string) (Role, bool, error) {
		var m memberRecord
		if err := tx.Get(keyMember(id), &m); err != nil {
			if errors.Is(err, store.ErrNotFound) {
				return "", false, nil
			}
			return "", false, err
		}
		return m.Role, true, nil
	})
}

// may is Require against the members of a snapshot.
func (sn snapshot) may(actor store.Actor, p Permission) error {
	return check(actor, p, func(id string) (Role, bool, error) {
		if i := sn.member(id); i >= 0 {
			return sn.members[i].Role, true, nil
		}
		return "", false, nil
	})
}

// check is Require's rule, with the member's role read by role.
func check(actor store.Actor, p Permission, role func(id string) (Role, bool, error)) error {
	switch actor {
	case store.ActorCLI, store.ActorSystem:
		return nil
	}
	id, ok := memberID(actor)
	if !ok {
		return ErrForbidden
	}
	r, found, err := role(id)
	if err != nil {
		return err
	}
	if !found {
		return ErrUnknownStaff
	}
	if !r.Can(p) {
		return ErrForbidden
	}
	return nil
}

// memberID is the ID of the staff member actor stands for, if it is one.
func memberID(actor store.Actor) (string, bool) {
	id, ok := strings.CutPrefix(string(actor), actorPrefix)
	return id, ok && id != ""
}

// Allowed is Require in a transaction of its own, for reads that are not
// part of a write.
func Allowed(db *store.DB, actor store.Actor, p Permission) error {
	return db.View(func(tx *store.Txn) error { return Require(tx, actor, p) })
}
