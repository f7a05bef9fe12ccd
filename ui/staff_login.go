package ui

import (
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/yeongdeungpo/kiosk/internal/staff"
)

// openStaff leads to the manager setup when nobody can log in yet, and to
// the PIN pad otherwise. Looking also honours a manager PIN reset the
// administrator asked for, so no restart is needed for it.
func (s *Shell) openStaff() {
	var st staff.SetupStatus
	var err error
	s.background(func() { st, err = s.svc.Staff.Setup() }, func() {
		switch {
		case err != nil:
			s.notice(s.errorText(err))
		case st.Kind == staff.SetupFirst:
			s.show(ScreenStaffSetup)
		default:
			s.show(ScreenStaffPIN)
			if st.Problem != nil {
				// The administrator's request could not be honoured;
				// staff can still sign in.
				s.notice(s.errorText(st.Problem))
			}
		}
	})
}

// signIn starts a staff session on the staff home.
func (s *Shell) signIn(m staff.Staff) {
	s.member = &m
	s.setLargeText(false) // staff screens are laid out for normal text
	s.show(ScreenStaffHome)
}

// roleName is a role in words.
func roleName(r staff.Role) string { return T("staff.role." + string(r)) }

// loginScreen asks whose PIN it is, then for the PIN. A wrong PIN counts
// against that person's account only.
type loginScreen struct {
	s       *Shell
	members []staff.Staff
	reset   bool // a manager PIN reset code is pending
	holder  *fyne.Container
}

func (l *loginScreen) build() fyne.CanvasObject {
	s := l.s
	l.holder = container.NewStack()
	var err error
	s.background(func() {
		var st staff.SetupStatus
		if st, err = s.svc.Staff.Setup(); err != nil {
			return
		}
		l.reset = st.Kind == staff.SetupReset
		l.members, err = s.svc.Staff.Members()
	}, func() {
		switch {
		case err != nil:
			l.set(s.loadFailed("staff members", err))
		case len(l.members) == 1:
			l.choose(l.members[0]) // nobody to choose between
		default:
			l.showMembers()
		}
	})
	return container.NewBorder(s.header(T("staff.login.title"), s.GoHome, true), nil, nil, nil, l.holder)
}

func (l *loginScreen) set(o fyne.CanvasObject) {
	l.holder.Objects = []fyne.CanvasObject{o}
	l.holder.Refresh()
}

// showMembers lists the members by name: whose PIN is about to be typed.
func (l *loginScreen) showMembers() {
	s := l.s
	cards := make([]fyne.CanvasObject, 0, len(l.members))
	for _, m := range l.members {
		name := widget.NewLabelWithStyle(m.Name, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
		name.Truncation = fyne.TextTruncateEllipsis
		role := widget.NewLabelWithStyle(roleName(m.Role), fyne.TextAlignCenter, fyne.TextStyle{})
		role.Importance = widget.LowImportance
		box := container.NewVBox(name, role)
		cards = append(cards, NewCard(box, colSurface, fyne.NewSize(0, 2*MinTarget), s.tap(func() { l.choose(m) })))
	}
	ask := widget.NewLabelWithStyle(T("staff.login.who"), fyne.TextAlignCenter, fyne.TextStyle{})
	ask.SizeName = theme.SizeNameSubHeadingText
	rows := 1
	if len(cards) > 0 { // the cards' own height: large text makes them taller
		rows = max(1, s.rowsThatFit(cards[0].MinSize().Height+theme.Padding(), 220*s.th.scale))
	}
	var foot fyne.CanvasObject
	if l.reset {
		foot = container.NewCenter(l.resetButton())
	}
	l.set(container.New(layout.NewCustomPaddedLayout(12, 12, 20, 20),
		container.NewBorder(ask, foot, nil, nil, s.pagedGrid(cards, 3, rows, ""))))
}

// resetButton leads to setting a new manager PIN with the reset code.
func (l *loginScreen) resetButton() *TouchButton {
	return l.s.button(T("staff.reset.open"), theme.ViewRefreshIcon(), func() { l.s.show(ScreenStaffSetup) })
}

// choose shows the PIN pad for member m, with their lock if they have one.
func (l *loginScreen) choose(m staff.Staff) {
	s := l.s
	var pad *PinPad
	pad = s.pinPad(T("staff.login.prompt.who", map[string]any{"Name": m.Name}), staff.MaxPINLength, func(pin string) {
		var got staff.Staff
		var err error
		// argon2id takes a noticeable moment: off the UI thread.
		s.background(func() { got, err = s.svc.Staff.Login(m.ID, pin) }, func() {
			if err != nil {
				pad.Fail(s.errorText(err))
				return
			}
			s.signIn(got)
		})
	})
	pad.attachKeyboard(s.win.Canvas())
	body := fyne.CanvasObject(pad.Object)
	// Other ways in go beside the pad, not under it: in large text the pad
	// takes the screen's height.
	var side []fyne.CanvasObject
	if len(l.members) > 1 {
		side = append(side, s.button(T("staff.login.other"), theme.AccountIcon(), l.showMembers))
	}
	if l.reset {
		side = append(side, l.resetButton())
	}
	if len(side) > 0 {
		body = container.NewBorder(nil, nil, container.New(layout.NewCustomPaddedLayout(0, 0, 20, 0),
			container.NewCenter(container.NewVBox(side...))), nil, pad.Object)
	}
	l.set(body)
	var until locked
	s.background(func() { until.at, until.on, until.err = s.svc.Staff.LockStatus(m.ID) }, func() {
		if until.on && until.err == nil {
			pad.Fail(s.errorText(&staff.LockedError{Until: until.at}))
		}
	})
}

// setupScreen claims the manager account with the one-time code from the
// data directory, then a new PIN typed twice: the first manager's, or a new
// one for the manager account when the administrator asked for a reset.
type setupScreen struct{ s *Shell }

func (u *setupScreen) build() fyne.CanvasObject {
	s := u.s
	var st staff.SetupStatus
	var err error
	holder := s.loaded(func() error {
		st, err = s.svc.Staff.Setup()
		return err
	}, func(err error) fyne.CanvasObject {
		if err != nil {
			return s.loadFailed("staff setup", err)
		}
		return u.body(st)
	})
	return holder
}

func (u *setupScreen) body(st staff.SetupStatus) fyne.CanvasObject {
	s := u.s
	if st.Kind == staff.SetupNone { // used, expired or withdrawn meanwhile
		msg := wrapLabel(T("staff.reset.none"))
		msg.Alignment = fyne.TextAlignCenter
		back := s.button(T("staff.login.title"), theme.LoginIcon(), func() { s.show(ScreenStaffPIN) })
		return container.NewBorder(s.header(T("staff.reset.title"), s.GoHome, true), nil, nil, nil,
			container.New(layout.NewCustomPaddedLayout(40, 40, 80, 80),
				container.NewVBox(layout.NewSpacer(), msg, container.NewCenter(back), layout.NewSpacer())))
	}
	title, codePrompt, hintText := T("staff.setup.title"), T("staff.setup.code"), T("staff.setup.hint")
	use := s.svc.Staff.ClaimManager
	if st.Kind == staff.SetupReset {
		title, codePrompt = T("staff.reset.title"), T("staff.reset.code")
		hintText = T("staff.reset.hint", map[string]any{"Until": formatDateTime(st.Expires)})
		use = s.svc.Staff.ResetManagerPIN
	}
	flow := s.pinFlow(codePrompt, 10, s.claimLockedNotice(), func(code, pin string) (func(), error) {
		m, err := use(code, pin)
		if errors.Is(err, staff.ErrResetExpired) || errors.Is(err, staff.ErrNoReset) || errors.Is(err, staff.ErrAlreadyClaimed) {
			// Nothing to retry here: say why and go to the PIN pad.
			msg := s.errorText(err)
			return func() { s.show(ScreenStaffPIN); s.notice(msg) }, nil
		}
		return func() { s.signIn(m) }, err
	}, staff.ErrWrongSetupCode)
	hint := wrapLabel(hintText)
	hint.Alignment = fyne.TextAlignCenter
	return container.NewBorder(s.header(title, s.GoHome, true), hint, nil, nil, flow)
}

// pinFlow asks, on the number pad, for a credential (the setup code or the
// current PIN; credPrompt "" asks for none), then a new PIN twice, and
// hands both to finish, which runs off the UI thread and returns what to
// do next on it. When finish refuses the credential (credErr or the
// lockout) the flow starts again; other refusals ask for the new PIN again.
func (s *Shell) pinFlow(credPrompt string, credMax int, firstMsg string, finish func(cred, pin string) (func(), error), credErr error) fyne.CanvasObject {
	var cred, first string
	start := 0
	if credPrompt == "" {
		start = 1
	}
	step := start
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
						step = start
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

// claimLockedNotice is the setup pad's message while claiming is locked.
func (s *Shell) claimLockedNotice() string {
	until, on, err := s.svc.Staff.ClaimLockStatus()
	if err != nil || !on {
		return ""
	}
	return s.errorText(&staff.LockedError{Until: until})
}

// locked is a lock status read off the UI thread.
type locked struct {
	at  time.Time
	on  bool
	err error
}
