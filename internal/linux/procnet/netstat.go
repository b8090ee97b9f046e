package procnet

import (
	"bufio"
	"bytes"
	"fmt"
	"io"

	"github.com/gonetstat/netstat/internal/counters"
)

// ParseNetstat reads /proc/net/netstat (TcpExt, IpExt, MPTcpExt, …), which
// has the header/value pair layout of /proc/net/snmp; see ParsePairs.
func ParseNetstat(r io.Reader) ([]counters.Section, error) { return ParsePairs(r) }

// ParsePairs reads a file of line pairs, a header "Title: Key1 Key2 …" and
// values "Title: v1 v2 …", with the rules of net-tools 2.10:
//
//   - a line that starts with a newline where a header is due is skipped;
//   - a header left without a value line at the end is dropped;
//   - the section is named by the header's text before its first ':', the
//     value line's title is ignored; a NUL byte ends a line's text;
//   - keys are the header's words after the ':' (separated by blanks, tabs
//     and newlines); each takes the next value as C strtoull reads it:
//     missing values are 0, "-1" wraps to 2^64-1, an overflow is 2^64-1,
//     and a word that is not a number gives 0 for it and every later key;
//   - a pair with no ':' in either line ends the file: the sections before
//     it are returned with an error wrapping counters.ErrFormat.
//
// A read error is returned as is, with the sections read before it.
func ParsePairs(r io.Reader) ([]counters.Section, error) {
	br := bufio.NewReader(r)
	var secs []counters.Section
	for pair := 1; ; pair++ {
		head, err := readWholeLine(br)
		if head == nil {
			return secs, ignoreEOF(err)
		}
		if head[0] == '\n' {
			pair--
			continue
		}
		vals, err := readWholeLine(br)
		if vals == nil {
			return secs, ignoreEOF(err)
		}
		head, vals = cString(head), cString(vals)
		hc, vc := bytes.IndexByte(head, ':'), bytes.IndexByte(vals, ':')
		if hc < 0 || vc < 0 {
			return secs, fmt.Errorf("%w: line pair %d lacks a ':'", counters.ErrFormat, pair)
		}
		secs = append(secs, pairSection(string(head[:hc]), head[hc+1:], vals[vc+1:]))
	}
}

// pairSection matches the keys of a header with the values of its value
// line.
func pairSection(title string, keys, vals []byte) counters.Section {
	sec := counters.Section{Name: title}
	for _, key := range bytes.FieldsFunc(keys, func(r rune) bool { return r < 0x80 && isStatsBlank(byte(r)) }) {
		for len(vals) > 0 && isStatsBlank(vals[0]) {
			vals = vals[1:]
		}
		v, used, _ := cStrtoul(vals, 10)
		vals = vals[used:]
		sec.Counters = append(sec.Counters, counters.Counter{Name: string(key), Value: v})
	}
	return sec
}

// ignoreEOF turns io.EOF into nil.
func ignoreEOF(err error) error {
	if err == io.EOF {
		return nil
	}
	return err
}
