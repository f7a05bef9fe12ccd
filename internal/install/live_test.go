package install

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/seoul"
)

// The kiosk stand-in install.sh copies to PREFIX/bin/startup-kiosk: the
// real program needs cgo and GL to build, and the script only copies it.
const kioskStandIn = "#!/bin/sh\n# stand-in for the kiosk in internal/install's live test\nexit 0\n"

// stubs writes systemctl, systemd-sysusers and systemd-tmpfiles stand-ins
// into a new folder and returns it, to go first on PATH. Each appends its
// call to calls, with what the update had done by then: which kioskctl was
// at PREFIX/bin/kioskctl (N, N+1, none), how many .kbak files backups held,
// and whether the unit file was laid out. systemctl answers is-active from
// the state file, which stop and start set; the systemd tools fail, as the
// real ones do, when the file they are given is not there. Anything else
// fails loudly.
func stubs(t *testing.T, prefix, home, older, newer, calls, state string) string {
	t.Helper()
	q := func(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }
	ctl, unit := q(prefix+"/bin/kioskctl"), q(prefix+"/lib/systemd/system/startup-kiosk.service")
	log := `#!/bin/sh
ctl=none
if cmp -s ` + ctl + ` ` + q(older) + `; then ctl=N
elif cmp -s ` + ctl + ` ` + q(newer) + `; then ctl=N+1
elif [ -e ` + ctl + ` ]; then ctl=other
fi
kbak=$(ls ` + q(home+"/backups") + ` 2>/dev/null | grep -c '\.kbak$')
unit=no
if [ -e ` + unit + ` ]; then unit=yes; fi
printf '%s %s (kioskctl %s, %s backups, unit %s)\n' "$(basename "$0")" "$*" "$ctl" "$kbak" "$unit" >>` + q(calls) + `
`
	tool := log + `for last; do :; done
if [ ! -f "$last" ]; then echo "$(basename "$0"): $last: no such file" >&2; exit 1; fi
`
	body := map[string]string{
		"systemctl": log + `case "$1" in
is-active) cat ` + q(state) + `; [ "$(cat ` + q(state) + `)" = active ] ;;
stop) echo inactive >` + q(state) + ` ;;
start) echo active >` + q(state) + ` ;;
daemon-reload | enable) ;;
*) echo "systemctl stand-in: unexpected call: $*" >&2; exit 99 ;;
esac
`,
		"systemd-sysusers": tool,
		"systemd-tmpfiles": tool,
	}
	dir := t.TempDir()
	for name, b := range body {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(b), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// bookTwo books, pays and issues a pass for two rooms a weekday ahead with
// bin on dir, as an operator would, and returns the bookings' ids and
// their pass lines.
func bookTwo(t *testing.T, bin, dir string) (ids, passes []string) {
	t.Helper()
	day := seoul.Midnight(seoul.Now()).AddDate(0, 0, 7)
	for day.Weekday() == time.Saturday || day.Weekday() == time.Sunday {
		day = day.AddDate(0, 0, 1)
	}
	d := day.Format("2006-01-02")
	for _, b := range []struct{ room, from, to, name, phone string }{
		{"seminar", d + "T10:00", d + "T12:00", "홍길동", "010-1234-5678"},
		{"meeting", d + "T13:00", d + "T14:00", "김하나", "010-2222-3333"},
	} {
		id := idField.FindStringSubmatch(must(t, bin, dir, "book", "-room", b.room, "-from", b.from, "-to", b.to, "-name", b.name, "-phone", b.phone))[1]
		must(t, bin, dir, "pay", "-booking", id)
		ids, passes = append(ids, id), append(passes, must(t, bin, dir, "pass", "-booking", id))
	}
	return ids, passes
}

// withoutEnv is the environment less the variables install.sh reads.
func withoutEnv(names ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !slices.Contains(names, kv[:strings.IndexByte(kv+"=", '=')]) {
			env = append(env, kv)
		}
	}
	return env
}

var preUpdate = regexp.MustCompile(`^pre-update-\d{8}-\d{6}\.kbak$`)

// TestLiveUpdate runs install.sh as the contractor does on the kiosk PC —
// as root, no DESTDIR — on a scratch system: PREFIX and KIOSK_HOME are
// temporary folders, KIOSK_USER is the user running the test (root), and
// systemctl and the systemd tools are stand-ins that log their calls.
// Version N's kioskctl is installed and has written the data; the update
// brings version N+1 (built with kiosk_next_schema). The order of the
// update is checked on what happened: the running kiosk is stopped, the
// data backed up by the kioskctl already installed, the files replaced,
// the user, home and unit applied, and the kiosk started again; a failed
// backup replaces nothing and starts the old kiosk again.
func TestLiveUpdate(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("install.sh updates the live system only as root (CI runs as root)")
	}
	if testing.Short() {
		t.Skip("builds kioskctl twice")
	}
	me, err := user.Current()
	if err != nil {
		t.Fatal(err)
	}
	bins := t.TempDir()
	older := buildKioskctl(t, bins, "kioskctl-n")
	built := filepath.Join(bins, "new") // what make install's BINDIR holds
	if err := os.Mkdir(built, 0o755); err != nil {
		t.Fatal(err)
	}
	newer := buildKioskctl(t, built, "kioskctl", "kiosk_next_schema")
	if err := os.WriteFile(filepath.Join(built, "kiosk"), []byte(kioskStandIn), 0o755); err != nil {
		t.Fatal(err)
	}
	olderBytes, _ := os.ReadFile(older)
	newerBytes, _ := os.ReadFile(newer)

	const (
		noData = iota
		goodData
		damagedData // its MANIFEST removed: kioskctl N refuses it
	)
	const (
		isActive  = "systemctl is-active startup-kiosk.service"
		stop      = "systemctl stop startup-kiosk.service"
		start     = "systemctl start startup-kiosk.service"
		sysusers  = "systemd-sysusers PREFIX/lib/sysusers.d/startup-kiosk.conf"
		tmpfiles  = "systemd-tmpfiles --create PREFIX/lib/tmpfiles.d/startup-kiosk.conf"
		reload    = "systemctl daemon-reload"
		enable    = "systemctl enable startup-kiosk.service"
		before    = " (kioskctl N, 0 backups, unit no)"
		after     = " (kioskctl N+1, 1 backups, unit yes)"
		firstTime = " (kioskctl N+1, 0 backups, unit yes)"
		pruned    = " (kioskctl N+1, 5 backups, unit yes)" // the newest five kept

		restarting = "install: the update failed; starting the kiosk again, as it was running"
	)
	for _, c := range []struct {
		name      string
		running   string // the stand-in systemctl's unit state ("": inactive)
		installed bool   // version N's kioskctl is at PREFIX/bin/kioskctl
		data      int
		code      int
		calls     []string
		blocked   string   // a plain file here, under HOME or PREFIX, where a folder must be made
		linked    bool     // HOME/backups is a link to a folder elsewhere
		older     int      // pre-update backups already there, from earlier updates
		stdout    []string // lines the output holds (BACKUP: the backup's path)
		stderr    []string // lines stderr holds
		backup    bool     // a pre-update backup is taken, and the files replaced
		endState  string
	}{
		{
			name: "update while running", running: "active", installed: true, data: goodData,
			calls: []string{isActive + before, stop + before,
				sysusers + after, tmpfiles + after, reload + after, enable + after, start + after},
			stdout: []string{"install: stopping the running kiosk (SIGTERM)", "install: backing up HOME/data to BACKUP",
				"install: starting the kiosk again"},
			backup: true, endState: "active",
		},
		{
			// Between two starts after a crash (Restart=always): stopped
			// before the backup, started again after.
			name: "update while restarting", running: "activating", installed: true, data: goodData,
			calls: []string{isActive + before, stop + before,
				sysusers + after, tmpfiles + after, reload + after, enable + after, start + after},
			stdout: []string{"install: stopping the running kiosk (SIGTERM)", "install: backing up HOME/data to BACKUP",
				"install: starting the kiosk again"},
			backup: true, endState: "active",
		},
		{
			name: "the backup fails while running", running: "active", installed: true, data: damagedData, code: 1,
			calls:    []string{isActive + before, stop + before, start + before},
			stderr:   []string{"install: the backup failed; nothing was replaced", restarting},
			endState: "active",
		},
		{
			name: "the backups folder cannot be made while running", running: "active", installed: true, data: goodData, code: 1,
			blocked:  "HOME/backups",
			calls:    []string{isActive + before, stop + before, start + before},
			stderr:   []string{"install: the backup failed; nothing was replaced", restarting},
			endState: "active",
		},
		{
			// Root must not make (or chown) a folder through a link the
			// kiosk's user could have planted in its home.
			name: "the backups folder is a link while running", running: "active", installed: true, data: goodData, code: 1,
			linked:   true,
			calls:    []string{isActive + before, stop + before, start + before},
			stderr:   []string{"install: the backup failed; nothing was replaced", restarting},
			endState: "active",
		},
		{
			name: "update with six earlier backups", running: "active", installed: true, data: goodData, older: 6,
			calls: []string{isActive + " (kioskctl N, 6 backups, unit no)", stop + " (kioskctl N, 6 backups, unit no)",
				sysusers + pruned, tmpfiles + pruned, reload + pruned, enable + pruned, start + pruned},
			backup: true, endState: "active",
		},
		{
			// A disk full while copying fails the same way: the kiosk
			// that was running comes back, whichever files were copied.
			name: "a file cannot be laid out while running", running: "active", installed: true, data: goodData, code: 1,
			blocked: "PREFIX/share/doc/startup-kiosk",
			calls:   []string{isActive + before, stop + before, start + after},
			stdout:  []string{"install: stopping the running kiosk (SIGTERM)", "install: backing up HOME/data to BACKUP"},
			stderr:  []string{restarting},
			backup:  true, endState: "active",
		},
		{
			name: "the backup fails while stopped", installed: true, data: damagedData, code: 1,
			calls:    []string{isActive + before},
			stderr:   []string{"install: the backup failed; nothing was replaced"},
			endState: "inactive",
		},
		{
			name: "update while stopped", installed: true, data: goodData,
			calls:  []string{isActive + before, sysusers + after, tmpfiles + after, reload + after, enable + after},
			stdout: []string{"install: backing up HOME/data to BACKUP", "install: done; start it with: systemctl start startup-kiosk.service (it starts at every boot)"},
			backup: true, endState: "inactive",
		},
		{
			// The data of an install under another PREFIX: no kioskctl
			// here knows its schema, so no backup, and it says so.
			name: "data but no installed kioskctl", data: goodData,
			calls:    []string{isActive + " (kioskctl none, 0 backups, unit no)", sysusers + firstTime, tmpfiles + firstTime, reload + firstTime, enable + firstTime},
			stderr:   []string{"install: warning: HOME/data is there but no kioskctl is installed in PREFIX/bin to back it up with; no backup was taken"},
			endState: "inactive",
		},
		{
			name:     "first install",
			calls:    []string{isActive + " (kioskctl none, 0 backups, unit no)", sysusers + firstTime, tmpfiles + firstTime, reload + firstTime, enable + firstTime},
			stdout:   []string{"install: done; start it with: systemctl start startup-kiosk.service (it starts at every boot)"},
			endState: "inactive",
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			root := t.TempDir()
			prefix, home := filepath.Join(root, "usr"), filepath.Join(root, "home")
			calls, state := filepath.Join(root, "calls"), filepath.Join(root, "state")
			data := filepath.Join(home, "data")
			if c.installed {
				if err := os.MkdirAll(filepath.Join(prefix, "bin"), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(prefix, "bin/kioskctl"), olderBytes, 0o755); err != nil {
					t.Fatal(err)
				}
			}
			var ids, passes []string
			if c.data != noData {
				if err := os.Mkdir(home, 0o700); err != nil {
					t.Fatal(err)
				}
				ids, passes = bookTwo(t, older, data)
			}
			if c.data == damagedData {
				if err := os.Remove(filepath.Join(data, "MANIFEST")); err != nil {
					t.Fatal(err)
				}
			}
			var elsewhere string // where the backups link points
			if c.linked {
				elsewhere = t.TempDir()
				if err := os.Symlink(elsewhere, filepath.Join(home, "backups")); err != nil {
					t.Fatal(err)
				}
			}
			var earlier []string
			for i := range c.older {
				if err := os.MkdirAll(filepath.Join(home, "backups"), 0o700); err != nil {
					t.Fatal(err)
				}
				name := fmt.Sprintf("pre-update-2020010%d-000000.kbak", i+1)
				p := filepath.Join(home, "backups", name)
				if err := os.WriteFile(p, []byte("an earlier backup"), 0o600); err != nil {
					t.Fatal(err)
				}
				when := time.Date(2020, 1, i+1, 0, 0, 0, 0, time.UTC)
				if err := os.Chtimes(p, when, when); err != nil {
					t.Fatal(err)
				}
				earlier = append(earlier, name)
			}
			if c.blocked != "" {
				p := strings.NewReplacer("HOME", home, "PREFIX", prefix).Replace(c.blocked)
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, nil, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			wasActive := "inactive"
			if c.running != "" {
				wasActive = c.running
			}
			if err := os.WriteFile(state, []byte(wasActive+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			stubDir := stubs(t, prefix, home, older, newer, calls, state)

			cmd := exec.Command("bash", "install.sh", built)
			cmd.Env = append(withoutEnv("DESTDIR", "PREFIX", "KIOSK_HOME", "KIOSK_USER", "PATH"),
				"PATH="+stubDir+string(os.PathListSeparator)+os.Getenv("PATH"),
				"PREFIX="+prefix, "KIOSK_HOME="+home, "KIOSK_USER="+me.Username)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			code := 0
			if ee := (*exec.ExitError)(nil); errors.As(err, &ee) {
				code = ee.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			if code != c.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, c.code, &stdout, &stderr)
			}

			// The calls, in order, and what had happened by each.
			raw, err := os.ReadFile(calls)
			if err != nil && !errors.Is(err, os.ErrNotExist) {
				t.Fatal(err)
			}
			got := strings.Split(strings.TrimSuffix(strings.ReplaceAll(string(raw), prefix, "PREFIX"), "\n"), "\n")
			if !slices.Equal(got, c.calls) {
				t.Errorf("calls:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(c.calls, "\n  "))
			}
			if s, _ := os.ReadFile(state); strings.TrimSpace(string(s)) != c.endState {
				t.Errorf("the unit ends %s, want %s", bytes.TrimSpace(s), c.endState)
			}
			for _, line := range c.stderr {
				line = strings.NewReplacer("HOME", home, "PREFIX", prefix).Replace(line)
				if !slices.Contains(strings.Split(stderr.String(), "\n"), line) {
					t.Errorf("stderr lacks %q:\n%s", line, &stderr)
				}
			}

			// The pre-update backup: one file, the user's own, that the
			// new version restores with the bookings and passes in it.
			backups := filepath.Join(home, "backups")
			entries, err := os.ReadDir(backups)
			switch {
			case c.backup:
				// The new one, and the newest earlier ones: five in all.
				var fresh []string
				var kept []string
				for _, e := range entries {
					if slices.Contains(earlier, e.Name()) {
						kept = append(kept, e.Name())
					} else {
						fresh = append(fresh, e.Name())
					}
				}
				wantKept := earlier[max(0, len(earlier)-4):]
				if err != nil || len(fresh) != 1 || !preUpdate.MatchString(fresh[0]) || !slices.Equal(kept, wantKept) {
					t.Fatalf("backups folder: %v %v; want one new pre-update-*.kbak and the earlier %v", entries, err, wantKept)
				}
				file := filepath.Join(backups, fresh[0])
				for p, mode := range map[string]os.FileMode{backups: os.ModeDir | 0o700, file: 0o600} {
					info, err := os.Stat(p)
					if err != nil {
						t.Fatal(err)
					}
					st := info.Sys().(*syscall.Stat_t)
					if info.Mode() != mode || me.Uid != strconv.FormatUint(uint64(st.Uid), 10) || me.Gid != strconv.FormatUint(uint64(st.Gid), 10) {
						t.Errorf("%s: %v %d:%d, want %v %s:%s", p, info.Mode(), st.Uid, st.Gid, mode, me.Uid, me.Gid)
					}
				}
				restored := filepath.Join(t.TempDir(), "data")
				must(t, newer, restored, "restore", "-i", file)
				for i, id := range ids {
					if again := must(t, newer, restored, "pass", "-booking", id); again != passes[i] {
						t.Errorf("pass %d from the restored backup: %s, was %s", i, again, passes[i])
					}
				}
				// The update left the data at version N's schema: the
				// backup was kioskctl N's, and only the new kiosk's first
				// start migrates (kioskctl N+1 opening it would have, and N
				// would refuse it now).
				if r := kioskctl(t, older, data, "audit", "-verify"); r.code != 0 {
					t.Errorf("kioskctl N on the data after the update: exit %d, %s", r.code, r.stderr)
				}
				for i, line := range c.stdout {
					c.stdout[i] = strings.NewReplacer("HOME", home, "BACKUP", file).Replace(line)
				}
			case c.blocked == "HOME/backups":
				// It stays the file it was.
			case c.linked:
				if inside, err := os.ReadDir(elsewhere); err != nil || len(inside) != 0 {
					t.Errorf("written through the backups link: %v %v", inside, err)
				}
				if fi, err := os.Lstat(backups); err != nil || fi.Mode()&os.ModeSymlink == 0 {
					t.Errorf("the backups link became %v, %v", fi, err)
				}
			case c.data != noData && c.installed:
				if err != nil || len(entries) != 0 {
					t.Errorf("backups folder after a failed backup: %v %v; want it empty", entries, err)
				}
			default:
				if !errors.Is(err, os.ErrNotExist) {
					t.Errorf("backups folder on a first install: %v %v; want none", entries, err)
				}
			}
			for _, line := range c.stdout {
				if !slices.Contains(strings.Split(stdout.String(), "\n"), line) {
					t.Errorf("the output lacks %q:\n%s", line, &stdout)
				}
			}

			// The files: all of them, the new programs, after an update
			// or a first install; after a failed backup, only what was
			// there, as it was (a failed copy leaves what it copied).
			laid := files(t, prefix)
			ctl, _ := os.ReadFile(filepath.Join(prefix, "bin/kioskctl"))
			if c.code != 0 {
				if !c.backup && (!slices.Equal(slices.Sorted(maps.Keys(laid)), []string{"/bin/kioskctl"}) || !bytes.Equal(ctl, olderBytes)) {
					t.Errorf("after a failed backup PREFIX holds %v (kioskctl N's bytes: %v); want only kioskctl N", slices.Sorted(maps.Keys(laid)), bytes.Equal(ctl, olderBytes))
				}
				return
			}
			for p, m := range laidOut {
				if laid[p] != m {
					t.Errorf("PREFIX%s: mode %v, want %v", p, laid[p], m)
				}
			}
			if len(laid) != len(laidOut) {
				t.Errorf("PREFIX holds %v, want %d files", slices.Sorted(maps.Keys(laid)), len(laidOut))
			}
			if !bytes.Equal(ctl, newerBytes) {
				t.Error("PREFIX/bin/kioskctl is not version N+1's")
			}
			if k, _ := os.ReadFile(filepath.Join(prefix, "bin/startup-kiosk")); string(k) != kioskStandIn {
				t.Errorf("PREFIX/bin/startup-kiosk is %q, not the kiosk given", k)
			}
		})
	}
}
