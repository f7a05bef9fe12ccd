package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"github.com/yeongdeungpo/kiosk/internal/backup"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// backupJSON is what backup prints under -json.
type backupJSON struct {
	File  string `json:"file"`
	Bytes int64  `json:"bytes"`
}

// backupCmd writes a verified backup file of the data directory.
type backupCmd struct{ out string }

func (c *backupCmd) flags(fs *flag.FlagSet) {
	fs.StringVar(&c.out, "o", "", "the backup file to write")
}

func (c *backupCmd) check(set map[string]bool) error {
	if !set["o"] || c.out == "" {
		return missing("o")
	}
	return nil
}

func (c *backupCmd) run(e *env) error {
	path, err := filepath.Abs(c.out)
	if err != nil {
		return err
	}
	// Verified in a scratch store beside the data directory, on its disk.
	scratch := filepath.Dir(filepath.Clean(e.c.DB.Dir()))
	info, err := backup.Write(context.Background(), e.c.DB, path, backup.Options{Scratch: scratch, Keys: e.c.Keys.Marshal})
	if err != nil {
		return err
	}
	err = e.c.DB.Update(store.ActorCLI, "backup.write", func(tx *store.Txn) error {
		tx.Note("file=%s bytes=%d", filepath.Base(path), info.Bytes)
		tx.Note("audit entries %d", info.AuditSeq)
		return nil
	})
	if err != nil {
		return err
	}
	return e.emit(backupJSON{File: path, Bytes: info.Bytes},
		fmt.Sprintf("백업 완료(확인됨): %s, %s바이트 / backup written and verified: %s, %s bytes",
			path, grouped(info.Bytes), path, grouped(info.Bytes)))
}

// restoreJSON is what restore prints under -json.
type restoreJSON struct {
	Dir     string `json:"dir"`
	File    string `json:"file"`
	Created string `json:"created"`
	Entries int    `json:"entries"`
}

// directRunner is a command that works on the data directory itself, not
// on the centre opened in it: restore fills a directory that must not be
// opened (let alone set up) before.
type directRunner interface {
	runDirect(g globals, stdout io.Writer) error
}

// restoreCmd restores a backup file into an empty (or new) -data
// directory.
type restoreCmd struct{ in string }

func (c *restoreCmd) flags(fs *flag.FlagSet) {
	fs.StringVar(&c.in, "i", "", "the backup file to restore")
}

func (c *restoreCmd) check(set map[string]bool) error {
	if !set["i"] || c.in == "" {
		return missing("i")
	}
	return nil
}

// run is never reached: restore runs through runDirect.
func (c *restoreCmd) run(*env) error {
	return fmt.Errorf("restore runs on the directory itself")
}

func (c *restoreCmd) runDirect(g globals, stdout io.Writer) error {
	dir, err := filepath.Abs(g.data)
	if err != nil {
		return err
	}
	info, entries, err := backup.Restore(c.in, dir, store.ActorCLI)
	if err != nil {
		return err
	}
	e := &env{out: stdout, json: g.json}
	return e.emit(restoreJSON{Dir: dir, File: c.in, Created: stamp(info.Created), Entries: entries},
		fmt.Sprintf("복원 완료: %s (%s 백업, 감사 기록 %d건) / restored into %s (backup of %s, %d audit entries)",
			dir, stamp(info.Created), entries, dir, stamp(info.Created), entries))
}
