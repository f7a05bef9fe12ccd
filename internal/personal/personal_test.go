package personal

import "testing"

func TestMasksAndCleaning(t *testing.T) {
	masks := []struct{ in, name, phone string }{
		{"홍길동", "홍**", "***"},
		{"K", "*", "*"},
		{"", "", ""},
		{"010-1234-5678", "0************", "010-****-5678"},
		{"02-123-4567", "0**********", "02-***-4567"},
		{"01012345678", "0**********", "*******5678"},
	}
	for _, m := range masks {
		if got := MaskName(m.in); got != m.name {
			t.Errorf("MaskName(%q) = %q, want %q", m.in, got, m.name)
		}
		if got := MaskPhone(m.in); got != m.phone {
			t.Errorf("MaskPhone(%q) = %q, want %q", m.in, got, m.phone)
		}
	}
	clean := []struct {
		in, want string
		ok       bool
	}{
		{"  새싹   랩 ", "새싹 랩", true},
		{"", "", false},
		{"가\u200b나", "", false}, // a zero-width space
		{"a\tb", "a b", true},   // tabs are white space, collapsed
		{"가나다라마", "가나다라마", true},
		{"가나다라마바", "", false}, // over maxLen 5
	}
	for _, c := range clean {
		got, ok := CleanText(c.in, 1, 5)
		if ok != c.ok || (ok && got != c.want) {
			t.Errorf("CleanText(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
	for _, c := range []struct {
		in   string
		want string
		ok   bool
	}{{"010-1234 5678", "01012345678", true}, {"010.1234", "", false}, {"", "", true}} {
		d, ok := PhoneDigits(c.in)
		if ok != c.ok || string(d) != c.want {
			t.Errorf("PhoneDigits(%q) = %q, %v", c.in, d, ok)
		}
	}
}
