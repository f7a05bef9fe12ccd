package store

import (
	"errors"
	"fmt"
)

// OpenMessage turns an Open error into one line for the person at the kiosk
// or the terminal, in Korean and English.
func OpenMessage(dir string, err error) string {
	switch {
	case errors.Is(err, ErrInUse):
		return fmt.Sprintf("다른 프로그램이 데이터 폴더를 사용하고 있습니다(%s). 그 프로그램을 끝낸 뒤 다시 시도하세요. / Another program is using the data directory (%s); close it and try again.", dir, dir)
	case errors.Is(err, ErrUnreadable):
		return fmt.Sprintf("데이터 폴더를 열 수 없습니다(%s): 경로와 권한을 확인하세요. / Cannot open the data directory (%s): check the path and its permissions.", dir, dir)
	case errors.Is(err, ErrNewerSchema):
		return fmt.Sprintf("데이터 폴더(%s)는 더 새 버전의 키오스크가 쓴 것입니다. 새 버전을 설치하세요(데이터는 바꾸지 않았습니다). / The data directory (%s) was written by a newer version of the kiosk; install that version (nothing was changed).", dir, dir)
	case errors.Is(err, ErrDiskFull):
		return fmt.Sprintf("디스크가 가득 찼습니다(%s): 공간을 비운 뒤 다시 시도하세요. 잃은 데이터는 없습니다. / The disk is full (%s): free some space and try again; nothing was lost.", dir, dir)
	case errors.Is(err, ErrCorrupt):
		if t, ok := causeText[CauseOf(err)]; ok && t.en != "" {
			return fmt.Sprintf("데이터 폴더가 손상되었습니다(%s: %s): 백업에서 복원하세요. / The data directory is damaged (%s: %s): restore it from a backup.", dir, t.ko, dir, t.en)
		}
		return fmt.Sprintf("데이터 폴더가 손상되었습니다(%s): 백업에서 복원하세요. / The data directory is damaged (%s): restore it from a backup.", dir, dir)
	default:
		return fmt.Sprintf("데이터 폴더를 여는 중 오류가 났습니다(%s). / Could not open the data directory (%s): %v", dir, dir, err)
	}
}
