package store

import (
	"encoding/binary"
	"fmt"
	"time"
)

// Key joins parts into a key. Strings are written as they are, followed by a
// '/' separator; numbers and times are written as 8 fixed-width big-endian
// bytes so that byte order is numeric (and time) order. Strings must not
// contain '/'.
func Key(parts ...any) []byte {
	k := make([]byte, 0, 32)
	for i, p := range parts {
		if i > 0 {
			k = append(k, '/')
		}
		switch v := p.(type) {
		case string:
			k = append(k, v...)
		case []byte:
			k = append(k, v...)
		case uint64:
			k = binary.BigEndian.AppendUint64(k, v)
		case int64:
			k = binary.BigEndian.AppendUint64(k, uint64(v)^(1<<63))
		case int:
			k = binary.BigEndian.AppendUint64(k, uint64(int64(v))^(1<<63))
		case time.Time:
			k = binary.BigEndian.AppendUint64(k, uint64(v.Unix())^(1<<63))
		default:
			panic(fmt.Sprintf("store.Key: unsupported part %T", p))
		}
	}
	return k
}

// Prefix is Key followed by a separator, for scanning everything below it.
func Prefix(parts ...any) []byte {
	return append(Key(parts...), '/')
}

// Int64At decodes the fixed-width signed number that Key wrote at offset off.
func Int64At(k []byte, off int) int64 {
	return int64(binary.BigEndian.Uint64(k[off:off+8]) ^ (1 << 63))
}

// TimeAt decodes the time that Key wrote at offset off.
func TimeAt(k []byte, off int) time.Time {
	return time.Unix(Int64At(k, off), 0)
}
