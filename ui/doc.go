// Package ui is the kiosk's touchscreen: one struct per screen, each in its
// own file, owning its state and widgets, behind a thin navigator (Shell).
//
// Adding a screen is its file (a type with build, and enter, refresh, tick
// or scanned as it needs) and one line in screenSpecs (screens.go). Work
// that writes to or scans the store goes through Shell.background; refusals
// are shown with Shell.errorText; rules are asked of the domain packages.
package ui
