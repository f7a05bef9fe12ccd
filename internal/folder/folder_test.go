package folder

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"

	"github.com/yeongdeungpo/kiosk/internal/errs"
)

func TestClassify(t *testing.T) {
	for _, c := range []struct {
		err  error
		want Failure
	}{
		{nil, Other},
		{&os.PathError{Op: "write", Path: "/media/usb/x", Err: syscall.ENOSPC}, Full},
		{fmt.Errorf("closing: %w", syscall.EDQUOT), Full},
		{&os.PathError{Op: "open", Path: "/media/usb/x", Err: syscall.EACCES}, Denied},
		{&os.PathError{Op: "open", Path: "/media/usb/x", Err: syscall.EROFS}, Denied},
		{os.ErrPermission, Denied},
		{&os.PathError{Op: "open", Path: "/media/usb", Err: syscall.ENOENT}, Missing},
		{&os.PathError{Op: "open", Path: "/media/usb/x", Err: syscall.ENOTDIR}, Missing},
		{&os.PathError{Op: "write", Path: "/media/usb/x", Err: syscall.ENODEV}, Missing},
		{&os.PathError{Op: "write", Path: "/media/usb/x", Err: syscall.EIO}, Other},
		{errors.New("something else"), Other},
	} {
		if got := Classify(c.err); got != c.want {
			t.Errorf("Classify(%v) = %d, want %d", c.err, got, c.want)
		}
	}
}

func TestCandidates(t *testing.T) {
	media := t.TempDir()
	home := filepath.Join(t.TempDir(), "홈 [kiosk]*") // glob characters in a real name
	for _, d := range []string{"media/kiosk/USB B", "media/kiosk/USB A", "media/kiosk/.hidden", "mnt/backup", home} {
		p := d
		if !filepath.IsAbs(d) {
			p = filepath.Join(media, d)
		}
		if err := os.MkdirAll(p, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(media, "mnt", "a-file"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	places := []string{
		filepath.Join(EscapeGlob(media), "media", "*", "*"),
		filepath.Join(EscapeGlob(media), "mnt", "*"),
		filepath.Join(EscapeGlob(media), "media", "kiosk", "*"), // the same sticks again
		EscapeGlob(home),
		"[", // a bad pattern is skipped
	}
	want := []string{
		filepath.Join(media, "media/kiosk/USB A"),
		filepath.Join(media, "media/kiosk/USB B"),
		filepath.Join(media, "mnt/backup"),
		home,
	}
	if got := Candidates(places); !slices.Equal(got, want) {
		t.Fatalf("Candidates = %q\nwant %q", got, want)
	}
}

func TestProbe(t *testing.T) {
	dir := t.TempDir()
	if err := Probe(dir); err != nil {
		t.Fatal(err)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Fatalf("Probe left %d files", len(left))
	}
	if err := Probe(filepath.Join(dir, "gone")); Classify(err) != Missing {
		t.Fatalf("Probe of a missing folder = %v, classified %d", err, Classify(err))
	}
	if os.Geteuid() != 0 { // root writes anywhere
		ro := filepath.Join(dir, "ro")
		if err := os.Mkdir(ro, 0o500); err != nil {
			t.Fatal(err)
		}
		if err := Probe(ro); Classify(err) != Denied {
			t.Fatalf("Probe of a read-only folder = %v, classified %d", err, Classify(err))
		}
	}
}

func TestElsewhere(t *testing.T) {
	dir := t.TempDir()
	if Elsewhere(dir, dir) {
		t.Fatal("a folder is elsewhere than itself")
	}
	if Elsewhere(filepath.Join(dir, "gone"), "/") {
		t.Fatal("a missing folder taken for a stick")
	}
	// /proc is another file system than the temporary folder wherever
	// Linux mounts it.
	if _, err := os.Stat("/proc/self"); err == nil && !Elsewhere("/proc", dir) {
		t.Fatal("/proc not elsewhere than the temporary folder")
	}
}

func TestCheckAndRefusal(t *testing.T) {
	codes := Codes{NotAbsolute: "t.not_absolute", NotFolder: "t.not_folder", Missing: "t.missing", Denied: "t.denied", Full: "t.full"}
	dir := t.TempDir()
	file := filepath.Join(dir, "a-file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	full := func(string) error { return &os.PathError{Op: "write", Path: dir, Err: syscall.ENOSPC} }
	for _, c := range []struct {
		dir   string
		probe func(string) error
		clean string
		code  errs.Code // "": accepted
	}{
		{dir: dir + "/./", clean: dir},
		{dir: "relative/path", clean: "relative/path", code: "t.not_absolute"},
		{dir: filepath.Join(dir, "gone"), clean: filepath.Join(dir, "gone"), code: "t.missing"},
		{dir: file, clean: file, code: "t.not_folder"},
		{dir: dir, probe: full, clean: dir, code: "t.full"},
	} {
		clean, err := Check(c.dir, c.probe)
		if clean != c.clean {
			t.Errorf("Check(%q) cleaned to %q, want %q", c.dir, clean, c.clean)
		}
		if c.code == "" {
			if err != nil {
				t.Errorf("Check(%q) = %v", c.dir, err)
			}
			continue
		}
		r := codes.Refusal(clean, err)
		if errs.CodeOf(r) != c.code {
			t.Errorf("Check(%q): %v, refused as %q, want %q", c.dir, err, errs.CodeOf(r), c.code)
		}
	}
	odd := errors.New("an I/O error")
	if r := codes.Refusal(dir, odd); r != odd {
		t.Errorf("an error Refusal cannot place became %v", r)
	}
}

func TestDefaultPlaces(t *testing.T) {
	d := DefaultPlaces()
	for _, p := range []string{"/media/*/*", "/run/media/*/*", "/mnt/*"} {
		if !slices.Contains(d, p) {
			t.Errorf("DefaultPlaces %q lack %q", d, p)
		}
	}
	if h, err := os.UserHomeDir(); err == nil && !slices.Contains(d, EscapeGlob(h)) {
		t.Errorf("DefaultPlaces %q lack home %q", d, h)
	}
}
