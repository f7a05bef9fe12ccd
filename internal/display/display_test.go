package display

import (
	"errors"
	"net"
	"strconv"
	"strings"
	"testing"
)

func TestXAddress(t *testing.T) {
	cases := []struct {
		in, network, addr string
		bad               bool
	}{
		{in: ":0", network: "unix", addr: "/tmp/.X11-unix/X0"},
		{in: ":99.0", network: "unix", addr: "/tmp/.X11-unix/X99"},
		{in: "unix:3", network: "unix", addr: "/tmp/.X11-unix/X3"},
		{in: "localhost:10.0", network: "tcp", addr: "localhost:6010"},
		{in: "[::1]:2", network: "tcp", addr: "[::1]:6002"},
		{in: "nonsense", bad: true},
		{in: ":x", bad: true},
		{in: ":-1", bad: true},
	}
	for _, c := range cases {
		n, a, err := xAddress(c.in)
		if c.bad {
			if err == nil {
				t.Errorf("%q accepted as %s %s", c.in, n, a)
			}
			continue
		}
		if err != nil || n != c.network || a != c.addr {
			t.Errorf("%q = %s %s %v; want %s %s", c.in, n, a, err, c.network, c.addr)
		}
	}
}

func TestCheck(t *testing.T) {
	t.Setenv("WAYLAND_DISPLAY", "")
	t.Setenv("DISPLAY", "")
	if err := Check(); !errors.Is(err, ErrNoDisplay) {
		t.Fatalf("no DISPLAY: %v", err)
	}
	t.Setenv("DISPLAY", "127.0.0.1:5987") // nothing listens on 11987
	if err := Check(); !errors.Is(err, ErrNoDisplay) {
		t.Fatalf("dead display: %v", err)
	}
	// A listening socket counts as a display.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skip("no loopback")
	}
	defer l.Close()
	port := l.Addr().(*net.TCPAddr).Port
	if port <= 6000 {
		t.Skip("port below the X range")
	}
	t.Setenv("DISPLAY", "127.0.0.1:"+strconv.Itoa(port-6000))
	go func() {
		if c, err := l.Accept(); err == nil {
			_ = c.Close()
		}
	}()
	if err := Check(); err != nil {
		t.Fatalf("live display refused: %v", err)
	}
	t.Setenv("WAYLAND_DISPLAY", "wayland-0")
	t.Setenv("DISPLAY", "")
	if err := Check(); err != nil {
		t.Fatalf("Wayland refused: %v", err)
	}
}

func TestMessageIsBilingual(t *testing.T) {
	m := Message(ErrNoDisplay)
	for _, want := range []string{"디스플레이", "No graphical display", "DISPLAY"} {
		if !strings.Contains(m, want) {
			t.Errorf("message lacks %q", want)
		}
	}
}
