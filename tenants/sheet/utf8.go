package sheet

import (
	"bytes"
	"io"
	"unicode/utf8"
)

// notUTF8 is the utf8Reader's error: the file has a byte sequence that is not
// UTF-8, first on line.
type notUTF8 struct{ line int }

func (e *notUTF8) Error() string { return "sheet: input is not UTF-8" }

var bom = []byte{0xEF, 0xBB, 0xBF}

// utf8Reader passes its source on, minus a leading BOM, as long as it is valid
// UTF-8. At the first invalid byte it stops at the start of that byte's line
// and from then on returns a *notUTF8 naming the line, so that everything
// before the bad line is still read (and its errors reported first).
type utf8Reader struct {
	src     io.Reader
	buf     []byte
	ready   []byte // checked bytes not yet handed out
	tail    []byte // the start of a rune cut by the end of the last read, or a partial BOM
	lines   int    // newlines in the bytes checked so far
	err     error  // sticky, returned once ready is empty
	bomDone bool
	bad     *notUTF8 // set when an invalid byte was found
}

func newUTF8Reader(src io.Reader) *utf8Reader {
	return &utf8Reader{src: src, buf: make([]byte, 32<<10)}
}

func (c *utf8Reader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	empty := 0
	for len(c.ready) == 0 {
		if c.err != nil {
			return 0, c.err
		}
		if c.fill() {
			empty = 0
		} else if empty++; empty >= 100 {
			return 0, io.ErrNoProgress
		}
	}
	n := copy(p, c.ready)
	c.ready = c.ready[n:]
	return n, nil
}

// fill reads once from the source and checks what it got. It reports whether
// the source made progress.
func (c *utf8Reader) fill() bool {
	k := copy(c.buf, c.tail)
	n, err := c.src.Read(c.buf[k:])
	data := c.buf[:k+n]
	c.tail = nil
	if !c.bomDone {
		if err == nil && len(data) < len(bom) && bytes.HasPrefix(bom, data) {
			c.tail = data // wait for the rest of what may be a BOM
			return n > 0
		}
		data = bytes.TrimPrefix(data, bom)
		c.bomDone = true
	}
	if err != io.EOF {
		// Keep back a rune cut in two by the end of this read: the rest
		// is still to come (or, after a read error, will never be judged).
		for i := len(data) - 1; i >= 0 && i >= len(data)-(utf8.UTFMax-1); i-- {
			if utf8.RuneStart(data[i]) {
				if !utf8.FullRune(data[i:]) {
					c.tail = data[i:]
					data = data[:i]
				}
				break
			}
		}
	}
	if utf8.Valid(data) {
		c.lines += bytes.Count(data, []byte{'\n'})
		c.ready = data
		c.err = err
		return n > 0 || err != nil
	}
	good := data[:firstInvalid(data)]
	c.bad = &notUTF8{line: c.lines + bytes.Count(good, []byte{'\n'}) + 1}
	c.ready = good[:bytes.LastIndexByte(good, '\n')+1]
	c.tail = nil
	c.err = c.bad
	return true
}

// firstInvalid is the offset of the first byte of b that does not begin a
// valid UTF-8 sequence, len(b) if there is none.
func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(b)
}
