package hangul_test

import (
	"fmt"

	"github.com/yeongdeungpo/kiosk/ui/hangul"
)

func ExampleComposer() {
	var c hangul.Composer
	for _, r := range "ㄷㅏㄹㄱ" {
		c.Input(r)
	}
	fmt.Println(c.Text())
	c.Input('ㅏ') // the final ㄱ moves to the next syllable
	fmt.Println(c.Committed(), c.Preedit())
	c.Backspace()
	fmt.Println(c.Text())
	c.Input('ㅗ')
	c.Input('ㄱ')
	c.Commit()
	c.Input('!')
	fmt.Println(c.Text())
	// Output:
	// 닭
	// 달 가
	// 달ㄱ
	// 달곡!
}

func ExampleCompose() {
	fmt.Println(hangul.Compose("ㄸㅗㅁㅂㅏㅇㄱㅏㄱㅎㅏ"))
	fmt.Println(hangul.Compose("ㄱㅣㅁㅁㅣㄴㅅㅜ 010-1234-5678"))
	fmt.Println(hangul.Compose("ㅂㅜㅔㄹㄱ\b\b"))
	fmt.Println(hangul.Compose(string(hangul.Shifted('ㄱ')) + "ㅏㅊㅣ"))
	// Output:
	// 똠방각하
	// 김민수 010-1234-5678
	// 붸
	// 까치
}
