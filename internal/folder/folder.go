package folder

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"syscall"

	"github.com/yeongdeungpo/kiosk/internal/errs"
)

// DefaultPlaces are where a USB stick shows up on a Linux kiosk, and the
// kiosk user's home: the folders inside /media/<user>/ and
// /run/media/<user>/ (the desktop's automounter), those in /mnt, and home.
func DefaultPlaces() []string {
	p := []string{"/media/*/*", "/run/media/*/*", "/mnt/*"}
	if home, err := os.UserHomeDir(); err == nil && filepath.IsAbs(home) {
		p = append(p, EscapeGlob(home))
	}
	return p
}

// EscapeGlob makes a path a filepath.Glob pattern that matches itself only.
func EscapeGlob(p string) string {
	var b strings.Builder
	for _, r := range p {
		if strings.ContainsRune(`*?[\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Candidates are the folders a manager may tap to choose a folder: every
// existing folder that places (filepath.Glob patterns) match, hidden ones
// left out, each once, in the order of places and by name within one.
func Candidates(places []string) []string {
	var out []string
	for _, p := range places {
		matches, err := filepath.Glob(p)
		if err != nil {
			continue
		}
		sort.Strings(matches)
		for _, m := range matches {
			m = filepath.Clean(m)
			if strings.HasPrefix(filepath.Base(m), ".") || slices.Contains(out, m) {
				continue
			}
			if fi, err := os.Stat(m); err == nil && fi.IsDir() {
				out = append(out, m)
			}
		}
	}
	return out
}

// ProbePrefix starts the name of the file Probe writes and removes.
const ProbePrefix = ".kiosk-probe-"

// Probe creates a file in dir and removes it: whether the kiosk can write
// there.
func Probe(dir string) error {
	f, err := os.CreateTemp(dir, ProbePrefix+"*")
	if err != nil {
		return err
	}
	name := f.Name()
	cerr := f.Close()
	rerr := os.Remove(name)
	return errors.Join(cerr, rerr)
}

// Elsewhere reports whether dir lies on another file system than system (a
// path on the kiosk's own, "/"): a USB stick's mount point, for instance.
func Elsewhere(dir, system string) bool {
	d, ok := Device(dir)
	sys, ok2 := Device(system)
	return ok && ok2 && d != sys
}

// Refusals of Check.
var (
	// ErrNotAbsolute: a folder must be given as an absolute path.
	ErrNotAbsolute = errors.New("folder: not an absolute path")
	// ErrNotFolder: the path names a file, not a folder.
	ErrNotFolder = errors.New("folder: not a folder")
)

// Check is the rule for an output folder a manager sets (the export and
// the backup folders): an absolute path (ErrNotAbsolute) to an existing
// folder (a Missing failure, ErrNotFolder) in which the kiosk can create a
// file (probe, Probe when nil: a Denied or Full failure). It returns the
// path cleaned.
func Check(dir string, probe func(string) error) (string, error) {
	if !filepath.IsAbs(dir) {
		return dir, ErrNotAbsolute
	}
	dir = filepath.Clean(dir)
	fi, err := os.Stat(dir)
	if err != nil {
		return dir, err
	}
	if !fi.IsDir() {
		return dir, ErrNotFolder
	}
	if probe == nil {
		probe = Probe
	}
	return dir, probe(dir)
}

// Codes are a package's refusal codes for what goes wrong with its folder.
type Codes struct {
	NotAbsolute, NotFolder, Missing, Denied, Full errs.Code
}

// Refusal words err, from Check or from writing in dir, as the refusal
// with c's code (its argument dir) wrapping err; an error it cannot place
// (Other) is returned as it is.
func (c Codes) Refusal(dir string, err error) error {
	var code errs.Code
	switch {
	case errors.Is(err, ErrNotAbsolute):
		return errs.New(c.NotAbsolute, dir)
	case errors.Is(err, ErrNotFolder):
		return errs.New(c.NotFolder, dir)
	}
	switch Classify(err) {
	case Full:
		code = c.Full
	case Denied:
		code = c.Denied
	case Missing:
		code = c.Missing
	default:
		return err
	}
	return fmt.Errorf("%w: %w", errs.New(code, dir), err)
}

// Failure is what a file system error means to the person at the kiosk.
type Failure int

// Failures.
const (
	// Other: not one of the failures below (a fault to log).
	Other Failure = iota
	// Full: the disk (or the user's quota) has no room left.
	Full
	// Denied: the kiosk may not write there (permissions, a read-only
	// device).
	Denied
	// Missing: the folder is not there (a USB stick pulled out).
	Missing
)

// Classify says what err, from the file system, means.
func Classify(err error) Failure {
	switch {
	case err == nil:
		return Other
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return Full
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EACCES), errors.Is(err, syscall.EPERM),
		errors.Is(err, syscall.EROFS):
		return Denied
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, syscall.ENOENT), errors.Is(err, syscall.ENOTDIR),
		errors.Is(err, syscall.ENODEV):
		return Missing
	}
	return Other
}
