package ui

import (
	"errors"
	"log/slog"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/yeongdeungpo/kiosk/internal/staff"
)

// openStaff leads to the manager setup when nobody can log in yet, and to
// the PIN pad otherwise.
func (s *Shell) openStaff() {
	has, err := s.svc.Staff.HasManager()
	if err != nil {
		slog.Error("staff lookup", "err", err)
		return
	}
	if !has {
		s.show(ScreenStaffSetup, s.setupScreen)
		return
	}
	s.show(ScreenStaffPIN, s.loginScreen)
}

// staffMessage turns a staff error into the sentence shown under the pad.
func (s *Shell) staffMessage(err error) string {
	data := map[string]any{"Min": staff.MinPINLength}
	if until, ok := staff.LockedUntil(err); ok {
		data["Until"] = clockTime(until)
		data["Minutes"] = max(1, int(time.Until(until).Round(time.Minute)/time.Minute))
	}
	return T(staff.MessageKey(err), data)
}

// lockedNotice is the pad's message while staff entry is locked.
func (s *Shell) lockedNotice() string {
	until, locked, err := s.svc.Staff.LockStatus()
	if err != nil || !locked {
		return ""
	}
	return T(staff.KeyLocked, map[string]any{"Until": clockTime(until)})
}

func (s *Shell) padScreen(title string, pad *PinPad) fyne.CanvasObject {
	pad.attachKeyboard(s.win.Canvas())
	if msg := s.lockedNotice(); msg != "" {
		pad.Fail(msg)
	}
	return container.NewBorder(s.header(title, s.GoHome, true), nil, nil, nil, pad.Object)
}

// loginScreen asks for a staff PIN.
func (s *Shell) loginScreen() fyne.CanvasObject {
	var pad *PinPad
	pad = s.pinPad(T("staff.login.prompt"), staff.MaxPINLength, func(pin string) {
		m, err := s.svc.Staff.Login(pin)
		if err != nil {
			pad.Fail(s.staffMessage(err))
			return
		}
		s.member = &m
		s.setLargeText(false) // staff screens are laid out for normal text
		s.show(ScreenStaffHome, s.staffHome)
	})
	return s.padScreen(T("staff.login.title"), pad)
}

// setupScreen claims the manager account with the one-time code from the
// data directory, then a new PIN typed twice.
func (s *Shell) setupScreen() fyne.CanvasObject {
	flow := s.pinFlow(T("staff.setup.code"), 10, s.lockedNotice(), func(code, pin string) error {
		m, err := s.svc.Staff.ClaimManager(code, pin)
		if err != nil {
			return err
		}
		s.member = &m
		s.setLargeText(false)
		s.show(ScreenStaffHome, s.staffHome)
		return nil
	}, staff.ErrWrongSetupCode)
	hint := wrapLabel(T("staff.setup.hint"))
	hint.Alignment = fyne.TextAlignCenter
	return container.NewBorder(s.header(T("staff.setup.title"), s.GoHome, true), hint, nil, nil, flow)
}

// pinFlow asks, on the number pad, for a credential (the setup code or the
// current PIN), then a new PIN twice, and hands both to finish. When finish
// refuses the credential (credErr or the lockout) the flow starts again;
// other refusals ask for the new PIN again.
func (s *Shell) pinFlow(credPrompt string, credMax int, firstMsg string, finish func(cred, pin string) error, credErr error) fyne.CanvasObject {
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
					pad.Fail(s.staffMessage(err))
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
				if err := finish(cred, first); err != nil {
					step = 1
					if errors.Is(err, credErr) || errors.Is(err, staff.ErrLocked) {
						step = 0
					}
					render(s.staffMessage(err))
				}
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

// staffHome is the first screen behind the lock: today's figures.
func (s *Shell) staffHome() fyne.CanvasObject {
	m := s.member
	lock := s.button(T("staff.lock"), theme.LogoutIcon(), s.GoHome)
	lock.Importance = widget.HighImportance
	title := T("staff.home.title", map[string]any{"Name": m.Name})
	heading := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{})
	heading.SizeName = theme.SizeNameSubHeadingText
	top := container.NewVBox(container.New(layout.NewCustomPaddedLayout(10, 10, 16, 16),
		container.NewBorder(nil, nil, nil, lock, heading)), widget.NewSeparator())

	figures := container.NewGridWithColumns(3)
	counts, err := s.svc.Tenants.CountOccupancy(s.svc.Now())
	if err != nil {
		slog.Error("occupancy", "err", err)
		figures.Add(wrapLabel(T("error.load")))
	}
	for _, c := range counts {
		figures.Add(figureCard(T("kind."+string(c.Kind)), T("staff.figure.occupancy",
			map[string]any{"Occupied": c.Occupied, "Total": c.Occupied + c.Vacant}),
			T("staff.figure.vacant", map[string]any{"Vacant": c.Vacant})))
	}
	actions := container.NewGridWithColumns(5,
		s.button(T("staff.bookings"), theme.ListIcon(), s.openStaffBookings),
		s.button(T("staff.block"), theme.CancelIcon(), s.openStaffBlock),
		s.button(T("staff.rooms"), theme.SettingsIcon(), s.openStaffRooms),
		s.button(T("staff.calendar"), theme.CalendarIcon(), s.openStaffCalendar),
		s.button(T("staff.pin.change"), theme.AccountIcon(), func() {
			s.show(ScreenStaffPIN2, s.changePINScreen)
		}))
	bookings := s.todayBookingFigures()
	today := widget.NewLabelWithStyle(formatDateTime(s.svc.Now()), fyne.TextAlignLeading, fyne.TextStyle{})
	body := container.NewVBox(today, widget.NewLabelWithStyle(T("staff.figure.title"), fyne.TextAlignLeading, fyne.TextStyle{}), figures,
		widget.NewLabelWithStyle(T("staff.figure.bookings"), fyne.TextAlignLeading, fyne.TextStyle{}), bookings,
		widget.NewSeparator(), actions)
	return container.NewBorder(top, nil, nil, nil, container.New(layout.NewCustomPaddedLayout(16, 16, 24, 24), body))
}

func figureCard(title, big, small string) fyne.CanvasObject {
	t := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{})
	b := widget.NewLabelWithStyle(big, fyne.TextAlignLeading, fyne.TextStyle{})
	b.SizeName = theme.SizeNameHeadingText
	sm := widget.NewLabel(small)
	sm.Importance = widget.LowImportance
	return NewPanel(container.NewVBox(t, b, sm), colSurface)
}

// changePINScreen: current PIN, new PIN, new PIN again.
func (s *Shell) changePINScreen() fyne.CanvasObject {
	back := func() { s.show(ScreenStaffHome, s.staffHome) }
	flow := s.pinFlow(T("staff.change.old"), staff.MaxPINLength, "", func(old, pin string) error {
		if err := s.svc.Staff.ChangePIN(*s.member, old, pin); err != nil {
			return err
		}
		back()
		return nil
	}, staff.ErrWrongPIN)
	backBtn := s.button(T("nav.back"), theme.NavigateBackIcon(), back)
	heading := widget.NewLabelWithStyle(T("staff.pin.change"), fyne.TextAlignLeading, fyne.TextStyle{})
	heading.SizeName = theme.SizeNameSubHeadingText
	top := container.NewVBox(container.New(layout.NewCustomPaddedLayout(10, 10, 16, 16),
		container.NewBorder(nil, nil, backBtn, nil, heading)), widget.NewSeparator())
	return container.NewBorder(top, nil, nil, nil, flow)
}
