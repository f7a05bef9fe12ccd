package main

import (
	"errors"
	"flag"
	"fmt"

	"github.com/yeongdeungpo/kiosk/internal/store"
)

// auditJSON is what audit -verify prints under -json.
type auditJSON struct {
	Entries int  `json:"entries"`
	OK      bool `json:"ok"`
}

// auditCmd verifies the hash chain of the audit log.
type auditCmd struct{ verify bool }

func (*auditCmd) readsOnly() {}

func (c *auditCmd) flags(fs *flag.FlagSet) {
	fs.BoolVar(&c.verify, "verify", false, "walk the whole audit chain")
}

func (c *auditCmd) check(map[string]bool) error {
	if !c.verify {
		return usagef("audit에는 -verify가 필요합니다", "audit needs -verify")
	}
	return nil
}

func (c *auditCmd) run(e *env) error {
	n, err := e.c.DB.VerifyAudit()
	if err != nil && !errors.Is(err, store.ErrAuditBroken) {
		return err
	}
	if err != nil {
		if e.json {
			if werr := e.emit(auditJSON{Entries: n, OK: false}, ""); werr != nil {
				return werr
			}
		}
		return refusedf("감사 기록이 손상되었습니다(정상 %d건 뒤): %v", "the audit log is broken after %d good entries: %v", n, err)
	}
	return e.emit(auditJSON{Entries: n, OK: true},
		fmt.Sprintf("감사 기록 %d건, 연결 정상 / audit log: %d entries, chain intact", n, n))
}
