package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestOpenFailureRetriesUntilTheDirectoryOpens(t *testing.T) {
	a := test.NewTempApp(t)
	answers := []string{"디스크가 가득 찼습니다. / The disk is full.", ""}
	tries, started := 0, 0
	w := OpenFailure(a, "다른 프로그램이 사용 중입니다. / Another program is using it.", true,
		func() string { tries++; return answers[tries-1] }, func() { started++ })
	w.Resize(fyne.NewSize(1280, 800))
	w.Show()
	has := func(s string) bool {
		found := false
		walk(w.Content(), func(o fyne.CanvasObject) {
			if l, ok := o.(*widget.Label); ok && l.Text == s {
				found = true
			}
		})
		return found
	}
	if !has("다른 프로그램이 사용 중입니다.\n\nAnother program is using it.") {
		t.Fatal("the first reason is not shown, Korean above English")
	}
	tapButton := func() {
		t.Helper()
		var b *TouchButton
		walk(w.Content(), func(o fyne.CanvasObject) {
			if tb, ok := o.(*TouchButton); ok {
				b = tb
			}
		})
		if b == nil || b.Disabled() {
			t.Fatal("no enabled retry button")
		}
		test.Tap(b)
	}
	tapButton()
	if started != 0 || !has("디스크가 가득 찼습니다.\n\nThe disk is full.") {
		t.Fatalf("after a failed retry: started %d times, reason not updated", started)
	}
	tapButton()
	if tries != 2 || started != 1 {
		t.Fatalf("after a good retry: %d tries, started %d times; want 2, 1", tries, started)
	}
}
