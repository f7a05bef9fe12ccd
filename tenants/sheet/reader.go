package sheet

import (
	"encoding/csv"
	"errors"
	"io"
	"io/fs"
	"strings"
)

// columns is one file's set of column names; a column's id is its index.
type columns struct {
	names    []string
	required int // names[:required] are required, the rest optional
}

func (cs *columns) id(name string) int {
	for i, n := range cs.names {
		if n == name {
			return i
		}
	}
	return -1
}

// nameless marks a field under a blank header cell.
const nameless = -1

// table reads one CSV file's header and then its rows, one at a time.
type table struct {
	cols  *columns
	src   *utf8Reader
	csv   *csv.Reader
	pos   []int    // column id of each field position, or nameless
	rec   []string // the current record; reused by the next read
	line  int      // the current record's first line
	width int      // fields per record, from the header
}

// open reads the header of a file with the given columns.
func open(r io.Reader, cols *columns) (*table, error) {
	src := newUTF8Reader(r)
	cr := csv.NewReader(src)
	cr.FieldsPerRecord = -1 // checked here, after skipping blank rows
	cr.ReuseRecord = true
	t := &table{cols: cols, src: src, csv: cr}
	ok, err := t.read()
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, &RowError{
			KO: "파일이 비어 있습니다(머리글 행도 없습니다)",
			EN: "the file is empty (not even a header row)",
		}
	}
	if err := t.header(); err != nil {
		return nil, err
	}
	return t, nil
}

// read moves to the next record with at least one non-blank cell; false at
// the end of the file.
func (t *table) read() (bool, error) {
	for {
		rec, err := t.csv.Read()
		if err == io.EOF {
			return false, nil
		}
		if err != nil {
			return false, t.readError(err)
		}
		if blank(rec) {
			continue
		}
		t.rec = rec
		t.line, _ = t.csv.FieldPos(0)
		return true, nil
	}
}

// next moves to the next data row and checks its field count and its
// nameless fields; false at the end of the file.
func (t *table) next() (bool, error) {
	ok, err := t.read()
	if !ok || err != nil {
		return false, err
	}
	if len(t.rec) != t.width {
		return false, &RowError{Line: t.line, KO: sprintf(
			"이 행은 칸이 %d개인데 머리글은 %d개입니다(쉼표 수를 확인하고, 쉼표가 든 값은 따옴표로 감싸세요)",
			len(t.rec), t.width), EN: sprintf(
			"this row has %d fields but the header has %d (check the commas; quote a value that contains one)",
			len(t.rec), t.width)}
	}
	return true, nil
}

// fieldError places a reason at the current row and the column of id.
func (t *table) fieldError(id int, why *reason) *RowError {
	return &RowError{Line: t.line, Column: t.cols.names[id], KO: why.ko, EN: why.en}
}

// namelessValue refuses a value under a blank header cell (field index i).
func (t *table) namelessValue(i int, v string) *RowError {
	return &RowError{Line: t.line,
		KO: sprintf("%d번째 칸은 머리글에 열 이름이 없는데 값 %s이(가) 있습니다", i+1, quote(v)),
		EN: sprintf("field %d has no column name in the header but holds %s", i+1, quote(v)),
	}
}

// readError turns an error from the CSV reader into a RowError, or returns
// an I/O error as it is.
func (t *table) readError(err error) error {
	var pe *csv.ParseError
	isParse := errors.As(err, &pe)
	if bad := t.src.bad; bad != nil && (!isParse || pe.Line >= bad.line) {
		// The reader stops before the bad line, so a parse error there is
		// a symptom of the encoding.
		return &RowError{Line: bad.line,
			KO: "UTF-8이 아닌 글자가 있습니다(엑셀에서 CP949/EUC-KR로 저장한 파일로 보입니다). 엑셀의 '다른 이름으로 저장'에서 'CSV UTF-8(쉼표로 분리)'을 골라 다시 저장하세요",
			EN: `the file is not UTF-8 (it looks saved as CP949/EUC-KR by Excel); in Excel use Save As and choose "CSV UTF-8 (Comma delimited)", then try again`,
		}
	}
	if !isParse {
		return err
	}
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return &RowError{Line: pe.Line,
			KO: `따옴표(")가 든 값은 값 전체를 따옴표로 감싸고, 안의 따옴표는 두 번("") 써야 합니다`,
			EN: `a value containing a quote (") must be enclosed in quotes, with the inner quote doubled ("")`,
		}
	case errors.Is(pe.Err, csv.ErrQuote):
		return &RowError{Line: pe.StartLine,
			KO: `따옴표(")로 시작한 값이 제대로 닫히지 않았습니다`,
			EN: `a value that starts with a quote (") is not closed properly`,
		}
	}
	return &RowError{Line: pe.Line, KO: "CSV 형식 오류: " + pe.Err.Error(), EN: "malformed CSV: " + pe.Err.Error()}
}

// header reads the current record as the header: every name known, none
// twice, every required one present.
func (t *table) header() error {
	cols := t.cols
	t.width = len(t.rec)
	t.pos = make([]int, len(t.rec))
	known := false
	for i, raw := range t.rec {
		name := headerName(raw)
		t.pos[i] = nameless
		if name != "" {
			t.pos[i] = cols.id(name)
			known = known || t.pos[i] >= 0
		}
	}
	all := strings.Join(cols.names[:cols.required], ",")
	if !known {
		return &RowError{
			KO: "첫 행은 열 이름을 적은 머리글이어야 합니다: " + all,
			EN: "the first row must be a header naming the columns: " + all,
		}
	}
	seen := make([]int, len(cols.names)) // 1 + the field position of each column
	for i, id := range t.pos {
		name := headerName(t.rec[i])
		switch {
		case id >= 0 && seen[id] > 0:
			return &RowError{Column: name,
				KO: sprintf("머리글에 %s 열이 두 번 있습니다(%d번째와 %d번째 칸)", columnLabel(name), seen[id], i+1),
				EN: sprintf("column %s appears twice in the header (fields %d and %d)", columnLabel(name), seen[id], i+1),
			}
		case id >= 0:
			seen[id] = i + 1
		case name != "":
			ko := sprintf("머리글의 %s은(는) 알 수 없는 열 이름입니다(쓸 수 있는 열: %s)", quote(name), strings.Join(cols.names, ","))
			en := sprintf("unknown column %s in the header (the columns are %s)", quote(name), strings.Join(cols.names, ","))
			if s := suggest(name, cols.names); s != "" {
				ko += sprintf(". 혹시 %s인가요?", s)
				en += sprintf("; did you mean %s?", s)
			}
			return &RowError{Column: name, KO: ko, EN: en}
		}
	}
	var missing []string
	for id, name := range cols.names[:cols.required] {
		if seen[id] == 0 {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		list := strings.Join(missing, ", ")
		return &RowError{Column: missing[0],
			KO: "머리글에 필수 열이 없습니다: " + list,
			EN: "the header lacks required column(s): " + list,
		}
	}
	return nil
}

func headerName(raw string) string { return strings.ToLower(strings.TrimSpace(raw)) }

// blank reports whether every cell of rec is blank.
func blank(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// suggest is the known name within two edits of name, if one is.
func suggest(name string, names []string) string {
	best, bestD := "", 3
	for _, n := range names {
		if d := editDistance(name, n); d < bestD && d < len([]rune(n)) {
			best, bestD = n, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 {
		return len(ra) // far too long to be a typo of a column name
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// rowsHint guesses how many rows r holds from its size, to preallocate.
func rowsHint(r io.Reader, bytesPerRow int) int {
	var size int64
	switch v := r.(type) {
	case interface{ Len() int }: // bytes.Reader, strings.Reader, bytes.Buffer
		size = int64(v.Len())
	case interface{ Stat() (fs.FileInfo, error) }: // os.File
		if fi, err := v.Stat(); err == nil && fi.Mode().IsRegular() {
			size = fi.Size()
		}
	}
	return int(min(max(size/int64(bytesPerRow), 16), 1<<20))
}
