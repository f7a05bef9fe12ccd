package ui

import "testing"

func TestScreensRender(t *testing.T) {
	f := newFixture(t, at(8, 0))
	f.book("seminar", at(10, 0), at(12, 0))
	f.book("meeting", at(11, 0), at(13, 0))
	f.book("consulting", at(9, 0), at(17, 0))
	f.book("consulting", at(17, 0), at(22, 0))
	f.lease("L1", "I01", "주식회사 새싹랩")
	f.lease("L2", "I02", "Blue Ocean Robotics")
	f.lease("L3", "Y01", "청년상점")
	f.clock.t = at(11, 30)
	f.shell.GoHome()
	f.shot("home")
	f.tapText(T("home.tile.directory"))
	f.shot("directory")
	f.shell.GoHome()
	f.shell.SwitchLanguage(English)
	f.shot("home-en")
	f.tapText(T("home.tile.staff"))
	f.shot("staff-setup")
}
