package exports

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/yeongdeungpo/kiosk/booking"
	"github.com/yeongdeungpo/kiosk/internal/errs"
	"github.com/yeongdeungpo/kiosk/internal/export"
	"github.com/yeongdeungpo/kiosk/internal/folder"
	"github.com/yeongdeungpo/kiosk/internal/report"
	"github.com/yeongdeungpo/kiosk/internal/staff"
	"github.com/yeongdeungpo/kiosk/internal/store"
	"github.com/yeongdeungpo/kiosk/tenants"
)

// keyFolder holds the export folder.
var keyFolder = store.Key("exports", "folder")

type folderRecord struct {
	Dir string `json:"dir"`
	// Mounted: when set, the folder lay on another file system than the
	// kiosk's own (a USB stick's). Found on the kiosk's own later, it is the
	// empty mount point the stick left: a file written there would not be
	// on the stick.
	Mounted bool `json:"mounted,omitempty"`
}

// Service is the export folder and the exports written to it.
type Service struct {
	db      *store.DB
	booking *booking.Service
	tenants *tenants.Service

	// Places are the filepath.Glob patterns Candidates looks in, in order.
	// New sets DefaultPlaces; tests point them at folders of their own.
	Places []string

	mu sync.Mutex // one export at a time picks a free name and takes it
	// write is export.Write; probe tries writing in a folder. Tests replace
	// them to make the disk fail in ways a test machine cannot.
	write func(path string, t export.Table) (int, error)
	probe func(dir string) error
	// system is a path on the kiosk's own file system ("/").
	system string
}

// New is the export service over the centre's store and services.
func New(db *store.DB, b *booking.Service, t *tenants.Service) *Service {
	return &Service{db: db, booking: b, tenants: t, Places: folder.DefaultPlaces(), write: export.Write, probe: folder.Probe,
		system: "/"}
}

// Folder is the export folder, "" while none is set.
func (s *Service) Folder() (string, error) {
	r, err := store.ReadOr(s.db, keyFolder, folderRecord{})
	return r.Dir, err
}

// ready is the export folder, if it is there to be written in: set
// (ErrNoFolder), existing (ErrFolderMissing), a folder (ErrNotFolder), and
// still on the stick it was on when set (ErrFolderMissing).
func (s *Service) ready() (string, error) {
	r, err := store.ReadOr(s.db, keyFolder, folderRecord{})
	if err != nil {
		return "", err
	}
	if r.Dir == "" {
		return "", ErrNoFolder
	}
	fi, err := os.Stat(r.Dir)
	switch {
	case err != nil:
		return "", refusal(r.Dir, err)
	case !fi.IsDir():
		return "", errs.New(CodeNotFolder, r.Dir)
	case r.Mounted && !s.elsewhere(r.Dir):
		return "", errs.New(CodeFolderMissing, r.Dir)
	}
	return r.Dir, nil
}

// SetFolder makes dir the export folder, for a member whose role grants
// staff.PermSettings. dir must be an absolute path (ErrNotAbsolute) to an
// existing folder (ErrFolderMissing, ErrNotFolder) in which the kiosk can
// create a file (ErrNotWritable): a file is created there and removed.
func (s *Service) SetFolder(actor store.Actor, dir string) error {
	if err := staff.Allowed(s.db, actor, staff.PermSettings); err != nil {
		return err
	}
	dir, err := folder.Check(dir, s.probe)
	if err != nil {
		return refusal(dir, err)
	}
	return s.db.Update(actor, "exports.folder", func(tx *store.Txn) error {
		if err := staff.Require(tx, actor, staff.PermSettings); err != nil {
			return err
		}
		// The path is not noted: a stick's label may be a person's name.
		tx.Note("export folder set")
		return tx.Put(keyFolder, folderRecord{Dir: dir, Mounted: s.elsewhere(dir)})
	})
}

// elsewhere reports whether dir lies on another file system than the
// kiosk's own.
func (s *Service) elsewhere(dir string) bool { return folder.Elsewhere(dir, s.system) }

// Candidates are the folders a manager may tap to set the export folder:
// every existing folder that Places match (hidden ones left out), each
// once, in the order of Places and by name within one.
func (s *Service) Candidates() []string { return folder.Candidates(s.Places) }

// File is an export written: its full path, its name in the folder and the
// number of data rows (the header row not counted).
type File struct {
	Path, Name string
	Rows       int
}

// Write exports what for year up to until (zero: the year's end, or today
// while the year runs, as kioskctl export) to the export folder as ext
// ("csv" or "xlsx"), for a member whose role grants staff.PermExport. The
// file is named kiosk-<what>-<year>-<cut-off YYYYMMDD>.<ext>, with -2, -3...
// before the extension when that name is taken: an export never replaces a
// file. It is written atomically, then an "export.write" audit entry names
// the table and the file. Refusals: ErrNoFolder, ErrFolderMissing,
// ErrNotWritable, ErrDiskFull, ErrFormat and the staff refusals; none
// leaves a file behind.
func (s *Service) Write(actor store.Actor, what report.What, year int, until time.Time, ext string) (File, error) {
	if err := staff.Allowed(s.db, actor, staff.PermExport); err != nil {
		return File{}, err
	}
	if !slices.Contains(report.Whats, what) {
		return File{}, fmt.Errorf("exports: unknown table %q", what)
	}
	ext = strings.ToLower(strings.TrimPrefix(ext, "."))
	if ext != "csv" && ext != "xlsx" {
		return File{}, errs.New(CodeFormat, ext)
	}
	_, to, err := report.Period(year, until, s.tenants.Now())
	if err != nil {
		return File{}, err
	}
	dir, err := s.ready()
	if err != nil {
		return File{}, err
	}
	t, err := report.Table(s.booking, s.tenants, what, year, to)
	if err != nil {
		return File{}, err
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	name, err := freeName(dir, fmt.Sprintf("kiosk-%s-%d-%s", what, year, to.Format("20060102")), ext)
	if err != nil {
		return File{}, refusal(dir, err)
	}
	path := filepath.Join(dir, name)
	n, err := s.write(path, t)
	if err != nil {
		return File{}, refusal(dir, err)
	}
	err = s.db.Update(actor, "export.write", func(tx *store.Txn) error {
		if err := staff.Require(tx, actor, staff.PermExport); err != nil {
			return err
		}
		tx.Note("what=%s year=%d until=%s", what, year, to.Format("2006-01-02"))
		tx.Note("file=%s rows=%d", name, n)
		return nil
	})
	if err != nil {
		// An export nobody may account for is not left behind.
		_ = os.Remove(path)
		return File{}, err
	}
	return File{Path: path, Name: name, Rows: n}, nil
}

// maxSameName bounds the -2, -3... tried for one name.
const maxSameName = 999

// freeName is base.ext, or base-2.ext, base-3.ext... whichever does not
// exist in dir (a dangling symbolic link counts as existing).
func freeName(dir, base, ext string) (string, error) {
	for i := 1; i <= maxSameName; i++ {
		name := base + "." + ext
		if i > 1 {
			name = fmt.Sprintf("%s-%d.%s", base, i, ext)
		}
		_, err := os.Lstat(filepath.Join(dir, name))
		if errors.Is(err, fs.ErrNotExist) {
			return name, nil
		}
		if err != nil {
			return "", err
		}
	}
	return "", fmt.Errorf("exports: %d files named %s already in %s", maxSameName, base, dir)
}

// refusal turns a file system failure in dir into the refusal that says
// what the person can do about it, keeping the cause for the log; other
// failures are returned as they are.
func refusal(dir string, err error) error {
	var code errs.Code
	switch {
	case errors.Is(err, export.ErrDiskFull):
		code = CodeDiskFull
	case errors.Is(err, export.ErrDenied):
		code = CodeNotWritable
	case errors.Is(err, export.ErrNoFolder):
		code = CodeFolderMissing
	default:
		return folderCodes.Refusal(dir, err)
	}
	return fmt.Errorf("%w: %w", errs.New(code, dir), err)
}

// folderCodes are the export folder's refusals.
var folderCodes = folder.Codes{NotAbsolute: CodeNotAbsolute, NotFolder: CodeNotFolder,
	Missing: CodeFolderMissing, Denied: CodeNotWritable, Full: CodeDiskFull}

// Report is the district's report for year up to until (see
// report.ForYear), for a member whose role grants staff.PermMoney: the
// figures kioskctl report prints.
func (s *Service) Report(actor store.Actor, year int, until time.Time) (report.Report, error) {
	if err := staff.Allowed(s.db, actor, staff.PermMoney); err != nil {
		return report.Report{Year: year}, err
	}
	return report.ForYear(s.booking, s.tenants, year, until)
}

// Arrears are the leases with something past due on day, oldest first
// (tenants.Service.Arrears), for a member whose role grants
// staff.PermMoney.
func (s *Service) Arrears(actor store.Actor, day time.Time) ([]tenants.Arrear, error) {
	if err := staff.Allowed(s.db, actor, staff.PermMoney); err != nil {
		return nil, err
	}
	return s.tenants.Arrears(day)
}
