// Package display checks, before any window is made, that the kiosk has a
// graphical display to draw on, so that a missing one is a clear message
// instead of a GLFW panic.
package display

import (
	"errors"
	"fmt"
	"net"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// ErrNoDisplay: there is no display to open a window on.
var ErrNoDisplay = errors.New("no graphical display")

// Check reports whether a window can be opened: on Linux and the BSDs it
// needs WAYLAND_DISPLAY, or DISPLAY naming an X server that accepts a
// connection. Other systems always pass.
func Check() error {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		return nil
	}
	if os.Getenv("WAYLAND_DISPLAY") != "" {
		return nil
	}
	d := os.Getenv("DISPLAY")
	if d == "" {
		return fmt.Errorf("%w: DISPLAY is not set", ErrNoDisplay)
	}
	network, addr, err := xAddress(d)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrNoDisplay, err)
	}
	c, err := net.DialTimeout(network, addr, 2*time.Second)
	if err != nil {
		return fmt.Errorf("%w: X server %s does not answer (%v)", ErrNoDisplay, d, err)
	}
	_ = c.Close()
	return nil
}

// xAddress turns DISPLAY ("[host]:n[.screen]") into where its X server
// listens.
func xAddress(d string) (network, addr string, err error) {
	i := strings.LastIndexByte(d, ':')
	if i < 0 {
		return "", "", fmt.Errorf("DISPLAY %q has no display number", d)
	}
	host, num := d[:i], d[i+1:]
	if j := strings.IndexByte(num, '.'); j >= 0 {
		num = num[:j]
	}
	n, err := strconv.Atoi(num)
	if err != nil || n < 0 {
		return "", "", fmt.Errorf("DISPLAY %q has no display number", d)
	}
	if host == "" || host == "unix" {
		return "unix", "/tmp/.X11-unix/X" + strconv.Itoa(n), nil
	}
	if strings.HasPrefix(host, "/") { // a socket path (XQuartz style)
		return "unix", d, nil
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	return "tcp", net.JoinHostPort(host, strconv.Itoa(6000+n)), nil
}

// Message is the line shown on the terminal, in Korean and English.
func Message(err error) string {
	return "화면(디스플레이)을 찾을 수 없습니다. 모니터가 연결된 데스크톱에서 실행하거나, " +
		"Xvfb를 켜고 DISPLAY를 설정하세요. / No graphical display found: run the kiosk on a desktop, " +
		"or start Xvfb and set DISPLAY (" + err.Error() + ")."
}
