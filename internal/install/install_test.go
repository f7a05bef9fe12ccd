package install

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// fakeBin is a folder with stand-ins for the built programs.
func fakeBin(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"kiosk", "kioskctl"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("#!/bin/sh\necho "+name+"\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// script runs one of the scripts with DESTDIR and PREFIX.
func script(t *testing.T, name, dest, prefix string, args ...string) {
	t.Helper()
	cmd := exec.Command("bash", append([]string{name}, args...)...)
	cmd.Env = append(os.Environ(), "DESTDIR="+dest, "PREFIX="+prefix)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", name, err, out)
	}
}

// files lists every file under root (relative, with its mode).
func files(t *testing.T, root string) map[string]fs.FileMode {
	t.Helper()
	out := map[string]fs.FileMode{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		out["/"+rel] = info.Mode().Perm()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// laidOut is every file install.sh lays out under PREFIX, with its mode.
var laidOut = map[string]fs.FileMode{
	"/bin/startup-kiosk":                                        0o755,
	"/bin/kioskctl":                                             0o755,
	"/lib/startup-kiosk/session":                                0o755,
	"/lib/startup-kiosk/stop":                                   0o755,
	"/lib/systemd/system/startup-kiosk.service":                 0o644,
	"/lib/sysusers.d/startup-kiosk.conf":                        0o644,
	"/lib/tmpfiles.d/startup-kiosk.conf":                        0o644,
	"/share/applications/kr.go.ydp.startupcentre.kiosk.desktop": 0o644,
	"/share/pixmaps/kr.go.ydp.startupcentre.kiosk.png":          0o644,
	"/share/doc/startup-kiosk/README.md":                        0o644,
}

// systemFiles are the system's own programs the unit runs (Debian's
// packages: make install brings them), under /usr like a PREFIX of /usr.
var systemFiles = map[string]bool{"/usr/bin/xinit": true, "/usr/bin/chvt": true}

// absPaths are the absolute paths a unit or script names.
var absPaths = regexp.MustCompile(`(?:^|[\s=+]|file://)(/[A-Za-z0-9_./-]+)`)

func TestInstallLaysOutWhatTheUnitsReference(t *testing.T) {
	for _, prefix := range []string{"/usr/local", "/usr"} {
		t.Run(prefix, func(t *testing.T) {
			dest := t.TempDir()
			script(t, "install.sh", dest, prefix, fakeBin(t))
			want := map[string]fs.FileMode{}
			for p, m := range laidOut {
				want[prefix+p] = m
			}
			got := files(t, dest)
			for p, m := range want {
				if got[p] != m {
					t.Errorf("%s: mode %v, want %v (installed: %v)", p, got[p], m, got)
				}
			}
			for p := range got {
				if _, ok := want[p]; !ok {
					t.Errorf("%s installed, not in the list", p)
				}
			}
			// Every path the unit, its scripts and the desktop entry name
			// under the prefix is installed (outside it, the system's:
			// /bin/sh, /dev/tty7...); no placeholder is left.
			for _, f := range []string{"/lib/systemd/system/startup-kiosk.service", "/lib/startup-kiosk/session", "/lib/startup-kiosk/stop", "/share/applications/kr.go.ydp.startupcentre.kiosk.desktop"} {
				raw, err := os.ReadFile(filepath.Join(dest, prefix, f))
				if err != nil {
					t.Fatal(err)
				}
				if bytes.Contains(raw, []byte("@PREFIX@")) {
					t.Errorf("%s keeps a @PREFIX@", f)
				}
				for _, m := range absPaths.FindAllStringSubmatch(string(raw), -1) {
					p := strings.TrimSuffix(m[1], ".")
					if !strings.HasPrefix(p, prefix+"/") || systemFiles[p] {
						continue
					}
					if _, ok := got[p]; !ok {
						t.Errorf("%s names %s, which is not installed", f, p)
					}
				}
			}
			desktop, _ := os.ReadFile(filepath.Join(dest, prefix, "share/applications/kr.go.ydp.startupcentre.kiosk.desktop"))
			if !bytes.Contains(desktop, []byte("\nIcon=kr.go.ydp.startupcentre.kiosk\n")) {
				t.Error("the desktop entry's icon is not the installed pixmap")
			}

			script(t, "uninstall.sh", dest, prefix)
			if left := files(t, dest); len(left) != 0 {
				t.Errorf("uninstall left %v", slices.Sorted(maps.Keys(left)))
			}
		})
	}
}

// TestUnitVerifies runs systemd-analyze verify on the installed unit (make
// test installs systemd and xinit for it): an unknown key, a bad value or a
// command that is not there is reported, and fails the test.
func TestUnitVerifies(t *testing.T) {
	analyze, err := exec.LookPath("systemd-analyze")
	if err != nil {
		t.Skip("systemd-analyze is not installed (make test-deps installs it)")
	}
	dest := t.TempDir()
	script(t, "install.sh", dest, "/usr/local", fakeBin(t))
	unit := filepath.Join(dest, "usr/local/lib/systemd/system/startup-kiosk.service")
	for _, c := range []struct {
		name  string
		edit  func(string) string
		clean bool
	}{
		{"as installed", func(s string) string { return s }, true},
		{"a misspelt key", func(s string) string { return strings.Replace(s, "TTYVHangup=", "TTYVHangupp=", 1) }, false},
		{"a bad restart policy", func(s string) string { return strings.Replace(s, "Restart=always", "Restart=alwayz", 1) }, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			raw, err := os.ReadFile(unit)
			if err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(t.TempDir(), "startup-kiosk.service")
			if err := os.WriteFile(p, []byte(c.edit(string(raw))), 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(analyze, "verify", p).CombinedOutput()
			clean := err == nil && len(bytes.TrimSpace(out)) == 0
			if clean != c.clean {
				t.Fatalf("systemd-analyze verify: %v\n%s", err, out)
			}
		})
	}
}

// TestUserAndHome applies the installed sysusers.d and tmpfiles.d files to
// a scratch root, as the install does to the system: the startup-kiosk
// user, in the video and input groups, with its home 0700 and its own.
func TestUserAndHome(t *testing.T) {
	sysusers, err1 := exec.LookPath("systemd-sysusers")
	tmpfiles, err2 := exec.LookPath("systemd-tmpfiles")
	if err1 != nil || err2 != nil || os.Geteuid() != 0 {
		t.Skip("needs systemd-sysusers, systemd-tmpfiles and root (make test-deps installs systemd; CI runs as root)")
	}
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "etc"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"passwd", "group"} {
		if err := os.WriteFile(filepath.Join(root, "etc", f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := func(tool, conf string, args ...string) {
		t.Helper()
		in, err := os.Open(conf)
		if err != nil {
			t.Fatal(err)
		}
		defer in.Close()
		cmd := exec.Command(tool, append(append([]string{"--root=" + root}, args...), "-")...)
		cmd.Stdin = in
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s %s: %v\n%s", tool, conf, err, out)
		}
	}
	run(sysusers, "sysusers.conf")
	run(tmpfiles, "tmpfiles.conf", "--create")
	passwd, _ := os.ReadFile(filepath.Join(root, "etc/passwd"))
	group, _ := os.ReadFile(filepath.Join(root, "etc/group"))
	user := regexp.MustCompile(`(?m)^startup-kiosk:x:(\d+):(\d+):[^:]*:/var/lib/startup-kiosk:/usr/sbin/nologin$`).FindSubmatch(passwd)
	if user == nil {
		t.Fatalf("no startup-kiosk user with its home in /etc/passwd:\n%s", passwd)
	}
	for _, g := range []string{"video", "input"} {
		if !regexp.MustCompile(`(?m)^` + g + `:x:\d+:.*\bstartup-kiosk\b`).Match(group) {
			t.Errorf("startup-kiosk not in group %s:\n%s", g, group)
		}
	}
	home, err := os.Stat(filepath.Join(root, "var/lib/startup-kiosk"))
	if err != nil {
		t.Fatal(err)
	}
	if home.Mode().Perm() != 0o700 || !home.IsDir() {
		t.Errorf("home mode %v, want a 0700 folder", home.Mode())
	}
	if st, ok := home.Sys().(*syscall.Stat_t); ok && (fmt.Sprint(st.Uid) != string(user[1]) || fmt.Sprint(st.Gid) != string(user[2])) {
		t.Errorf("home owned by %d:%d, want the user %s:%s", st.Uid, st.Gid, user[1], user[2])
	}
}
