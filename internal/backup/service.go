package backup

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/errs"
	"github.com/yeongdeungpo/kiosk/internal/export"
	"github.com/yeongdeungpo/kiosk/internal/folder"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/staff"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// Keeping: how many backups the folder keeps, unless a manager says.
const (
	DefaultKeep = 14
	MinKeep     = 1
	MaxKeep     = 365
	// historyLen is how many results the store keeps.
	historyLen = 30
)

var (
	keySettings = store.Key("backup", "settings")
	keyHistory  = store.Key("backup", "history")
)

type settings struct {
	Dir string `json:"dir,omitempty"`
	// Mounted: the folder lay on another file system than the kiosk's own
	// when set (a USB stick); found on the kiosk's own later, it is the
	// empty mount point the stick left.
	Mounted bool `json:"mounted,omitempty"`
	Keep    int  `json:"keep,omitempty"`
}

// Result is one backup the kiosk made or tried to make.
type Result struct {
	At     time.Time `json:"at"`
	Folder string    `json:"folder,omitempty"`
	// File is the backup's name in Folder, Bytes its size (a good backup).
	File  string `json:"file,omitempty"`
	Bytes int64  `json:"bytes,omitempty"`
	// Code is "" for a good, verified backup, else the refusal's code.
	Code errs.Code `json:"code,omitempty"`
	// Nightly: made by the kiosk's schedule, not by a person.
	Nightly bool `json:"nightly,omitempty"`
}

// OK reports a good, verified backup.
func (r Result) OK() bool { return r.Code == "" }

// Err is the refusal a failed backup met (nil for a good one), with the
// folder or file it named, for the screens' sentences.
func (r Result) Err() error {
	switch r.Code {
	case "":
		return nil
	case CodeNoFolder, CodeFailed:
		return errs.New(r.Code)
	case CodeDamaged, CodeVerifyFailed, CodeNotBackup, CodeNewer, CodeNoFile:
		return errs.New(r.Code, r.File)
	default:
		return errs.New(r.Code, r.Folder)
	}
}

// Status is what the staff home says of backups.
type Status struct {
	// Folder is the backup folder ("" while none is set).
	Folder string
	// Last is the last result, LastGood the last good one (nil: none).
	Last, LastGood *Result
}

// Service is the kiosk's backup folder and the backups made into it.
type Service struct {
	db  *store.DB
	now func() time.Time

	// Places are the filepath.Glob patterns Candidates looks in (see
	// folder.DefaultPlaces); tests point them at folders of their own.
	Places []string
	// Scratch is where a new backup is restored to be verified: beside
	// the data directory, on the kiosk's own disk ("" in memory: the
	// system's temporary folder).
	Scratch string
	// Keys returns the pass keys the running kiosk signs with, as their
	// file holds them (see Options.Keys); nil reads the file.
	Keys func() ([]byte, error)

	mu    sync.Mutex                // one backup at a time
	tried atomic.Pointer[time.Time] // when this process last started a backup
	// system is a path on the kiosk's own file system ("/").
	system string
}

// New is the backup service of the store db (and the pass keys in its
// directory) on the clock now (time.Now when nil).
func New(db *store.DB, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	s := &Service{db: db, now: now, Places: folder.DefaultPlaces(), system: "/"}
	if d := db.Dir(); d != "" {
		s.Scratch = filepath.Dir(filepath.Clean(d))
	}
	return s
}

func (s *Service) settings() (settings, error) {
	return store.ReadOr(s.db, keySettings, settings{Keep: DefaultKeep})
}

// Folder is the backup folder, "" while none is set.
func (s *Service) Folder() (string, error) {
	st, err := s.settings()
	return st.Dir, err
}

// Keep is how many backups the folder keeps.
func (s *Service) Keep() (int, error) {
	st, err := s.settings()
	return st.Keep, err
}

// Candidates are the folders a manager may tap to set the backup folder.
func (s *Service) Candidates() []string { return folder.Candidates(s.Places) }

// SetFolder makes dir the backup folder, for a member whose role grants
// staff.PermSettings: an absolute path (ErrNotAbsolute) to an existing
// folder (ErrFolderMissing, ErrNotFolder) the kiosk can write in
// (ErrNotWritable). Audited, without the path (a stick's label may be a
// person's name).
func (s *Service) SetFolder(actor store.Actor, dir string) error {
	if err := staff.Allowed(s.db, actor, staff.PermSettings); err != nil {
		return err
	}
	dir, err := folder.Check(dir, nil)
	if err != nil {
		return folderRefusal(dir, err)
	}
	return s.db.Update(actor, "backup.folder", func(tx *store.Txn) error {
		if err := staff.Require(tx, actor, staff.PermSettings); err != nil {
			return err
		}
		st, err := store.GetOr(tx, keySettings, settings{Keep: DefaultKeep})
		if err != nil {
			return err
		}
		st.Dir, st.Mounted = dir, folder.Elsewhere(dir, s.system)
		tx.Note("backup folder set")
		return tx.Put(keySettings, st)
	})
}

// SetKeep sets how many backups the folder keeps (MinKeep to MaxKeep), for
// a member whose role grants staff.PermSettings.
func (s *Service) SetKeep(actor store.Actor, n int) error {
	if err := staff.Allowed(s.db, actor, staff.PermSettings); err != nil {
		return err
	}
	if n < MinKeep || n > MaxKeep {
		return errs.New(CodeKeep, MinKeep, MaxKeep)
	}
	return s.db.Update(actor, "backup.keep", func(tx *store.Txn) error {
		if err := staff.Require(tx, actor, staff.PermSettings); err != nil {
			return err
		}
		st, err := store.GetOr(tx, keySettings, settings{Keep: DefaultKeep})
		if err != nil {
			return err
		}
		tx.Note("keep %d -> %d", st.Keep, n)
		st.Keep = n
		return tx.Put(keySettings, st)
	})
}

// ready is the backup folder if it is there to be written in.
func (s *Service) ready(st settings) error {
	if st.Dir == "" {
		return ErrNoFolder
	}
	fi, err := os.Stat(st.Dir)
	switch {
	case err != nil:
		if r := folderRefusal(st.Dir, err); errs.CodeOf(r) != "" {
			return r
		}
		return fmt.Errorf("%w: %w", errs.New(CodeFolderMissing, st.Dir), err)
	case !fi.IsDir():
		return errs.New(CodeNotFolder, st.Dir)
	case st.Mounted && !folder.Elsewhere(st.Dir, s.system):
		return errs.New(CodeFolderMissing, st.Dir)
	}
	return nil
}

// History is the results kept, newest first.
func (s *Service) History() ([]Result, error) {
	h, err := store.ReadOr(s.db, keyHistory, []Result(nil))
	if err != nil {
		return nil, err
	}
	slices.Reverse(h) // stored oldest first
	return h, nil
}

// Status is the folder and the last and the last good results.
func (s *Service) Status() (Status, error) {
	st, err := s.settings()
	if err != nil {
		return Status{}, err
	}
	h, err := s.History()
	if err != nil {
		return Status{}, err
	}
	out := Status{Folder: st.Dir}
	for i := range h {
		if out.Last == nil {
			out.Last = &h[i]
		}
		if h[i].OK() {
			out.LastGood = &h[i]
			break
		}
	}
	return out, nil
}

// Due reports whether the nightly backup should run at now (see NextRun):
// never while no folder is set, as there is nowhere to write (the staff
// home says so).
func (s *Service) Due(now time.Time) (bool, error) {
	st, err := s.Status()
	if err != nil || st.Folder == "" {
		return false, err
	}
	var good, last time.Time
	if st.LastGood != nil {
		good = st.LastGood.At
	}
	if st.Last != nil {
		last = st.Last.At
	}
	// The attempt this process made counts even if the store could not
	// record it (its own disk full): else the kiosk would back up at every
	// tick.
	if t := s.tried.Load(); t != nil && t.After(last) {
		last = *t
	}
	return !NextRun(now, good, last).After(now), nil
}

// Run backs up into the backup folder, for a member whose role grants
// staff.PermSettings (or the kiosk itself, store.ActorSystem, at night):
// the file kiosk-backup-YYYYMMDD-HHMMSS.kbak, verified (see Write); then
// the folder's own backup files beyond the newest Keep are removed. The
// result, good or the refusal, is recorded in the store and audited
// ("backup.write" / "backup.failed"), except when no folder is set
// (ErrNoFolder) or ctx ends first (the kiosk shutting down). A failed
// backup leaves no file.
func (s *Service) Run(ctx context.Context, actor store.Actor) (Result, error) {
	if err := staff.Allowed(s.db, actor, staff.PermSettings); err != nil {
		return Result{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	st, err := s.settings()
	if err != nil {
		return Result{}, err
	}
	now := s.now()
	res := Result{At: now.UTC().Truncate(time.Second), Folder: st.Dir, Nightly: actor == store.ActorSystem}
	if err := s.ready(st); err != nil {
		if errors.Is(err, ErrNoFolder) {
			return res, err
		}
		return s.record(actor, res, err)
	}
	s.tried.Store(&now)
	name, err := freeName(st.Dir, "kiosk-backup-"+now.In(seoul.Location).Format("20060102-150405"))
	if err != nil {
		return s.record(actor, res, folderRefusal(st.Dir, err))
	}
	info, err := Write(ctx, s.db, filepath.Join(st.Dir, name), Options{Now: s.now, Scratch: s.Scratch, Keys: s.Keys})
	if ctx.Err() != nil {
		return res, ctx.Err()
	}
	res.File = name
	if err != nil {
		return s.record(actor, res, err)
	}
	res.Bytes = info.Bytes
	removed, rerr := rotate(st.Dir, st.Keep, name)
	if rerr != nil {
		slog.Error("removing old backups", "err", rerr)
	}
	return s.record(actor, res, nil, fmt.Sprintf("audit entries %d, old backups removed %d", info.AuditSeq, removed))
}

// record stores res (failed with err when err is set) among the results,
// audited, and returns it with err.
func (s *Service) record(actor store.Actor, res Result, err error, notes ...string) (Result, error) {
	action := "backup.write"
	if err != nil {
		action = "backup.failed"
		res.Code = errs.CodeOf(err)
		if res.Code == "" {
			slog.Error("backup", "err", err)
			res.Code = CodeFailed
			err = fmt.Errorf("%w: %w", ErrFailed, err)
		}
	}
	uerr := s.db.Update(actor, action, func(tx *store.Txn) error {
		h, err := store.GetOr(tx, keyHistory, []Result(nil))
		if err != nil {
			return err
		}
		h = append(h, res)
		if len(h) > historyLen {
			h = h[len(h)-historyLen:]
		}
		if res.OK() {
			tx.Note("file=%s bytes=%d", res.File, res.Bytes)
		} else {
			tx.Note("refused=%s file=%s", res.Code, res.File)
		}
		for _, n := range notes {
			tx.Note("%s", n)
		}
		return tx.Put(keyHistory, h)
	})
	if uerr != nil {
		// The store could not take the result (its own disk full?): the
		// backup itself stands or falls as it did.
		slog.Error("recording a backup's result", "err", uerr)
		if err == nil {
			return res, nil
		}
	}
	return res, err
}

// ownName is the name of a file Run writes: kiosk-backup-YYYYMMDD-HHMMSS
// and, for a second one in the same second, -N, then .kbak.
var ownName = regexp.MustCompile(`^kiosk-backup-(\d{8}-\d{6})(?:-(\d+))?\.kbak$`)

// freeName is base.kbak or base-2.kbak, ... whichever is not in dir.
func freeName(dir, base string) (string, error) {
	for i := 1; i <= 99; i++ {
		name := base + ".kbak"
		if i > 1 {
			name = fmt.Sprintf("%s-%d.kbak", base, i)
		}
		_, err := os.Lstat(filepath.Join(dir, name))
		if errors.Is(err, fs.ErrNotExist) {
			return name, nil
		}
		if err != nil {
			return "", err
		}
	}
	return "", fmt.Errorf("backup: 99 backups named %s in %s", base, dir)
}

// rotate removes the folder's own backups (a regular file named as Run
// names them and starting as a backup does) but the newest keep; any other
// file is left alone.
func rotate(dir string, keep int, made string) (int, error) {
	es, err := os.ReadDir(dir)
	if err != nil {
		return 0, err
	}
	type own struct {
		name  string
		stamp string
		n     int
	}
	var mine []own
	for _, e := range es {
		m := ownName.FindStringSubmatch(e.Name())
		if m == nil || !e.Type().IsRegular() || !isBackup(filepath.Join(dir, e.Name())) {
			continue
		}
		n := 1
		if m[2] != "" {
			n, _ = strconv.Atoi(m[2])
		}
		mine = append(mine, own{e.Name(), m[1], n})
	}
	sort.Slice(mine, func(i, j int) bool {
		// The backup just made is the newest, whatever its name says: a
		// clock that ran ahead once may have named older ones later.
		if (mine[i].name == made) != (mine[j].name == made) {
			return mine[i].name == made
		}
		if mine[i].stamp != mine[j].stamp {
			return mine[i].stamp > mine[j].stamp
		}
		return mine[i].n > mine[j].n
	})
	removed := 0
	var errAll error
	for _, o := range mine[min(keep, len(mine)):] {
		if err := os.Remove(filepath.Join(dir, o.name)); err != nil {
			errAll = errors.Join(errAll, err)
			continue
		}
		removed++
	}
	if removed > 0 {
		export.SyncFolder(dir)
	}
	return removed, errAll
}

// isBackup reports whether the file at path starts as a backup does.
func isBackup(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	b := make([]byte, len(magic))
	_, err = f.Read(b)
	return err == nil && string(b) == string(magic)
}
