package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/yeongdeungpo/kiosk/internal/staff"
)

// staffAccountsScreen is the manager's list of staff members: add one
// (name on the keyboard, role, then the new member types their PIN twice),
// rename, change the role, set a forgotten PIN, unlock, remove. The store
// refuses what the rules forbid (the last manager, oneself); the screen
// says why.
type staffAccountsScreen struct {
	staffPage
	accounts []staff.Account
	confirm  string // id whose removal is being asked about
	page     int
}

func newStaffAccountsScreen(s *Shell) screen {
	return &staffAccountsScreen{staffPage: staffPage{s: s}}
}

func (a *staffAccountsScreen) build() fyne.CanvasObject {
	frame := a.frame(T("staff.accounts"))
	a.load("")
	return frame
}

// load reads the accounts and shows the list, with done (if any) said.
func (a *staffAccountsScreen) load(done string) {
	s := a.s
	actor := s.member.Actor()
	var list []staff.Account
	var err error
	s.background(func() { list, err = s.svc.Staff.Accounts(actor) }, func() {
		if errors.Is(err, staff.ErrForbidden) { // no longer a manager
			s.show(ScreenStaffHome)
			return
		}
		if err != nil {
			a.sayErr(err, "")
			a.setBody(s.loadFailed("staff accounts", err))
			return
		}
		a.accounts, a.confirm = list, ""
		if done != "" {
			a.say(true, done)
		}
		a.showList()
	})
}

// accountState is a member's lock, or when their PIN was set.
func (a *staffAccountsScreen) accountState(acc staff.Account) (string, bool) {
	if now := a.s.svc.Now(); acc.LockedUntil.After(now) {
		return T("staff.accounts.locked", map[string]any{"Until": clockTime(acc.LockedUntil)}), true
	}
	if acc.PINSet.IsZero() {
		return "", false
	}
	return T("staff.accounts.pinset", map[string]any{"Date": formatDate(acc.PINSet)}), false
}

func (a *staffAccountsScreen) showList() {
	s := a.s
	rows := make([]fyne.CanvasObject, 0, len(a.accounts))
	for _, acc := range a.accounts {
		rows = append(rows, a.row(acc))
	}
	add := s.button(T("staff.accounts.add"), theme.ContentAddIcon(), a.startAdd)
	add.Importance = widget.HighImportance
	per := 1
	if len(rows) > 0 {
		per = max(1, s.rowsThatFit(rows[0].MinSize().Height+theme.Padding(), 240))
	}
	a.setBody(container.NewBorder(container.NewHBox(add), nil, nil, nil,
		s.pagedGridAt(rows, 1, per, T("staff.accounts.none"), &a.page)))
}

// row is one member with what a manager can do to them.
func (a *staffAccountsScreen) row(acc staff.Account) fyne.CanvasObject {
	s := a.s
	me := acc.ID == s.member.ID
	name := widget.NewLabelWithStyle(acc.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Truncation = fyne.TextTruncateEllipsis
	who := roleName(acc.Role)
	if me {
		who = T("staff.accounts.me", map[string]any{"Role": who})
	}
	role := widget.NewLabel(who)
	role.Importance = widget.LowImportance
	state, isLocked := a.accountState(acc)
	stateLabel := widget.NewLabel(state)
	if isLocked {
		stateLabel.Importance = widget.DangerImportance
	} else {
		stateLabel.Importance = widget.LowImportance
	}
	info := container.NewVBox(name, container.NewHBox(role, stateLabel))

	var actions []fyne.CanvasObject
	if a.confirm == acc.ID {
		keep := s.button(T("my.cancel.keep"), theme.NavigateBackIcon(), func() { a.confirm = ""; a.showList() })
		rm := s.button(T("staff.accounts.remove.confirm"), theme.DeleteIcon(), func() { a.remove(acc) })
		rm.Importance = widget.DangerImportance
		actions = []fyne.CanvasObject{keep, rm}
	} else {
		actions = append(actions,
			s.button(T("staff.accounts.rename"), theme.DocumentCreateIcon(), func() { a.startRename(acc) }),
			s.button(T("staff.accounts.role."+string(otherRole(acc.Role))), theme.AccountIcon(), func() { a.setRole(acc, otherRole(acc.Role)) }),
			s.button(T("staff.accounts.pin"), theme.LoginIcon(), func() { a.startPIN(acc) }))
		if isLocked && !me { // another manager unlocks you
			un := s.button(T("staff.accounts.unlock"), theme.ConfirmIcon(), func() { a.unlock(acc) })
			un.Importance = widget.WarningImportance
			actions = append(actions, un)
		}
		if !me {
			actions = append(actions, s.button(T("staff.accounts.remove"), theme.DeleteIcon(), func() { a.confirm = acc.ID; a.showList() }))
		}
	}
	return NewPanel(container.NewBorder(nil, nil, nil, container.NewHBox(actions...), info), colSurface)
}

// otherRole is the role a member's role button changes it to.
func otherRole(r staff.Role) staff.Role {
	if r == staff.RoleManager {
		return staff.RoleReception
	}
	return staff.RoleManager
}

// write runs a change off the UI thread and reloads the list, saying done
// or why it was refused. On success mine (if any) first brings the session
// up to date with a change to the member's own account; it returns false
// when the session has left this screen.
func (a *staffAccountsScreen) write(change func() error, done string, mine func() bool) {
	var err error
	a.s.background(func() { err = change() }, func() {
		if err != nil {
			a.sayErr(err, "")
			a.load("")
			return
		}
		if mine != nil && !mine() {
			return
		}
		a.load(done)
	})
}

// me is the session's member changed by edit, if acc is the member's own
// account.
func (a *staffAccountsScreen) me(acc staff.Account, edit func(*staff.Staff)) {
	if s := a.s; acc.ID == s.member.ID {
		m := *s.member
		edit(&m)
		s.member = &m
	}
}

func (a *staffAccountsScreen) setRole(acc staff.Account, r staff.Role) {
	s := a.s
	actor := s.member.Actor()
	a.write(func() error { return s.svc.Staff.SetRole(actor, acc.ID, r) },
		T("staff.accounts.role.done", map[string]any{"Name": acc.Name, "Role": roleName(r)}),
		func() bool {
			// The session is the member's own: it changes with them, and
			// leaves a screen the new role may not see.
			a.me(acc, func(m *staff.Staff) { m.Role = r })
			if !s.mayShow(ScreenStaffAccts) {
				s.show(ScreenStaffHome)
				return false
			}
			return true
		})
}

func (a *staffAccountsScreen) unlock(acc staff.Account) {
	actor := a.s.member.Actor()
	a.write(func() error { return a.s.svc.Staff.Unlock(actor, acc.ID) },
		T("staff.accounts.unlock.done", map[string]any{"Name": acc.Name}), nil)
}

func (a *staffAccountsScreen) remove(acc staff.Account) {
	actor := a.s.member.Actor()
	a.write(func() error { return a.s.svc.Staff.Remove(actor, acc.ID) },
		T("staff.accounts.remove.done", map[string]any{"Name": acc.Name}), nil)
}

// askName shows the keyboard for a name, then hands it to next.
func (a *staffAccountsScreen) askName(title, initial string, next func(name string)) {
	s := a.s
	a.say(true, "")
	kb := s.keyboard()
	field := s.entry("", FieldText, T("staff.accounts.name.hint"), kb)
	field.setComposed(initial)
	submit := func() {
		kb.Commit()
		name := strings.TrimSpace(field.Text)
		if name == "" {
			a.say(false, T("staff.accounts.name.empty"))
			return
		}
		next(name)
	}
	kb.OnDone = submit
	field.OnSubmitted = func(string) { submit() }
	kb.Attach(field)
	s.focus(field)
	cancel := s.button(T("nav.back"), theme.NavigateBackIcon(), a.showList)
	ok := s.button(T("nav.next"), theme.NavigateNextIcon(), submit)
	ok.Importance = widget.HighImportance
	heading := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	top := container.NewVBox(heading, container.NewBorder(nil, nil, nil, container.NewHBox(cancel, ok), field))
	a.setBody(container.NewBorder(top, kb.Object, nil, nil, layout.NewSpacer()))
}

// checkName asks the staff rules whether name may be used (except: the
// member being renamed), then goes on with it; a refusal stays on the name.
func (a *staffAccountsScreen) checkName(name, except string, next func()) {
	var err error
	a.s.background(func() { err = a.s.svc.Staff.CheckName(name, except) }, func() {
		if err != nil {
			a.sayErr(err, "")
			return
		}
		next()
	})
}

// startAdd: the name, the role, then the new member's PIN twice.
func (a *staffAccountsScreen) startAdd() {
	a.askName(T("staff.accounts.add.name"), "", func(name string) {
		a.checkName(name, "", func() { a.askRole(name) })
	})
}

// askRole offers the roles for the new member called name.
func (a *staffAccountsScreen) askRole(name string) {
	s := a.s
	actor := s.member.Actor() // read here: the PIN is saved off the UI thread
	pick := func(r staff.Role) func() {
		return func() {
			a.askPIN(T("staff.accounts.add.pin", map[string]any{"Name": name}), func(pin string) error {
				_, err := s.svc.Staff.AddMember(actor, name, r, pin)
				return err
			}, T("staff.accounts.add.done", map[string]any{"Name": name}))
		}
	}
	cards := container.NewGridWithColumns(len(staff.Roles))
	for _, r := range staff.Roles {
		title := widget.NewLabelWithStyle(roleName(r), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
		what := widget.NewLabelWithStyle(T("staff.role.what."+string(r)), fyne.TextAlignCenter, fyne.TextStyle{})
		what.Wrapping = fyne.TextWrapWord
		cards.Add(NewCard(container.NewVBox(title, what), colSurface, fyne.NewSize(0, 3*MinTarget), s.tap(pick(r))))
	}
	heading := widget.NewLabelWithStyle(T("staff.accounts.add.role", map[string]any{"Name": name}), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	back := s.button(T("nav.back"), theme.NavigateBackIcon(), a.showList)
	a.setBody(container.NewVBox(container.NewBorder(nil, nil, nil, back, heading), cards))
}

func (a *staffAccountsScreen) startRename(acc staff.Account) {
	a.askName(T("staff.accounts.rename.title", map[string]any{"Name": acc.Name}), acc.Name, func(name string) {
		a.checkName(name, acc.ID, func() {
			s := a.s
			actor := s.member.Actor()
			a.write(func() error { return s.svc.Staff.Rename(actor, acc.ID, name) },
				T("staff.accounts.rename.done", map[string]any{"Name": name}),
				func() bool { a.me(acc, func(m *staff.Staff) { m.Name = name }); return true })
		})
	})
}

func (a *staffAccountsScreen) startPIN(acc staff.Account) {
	actor := a.s.member.Actor()
	a.askPIN(T("staff.accounts.pin.title", map[string]any{"Name": acc.Name}), func(pin string) error {
		return a.s.svc.Staff.ResetPIN(actor, acc.ID, pin)
	}, T("staff.accounts.pin.done", map[string]any{"Name": acc.Name}))
}

// askPIN has a new PIN typed twice and saved by save.
func (a *staffAccountsScreen) askPIN(title string, save func(pin string) error, done string) {
	s := a.s
	a.say(true, "")
	flow := s.pinFlow("", 0, "", func(_, pin string) (func(), error) {
		return func() { a.load(done) }, save(pin)
	}, nil)
	back := s.button(T("nav.back"), theme.NavigateBackIcon(), a.showList)
	heading := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	a.setBody(container.NewBorder(container.NewBorder(nil, nil, nil, back, heading), nil, nil, nil, flow))
}
