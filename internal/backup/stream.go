package backup

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/yeongdeungpo/kiosk/internal/store"
)

// Badger's backup stream is a sequence of protobuf KVList messages, each
// after its length (8 bytes, little-endian). A KVList is repeated KV (field
// 1); a KV has key (1), value (2), version (4) and meta (6) among others.
// scanStream reads it as it is written and keeps two facts: the audit
// entry with the greatest sequence number (the head of the chain in the
// snapshot) and the schema version.

const (
	kvListKV  = 1
	kvKey     = 1
	kvValue   = 2
	kvVersion = 4
	kvMeta    = 6
	// bitDelete marks a deleted key in a KV's meta byte (Badger's own).
	bitDelete = 1
)

// maxKV bounds one KV's encoding: the store's values are small JSON (large
// ones go to Badger's value log at 64 KiB, and a bulk batch is 256 KiB).
const maxKV = 64 << 20

type streamFacts struct {
	seq    uint64
	hash   string
	schema int
}

var (
	auditPrefix = store.Prefix("audit")
	schemaKey   = store.Key("meta", "schema")
)

func scanStream(r io.Reader) (streamFacts, error) {
	br := bufio.NewReaderSize(r, 256<<10)
	var facts streamFacts
	var headVal []byte
	var schemaVersion uint64
	var kv []byte
	var size [8]byte
	for {
		if _, err := io.ReadFull(br, size[:]); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return facts, err
		}
		left := binary.LittleEndian.Uint64(size[:])
		for left > 0 {
			tag, n, err := readUvarint(br)
			if err != nil {
				return facts, err
			}
			left -= min(left, uint64(n))
			field, wire := tag>>3, tag&7
			if wire != 2 {
				return facts, fmt.Errorf("KVList field %d of wire type %d", field, wire)
			}
			l, n, err := readUvarint(br)
			if err != nil {
				return facts, err
			}
			left -= min(left, uint64(n))
			if l > left {
				return facts, fmt.Errorf("KVList field of %d bytes past its end", l)
			}
			left -= l
			if field != kvListKV {
				if _, err := br.Discard(int(l)); err != nil {
					return facts, err
				}
				continue
			}
			if l > maxKV {
				return facts, fmt.Errorf("a KV of %d bytes", l)
			}
			if uint64(cap(kv)) < l {
				kv = make([]byte, l)
			}
			kv = kv[:l]
			if _, err := io.ReadFull(br, kv); err != nil {
				return facts, err
			}
			key, val, version, meta, err := parseKV(kv)
			if err != nil {
				return facts, err
			}
			if meta&bitDelete != 0 {
				continue
			}
			switch {
			case len(key) == len(auditPrefix)+8 && bytes.HasPrefix(key, auditPrefix):
				if seq := binary.BigEndian.Uint64(key[len(auditPrefix):]); seq > facts.seq {
					facts.seq, headVal = seq, bytes.Clone(val)
				}
			case bytes.Equal(key, schemaKey) && version >= schemaVersion:
				schemaVersion = version
				if err := json.Unmarshal(val, &facts.schema); err != nil {
					return facts, fmt.Errorf("schema version: %w", err)
				}
			}
		}
	}
	if facts.seq > 0 {
		var e store.AuditEntry
		if err := json.Unmarshal(headVal, &e); err != nil {
			return facts, fmt.Errorf("audit entry %d: %w", facts.seq, err)
		}
		if e.Seq != facts.seq {
			return facts, fmt.Errorf("audit entry %d says it is %d", facts.seq, e.Seq)
		}
		facts.hash = e.Hash
	}
	return facts, nil
}

func readUvarint(br *bufio.Reader) (uint64, int, error) {
	var x uint64
	for i := 0; i < binary.MaxVarintLen64; i++ {
		b, err := br.ReadByte()
		if err != nil {
			if errors.Is(err, io.EOF) {
				err = io.ErrUnexpectedEOF
			}
			return 0, i, err
		}
		x |= uint64(b&0x7f) << (7 * i)
		if b < 0x80 {
			return x, i + 1, nil
		}
	}
	return 0, binary.MaxVarintLen64, errors.New("varint too long")
}

// parseKV picks the fields scanStream needs out of an encoded KV.
func parseKV(b []byte) (key, val []byte, version uint64, meta byte, err error) {
	for len(b) > 0 {
		tag, n := binary.Uvarint(b)
		if n <= 0 {
			return nil, nil, 0, 0, errors.New("bad KV tag")
		}
		b = b[n:]
		field, wire := tag>>3, tag&7
		switch wire {
		case 0:
			v, n := binary.Uvarint(b)
			if n <= 0 {
				return nil, nil, 0, 0, errors.New("bad KV varint")
			}
			b = b[n:]
			if field == kvVersion {
				version = v
			}
		case 1:
			if len(b) < 8 {
				return nil, nil, 0, 0, errors.New("short KV fixed64")
			}
			b = b[8:]
		case 5:
			if len(b) < 4 {
				return nil, nil, 0, 0, errors.New("short KV fixed32")
			}
			b = b[4:]
		case 2:
			l, n := binary.Uvarint(b)
			if n <= 0 || uint64(len(b)-n) < l {
				return nil, nil, 0, 0, errors.New("bad KV bytes")
			}
			v := b[n : n+int(l)]
			b = b[n+int(l):]
			switch field {
			case kvKey:
				key = v
			case kvValue:
				val = v
			case kvMeta:
				if len(v) > 0 {
					meta = v[0]
				}
			}
		default:
			return nil, nil, 0, 0, fmt.Errorf("KV field %d of wire type %d", field, wire)
		}
	}
	return key, val, version, meta, nil
}
