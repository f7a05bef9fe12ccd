package ui

import (
	"errors"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/yeongdeungpo/kiosk/booking"
	"github.com/yeongdeungpo/kiosk/internal/staff"
	"github.com/yeongdeungpo/kiosk/tenants"
)

// openStaff leads to the manager setup when nobody can log in yet, and to
// the PIN pad otherwise.
func (s *Shell) openStaff() {
	var has bool
	var err error
	s.background(func() { has, err = s.svc.Staff.HasManager() }, func() {
		switch {
		case err != nil:
			s.notice(s.errorText(err))
		case has:
			s.show(ScreenStaffPIN)
		default:
			s.show(ScreenStaffSetup)
		}
	})
}

// lockedNotice is the pad's message while the manager's account is locked.
func (s *Shell) lockedNotice() string {
	return s.lockText(s.svc.Staff.LockStatus(staff.ManagerID))
}

// claimLockedNotice is the setup pad's message while the claim is locked.
func (s *Shell) claimLockedNotice() string {
	return s.lockText(s.svc.Staff.ClaimLockStatus())
}

func (s *Shell) lockText(until time.Time, locked bool, err error) string {
	if err != nil || !locked {
		return ""
	}
	return s.errorText(&staff.LockedError{Until: until})
}

// signIn starts a staff session on the staff home.
func (s *Shell) signIn(m staff.Staff) {
	s.member = &m
	s.setLargeText(false) // staff screens are laid out for normal text
	s.show(ScreenStaffHome)
}

// loginScreen asks for a staff PIN.
type loginScreen struct{ s *Shell }

func (l *loginScreen) build() fyne.CanvasObject {
	s := l.s
	var pad *PinPad
	pad = s.pinPad(T("staff.login.prompt"), staff.MaxPINLength, func(pin string) {
		var m staff.Staff
		var err error
		// argon2id takes a noticeable moment: off the UI thread. Only the
		// manager signs in until the pad asks whose PIN it is.
		s.background(func() { m, err = s.svc.Staff.Login(staff.ManagerID, pin) }, func() {
			if err != nil {
				pad.Fail(s.errorText(err))
				return
			}
			s.signIn(m)
		})
	})
	pad.attachKeyboard(s.win.Canvas())
	if msg := s.lockedNotice(); msg != "" {
		pad.Fail(msg)
	}
	return container.NewBorder(s.header(T("staff.login.title"), s.GoHome, true), nil, nil, nil, pad.Object)
}

// setupScreen claims the manager account with the one-time code from the
// data directory, then a new PIN typed twice.
type setupScreen struct{ s *Shell }

func (u *setupScreen) build() fyne.CanvasObject {
	s := u.s
	flow := s.pinFlow(T("staff.setup.code"), 10, s.claimLockedNotice(), func(code, pin string) (func(), error) {
		m, err := s.svc.Staff.ClaimManager(code, pin)
		return func() { s.signIn(m) }, err
	}, staff.ErrWrongSetupCode)
	hint := wrapLabel(T("staff.setup.hint"))
	hint.Alignment = fyne.TextAlignCenter
	return container.NewBorder(s.header(T("staff.setup.title"), s.GoHome, true), hint, nil, nil, flow)
}

// pinFlow asks, on the number pad, for a credential (the setup code or the
// current PIN), then a new PIN twice, and hands both to finish, which runs
// off the UI thread and returns what to do next on it. When finish refuses
// the credential (credErr or the lockout) the flow starts again; other
// refusals ask for the new PIN again.
func (s *Shell) pinFlow(credPrompt string, credMax int, firstMsg string, finish func(cred, pin string) (func(), error), credErr error) fyne.CanvasObject {
	var cred, first string
	step := 0
	prompts := []string{credPrompt, T("staff.setup.pin"), T("staff.setup.confirm")}
	holder := container.NewStack()
	var render func(msg string)
	render = func(msg string) {
		maxLen := staff.MaxPINLength
		if step == 0 {
			maxLen = credMax
		}
		var pad *PinPad
		pad = s.pinPad(prompts[step], maxLen, func(digits string) {
			switch step {
			case 0:
				cred, step = digits, 1
				render("")
			case 1:
				if err := staff.ValidatePIN(digits); err != nil {
					pad.Fail(s.errorText(err))
					return
				}
				first, step = digits, 2
				render("")
			case 2:
				if digits != first {
					step = 1
					render(T("staff.setup.mismatch"))
					return
				}
				var next func()
				var err error
				s.background(func() { next, err = finish(cred, first) }, func() {
					if err == nil {
						next()
						return
					}
					step = 1
					if errors.Is(err, credErr) || errors.Is(err, staff.ErrLocked) {
						step = 0
					}
					render(s.errorText(err))
				})
			}
		})
		if msg != "" {
			pad.Fail(msg)
		}
		pad.attachKeyboard(s.win.Canvas())
		holder.Objects = []fyne.CanvasObject{pad.Object}
		holder.Refresh()
	}
	render(firstMsg)
	return holder
}

// staffHomeScreen is the first screen behind the lock: today's figures and
// the staff's actions.
type staffHomeScreen struct {
	s       *Shell
	figures *fyne.Container
	today   *fyne.Container
	clock   *widget.Label
	actions *fyne.Container // the action buttons, or a question about one
	msg     *fyne.Container
}

func (h *staffHomeScreen) build() fyne.CanvasObject {
	s := h.s
	m := s.member
	lock := s.button(T("staff.lock"), theme.LogoutIcon(), s.GoHome)
	lock.Importance = widget.HighImportance
	title := T("staff.home.title", map[string]any{"Name": m.Name})
	heading := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{})
	heading.SizeName = theme.SizeNameSubHeadingText
	top := container.NewVBox(container.New(layout.NewCustomPaddedLayout(10, 10, 16, 16),
		container.NewBorder(nil, nil, nil, lock, heading)), widget.NewSeparator())

	h.figures = container.NewGridWithColumns(3)
	h.today = container.NewGridWithColumns(4)
	h.clock = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{})
	h.actions = container.NewStack()
	h.msg = container.NewStack()
	h.showActions()
	body := container.NewVBox(h.clock, widget.NewLabelWithStyle(T("staff.figure.title"), fyne.TextAlignLeading, fyne.TextStyle{}), h.figures,
		widget.NewLabelWithStyle(T("staff.figure.bookings"), fyne.TextAlignLeading, fyne.TextStyle{}), h.today,
		widget.NewSeparator(), h.msg, h.actions)
	h.refresh()
	return container.NewBorder(top, nil, nil, nil, container.New(layout.NewCustomPaddedLayout(16, 16, 24, 24), body))
}

// showActions puts the staff's actions under the figures.
func (h *staffHomeScreen) showActions() {
	s := h.s
	buttons := []fyne.CanvasObject{
		s.button(T("staff.bookings"), theme.ListIcon(), func() { s.show(ScreenStaffDay) }),
		s.button(T("staff.block"), theme.CancelIcon(), func() { s.show(ScreenStaffBlock) }),
		s.button(T("staff.rooms"), theme.SettingsIcon(), func() { s.show(ScreenStaffRooms) }),
		s.button(T("staff.calendar"), theme.CalendarIcon(), func() { s.show(ScreenStaffCal) }),
		s.button(T("staff.pin.change"), theme.AccountIcon(), func() { s.show(ScreenStaffPIN2) }),
		s.button(T("staff.keys"), theme.ViewRefreshIcon(), h.askRotate)}
	if s.canSeeTenancy() {
		buttons = append(buttons, s.button(T("staff.units"), theme.GridIcon(), func() { s.show(ScreenStaffUnits) }))
	}
	h.actions.Objects = []fyne.CanvasObject{container.NewGridWithColumns(4, buttons...)}
	h.actions.Refresh()
}

// askRotate explains what a new pass key does before it is made.
func (h *staffHomeScreen) askRotate() {
	s := h.s
	h.say(true, "")
	keep := s.button(T("my.cancel.keep"), theme.NavigateBackIcon(), h.showActions)
	rotate := s.button(T("staff.keys.rotate"), theme.ViewRefreshIcon(), h.rotate)
	rotate.Importance = widget.DangerImportance
	h.actions.Objects = []fyne.CanvasObject{container.NewBorder(nil, nil, nil,
		container.NewHBox(keep, rotate), wrapLabel(T("staff.keys.explain")))}
	h.actions.Refresh()
}

// rotate makes a new key sign the passes from now on.
func (h *staffHomeScreen) rotate() {
	s := h.s
	actor := s.member.Actor()
	var id uint8
	var err error
	s.background(func() { id, err = s.svc.Booking.RotatePassKey(actor) }, func() {
		h.showActions()
		if err != nil {
			h.say(false, s.errorText(err))
			return
		}
		h.say(true, T("staff.keys.done", map[string]any{"ID": id}))
	})
}

func (h *staffHomeScreen) say(ok bool, msg string) {
	h.msg.Objects = nil
	if p := messagePanel(msg, ok); p != nil {
		h.msg.Objects = []fyne.CanvasObject{p}
	}
	h.msg.Refresh()
}

// refresh reads the figures again, off the UI thread.
func (h *staffHomeScreen) refresh() {
	s := h.s
	now := s.svc.Now()
	var counts []tenants.Counts
	var day []booking.Booking
	var rentals booking.Rentals
	var occErr, dayErr error
	s.background(func() {
		counts, occErr = s.svc.Tenants.CountOccupancy(now)
		if day, dayErr = s.svc.Booking.OnDay(now); dayErr == nil {
			// Today's rental income is the ledger's, as in the report.
			rentals, dayErr = s.svc.Booking.RentalsBetween(now, now)
		}
	}, func() {
		h.clock.SetText(formatDateTime(now))
		h.figures.Objects = nil
		if occErr != nil {
			h.figures.Add(s.loadFailed("occupancy", occErr))
		}
		for _, c := range counts {
			h.figures.Add(figureCard(T("kind."+string(c.Kind)), T("staff.figure.occupancy",
				map[string]any{"Occupied": c.Occupied, "Total": c.Occupied + c.Vacant}),
				T("staff.figure.vacant", map[string]any{"Vacant": c.Vacant})))
		}
		h.figures.Refresh()
		h.today.Objects = nil
		if dayErr != nil {
			h.today.Add(s.loadFailed("bookings today", dayErr))
		} else {
			f := countDay(day)
			h.today.Objects = []fyne.CanvasObject{
				figureCard(T("status.held"), fmt.Sprint(f.held), ""),
				figureCard(T("status.paid"), fmt.Sprint(f.paid), ""),
				figureCard(T("status.checked_in"), fmt.Sprint(f.in), ""),
				figureCard(T("staff.figure.fees"), formatWon(rentals.Net()), ""),
			}
		}
		h.today.Refresh()
	})
}

// dayFigures counts a day's bookings by state for the staff home.
type dayFigures struct{ held, paid, in int }

func countDay(day []booking.Booking) dayFigures {
	var f dayFigures
	for _, b := range day {
		switch b.Status {
		case booking.StatusHeld:
			f.held++
		case booking.StatusPaid:
			f.paid++
		case booking.StatusCheckedIn, booking.StatusCompleted:
			f.in++
		}
	}
	return f
}

func figureCard(title, big, small string) fyne.CanvasObject {
	t := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{})
	b := widget.NewLabelWithStyle(big, fyne.TextAlignLeading, fyne.TextStyle{})
	b.SizeName = theme.SizeNameHeadingText
	box := container.New(layout.NewCustomPaddedVBoxLayout(-theme.InnerPadding()), t, b)
	if small != "" {
		sm := widget.NewLabel(small)
		sm.Importance = widget.LowImportance
		box.Add(sm)
	}
	return NewPanel(box, colSurface)
}

// pinChangeScreen: current PIN, new PIN, new PIN again.
type pinChangeScreen struct{ s *Shell }

func (p *pinChangeScreen) build() fyne.CanvasObject {
	s := p.s
	back := func() { s.show(ScreenStaffHome) }
	member := *s.member
	flow := s.pinFlow(T("staff.change.old"), staff.MaxPINLength, "", func(old, pin string) (func(), error) {
		return back, s.svc.Staff.ChangePIN(member, old, pin)
	}, staff.ErrWrongPIN)
	backBtn := s.button(T("nav.back"), theme.NavigateBackIcon(), back)
	heading := widget.NewLabelWithStyle(T("staff.pin.change"), fyne.TextAlignLeading, fyne.TextStyle{})
	heading.SizeName = theme.SizeNameSubHeadingText
	top := container.NewVBox(container.New(layout.NewCustomPaddedLayout(10, 10, 16, 16),
		container.NewBorder(nil, nil, backBtn, nil, heading)), widget.NewSeparator())
	return container.NewBorder(top, nil, nil, nil, flow)
}
