package centre

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/yeongdeungpo/kiosk/booking/pass"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// OpenMessage turns an error of Open or OpenWith into one line for the
// person at the kiosk or the terminal, in Korean and English: the centre's
// own refusals here, the store's by store.OpenMessage.
func OpenMessage(dir string, err error) string {
	keys := filepath.Join(dir, pass.KeyFile)
	switch {
	case errors.Is(err, ErrLiveClock):
		return fmt.Sprintf("데이터 폴더(%s)는 실제 운영 폴더라서 -now(시계 지정)로는 바꿀 수 없습니다. -now로 바꾸는 명령은 -now로 처음 만든 연습 폴더에서만 씁니다(아무것도 바꾸지 않았습니다). / The data directory (%s) is live: -now cannot change it; commands that write take -now only in a rehearsal directory, one first created with -now (nothing was changed).", dir, dir)
	case errors.Is(err, ErrPassKeysMissing):
		return fmt.Sprintf("입장권 키 파일(%s)이 없는데 예약 기록이 있습니다. 새 키를 만들면 이미 발급한 입장권이 모두 위조로 거절되므로 열지 않았습니다. 키 파일이나 데이터 폴더 전체를 백업에서 복원하세요. / The pass key file (%s) is missing but the store holds bookings: a new key would make every pass already issued read as not genuine, so nothing was opened. Restore the file, or the whole data directory, from a backup.", keys, keys)
	case errors.Is(err, pass.ErrKeyFile):
		why := err.Error()
		if i := strings.LastIndex(why, keys+": "); i >= 0 {
			why = why[i+len(keys)+2:]
		}
		why = strings.TrimSuffix(why, " (left as it is; fix or move it away)")
		return fmt.Sprintf("입장권 키 파일(%s)을 쓸 수 없어 열지 않았습니다. 파일은 그대로 두었습니다: 키 파일이나 데이터 폴더 전체를 백업에서 복원하세요. / The pass key file (%s) cannot be used (%s); it was left as it is: restore it, or the whole data directory, from a backup.", keys, keys, why)
	}
	return store.OpenMessage(dir, err)
}
